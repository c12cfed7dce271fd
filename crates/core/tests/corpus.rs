//! Regression tests on real published reports: `../shared/corpus/raw` (each with a hand-checked
//! `*.truth.json`; `NIANBAO_CORPUS` overrides the path) and the peer corpus beside it
//! (`../peer/*/expected.json`). A ratchet: every measured number is written in
//! `tests/corpus-baseline.txt`, and the test fails when a number differs from its line, worse
//! *or* better (an improvement is recorded with the change that earned it, so the next
//! regression is caught at once). Traps of the truth files fail the test outright.
//!
//! Only public surfaces are used (`check_bytes`, `check_pair`, `Analysis`, `Finding`'s fields,
//! `Finding::message`), so the assertions survive a redesign of the core's internals.
//!
//! What is compared for each real report (`raw/`):
//! - **cells**: every value of the truth's `cells` read as the truth has it (blank, number or
//!   placeholder); `ambiguous` cells must not be guessed (read as a number fails the test).
//! - **findings**: each expected finding of the truth is paired one-to-one (a maximum
//!   matching, so one finding never satisfies two expectations) with a finding whose rule is
//!   the truth's rule or one of its `alternatives`, whose cells cover the truth's `cells`, with
//!   the right outcome, the truth's severity (for the truth's own rule), the truth's `expected` /
//!   `actual` numbers where it gives them, and a span that falls on the quoted `text` where it
//!   quotes one (`A…B` quotes elide text). The truth's `ambiguous_candidates` add one expected
//!   CELLS-AMBIGUOUS per group of cells, its span on the digits that ran together (`raw`).
//!
//!   `depends_on_blank`: the truth computes these with a blank counted as 0 and says a validator
//!   may instead report them as not assessable (with CELL-BLANK). The core never reads a blank
//!   as 0: a blank is an unknown count ≥ 0, so such an identity is a failing warning (it holds
//!   only if a blank is not 0) or an error (no count in the blanks balances it), visible to the
//!   user (warning or error, not an info line); and where only a blank total whose parts are
//!   not all 0 could balance it, the one finding of that cause is the CELL-BLANK error naming
//!   the blank total, which then meets every such expectation (the only finding that may meet
//!   several). The truth's `expected` / `actual` of such a finding are the blanks-as-0 sums and
//!   are not compared.
//! - **unexpected findings**: error- and warning-severity findings paired with no expectation,
//!   counted per file and ratcheted (errors: none). A finding of an expected rule that names
//!   only some of the cells of an expectation left unpaired is a *partial* match: the
//!   expectation is not found, and the finding is listed as partial, not as a false alarm.
//! - **traps** (`not_findings`): prose in the truth files, translated into finding patterns in
//!   [`TRAPS`] (each tied to its note; a note without a translation fails the test). A trap is
//!   hit by a finding with outcome `fail` and severity warning or error ("things a validator
//!   must not report as errors"; where the note tolerates a warning, error only).
//! - **report fields**: `format`, `year`, `agency` (or one of `agency_aliases`) and the section
//!   numerals as written (`sections_present`, in input order).
//! - **pairs**: a report whose truth names the same body as another report of the year before is
//!   checked with that report as last year's (`check_pair`), so cross-year findings count too.
//!
//! The peer corpus has no finding lists in our rule ids: its `expected_findings` (prose with a
//! PASS/FAIL/WARN/INFO status) are translated in [`PEER`] into checks on findings, or marked
//! unmapped with the reason; its `ground_truth` cells use the peer's names, mapped in
//! [`peer_cells`].

mod common;

use common::matching::{falls_on, find_loose, find_quote, glob, pair_up, touches};
use common::{corpus_dir, corpus_missing, key_strings, same, value};
use nianbao_core::Span;
use nianbao_core::{check_bytes, check_pair, CellValue, Checked, Finding, Lang, Outcome, Severity};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "corpus/translated.rs"]
mod translated;
use translated::{Check, Map, PEER, PEER_NOT_RUN, TRAPS};

// ---------------------------------------------------------------------------------------------
// The baseline

/// `tests/corpus-baseline.txt`: one line per report, `name key value key value …`.
struct Baseline(BTreeMap<String, Vec<(String, String)>>);

impl Baseline {
    fn load() -> Baseline {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus-baseline.txt");
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines = BTreeMap::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut words = line.split_whitespace();
            let name = words.next().unwrap().to_string();
            let rest: Vec<&str> = words.collect();
            assert!(
                rest.len().is_multiple_of(2),
                "corpus-baseline.txt: odd line {line:?}"
            );
            let pairs = rest
                .chunks(2)
                .map(|p| (p[0].to_string(), p[1].to_string()))
                .collect();
            assert!(
                lines.insert(name, pairs).is_none(),
                "corpus-baseline.txt: two lines for one report: {line:?}"
            );
        }
        Baseline(lines)
    }

    /// Lines of this kind (peer or not) for reports that were not measured: stale.
    fn stale(&self, peer: bool, measured: &[String], failures: &mut Vec<String>) {
        for name in self.0.keys() {
            // (A core built without the PDF reader measures no PDF.)
            let unread_pdf = name.ends_with(".pdf") && !cfg!(feature = "pdf");
            if name.starts_with("peer/") == peer && !measured.contains(name) && !unread_pdf {
                failures.push(format!(
                    "{name}: a line in tests/corpus-baseline.txt for a report that is not there"
                ));
            }
        }
    }

    /// Compares what was measured for `name` with its line: any difference is a failure.
    fn check(&self, name: &str, got: &[(&str, String)], failures: &mut Vec<String>) {
        let width = if name.starts_with("peer/") { 68 } else { 28 };
        let mut today = format!("{name:<width$}");
        for (k, v) in got {
            write!(today, " {k} {v:<7}").unwrap();
        }
        let today = today.trim_end().to_string();
        let Some(line) = self.0.get(name) else {
            failures.push(format!(
                "{name}: no line in tests/corpus-baseline.txt; today's line:\n  {today}"
            ));
            return;
        };
        let mut diffs = Vec::new();
        for (k, v) in got {
            match line.iter().find(|(bk, _)| bk == k) {
                Some((_, b)) if b == v => {}
                Some((_, b)) => diffs.push(format!("{k} {b} -> {v} ({})", judge(k, b, v))),
                None => diffs.push(format!("{k} missing from the line")),
            }
        }
        for (bk, _) in line {
            if !got.iter().any(|(k, _)| k == bk) {
                diffs.push(format!("{bk} is not measured"));
            }
        }
        if !diffs.is_empty() {
            failures.push(format!(
                "{name}: {} (tests/corpus-baseline.txt: fix a regression, record an improvement); today's line:\n  {today}",
                diffs.join(", ")
            ));
        }
    }
}

