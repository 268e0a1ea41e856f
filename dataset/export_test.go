package dataset

import (
	"reflect"

	"github.com/pelletier/go-toml/v2"
)

// PlaceParses returns how many times error placement has parsed a file,
// and how many table headers those parses read.
func PlaceParses() (files, tables int64) { return placeParses.Load(), placeTables.Load() }

// DecodeBoth decodes the bytes of the data file name both ways Load can:
// by decodeWhole, and by go-toml with the shape check. whole and slow are
// new targets of the file's type; wholeOK reports whether decodeWhole took
// the document, slowOK whether go-toml decoded it without error and the
// shape check found nothing.
func DecodeBoth(name string, data []byte) (whole, slow any, wholeOK, slowOK bool) {
	var a, b dataFiles
	whole, slow = a.target(name), b.target(name)
	wholeOK = decodeWhole(data, whole)
	err := toml.Unmarshal(data, slow)
	shape, more := shapeProblems(data, reflect.TypeOf(slow), MaxErrors)
	slowOK = err == nil && len(shape) == 0 && more == 0
	return whole, slow, wholeOK, slowOK
}
