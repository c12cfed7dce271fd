//! The corpus' prose, translated into checks on findings: the truth files' traps
//! (`not_findings`) and the peer corpus' `expected_findings`. Each translation is tied to the
//! text it translates (the start of the note or rule text); `corpus.rs` fails on any note or
//! entry without exactly one translation, and on any translation left without its text.

use super::Pat;
use nianbao_core::{Outcome, Severity};

// Traps: the truth files' `not_findings`, translated

/// A trap of a truth file: any finding matching one of `hits` is a false positive.
pub struct Trap {
    pub file: &'static str,
    /// The start of the truth's note: ties the translation to it.
    pub note: &'static str,
    pub hits: &'static [Pat],
}

/// A trap's pattern: warnings and errors with outcome `fail`.
pub const T: Pat = Pat {
    rules: &[],
    cells: &[],
    text: None,
    at_least: Severity::Warning,
    fail_only: true,
};

pub const T3_ARITHMETIC: &[&str] = &["T3-IDENTITY", "T3-RESULTS-TOTAL", "T3-ROW-TOTAL"];

pub static TRAPS: &[Trap] = &[
    Trap {
        file: "003_pingtan_2021.txt",
        note: "T2 行政事业性收费 '24252.311082'",
        // One cell: any finding on T2.fee (ambiguous, not an integer, a column missing…).
        hits: &[Pat {
            cells: &["T2.fee"],
            ..T
        }],
    },
    Trap {
        file: "003_pingtan_2021.txt",
        note: "breadcrumb/toolbar chrome",
        hits: &[
            Pat {
                text: Some("当前位置：首页政务公开政府信息公开政府信息公开年报"),
                ..T
            },
            Pat {
                text: Some("来源：平潭县人民政府"),
                ..T
            },
            Pat {
                text: Some("微信 微博 QQ空间 全真版 文字版 文件下载 相关链接"),
                ..T
            },
            Pat {
                text: Some("附件下载"),
                ..T
            },
        ],
    },
    Trap {
        file: "004_pingtan_2022.txt",
        note: "text 收到75件",
        hits: &[Pat {
            text: Some("收到政府信息公开申请75件"),
            ..T
        }],
    },
    Trap {
        file: "008_shanghai-bgt_2019.html",
        note: "columns C1..C6 satisfy both identities",
        hits: &[
            Pat {
                rules: &["T3-IDENTITY"],
                ..T
            },
            Pat {
                rules: &["T3-RESULTS-TOTAL"],
                cells: &[
                    "T3.R3g.C1",
                    "T3.R3g.C2",
                    "T3.R3g.C3",
                    "T3.R3g.C4",
                    "T3.R3g.C5",
                    "T3.R3g.C6",
                ],
                ..T
            },
        ],
    },
    Trap {
        file: "008_shanghai-bgt_2019.html",
        note: "2019 format in a 2019 report",
        hits: &[Pat {
            rules: &["FORMAT-OUTDATED"],
            ..T
        }],
    },
    Trap {
        file: "008_shanghai-bgt_2019.html",
        note: "text 主动公开规章13件，行政规范性文件60件",
        hits: &[
            Pat {
                text: Some("主动公开规章13件，行政规范性文件60件"),
                ..T
            },
            Pat {
                rules: &["TEXT-TABLE-MISMATCH"],
                cells: &["T2.reg.*", "T2.norm.*"],
                ..T
            },
        ],
    },
    Trap {
        file: "008_shanghai-bgt_2019.html",
        note: "不予公开35件 = 32 (自然人) + 3",
        // TEXT-ENUMERATION's expected span covers the whole list, these phrases included.
        hits: &[
            Pat {
                rules: &["TEXT-TABLE-MISMATCH"],
                text: Some("不予公开35件"),
                ..T
            },
            Pat {
                rules: &["TEXT-TABLE-MISMATCH"],
                text: Some("不予处理158件"),
                ..T
            },
            Pat {
                rules: &["TEXT-TABLE-MISMATCH"],
                cells: &["T3.R3c*", "T3.R3e*"],
                ..T
            },
        ],
    },
    Trap {
        file: "009_huaian_2024.txt",
        note: "（六） sub-rows numbered '1、2、3、'",
        hits: &[
            Pat {
                rules: &["ROW-MISSING", "FORMAT-MIXED", "FORMAT-OUTDATED"],
                ..T
            },
            Pat {
                cells: &["T3.R3f*"],
                ..T
            },
        ],
    },
    Trap {
        file: "009_huaian_2024.txt",
        note: "text 新增公开市政府规章 1 件",
        hits: &[
            Pat {
                text: Some("新增公开市政府规章 1 件"),
                ..T
            },
            Pat {
                text: Some("政策性文件 11 件"),
                ..T
            },
            Pat {
                rules: &["TEXT-TABLE-MISMATCH"],
                cells: &["T2.*"],
                ..T
            },
        ],
    },
    Trap {
        file: "009_huaian_2024.txt",
        note: "vertical label '三、本年度办理结果'",
        hits: &[
            Pat {
                text: Some("-4-"),
                ..T
            },
            Pat {
                rules: &["SECTION-ORDER", "SECTION-MISSING"],
                ..T
            },
        ],
    },
    Trap {
        file: "010_hongze_2023.txt",
        note: "表三 all identities hold",
        hits: &[Pat {
            rules: T3_ARITHMETIC,
            ..T
        }],
    },
    Trap {
        file: "010_hongze_2023.txt",
        note: "六 states 信息处理费 0 元",
        hits: &[Pat {
            rules: &["FEE-STATEMENT-MISSING"],
            ..T
        }],
    },
    Trap {
        file: "011_hongze_2024.txt",
        note: "text '区政府办代表区政府受理政府信息公开申请 17 件'",
        // "must not be an error (a scope warning is tolerable)"
        hits: &[
            Pat {
                text: Some("区政府办代表区政府受理政府信息公开申请 17 件"),
                at_least: Severity::Error,
                ..T
            },
            Pat {
                rules: &["TEXT-TABLE-MISMATCH"],
                cells: &["T3.R1.C7"],
                at_least: Severity::Error,
                ..T
            },
        ],
    },
    Trap {
        file: "011_hongze_2024.txt",
        note: "表二 现行有效 8 = 2023's 5",
        // Checked with 010 as last year's report.
        hits: &[Pat {
            rules: &["VALID-COUNT-CONTINUITY"],
            ..T
        }],
    },
    Trap {
        file: "012_pingtan_2018.txt",
        note: "format pre2019 is the right template",
        hits: &[
            Pat {
                rules: &["FORMAT-OUTDATED", "FORMAT-MIXED", "FORMAT-UNKNOWN"],
                ..T
            },
            // "out of scope for table checks"
            Pat {
                rules: &["TABLE-MISSING", "ROW-MISSING", "COLUMN-MISSING"],
                ..T
            },
        ],
    },
    Trap {
        file: "012_pingtan_2018.txt",
        note: "sections 三/五/六 have pre-2019 titles",
        hits: &[Pat {
            rules: &["SECTION-MISSING", "SECTION-ORDER"],
            ..T
        }],
    },
    Trap {
        file: "012_pingtan_2018.txt",
        note: "breakdown of 主动公开 2069条",
        hits: &[Pat {
            rules: &["TEXT-ENUMERATION", "TEXT-TABLE-MISMATCH"],
            text: Some("2069条"),
            ..T
        }],
    },
    Trap {
        file: "014_pingtan-lwtj_2019.txt",
        note: "主动公开514条",
        hits: &[Pat {
            rules: &["TEXT-ENUMERATION", "TEXT-TABLE-MISMATCH"],
            text: Some("514条"),
            ..T
        }],
    },
];

