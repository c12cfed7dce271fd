#!/usr/bin/env bash
# Regenerates the Word fixtures under tests/fixtures/docx/ with LibreOffice (real Word
# tables: gridSpan / vMerge from HTML colspan / rowspan). Used by crates/core/tests/docx.rs.
#
#   bash scripts/make-docx-fixtures.sh
#
# Needs (Debian): apt-get install libreoffice-writer fonts-noto-cjk python3-uno
# (python3-uno only for the password-protected fixture; /usr/bin/python3 is used because
# the uno module belongs to the system Python). The corpus report is read from
# $NIANBAO_CORPUS or ../shared/corpus/raw beside the repository.
#
# Outputs (each small; the generated files are committed, this script is how to remake them):
#   seed.docx          seed.html (the seed report in the national rowspan/colspan layout)
#   008_shanghai-bgt_2019.docx   the corpus report 008 (HTML with blank cells), as published
#   seed-vmerge.docx   seed.html with 表三 自然人 of （六）1 merged down over （六）2 (rowspan=2):
#                      the continuation cell must read as blank, not as a copy
#   seed-runs.docx     seed.docx with its XML edited: 15 split into runs around deleted text,
#                      a hidden run and a field code; 2024 in the title split into runs; a text
#                      box (mc:AlternateContent, Choice + Fallback) in the title paragraph
#   notables.docx      the seed's prose only, no tables
#   seed-locked.docx   seed.docx saved with the password "nianbao" (OLE file with EncryptedPackage)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/tests/fixtures/docx"
CORPUS=${NIANBAO_CORPUS:-$ROOT/../shared/corpus/raw}
PY=/usr/bin/python3

command -v soffice >/dev/null || {
  echo "make-docx-fixtures: soffice not found: apt-get install libreoffice-writer fonts-noto-cjk python3-uno" >&2
  exit 1
}
"$PY" -c 'import uno' 2>/dev/null || {
  echo "make-docx-fixtures: no python3-uno for $PY: apt-get install python3-uno" >&2
  exit 1
}

WORK=$(mktemp -d)
SOFFICE_PID=
cleanup() {
  if [ -n "$SOFFICE_PID" ]; then pkill -P "$SOFFICE_PID" 2>/dev/null || true; kill "$SOFFICE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
PROFILE="file://$WORK/profile"

to_docx() { # html-file → docx in $WORK
  soffice --headless -env:UserInstallation="$PROFILE" \
    --convert-to docx:"MS Word 2007 XML" --outdir "$WORK" "$1" >/dev/null 2>&1
  [ -s "$WORK/$(basename "${1%.*}").docx" ] || { echo "make-docx-fixtures: conversion of $1 failed" >&2; exit 1; }
}

# 1. The seed in the national layout.
cp "$OUT/seed.html" "$WORK/seed.html"
to_docx "$WORK/seed.html"
cp "$WORK/seed.docx" "$OUT/seed.docx"

# 2. A real report with blank cells.
cp "$CORPUS/008_shanghai-bgt_2019.html" "$WORK/008_shanghai-bgt_2019.html"
to_docx "$WORK/008_shanghai-bgt_2019.html"
cp "$WORK/008_shanghai-bgt_2019.docx" "$OUT/"

# 3. A data cell merged down (vMerge restart + continuation).
"$PY" - "$OUT/seed.html" "$WORK/seed-vmerge.html" <<'EOF'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
a = re.compile(r"(<td>1\. 申请人无正当理由逾期不补正[^<]*</td>)<td>0</td>")
b = re.compile(r"(<td>2\. 申请人逾期未按收费通知[^<]*</td>)<td>0</td>")
assert a.search(s) and b.search(s)
s = a.sub(r'\1<td rowspan="2">0</td>', s, count=1)
s = b.sub(r"\1", s, count=1)
open(sys.argv[2], "w", encoding="utf-8").write(s)
EOF
to_docx "$WORK/seed-vmerge.html"
cp "$WORK/seed-vmerge.docx" "$OUT/"

# 4. Runs, deleted text, hidden text, field codes, a text box: edit seed.docx's XML.
"$PY" - "$OUT/seed.docx" "$OUT/seed-runs.docx" <<'EOF'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
zin = zipfile.ZipFile(src)
doc = zin.read("word/document.xml").decode("utf-8")

def once(old, new):
    global doc
    assert doc.count(old) == 1, old
    doc = doc.replace(old, new)

# 15 (表二 行政规范性文件 现行有效件数) shown as 1 + 5 in separate runs; in between a
# tracked deletion (9), a hidden run (7) and a field whose code (QUOTE 3) is not shown.
once("<w:t>15</w:t></w:r>",
     "<w:t>1</w:t></w:r>"
     '<w:del w:id="901" w:author="nianbao" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>9</w:delText></w:r></w:del>'
     "<w:r><w:rPr><w:vanish/></w:rPr><w:t>7</w:t></w:r>"
     '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
     '<w:r><w:instrText xml:space="preserve"> QUOTE 3 </w:instrText></w:r>'
     '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
     "<w:r><w:rPr><w:b/></w:rPr><w:t>5</w:t></w:r>"
     '<w:r><w:fldChar w:fldCharType="end"/></w:r>')

# The year of the title in two runs, and a text box (Choice and VML Fallback) whose text
# must not be read at all.
box = "文本框里的字 888"
title = '<w:t xml:space="preserve">洛阳市科学技术局 </w:t></w:r><w:r><w:rPr></w:rPr>'
once(title + '<w:t xml:space="preserve">2024 </w:t></w:r>',
     title + "<w:t>20</w:t></w:r>"
     '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">24 </w:t></w:r>'
     "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
     '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" '
     'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
     '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
     '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
     '<wp:extent cx="1828800" cy="457200"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
     '<wp:docPr id="901" name="TextBox 1"/><wp:cNvGraphicFramePr/>'
     '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
     '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
     '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="457200"/></a:xfrm>'
     '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
     f"<wps:txbx><w:txbxContent><w:p><w:r><w:t>{box}</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
     "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
     '<mc:Fallback><w:pict><v:shape id="tb901" style="width:144pt;height:36pt">'
     f"<v:textbox><w:txbxContent><w:p><w:r><w:t>{box}</w:t></w:r></w:p></w:txbxContent></v:textbox>"
     "</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>")

zout = zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED)
for info in zin.infolist():
    data = doc.encode("utf-8") if info.filename == "word/document.xml" else zin.read(info)
    zout.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
