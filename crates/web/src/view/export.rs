//! The CSV export (导出 CSV). The JSON export is the contract itself (`crate::page`).

use std::fmt::Write;

use nianbao_core::{CellValue, Checked};

/// The extracted cells as CSV for the 导出 CSV button: a UTF-8 BOM (so that Excel reads the
/// Chinese correctly), the header `cell,state,value` and one row per cell read, in the
/// report's order (the same cells as the JSON `cells`). `state`: `number` | `blank` |
/// `placeholder` | `text`; `value`: the number or text as printed, empty for a blank.
pub fn cells_csv(checked: &Checked) -> String {
    let mut out = String::from("\u{feff}cell,state,value\r\n");
    for c in &checked.analysis.report.cells {
        let (state, value) = match &c.value {
            CellValue::Number(n) => ("number", n.to_string()),
            CellValue::Blank => ("blank", String::new()),
            CellValue::Placeholder(p) => ("placeholder", p.clone()),
            CellValue::Text(t) => ("text", t.clone()),
        };
        // Text starting with = + - @ would be a formula in a spreadsheet: quote it with '.
        let value = if state != "number" && value.starts_with(['=', '+', '-', '@']) {
            format!("'{value}")
        } else {
            value
        };
        let key = csv_field(&c.key.text());
        let value = csv_field(&value);
        // Writing to a String cannot fail.
        let _ = write!(out, "{key},{state},{value}\r\n");
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
