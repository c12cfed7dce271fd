//! Drawing with web-sys: renders a [`PageView`] into the result area (the form and its
//! events are in [`crate::page`]).
//!
//! All report-derived text goes in through `set_text_content` (never `innerHTML`), so a
//! pasted report can not inject markup.

use nianbao_core::format::{T4_COLS, T4_GROUPS};
use nianbao_core::{Lang, RULES};
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

use crate::view::{self, CellView, PageView, ReportView, RowView, Source, TableView};

pub(crate) type Res<T> = Result<T, JsValue>;

/// A small element builder: `h(doc, "td")?.attr("data-key", k)?.text(v).el`.
pub(crate) struct H {
    pub(crate) el: Element,
}

pub(crate) fn h(doc: &Document, tag: &str) -> Res<H> {
    Ok(H {
        el: doc.create_element(tag)?,
    })
}

impl H {
    pub(crate) fn attr(self, name: &str, value: &str) -> Res<H> {
        self.el.set_attribute(name, value)?;
        Ok(self)
    }
    pub(crate) fn class(self, value: &str) -> Res<H> {
        self.attr("class", value)
    }
    pub(crate) fn text(self, value: &str) -> H {
        self.el.set_text_content(Some(value));
        self
    }
    pub(crate) fn into_child_of(self, parent: &Element) -> Res<Element> {
        parent.append_child(&self.el)?;
        Ok(self.el)
    }
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
    let doc = result
        .owner_document()
        .ok_or_else(|| JsValue::from_str("result has no document"))?;
    result.set_text_content(None);
    result.set_attribute("lang", "zh-CN")?;
    message(&doc, result, kind, zh, en)
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
    let doc = result
        .owner_document()
        .ok_or_else(|| JsValue::from_str("result has no document"))?;
    result.set_text_content(None);
    result.set_attribute("lang", t(lang, "zh-CN", "en"))?;
    if let Some(s) = source {
        h(&doc, "p")?
            .attr("id", "source")?
            .class("source")?
            .attr("data-origin", s.origin)?
            .attr("data-kind", s.kind)?
            .text(&s.line_zh)
            .into_child_of(result)?;
    }
    match v {
        PageView::Empty => message(&doc, result, "empty", view::EMPTY_ZH, view::EMPTY_EN),
        PageView::Unreadable { zh, en } => message(&doc, result, "unreadable", zh, en),
        PageView::Report(r) => report(&doc, result, r, lang, compact),
    }
}

fn message(doc: &Document, parent: &Element, kind: &str, zh: &str, en: &str) -> Res<()> {
    let div = h(doc, "div")?
        .attr("id", "message")?
        .class("message")?
        .attr("data-kind", kind)?
        .into_child_of(parent)?;
    h(doc, "p")?
        .attr("lang", "zh-CN")?
        .text(zh)
        .into_child_of(&div)?;
    h(doc, "p")?
        .attr("lang", "en")?
        .class("en")?
        .text(en)
        .into_child_of(&div)?;
    Ok(())
}

/// A visible placeholder for a value the core did not find.
const NOT_FOUND: &str = "未识别";

/// A heading for a part of the result. Full layout: an `<h2>` in `parent`, and the part
/// follows it in `parent`. Compact: a closed `<details class="panel" data-panel=key>` whose
/// summary is the heading; the part goes inside it (the returned element).
fn part(doc: &Document, parent: &Element, key: &str, title: &str, compact: bool) -> Res<Element> {
    if !compact {
        h(doc, "h2")?.text(title).into_child_of(parent)?;
        return Ok(parent.clone());
    }
    let details = h(doc, "details")?
        .class("panel")?
        .attr("data-panel", key)?
        .into_child_of(parent)?;
    let summary = h(doc, "summary")?.into_child_of(&details)?;
    h(doc, "h2")?.text(title).into_child_of(&summary)?;
    Ok(details)
}

