package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
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
