//! Evaluating the rules of [`crate::rules`] on a [`Report`].

use crate::finding::{Evaluation, Finding, Outcome, Param, Severity};
use crate::format::{self, ColKind};
use crate::localize;
use crate::model::{CellValue, DetectedFormat, ReadStatus, Report};
use crate::num::Num;
use crate::rules::{ids, RuleId};

/// Runs every rule. `text` is what the report's spans index into.
pub fn run(
    report: &Report,
    text: &str,
    mut findings: Vec<Finding>,
) -> (Vec<Finding>, Vec<Evaluation>) {
    let mut evals = Vec::new();
    if report.status != ReadStatus::Ok {
        return (Vec::new(), evals);
    }
    format_rules(report, &mut findings);
    crate::textcheck::run(report, text, &mut findings);
    let national = matches!(
        report.format,
        DetectedFormat::F2021 | DetectedFormat::F2019 | DetectedFormat::Mixed
    );
    if !national {
        return (findings, evals);
    }
    section_rules(report, &mut findings);
    table_rules(report, &mut findings);
    cell_rules(report, &mut findings);
    arithmetic(report, &mut findings, &mut evals);
    localize::assign_suspects(report, &mut findings, &evals);
    (findings, evals)
}

fn format_rules(report: &Report, out: &mut Vec<Finding>) {
    match report.format {
        DetectedFormat::F2019 if report.year.is_some_and(|y| y >= 2021) => {
            let mut f = Finding::new(ids::FORMAT_OUTDATED, Outcome::Fail);
            f.params
                .push(Param::same("year", report.year.unwrap_or(0).to_string()));
            out.push(f);
        }
        DetectedFormat::Mixed => {
            let mut f = Finding::new(ids::FORMAT_MIXED, Outcome::Fail);
            for c in format::T3_COLS {
                let k = format::key("T3", "R3f", c.key);
                if report.cell(&k).is_some() {
                    f.cells.push(k);
                }
            }
            f.span = report.row("T3", "R3f").map(|r| r.span);
            out.push(f);
        }
        DetectedFormat::Unknown => out.push(Finding::new(ids::FORMAT_UNKNOWN, Outcome::Fail)),
        _ => {}
    }
}

fn section_rules(report: &Report, out: &mut Vec<Finding>) {
    for spec in format::SECTIONS {
        if report.section(spec.number).is_none() {
            let mut f = Finding::new(ids::SECTION_MISSING, Outcome::Fail);
            f.params.push(Param::two(
                "num",
                crate::text::cn_numeral(spec.number),
                spec.number.to_string(),
            ));
            f.params.push(Param::two("heading", spec.standard, spec.en));
            out.push(f);
        }
    }
    let mut last = 0u8;
    for s in &report.sections {
        let misnumbered = s.written_number.is_some_and(|w| w != s.number);
        if misnumbered || s.number < last {
            let spec = format::section(s.number);
            let mut f = Finding::new(ids::SECTION_ORDER, Outcome::Fail);
            f.params.push(Param::same("heading", s.heading.clone()));
            f.params.push(Param::two(
                "expected",
                crate::text::cn_numeral(s.number),
                s.number.to_string(),
            ));
            f.params.push(Param::two(
                "standard",
                spec.map_or("", |x| x.standard),
                spec.map_or("", |x| x.en),
            ));
            f.span = Some(s.heading_span);
            out.push(f);
        }
        last = last.max(s.number);
    }
}

fn table_rules(report: &Report, out: &mut Vec<Finding>) {
    for table in "T2 T3 T4".split(' ') {
        if !report.has_table(table) {
            let (zh, en) = format::table_name(table);
            let f = if report.tables_seen.contains(&table) {
                // The header is there but no row could be read: say so, don't call it missing.
                let mut f = Finding::new(ids::TABLE_MISSING, Outcome::NotAssessable);
                f.severity = Severity::Warning;
                f.params.push(Param::two("table", zh, en));
                f.params.push(Param::two("where", "", ""));
                f.params.push(Param::two(
                    "why",
                    "找到了表头，但未能读出表格各行（单元格可能在复制时连在一起，或表格是图片）；请上传原始 .docx/.html 文件",
                    "its header was found but no row could be read (cells may have run together when copied, or the table is an image); check the original .docx/.html file",
                ));
                f
            } else {
                let mut f = Finding::new(ids::TABLE_MISSING, Outcome::Fail);
                f.params.push(Param::two("table", zh, en));
                f
            };
            out.push(f);
            continue;
        }
        let expected: Vec<&format::RowSpec> = match table {
            "T2" => {
                let mut v = Vec::new();
                for r in format::t2_rows(report.format) {
                    v.push(r);
                }
                v
            }
            "T3" => format::t3_rows(report.format),
            _ => Vec::new(),
        };
        for r in expected {
            if report.row(table, r.key).is_none() {
                let mut f = Finding::new(ids::ROW_MISSING, Outcome::Fail);
                let (tz, te) = format::table_name(table);
                f.params.push(Param::two("table", tz, te));
                f.params.push(Param::two("row", r.label_zh, r.label_en));
                out.push(f);
            }
        }
    }
}