fn report(doc: &Document, parent: &Element, r: &ReportView, lang: Lang, compact: bool) -> Res<()> {
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
    h(doc, "p")?
        .attr("id", "verdict")?
        .class(&format!("verdict verdict-{}", v.code))?
        .attr("data-verdict", v.code)?
        .attr("data-errors", &v.errors.to_string())?
        .attr("data-warnings", &v.warnings.to_string())?
        .text(&line)
        .into_child_of(parent)?;

    let dl = h(doc, "dl")?.class("meta")?.into_child_of(parent)?;
    let year = r.year.map(|y| y.to_string());
    for (id, term, value) in [
        ("agency", t(lang, "机关", "Agency"), r.agency.as_deref()),
        ("year", t(lang, "年度", "Year"), year.as_deref()),
        ("format", t(lang, "格式", "Format"), Some(r.format_zh)),
    ] {
        h(doc, "dt")?.text(term).into_child_of(&dl)?;
        let dd = h(doc, "dd")?
            .attr("id", id)?
            .text(value.unwrap_or(NOT_FOUND));
        let dd = if value.is_none() {
            dd.class("not-found")?
        } else {
            dd
        };
        let dd = if id == "format" {
            dd.attr("data-format", r.format)?
        } else {
            dd
        };
        dd.into_child_of(&dl)?;
    }

    let ex = h(doc, "div")?
        .class("actions exports")?
        .attr("role", "group")?
        .attr("aria-label", t(lang, "导出结果", "Export the result"))?
        .into_child_of(parent)?;
    for (id, zh, en) in [
        ("export-json", "导出 JSON", "Export JSON"),
        ("export-csv", "导出 CSV", "Export CSV"),
        ("print", "打印 / 存为 PDF", "Print / save as PDF"),
    ] {
        h(doc, "button")?
            .attr("id", id)?
            .attr("type", "button")?
            .class("secondary")?
            .text(t(lang, zh, en))
            .into_child_of(&ex)?;
    }

    pair_block(doc, parent, r, lang)?;
    findings(doc, parent, r, lang)?;
    if !compact {
        identity(doc, parent, r, "h2")?;
    }

    let (t2z, t2e) = nianbao_core::format::table_name("T2");
    let p = part(doc, parent, "t2", t(lang, t2z, t2e), compact)?;
    match &r.t2 {
        Some(b) => t2_table(doc, &p, b, lang)?,
        None => not_read(
            doc,
            &p,
            "t2",
            t(lang, "未读到表二。", "表二 (Table 2) was not read."),
        )?,
    }
    let title = t(
        lang,
        "表三 收到和处理政府信息公开申请情况",
        "Table 3 (applications)",
    );
    let p = part(doc, parent, "t3", title, compact)?;
    if compact {
        identity(doc, &p, r, "h3")?;
    }
    match &r.t3 {
        Some(tv) => table(doc, &p, tv, lang)?,
        None => not_read(
            doc,
            &p,
            "t3",
            t(lang, "未读到表三。", "表三 (Table 3) was not read."),
        )?,
    }
    let (t4z, t4e) = nianbao_core::format::table_name("T4");
    let p = part(doc, parent, "t4", t(lang, t4z, t4e), compact)?;
    match &r.t4 {
        Some(cells) => t4_table(doc, &p, cells, lang)?,
        None => not_read(
            doc,
            &p,
            "t4",
            t(lang, "未读到表四。", "表四 (Table 4) was not read."),
        )?,
    }
    legend(doc, parent, lang)?;
    text_view(doc, parent, r, lang)?;
    rules_panel(doc, parent, lang)?;
    Ok(())
}

