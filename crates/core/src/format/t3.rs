//! 表三 收到和处理政府信息公开申请情况: rows of both formats (`R3f1..3` of 2021 and the single
//! `R3f` of 2019 are alternatives), the applicant columns and the group headings.

use super::{rows, ColSpec, Era, GroupSpec, Markers, RowId, RowSpec, Table, TableSpec};
use super::{CellKey, ColId, DetectedFormat};

pub const C1: ColId = ColId(0);
pub const C2: ColId = ColId(1);
pub const C3: ColId = ColId(2);
pub const C4: ColId = ColId(3);
pub const C5: ColId = ColId(4);
pub const C6: ColId = ColId(5);
pub const C7: ColId = ColId(6);
/// The 总计 column: the sum of the six applicant columns.
pub const TOTAL: ColId = C7;

pub static COLS: &[ColSpec] = &[
    ColSpec::new(0, "C1", "自然人", "natural persons"),
    ColSpec::new(1, "C2", "商业企业", "businesses"),
    ColSpec::new(2, "C3", "科研机构", "research institutions"),
    ColSpec::new(3, "C4", "社会公益组织", "public-interest organisations"),
    ColSpec::new(4, "C5", "法律服务机构", "legal service providers"),
    ColSpec::new(5, "C6", "其他", "other organisations"),
    ColSpec::new(6, "C7", "总计", "total"),
];

/// The applicant columns, whose sum is [`TOTAL`].
pub fn parts() -> impl Iterator<Item = &'static ColSpec> {
    COLS.iter().filter(|c| c.id != TOTAL)
}

/// `三、本年度办理结果`: every outcome row sits under it.
pub const OUTCOMES: GroupSpec = GroupSpec::new(
    "三、本年度办理结果",
    "III. Outcomes this year",
    &["本年度办理结果"],
    None,
);
pub const NOT_DISCLOSED: GroupSpec = GroupSpec::new(
    "（三）不予公开",
    "(3) Not disclosed",
    &["不予公开"],
    Some(&OUTCOMES),
);
pub const CANNOT_PROVIDE: GroupSpec = GroupSpec::new(
    "（四）无法提供",
    "(4) Cannot be provided",
    &["无法提供"],
    Some(&OUTCOMES),
);
pub const NOT_PROCESSED: GroupSpec = GroupSpec::new(
    "（五）不予处理",
    "(5) Not processed",
    &["不予处理"],
    Some(&OUTCOMES),
);
pub const OTHERWISE: GroupSpec = GroupSpec::new(
    "（六）其他处理",
    "(6) Otherwise handled",
    &["其他处理"],
    Some(&OUTCOMES),
);

const fn spec(
    key: &'static str,
    label_zh: &'static str,
    label_en: &'static str,
    short_zh: &'static str,
    keys: &'static [&'static str],
) -> RowSpec {
    RowSpec::new(Table::T3, key, label_zh, label_en, keys, COLS).short(short_zh)
}

