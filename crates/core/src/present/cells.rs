//! Tables, rows and cells in words, as the report names them: the format data's names, and
//! where the report's own row label differs from the template's, the report's words. Keys
//! (`T3.R1.C7`) are for machines; people read `表三“一、本年新收政府信息公开申请数量”行“自然人”列`.

use crate::format::{CellKey, ColId, RowId, Table};
use crate::lang::Lang;
use crate::model::{CellValue, Report};
use crate::rules::{Finding, SuspectUnit};
use crate::text::{fold, norm_label};

use super::pick;

/// A row label of the report longer than this many characters is cut, with an ellipsis.
const MAX_ROW_CHARS: usize = 40;

/// At most `n` characters of `s`, cut with an ellipsis, never silently.
fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut out: String = s.chars().take(n - 1).collect();
    out.push('…');
    out
}

/// `s` with its runs of white space (tabs, line breaks of PDF text) as single spaces, trimmed.
fn collapse(s: &str) -> String {
    let mut out = String::new();
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A table's title as headings show it: `表三（收到和处理政府信息公开申请情况）`, `Table 3
/// (applications)`.
pub fn table_title(table: Table, lang: Lang) -> &'static str {
    let (zh, en) = table.title();
    pick(lang, zh, en)
}

/// A table's name: `表三`, `Table 3`.
pub fn table_name(table: Table, lang: Lang) -> &'static str {
    let s = table.spec();
    pick(lang, s.name_zh, s.name_en)
}

/// A row in words. In Chinese: the report's label as written where it differs from the
/// template's (white space as single spaces, cut after 40 characters with an ellipsis),
/// else the template's; a 表三 row with its group heading (`（四）无法提供·1.本机关不掌握相关
/// 政府信息`) unless the report's label names the group itself. In English the template's.
pub fn row_name(report: Option<&Report>, table: Table, row: RowId, lang: Lang) -> String {
    let spec = table.row(row);
    if lang == Lang::En {
        return spec.label_en.to_string();
    }
    let group = spec.group.filter(|_| table == Table::T3);
    let written = report
        .filter(|_| table != Table::T4)
        .and_then(|r| r.row(table, row))
        .map(|r| collapse(&r.label))
        .filter(|l| !l.is_empty() && !fold(l).contains(&norm_label(spec.label_zh)));
    let (label, folded) = match written {
        Some(l) => (cut(&l, MAX_ROW_CHARS), fold(&l)),
        None => (spec.label_zh.to_string(), String::new()),
    };
    match group {
        Some(g) if !g.keywords.iter().any(|k| folded.contains(k)) => {
            format!("{}·{label}", g.heading_zh)
        }
        _ => label,
    }
}

/// A cell in words: `表三“（四）无法提供·1.本机关不掌握相关政府信息”行“自然人”列`,
/// `表四“行政复议·总计”`; `Table 3 row “(4)1 Not held by this body”, column “natural
/// persons”`, `Table 4 “administrative reconsideration: total”`.
pub fn cell_name(report: Option<&Report>, key: CellKey, lang: Lang) -> String {
    let table = table_name(key.table, lang);
    let row = row_name(report, key.table, key.row, lang);
    let col = key.col_spec();
    let col = pick(lang, col.label_zh, col.label_en);
    match (key.table, lang, col.is_empty()) {
        (Table::T4, Lang::Zh, _) => format!("{table}“{row}·{col}”"),
        (Table::T4, Lang::En, _) => format!("{table} “{row}: {col}”"),
        (_, Lang::Zh, true) => format!("{table}“{row}”行"),
        (_, Lang::Zh, false) => format!("{table}“{row}”行“{col}”列"),
        (_, Lang::En, true) => format!("{table} row “{row}”"),
        (_, Lang::En, false) => format!("{table} row “{row}”, column “{col}”"),
    }
}

/// What a suspect names: one cell, or a whole row or column of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Cell(CellKey),
    Row(Table, RowId),
    Col(Table, ColId),
}

