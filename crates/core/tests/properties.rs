//! Property tests: for random consistent tables 3 and 4, changing any single cell makes
//! exactly the identities that contain it fail, and the localiser names that cell
//! (first and alone for table 3; among the tied suspects for table 4); with random cells left
//! blank, a single changed count is still reported (an error or a failing warning) and
//! localised; a whole row of numbers moved to the next row is localised to those rows.
//!
//! Deterministic: a fixed-seed xorshift generator, so a failure reproduces.

use nianbao_core::format::{t3, t3_rows, t4};
use nianbao_core::{check_text, Analysis, CellValue, DetectedFormat, Outcome, Severity};
use std::collections::{BTreeMap, BTreeSet};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn small(&mut self) -> i64 {
        // Mostly zeros, like real reports.
        match self.next() % 10 {
            0..=5 => 0,
            6..=8 => (self.next() % 10) as i64,
            _ => (self.next() % 300) as i64,
        }
    }
}

type Cells = BTreeMap<String, i64>;

fn consistent(rng: &mut Rng) -> Cells {
    let mut c = Cells::new();
    let rows = t3_rows(DetectedFormat::F2021);
    let outcomes: Vec<&str> = rows
        .iter()
        .map(|r| r.key)
        .filter(|k| k.starts_with("R3") && *k != "R3g")
        .collect();
    for col in &t3::COLS[..6] {
        let mut total = 0;
        for r in &outcomes {
            let v = rng.small();
            total += v;
            c.insert(format!("T3.{r}.{}", col.key), v);
        }
        c.insert(format!("T3.R3g.{}", col.key), total);
        let r4 = rng.small();
        let r2 = (rng.next() % (total + r4 + 1) as u64) as i64;
        c.insert(format!("T3.R4.{}", col.key), r4);
        c.insert(format!("T3.R2.{}", col.key), r2);
        c.insert(format!("T3.R1.{}", col.key), total + r4 - r2);
    }
    for r in rows.iter().map(|r| r.key) {
        let s: i64 = t3::COLS[..6]
            .iter()
            .map(|col| c[&format!("T3.{r}.{}", col.key)])
            .sum();
        c.insert(format!("T3.{r}.C7"), s);
    }
    for g in t4::ROWS {
        let mut t = 0;
        for col in &t4::COLS[..4] {
            let v = rng.small();
            t += v;
            c.insert(format!("T4.{}.{}", g.key, col.key), v);
        }
        c.insert(format!("T4.{}.t", g.key), t);
    }
    c
}

/// Renders the tables the way Word copies them (tab-separated, merged cells flattened).
fn render(c: &Cells) -> String {
    render_with_blanks(c, &BTreeSet::new())
}

/// The same, with the cells of `blank` left empty.
fn render_with_blanks(c: &Cells, blank: &BTreeSet<String>) -> String {
    let v = |k: &str| {
        if blank.contains(k) {
            String::new()
        } else {
            c[k].to_string()
        }
    };
    let mut s = String::from(
        "某某市某某局2024年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n",
    );
    s.push_str(
        "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t申请人情况\n",
    );
    for r in t3_rows(DetectedFormat::F2021) {
        let vals: Vec<String> = t3::COLS
            .iter()
            .map(|col| v(&format!("T3.{}.{}", r.key, col.key)))
            .collect();
        s.push_str(&format!("{}\t\t{}\t\n", r.label_zh, vals.join("\t")));
    }
    s.push_str("\n四、政府信息公开行政复议、行政诉讼情况\n\n行政复议\t\t\t\t\t行政诉讼\n");
    let vals: Vec<String> = t4::ROWS
        .iter()
        .flat_map(|g| {
            t4::COLS
                .iter()
                .map(move |col| format!("T4.{}.{}", g.key, col.key))
        })
        .map(|k| v(&k))
        .collect();
    s.push_str(&vals.join("\t"));
    s.push('\n');
    s
}

type Failures = BTreeSet<(String, String)>;
type Suspects = Vec<(String, Vec<String>)>;