/// Column kind of a cell key (drives integer / sign checks).
fn col_kind(key: &str) -> ColKind {
    let mut p = key.split('.');
    if p.next() != Some("T2") {
        return ColKind::Count;
    }
    let row = p.next().unwrap_or("");
    let col = p.next().unwrap_or("");
    for rows in [format::T2_ROWS, format::T2_ROWS_2019] {
        for r in rows {
            if r.key != row {
                continue;
            }
            for c in r.cols {
                if c.key == col {
                    return c.kind;
                }
            }
        }
    }
    ColKind::Count
}

/// Human names of a cell: (row as written, column) in zh and en.
pub(crate) fn cell_names(report: &Report, key: &str) -> (String, String, String, String) {
    let mut p = key.split('.');
    let table = p.next().unwrap_or("");
    let row = p.next().unwrap_or("");
    let col = p.next().unwrap_or("");
    // The names as static text first, one `to_string` each at the end.
    let (row_zh, row_en, col_zh, col_en) = match table {
        "T3" => {
            let spec = format::t3_row(row);
            let c = format::t3_col(col);
            (
                spec.map_or(row, |s| s.label_zh),
                spec.map_or(row, |s| s.label_en),
                c.map_or(col, |c| c.label_zh),
                c.map_or(col, |c| c.label_en),
            )
        }
        "T4" => {
            let g = format::t4_group(row);
            let c = format::T4_COLS.iter().find(|c| c.key == col);
            (
                g.map_or(row, |s| s.label_zh),
                g.map_or(row, |s| s.label_en),
                c.map_or(col, |c| c.label_zh),
                c.map_or(col, |c| c.label_en),
            )
        }
        _ => {
            let spec = format::T2_ROWS
                .iter()
                .chain(format::T2_ROWS_2019)
                .find(|r| r.key == row);
            let c = spec.and_then(|s| s.cols.iter().find(|c| c.key == col));
            (
                spec.map_or(row, |s| s.label_zh),
                spec.map_or(row, |s| s.label_en),
                c.map_or("", |c| c.label_zh),
                c.map_or("", |c| c.label_en),
            )
        }
    };
    // 表四 rows are named by the template; 表二/表三 rows as the report wrote them.
    let written = if table == "T4" {
        None
    } else {
        report
            .row(table, row)
            .map(|r| r.label.clone())
            .filter(|l| !l.is_empty())
    };
    (
        written.unwrap_or_else(|| row_zh.to_string()),
        row_en.to_string(),
        col_zh.to_string(),
        col_en.to_string(),
    )
}

