//! The words of the findings made in [`super`]: cells, rows and columns named as the report
//! names them, why an operand is not a number, and the other phrases of messages, in
//! Chinese and English. Kept apart so that the checks themselves hold no Chinese text.

use crate::finding::Param;
use crate::format::{CellKey, RowId, Table};
use crate::model::{CandidateCount, Report};
use crate::num::Num;

/// Human names of a cell: (row as written, row in English, column, column in English).
/// 表二/表三 rows as the report wrote them, 表四 rows by the template.
pub(super) fn cell_names(report: &Report, key: CellKey) -> (String, String, String, String) {
    let (row, col) = (key.row_spec(), key.col_spec());
    let written = (key.table != Table::T4)
        .then(|| report.row(key.table, key.row))
        .flatten()
        .map(|r| r.label.clone())
        .filter(|l| !l.is_empty());
    (
        written.unwrap_or_else(|| row.label_zh.to_string()),
        row.label_en.to_string(),
        col.label_zh.to_string(),
        col.label_en.to_string(),
    )
}

/// A label as a message shows it: white space inside it (tabs, line breaks of PDF text)
/// as single spaces, nothing cut.
fn shown(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `“a”“b”` (zh) and `“a”, “b”` (en).
fn quoted_list(names: &[(String, String)]) -> (String, String) {
    let zh: String = names.iter().map(|(z, _)| format!("“{z}”")).collect();
    let en: Vec<String> = names.iter().map(|(_, e)| format!("“{e}”")).collect();
    (zh, en.join(", "))
}

/// Names cells the way the report names them, in runs of cells of one row: 表二 and 表三 by
/// the row as the report writes it and the columns (`“二、上年结转政府信息公开申请数量”行
/// “自然人”“商业企业”列`, `row “II. …”, columns “natural persons”, “businesses”`), 表四 by
/// the group and the columns (`“行政复议”的“结果纠正”`). The row is left out where it is
/// `known_row`, which the message names already. Returns `(zh, en, cells)` per run.
pub(super) fn cell_runs(
    report: &Report,
    keys: &[CellKey],
    known_row: Option<(Table, RowId)>,
) -> Vec<(String, String, usize)> {
    let same_row = |a: &CellKey, b: &CellKey| (a.table, a.row) == (b.table, b.row);
    keys.chunk_by(same_row)
        .map(|run| {
            let first = run[0];
            let (row_zh, row_en, _, _) = cell_names(report, first);
            let cols: Vec<(String, String)> = run
                .iter()
                .map(|k| {
                    let (_, _, cz, ce) = cell_names(report, *k);
                    (cz, ce)
                })
                .filter(|(cz, _)| !cz.is_empty())
                .collect();
            let (cols_zh, cols_en) = quoted_list(&cols);
            let plural = if cols.len() > 1 { "columns" } else { "column" };
            let known = known_row == Some((first.table, first.row));
            let (zh, en) = match (first.table, known, cols.is_empty()) {
                (_, true, _) => (format!("{cols_zh}列"), format!("{plural} {cols_en}")),
                (Table::T4, false, _) => (
                    format!("“{row_zh}”的{cols_zh}"),
                    format!("“{row_en}”, {plural} {cols_en}"),
                ),
                (_, false, true) => (format!("“{}”行", shown(&row_zh)), format!("row “{row_en}”")),
                (_, false, false) => (
                    format!("“{}”行{cols_zh}列", shown(&row_zh)),
                    format!("row “{row_en}”, {plural} {cols_en}"),
                ),
            };
            (zh, en, run.len())
        })
        .collect()
}

/// The `{list}` of a CELL-BLANK or CELL-PLACEHOLDER finding: the first few cells by name,
/// then how many there are in all.
pub(super) fn list_param(report: &Report, keys: &[CellKey]) -> Param {
    const MAX: usize = 6;
    let runs = cell_runs(report, &keys[..keys.len().min(MAX)], None);
    let mut zh = runs
        .iter()
        .map(|r| r.0.as_str())
        .collect::<Vec<_>>()
        .join("、");
    let mut en = runs
        .iter()
        .map(|r| r.1.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    if keys.len() > MAX {
        zh.push_str(&format!("等{}个", keys.len()));
        en.push_str(&format!(" and {} more", keys.len() - MAX));
    }
    Param::two("list", zh, en)
}

/// The `{table}` of a finding on `keys`: their table, or the report when they are in several.
pub(super) fn table_param(keys: &[CellKey]) -> Param {
    match keys.first().map(|k| k.table) {
        Some(t) if keys.iter().all(|k| k.table == t) => {
            let (zh, en) = t.title();
            Param::two("table", zh, en)
        }
        _ => Param::two("table", "表格", "The report"),
    }
}

/// The `{table}` of a finding on one table.
pub(super) fn table(table: Table) -> Param {
    let (zh, en) = table.title();
    Param::two("table", zh, en)
}

/// TABLE-MISSING, not assessable: the header is there but no row could be read.
pub(super) fn table_unread() -> [Param; 2] {
    [
        Param::two("where", "", ""),
        Param::two(
            "why",
            "找到了表头，但未能读出表格各行（单元格可能在复制时连在一起，或表格是图片）；请上传原始 .docx/.html 文件",
            "its header was found but no row could be read (cells may have run together when copied, or the table is an image); check the original .docx/.html file",
        ),
    ]
}

/// Why an operand is not a number, as messages say it.
pub(super) struct Missing {
    zh: &'static str,
    en_one: &'static str,
    en_many: &'static str,
    /// Its value when a blank is read as 0 (for the hint of a not-assessable finding).
    pub as_zero: Option<Num>,
}

pub(super) static BLANK: Missing = Missing {
    zh: "空白",
    en_one: "is blank",
    en_many: "are blank",
    as_zero: Some(Num::ZERO),
};
pub(super) static PLACEHOLDER: Missing = Missing {
    zh: "为占位符",
    en_one: "is a placeholder",
    en_many: "are placeholders",
    as_zero: Some(Num::ZERO),
};
pub(super) static NOT_A_NUMBER: Missing = Missing {
    zh: "不是数字",
    en_one: "is not a number",
    en_many: "are not numbers",
    as_zero: None,
};
pub(super) static ABSENT: Missing = Missing {
    zh: "缺失",
    en_one: "is missing",
    en_many: "are missing",
    as_zero: None,
};

/// The `{why}` of a not-assessable identity: the first cells that are not numbers
/// (`missing`, named in runs of one row with one reason; `known_row` is named by the message
/// already), how many there are in all (`total`), and the sides' sums with blanks as 0 when
/// even those differ (`as_zero`).
pub(super) fn why_not_assessable(
    report: &Report,
    missing: &[(CellKey, &'static Missing)],
    total: usize,
    shown: usize,
    known_row: Option<(Table, RowId)>,
    as_zero: Option<(Num, Num)>,
) -> Param {
    let mut parts_zh = Vec::new();
    let mut parts_en = Vec::new();
    for group in missing.chunk_by(|a, b| std::ptr::eq(a.1, b.1)) {
        let reason = group[0].1;
        let keys: Vec<CellKey> = group.iter().map(|m| m.0).collect();
        for (zh, en, n) in cell_runs(report, &keys, known_row) {
            parts_zh.push(format!("{zh}{}", reason.zh));
            let is = if n > 1 { reason.en_many } else { reason.en_one };
            parts_en.push(format!("{en} {is}"));
        }
    }
    let mut why_zh = parts_zh.join("、");
    let mut why_en = parts_en.join("; ");
    if total > shown {
        why_zh.push_str(&format!("等{total}个单元格"));
        why_en.push_str(&format!(" ({total} cells in all)"));
    }
    if let Some((l, r)) = as_zero {
        why_zh.push_str(&format!("；若按0计，两边分别为{l}和{r}，也不相等"));
        why_en.push_str(&format!(
            "; even reading them as 0, the sides would be {l} and {r}"
        ));
    }
    Param::two("why", why_zh, why_en)
}

/// The `{row}` of a finding on a row read from a reading note: the label as written (or the
/// template's when there was none); 表四's data row of all three groups.
pub(super) fn row_param(table: Table, row: Option<RowId>, label: Option<String>) -> Param {
    match row {
        Some(row) => {
            let spec = table.row(row);
            Param::two(
                "row",
                label.unwrap_or_else(|| spec.label_zh.to_string()),
                spec.label_en,
            )
        }
        None => Param::two("row", "数据行", "data row"),
    }
}

/// The `{n}` and `{candidates}` of a CELLS-AMBIGUOUS finding.
pub(super) fn candidates(candidates: &[Vec<String>], count: CandidateCount) -> [Param; 2] {
    const SHOWN: usize = 4;
    let n = match count {
        CandidateCount::All => Param::same("n", candidates.len().to_string()),
        CandidateCount::Stopped => Param::two("n", "许多", "many"),
        CandidateCount::MoreThan(cap) => {
            Param::two("n", format!("超过{cap}"), format!("more than {cap}"))
        }
    };
    let shown: Vec<String> = candidates.iter().take(SHOWN).map(|c| c.join("/")).collect();
    let more = if candidates.len() > SHOWN || count != CandidateCount::All {
        " …"
    } else {
        ""
    };
    let list = if shown.is_empty() {
        Param::two("candidates", "（无）", "(none)")
    } else {
        Param::two(
            "candidates",
            format!("{}{more}", shown.join("；")),
            format!("{}{more}", shown.join("; ")),
        )
    };
    [n, list]
}

/// The `{row}` of ROW-MISSING for a 表二 caption that is not in the text.
pub(super) fn caption_param(caption: &str) -> Param {
    Param::two("row", caption, format!("{caption} (caption)"))
}
