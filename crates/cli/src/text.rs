//! The human text output: per report the verdict first, then the identities of 表三 and the
//! findings grouped by table; after several files a summary table.
//!
//! The words around the findings — verdicts, counts, the groups findings are listed under and
//! their order, cells in words as the report names them — are the core's shared presentation
//! (`nianbao_core::present`), which the page uses too; this file lays them out for a terminal:
//! [`report`], [`unreadable`], [`SummaryRow`] and [`summary`], and the sink [`TextSink`] that
//! drives them. Cells are never named by key. Colour is written as ANSI styles; the
//! output stream (anstream) strips them when colour is off (pipes, `NO_COLOR`, `--color never`).

use crate::inputs::Loaded;
use crate::out::{error_message, unreadable_message, Item, Paired, RunEnd, Sink};
use anstyle::{AnsiColor, Style};
use nianbao_core::present;
use nianbao_core::{Analysis, DetectedFormat, Lang, Outcome, Severity, Verdict};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

const BOLD: Style = Style::new().bold();

fn fg(c: AnsiColor) -> Style {
    Style::new().fg_color(Some(anstyle::Color::Ansi(c)))
}

/// `s` in `style` (the stream drops the codes when colour is off).
fn paint(style: Style, s: &str) -> String {
    format!("{style}{s}{style:#}")
}

fn verdict_style(v: Verdict) -> Style {
    let c = match v {
        Verdict::Pass => AnsiColor::Green,
        Verdict::Warn => AnsiColor::Yellow,
        _ => AnsiColor::Red,
    };
    fg(c).bold()
}

/// `(errors, warnings, notes)` in words: `（错误 2 项，警告 3 项，提示 0 项）`.
fn counts(a: &Analysis, lang: Lang) -> String {
    present::counts(
        a.count(Severity::Error),
        a.count(Severity::Warning),
        a.count(Severity::Info),
        lang,
    )
}

/// The verdict line: `【有错误】  FILE  （错误 2 项，警告 3 项，提示 0 项）`.
fn verdict_line(v: Verdict, name: &str, a: Option<&Analysis>, lang: Lang) -> String {
    let mut line = format!(
        "{}  {name}",
        paint(verdict_style(v), &format!("【{}】", v.label(lang)))
    );
    if let Some(a) = a {
        line.push_str("  ");
        line.push_str(&counts(a, lang));
    }
    line
}

/// An input that could not be read: the verdict 无法读取 and why.
pub fn unreadable(w: &mut dyn Write, name: &str, msg: &str, lang: Lang) -> io::Result<()> {
    writeln!(w, "{}", verdict_line(Verdict::Unreadable, name, None, lang))?;
    writeln!(w, "  {msg}")
}

fn paired_line(p: &Paired, zh: bool) -> String {
    let year = p.year.map(|y| y.to_string()).unwrap_or_default();
    let mut line = if zh {
        format!(
            "已与上一年度报告对比：{}（{year} 年度）。跨年度核对（上年结转、现行有效件数）发现 {} 项问题。",
            p.file, p.added
        )
    } else {
        format!(
            "Compared with last year's report: {} ({year}). The cross-year checks (carry-over, documents in force) found {} problem(s).",
            p.file, p.added
        )
    };
    if p.auto {
        line.push_str(if zh {
            "（在给出的文件中自动配对，--pair-years）"
        } else {
            " (Paired automatically among the files given, --pair-years.)"
        });
    }
    if p.agency_unchecked {
        line.push_str(if zh {
            "注意：未能识别其中一份报告的机关名称，请确认两份报告属于同一机关。"
        } else {
            " Note: the body of one of the reports was not recognised; make sure both are by the same body."
        });
    }
    line
}

