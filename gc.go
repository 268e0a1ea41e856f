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

// largeData is the size from which a dataset counts as large: some 50,000
// incidents, which hold about 80 MB once decoded.
const largeData = 16 << 20

// gcForData tunes the collector to the dataset's size. A run over a small
// dataset lets the heap grow to five times what is live before a
// collection (GOGC=400) rather than twice: such a run lives a fraction of
// a second, its heap stays in tens of MiB, and the collector took about an
// eighth of its CPU time. A run over a large one collects at GOGC=50, at
// one and a half times what is live: its records, and the Summary beside
// them, stay live from the load to the last artifact, so that at the
// default the heap held twice them for most of the run (100k incidents:
// peak RSS 330 -> 250 MB for about a tenth more CPU time). A soft memory
// limit would need a guess of the live heap, and a run whose data outgrew
// the guess would collect without pause; GOGC follows the data. GOGC, when
// set, is the user's choice and is left as it is, and so is GOMEMLIMIT
// for a large dataset.
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
	switch {
	case n <= smallData:
		debug.SetGCPercent(400)
	case n >= largeData && os.Getenv("GOMEMLIMIT") == "":
		debug.SetGCPercent(50)
	}
}
