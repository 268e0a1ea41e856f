package briefing

// The originators' marks differ in shape as well as colour, so that no
// reader depends on colour alone. The colours are from Okabe and Ito's
// palette for colour-blind readers ("Color Universal Design", 2008):
// blue, vermillion, bluish green, sky blue and black, the five of its eight
// that stay at least 20 apart (CIELAB ΔE76) in pairs under simulated
// protanopia and deuteranopia (TestSeriesColorsUnderColorBlindness);
// orange, yellow and reddish purple each fall below that with one of them.
var seriesColors = [][3]int{
	{0, 114, 178},  // blue
	{213, 94, 0},   // vermillion
	{0, 158, 115},  // bluish green
	{86, 180, 233}, // sky blue
	{0, 0, 0},      // black
}

// shape is a marker's outline.
type shape int

const (
	shapeCircle shape = iota
	shapeSquare
	shapeTriangle
	shapeDiamond
	shapeTriangleDown
	numShapes
)

// String names the shape, as an SVG drawing or a test may want it.
func (s shape) String() string {
	return [...]string{"circle", "square", "triangle", "diamond", "triangle-down"}[s]
}

// seriesColor is the j-th series' colour.
func seriesColor(j int) [3]int { return seriesColors[j%len(seriesColors)] }

// seriesShape is the j-th series' shape: past the colours' count the
// shapes shift by one, so that no two of the first 25 series share both.
func seriesShape(j int) shape {
	return shape((j + j/len(seriesColors)) % int(numShapes))
}

// markerPolygon is the outline of a triangle, downward triangle or diamond
// marker of radius k centred on x, y (y grows downwards, as on the PDF page
// and in SVG): one geometry for both renderers.
func markerPolygon(sh shape, x, y, k float64) [][2]float64 {
	switch sh {
	case shapeTriangle:
		return [][2]float64{{x, y - 1.2*k}, {x + 1.1*k, y + 0.8*k}, {x - 1.1*k, y + 0.8*k}}
	case shapeTriangleDown:
		return [][2]float64{{x, y + 1.2*k}, {x + 1.1*k, y - 0.8*k}, {x - 1.1*k, y - 0.8*k}}
	}
	return [][2]float64{{x, y - 1.25*k}, {x + 1.1*k, y}, {x, y + 1.25*k}, {x - 1.1*k, y}} // diamond
}
