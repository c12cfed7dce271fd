//! Concatenated cells (`concat.rs`): page text where table cells ran together with no
//! separator. Real reports from the corpus (`../shared/corpus/raw`, `NIANBAO_CORPUS`
//! overrides) against their truth files, and small synthetic pages.

mod common;

use common::{cell, corpus_dir, key, same, value};
use nianbao_core::format::{t2, t3, t4};
use nianbao_core::{check_text, Analysis, CellKey, CellValue, Finding, Lang, Num, Outcome};
use nianbao_core::{Report, RowRead, Table};
use nianbao_core::{RuleId, Severity};
use serde_json::Value;

// ---------------------------------------------------------------------------------------
// Corpus

/// `1个`, `246900元`: a number printed with its unit.
fn number_with_unit(raw: &str) -> bool {
    let digits = raw.trim_end_matches(|c: char| !c.is_ascii_digit());
    !digits.is_empty()
        && digits.len() < raw.len()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn check_corpus_file(name: &str) {
    let dir = corpus_dir();
    let input = dir.join(name);
    let Ok(bytes) = std::fs::read(&input) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "corpus not found at {}",
            dir.display()
        );
        println!("corpus not found at {}: skipped", dir.display());
        return;
    };
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(format!("{name}.truth.json"))).unwrap(),
    )
    .unwrap();
    let a = nianbao_core::check_bytes(&bytes, None).analysis;

    // Every cell of the truth is read, with its value.
    let cells = truth["cells"].as_object().unwrap();
    let wrong: Vec<String> = cells
        .iter()
        .filter(|(k, v)| !value(&a.report, k).is_some_and(|g| same(v, g)))
        .map(|(k, v)| format!("{k}: truth {v}, read {:?}", value(&a.report, k)))
        .collect();
    assert!(wrong.is_empty(), "{name}: cells\n{}", wrong.join("\n"));

    // Ambiguous cells are reported as such and never guessed.
    let ambiguous: Vec<&str> = truth["ambiguous"]
        .as_array()
        .map(|v| v.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for k in &ambiguous {
        assert!(cell(&a.report, k).is_none(), "{name}: {k} was guessed");
        assert!(
            a.findings
                .iter()
                .any(|f| f.rule == RuleId::CellsAmbiguous && f.cells.iter().any(|c| c == k)),
            "{name}: {k} not reported as ambiguous"
        );
    }
    // … and no failed rule involves them.
    for f in &a.findings {
        if f.outcome == Outcome::Fail && f.rule != RuleId::CellsAmbiguous {
            assert!(
                !f.cells.iter().any(|c| ambiguous.iter().any(|k| c == k)),
                "{name}: {} fails on an ambiguous cell",
                f.rule
            );
        }
    }

    // No error the truth does not expect.
    let expected: Vec<String> = truth["expected_findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| {
            let mut v = vec![e["rule"].as_str().unwrap_or("").to_string()];
            if let Some(alts) = e["alternatives"].as_array() {
                v.extend(alts.iter().filter_map(|x| x.as_str().map(str::to_string)));
            }
            v
        })
        .collect();
    let unexpected: Vec<String> = a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && !expected.iter().any(|e| e == f.rule.as_str()))
        // Known, outside the reader: the rules call a count printed with its unit (`1个`,
        // truth: a string, not a finding) CELL-NOT-NUMBER with error severity. Tolerated
        // here only for such cells until the rule treats units as a warning.
        .filter(|f| {
            !(f.rule == RuleId::CellNotNumber
                && f.cells
                    .iter()
                    .all(|&k| a.report.cell(k).is_some_and(|c| number_with_unit(&c.raw))))
        })
        .map(|f| {
            format!(
                "{} {:?}: {}",
                f.rule,
                f.cells,
                f.message(Default::default())
            )
        })
        .collect();
    assert!(
        unexpected.is_empty(),
        "{name}: unexpected errors\n{}",
        unexpected.join("\n")
    );
}

#[test]
fn corpus_003_pingtan_2021() {
    check_corpus_file("003_pingtan_2021.txt");
}

#[test]
fn corpus_004_pingtan_2022() {
    check_corpus_file("004_pingtan_2022.txt");
}

#[test]
fn corpus_014_pingtan_lwtj_2019() {
    check_corpus_file("014_pingtan-lwtj_2019.txt");
}

// ---------------------------------------------------------------------------------------
// Synthetic pages

#[path = "support/concat_page.rs"]
mod concat_page;
use concat_page::page;

const R1: usize = 0;
const R2: usize = 1;
const R3A: usize = 2;
const R3B: usize = 3;
const R3G: usize = 23;

