package synth_test

import (
	"bytes"
	"testing"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/dataset/synth"
)

// The generator writes valid datasets of the size asked, the same for a seed.
func TestValidAndDeterministic(t *testing.T) {
	c := synth.Config{Incidents: 3000, Seed: 7}
	a, err := synth.FS(c)
	if err != nil {
		t.Fatal(err)
	}
	d, err := dataset.Load(a, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Incidents) != 3000 || len(d.Claims) != 150 || len(d.Sources) != 6 {
		t.Errorf("got %d incidents, %d claims, %d sources", len(d.Incidents), len(d.Claims), len(d.Sources))
	}
	b, _ := synth.FS(c)
	for name, f := range a {
		if !bytes.Equal(f.Data, b[name].Data) {
			t.Errorf("%s differs between two runs with one seed", name)
		}
	}
	// More sources than claims: every source is still cited.
	if _, err := synth.FS(synth.Config{Incidents: 10, Claims: 2, Sources: 9}); err != nil {
		t.Fatal(err)
	}
	small, _ := synth.FS(synth.Config{Incidents: 10, Claims: 2, Sources: 9})
	if _, err := dataset.Load(small, dataset.Options{}); err != nil {
		t.Fatal(err)
	}
}
