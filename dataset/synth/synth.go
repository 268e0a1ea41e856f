// Package synth writes synthetic datasets in the real format, for
// benchmarks and for trying dprkreport at scale: N incidents with
// proportionate claims and sources, deterministic for a seed.
package synth

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/dataset"
)

// Config sizes a synthetic dataset. Zero Claims or Sources are derived
// from Incidents: one claim per 20 incidents, one source per 500 (at least
// 5 of each).
type Config struct {
	Incidents, Claims, Sources int
	Seed                       uint64
}

func (c Config) withDefaults() Config {
	if c.Claims == 0 {
		c.Claims = max(c.Incidents/20, 5)
	}
	if c.Sources == 0 {
		c.Sources = max(c.Incidents/500, 5)
	}
	return c
}

const paragraphs = 60

var (
	originators = []struct{ id, name, kind string }{
		{"un-poe", "UN Panel of Experts", "un"},
		{"chainalysis", "Chainalysis", "company"},
		{"trm", "TRM Labs", "company"},
		{"elliptic", "Elliptic", "company"},
		{"kr-nis", "South Korea's National Intelligence Service", "government"},
		{"us-fbi", "US Federal Bureau of Investigation", "government"},
		{"member-state", "Unnamed member state", "member-state"},
		{"unattributed", "No source given", "unattributed"},
	}
	metrics    = []string{"stolen-usd", "attack-count", "foreign-currency-share", "statement"}
	qualifiers = []string{"exact", "approximately", "more-than", "at-least", "almost", "nearly", "up-to", "estimated"}
	victims    = []string{"exchange", "defi", "bridge", "wallet", "other"}
	bases      = []string{"official", "technical", "media", "none"}
	confs      = []string{"high", "moderate", "low"}
	actors     = []string{"Lazarus Group", "Kimsuky", "Andariel", "BlueNoroff", "TraderTraitor"}
)

