//! Fixture tests: each `tests/fixtures/cases/*.txt` file is a report followed by its
//! expected result, written beside the input:
//!
//! ```text
//! …report text…
//! ==== expect ====
//! format: 2021
//! year: 2024
//! agency: 洛阳市科学技术局
//! cell T3.R1.C1 = 5          (a number; `blank`, or "/" for a placeholder/text)
//! finding T3-IDENTITY error fail cells=T3.R1.C1,T3.R2.C1 suspect=T3.R1.C1
//! ```
//!
//! Every finding the core produces must be listed, and every listed finding must be
//! produced (`cells=` and `suspect=` are compared when given). Run with
//! `UPDATE_FIXTURES=1` to print the actual findings in this syntax.

use nianbao_core::{check_text, CellValue};
use std::path::PathBuf;

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/cases")
}

fn render_value(v: &CellValue) -> String {
    match v {
        CellValue::Number(n) => n.to_string(),
        CellValue::Blank => "blank".into(),
        CellValue::Placeholder(s) | CellValue::Text(s) => format!("\"{s}\""),
    }
}

#[test]
fn fixtures() {
    let mut files: Vec<_> = std::fs::read_dir(cases_dir())
        .expect("tests/fixtures/cases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 10,
        "expected the fixture suite, found {} files",
        files.len()
    );
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let all = std::fs::read_to_string(path).unwrap();
        let Some((input, expect)) = all.split_once("==== expect ====\n") else {
            failures.push(format!("{name}: no '==== expect ====' block"));
            continue;
        };
        let a = check_text(input);
        let mut problems = Vec::new();
        let mut expected_findings = Vec::new();
        for line in expect
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (kind, rest) = line.split_once(' ').unwrap_or((line, ""));
            match kind.trim_end_matches(':') {
                "format" => {
                    if a.report.format.as_str() != rest.trim() {
                        problems.push(format!(
                            "format: expected {rest}, got {}",
                            a.report.format.as_str()
                        ));
                    }
                }
                "year" => {
                    let got = a.report.year.map_or("none".into(), |y| y.to_string());
                    if got != rest.trim() {
                        problems.push(format!("year: expected {rest}, got {got}"));
                    }
                }
                "agency" => {
                    let got = a.report.agency.clone().unwrap_or_else(|| "none".into());
                    if got != rest.trim() {
                        problems.push(format!("agency: expected {rest}, got {got}"));
                    }
                }
                "verdict" => {
                    if a.verdict().as_str() != rest.trim() {
                        problems.push(format!(
                            "verdict: expected {rest}, got {}",
                            a.verdict().as_str()
                        ));
                    }
                }
                "cells" => {
                    let n: usize = rest.trim().parse().unwrap();
                    if a.report.cells.len() != n {
                        problems.push(format!(
                            "cells: expected {n} cells read, got {}",
                            a.report.cells.len()
                        ));
                    }
                }
                "cell" => {
                    let (key, val) = rest.split_once(" = ").expect("cell KEY = VALUE");
                    let got = a
                        .report
                        .value(key.trim())
                        .map_or("absent".into(), render_value);
                    if got != val.trim() {
                        problems.push(format!("cell {key}: expected {val}, got {got}"));
                    }
                }
                "finding" => expected_findings.push(rest.to_string()),
                other => problems.push(format!("unknown expectation '{other}'")),
            }
        }
        let actual: Vec<String> = a
            .findings
            .iter()
            .map(|f| {
                let mut s = format!("{} {} {}", f.rule, f.severity.as_str(), f.outcome.as_str());
                if !f.cells.is_empty() {
                    s.push_str(&format!(" cells={}", f.cells.join(",")));
                }
                if !f.suspect.is_empty() {
                    s.push_str(&format!(" suspect={}", f.suspect.join(",")));
                }
                s
            })
            .collect();
        let mut unmatched: Vec<bool> = vec![true; actual.len()];
        for exp in &expected_findings {
            let want: Vec<&str> = exp.split_whitespace().collect();
            let hit = actual.iter().enumerate().position(|(i, act)| {
                unmatched[i] && {
                    let got: Vec<&str> = act.split_whitespace().collect();
                    got.len() >= 3
                        && got[..3] == want[..3.min(want.len())]
                        && want[3..].iter().all(|w| {
                            got.contains(w)
                                || (w.starts_with("cells=")
                                    && !got.iter().any(|g| g.starts_with("cells="))
                                    && *w == "cells=")
                        })
                }
            });
            match hit {
                Some(i) => unmatched[i] = false,
                None => problems.push(format!("expected finding not produced: {exp}")),
            }
        }
        for (i, act) in actual.iter().enumerate() {
            if unmatched[i] {
                problems.push(format!("unexpected finding: {act}"));
            }
        }
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            println!("--- {name}");
            for act in &actual {
                println!("finding {act}");
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{name}:\n  {}", problems.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{} fixtures passed", files.len());
}
