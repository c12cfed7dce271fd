//! Drawing with web-sys: renders a [`PageView`] into the result area (the form and its
//! events are in [`crate::page`]).
//!
//! All report-derived text goes in through `set_text_content` (never `innerHTML`), so a
//! pasted report can not inject markup.

use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

use crate::view::{self, PageView, ReportView, RowView, Source, TableView};

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

/// Replaces the content of the result area with `v`.
pub fn render(result: &Element, v: &PageView) -> Res<()> {
    render_from(result, None, v)
}

/// Replaces the content of the result area with `v`, under a line saying where it came from
/// (`#source[data-origin][data-kind]`: a file and its kind, or the pasted text).
pub fn render_from(result: &Element, source: Option<&Source>, v: &PageView) -> Res<()> {
    let doc = result
        .owner_document()
        .ok_or_else(|| JsValue::from_str("result has no document"))?;
    result.set_text_content(None);
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
        PageView::Report(r) => report(&doc, result, r),
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

fn report(doc: &Document, parent: &Element, r: &ReportView) -> Res<()> {
    // Verdict first: the one line most users read.
    h(doc, "p")?
        .attr("id", "verdict")?
        .class(&format!("verdict verdict-{}", r.verdict.code))?
        .attr("data-verdict", r.verdict.code)?
        .attr("data-errors", &r.verdict.errors.to_string())?
        .attr("data-warnings", &r.verdict.warnings.to_string())?
        .text(&format!("校验结果：{}", r.verdict.line_zh()))
        .into_child_of(parent)?;

    let dl = h(doc, "dl")?.class("meta")?.into_child_of(parent)?;
    let year = r.year.map(|y| y.to_string());
    for (id, term, value) in [
        ("agency", "机关", r.agency.as_deref()),
        ("year", "年度", year.as_deref()),
        ("format", "格式", Some(r.format_zh)),
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

    identity(doc, parent, r)?;
    findings(doc, parent, r)?;

    h(doc, "h2")?
        .text("表三 收到和处理政府信息公开申请情况")
        .into_child_of(parent)?;
    match &r.t3 {
        Some(t) => table(doc, parent, t)?,
        None => {
            h(doc, "p")?
                .attr("id", "t3")?
                .class("not-found")?
                .text("未读到表三。")
                .into_child_of(parent)?;
        }
    }
    Ok(())
}

fn identity(doc: &Document, parent: &Element, r: &ReportView) -> Res<()> {
    h(doc, "h2")?
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

fn findings(doc: &Document, parent: &Element, r: &ReportView) -> Res<()> {
    h(doc, "h2")?.text("发现的问题").into_child_of(parent)?;
    let ul = h(doc, "ul")?
        .attr("id", "findings")?
        .class("findings")?
        .into_child_of(parent)?;
    if r.findings.is_empty() {
        h(doc, "li")?
            .class("none")?
            .text("没有发现问题。")
            .into_child_of(&ul)?;
    }
    for f in &r.findings {
        let li = h(doc, "li")?
            .attr("data-rule", &f.rule)?
            .attr("data-severity", f.severity)?
            .class(&format!("sev-{}", f.severity))?
            .into_child_of(&ul)?;
        h(doc, "span")?
            .class("sev")?
            .text(f.severity_zh)
            .into_child_of(&li)?;
        h(doc, "span")?
            .class("msg")?
            .text(&f.message)
            .into_child_of(&li)?;
        if !f.cells.is_empty() {
            h(doc, "span")?
                .class("cells")?
                .text(&f.cells.join(" "))
                .into_child_of(&li)?;
        }
    }
    Ok(())
}

fn table(doc: &Document, parent: &Element, t: &TableView) -> Res<()> {
    let wrap = h(doc, "div")?.class("table-wrap")?.into_child_of(parent)?;
    let table = h(doc, "table")?
        .attr("id", "t3")?
        .class("grid")?
        .into_child_of(&wrap)?;
    let head = h(doc, "tr")?.into_child_of(&h(doc, "thead")?.into_child_of(&table)?)?;
    h(doc, "th")?
        .attr("scope", "col")?
        .text("")
        .into_child_of(&head)?;
    for (key, label) in &t.cols {
        h(doc, "th")?
            .attr("scope", "col")?
            .attr("data-col", key)?
            .text(label)
            .into_child_of(&head)?;
    }
    let body = h(doc, "tbody")?.into_child_of(&table)?;
    let ncols = (t.cols.len() + 1).to_string();
    for row in &t.rows {
        match row {
            RowView::Group(g) => {
                let tr = h(doc, "tr")?.class("group")?.into_child_of(&body)?;
                h(doc, "th")?
                    .attr("colspan", &ncols)?
                    .attr("scope", "colgroup")?
                    .text(g)
                    .into_child_of(&tr)?;
            }
            RowView::Row {
                key,
                label,
                found,
                cells,
            } => {
                let tr = h(doc, "tr")?.attr("data-row", key)?.into_child_of(&body)?;
                let th = h(doc, "th")?.attr("scope", "row")?.text(label);
                let th = if *found {
                    th
                } else {
                    th.class("not-found")?
                        .attr("title", "报告中未找到此行（显示的是国家模板的行名）")?
                };
                th.into_child_of(&tr)?;
                for c in cells {
                    h(doc, "td")?
                        .attr("data-key", &c.key)?
                        .class(c.kind.as_str())?
                        .text(&c.text)
                        .into_child_of(&tr)?;
                }
            }
        }
    }
    let legend = h(doc, "p")?.class("legend")?.into_child_of(parent)?;
    legend.set_text_content(Some(&format!(
        "“{}”表示报告中该格为空；“{}”表示没有读到该格；占位符（如 / 或 —）按原样显示。",
        view::BLANK_MARK,
        view::MISSING_MARK
    )));
    Ok(())
}