/// `keys` as units, in the order of their first cell: every cell of a row (two or more) as
/// the row, every cell the report has of a column (two or more) as the column, the rest as
/// cells.
pub fn units(report: &Report, keys: &[CellKey]) -> Vec<Unit> {
    let mut out = Vec::new();
    for &k in keys {
        let spec = k.row_spec();
        let unit = if spec.cols.len() > 1 && spec.cells().all(|c| keys.contains(&c)) {
            Unit::Row(k.table, k.row)
        } else {
            // Loops, not iterator chains: the page's wasm pays for each adapter (issue 10,
            // item 7: a budget).
            let (mut n, mut all) = (0, true);
            for c in &report.cells {
                if c.key.table == k.table && c.key.col == k.col {
                    n += 1;
                    all &= keys.contains(&c.key);
                }
            }
            if n > 1 && all {
                Unit::Col(k.table, k.col)
            } else {
                Unit::Cell(k)
            }
        };
        if !out.contains(&unit) {
            out.push(unit);
        }
    }
    out
}

/// A unit in words: a cell as [`cell_name`]; `表三“（七）总计”整行`, `表三“自然人”整列`;
/// `Table 3, whole row “(7) Total”`, `Table 3, whole column “natural persons”`.
pub fn unit_name(report: &Report, unit: Unit, lang: Lang) -> String {
    let (t, name, zh, en) = match unit {
        Unit::Cell(k) => return cell_name(Some(report), k, lang),
        Unit::Row(t, r) => (t, row_name(Some(report), t, r, lang), "整行", "row"),
        Unit::Col(t, c) => {
            let spec = t.rows().iter().find_map(|r| r.cols.get(c.index()));
            let col = spec.map_or("", |s| pick(lang, s.label_zh, s.label_en));
            (t, col.to_string(), "整列", "column")
        }
    };
    let table = table_name(t, lang);
    match lang {
        Lang::Zh => format!("{table}“{name}”{zh}"),
        Lang::En => format!("{table}, whole {en} “{name}”"),
    }
}

/// A unit the localiser names (`Finding::explanations`) in words, as the report names its
/// rows: a cell; two cells; `表三“三、本年度办理结果·（七）总计”整行`; `表三“自然人”整列`; a row of
/// numbers entered one row off, `表三“…”行的数字应属于“…”行（错填了一行）`.
pub fn suspect_name(report: &Report, unit: SuspectUnit, lang: Lang) -> String {
    let row = |t, r| row_name(Some(report), t, r, lang);
    match unit {
        SuspectUnit::Cell(k) => unit_name(report, Unit::Cell(k), lang),
        SuspectUnit::Pair(a, b) => format!(
            "{}{}{}",
            cell_name(Some(report), a, lang),
            pick(lang, "和", " and "),
            cell_name(Some(report), b, lang)
        ),
        SuspectUnit::Row(t, r) => unit_name(report, Unit::Row(t, r), lang),
        SuspectUnit::Column(t, c) => unit_name(report, Unit::Col(t, c), lang),
        SuspectUnit::ShiftedRow {
            table,
            printed,
            meant,
        } => {
            let (name, printed, meant) = (
                table_name(table, lang),
                row(table, printed),
                row(table, meant),
            );
            match lang {
                Lang::Zh => format!("{name}“{printed}”行的数字应属于“{meant}”行（错填了一行）"),
                Lang::En => format!(
                    "{name}: the numbers of row “{printed}” belong in row “{meant}” (entered one row off)"
                ),
            }
        }
    }
}

/// `units` in words, joined.
fn names(report: &Report, units: &[Unit], lang: Lang) -> String {
    let mut out = String::new();
    for (i, &u) in units.iter().enumerate() {
        if i > 0 {
            out.push_str(pick(lang, "、", "; "));
        }
        out.push_str(&unit_name(report, u, lang));
    }
    out
}

/// The cells a finding shows, in words (its message names them too, as the rule words it):
/// the suspects (the localiser's likely wrong cells, whole rows or columns), which are the
/// cells that matter; without suspects the few cells that do — every cell (or whole row or
/// column) when there are at most two, else those that are not a number (blank, placeholder, text, not read) — and how
/// many cells it involves in all. Never every operand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingCells {
    /// `可疑单元格：表四“行政复议·总计”`; `None` when the localiser names none.
    pub suspect: Option<String>,
    /// Without suspects: `涉及：表三“…”行“总计”列`, `涉及22个单元格`; `None` with suspects,
    /// without cells, or when the rule's message names its cells already (the cell rules).
    pub cells: Option<String>,
}