/// A label as a message shows it: white space inside it (tabs, line breaks of PDF text)
/// as single spaces, nothing cut.
fn shown(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `“a”“b”` (zh) and `“a”, “b”` (en).
fn quoted_list(names: &[(String, String)]) -> (String, String) {
    let mut zh = String::new();
    let mut en = String::new();
    for (i, (z, e)) in names.iter().enumerate() {
        if i > 0 {
            en.push_str(", ");
        }
        zh.push_str(&format!("“{z}”"));
        en.push_str(&format!("“{e}”"));
    }
    (zh, en)
}

/// `T3.R2.C1` → `T3.R2`: the table and row of a cell key.
fn row_of(key: &str) -> &str {
    key.rsplit_once('.').map_or("", |(table_row, _)| table_row)
}

/// Names cells the way the report names them, in runs of cells of one row: 表二 and 表三 by
/// the row as the report writes it and the columns (`“二、上年结转政府信息公开申请数量”行
/// “自然人”“商业企业”列`, `row “II. …”, columns “natural persons”, “businesses”`), 表四 by
/// the group and the columns (`“行政复议”的“结果纠正”`). The row is left out where it is
/// `known_row`, which the message names already. Returns `(zh, en, cells)` per run.
fn cell_runs(
    report: &Report,
    keys: &[&str],
    known_row: Option<&str>,
) -> Vec<(String, String, usize)> {
    let mut runs: Vec<(String, String, usize)> = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let table_row = row_of(keys[i]);
        let (table, row) = table_row.split_once('.').unwrap_or((table_row, ""));
        let mut j = i + 1;
        while j < keys.len() && row_of(keys[j]) == table_row {
            j += 1;
        }
        let (row_zh, row_en, _, _) = cell_names(report, keys[i]);
        let mut cols = Vec::new();
        for k in &keys[i..j] {
            let (_, _, cz, ce) = cell_names(report, k);
            if !cz.is_empty() {
                cols.push((cz, ce));
            }
        }
        let (cols_zh, cols_en) = quoted_list(&cols);
        let plural = if cols.len() > 1 { "columns" } else { "column" };
        let known = known_row == Some(row);
        let (zh, en) = match (table, known, cols.is_empty()) {
            (_, true, _) => (format!("{cols_zh}列"), format!("{plural} {cols_en}")),
            ("T4", false, _) => (
                format!("“{row_zh}”的{cols_zh}"),
                format!("“{row_en}”, {plural} {cols_en}"),
            ),
            (_, false, true) => (format!("“{}”行", shown(&row_zh)), format!("row “{row_en}”")),
            (_, false, false) => (
                format!("“{}”行{cols_zh}列", shown(&row_zh)),
                format!("row “{row_en}”, {plural} {cols_en}"),
            ),
        };
        runs.push((zh, en, j - i));
        i = j;
    }
    runs
}

/// The cells of a CELL-BLANK or CELL-PLACEHOLDER finding: the first few by name, then how
/// many there are in all.
fn list_param(report: &Report, keys: &[String]) -> Param {
    const MAX: usize = 6;
    let mut shown_keys = Vec::new();
    for k in keys.iter().take(MAX) {
        shown_keys.push(k.as_str());
    }
    let mut zh = String::new();
    let mut en = String::new();
    for (i, (z, e, _)) in cell_runs(report, &shown_keys, None).into_iter().enumerate() {
        if i > 0 {
            zh.push('、');
            en.push_str("; ");
        }
        zh.push_str(&z);
        en.push_str(&e);
    }
    if keys.len() > MAX {
        zh.push_str(&format!("等{}个", keys.len()));
        en.push_str(&format!(" and {} more", keys.len() - MAX));
    }
    Param::two("list", zh, en)
}

fn table_param(keys: &[String]) -> Param {
    let first = keys.first().map(|k| &k[..2]).unwrap_or("");
    if keys.iter().all(|k| k.starts_with(first)) {
        let (zh, en) = format::table_name(first);
        Param::two("table", zh, en)
    } else {
        Param::two("table", "表格", "The report")
    }
}

/// Totals: the cells that are the sum of others, with their parts.
fn total_parts(report: &Report, key: &str) -> Vec<String> {
    let mut p = key.split('.');
    let table = p.next().unwrap_or("");
    let row = p.next().unwrap_or("");
    let col = p.next().unwrap_or("");
    let mut v = Vec::new();
    match (table, col) {
        ("T3", "C7") => {
            for c in &format::T3_COLS[..6] {
                v.push(format::key("T3", row, c.key));
            }
        }
        ("T3", _) if row == "R3g" => {
            for r in outcome_rows(report) {
                v.push(format::key("T3", r, col));
            }
        }
        ("T4", "t") => {
            for c in T4_PARTS {
                v.push(format::key("T4", row, c));
            }
        }
        _ => {}
    }
    v
}

/// The 表四 columns whose sum is the group's 总计 (`t`).
const T4_PARTS: [&str; 4] = ["m", "c", "o", "p"];

fn outcome_rows(report: &Report) -> &'static [&'static str] {
    let single = report.row("T3", "R3f").is_some()
        && !["R3f1", "R3f2", "R3f3"]
            .iter()
            .any(|k| report.row("T3", k).is_some());
    if single || report.format == DetectedFormat::F2019 {
        format::T3_OUTCOMES_2019
    } else {
        format::T3_OUTCOMES_2021
    }
}

