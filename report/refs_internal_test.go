package report

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// merged, Compute's shortcut past MergeRefs, holds only where MergeRefs
// would return the refs as they are.
func TestMergedAsMergeRefs(t *testing.T) {
	srcs := []*SourceRow{{}, {}, {}}
	rng := rand.New(rand.NewPCG(1, 2))
	taken := 0
	for range 20000 {
		refs := make([]Ref, rng.IntN(11))
		for i := range refs {
			refs[i].Source = srcs[rng.IntN(len(srcs))]
			for range rng.IntN(3) {
				refs[i].Paras = append(refs[i].Paras, 1+rng.IntN(3))
			}
		}
		if !merged(refs) {
			continue
		}
		taken++
		if diff := cmp.Diff(MergeRefs(refs), refs, cmpopts.EquateEmpty(), cmp.Comparer(func(a, b *SourceRow) bool { return a == b })); diff != "" {
			t.Fatalf("merged(%v) but MergeRefs differs (-MergeRefs +refs):\n%s", refs, diff)
		}
	}
	if taken == 0 {
		t.Fatal("merged took no list")
	}
}
