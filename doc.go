// Dprkreport compiles a curated dataset on North Korean (DPRK) theft of
// cryptocurrency into an analyst's workbook (.xlsx) and a cited briefing
// (.pdf).
//
// Usage:
//
//	dprkreport [options]
//
// With no -o, it writes out/briefing.pdf and out/workbook.xlsx from the
// embedded dataset. -o FILE (repeatable) names an artifact, its format taken
// from the extension; -o - with --format writes to stdout.
//
// The dataset is a folder of TOML files (dataset.toml, sources.toml,
// originators.toml, claims.toml, incidents.toml); --data DIR reads one,
// --init DIR writes the embedded one as a starting point, and --check
// validates it, reporting every problem as file:line:col with a hint.
// --archive DIR verifies citation excerpts against the archived articles.
// --templates DIR reads the briefing's Markdown templates. --from and --to
// narrow both artifacts to a period.
//
// Artifacts are reproducible: the same inputs and SOURCE_DATE_EPOCH give the
// same bytes. Exit status is 0 on success, 1 for invalid data or a failed
// render or write, 2 for misuse.
//
// README.md documents the dataset format, the templates and the artifacts.
package main
