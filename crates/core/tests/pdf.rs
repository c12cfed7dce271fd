//! PDFs made with LibreOffice from the seed, the fixture reports, the HTML and Word fixtures
//! and the corpus reports (`scripts/make-pdf-fixtures.sh`; ruled and unruled tables, one page
//! and several, classic cross-reference tables and cross-reference streams with object
//! streams) read as their sources read: every cell, and the same findings.
//!
//! The source of each PDF is in `tests/fixtures/pdf/sources.txt`; it is read through
//! `check_bytes` as well (a fixture report without its expectations), and what the source
//! gives is what its PDF must give (the sources' own readings are checked against their
//! truth by the fixture, HTML, Word and corpus tests). The test prints a per-file accuracy
//! table, and `tests/pdf-baseline.txt` is its ratchet: a line per PDF, `name cells A/B
//! findings A/B verdict same|differs`; any change, better or worse, fails until the line is
//! updated (`UPDATE_PDF_BASELINE=1` rewrites the file).
//!
//!   cells     cells whose value (number, blank, placeholder, text) the PDF gives as its
//!             source does, of the cells either of them read
//!   findings  findings (rule, cells, outcome, severity) of the PDF paired one-to-one with
//!             one of its source's, of the larger of the two counts

mod common;

use common::{corpus_dir, corpus_missing};
use nianbao_core::{check_bytes, Checked, Finding};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The bytes of a PDF's source: a repository file (a fixture report without its
/// expectations) or a corpus report (`None` when the corpus is not there).
fn source_bytes(label: &str) -> Option<Vec<u8>> {
    if let Some(name) = label.strip_prefix("corpus/raw/") {
        let path = corpus_dir().join(name);
        if !path.exists() {
            corpus_missing(&path);
            return None;
        }
        return Some(std::fs::read(path).unwrap());
    }
    let bytes = std::fs::read(repo().join(label)).unwrap_or_else(|e| panic!("{label}: {e}"));
    if label.starts_with("tests/fixtures/cases/") {
        let text = String::from_utf8(bytes).unwrap();
        return Some(
            text.split("==== expect ====")
                .next()
                .unwrap()
                .as_bytes()
                .to_vec(),
        );
    }
    Some(bytes)
}

fn finding_key(f: &Finding) -> String {
    let mut cells: Vec<String> = f.cells.iter().map(ToString::to_string).collect();
    cells.sort();
    format!(
        "{} {} {} [{}]",
        f.rule,
        f.severity.as_str(),
        f.outcome.as_str(),
        cells.join(" ")
    )
}

struct Measure {
    cells: (usize, usize),
    findings: (usize, usize),
    same_verdict: bool,
    notes: Vec<String>,
}

fn compare(src: &Checked, pdf: &Checked) -> Measure {
    let (a, b) = (&src.analysis, &pdf.analysis);
    let mut keys: Vec<_> = a.report.cells.iter().map(|c| c.key).collect();
    keys.extend(b.report.cells.iter().map(|c| c.key));
    keys.sort();
    keys.dedup();
    let mut notes = Vec::new();
    let mut same = 0;
    for &k in &keys {
        let (x, y) = (a.report.value(k), b.report.value(k));
        if x == y {
            same += 1;
        } else if notes.len() < 8 {
            notes.push(format!("{k}: source {x:?}, pdf {y:?}"));
        }
    }
    let mut want: BTreeMap<String, usize> = BTreeMap::new();
    for f in &a.findings {
        *want.entry(finding_key(f)).or_default() += 1;
    }
    let mut paired = 0;
    for f in &b.findings {
        let k = finding_key(f);
        match want.get_mut(&k) {
            Some(n) if *n > 0 => {
                *n -= 1;
                paired += 1;
            }
            _ => {
                if notes.len() < 12 {
                    notes.push(format!(
                        "pdf only: {k}: {}",
                        f.message(nianbao_core::Lang::Zh)
                    ));
                }
            }
        }
    }
    for (k, n) in want {
        if n > 0 && notes.len() < 16 {
            notes.push(format!("source only: {k} (×{n})"));
        }
    }
    Measure {
        cells: (same, keys.len()),
        findings: (paired, a.findings.len().max(b.findings.len())),
        same_verdict: a.verdict() == b.verdict(),
        notes,
    }
}

fn baseline_path() -> PathBuf {
    repo().join("tests/pdf-baseline.txt")
}

const HEADER: &str =
    "# The ratchet of crates/core/tests/pdf.rs: each PDF of tests/fixtures/pdf read against its
# source (tests/fixtures/pdf/sources.txt). cells A/B: cells read as the source reads them, of
# the cells either read; findings A/B: findings paired with the source's, of the larger count;
# verdict: the same verdict as the source's. A change either way fails the test; record an
# improvement here with the change that earned it (UPDATE_PDF_BASELINE=1 rewrites the file).
";

