package dataset

import "io/fs"

// Locate returns the line and column of each path in a data file of fsys,
// in the order given, paths written as the validator names places
// ("claim[3]", "claim[3].citations[1].source", arrays of tables and inline
// arrays indexed from 0). A path not in the file resolves to its nearest
// ancestor that is; a file that cannot be read resolves nothing.
func Locate(fsys fs.FS, file string, paths []string) [][2]int {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return make([][2]int, len(paths))
	}
	return resolve(data, paths)
}
