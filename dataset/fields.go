package dataset

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// The checks of single fields, shared by every kind of record.

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

const idHint = "ids are lowercase letters, digits and hyphens"

var qualifierCodes = func() []Code {
	codes := make([]Code, len(Qualifiers))
	for i, q := range Qualifiers {
		codes[i] = Code{q.ID, q.Meaning}
	}
	return codes
}()

const sharedIDs = "claims and incidents share one namespace of ids"

// unique checks an id's form and that seen does not know it yet.
func (v *validator) unique(at place, kind, id, hint string, seen func(string) bool) bool {
	if !v.id(at, kind, id) {
		return false
	}
	if seen(id) {
		v.add(at, hint, "duplicate %s id %q", kind, id)
		return false
	}
	return true
}

func (v *validator) id(at place, kind, id string) bool {
	if id == "" {
		v.add(at, `add id = "…"`, "%s has no id", kind)
		return false
	}
	if !idPattern.MatchString(id) {
		v.add(at, idHint, "%s id %q is not a valid id", kind, id)
		return false
	}
	return true
}

func what(kind, id string) string {
	if id == "" {
		return kind
	}
	return fmt.Sprintf("%s %q", kind, id)
}

// blank reports whether a text field says nothing.
func blank(s string) bool { return strings.TrimSpace(s) == "" }

func (v *validator) required(at place, kind, id, field, val string) bool {
	if blank(val) {
		v.add(at, fmt.Sprintf(`add %s = "…"`, field), "%s has no %s", what(kind, id), field)
		return false
	}
	return true
}

func list(codes []Code) string {
	ids := make([]string, len(codes))
	for i, c := range codes {
		ids[i] = c.ID
	}
	return strings.Join(ids, ", ")
}

func (v *validator) oneOf(at place, kind, id, field, val string, codes []Code) {
	if val == "" {
		v.add(at, "use one of "+list(codes), "%s has no %s", what(kind, id), field)
		return
	}
	for _, c := range codes {
		if c.ID == val {
			return
		}
	}
	v.add(at, didYouMean(val, codes), "%s: %s %q is not one of %s", what(kind, id), field, val, list(codes))
}

func (v *validator) oneOfQualifier(at place, kind, id, val string, required bool) {
	if val == "" && !required {
		return
	}
	v.oneOf(at, kind, id, "qualifier", val, qualifierCodes)
}

func (v *validator) metric(at place, c *Claim) (Metric, bool) {
	if m, ok := MetricByID(c.Metric); ok {
		return m, true
	}
	ids := make([]string, len(Metrics))
	for i, m := range Metrics {
		ids[i] = m.ID
	}
	if c.Metric == "" {
		v.add(at, "use one of "+strings.Join(ids, ", "), "claim %q has no metric", c.ID)
	} else {
		v.add(at, "", "claim %q: metric %q is not one of %s", c.ID, c.Metric, strings.Join(ids, ", "))
	}
	return Metric{}, false
}

func (v *validator) ref(at place, kind, id, target, ref string, known map[string]*Originator) {
	if _, ok := known[ref]; !ok && !v.broken[FileOriginators] {
		v.add(at, "originators are listed in "+FileOriginators, "%s: unknown %s %q", what(kind, id), target, ref)
	}
}

var decimalPattern = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

func (v *validator) decimal(at place, kind, id, field, s string, required bool) (decimal.Decimal, bool) {
	const hint = `write a plain decimal in quotes, e.g. "55000000" or "0.5"`
	switch {
	case s == "":
		if required {
			v.add(at, hint, "%s has no %s", what(kind, id), field)
		}
		return decimal.Zero, !required
	case strings.HasPrefix(s, "-"):
		v.add(at, "amounts are sizes; record losses as positive figures", "%s: %s %q is negative", what(kind, id), field, s)
		return decimal.Zero, false
	case len(s) <= 15 && allDigits(s):
		// The common case: a whole number, exact in a cell (15 digits
		// are below 2^53), decoded as NewFromString would.
		n, _ := strconv.ParseInt(s, 10, 64)
		return decimal.New(n, 0), true
	case !decimalPattern.MatchString(s):
		v.add(at, hint, "%s: %s %s is not a decimal number", what(kind, id), field, shorten(s))
		return decimal.Zero, false
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		v.add(at, hint, "%s: %s %q is not a decimal number", what(kind, id), field, s)
		return decimal.Zero, false
	}
	if !exactInSpreadsheet(d) {
		v.add(at, "a spreadsheet holds 15 significant digits exactly; round the figure as its source does", "%s: %s %s cannot be held exactly in a workbook cell", what(kind, id), field, shorten(s))
		return decimal.Zero, false
	}
	return d, true
}

// allDigits reports whether s is ASCII digits only.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// maxExact is 2^53: every whole number below it is a float64, the number
// type of every spreadsheet.
var maxExact = decimal.New(1<<53, 0)

// exactInSpreadsheet reports whether a spreadsheet cell holds d without
// change: below 2^53 and with at most 15 significant digits, the precision
// Excel keeps and displays.
func exactInSpreadsheet(d decimal.Decimal) bool {
	if d.Abs().GreaterThanOrEqual(maxExact) {
		return false
	}
	digits := strings.Trim(strings.ReplaceAll(d.Abs().String(), ".", ""), "0")
	return len(digits) <= 15
}

// shorten quotes a value for a message, cutting a long one: a 400-digit
// number is named by its start and length.
func shorten(s string) string {
	if len(s) <= 40 {
		return strconv.Quote(s)
	}
	return fmt.Sprintf("%q… (%d characters)", s[:24], len(s))
}

func (v *validator) date(at place, kind, id, field, s string, required bool) Date {
	if s == "" {
		if required {
			v.add(at, `write it as "YYYY", "YYYY-MM" or "YYYY-MM-DD"`, "%s has no %s", what(kind, id), field)
		}
		return Date{}
	}
	d, err := ParseDate(s)
	if err != nil {
		v.add(at, `write it as "YYYY", "YYYY-MM" or "YYYY-MM-DD"`, "%s: %s: %v", what(kind, id), field, err)
	}
	return d
}

// nearest returns the candidate a mistyped word most likely meant: the
// closest within two edits (one for words of up to four letters), or "".
// A word of one or two letters is close to too much to suggest anything.
func nearest(word string, candidates []string) string {
	if len([]rune(word)) < 3 {
		return ""
	}
	best, bestD := "", 3
	if len(word) <= 4 {
		bestD = 2
	}
	for _, c := range candidates {
		if d := editDistance(word, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance counts the insertions, deletions, substitutions and swaps of
// adjacent letters that turn a into b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// didYouMean is the hint for a value not among codes, when one is close.
func didYouMean(val string, codes []Code) string {
	ids := make([]string, len(codes))
	for i, c := range codes {
		ids[i] = c.ID
	}
	if n := nearest(val, ids); n != "" {
		return fmt.Sprintf("did you mean %q?", n)
	}
	return ""
}
