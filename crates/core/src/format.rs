//! The national report formats, as data.
//!
//! Everything the reader and the rules need to know about a format lives here: section
//! headings and their accepted variants, table rows with accepted label keywords, columns,
//! and which format uses which row. A provincial variant or a future revision is a change
//! to these tables, not to the code that reads them.

use crate::model::DetectedFormat;

/// What kind of value a column holds (drives the cell-type rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColKind {
    /// A count of items: a non-negative integer.
    Count,
    /// An amount of money (万元 or 元): a non-negative decimal.
    Amount,
    /// A signed change (2019 `本年增/减`): an integer that may be negative.
    Delta,
}

#[derive(Debug)]
pub struct ColSpec {
    pub key: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub kind: ColKind,
}

/// Which formats a row belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Era {
    Both,
    Only2021,
    Only2019,
}

impl Era {
    pub fn includes(self, f: DetectedFormat) -> bool {
        match self {
            Era::Both => true,
            Era::Only2021 => matches!(f, DetectedFormat::F2021 | DetectedFormat::Unknown),
            Era::Only2019 => matches!(f, DetectedFormat::F2019),
        }
    }
}

#[derive(Debug)]
pub struct RowSpec {
    pub key: &'static str,
    /// The label in the national template.
    pub label_zh: &'static str,
    pub label_en: &'static str,
    /// Short name for messages (`不予公开·属于国家秘密`).
    pub short_zh: &'static str,
    /// Normalised label text (see [`crate::text::norm_label`]) that identifies the row. The
    /// row matches when its normalised label contains any of these (or, with
    /// [`RowSpec::exact`], equals one of them).
    pub keys: &'static [&'static str],
    pub exact: bool,
    /// The group heading the row sits under in the template (`（三）不予公开`).
    pub group: Option<&'static str>,
    pub era: Era,
    /// Columns of this row (表二 rows differ; 表三/表四 rows share theirs).
    pub cols: &'static [ColSpec],
}

// ---------------------------------------------------------------------------------------
// 表三 收到和处理政府信息公开申请情况

pub static T3_COLS: &[ColSpec] = &[
    ColSpec {
        key: "C1",
        label_zh: "自然人",
        label_en: "natural persons",
        kind: ColKind::Count,
    },
    ColSpec {
        key: "C2",
        label_zh: "商业企业",
        label_en: "businesses",
        kind: ColKind::Count,
    },
    ColSpec {
        key: "C3",
        label_zh: "科研机构",
        label_en: "research institutions",
        kind: ColKind::Count,
    },
    ColSpec {
        key: "C4",
        label_zh: "社会公益组织",
        label_en: "public-interest organisations",
        kind: ColKind::Count,
    },
    ColSpec {
        key: "C5",
        label_zh: "法律服务机构",
        label_en: "legal service providers",
        kind: ColKind::Count,
    },
    ColSpec {
        key: "C6",
        label_zh: "其他",
        label_en: "other organisations",
        kind: ColKind::Count,
    },
    ColSpec {
        key: "C7",
        label_zh: "总计",
        label_en: "total",
        kind: ColKind::Count,
    },
];

macro_rules! t3 {
    ($key:literal, $zh:literal, $en:literal, $short:literal, [$($k:literal),*], $exact:literal, $group:expr, $era:expr) => {
        RowSpec { key: $key, label_zh: $zh, label_en: $en, short_zh: $short, keys: &[$($k),*], exact: $exact, group: $group, era: $era, cols: T3_COLS }
    };
}

/// The 表三 group headings ([`RowSpec::group`]) with their English names: `(zh, en)`.
pub static T3_GROUPS: &[(&str, &str)] = &[
    (T3_GROUP_ZH[0], "III. Outcomes this year"),
    (T3_GROUP_ZH[1], "(3) Not disclosed"),
    (T3_GROUP_ZH[2], "(4) Cannot be provided"),
    (T3_GROUP_ZH[3], "(5) Not processed"),
    (T3_GROUP_ZH[4], "(6) Otherwise handled"),
];

