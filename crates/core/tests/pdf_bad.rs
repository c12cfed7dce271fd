//! Bad PDFs: a scan (pages that are images), an encrypted file, a damaged or truncated
//! cross-reference, a file cut short, random damage, a PDF that is no report, a 200-page
//! document. Each gives a clear message (Chinese first, then English) or a result; none
//! panics, and memory and time stay within the reader's caps.

use nianbao_core::{check_bytes, InputKind, ReadStatus};
use std::path::PathBuf;

#[path = "support/pdf_build.rs"]
mod pdf_build;
use pdf_build::{pdf, stream};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Pages showing `texts` (one page each) in Helvetica, WinAnsi.
fn text_pdf(texts: &[String]) -> Vec<u8> {
    let n = texts.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
    ];
    for (i, t) in texts.iter().enumerate() {
        objs.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objs.push(stream("", &format!("BT /F1 12 Tf 72 700 Td ({t}) Tj ET")));
    }
    pdf(&objs, "")
}

fn message(bytes: &[u8]) -> (String, String) {
    let c = check_bytes(bytes, Some("x.pdf"));
    assert_eq!(c.kind, InputKind::Unreadable, "{}", c.text);
    match &c.analysis.report.status {
        ReadStatus::Unreadable { zh, en } => (zh.clone(), en.clone()),
        s => panic!("not unreadable: {s:?}"),
    }
}

#[test]
fn a_scan_says_the_tables_are_images_and_what_to_do() {
    let objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>".into(),
        stream("", "q 595 0 0 842 0 0 cm /Im1 Do Q"),
        stream(
            "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
            "xxxx",
        ),
    ];
    let (zh, en) = message(&pdf(&objs, ""));
    assert!(zh.starts_with("这是扫描版 PDF"), "{zh}");
    assert!(
        zh.contains("图片") && zh.contains("Word") && zh.contains("可复制文字的 PDF"),
        "{zh}"
    );
    assert!(en.contains("scan") && en.contains("Word"), "{en}");
}

#[test]
fn a_pdf_without_text_or_unicode_says_so() {
    let empty = text_pdf(&[String::new()]);
    assert!(message(&empty).0.contains("没有可读取的文字"));
    // A font whose codes say nothing of their characters (no encoding, no ToUnicode, an
    // Identity-H composite font of glyph numbers).
    let objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".into(),
        stream("", "BT /F1 12 Tf 72 700 Td <0012003400560078> Tj ET"),
        "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] >>".into(),
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>".into(),
    ];
    assert!(message(&pdf(&objs, "")).0.contains("Unicode"));
}

#[test]
fn an_encrypted_pdf_that_the_empty_password_does_not_open_says_so() {
    let mut objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [] /Count 0 >>".into(),
    ];
    let zeros = "0".repeat(64);
    objs.push(format!(
        "<< /Filter /Standard /V 2 /R 3 /Length 128 /O <{zeros}> /U <{zeros}> /P -4 >>"
    ));
    let (zh, en) = message(&pdf(&objs, "/Encrypt 3 0 R /ID [<01> <01>]"));
    assert!(zh.starts_with("这个 PDF 设置了打开密码"), "{zh}");
    assert!(en.contains("encrypted"), "{en}");
    // A handler other than the standard one (certificates).
    objs[2] = "<< /Filter /Adobe.PubSec /V 4 /R 4 >>".into();
    let (zh, _) = message(&pdf(&objs, "/Encrypt 3 0 R"));
    assert!(zh.contains("不支持的加密方式"), "{zh}");
}

/// A file that needs a password to open (the ones the empty password opens are read: see
/// tests/pdf.rs, seed-rc4-40.pdf … seed-aes-256.pdf).
#[test]
fn a_pdf_that_needs_a_password_says_so() {
    let bytes = std::fs::read(repo().join("tests/fixtures/pdf/locked/seed-password.pdf")).unwrap();
    let (zh, en) = message(&bytes);
    assert!(zh.starts_with("这个 PDF 设置了打开密码"), "{zh}");
    assert!(en.contains("password"), "{en}");
}

