package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"dprkreport": main,
	})
}

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
		Setup: func(env *testscript.Env) error {
			env.Setenv("SEEDS", seeds)
			env.Setenv("GITHUB_ACTIONS", "")
			env.Setenv("SOURCE_DATE_EPOCH", "")
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if cond == "seeds" {
				return haveSeeds, nil
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
