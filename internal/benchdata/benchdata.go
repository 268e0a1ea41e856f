// Package benchdata gives benchmarks their synthetic datasets, loaded once
// per size and shared across benchmarks of one test binary.
package benchdata

import (
	"fmt"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/dataset/synth"
	"github.com/dprkreport/dprkreport/report"
)

// Sizes are the incident counts every stage is measured at.
var Sizes = []int{1_000, 100_000, 1_000_000}

// Name labels a size in benchmark names: 1k, 100k, 1M.
func Name(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

var (
	mu     sync.Mutex
	fsys   = map[int]fstest.MapFS{}
	loaded = map[int]*dataset.Dataset{}
)

// FS returns the synthetic dataset with n incidents (seed 1).
func FS(b testing.TB, n int) fstest.MapFS {
	b.Helper()
	mu.Lock()
	defer mu.Unlock()
	if m, ok := fsys[n]; ok {
		return m
	}
	m, err := synth.FS(synth.Config{Incidents: n, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	fsys[n] = m
	return m
}

// Dataset returns the loaded synthetic dataset with n incidents.
func Dataset(b testing.TB, n int) *dataset.Dataset {
	b.Helper()
	m := FS(b, n)
	mu.Lock()
	defer mu.Unlock()
	if d, ok := loaded[n]; ok {
		return d
	}
	d, err := dataset.Load(m, dataset.Options{})
	if err != nil {
		b.Fatal(err)
	}
	loaded[n] = d
	return d
}

// Summary computes a fresh summary of the synthetic dataset with n incidents.
func Summary(b testing.TB, n int) *report.Summary {
	b.Helper()
	return report.Compute(Dataset(b, n), report.Options{})
}

// Run runs fn as a sub-benchmark for each size, reporting allocations.
func Run(b *testing.B, fn func(b *testing.B, n int)) {
	for _, n := range Sizes {
		b.Run(Name(n), func(b *testing.B) {
			b.ReportAllocs()
			fn(b, n)
		})
	}
}
