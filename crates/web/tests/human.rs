//! Every human-facing string of the page's view model (`nianbao_web::view`), built natively
//! for every fixture and every real report of the corpus: verdict lines, table captions and
//! labels, cell texts and their screen-reader labels, finding messages in both languages,
//! the cells of each finding in words (suspects, the cells that matter), group names, file and source lines, the pairing line and every refusal to pair. None may
//! hold an unfilled `{placeholder}`, an internal cell key or a label cut without an
//! ellipsis. The checks are shared with the core's message test
//! (`crates/core/tests/human_text/`).
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../core/tests/human_text/mod.rs"]
mod human_text;

use std::rc::Rc;

use human_text::{corpus, fixtures, problems, Input, NATIONAL_LABELS};
use nianbao_core::{check_bytes, check_str, Checked, InputKind, Lang};
use nianbao_web::view::{self, CheckedRef, FileEntry, LastReport, PageView, RowView, Source};

fn checked(input: &Input) -> Checked {
    match input {
        Input::Case(_, text) => check_str(text),
        Input::File(path) => check_bytes(&std::fs::read(path).unwrap(), None),
    }
}

fn name(input: &Input) -> String {
    input
        .path()
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().to_string())
}

/// Every string the page shows for `v` that the page writes itself. What it shows as the
/// report wrote it (the agency, row labels, cell texts) is in [`as_read`].
fn strings(v: &PageView) -> Vec<String> {
    let mut out = Vec::new();
    let verdict = v.verdict();
    out.push(verdict.line_zh());
    let r = match v {
        PageView::Empty => return out,
        PageView::Unreadable { zh, en } => {
            out.push(zh.clone());
            out.push(en.clone());
            return out;
        }
        PageView::Report(r) => r,
    };
    out.push(r.format_zh.to_string());
    for b in r.t2.iter().flatten() {
        out.push(b.caption.to_string());
        for (zh, en) in &b.cols {
            out.push(zh.to_string());
            out.push(en.to_string());
        }
        for (zh, en, _) in &b.rows {
            out.push(zh.to_string());
            out.push(en.to_string());
        }
    }
    if let Some(t3) = &r.t3 {
        for (_, zh) in &t3.cols {
            out.push(zh.to_string());
        }
        for en in &t3.cols_en {
            out.push(en.to_string());
        }
        for row in &t3.rows {
            match row {
                RowView::Group(g) => out.push(g.to_string()),
                RowView::Row { label_en, .. } => out.push(label_en.to_string()),
            }
        }
    }
    for c in r.all_cells() {
        if let Some(m) = c.mark {
            out.push(m.label(Lang::Zh).to_string());
            out.push(m.label(Lang::En).to_string());
        }
    }
    for i in &r.identity {
        out.push(i.col_zh.clone());
        out.push(i.outcome_zh().to_string());
    }
    for f in &r.findings {
        out.push(f.severity_zh.to_string());
        out.push(f.message.clone());
        out.push(f.message_en.clone());
        for (zh, en) in f.suspect_words.iter().chain(&f.cells_words) {
            out.push(zh.clone());
            out.push(en.clone());
        }
    }
    for (_, zh, en, _) in r.groups() {
        out.push(zh.to_string());
        out.push(en.to_string());
    }
    if let Some(p) = &r.pair {
        let (zh, en) = p.lines();
        out.push(zh);
        out.push(en);
    }
    out
}

/// What the page shows of `v` as the report wrote it: the agency, the 表三 row labels and
/// the cell texts. Each 表三 row label must be a label of the report as read, or the
/// national one for a row not found: never shortened.
fn as_read(v: &PageView, c: &Checked, failures: &mut Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    let PageView::Report(r) = v else {
        return out;
    };
    out.extend(r.agency.clone());
    for row in r.t3.iter().flat_map(|t| &t.rows) {
        if let RowView::Row { label, found, .. } = row {
            let as_read = c.analysis.report.rows.iter().any(|x| x.label == *label);
            if *found && !as_read {
                failures.push(format!("表三 row label “{label}” is not the label as read"));
            }
            out.push(label.clone());
        }
    }
    for cell in r.all_cells() {
        out.push(cell.text.clone());
    }
    out
}

/// The labels a string may name: the national ones and the report's own rows and headings.
fn labels(c: &Checked) -> Vec<String> {
    let mut v: Vec<String> = NATIONAL_LABELS.iter().map(|s| s.to_string()).collect();
    for r in &c.analysis.report.rows {
        v.push(r.label.clone());
    }
    for s in &c.analysis.report.sections {
        v.push(s.heading.clone());
    }
    v
}

fn check(what: &str, strings: &[String], labels: &[String], failures: &mut Vec<String>) -> usize {
    for s in strings {
        for p in problems(s, labels) {
            failures.push(format!("{what}: {p} — {s}"));
        }
    }
    strings.len()
}

/// Views, file entries, pairings and refusals of every input; returns how many strings
/// were checked and the problems found.
fn check_all(inputs: &[Input]) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let mut n = 0;
    let all: Vec<(String, Rc<Checked>)> = inputs
        .iter()
        .map(|i| (name(i), Rc::new(checked(i))))
        .collect();
    for (file, c) in &all {
        let labels = labels(c);
        let entry = FileEntry::read(file, None, (**c).clone());
        let verbatim = as_read(&entry.view, c, &mut failures);
        n += check(file, &verbatim, &[], &mut failures);
        let mut s = strings(&entry.view);
        s.push(entry.summary_zh());
        s.push(entry.source().line_zh);
        s.push(view::kind_zh(c.kind).to_string());
        n += check(file, &s, &labels, &mut failures);
    }
    // Every pair: the refusals, and the paired view where the pair is accepted.
    for (file, this) in &all {
        let labels = labels(this);
        for (last_name, last) in &all {
            let last = LastReport {
                name: last_name.clone(),
                checked: CheckedRef(last.clone()),
                auto: false,
            };
            let what = format!("{file} paired with {last_name}");
            match view::paired(this, &last) {
                Ok((_, v)) => n += check(&what, &strings(&v), &labels, &mut failures),
                Err((zh, en)) => n += check(&what, &[zh, en], &labels, &mut failures),
            }
        }
    }
    (n, failures)
}

#[test]
fn fixture_views_read_as_written_for_people() {
    let (n, failures) = check_all(&fixtures());
    let mut fixed = Vec::new();
    for v in [
        view::too_large(40.0 * 1024.0 * 1024.0),
        view::empty_file(),
        view::read_failed("NotReadableError"),
        view::build(""),
    ] {
        fixed.extend(strings(&v));
    }
    fixed.push(Source::paste(InputKind::Html, true, false).line_zh);
    fixed.push(Source::paste(InputKind::Text, false, true).line_zh);
    fixed.push(view::EMPTY_ZH.to_string());
    fixed.push(view::EMPTY_EN.to_string());
    let mut failures = failures;
    let n = n + check("fixed texts", &fixed, &[], &mut failures);
    assert!(n > 1000, "only {n} strings checked");
    assert!(
        failures.is_empty(),
        "{} problem(s) in what the page shows:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn corpus_views_read_as_written_for_people() {
    let Some(inputs) = corpus() else { return };
    let (n, failures) = check_all(&inputs);
    assert!(n > 1000, "only {n} strings checked");
    assert!(
        failures.is_empty(),
        "{} problem(s) in what the page shows:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