/// Whether a change of a baseline value is a regression or an improvement.
fn judge(key: &str, before: &str, after: &str) -> &'static str {
    let count = |s: &str| -> i64 {
        // "197/200": what was achieved of how many.
        let s = s.split('/').next().unwrap_or(s);
        match s.parse::<i64>() {
            Ok(n) => n,
            Err(_) if s == "-" => 0,
            Err(_) => s.split(',').count() as i64,
        }
    };
    let (b, a) = (count(before), count(after));
    let higher_is_better = matches!(key, "cells" | "found" | "held");
    match (a > b) == higher_is_better {
        _ if a == b => "changed",
        true => "better: record it",
        false => "WORSE",
    }
}

// ---------------------------------------------------------------------------------------------
// Expectations and how a finding meets them

#[derive(Clone, Copy, Debug)]
enum Sev {
    Any,
    /// This severity, when the finding is of the expectation's own rule (alternatives have
    /// their own severities).
    Exact(Severity),
    /// This severity or a worse one.
    AtLeast(Severity),
}

/// One expected finding.
struct Expect {
    /// What the truth says (its note), for the report.
    what: String,
    /// The rule, then the accepted alternatives.
    rules: Vec<String>,
    /// Cell patterns (`*` = any run) each of which some cell of the finding must match.
    cells: Vec<String>,
    outcome: Option<Outcome>,
    severity: Sev,
    /// Text the finding's span must fall on.
    quote: Option<String>,
    expected: Option<f64>,
    actual: Option<f64>,
    /// The truth's `depends_on_blank`: met too by the CELL-BLANK error of a blank total among
    /// its cells, the one finding of that cause (which may meet several such expectations).
    blank_total: bool,
}

impl Expect {
    /// Why `f` does not meet this expectation, or `None` when it does.
    fn why_not(&self, f: &Finding, text: &str) -> Option<String> {
        if !self.rules.iter().any(|r| r == f.rule.as_str()) {
            return Some(format!("rule {}", f.rule));
        }
        let missing: Vec<&str> = self
            .cells
            .iter()
            .filter(|p| !key_strings(&f.cells).iter().any(|c| glob(p, c)))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            return Some(format!("does not name {}", short_list(&missing)));
        }
        if let Some(o) = self.outcome {
            if f.outcome != o {
                return Some(format!(
                    "outcome {} (expected {})",
                    f.outcome.as_str(),
                    o.as_str()
                ));
            }
        }
        match self.severity {
            Sev::Exact(s) if f.rule.as_str() == self.rules[0] && f.severity != s => {
                return Some(format!(
                    "severity {} (expected {})",
                    f.severity.as_str(),
                    s.as_str()
                ));
            }
            Sev::AtLeast(s) if f.severity > s => {
                return Some(format!(
                    "severity {} (expected {} or worse)",
                    f.severity.as_str(),
                    s.as_str()
                ));
            }
            _ => {}
        }
        for (name, want, got) in [
            ("expected", self.expected, f.expected),
            ("actual", self.actual, f.actual),
        ] {
            if let Some(w) = want {
                if !got.is_some_and(|g| (g.to_f64() - w).abs() < 1e-9) {
                    return Some(format!(
                        "{name} {} (the truth says {w})",
                        got.map_or("none".to_string(), |g| g.to_string())
                    ));
                }
            }
        }
        if let Some(q) = &self.quote {
            let Some(span) = f.span else {
                return Some("no span (the truth quotes the text)".into());
            };
            if !falls_on(span, &find_quote(text, q)) {
                return Some(format!("span on «{}», not on «{q}»", snippet(text, span)));
            }
        }
        None
    }

    /// `f` is of this expectation's rule and names only cells of it: part of the expected
    /// finding (e.g. some of the blank cells), not a false alarm.
    fn partly(&self, f: &Finding) -> bool {
        self.rules.iter().any(|r| r == f.rule.as_str())
            && !f.cells.is_empty()
            && f.cells
                .iter()
                .all(|c| self.cells.iter().any(|p| glob(p, &c.to_string())))
    }
}

