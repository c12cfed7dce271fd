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

/// What a reader left out (past its caps: pages, a page's drawing, ruled grids, cells) is a
/// READ-INCOMPLETE warning each, before every other finding, in words users read.
#[test]
fn parts_left_out_by_a_reader_are_told_first() {
    use nianbao_core::readers::{plain, Kind};
    use nianbao_core::{check_read, Omission, RuleId, Severity};
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seed.txt"),
    )
    .unwrap();
    let mut doc = plain::read(&seed);
    let before = check_read(Ok((Kind::Pdf, doc.clone()))).analysis.findings;
    assert!(before.iter().all(|f| f.rule != RuleId::ReadIncomplete));
    doc.omitted = vec![
        Omission::Pages { read: 1000 },
        Omission::PagePart { page: 7 },
        Omission::Rulings { tables: 3 },
        Omission::Cells,
    ];
    let a = check_read(Ok((Kind::Pdf, doc))).analysis;
    let told: Vec<(&str, &str)> = a.findings[..4]
        .iter()
        .map(|f| {
            assert_eq!(
                (f.rule, f.severity),
                (RuleId::ReadIncomplete, Severity::Warning)
            );
            (f.message(Lang::Zh), f.message(Lang::En))
        })
        .collect();
    assert_eq!(
        told,
        [
            (
                "文件只读取了前1000页：页数、文字或数据量超过了读取上限，之后的页面没有读取，也没有校验",
                "Only the first 1000 page(s) of the file were read: past the reader's caps on pages, text or data, the pages after them were neither read nor checked",
            ),
            (
                "第7页只读取了一部分：该页的绘制指令、文字或表格线超过了单页的读取上限，超出的部分没有读取",
                "Page 7 was read only in part: past one page's caps on drawing operations, text or ruling lines, the rest was not read",
            ),
            (
                "有3个带框线的表格超过了读取上限，按没有框线的文字读取，其单元格可能没有读准",
                "3 ruled table(s) past the reader's budget were read as lines of text without their rulings, so their cells may not be read right",
            ),
            (
                "有表格单元格或段落超过了读取上限（表格过宽或内容过多），没有读取，也没有校验",
                "Table cells or paragraphs past the reader's caps (a table too wide, or too much content) were neither read nor checked",
            ),
        ]
    );
    // The rest is what the report gives without them.
    let rest: Vec<RuleId> = a.findings[4..].iter().map(|f| f.rule).collect();
    assert_eq!(rest, before.iter().map(|f| f.rule).collect::<Vec<_>>());
    assert_eq!(message_problems(&a), Vec::<String>::new());
}

/// A shell that could not run the check says so first (CHECK-INCOMPLETE: the page's full-check
/// module, which holds the rules, could not be loaded), and an unreadable input gets no such
/// finding (it has no result to qualify).
#[test]
fn a_check_a_shell_could_not_finish_is_told_first() {
    use nianbao_core::{check_incomplete, check_str, RuleId, Severity};
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seed.txt"),
    )
    .unwrap();
    let mut a = check_str(&seed).analysis;
    let before = a.findings.len();
    check_incomplete(&mut a, "网络错误", "network error");
    assert_eq!(a.findings.len(), before + 1);
    let f = &a.findings[0];
    assert_eq!(
        (f.rule, f.severity),
        (RuleId::CheckIncomplete, Severity::Warning)
    );
    assert_eq!(
        (f.message(Lang::Zh), f.message(Lang::En)),
        (
            "没有校验：检查模块未能加载（网络错误），报告只读取和显示了，表格的数字和文字都没有检查",
            "Not checked: the checking module could not be loaded (network error), so the report was read and shown, but neither its tables nor its prose were checked",
        )
    );
    let mut unreadable = check_str("").analysis;
    check_incomplete(&mut unreadable, "网络错误", "network error");
    assert!(unreadable.findings.is_empty());
}
