package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dprkreport/dprkreport/dataset/synth"
)

// listDir names the entries of dir, for asserting what a run left behind.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// A rename that fails after another output was replaced puts the replaced
// file back, removes every temporary file and the folders the run made.
func TestCommitRollsBack(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "a.pdf")
	if err := os.WriteFile(first, []byte("KEEP"), 0o644); err != nil {
		t.Fatal(err)
	}
	second := filepath.Join(dir, "made", "b.xlsx")
	st := &staging{}
	for _, p := range []string{first, second} {
		w, err := st.open(&artifact{path: p})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("NEW"))
	}
	// The second destination turns into a non-empty folder before the
	// commit: its rename fails after the first has been replaced.
	if err := os.MkdirAll(filepath.Join(second, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := st.commit(&bytes.Buffer{})
	if err == nil {
		t.Fatal("commit succeeded over a folder")
	}
	if got, _ := os.ReadFile(first); string(got) != "KEEP" {
		t.Errorf("a.pdf = %q after a failed commit, want KEEP", got)
	}
	if got := listDir(t, dir); strings.Join(got, " ") != "a.pdf made" {
		t.Errorf("left in the output folder: %q", got)
	}
	if got := listDir(t, filepath.Join(dir, "made")); strings.Join(got, " ") != "b.xlsx" {
		t.Errorf("left in made/: %q", got)
	}
}

// A failing stdout leaves every file output as it was.
func TestStdoutFailureReplacesNothing(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "g.xlsx")
	os.WriteFile(keep, []byte("KEEP"), 0o644)
	var stderr bytes.Buffer
	code := run([]string{"-o", keep, "-o", filepath.Join(dir, "new", "b.pdf"), "-o", "-", "--format", "pdf"}, failingWriter{}, &stderr)
	if code != exitFail {
		t.Fatalf("exit %d, want %d: %s", code, exitFail, stderr.String())
	}
	if got, _ := os.ReadFile(keep); string(got) != "KEEP" {
		t.Errorf("g.xlsx = %q, want KEEP", got)
	}
	if got := listDir(t, dir); strings.Join(got, " ") != "g.xlsx" {
		t.Errorf("left behind: %q", got)
	}
	if !strings.Contains(stderr.String(), "write to stdout: disk full") {
		t.Errorf("stderr: %s", stderr.String())
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestHelperProcess is the dprkreport command when the interrupt test runs
// this test binary as a child.
func TestHelperProcess(t *testing.T) {
	if os.Getenv("DPRKREPORT_HELPER") != "1" {
		t.Skip("run as a child by TestInterrupt")
	}
	os.Args = append([]string{"dprkreport"}, strings.Fields(os.Getenv("DPRKREPORT_ARGS"))...)
	main()
}

// SIGINT and SIGTERM during a render remove the temporary file, leave the
// existing output as it was and exit 130 or 143.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a large dataset")
	}
	data := filepath.Join(t.TempDir(), "data")
	if err := synth.Write(data, synth.Config{Incidents: 100000, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, exitInterrupt}, {syscall.SIGTERM, exitTerm}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			out := t.TempDir()
			keep := filepath.Join(out, "w.xlsx")
			os.WriteFile(keep, []byte("KEEP"), 0o644)
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
			cmd.Env = append(os.Environ(), "DPRKREPORT_HELPER=1", "DPRKREPORT_ARGS=--data "+data+" -o "+keep)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Wait until the render has its temporary file, then signal.
			deadline := time.Now().Add(2 * time.Minute)
			for len(listDir(t, out)) < 2 {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatalf("no temporary file appeared; stderr: %s", stderr.String())
				}
				time.Sleep(5 * time.Millisecond)
			}
			cmd.Process.Signal(c.sig)
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != c.code {
				t.Fatalf("exit %v, want %d; stderr: %s", err, c.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), "temporary files removed, existing outputs left as they were") {
				t.Errorf("stderr: %s", stderr.String())
			}
			if got := listDir(t, out); strings.Join(got, " ") != "w.xlsx" {
				t.Errorf("left behind: %q", got)
			}
			if got, _ := os.ReadFile(keep); string(got) != "KEEP" {
				t.Errorf("w.xlsx = %q, want KEEP", got)
			}
		})
	}
}
