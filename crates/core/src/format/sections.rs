//! The six sections of a report (一、总体情况 … 六、其他需要报告的事项), their accepted
//! wordings, and the headings of reports older than the 2019 format.

use super::Table;

#[derive(Debug)]
pub struct SectionSpec {
    pub number: u8,
    /// The table the section holds (二 → 表二 …).
    pub table: Option<Table>,
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
        table: None,
        standard: "一、总体情况",
        en: "I. Overview",
        keys: &["总体情况", "概述"],
        variants: &["概述"],
    },
    SectionSpec {
        number: 2,
        table: Some(Table::T2),
        standard: "二、主动公开政府信息情况",
        en: "II. Proactive disclosure",
        keys: &["主动公开"],
        variants: &["行政机关主动公开政府信息情况", "主动公开政府信息"],
    },
    SectionSpec {
        number: 3,
        table: Some(Table::T3),
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
        table: Some(Table::T4),
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
        table: None,
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
        table: None,
        standard: "六、其他需要报告的事项",
        en: "VI. Other matters",
        keys: &["其他需要报告", "其他事项", "其他报告事项", "统计表"],
        variants: &["其他事项", "其他需要报告事项"],
    },
];

pub fn section(number: u8) -> Option<&'static SectionSpec> {
    SECTIONS.iter().find(|s| s.number == number)
}

/// The section a numbered heading names, from the text after its numbering (folded).
pub fn heading(rest: &str) -> Option<&'static SectionSpec> {
    if HEADING_LIKE_ROWS.iter().any(|k| rest.contains(k)) {
        return None;
    }
    SECTIONS
        .iter()
        .find(|s| s.keys.iter().any(|k| rest.contains(k)))
}

/// 表三 row labels that are numbered like section headings (`一、本年新收…`, `四、结转下年度…`):
/// a line with one of these words is no section heading.
pub const HEADING_LIKE_ROWS: &[&str] = &["本年新收", "上年结转", "本年度办理结果", "结转下年"];

/// Headings of the structure used before 2019.
pub const PRE2019_MARKERS: &[&str] = &[
    "概述",
    "依申请公开政府信息情况",
    "收费及减免",
    "政府信息公开情况统计表",
    "依申请公开工作情况",
];

/// A theme that 一、总体情况 is expected to cover, and the words that show it is covered (any
/// one of them).
#[derive(Debug)]
pub struct Theme {
    pub zh: &'static str,
    pub en: &'static str,
    pub words: &'static [&'static str],
}

/// The five themes of 一、总体情况 (国办公开办函〔2021〕30号: 主动公开、依申请公开、政府信息管理、
/// 政府信息公开平台建设、监督保障).
pub static OVERVIEW_THEMES: &[Theme] = &[
    Theme {
        zh: "主动公开",
        en: "proactive disclosure",
        words: &["主动公开"],
    },
    Theme {
        zh: "依申请公开",
        en: "disclosure on request",
        words: &["依申请", "申请公开", "公开申请"],
    },
    Theme {
        zh: "政府信息管理",
        en: "information management",
        words: &["信息管理", "规范性文件", "公开属性"],
    },
    Theme {
        zh: "政府信息公开平台建设",
        en: "disclosure platforms",
        words: &["平台", "网站", "新媒体", "公报"],
    },
    Theme {
        zh: "监督保障",
        en: "supervision and safeguards",
        words: &["监督", "保障"],
    },
];

/// What a people's government's 监督保障 also covers (条例第五十条第四项: 工作考核、社会评议和
/// 责任追究结果情况).
pub static GOVERNMENT_THEMES: &[Theme] = &[
    Theme {
        zh: "工作考核",
        en: "performance assessment",
        words: &["考核"],
    },
    Theme {
        zh: "社会评议",
        en: "public appraisal",
        words: &["评议"],
    },
    Theme {
        zh: "责任追究",
        en: "accountability",
        words: &["追究", "问责"],
    },
];

/// How a people's government's name ends (its own report, not a department's).
pub const GOVERNMENT_ENDS: &[&str] = &["人民政府"];