/// One report read: verdict, agency/year/format, pairing, the 表三 identity per column, then
/// the findings by group with the suspect cells in words.
pub fn report(
    w: &mut dyn Write,
    name: &str,
    a: &Analysis,
    paired: Option<&Paired>,
    lang: Lang,
) -> io::Result<()> {
    let zh = lang == Lang::Zh;
    let r = &a.report;
    if let Some(msg) = unreadable_message(a, lang) {
        return unreadable(w, name, &msg, lang);
    }
    writeln!(w, "{}", verdict_line(a.verdict(), name, Some(a), lang))?;
    let unknown = if zh { "未识别" } else { "not found" };
    writeln!(
        w,
        "  {}{}  {}{}  {}{}",
        if zh { "机关：" } else { "body: " },
        r.agency.as_deref().unwrap_or(unknown),
        if zh { "年度：" } else { "year: " },
        r.year.map_or(unknown.to_string(), |y| y.to_string()),
        if zh { "格式：" } else { "format: " },
        if zh {
            r.format.label_zh()
        } else {
            r.format.label_en()
        }
    )?;
    if let Some(p) = paired {
        writeln!(w, "  {}", paired_line(p, zh))?;
    }
    let ident: Vec<_> = a
        .evaluations
        .iter()
        .filter(|e| e.rule == nianbao_core::RuleId::T3Identity)
        .collect();
    if !ident.is_empty() {
        writeln!(
            w,
            "  {}{}",
            present::pick(lang, present::IDENTITY_TITLE_ZH, present::IDENTITY_TITLE_EN),
            if zh { "：" } else { ":" }
        )?;
        let colon = if zh { "：" } else { ": " };
        for e in ident {
            let name = if zh { e.instance_zh(r) } else { e.instance_en };
            let show =
                |n: Option<nianbao_core::Num>| n.map_or("—".to_string(), |n| n.to_string());
            let line = match e.outcome {
                Outcome::Pass => format!(
                    "{} {name}{colon}{} = {}",
                    paint(fg(AnsiColor::Green), "✓"),
                    show(e.left),
                    show(e.right)
                ),
                Outcome::Fail => format!(
                    "{} {name}{colon}{} ≠ {}",
                    paint(fg(AnsiColor::Red), "✗"),
                    show(e.left),
                    show(e.right)
                ),
                // Not a pass and not a failure: no sign between the two sides.
                Outcome::NotAssessable => format!(
                    "{} {name}{colon}{}",
                    paint(fg(AnsiColor::Yellow), "?"),
                    if zh {
                        "无法校验（有空白或占位符单元格）"
                    } else {
                        "cannot be checked (blank or placeholder cells)"
                    }
                ),
            };
            writeln!(w, "    {line}")?;
        }
    }
    for (group, members) in present::grouped(&a.findings) {
        writeln!(w, "  {}", paint(BOLD, group.title(lang)))?;
        for f in members.into_iter().map(|i| &a.findings[i]) {
            let color = match f.severity {
                Severity::Error => AnsiColor::Red,
                Severity::Warning => AnsiColor::Yellow,
                Severity::Info => AnsiColor::Cyan,
            };
            let sev = paint(fg(color), f.severity.label(lang));
            writeln!(w, "    {sev} [{}] {}", f.rule, f.message(lang))?;
            for line in present::finding_cells(r, f, lang).lines() {
                writeln!(w, "      {line}")?;
            }
        }
    }
    Ok(())
}

/// One line of the summary table: the columns of the page's list of files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryRow {
    pub file: String,
    pub agency: Option<String>,
    pub year: Option<u32>,
    /// `None` when the input could not be read.
    pub format: Option<DetectedFormat>,
    pub verdict: Verdict,
    pub errors: usize,
    pub warnings: usize,
    /// The first problem in words: the first finding of the highest severity, or why the
    /// input could not be read; empty for a report that passed.
    pub first: String,
}

impl SummaryRow {
    pub fn of(name: &str, loaded: &Loaded, lang: Lang) -> Option<SummaryRow> {
        let row = |verdict, first: String| SummaryRow {
            file: name.to_string(),
            agency: None,
            year: None,
            format: None,
            verdict,
            errors: 0,
            warnings: 0,
            first,
        };
        match loaded {
            Loaded::Skipped(_) => None,
            Loaded::Failed(e) => Some(row(Verdict::Unreadable, error_message(e, lang))),
            Loaded::Checked(c) => {
                let a = &c.analysis;
                if let Some(msg) = unreadable_message(a, lang) {
                    return Some(row(Verdict::Unreadable, msg));
                }
                let worst = [Severity::Error, Severity::Warning, Severity::Info]
                    .into_iter()
                    .find_map(|s| a.findings.iter().find(|f| f.severity == s));
                Some(SummaryRow {
                    file: name.to_string(),
                    agency: a.report.agency.clone(),
                    year: a.report.year,
                    format: Some(a.report.format),
                    verdict: a.verdict(),
                    errors: a.count(Severity::Error),
                    warnings: a.count(Severity::Warning),
                    first: worst
                        .map(|f| f.message(lang).to_string())
                        .unwrap_or_default(),
                })
            }
        }
    }
}