const T3_GROUP_ZH: [&str; 5] = [
    "三、本年度办理结果",
    "（三）不予公开",
    "（四）无法提供",
    "（五）不予处理",
    "（六）其他处理",
];
const G3: Option<&str> = Some(T3_GROUP_ZH[0]);
const GC: Option<&str> = Some(T3_GROUP_ZH[1]);
const GD: Option<&str> = Some(T3_GROUP_ZH[2]);
const GE: Option<&str> = Some(T3_GROUP_ZH[3]);
const GF: Option<&str> = Some(T3_GROUP_ZH[4]);

/// The English name of a 表三 group heading (`（三）不予公开` → `(3) Not disclosed`);
/// `None` for a text that is not one of [`T3_GROUPS`].
pub fn group_en(group_zh: &str) -> Option<&'static str> {
    T3_GROUPS.iter().find(|g| g.0 == group_zh).map(|g| g.1)
}

/// Every 表三 row of both formats, in the national order. `R3f` (2019) and `R3f1..3` (2021)
/// are alternatives.
pub static T3_ROWS: &[RowSpec] = &[
    t3!(
        "R1",
        "一、本年新收政府信息公开申请数量",
        "I. New applications received this year",
        "本年新收",
        ["本年新收"],
        false,
        None,
        Era::Both
    ),
    t3!(
        "R2",
        "二、上年结转政府信息公开申请数量",
        "II. Applications carried over from last year",
        "上年结转",
        ["上年结转"],
        false,
        None,
        Era::Both
    ),
    t3!(
        "R3a",
        "（一）予以公开",
        "(1) Disclosed",
        "予以公开",
        ["予以公开"],
        false,
        G3,
        Era::Both
    ),
    t3!(
        "R3b",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "(2) Partly disclosed",
        "部分公开",
        ["部分公开"],
        false,
        G3,
        Era::Both
    ),
    t3!(
        "R3c1",
        "1.属于国家秘密",
        "(3)1 State secret",
        "不予公开·属于国家秘密",
        ["国家秘密"],
        false,
        GC,
        Era::Both
    ),
    t3!(
        "R3c2",
        "2.其他法律行政法规禁止公开",
        "(3)2 Prohibited by other laws",
        "不予公开·其他法律行政法规禁止公开",
        ["禁止公开", "其他法律行政", "法律行政法规"],
        false,
        GC,
        Era::Both
    ),
    t3!(
        "R3c3",
        "3.危及“三安全一稳定”",
        "(3)3 Endangers the “three securities and one stability”",
        "不予公开·危及“三安全一稳定”",
        ["三安全一稳定", "三安全", "危及"],
        false,
        GC,
        Era::Both
    ),
    t3!(
        "R3c4",
        "4.保护第三方合法权益",
        "(3)4 Protects third-party rights",
        "不予公开·保护第三方合法权益",
        ["第三方"],
        false,
        GC,
        Era::Both
    ),
    t3!(
        "R3c5",
        "5.属于三类内部事务信息",
        "(3)5 Internal affairs",
        "不予公开·属于三类内部事务信息",
        ["内部事务"],
        false,
        GC,
        Era::Both
    ),
    t3!(
        "R3c6",
        "6.属于四类过程性信息",
        "(3)6 Process information",
        "不予公开·属于四类过程性信息",
        ["过程性信息", "过程性"],
        false,
        GC,
        Era::Both
    ),
    t3!(
        "R3c7",
        "7.属于行政执法案卷",
        "(3)7 Enforcement case files",
        "不予公开·属于行政执法案卷",
        ["执法案卷"],
        false,
        GC,
        Era::Both
    ),
    t3!(
        "R3c8",
        "8.属于行政查询事项",
        "(3)8 Administrative query matters",
        "不予公开·属于行政查询事项",
        ["行政查询"],
        false,
        GC,
        Era::Both
    ),
    t3!(
        "R3d1",
        "1.本机关不掌握相关政府信息",
        "(4)1 Not held by this body",
        "无法提供·本机关不掌握相关政府信息",
        ["不掌握"],
        false,
        GD,
        Era::Both
    ),
    t3!(
        "R3d2",
        "2.没有现成信息需要另行制作",
        "(4)2 Would need to be newly created",
        "无法提供·没有现成信息需要另行制作",
        ["没有现成", "另行制作"],
        false,
        GD,
        Era::Both
    ),
    t3!(
        "R3d3",
        "3.补正后申请内容仍不明确",
        "(4)3 Still unclear after correction",
        "无法提供·补正后申请内容仍不明确",
        ["仍不明确", "补正后"],
        false,
        GD,
        Era::Both
    ),
    t3!(
        "R3e1",
        "1.信访举报投诉类申请",
        "(5)1 Petitions and complaints",
        "不予处理·信访举报投诉类申请",
        ["信访", "举报投诉"],
        false,
        GE,
        Era::Both
    ),
    t3!(
        "R3e2",
        "2.重复申请",
        "(5)2 Repeated applications",
        "不予处理·重复申请",
        ["重复申请"],
        false,
        GE,
        Era::Both
    ),
    t3!(
        "R3e3",
        "3.要求提供公开出版物",
        "(5)3 Published material requested",
        "不予处理·要求提供公开出版物",
        ["公开出版物"],
        false,
        GE,
        Era::Both
    ),
    t3!(
        "R3e4",
        "4.无正当理由大量反复申请",
        "(5)4 Mass repeated applications",
        "不予处理·无正当理由大量反复申请",
        ["大量反复"],
        false,
        GE,
        Era::Both
    ),
    t3!(
        "R3e5",
        "5.要求行政机关确认或重新出具已获取信息",
        "(5)5 Confirmation or re-issue requested",
        "不予处理·要求行政机关确认或重新出具已获取信息",
        ["重新出具", "确认或重新"],
        false,
        GE,
        Era::Both
    ),
    t3!(
        "R3f1",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "(6)1 Not corrected in time",
        "其他处理·逾期不补正",
        ["逾期不补正"],
        false,
        GF,
        Era::Only2021
    ),
    t3!(
        "R3f2",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "(6)2 Fee not paid in time",
        "其他处理·逾期未缴纳费用",
        ["逾期未按收费", "缴纳费用", "收费通知"],
        false,
        GF,
        Era::Only2021
    ),
    t3!(
        "R3f3",
        "3.其他",
        "(6)3 Other",
        "其他处理·其他",
        ["其他"],
        true,
        GF,
        Era::Only2021
    ),
    t3!(
        "R3f",
        "（六）其他处理",
        "(6) Otherwise handled",
        "其他处理",
        ["其他处理"],
        false,
        G3,
        Era::Only2019
    ),
    t3!(
        "R3g",
        "（七）总计",
        "(7) Total",
        "办理结果总计",
        ["总计", "合计"],
        true,
        G3,
        Era::Both
    ),
    t3!(
        "R4",
        "四、结转下年度继续办理",
        "IV. Carried over to next year",
        "结转下年度继续办理",
        ["结转下年"],
        false,
        None,
        Era::Both
    ),
];

