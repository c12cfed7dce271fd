//! HTML reader (saved CMS pages, fragments, clipboard HTML from browsers, Word and WPS).
//!
//! Produces a [`Document`]: paragraphs, and table rows as exact grids (rowspan/colspan
//! expanded).
//!
//! Three layers, all linear in the input:
//!
//! 1. `lexer.rs`, a tokenizer for tag soup after WHATWG HTML §13.2.5 in the parts that
//!    matter for reading text: start and end tags with quoted, unquoted and bare attributes;
//!    comments (including `<!-->`, unterminated ones and Word's conditional comments);
//!    `<!DOCTYPE>`, `<![if …]>`, `<?xml …?>` and `</ …>` as bogus comments; the raw-text
//!    elements (`script`, `style`, `title`, `textarea` …) whose content is never markup; a
//!    `<` that starts no tag is text. Character references are decoded by `entities.rs`
//!    (numeric ones with the Windows-1252 remapping of the spec, named ones from a table of
//!    the entities that occur in Chinese pages and Office output, legacy names without `;`).
//! 2. `tree.rs`, a small tree builder that keeps only what the report reader needs:
//!    paragraphs (one per block element or `<br>` line; inline elements such as `<span>`,
//!    `<font>`, `<o:p>` join without spaces) and tables (rows of cells, each cell holding its
//!    own paragraphs and nested tables). It follows the HTML parser's table rules where pages
//!    break them: `<td>`/`<tr>` close an open cell or row, a `<table>` directly inside a table
//!    (outside any cell) closes it, text inside a table but outside its cells is moved before
//!    the table, and everything open is closed at the end of the input. One departure: text
//!    after the closed rows of a table that was never closed ends the table (a browser would
//!    move that text above the table; a page that forgot `</table>` meant the table to end).
//!    Dropped: `<head>` content other than `<title>` (which becomes the first paragraph), and
//!    the content of `script`, `style`, `noscript`, `template`, `select`, `svg` and `math`.
//! 3. The tables go to the grid engine ([`grid`], [`grid::HTML`] model): spans expanded after
//!    the HTML table model, layout tables read as the document, merged value cells laid on
//!    their header's columns. A cell's text is its paragraphs joined by spaces.
//!
//! Limits (nothing panics, nothing grows without bound): rowspan and colspan are capped at
//! [`grid::MAX_SPAN`], nesting at [`grid::MAX_DEPTH`] tables; the grid's own limits are in
//! [`grid`].
//!
//! Why no tokenizer crate: the spec-complete ones cost a third of the page's 150 KB gzip
//! budget (measured on the page wasm after wasm-opt -Oz: html5gum 0.9 +187 KB / +52 KB gzip,
//! html5tokenizer 0.5 about the same, mostly the 2,231-entry entity table and the generic
//! state machine); `tl` (+10 KB gzip) is no tokenizer but a lenient DOM builder that parses
//! `<` inside `<script>` as tags and nests everything after an unmatched end tag;
//! `htmlparser` (an XML tokenizer) stops at the first unquoted attribute. This reader costs
//! about 8 KB gzip on the page.

mod entities;
mod lexer;
mod tree;

use super::document::Document;
use super::grid;
use super::input::InputError;
use lexer::Lexer;
use tree::Builder;

/// Does this text look like HTML rather than plain report text?
pub fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches(crate::text::is_space);
    // Every sign below starts with `<` or `version:`: other text is not copied and lowered.
    if !matches!(start.as_bytes().first(), Some(b'<' | b'v' | b'V')) {
        return false;
    }
    let head: String = start
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
        || head.starts_with("<?xml")
        // Windows clipboard format (CF_HTML): "Version:0.9 StartHTML:…" then the HTML.
        || (head.starts_with("version:") && head.contains("starthtml:"))
        || (head.starts_with('<') && text.contains("</"))
}