fn cell_rules(report: &Report, out: &mut Vec<Finding>) {
    let mut blank_totals = Vec::new();
    let mut blanks = Vec::new();
    let mut placeholders = Vec::new();
    for cell in &report.cells {
        let kind = col_kind(&cell.key);
        let single = |rule: RuleId| {
            let mut f = Finding::new(rule, Outcome::Fail);
            let (rz, re, cz, ce) = cell_names(report, &cell.key);
            let (tz, te) = format::table_name(&cell.key[..2]);
            f.params.push(Param::two("table", tz, te));
            f.params.push(Param::two("row", rz, re));
            f.params.push(Param::two(
                "col",
                if cz.is_empty() {
                    "数值".to_string()
                } else {
                    cz
                },
                if ce.is_empty() {
                    "value".to_string()
                } else {
                    ce
                },
            ));
            f.params.push(Param::same("raw", cell.raw.clone()));
            f.cells = vec![cell.key.clone()];
            f.span = cell.span;
            f
        };
        match &cell.value {
            CellValue::Blank => {
                let parts = total_parts(report, &cell.key);
                let nonzero_parts = parts.iter().any(|k| {
                    report
                        .value(k)
                        .and_then(CellValue::number)
                        .is_some_and(|n| n.units != 0)
                });
                if nonzero_parts {
                    blank_totals.push(cell.key.clone());
                } else {
                    blanks.push(cell.key.clone());
                }
            }
            CellValue::Placeholder(_) => placeholders.push(cell.key.clone()),
            CellValue::Text(_) => {
                let mut f = single(ids::CELL_NOT_NUMBER);
                // A number written with its unit (251000元, 1个, 12件) is a format slip the
                // reader can see through; other text is an error.
                if kind == ColKind::Amount
                    || crate::read::number_with_unit(&crate::text::fold(&cell.raw))
                {
                    f.severity = Severity::Warning;
                }
                out.push(f);
            }
            CellValue::Number(n) => {
                if n.is_negative() && kind != ColKind::Delta {
                    out.push(single(ids::CELL_NEGATIVE));
                }
                if !n.is_integer() && kind != ColKind::Amount {
                    out.push(single(ids::CELL_NOT_INTEGER));
                }
            }
        }
    }
    for (keys, rule, severity) in [
        (blank_totals, ids::CELL_BLANK, Severity::Error),
        (blanks, ids::CELL_BLANK, Severity::Warning),
        (placeholders, ids::CELL_PLACEHOLDER, Severity::Warning),
    ] {
        if keys.is_empty() {
            continue;
        }
        let mut f = Finding::new(rule, Outcome::Fail);
        f.severity = severity;
        f.params.push(table_param(&keys));
        f.params.push(Param::same("n", keys.len().to_string()));
        f.params.push(list_param(report, &keys));
        f.cells = keys;
        out.push(f);
    }
}

/// One arithmetic identity of the national tables: `Σ left = Σ right`. Built once per
/// process from the format data (cell keys are interned), then evaluated per report.
pub(crate) struct IdentityDef {
    pub rule: RuleId,
    pub instance: &'static str,
    pub instance_zh: &'static str,
    pub instance_en: &'static str,
    pub left: Vec<&'static str>,
    pub right: Vec<&'static str>,
}

fn intern(table: &str, row: &str, col: &str) -> &'static str {
    // Called only while the identity tables are built, once per process: a few hundred keys.
    Box::leak(format::key(table, row, col).into_boxed_str())
}

/// `table.row.col` for each of `rows` (or each of `cols`), interned.
fn interned(table: &str, rows: &[&str], cols: &[&str]) -> Vec<&'static str> {
    let mut v = Vec::new();
    for r in rows {
        for c in cols {
            v.push(intern(table, r, c));
        }
    }
    v
}

fn build_defs(outcomes: &'static [&'static str], rows: DetectedFormat) -> Vec<IdentityDef> {
    let mut v = Vec::new();
    let mut first6 = Vec::new();
    for c in &format::T3_COLS[..6] {
        first6.push(c.key);
    }
    for rule in [ids::T3_IDENTITY, ids::T3_RESULTS_TOTAL] {
        for c in format::T3_COLS {
            let col = [c.key];
            let (left, right) = if rule == ids::T3_IDENTITY {
                (
                    interned("T3", &["R1", "R2"], &col),
                    interned("T3", &["R3g", "R4"], &col),
                )
            } else {
                (
                    interned("T3", outcomes, &col),
                    interned("T3", &["R3g"], &col),
                )
            };
            v.push(IdentityDef {
                rule,
                instance: c.key,
                instance_zh: c.label_zh,
                instance_en: c.label_en,
                left,
                right,
            });
        }
    }
    for r in format::t3_rows(rows) {
        v.push(IdentityDef {
            rule: ids::T3_ROW_TOTAL,
            instance: r.key,
            instance_zh: r.label_zh,
            instance_en: r.label_en,
            left: interned("T3", &[r.key], &first6),
            right: interned("T3", &[r.key], &["C7"]),
        });
    }
    v
}

