package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestVersionOf(t *testing.T) {
	vcs := func(rev, when, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "-trimpath", Value: "true"},
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: when},
			{Key: "vcs.modified", Value: modified},
		}
	}
	const rev = "0123456789abcdef0123456789abcdef01234567"
	for _, tc := range []struct {
		name     string
		version  string
		settings []debug.BuildSetting
		want     string
	}{
		{"release", "v1.2.0", vcs(rev, "2026-12-06T18:44:00Z", "false"), "v1.2.0 (commit 0123456789ab, 2026-12-06)"},
		{"commit date in UTC", "v1.2.0", vcs(rev, "2026-12-06T23:30:00-05:00", "false"), "v1.2.0 (commit 0123456789ab, 2026-12-07)"},
		{"release candidate", "v1.2.0-rc.1", vcs(rev, "2026-12-06T18:44:00Z", "false"), "v1.2.0-rc.1 (commit 0123456789ab, 2026-12-06)"},
		{"tag with changes", "v1.2.0+dirty", vcs(rev, "2026-12-06T18:44:00Z", "true"), "v1.2.0+dirty (commit 0123456789ab, 2026-12-06, modified)"},
		{"untagged", "v0.0.0-20261206184400-0123456789ab", vcs(rev, "2026-12-06T18:44:00Z", "false"), "(devel) (commit 0123456789ab, 2026-12-06)"},
		{"untagged with changes", "v0.0.0-20261206184400-0123456789ab+dirty", vcs(rev, "2026-12-06T18:44:00Z", "true"), "(devel) (commit 0123456789ab, 2026-12-06, modified)"},
		{"after a tag", "v1.2.1-0.20261206184400-0123456789ab", vcs(rev, "2026-12-06T18:44:00Z", "false"), "(devel) (commit 0123456789ab, 2026-12-06)"},
		{"after a prerelease", "v1.2.0-rc.1.0.20261206184400-0123456789ab", vcs(rev, "2026-12-06T18:44:00Z", "false"), "(devel) (commit 0123456789ab, 2026-12-06)"},
		{"go build before Go 1.24", "(devel)", vcs(rev, "2026-12-06T18:44:00Z", "false"), "(devel) (commit 0123456789ab, 2026-12-06)"},
		{"go install m@v1.2.0", "v1.2.0", nil, "v1.2.0"},
		{"go test, -buildvcs=false", "(devel)", nil, "(devel)"},
		{"no version at all", "", nil, "(devel)"},
		{"no time", "v1.2.0", []debug.BuildSetting{{Key: "vcs.revision", Value: rev}}, "v1.2.0 (commit 0123456789ab)"},
		{"short revision", "(devel)", []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}}, "(devel) (commit abc)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/dprkreport/dprkreport", Version: tc.version}, Settings: tc.settings}
			if got := versionOf(bi); got != tc.want {
				t.Errorf("versionOf(%q) = %q, want %q", tc.version, got, tc.want)
			}
		})
	}
	if got := versionOf(nil); got != "(devel)" {
		t.Errorf("versionOf(nil) = %q, want (devel)", got)
	}
}

// Both artifacts carry the version --version prints: the briefing in its
// producer entry, the workbook in its description.
func TestArtifactsNameVersion(t *testing.T) {
	dir := t.TempDir()
	pdf, xlsx := filepath.Join(dir, "b.pdf"), filepath.Join(dir, "w.xlsx")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-q", "-o", pdf, "-o", xlsx}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	stdout.Reset()
	if code := run([]string{"--version"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("--version: exit %d: %s", code, stderr.String())
	}
	program := strings.TrimSuffix(stdout.String(), "\n")
	if program != "dprkreport (devel)" { // as TestMain pins it
		t.Errorf("--version printed %q, want dprkreport (devel)", program)
	}
	b, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if want := "<pdf:Producer>" + program + " with gofpdf 1.16.2</pdf:Producer>"; !bytes.Contains(b, []byte(want)) {
		t.Errorf("the briefing's XMP metadata lacks %s", want)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if want := "Built by " + program + " from dataset "; !strings.HasPrefix(props.Description, want) {
		t.Errorf("the workbook's description is %q, want it to begin %q", props.Description, want)
	}
}
