//! The cells of the tables, one by one: blank (CELL-BLANK), a placeholder
//! (CELL-PLACEHOLDER), text (CELL-NOT-NUMBER), a negative count (CELL-NEGATIVE), a count
//! that is no integer (CELL-NOT-INTEGER), and cells the reader could not split apart
//! (CELLS-AMBIGUOUS, from its notes).

use super::arithmetic::single_f;
use super::words::{cell_list, names, note_row, pick, table, table_of, table_or_report, CellName};
use super::{Case, Finding, Group, Rule, RuleDoc, RuleId, Scope, Severity, Violation};
use crate::format::{t3, t4, CellKey, ColKind, RowId, Table};
use crate::lang::Lang;
use crate::model::{number_with_unit, CandidateCount, CellValue, Note, Report};

/// How many cells a list of blank or placeholder cells names before it says how many more.
const LISTED: usize = 6;

/// CELL-BLANK: cells with nothing written in them, as a list per severity.
pub(crate) const CELL_BLANK: Rule = Rule {
    id: RuleId::CellBlank,
    severity: Severity::Warning,
    cases: &[
        Case {
            severity: Severity::Warning,
            zh: "空白单元格",
            en: "a blank cell",
        },
        Case {
            severity: Severity::Error,
            zh: "合计单元格空白而其组成部分不全为0",
            en: "a blank total whose parts are not all 0",
        },
    ],
    scope: Scope::NationalTables,
    group: Group::OfTable,
    title_zh: "单元格空白",
    title_en: "Blank cell",
};

/// Why CELL_BLANK exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const CELL_BLANK_DOC: RuleDoc = RuleDoc {
    zh: "为什么：空白不等于0。空白单元格让读者无法分辨“没有发生”与“漏填”。校验勾稽关系时，空白按未知的非负件数看待：空白按0计已相等的，只报本条；只有空白不为0才能相等的，勾稽关系报警告；空白填什么数都不能相等的，勾稽关系报错误。总计单元格空白而其组成部分不全为0时，属于错误（例如“总计”列整列未填），所在的勾稽关系不再重复报告。\n怎样改：没有发生的填0；总计按各项之和填写。本工具从不把空白当作0。",
    en: "Why: blank is not 0. A blank cell cannot be told apart from an omission. The identities read a blank as an unknown count ≥ 0: when they hold with the blanks as 0, only this rule reports them; when they can hold only if a blank is not 0, the identity is a warning; when no count in the blanks makes them hold, an error. A blank total whose parts are not all 0 is an error (e.g. an unfilled 总计 column), not repeated for the identities it sits in.\nHow to fix: write 0 where nothing happened and fill totals with the sum of their parts. This tool never reads a blank as 0.",
};

struct CellBlank {
    /// Their table, or `None` when they are in several.
    table: Option<Table>,
    /// The first of them.
    listed: Vec<CellName>,
    /// How many.
    n: usize,
    /// Totals whose parts are not all 0 (an error) rather than other blanks (a warning).
    totals: bool,
}

impl Violation for CellBlank {
    fn rule(&self) -> RuleId {
        RuleId::CellBlank
    }
    fn severity(&self) -> Severity {
        if self.totals {
            Severity::Error
        } else {
            Severity::Warning
        }
    }
    fn message(&self, lang: Lang) -> String {
        let CellBlank {
            table, listed, n, ..
        } = self;
        let (table, list) = (table_or_report(*table, lang), cell_list(listed, *n, lang));
        match lang {
            Lang::Zh => format!("{table}有{n}个单元格空白（应填写数字，没有的填0）：{list}"),
            Lang::En => format!(
                "{table} has {n} blank cell(s) (write a number, 0 when there is none): {list}"
            ),
        }
    }
}

/// CELL-PLACEHOLDER: cells with `/`, `—`, `无` … instead of a number.
pub(crate) const CELL_PLACEHOLDER: Rule = Rule {
    id: RuleId::CellPlaceholder,
    severity: Severity::Warning,
    cases: &[],
    scope: Scope::NationalTables,
    group: Group::OfTable,
    title_zh: "单元格为占位符",
    title_en: "Placeholder instead of a number",
};

/// Why CELL_PLACEHOLDER exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const CELL_PLACEHOLDER_DOC: RuleDoc = RuleDoc {
    zh: "为什么：统一格式的表格要求填写数字。“/”“—”“无”等占位符含义不明（是0，还是不适用、未统计？），勾稽关系把它按未知的非负件数看待（与空白相同）。\n怎样改：没有发生的填0。",
    en: "Why: the national tables expect numbers. Placeholders such as /, — or 无 are ambiguous (zero? not applicable? not counted?) and are read by the identities as unknown counts ≥ 0, as blanks are.\nHow to fix: write 0 where nothing happened.",
};