fn t3_defs(single_f: bool) -> &'static [IdentityDef] {
    static F2021: std::sync::OnceLock<Vec<IdentityDef>> = std::sync::OnceLock::new();
    static F2019: std::sync::OnceLock<Vec<IdentityDef>> = std::sync::OnceLock::new();
    if single_f {
        F2019.get_or_init(|| build_defs(format::T3_OUTCOMES_2019, DetectedFormat::F2019))
    } else {
        F2021.get_or_init(|| build_defs(format::T3_OUTCOMES_2021, DetectedFormat::F2021))
    }
}

fn t4_defs() -> &'static [IdentityDef] {
    static T4: std::sync::OnceLock<Vec<IdentityDef>> = std::sync::OnceLock::new();
    T4.get_or_init(|| {
        let mut v = Vec::new();
        for g in format::T4_GROUPS {
            v.push(IdentityDef {
                rule: ids::T4_GROUP_TOTAL,
                instance: g.key,
                instance_zh: g.label_zh,
                instance_en: g.label_en,
                left: interned("T4", &[g.key], &T4_PARTS),
                right: interned("T4", &[g.key], &["t"]),
            });
        }
        v
    })
}

/// The identities that apply to a report (those of the tables it has).
pub(crate) fn identities(report: &Report) -> Vec<&'static IdentityDef> {
    let mut v = Vec::new();
    if report.has_table("T3") {
        let single_f = outcome_rows(report).len() == format::T3_OUTCOMES_2019.len();
        v.extend(t3_defs(single_f));
    }
    if report.has_table("T4") {
        v.extend(t4_defs());
    }
    v
}

/// Why an operand is not a number, as messages say it.
struct Missing {
    zh: &'static str,
    en_one: &'static str,
    en_many: &'static str,
    /// Its value when a blank is read as 0 (for the hint of a not-assessable finding).
    as_zero: Option<Num>,
}

static BLANK: Missing = Missing {
    zh: "空白",
    en_one: "is blank",
    en_many: "are blank",
    as_zero: Some(Num::ZERO),
};
static PLACEHOLDER: Missing = Missing {
    zh: "为占位符",
    en_one: "is a placeholder",
    en_many: "are placeholders",
    as_zero: Some(Num::ZERO),
};
static NOT_A_NUMBER: Missing = Missing {
    zh: "不是数字",
    en_one: "is not a number",
    en_many: "are not numbers",
    as_zero: None,
};
static ABSENT: Missing = Missing {
    zh: "缺失",
    en_one: "is missing",
    en_many: "are missing",
    as_zero: None,
};