/// The expected findings of a truth file, plus one CELLS-AMBIGUOUS per ambiguous group.
fn truth_expectations(truth: &Value) -> Vec<Expect> {
    let mut out = Vec::new();
    for e in truth["expected_findings"].as_array().into_iter().flatten() {
        let mut rules = vec![e["rule"].as_str().unwrap().to_string()];
        for alt in e["alternatives"].as_array().into_iter().flatten() {
            rules.push(alt.as_str().unwrap().to_string());
        }
        // The truth files were written before TEXT-PAIRING existed and file an unpaired mark
        // (《《, a （ never closed) as TEXT-TYPO; the contract's rule for it is TEXT-PAIRING.
        // The span must still fall on the quoted text, so no word typo is met this way.
        if rules[0] == "TEXT-TYPO" {
            rules.push("TEXT-PAIRING".to_string());
        }
        let depends_on_blank = e["depends_on_blank"].as_bool() == Some(true);
        let severity = match e["severity"].as_str() {
            Some("error") => Severity::Error,
            Some("warning") => Severity::Warning,
            Some("info") => Severity::Info,
            s => panic!("truth severity {s:?}"),
        };
        out.push(Expect {
            what: e["note"].as_str().unwrap_or("").to_string(),
            rules,
            cells: strings(&e["cells"]),
            outcome: (!depends_on_blank).then_some(Outcome::Fail),
            severity: if depends_on_blank {
                Sev::AtLeast(Severity::Warning)
            } else {
                Sev::Exact(severity)
            },
            quote: e["text"].as_str().map(str::to_string),
            expected: (!depends_on_blank)
                .then(|| e["expected"].as_f64())
                .flatten(),
            actual: (!depends_on_blank).then(|| e["actual"].as_f64()).flatten(),
            blank_total: depends_on_blank,
        });
    }
    // "ambiguous: … a validator must report them as ambiguous, not guess" (corpus README).
    let mut grouped: Vec<String> = Vec::new();
    if let Some(groups) = truth["ambiguous_candidates"].as_object() {
        for (name, g) in groups {
            let cells = strings(&g["keys"]);
            grouped.extend(cells.iter().cloned());
            out.push(Expect {
                what: format!("{name}: the digits ran together and split several ways"),
                rules: vec!["CELLS-AMBIGUOUS".into()],
                cells,
                outcome: None,
                severity: Sev::Any,
                quote: g["raw"].as_str().map(str::to_string),
                expected: None,
                actual: None,
                blank_total: false,
            });
        }
    }
    let rest: Vec<String> = strings(&truth["ambiguous"])
        .into_iter()
        .filter(|k| !grouped.contains(k))
        .collect();
    if !rest.is_empty() {
        out.push(Expect {
            what: "ambiguous cells".into(),
            rules: vec!["CELLS-AMBIGUOUS".into()],
            cells: rest,
            outcome: None,
            severity: Sev::Any,
            quote: None,
            expected: None,
            actual: None,
            blank_total: false,
        });
    }
    out
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

/// A pattern of findings (for traps and for "no such finding" checks).
#[derive(Clone, Copy)]
struct Pat {
    /// Any of these rules (any rule when empty).
    rules: &'static [&'static str],
    /// Naming a cell that matches one of these patterns (no condition when empty).
    cells: &'static [&'static str],
    /// With a span touching this text (`A…B` elides).
    text: Option<&'static str>,
    /// Of this severity or worse.
    at_least: Severity,
    /// Only findings with outcome `fail` (not `not_assessable`).
    fail_only: bool,
}

impl Pat {
    fn hits(&self, f: &Finding, text: &str) -> bool {
        (self.rules.is_empty() || self.rules.contains(&f.rule.as_str()))
            && (self.cells.is_empty()
                || f.cells
                    .iter()
                    .any(|c| self.cells.iter().any(|p| glob(p, &c.to_string()))))
            && self
                .text
                .is_none_or(|t| f.span.is_some_and(|s| touches(s, &find_quote(text, t))))
            && f.severity <= self.at_least
            && (!self.fail_only || f.outcome == Outcome::Fail)
    }
}

// ---------------------------------------------------------------------------------------------
// The real reports

struct Raw {
    name: String,
    path: PathBuf,
    truth: Value,
}

/// The published PDF (in the peer corpus) of a report whose page text has a truth file.
const PDF_OF: &[(&str, &str)] = &[
    ("009_huaian_2024.txt", "huaian-city-gov-2024/report.pdf"),
    ("010_hongze_2023.txt", "hongze-district-gov-2023/report.pdf"),
    ("011_hongze_2024.txt", "hongze-district-gov-2024/report.pdf"),
];

/// `010_hongze_2023.txt` → `010_hongze_2023.pdf`: the PDF's line in the baseline.
fn pdf_name(text_name: &str) -> String {
    format!("{}.pdf", text_name.trim_end_matches(".txt"))
}

impl Raw {
    /// The name of the text whose truth this is (the text itself, or the text of a PDF).
    fn text_name(&self) -> String {
        PDF_OF
            .iter()
            .find(|(n, _)| pdf_name(n) == self.name)
            .map_or_else(|| self.name.clone(), |(n, _)| n.to_string())
    }
    /// The body's names: `agency` and `agency_aliases`.
    fn names(&self) -> Vec<String> {
        let mut v = vec![self.truth["agency"].as_str().unwrap_or("").to_string()];
        v.extend(strings(&self.truth["agency_aliases"]));
        v
    }
    fn year(&self) -> Option<u64> {
        self.truth["year"].as_u64()
    }
}

fn numeral(n: u8) -> &'static str {
    [
        "?", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ]
    .get(n as usize)
    .copied()
    .unwrap_or("?")
}

