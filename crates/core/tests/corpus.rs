//! Regression tests on real published reports (`../shared/corpus/raw`, with hand-checked
//! truth files). Prints a per-file table of cells read correctly and findings
//! expected / found / unexpected, and fails when a file falls below its recorded
//! baseline in `tests/corpus-baseline.txt` (a ratchet: raise it as the readers improve,
//! never lower it).
//!
//! The corpus lives outside the repository (`NIANBAO_CORPUS` overrides its path).

mod common;

use common::{corpus_dir, same};
use nianbao_core::Severity;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Occurrences of `quote` in `text`, allowing whitespace (line breaks of PDF text) between
/// its characters. Returns byte ranges in `text`.
fn find_loose(text: &str, quote: &str) -> Vec<(usize, usize)> {
    let q: Vec<char> = quote.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    let Some(&first) = q.first() else { return out };
    for (start, _) in text.match_indices(first) {
        let mut k = 0;
        for (i, c) in text[start..].char_indices() {
            if c.is_whitespace() {
                continue;
            }
            if c != q[k] {
                break;
            }
            k += 1;
            if k == q.len() {
                out.push((start, start + i + c.len_utf8()));
                break;
            }
        }
    }
    out
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
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#') && !l.starts_with("peer/"))
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
        // A finding matches an expected one by rule id (or an accepted alternative); where the
        // truth quotes the text, the finding's span must also fall on that text.
        let matches = |e: &Value, f: &nianbao_core::Finding| -> bool {
            if !ids_ok(e).iter().any(|id| id == f.rule) {
                return false;
            }
            let Some(quote) = e["text"].as_str() else {
                return true;
            };
            // "A…B…C" quotes elide text: the finding must fall on the first quoted part.
            let quote = quote.split('…').next().unwrap_or(quote);
            let Some(span) = f.span else { return false };
            find_loose(&checked.text, quote)
                .iter()
                .any(|&(i, j)| span.start < j && i < span.end)
        };
        let found = expected
            .iter()
            .filter(|e| a.findings.iter().any(|f| matches(e, f)))
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

#[test]
fn peer_corpus_regression() {
    let dir = corpus_dir().join("../peer");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "peer corpus not found at {}",
            dir.display()
        );
        return;
    };
    let baseline_text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus-baseline.txt"),
    )
    .unwrap();
    let mut folders: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("expected.json").exists())
        .collect();
    folders.sort();
    println!("{:<34} {:>13} {:>7}", "peer report", "cells", "errors");
    let mut failures = Vec::new();
    for f in folders {
        let e: Value =
            serde_json::from_str(&std::fs::read_to_string(f.join("expected.json")).unwrap())
                .unwrap();
        if !e["ground_truth"].is_object() {
            continue;
        }
        let Some(input) = [
            "report.pymupdf.txt",
            "report.txt",
            "report.html",
            "source.md",
        ]
        .iter()
        .map(|n| f.join(n))
        .find(|p| p.exists()) else {
            continue;
        };
        let truth = peer_cells(&e["ground_truth"]);
        let checked = nianbao_core::check_bytes(&std::fs::read(&input).unwrap(), None);
        let a = &checked.analysis;
        let ok = truth
            .iter()
            .filter(|(k, v)| a.report.value(k).is_some_and(|g| same(v, g)))
            .count();
        let errors = a
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let name = format!("peer/{}", f.file_name().unwrap().to_string_lossy());
        println!("{:<34} {:>6}/{:<6} {:>7}", name, ok, truth.len(), errors);
        let min: Option<usize> = baseline_text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name.as_str()))
            .and_then(|l| l.split_whitespace().nth(2))
            .and_then(|n| n.parse().ok());
        match min {
            Some(m) if ok < m => failures.push(format!("{name}: {ok} cells correct, baseline {m}")),
            Some(_) => {}
            None => failures.push(format!(
                "{name}: no baseline line in tests/corpus-baseline.txt"
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
