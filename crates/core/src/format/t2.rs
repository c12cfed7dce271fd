//! 表二 主动公开政府信息情况: the 2021 rows and the 2019 rows, in one table (they share row
//! keys such as `reg` and `fee`, but not columns), under their 第二十条 captions.

use super::{rows, CellKey, ColId, ColKind, ColSpec, Era, GroupSpec, Markers, RowId, RowSpec};
use super::{Table, TableSpec};

/// 本年制发件数, 本年废止件数, 现行有效件数 of the 2021 rows `reg` and `norm`.
pub const MADE: ColId = ColId(0);
pub const REPEALED: ColId = ColId(1);
pub const VALID: ColId = ColId(2);

static DOC_COLS_2021: &[ColSpec] = &[
    ColSpec::new(0, "made", "本年制发件数", "made this year").words(&["制发"]),
    ColSpec::new(1, "repealed", "本年废止件数", "repealed this year").words(&["废止"]),
    ColSpec::new(2, "valid", "现行有效件数", "currently in force").words(&["现行有效"]),
];
static DECISIONS_2021: &[ColSpec] = &[ColSpec::new(
    0,
    "",
    "本年处理决定数量",
    "decisions this year",
)];
static FEE_2021: &[ColSpec] = &[ColSpec::new(
    0,
    "",
    "本年收费金额（单位：万元）",
    "fees this year (10,000 yuan)",
)
.kind(ColKind::Amount)];

static DOC_COLS_2019: &[ColSpec] = &[
    ColSpec::new(0, "new_made", "本年新制作数量", "newly made").words(&["新制作"]),
    ColSpec::new(1, "new_published", "本年新公开数量", "newly published").words(&["新公开"]),
    ColSpec::new(2, "total_published", "对外公开总数量", "total published")
        .words(&["公开总数", "对外公开总"]),
];
static ITEMS_2019: &[ColSpec] = &[
    ColSpec::new(0, "prev", "上一年项目数量", "items last year").words(&["上一年"]),
    ColSpec::new(1, "delta", "本年增/减", "change this year").kind(ColKind::Delta),
    ColSpec::new(2, "decisions", "处理决定数量", "decisions").words(&["处理决定"]),
];
static FEE_2019: &[ColSpec] = &[
    ColSpec::new(0, "prev", "上一年项目数量", "items last year").words(&["上一年"]),
    ColSpec::new(1, "delta", "本年增/减", "change this year").kind(ColKind::Delta),
];
static PROCUREMENT_2019: &[ColSpec] = &[
    ColSpec::new(0, "count", "采购项目数量", "procurement items"),
    ColSpec::new(1, "amount", "采购总金额", "procurement amount").kind(ColKind::Amount),
];

/// A caption of 表二 (`第二十条第（一）项`): the rows of one article item.
const fn caption(heading_zh: &'static str, en: &'static str) -> GroupSpec {
    GroupSpec::new(heading_zh, en, &[], None)
}
pub const ITEM_1: GroupSpec = caption("第二十条第（一）项", "Article 20 (1)");
pub const ITEM_5: GroupSpec = caption("第二十条第（五）项", "Article 20 (5)");
pub const ITEM_6: GroupSpec = caption("第二十条第（六）项", "Article 20 (6)");
pub const ITEM_8: GroupSpec = caption("第二十条第（八）项", "Article 20 (8)");
pub const ITEM_9: GroupSpec = caption("第二十条第（九）项", "Article 20 (9)");

const fn spec(
    key: &'static str,
    label_zh: &'static str,
    label_en: &'static str,
    keys: &'static [&'static str],
    group: &'static GroupSpec,
    era: Era,
    cols: &'static [ColSpec],
) -> RowSpec {
    RowSpec::new(Table::T2, key, label_zh, label_en, keys, cols)
        .group(group)
        .era(era)
}

