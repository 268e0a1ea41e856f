package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
	"testing"
)

func TestShellArg(t *testing.T) {
	for _, c := range []struct{ goos, in, want string }{
		{"linux", "mydata", "mydata"},
		{"linux", "/home/me/data-2026", "/home/me/data-2026"},
		{"linux", "../shared/data", "../shared/data"},
		{"linux", "my data", "'my data'"},
		{"linux", "/home/me/it's", `'/home/me/it'\''s'`},
		{"linux", "~/data", "'~/data'"},
		{"linux", "$HOME/data", "'$HOME/data'"},
		{"darwin", "/Users/me/Data Sets", "'/Users/me/Data Sets'"},
		{"linux", "", "''"},
		{"windows", "mydata", "mydata"},
		{"windows", `C:\data`, `C:\data`},
		{"windows", `C:data`, `C:data`},
		{"windows", `C:/Users/me/data`, `C:/Users/me/data`},
		{"windows", `\\server\share\data`, `\\server\share\data`},
		{"windows", `C:\My Data`, `"C:\My Data"`},
		{"windows", `C:\My Data\`, `"C:\My Data\\"`},
		{"windows", `D:\a&b`, `"D:\a&b"`},
		{"windows", `C:\données`, `"C:\données"`},
		{"windows", "", `""`},
	} {
		if got := shellArg(c.goos, c.in); got != c.want {
			t.Errorf("shellArg(%s, %s) = %s, want %s", c.goos, c.in, got, c.want)
		}
	}
}

func TestSameFileKey(t *testing.T) {
	for _, c := range []struct {
		goos, a, b string
		same       bool
	}{
		{"linux", "/tmp/out/a.pdf", "/tmp/out/a.pdf", true},
		{"linux", "/tmp/out/A.pdf", "/tmp/out/a.pdf", false},
		{"darwin", "/Users/me/Brief.pdf", "/Users/me/brief.PDF", true},
		{"windows", `C:\Out\Brief.PDF`, `c:\out\brief.pdf`, true},
		{"windows", `\\Server\Share\b.pdf`, `\\server\share\B.pdf`, true},
		{"windows", `C:\out\a.pdf`, `D:\out\a.pdf`, false},
	} {
		if got := sameFileKey(c.goos, c.a) == sameFileKey(c.goos, c.b); got != c.same {
			t.Errorf("%s: %s and %s the same file: %v, want %v", c.goos, c.a, c.b, got, c.same)
		}
	}
}

func TestInUse(t *testing.T) {
	link := func(errno syscall.Errno) error {
		return &os.LinkError{Op: "rename", Old: `out\.b.pdf.tmp1`, New: `out\b.pdf`, Err: errno}
	}
	for _, c := range []struct {
		goos string
		err  error
		want bool
	}{
		{"windows", syscall.Errno(32), true}, // ERROR_SHARING_VIOLATION
		{"windows", syscall.Errno(33), true}, // ERROR_LOCK_VIOLATION
		{"windows", link(5), true},           // ERROR_ACCESS_DENIED
		{"windows", fmt.Errorf("out: %w", syscall.Errno(32)), true},
		{"windows", syscall.Errno(2), false}, // ERROR_FILE_NOT_FOUND
		{"windows", fs.ErrExist, false},
		{"windows", nil, false},
		{"linux", syscall.Errno(5), false}, // EIO
		{"linux", link(32), false},         // EPIPE
		{"darwin", errors.New("x"), false},
	} {
		if got := inUse(c.goos, c.err); got != c.want {
			t.Errorf("inUse(%s, %v) = %v, want %v", c.goos, c.err, got, c.want)
		}
	}
}

// A failed rename names what failed without repeating both paths; the
// caller names the output.
func TestRenameError(t *testing.T) {
	dir := t.TempDir()
	err := rename(dir+"/missing", dir+"/b.pdf")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want one that is fs.ErrNotExist", err)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		t.Errorf("err = %v: the *os.LinkError repeats both paths", err)
	}
}