/// The outcome rows whose sum is （七）总计, for 2021 (`R3f1..3`) or 2019 (`R3f`).
pub const T3_OUTCOMES_2021: &[&str] = &[
    "R3a", "R3b", "R3c1", "R3c2", "R3c3", "R3c4", "R3c5", "R3c6", "R3c7", "R3c8", "R3d1", "R3d2",
    "R3d3", "R3e1", "R3e2", "R3e3", "R3e4", "R3e5", "R3f1", "R3f2", "R3f3",
];
pub const T3_OUTCOMES_2019: &[&str] = &[
    "R3a", "R3b", "R3c1", "R3c2", "R3c3", "R3c4", "R3c5", "R3c6", "R3c7", "R3c8", "R3d1", "R3d2",
    "R3d3", "R3e1", "R3e2", "R3e3", "R3e4", "R3e5", "R3f",
];

/// 表三 rows of a format, in national order (the mixed format uses the single `R3f` row).
pub fn t3_rows(format: DetectedFormat) -> Vec<&'static RowSpec> {
    let single_f = matches!(format, DetectedFormat::F2019 | DetectedFormat::Mixed);
    let mut v = Vec::new();
    for r in T3_ROWS {
        let keep = match r.era {
            Era::Both => true,
            Era::Only2021 => !single_f,
            Era::Only2019 => single_f,
        };
        if keep {
            v.push(r);
        }
    }
    v
}

