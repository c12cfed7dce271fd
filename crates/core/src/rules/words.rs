//! Phrasing shared by the messages of several rules: cells named as the report names them,
//! a table or the report, and why an identity cannot be checked, in Chinese and English.

use crate::format::{CellKey, RowId, Table};
use crate::lang::Lang;
use crate::model::Report;

/// `zh` or `en`.
pub(super) fn pick<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A table's title: `表三`, `Table 3`.
pub(super) fn table(table: Table, lang: Lang) -> &'static str {
    let (zh, en) = table.title();
    pick(lang, zh, en)
}

/// The table all `keys` are in, if they are in one.
pub(super) fn table_of(keys: &[CellKey]) -> Option<Table> {
    let t = keys.first()?.table;
    keys.iter().all(|k| k.table == t).then_some(t)
}

/// The title of a finding's table, or the report when its cells are in several (`None`).
pub(super) fn table_or_report(table: Option<Table>, lang: Lang) -> &'static str {
    match table {
        Some(t) => self::table(t, lang),
        None => pick(lang, "表格", "The report"),
    }
}

/// A cell as messages name it: its key (column and table, the row in English), and its row
/// in Chinese as the report writes it (表二 and 表三; 表四 and rows without a label of their
/// own by the template's label).
#[derive(Clone, Debug)]
pub(super) struct CellName {
    pub key: CellKey,
    row_zh: String,
}

impl CellName {
    pub fn of(report: &Report, key: CellKey) -> CellName {
        let written = (key.table != Table::T4)
            .then(|| report.row(key.table, key.row))
            .flatten()
            .map(|r| r.label.as_str())
            .filter(|l| !l.is_empty());
        CellName {
            key,
            row_zh: written.unwrap_or(key.row_spec().label_zh).to_string(),
        }
    }

    pub fn row(&self, lang: Lang) -> &str {
        pick(lang, &self.row_zh, self.key.row_spec().label_en)
    }

    pub fn col(&self, lang: Lang) -> &'static str {
        let col = self.key.col_spec();
        pick(lang, col.label_zh, col.label_en)
    }
}

/// The names of `keys`.
pub(super) fn names(report: &Report, keys: &[CellKey]) -> Vec<CellName> {
    keys.iter().map(|&k| CellName::of(report, k)).collect()
}

