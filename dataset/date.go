package dataset

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date known to a year, a month or a day, or only as
// "the middle of a year" (written "mid-2021", as sources often put it).
// Month and Day are zero when not known.
type Date struct {
	Year, Month, Day int
	Mid              bool // "mid-YEAR": around June and July
}

// Precision is how much of a Date is known.
type Precision int

const (
	PrecisionNone Precision = iota
	PrecisionYear
	PrecisionMonth
	PrecisionDay
	PrecisionMid // "mid-2021"
)

func (p Precision) String() string {
	return [...]string{"none", "year", "month", "day", "mid-year"}[p]
}

// ParseDate reads "2024", "2024-03", "2024-03-21" or "mid-2021".
func ParseDate(s string) (Date, error) {
	if y, ok := strings.CutPrefix(s, "mid-"); ok {
		d, err := ParseDate(y)
		if err != nil || d.Precision() != PrecisionYear {
			return Date{}, fmt.Errorf("date %q is not mid-YYYY", s)
		}
		d.Mid = true
		return d, nil
	}
	parts := strings.Split(s, "-")
	if s == "" || len(parts) > 3 {
		return Date{}, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	var n [3]int
	widths := [3]int{4, 2, 2}
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || len(p) != widths[i] || strings.Trim(p, "0123456789") != "" {
			return Date{}, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		n[i] = v
	}
	d := Date{Year: n[0], Month: n[1], Day: n[2]}
	if d.Year < 1900 || d.Year > 2999 {
		return Date{}, fmt.Errorf("date %q: year %d is out of range 1900-2999", s, d.Year)
	}
	if len(parts) >= 2 && (d.Month < 1 || d.Month > 12) {
		return Date{}, fmt.Errorf("date %q: month %d does not exist", s, d.Month)
	}
	if len(parts) == 3 {
		last := time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if d.Day < 1 || d.Day > last {
			return Date{}, fmt.Errorf("date %q: day %d does not exist in %s %d", s, d.Day, time.Month(d.Month), d.Year)
		}
	}
	return d, nil
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// Precision returns how much of the date is known.
func (d Date) Precision() Precision {
	switch {
	case d.Year == 0:
		return PrecisionNone
	case d.Mid:
		return PrecisionMid
	case d.Month == 0:
		return PrecisionYear
	case d.Day == 0:
		return PrecisionMonth
	}
	return PrecisionDay
}

// String returns the date as written: YYYY, YYYY-MM or YYYY-MM-DD.
func (d Date) String() string {
	switch d.Precision() {
	case PrecisionNone:
		return ""
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMid:
		return fmt.Sprintf("mid-%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Human returns the date for a reader: "2023", "Sep 2023", "12 Sep 2023".
func (d Date) Human() string {
	switch d.Precision() {
	case PrecisionNone:
		return ""
	case PrecisionYear:
		return strconv.Itoa(d.Year)
	case PrecisionMid:
		return "mid-" + strconv.Itoa(d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%s %d", time.Month(d.Month).String()[:3], d.Year)
	}
	return fmt.Sprintf("%d %s %d", d.Day, time.Month(d.Month).String()[:3], d.Year)
}

// First returns the first day the date may mean.
func (d Date) First() time.Time {
	if d.Mid {
		return time.Date(d.Year, 6, 1, 0, 0, 0, 0, time.UTC)
	}
	m, day := max(d.Month, 1), max(d.Day, 1)
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// Last returns the last day the date may mean.
func (d Date) Last() time.Time {
	switch d.Precision() {
	case PrecisionYear:
		return time.Date(d.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	case PrecisionMid:
		return time.Date(d.Year, 7, 31, 0, 0, 0, 0, time.UTC)
	case PrecisionMonth:
		return time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return d.First()
}

// Span is the period a claim covers: one date (a year, a month, a day) or an
// interval of two. An open start ("../2019-07") means "up to".
type Span struct {
	Start, End Date // Start is zero for an open start
}

var errOpenEnd = errors.New("a period may not be open at its end")

// ParseSpan reads "2023", "2017/2023", "2020/mid-2021" or "../2019-07".
func ParseSpan(s string) (Span, error) {
	a, b, isInterval := strings.Cut(s, "/")
	if !isInterval {
		d, err := ParseDate(s)
		return Span{d, d}, err
	}
	var sp Span
	var err error
	if a != ".." {
		if sp.Start, err = ParseDate(a); err != nil {
			return Span{}, err
		}
	}
	if b == ".." || b == "" {
		return Span{}, errOpenEnd
	}
	if sp.End, err = ParseDate(b); err != nil {
		return Span{}, err
	}
	if !sp.Start.IsZero() && sp.End.Last().Before(sp.Start.First()) {
		return Span{}, fmt.Errorf("period %q ends before it starts", s)
	}
	return sp, nil
}

// IsZero reports whether no period is given.
func (s Span) IsZero() bool { return s.End.IsZero() }

// SingleYear returns the year when the span lies within one calendar year.
func (s Span) SingleYear() (int, bool) {
	if s.IsZero() || s.Start.IsZero() || s.Start.Year != s.End.Year {
		return 0, false
	}
	return s.End.Year, true
}

// Overlaps reports whether the span shares any day with the years from..to
// (inclusive; zero means unbounded).
func (s Span) Overlaps(from, to int) bool {
	if s.IsZero() {
		return true
	}
	if to != 0 && !s.Start.IsZero() && s.Start.Year > to {
		return false
	}
	return from == 0 || s.End.Year >= from
}

// Within reports whether the span lies wholly inside the years from..to.
func (s Span) Within(from, to int) bool {
	if s.IsZero() {
		return true
	}
	if from != 0 && (s.Start.IsZero() || s.Start.Year < from) {
		return false
	}
	return to == 0 || s.End.Year <= to
}

// ContainsYear reports whether the whole of year y lies inside the span
// (an open start contains nothing for sure).
func (s Span) ContainsYear(y int) bool {
	if s.IsZero() || s.Start.IsZero() {
		return false
	}
	year := Date{Year: y}
	return !year.First().Before(s.Start.First()) && !year.Last().After(s.End.Last())
}

// String returns the span as written.
func (s Span) String() string {
	switch {
	case s.IsZero():
		return ""
	case s.Start == s.End:
		return s.Start.String()
	case s.Start.IsZero():
		return "../" + s.End.String()
	}
	return s.Start.String() + "/" + s.End.String()
}

// Human returns the span for a reader: "2023", "2017–2023", "up to Jul 2019".
func (s Span) Human() string {
	switch {
	case s.IsZero():
		return ""
	case s.Start == s.End:
		return s.Start.Human()
	case s.Start.IsZero():
		return "up to " + s.End.Human()
	}
	return s.Start.Human() + "–" + s.End.Human()
}