enum Operand {
    Num(Num),
    /// Not a number: blank, placeholder, text or absent.
    Missing(&'static Missing),
}

fn operand(report: &Report, key: &str) -> Operand {
    match report.value(key) {
        Some(CellValue::Number(n)) => Operand::Num(*n),
        Some(CellValue::Blank) => Operand::Missing(&BLANK),
        Some(CellValue::Placeholder(_)) => Operand::Missing(&PLACEHOLDER),
        Some(CellValue::Text(_)) => Operand::Missing(&NOT_A_NUMBER),
        None => Operand::Missing(&ABSENT),
    }
}

fn operands(report: &Report, keys: &[&str]) -> Vec<Operand> {
    let mut v = Vec::new();
    for k in keys {
        v.push(operand(report, k));
    }
    v
}

/// Σ of the operands: `None` when one is missing (or, with `as_zero`, one that cannot be
/// read as 0), or on overflow.
fn sum_ops(ops: &[Operand], as_zero: bool) -> Option<Num> {
    let mut total = Num::ZERO;
    for o in ops {
        let n = match o {
            Operand::Num(n) => *n,
            Operand::Missing(m) if as_zero => m.as_zero?,
            Operand::Missing(_) => return None,
        };
        total = total.checked_add(n)?;
    }
    Some(total)
}

fn arithmetic(report: &Report, out: &mut Vec<Finding>, evals: &mut Vec<Evaluation>) {
    for id in identities(report) {
        let left_ops = operands(report, &id.left);
        let right_ops = operands(report, &id.right);
        // Rows are named in the report's own words where the report has them.
        let instance_zh = match id.rule {
            ids::T3_ROW_TOTAL => report
                .row("T3", id.instance)
                .map_or_else(|| id.instance_zh.to_string(), |r| r.label.clone()),
            _ => id.instance_zh.to_string(),
        };
        let left = sum_ops(&left_ops, false);
        let right = sum_ops(&right_ops, false);
        let outcome = match (left, right) {
            (Some(l), Some(r)) if l.same_value(r) => Outcome::Pass,
            (Some(_), Some(_)) => Outcome::Fail,
            _ => Outcome::NotAssessable,
        };
        let mut f = Finding::new(id.rule, outcome);
        let (pname, pzh, pen) = match id.rule {
            ids::T3_ROW_TOTAL => ("row", instance_zh.clone(), id.instance_en.to_string()),
            ids::T4_GROUP_TOTAL => ("group", instance_zh.clone(), id.instance_en.to_string()),
            _ => ("col", instance_zh.clone(), id.instance_en.to_string()),
        };
        f.params.push(Param::two(pname, pzh, pen));
        for side in [&id.left, &id.right] {
            for k in side {
                f.cells.push(k.to_string());
            }
        }
        match outcome {
            Outcome::Pass => {}
            Outcome::Fail => {
                let (l, r) = (left.unwrap_or(Num::ZERO), right.unwrap_or(Num::ZERO));
                f.expected = Some(l);
                f.actual = Some(r);
                f.params.push(Param::same("left", l.to_string()));
                f.params.push(Param::same("right", r.to_string()));
                f.params.push(Param::same("expected", l.to_string()));
                f.params.push(Param::same("actual", r.to_string()));
                out.push(f);
            }
            Outcome::NotAssessable => {
                // The first few cells that are not numbers, named in runs of one row with
                // one reason (the row of a row total is named by the message already).
                const SHOWN: usize = 4;
                let mut missing: Vec<(&str, &Missing)> = Vec::new();
                let mut total = 0;
                for (keys, ops) in [(&id.left, &left_ops), (&id.right, &right_ops)] {
                    for (k, o) in keys.iter().zip(ops) {
                        if let Operand::Missing(m) = o {
                            total += 1;
                            if missing.len() < SHOWN {
                                missing.push((k, m));
                            }
                        }
                    }
                }
                let known_row = matches!(id.rule, ids::T3_ROW_TOTAL | ids::T4_GROUP_TOTAL)
                    .then_some(id.instance);
                let mut parts_zh = Vec::new();
                let mut parts_en = Vec::new();
                let mut i = 0;
                while i < missing.len() {
                    let reason = missing[i].1;
                    let mut keys = Vec::new();
                    while i < missing.len() && missing[i].1.zh == reason.zh {
                        keys.push(missing[i].0);
                        i += 1;
                    }
                    for (zh, en, n) in cell_runs(report, &keys, known_row) {
                        parts_zh.push(format!("{zh}{}", reason.zh));
                        let is = if n > 1 { reason.en_many } else { reason.en_one };
                        parts_en.push(format!("{en} {is}"));
                    }
                }
                let mut why_zh = parts_zh.join("、");
                let mut why_en = parts_en.join("; ");
                if total > SHOWN {
                    why_zh.push_str(&format!("等{total}个单元格"));
                    why_en.push_str(&format!(" ({total} cells in all)"));
                }
                let mut severity = Severity::Info;
                if let (Some(l), Some(r)) = (sum_ops(&left_ops, true), sum_ops(&right_ops, true)) {
                    if !l.same_value(r) {
                        severity = Severity::Warning;
                        why_zh.push_str(&format!("；若按0计，两边分别为{l}和{r}，也不相等"));
                        why_en.push_str(&format!(
                            "; even reading them as 0, the sides would be {l} and {r}"
                        ));
                    }
                }
                f.severity = severity;
                f.params.push(Param::two("why", why_zh, why_en));
                out.push(f);
            }
        }
        evals.push(Evaluation {
            rule: id.rule,
            instance: id.instance,
            instance_zh,
            instance_en: id.instance_en.to_string(),
            left_cells: &id.left,
            right_cells: &id.right,
            left,
            right,
            outcome,
        });
    }
}