const ZEROS: &str = "0000000";
const T2_PLAIN: [&str; 6] = ["000", "1 2 3", "2293", "1282", "42", "24252.311082"];
const T4_ZEROS: &str = "000000000000000";

fn t3_with(rows: &[(usize, &'static str)]) -> [&'static str; 25] {
    let mut t = [ZEROS; 25];
    for &(i, v) in rows {
        t[i] = v;
    }
    t
}

fn int(a: &Analysis, key: &str) -> i64 {
    match value(&a.report, key) {
        Some(CellValue::Number(n)) if n.is_integer() => n.to_string().parse().unwrap(),
        other => panic!("{key}: {other:?}"),
    }
}

fn row(report: &Report, table: Table, row: nianbao_core::format::RowId) -> Option<&RowRead> {
    report.row(table, row)
}

fn ambiguities(a: &Analysis) -> Vec<&Finding> {
    a.findings
        .iter()
        .filter(|f| f.rule == RuleId::CellsAmbiguous)
        .collect()
}

/// The Chinese message of a finding.
fn zh(f: &Finding) -> &str {
    f.message(Lang::Zh)
}

/// The first name a message quotes (`表三“自然人”列…` → `自然人`).
fn first_quoted(f: &Finding) -> &str {
    let m = zh(f);
    let from = m.find('“').map_or(0, |i| i + '“'.len_utf8());
    &m[from..from + m[from..].find('”').unwrap_or(0)]
}

fn fails(a: &Analysis, rule: RuleId) -> Vec<&Finding> {
    a.findings
        .iter()
        .filter(|f| f.rule == rule && f.outcome == Outcome::Fail)
        .collect()
}

fn no_fail_on(a: &Analysis, keys: &[CellKey]) {
    for f in &a.findings {
        if f.outcome == Outcome::Fail && f.rule != RuleId::CellsAmbiguous {
            assert!(
                !f.cells.iter().any(|c| keys.contains(c)),
                "{} fails on an ambiguous cell: {:?}",
                f.rule,
                f.cells
            );
        }
    }
}

#[test]
fn unique_splits_are_read_with_spans_and_labels() {
    let t3 = t3_with(&[(R1, "640020470"), (R3A, "640020470"), (R3G, "640020470")]);
    let text = page("本局依法公开。", T2_PLAIN, &t3, T4_ZEROS);
    let a = check_text(&text);
    assert_eq!(a.report.format.as_str(), "2021");
    assert!(ambiguities(&a).is_empty(), "{:?}", ambiguities(&a));
    assert_eq!(a.count(Severity::Error), 0, "{:#?}", a.findings);
    for (k, v) in [
        ("T3.R1.C1", 64),
        ("T3.R1.C4", 2),
        ("T3.R1.C6", 4),
        ("T3.R1.C7", 70),
        ("T3.R3c2.C1", 0),
        ("T3.R3g.C7", 70),
        ("T2.reg.valid", 0),
        ("T2.norm.made", 1),
        ("T2.norm.valid", 3),
        ("T2.licensing", 2293),
        ("T4.LR.t", 0),
    ] {
        assert_eq!(int(&a, k), v, "{k}");
    }
    assert_eq!(
        value(&a.report, "T2.fee"),
        Some(&CellValue::Number(Num::parse("24252.311082").unwrap()))
    );
    // Spans point at the digits and at the label as written.
    let c = cell(&a.report, "T3.R1.C7").unwrap();
    let s = c.span.unwrap();
    assert_eq!((&text[s.start..s.end], c.raw.as_str()), ("70", "70"));
    let r = row(&a.report, Table::T3, t3::R3C2).unwrap();
    assert_eq!(r.label, "2.其他法律行政法规禁止公开");
    assert_eq!(&text[r.span.start..r.span.end], r.label);
    let r = row(&a.report, Table::T3, t3::R3A).unwrap();
    assert_eq!(r.label, "（一）予以公开");
    let r = row(&a.report, Table::T2, t2::NORM).unwrap();
    assert_eq!(r.label, "行政规范性文件");
    // 2021 rows: three （六） rows, no single one.
    assert!(
        a.report.row(Table::T3, t3::R3F3).is_some() && a.report.row(Table::T3, t3::R3F).is_none()
    );
}

#[test]
fn a_two_way_split_is_resolved_by_a_column_identity() {
    // 270020130 alone is 27/0/0/2/0/1/30 or 2/7/0/0/20/1/30; 一+二 = （七）+四 with （七）
    // printed with spaces picks the first.
    let t3 = t3_with(&[
        (R1, "270020130"),
        (R3A, "27 0 0 2 0 1 30"),
        (R3G, "27 0 0 2 0 1 30"),
    ]);
    let a = check_text(&page("", T2_PLAIN, &t3, T4_ZEROS));
    assert!(ambiguities(&a).is_empty(), "{:?}", ambiguities(&a));
    let r1: Vec<i64> = (1..=7).map(|c| int(&a, &format!("T3.R1.C{c}"))).collect();
    assert_eq!(r1, [27, 0, 0, 2, 0, 1, 30]);
    assert_eq!(a.count(Severity::Error), 0, "{:#?}", a.findings);
}

#[test]
fn splits_the_identities_cannot_tell_apart_stay_ambiguous() {
    // 予以公开 and 部分公开 both 270020130, total 29/7/0/2/20/2/60: either may be 27/0/0/2/0/1/30.
    let t3 = t3_with(&[
        (R1, "29 7 0 2 20 2 60"),
        (R3A, "270020130"),
        (R3B, "270020130"),
        (R3G, "29 7 0 2 20 2 60"),
    ]);
    let a = check_text(&page("", T2_PLAIN, &t3, T4_ZEROS));
    let amb = ambiguities(&a);
    assert_eq!(amb.len(), 2, "{amb:?}");
    let f = amb[0];
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(first_quoted(f), "（一）予以公开");
    assert!(zh(f).contains("（“270020130”），有2种拆分"), "{}", zh(f));
    assert!(zh(f).contains("27/0/0/2/0/1/30"), "{}", zh(f));
    let keys: Vec<CellKey> = ["C1", "C2", "C4", "C5"]
        .iter()
        .map(|c| key(&format!("T3.R3a.{c}")))
        .collect();
    assert_eq!(f.cells, keys);
    // The cells every reading agrees on are read; the others are absent, never guessed.
    assert_eq!(int(&a, "T3.R3a.C3"), 0);
    assert_eq!(int(&a, "T3.R3a.C6"), 1);
    assert_eq!(int(&a, "T3.R3a.C7"), 30);
    let all: Vec<CellKey> = amb.iter().flat_map(|f| f.cells.clone()).collect();
    for &k in &all {
        assert!(a.report.cell(k).is_none(), "{k} guessed");
    }
    let span = f.span.unwrap();
    let text = page("", T2_PLAIN, &t3, T4_ZEROS);
    assert_eq!(&text[span.start..span.end], "270020130");
    no_fail_on(&a, &all);
    assert_eq!(a.count(Severity::Error), 0, "{:#?}", a.findings);
}

#[test]
fn a_real_identity_error_is_found_when_the_split_is_unique() {
    // 一 = 1 but （七） = 2: the report is wrong, and every row has a single split.
    let t3 = t3_with(&[(R1, "1000001"), (R3A, "2000002"), (R3G, "2000002")]);
    let a = check_text(&page("", T2_PLAIN, &t3, T4_ZEROS));
    assert!(ambiguities(&a).is_empty());
    let f = fails(&a, RuleId::T3Identity);
    assert_eq!(
        f.iter().map(|f| first_quoted(f)).collect::<Vec<_>>(),
        ["自然人", "总计"]
    );
    assert_eq!(f[0].severity, Severity::Error);
}

#[test]
fn with_an_identity_error_only_single_split_rows_are_read() {
    // 一 = 1 but （七） = 27: no combination satisfies the identities, so 部分公开's two
    // splits stay ambiguous (even though （七） = Σ outcomes would pick one); the error is
    // still found on the rows that have a single split.
    let t3 = t3_with(&[
        (R1, "1000001"),
        (R3B, "270020130"),
        (R3G, "27 0 0 2 0 1 30"),
    ]);
    let a = check_text(&page("", T2_PLAIN, &t3, T4_ZEROS));
    let amb = ambiguities(&a);
    assert_eq!(amb.len(), 1, "{amb:?}");
    assert_eq!(amb[0].cells.len(), 7);
    assert!(zh(amb[0]).contains("有2种拆分"), "{}", zh(amb[0]));
    assert!(cell(&a.report, "T3.R3b.C1").is_none());
    assert_eq!(int(&a, "T3.R1.C1"), 1);
    let f = fails(&a, RuleId::T3Identity);
    assert!(f.iter().any(|f| first_quoted(f) == "自然人"), "{f:?}");
    no_fail_on(&a, &amb[0].cells);
}

#[test]
fn a_row_total_error_is_found_when_the_split_is_unique() {
    // 1+0+0+0+0+0 ≠ 2, and seven digits can only be seven cells.
    let t3 = t3_with(&[(R3A, "1000002"), (R1, "2000002"), (R3G, "2000002")]);
    let a = check_text(&page("", T2_PLAIN, &t3, T4_ZEROS));
    assert!(ambiguities(&a).is_empty());
    assert_eq!(int(&a, "T3.R3a.C7"), 2);
    let f = fails(&a, RuleId::T3RowTotal);
    assert_eq!(f.len(), 1, "{f:?}");
}

#[test]
fn table_four_run_is_split_by_the_group_totals() {
    let a = check_text(&page("", T2_PLAIN, &[ZEROS; 25], "10203120001200000"));
    assert!(ambiguities(&a).is_empty(), "{:?}", ambiguities(&a));
    let got: Vec<i64> = ["RV", "LD", "LR"]
        .iter()
        .flat_map(|g| ["m", "c", "o", "p", "t"].map(|c| format!("T4.{g}.{c}")))
        .map(|k| int(&a, &k))
        .collect();
    assert_eq!(got, [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]);
    assert!(fails(&a, RuleId::T4GroupTotal).is_empty());
    assert!(a.report.row(Table::T4, t4::LD).is_some());
}

#[test]
fn table_two_has_no_identities_so_a_long_run_stays_ambiguous() {
    let mut t2 = T2_PLAIN;
    t2[1] = "693665";
    let a = check_text(&page("", t2, &[ZEROS; 25], T4_ZEROS));
    let amb = ambiguities(&a);
    assert_eq!(amb.len(), 1, "{amb:?}");
    assert!(zh(amb[0]).contains("有10种拆分"), "{}", zh(amb[0]));
    assert_eq!(first_quoted(amb[0]), "行政规范性文件");
    assert_eq!(
        amb[0].cells,
        ["T2.norm.made", "T2.norm.repealed", "T2.norm.valid"]
    );
    assert!(cell(&a.report, "T2.norm.valid").is_none());
    // 000 has a single split.
    assert_eq!(int(&a, "T2.reg.made"), 0);
    assert!(a.report.row(Table::T2, t2::NORM).is_some());
    assert_eq!(a.count(Severity::Error), 0, "{:#?}", a.findings);
}

#[test]
fn numbers_stated_in_the_text_settle_a_table_two_row() {
    let mut t2 = T2_PLAIN;
    t2[1] = "8855698";
    let prose = "集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。";
    let a = check_text(&page(prose, t2, &[ZEROS; 25], T4_ZEROS));
    assert!(ambiguities(&a).is_empty(), "{:?}", ambiguities(&a));
    assert_eq!(int(&a, "T2.norm.made"), 88);
    assert_eq!(int(&a, "T2.norm.repealed"), 55);
    assert_eq!(int(&a, "T2.norm.valid"), 698);
    // A number that names no column (主动公开行政规范性文件类信息3件) settles nothing.
    let prose = "主动公开行政规范性文件类信息3件。";
    let a = check_text(&page(prose, t2, &[ZEROS; 25], T4_ZEROS));
    assert_eq!(ambiguities(&a).len(), 1);
}

#[test]
fn a_pathological_run_is_capped_not_enumerated() {
    let long = "1234567891234567891234567891234567891234567";
    let t3 = t3_with(&[(R2, long)]);
    // (its time is the `hostile/concat pathological digit run` benchmark)
    let a = check_text(&page("", T2_PLAIN, &t3, T4_ZEROS));
    let amb = ambiguities(&a);
    assert_eq!(amb.len(), 1, "{amb:?}");
    assert_eq!(amb[0].cells.len(), 7);
    no_fail_on(&a, &amb[0].cells);
}

#[test]
fn a_missing_table_two_caption_is_a_row_missing_warning() {
    let text = page("", T2_PLAIN, &[ZEROS; 25], T4_ZEROS);
    let a = check_text(&text);
    assert!(!a.findings.iter().any(|f| f.rule == RuleId::RowMissing));
    let text = text.replace("第二十条第（六）项信息内容本年处理决定数量", "");
    let a = check_text(&text);
    let f: Vec<&Finding> = a
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::RowMissing)
        .collect();
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        zh(f[0]).ends_with("缺少“第二十条第（六）项”行"),
        "{}",
        zh(f[0])
    );
    assert_eq!(f[0].severity, Severity::Warning);
    // The rows under it are still read.
    assert_eq!(int(&a, "T2.penalty"), 1282);
    assert_eq!(int(&a, "T2.coercion"), 42);
}