// Write writes the dataset files into dir, creating it.
func Write(dir string, c Config) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range dataset.Files {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		w := bufio.NewWriterSize(f, 1<<16)
		err = WriteFile(w, name, c)
		if ferr := w.Flush(); err == nil {
			err = ferr
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// WriteFile writes one file of the dataset (one of dataset.Files) to w.
func WriteFile(w io.Writer, name string, c Config) error {
	c = c.withDefaults()
	r := rand.New(rand.NewPCG(c.Seed, 0x5eed))
	var err error
	p := func(format string, args ...any) {
		if err == nil {
			_, err = fmt.Fprintf(w, format, args...)
		}
	}
	switch name {
	case dataset.FileMeta:
		p("title = %q\nsubtitle = %q\nas_of = \"2026-11-21\"\nauthor = \"synth\"\n",
			fmt.Sprintf("Synthetic dataset: %d incidents, %d claims, %d sources", c.Incidents, c.Claims, c.Sources),
			fmt.Sprintf("Generated with seed %d", c.Seed))
	case dataset.FileOriginators:
		for _, o := range originators {
			p("[[originator]]\nid = %q\nname = %q\nkind = %q\n\n", o.id, o.name, o.kind)
		}
	case dataset.FileSources:
		for i := range c.Sources {
			o := originators[i%len(originators)]
			p("[[source]]\nid = \"src-%d\"\ntitle = \"Synthetic article %d\"\noutlet = \"Outlet %d\"\npublished = \"%d-%02d-%02d\"\n",
				i, i, i%37, 2017+i%8, 1+i%12, 1+i%28)
			p("url = \"https://example.org/articles/%d\"\narchive = \"%06d.txt\"\nparagraphs = %d\nrelays = [%q]\n", i, i, paragraphs, o.id)
			p("reliability = %q\nreliability_reason = \"Synthetic.\"\n\n", string(rune('A'+i%6)))
		}
	case dataset.FileClaims:
		for i := range c.Claims {
			m := metrics[r.IntN(len(metrics))]
			o := originators[r.IntN(len(originators))]
			y := 2017 + r.IntN(8)
			p("[[claim]]\nid = \"claim-%d\"\nstatement = \"Synthetic claim %d.\"\nmetric = %q\n", i, i, m)
			switch m {
			case "stolen-usd":
				p("value = \"%d\"\nqualifier = %q\n", (1+r.IntN(2000))*1_000_000, qualifiers[r.IntN(len(qualifiers))])
				if r.IntN(5) == 0 {
					p("revisions = [{ value = \"%d\", qualifier = \"exact\", date = \"2025-01\", citations = [{ source = \"src-%d\", para = 1 }] }]\n",
						(1+r.IntN(2000))*1_000_000, r.IntN(c.Sources))
				}
			case "attack-count":
				p("value = \"%d\"\nqualifier = %q\n", 1+r.IntN(100), qualifiers[r.IntN(len(qualifiers))])
			case "foreign-currency-share":
				p("value = \"%d\"\nqualifier = \"approximately\"\n", 10+r.IntN(60))
			}
			if r.IntN(10) == 0 {
				p("period = \"%d/%d\"\n", y, y+1+r.IntN(3))
			} else {
				p("period = \"%d\"\n", y)
			}
			p("scope = \"dprk\"\noriginator = %q\ngrade = %d\ncitations = [\n", o.id, 1+r.IntN(6))
			// Every source is cited by the first claims, in turn.
			p("  { source = \"src-%d\", para = %d },\n", i%c.Sources, 1+r.IntN(paragraphs))
			for range r.IntN(3) {
				p("  { source = \"src-%d\", para = %d },\n", r.IntN(c.Sources), 1+r.IntN(paragraphs))
			}
			p("]\n\n")
		}
		for i := c.Claims; i < c.Sources; i++ { // more sources than claims
			p("[[claim]]\nid = \"claim-%d\"\nstatement = \"Synthetic claim %d.\"\nmetric = \"statement\"\nscope = \"dprk\"\noriginator = \"un-poe\"\ngrade = 6\ncitations = [{ source = \"src-%d\", para = 1 }]\n\n", i, i, i)
		}
	case dataset.FileIncidents:
		for i := range c.Incidents {
			amount := (1 + r.IntN(500_000)) * 1000
			p("[[incident]]\nid = \"inc-%d\"\nvictim = \"Victim %d\"\nvictim_type = %q\ndate = \"%d-%02d-%02d\"\namount = \"%d\"\nqualifier = %q\n",
				i, i, victims[r.IntN(len(victims))], 2017+r.IntN(8), 1+r.IntN(12), 1+r.IntN(28), amount, qualifiers[r.IntN(len(qualifiers))])
			src, para := r.IntN(c.Sources), 1+r.IntN(paragraphs)
			if r.IntN(4) == 0 {
				p("low = \"%d\"\nhigh = \"%d\"\nrange_citations = [{ source = \"src-%d\", para = %d }]\n", amount/2, amount*2, src, para)
			}
			p("actor = %q\nattribution_basis = %q\nconfidence = %q\ncitations = [{ source = \"src-%d\", para = %d }]\ndate_citations = [{ source = \"src-%d\", para = %d }]\n\n",
				actors[r.IntN(len(actors))], bases[r.IntN(len(bases))], confs[r.IntN(len(confs))], src, para, src, para)
		}
	default:
		return fmt.Errorf("no such dataset file %q", name)
	}
	return err
}

// FS returns the dataset as an in-memory file system.
func FS(c Config) (fstest.MapFS, error) {
	m := fstest.MapFS{}
	for _, name := range dataset.Files {
		var b bytes.Buffer
		if err := WriteFile(&b, name, c); err != nil {
			return nil, err
		}
		m[name] = &fstest.MapFile{Data: b.Bytes()}
	}
	return m, nil
}
