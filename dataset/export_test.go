package dataset

// PlaceParses returns how many times error placement has parsed a file,
// and how many table headers those parses read.
func PlaceParses() (files, tables int64) { return placeParses.Load(), placeTables.Load() }
