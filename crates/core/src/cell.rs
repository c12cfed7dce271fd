//! What the text of one table cell is: a number, a placeholder, a blank or text.
//!
//! A base module, below the readers, the extraction and the rules, and knowing none of them
//! (no report model either): the readers' grid engine asks whether a cell is a value or a
//! label to lay merged cells on their header's columns; the extraction turns [`kind`] into
//! the model's `CellValue`. Never repairs: `12件` is text, not 12.

use crate::num::Num;
use crate::text::{digit_value, fold, trim_wide};

/// Placeholder texts (after folding) that stand for "nothing to report" without being 0.
#[rustfmt::skip]
const PLACEHOLDERS: &[&str] = &[
    "/", "//", "\\", "-", "--", "---", "----", "无", "N/A", "n/a", "NA", "na", "不适用", "空",
    "暂无", "未统计", "×", "x", "X", "*",
];

/// What a cell's text is. The text itself (trimmed of wide whitespace) is the caller's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Nothing but whitespace.
    Blank,
    /// A number as printed (full-width digits, thousands separators, decimals).
    Number(Num),
    /// A placeholder for "nothing to report" (`/`, `—`, `无`): not 0.
    Placeholder,
    /// Anything else, a number with a unit (`12件`) included.
    Text,
}

/// The kind of a cell from its text.
pub fn kind(raw: &str) -> Kind {
    if !raw.is_empty() && raw.len() <= 18 && raw.bytes().all(|b| b.is_ascii_digit()) {
        if let Some(n) = Num::parse(raw) {
            return Kind::Number(n);
        }
    }
    let t = trim_wide(raw);
    if t.is_empty() {
        return Kind::Blank;
    }
    let f = fold(t);
    if PLACEHOLDERS.contains(&f.as_str()) {
        return Kind::Placeholder;
    }
    match parse_number(&f) {
        Some(n) => Kind::Number(n),
        None => Kind::Text,
    }
}

/// A value rather than a label: text that starts with a digit (a number, a number with a
/// unit, a date), or reads as a number or a placeholder.
pub fn reads_as_value(s: &str) -> bool {
    s.chars().next().is_some_and(|c| {
        digit_value(c).is_some() || matches!(kind(s), Kind::Number(_) | Kind::Placeholder)
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
    fn kinds_keep_three_states_apart() {
        assert_eq!(kind(""), Kind::Blank);
        assert_eq!(kind("  "), Kind::Blank);
        assert_eq!(kind("0"), Kind::Number(Num::int(0)));
        assert_eq!(kind("／"), Kind::Placeholder);
        assert_eq!(kind("—"), Kind::Placeholder);
        assert_eq!(kind("无"), Kind::Placeholder);
        assert_eq!(kind("１２"), Kind::Number(Num::int(12)));
        assert_eq!(kind("1,234"), Kind::Number(Num::int(1234)));
        assert_eq!(kind("12,34"), Kind::Text);
        assert_eq!(kind("251000元"), Kind::Text);
        assert_eq!(kind("-8"), Kind::Number(Num::int(-8)));
        assert_eq!(
            kind("24252.311082"),
            Kind::Number(Num::parse("24252.311082").unwrap())
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
