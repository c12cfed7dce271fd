//! Helpers shared by the integration tests that use the real-report corpus.
#![allow(dead_code)] // each test file uses its own subset

use nianbao_core::CellValue;
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
