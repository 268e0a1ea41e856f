package stix_test

import "flag"

func flagUpdate() *bool { return flag.Bool("update", false, "rewrite the golden files") }