pub fn t3_row(key: &str) -> Option<&'static RowSpec> {
    T3_ROWS.iter().find(|r| r.key == key)
}

pub fn t3_col(key: &str) -> Option<&'static ColSpec> {
    T3_COLS.iter().find(|c| c.key == key)
}

// ---------------------------------------------------------------------------------------
// 表四 政府信息公开行政复议、行政诉讼情况 (same in 2019 and 2021)

pub static T4_COLS: &[ColSpec] = &[
    ColSpec {
        key: "m",
        label_zh: "结果维持",
        label_en: "upheld",
        kind: ColKind::Count,
    },
    ColSpec {
        key: "c",
        label_zh: "结果纠正",
        label_en: "corrected",
        kind: ColKind::Count,
    },
    ColSpec {
        key: "o",
        label_zh: "其他结果",
        label_en: "other result",
        kind: ColKind::Count,
    },
    ColSpec {
        key: "p",
        label_zh: "尚未审结",
        label_en: "pending",
        kind: ColKind::Count,
    },
    ColSpec {
        key: "t",
        label_zh: "总计",
        label_en: "total",
        kind: ColKind::Count,
    },
];

pub static T4_GROUPS: &[RowSpec] = &[
    RowSpec {
        key: "RV",
        label_zh: "行政复议",
        label_en: "administrative reconsideration",
        short_zh: "行政复议",
        keys: &["行政复议"],
        exact: false,
        group: None,
        era: Era::Both,
        cols: T4_COLS,
    },
    RowSpec {
        key: "LD",
        label_zh: "行政诉讼·未经复议直接起诉",
        label_en: "litigation without prior reconsideration",
        short_zh: "未经复议直接起诉",
        keys: &["未经复议直接起诉"],
        exact: false,
        group: Some("行政诉讼"),
        era: Era::Both,
        cols: T4_COLS,
    },
    RowSpec {
        key: "LR",
        label_zh: "行政诉讼·复议后起诉",
        label_en: "litigation after reconsideration",
        short_zh: "复议后起诉",
        keys: &["复议后起诉"],
        exact: false,
        group: Some("行政诉讼"),
        era: Era::Both,
        cols: T4_COLS,
    },
];

pub fn t4_group(key: &str) -> Option<&'static RowSpec> {
    T4_GROUPS.iter().find(|r| r.key == key)
}

// ---------------------------------------------------------------------------------------
// 表二 主动公开政府信息情况

static T2_2021_DOC_COLS: &[ColSpec] = &[
    ColSpec {
        key: "made",
        label_zh: "本年制发件数",
        label_en: "made this year",
        kind: ColKind::Count,
    },
    ColSpec {
        key: "repealed",
        label_zh: "本年废止件数",
        label_en: "repealed this year",
        kind: ColKind::Count,
    },
    ColSpec {
        key: "valid",
        label_zh: "现行有效件数",
        label_en: "currently in force",
        kind: ColKind::Count,
    },
];
static T2_2021_DECISIONS: &[ColSpec] = &[ColSpec {
    key: "",
    label_zh: "本年处理决定数量",
    label_en: "decisions this year",
    kind: ColKind::Count,
}];
static T2_2021_FEE: &[ColSpec] = &[ColSpec {
    key: "",
    label_zh: "本年收费金额（单位：万元）",
    label_en: "fees this year (10,000 yuan)",
    kind: ColKind::Amount,
}];