fn arithmetic_failures(text: &str) -> (Failures, Suspects) {
    let a = check_text(text);
    let fails: BTreeSet<(String, String)> = a
        .evaluations
        .iter()
        .filter(|e| e.outcome == Outcome::Fail)
        .map(|e| (e.rule.to_string(), e.instance.to_string()))
        .collect();
    assert!(
        a.evaluations
            .iter()
            .all(|e| e.outcome != Outcome::NotAssessable),
        "all cells are numbers"
    );
    let suspects = a
        .findings
        .iter()
        .filter(|f| f.outcome == Outcome::Fail && !f.suspect.is_empty())
        .map(|f| {
            let suspect = f.suspect.iter().map(ToString::to_string).collect();
            (f.rule.to_string(), suspect)
        })
        .collect();
    (fails, suspects)
}

/// The identities a cell takes part in, as (rule, instance).
fn identities_of(key: &str) -> BTreeSet<(String, String)> {
    let p: Vec<&str> = key.split('.').collect();
    let mut s = BTreeSet::new();
    if p[0] == "T4" {
        s.insert(("T4-GROUP-TOTAL".to_string(), p[1].to_string()));
        return s;
    }
    let (row, col) = (p[1], p[2]);
    s.insert(("T3-ROW-TOTAL".to_string(), row.to_string()));
    if ["R1", "R2", "R3g", "R4"].contains(&row) {
        s.insert(("T3-IDENTITY".to_string(), col.to_string()));
    }
    if row.starts_with("R3") {
        s.insert(("T3-RESULTS-TOTAL".to_string(), col.to_string()));
    }
    s
}