/// Reads an HTML document or fragment.
///
/// Fails only when the HTML has no text at all; whether the text is a report is for the
/// report reader to say.
pub fn parse(html: &str) -> Result<Document, InputError> {
    let mut b = Builder::default();
    let mut lx = Lexer::new(html);
    while let Some(t) = lx.next_token() {
        b.token(t);
    }
    let (title, items) = b.finish();
    let mut doc = Document::default();
    if let Some(t) = title {
        doc.push_paragraph(&t);
    }
    grid::render(&items, &mut doc);
    if !doc.has_text() {
        return Err(InputError {
            zh: "HTML 中没有可读的文字（也许只有图片、脚本或样式）：请确认保存或复制的是报告正文。"
                .into(),
            en: "The HTML contains no readable text (perhaps only images, scripts or styles): \
                 make sure you saved or copied the report itself."
                .into(),
        });
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(html: &str) -> Vec<String> {
        let d = parse(html).unwrap();
        d.text.lines().map(str::to_string).collect()
    }

    #[test]
    fn inline_elements_join_and_blocks_break() {
        let r = rows("<p>2</p><p>0<span>2</span><font>3</font>年<br>第二行</p>");
        assert_eq!(r, ["2", "023年", "第二行"]);
    }

    #[test]
    fn spans_and_grid() {
        let r = rows(
            "<table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr>\
             <tr><td>1</td><td>2</td></tr></table>",
        );
        assert_eq!(r, ["A\tB\t", "\t1\t2"]);
    }

    #[test]
    fn merged_value_cells_follow_the_header_columns() {
        // 上海 2019 表二: value cells merged differently from their header.
        let r = rows(
            "<table><tr><td>信息内容</td><td>本年新制作数量</td><td colspan=2>本年新公开数量</td><td>对外公开总数量</td></tr>\
             <tr><td>规章</td><td>13</td><td colspan=2>13</td><td>524</td></tr>\
             <tr><td>信息内容</td><td>上一年项目数量</td><td colspan=2>本年增/减</td><td>处理决定数量</td></tr>\
             <tr><td>行政许可</td><td colspan=2>0</td><td>0</td><td>0</td></tr>\
             <tr><td>信息内容</td><td colspan=2>采购项目数量</td><td colspan=2>采购总金额</td></tr>\
             <tr><td>政府集中采购</td><td colspan=2>6</td><td colspan=2>251000元</td></tr></table>",
        );
        assert_eq!(r[1], "规章\t13\t13\t524");
        assert_eq!(r[3], "行政许可\t0\t0\t0");
        assert_eq!(r[5], "政府集中采购\t6\t251000元");
        // A merged blank stands for every column it covers: the exact grid is kept.
        let r = rows(
            "<table><tr><td>h</td><td>a</td><td>b</td><td>c</td></tr>\
             <tr><td>x</td><td>1</td><td colspan=2>&nbsp;</td></tr></table>",
        );
        assert_eq!(r[1], "x\t1\t\t");
    }

    #[test]
    fn table_structure_repairs() {
        // A <table> right after the rows of an unclosed table ends it; text after its rows too.
        let r = rows("<table><tr><td>a</td></tr><table><tr><td>b</td></tr></table>");
        assert_eq!(r, ["a", "b"]);
        let r = rows("<table><tr><td>a</td></tr></tbody><p>after</p>");
        assert_eq!(r, ["a", "after"]);
        // Whitespace between rows and a caption do not end a table; a caption goes first.
        let r = rows(
            "<table><caption>表一</caption>\n<tr><td>a</td></tr>\n <tr><td>b</td></tr></table>",
        );
        assert_eq!(r, ["表一", "a", "b"]);
        // A table holding tables is a layout table: its text is paragraphs.
        let r = rows(
            "<table><tr><td>nav</td><td><p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr></table><p>end</p></td></tr></table>",
        );
        assert_eq!(r, ["nav", "一、总体情况", "规章\t0", "end"]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "<",
            "<a",
            "<a b='",
            "</",
            "<!--",
            "<!",
            "&#",
            "&#x110000;",
            "<table><td rowspan=99999999 colspan=-3>x",
            "<table><table><tr><td>x</table></table></table>",
            "<td>x</td></tr></table>",
            "<p>中文\u{A0}</p><br/>",
        ] {
            let _ = parse(s);
        }
    }
}
