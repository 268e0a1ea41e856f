package report

// RangeWords is an incident's range of published estimates as a reader
// sees it, each end with the qualifier its source gives it ("at least
// $114 million to $126 million"), or "" when the incident has no range.
// The briefing and the edition's change list both use it, so an end's
// "at least" or "more than" is never dropped from one of them.
func (in *IncidentRow) RangeWords() string {
	if !in.HasRange {
		return ""
	}
	return Qualified(in.LowQualifier, in.LowUSD, "USD") + " to " + Qualified(in.HighQualifier, in.HighUSD, "USD")
}
