package dataset

// Limits on what a dataset may hold. Each is what a renderer can carry
// without loss, so that --check rejects whatever a render would.
const (
	// MaxFileSize bounds each data file and archived article: a
	// million-incident dataset is about 330 MB.
	MaxFileSize = 512 << 20
	// MaxTextLen is the most characters a text field may hold: an Excel
	// cell holds 32,767.
	MaxTextLen = 32767
	// MaxRecords is the most claims, and the most incidents, a dataset
	// holds: the workbook lists each on one row of a worksheet, which has
	// 1,048,576 rows, the header among them.
	MaxRecords = 1<<20 - 1
	// MaxURLLen bounds an address: Excel keeps at most 255 characters of
	// a link location, and a HYPERLINK formula at most 8,192 characters.
	MaxURLLen = 255
	// MaxErrors is how many problems are reported; the rest are counted.
	MaxErrors = 100
)

// fits reports the first of n records past limit (MaxRecords), at its
// place.
func (v *validator) fits(file, table string, n, limit int) {
	if n > limit {
		v.add(at(file, table, limit), "split the dataset by period, or move the oldest records to an archive dataset",
			"%d %ss: the workbook's sheet holds %d under its header", n, table, limit)
	}
}