static T2_2019_DOC_COLS: &[ColSpec] = &[
    ColSpec {
        key: "new_made",
        label_zh: "本年新制作数量",
        label_en: "newly made",
        kind: ColKind::Count,
    },
    ColSpec {
        key: "new_published",
        label_zh: "本年新公开数量",
        label_en: "newly published",
        kind: ColKind::Count,
    },
    ColSpec {
        key: "total_published",
        label_zh: "对外公开总数量",
        label_en: "total published",
        kind: ColKind::Count,
    },
];
static T2_2019_ITEMS: &[ColSpec] = &[
    ColSpec {
        key: "prev",
        label_zh: "上一年项目数量",
        label_en: "items last year",
        kind: ColKind::Count,
    },
    ColSpec {
        key: "delta",
        label_zh: "本年增/减",
        label_en: "change this year",
        kind: ColKind::Delta,
    },
    ColSpec {
        key: "decisions",
        label_zh: "处理决定数量",
        label_en: "decisions",
        kind: ColKind::Count,
    },
];
static T2_2019_FEE: &[ColSpec] = &[
    ColSpec {
        key: "prev",
        label_zh: "上一年项目数量",
        label_en: "items last year",
        kind: ColKind::Count,
    },
    ColSpec {
        key: "delta",
        label_zh: "本年增/减",
        label_en: "change this year",
        kind: ColKind::Delta,
    },
];
static T2_2019_PROCUREMENT: &[ColSpec] = &[
    ColSpec {
        key: "count",
        label_zh: "采购项目数量",
        label_en: "procurement items",
        kind: ColKind::Count,
    },
    ColSpec {
        key: "amount",
        label_zh: "采购总金额",
        label_en: "procurement amount",
        kind: ColKind::Amount,
    },
];

macro_rules! t2 {
    ($key:literal, $zh:literal, $en:literal, [$($k:literal),*], $exact:literal, $group:literal, $era:expr, $cols:expr) => {
        RowSpec { key: $key, label_zh: $zh, label_en: $en, short_zh: $zh, keys: &[$($k),*], exact: $exact, group: Some($group), era: $era, cols: $cols }
    };
}

pub static T2_ROWS: &[RowSpec] = &[
    t2!(
        "reg",
        "规章",
        "rules",
        ["规章"],
        false,
        "第二十条第（一）项",
        Era::Both,
        T2_2021_DOC_COLS
    ),
    t2!(
        "norm",
        "行政规范性文件",
        "normative documents",
        ["规范性文件"],
        false,
        "第二十条第（一）项",
        Era::Only2021,
        T2_2021_DOC_COLS
    ),
    t2!(
        "licensing",
        "行政许可",
        "administrative licensing",
        ["行政许可"],
        false,
        "第二十条第（五）项",
        Era::Only2021,
        T2_2021_DECISIONS
    ),
    t2!(
        "penalty",
        "行政处罚",
        "administrative penalties",
        ["行政处罚"],
        false,
        "第二十条第（六）项",
        Era::Only2021,
        T2_2021_DECISIONS
    ),
    t2!(
        "coercion",
        "行政强制",
        "administrative coercion",
        ["行政强制"],
        false,
        "第二十条第（六）项",
        Era::Only2021,
        T2_2021_DECISIONS
    ),
    t2!(
        "fee",
        "行政事业性收费",
        "administrative fees",
        ["行政事业性收费", "事业性收费"],
        false,
        "第二十条第（八）项",
        Era::Only2021,
        T2_2021_FEE
    ),
];

