package report

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// money's integer path writes what its decimal path writes, for whole
// amounts of every size and shape: round billions and millions, a digit
// or two after the point, and any number.
func TestMoneyIntMatchesDecimal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ns := []int64{0, 1, 999, 1000, 999_999, 1_000_000, 1_050_000, 1_100_000, 999_900_000, 1_000_000_000,
		1_010_000_000, 1_100_000_000, 1_250_000_000, 1_388_000_000, 2_999_999_999, 12_000_000_000, 1e18}
	for range 20000 {
		unit := []int64{1, 1e3, 1e5, 1e6, 1e7, 1e8, 1e9}[r.IntN(7)]
		ns = append(ns, r.Int64N(1e13/unit)*unit)
	}
	for _, n := range ns {
		v := decimal.NewFromInt(n)
		for _, u := range [][2]string{{" billion", " million"}, {"B", "M"}} {
			if got, want := money(v, u[0], u[1]), moneyDecimal(v, u[0], u[1]); got != want {
				t.Fatalf("money(%d) = %q, the decimal path writes %q", n, got, want)
			}
		}
	}
	// Amounts the integer path leaves to decimal.
	for _, s := range []string{"-5000000", "1500000.5", "1e19", "660.5e6"} {
		v := decimal.RequireFromString(s)
		if got, want := Money(v), moneyDecimal(v, " billion", " million"); got != want {
			t.Errorf("Money(%s) = %q, want %q", s, got, want)
		}
	}
}