rows! {
    R1 = spec("R1", "一、本年新收政府信息公开申请数量", "I. New applications received this year", "本年新收", &["本年新收"]),
    R2 = spec("R2", "二、上年结转政府信息公开申请数量", "II. Applications carried over from last year", "上年结转", &["上年结转"]),
    R3A = spec("R3a", "（一）予以公开", "(1) Disclosed", "予以公开", &["予以公开"]).group(&OUTCOMES),
    R3B = spec("R3b", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "(2) Partly disclosed", "部分公开", &["部分公开"]).group(&OUTCOMES),
    R3C1 = spec("R3c1", "1.属于国家秘密", "(3)1 State secret", "不予公开·属于国家秘密", &["国家秘密"]).group(&NOT_DISCLOSED),
    R3C2 = spec("R3c2", "2.其他法律行政法规禁止公开", "(3)2 Prohibited by other laws", "不予公开·其他法律行政法规禁止公开", &["禁止公开", "其他法律行政", "法律行政法规"]).group(&NOT_DISCLOSED),
    R3C3 = spec("R3c3", "3.危及“三安全一稳定”", "(3)3 Endangers the “three securities and one stability”", "不予公开·危及“三安全一稳定”", &["三安全一稳定", "三安全", "危及"]).group(&NOT_DISCLOSED),
    R3C4 = spec("R3c4", "4.保护第三方合法权益", "(3)4 Protects third-party rights", "不予公开·保护第三方合法权益", &["第三方"]).group(&NOT_DISCLOSED),
    R3C5 = spec("R3c5", "5.属于三类内部事务信息", "(3)5 Internal affairs", "不予公开·属于三类内部事务信息", &["内部事务"]).group(&NOT_DISCLOSED),
    R3C6 = spec("R3c6", "6.属于四类过程性信息", "(3)6 Process information", "不予公开·属于四类过程性信息", &["过程性信息", "过程性"]).group(&NOT_DISCLOSED),
    R3C7 = spec("R3c7", "7.属于行政执法案卷", "(3)7 Enforcement case files", "不予公开·属于行政执法案卷", &["执法案卷"]).group(&NOT_DISCLOSED),
    R3C8 = spec("R3c8", "8.属于行政查询事项", "(3)8 Administrative query matters", "不予公开·属于行政查询事项", &["行政查询"]).group(&NOT_DISCLOSED),
    R3D1 = spec("R3d1", "1.本机关不掌握相关政府信息", "(4)1 Not held by this body", "无法提供·本机关不掌握相关政府信息", &["不掌握"]).group(&CANNOT_PROVIDE),
    R3D2 = spec("R3d2", "2.没有现成信息需要另行制作", "(4)2 Would need to be newly created", "无法提供·没有现成信息需要另行制作", &["没有现成", "另行制作"]).group(&CANNOT_PROVIDE),
    R3D3 = spec("R3d3", "3.补正后申请内容仍不明确", "(4)3 Still unclear after correction", "无法提供·补正后申请内容仍不明确", &["仍不明确", "补正后"]).group(&CANNOT_PROVIDE),
    R3E1 = spec("R3e1", "1.信访举报投诉类申请", "(5)1 Petitions and complaints", "不予处理·信访举报投诉类申请", &["信访", "举报投诉"]).group(&NOT_PROCESSED),
    R3E2 = spec("R3e2", "2.重复申请", "(5)2 Repeated applications", "不予处理·重复申请", &["重复申请"]).group(&NOT_PROCESSED),
    R3E3 = spec("R3e3", "3.要求提供公开出版物", "(5)3 Published material requested", "不予处理·要求提供公开出版物", &["公开出版物"]).group(&NOT_PROCESSED),
    R3E4 = spec("R3e4", "4.无正当理由大量反复申请", "(5)4 Mass repeated applications", "不予处理·无正当理由大量反复申请", &["大量反复"]).group(&NOT_PROCESSED),
    R3E5 = spec("R3e5", "5.要求行政机关确认或重新出具已获取信息", "(5)5 Confirmation or re-issue requested", "不予处理·要求行政机关确认或重新出具已获取信息", &["重新出具", "确认或重新"]).group(&NOT_PROCESSED),
    R3F1 = spec("R3f1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "(6)1 Not corrected in time", "其他处理·逾期不补正", &["逾期不补正"]).group(&OTHERWISE).era(Era::Only2021),
    R3F2 = spec("R3f2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "(6)2 Fee not paid in time", "其他处理·逾期未缴纳费用", &["逾期未按收费", "缴纳费用", "收费通知"]).group(&OTHERWISE).era(Era::Only2021),
    R3F3 = spec("R3f3", "3.其他", "(6)3 Other", "其他处理·其他", &["其他"]).exact().only_in_group().group(&OTHERWISE).era(Era::Only2021),
    R3F = spec("R3f", "（六）其他处理", "(6) Otherwise handled", "其他处理", &["其他处理"]).last_label_only().group(&OUTCOMES).era(Era::Only2019),
    R3G = spec("R3g", "（七）总计", "(7) Total", "办理结果总计", &["总计", "合计"]).exact().group(&OUTCOMES),
    R4 = spec("R4", "四、结转下年度继续办理", "IV. Carried over to next year", "结转下年度继续办理", &["结转下年"]),
}

/// The 2021 rows that stand for the single 2019 row [`R3F`].
pub const R3F_2021: [RowId; 3] = [R3F1, R3F2, R3F3];

pub static TABLE: TableSpec = TableSpec {
    table: Table::T3,
    name_zh: "表三",
    name_en: "Table 3",
    title_zh: "表三（收到和处理政府信息公开申请情况）",
    title_en: "Table 3 (applications)",
    rows: ROWS,
    groups: &[
        &OUTCOMES,
        &NOT_DISCLOSED,
        &CANNOT_PROVIDE,
        &NOT_PROCESSED,
        &OTHERWISE,
    ],
    region: Markers::any(&["申请人情况", "勾稽关系"]),
    seen: Markers::any(&["申请人情况", "本年新收"]),
    width: 7,
};

/// The spec of a 表三 row.
pub fn row(id: RowId) -> &'static RowSpec {
    Table::T3.row(id)
}

/// The key of a 表三 cell.
pub const fn cell(row: RowId, col: ColId) -> CellKey {
    CellKey {
        table: Table::T3,
        row,
        col,
    }
}

/// The outcome rows whose sum is （七）总计, in national order: 2021's `R3f1..3`, or 2019's
/// single `R3f` (`single_f`). Every row under 三、本年度办理结果 but the total itself.
pub fn outcome_rows(single_f: bool) -> impl Iterator<Item = &'static RowSpec> {
    let format = if single_f {
        DetectedFormat::F2019
    } else {
        DetectedFormat::F2021
    };
    super::t3_rows(format)
        .into_iter()
        .filter(|r| r.group.is_some() && r.id != R3G)
}