fn snippet(text: &str, span: Span) -> String {
    let s = text.get(span.start..span.end).unwrap_or("?");
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

fn short_list<S: AsRef<str>>(v: &[S]) -> String {
    let shown: Vec<&str> = v.iter().take(6).map(AsRef::as_ref).collect();
    if v.len() > 6 {
        format!("{} … ({} in all)", shown.join(" "), v.len())
    } else {
        shown.join(" ")
    }
}

/// One line per finding, as a reader of the report would see it.
fn describe(f: &Finding, text: &str) -> String {
    let mut s = format!(
        "{} {} {} [{}]",
        f.severity.as_str(),
        f.outcome.as_str(),
        f.rule,
        short_list(&key_strings(&f.cells))
    );
    if let Some(span) = f.span {
        write!(s, " at «{}»", snippet(text, span)).unwrap();
    }
    let msg = f.message(Lang::Zh);
    let msg: String = if msg.chars().count() > 120 {
        format!("{}…", msg.chars().take(120).collect::<String>())
    } else {
        msg.to_string()
    };
    write!(s, ": {msg}").unwrap();
    s
}

/// Pairs expectations with findings one-to-one; returns the finding paired with each.
fn pair(expects: &[Expect], checked: &Checked) -> Vec<Option<usize>> {
    let findings = &checked.analysis.findings;
    let mut paired = pair_up(expects.len(), findings.len(), |e, f| {
        expects[e].why_not(&findings[f], &checked.text).is_none()
    });
    // One finding per cause: a blank total's CELL-BLANK error stands for every identity that
    // only that blank could balance.
    for (e, p) in expects.iter().zip(paired.iter_mut()) {
        if p.is_some() || !e.blank_total {
            continue;
        }
        *p = findings.iter().position(|f| {
            f.rule.as_str() == "CELL-BLANK"
                && f.severity == Severity::Error
                && f.outcome == Outcome::Fail
                && key_strings(&f.cells)
                    .iter()
                    .any(|c| e.cells.iter().any(|p| glob(p, c)))
        });
    }
    paired
}

/// The findings paired with no expectation, split into partial matches and unexpected ones
/// (error and warning severity only).
fn leftovers<'a>(
    expects: &[Expect],
    paired: &[Option<usize>],
    findings: &'a [Finding],
) -> (Vec<&'a Finding>, Vec<&'a Finding>) {
    let (mut partial, mut unexpected) = (Vec::new(), Vec::new());
    for (i, f) in findings.iter().enumerate() {
        if paired.contains(&Some(i)) || f.severity == Severity::Info {
            continue;
        }
        let part = expects
            .iter()
            .zip(paired)
            .any(|(e, p)| p.is_none() && e.partly(f));
        if part {
            partial.push(f);
        } else {
            unexpected.push(f);
        }
    }
    (partial, unexpected)
}