#[test]
fn a_damaged_cross_reference_is_rebuilt() {
    let good = text_pdf(&["Report 2024".into()]);
    let c = check_bytes(&good, None);
    assert_eq!(c.kind, InputKind::Pdf);
    assert!(c.text.contains("Report 2024"), "{}", c.text);
    // startxref points nowhere; the table's offsets are all wrong; no startxref at all.
    let s = String::from_utf8_lossy(&good).to_string();
    let at = s.rfind("startxref\n").unwrap() + 10;
    let mut bad = good[..at].to_vec();
    bad.extend_from_slice(b"999999\n%%EOF\n");
    let wrong_offsets = s.replacen("\n0000000", "\n0000001", 4);
    let no_startxref = &good[..at - 10];
    for (name, bytes) in [
        ("bad startxref", bad),
        ("wrong offsets", wrong_offsets.into_bytes()),
        ("no startxref", no_startxref.to_vec()),
    ] {
        let c = check_bytes(&bytes, None);
        assert_eq!(c.kind, InputKind::Pdf, "{name}");
        assert!(c.text.contains("Report 2024"), "{name}: {}", c.text);
    }
    // Nothing left to rebuild from.
    assert!(message(b"%PDF-1.7\n%%EOF\n")
        .0
        .starts_with("PDF 文件已损坏或不完整"));
}

#[test]
fn cut_and_damaged_files_never_panic() {
    let real = std::fs::read(repo().join("tests/fixtures/pdf/seed.html.pdf")).unwrap();
    for cut in (0..real.len()).step_by(real.len() / 40) {
        let _ = check_bytes(&real[..cut], None);
    }
    let mut s = 7u64;
    let mut next = || {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (s >> 33) as usize
    };
    for _ in 0..150 {
        let mut bad = real.clone();
        for _ in 0..1 + next() % 8 {
            let i = next() % bad.len();
            bad[i] = next() as u8;
        }
        let _ = check_bytes(&bad, None);
    }
}

#[test]
fn a_pdf_that_is_no_report_is_told() {
    let c = check_bytes(&text_pdf(&["Invoice 42: two chairs".into()]), None);
    assert_eq!(c.kind, InputKind::Pdf);
    assert_eq!(c.analysis.report.status, ReadStatus::not_a_report());
}

#[test]
fn two_hundred_pages_are_read() {
    let pages: Vec<String> = (1..=200).map(|i| format!("Page text {i}")).collect();
    let c = check_bytes(&text_pdf(&pages), None);
    assert_eq!(c.kind, InputKind::Pdf);
    assert!(
        c.text.contains("Page text 1\n") && c.text.contains("Page text 200"),
        "{}",
        &c.text[..200]
    );
}

#[test]
fn hostile_structures_stay_bounded() {
    // A page tree that loops, a content stream of 600 000 operators, a form that draws
    // itself, a nesting of arrays far past the cap.
    let ops = "q Q ".repeat(300_000);
    let objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 5 0 R >> /Font << /F1 6 0 R >> >> /Contents 4 0 R >>".into(),
        stream("", &format!("{ops} /X Do BT /F1 12 Tf 72 700 Td (Hello) Tj ET {}", "[".repeat(100_000))),
        stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X 5 0 R >> >>", "/X Do"),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
    ];
    let c = check_bytes(&pdf(&objs, ""), None);
    assert_eq!(c.kind, InputKind::Pdf);
    assert!(c.text.contains("Hello"), "{}", c.text);
}

#[test]
fn a_page_of_thousands_of_rulings_and_glyphs_stays_bounded() {
    // A 190 × 190 ruled grid (each ruling drawn twice, and far more than a page holds past
    // the cap) with a glyph in every other cell.
    let mut c = String::from("0.1 w ");
    for _ in 0..2 {
        for i in 0..=190 {
            let v = 20.0 + 2.9 * f64::from(i);
            c.push_str(&format!("{v} 20 m {v} 571 l S 20 {v} m 571 {v} l S "));
        }
    }
    for i in 0..190 {
        for j in (0..190).step_by(2) {
            let (x, y) = (20.5 + 2.9 * f64::from(j), 20.5 + 2.9 * f64::from(i));
            c.push_str(&format!("BT /F1 2 Tf {x} {y} Td (1) Tj ET "));
        }
    }
    let objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".into(),
        stream("", &c),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
    ];
    let c = check_bytes(&pdf(&objs, ""), None);
    assert_eq!(c.kind, InputKind::Pdf);
    assert!(c.text.contains('1'));
}

/// A page of an `n` × `n` ruled grid of 2.5-point slots.
fn grid_content(n: usize) -> String {
    let mut c = String::from("0.1 w ");
    let end = 20.0 + 2.5 * n as f64;
    for i in 0..=n {
        let v = 20.0 + 2.5 * i as f64;
        c.push_str(&format!("{v} 20 m {v} {end} l S 20 {v} m {end} {v} l S "));
    }
    c + "BT /F1 12 Tf 72 700 Td (Hello) Tj ET"
}

