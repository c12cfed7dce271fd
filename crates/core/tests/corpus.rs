//! Regression tests on real published reports (`../shared/corpus/raw`, with hand-checked
//! truth files). Prints a per-file table of cells read correctly and findings
//! expected / found / unexpected, and fails when a file falls below its recorded
//! baseline in `tests/corpus-baseline.txt` (a ratchet: raise it as the readers improve,
//! never lower it).
//!
//! The corpus lives outside the repository (`NIANBAO_CORPUS` overrides its path).

use nianbao_core::{CellValue, Severity};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    std::env::var_os("NIANBAO_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/raw")
        })
}

fn same(truth: &Value, got: &CellValue) -> bool {
    match (truth, got) {
        (Value::Null, CellValue::Blank) => true,
        (Value::Number(n), CellValue::Number(g)) => {
            n.as_f64().is_some_and(|f| (f - g.to_f64()).abs() < 1e-9)
        }
        (Value::String(s), CellValue::Placeholder(g) | CellValue::Text(g)) => s == g,
        _ => false,
    }
}

struct Row {
    file: String,
    format_ok: bool,
    cells_ok: usize,
    cells_total: usize,
    expected: usize,
    found: usize,
    unexpected: usize,
}

#[test]
fn corpus_regression() {
    let dir = corpus_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        // CI always has the corpus beside the repository; a developer clone may not.
        assert!(
            std::env::var_os("CI").is_none(),
            "corpus not found at {}",
            dir.display()
        );
        println!("corpus not found at {}: skipped", dir.display());
        return;
    };
    let baseline_text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus-baseline.txt"),
    )
    .unwrap();
    let baseline: BTreeMap<String, (bool, usize, usize)> = baseline_text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let p: Vec<&str> = l.split_whitespace().collect();
            (
                p[0].to_string(),
                (
                    p[1] == "format-ok",
                    p[2].parse().unwrap(),
                    p[3].parse().unwrap(),
                ),
            )
        })
        .collect();
    let mut truths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".truth.json"))
        .collect();
    truths.sort();
    let mut rows = Vec::new();
    for t in &truths {
        let truth: Value = serde_json::from_str(&std::fs::read_to_string(t).unwrap()).unwrap();
        let input_path = PathBuf::from(t.to_string_lossy().trim_end_matches(".truth.json"));
        let bytes = std::fs::read(&input_path).unwrap();
        let checked = nianbao_core::check_bytes(&bytes, None);
        let a = &checked.analysis;
        let cells = truth["cells"].as_object().cloned().unwrap_or_default();
        let cells_ok = cells
            .iter()
            .filter(|(k, v)| a.report.value(k).is_some_and(|g| same(v, g)))
            .count();
        let expected: Vec<&Value> = truth["expected_findings"]
            .as_array()
            .map(|v| v.iter().collect())
            .unwrap_or_default();
        let ids_ok = |f: &Value| -> Vec<String> {
            let mut v = vec![f["rule"].as_str().unwrap_or("").to_string()];
            if let Some(alts) = f["alternatives"].as_array() {
                v.extend(alts.iter().filter_map(|x| x.as_str().map(str::to_string)));
            }
            v
        };
        let found = expected
            .iter()
            .filter(|e| {
                a.findings
                    .iter()
                    .any(|f| ids_ok(e).iter().any(|id| id == f.rule))
            })
            .count();
        let unexpected = a
            .findings
            .iter()
            .filter(|f| {
                f.severity == Severity::Error
                    && !expected
                        .iter()
                        .any(|e| ids_ok(e).iter().any(|id| id == f.rule))
            })
            .count();
        rows.push(Row {
            file: input_path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string(),
            format_ok: truth["format"].as_str() == Some(a.report.format.as_str()),
            cells_ok,
            cells_total: cells.len(),
            expected: expected.len(),
            found,
            unexpected,
        });
    }
    println!(
        "{:<30} {:>7} {:>13} {:>9} {:>6} {:>11}",
        "file", "format", "cells", "expected", "found", "unexpected"
    );
    let mut failures = Vec::new();
    for r in &rows {
        println!(
            "{:<30} {:>7} {:>6}/{:<6} {:>9} {:>6} {:>11}",
            r.file,
            if r.format_ok { "ok" } else { "WRONG" },
            r.cells_ok,
            r.cells_total,
            r.expected,
            r.found,
            r.unexpected
        );
        match baseline.get(&r.file) {
            Some(&(fmt, cells, found)) => {
                if (fmt && !r.format_ok) || r.cells_ok < cells || r.found < found {
                    failures.push(format!(
                        "{}: below baseline (format-ok {fmt}, cells {cells}, found {found})",
                        r.file
                    ));
                }
            }
            None => failures.push(format!(
                "{}: no baseline line in tests/corpus-baseline.txt",
                r.file
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
