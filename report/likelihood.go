package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// This file holds the rules that turn every figure given for one quantity
// into an ICD 203 likelihood for a defined event: "the quantity exceeded a
// threshold". README's "How a likelihood is reached" table states the same
// rules; TestAssess holds them.
//
// The rules, in order:
//
//  1. Each originator counts once, with its latest figure for the quantity
//     (a revision replaces the figure it revises). Relays are not
//     originators.
//  2. A figure's lower reading is what it allows at the least: a stated
//     floor ("more than", "at least") is its own value; a central or plain
//     figure ("about", "an estimated", a plain number, "almost", "nearly")
//     is a central estimate, never a floor, so its lower reading sits
//     CentralMargin below it; an upper bound ("up to") allows nothing and is
//     left out.
//  3. The threshold is the lowest lower reading rounded down to a round
//     number, so it sits outside the spread of the estimates by at least the
//     margin; the margin stated is how far the lowest estimate sits above it.
//  4. The term starts from the independent originators behind the event:
//     two or more → very likely; one → likely (one originator never carries
//     more). It drops one step for each of: a hedge by an originator on its
//     figure, an originator whose best source is graded D or worse, two
//     originators whose figures contradict each other (one's floor above
//     another's central estimate).
//  5. No figure with a lower reading → no likelihood: the data cannot
//     support one, and the assessment says so.
//
// Confidence is stated apart, with its basis: high needs two or more
// independent originators graded A or B, no hedge, no contradiction and a
// spread (highest over lowest estimate) of at most 1.5; low comes with a
// single hedged originator, a source graded D or worse, a contradiction or a
// spread over 2; anything else is moderate.

// CentralMargin is how far below a central estimate its lower reading sits:
// a quarter.
var CentralMargin = decimal.RequireFromString("0.25")

// Estimate is one originator's figure for a quantity, as the likelihood
// rules read it.
type Estimate struct {
	ID          string // the originator's id: who counts once (the name when empty)
	Originator  string // the originator's name as the reader sees it
	Value       decimal.Decimal
	Qualifier   string // a dataset qualifier id: exact, approximately, more-than, …
	Hedge       string // the originator's own hedge on the figure, if any
	Reliability string // the letter of the best source stating the figure
	Revised     bool   // the value is a revision of a figure first given otherwise
}

// The likelihood terms of ICD 203 the rules use, from the highest down.
var likelihoodSteps = []string{"very likely", "likely", "roughly even chance", "unlikely"}

// Assessment is the likelihood of one defined event, with its confidence
// and basis, computed by Assess.
type Assessment struct {
	// Supported is false when no figure gives a lower reading: then there
	// is no threshold, term or margin, and Reason says why.
	Supported bool
	Threshold decimal.Decimal // the event: the quantity exceeded Threshold
	Term      string          // an ICD 203 likelihood term
	// Lowest is the estimate whose lower reading sets the threshold;
	// Margin is how far above the threshold its value sits, as a fraction
	// of the threshold (0.4 = 40% above).
	Lowest      Estimate
	Margin      decimal.Decimal
	Independent int     // independent originators with a lower reading
	Spread      float64 // highest over lowest estimate; 1 for one figure
	Contradict  bool    // one originator's floor exceeds another's central estimate
	Confidence  string  // high, moderate or low
	Reason      string  // why the data cannot support a likelihood
	// Downgrades says why the term is below where the originator count
	// would put it, in reading order.
	Downgrades []string
}

// Assess applies the likelihood rules to the latest figure of each
// originator for one quantity.
func Assess(ests []Estimate) Assessment {
	var lows []Estimate
	for _, e := range ests {
		if _, ok := lowerReading(e); ok {
			lows = append(lows, e)
		}
	}
	if len(lows) == 0 {
		a := Assessment{Confidence: "low", Reason: "no figure gives a lower bound or a central estimate"}
		if len(ests) > 0 {
			a.Reason = "the only figures are upper bounds"
		}
		return a
	}
	slices.SortStableFunc(lows, func(a, b Estimate) int {
		la, _ := lowerReading(a)
		lb, _ := lowerReading(b)
		return cmp.Or(la.Cmp(lb), cmp.Compare(a.Originator, b.Originator))
	})
	a := Assessment{Supported: true, Lowest: lows[0], Independent: originators(lows)}
	lr, _ := lowerReading(lows[0])
	a.Threshold = roundDown(lr)
	if a.Threshold.IsPositive() {
		a.Margin = lows[0].Value.Sub(a.Threshold).Div(a.Threshold).Round(2)
	}
	a.Spread = spread(lows)
	a.Contradict = contradicts(lows)
	a.Term, a.Downgrades = term(lows, a)
	a.Confidence = confidence(lows, a)
	return a
}

// lowerReading is the value a figure allows at the least (rule 2), and
// false for an upper bound.
func lowerReading(e Estimate) (decimal.Decimal, bool) {
	switch e.Qualifier {
	case "up-to":
		return decimal.Decimal{}, false
	case "more-than", "at-least":
		return e.Value, true
	}
	return e.Value.Mul(decimal.NewFromInt(1).Sub(CentralMargin)), true
}

// isFloor reports whether the figure is a stated lower bound.
func isFloor(e Estimate) bool { return e.Qualifier == "more-than" || e.Qualifier == "at-least" }

