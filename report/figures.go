package report

import (
	"strings"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/shopspring/decimal"
)

var (
	billion = decimal.New(1, 9)
	million = decimal.New(1, 6)
)

// Money writes a USD amount for a reader: "$3 billion", "$1.7 billion",
// "$660.5 million", "$55 million", "$850,000".
func Money(v decimal.Decimal) string { return money(v, " billion", " million") }

// MoneyShort writes a USD amount for a chart label, as exactly as Money:
// "$3B", "$660.5M", "$1,388M", "$52,847,077".
func MoneyShort(v decimal.Decimal) string { return money(v, "B", "M") }

// money never rounds: a figure is shown at the precision its originator
// gave it, in billions or millions only when that loses nothing.
func money(v decimal.Decimal, billions, millions string) string {
	exact := func(unit decimal.Decimal, places int32) (decimal.Decimal, bool) {
		q := v.Div(unit)
		return q, q.Equal(q.Round(places))
	}
	if v.GreaterThanOrEqual(billion) {
		if q, ok := exact(billion, 2); ok {
			return "$" + q.String() + billions
		}
	}
	if v.GreaterThanOrEqual(million) {
		if q, ok := exact(million, 1); ok {
			return "$" + Grouped(q) + millions
		}
	}
	return "$" + Grouped(v)
}

// Grouped writes a number with thousands separators: 52847077 → "52,847,077".
func Grouped(v decimal.Decimal) string {
	s := v.String()
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// Value writes a figure in its unit: money, a percentage or a count.
func Value(v decimal.Decimal, unit string) string {
	switch unit {
	case "USD":
		return Money(v)
	case "percent":
		return v.String() + "%"
	case "":
		return ""
	}
	return Grouped(v) + " " + unit
}

// Qualified writes a figure with its qualifier: "more than $750 million".
func Qualified(qualifier string, v decimal.Decimal, unit string) string {
	q, _ := dataset.QualifierByID(qualifier)
	if q.Words == "" {
		return Value(v, unit)
	}
	return q.Words + " " + Value(v, unit)
}

// QualifierWords returns the words a qualifier puts before a figure.
func QualifierWords(id string) string {
	q, _ := dataset.QualifierByID(id)
	return q.Words
}

// PeriodWords is a figure's period as a reader sees it: "2017–2023", or
// "undated" when it has none.
func PeriodWords(sp dataset.Span) string {
	if sp.IsZero() {
		return "undated"
	}
	return sp.Human()
}