impl FindingCells {
    /// The lines that are there, suspects first.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.suspect.iter().chain(&self.cells).map(String::as_str)
    }
}

/// [`FindingCells`] of `f` in `lang`.
pub fn finding_cells(report: &Report, f: &Finding, lang: Lang) -> FindingCells {
    if !f.explanations.is_empty() || !f.suspect.is_empty() {
        // The localiser's explanations, ties in its order; else the suspect cells as units.
        let named = if f.explanations.is_empty() {
            names(report, &units(report, &f.suspect), lang)
        } else {
            let mut out = String::new();
            for (i, e) in f.explanations.iter().enumerate() {
                if i > 0 {
                    out.push_str(pick(lang, "；或", "; or "));
                }
                out.push_str(&suspect_name(report, e.unit, lang));
            }
            out
        };
        let suspect = format!("{}{named}", pick(lang, "可疑单元格：", "suspect cells: "));
        return FindingCells {
            suspect: Some(suspect),
            cells: None,
        };
    }
    let all = units(report, &f.cells);
    if all.is_empty() || f.rule.message_names_cells() {
        return FindingCells {
            suspect: None,
            cells: None,
        };
    }
    let mut matter = all.clone();
    if all.len() > 2 {
        matter.retain(|u| match u {
            Unit::Cell(k) => !matches!(
                report.cell(*k).map(|c| &c.value),
                Some(CellValue::Number(_))
            ),
            Unit::Row(..) | Unit::Col(..) => true,
        });
        matter.truncate(3);
    }
    let (total, named) = (f.cells.len(), names(report, &matter, lang));
    let more = matter.len() < all.len();
    let cells = match (lang, matter.is_empty(), more) {
        (Lang::Zh, true, _) => format!("涉及{total}个单元格"),
        (Lang::Zh, false, true) => format!("涉及：{named}等{total}个单元格"),
        (Lang::Zh, false, false) => format!("涉及：{named}"),
        (Lang::En, true, _) => format!("{total} cells involved"),
        (Lang::En, false, true) => format!("involves: {named} ({total} cells in all)"),
        (Lang::En, false, false) => format!("involves: {named}"),
    };
    FindingCells {
        suspect: None,
        cells: Some(cells),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::t3;

    #[test]
    fn cells_are_named_by_the_template_without_a_report() {
        let key = t3::row(t3::R3D1).cell(t3::C1);
        assert_eq!(
            cell_name(None, key, Lang::Zh),
            "表三“（四）无法提供·1.本机关不掌握相关政府信息”行“自然人”列"
        );
        assert!(cell_name(None, key, Lang::En).starts_with("Table 3 row “(4)1 "));
    }

    #[test]
    fn a_long_label_is_cut_with_an_ellipsis() {
        let long = "一二三四五六七八九十".repeat(5);
        let cut = cut(&long, MAX_ROW_CHARS);
        assert_eq!(cut.chars().count(), MAX_ROW_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(super::cut("短", 40), "短");
    }

    #[test]
    fn whole_rows_are_one_unit() {
        let a = crate::check_text(include_str!("../../../../tests/fixtures/seed.txt"));
        let row: Vec<CellKey> = t3::row(t3::R3G).cells().collect();
        let mut keys = row.clone();
        keys.push(t3::row(t3::R1).cell(t3::C1));
        let u = units(&a.report, &keys);
        assert_eq!(u.len(), 2);
        assert_eq!(u[0], Unit::Row(Table::T3, t3::R3G));
        assert_eq!(
            unit_name(&a.report, u[0], Lang::Zh),
            "表三“三、本年度办理结果·（七）总计”整行"
        );
        assert!(unit_name(&a.report, u[0], Lang::En).starts_with("Table 3, whole row “"));
        let col: Vec<CellKey> = a
            .report
            .cells
            .iter()
            .map(|c| c.key)
            .filter(|k| k.table == Table::T3 && k.col == t3::C2)
            .collect();
        assert_eq!(units(&a.report, &col), [Unit::Col(Table::T3, t3::C2)]);
        assert_eq!(
            unit_name(&a.report, Unit::Col(Table::T3, t3::C2), Lang::Zh),
            "表三“商业企业”整列"
        );
    }
}