/// `pages` pages, each a page object of its own showing the one content stream `content`.
fn pages_pdf(pages: usize, content: &str) -> Vec<u8> {
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 5 + i)).collect();
    let mut objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
        stream("", content),
    ];
    for _ in 0..pages {
        objs.push("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>".into());
    }
    pdf(&objs, "")
}

/// What the PDF reader leaves out is in the document it returns (READ-INCOMPLETE is built
/// from it: `tests/messages.rs`), and nothing is for a file within the caps.
#[test]
fn what_the_caps_leave_out_is_said() {
    use nianbao_core::readers::pdf::{parse, MAX_PAGES};
    use nianbao_core::Omission;
    let text = "BT /F1 12 Tf 72 700 Td (Hello) Tj ET";
    // Pages past the cap.
    let d = parse(&pages_pdf(MAX_PAGES + 1, text)).unwrap();
    assert_eq!(d.omitted, [Omission::Pages { read: MAX_PAGES }]);
    assert!(parse(&pages_pdf(MAX_PAGES, text))
        .unwrap()
        .omitted
        .is_empty());
    // Grids past the document's budget of slots (100 000 for a small file): 28 pages of
    // 60 × 60 slots, of which 27 fit.
    let d = parse(&pages_pdf(28, &grid_content(60))).unwrap();
    assert_eq!(d.omitted, [Omission::Rulings { tables: 1 }]);
    assert!(parse(&pages_pdf(27, &grid_content(60)))
        .unwrap()
        .omitted
        .is_empty());
    // A table wider than the grid engine's widest (64 columns): its cells past it.
    let d = parse(&pages_pdf(1, &grid_content(70))).unwrap();
    assert_eq!(d.omitted, [Omission::Cells]);
    // A page past the cap on ruling lines (5 000): page 2 of two.
    let many = "0.1 w ".to_string() + &"20 20 m 40 20 l S ".repeat(6_000) + text;
    let objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [5 0 R 6 0 R] /Count 2 >>".into(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
        stream("", text),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 7 0 R >>".into(),
        stream("", &many),
    ];
    let d = parse(&pdf(&objs, "")).unwrap();
    assert_eq!(d.omitted, [Omission::PagePart { page: 2 }]);
}

/// The glyphs a file keeps grow with its size (`glyph_budget`: one per three bytes, at least
/// 20 000): a compressed content stream can draw a hundred thousand glyphs from a few kilobytes.
/// Past the budget the page it ends in is read in part and the pages after it not at all, and
/// both are said; whether the pages are read afresh or copied (one page object shown again).
#[test]
fn the_glyphs_kept_grow_with_the_file() {
    use nianbao_core::readers::pdf::{glyph_budget, parse, MIN_GLYPH_BUDGET};
    a_third_of_the_bytes(glyph_budget, MIN_GLYPH_BUDGET);
    const PER_PAGE: usize = 30_000;
    let content = format!(
        "BT /F1 1 Tf 72 800 Td {}ET",
        "(aa) Tj ".repeat(PER_PAGE / 2)
    );
    for distinct in [false, true] {
        let bytes = six_pages(&content, distinct);
        let budget = glyph_budget(bytes.len());
        let full = budget / PER_PAGE;
        assert!((1..5).contains(&full), "{full} pages fit");
        let d = parse(&bytes).unwrap();
        assert_eq!(d.omitted, cut_on(full + 1), "distinct pages: {distinct}");
        assert_eq!(
            d.text.matches('a').count(),
            budget,
            "every glyph of the budget, no more"
        );
    }
}