zout.close()
EOF

# 5. Prose only.
"$PY" - "$OUT/seed.html" "$WORK/notables.html" <<'EOF'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = re.sub(r"<table>.*?</table>\n?", "", s, flags=re.S)
open(sys.argv[2], "w", encoding="utf-8").write(s)
EOF
to_docx "$WORK/notables.html"
cp "$WORK/notables.docx" "$OUT/"

# 6. Password-protected: LibreOffice through UNO, OOXML "Standard" encryption.
soffice --headless --invisible -env:UserInstallation="$PROFILE" \
  --accept="socket,host=127.0.0.1,port=2099;urp;" >/dev/null 2>&1 &
SOFFICE_PID=$!
"$PY" - "$OUT/seed.docx" "$OUT/seed-locked.docx" <<'EOF'
import sys, time, uno
from com.sun.star.beans import PropertyValue, NamedValue

def pv(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p

def nv(n, v):
    p = NamedValue(); p.Name = n; p.Value = v; return p

local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(150):
    try:
        ctx = resolver.resolve("uno:socket,host=127.0.0.1,port=2099;urp;StarOffice.ComponentContext")
        break
    except Exception:
        time.sleep(0.2)
else:
    sys.exit("make-docx-fixtures: cannot reach soffice")
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(sys.argv[1]), "_blank", 0, (pv("Hidden", True),))
data = uno.Any("[]com.sun.star.beans.NamedValue", (nv("OOXPassword", "nianbao"), nv("CryptoType", "Standard")))
uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(sys.argv[2]),
                               (pv("FilterName", "MS Word 2007 XML"), PropertyValue("EncryptionData", 0, data, 0))))
doc.close(True)
try:
    desktop.terminate()
except Exception:
    pass
EOF
wait "$SOFFICE_PID" 2>/dev/null || true
SOFFICE_PID=
head -c 4 "$OUT/seed-locked.docx" | od -An -tx1 | grep -q 'd0 cf 11 e0' \
  || { echo "make-docx-fixtures: seed-locked.docx is not encrypted" >&2; exit 1; }

ls -l "$OUT"/*.docx
