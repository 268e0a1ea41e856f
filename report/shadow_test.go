package report_test

import (
	"reflect"
	"testing"

	"github.com/dprkreport/dprkreport/report"
)

// No row type redefines a field of the dataset type it embeds: a shadowed
// field is how c.Revisions and c.Latest() once read two different lists.
func TestNoShadowedFields(t *testing.T) {
	for _, v := range []any{report.ClaimRow{}, report.IncidentRow{}, report.SourceRow{}, report.OriginatorRow{},
		report.RevisionRow{}, report.CiteRow{}} {
		typ := reflect.TypeOf(v)
		own := map[string]bool{}
		for i := range typ.NumField() {
			if f := typ.Field(i); !f.Anonymous {
				own[f.Name] = true
			}
		}
		for i := range typ.NumField() {
			f := typ.Field(i)
			if !f.Anonymous {
				continue
			}
			et := f.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			for j := range et.NumField() {
				if name := et.Field(j).Name; own[name] {
					t.Errorf("%s.%s shadows %s.%s", typ.Name(), name, et.Name(), name)
				}
			}
			for j := range reflect.PointerTo(et).NumMethod() {
				if name := reflect.PointerTo(et).Method(j).Name; own[name] {
					t.Errorf("%s.%s shadows the method %s.%s", typ.Name(), name, et.Name(), name)
				}
			}
		}
	}
}
