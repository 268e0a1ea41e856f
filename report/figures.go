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
func Money(v decimal.Decimal) string {
	switch {
	case v.GreaterThanOrEqual(billion):
		return "$" + v.Div(billion).Round(2).String() + " billion"
	case v.GreaterThanOrEqual(million):
		return "$" + v.Div(million).Round(1).String() + " million"
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
