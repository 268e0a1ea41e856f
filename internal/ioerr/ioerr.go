// Package ioerr shapes file errors for messages that name the file
// already.
package ioerr

import (
	"errors"
	"io/fs"
)

// Cause drops an *fs.PathError's own copy of the operation and path,
// leaving what went wrong: "open b.txt: file does not exist" becomes "file
// does not exist" in a message that names b.txt itself.
func Cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
