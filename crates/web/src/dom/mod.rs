//! Drawing with web-sys: [`render`] draws a [`PageView`] into the result area (the form and
//! its events are in [`crate::page`]).
//!
//! - this file: the drawing primitives (`Draw`, `add`), [`render`] and [`notice`];
//! - `report`: a report's result top to bottom (verdict, meta, exports, pairing, the parts);
//! - `findings`: the findings by group, the report text with marks, the rules panel;
//! - `tables`: 表二, 表三, 表四 in the national layout, their cells, the 表三 identity.
//!
//! All report-derived text goes in through `set_text_content` (never `innerHTML`), so a
//! pasted report can not inject markup.

use std::cell::Cell;

use nianbao_core::Lang;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

use crate::view::{self, PageView, Source};

mod findings;
mod report;
mod tables;

pub(crate) type Res<T> = Result<T, JsValue>;

/// An attribute list entry that is skipped (for attributes set only in some cases).
pub(crate) const NO: (&str, &str) = ("", "");

/// `<span class="en" lang="en">`'s attributes (the English second line of a bilingual text).
pub(crate) const EN: &[(&str, &str)] = &[("class", "en"), ("lang", "en")];

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

/// `"true"` or `"false"`.
pub(crate) fn bool_str(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// Picks the Chinese or the English text.
pub(crate) fn t<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Replaces the content of the result area with `v`, in `lang` (labels and messages in
/// Chinese or English), under a line saying where it came from
/// (`#source[data-origin][data-kind]`: a file and its kind, or the pasted text). `compact`
/// (for embedding): the three tables (and the 表三 identity) each behind a closed
/// `<details class="panel">` after the verdict and the findings.
pub fn render(
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
        PageView::Report(r) => report::report(&doc, result, r, lang, compact),
    }
    doc.done()
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

/// The result area while a check is running: its earlier result cleared, a message in its
/// place (`#message[data-kind="checking"]`).
pub fn checking(result: &Element) -> Res<()> {
    let doc = Draw::of(result)?;
    result.set_text_content(None);
    message(
        &doc,
        result,
        "checking",
        view::CHECKING_ZH,
        view::CHECKING_EN,
    );
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
