//! Cross-year checks (`check_pair`): a report against last year's report of the same body.

mod common;

use nianbao_core::{check_pair, check_text, Outcome};

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

fn rules(a: &nianbao_core::Analysis) -> Vec<(&'static str, Outcome, Vec<String>)> {
    a.findings
        .iter()
        .map(|f| (f.rule.as_str(), f.outcome, common::key_strings(&f.cells)))
        .collect()
}

#[test]
fn consistent_years_give_nothing_and_changes_are_found() {
    // Last year: 19 in force; this year 19 + 2 made − 6 repealed = 15, as the seed says.
    let last = check_text(
        &SEED
            .replace("2024", "2023")
            .replace("行政规范性文件\t2\t6\t15", "行政规范性文件\t3\t1\t19"),
    );
    let mut this = check_text(SEED);
    assert_eq!(check_pair(&mut this, &last), 0, "{:?}", rules(&this));

    // This year's 上年结转 (自然人) 3 while last year carried forward 0.
    let changed = SEED.replacen(
        "二、上年结转政府信息公开申请数量\t\t0",
        "二、上年结转政府信息公开申请数量\t\t3",
        1,
    );
    let mut this = check_text(&changed);
    check_pair(&mut this, &last);
    let carry: Vec<_> = this
        .findings
        .iter()
        .filter(|f| f.rule == "CARRYOVER-MISMATCH")
        .collect();
    assert_eq!(carry.len(), 1);
    assert_eq!(carry[0].cells, vec!["T3.R2.C1".to_string()]);
    assert_eq!(carry[0].suspect, vec!["T3.R2.C1".to_string()]);
    assert!(carry[0]
        .message(nianbao_core::Lang::Zh)
        .contains("2023年度报告"));

    // 现行有效 15 this year, but last year 20 + 2 made − 6 repealed = 16.
    let last_valid = SEED
        .replace("2024", "2023")
        .replace("行政规范性文件\t2\t6\t15", "行政规范性文件\t1\t0\t20");
    let mut this = check_text(SEED);
    check_pair(&mut this, &check_text(&last_valid));
    let v: Vec<_> = this
        .findings
        .iter()
        .filter(|f| f.rule == "VALID-COUNT-CONTINUITY")
        .collect();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].expected.map(|n| n.to_string()).as_deref(), Some("16"));
}

#[test]
fn a_pair_that_is_not_last_year_is_not_assessable() {
    let mut this = check_text(SEED);
    let other = check_text(SEED); // same year
    check_pair(&mut this, &other);
    // after the seed's own slip (等反面)
    assert_eq!(
        rules(&this),
        vec![
            ("TEXT-TYPO", Outcome::Fail, vec![]),
            ("CARRYOVER-MISMATCH", Outcome::NotAssessable, vec![])
        ]
    );
}

#[test]
fn the_real_hongze_pair_is_consistent() {
    let dir = common::corpus_dir();
    let (Ok(a), Ok(b)) = (
        std::fs::read(dir.join("010_hongze_2023.txt")),
        std::fs::read(dir.join("011_hongze_2024.txt")),
    ) else {
        assert!(std::env::var_os("CI").is_none(), "corpus missing");
        return;
    };
    let last = nianbao_core::check_bytes(&a, None).analysis;
    let mut this = nianbao_core::check_bytes(&b, None).analysis;
    assert_eq!(check_pair(&mut this, &last), 0);
}
