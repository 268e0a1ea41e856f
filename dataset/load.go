package dataset

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
)

// The files of a dataset folder, in the order they are read.
const (
	FileMeta        = "dataset.toml"
	FileSources     = "sources.toml"
	FileOriginators = "originators.toml"
	FileClaims      = "claims.toml"
	FileIncidents   = "incidents.toml"
)

// Files lists the data files of a dataset folder.
var Files = []string{FileMeta, FileSources, FileOriginators, FileClaims, FileIncidents}

// Options configure Load.
type Options struct {
	// Name is how the folder is named in error messages: a path in the
	// platform's form ("testdata/x"; C:\data on Windows), to which the
	// files' names are joined with filepath.Join.
	Name string
	// Archive, when set, holds the archived article texts named by each
	// source's archive field; citation excerpts are then verified against
	// the paragraphs they cite.
	Archive fs.FS
	// ArchivePartial, when set, lets Archive lack a source's copy: that
	// source's excerpts are then not verified, which is a warning. Set it
	// for a folder found beside the data rather than named by the user.
	ArchivePartial bool
	// Glyphs, when set, tells which characters the briefing can draw: a
	// text field holding one it cannot is an error with its position.
	Glyphs Glyphs
}

type sourcesFile struct {
	Source []*Source `toml:"source"`
}
type originatorsFile struct {
	Originator []*Originator `toml:"originator"`
}
type claimsFile struct {
	Claim []*Claim `toml:"claim"`
}
type incidentsFile struct {
	Incident []*Incident `toml:"incident"`
}

// dataFiles holds what each data file decodes into.
type dataFiles struct {
	meta        Meta
	sources     sourcesFile
	originators originatorsFile
	claims      claimsFile
	incidents   incidentsFile
}

// target returns where the data file name decodes to, or nil for a name
// not in Files.
func (f *dataFiles) target(name string) any {
	switch name {
	case FileMeta:
		return &f.meta
	case FileSources:
		return &f.sources
	case FileOriginators:
		return &f.originators
	case FileClaims:
		return &f.claims
	case FileIncidents:
		return &f.incidents
	}
	return nil
}

// Load reads, decodes and validates the dataset in fsys. When the dataset is
// invalid the error is an ErrorList holding every problem, sorted.
func Load(fsys fs.FS, opt Options) (*Dataset, error) {
	v := &validator{name: opt.Name, fsys: fsys, archivePartial: opt.ArchivePartial}
	d := &Dataset{}
	var f dataFiles
	h := sha256.New()
	v.broken = map[string]bool{}
	for _, name := range Files {
		if err := v.read(fsys, name, h, f.target(name)); err != nil {
			v.broken[name] = true
			if errors.Is(err, fs.ErrNotExist) {
				v.fileErr(name, "file is missing", "a dataset folder holds "+strings.Join(Files, ", ")+"; dprkreport --init DIR writes a starting point")
			} else {
				v.fileErr(name, strings.TrimPrefix(err.Error(), "open "+name+": "), "")
			}
		}
		if v.broken[name] {
			// What a broken file decoded before its error is not
			// validated: its problems would be guesses.
			reflect.ValueOf(f.target(name)).Elem().SetZero()
		}
	}
	// The files that decoded are validated even when another did not;
	// the checks that reach into a broken file are skipped.
	d.Meta = f.meta
	d.Sources, d.Originators, d.Claims, d.Incidents = f.sources.Source, f.originators.Originator, f.claims.Claim, f.incidents.Incident
	d.Fingerprint = hex.EncodeToString(h.Sum(nil))
	v.validate(d, opt.Archive)
	v.provenance(d)
	v.texts(d, opt.Glyphs)
	if len(v.errs) > 0 || v.todo.count() > 0 {
		return nil, v.problems()
	}
	v.warnings(d)
	if v.warns.count() > 0 {
		d.Warnings = v.list(nil, &v.warns, "warnings")
	}
	return d, nil
}

// read decodes one file into target and adds it to the fingerprint. The
// file is checked to be UTF-8 text as it streams through the hash into one
// buffer, which the decoder reads in place. The error is for a file that
// cannot be read; problems in its content are recorded.
func (v *validator) read(fsys fs.FS, name string, h io.Writer, target any) error {
	f, fi, err := openRegular(fsys, name)
	if err != nil {
		return err
	}
	defer f.Close()
	fmt.Fprintf(h, "%s\x00%d\x00", name, fi.Size())
	tr := newTextReader(io.TeeReader(f, h))
	// One copy of the bytes, sized from the start; the decoder reads it
	// in place.
	buf := bytes.NewBuffer(make([]byte, 0, fi.Size()+bytes.MinRead))
	_, err = buf.ReadFrom(tr)
	data := buf.Bytes()
	if tr.problem != nil {
		tr.problem.File = v.display(name)
		v.errs = append(v.errs, tr.problem)
		v.broken[name] = true
		return nil
	}
	if err != nil {
		return err
	}
	if !v.decode(name, data, target) {
		v.broken[name] = true
	}
	return nil
}

