//! Property tests: for random consistent tables 3 and 4, changing any single cell makes
//! exactly the identities that contain it fail, and the localiser names that cell
//! (first and alone for table 3; among the tied suspects for table 4).
//!
//! Deterministic: a fixed-seed xorshift generator, so a failure reproduces.

use nianbao_core::format::{t3, t3_rows, t4};
use nianbao_core::{check_text, DetectedFormat, Outcome};
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
    let mut s = String::from(
        "某某市某某局2024年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n",
    );
    s.push_str(
        "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t申请人情况\n",
    );
    for r in t3_rows(DetectedFormat::F2021) {
        let vals: Vec<String> = t3::COLS
            .iter()
            .map(|col| c[&format!("T3.{}.{}", r.key, col.key)].to_string())
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
        .map(|k| c[&k].to_string())
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
