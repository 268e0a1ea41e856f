package report

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/shopspring/decimal"
)

// Describe names a claim for a reader: a figure by its measure, period and
// originator ("Value stolen, 2023, per UN Panel of Experts"), a statement
// by its words.
func (c *ClaimRow) Describe() string {
	if !c.HasValue() {
		return "“" + strings.TrimSuffix(c.Statement, ".") + "”, per " + c.By.Name
	}
	return c.Measure.Label + ", " + PeriodWords(c.Span) + ", per " + c.By.Name
}

// Describe names an incident for a reader: victim and date.
func (in *IncidentRow) Describe() string {
	return in.Victim + ", " + in.When.Human()
}

// AmountWords is an incident's amount with what a reader must see with it:
// "$55 million, unverified".
func (in *IncidentRow) AmountWords() string {
	if in.Unverified {
		return in.Figure() + ", unverified"
	}
	return in.Figure()
}

// Describe names the quantity a conflict is about: "Value stolen, 2023".
func (c *Conflict) Describe() string {
	w := c.Metric.Label + ", " + PeriodWords(c.Span)
	if c.Scope != DPRKScope {
		w += " (" + dataset.Meaning(dataset.Scopes, c.Scope) + ")"
	}
	return w
}

// Plural counts: "1 figure", "3 figures".
func Plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// Capital capitalises the first letter of a name that starts a sentence.
func Capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Wording is how a citation's source words a figure: its own qualifier (or
// the figure's) with the value, and its own verb where it gives one:
// "an estimated $3 billion, “drained”".
func Wording(c dataset.Citation, qualifier, verb string, v decimal.Decimal, unit string) string {
	q := qualifier
	if c.Qualifier != "" {
		q = c.Qualifier
	}
	w := Qualified(q, v, unit)
	if c.Verb != "" && c.Verb != verb {
		w += ", “" + c.Verb + "”"
	}
	return w
}

// possessive writes a name as a possessive: "Chainalysis'", "the MSMT's".
func possessive(name string) string {
	if strings.HasSuffix(name, "s") {
		return name + "'"
	}
	return name + "'s"
}

// lowerFirst lowers the first letter of a label used inside a sentence
// ("Share of WMD programme funding" → "share of WMD programme funding").
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
