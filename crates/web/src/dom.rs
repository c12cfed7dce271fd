//! Drawing with web-sys: renders a [`PageView`] into the result area (the form and its
//! events are in [`crate::page`]).
//!
//! All report-derived text goes in through `set_text_content` (never `innerHTML`), so a
//! pasted report can not inject markup.

use nianbao_core::format::t4;
use nianbao_core::Table;
use nianbao_core::{Lang, RULES};
use std::cell::Cell;
use wasm_bindgen::JsValue;

use web_sys::{Document, Element};

use crate::view::{self, CellView, PageView, ReportView, RowView, Source, TableView};

pub(crate) type Res<T> = Result<T, JsValue>;

/// An attribute list entry that is skipped (for attributes set only in some cases).
pub(crate) const NO: (&str, &str) = ("", "");

/// The document to draw in, and the first error of a drawing. [`add`] never returns an
/// error, so that its callers need no error path per element (one each cost several KB of
/// wasm): after a failed DOM call it does nothing more (it returns the parent), and
/// [`Draw::done`] gives the error at the end.
pub(crate) struct Draw {
    doc: Document,
    failed: Cell<Option<JsValue>>,
}

impl Draw {
    pub(crate) fn new(doc: Document) -> Draw {
        Draw {
            doc,
            failed: Cell::new(None),
        }
    }

    /// The document of `el`.
    pub(crate) fn of(el: &Element) -> Res<Draw> {
        el.owner_document()
            .map(Draw::new)
            .ok_or_else(|| JsValue::from_str("result has no document"))
    }

