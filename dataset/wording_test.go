package dataset_test

import (
	"testing"

	"github.com/dprkreport/dprkreport/dataset"
)

func TestStatedFigures(t *testing.T) {
	for _, c := range []struct {
		excerpt         string
		value, unit, ql string // the first figure stated
	}{
		{"an estimated $3 billion drained through crypto hacks", "3000000000", "USD", "estimated"},
		{"North Korea has earned approximately $3 billion", "3000000000", "USD", "approximately"},
		{"with a total worth of almost $3 billion", "3000000000", "USD", "almost"},
		{"a $55 million robbery", "55000000", "USD", "exact"},
		{"draining $3B In Crypto Hacks", "3000000000", "USD", "exact"},
		{"worth US$3 billion", "3000000000", "USD", "exact"},
		{"stolen $1.34 billion", "1340000000", "USD", "exact"},
		{"$122,981,391 in total", "122981391", "USD", "exact"},
		{"estimated at up to two billion US dollars", "2000000000", "USD", "up-to"},
		{"resulting in over $750 million in stolen assets", "750000000", "USD", "more-than"},
		{"around 50% of North Korea's foreign currency revenue", "50", "percent", "approximately"},
		{"nearly half of its foreign currency revenue", "50", "percent", "nearly"},
		{"approximately 40 percent of North Korea's WMD programs", "40", "percent", "approximately"},
		{"equal to thirty percent of North Korea's export profits", "30", "percent", "exact"},
		{"launched no less than seven attacks on crypto companies", "7", "", "at-least"},
		{"58 suspected attacks", "58", "", "exact"},
		{"17 cryptocurrency heists in 2023 alone", "17", "", "exact"},
		{"from at least three cryptocurrency exchanges", "3", "", "at-least"},
	} {
		got := dataset.StatedFigures(c.excerpt)
		if len(got) == 0 {
			t.Errorf("%q: no figure found", c.excerpt)
			continue
		}
		g := got[0]
		if g.Value.String() != c.value || g.Unit != c.unit || g.Qualifier != c.ql {
			t.Errorf("%q: got %s %q %s, want %s %q %s", c.excerpt, g.Value, g.Unit, g.Qualifier, c.value, c.unit, c.ql)
		}
	}
}