pub static T2_ROWS_2019: &[RowSpec] = &[
    t2!(
        "reg",
        "规章",
        "rules",
        ["规章"],
        false,
        "第二十条第（一）项",
        Era::Only2019,
        T2_2019_DOC_COLS
    ),
    t2!(
        "norm",
        "规范性文件",
        "normative documents",
        ["规范性文件"],
        false,
        "第二十条第（一）项",
        Era::Only2019,
        T2_2019_DOC_COLS
    ),
    t2!(
        "licensing",
        "行政许可",
        "administrative licensing",
        ["行政许可"],
        false,
        "第二十条第（五）项",
        Era::Only2019,
        T2_2019_ITEMS
    ),
    t2!(
        "other_services",
        "其他对外管理服务事项",
        "other external services",
        ["其他对外管理服务", "对外管理服务"],
        false,
        "第二十条第（五）项",
        Era::Only2019,
        T2_2019_ITEMS
    ),
    t2!(
        "penalty",
        "行政处罚",
        "administrative penalties",
        ["行政处罚"],
        false,
        "第二十条第（六）项",
        Era::Only2019,
        T2_2019_ITEMS
    ),
    t2!(
        "coercion",
        "行政强制",
        "administrative coercion",
        ["行政强制"],
        false,
        "第二十条第（六）项",
        Era::Only2019,
        T2_2019_ITEMS
    ),
    t2!(
        "fee",
        "行政事业性收费",
        "administrative fees",
        ["行政事业性收费", "事业性收费"],
        false,
        "第二十条第（八）项",
        Era::Only2019,
        T2_2019_FEE
    ),
    t2!(
        "procurement",
        "政府集中采购",
        "government procurement",
        ["政府集中采购", "集中采购"],
        false,
        "第二十条第（九）项",
        Era::Only2019,
        T2_2019_PROCUREMENT
    ),
];

/// 表二 rows of a format (2019 rows for the 2019 format, 2021 rows otherwise).
pub fn t2_rows(format: DetectedFormat) -> &'static [RowSpec] {
    if format == DetectedFormat::F2019 {
        T2_ROWS_2019
    } else {
        T2_ROWS
    }
}

/// A canonical cell key `T3.R1.C7` (built without `format!`: this is on the hot path).
pub fn key(table: &str, row: &str, col: &str) -> String {
    let mut k = String::with_capacity(table.len() + row.len() + col.len() + 2);
    k.push_str(table);
    k.push('.');
    k.push_str(row);
    if !col.is_empty() {
        k.push('.');
        k.push_str(col);
    }
    k
}

/// The canonical key of a 表二 cell: `T2.reg.made`, or `T2.licensing` for single-column rows.
pub fn t2_key(row: &RowSpec, col: &ColSpec) -> String {
    key("T2", row.key, col.key)
}

/// Normalised header words that identify the 2021 表二.
pub const T2_2021_MARKERS: &[&str] = &[
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
];
/// Normalised header words that identify the 2019 表二.
pub const T2_2019_MARKERS: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "第二十条第(九)项",
    "政府集中采购",
];
/// Headings of the structure used before 2019.
pub const PRE2019_MARKERS: &[&str] = &[
    "概述",
    "依申请公开政府信息情况",
    "收费及减免",
    "政府信息公开情况统计表",
    "依申请公开工作情况",
];

// ---------------------------------------------------------------------------------------
// Sections

#[derive(Debug)]
pub struct SectionSpec {
    pub number: u8,
    pub standard: &'static str,
    pub en: &'static str,
    /// Normalised keywords: a numbered heading containing one of them is this section.
    pub keys: &'static [&'static str],
    /// Accepted wordings besides the standard one (folded, numbering stripped); a heading
    /// one character away from the standard that is not one of these is a probable typo.
    pub variants: &'static [&'static str],
}

