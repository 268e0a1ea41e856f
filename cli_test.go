package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dprkreport/dprkreport/dataset/synth"
)

// chdirTemp runs the test in an empty folder, so that anything written
// shows up there.
func chdirTemp(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	return dir
}

// An empty flag value is a usage error (exit 2), never the default, and
// nothing is written.
func TestEmptyFlagValues(t *testing.T) {
	for _, args := range [][]string{
		{"--data", ""}, {"--data="}, {"-d", ""},
		{"--templates", ""}, {"--templates="}, {"--font", ""}, {"--font="},
		{"--archive", ""},
		{"--init", ""}, {"--init="},
		{"-o", ""}, {"-o", "a.pdf", "-o", ""}, {"--output="},
		{"-o", "-", "--format", ""},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			dir := chdirTemp(t)
			var stdout, stderr bytes.Buffer
			if code := run(args, &stdout, &stderr); code != exitUsage {
				t.Fatalf("exit %d, want %d; stderr: %s", code, exitUsage, stderr.String())
			}
			if !strings.Contains(stderr.String(), "was given an empty value") ||
				!strings.Contains(stderr.String(), "hint: leave the flag out for its default") {
				t.Errorf("stderr: %s", stderr.String())
			}
			if es, _ := os.ReadDir(dir); len(es) > 0 || stdout.Len() > 0 {
				t.Errorf("wrote %d entries and %d bytes of stdout", len(es), stdout.Len())
			}
		})
	}
}

// Data that composes more of the briefing than it may hold fails --check
// exactly as it fails the render: --check composes the briefing.
func TestCheckComposesLargeData(t *testing.T) {
	if testing.Short() {
		t.Skip("composes a 35,000-source dataset")
	}
	data := filepath.Join(t.TempDir(), "data")
	if err := synth.Write(data, synth.Config{Incidents: 35000, Sources: 35000, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	dir := chdirTemp(t)
	var got [2]string
	for i, args := range [][]string{{"--check"}, {"-o", "b.pdf"}} {
		var stdout, stderr bytes.Buffer
		if code := run(append([]string{"--data", data}, args...), &stdout, &stderr); code != exitFail {
			t.Fatalf("%s: exit %d, want %d; stderr: %s", args, code, exitFail, stderr.String())
		}
		got[i] = stderr.String()
		if stdout.Len() > 0 {
			t.Errorf("%s: stdout: %s", args, stdout.String())
		}
	}
	if !strings.Contains(got[0], "the composed briefing passed 8 MiB") || got[0] != got[1] {
		t.Errorf("--check said:\n%s\nthe render said:\n%s", got[0], got[1])
	}
	if es, _ := os.ReadDir(dir); len(es) > 0 {
		t.Errorf("wrote %d entries", len(es))
	}
}
