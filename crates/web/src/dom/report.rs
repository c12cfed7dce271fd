//! A report's result, top to bottom: the verdict (the one line most users read), agency, year
//! and format, the export buttons, the pairing with last year's report, the findings, the
//! three tables (each behind a `details.panel` in the compact layout), the legend, the text
//! and the rules.

use nianbao_core::present::table_title;
use nianbao_core::{Lang, Table};
use web_sys::Element;

use super::findings::{findings, rules_panel, text_view};
use super::tables::{identity, t2_table, t3_table, t4_table};
use super::{add, bool_str, t, Draw, EN, NO};
use crate::view::{self, ReportView};

/// A visible placeholder for a value the core did not find.
const NOT_FOUND: &str = "未识别";

pub(super) fn report(doc: &Draw, parent: &Element, r: &ReportView, lang: Lang, compact: bool) {
    verdict(doc, parent, r, lang);
    meta(doc, parent, r, lang);
    exports(doc, parent, lang);
    pair_block(doc, parent, r, lang);
    findings(doc, parent, r, lang);
    if !compact {
        identity(doc, parent, r, "h2");
    }

    let p = part(doc, parent, "t2", table_title(Table::T2, lang), compact);
    match &r.t2 {
        Some(b) => t2_table(doc, &p, b, lang),
        None => not_read(
            doc,
            &p,
            "t2",
            t(lang, "未读到表二。", "表二 (Table 2) was not read."),
        ),
    }
    let p = part(doc, parent, "t3", table_title(Table::T3, lang), compact);
    if compact {
        identity(doc, &p, r, "h3");
    }
    match &r.t3 {
        Some(tv) => t3_table(doc, &p, tv, lang),
        None => not_read(
            doc,
            &p,
            "t3",
            t(lang, "未读到表三。", "表三 (Table 3) was not read."),
        ),
    }
    let p = part(doc, parent, "t4", table_title(Table::T4, lang), compact);
    match &r.t4 {
        Some(cells) => t4_table(doc, &p, cells, lang),
        None => not_read(
            doc,
            &p,
            "t4",
            t(lang, "未读到表四。", "表四 (Table 4) was not read."),
        ),
    }
    legend(doc, parent, lang);
    text_view(doc, parent, r, lang);
    rules_panel(doc, parent, lang);
}

/// `#verdict[data-verdict][data-errors][data-warnings]`.
fn verdict(doc: &Draw, parent: &Element, r: &ReportView, lang: Lang) {
    let v = &r.verdict;
    add(
        doc,
        parent,
        "p",
        &[
            ("id", "verdict"),
            ("class", &format!("verdict verdict-{}", v.code)),
            ("data-verdict", v.code),
            ("data-errors", &v.errors.to_string()),
            ("data-warnings", &v.warnings.to_string()),
        ],
        &v.line(lang),
    );
}

/// `#agency`, `#year`, `#format[data-format]` (未识别 when the core found none).
fn meta(doc: &Draw, parent: &Element, r: &ReportView, lang: Lang) {
    let dl = add(doc, parent, "dl", &[("class", "meta")], "");
    let year = r.year.map(|y| y.to_string());
    for (id, term, value) in [
        ("agency", t(lang, "机关", "Agency"), r.agency.as_deref()),
        ("year", t(lang, "年度", "Year"), year.as_deref()),
        ("format", t(lang, "格式", "Format"), Some(r.format_zh)),
    ] {
        add(doc, &dl, "dt", &[], term);
        add(
            doc,
            &dl,
            "dd",
            &[
                ("id", id),
                if value.is_none() {
                    ("class", "not-found")
                } else {
                    NO
                },
                if id == "format" {
                    ("data-format", r.format)
                } else {
                    NO
                },
            ],
            value.unwrap_or(NOT_FOUND),
        );
    }
}

/// `#export-json`, `#export-csv`, `#print` (handled by [`crate::page`]).
fn exports(doc: &Draw, parent: &Element, lang: Lang) {
    let ex = add(
        doc,
        parent,
        "div",
        &[
            ("class", "actions exports"),
            ("role", "group"),
            ("aria-label", t(lang, "导出结果", "Export the result")),
        ],
        "",
    );
    for (id, zh, en) in [
        ("export-json", "导出 JSON", "Export JSON"),
        ("export-csv", "导出 CSV", "Export CSV"),
        ("print", "打印 / 存为 PDF", "Print / save as PDF"),
    ] {
        add(
            doc,
            &ex,
            "button",
            &[("id", id), ("type", "button"), ("class", "secondary")],
            t(lang, zh, en),
        );
    }
}

