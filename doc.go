// Dprkreport compiles a curated dataset on North Korean (DPRK) theft of
// cryptocurrency into an analyst's workbook (.xlsx) and a cited briefing
// (.pdf), and the same briefing as one accessible HTML page (.html).
//
// Usage:
//
//	dprkreport [options]
//
// With no -o, it writes out/briefing.pdf and out/workbook.xlsx from the
// embedded dataset.
//
// The flags are:
//
//	-o, --output FILE
//		Write an artifact to FILE, its format taken from the extension:
//		.pdf (the briefing), .html (the same briefing as one accessible
//		HTML page), .xlsx (the workbook), .stix.json (a STIX 2.1 bundle
//		for OpenCTI or MISP), .json (the workbook's tables as JSON) or .md
//		(the briefing's composed Markdown, the chart as a table of its
//		figures). Repeatable. -o - writes to stdout, with --format.
//	--format FMT
//		The format of -o -: pdf, md, html, xlsx, stix or json.
//	-d, --data DIR
//		Read the dataset from DIR: a folder of TOML files (dataset.toml,
//		sources.toml, originators.toml, claims.toml, incidents.toml).
//		Without it, the embedded dataset.
//	--templates DIR
//		Read the briefing's Markdown templates from DIR. Without it, the
//		embedded templates, even when --data names a folder that holds a
//		templates folder (a warning says so when those differ).
//	--font FILE
//		Draw what the built-in fonts lack (Hangul, say) with the TrueType
//		font FILE, embedded in the briefing.
//	--archive DIR
//		Verify every citation excerpt, each article's paragraph count and
//		its sha256 against the archived article texts in DIR. Without it,
//		a --data folder that has an archive/ subfolder is verified against
//		that, unasked; a copy changed since its sha256 was recorded is an
//		error.
//	--baseline DIR
//		Compare with the previous edition's dataset in DIR: the changes
//		lead the briefing, fill the workbook's Changes sheet, follow
//		--check and, on GitHub Actions, the job summary.
//	--check
//		Validate the dataset and compose the briefing (without drawing
//		it), print a summary, and write nothing. It rejects what a render
//		would.
//	--strict
//		Treat warnings as errors: print them, exit 1 and write nothing.
//	--init DIR
//		Write the embedded dataset and templates into DIR (the templates
//		into DIR/templates) as a starting point.
//	--force
//		With --init, overwrite files that exist.
//	--add-article FILE
//		With --data DIR: archive the article saved as text (a paragraph a
//		line) or HTML (the article's paragraphs, without navigation,
//		scripts, share buttons and comment boxes) into DIR/archive/ID.txt,
//		print its paragraphs numbered as citations number them, and append
//		its source record (archive, paragraphs, sha256, retrieved and what
//		is given or the page says) to DIR/sources.toml as text. It refuses
//		an article the dataset holds already (the same text or address),
//		named pipes, folders, binary files, files over 512 MiB and text
//		that is not UTF-8, and then writes nothing.
//	--id ID, --url URL, --outlet NAME, --title TEXT, --published DATE
//		With --add-article: the record's id (default: from outlet and
//		date), address, outlet, title (default: the first paragraph) and
//		date of publication; a page's own address, site name and date are
//		the defaults of the others.
//	--paragraphs ID
//		Print the archived copy of source ID with its paragraph numbers.
//	--impact ID
//		List what depends on the source, originator, claim or incident ID,
//		each at its FILE:LINE:COL: the claims and incidents that would lose
//		their only figure citation, the notes, revisions, dates, ranges
//		and attributions citing it, and the sources and originators that
//		nothing else would need.
//	--from YEAR, --to YEAR
//		Narrow both artifacts to a period.
//	-q, --quiet
//		Do not report what was written.
//	--schema KIND
//		Print the JSON Schema (draft 2020-12) of an export and exit; KIND
//		is json, the tables of -o FILE.json.
//	--version
//		Print the version and exit.
//	-h, --help
//		Print the options and examples, and exit.
//
// Problems in a dataset are reported as FILE:LINE:COL: MESSAGE (hint: …),
// every one of them, sorted, then a count. Warnings (valid data that is
// probably a slip, a SOURCE_DATE_EPOCH before the newest date the dataset
// cites, changed data whose as_of is not after the baseline's, templates
// beside --data that the run does not read) are printed the same way, as
// FILE:LINE:COL: warning: MESSAGE, and the run goes on unless --strict.
//
// The environment: SOURCE_DATE_EPOCH dates the artifacts (otherwise the
// dataset's as_of does), so that the same inputs give the same bytes. With
// GITHUB_ACTIONS=true, problems are also printed as workflow commands, and
// --check --baseline appends the changes to the file GITHUB_STEP_SUMMARY
// names (a regular file; a failed write is an error).
//
// Exit status is 0 on success, 1 for invalid data (or a warning, with
// --strict) or a failed render or write, 2 for misuse.
//
// README.md documents the dataset format, the templates and the artifacts.
package main
