package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/spf13/pflag"
)

func TestMain(m *testing.M) {
	// go test records no commit unless -buildvcs=true is set (in GOFLAGS,
	// say): pin the build information so that --version and the
	// artifacts' producer line read "(devel)" however the tests were built.
	readBuildInfo = func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{Main: debug.Module{Path: "github.com/dprkreport/dprkreport", Version: "(devel)"}}, true
	}
	testscript.Main(m, map[string]func(){
		"dprkreport": main,
	})
}

// update rewrites the scenarios' cmp files from what the command wrote,
// as gofumpt's -u does: go test -run TestScripts -u.
var update = flag.Bool("u", false, "update testscript output files")

// nanum is the Hangul font the --font scenarios use (Debian: fonts-nanum).
const nanum = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"

// TestScripts runs the command-line scenarios in testdata/script: one
// .txtar per behaviour. $SEEDS names the archived articles when they are
// beside the project, and the condition [seeds] tells whether they are.
func TestScripts(t *testing.T) {
	seeds, _ := filepath.Abs(filepath.Join("..", "shared", "seeds"))
	_, err := os.Stat(seeds)
	haveSeeds := err == nil
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		UpdateScripts:       *update,
		Cmds:                scriptCmds,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SEEDS", seeds)
			env.Setenv("NANUM", nanum)
			env.Setenv("GITHUB_ACTIONS", "")
			env.Setenv("GITHUB_STEP_SUMMARY", "")
			env.Setenv("SOURCE_DATE_EPOCH", "")
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "seeds":
				return haveSeeds, nil
			case "nanum":
				if _, err := os.Stat(nanum); err != nil {
					if os.Getenv("DPRKREPORT_REQUIRE_TOOLS") == "1" {
						return false, fmt.Errorf("%s is required (DPRKREPORT_REQUIRE_TOOLS=1): apt-get install fonts-nanum", nanum)
					}
					return false, nil
				}
				return true, nil
			}
			return false, nil
		},
	})
}

// The README shows the options with the same text as --help.
func TestREADMEShowsHelp(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	var help strings.Builder
	if code := run([]string{"--help"}, &help, io.Discard); code != 0 {
		t.Fatalf("--help exited %d", code)
	}
	if !strings.Contains(string(readme), help.String()) {
		t.Error("README.md does not contain the output of --help verbatim; paste it into the Options section")
	}
}

// doc.go, the command's manual, documents every flag.
func TestDocNamesEveryFlag(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	_, fs, err := parseFlags(nil)
	if err != nil {
		t.Fatal(err)
	}
	fs.VisitAll(func(f *pflag.Flag) {
		if !strings.Contains(string(doc), "--"+f.Name) {
			t.Errorf("doc.go does not document --%s", f.Name)
		}
	})
}
