package briefing

// box is a rectangle, x0 < x1 and y0 < y1, in any one unit.
type box struct{ x0, y0, x1, y1 float64 }

func (b box) overlaps(o box) bool {
	return b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1
}

func (b box) inside(o box) bool {
	return b.x0 >= o.x0 && b.x1 <= o.x1 && b.y0 >= o.y0 && b.y1 <= o.y1
}

// placer puts labels beside their marks where they cover nothing already
// placed (marks, bars, other labels) and stay inside bounds. It works in
// whatever unit its caller measures in, so a PDF and an SVG drawing can
// both use it.
type placer struct {
	bounds    box
	taken     []box
	gap       float64 // between a mark and its label
	lineH     float64 // a label line's height
	maxShifts int     // how many line heights a label may move up or down
}

// take marks b as covered.
func (p *placer) take(b box) { p.taken = append(p.taken, b) }

func (p *placer) free(b box) bool {
	if !b.inside(p.bounds) {
		return false
	}
	for _, t := range p.taken {
		if b.overlaps(t) {
			return false
		}
	}
	return true
}

// place finds a box for the label of a mark centred at (x, y) with
// radius r, the label being any one of its forms (sizes, each a width and
// a height; the first preferred): right of the mark, else left, else the
// same moved up or down by whole line heights, nearest first; at each
// distance every form is tried in turn. It returns the box, the form
// chosen, and whether the label moved off the mark's line (the caller
// then draws a leader). When no place is free, the first form goes right
// of the mark regardless.
func (p *placer) place(x, y, r float64, sizes [][2]float64) (box, int, bool) {
	at := func(size [2]float64, right bool, dy float64) box {
		w, h := size[0], size[1]
		top := y - h/2 + dy
		if right {
			return box{x + r + p.gap, top, x + r + p.gap + w, top + h}
		}
		return box{x - r - p.gap - w, top, x - r - p.gap, top + h}
	}
	for k := 0; k <= p.maxShifts; k++ {
		for _, dy := range shifts(k, p.lineH) {
			for f, size := range sizes {
				for _, right := range []bool{true, false} {
					if b := at(size, right, dy); p.free(b) {
						p.take(b)
						return b, f, k > 0
					}
				}
			}
		}
	}
	b := at(sizes[0], true, 0)
	p.take(b)
	return b, 0, false
}

// shifts are the vertical moves of k line heights: 0, or up and down.
func shifts(k int, lineH float64) []float64 {
	if k == 0 {
		return []float64{0}
	}
	d := float64(k) * lineH
	return []float64{-d, d}
}