#[test]
fn corpus_regression() {
    let dir = corpus_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        corpus_missing(&dir);
        return;
    };
    let baseline = Baseline::load();
    let mut raws: Vec<Raw> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".truth.json"))
        .map(|t| {
            let path = PathBuf::from(t.to_string_lossy().trim_end_matches(".truth.json"));
            Raw {
                name: path.file_name().unwrap().to_string_lossy().to_string(),
                truth: serde_json::from_str(&std::fs::read_to_string(&t).unwrap()).unwrap(),
                path,
            }
        })
        .collect();
    // The published PDFs of reports whose page text is here: read with the same truth.
    let pdfs: Vec<Raw> = raws
        .iter()
        .filter(|_| cfg!(feature = "pdf"))
        .filter_map(|r| {
            let (_, pdf) = PDF_OF.iter().find(|(n, _)| *n == r.name)?;
            let path = dir.join("../peer").join(pdf);
            path.exists().then(|| Raw {
                name: pdf_name(&r.name),
                path,
                truth: r.truth.clone(),
            })
        })
        .collect();
    raws.extend(pdfs);
    raws.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(!raws.is_empty(), "no truth files in {}", dir.display());

    let mut failures = Vec::new();
    let mut table = Vec::new();
    let mut details = String::new();
    let mut traps_used = vec![0usize; TRAPS.len()];
    for raw in &raws {
        let mut checked = check_bytes(&std::fs::read(&raw.path).unwrap(), None);
        // Last year's report of the same body, when the corpus has it.
        let last = raws.iter().find(|o| {
            o.year().is_some()
                && o.year().map(|y| y + 1) == raw.year()
                && o.name.ends_with(".pdf") == raw.name.ends_with(".pdf")
                && {
                    let names = raw.names();
                    o.names().iter().any(|n| !n.is_empty() && names.contains(n))
                }
        });
        if let Some(last) = last {
            let l = check_bytes(&std::fs::read(&last.path).unwrap(), None);
            check_pair(&mut checked.analysis, &l.analysis);
        }
        let a = &checked.analysis;
        let text = &checked.text;
        let mut d = String::new();

        // Cells.
        let cells = raw.truth["cells"].as_object().cloned().unwrap_or_default();
        let mut cells_ok = 0;
        let mut wrong = Vec::new();
        for (k, v) in &cells {
            if value(&a.report, k).is_some_and(|g| same(v, g)) {
                cells_ok += 1;
            } else {
                wrong.push(format!("{k} {v} read {:?}", value(&a.report, k)));
            }
        }
        if !wrong.is_empty() {
            writeln!(d, "  cells read otherwise: {}", short_list(&wrong)).unwrap();
        }
        for k in strings(&raw.truth["ambiguous"]) {
            if let Some(v @ CellValue::Number(_)) = value(&a.report, &k) {
                failures.push(format!(
                    "{}: {k} is ambiguous in the truth but was read as {v:?} (a guess)",
                    raw.name
                ));
            }
        }

        // Report fields.
        let mut differ = Vec::new();
        let format = raw.truth["format"].as_str().unwrap_or("");
        if a.report.format.as_str() != format {
            differ.push("format");
            writeln!(d, "  format {} (truth {format})", a.report.format.as_str()).unwrap();
        }
        let names = raw.names();
        if !a.report.agency.as_ref().is_some_and(|g| names.contains(g)) {
            differ.push("agency");
            writeln!(
                d,
                "  agency {:?} (truth {})",
                a.report.agency,
                names.join(" / ")
            )
            .unwrap();
        }
        if a.report.year.map(u64::from) != raw.year() {
            differ.push("year");
            writeln!(d, "  year {:?} (truth {:?})", a.report.year, raw.year()).unwrap();
        }
        let mut sections: Vec<&nianbao_core::Section> = a.report.sections.iter().collect();
        sections.sort_by_key(|s| s.span.start);
        let read: Vec<&str> = sections
            .iter()
            .map(|s| numeral(s.written_number.unwrap_or(s.number)))
            .collect();
        let want = strings(&raw.truth["sections_present"]);
        if read != want {
            differ.push("sections");
            writeln!(d, "  sections {} (truth {})", read.join(""), want.join("")).unwrap();
        }

        // Findings.
        let expects = truth_expectations(&raw.truth);
        for e in &expects {
            if let Some(q) = &e.quote {
                if find_quote(text, q).is_empty() {
                    failures.push(format!(
                        "{}: the truth quotes «{q}», which is not in the text read",
                        raw.name
                    ));
                }
            }
        }
        let paired = pair(&expects, &checked);
        let found = paired.iter().flatten().count();
        for (e, p) in expects.iter().zip(&paired) {
            if p.is_some() {
                continue;
            }
            writeln!(
                d,
                "  NOT FOUND {} [{}]: {}",
                e.rules.join("|"),
                short_list(&e.cells),
                e.what
            )
            .unwrap();
            for f in a
                .findings
                .iter()
                .filter(|f| e.rules.iter().any(|r| r == f.rule.as_str()))
            {
                let why = e
                    .why_not(f, text)
                    .unwrap_or_else(|| "paired with another expectation".into());
                writeln!(d, "      {}: {why}", describe(f, text)).unwrap();
            }
        }
        let (partial, unexpected) = leftovers(&expects, &paired, &a.findings);
        for f in &partial {
            writeln!(d, "  partial {}", describe(f, text)).unwrap();
        }
        for f in &unexpected {
            writeln!(d, "  UNEXPECTED {}", describe(f, text)).unwrap();
        }
        let errors = unexpected
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let warnings = unexpected.len() - errors;

        // Traps.
        let notes: Vec<&str> = raw.truth["not_findings"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|n| n["note"].as_str().unwrap_or(""))
            .collect();
        let mut traps_hit = 0;
        for note in &notes {
            let ts: Vec<usize> = (0..TRAPS.len())
                .filter(|&i| TRAPS[i].file == raw.text_name() && note.starts_with(TRAPS[i].note))
                .collect();
            let [t] = ts[..] else {
                failures.push(format!(
                    "{}: trap «{note}» has {} translations in TRAPS (one needed)",
                    raw.name,
                    ts.len()
                ));
                continue;
            };
            if raw.text_name() == raw.name {
                traps_used[t] += 1;
            }
            for pat in TRAPS[t].hits {
                if let Some(q) = pat.text {
                    // (The PDF reader leaves page furniture out: a trap on a page footer
                    // cannot fire on the PDF.)
                    if find_quote(text, q).is_empty() && raw.text_name() == raw.name {
                        failures.push(format!(
                            "{}: trap text «{q}» is not in the text read (the trap could never fire)",
                            raw.name
                        ));
                    }
                }
            }
            for f in &a.findings {
                if TRAPS[t].hits.iter().any(|p| p.hits(f, text)) {
                    traps_hit += 1;
                    writeln!(d, "  TRAP «{note}» hit by {}", describe(f, text)).unwrap();
                    failures.push(format!(
                        "{}: trap «{note}» hit by {}",
                        raw.name,
                        describe(f, text)
                    ));
                }
            }
        }

        let differ_s = if differ.is_empty() {
            "-".to_string()
        } else {
            differ.join(",")
        };
        baseline.check(
            &raw.name,
            &[
                ("cells", format!("{cells_ok}/{}", cells.len())),
                ("found", format!("{found}/{}", expects.len())),
                ("errors", errors.to_string()),
                ("warnings", warnings.to_string()),
                ("differ", differ_s.clone()),
            ],
            &mut failures,
        );
        table.push(format!(
            "{:<28} {:>7}/{:<4} {:>4}/{:<3} {:>7} {:>6} {:>8} {:>5}/{:<3} {}{}",
            raw.name,
            cells_ok,
            cells.len(),
            found,
            expects.len(),
            partial.len(),
            errors,
            warnings,
            traps_hit,
            notes.len(),
            differ_s,
            last.map_or(String::new(), |l| format!("  (paired with {})", l.name)),
        ));
        if !d.is_empty() {
            writeln!(details, "{}:\n{d}", raw.name).unwrap();
        }
    }
    let measured: Vec<String> = raws.iter().map(|r| r.name.clone()).collect();
    baseline.stale(false, &measured, &mut failures);
    for (t, n) in TRAPS.iter().zip(&traps_used) {
        if *n != 1 && raws.iter().any(|r| r.name == t.file) {
            failures.push(format!(
                "TRAPS: «{}» of {} matches {n} notes (one needed)",
                t.note, t.file
            ));
        }
    }
    println!(
        "{:<28} {:>12} {:>8} {:>7} {:>6} {:>8} {:>9} differ",
        "file", "cells", "found", "partial", "errors", "warnings", "traps hit"
    );
    for l in &table {
        println!("{l}");
    }
    println!("\n{details}");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// The peer corpus

