package dataset

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"

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
	// Name is how the folder is named in error messages ("testdata/x").
	Name string
	// Archive, when set, holds the archived article texts named by each
	// source's archive field; citation excerpts are then verified against
	// the paragraphs they cite.
	Archive fs.FS
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

// Load reads, decodes and validates the dataset in fsys. When the dataset is
// invalid the error is an ErrorList holding every problem, sorted.
func Load(fsys fs.FS, opt Options) (*Dataset, error) {
	v := &validator{name: opt.Name, fsys: fsys}
	d := &Dataset{}
	var sf sourcesFile
	var of originatorsFile
	var cf claimsFile
	var inf incidentsFile
	targets := map[string]any{
		FileMeta: &d.Meta, FileSources: &sf, FileOriginators: &of,
		FileClaims: &cf, FileIncidents: &inf,
	}
	h := sha256.New()
	for _, name := range Files {
		if err := v.read(fsys, name, h, targets[name]); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				v.fileErr(name, "file is missing", "a dataset folder holds "+strings.Join(Files, ", ")+"; dprkreport --init DIR writes a starting point")
			} else {
				v.fileErr(name, strings.TrimPrefix(err.Error(), "open "+name+": "), "")
			}
		}
	}
	if len(v.errs) > 0 {
		return nil, v.list()
	}
	d.Sources, d.Originators, d.Claims, d.Incidents = sf.Source, of.Originator, cf.Claim, inf.Incident
	d.Fingerprint = hex.EncodeToString(h.Sum(nil))
	v.validate(d, opt.Archive)
	if len(v.errs) > 0 || len(v.todo) > 0 {
		return nil, v.list()
	}
	return d, nil
}

// read decodes one file into target and adds it to the fingerprint. The
// file streams through the hash into the decoder, which holds the only copy
// of its bytes. The error is for a file that cannot be read; problems in its
// content are recorded.
func (v *validator) read(fsys fs.FS, name string, h io.Writer, target any) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return fmt.Errorf("is a directory")
	}
	fmt.Fprintf(h, "%s\x00%d\x00", name, fi.Size())
	v.decode(name, io.TeeReader(f, h), target)
	return nil
}

// decode reads one TOML file strictly into target, recording syntax errors,
// type mismatches and unknown fields with their positions.
func (v *validator) decode(name string, r io.Reader, target any) {
	dec := toml.NewDecoder(r)
	dec.DisallowUnknownFields()
	err := dec.Decode(target)
	if err == nil {
		return
	}
	var strict *toml.StrictMissingError
	var de *toml.DecodeError
	switch {
	case errors.As(err, &strict):
		for _, e := range strict.Errors {
			line, col := e.Position()
			key := strings.Join(e.Key(), ".")
			v.errs = append(v.errs, &Error{File: v.display(name), Line: line, Col: col,
				Msg:  fmt.Sprintf("unknown field %q", key),
				Hint: "check the spelling against the dataset format in README.md"})
		}
	case errors.As(err, &de):
		line, col := de.Position()
		msg := strings.TrimPrefix(de.Error(), "toml: ")
		hint := ""
		if m := typeMismatch.FindStringSubmatch(msg); m != nil {
			msg = fmt.Sprintf("%s: expected %s, found a TOML %s", strings.Join(de.Key(), "."), goType(m[2]), m[1])
			if m[2] == "string" {
				hint = `write amounts and dates in quotes, e.g. value = "55000000"`
			}
		}
		v.errs = append(v.errs, &Error{File: v.display(name), Line: line, Col: col, Msg: msg, Hint: hint})
	default:
		v.fileErr(name, strings.TrimPrefix(err.Error(), "toml: "), "")
	}
}

var typeMismatch = regexp.MustCompile(`cannot decode TOML (\w+) into struct field \S+ of type (\S+)`)

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
	return path.Join(v.name, name)
}
