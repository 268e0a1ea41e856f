package dataset

import (
	"embed"
	"io/fs"
)

//go:embed data/*.toml
var embedded embed.FS

// Default returns the embedded default dataset folder.
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return sub
}

// ReadDefault returns one file of the embedded default dataset.
func ReadDefault(name string) ([]byte, error) { return embedded.ReadFile("data/" + name) }
