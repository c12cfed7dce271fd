//! 表四 政府信息公开行政复议、行政诉讼情况 (the same in 2019 and 2021): three groups (rows),
//! each with the same five result columns.

use super::{rows, CellKey, ColId, ColSpec, GroupSpec, Markers, RowId, RowSpec, Table, TableSpec};
use crate::text::Sig;

/// 结果维持.
pub const UPHELD: ColId = ColId(0);
/// 总计: the sum of the other four.
pub const TOTAL: ColId = ColId(4);

pub static COLS: &[ColSpec] = &[
    ColSpec::new(0, "m", "结果维持", "upheld"),
    ColSpec::new(1, "c", "结果纠正", "corrected"),
    ColSpec::new(2, "o", "其他结果", "other result"),
    ColSpec::new(3, "p", "尚未审结", "pending"),
    ColSpec::new(4, "t", "总计", "total"),
];

/// The result columns whose sum is [`TOTAL`].
pub fn parts() -> impl Iterator<Item = &'static ColSpec> {
    COLS.iter().filter(|c| c.id != TOTAL)
}

/// `行政诉讼`: litigation, directly or after reconsideration.
pub const LITIGATION: GroupSpec =
    GroupSpec::new("行政诉讼", "administrative litigation", &["行政诉讼"], None);

const fn spec(
    key: &'static str,
    label_zh: &'static str,
    label_en: &'static str,
    short_zh: &'static str,
    keys: &'static [&'static str],
) -> RowSpec {
    RowSpec::new(Table::T4, key, label_zh, label_en, keys, COLS).short(short_zh)
}

rows! {
    RV = spec("RV", "行政复议", "administrative reconsideration", "行政复议", &["行政复议"]),
    LD = spec("LD", "行政诉讼·未经复议直接起诉", "litigation without prior reconsideration", "未经复议直接起诉", &["未经复议直接起诉"]).group(&LITIGATION),
    LR = spec("LR", "行政诉讼·复议后起诉", "litigation after reconsideration", "复议后起诉", &["复议后起诉"]).group(&LITIGATION),
}

pub static TABLE: TableSpec = TableSpec {
    table: Table::T4,
    name_zh: "表四",
    name_en: "Table 4",
    title_zh: "表四（行政复议、行政诉讼情况）",
    title_en: "Table 4 (reconsideration and litigation)",
    rows: ROWS,
    groups: &[&LITIGATION],
    // A sentence about the section (……行政复议、行政诉讼情况) is no header.
    region: Markers::new(&["行政复议", "行政诉讼"], &[], &["情况"]),
    seen: Markers::new(&["行政复议"], &["结果维持", "尚未审结"], &[]),
    width: 5,
};

/// The key of a 表四 cell.
pub const fn cell(row: RowId, col: ColId) -> CellKey {
    CellKey {
        table: Table::T4,
        row,
        col,
    }
}

/// The group a heading names (`行政诉讼（复议后起诉）` → `LR`): the most specific first, as
/// `未经行政复议直接起诉` also contains `行政复议`.
pub fn group_named(folded: &str) -> Option<&'static RowSpec> {
    let sig = Sig::of(folded);
    rows_specific_first()
        .find(|g| sig.may_contain(g.sig) && g.keys.iter().any(|k| folded.contains(k)))
}

/// The groups, those under 行政诉讼 first.
pub fn rows_specific_first() -> impl Iterator<Item = &'static RowSpec> {
    let sub = ROWS.iter().filter(|r| r.group.is_some());
    sub.chain(ROWS.iter().filter(|r| r.group.is_none()))
}

/// The words of 表四's header: the column labels, the group names and their heading.
pub fn header_words() -> impl Iterator<Item = &'static str> {
    let cols = COLS.iter().map(|c| c.label_zh);
    let groups = rows_specific_first().flat_map(|r| r.keys.iter().copied());
    let headings = TABLE.groups.iter().map(|g| g.heading_zh);
    cols.chain(groups).chain(headings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_specific_group_is_named() {
        let key = |s: &str| group_named(s).map(|g| g.key);
        assert_eq!(key("行政诉讼(复议后起诉)"), Some("LR"));
        assert_eq!(key("未经行政复议直接起诉"), Some("RV"));
        assert_eq!(key("未经复议直接起诉"), Some("LD"));
        assert_eq!(key("经行政复议后起诉"), Some("LR"));
        assert_eq!(key("行政复议"), Some("RV"));
        assert_eq!(key("行政诉讼"), None);
        assert_eq!(
            header_words().collect::<Vec<_>>(),
            [
                "结果维持",
                "结果纠正",
                "其他结果",
                "尚未审结",
                "总计",
                "未经复议直接起诉",
                "复议后起诉",
                "行政复议",
                "行政诉讼"
            ]
        );
    }

    #[test]
    fn row_ids_name_their_rows() {
        assert_eq!(Table::T4.row(RV).key, "RV");
        assert_eq!(Table::T4.row(LD).key, "LD");
        assert_eq!(Table::T4.row(LR).key, "LR");
        let _: RowId = LR;
    }
}
