package dataset

import "io/fs"

// RegularFile tells, in the words a data file's error uses, why fi is not
// a regular file, or returns nil when it is: for the other files the
// command reads or appends to (the job summary).
func RegularFile(fi fs.FileInfo) error { return kind(fi) }
