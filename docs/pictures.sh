#!/usr/bin/env bash
# Renders the pictures the README shows: the briefing's first two pages and the
# workbook's source matrix, as LibreOffice prints it. Needs poppler-utils and
# libreoffice-calc-nogui, and fonts-crosextra-carlito (metric-compatible with the
# workbook's Calibri). Run from anywhere: docs/pictures.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$root"
export SOURCE_DATE_EPOCH="$(git log -1 --format=%ct 2>/dev/null || echo 1732147200)"
go run . -q -o "$tmp/briefing.pdf" -o "$tmp/workbook.xlsx"
pdftoppm -r 100 -png -f 1 -l 1 -singlefile "$tmp/briefing.pdf" docs/briefing
pdftoppm -r 100 -png -f 2 -l 2 -singlefile "$tmp/briefing.pdf" docs/briefing-2
soffice --headless --norestore "-env:UserInstallation=file://$tmp/profile" \
  --convert-to pdf --outdir "$tmp" "$tmp/workbook.xlsx" >/dev/null
# The matrix's first printed page: the first with its header (repeated on
# every page of the sheet).
page="$(for p in $(seq 1 "$(pdfinfo "$tmp/workbook.pdf" | awk '/^Pages:/ {print $2}')"); do
  text="$(pdftotext -f "$p" -l "$p" "$tmp/workbook.pdf" -)"
  if grep -q 'Quantity (metric' <<<"$text"; then echo "$p"; break; fi
done)"
if [ -z "$page" ]; then
  echo "pictures.sh: the source matrix was not found in LibreOffice's PDF of the workbook" >&2
  exit 1
fi
pdftoppm -r 70 -png -f "$page" -l "$page" -singlefile "$tmp/workbook.pdf" docs/workbook
echo "wrote docs/briefing.png, docs/briefing-2.png and docs/workbook.png (workbook page $page)"