/// One report of the peer corpus with what its `expected.json` says of it.
struct PeerInput {
    name: String,
    path: PathBuf,
    /// The object with `expected_findings` (a folder's expected.json, or one of its `files`).
    entry: Value,
    ground_truth: Option<Value>,
}

fn peer_inputs(dir: &Path, failures: &mut Vec<String>) -> Vec<PeerInput> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    let mut out = Vec::new();
    for folder in folders {
        let fname = folder.file_name().unwrap().to_string_lossy().to_string();
        let not_run = PEER_NOT_RUN.iter().any(|(n, _)| *n == fname);
        let Ok(text) = std::fs::read_to_string(folder.join("expected.json")) else {
            if !not_run {
                failures.push(format!(
                    "peer/{fname}: no expected.json and not in PEER_NOT_RUN"
                ));
            }
            continue;
        };
        if not_run {
            continue;
        }
        let e: Value = serde_json::from_str(&text).unwrap();
        if let Some(files) = e["files"].as_object() {
            for (file, entry) in files {
                out.push(PeerInput {
                    name: format!("peer/{fname}/{file}"),
                    path: folder.join(file),
                    entry: entry.clone(),
                    ground_truth: None,
                });
            }
            continue;
        }
        let input = [
            "report.pymupdf.txt",
            "report.txt",
            "report.html",
            "source.md",
        ]
        .iter()
        .map(|n| folder.join(n))
        .find(|p| p.exists());
        // The published PDF beside its extracted text: read with the same expectations.
        let pdf = folder.join("report.pdf");
        if cfg!(feature = "pdf") && input.is_some() && pdf.exists() {
            out.push(PeerInput {
                name: format!("peer/{fname}.pdf"),
                path: pdf,
                ground_truth: e.get("ground_truth").cloned(),
                entry: e.clone(),
            });
        }
        match input {
            Some(path) => out.push(PeerInput {
                name: format!("peer/{fname}"),
                path,
                ground_truth: e.get("ground_truth").cloned(),
                entry: e,
            }),
            None => failures.push(format!(
                "peer/{fname}: no report input and not in PEER_NOT_RUN"
            )),
        }
    }
    out
}

impl PeerInput {
    /// The name of the extracted text whose expectations these are (`peer/x.pdf` → `peer/x`).
    fn text_name(&self) -> &str {
        self.name.trim_end_matches(".pdf")
    }
    fn year(&self) -> Option<u64> {
        self.entry["report_year"].as_u64()
    }
    /// The body's names in the peer's `agency` text, "name (note)": the name, and the note when
    /// it is a short name itself ("上海市科学技术委员会 (市科委)").
    fn names(&self) -> Vec<String> {
        let Some(a) = self.entry["agency"].as_str() else {
            return Vec::new();
        };
        let (main, note) = match a.split_once(" (") {
            Some((m, n)) => (m, n.trim_end_matches(')')),
            None => (a, ""),
        };
        let mut v = vec![main.to_string()];
        if !note.is_empty() && !note.chars().any(|c| c.is_ascii() || c == '，') {
            v.push(note.to_string());
        }
        v
    }
}

