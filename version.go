package main

import (
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// readBuildInfo is debug.ReadBuildInfo; the tests pin it (see TestMain), so
// that what --version prints and the artifacts' producer line do not depend
// on how the test binary was built.
var readBuildInfo = debug.ReadBuildInfo

// buildVersion is what --version prints after the name and what both
// artifacts carry in their producer line: "v1.2.0 (commit 0123456789ab,
// 2026-12-06)" for a build of a tagged commit, "(devel) (commit …)" for any
// other commit, "(devel)" when the build recorded no commit (go test, go
// build -buildvcs=false, or a build outside a git clone).
var buildVersion = sync.OnceValue(func() string {
	bi, _ := readBuildInfo()
	return versionOf(bi)
})

// versionOf reads the version from the build information the go command
// writes into every binary. Since Go 1.24 `go build` sets the main module's
// version from the repository: the tag when the commit has a semantic
// version tag ("v1.2.0", "+dirty" appended when the tree has uncommitted
// changes), else a pseudo-version. A pseudo-version names no release, so it
// is shown as "(devel)"; the commit and its date, from the vcs.* settings,
// follow either way.
func versionOf(bi *debug.BuildInfo) string {
	if bi == nil {
		return "(devel)"
	}
	v := bi.Main.Version
	if v == "" || pseudoVersion.MatchString(v) {
		v = "(devel)"
	}
	var rev, when string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			if t, err := time.Parse(time.RFC3339Nano, s.Value); err == nil {
				when = t.UTC().Format(time.DateOnly)
			}
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return v
	}
	parts := []string{"commit " + rev[:min(12, len(rev))]}
	if when != "" {
		parts = append(parts, when)
	}
	if modified {
		parts = append(parts, "modified")
	}
	return v + " (" + strings.Join(parts, ", ") + ")"
}

// pseudoVersion matches the versions the go command makes up for an
// untagged commit: vX.0.0-yyyymmddhhmmss-abcdefabcdef,
// vX.Y.Z-pre.0.yyyymmddhhmmss-… and vX.Y.(Z+1)-0.yyyymmddhhmmss-…, with any
// build suffix ("+dirty"). The pattern is golang.org/x/mod/module's
// pseudoVersionRE.
var pseudoVersion = regexp.MustCompile(`^v[0-9]+\.(0\.0-|\d+\.\d+-([^+]*\.)?0\.)\d{14}-[A-Za-z0-9]+(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`)