/// A label as a message shows it: white space inside it (tabs, line breaks of PDF text)
/// as single spaces, nothing cut.
fn shown(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Names cells in runs of cells of one row: 表二 and 表三 by the row as the report writes it
/// and the columns (`“二、上年结转政府信息公开申请数量”行“自然人”“商业企业”列`, `row “II. …”,
/// columns “natural persons”, “businesses”`), 表四 by the group and the columns
/// (`“行政复议”的“结果纠正”`). The row is left out where it is `known_row`, which the message
/// names already. Returns each run's words and how many cells it has.
pub(super) fn cell_runs(
    cells: &[CellName],
    known_row: Option<(Table, RowId)>,
    lang: Lang,
) -> Vec<(String, usize)> {
    let same_row =
        |a: &CellName, b: &CellName| (a.key.table, a.key.row) == (b.key.table, b.key.row);
    cells
        .chunk_by(same_row)
        .map(|run| {
            let first = &run[0];
            let row = first.row(lang);
            let cols: Vec<&str> = run
                .iter()
                .filter(|c| !c.col(Lang::Zh).is_empty())
                .map(|c| c.col(lang))
                .collect();
            let known = known_row == Some((first.key.table, first.key.row));
            let words = match lang {
                Lang::Zh => {
                    let cols: String = cols.iter().map(|c| format!("“{c}”")).collect();
                    match (first.key.table, known, cols.is_empty()) {
                        (_, true, _) => format!("{cols}列"),
                        (Table::T4, false, _) => format!("“{row}”的{cols}"),
                        (_, false, true) => format!("“{}”行", shown(row)),
                        (_, false, false) => format!("“{}”行{cols}列", shown(row)),
                    }
                }
                Lang::En => {
                    let plural = if cols.len() > 1 { "columns" } else { "column" };
                    let cols = cols
                        .iter()
                        .map(|c| format!("“{c}”"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    match (first.key.table, known, cols.is_empty()) {
                        (_, true, _) => format!("{plural} {cols}"),
                        (Table::T4, false, _) => format!("“{row}”, {plural} {cols}"),
                        (_, false, true) => format!("row “{row}”"),
                        (_, false, false) => format!("row “{row}”, {plural} {cols}"),
                    }
                }
            };
            (words, run.len())
        })
        .collect()
}

/// A list of cells by name (the first of them, `cells`), then how many there are in all
/// (`total`).
pub(super) fn cell_list(cells: &[CellName], total: usize, lang: Lang) -> String {
    let runs = cell_runs(cells, None, lang);
    let words: Vec<&str> = runs.iter().map(|r| r.0.as_str()).collect();
    let more = total - cells.len();
    match lang {
        Lang::Zh if more > 0 => format!("{}等{total}个", words.join("、")),
        Lang::Zh => words.join("、"),
        Lang::En if more > 0 => format!("{} and {more} more", words.join("; ")),
        Lang::En => words.join("; "),
    }
}

/// Why an operand is not a number, as messages say it.
#[derive(Debug)]
pub(super) struct Missing {
    zh: &'static str,
    en_one: &'static str,
    en_many: &'static str,
}

pub(super) static BLANK: Missing = Missing {
    zh: "空白",
    en_one: "is blank",
    en_many: "are blank",
};
pub(super) static PLACEHOLDER: Missing = Missing {
    zh: "为占位符",
    en_one: "is a placeholder",
    en_many: "are placeholders",
};
pub(super) static NOT_A_NUMBER: Missing = Missing {
    zh: "不是数字",
    en_one: "is not a number",
    en_many: "are not numbers",
};
pub(super) static ABSENT: Missing = Missing {
    zh: "缺失",
    en_one: "is missing",
    en_many: "are missing",
};

/// Why an identity cannot be checked: the first cells that are not numbers (`missing`,
/// named in runs of one row with one reason; `known_row` is named by the message already)
/// and how many there are in all (`total`).
#[derive(Debug)]
pub(super) struct NotNumbers {
    pub missing: Vec<(CellName, &'static Missing)>,
    pub total: usize,
    pub known_row: Option<(Table, RowId)>,
}

impl NotNumbers {
    /// The words after “because” (`因为`).
    pub fn because(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        for group in self.missing.chunk_by(|a, b| std::ptr::eq(a.1, b.1)) {
            let reason = group[0].1;
            let cells: Vec<CellName> = group.iter().map(|m| m.0.clone()).collect();
            for (words, n) in cell_runs(&cells, self.known_row, lang) {
                parts.push(match lang {
                    Lang::Zh => format!("{words}{}", reason.zh),
                    Lang::En if n > 1 => format!("{words} {}", reason.en_many),
                    Lang::En => format!("{words} {}", reason.en_one),
                });
            }
        }
        let (total, shown) = (self.total, self.missing.len());
        let mut why = parts.join(pick(lang, "、", "; "));
        if total > shown {
            why.push_str(&match lang {
                Lang::Zh => format!("等{total}个单元格"),
                Lang::En => format!(" ({total} cells in all)"),
            });
        }
        why
    }
}

/// The row of a reading note: the label as written (`None`: the template's), in English the
/// template's; 表四's data row of all three groups (`row` is `None`).
pub(super) fn note_row(
    table: Table,
    row: Option<RowId>,
    label: Option<&str>,
    lang: Lang,
) -> String {
    match row {
        Some(row) => {
            let spec = table.row(row);
            pick(lang, label.unwrap_or(spec.label_zh), spec.label_en).to_string()
        }
        None => pick(lang, "数据行", "data row").to_string(),
    }
}