#[test]
fn peer_corpus_regression() {
    let dir = corpus_dir().join("../peer");
    if std::fs::read_dir(&dir).is_err() {
        corpus_missing(&dir);
        return;
    }
    let baseline = Baseline::load();
    let mut failures = Vec::new();
    let inputs = peer_inputs(&dir, &mut failures);
    let mut used = vec![0usize; PEER.len()];
    let mut table = Vec::new();
    let mut details = String::new();
    for input in &inputs {
        let mut checked = check_bytes(&std::fs::read(&input.path).unwrap(), None);
        // Last year's report of the same body, when the peer corpus has it.
        let last = inputs.iter().find(|o| {
            o.year().is_some()
                && o.year().map(|y| y + 1) == input.year()
                && !o.names().is_empty()
                && o.names().first() == input.names().first()
                && o.name.ends_with(".pdf") == input.name.ends_with(".pdf")
        });
        if let Some(last) = last {
            let l = check_bytes(&std::fs::read(&last.path).unwrap(), None);
            check_pair(&mut checked.analysis, &l.analysis);
        }
        let a = &checked.analysis;
        let text = &checked.text;
        let mut d = String::new();

        // Cells.
        let truth = input
            .ground_truth
            .as_ref()
            .map(peer_cells)
            .unwrap_or_default();
        let ok = truth
            .iter()
            .filter(|(k, v)| value(&a.report, k).is_some_and(|g| same(v, g)))
            .count();

        // Report fields: the body (a name containing the other: a place prefix, a short name)
        // and the year, where the peer gives them.
        let mut differ = Vec::new();
        let names = input.names();
        if !names.is_empty() {
            let agency_ok = a.report.agency.as_ref().is_some_and(|g| {
                g.chars().count() >= 3
                    && names
                        .iter()
                        .any(|n| n.contains(g.as_str()) || g.contains(n.as_str()))
            });
            if !agency_ok {
                differ.push("agency");
                writeln!(
                    d,
                    "  agency {:?} (peer: {})",
                    a.report.agency,
                    names.join(" / ")
                )
                .unwrap();
            }
        }
        if let Some(y) = input.year() {
            if a.report.year.map(u64::from) != Some(y) {
                differ.push("year");
                writeln!(d, "  year {:?} (peer: {y})", a.report.year).unwrap();
            }
        }

        // Expected findings.
        let entries: Vec<&Value> = input.entry["expected_findings"]
            .as_array()
            .into_iter()
            .flatten()
            .collect();
        let mut wants: Vec<(usize, Expect)> = Vec::new(); // (entry index, expectation)
        let mut maps: Vec<Option<&Map>> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let rule = e["rule"].as_str().or(e.as_str()).unwrap_or("");
            let ps: Vec<usize> = (0..PEER.len())
                .filter(|&p| PEER[p].input == input.text_name() && rule.starts_with(PEER[p].rule))
                .collect();
            let [p] = ps[..] else {
                failures.push(format!(
                    "{}: expected finding «{rule}» has {} translations in PEER (one needed)",
                    input.name,
                    ps.len()
                ));
                maps.push(None);
                continue;
            };
            if input.text_name() == input.name {
                used[p] += 1;
            }
            maps.push(Some(&PEER[p].map));
            if let Map::Checks(checks) = &PEER[p].map {
                for c in *checks {
                    match c {
                        Check::Has(w) => wants.push((
                            i,
                            Expect {
                                what: rule.to_string(),
                                rules: w.rules.iter().map(|r| r.to_string()).collect(),
                                cells: w.cells.iter().map(|c| c.to_string()).collect(),
                                outcome: w.outcome,
                                severity: w.severity.map_or(Sev::Any, Sev::Exact),
                                quote: w.text.map(str::to_string),
                                expected: None,
                                actual: None,
                                blank_total: false,
                            },
                        )),
                        Check::No(pat) => {
                            if let Some(q) = pat.text {
                                if find_loose(text, q).is_empty() {
                                    failures.push(format!(
                                        "{}: «{q}» is not in the text read (the check could never fail)",
                                        input.name
                                    ));
                                }
                            }
                        }
                    }
                }
            }
        }
        let (owner, expects): (Vec<usize>, Vec<Expect>) = wants.into_iter().unzip();
        let paired = pair(&expects, &checked);
        let (mut held, mut mapped, mut unmapped) = (0, 0, 0);
        for (i, (e, map)) in entries.iter().zip(&maps).enumerate() {
            let rule = e["rule"].as_str().or(e.as_str()).unwrap_or("");
            let checks = match map {
                Some(Map::Checks(c)) => c,
                Some(Map::Unmapped(why)) => {
                    assert!(
                        !why.trim().is_empty(),
                        "{}: «{rule}» unmapped without a reason",
                        input.name
                    );
                    unmapped += 1;
                    continue;
                }
                None => continue,
            };
            mapped += 1;
            let mut why = Vec::new();
            for (k, (j, w)) in owner.iter().zip(&expects).enumerate() {
                if *j == i && paired[k].is_none() {
                    why.push(format!("no {} finding{}", w.rules.join("|"), {
                        let near: Vec<String> = a
                            .findings
                            .iter()
                            .filter(|f| w.rules.iter().any(|r| r == f.rule.as_str()))
                            .filter_map(|f| w.why_not(f, text))
                            .take(2)
                            .collect();
                        if near.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", near.join("; "))
                        }
                    }));
                }
            }
            for c in *checks {
                if let Check::No(pat) = c {
                    for f in a.findings.iter().filter(|f| pat.hits(f, text)) {
                        why.push(format!("has {}", describe(f, text)));
                    }
                }
            }
            if why.is_empty() {
                held += 1;
            } else {
                writeln!(d, "  NOT HELD «{rule}»").unwrap();
                for w in why.iter().take(4) {
                    writeln!(d, "      {w}").unwrap();
                }
            }
        }
        let errors = a
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let differ_s = if differ.is_empty() {
            "-".to_string()
        } else {
            differ.join(",")
        };
        baseline.check(
            &input.name,
            &[
                ("cells", format!("{ok}/{}", truth.len())),
                ("held", format!("{held}/{mapped}")),
                ("errors", errors.to_string()),
                ("differ", differ_s.clone()),
            ],
            &mut failures,
        );
        table.push(format!(
            "{:<66} {:>5}/{:<5} {:>3}/{:<3} {:>8} {:>6} {}{}",
            input.name,
            ok,
            truth.len(),
            held,
            mapped,
            unmapped,
            errors,
            differ_s,
            last.map_or(String::new(), |l| format!("  (paired with {})", l.name)),
        ));
        if !d.is_empty() {
            writeln!(details, "{}:\n{d}", input.name).unwrap();
        }
    }
    let measured: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
    baseline.stale(true, &measured, &mut failures);
    for (p, n) in PEER.iter().zip(&used) {
        if *n != 1 {
            failures.push(format!(
                "PEER: «{}» of {} matches {n} expected findings (one needed)",
                p.rule, p.input
            ));
        }
    }
    println!(
        "{:<66} {:>11} {:>7} {:>8} {:>6} differ",
        "peer report", "cells", "held", "unmapped", "errors"
    );
    for l in &table {
        println!("{l}");
    }
    println!("\n{details}");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The peer corpus uses the peer's older field names; map its `ground_truth` to our keys.