/// The ruling segments a file keeps grow with its size (`ruling_budget`: one per three bytes, at
/// least 20 000), as its glyphs do: a page tree that shows one ruled page hundreds of times
/// multiplies the segments tables are built from. Past the budget the page it ends in is read in
/// part and the pages after it not at all, and both are said; the text of every page read is kept.
#[test]
fn the_rulings_kept_grow_with_the_file() {
    use nianbao_core::readers::pdf::{pages, parse, ruling_budget, MIN_RULING_BUDGET};
    a_third_of_the_bytes(ruling_budget, MIN_RULING_BUDGET);
    // 4 500 segments a page (under one page's cap of 5 000), in about 30 KB (under the budget's
    // floor): 2 250 flat rectangles stroked, each two horizontal segments (no vertical ones, so
    // no table is built), and one word of text.
    const PER_PAGE: usize = 4_500;
    let rects: String = (0..PER_PAGE / 2)
        .map(|i| format!("{} {} 5 0 re ", 10 + 6 * (i % 80), 20 + i / 80))
        .collect();
    let segments = format!("{rects}S");
    // the word mid-page: a line in the same place on every page of a header or footer band is
    // page furniture, and left out
    let content = format!("BT /F1 12 Tf 72 400 Td (word) Tj ET {segments}");
    for distinct in [false, true] {
        let bytes = six_pages(&content, distinct);
        let budget = ruling_budget(bytes.len());
        let full = budget / PER_PAGE;
        assert!((1..5).contains(&full), "{full} pages fit");
        let read = pages(&bytes).unwrap();
        assert_eq!(read.len(), full + 1, "distinct pages: {distinct}");
        assert_eq!(read.iter().map(|p| p.rules.len()).sum::<usize>(), budget);
        assert!(read[..full]
            .iter()
            .all(|p| p.rules.len() == PER_PAGE && !p.cut));
        assert!(read[full].cut);
        let d = parse(&bytes).unwrap();
        assert_eq!(d.omitted, cut_on(full + 1), "distinct pages: {distinct}");
        assert_eq!(d.text.matches("word").count(), full + 1);
    }
}

/// A page object the page tree shows again is laid out once: its copies take its tables, and
/// their grid slots from the document's budget, as laying the same rulings out again would give
/// (the same document as with the copies laid out afresh), whether the budget holds them all or
/// runs out on a copy.
#[test]
fn copied_pages_take_the_tables_laid_out_once() {
    use nianbao_core::readers::pdf::layout::{document, ruled::SlotBudget};
    use nianbao_core::readers::pdf::pages;
    // A ruled table of 2 × 3 cells (6 grid slots), a word in each, and a line of text.
    let mut content = String::from("BT /F1 12 Tf 72 700 Td (heading) Tj ET ");
    for x in [100, 200, 300, 400] {
        content += &format!("{x} 500 m {x} 600 l S ");
    }
    for y in [500, 550, 600] {
        content += &format!("100 {y} m 400 {y} l S ");
    }
    for (k, (x, y)) in [
        (110, 570),
        (210, 570),
        (310, 570),
        (110, 520),
        (210, 520),
        (310, 520),
    ]
    .into_iter()
    .enumerate()
    {
        content += &format!("BT /F1 10 Tf {x} {y} Td (c{k}) Tj ET ");
    }
    let bytes = six_pages(&content, false);
    let read = pages(&bytes).unwrap();
    assert_eq!(read.len(), 6);
    assert!(read[1..].iter().all(|p| p.copy_of == Some(0)));
    let afresh: Vec<_> = read
        .iter()
        .cloned()
        .map(|mut p| {
            p.copy_of = None;
            p
        })
        .collect();
    for left in [usize::MAX, 20, 6, 0] {
        let budget = SlotBudget { left, refused: 0 };
        let once = document(&read, budget);
        assert_eq!(once, document(&afresh, budget), "budget {left}");
        let tables = once
            .blocks
            .iter()
            .filter(|b| matches!(b, nianbao_core::readers::Block::Table(_)))
            .count();
        assert_eq!(tables, (left / 6).min(6), "budget {left}");
        assert_eq!(once.text.matches("c4").count(), 6, "budget {left}");
    }
}

/// A budget of a PDF by its file's size: one per three bytes, at least `floor`, at most a million.
fn a_third_of_the_bytes(budget: fn(usize) -> usize, floor: usize) {
    assert_eq!(budget(3_000), floor);
    assert_eq!(budget(3_000_000), 1_000_000);
    assert_eq!(budget(300_000), 100_000);
}

/// What a document says was left out when a budget ran out on `page` (counted from 1): the pages
/// after it, and that page in part.
fn cut_on(page: usize) -> [nianbao_core::Omission; 2] {
    use nianbao_core::Omission;
    [Omission::Pages { read: page }, Omission::PagePart { page }]
}

/// Six pages showing `content` (one stream): one page object six times (`distinct: false`),
/// or six page objects that differ (each read afresh).
fn six_pages(content: &str, distinct: bool) -> Vec<u8> {
    let kids: Vec<String> = (0..6).map(|i| format!("{} 0 R", 5 + i)).collect();
    let mut objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!("<< /Type /Pages /Kids [{}] /Count 6 >>", kids.join(" ")),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
        stream("", content),
    ];
    for i in 0..6 {
        let height = if distinct { 842 + i } else { 842 };
        objs.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 {height}] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"));
    }
    pdf(&objs, "")
}