/// Outcome categories as a report's text names them (`不予公开35件`), with their English
/// names and their rows (longest phrase first). 其他处理 is `R3f1..3` (2021) or the single
/// `R3f` (2019).
pub static TEXT_CATEGORIES: &[(&str, &str, &[RowId])] = &[
    (
        "予以公开及部分公开",
        "disclosed and partly disclosed",
        &[R3A, R3B],
    ),
    (
        "予以公开和部分公开",
        "disclosed and partly disclosed",
        &[R3A, R3B],
    ),
    ("予以公开", "disclosed", &[R3A]),
    ("部分公开", "partly disclosed", &[R3B]),
    (
        "不予公开",
        "not disclosed",
        &[R3C1, R3C2, R3C3, R3C4, R3C5, R3C6, R3C7, R3C8],
    ),
    ("无法提供", "cannot be provided", &[R3D1, R3D2, R3D3]),
    ("不予处理", "not processed", &[R3E1, R3E2, R3E3, R3E4, R3E5]),
    ("其他处理", "otherwise handled", &[R3F1, R3F2, R3F3, R3F]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcome_rows_are_those_under_the_outcomes_heading() {
        let keys = |single_f| outcome_rows(single_f).map(|r| r.key).collect::<Vec<_>>();
        assert_eq!(
            keys(false),
            [
                "R3a", "R3b", "R3c1", "R3c2", "R3c3", "R3c4", "R3c5", "R3c6", "R3c7", "R3c8",
                "R3d1", "R3d2", "R3d3", "R3e1", "R3e2", "R3e3", "R3e4", "R3e5", "R3f1", "R3f2",
                "R3f3",
            ]
        );
        assert_eq!(
            keys(true),
            [
                "R3a", "R3b", "R3c1", "R3c2", "R3c3", "R3c4", "R3c5", "R3c6", "R3c7", "R3c8",
                "R3d1", "R3d2", "R3d3", "R3e1", "R3e2", "R3e3", "R3e4", "R3e5", "R3f",
            ]
        );
    }

    #[test]
    fn text_categories_name_the_rows_of_their_groups() {
        for (phrase, _, rows) in TEXT_CATEGORIES {
            let group = TABLE.groups.iter().find(|g| g.keywords.contains(phrase));
            if let Some(g) = group.filter(|g| g.parent.is_some()) {
                let under: Vec<RowId> = ROWS
                    .iter()
                    .filter(|r| r.group == Some(*g))
                    .map(|r| r.id)
                    .collect();
                assert!(rows.starts_with(&under), "{phrase}");
            }
        }
    }
}
