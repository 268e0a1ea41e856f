package workbook_test

import (
	"fmt"
	"io"
	"testing"

	"github.com/dprkreport/dprkreport/internal/benchdata"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/workbook"
	"github.com/xuri/excelize/v2"
)

func BenchmarkWorkbook(b *testing.B) {
	benchdata.Run(b, func(b *testing.B, n int) {
		s := benchdata.Summary(b, n)
		for b.Loop() {
			if err := workbook.Write(io.Discard, s, workbook.Options{Date: buildDate}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkStreamWriterBaseline writes the same incident cells as the
// workbook's Incidents sheet with excelize's StreamWriter alone: the floor
// against which the whole workbook's cost is a ratio.
func BenchmarkStreamWriterBaseline(b *testing.B) {
	benchdata.Run(b, func(b *testing.B, n int) {
		s := benchdata.Summary(b, n)
		for b.Loop() {
			if err := baseline(io.Discard, s); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func baseline(w io.Writer, s *report.Summary) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	usd, _ := f.NewStyle(&excelize.Style{NumFmt: 3})
	for i, in := range s.Incidents {
		r := i + 2
		amount, _ := in.USD.Float64()
		low, _ := in.LowUSD.Float64()
		high, _ := in.HighUSD.Float64()
		row := []any{
			in.ID, in.Victim, in.VictimType, in.When.First(),
			excelize.Cell{Formula: fmt.Sprintf("YEAR(D%d)", r), Value: in.When.Year},
			excelize.Cell{Value: amount, StyleID: usd}, in.Qualifier,
			excelize.Cell{Value: low, StyleID: usd}, excelize.Cell{Value: high, StyleID: usd},
			in.RangeNote, in.Technique, in.Actor, in.Basis, in.Confidence, in.AttributionNote,
			excelize.Cell{Formula: `HYPERLINK("#Sources!A2","[1]")`, Value: "[1]"}, in.DateNote, in.Note,
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