struct CellPlaceholder {
    table: Option<Table>,
    listed: Vec<CellName>,
    n: usize,
}

impl Violation for CellPlaceholder {
    fn rule(&self) -> RuleId {
        RuleId::CellPlaceholder
    }
    fn message(&self, lang: Lang) -> String {
        let CellPlaceholder { table, listed, n } = self;
        let (table, list) = (table_or_report(*table, lang), cell_list(listed, *n, lang));
        match lang {
            Lang::Zh => format!("{table}有{n}个单元格填写了占位符而非数字：{list}"),
            Lang::En => {
                format!("{table} has {n} cell(s) with a placeholder instead of a number: {list}")
            }
        }
    }
}

/// CELL-NOT-NUMBER: text in a cell (a warning when it is a number written with its unit,
/// or an amount).
pub(crate) const CELL_NOT_NUMBER: Rule = Rule {
    id: RuleId::CellNotNumber,
    severity: Severity::Error,
    cases: &[
        Case {
            severity: Severity::Error,
            zh: "文字",
            en: "text",
        },
        Case {
            severity: Severity::Warning,
            zh: "带单位的数字（如“12件”），或金额栏中的内容",
            en: "a number written with its unit (12件), or an amount",
        },
    ],
    scope: Scope::NationalTables,
    group: Group::OfTable,
    title_zh: "单元格不是数字",
    title_en: "Cell is not a number",
};

/// Why CELL_NOT_NUMBER exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const CELL_NOT_NUMBER_DOC: RuleDoc = RuleDoc {
    zh: "为什么：表格单元格应只填数字；带单位（如“12件”“251000元”）或文字的内容无法参与合计，单位也可能与表头不一致（表二收费金额的单位是万元）。\n怎样改：只填数字，单位以表头为准。",
    en: "Why: table cells must hold numbers only; text or units (12件, 251000元) cannot be summed and may contradict the unit in the header (table 2 fees are in 10,000 yuan).\nHow to fix: write the bare number, in the unit of the header.",
};

/// CELL-NEGATIVE: a negative count or amount.
pub(crate) const CELL_NEGATIVE: Rule = Rule {
    id: RuleId::CellNegative,
    severity: Severity::Error,
    cases: &[],
    scope: Scope::NationalTables,
    group: Group::OfTable,
    title_zh: "数量为负数",
    title_en: "Negative count",
};

/// Why CELL_NEGATIVE exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const CELL_NEGATIVE_DOC: RuleDoc = RuleDoc {
    zh: "为什么：件数和金额不可能为负。只有2019年试行格式表二的“本年增/减”列允许负数（减少用负值表示）。\n怎样改：核对原始台账，填写正确的非负数。",
    en: "Why: counts and amounts cannot be negative; only the 2019 table 2 column 本年增/减 (change) may be.\nHow to fix: check the records and write the correct non-negative number.",
};

/// CELL-NOT-INTEGER: a count with decimals.
pub(crate) const CELL_NOT_INTEGER: Rule = Rule {
    id: RuleId::CellNotInteger,
    severity: Severity::Error,
    cases: &[],
    scope: Scope::NationalTables,
    group: Group::OfTable,
    title_zh: "件数不是整数",
    title_en: "Count is not an integer",
};

/// Why CELL_NOT_INTEGER exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const CELL_NOT_INTEGER_DOC: RuleDoc = RuleDoc {
    zh: "为什么：申请、文件、决定、案件的件数只能是整数。只有金额（表二“本年收费金额（单位：万元）”等）可以有小数。\n怎样改：填写整数件数；若填的是金额，请移到金额栏。",
    en: "Why: numbers of applications, documents, decisions and cases are whole numbers; only amounts (table 2 fees in 10,000 yuan) may have decimals.\nHow to fix: write the whole count.",
};

/// One cell that is wrong as it stands: CELL-NOT-NUMBER, CELL-NEGATIVE, CELL-NOT-INTEGER.
struct BadCell<'r> {
    cell: CellName,
    /// The cell's text as written.
    raw: &'r str,
    problem: Problem,
}

enum Problem {
    /// Text; `lenient` when it is a number written with its unit (`12件`) or an amount.
    NotNumber {
        lenient: bool,
    },
    Negative,
    NotInteger,
}

