package stix_test

import (
	"flag"
	"io/fs"
)

func flagUpdate() *bool { return flag.Bool("update", false, "rewrite the golden files") }

func fsReadDir(fsys fs.FS) ([]string, error) {
	es, err := fs.ReadDir(fsys, ".")
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names, err
}

func fsReadFile(fsys fs.FS, name string) ([]byte, error) { return fs.ReadFile(fsys, name) }
