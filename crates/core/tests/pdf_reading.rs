//! The PDF reader on small PDFs built by hand, one feature each: fonts whose codes are
//! Unicode (UniGB-UCS2-H, UniGB-UTF16-H) with no ToUnicode, a simple font's `Differences`,
//! an incremental update, and a ruled table continued on the next page with its header row
//! repeated and page numbers between the parts.

use nianbao_core::readers::{read_bytes, Kind};

#[path = "support/pdf_build.rs"]
mod pdf_build;
use pdf_build::{one_page, pdf, stream, update};

fn text_of(bytes: &[u8]) -> String {
    let (kind, doc) = read_bytes(bytes).unwrap_or_else(|e| panic!("{}", e.both()));
    assert_eq!(kind, Kind::Pdf);
    doc.text
}

fn type0(encoding: &str) -> Vec<String> {
    vec![
        format!("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /{encoding} /DescendantFonts [6 0 R] >>"),
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 >>".into(),
    ]
}

#[test]
fn unicode_cmaps_give_their_text_without_to_unicode() {
    // 政府信息 in UCS-2, then 𠀀 (U+20000) as a surrogate pair in UTF-16.
    let objs = one_page(
        "BT /F1 12 Tf 72 700 Td <653F5E9C4FE1606F> Tj ET",
        &type0("UniGB-UCS2-H"),
    );
    assert_eq!(text_of(&pdf(&objs, "")), "政府信息\n");
    let objs = one_page(
        "BT /F1 12 Tf 72 700 Td <4FE1D840DC00606F> Tj ET",
        &type0("UniGB-UTF16-H"),
    );
    assert_eq!(text_of(&pdf(&objs, "")), "信\u{20000}息\n");
}

#[test]
fn a_simple_fonts_differences_name_its_glyphs() {
    let font = "<< /Type /Font /Subtype /Type1 /BaseFont /X /FirstChar 65 /Widths [600 600 600] \
                /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [65 /uni4E00 /two /eacute] >> >>";
    let objs = one_page("BT /F1 12 Tf 72 700 Td (ABCD) Tj ET", &[font.to_string()]);
    assert_eq!(text_of(&pdf(&objs, "")), "一2éD\n");
}

#[test]
fn an_incremental_update_replaces_what_it_changes() {
    let font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
    let objs = one_page("BT /F1 12 Tf 72 700 Td (Draft) Tj ET", &[font.to_string()]);
    let first = pdf(&objs, "");
    assert_eq!(text_of(&first), "Draft\n");
    let updated = update(
        first,
        &[(4, stream("", "BT /F1 12 Tf 72 700 Td (Final) Tj ET"))],
        6,
    );
    assert_eq!(text_of(&updated), "Final\n");
}

/// A ruled table of `rows` (cells of text) whose top is at `top`, columns 100 pt wide from
/// x = 100, rows 20 pt high.
fn ruled_table(rows: &[[&str; 2]], top: f64) -> String {
    let mut s = String::from("0.5 w ");
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let (x, y) = (100.0 + 100.0 * c as f64, top - 20.0 * (r + 1) as f64);
            s.push_str(&format!(
                "{x} {y} 100 20 re S BT /F1 10 Tf {} {} Td ({text}) Tj ET ",
                x + 5.0,
                y + 6.0
            ));
        }
    }
    s
}

#[test]
fn a_table_continued_on_the_next_page_is_one_table_without_its_repeated_header() {
    let font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
    let page1 = format!(
        "BT /F1 14 Tf 100 780 Td (Report) Tj ET {} BT /F1 10 Tf 290 40 Td (- 1 -) Tj ET",
        ruled_table(&[["Item", "Count"], ["A", "1"], ["B", "2"]], 760.0)
    );
    let page2 = format!(
        "BT /F1 10 Tf 290 810 Td (Annual report) Tj ET {} BT /F1 12 Tf 100 600 Td (End.) Tj ET \
         BT /F1 10 Tf 290 40 Td (- 2 -) Tj ET",
        ruled_table(&[["Item", "Count"], ["C", "3"]], 780.0)
    );
    let page1_head = "BT /F1 10 Tf 290 810 Td (Annual report) Tj ET ";
    let objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 7 0 R >> >> /Contents 5 0 R >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 7 0 R >> >> /Contents 6 0 R >>".into(),
        stream("", &format!("{page1_head}{page1}")),
        stream("", &page2),
        font.to_string(),
    ];
    assert_eq!(
        text_of(&pdf(&objs, "")),
        "Report\nItem\tCount\nA\t1\nB\t2\nC\t3\nEnd.\n"
    );
}
