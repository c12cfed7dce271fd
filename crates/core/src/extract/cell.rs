//! A cell's text as the model's [`CellValue`], and the value test of the line reader.
//!
//! What the text is ([`crate::cell::kind`]) is decided below the extraction, where the
//! readers can ask too; here it becomes a model value, with the text kept as written.

use crate::cell::{kind, Kind};
use crate::model::{number_with_unit, CellValue};
use crate::text::{digit_value, trim_wide};

/// The state of a cell from its text: number, placeholder, blank or text (never repaired).
pub(super) fn classify(raw: &str) -> CellValue {
    match kind(raw) {
        Kind::Blank => CellValue::Blank,
        Kind::Number(n) => CellValue::Number(n),
        Kind::Placeholder => CellValue::Placeholder(trim_wide(raw).to_string()),
        Kind::Text => CellValue::Text(trim_wide(raw).to_string()),
    }
}

/// Is this cell a value (number, placeholder, or a number with a unit such as `12件`)?
pub(super) fn is_value(t: &str) -> bool {
    // Fast path: a value starts with a digit, a sign or a placeholder character; labels
    // (CJK text) are rejected without allocating.
    let Some(first) = t.chars().next() else {
        return false;
    };
    let could_be = first.is_ascii_digit()
        || digit_value(first).is_some()
        || "+-/\\—－–―─／无NnXx×*不空暂未".contains(first);
    if !could_be {
        return false;
    }
    match kind(t) {
        Kind::Number(_) | Kind::Placeholder => true,
        Kind::Blank => false,
        Kind::Text => number_with_unit(trim_wide(t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::Num;

    #[test]
    fn classify_keeps_three_states_apart() {
        assert_eq!(classify(""), CellValue::Blank);
        assert_eq!(classify("  "), CellValue::Blank);
        assert_eq!(classify("0"), CellValue::Number(Num::int(0)));
        assert_eq!(classify("／"), CellValue::Placeholder("／".into()));
        assert_eq!(classify(" 无 "), CellValue::Placeholder("无".into()));
        assert_eq!(classify("１２"), CellValue::Number(Num::int(12)));
        assert_eq!(classify("12,34"), CellValue::Text("12,34".into()));
        assert_eq!(classify("251000元"), CellValue::Text("251000元".into()));
    }

    #[test]
    fn values_of_the_line_reader() {
        for v in [
            "12",
            "１２",
            "12件",
            "3.5万元",
            "-8",
            "/",
            "无",
            "不适用",
            "暂无",
        ] {
            assert!(is_value(v), "{v}");
        }
        for l in ["", "规章", "2024年", "12斤", "不予公开", "合计"] {
            assert!(!is_value(l), "{l}");
        }
    }
}
