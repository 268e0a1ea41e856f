//go:build profile

package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// A binary built with -tags profile writes profiles of the whole process:
// DPRKREPORT_CPUPROFILE=FILE for CPU, DPRKREPORT_MEMPROFILE=FILE for the
// heap (allocations and what is live at exit; set GODEBUG or
// runtime.MemProfileRate through DPRKREPORT_MEMPROFILERATE=N). Release
// binaries are built without the tag and carry none of this.
// DPRKREPORT_PEAKPROFILE=FILE writes the heap profile taken when the live
// heap was largest (polled every 20 ms): where a peak of memory goes.
func init() {
	if name := os.Getenv("DPRKREPORT_MEMPROFILERATE"); name != "" {
		var rate int
		if _, err := fmt.Sscan(name, &rate); err == nil {
			runtime.MemProfileRate = rate
		}
	}
	if name := os.Getenv("DPRKREPORT_CPUPROFILE"); name != "" {
		f, err := os.Create(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, "dprkreport: profile:", err)
			os.Exit(exitFail)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "dprkreport: profile:", err)
			os.Exit(exitFail)
		}
		atExit = append(atExit, func() {
			pprof.StopCPUProfile()
			f.Close()
		})
	}
	if name := os.Getenv("DPRKREPORT_MEMPROFILE"); name != "" {
		atExit = append(atExit, func() {
			f, err := os.Create(name)
			if err == nil {
				err = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, "dprkreport: profile:", err)
			}
		})
	}
	if name := os.Getenv("DPRKREPORT_PEAKPROFILE"); name != "" {
		go peakProfile(name)
	}
}

func peakProfile(name string) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var peak uint64
	for range time.Tick(20 * time.Millisecond) {
		metrics.Read(sample)
		live := sample[0].Value.Uint64()
		if live <= peak+peak/20 {
			continue
		}
		peak = live
		f, err := os.Create(name)
		if err != nil {
			return
		}
		pprof.Lookup("heap").WriteTo(f, 0)
		f.Close()
	}
}
