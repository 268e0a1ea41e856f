package testtool

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Chromium returns the path of Debian's chromium, or skips (fails under
// DPRKREPORT_REQUIRE_TOOLS=1) when it is not installed.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	Missing(t, "chromium is not installed (apt-get install chromium)")
	return ""
}

// Axe returns the source of axe-core, the accessibility checker the HTML
// briefing's tests run in Chromium: the version internal/testtool/readers
// pins, installed there by npm ci.
func Axe(t testing.TB) []byte {
	t.Helper()
	p := filepath.Join(Root(), "internal", "testtool", "readers", "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(p)
	if err != nil {
		Missing(t, "axe-core is not installed (npm ci --prefix internal/testtool/readers)")
	}
	return b
}
