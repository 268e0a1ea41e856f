package report

// Program is how both artifacts name the program that made them, in the
// briefing's producer and the workbook's description: "dprkreport
// v1.2.0 (commit 0123456789ab, 2026-12-06)", as dprkreport --version
// prints it, or "dprkreport" when the caller passes no version.
func Program(version string) string {
	if version == "" {
		return "dprkreport"
	}
	return "dprkreport " + version
}
