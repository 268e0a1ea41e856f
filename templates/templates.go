// Package templates embeds the briefing's default templates: Markdown with
// Go text/template directives. dprkreport --init copies them for editing,
// and --templates DIR reads an edited set.
package templates

import (
	"embed"
	"io/fs"
)

//go:embed *.md
var files embed.FS

// Main is the template the briefing executes; the others are partials it
// may call with {{template "name.md" .}}.
const Main = "briefing.md"

// Default returns the embedded templates.
func Default() fs.FS { return files }