/// Pairing with last year's report (`#pair[data-paired]`): when paired, which report
/// (`#pair-line[data-file][data-auto][data-added]`, Chinese then English) and
/// `#pair-remove`; otherwise `#pair-pick` (与上年报告对比…), which opens the hidden `#pair-file`
/// that [`crate::page`] keeps outside the result area.
/// `#pair-status` (hidden) takes the messages of a pairing that could not be made. A file
/// dropped on `#pair` is taken as last year's report ([`crate::page`]).
fn pair_block(doc: &Document, parent: &Element, r: &ReportView, lang: Lang) -> Res<()> {
    let div = h(doc, "div")?
        .attr("id", "pair")?
        .class("pair")?
        .attr(
            "data-paired",
            if r.pair.is_some() { "true" } else { "false" },
        )?
        .into_child_of(parent)?;
    match &r.pair {
        Some(p) => {
            let (zh, en) = p.lines();
            let line = h(doc, "p")?
                .attr("id", "pair-line")?
                .attr("data-file", &p.file)?
                .attr("data-auto", if p.auto { "true" } else { "false" })?
                .attr("data-added", &p.added.to_string())?
                .into_child_of(&div)?;
            h(doc, "span")?
                .attr("lang", "zh-CN")?
                .text(&zh)
                .into_child_of(&line)?;
            h(doc, "span")?
                .class("en")?
                .attr("lang", "en")?
                .text(&en)
                .into_child_of(&line)?;
            h(doc, "button")?
                .attr("id", "pair-remove")?
                .attr("type", "button")?
                .class("secondary")?
                .text(t(lang, "取消与上年报告的对比", "Remove the comparison"))
                .into_child_of(&div)?;
        }
        None => {
            h(doc, "button")?
                .attr("id", "pair-pick")?
                .attr("type", "button")?
                .attr("aria-controls", "pair-file")?
                .attr("aria-describedby", "pair-hint")?
                .class("secondary")?
                .text(t(
                    lang,
                    "与上年报告对比…",
                    "Compare with last year's report…",
                ))
                .into_child_of(&div)?;
            let hint = h(doc, "span")?
                .attr("id", "pair-hint")?
                .class("hint")?
                .text("选择或拖到这里同一机关上一年度的报告，核对上年结转和现行有效件数。")
                .into_child_of(&div)?;
            h(doc, "span")?
                .class("en")?
                .attr("lang", "en")?
                .text(" Choose or drop here the same body's report of the previous year to check the carry-over and the documents in force.")
                .into_child_of(&hint)?;
        }
    }
    h(doc, "div")?
        .attr("id", "pair-status")?
        .class("message")?
        .attr("role", "status")?
        .attr("hidden", "")?
        .into_child_of(&div)?;
    Ok(())
}

fn not_read(doc: &Document, parent: &Element, id: &str, text: &str) -> Res<()> {
    h(doc, "p")?
        .attr("id", id)?
        .class("not-found")?
        .text(text)
        .into_child_of(parent)?;
    Ok(())
}

fn identity(doc: &Document, parent: &Element, r: &ReportView, heading: &str) -> Res<()> {
    h(doc, heading)?
        .text("表三勾稽关系：一 + 二 = 三（七）+ 四")
        .into_child_of(parent)?;
    let table = h(doc, "table")?
        .attr("id", "identity")?
        .class("identity")?
        .into_child_of(parent)?;
    let head = h(doc, "tr")?.into_child_of(&h(doc, "thead")?.into_child_of(&table)?)?;
    for t in ["列", "一 + 二", "三（七）+ 四", "结果"] {
        h(doc, "th")?
            .attr("scope", "col")?
            .text(t)
            .into_child_of(&head)?;
    }
    let body = h(doc, "tbody")?.into_child_of(&table)?;
    if r.identity.is_empty() {
        let tr = h(doc, "tr")?.into_child_of(&body)?;
        h(doc, "td")?
            .attr("colspan", "4")?
            .class("not-found")?
            .text("未能核对（没有读到表三）。")
            .into_child_of(&tr)?;
    }
    for i in &r.identity {
        let left = i.left.as_deref().unwrap_or("—");
        let right = i.right.as_deref().unwrap_or("—");
        let tr = h(doc, "tr")?
            .attr("data-col", i.col)?
            .attr("data-outcome", i.outcome)?
            .attr("data-left", i.left.as_deref().unwrap_or(""))?
            .attr("data-right", i.right.as_deref().unwrap_or(""))?
            .class(&format!("outcome-{}", i.outcome))?
            .into_child_of(&body)?;
        h(doc, "th")?
            .attr("scope", "row")?
            .text(&i.col_zh)
            .into_child_of(&tr)?;
        h(doc, "td")?.class("num")?.text(left).into_child_of(&tr)?;
        h(doc, "td")?.class("num")?.text(right).into_child_of(&tr)?;
        let sign = match i.outcome {
            "pass" => "✓ ",
            "fail" => "✗ ",
            _ => "? ",
        };
        h(doc, "td")?
            .class("outcome")?
            .text(&format!(
                "{sign}{left} {} {right}：{}",
                if i.outcome == "fail" { "≠" } else { "=" },
                i.outcome_zh()
            ))
            .into_child_of(&tr)?;
    }
    Ok(())
}