pub static SECTIONS: &[SectionSpec] = &[
    SectionSpec {
        number: 1,
        standard: "一、总体情况",
        en: "I. Overview",
        keys: &["总体情况", "概述"],
        variants: &["概述"],
    },
    SectionSpec {
        number: 2,
        standard: "二、主动公开政府信息情况",
        en: "II. Proactive disclosure",
        keys: &["主动公开"],
        variants: &["行政机关主动公开政府信息情况", "主动公开政府信息"],
    },
    SectionSpec {
        number: 3,
        standard: "三、收到和处理政府信息公开申请情况",
        en: "III. Applications received and handled",
        keys: &["收到和处理", "依申请公开"],
        variants: &[
            "行政机关收到和处理政府信息公开申请情况",
            "收到和处理政府信息公开申请",
        ],
    },
    SectionSpec {
        number: 4,
        standard: "四、政府信息公开行政复议、行政诉讼情况",
        en: "IV. Administrative reconsideration and litigation",
        keys: &["行政复议", "复议", "行政诉讼"],
        variants: &[
            "政府信息公开行政复议和行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "政府信息公开行政复议、行政诉讼",
        ],
    },
    SectionSpec {
        number: 5,
        standard: "五、存在的主要问题及改进情况",
        en: "V. Main problems and improvements",
        keys: &[
            "存在的主要问题",
            "主要问题",
            "存在问题",
            "问题及改进",
            "问题和改进",
        ],
        variants: &[
            "存在的主要问题和改进情况",
            "存在问题及改进情况",
            "存在的主要问题及整改情况",
            "存在的主要问题及整改措施",
        ],
    },
    SectionSpec {
        number: 6,
        standard: "六、其他需要报告的事项",
        en: "VI. Other matters",
        keys: &["其他需要报告", "其他事项", "其他报告事项", "统计表"],
        variants: &["其他事项", "其他需要报告事项"],
    },
];

pub fn section(number: u8) -> Option<&'static SectionSpec> {
    SECTIONS.iter().find(|s| s.number == number)
}

/// Table names for messages.
pub fn table_name(table: &str) -> (&'static str, &'static str) {
    match table {
        "T2" => (
            "表二（主动公开政府信息情况）",
            "Table 2 (proactive disclosure)",
        ),
        "T3" => (
            "表三（收到和处理政府信息公开申请情况）",
            "Table 3 (applications)",
        ),
        "T4" => (
            "表四（行政复议、行政诉讼情况）",
            "Table 4 (reconsideration and litigation)",
        ),
        _ => ("表格", "table"),
    }
}

