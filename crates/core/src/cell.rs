//! What the text of one table cell means: a number, a placeholder, a blank or text.
//!
//! A leaf of the data floor, shared by the readers (which need to tell value cells from
//! label cells to lay merged cells on their header's columns) and the report builder (which
//! reads every cell's state). Never repairs: `12件` is text, not 12.

use crate::model::CellValue;
use crate::num::Num;
use crate::text::{digit_value, fold, trim_wide};

/// Placeholder texts (after folding) that stand for "nothing to report" without being 0.
#[rustfmt::skip]
const PLACEHOLDERS: &[&str] = &[
    "/", "//", "\\", "-", "--", "---", "----", "无", "N/A", "n/a", "NA", "na", "不适用", "空",
    "暂无", "未统计", "×", "x", "X", "*",
];

/// The state of a cell from its text.
pub fn classify(raw: &str) -> CellValue {
    if !raw.is_empty() && raw.len() <= 18 && raw.bytes().all(|b| b.is_ascii_digit()) {
        if let Some(n) = Num::parse(raw) {
            return CellValue::Number(n);
        }
    }
    let t = trim_wide(raw);
    if t.is_empty() {
        return CellValue::Blank;
    }
    let f = fold(t);
    if PLACEHOLDERS.contains(&f.as_str()) {
        return CellValue::Placeholder(t.to_string());
    }
    match parse_number(&f) {
        Some(n) => CellValue::Number(n),
        None => CellValue::Text(t.to_string()),
    }
}

/// A value rather than a label: text that starts with a digit (a number, a number with a
/// unit, a date), or reads as a number or a placeholder.
pub fn reads_as_value(s: &str) -> bool {
    s.chars().next().is_some_and(|c| {
        digit_value(c).is_some()
            || matches!(
                classify(s),
                CellValue::Number(_) | CellValue::Placeholder(_)
            )
    })
}

/// Parses a folded number: digits with optional thousands separators and decimals.
fn parse_number(f: &str) -> Option<Num> {
    if f.contains(',') {
        // Thousands separators must group by three: 1,234 or 12,345.67.
        let (int_part, frac) = match f.find('.') {
            Some(i) => (&f[..i], &f[i..]),
            None => (f, ""),
        };
        let body = int_part.trim_start_matches(['-', '+']);
        let groups: Vec<&str> = body.split(',').collect();
        let ok = groups.len() > 1
            && !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return None;
        }
        let sign = &int_part[..int_part.len() - body.len()];
        return Num::parse(&format!("{sign}{}{frac}", groups.concat()));
    }
    Num::parse(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_keeps_three_states_apart() {
        assert_eq!(classify(""), CellValue::Blank);
        assert_eq!(classify("  "), CellValue::Blank);
        assert_eq!(classify("0"), CellValue::Number(Num::int(0)));
        assert_eq!(classify("／"), CellValue::Placeholder("／".into()));
        assert_eq!(classify("—"), CellValue::Placeholder("—".into()));
        assert_eq!(classify("无"), CellValue::Placeholder("无".into()));
        assert_eq!(classify("１２"), CellValue::Number(Num::int(12)));
        assert_eq!(classify("1,234"), CellValue::Number(Num::int(1234)));
        assert_eq!(classify("12,34"), CellValue::Text("12,34".into()));
        assert_eq!(classify("251000元"), CellValue::Text("251000元".into()));
        assert_eq!(classify("-8"), CellValue::Number(Num::int(-8)));
        assert_eq!(
            classify("24252.311082").to_owned(),
            CellValue::Number(Num::parse("24252.311082").unwrap())
        );
    }

    #[test]
    fn values_and_labels() {
        for v in ["12", "１２", "12件", "2024年", "-8", "/", "无", "×", " 5"] {
            assert!(reads_as_value(v), "{v}");
        }
        for l in ["", "规章", "（一）", "合计", "a"] {
            assert!(!reads_as_value(l), "{l}");
        }
    }
}