fn findings(doc: &Document, parent: &Element, r: &ReportView, lang: Lang) -> Res<()> {
    h(doc, "h2")?
        .text(t(lang, "发现的问题", "Findings"))
        .into_child_of(parent)?;
    let div = h(doc, "div")?
        .attr("id", "findings")?
        .class("findings")?
        .into_child_of(parent)?;
    if r.findings.is_empty() {
        h(doc, "p")?
            .class("none")?
            .text(t(lang, "没有发现问题。", "No problems found."))
            .into_child_of(&div)?;
    }
    let (_, marks) = view::text_pieces(&r.text, &r.findings);
    for (code, zh, en, fs) in r.groups() {
        h(doc, "h3")?.text(t(lang, zh, en)).into_child_of(&div)?;
        let ul = h(doc, "ul")?
            .attr("data-group", code)?
            .into_child_of(&div)?;
        for f in fs {
            let i = r
                .findings
                .iter()
                .position(|x| std::ptr::eq(x, f))
                .unwrap_or(0);
            let li = h(doc, "li")?
                .attr("data-rule", &f.rule)?
                .attr("data-severity", f.severity)?
                .class(&format!("sev-{}", f.severity))?
                .into_child_of(&ul)?;
            h(doc, "span")?
                .class("sev")?
                .text(match lang {
                    Lang::Zh => f.severity_zh,
                    Lang::En => f.severity,
                })
                .into_child_of(&li)?;
            let msg = t(lang, &f.message, &f.message_en);
            // Where a click goes: the first involved cell drawn in a table, else the text span.
            let cell = f.cells.iter().find(|k| r.cell(k).is_some());
            let target = match (cell, marks.get(i).copied().flatten()) {
                (Some(k), _) => Some(("data-cell", k.clone())),
                (None, Some(p)) => Some(("data-span", format!("piece-{p}"))),
                _ => None,
            };
            match target {
                Some((attr, value)) => {
                    let b = h(doc, "button")?
                        .attr("type", "button")?
                        .class("goto msg")?
                        .attr(attr, &value)?
                        .attr("data-finding", &i.to_string())?
                        .text(msg)
                        .into_child_of(&li)?;
                    h(doc, "span")?
                        .class("sr-only")?
                        .text(t(lang, "（定位）", " (go to)"))
                        .into_child_of(&b)?;
                }
                None => {
                    h(doc, "span")?.class("msg")?.text(msg).into_child_of(&li)?;
                }
            }
            if !f.cells.is_empty() {
                h(doc, "span")?
                    .class("cells")?
                    .text(&f.cells.join(" "))
                    .into_child_of(&li)?;
            }
            h(doc, "a")?
                .class("rule-link")?
                .attr("href", &format!("#rule-{}", f.rule))?
                .attr("data-rule", &f.rule)?
                .text(t(lang, "规则说明", "About this rule"))
                .into_child_of(&li)?;
        }
    }
    Ok(())
}

/// A data cell: `td[data-key][data-state]`, with `data-mark`, a badge and hidden text when
/// a finding names it. The value is the first child (`.v`).
fn td(doc: &Document, tr: &Element, c: &CellView, colspan: usize, lang: Lang) -> Res<()> {
    let mut class = c.kind.as_str().to_string();
    if let Some(m) = c.mark {
        class.push_str(" hl hl-");
        class.push_str(m.code());
    }
    let cell = h(doc, "td")?
        .attr("data-key", &c.key)?
        .attr("data-state", c.kind.as_str())?
        .attr("tabindex", "-1")?
        .class(&class)?;
    let cell = if colspan > 1 {
        cell.attr("colspan", &colspan.to_string())?
    } else {
        cell
    };
    let cell = match c.mark {
        Some(m) => cell
            .attr("data-mark", m.code())?
            .attr("data-severity", m.severity)?,
        None => cell,
    };
    let td = cell.into_child_of(tr)?;
    h(doc, "span")?
        .class("v")?
        .text(&c.text)
        .into_child_of(&td)?;
    if let Some(m) = c.mark {
        h(doc, "span")?
            .class("badge")?
            .attr("aria-hidden", "true")?
            .text(m.badge())
            .into_child_of(&td)?;
        h(doc, "span")?
            .class("sr-only")?
            .text(m.label(lang))
            .into_child_of(&td)?;
    }
    Ok(())
}

