// Package testtool lets tests use the real programs that read dprkreport's
// artifacts (Gnumeric, LibreOffice, poppler, qpdf): a test that needs one
// skips with a clear message when it is missing, and fails instead when
// DPRKREPORT_REQUIRE_TOOLS=1, as CI sets after installing them.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// Need returns the path of the program name, or skips (fails under
// DPRKREPORT_REQUIRE_TOOLS=1) when it is not installed. pkg names the Debian
// package that provides it.
func Need(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("DPRKREPORT_REQUIRE_TOOLS") == "1" {
		t.Fatalf("%s is required (DPRKREPORT_REQUIRE_TOOLS=1) but not installed: apt-get install %s", name, pkg)
	}
	t.Skipf("skipping: %s is not installed (apt-get install %s; set DPRKREPORT_REQUIRE_TOOLS=1 to make this a failure)", name, pkg)
	return ""
}