#[test]
fn single_cell_changes_are_detected_and_localised() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut checked = 0;
    for round in 0..6 {
        let cells = consistent(&mut rng);
        let (fails, _) = arithmetic_failures(&render(&cells));
        assert!(
            fails.is_empty(),
            "round {round}: a consistent table must pass, got {fails:?}"
        );
        for key in cells.keys() {
            let mut changed = cells.clone();
            let old = changed[key];
            let delta = if old > 0 && rng.next() & 1 == 0 {
                -((rng.next() % old as u64) as i64 + 1)
            } else {
                (rng.next() % 9) as i64 + 1
            };
            changed.insert(key.clone(), old + delta);
            let (fails, suspects) = arithmetic_failures(&render(&changed));
            assert_eq!(
                fails,
                identities_of(key),
                "round {round}: changing {key} by {delta}"
            );
            assert!(!suspects.is_empty(), "{key}: no suspect named");
            for (rule, s) in &suspects {
                if key.starts_with("T3") {
                    assert_eq!(s, &vec![key.clone()], "{key}: {rule} suspects {s:?}");
                } else {
                    assert!(s.contains(key), "{key}: {rule} suspects {s:?}");
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 6 * (25 * 7 + 15));
}

const ARITHMETIC: &[&str] = &[
    "T3-IDENTITY",
    "T3-RESULTS-TOTAL",
    "T3-ROW-TOTAL",
    "T4-GROUP-TOTAL",
];

/// The totals whose parts include `key` (a 总计 of 表三's row or 表四's group, or （七）总计).
fn totals_of(key: &str) -> Vec<String> {
    let p: Vec<&str> = key.split('.').collect();
    match p[0] {
        "T4" if p[2] != "t" => vec![format!("T4.{}.t", p[1])],
        "T3" => {
            let mut v = Vec::new();
            if p[2] != "C7" {
                v.push(format!("T3.{}.C7", p[1]));
            }
            if p[1].starts_with("R3") && p[1] != "R3g" {
                v.push(format!("T3.R3g.{}", p[2]));
            }
            v
        }
        _ => Vec::new(),
    }
}

/// How a changed cell shows: an arithmetic error or failing warning names it, with the cell
/// among the best explanations (`Some(true)`; `Some(false)`: named but not localised), or
/// only a blank total of it is reported as a CELL-BLANK error, that cause's one finding
/// (`None`).
fn shows(a: &Analysis, key: &str) -> Option<bool> {
    let key: nianbao_core::CellKey = key.parse().unwrap();
    let naming: Vec<_> = a
        .findings
        .iter()
        .filter(|f| ARITHMETIC.contains(&f.rule.as_str()))
        .filter(|f| f.outcome == Outcome::Fail && f.severity <= Severity::Warning)
        .filter(|f| f.cells.contains(&key))
        .collect();
    if naming.is_empty() {
        return None;
    }
    Some(
        naming
            .iter()
            .any(|f| f.explanations.iter().any(|e| e.cells.contains(&key))),
    )
}

#[test]
fn a_changed_count_among_blanks_is_reported_and_localised() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let (mut localised, mut by_blank_total) = (0, 0);
    for round in 0..6 {
        let cells = consistent(&mut rng);
        // Blanks where the count is 0, as real reports leave them (a blank is an unknown
        // count: one standing for a count that is not 0 could hide any change of the same
        // size, and no check can see through that).
        let blank: BTreeSet<String> = cells
            .iter()
            .filter(|(_, &v)| v == 0 && rng.next().is_multiple_of(3))
            .map(|(k, _)| k.clone())
            .collect();
        let text = render_with_blanks(&cells, &blank);
        let a = check_text(&text);
        for k in &blank {
            let key = k.parse().unwrap();
            assert_eq!(
                a.report.value(key),
                Some(&CellValue::Blank),
                "{k}: read as blank"
            );
        }
        assert!(
            a.findings
                .iter()
                .all(|f| !ARITHMETIC.contains(&f.rule.as_str()) || f.outcome != Outcome::Fail),
            "round {round}: blanks standing for 0 fail no identity"
        );
        for key in cells.keys().filter(|k| !blank.contains(*k)) {
            let mut changed = cells.clone();
            let old = changed[key];
            let delta = if old > 0 && rng.next() & 1 == 0 {
                -((rng.next() % old as u64) as i64 + 1)
            } else {
                (rng.next() % 9) as i64 + 1
            };
            changed.insert(key.clone(), old + delta);
            let a = check_text(&render_with_blanks(&changed, &blank));
            match shows(&a, key) {
                Some(true) => localised += 1,
                Some(false) => panic!("round {round}: {key} changed by {delta}: not localised"),
                None => {
                    // Every identity of the cell is one only a blank total could balance.
                    let totals = totals_of(key);
                    let reported = a.findings.iter().any(|f| {
                        f.rule.as_str() == "CELL-BLANK"
                            && f.severity == Severity::Error
                            && f.cells.iter().any(|c| totals.contains(&c.to_string()))
                    });
                    assert!(
                        reported,
                        "round {round}: {key} changed by {delta}: nothing reported"
                    );
                    by_blank_total += 1;
                }
            }
        }
    }
    println!("{localised} localised, {by_blank_total} reported as a blank total");
    assert!(
        localised > 10 * by_blank_total,
        "{localised} localised, {by_blank_total} reported as a blank total"
    );
}

#[test]
fn a_row_moved_to_the_next_row_is_localised_to_those_rows() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let rows: Vec<&str> = t3_rows(DetectedFormat::F2021)
        .iter()
        .map(|r| r.key)
        .collect();
    let (mut moved, mut unseen) = (0, 0);
    for round in 0..4 {
        let cells = consistent(&mut rng);
        for pair in rows.windows(2) {
            let (from, to) = (pair[0], pair[1]);
            let at = |r: &str, c: &str| format!("T3.{r}.{c}");
            if t3::COLS.iter().all(|c| cells[&at(from, c.key)] == 0) {
                continue;
            }
            // The numbers of `from` entered under `to`; `from` left 0.
            let mut shifted = cells.clone();
            for c in t3::COLS {
                shifted.insert(at(to, c.key), cells[&at(from, c.key)]);
                shifted.insert(at(from, c.key), 0);
            }
            let a = check_text(&render(&shifted));
            let failing: Vec<_> = a
                .findings
                .iter()
                .filter(|f| ARITHMETIC.contains(&f.rule.as_str()) && f.outcome == Outcome::Fail)
                .collect();
            if failing.is_empty() {
                // What `to` held was all 0 and both rows sit in the same sums: no check can
                // see the move.
                unseen += 1;
                continue;
            }
            let in_rows = |k: &nianbao_core::CellKey| {
                let r = k.to_string();
                r.starts_with(&format!("T3.{from}.")) || r.starts_with(&format!("T3.{to}."))
            };
            for f in &failing {
                assert!(
                    f.explanations
                        .iter()
                        .any(|e| !e.cells.is_empty() && e.cells.iter().all(in_rows)),
                    "round {round}: {from} moved to {to}: {} {} explained by {:?}",
                    f.rule,
                    f.message(nianbao_core::Lang::En),
                    f.explanations
                        .iter()
                        .map(|e| e.words(nianbao_core::Lang::En))
                        .collect::<Vec<_>>()
                );
            }
            moved += 1;
        }
    }
    println!("{moved} moves localised, {unseen} unseen");
    assert!(
        moved > 5 * unseen,
        "{moved} moves localised, {unseen} unseen"
    );
}
