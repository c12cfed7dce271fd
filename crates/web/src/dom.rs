//! The page, written with web-sys: builds the form and renders a [`PageView`].
//!
//! All report-derived text goes in through `set_text_content` (never `innerHTML`), so a
//! pasted report can not inject markup.

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlTextAreaElement, KeyboardEvent};

use crate::view::{self, PageView, ReportView, RowView, TableView};

type Res<T> = Result<T, JsValue>;

/// A small element builder: `h(doc, "td")?.attr("data-key", k)?.text(v).el`.
struct H {
    el: Element,
}

fn h(doc: &Document, tag: &str) -> Res<H> {
    Ok(H {
        el: doc.create_element(tag)?,
    })
}

impl H {
    fn attr(self, name: &str, value: &str) -> Res<H> {
        self.el.set_attribute(name, value)?;
        Ok(self)
    }
    fn class(self, value: &str) -> Res<H> {
        self.attr("class", value)
    }
    fn text(self, value: &str) -> H {
        self.el.set_text_content(Some(value));
        self
    }
    fn into_child_of(self, parent: &Element) -> Res<Element> {
        parent.append_child(&self.el)?;
        Ok(self.el)
    }
}

/// Builds the form (label, `#input`, `#check`, `#result`) inside `container`, replacing its
/// content, and wires the 校验 button (and Ctrl+Enter in the text box).
pub fn mount(container: &Element) -> Res<()> {
    let doc = container
        .owner_document()
        .ok_or_else(|| JsValue::from_str("container has no document"))?;
    container.set_text_content(None);

    let form = h(&doc, "section")?
        .class("form")?
        .into_child_of(container)?;
    h(&doc, "label")?
        .attr("for", "input")?
        .text("年度报告全文（从网页、Word 或 PDF 中复制后粘贴到这里）")
        .into_child_of(&form)?;
    h(&doc, "p")?
        .class("hint")?
        .attr("id", "input-hint")?
        .text("Paste the full text of the report. Everything is checked in this browser; nothing is uploaded.")
        .into_child_of(&form)?;
    let input: HtmlTextAreaElement = h(&doc, "textarea")?
        .attr("id", "input")?
        .attr("rows", "14")?
        .attr("spellcheck", "false")?
        .attr("aria-describedby", "input-hint")?
        .attr(
            "placeholder",
            "例如：××市××局 2024 年政府信息公开工作年度报告 …",
        )?
        .into_child_of(&form)?
        .dyn_into()?;
    let actions = h(&doc, "div")?.class("actions")?.into_child_of(&form)?;
    let button = h(&doc, "button")?
        .attr("id", "check")?
        .attr("type", "button")?
        .text("校验")
        .into_child_of(&actions)?;
    h(&doc, "span")?
        .class("hint")?
        .text("快捷键 Ctrl+Enter")
        .into_child_of(&actions)?;
    let result = h(&doc, "section")?
        .attr("id", "result")?
        .attr("aria-live", "polite")?
        .into_child_of(container)?;
    container.set_attribute("data-state", "ready")?;

    let run = {
        let input = input.clone();
        let result = result.clone();
        move || {
            let v = view::build(&input.value());
            if let Err(e) = render(&result, &v) {
                web_sys::console::error_2(&JsValue::from_str("nianbao: render failed"), &e);
            }
        }
    };
    let run2 = run.clone();
    EventListener::new(&button, "click", move |_| run()).forget();
    EventListener::new(&input, "keydown", move |e| {
        if let Some(k) = e.dyn_ref::<KeyboardEvent>() {
            if k.key() == "Enter" && (k.ctrl_key() || k.meta_key()) {
                k.prevent_default();
                run2();
            }
        }
    })
    .forget();
    Ok(())
}

/// Replaces the content of the result area with `v`.
pub fn render(result: &Element, v: &PageView) -> Res<()> {
    let doc = result
        .owner_document()
        .ok_or_else(|| JsValue::from_str("result has no document"))?;
    result.set_text_content(None);
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
