package main

import (
	"os"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// scriptCmds are the commands the scenarios use beside testscript's own.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	// replace FILE OLD NEW replaces every OLD in FILE (Go-quoted strings
	// allowed, for "\n"), as an editor would.
	"replace": func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 3 {
			ts.Fatalf("usage: replace FILE OLD NEW")
		}
		unq := func(s string) string {
			if u, err := strconv.Unquote(`"` + s + `"`); err == nil {
				return u
			}
			return s
		}
		name := ts.MkAbs(args[0])
		data, err := os.ReadFile(name)
		ts.Check(err)
		old := unq(args[1])
		if !strings.Contains(string(data), old) {
			ts.Fatalf("replace: %q is not in %s", old, args[0])
		}
		ts.Check(os.WriteFile(name, []byte(strings.ReplaceAll(string(data), old, unq(args[2]))), 0o644))
	},
	// sparse FILE MIB makes a file of MIB mebibytes that takes no room
	// on disk, for the size limits.
	"sparse": func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 2 {
			ts.Fatalf("usage: sparse FILE MIB")
		}
		n, err := strconv.ParseInt(args[1], 10, 64)
		ts.Check(err)
		f, err := os.Create(ts.MkAbs(args[0]))
		ts.Check(err)
		ts.Check(f.Truncate(n << 20))
		ts.Check(f.Close())
	},
	// mkfifo FILE makes a named pipe.
	"mkfifo": func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 1 {
			ts.Fatalf("usage: mkfifo FILE")
		}
		ts.Check(mkfifo(ts.MkAbs(args[0])))
	},
	// bytes FILE HEX writes the bytes given in hex, for files no txtar
	// section can hold (invalid UTF-8, binary).
	"bytes": func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 2 {
			ts.Fatalf("usage: bytes FILE HEX")
		}
		var b []byte
		for i := 0; i+1 < len(args[1]); i += 2 {
			v, err := strconv.ParseUint(args[1][i:i+2], 16, 8)
			ts.Check(err)
			b = append(b, byte(v))
		}
		ts.Check(os.WriteFile(ts.MkAbs(args[0]), b, 0o644))
	},
}