fn th(doc: &Document, tr: &Element, text: &str, attrs: &[(&str, &str)]) -> Res<Element> {
    let mut e = h(doc, "th")?.text(text);
    for (k, v) in attrs {
        e = e.attr(k, v)?;
    }
    e.into_child_of(tr)
}

/// A 表三 group heading (三、本年度办理结果, （三）不予公开 …) spanning its `rows`.
fn group_th(doc: &Document, tr: &Element, text: &str, rows: usize) -> Res<Element> {
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
fn t2_table(doc: &Document, parent: &Element, blocks: &[view::T2Block], lang: Lang) -> Res<()> {
    let wrap = h(doc, "div")?.class("table-wrap")?.into_child_of(parent)?;
    let table = h(doc, "table")?
        .attr("id", "t2")?
        .class("grid national")?
        .into_child_of(&wrap)?;
    let body = h(doc, "tbody")?.into_child_of(&table)?;
    let width = blocks.iter().map(|b| b.cols.len()).max().unwrap_or(3);
    for b in blocks {
        let tr = h(doc, "tr")?.class("caption")?.into_child_of(&body)?;
        th(
            doc,
            &tr,
            b.caption,
            &[("colspan", &(width + 1).to_string()), ("scope", "colgroup")],
        )?;
        let tr = h(doc, "tr")?.class("head")?.into_child_of(&body)?;
        th(doc, &tr, t(lang, "信息内容", "Item"), &[("scope", "col")])?;
        let n = b.cols.len();
        for (i, (zh, en)) in b.cols.iter().enumerate() {
            let span = if i + 1 == n { width - n + 1 } else { 1 };
            th(
                doc,
                &tr,
                t(lang, zh, en),
                &[("scope", "col"), ("colspan", &span.to_string())],
            )?;
        }
        for (zh, en, cells) in &b.rows {
            let tr = h(doc, "tr")?.into_child_of(&body)?;
            th(doc, &tr, t(lang, zh, en), &[("scope", "row")])?;
            for (i, c) in cells.iter().enumerate() {
                let span = if i + 1 == cells.len() {
                    width - cells.len() + 1
                } else {
                    1
                };
                td(doc, &tr, c, span, lang)?;
            }
        }
    }
    Ok(())
}

/// 表四 in the national layout: 行政复议 (5) and 行政诉讼 (10: 未经复议直接起诉, 复议后起诉).
fn t4_table(doc: &Document, parent: &Element, cells: &[CellView], lang: Lang) -> Res<()> {
    let wrap = h(doc, "div")?.class("table-wrap")?.into_child_of(parent)?;
    let table = h(doc, "table")?
        .attr("id", "t4")?
        .class("grid national")?
        .into_child_of(&wrap)?;
    let head = h(doc, "thead")?.into_child_of(&table)?;
    let r1 = h(doc, "tr")?.into_child_of(&head)?;
    let r2 = h(doc, "tr")?.into_child_of(&head)?;
    let r3 = h(doc, "tr")?.into_child_of(&head)?;
    let rv = &T4_GROUPS[0];
    th(
        doc,
        &r1,
        t(lang, rv.label_zh, rv.label_en),
        &[
            ("colspan", "5"),
            ("scope", "colgroup"),
            ("data-group", rv.key),
        ],
    )?;
    th(
        doc,
        &r1,
        t(lang, "行政诉讼", "administrative litigation"),
        &[("colspan", "10"), ("scope", "colgroup")],
    )?;
    for c in T4_COLS {
        th(
            doc,
            &r2,
            t(lang, c.label_zh, c.label_en),
            &[
                ("rowspan", "2"),
                ("scope", "col"),
                ("data-col", &format!("RV.{}", c.key)),
            ],
        )?;
    }
    for g in &T4_GROUPS[1..] {
        th(
            doc,
            &r2,
            t(lang, g.short_zh, g.label_en),
            &[
                ("colspan", "5"),
                ("scope", "colgroup"),
                ("data-group", g.key),
            ],
        )?;
        for c in T4_COLS {
            th(
                doc,
                &r3,
                t(lang, c.label_zh, c.label_en),
                &[
                    ("scope", "col"),
                    ("data-col", &format!("{}.{}", g.key, c.key)),
                ],
            )?;
        }
    }
    let tr = h(doc, "tr")?.into_child_of(&h(doc, "tbody")?.into_child_of(&table)?)?;
    for c in cells {
        td(doc, &tr, c, 1, lang)?;
    }
    Ok(())
}

/// 表三 in the national layout: a 3-column label area (三、本年度办理结果 and its sub-groups
/// as rowspans), the 申请人情况 header over 自然人 / 法人或其他组织 (5) / 总计.
fn table(doc: &Document, parent: &Element, tv: &TableView, lang: Lang) -> Res<()> {
    let wrap = h(doc, "div")?.class("table-wrap")?.into_child_of(parent)?;
    let table = h(doc, "table")?
        .attr("id", "t3")?
        .class("grid national")?
        .into_child_of(&wrap)?;
    let head = h(doc, "thead")?.into_child_of(&table)?;
    let r1 = h(doc, "tr")?.into_child_of(&head)?;
    let r2 = h(doc, "tr")?.into_child_of(&head)?;
    let r3 = h(doc, "tr")?.into_child_of(&head)?;
    th(
        doc,
        &r1,
        t(
            lang,
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "(in each column: item 1 + item 2 = item 3 + item 4)",
        ),
        &[("colspan", "3"), ("rowspan", "3"), ("class", "corner")],
    )?;
    th(
        doc,
        &r1,
        t(lang, "申请人情况", "Applicants"),
        &[("colspan", "7"), ("scope", "colgroup")],
    )?;
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
        )?;
        th(
            doc,
            &r2,
            t(
                lang,
                "法人或其他组织",
                "legal persons and other organisations",
            ),
            &[("colspan", "5"), ("scope", "colgroup")],
        )?;
        th(
            doc,
            &r2,
            label(6),
            &[
                ("rowspan", "2"),
                ("scope", "col"),
                ("data-col", tv.cols[6].0),
            ],
        )?;
        for i in 1..6 {
            th(
                doc,
                &r3,
                label(i),
                &[("scope", "col"), ("data-col", tv.cols[i].0)],
            )?;
        }
    }
    // Which rows sit under 三、本年度办理结果 (those with a group) and under which sub-group.
    let rows: Vec<_> = tv
        .rows
        .iter()
        .filter_map(|r| match r {
            RowView::Row {
                key,
                label,
                label_en,
                found,
                cells,
            } => Some((*key, label, *label_en, *found, cells)),
            RowView::Group(_) => None,
        })
        .collect();
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
                RowView::Row { key, .. } => {
                    // R1, R2, R4 are outside the group; R3* inside, R3a/R3b/R3g without a sub-group.
                    let in3 = key.starts_with("R3");
                    let sub = if in3 && key.len() > 3 { inner } else { None };
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
    let body = h(doc, "tbody")?.into_child_of(&table)?;
    for (i, (key, label_zh, label_en, found, cells)) in rows.iter().enumerate() {
        let tr = h(doc, "tr")?.attr("data-row", key)?.into_child_of(&body)?;
        let (outer, inner) = groups[i];
        if let Some(o) = outer {
            if i == 0 || groups[i - 1].0 != Some(o) {
                let n = groups[i..].iter().take_while(|g| g.0 == Some(o)).count();
                group_th(doc, &tr, o, n)?;
            }
            if let Some(g) = inner {
                if i == 0 || groups[i - 1].1 != Some(g) {
                    let n = groups[i..].iter().take_while(|x| x.1 == Some(g)).count();
                    group_th(doc, &tr, g, n)?;
                }
            }
        }
        let span = match (outer, inner) {
            (None, _) => "3",
            (Some(_), None) => "2",
            _ => "1",
        };
        let text = t(lang, label_zh, label_en);
        let row_th = th(doc, &tr, text, &[("scope", "row"), ("colspan", span)])?;
        if !found {
            row_th.set_attribute("class", "not-found")?;
            row_th.set_attribute(
                "title",
                t(
                    lang,
                    "报告中未找到此行（显示的是国家模板的行名）",
                    "Row not found in the report (national label shown)",
                ),
            )?;
        }
        for c in cells.iter() {
            td(doc, &tr, c, 1, lang)?;
        }
    }
    Ok(())
}

