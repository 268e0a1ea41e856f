package briefing

import (
	"fmt"
	"math"
	"testing"
)

// Machado, Oliveira and Fernandes (2009), "A physiologically-based model
// for simulation of color vision deficiency", severity 1.0: matrices on
// linear RGB.
var (
	protanopia = [3][3]float64{
		{0.152286, 1.052583, -0.204868},
		{0.114503, 0.786281, 0.099216},
		{-0.003882, -0.048116, 1.051998},
	}
	deuteranopia = [3][3]float64{
		{0.367322, 0.860646, -0.227968},
		{0.280085, 0.672501, 0.047413},
		{-0.011820, 0.042940, 0.968881},
	}
)

// lab is an sRGB colour as CIELAB (D65) as seen through m (a colour
// vision deficiency's matrix on linear RGB, or nil for normal vision).
func lab(c [3]int, m *[3][3]float64) [3]float64 {
	var rgb [3]float64
	for i, v := range c {
		s := float64(v) / 255
		if s <= 0.04045 {
			rgb[i] = s / 12.92
		} else {
			rgb[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	if m != nil {
		var sim [3]float64
		for i := range 3 {
			for j := range 3 {
				sim[i] += m[i][j] * rgb[j]
			}
			sim[i] = min(max(sim[i], 0), 1)
		}
		rgb = sim
	}
	x := 0.4124564*rgb[0] + 0.3575761*rgb[1] + 0.1804375*rgb[2]
	y := 0.2126729*rgb[0] + 0.7151522*rgb[1] + 0.0721750*rgb[2]
	z := 0.0193339*rgb[0] + 0.1191920*rgb[1] + 0.9503041*rgb[2]
	f := func(t float64) float64 {
		if t > math.Pow(6.0/29, 3) {
			return math.Cbrt(t)
		}
		return t/(3*math.Pow(6.0/29, 2)) + 4.0/29
	}
	fx, fy, fz := f(x/0.95047), f(y/1.0), f(z/1.08883)
	return [3]float64{116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)}
}

// deltaE76 is the CIELAB ΔE*ab (CIE 1976) between two colours as seen
// through m.
func deltaE76(a, b [3]int, m *[3][3]float64) float64 {
	la, lb := lab(a, m), lab(b, m)
	return math.Sqrt(math.Pow(la[0]-lb[0], 2) + math.Pow(la[1]-lb[1], 2) + math.Pow(la[2]-lb[2], 2))
}

// TestSeriesColorsUnderColorBlindness: any two colours the chart can give
// its series stay at least ΔE76 20 apart for a reader with protanopia or
// deuteranopia (audit §2.5: the old orange and green were ΔE ≈ 11 apart
// under protanopia, on exactly the two 2022 dots).
func TestSeriesColorsUnderColorBlindness(t *testing.T) {
	const minDeltaE = 20
	sims := []struct {
		name string
		m    *[3][3]float64
	}{{"normal vision", nil}, {"protanopia", &protanopia}, {"deuteranopia", &deuteranopia}}
	for _, sim := range sims {
		for i := range seriesColors {
			for j := i + 1; j < len(seriesColors); j++ {
				if d := deltaE76(seriesColors[i], seriesColors[j], sim.m); d < minDeltaE {
					t.Errorf("%s: series %d %v and %d %v are ΔE76 %.1f apart, want at least %d", sim.name, i, seriesColors[i], j, seriesColors[j], d, minDeltaE)
				}
			}
		}
	}
}

// TestColorBlindnessSimulation checks the simulation against the audit's
// measurement of the old palette, so that a broken simulation cannot pass
// every palette: orange (197,90,17) and green (84,130,53) were ΔE ≈ 11
// apart under protanopia and ≈ 25 under deuteranopia.
func TestColorBlindnessSimulation(t *testing.T) {
	orange, green := [3]int{197, 90, 17}, [3]int{84, 130, 53}
	for _, tc := range []struct {
		m      *[3][3]float64
		lo, hi float64
	}{{&protanopia, 10, 12}, {&deuteranopia, 24, 26}} {
		if d := deltaE76(orange, green, tc.m); d < tc.lo || d > tc.hi {
			t.Errorf("old orange and green: ΔE76 %.2f, want %v–%v", d, tc.lo, tc.hi)
		}
	}
	if d := deltaE76([3]int{0, 0, 0}, [3]int{255, 255, 255}, nil); math.Abs(d-100) > 0.01 {
		t.Errorf("black to white: ΔE76 %.3f, want 100", d)
	}
}

// TestSeriesMarks: the first 25 series differ in colour or in shape.
func TestSeriesMarks(t *testing.T) {
	seen := map[string]int{}
	for j := range 25 {
		k := fmt.Sprint(seriesColor(j), seriesShape(j))
		if i, dup := seen[k]; dup {
			t.Errorf("series %d and %d share colour and shape %s", i, j, k)
		}
		seen[k] = j
	}
}