impl Violation for BadCell<'_> {
    fn rule(&self) -> RuleId {
        match self.problem {
            Problem::NotNumber { .. } => RuleId::CellNotNumber,
            Problem::Negative => RuleId::CellNegative,
            Problem::NotInteger => RuleId::CellNotInteger,
        }
    }
    fn severity(&self) -> Severity {
        match self.problem {
            Problem::NotNumber { lenient: true } => Severity::Warning,
            _ => self.rule().meta().severity,
        }
    }
    fn message(&self, lang: Lang) -> String {
        let BadCell { cell, raw, problem } = self;
        let (t, row, col) = (table(cell.key.table, lang), cell.row(lang), cell.col(lang));
        match (problem, lang) {
            (Problem::NotNumber { .. }, Lang::Zh) => {
                format!("{t}“{row}”行“{col}”列的内容“{raw}”不是数字")
            }
            (Problem::NotNumber { .. }, Lang::En) => {
                format!("{t} row “{row}”, column “{col}”: “{raw}” is not a number")
            }
            (Problem::Negative, Lang::Zh) => format!("{t}“{row}”行“{col}”列为负数（{raw}）"),
            (Problem::Negative, Lang::En) => {
                format!("{t} row “{row}”, column “{col}” is negative ({raw})")
            }
            (Problem::NotInteger, Lang::Zh) => {
                format!("{t}“{row}”行“{col}”列是件数，应为整数，实际为{raw}")
            }
            (Problem::NotInteger, Lang::En) => format!(
                "{t} row “{row}”, column “{col}” is a count and must be an integer, found {raw}"
            ),
        }
    }
}

/// Totals: the cells that are the sum of others, with their parts.
fn total_parts(report: &Report, key: CellKey) -> Vec<CellKey> {
    match key.table {
        Table::T3 if key.col == t3::TOTAL => t3::parts().map(|c| t3::cell(key.row, c.id)).collect(),
        Table::T3 if key.row == t3::R3G => t3::outcome_rows(single_f(report))
            .map(|r| r.cell(key.col))
            .collect(),
        Table::T4 if key.col == t4::TOTAL => t4::parts().map(|c| t4::cell(key.row, c.id)).collect(),
        _ => Vec::new(),
    }
}

/// A blank total whose parts are not all 0: a CELL-BLANK error, and the one finding of the
/// identities it sits in that only it could balance (the arithmetic reports no more).
pub(super) fn blank_total(report: &Report, key: CellKey) -> bool {
    matches!(report.value(key), Some(CellValue::Blank))
        && total_parts(report, key).into_iter().any(|k| {
            report
                .value(k)
                .and_then(CellValue::number)
                .is_some_and(|n| n.units != 0)
        })
}

/// The cell rules, cell by cell in template order, then the lists of blank totals, other
/// blanks and placeholders.
pub(super) fn check(report: &Report, out: &mut Vec<Finding>) {
    let mut blank_totals = Vec::new();
    let mut blanks = Vec::new();
    let mut placeholders = Vec::new();
    for cell in &report.cells {
        let kind = cell.key.kind();
        let bad = |problem| {
            let v = BadCell {
                cell: CellName::of(report, cell.key),
                raw: &cell.raw,
                problem,
            };
            Finding::new(&v).with_cells(vec![cell.key]).at(cell.span)
        };
        match &cell.value {
            CellValue::Blank => {
                if blank_total(report, cell.key) {
                    blank_totals.push(cell.key);
                } else {
                    blanks.push(cell.key);
                }
            }
            CellValue::Placeholder(_) => placeholders.push(cell.key),
            CellValue::Text(_) => {
                // A number written with its unit (251000元, 1个, 12件) is a format slip the
                // reader can see through; other text is an error.
                let lenient = kind == ColKind::Amount || number_with_unit(&cell.raw);
                out.push(bad(Problem::NotNumber { lenient }));
            }
            CellValue::Number(n) => {
                if n.is_negative() && kind != ColKind::Delta {
                    out.push(bad(Problem::Negative));
                }
                if !n.is_integer() && kind != ColKind::Amount {
                    out.push(bad(Problem::NotInteger));
                }
            }
        }
    }
    let listed = |keys: &[CellKey]| names(report, &keys[..keys.len().min(LISTED)]);
    for (keys, totals) in [(blank_totals, true), (blanks, false)] {
        if !keys.is_empty() {
            let v = CellBlank {
                table: table_of(&keys),
                listed: listed(&keys),
                n: keys.len(),
                totals,
            };
            out.push(Finding::new(&v).with_cells(keys));
        }
    }
    if !placeholders.is_empty() {
        let v = CellPlaceholder {
            table: table_of(&placeholders),
            listed: listed(&placeholders),
            n: placeholders.len(),
        };
        out.push(Finding::new(&v).with_cells(placeholders));
    }
}

