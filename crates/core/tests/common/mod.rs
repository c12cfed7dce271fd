//! Helpers shared by the integration tests that use the real-report corpus.
#![allow(dead_code)] // each test file uses its own subset

use nianbao_core::{CellKey, CellValue, Report};
use serde_json::Value;
use std::path::PathBuf;

/// `../shared/corpus/raw` beside the repository (where CI has it), or `NIANBAO_CORPUS`.
pub fn corpus_dir() -> PathBuf {
    std::env::var_os("NIANBAO_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/raw")
        })
}

/// A truth-file cell value (`null` = blank, a number, or the placeholder/text as printed)
/// against the cell read.
pub fn same(truth: &Value, got: &CellValue) -> bool {
    match (truth, got) {
        (Value::Null, CellValue::Blank) => true,
        (Value::Number(n), CellValue::Number(g)) => {
            n.as_f64().is_some_and(|f| (f - g.to_f64()).abs() < 1e-9)
        }
        (Value::String(s), CellValue::Placeholder(g) | CellValue::Text(g)) => s == g,
        _ => false,
    }
}

pub mod matching;

/// The cell key of a canonical string (the contract's `T3.R1.C7`).
pub fn key(s: &str) -> CellKey {
    s.parse()
        .unwrap_or_else(|_| panic!("{s} is not a cell key of the formats"))
}

/// The value read under a canonical key given as a string (a truth file's); `None` for a
/// cell not read or a string that is no key.
pub fn value<'a>(report: &'a Report, key: &str) -> Option<&'a CellValue> {
    report.value(key.parse().ok()?)
}

/// The cell read under a canonical key given as a string.
pub fn cell<'a>(report: &'a Report, key: &str) -> Option<&'a nianbao_core::Cell> {
    report.cell(key.parse().ok()?)
}

/// Canonical strings of cell keys.
pub fn key_strings(keys: &[CellKey]) -> Vec<String> {
    keys.iter().map(ToString::to_string).collect()
}

/// Whether this run is CI (`CI` set to anything but empty, `0` or `false`), where a missing
/// corpus is an error instead of a skip.
pub fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
}

/// A corpus path that is not there: a failure under CI (which always has the corpus beside the
/// repository), a printed skip on a developer's clone that lacks it.
pub fn corpus_missing(path: &std::path::Path) {
    assert!(
        !ci(),
        "corpus not found at {} (CI=true: the corpus must be there; set NIANBAO_CORPUS)",
        path.display()
    );
    println!("corpus not found at {}: skipped", path.display());
}