#[test]
fn pdfs_read_as_their_sources() {
    let dir = repo().join("tests/fixtures/pdf");
    let list = std::fs::read_to_string(dir.join("sources.txt")).unwrap();
    let mut lines = Vec::new();
    let mut report = String::new();
    for entry in list.lines().filter(|l| !l.trim().is_empty()) {
        let (pdf, label) = entry.split_once(' ').unwrap();
        let Some(src) = source_bytes(label) else {
            continue;
        };
        let src = check_bytes(&src, Some(label));
        let checked = check_bytes(&std::fs::read(dir.join(pdf)).unwrap(), Some(pdf));
        assert_eq!(checked.kind.as_str(), "pdf", "{pdf}");
        let m = compare(&src, &checked);
        let line = format!(
            "{pdf:<40} cells {:>3}/{:<3} findings {:>2}/{:<2} verdict {}",
            m.cells.0,
            m.cells.1,
            m.findings.0,
            m.findings.1,
            if m.same_verdict { "same" } else { "differs" }
        );
        report.push_str(&line);
        report.push('\n');
        for n in &m.notes {
            report.push_str(&format!("    {n}\n"));
        }
        lines.push(line);
    }
    println!("{report}");
    let today = format!("{HEADER}{}\n", lines.join("\n"));
    let path = baseline_path();
    if std::env::var_os("UPDATE_PDF_BASELINE").is_some() {
        std::fs::write(&path, &today).unwrap();
        return;
    }
    let before = std::fs::read_to_string(&path).unwrap_or_default();
    let diff: Vec<String> = lines
        .iter()
        .filter(|l| !before.lines().any(|b| b == l.as_str()))
        .cloned()
        .collect();
    let gone: Vec<&str> = before
        .lines()
        .filter(|b| !b.starts_with('#') && !b.trim().is_empty())
        .filter(|b| !lines.iter().any(|l| l == b))
        .collect();
    assert!(
        diff.is_empty() && gone.is_empty(),
        "tests/pdf-baseline.txt differs (fix a regression, record an improvement):\nnow:\n{}\nbefore:\n{}",
        diff.join("\n"),
        gone.join("\n")
    );
}

/// Every source named in sources.txt is there (so no PDF goes unchecked).
#[test]
fn every_pdf_has_its_source() {
    let dir = repo().join("tests/fixtures/pdf");
    let list = std::fs::read_to_string(dir.join("sources.txt")).unwrap();
    let listed: Vec<&str> = list.lines().filter_map(|l| l.split(' ').next()).collect();
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        if name.ends_with(".pdf") {
            assert!(
                listed.contains(&name.as_str()),
                "{name} is not in sources.txt"
            );
        }
    }
    for l in list.lines().filter(|l| !l.trim().is_empty()) {
        let (pdf, label) = l.split_once(' ').unwrap();
        assert!(
            Path::new(&dir.join(pdf)).exists(),
            "{pdf} listed but missing"
        );
        if !label.starts_with("corpus/") {
            assert!(repo().join(label).exists(), "{label} missing");
        }
    }
}

/// The cells and findings of a check, as comparable values.
fn summary(c: &Checked) -> (Vec<String>, Vec<String>) {
    let cells = c
        .analysis
        .report
        .cells
        .iter()
        .map(|cell| format!("{} {:?}", cell.key, cell.value))
        .collect();
    let mut findings: Vec<String> = c.analysis.findings.iter().map(finding_key).collect();
    findings.sort();
    (cells, findings)
}

/// The same report as text, HTML, Word and PDF (made from each of them) gives identical cells
/// and findings.
#[test]
fn the_seed_reads_alike_as_text_html_word_and_pdf() {
    let files = [
        "tests/fixtures/seed.txt",
        "tests/fixtures/docx/seed.html",
        "tests/fixtures/docx/seed.docx",
        "tests/fixtures/pdf/seed.txt.pdf",
        "tests/fixtures/pdf/seed.html.pdf",
        "tests/fixtures/pdf/seed-unruled.html.pdf",
        "tests/fixtures/pdf/seed.docx.pdf",
    ];
    let first = check_bytes(&std::fs::read(repo().join(files[0])).unwrap(), None);
    let (cells, findings) = summary(&first);
    assert_eq!(cells.len(), 200, "the seed has 200 cells");
    for f in &files[1..] {
        let c = check_bytes(&std::fs::read(repo().join(f)).unwrap(), None);
        let (c2, f2) = summary(&c);
        assert_eq!(c2, cells, "{f}: cells differ from the text's");
        assert_eq!(f2, findings, "{f}: findings differ from the text's");
    }
}

/// The published 洪泽区 2023 PDF and its `pdftotext -layout` text give the same cells and
/// findings — the 表四 source errors at the same cells (行政复议·总计 and 复议后起诉·总计 printed
/// 0 while their parts sum to 11 and 5).
#[test]
fn a_published_pdf_reads_as_its_text() {
    let raw = corpus_dir();
    let (txt, pdf) = (
        raw.join("010_hongze_2023.txt"),
        raw.join("../peer/hongze-district-gov-2023/report.pdf"),
    );
    if !pdf.exists() || !txt.exists() {
        corpus_missing(&pdf);
        return;
    }
    let t = check_bytes(&std::fs::read(&txt).unwrap(), None);
    let p = check_bytes(&std::fs::read(&pdf).unwrap(), None);
    assert_eq!(summary(&p), summary(&t));
    let totals: Vec<String> = p
        .analysis
        .findings
        .iter()
        .filter(|f| f.rule == "T4-GROUP-TOTAL" && f.outcome == nianbao_core::Outcome::Fail)
        .map(|f| {
            format!(
                "{:?} {:?}",
                f.expected.map(|n| n.to_string()),
                f.actual.map(|n| n.to_string())
            ) + &f
                .suspect
                .iter()
                .map(|k| format!(" {k}"))
                .collect::<String>()
        })
        .collect();
    assert!(
        totals
            .iter()
            .any(|s| s.contains("\"11\"") && s.contains("T4.RV.t")),
        "{totals:?}"
    );
    assert!(
        totals
            .iter()
            .any(|s| s.contains("\"5\"") && s.contains("T4.LR.t")),
        "{totals:?}"
    );
}
