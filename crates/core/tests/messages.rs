//! Every finding message users can read, in both languages, on every fixture and every real
//! report of the corpus (and the corpus's cross-year pairs): no unfilled `{placeholder}`, no
//! internal cell key, no label cut without an ellipsis; and every finding's severity is one
//! its rule's catalogue entry lists (what `nianbao rules` and `explain` say). The checks are in `human_text/`,
//! shared with the page's view-model test (`crates/web/tests/human.rs`).

mod human_text;

use human_text::{corpus, fixtures, problems, Input, NATIONAL_LABELS};
use nianbao_core::{check_bytes, check_pair, check_text, Analysis, Lang, ReadStatus};

/// The labels a message may name: the national ones and the report's own rows and headings.
fn labels(a: &Analysis) -> Vec<String> {
    let mut v: Vec<String> = NATIONAL_LABELS.iter().map(|s| s.to_string()).collect();
    for r in &a.report.rows {
        v.push(r.label.clone());
    }
    for s in &a.report.sections {
        v.push(s.heading.clone());
    }
    v
}

fn analyse(input: &Input) -> Analysis {
    match input {
        Input::Case(_, text) => check_text(text),
        Input::File(path) => {
            let bytes = std::fs::read(path).unwrap();
            check_bytes(&bytes, path.file_name().and_then(|n| n.to_str())).analysis
        }
    }
}

/// The problems of every message of `a`, each as `rule [lang]: problem — message`.
fn message_problems(a: &Analysis) -> Vec<String> {
    let labels = labels(a);
    let mut out = Vec::new();
    if let ReadStatus::Unreadable { zh, en } = &a.report.status {
        for (lang, s) in [("zh", zh), ("en", en)] {
            for p in problems(s, &labels) {
                out.push(format!("unreadable [{lang}]: {p} — {s}"));
            }
        }
    }
    for f in &a.findings {
        if !f.rule.meta().severities().any(|s| s == f.severity) {
            let listed = f.rule.meta().severity_short(Lang::En);
            out.push(format!(
                "{}: severity {:?} is not among {listed}",
                f.rule, f.severity
            ));
        }
        for lang in [Lang::Zh, Lang::En] {
            let m = f.message(lang);
            for p in problems(m, &labels) {
                out.push(format!("{} [{lang:?}]: {p} — {m}", f.rule));
            }
        }
    }
    out
}

fn check_all(inputs: &[Input]) -> (usize, Vec<String>) {
    let mut messages = 0;
    let mut failures = Vec::new();
    let mut analyses = Vec::new();
    for input in inputs {
        let a = analyse(input);
        messages += 2 * a.findings.len();
        for p in message_problems(&a) {
            failures.push(format!("{}: {p}", input.path().display()));
        }
        analyses.push(a);
    }
    // Cross-year pairs: consecutive years of one body among the inputs.
    for (i, this) in analyses.iter().enumerate() {
        for last in &analyses {
            let (Some(a), Some(y)) = (&this.report.agency, this.report.year) else {
                continue;
            };
            if last.report.agency.as_ref() != Some(a) || last.report.year != Some(y - 1) {
                continue;
            }
            let mut paired = this.clone();
            let before = paired.findings.len();
            check_pair(&mut paired, last);
            paired.findings.drain(..before);
            messages += 2 * paired.findings.len();
            for p in message_problems(&paired) {
                failures.push(format!("{} (paired): {p}", inputs[i].path().display()));
            }
        }
    }
    (messages, failures)
}

#[test]
fn fixture_messages_read_as_written_for_people() {
    let (messages, failures) = check_all(&fixtures());
    assert!(messages > 50, "only {messages} messages checked");
    assert!(
        failures.is_empty(),
        "{} problem(s) in what users read:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn corpus_messages_read_as_written_for_people() {
    let Some(inputs) = corpus() else { return };
    let (messages, failures) = check_all(&inputs);
    assert!(messages > 100, "only {messages} messages checked");
    assert!(
        failures.is_empty(),
        "{} problem(s) in what users read:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