/// Pairing with last year's report (`#pair[data-paired]`): when paired, which report
/// (`#pair-line[data-file][data-auto][data-added]`, Chinese then English) and
/// `#pair-remove`; otherwise `#pair-pick` (与上年报告对比…), which opens the hidden `#pair-file`
/// that [`crate::page`] keeps outside the result area.
/// `#pair-status` (hidden) takes the messages of a pairing that could not be made. A file
/// dropped on `#pair` is taken as last year's report ([`crate::page`]).
fn pair_block(doc: &Draw, parent: &Element, r: &ReportView, lang: Lang) {
    let div = add(
        doc,
        parent,
        "div",
        &[
            ("id", "pair"),
            ("class", "pair"),
            ("data-paired", bool_str(r.pair.is_some())),
        ],
        "",
    );
    match &r.pair {
        Some(p) => {
            let (zh, en) = p.lines();
            let line = add(
                doc,
                &div,
                "p",
                &[
                    ("id", "pair-line"),
                    ("data-file", &p.file),
                    ("data-auto", bool_str(p.auto)),
                    ("data-added", &p.added.to_string()),
                ],
                "",
            );
            add(doc, &line, "span", &[("lang", "zh-CN")], &zh);
            add(doc, &line, "span", EN, &en);
            add(
                doc,
                &div,
                "button",
                &[
                    ("id", "pair-remove"),
                    ("type", "button"),
                    ("class", "secondary"),
                ],
                t(lang, "取消与上年报告的对比", "Remove the comparison"),
            );
        }
        None => {
            add(
                doc,
                &div,
                "button",
                &[
                    ("id", "pair-pick"),
                    ("type", "button"),
                    ("aria-controls", "pair-file"),
                    ("aria-describedby", "pair-hint"),
                    ("class", "secondary"),
                ],
                t(lang, "与上年报告对比…", "Compare with last year's report…"),
            );
            let hint = add(
                doc,
                &div,
                "span",
                &[("id", "pair-hint"), ("class", "hint")],
                "选择或拖到这里同一机关上一年度的报告，核对上年结转和现行有效件数。",
            );
            add(doc, &hint, "span", EN, " Choose or drop here the same body's report of the previous year to check the carry-over and the documents in force.");
        }
    }
    add(
        doc,
        &div,
        "div",
        &[
            ("id", "pair-status"),
            ("class", "message"),
            ("role", "status"),
            ("hidden", ""),
        ],
        "",
    );
}

/// A heading for a part of the result. Full layout: an `<h2>` in `parent`, and the part
/// follows it in `parent`. Compact: a closed `<details class="panel" data-panel=key>` whose
/// summary is the heading; the part goes inside it (the returned element).
fn part(doc: &Draw, parent: &Element, key: &str, title: &str, compact: bool) -> Element {
    if !compact {
        add(doc, parent, "h2", &[], title);
        return parent.clone();
    }
    let details = add(
        doc,
        parent,
        "details",
        &[("class", "panel"), ("data-panel", key)],
        "",
    );
    let summary = add(doc, &details, "summary", &[], "");
    add(doc, &summary, "h2", &[], title);
    details
}

fn not_read(doc: &Draw, parent: &Element, id: &str, text: &str) {
    add(
        doc,
        parent,
        "p",
        &[("id", id), ("class", "not-found")],
        text,
    );
}

fn legend(doc: &Draw, parent: &Element, lang: Lang) {
    add(doc, parent, "p", &[("class", "legend")], &match lang {
        Lang::Zh => format!(
            "“{}”表示报告中该格为空；“{}”表示没有读到该格；占位符（如 / 或 —）按原样显示。标记：✗ 错误涉及的格（实线框），! 警告涉及的格（虚线框），? 最可能出错的格（双线框），i 提示。",
            view::BLANK_MARK,
            view::MISSING_MARK
        ),
        Lang::En => format!(
            "“{}”: the cell is empty in the report; “{}”: the cell was not read; placeholders (/ or —) are shown as printed. Marks: ✗ cell in an error (solid frame), ! cell in a warning (dashed), ? most likely wrong cell (double frame), i note.",
            view::BLANK_MARK,
            view::MISSING_MARK
        ),
    });
}