/// CELLS-AMBIGUOUS: page text whose numbers ran together, with more than one split that
/// fits the identities (from the reader's notes).
pub(crate) const CELLS_AMBIGUOUS: Rule = Rule {
    id: RuleId::CellsAmbiguous,
    severity: Severity::Warning,
    cases: &[],
    scope: Scope::NationalTables,
    group: Group::OfTable,
    title_zh: "表格数字连在一起，无法唯一拆分",
    title_en: "Run-together cells cannot be split uniquely",
};

/// Why CELLS_AMBIGUOUS exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const CELLS_AMBIGUOUS_DOC: RuleDoc = RuleDoc {
    zh: "为什么：有些网页把表格转成了连续文字，单元格之间没有分隔（如“640020470”）。本工具按行合计、列勾稽关系枚举所有可能的拆分；只有一种拆分成立时才采用，多种拆分都成立时不猜测，这些单元格不参与校验，也不会因此报出算术错误。\n怎样改：检查原始报告（.docx/.pdf 或网页表格），或上传原始文件再校验；发布网页时应保留表格结构，不要把表格转成连续文字。",
    en: "Why: some pages turn tables into running text with no separator between cells (640020470). nianbao enumerates every split that satisfies the row totals and column identities, uses a split only when it is unique, and never guesses: ambiguous cells are left out and no arithmetic error is reported on them.\nHow to fix: check the original report (.docx/.pdf or the page's table), or check the original file; publish tables as tables, not running text.",
};

struct CellsAmbiguous<'n> {
    table: Table,
    row: Option<RowId>,
    /// The row's label as written (may be empty).
    label: &'n str,
    /// The run of digits as written.
    raw: &'n str,
    candidates: &'n [Vec<String>],
    count: CandidateCount,
}

impl Violation for CellsAmbiguous<'_> {
    fn rule(&self) -> RuleId {
        RuleId::CellsAmbiguous
    }
    fn message(&self, lang: Lang) -> String {
        const SHOWN: usize = 4;
        let t = table(self.table, lang);
        let row = note_row(self.table, self.row, Some(self.label), lang);
        let raw = self.raw;
        // How many splits: `2`, `许多` (many), `超过64` (more than 64).
        let n = match (self.count, lang) {
            (CandidateCount::All, _) => self.candidates.len().to_string(),
            (CandidateCount::Stopped, _) => pick(lang, "许多", "many").to_string(),
            (CandidateCount::MoreThan(cap), Lang::Zh) => format!("超过{cap}"),
            (CandidateCount::MoreThan(cap), Lang::En) => format!("more than {cap}"),
        };
        // The first few splits, each as its cells' values (`27/0/0/2/0/1/30`).
        let shown: Vec<String> = self
            .candidates
            .iter()
            .take(SHOWN)
            .map(|c| c.join("/"))
            .collect();
        let more = if self.candidates.len() > SHOWN || self.count != CandidateCount::All {
            " …"
        } else {
            ""
        };
        let examples = if shown.is_empty() {
            pick(lang, "（无）", "(none)").to_string()
        } else {
            format!("{}{more}", shown.join(pick(lang, "；", "; ")))
        };
        match lang {
            Lang::Zh => format!(
                "{t}“{row}”行的数字连在一起（“{raw}”），有{n}种拆分都符合表内关系，无法确定各单元格的值，例如：{examples}"
            ),
            Lang::En => format!(
                "{t} row “{row}”: the numbers ran together (“{raw}”) and {n} different splits fit the table's identities, so the cells cannot be determined; e.g. {examples}"
            ),
        }
    }
}

/// The reader's notes on cells that ran together; other notes are no cell finding: `None`.
pub(super) fn note(note: &Note) -> Option<Finding> {
    let Note::Ambiguous {
        table,
        row,
        label,
        raw,
        candidates,
        count,
        cells,
        span,
    } = note
    else {
        return None;
    };
    let v = CellsAmbiguous {
        table: *table,
        row: *row,
        label,
        raw,
        candidates,
        count: *count,
    };
    Some(Finding::new(&v).with_cells(cells.clone()).at(*span))
}

impl RuleId {
    /// Whether the rule's message itself names the cells it is about (the cell rules list them
    /// by row and column), so that a presentation does not list them a second time.
    pub fn message_names_cells(self) -> bool {
        matches!(
            self,
            RuleId::CellBlank
                | RuleId::CellPlaceholder
                | RuleId::CellNotNumber
                | RuleId::CellNegative
                | RuleId::CellNotInteger
        )
    }
}
