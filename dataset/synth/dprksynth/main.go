// Command dprksynth writes a synthetic dataset folder in dprkreport's
// format, for trying the tool at scale:
//
//	go run ./dataset/synth/dprksynth -incidents 100000 -o /tmp/big
//	dprkreport --data /tmp/big -o big.xlsx
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/dprkreport/dprkreport/dataset/synth"
)

func main() {
	var c synth.Config
	out := flag.String("o", "", "write the dataset into `DIR`")
	flag.IntVar(&c.Incidents, "incidents", 1000, "number of incidents")
	flag.IntVar(&c.Claims, "claims", 0, "number of claims (default: incidents/20)")
	flag.IntVar(&c.Sources, "sources", 0, "number of sources (default: incidents/500)")
	flag.Uint64Var(&c.Seed, "seed", 1, "random seed; the same seed gives the same files")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: dprksynth -o DIR [-incidents N] [-claims N] [-sources N] [-seed S]")
		os.Exit(2)
	}
	if err := synth.Write(*out, c); err != nil {
		fmt.Fprintln(os.Stderr, "dprksynth:", err)
		os.Exit(1)
	}
}
