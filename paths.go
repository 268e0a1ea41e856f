package main

import (
	"strings"
)

// Paths are the user's, in the platform's own form (C:\data on Windows,
// /home/me/data elsewhere): messages show them as given or cleaned with
// path/filepath, never converted to slashes. The helpers below take the
// platform as an argument, so that the tests check the Windows forms on
// any machine.

// shellArg quotes a path for a command line the user is told to run, when
// it needs quoting: 'my data' for a POSIX shell, "C:\My Data" for cmd.exe
// and PowerShell. A Windows path cannot contain a double quote, but the
// C runtime reads a backslash before the closing quote as escaping it, so
// trailing backslashes are doubled ("C:\My Data\\").
func shellArg(goos, s string) string {
	if goos == "windows" {
		if s != "" && !strings.ContainsFunc(s, needsQuote(`\/:`)) {
			return s
		}
		trail := len(s) - len(strings.TrimRight(s, `\`))
		return `"` + s + strings.Repeat(`\`, trail) + `"`
	}
	if s != "" && !strings.ContainsFunc(s, needsQuote("/:@%+=,")) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// needsQuote reports the characters a shell might read as more than part
// of a word: anything but letters, digits, - _ . and the given ones.
func needsQuote(safe string) func(rune) bool {
	return func(r rune) bool {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == '-', r == '_', r == '.':
			return false
		}
		return !strings.ContainsRune(safe, r)
	}
}

// sameFileKey is what two output paths share when they name the same
// file: the absolute path, folded to lower case where file names usually
// ignore case (Windows; macOS's default volumes), so that -o Brief.pdf -o
// brief.pdf is refused there as one output named twice.
func sameFileKey(goos, abs string) string {
	if goos == "windows" || goos == "darwin" {
		return strings.ToLower(abs)
	}
	return abs
}
