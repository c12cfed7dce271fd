#!/usr/bin/env bash
# Regenerates the PDF fixtures under tests/fixtures/pdf/ with LibreOffice, from the seed,
# the fixture reports (text), the HTML and Word fixtures and the corpus reports: ruled tables
# (HTML with borders, Word), tables without rulings (the seed's HTML with its borders taken
# off, text with tab-separated cells), one page and several. Used by crates/core/tests/pdf.rs,
# which reads every PDF and compares its cells and findings with those of its source
# (tests/fixtures/pdf/sources.txt: `pdf source`, a repository path or corpus/raw/NAME).
#
#   bash scripts/make-pdf-fixtures.sh
#
# Needs (Debian): apt-get install libreoffice-writer fonts-noto-cjk qpdf
# (qpdf also encrypts four copies of seed.html.pdf with the empty user password, RC4 40/128 and
# AES 128/256, and one with a password, locked/seed-password.pdf, read by tests/pdf_bad.rs).
# The corpus is read from $NIANBAO_CORPUS or ../shared/corpus/raw beside the repository.
#
# To keep the fixtures small, the embedded font programs are taken out (qpdf rewrites the
# file without them: text needs the fonts' ToUnicode maps and widths, not their glyphs); half
# of the files are written with object streams and a cross-reference stream (qpdf), half as
# LibreOffice writes them (a classic cross-reference table), so both file structures are read.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/tests/fixtures/pdf"
CORPUS=${NIANBAO_CORPUS:-$ROOT/../shared/corpus/raw}
PY=/usr/bin/python3

for tool in soffice qpdf; do
  command -v "$tool" >/dev/null || {
    echo "make-pdf-fixtures: $tool not found: apt-get install libreoffice-writer fonts-noto-cjk qpdf" >&2
    exit 1
  }
done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PROFILE="file://$WORK/profile"
mkdir -p "$OUT"
rm -f "$OUT"/*.pdf "$OUT"/locked/*.pdf
: > "$WORK/sources.txt"
n=0

# to_pdf SOURCE-FILE PDF-NAME SOURCE-LABEL: converts, strips the fonts, records the source.
to_pdf() {
  local src=$1 name=$2 label=$3 ext=${1##*.} filter=pdf
  [ "$ext" = html ] && filter=pdf:writer_web_pdf_Export
  mkdir -p "$WORK/conv"
  cp "$src" "$WORK/conv/in.$ext"
  if [ "$ext" = html ]; then
    # Landscape pages too (CSS @page, which LibreOffice honours in a head): real pages' tables
    # are wider than a portrait page, whose layout cuts their sides off.
    "$PY" - "$WORK/conv/in.html" <<'EOF'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
page = '<style>@page { size: 29.7cm 21cm; margin: 1cm; }</style>'
if "</head>" in s:
    s = s.replace("</head>", page + "</head>", 1)
else:
    s = '<html><head><meta charset="utf-8">' + page + "</head><body>" + s + "</body></html>"
open(p, "w", encoding="utf-8").write(s)
EOF
  fi
  if [ "$ext" = docx ]; then
    # Landscape pages with narrow margins: the Word fixtures' tables (made from HTML) are
    # wider than a portrait page, whose layout would cut their last columns off.
    "$PY" - "$WORK/conv/in.docx" <<'EOF'
import re, sys, zipfile
p = sys.argv[1]
zin = zipfile.ZipFile(p)
items = [(i, zin.read(i)) for i in zin.infolist()]
zin.close()
zout = zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED)
for info, data in items:
    if info.filename == "word/document.xml":
        d = data.decode("utf-8")
        d = re.sub(r"<w:pgSz[^>]*/>", '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>', d)
        d = re.sub(r"<w:pgMar[^>]*/>", '<w:pgMar w:top="720" w:right="720" w:bottom="720" w:left="720" w:header="0" w:footer="0" w:gutter="0"/>', d)
        data = d.encode("utf-8")
    zout.writestr(info, data)
zout.close()
EOF
  fi
  soffice --headless -env:UserInstallation="$PROFILE" --convert-to "$filter" \
    --outdir "$WORK/conv" "$WORK/conv/in.$ext" >/dev/null 2>&1
  [ -s "$WORK/conv/in.pdf" ] || { echo "make-pdf-fixtures: conversion of $src failed" >&2; exit 1; }
  qpdf --qdf --object-streams=disable "$WORK/conv/in.pdf" "$WORK/conv/in.qdf"
  # Drop the font programs: the keys that point at them (qpdf then leaves the streams out).
  "$PY" - "$WORK/conv/in.qdf" <<'EOF'