fn legend(doc: &Document, parent: &Element, lang: Lang) -> Res<()> {
    let p = h(doc, "p")?.class("legend")?.into_child_of(parent)?;
    p.set_text_content(Some(&match lang {
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
    }));
    Ok(())
}

/// The report text, read-only, with every finding's span in a `<mark>`; only text nodes.
fn text_view(doc: &Document, parent: &Element, r: &ReportView, lang: Lang) -> Res<()> {
    if r.text.is_empty() {
        return Ok(());
    }
    let details = h(doc, "details")?
        .attr("id", "text-view")?
        .into_child_of(parent)?;
    h(doc, "summary")?
        .text(t(
            lang,
            "报告全文（标出正文问题的位置）",
            "Report text (problems in the text marked)",
        ))
        .into_child_of(&details)?;
    let pre = h(doc, "pre")?
        .attr("id", "report-text")?
        .class("report-text")?
        .into_child_of(&details)?;
    let (pieces, _) = view::text_pieces(&r.text, &r.findings);
    for (k, (s, e, f)) in pieces.into_iter().enumerate() {
        let text = &r.text[s..e];
        match f {
            None => {
                pre.append_child(&doc.create_text_node(text))?;
            }
            Some(i) => {
                let f = &r.findings[i];
                h(doc, "mark")?
                    .attr("id", &format!("piece-{k}"))?
                    .attr("data-rule", &f.rule)?
                    .attr("data-severity", f.severity)?
                    .attr("tabindex", "-1")?
                    .attr("title", t(lang, &f.message, &f.message_en))?
                    .class(&format!("sev-{}", f.severity))?
                    .text(text)
                    .into_child_of(&pre)?;
            }
        }
    }
    Ok(())
}

