//! HTML reader (saved CMS pages, fragments, clipboard HTML from browsers, Word and WPS).
//!
//! Produces a [`Doc`]: paragraphs and table rows as exact grids (rowspan/colspan expanded).

use crate::doc::Doc;
use crate::input::InputError;

/// Does this text look like HTML rather than plain report text?
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches(crate::text::is_space)
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<meta")
        || head.starts_with("<table")
        || head.starts_with("<div")
        || head.starts_with("<p")
        || head.starts_with("<body")
        || head.starts_with("<head")
        || head.starts_with("<!--")
        || head.starts_with("<span")
        || head.starts_with("<section")
        || head.starts_with("<article")
        || (head.starts_with('<') && text.contains("</"))
}

/// Reads an HTML document or fragment.
pub fn parse(_html: &str) -> Result<Doc, InputError> {
    Err(InputError {
        zh: "暂不能读取 HTML：请在浏览器中选中报告文字复制后粘贴。".into(),
        en: "HTML cannot be read yet: select the report text in the browser, copy and paste it."
            .into(),
    })
}