    /// The first error of the elements added since the last call (`Ok` when there was none).
    pub(crate) fn done(&self) -> Res<()> {
        match self.failed.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// Appends the text node `text` to `parent` (nothing after an error, as [`add`]).
pub(crate) fn add_text(d: &Draw, parent: &Element, text: &str) {
    if let Some(e) = d.failed.take() {
        d.failed.set(Some(e));
    } else if let Err(e) = parent.append_child(&d.doc.create_text_node(text)) {
        d.failed.set(Some(e));
    }
}

/// Creates `<tag>` with the attributes `attrs` in their order (entries with an empty name,
/// [`NO`], are skipped) and the text `text` (none when empty), and appends it to `parent`.
/// After an error (kept for [`Draw::done`]), it creates nothing and returns `parent`.
///
/// One non-generic function for every element the page draws: a builder chain inlined at
/// each call site cost several KB of wasm.
#[inline(never)]
pub(crate) fn add(
    d: &Draw,
    parent: &Element,
    tag: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> Element {
    let r = match d.failed.take() {
        None => try_add(&d.doc, parent, tag, attrs, text),
        Some(e) => Err(e),
    };
    r.unwrap_or_else(|e| {
        d.failed.set(Some(e));
        parent.clone()
    })
}

fn try_add(
    doc: &Document,
    parent: &Element,
    tag: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> Res<Element> {
    let e = doc.create_element(tag)?;
    for (k, v) in attrs {
        if !k.is_empty() {
            e.set_attribute(k, v)?;
        }
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    parent.append_child(&e)?;
    Ok(e)
}

/// Replaces the content of the result area with `v` (Chinese).
pub fn render(result: &Element, v: &PageView) -> Res<()> {
    render_from(result, None, v)
}

/// Replaces the content of the result area with `v`, under a line saying where it came from
/// (`#source[data-origin][data-kind]`: a file and its kind, or the pasted text).
pub fn render_from(result: &Element, source: Option<&Source>, v: &PageView) -> Res<()> {
    render_lang(result, source, v, Lang::Zh)
}

/// Picks the Chinese or the English text.
fn t<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// [`render_from`] in a language: labels and messages in Chinese (default) or English.
pub fn render_lang(result: &Element, source: Option<&Source>, v: &PageView, lang: Lang) -> Res<()> {
    render_with(result, source, v, lang, false)
}

/// Replaces the content of the result area with a message `#message[data-kind=kind]`:
/// Chinese first, English second (`crash`, `recovered`, …).
pub fn notice(result: &Element, kind: &str, zh: &str, en: &str) -> Res<()> {
    let doc = Draw::of(result)?;
    result.set_text_content(None);
    result.set_attribute("lang", "zh-CN")?;
    message(&doc, result, kind, zh, en);
    doc.done()
}

/// [`render_lang`], `compact` for embedding: the three tables (and the 表三 identity) each
/// behind a closed `<details class="panel">` after the verdict and the findings.
pub fn render_with(
    result: &Element,
    source: Option<&Source>,
    v: &PageView,
    lang: Lang,
    compact: bool,
) -> Res<()> {
    let doc = Draw::of(result)?;
    result.set_text_content(None);
    result.set_attribute("lang", t(lang, "zh-CN", "en"))?;
    if let Some(s) = source {
        add(
            &doc,
            result,
            "p",
            &[
                ("id", "source"),
                ("class", "source"),
                ("data-origin", s.origin),
                ("data-kind", s.kind),
            ],
            &s.line_zh,
        );
    }
    match v {
        PageView::Empty => message(&doc, result, "empty", view::EMPTY_ZH, view::EMPTY_EN),
        PageView::Unreadable { zh, en } => message(&doc, result, "unreadable", zh, en),
        PageView::Report(r) => report(&doc, result, r, lang, compact),
    }
    doc.done()
}

fn message(doc: &Draw, parent: &Element, kind: &str, zh: &str, en: &str) {
    let div = add(
        doc,
        parent,
        "div",
        &[("id", "message"), ("class", "message"), ("data-kind", kind)],
        "",
    );
    add(doc, &div, "p", &[("lang", "zh-CN")], zh);
    add(doc, &div, "p", &[("lang", "en"), ("class", "en")], en);
}

/// A visible placeholder for a value the core did not find.
const NOT_FOUND: &str = "未识别";

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

fn report(doc: &Draw, parent: &Element, r: &ReportView, lang: Lang, compact: bool) {
    // Verdict first: the one line most users read.
    let v = &r.verdict;
    let line = match lang {
        Lang::Zh => format!("校验结果：{}", v.line_zh()),
        Lang::En => format!(
            "Result: {} ({} errors, {} warnings, {} notes)",
            match v.code {
                "pass" => "pass",
                "warn" => "warnings",
                "fail" => "errors",
                _ => "unreadable",
            },
            v.errors,
            v.warnings,
            v.infos
        ),
    };
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
        &line,
    );

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

    pair_block(doc, parent, r, lang);
    findings(doc, parent, r, lang);
    if !compact {
        identity(doc, parent, r, "h2");
    }

    let (t2z, t2e) = Table::T2.title();
    let p = part(doc, parent, "t2", t(lang, t2z, t2e), compact);
    match &r.t2 {
        Some(b) => t2_table(doc, &p, b, lang),
        None => not_read(
            doc,
            &p,
            "t2",
            t(lang, "未读到表二。", "表二 (Table 2) was not read."),
        ),
    }
    let title = t(
        lang,
        "表三 收到和处理政府信息公开申请情况",
        "Table 3 (applications)",
    );
    let p = part(doc, parent, "t3", title, compact);
    if compact {
        identity(doc, &p, r, "h3");
    }
    match &r.t3 {
        Some(tv) => table(doc, &p, tv, lang),
        None => not_read(
            doc,
            &p,
            "t3",
            t(lang, "未读到表三。", "表三 (Table 3) was not read."),
        ),
    }
    let (t4z, t4e) = Table::T4.title();
    let p = part(doc, parent, "t4", t(lang, t4z, t4e), compact);
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

fn not_read(doc: &Draw, parent: &Element, id: &str, text: &str) {
    add(
        doc,
        parent,
        "p",
        &[("id", id), ("class", "not-found")],
        text,
    );
}

fn identity(doc: &Draw, parent: &Element, r: &ReportView, heading: &str) {
    add(
        doc,
        parent,
        heading,
        &[],
        "表三勾稽关系：一 + 二 = 三（七）+ 四",
    );
    let table = add(
        doc,
        parent,
        "table",
        &[("id", "identity"), ("class", "identity")],
        "",
    );
    let head = add(doc, &add(doc, &table, "thead", &[], ""), "tr", &[], "");
    for t in ["列", "一 + 二", "三（七）+ 四", "结果"] {
        add(doc, &head, "th", &[("scope", "col")], t);
    }
    let body = add(doc, &table, "tbody", &[], "");
    if r.identity.is_empty() {
        let tr = add(doc, &body, "tr", &[], "");
        add(
            doc,
            &tr,
            "td",
            &[("colspan", "4"), ("class", "not-found")],
            "未能核对（没有读到表三）。",
        );
    }
    for i in &r.identity {
        let left = i.left.as_deref().unwrap_or("—");
        let right = i.right.as_deref().unwrap_or("—");
        let tr = add(
            doc,
            &body,
            "tr",
            &[
                ("data-col", i.col),
                ("data-outcome", i.outcome),
                ("data-left", i.left.as_deref().unwrap_or("")),
                ("data-right", i.right.as_deref().unwrap_or("")),
                ("class", &format!("outcome-{}", i.outcome)),
            ],
            "",
        );
        add(doc, &tr, "th", &[("scope", "row")], &i.col_zh);
        add(doc, &tr, "td", &[("class", "num")], left);
        add(doc, &tr, "td", &[("class", "num")], right);
        let sign = match i.outcome {
            "pass" => "✓ ",
            "fail" => "✗ ",
            _ => "? ",
        };
        add(
            doc,
            &tr,
            "td",
            &[("class", "outcome")],
            &format!(
                "{sign}{left} {} {right}：{}",
                if i.outcome == "fail" { "≠" } else { "=" },
                i.outcome_zh()
            ),
        );
    }
}

fn findings(doc: &Draw, parent: &Element, r: &ReportView, lang: Lang) {
    add(doc, parent, "h2", &[], t(lang, "发现的问题", "Findings"));
    let div = add(
        doc,
        parent,
        "div",
        &[("id", "findings"), ("class", "findings")],
        "",
    );
    if r.findings.is_empty() {
        add(
            doc,
            &div,
            "p",
            &[("class", "none")],
            t(lang, "没有发现问题。", "No problems found."),
        );
    }
    let (_, marks) = view::text_pieces(&r.text, &r.findings);
    for (code, zh, en, fs) in r.groups() {
        add(doc, &div, "h3", &[], t(lang, zh, en));
        let ul = add(doc, &div, "ul", &[("data-group", code)], "");
        for f in fs {
            let i = r
                .findings
                .iter()
                .position(|x| std::ptr::eq(x, f))
                .unwrap_or(0);
            let li = add(
                doc,
                &ul,
                "li",
                &[
                    ("data-rule", &f.rule),
                    ("data-severity", f.severity),
                    ("class", &format!("sev-{}", f.severity)),
                ],
                "",
            );
            add(
                doc,
                &li,
                "span",
                &[("class", "sev")],
                t(lang, f.severity_zh, f.severity),
            );
            let msg = t(lang, &f.message, &f.message_en);
            // Where a click goes: the first involved cell drawn in a table, else the text span.
            let cell = f.cells.iter().find(|&&k| r.cell(k).is_some());
            let target = match (cell, marks.get(i).copied().flatten()) {
                (Some(k), _) => Some(("data-cell", k.to_string())),
                (None, Some(p)) => Some(("data-span", format!("piece-{p}"))),
                _ => None,
            };
            match target {
                Some((attr, value)) => {
                    let b = add(
                        doc,
                        &li,
                        "button",
                        &[
                            ("type", "button"),
                            ("class", "goto msg"),
                            (attr, &value),
                            ("data-finding", &i.to_string()),
                        ],
                        msg,
                    );
                    add(
                        doc,
                        &b,
                        "span",
                        &[("class", "sr-only")],
                        t(lang, "（定位）", " (go to)"),
                    );
                }
                None => {
                    add(doc, &li, "span", &[("class", "msg")], msg);
                }
            }
            if !f.cells.is_empty() {
                let keys: Vec<String> = f.cells.iter().map(ToString::to_string).collect();
                add(doc, &li, "span", &[("class", "cells")], &keys.join(" "));
            }
            add(
                doc,
                &li,
                "a",
                &[
                    ("class", "rule-link"),
                    ("href", &format!("#rule-{}", f.rule)),
                    ("data-rule", &f.rule),
                ],
                t(lang, "规则说明", "About this rule"),
            );
        }
    }
}

/// A data cell: `td[data-key][data-state]`, with `data-mark`, a badge and hidden text when
/// a finding names it. The value is the first child (`.v`).
fn td(doc: &Draw, tr: &Element, c: &CellView, colspan: usize, lang: Lang) {
    let mut class = c.kind.as_str().to_string();
    if let Some(m) = c.mark {
        class.push_str(" hl hl-");
        class.push_str(m.code());
    }
    let span = colspan.to_string();
    let td = add(
        doc,
        tr,
        "td",
        &[
            ("data-key", &c.key.to_string()),
            ("data-state", c.kind.as_str()),
            ("tabindex", "-1"),
            ("class", &class),
            if colspan > 1 { ("colspan", &span) } else { NO },
            c.mark.map_or(NO, |m| ("data-mark", m.code())),
            c.mark.map_or(NO, |m| ("data-severity", m.severity)),
        ],
        "",
    );
    add(doc, &td, "span", &[("class", "v")], &c.text);
    if let Some(m) = c.mark {
        add(
            doc,
            &td,
            "span",
            &[("class", "badge"), ("aria-hidden", "true")],
            m.badge(),
        );
        add(doc, &td, "span", &[("class", "sr-only")], m.label(lang));
    }
}

fn th(doc: &Draw, tr: &Element, text: &str, attrs: &[(&str, &str)]) -> Element {
    add(doc, tr, "th", attrs, text)
}

/// `"true"` or `"false"`.
pub(crate) fn bool_str(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// `<span class="en" lang="en">`'s attributes (the English second line of a bilingual text).
pub(crate) const EN: &[(&str, &str)] = &[("class", "en"), ("lang", "en")];

/// `<div class="table-wrap"><table id=id class="grid national">` in `parent`: the table.
fn national(doc: &Draw, parent: &Element, id: &str) -> Element {
    let wrap = add(doc, parent, "div", &[("class", "table-wrap")], "");
    add(
        doc,
        &wrap,
        "table",
        &[("id", id), ("class", "grid national")],
        "",
    )
}

/// `<thead>` with three rows in `table`: the rows.
fn head_rows(doc: &Draw, table: &Element) -> [Element; 3] {
    let head = add(doc, table, "thead", &[], "");
    [
        add(doc, &head, "tr", &[], ""),
        add(doc, &head, "tr", &[], ""),
        add(doc, &head, "tr", &[], ""),
    ]
}

/// A 表三 group heading (三、本年度办理结果, （三）不予公开 …) spanning its `rows`; in English
/// the core's English name of the group (the Chinese text when it has none).
fn group_th(doc: &Draw, tr: &Element, text: &str, rows: usize, lang: Lang) -> Element {
    let text = match lang {
        Lang::Zh => text,
        Lang::En => nianbao_core::format::group_en(text).unwrap_or(text),
    };
    th(
        doc,
        tr,
        text,
        &[
            ("rowspan", &rows.to_string()),
            ("scope", "rowgroup"),
            ("class", "group"),
        ],
    )
}

/// 表二 in the national layout: 4 grid columns, a caption row per 第二十条 item, a heading
/// row (`信息内容` + the columns) and the rows; single-value rows span the 3 value columns.
fn t2_table(doc: &Draw, parent: &Element, blocks: &[view::T2Block], lang: Lang) {
    let table = national(doc, parent, "t2");
    let body = add(doc, &table, "tbody", &[], "");
    let width = blocks.iter().map(|b| b.cols.len()).max().unwrap_or(3);
    for b in blocks {
        let tr = add(doc, &body, "tr", &[("class", "caption")], "");
        th(
            doc,
            &tr,
            b.caption,
            &[("colspan", &(width + 1).to_string()), ("scope", "colgroup")],
        );
        let tr = add(doc, &body, "tr", &[("class", "head")], "");
        th(doc, &tr, t(lang, "信息内容", "Item"), &[("scope", "col")]);
        let n = b.cols.len();
        for (i, (zh, en)) in b.cols.iter().enumerate() {
            let span = if i + 1 == n { width - n + 1 } else { 1 };
            th(
                doc,
                &tr,
                t(lang, zh, en),
                &[("scope", "col"), ("colspan", &span.to_string())],
            );
        }
        for (zh, en, cells) in &b.rows {
            let tr = add(doc, &body, "tr", &[], "");
            th(doc, &tr, t(lang, zh, en), &[("scope", "row")]);
            for (i, c) in cells.iter().enumerate() {
                let span = if i + 1 == cells.len() {
                    width - cells.len() + 1
                } else {
                    1
                };
                td(doc, &tr, c, span, lang);
            }
        }
    }
}

/// 表四 in the national layout: 行政复议 (5) and 行政诉讼 (10: 未经复议直接起诉, 复议后起诉).
fn t4_table(doc: &Draw, parent: &Element, cells: &[CellView], lang: Lang) {
    let table = national(doc, parent, "t4");
    let [r1, r2, r3] = head_rows(doc, &table);
    let rv = &t4::ROWS[0];
    th(
        doc,
        &r1,
        t(lang, rv.label_zh, rv.label_en),
        &[
            ("colspan", "5"),
            ("scope", "colgroup"),
            ("data-group", rv.key),
        ],
    );
    th(
        doc,
        &r1,
        t(lang, "行政诉讼", "administrative litigation"),
        &[("colspan", "10"), ("scope", "colgroup")],
    );
    for c in t4::COLS {
        th(
            doc,
            &r2,
            t(lang, c.label_zh, c.label_en),
            &[
                ("rowspan", "2"),
                ("scope", "col"),
                ("data-col", &format!("RV.{}", c.key)),
            ],
        );
    }
    for g in &t4::ROWS[1..] {
        th(
            doc,
            &r2,
            t(lang, g.short_zh, g.label_en),
            &[
                ("colspan", "5"),
                ("scope", "colgroup"),
                ("data-group", g.key),
            ],
        );
        for c in t4::COLS {
            th(
                doc,
                &r3,
                t(lang, c.label_zh, c.label_en),
                &[
                    ("scope", "col"),
                    ("data-col", &format!("{}.{}", g.key, c.key)),
                ],
            );
        }
    }
    let tr = add(doc, &add(doc, &table, "tbody", &[], ""), "tr", &[], "");
    for c in cells {
        td(doc, &tr, c, 1, lang);
    }
}

/// 表三 in the national layout: a 3-column label area (三、本年度办理结果 and its sub-groups
/// as rowspans), the 申请人情况 header over 自然人 / 法人或其他组织 (5) / 总计.
fn table(doc: &Draw, parent: &Element, tv: &TableView, lang: Lang) {
    let table = national(doc, parent, "t3");
    let [r1, r2, r3] = head_rows(doc, &table);
    th(
        doc,
        &r1,
        t(
            lang,
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "(in each column: item 1 + item 2 = item 3 + item 4)",
        ),
        &[("colspan", "3"), ("rowspan", "3"), ("class", "corner")],
    );
    th(
        doc,
        &r1,
        t(lang, "申请人情况", "Applicants"),
        &[("colspan", "7"), ("scope", "colgroup")],
    );
    let label = |i: usize| t(lang, tv.cols[i].1, tv.cols_en.get(i).copied().unwrap_or(""));
    let n = tv.cols.len();
    if n == 7 {
        th(
            doc,
            &r2,
            label(0),
            &[
                ("rowspan", "2"),
                ("scope", "col"),
                ("data-col", tv.cols[0].0),
            ],
        );
        th(
            doc,
            &r2,
            t(
                lang,
                "法人或其他组织",
                "legal persons and other organisations",
            ),
            &[("colspan", "5"), ("scope", "colgroup")],
        );
        th(
            doc,
            &r2,
            label(6),
            &[
                ("rowspan", "2"),
                ("scope", "col"),
                ("data-col", tv.cols[6].0),
            ],
        );
        for i in 1..6 {
            th(
                doc,
                &r3,
                label(i),
                &[("scope", "col"), ("data-col", tv.cols[i].0)],
            );
        }
    }
    // Which rows sit under 三、本年度办理结果 (those with a group) and under which sub-group.
    let mut rows = Vec::new();
    for r in &tv.rows {
        if let RowView::Row {
            key,
            label,
            label_en,
            found,
            cells,
            ..
        } = r
        {
            rows.push((*key, label, *label_en, *found, cells));
        }
    }
    let groups: Vec<(Option<&str>, Option<&str>)> = {
        let mut outer: Option<&str> = None;
        let mut inner: Option<&str> = None;
        let mut out = Vec::new();
        for r in &tv.rows {
            match r {
                RowView::Group(g) if g.starts_with('（') => inner = Some(g),
                RowView::Group(g) => {
                    outer = Some(g);
                    inner = None;
                }
                RowView::Row { group, .. } => {
                    // R1, R2, R4 are outside the group; R3* inside, R3a/R3b/R3g without a sub-group.
                    let in3 = group.is_some();
                    let sub = if group.is_some_and(|g| g.parent.is_some()) {
                        inner
                    } else {
                        None
                    };
                    out.push((
                        if in3 {
                            outer.or(Some("三、本年度办理结果"))
                        } else {
                            None
                        },
                        sub,
                    ));
                }
            }
        }
        out
    };
    let body = add(doc, &table, "tbody", &[], "");
    for (i, (key, label_zh, label_en, found, cells)) in rows.iter().enumerate() {
        let tr = add(doc, &body, "tr", &[("data-row", key)], "");
        let (outer, inner) = groups[i];
        if let Some(o) = outer {
            if i == 0 || groups[i - 1].0 != Some(o) {
                let n = groups[i..].iter().take_while(|g| g.0 == Some(o)).count();
                group_th(doc, &tr, o, n, lang);
            }
            if let Some(g) = inner {
                if i == 0 || groups[i - 1].1 != Some(g) {
                    let n = groups[i..].iter().take_while(|x| x.1 == Some(g)).count();
                    group_th(doc, &tr, g, n, lang);
                }
            }
        }
        let span = match (outer, inner) {
            (None, _) => "3",
            (Some(_), None) => "2",
            _ => "1",
        };
        let text = t(lang, label_zh, label_en);
        let (class, title) = if *found {
            (NO, NO)
        } else {
            (
                ("class", "not-found"),
                (
                    "title",
                    t(
                        lang,
                        "报告中未找到此行（显示的是国家模板的行名）",
                        "Row not found in the report (national label shown)",
                    ),
                ),
            )
        };
        th(
            doc,
            &tr,
            text,
            &[("scope", "row"), ("colspan", span), class, title],
        );
        for c in cells.iter() {
            td(doc, &tr, c, 1, lang);
        }
    }
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

/// The report text, read-only, with every finding's span in a `<mark>`; only text nodes.
fn text_view(doc: &Draw, parent: &Element, r: &ReportView, lang: Lang) {
    if r.text.is_empty() {
        return;
    }
    let details = add(doc, parent, "details", &[("id", "text-view")], "");
    add(
        doc,
        &details,
        "summary",
        &[],
        t(
            lang,
            "报告全文（标出正文问题的位置）",
            "Report text (problems in the text marked)",
        ),
    );
    let pre = add(
        doc,
        &details,
        "pre",
        &[("id", "report-text"), ("class", "report-text")],
        "",
    );
    let (pieces, _) = view::text_pieces(&r.text, &r.findings);
    for (k, (s, e, f)) in pieces.into_iter().enumerate() {
        let text = &r.text[s..e];
        match f {
            None => {
                add_text(doc, &pre, text);
            }
            Some(i) => {
                let f = &r.findings[i];
                add(
                    doc,
                    &pre,
                    "mark",
                    &[
                        ("id", &format!("piece-{k}")),
                        ("data-rule", &f.rule),
                        ("data-severity", f.severity),
                        ("tabindex", "-1"),
                        ("title", t(lang, &f.message, &f.message_en)),
                        ("class", &format!("sev-{}", f.severity)),
                    ],
                    text,
                );
            }
        }
    }
}

/// Every rule of `nianbao_core::RULES`: title, severity, scope and documentation.
fn rules_panel(doc: &Draw, parent: &Element, lang: Lang) {
    let details = add(doc, parent, "details", &[("id", "rules")], "");
    add(
        doc,
        &details,
        "summary",
        &[],
        t(lang, "规则说明", "The rules"),
    );
    let dl = add(doc, &details, "dl", &[("class", "rules")], "");
    for rule in RULES {
        let dt = add(
            doc,
            &dl,
            "dt",
            &[("id", &format!("rule-{}", rule.id)), ("tabindex", "-1")],
            "",
        );
        add(doc, &dt, "code", &[], rule.id);
        add(
            doc,
            &dt,
            "span",
            &[],
            &format!(" {}", t(lang, rule.title_zh, rule.title_en)),
        );
        let dd = add(doc, &dl, "dd", &[], "");
        add(
            doc,
            &dd,
            "p",
            &[("class", "rule-meta")],
            &format!(
                "{}{}；{}{}",
                t(lang, "级别：", "Severity: "),
                rule.severity.label(lang),
                t(lang, "适用：", "Applies to: "),
                rule.scope.describe(lang)
            ),
        );
        add(doc, &dd, "p", &[], t(lang, rule.doc_zh, rule.doc_en));
    }
}