rows! {
    REG = spec("reg", "规章", "rules", &["规章"], &ITEM_1, Era::Both, DOC_COLS_2021),
    NORM = spec("norm", "行政规范性文件", "normative documents", &["规范性文件"], &ITEM_1, Era::Only2021, DOC_COLS_2021),
    LICENSING = spec("licensing", "行政许可", "administrative licensing", &["行政许可"], &ITEM_5, Era::Only2021, DECISIONS_2021),
    PENALTY = spec("penalty", "行政处罚", "administrative penalties", &["行政处罚"], &ITEM_6, Era::Only2021, DECISIONS_2021),
    COERCION = spec("coercion", "行政强制", "administrative coercion", &["行政强制"], &ITEM_6, Era::Only2021, DECISIONS_2021),
    FEE = spec("fee", "行政事业性收费", "administrative fees", &["行政事业性收费", "事业性收费"], &ITEM_8, Era::Only2021, FEE_2021),
    REG_2019 = spec("reg", "规章", "rules", &["规章"], &ITEM_1, Era::Only2019, DOC_COLS_2019),
    NORM_2019 = spec("norm", "规范性文件", "normative documents", &["规范性文件"], &ITEM_1, Era::Only2019, DOC_COLS_2019),
    LICENSING_2019 = spec("licensing", "行政许可", "administrative licensing", &["行政许可"], &ITEM_5, Era::Only2019, ITEMS_2019),
    OTHER_SERVICES = spec("other_services", "其他对外管理服务事项", "other external services", &["其他对外管理服务", "对外管理服务"], &ITEM_5, Era::Only2019, ITEMS_2019),
    PENALTY_2019 = spec("penalty", "行政处罚", "administrative penalties", &["行政处罚"], &ITEM_6, Era::Only2019, ITEMS_2019),
    COERCION_2019 = spec("coercion", "行政强制", "administrative coercion", &["行政强制"], &ITEM_6, Era::Only2019, ITEMS_2019),
    FEE_2019_ROW = spec("fee", "行政事业性收费", "administrative fees", &["行政事业性收费", "事业性收费"], &ITEM_8, Era::Only2019, FEE_2019),
    PROCUREMENT = spec("procurement", "政府集中采购", "government procurement", &["政府集中采购", "集中采购"], &ITEM_9, Era::Only2019, PROCUREMENT_2019),
}

/// The 2021 rows.
pub fn rows_2021() -> &'static [RowSpec] {
    ROWS.split_at(REG_2019.index()).0
}

/// The 2019 rows.
pub fn rows_2019() -> &'static [RowSpec] {
    ROWS.split_at(REG_2019.index()).1
}

/// The key of a 表二 cell.
pub const fn cell(row: RowId, col: ColId) -> CellKey {
    CellKey {
        table: Table::T2,
        row,
        col,
    }
}

/// The start of a caption row (`第二十条第（一）项`): where 表二 begins in run-together page text.
pub const CAPTION_START: &str = "第二十条第";
/// The header cell over the row labels (`信息内容`).
pub const HEADER_LABEL: &str = "信息内容";

/// Normalised header words that identify the 2021 表二.
pub const MARKERS_2021: &[&str] = &[
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
];
/// Normalised header words that identify the 2019 表二.
pub const MARKERS_2019: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "第二十条第(九)项",
    "政府集中采购",
];

pub static TABLE: TableSpec = TableSpec {
    table: Table::T2,
    name_zh: "表二",
    name_en: "Table 2",
    title_zh: "表二（主动公开政府信息情况）",
    title_en: "Table 2 (proactive disclosure)",
    rows: ROWS,
    groups: &[&ITEM_1, &ITEM_5, &ITEM_6, &ITEM_8, &ITEM_9],
    region: Markers::any(&["第二十条"]),
    seen: Markers::any(&[CAPTION_START]),
    width: 3,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_formats_rows_are_split_where_2019_begins() {
        let keys = |rows: &[RowSpec]| rows.iter().map(|r| r.key).collect::<Vec<_>>();
        assert_eq!(
            keys(rows_2021()),
            ["reg", "norm", "licensing", "penalty", "coercion", "fee"]
        );
        assert_eq!(
            keys(rows_2019()),
            [
                "reg",
                "norm",
                "licensing",
                "other_services",
                "penalty",
                "coercion",
                "fee",
                "procurement"
            ]
        );
        assert!(rows_2019().iter().all(|r| r.era == Era::Only2019));
        assert!(rows_2021().iter().all(|r| r.era != Era::Only2019));
        assert_eq!(Table::T2.row(FEE_2019_ROW).cols.len(), 2);
    }
}