fn peer_cells(gt: &Value) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    let cols = ["C1", "C2", "C3", "C4", "C5", "C6", "C7"];
    if let Some(t2) = gt["table2"].as_object() {
        for (name, key) in [("regulations", "reg"), ("normativeDocuments", "norm")] {
            match &t2.get(name) {
                Some(Value::Array(v)) => {
                    for (i, c) in ["made", "repealed", "valid"].iter().enumerate() {
                        if let Some(n) = v.get(i).filter(|x| x.is_number()) {
                            out.insert(format!("T2.{key}.{c}"), n.clone());
                        }
                    }
                }
                Some(Value::Object(o)) => {
                    for c in ["made", "repealed", "valid"] {
                        if let Some(n) = o.get(c).filter(|x| x.is_number()) {
                            out.insert(format!("T2.{key}.{c}"), n.clone());
                        }
                    }
                }
                _ => {}
            }
        }
        for (name, key) in [
            ("licensing", "T2.licensing"),
            ("punishment", "T2.penalty"),
            ("coercion", "T2.coercion"),
            ("fees_wan", "T2.fee"),
        ] {
            if let Some(n) = t2.get(name).filter(|x| x.is_number()) {
                out.insert(key.to_string(), n.clone());
            }
        }
    }
    let t3 = if gt["table3_rows_C1toC7"].is_object() {
        &gt["table3_rows_C1toC7"]
    } else {
        &gt["table3"]
    };
    if let Some(rows) = t3.as_object() {
        for (name, v) in rows {
            // `R1_new`, `R3g_total`, `R3f_single_row` …: the key is the part before `_`.
            let row = name.split('_').next().unwrap_or(name);
            if let Some(text) = v.as_str() {
                // Compact group rows: "C1: 0,0,2,2,13,2,4,9; other columns 0" (items 1..n of the group).
                let items = match row {
                    "R3c" => 8,
                    "R3d" => 3,
                    "R3e" => 5,
                    "R3f" => 3,
                    _ => 0,
                };
                if items == 0 {
                    continue;
                }
                let mut stated: Vec<&str> = Vec::new();
                for part in text.split(';') {
                    let Some((col, list)) = part.trim().split_once(':') else {
                        continue;
                    };
                    let col = col.trim();
                    if !cols.contains(&col) || list.contains('(') {
                        continue;
                    }
                    let nums: Vec<Option<u64>> =
                        list.split(',').map(|x| x.trim().parse().ok()).collect();
                    if nums.len() == items && nums.iter().all(Option::is_some) {
                        for (i, n) in nums.into_iter().enumerate() {
                            out.insert(
                                format!("T3.{row}{}.{col}", i + 1),
                                Value::from(n.unwrap_or(0)),
                            );
                        }
                        stated.push(col);
                    }
                }
                if text.contains("other columns 0") && !stated.is_empty() {
                    for col in &cols[..6] {
                        if !stated.contains(col) {
                            for i in 1..=items {
                                out.insert(format!("T3.{row}{i}.{col}"), Value::from(0));
                            }
                        }
                    }
                }
                continue;
            }
            if let Some(list) = v.as_array().filter(|l| l.len() == 7) {
                for (i, n) in list.iter().enumerate() {
                    if n.is_number() {
                        out.insert(format!("T3.{row}.{}", cols[i]), n.clone());
                    }
                }
            }
        }
    }
    let results = ["m", "c", "o", "p", "t"];
    if let Some(list) = gt["table4_15"].as_array().filter(|l| l.len() == 15) {
        for (i, n) in list.iter().enumerate() {
            let g = ["RV", "LD", "LR"][i / 5];
            out.insert(format!("T4.{g}.{}", results[i % 5]), n.clone());
        }
    }
    if let Some(t4) = gt["table4"].as_object() {
        for g in ["RV", "LD", "LR"] {
            if let Some(list) = t4
                .get(g)
                .and_then(|v| v.as_array())
                .filter(|l| l.len() == 5)
            {
                for (i, n) in list.iter().enumerate() {
                    out.insert(format!("T4.{g}.{}", results[i]), n.clone());
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The matching helpers themselves

#[test]
fn pairing_is_one_to_one_and_maximal() {
    // Expectation 0 fits findings 0 and 1, expectation 1 only finding 0: a first-come
    // choice (0→0) would leave expectation 1 unpaired.
    let fits = |l: usize, r: usize| matches!((l, r), (0, 0) | (0, 1) | (1, 0));
    assert_eq!(pair_up(2, 2, fits), vec![Some(1), Some(0)]);
    // Two expectations, one finding: one stays unpaired.
    assert_eq!(pair_up(2, 1, |_, _| true).iter().flatten().count(), 1);
}

#[test]
fn quotes_and_globs() {
    let t = "答复申请805件（含结转18件）。予以公开258件；不予公开35件";
    let q = find_quote(t, "答复申请805件…不予公开35件");
    assert_eq!(q, vec![(0, t.len())]);
    assert!(find_quote(t, "答复申请805件…不存在").is_empty());
    assert_eq!(
        find_loose("规\n章 1 件", "规章1件"),
        vec![(0, "规\n章 1 件".len())]
    );
    assert!(glob("T3.*.C2", "T3.R3c1.C2") && !glob("T3.*.C2", "T3.R3c1.C7"));
    assert!(glob("T4.LD.*", "T4.LD.t") && glob("T2.fee", "T2.fee") && !glob("T2.fee", "T2.fees"));
    let span = Span::new(2, 6);
    assert!(falls_on(span, &[(0, 6)]) && !falls_on(span, &[(5, 9)]) && touches(span, &[(5, 9)]));
}