import re, sys
p = sys.argv[1]
s = open(p, "rb").read()
s = re.sub(rb"/FontFile[23]?\s+\d+\s+\d+\s+R", b"", s)
open(p, "wb").write(s)
EOF
  n=$((n + 1))
  if [ $((n % 2)) -eq 0 ]; then
    qpdf --object-streams=generate --compress-streams=y "$WORK/conv/in.qdf" "$OUT/$name" 2>/dev/null || true
  else
    qpdf --object-streams=disable --compress-streams=y "$WORK/conv/in.qdf" "$OUT/$name" 2>/dev/null || true
  fi
  [ -s "$OUT/$name" ] || { echo "make-pdf-fixtures: qpdf failed on $src" >&2; exit 1; }
  rm -rf "$WORK/conv"
  echo "$name $label" >> "$WORK/sources.txt"
}

# The seed: text, Word, HTML with and without rulings.
to_pdf "$ROOT/tests/fixtures/seed.txt" seed.txt.pdf tests/fixtures/seed.txt
to_pdf "$ROOT/tests/fixtures/docx/seed.docx" seed.docx.pdf tests/fixtures/docx/seed.docx
to_pdf "$ROOT/tests/fixtures/docx/seed.html" seed.html.pdf tests/fixtures/docx/seed.html
sed 's/td { border: 1px solid #000;/td {/' "$ROOT/tests/fixtures/docx/seed.html" > "$WORK/seed-unruled.html"
grep -q 'border: 1px' "$WORK/seed-unruled.html" && { echo "make-pdf-fixtures: borders left in seed-unruled.html" >&2; exit 1; }
to_pdf "$WORK/seed-unruled.html" seed-unruled.html.pdf tests/fixtures/docx/seed.html

# Encrypted with the empty user password (permissions only, as government PDFs often are),
# with each method of the standard security handler; and one that needs a password to open.
S="$OUT/seed.html.pdf"
qpdf --allow-weak-crypto --encrypt "" owner 40 -- "$S" "$OUT/seed-rc4-40.pdf"
qpdf --allow-weak-crypto --encrypt "" owner 128 --use-aes=n -- "$S" "$OUT/seed-rc4-128.pdf"
qpdf --encrypt "" owner 128 --use-aes=y -- "$S" "$OUT/seed-aes-128.pdf"
qpdf --encrypt "" owner 256 -- "$S" "$OUT/seed-aes-256.pdf"
for e in rc4-40 rc4-128 aes-128 aes-256; do
  echo "seed-$e.pdf tests/fixtures/docx/seed.html" >> "$WORK/sources.txt"
done
mkdir -p "$OUT/locked"
qpdf --encrypt "user" owner 256 -- "$S" "$OUT/locked/seed-password.pdf"

# The other Word fixtures (not the password-protected one).
for f in seed-vmerge seed-runs notables 008_shanghai-bgt_2019; do
  to_pdf "$ROOT/tests/fixtures/docx/$f.docx" "$f.docx.pdf" "tests/fixtures/docx/$f.docx"
done

# The HTML fixtures.
for f in "$ROOT"/tests/fixtures/html/*.html; do
  b=$(basename "$f")
  to_pdf "$f" "$b.pdf" "tests/fixtures/html/$b"
done

# The fixture reports (their text, without the expectations); not the empty one.
for f in "$ROOT"/tests/fixtures/cases/*.txt; do
  b=$(basename "$f")
  [ "$b" = 10_empty.txt ] && continue
  "$PY" - "$f" "$WORK/$b" <<'EOF'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(s.split("==== expect ====")[0])
EOF
  to_pdf "$WORK/$b" "case-$b.pdf" "tests/fixtures/cases/$b"
done

# The corpus reports that are not PDF text already (those have their published PDFs).
for b in 003_pingtan_2021.txt 004_pingtan_2022.txt 012_pingtan_2018.txt 014_pingtan-lwtj_2019.txt \
         008_shanghai-bgt_2019.html; do
  to_pdf "$CORPUS/$b" "$b.pdf" "corpus/raw/$b"
done

cp "$WORK/sources.txt" "$OUT/sources.txt"
du -ch "$OUT"/*.pdf | tail -1