/// Every rule of `nianbao_core::RULES`: title, severity, scope and documentation.
fn rules_panel(doc: &Document, parent: &Element, lang: Lang) -> Res<()> {
    let details = h(doc, "details")?
        .attr("id", "rules")?
        .into_child_of(parent)?;
    h(doc, "summary")?
        .text(t(lang, "规则说明", "The rules"))
        .into_child_of(&details)?;
    let dl = h(doc, "dl")?.class("rules")?.into_child_of(&details)?;
    for rule in RULES {
        let dt = h(doc, "dt")?
            .attr("id", &format!("rule-{}", rule.id))?
            .attr("tabindex", "-1")?
            .into_child_of(&dl)?;
        h(doc, "code")?.text(rule.id).into_child_of(&dt)?;
        h(doc, "span")?
            .text(&format!(" {}", t(lang, rule.title_zh, rule.title_en)))
            .into_child_of(&dt)?;
        let dd = h(doc, "dd")?.into_child_of(&dl)?;
        h(doc, "p")?
            .class("rule-meta")?
            .text(&format!(
                "{}{}；{}{}",
                t(lang, "级别：", "Severity: "),
                rule.severity.label(lang),
                t(lang, "适用：", "Applies to: "),
                rule.scope.describe(lang)
            ))
            .into_child_of(&dd)?;
        h(doc, "p")?
            .text(t(lang, rule.doc_zh, rule.doc_en))
            .into_child_of(&dd)?;
    }
    Ok(())
}