/// A cell named in words, as the national format names it, for people (never the key):
/// `(zh, en)`, e.g. `T4.RV.t` → 表四“行政复议·总计” / Table 4 “administrative reconsideration:
/// total”; `T3.R3d1.C1` → 表三“（四）无法提供·1.本机关不掌握相关政府信息”行“自然人”列 / Table 3 row
/// “(4)1 Not held by this body”, column “natural persons”. 表三 rows carry their group heading;
/// labels are given in full. `None` for a key that is not a cell of the formats.
pub fn cell_name(key: &str) -> Option<(String, String)> {
    let mut p = key.splitn(3, '.');
    let table = p.next()?;
    let row = p.next()?;
    let col = p.next().unwrap_or("");
    match table {
        "T3" => {
            let r = t3_row(row)?;
            let c = t3_col(col)?;
            let row_zh = match r.group {
                Some(g) => format!("{g}·{}", r.label_zh),
                None => r.label_zh.to_string(),
            };
            Some((
                format!("表三“{row_zh}”行“{}”列", c.label_zh),
                format!("Table 3 row “{}”, column “{}”", r.label_en, c.label_en),
            ))
        }
        "T4" => {
            let g = t4_group(row)?;
            let c = T4_COLS.iter().find(|c| c.key == col)?;
            Some((
                format!("表四“{}·{}”", g.label_zh, c.label_zh),
                format!("Table 4 “{}: {}”", g.label_en, c.label_en),
            ))
        }
        "T2" => {
            for rows in [T2_ROWS, T2_ROWS_2019] {
                let Some(r) = rows.iter().find(|r| r.key == row) else {
                    continue;
                };
                let Some(c) = r.cols.iter().find(|c| c.key == col) else {
                    continue;
                };
                return Some((
                    format!("表二“{}”行“{}”列", r.label_zh, c.label_zh),
                    format!("Table 2 row “{}”, column “{}”", r.label_en, c.label_en),
                ));
            }
            None
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_t3_group_heading_has_an_english_name() {
        for row in T3_ROWS {
            if let Some(g) = row.group {
                assert!(group_en(g).is_some(), "{g}");
            }
        }
        assert_eq!(group_en("（三）不予公开"), Some("(3) Not disclosed"));
        assert_eq!(
            group_en("三、本年度办理结果"),
            Some("III. Outcomes this year")
        );
        // The single 2019 row is named like its 2021 group.
        assert_eq!(
            group_en(GF.unwrap_or("")),
            t3_row("R3f").map(|r| r.label_en)
        );
        assert_eq!(group_en("其他处理"), None);
        assert_eq!(T3_GROUPS.len(), T3_GROUP_ZH.len());
    }

    #[test]
    fn cells_are_named_in_words_in_full() {
        let zh = |k: &str| cell_name(k).map(|n| n.0);
        let en = |k: &str| cell_name(k).map(|n| n.1);
        assert_eq!(zh("T4.RV.t").as_deref(), Some("表四“行政复议·总计”"));
        assert_eq!(
            en("T4.RV.t").as_deref(),
            Some("Table 4 “administrative reconsideration: total”")
        );
        assert_eq!(
            zh("T4.LR.m").as_deref(),
            Some("表四“行政诉讼·复议后起诉·结果维持”")
        );
        assert_eq!(
            zh("T3.R3d1.C1").as_deref(),
            Some("表三“（四）无法提供·1.本机关不掌握相关政府信息”行“自然人”列")
        );
        assert_eq!(
            en("T3.R3d1.C1").as_deref(),
            Some("Table 3 row “(4)1 Not held by this body”, column “natural persons”")
        );
        assert_eq!(
            zh("T3.R1.C7").as_deref(),
            Some("表三“一、本年新收政府信息公开申请数量”行“总计”列")
        );
        // in full, never cut
        assert_eq!(
            zh("T3.R3b.C2").as_deref(),
            Some("表三“三、本年度办理结果·（二）部分公开（区分处理的，只计这一情形，不计其他情形）”行“商业企业”列")
        );
        assert_eq!(
            zh("T2.norm.valid").as_deref(),
            Some("表二“行政规范性文件”行“现行有效件数”列")
        );
        assert_eq!(
            zh("T2.fee").as_deref(),
            Some("表二“行政事业性收费”行“本年收费金额（单位：万元）”列")
        );
        assert_eq!(
            en("T2.licensing.delta").as_deref(),
            Some("Table 2 row “administrative licensing”, column “change this year”")
        );
        for k in [
            "T3.R9.C1", "T3.R1.C8", "T4.RV", "T5.x.y", "T2.reg", "", "T3",
        ] {
            assert_eq!(cell_name(k), None, "{k}");
        }
        // every cell of every table has a name, and no name contains a key
        let mut keys = Vec::new();
        for r in T3_ROWS {
            for c in T3_COLS {
                keys.push(key("T3", r.key, c.key));
            }
        }
        for g in T4_GROUPS {
            for c in T4_COLS {
                keys.push(key("T4", g.key, c.key));
            }
        }
        for rows in [T2_ROWS, T2_ROWS_2019] {
            for r in rows {
                for c in r.cols {
                    keys.push(t2_key(r, c));
                }
            }
        }
        for k in &keys {
            let (z, e) = cell_name(k).unwrap_or_else(|| panic!("{k} has no name"));
            for n in [&z, &e] {
                assert!(
                    !["T2.", "T3.", "T4."].iter().any(|t| n.contains(t)),
                    "{k}: {n}"
                );
            }
        }
    }
}
