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
            f.cells = format::T3_COLS
                .iter()
                .map(|c| format::key("T3", "R3f", c.key))
                .filter(|k| report.cell(k).is_some())
                .collect();
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
    for table in ["T2", "T3", "T4"] {
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
        let expected: Vec<(&str, &str, &str)> = match table {
            "T2" => format::t2_rows(report.format)
                .iter()
                .map(|r| (r.key, r.label_zh, r.label_en))
                .collect(),
            "T3" => format::t3_rows(report.format)
                .iter()
                .map(|r| (r.key, r.label_zh, r.label_en))
                .collect(),
            _ => Vec::new(),
        };
        for (key, zh, en) in expected {
            if report.row(table, key).is_none() {
                let mut f = Finding::new(ids::ROW_MISSING, Outcome::Fail);
                let (tz, te) = format::table_name(table);
                f.params.push(Param::two("table", tz, te));
                f.params.push(Param::two("row", zh, en));
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
    format::T2_ROWS
        .iter()
        .chain(format::T2_ROWS_2019)
        .filter(|r| r.key == row)
        .flat_map(|r| r.cols.iter())
        .find(|c| c.key == col)
        .map_or(ColKind::Count, |c| c.kind)
}

/// Human names of a cell: (row as written, column) in zh and en.
pub(crate) fn cell_names(report: &Report, key: &str) -> (String, String, String, String) {
    let mut p = key.split('.');
    let table = p.next().unwrap_or("");
    let row = p.next().unwrap_or("");
    let col = p.next().unwrap_or("");
    let written = report
        .row(table, row)
        .map(|r| r.label.clone())
        .filter(|l| !l.is_empty());
    match table {
        "T3" => {
            let spec = format::t3_row(row);
            let c = format::t3_col(col);
            (
                written.unwrap_or_else(|| spec.map_or(row, |s| s.label_zh).to_string()),
                spec.map_or(row, |s| s.label_en).to_string(),
                c.map_or(col, |c| c.label_zh).to_string(),
                c.map_or(col, |c| c.label_en).to_string(),
            )
        }
        "T4" => {
            let g = format::t4_group(row);
            let c = format::T4_COLS.iter().find(|c| c.key == col);
            (
                g.map_or(row, |s| s.label_zh).to_string(),
                g.map_or(row, |s| s.label_en).to_string(),
                c.map_or(col, |c| c.label_zh).to_string(),
                c.map_or(col, |c| c.label_en).to_string(),
            )
        }
        _ => {
            let spec = format::T2_ROWS
                .iter()
                .chain(format::T2_ROWS_2019)
                .find(|r| r.key == row);
            let c = spec.and_then(|s| s.cols.iter().find(|c| c.key == col));
            (
                written.unwrap_or_else(|| spec.map_or(row, |s| s.label_zh).to_string()),
                spec.map_or(row, |s| s.label_en).to_string(),
                c.map_or("", |c| c.label_zh).to_string(),
                c.map_or("", |c| c.label_en).to_string(),
            )
        }
    }
}

/// Short human name of a cell for lists: `自然人·一、本年新收…`.
fn cell_short(report: &Report, key: &str) -> (String, String) {
    let (rz, re, cz, ce) = cell_names(report, key);
    let rz: String = crate::text::norm_label(&rz).chars().take(14).collect();
    let z = if cz.is_empty() {
        rz
    } else {
        format!("{rz}·{cz}")
    };
    let e = if ce.is_empty() {
        re
    } else {
        format!("{re} / {ce}")
    };
    (z, e)
}

fn list_param(report: &Report, keys: &[String]) -> Param {
    const MAX: usize = 6;
    let names: Vec<(String, String)> = keys
        .iter()
        .take(MAX)
        .map(|k| cell_short(report, k))
        .collect();
    let mut zh = names
        .iter()
        .map(|n| n.0.as_str())
        .collect::<Vec<_>>()
        .join("、");
    let mut en = names
        .iter()
        .map(|n| n.1.as_str())
        .collect::<Vec<_>>()
        .join("; ");
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
        Param::two("table", "表格", "The tables")
    }
}

/// Totals: the cells that are the sum of others, with their parts.
fn total_parts(report: &Report, key: &str) -> Vec<String> {
    let mut p = key.split('.');
    let table = p.next().unwrap_or("");
    let row = p.next().unwrap_or("");
    let col = p.next().unwrap_or("");
    match (table, col) {
        ("T3", "C7") => format::T3_COLS[..6]
            .iter()
            .map(|c| format::key("T3", row, c.key))
            .collect(),
        ("T3", _) if row == "R3g" => outcome_rows(report)
            .iter()
            .map(|r| format::key("T3", r, col))
            .collect(),
        ("T4", "t") => ["m", "c", "o", "p"]
            .iter()
            .map(|c| format::key("T4", row, c))
            .collect(),
        _ => Vec::new(),
    }
}

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

fn build_defs(outcomes: &'static [&'static str], rows: DetectedFormat) -> Vec<IdentityDef> {
    let mut v = Vec::new();
    for c in format::T3_COLS {
        v.push(IdentityDef {
            rule: ids::T3_IDENTITY,
            instance: c.key,
            instance_zh: c.label_zh,
            instance_en: c.label_en,
            left: vec![intern("T3", "R1", c.key), intern("T3", "R2", c.key)],
            right: vec![intern("T3", "R3g", c.key), intern("T3", "R4", c.key)],
        });
    }
    for c in format::T3_COLS {
        v.push(IdentityDef {
            rule: ids::T3_RESULTS_TOTAL,
            instance: c.key,
            instance_zh: c.label_zh,
            instance_en: c.label_en,
            left: outcomes.iter().map(|r| intern("T3", r, c.key)).collect(),
            right: vec![intern("T3", "R3g", c.key)],
        });
    }
    for r in format::t3_rows(rows) {
        v.push(IdentityDef {
            rule: ids::T3_ROW_TOTAL,
            instance: r.key,
            instance_zh: r.label_zh,
            instance_en: r.label_en,
            left: format::T3_COLS[..6]
                .iter()
                .map(|c| intern("T3", r.key, c.key))
                .collect(),
            right: vec![intern("T3", r.key, "C7")],
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
        format::T4_GROUPS
            .iter()
            .map(|g| IdentityDef {
                rule: ids::T4_GROUP_TOTAL,
                instance: g.key,
                instance_zh: g.label_zh,
                instance_en: g.label_en,
                left: ["m", "c", "o", "p"]
                    .iter()
                    .map(|c| intern("T4", g.key, c))
                    .collect(),
                right: vec![intern("T4", g.key, "t")],
            })
            .collect()
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

enum Operand {
    Num(Num),
    /// Not a number: blank, placeholder, text or absent; `as_zero` is its value when a blank is read as 0.
    Missing {
        reason_zh: &'static str,
        reason_en: &'static str,
        as_zero: Option<Num>,
    },
}

fn operand(report: &Report, key: &str) -> Operand {
    match report.value(key) {
        Some(CellValue::Number(n)) => Operand::Num(*n),
        Some(CellValue::Blank) => Operand::Missing {
            reason_zh: "空白",
            reason_en: "blank",
            as_zero: Some(Num::ZERO),
        },
        Some(CellValue::Placeholder(_)) => Operand::Missing {
            reason_zh: "为占位符",
            reason_en: "a placeholder",
            as_zero: Some(Num::ZERO),
        },
        Some(CellValue::Text(_)) => Operand::Missing {
            reason_zh: "不是数字",
            reason_en: "not a number",
            as_zero: None,
        },
        None => Operand::Missing {
            reason_zh: "缺失",
            reason_en: "missing",
            as_zero: None,
        },
    }
}

fn arithmetic(report: &Report, out: &mut Vec<Finding>, evals: &mut Vec<Evaluation>) {
    for id in identities(report) {
        let left_ops: Vec<Operand> = id.left.iter().map(|k| operand(report, k)).collect();
        let right_ops: Vec<Operand> = id.right.iter().map(|k| operand(report, k)).collect();
        // Rows are named in the report's own words where the report has them.
        let instance_zh = match id.rule {
            ids::T3_ROW_TOTAL => report
                .row("T3", id.instance)
                .map_or_else(|| id.instance_zh.to_string(), |r| r.label.clone()),
            _ => id.instance_zh.to_string(),
        };
        let exact = |ops: &[Operand]| -> Option<Num> {
            Num::sum(
                ops.iter()
                    .map(|o| match o {
                        Operand::Num(n) => Some(*n),
                        Operand::Missing { .. } => None,
                    })
                    .collect::<Option<Vec<_>>>()?,
            )
        };
        let as_zero = |ops: &[Operand]| -> Option<Num> {
            Num::sum(
                ops.iter()
                    .map(|o| match o {
                        Operand::Num(n) => Some(*n),
                        Operand::Missing { as_zero, .. } => *as_zero,
                    })
                    .collect::<Option<Vec<_>>>()?,
            )
        };
        let left = exact(&left_ops);
        let right = exact(&right_ops);
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
        f.cells = id
            .left
            .iter()
            .chain(id.right.iter())
            .map(|k| k.to_string())
            .collect();
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
                let mut bad_zh = Vec::new();
                let mut bad_en = Vec::new();
                for (k, o) in id
                    .left
                    .iter()
                    .zip(&left_ops)
                    .chain(id.right.iter().zip(&right_ops))
                {
                    if let Operand::Missing {
                        reason_zh,
                        reason_en,
                        ..
                    } = o
                    {
                        let (z, e) = cell_short(report, k);
                        bad_zh.push(format!("“{z}”{reason_zh}"));
                        bad_en.push(format!("“{e}” is {reason_en}"));
                    }
                }
                let total = bad_zh.len();
                bad_zh.truncate(4);
                bad_en.truncate(4);
                let mut why_zh = bad_zh.join("、");
                let mut why_en = bad_en.join(", ");
                if total > 4 {
                    why_zh.push_str(&format!("等{total}个单元格"));
                    why_en.push_str(&format!(" ({total} cells in all)"));
                }
                let mut severity = Severity::Info;
                if let (Some(l), Some(r)) = (as_zero(&left_ops), as_zero(&right_ops)) {
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