// roundSteps are the leading digits a threshold may have.
var roundSteps = []string{"1", "1.5", "2", "2.5", "3", "4", "5", "6", "7", "7.5", "8", "9"}

// roundDown rounds v down to the nearest round number: a leading part of
// roundSteps times a power of ten (495,375,000 → 400,000,000; 22.5 → 20).
func roundDown(v decimal.Decimal) decimal.Decimal {
	if !v.IsPositive() {
		return decimal.Zero
	}
	exp := int32(len(v.Truncate(0).String()) - 1)
	if v.LessThan(decimal.NewFromInt(1)) {
		exp = 0
		for v.Shift(-exp).LessThan(decimal.NewFromInt(1)) {
			exp--
		}
	}
	m := v.Shift(-exp)
	best := decimal.NewFromInt(1)
	for _, s := range roundSteps {
		if d := decimal.RequireFromString(s); d.LessThanOrEqual(m) {
			best = d
		}
	}
	return best.Shift(exp)
}

func originators(es []Estimate) int {
	seen := map[string]bool{}
	for _, e := range es {
		seen[e.who()] = true
	}
	return len(seen)
}

// who is the estimate's originator as identity: its id, else its name.
func (e Estimate) who() string { return cmp.Or(e.ID, e.Originator) }

func spread(es []Estimate) float64 {
	lo, hi := es[0].Value, es[0].Value
	for _, e := range es[1:] {
		lo, hi = decimal.Min(lo, e.Value), decimal.Max(hi, e.Value)
	}
	if !lo.IsPositive() {
		return 1
	}
	f, _ := hi.Div(lo).Round(2).Float64()
	return f
}

// contradicts reports whether one originator's stated floor lies above
// another originator's central estimate.
func contradicts(es []Estimate) bool {
	for _, f := range es {
		if !isFloor(f) {
			continue
		}
		for _, c := range es {
			if c.who() != f.who() && !isFloor(c) && c.Value.LessThan(f.Value) {
				return true
			}
		}
	}
	return false
}

// term applies rule 4.
func term(es []Estimate, a Assessment) (string, []string) {
	step := 0
	if a.Independent < 2 {
		step = 1
	}
	var why []string
	if hedged := hedgedBy(es); len(hedged) > 0 {
		step++
		// The hedge is on the figure, whoever attached it (the Panel
		// qualifies a member state's figure): never "hedged by" its
		// originator.
		why = append(why, "a hedge on the figure of "+joinAnd(hedged))
	}
	if weak := weakSources(es); len(weak) > 0 {
		step++
		why = append(why, "resting on sources graded D or worse ("+joinAnd(weak)+")")
	}
	if a.Contradict {
		step++
		why = append(why, "contradicted: one originator's floor lies above another's central estimate")
	}
	return likelihoodSteps[min(step, len(likelihoodSteps)-1)], why
}

func hedgedBy(es []Estimate) []string {
	var out []string
	for _, e := range es {
		if e.Hedge != "" && !slices.Contains(out, e.Originator) {
			out = append(out, e.Originator)
		}
	}
	return out
}

func weakSources(es []Estimate) []string {
	var out []string
	for _, e := range es {
		if (e.Reliability == "" || e.Reliability > "C") && !slices.Contains(out, e.Originator) {
			out = append(out, e.Originator)
		}
	}
	return out
}

// confidence applies the confidence rule stated at the top of this file.
func confidence(es []Estimate, a Assessment) string {
	hedged, weak := len(hedgedBy(es)) > 0, len(weakSources(es)) > 0
	switch {
	case a.Independent < 2 && hedged, weak, a.Contradict, a.Spread > 2:
		return "low"
	case a.Independent >= 2 && !hedged && a.Spread <= 1.5 && allGraded(es, "B"):
		return "high"
	}
	return "moderate"
}

func allGraded(es []Estimate, worst string) bool {
	for _, e := range es {
		if e.Reliability == "" || e.Reliability > worst {
			return false
		}
	}
	return true
}

// LikelySentence writes the assessment's estimative sentence about an event
// phrased by the caller ("DPRK-linked theft in 2022 exceeded"), in the form
// each ICD 203 term takes, with the threshold in unit; empty when the data
// cannot support a likelihood.
func (a Assessment) LikelySentence(event, unit string) string {
	if !a.Supported {
		return ""
	}
	return likelySentence(a.Term, event+" "+Value(a.Threshold, unit))
}

// MarginWords says where the threshold sits against the estimates: "the
// lowest estimate, about $660.5 million from Chainalysis, is 1.65 times the
// threshold". A ratio, not a percentage, so that no margin reads as a
// figure of the data.
func (a Assessment) MarginWords(unit string) string {
	if !a.Supported {
		return ""
	}
	ratio := a.Margin.Add(decimal.NewFromInt(1)).Round(2)
	return fmt.Sprintf("the lowest estimate, %s from %s, is %s times the threshold", Qualified(a.Lowest.Qualifier, a.Lowest.Value, unit), a.Lowest.Originator, ratio)
}

// Why says what kept the term below where the originator count puts it,
// or "" when nothing did.
func (a Assessment) Why() string {
	if len(a.Downgrades) == 0 {
		return ""
	}
	return Capital(strings.Join(a.Downgrades, "; ")) + "."
}
