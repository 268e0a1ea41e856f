package report

import (
	"strconv"
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
	if n, ok := wholeAmount(v); ok {
		return moneyInt(n, billions, millions)
	}
	return moneyDecimal(v, billions, millions)
}

// moneyDecimal is money in decimal arithmetic, for any amount.
func moneyDecimal(v decimal.Decimal, billions, millions string) string {
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

// maxWhole bounds the amounts money writes in integer arithmetic.
var maxWhole = decimal.New(1, 18)

// wholeAmount returns v as an integer when it is a whole amount from 0 to
// 10^18.
func wholeAmount(v decimal.Decimal) (int64, bool) {
	if v.Sign() < 0 || v.GreaterThan(maxWhole) || !v.IsInteger() {
		return 0, false
	}
	return v.IntPart(), true
}

// moneyInt is money for a whole amount n, in integer arithmetic: the same
// words as the decimal division, at a fraction of its cost, which is most
// of the time Compute spends on a large dataset's citations.
func moneyInt(n int64, billions, millions string) string {
	switch {
	case n >= 1e9 && n%1e7 == 0:
		return "$" + scaled(n, 1e9, false) + billions
	case n >= 1e6 && n%1e5 == 0:
		return "$" + scaled(n, 1e6, true) + millions
	}
	return "$" + groupDigits(strconv.FormatInt(n, 10))
}

// scaled writes n/unit, which has at most two decimal places, as decimal's
// String does (no trailing zeros), grouping the whole part when group is
// set, as Grouped does.
func scaled(n, unit int64, group bool) string {
	whole := strconv.FormatInt(n/unit, 10)
	if group {
		whole = groupDigits(whole)
	}
	frac := n % unit
	if frac == 0 {
		return whole
	}
	// unit/100 divides frac: two digits, the second dropped when zero.
	cents := frac / (unit / 100)
	if cents%10 == 0 {
		return whole + "." + strconv.FormatInt(cents/10, 10)
	}
	return whole + "." + strconv.FormatInt(cents/10, 10) + strconv.FormatInt(cents%10, 10)
}

// Grouped writes a number with thousands separators: 52847077 → "52,847,077".
func Grouped(v decimal.Decimal) string {
	intPart, frac, hasFrac := strings.Cut(v.String(), ".")
	if hasFrac {
		return groupDigits(intPart) + "." + frac
	}
	return groupDigits(intPart)
}

// groupDigits puts a comma before each group of three characters counted
// from the end of s, the whole part of a number as decimal writes it.
func groupDigits(s string) string {
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/3)
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
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