// The peer corpus

/// One `expected_findings` entry of the peer corpus, translated.
pub struct PeerExpect {
    /// The input: `peer/<folder>` or `peer/<folder>/<file>`.
    pub input: &'static str,
    /// The start of the entry's `rule` text (or of the entry, when it is a string).
    pub rule: &'static str,
    pub map: Map,
}

pub enum Map {
    /// The entry holds when every check does.
    Checks(&'static [Check]),
    /// No rule of ours corresponds (the reason).
    Unmapped(&'static str),
}

pub enum Check {
    /// A finding like this (these are paired one-to-one with findings, per input).
    Has(Want),
    /// No finding matches.
    No(Pat),
}

#[derive(Clone, Copy)]
pub struct Want {
    pub rules: &'static [&'static str],
    pub cells: &'static [&'static str],
    pub outcome: Option<Outcome>,
    pub severity: Option<Severity>,
    pub text: Option<&'static str>,
}

pub const W: Want = Want {
    rules: &[],
    cells: &[],
    outcome: None,
    severity: None,
    text: None,
};

/// "No finding": any severity and outcome (a PASS is not a not-assessable either).
pub const N: Pat = Pat {
    rules: &[],
    cells: &[],
    text: None,
    at_least: Severity::Info,
    fail_only: false,
};

