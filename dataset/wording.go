package dataset

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// Stated is one figure an excerpt states, with the qualifier words just
// before it.
type Stated struct {
	Value     decimal.Decimal
	Unit      string // "USD", "percent", or "" for a bare number
	Qualifier string // a qualifier id; "exact" when no qualifier word precedes it
	Text      string // the words as the excerpt has them: "almost $3 billion"
}

// numberPattern finds a written figure: an optional dollar sign, digits
// (with thousands separators and decimals) or a number word, an optional
// scale ("billion", "bn", "B", "million", "M") and an optional percent.
var numberPattern = regexp.MustCompile(`(?i)(\$\s?|us\$\s?|usd\s?)?\b(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|` + wordAlternatives() + `)(?:\s?(billion|bn|b|million|mn|m|thousand|k)\b)?(\s?%|\s+percent\b|\s+per\s?cent\b)?`)

var numberWords = map[string]int64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
	// Fractions that articles write for shares.
	"half": -50, "quarter": -25,
}

func wordAlternatives() string {
	var w []string
	for k := range numberWords {
		w = append(w, k)
	}
	// Longest first, so "seventeen" is not read as "seven".
	slices.SortFunc(w, func(a, b string) int { return cmp.Or(cmp.Compare(len(b), len(a)), strings.Compare(a, b)) })
	return strings.Join(w, "|")
}

var scales = map[string]int32{"billion": 9, "bn": 9, "b": 9, "million": 6, "mn": 6, "m": 6, "thousand": 3, "k": 3}

// qualifierWords maps the words that bound or hedge a figure to the
// qualifier they express, longest phrases first.
var qualifierWords = []struct{ words, id string }{
	{"no less than", "at-least"}, {"no fewer than", "at-least"}, {"a minimum of", "at-least"}, {"at least", "at-least"},
	{"more than", "more-than"}, {"in excess of", "more-than"}, {"upwards of", "more-than"}, {"over", "more-than"},
	{"an estimated", "estimated"}, {"estimated at", "estimated"}, {"estimated", "estimated"},
	{"approximately", "approximately"}, {"roughly", "approximately"}, {"around", "approximately"}, {"about", "approximately"}, {"some", "approximately"},
	{"almost", "almost"}, {"nearly", "nearly"}, {"close to", "nearly"}, {"just under", "almost"},
	{"up to", "up-to"}, {"as much as", "up-to"},
}

// StatedFigures returns the figures an excerpt states, in order.
func StatedFigures(excerpt string) []Stated {
	text := quoteFolder.Replace(excerpt)
	var out []Stated
	for _, m := range numberPattern.FindAllStringSubmatchIndex(text, -1) {
		dollar := m[2] >= 0
		num := strings.ToLower(text[m[4]:m[5]])
		scale := ""
		if m[6] >= 0 {
			scale = text[m[6]:m[7]]
		}
		percent := m[8] >= 0
		var v decimal.Decimal
		unit := ""
		if w, ok := numberWords[num]; ok {
			if w < 0 { // a fraction: a share
				v, unit = decimal.NewFromInt(-w), "percent"
			} else {
				v = decimal.NewFromInt(w)
			}
		} else {
			d, err := decimal.NewFromString(strings.ReplaceAll(num, ",", ""))
			if err != nil {
				continue
			}
			v = d
		}
		// A single letter after a bare number ("7 m") is too loose to be a
		// scale unless the figure is money ("$3B", "$55m").
		if scale != "" && (dollar || len(scale) > 2) {
			v = v.Shift(scales[strings.ToLower(scale)])
			unit = "USD"
		} else if scale != "" {
			// "58 b…": not a scale; the match stops at the number.
			m[1] = m[5]
		}
		if dollar {
			unit = "USD"
		}
		if percent {
			unit = "percent"
		}
		start := m[0]
		out = append(out, Stated{Value: v, Unit: unit, Qualifier: qualifierBefore(text[:start]), Text: strings.TrimSpace(text[start:m[1]])})
	}
	return out
}

// qualifierBefore returns the qualifier whose words end just before a
// figure (at most a word or two away: "almost half", "over $750 million").
func qualifierBefore(before string) string {
	b := " " + strings.ToLower(strings.Join(strings.Fields(before), " ")) + " "
	for _, q := range qualifierWords {
		if strings.HasSuffix(b, " "+q.words+" ") {
			return q.id
		}
	}
	return "exact"
}

// unitKind reduces a unit to what an excerpt can show of it: money, a
// share, or a count.
func unitKind(unit string) string {
	switch unit {
	case "USD", "percent":
		return unit
	}
	return ""
}

// statesFigure reports whether an excerpt states value in unit: it returns
// the matching figure, or false.
func statesFigure(excerpt string, value decimal.Decimal, unit string) (Stated, bool) {
	want := unitKind(unit)
	for _, s := range StatedFigures(excerpt) {
		if !s.Value.Equal(value) {
			continue
		}
		// Money and shares must be written as such ("$3 billion", "50%",
		// "half"); a count is a bare number.
		if s.Unit == want {
			return s, true
		}
	}
	return Stated{}, false
}