const unknownHint = "check the spelling against the dataset format in README.md"

// decode reads one TOML document into target, recording syntax errors,
// type mismatches and unknown fields with their positions. It reports
// whether the whole document decoded: an unknown field is skipped, but the
// decoder stops at a syntax error or a mismatched type.
func (v *validator) decode(name string, data []byte, target any) bool {
	if decodeWhole(data, target) {
		return true
	}
	// Something to report: decode again with go-toml, which names the
	// first syntax or type error, and the shape check, which names every
	// unknown key and mistyped value. The shape check is a second parse
	// of the same bytes: run it beside the decoder.
	reflect.ValueOf(target).Elem().SetZero()
	var shape []shapeProblem
	var more int
	done := make(chan struct{})
	go func() {
		defer close(done)
		shape, more = shapeProblems(data, reflect.TypeOf(target), MaxErrors)
	}()
	err := toml.Unmarshal(data, target)
	<-done
	var de *toml.DecodeError
	if err != nil && !errors.As(err, &de) {
		v.fileErr(name, strings.TrimPrefix(err.Error(), "toml: "), "")
		return false
	}
	if de != nil && !typeMismatch.MatchString(de.Error()) {
		// A syntax error: the rest of the file cannot be read.
		line, col := de.Position()
		msg := strings.TrimPrefix(de.Error(), "toml: ")
		hint := ""
		if r := runeAt(data, line, col); r >= 0x80 && strings.Contains(msg, "key") {
			msg = fmt.Sprintf("invalid character %c in a bare key", r)
			hint = "quote the key, or spell it as the dataset format in README.md does"
		}
		v.errs = append(v.errs, &Error{File: v.display(name), Line: line, Col: col, Msg: msg, Hint: hint})
		return false
	}
	// Every unknown key and every type mismatch, each at its place: the
	// decoder would name only the first mismatch.
	for _, sp := range shape {
		e := &Error{File: v.display(name), Line: sp.line, Col: sp.col}
		if sp.found == "" {
			e.Msg, e.Hint = fmt.Sprintf("unknown field %q", sp.path), unknownHint
			if sp.suggest != "" {
				e.Hint = fmt.Sprintf("did you mean %q? %s", sp.suggest, unknownHint)
			}
		} else {
			e.Msg = fmt.Sprintf("%s: expected %s, found a TOML %s", sp.path, goType(sp.want.String()), sp.found)
			switch {
			case sp.want.Kind() == reflect.String && strings.Contains(sp.found, "date"):
				e.Hint = `write dates in quotes, e.g. as_of = "2024-06-30"`
			case sp.want.Kind() == reflect.String && sp.found != "array" && sp.found != "table":
				e.Hint = `write amounts and dates in quotes, e.g. value = "55000000"`
			}
		}
		v.errs = append(v.errs, e)
	}
	if more > 0 {
		v.errs = append(v.errs, &Error{File: v.display(name), Msg: fmt.Sprintf("and %d more unknown fields or mistyped values", more), Hint: unknownHint, More: more})
	}
	if de != nil && len(shape) == 0 {
		// A type error the shape check did not see: report the decoder's.
		line, col := de.Position()
		v.errs = append(v.errs, &Error{File: v.display(name), Line: line, Col: col, Msg: strings.TrimPrefix(de.Error(), "toml: ")})
	}
	return err == nil
}

// runeAt returns the character at line:col of a document (columns
// counted in bytes, as the decoder counts them), or -1.
func runeAt(data []byte, line, col int) rune {
	if line < 1 || col < 1 {
		return -1
	}
	for l := range strings.Lines(string(data)) {
		if line--; line == 0 {
			if col-1 < len(l) {
				r, _ := utf8.DecodeRuneInString(l[col-1:])
				return r
			}
			return -1
		}
	}
	return -1
}

var typeMismatch = regexp.MustCompile(`cannot decode TOML [\w -]+ into`)

// goType names a Go field type the way a dataset editor thinks of it.
func goType(t string) string {
	switch {
	case t == "string":
		return "a quoted string"
	case strings.HasPrefix(t, "int"):
		return "a whole number"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "[]"):
		return "a list [ … ]"
	}
	return "a table { … }"
}

func (v *validator) display(name string) string {
	if v.name == "" {
		return name
	}
	return filepath.Join(v.name, filepath.FromSlash(name))
}