pub const T3_T4_ARITHMETIC: &[&str] = &[
    "T3-IDENTITY",
    "T3-RESULTS-TOTAL",
    "T3-ROW-TOTAL",
    "T4-GROUP-TOTAL",
];
pub const SINGLE_ROW_F: &[&str] = &["FORMAT-MIXED", "ROW-MISSING", "FORMAT-OUTDATED"];
pub const NO_FEE_MISSING: Check = Check::No(Pat {
    rules: &["FEE-STATEMENT-MISSING"],
    ..N
});
pub const NO_DEADLINE: Check = Check::No(Pat {
    rules: &["DEADLINE-LATE"],
    ..N
});
pub const NO_T4: Check = Check::No(Pat {
    rules: &["T4-GROUP-TOTAL"],
    ..N
});
pub const NO_SECTION: Check = Check::No(Pat {
    rules: &["SECTION-MISSING", "SECTION-ORDER"],
    ..N
});

pub static PEER: &[PeerExpect] = &[
    // 洪泽区 2023 (real PDF, PyMuPDF text)
    PeerExpect {
        input: "peer/hongze-district-gov-2023",
        rule: "t4 sum, 行政复议",
        map: Map::Checks(&[Check::Has(Want {
            rules: &["T4-GROUP-TOTAL"],
            cells: &["T4.RV.m", "T4.RV.c", "T4.RV.o", "T4.RV.p", "T4.RV.t"],
            outcome: Some(Outcome::Fail),
            ..W
        })]),
    },
    PeerExpect {
        input: "peer/hongze-district-gov-2023",
        rule: "t4 sum, 复议后起诉",
        map: Map::Checks(&[Check::Has(Want {
            rules: &["T4-GROUP-TOTAL"],
            cells: &["T4.LR.m", "T4.LR.c", "T4.LR.o", "T4.LR.p", "T4.LR.t"],
            outcome: Some(Outcome::Fail),
            ..W
        })]),
    },
    PeerExpect {
        input: "peer/hongze-district-gov-2023",
        rule: "t4 sum, 未经复议直接起诉",
        map: Map::Checks(&[Check::No(Pat {
            rules: &["T4-GROUP-TOTAL"],
            cells: &["T4.LD.*"],
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/hongze-district-gov-2023",
        rule: "t3 identity / results total / row totals",
        map: Map::Checks(&[Check::No(Pat {
            rules: T3_ARITHMETIC,
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/hongze-district-gov-2023",
        rule: "table-3 layout: （六）其他处理 given as one data row",
        map: Map::Checks(&[Check::Has(Want {
            rules: SINGLE_ROW_F,
            ..W
        })]),
    },
    PeerExpect {
        input: "peer/hongze-district-gov-2023",
        rule: "label typo in 表三",
        map: Map::Checks(&[Check::Has(Want {
            rules: &["TEXT-TYPO"],
            text: Some("其他法律行政止公开"),
            ..W
        })]),
    },
    PeerExpect {
        input: "peer/hongze-district-gov-2023",
        rule: "text vs table: '2023 年全区受理",
        map: Map::Checks(&[Check::No(Pat {
            rules: &["TEXT-TABLE-MISMATCH"],
            cells: &["T3.R1.C7"],
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/hongze-district-gov-2023",
        rule: "section 六 states 信息处理费",
        map: Map::Checks(&[NO_FEE_MISSING]),
    },
    // 洪泽区 2024 (paired with 2023)
    PeerExpect {
        input: "peer/hongze-district-gov-2024",
        rule: "all table-3 and table-4 arithmetic",
        map: Map::Checks(&[Check::No(Pat {
            rules: T3_T4_ARITHMETIC,
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/hongze-district-gov-2024",
        rule: "text vs table: '区政府办代表区政府受理",
        // WARN: a warning on the sentence, never an error (raw/011's truth says the same).
        map: Map::Checks(&[
            Check::Has(Want {
                rules: &["TEXT-TABLE-MISMATCH"],
                cells: &["T3.R1.C7"],
                severity: Some(Severity::Warning),
                ..W
            }),
            Check::No(Pat {
                cells: &["T3.R1.C7"],
                at_least: Severity::Error,
                ..N
            }),
        ]),
    },
    PeerExpect {
        input: "peer/hongze-district-gov-2024",
        rule: "cross-year with hongze-district-gov-2023",
        map: Map::Checks(&[Check::No(Pat {
            rules: &["CARRYOVER-MISMATCH"],
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/hongze-district-gov-2024",
        rule: "cross-year table 2",
        map: Map::Checks(&[Check::No(Pat {
            rules: &["VALID-COUNT-CONTINUITY"],
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/hongze-district-gov-2024",
        rule: "same (六) single-row layout",
        map: Map::Checks(&[
            Check::Has(Want {
                rules: SINGLE_ROW_F,
                ..W
            }),
            Check::Has(Want {
                rules: &["TEXT-TYPO"],
                text: Some("其他法律行政止公开"),
                ..W
            }),
        ]),
    },
    // 上海市人民政府办公厅 2025 (the peer's PDF text)
    PeerExpect {
        input: "peer/shanghai-gov-office-2025",
        rule: "all table-3 identities/results totals/row totals and table-4 sums",
        map: Map::Checks(&[Check::No(Pat {
            rules: T3_T4_ARITHMETIC,
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/shanghai-gov-office-2025",
        rule: "text vs table (受理/办结/category totals)",
        map: Map::Checks(&[Check::No(Pat {
            rules: &["TEXT-TABLE-MISMATCH"],
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/shanghai-gov-office-2025",
        rule: "section 五 heading absent in this extraction",
        map: Map::Checks(&[Check::Has(Want {
            rules: &["SECTION-MISSING"],
            ..W
        })]),
    },
    PeerExpect {
        input: "peer/shanghai-gov-office-2025",
        rule: "table-2 cells carry annotations",
        // "parser must keep the leading number and not fail"
        map: Map::Checks(&[Check::No(Pat {
            rules: &["COLUMN-MISSING", "CELL-NOT-NUMBER"],
            cells: &["T2.*"],
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/shanghai-gov-office-2025",
        rule: "section 六 fee statement",
        map: Map::Checks(&[NO_FEE_MISSING]),
    },
    // 上海市科委 2024 (the peer's PDF text, non-standard outline)
    PeerExpect {
        input: "peer/shanghai-stcsm-2024",
        rule: "non-standard outline",
        map: Map::Checks(&[Check::Has(Want {
            rules: &["SECTION-ORDER", "SECTION-MISSING"],
            ..W
        })]),
    },
    PeerExpect {
        input: "peer/shanghai-stcsm-2024",
        rule: "text contradiction: '所有申请均已按要求办理完成'",
        map: Map::Unmapped(
            "no rule of ours compares a claim that every application was handled with 表三 R4",
        ),
    },
    PeerExpect {
        input: "peer/shanghai-stcsm-2024",
        rule: "typos: '资金资金'",
        // The doubled word is TEXT-TYPO's business; the others (a cut word, a wrong word, a
        // half-width comma) are outside what our typo check claims to find.
        map: Map::Checks(&[Check::Has(Want {
            rules: &["TEXT-TYPO"],
            text: Some("资金资金"),
            ..W
        })]),
    },
    PeerExpect {
        input: "peer/shanghai-stcsm-2024",
        rule: "table-2 label '规范性文件'",
        map: Map::Unmapped(
            "a label variant: the ground-truth cells T2.norm.* check that it is read",
        ),
    },
    PeerExpect {
        input: "peer/shanghai-stcsm-2024",
        rule: "t3 identity C1 (32+2=33+1) and C2",
        map: Map::Checks(&[Check::No(Pat {
            rules: &["T3-IDENTITY"],
            cells: &["T3.R1.C1", "T3.R1.C2"],
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/shanghai-stcsm-2024",
        rule: "t3 C7 identity",
        // The blank 总计 of 四、结转 (R4.C7) is the one thing wrong: a blank total whose parts
        // are not all 0 is one CELL-BLANK error, not repeated by the identity it sits in.
        map: Map::Checks(&[
            Check::Has(Want {
                rules: &["CELL-BLANK"],
                cells: &["T3.R4.C7"],
                severity: Some(Severity::Error),
                ..W
            }),
            Check::No(Pat {
                rules: &["T3-IDENTITY"],
                cells: &["T3.R4.C7"],
                fail_only: true,
                ..N
            }),
        ]),
    },
    // 沭阳县 2025 (markdown/OCR text)
    PeerExpect {
        input: "peer/shuyang-county-gov-2025",
        rule: "all table-3 identities, results totals, row totals; all table-4 sums",
        map: Map::Checks(&[Check::No(Pat {
            rules: T3_T4_ARITHMETIC,
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/shuyang-county-gov-2025",
        rule: "text '共受理政府信息公开申请 749 件'",
        map: Map::Checks(&[Check::No(Pat {
            rules: &["TEXT-TABLE-MISMATCH"],
            cells: &["T3.*"],
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/shuyang-county-gov-2025",
        rule: "text '全县共办理相关案件 74 件'",
        map: Map::Checks(&[Check::No(Pat {
            rules: &["TEXT-TABLE-MISMATCH"],
            cells: &["T4.*"],
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/shuyang-county-gov-2025",
        rule: "section 六 信息处理费 380 元",
        map: Map::Checks(&[NO_FEE_MISSING]),
    },
    PeerExpect {
        input: "peer/shuyang-county-gov-2025",
        rule: "deadline: county government aggregate report",
        map: Map::Checks(&[NO_DEADLINE]),
    },
    // 沭阳县发改局 2023 (HTML with blank applicant columns)
    PeerExpect {
        input: "peer/shuyang-fgj-2023",
        rule: "t3 identity and results total for C1 and C7",
        map: Map::Checks(&[Check::No(Pat {
            rules: &["T3-IDENTITY", "T3-RESULTS-TOTAL"],
            cells: &["T3.R3g.C1", "T3.R3g.C7"],
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/shuyang-fgj-2023",
        rule: "blank cells in C2-C6 of 表三",
        // WARN: blank is not 0; the row totals hold with the blanks as 0, so CELL-BLANK is the
        // one finding (blanks are unknown counts: no row total fails, none is reported).
        map: Map::Checks(&[
            Check::Has(Want {
                rules: &["CELL-BLANK"],
                cells: &["T3.*.C2", "T3.*.C3", "T3.*.C4", "T3.*.C5", "T3.*.C6"],
                severity: Some(Severity::Warning),
                ..W
            }),
            Check::No(Pat {
                rules: &["T3-ROW-TOTAL"],
                fail_only: true,
                ..N
            }),
        ]),
    },
    PeerExpect {
        input: "peer/shuyang-fgj-2023",
        rule: "t4 sums",
        map: Map::Checks(&[NO_T4]),
    },
    PeerExpect {
        input: "peer/shuyang-fgj-2023",
        rule: "text vs table: '共收到依申请信息公开26件'",
        map: Map::Checks(&[Check::No(Pat {
            rules: &["TEXT-TABLE-MISMATCH"],
            cells: &["T3.R1.C7"],
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/shuyang-fgj-2023",
        rule: "table-2 row label '规范性文件'",
        // Accepted as the same row: no row reported missing.
        map: Map::Checks(&[Check::No(Pat {
            rules: &["ROW-MISSING"],
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/shuyang-fgj-2023",
        rule: "section 五 heading '五、存在的主要问题及整改措施'",
        map: Map::Checks(&[NO_SECTION]),
    },
    PeerExpect {
        input: "peer/shuyang-fgj-2023",
        rule: "section 六 fee statement",
        map: Map::Checks(&[NO_FEE_MISSING]),
    },
    PeerExpect {
        input: "peer/shuyang-fgj-2023",
        rule: "publication deadline",
        map: Map::Checks(&[NO_DEADLINE]),
    },
    // The peer's HTML test fixtures
    PeerExpect {
        input: "peer/test-fixtures-html/hangzhou-style-city-2025.html",
        rule: "all table-3 identities",
        map: Map::Checks(&[Check::No(Pat {
            rules: T3_ARITHMETIC,
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/test-fixtures-html/hangzhou-style-city-2025.html",
        rule: "all table-4 sums PASS",
        map: Map::Checks(&[NO_T4]),
    },
    PeerExpect {
        input: "peer/test-fixtures-html/hangzhou-style-city-2025.html",
        rule: "五 heading variant",
        map: Map::Checks(&[NO_SECTION]),
    },
    PeerExpect {
        input: "peer/test-fixtures-html/hangzhou-style-city-2025.html",
        rule: "六 states 信息处理费 400 元",
        map: Map::Checks(&[NO_FEE_MISSING]),
    },
    PeerExpect {
        input: "peer/test-fixtures-html/hangzhou-style-city-2025.html",
        rule: "table-3 header: row 3 has empty <td>",
        // A layout variant: nothing missing, nothing blank.
        map: Map::Checks(&[Check::No(Pat {
            rules: &[
                "TABLE-MISSING",
                "ROW-MISSING",
                "COLUMN-MISSING",
                "CELL-BLANK",
            ],
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/test-fixtures-html/fengxian-style-district-commission-2025.html",
        rule: "表三 has only rows 一, 二",
        // Structure: rows missing; the results total is not assessable (missing is not 0).
        map: Map::Checks(&[
            Check::Has(Want {
                rules: &["ROW-MISSING"],
                ..W
            }),
            Check::Has(Want {
                rules: &["T3-RESULTS-TOTAL"],
                cells: &["T3.R3g.C1"],
                outcome: Some(Outcome::NotAssessable),
                ..W
            }),
            Check::No(Pat {
                rules: &["T3-RESULTS-TOTAL"],
                fail_only: true,
                ..N
            }),
        ]),
    },
    PeerExpect {
        input: "peer/test-fixtures-html/fengxian-style-district-commission-2025.html",
        rule: "identity C1/C7 2+0=2+0 PASS",
        map: Map::Checks(&[Check::No(Pat {
            rules: &["T3-IDENTITY"],
            cells: &["T3.R1.C1", "T3.R1.C7"],
            ..N
        })]),
    },
    PeerExpect {
        input: "peer/test-fixtures-html/fengxian-style-district-commission-2025.html",
        rule: "table-3 note cell reads '勾稽说明'",
        map: Map::Unmapped("no rule of ours checks the wording of the table's note cell"),
    },
    PeerExpect {
        input: "peer/test-fixtures-html/fengxian-style-district-commission-2025.html",
        rule: "五 = '暂无突出问题。'",
        map: Map::Unmapped("no rule of ours judges a section by its length"),
    },
    PeerExpect {
        input: "peer/test-fixtures-html/fengxian-style-district-commission-2025.html",
        rule: "六 = '无。': no fee statement",
        map: Map::Checks(&[Check::Has(Want {
            rules: &["FEE-STATEMENT-MISSING"],
            severity: Some(Severity::Warning),
            ..W
        })]),
    },
    PeerExpect {
        input: "peer/test-fixtures-html/allzero-partial-tables-2025.html",
        rule: "sections 四, 五, 六 missing",
        map: Map::Checks(&[
            Check::Has(Want {
                rules: &["SECTION-MISSING"],
                ..W
            }),
            Check::Has(Want {
                rules: &["SECTION-MISSING"],
                ..W
            }),
            Check::Has(Want {
                rules: &["SECTION-MISSING"],
                ..W
            }),
        ]),
    },
    PeerExpect {
        input: "peer/test-fixtures-html/allzero-partial-tables-2025.html",
        rule: "table 2 has no 第二十条 captions",
        map: Map::Checks(&[Check::Has(Want {
            rules: &["ROW-MISSING"],
            ..W
        })]),
    },
    PeerExpect {
        input: "peer/test-fixtures-html/allzero-partial-tables-2025.html",
        rule: "table 3 has only row 一; table 4 absent",
        map: Map::Checks(&[
            Check::Has(Want {
                rules: &["TABLE-MISSING"],
                ..W
            }),
            Check::No(Pat {
                rules: T3_T4_ARITHMETIC,
                fail_only: true,
                ..N
            }),
        ]),
    },
    PeerExpect {
        input: "peer/test-fixtures-html/huangpu-finance-bureau-2025-with-chrome.html",
        rule: "page chrome ignored",
        map: Map::Checks(&[
            Check::No(Pat {
                text: Some("繁體版"),
                ..N
            }),
            Check::No(Pat {
                text: Some("当前位置"),
                ..N
            }),
            Check::No(Pat {
                text: Some("ICP备案"),
                ..N
            }),
        ]),
    },
    PeerExpect {
        input: "peer/test-fixtures-html/huangpu-finance-bureau-2025-with-chrome.html",
        rule: "table 2 incomplete",
        map: Map::Checks(&[Check::Has(Want {
            rules: &["ROW-MISSING"],
            ..W
        })]),
    },
    PeerExpect {
        input: "peer/test-fixtures-html/huangpu-finance-bureau-2025-with-chrome.html",
        rule: "table 3 has 2 applicant columns only",
        map: Map::Checks(&[
            Check::Has(Want {
                rules: &["COLUMN-MISSING", "ROW-MISSING", "TABLE-MISSING"],
                ..W
            }),
            Check::No(Pat {
                rules: T3_T4_ARITHMETIC,
                fail_only: true,
                ..N
            }),
        ]),
    },
    PeerExpect {
        input: "peer/test-fixtures-html/generic-unit-2025-article-content.html",
        rule: "tables 3 and 4 replaced by prose",
        map: Map::Checks(&[
            Check::Has(Want {
                rules: &["TABLE-MISSING"],
                ..W
            }),
            Check::Has(Want {
                rules: &["TABLE-MISSING"],
                ..W
            }),
        ]),
    },
    PeerExpect {
        input: "peer/test-fixtures-html/generic-unit-2025-article-content.html",
        rule: "六 = '无其他需要报告的事项。' with no fee statement",
        map: Map::Checks(&[Check::Has(Want {
            rules: &["FEE-STATEMENT-MISSING"],
            severity: Some(Severity::Warning),
            ..W
        })]),
    },
    // The peer's text test fixtures (excerpts of real reports)
    PeerExpect {
        input: "peer/test-fixtures-text/suqian-city-2025-excerpt.md",
        rule: "table 4 sums PASS",
        map: Map::Checks(&[NO_T4]),
    },
    PeerExpect {
        input: "peer/test-fixtures-text/suqian-city-2025-excerpt.md",
        rule: "table-4 header is the fused line",
        map: Map::Unmapped("a reading expectation (cells), and the fixture has no ground_truth"),
    },
    PeerExpect {
        input: "peer/test-fixtures-text/suqian-city-2025-excerpt.md",
        rule: "table 3 incomplete",
        map: Map::Checks(&[
            Check::Has(Want {
                rules: &["ROW-MISSING", "TABLE-MISSING"],
                ..W
            }),
            Check::No(Pat {
                rules: T3_ARITHMETIC,
                fail_only: true,
                ..N
            }),
        ]),
    },
    PeerExpect {
        input: "peer/test-fixtures-text/suqian-city-2025-excerpt.md",
        rule: "cross-year with suqian-city-2023-vs-2024",
        map: Map::Unmapped("the 2024 report is not in the corpus, only the peer's export of it"),
    },
    PeerExpect {
        input: "peer/test-fixtures-text/suqian-city-2025-excerpt.md",
        rule: "六 states 信息处理费 380 元",
        map: Map::Checks(&[NO_FEE_MISSING]),
    },
    PeerExpect {
        input: "peer/test-fixtures-text/dapuqiao-street-2025-excerpt.md",
        rule: "headings 一、总体情况 / 五 / 六 missing",
        map: Map::Checks(&[
            Check::Has(Want {
                rules: &["SECTION-MISSING"],
                ..W
            }),
            Check::Has(Want {
                rules: &["SECTION-MISSING"],
                ..W
            }),
            Check::Has(Want {
                rules: &["SECTION-MISSING"],
                ..W
            }),
        ]),
    },
    PeerExpect {
        input: "peer/test-fixtures-text/dapuqiao-street-2025-excerpt.md",
        rule: "table 4 flattened row without any header",
        map: Map::Checks(&[NO_T4]),
    },
    PeerExpect {
        input: "peer/test-fixtures-text/dapuqiao-street-2025-excerpt.md",
        rule: "table 3 only R1 = 19",
        map: Map::Unmapped("points at a sentence in cases/peer-rule-cases.json; states no finding"),
    },
    PeerExpect {
        input: "peer/test-fixtures-text/dapuqiao-street-2025-excerpt.md",
        rule: "六 fee statement present",
        map: Map::Checks(&[NO_FEE_MISSING]),
    },
];

/// Peer folders that hold no report to check, and why.
pub const PEER_NOT_RUN: &[(&str, &str)] = &[
    (
        "cases",
        "rule cases lifted from the peer's tests, not reports",
    ),
    (
        "huaian-city-gov-2024",
        "its text and truth are raw/009_huaian_2024.txt",
    ),
    ("jinhu-county-2023", "the peer's parsed JSON, not a report"),
    ("peer-output", "the peer's output, not a report"),
    (
        "structured-import-fixture",
        "the .md is a stub; the data is the peer's own JSON",
    ),
    (
        "suqian-city-2023-vs-2024",
        "the peer's comparison export (two years interleaved), not a report",
    ),
];
