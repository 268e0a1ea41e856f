package main

import (
	"io/fs"
	"os"
	"runtime/debug"

	"github.com/dprkreport/dprkreport/dataset"
)

// tuneGC is set by main: the process is this one run's, so its collector
// may be tuned for it. Tests, which run many in one process, leave it.
var tuneGC bool

// smallData is the size up to which a dataset counts as small: the
// embedded one is about a tenth of it.
const smallData = 4 << 20

// gcForData lets the heap of a run over a small dataset grow to five times
// what is live before a collection (GOGC=400) rather than twice: such a run
// lives a fraction of a second, its heap stays in tens of MiB, and the
// collector took about an eighth of its CPU time. A large dataset keeps the
// default, whose peak memory grows with the data. GOGC, when set, is the
// user's choice and is left as it is.
func gcForData(data fs.FS) {
	if !tuneGC || os.Getenv("GOGC") != "" {
		return
	}
	var n int64
	for _, name := range dataset.Files {
		fi, err := fs.Stat(data, name)
		if err != nil {
			return
		}
		n += fi.Size()
	}
	if n <= smallData {
		debug.SetGCPercent(400)
	}
}
