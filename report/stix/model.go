package stix

import "time"

// The bundle is written from this model, which adapter.go fills from the
// computed report.Summary: the rest of the package never sees report's
// types, so a change there touches one file here.

// input is everything the bundle shows.
type input struct {
	title, author string
	asOf          time.Time
	// since is the first day of the first year the whole dataset covers
	// (its figures and incidents, whatever period was asked for); zero
	// when it covers none.
	since time.Time
	// key names the bundle: the data's fingerprint and the period asked for.
	key         string
	tlp         string // "clear", "green", "amber", "amber+strict" or "red"
	sources     []*source
	originators []*originator
	claims      []*claim
	incidents   []*incident
	// changed holds the records ("claim:id", "incident:id", "source:id",
	// "originator:id") that changed since the baseline; nil without one.
	changed map[string]bool
}

type source struct {
	id, kind, title, outlet, author string
	label                           string // bibliography number: "3" or "R2"
	url                             string
	// sha256 is the archived copy's SHA-256 (hex), for the report's
	// external reference; the dataset does not record it yet, and the
	// adapter will fill it when dataset.Source has the field.
	sha256                         string
	published                      time.Time
	dateWords, dateNote            string
	reliability, reliabilityReason string // Admiralty letter and why
	note                           string
	cites                          []*cite // of its own (inferred) date
}

// cite is one citation of one fact.
type cite struct {
	src     *source
	field   string // what it supports: figure, amount, date, attribution …
	para    int    // 0 for a reference
	excerpt string
	wording string // how this source words the figure, when it differs
	verb    string
	note    string
	// mismatch says why the excerpt does not state the figure as given.
	mismatch string
}

type originator struct {
	id, name, kind, kindWords, note string
}

type claim struct {
	id, statement          string
	metric, metricLabel    string
	value, unit, qualifier string // value a decimal string; empty for a statement
	hedge, hedged          string // hedged: the figure in words with qualifier and hedge
	verb                   string
	period, periodWords    string
	scope, scopeWords      string
	grade                  int    // Admiralty credibility digit, 1–6
	admiralty              string // letter and digit as the workbook shows it
	note                   string
	by                     *originator
	via                    []*originator
	revisions              []*revision
	cites                  []*cite // every citation of the claim, any field
	dated                  time.Time
}

type revision struct {
	value, qualifier, date, note string
	worded                       string // "about $1.7 billion"
}

type incident struct {
	id, victim, victimType          string
	date, dateWords, dateNote       string
	when                            time.Time
	amount, qualifier, figure       string
	low, high                       string // empty without a range
	lowQualifier, highQualifier     string // how each end is bounded; exact when empty
	rangeWords                      string // "at least $54 million to $55 million"
	rangeNote                       string
	unverified                      bool
	technique, note                 string
	actor, hedge, basis, confidence string
	basisWords, confidenceWords     string
	attributionNote                 string
	cites                           []*cite // of the amount, date and range
	attributionCites                []*cite
}