/// At most `cols` terminal columns of `s`, cut with an ellipsis.
fn cut(s: &str, cols: usize) -> String {
    if s.width() <= cols {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > cols {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// How wide the first problem may be in the summary table (terminal columns).
const FIRST_PROBLEM_COLS: usize = 48;

/// The summary table's cells: one row of words per input, in input order.
fn summary_cells(rows: &[SummaryRow], lang: Lang) -> Vec<[String; 8]> {
    let none = "—";
    let mut table: Vec<[String; 8]> = Vec::with_capacity(rows.len());
    for r in rows {
        let read = r.verdict != Verdict::Unreadable;
        table.push([
            r.file.clone(),
            r.agency.clone().unwrap_or_else(|| none.into()),
            r.year.map_or_else(|| none.into(), |y| y.to_string()),
            r.format.map_or_else(
                || none.into(),
                |f| present::format_short(f, lang).to_string(),
            ),
            r.verdict.label(lang).to_string(),
            if read {
                r.errors.to_string()
            } else {
                none.into()
            },
            if read {
                r.warnings.to_string()
            } else {
                none.into()
            },
            cut(&r.first, FIRST_PROBLEM_COLS),
        ]);
    }
    table
}

/// The summary table after several files: one row per input read or not (skipped files are
/// counted in the last line), in input order.
pub fn summary(
    w: &mut dyn Write,
    rows: &[SummaryRow],
    skipped: usize,
    lang: Lang,
) -> io::Result<()> {
    let zh = lang == Lang::Zh;
    let head: [&str; 8] = if zh {
        [
            "文件",
            "机关",
            "年度",
            "格式",
            "结论",
            "错误",
            "警告",
            "首个问题",
        ]
    } else {
        [
            "file",
            "body",
            "year",
            "format",
            "verdict",
            "errors",
            "warnings",
            "first problem",
        ]
    };
    let table = summary_cells(rows, lang);
    let mut width = head.map(|h| h.width());
    for row in &table {
        for (i, cell) in row.iter().enumerate() {
            width[i] = width[i].max(cell.width());
        }
    }
    let line = |cells: &[String; 8], verdict: Option<Verdict>| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i == 7 {
                s.push_str(c);
                break;
            }
            let pad = " ".repeat(width[i] - c.width());
            // counts right-aligned, the rest left-aligned
            let text = match (i, verdict) {
                (4, Some(v)) => paint(verdict_style(v), c),
                _ => c.clone(),
            };
            if i == 5 || i == 6 {
                s.push_str(&pad);
                s.push_str(&text);
            } else {
                s.push_str(&text);
                s.push_str(&pad);
            }
            s.push_str("  ");
        }
        s.trim_end().to_string()
    };
    let title = if zh {
        format!("汇总（{} 个文件）", rows.len())
    } else {
        format!(
            "Summary ({} file{})",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" }
        )
    };
    writeln!(w, "{}", paint(BOLD, &title))?;
    writeln!(w, "{}", paint(BOLD, &line(&head.map(String::from), None)))?;
    for (row, r) in table.iter().zip(rows) {
        writeln!(w, "{}", line(row, Some(r.verdict)))?;
    }
    let n = |v: Verdict| rows.iter().filter(|r| r.verdict == v).count();
    let (pass, warn, fail, unread) = (
        n(Verdict::Pass),
        n(Verdict::Warn),
        n(Verdict::Fail),
        n(Verdict::Unreadable),
    );
    let mut total = if zh {
        let l = |v: Verdict| v.label(lang);
        format!(
            "{} {pass}，{} {warn}，{} {fail}，{} {unread}",
            l(Verdict::Pass),
            l(Verdict::Warn),
            l(Verdict::Fail),
            l(Verdict::Unreadable)
        )
    } else {
        format!("{pass} passed, {warn} with warnings, {fail} with errors, {unread} unreadable")
    };
    if skipped > 0 {
        total.push_str(&if zh {
            format!("；跳过 {skipped} 个文件（见标准错误输出）")
        } else {
            format!("; {skipped} file(s) skipped (see stderr)")
        });
    }
    writeln!(w, "{total}")
}

/// `--format text`: each result as it comes, a blank line between two; the summary table at
/// the end when more than one input was given.
pub struct TextSink {
    lang: Lang,
    rows: Vec<SummaryRow>,
    skipped: usize,
}

impl TextSink {
    pub fn new(lang: Lang) -> TextSink {
        TextSink {
            lang,
            rows: Vec::new(),
            skipped: 0,
        }
    }
}

impl Sink for TextSink {
    fn item(&mut self, out: &mut dyn Write, _notes: &mut Vec<u8>, item: &Item) -> io::Result<()> {
        let Some(row) = SummaryRow::of(item.name, item.loaded, self.lang) else {
            self.skipped += 1;
            return Ok(());
        };
        if !self.rows.is_empty() {
            writeln!(out)?;
        }
        match item.loaded {
            Loaded::Checked(c) => report(out, item.name, &c.analysis, item.paired, self.lang)?,
            Loaded::Failed(e) => {
                unreadable(out, item.name, &error_message(e, self.lang), self.lang)?
            }
            Loaded::Skipped(_) => {}
        }
        self.rows.push(row);
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _end: &RunEnd) -> io::Result<()> {
        if self.rows.len() + self.skipped > 1 {
            if !self.rows.is_empty() {
                writeln!(out)?;
            }
            summary(out, &self.rows, self.skipped, self.lang)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_keeps_whole_characters_and_marks_the_cut() {
        assert_eq!(cut("表三“自然人”列", 40), "表三“自然人”列");
        assert_eq!(cut("表三表三表三", 7), "表三表…");
        assert_eq!(cut("abcdef", 4), "abc…");
    }
}
