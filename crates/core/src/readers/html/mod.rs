//! HTML reader (saved CMS pages, fragments, clipboard HTML from browsers, Word and WPS).
//!
//! Produces a [`Document`]: paragraphs, and table rows as exact grids (rowspan/colspan
//! expanded).
//!
//! Three layers, all in this file and all linear in the input:
//!
//! 1. `Lexer`, a tokenizer for tag soup after WHATWG HTML §13.2.5 in the parts that matter
//!    for reading text: start and end tags with quoted, unquoted and bare attributes;
//!    comments (including `<!-->`, unterminated ones and Word's conditional comments);
//!    `<!DOCTYPE>`, `<![if …]>`, `<?xml …?>` and `</ …>` as bogus comments; the raw-text
//!    elements (`script`, `style`, `title`, `textarea` …) whose content is never markup; a
//!    `<` that starts no tag is text. Character references are decoded by `decode_into`
//!    (numeric ones with the Windows-1252 remapping of the spec, named ones from a table of
//!    the entities that occur in Chinese pages and Office output, legacy names without `;`).
//! 2. `Builder`, a small tree builder that keeps only what the report reader needs:
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
//! 3. The tables go to the grid engine ([`super::grid`], [`grid::HTML`] model): spans
//!    expanded after the HTML table model, layout tables read as the document, merged value
//!    cells laid on their header's columns. A cell's text is its paragraphs joined by spaces.
//!
//! Limits (nothing panics, nothing grows without bound): rowspan and colspan are capped at
//! [`MAX_SPAN`], nesting at [`MAX_DEPTH`] tables; the grid's own limits are in
//! [`super::grid`].
//!
//! Why no tokenizer crate: the spec-complete ones cost a third of the page's 150 KB gzip
//! budget (measured on the page wasm after wasm-opt -Oz: html5gum 0.9 +187 KB / +52 KB gzip,
//! html5tokenizer 0.5 about the same, mostly the 2,231-entry entity table and the generic
//! state machine); `tl` (+10 KB gzip) is no tokenizer but a lenient DOM builder that parses
//! `<` inside `<script>` as tags and nests everything after an unmatched end tag;
//! `htmlparser` (an XML tokenizer) stops at the first unquoted attribute. This reader costs
//! about 8 KB gzip on the page.

use super::document::Document;
use super::grid::{self, Item, MAX_DEPTH, MAX_SPAN};
use super::input::InputError;

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

// ---------------------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------------------

#[derive(Debug, PartialEq)]
enum Token<'a> {
    /// Text between tags, character references not yet decoded.
    Text(&'a str),
    Start(StartTag),
    /// End tag; the name is lower-cased.
    End(String),
    /// The content of a raw-text element (`script`, `style`, `title` …), undecoded.
    Raw(&'static str, &'a str),
}

#[derive(Debug, PartialEq, Default)]
struct StartTag {
    /// Lower-cased ASCII; other characters kept (`o:p`).
    name: String,
    colspan: Option<usize>,
    rowspan: Option<usize>,
}

/// Elements whose content is text up to the matching end tag, never markup.
const RAW_TEXT: &str = "script style title textarea xmp iframe noembed noframes noscript plaintext";

struct Lexer<'a> {
    s: &'a str,
    pos: usize,
    /// Set after the start tag of a raw-text element.
    raw: Option<&'static str>,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Can this byte follow a tag name (`</script>`, `</script >`, `</script/>`)?
fn ends_name(b: u8) -> bool {
    is_ws(b) || b == b'/' || b == b'>'
}

impl<'a> Lexer<'a> {
    fn new(s: &'a str) -> Lexer<'a> {
        Lexer {
            s,
            pos: 0,
            raw: None,
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.s.as_bytes()
    }

    fn next_token(&mut self) -> Option<Token<'a>> {
        if let Some(name) = self.raw.take() {
            return Some(self.raw_text(name));
        }
        let b = self.bytes();
        loop {
            if self.pos >= b.len() {
                return None;
            }
            // Text up to the next '<' that starts markup.
            let start = self.pos;
            let mut i = start;
            loop {
                match self.s[i..].find('<') {
                    None => {
                        i = b.len();
                        break;
                    }
                    Some(off) => {
                        i += off;
                        let next = b.get(i + 1).copied().unwrap_or(0);
                        if next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?') {
                            break;
                        }
                        i += 1; // a literal '<'
                    }
                }
            }
            if i > start {
                self.pos = i;
                return Some(Token::Text(&self.s[start..i]));
            }
            // Markup at self.pos.
            if let Some(t) = self.markup() {
                return Some(t);
            }
        }
    }

    /// Reads the markup at `self.pos` (which is a '<' followed by a letter, '/', '!' or '?').
    /// Comments and bogus comments are consumed and give `None`.
    fn markup(&mut self) -> Option<Token<'a>> {
        let b = self.bytes();
        let i = self.pos;
        match b.get(i + 1).copied().unwrap_or(0) {
            b'!' => {
                if b[i + 2..].starts_with(b"--") {
                    self.pos = comment_end(b, i + 4);
                } else {
                    self.pos = bogus_end(b, i + 2);
                }
                None
            }
            b'?' => {
                self.pos = bogus_end(b, i + 2);
                None
            }
            b'/' => {
                let n = b.get(i + 2).copied().unwrap_or(0);
                if n.is_ascii_alphabetic() {
                    let (name, _, end) = self.tag(i + 2);
                    self.pos = end;
                    // A tag cut off by the end of the input is dropped (as in browsers).
                    name.map(Token::End)
                } else if n == b'>' {
                    self.pos = i + 3; // "</>" is ignored
                    None
                } else {
                    self.pos = bogus_end(b, i + 2);
                    None
                }
            }
            _ => {
                let (name, tag, end) = self.tag(i + 1);
                self.pos = end;
                let name = name?;
                let mut tag = tag;
                if let Some(raw) = crate::text::listed(RAW_TEXT, &name) {
                    self.raw = Some(raw);
                }
                tag.name = name;
                Some(Token::Start(tag))
            }
        }
    }

    /// Reads a tag name and attributes from `j` (the first letter of the name). Returns the
    /// lower-cased name (None when the input ends inside the tag), the spans and the end.
    fn tag(&self, mut j: usize) -> (Option<String>, StartTag, usize) {
        let b = self.bytes();
        let n0 = j;
        while j < b.len() && !is_ws(b[j]) && b[j] != b'/' && b[j] != b'>' {
            j += 1;
        }
        let name = self.s[n0..j].to_ascii_lowercase();
        let mut tag = StartTag::default();
        loop {
            while j < b.len() && (is_ws(b[j]) || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() {
                return (None, tag, b.len());
            }
            if b[j] == b'>' {
                return (Some(name), tag, j + 1);
            }
            // Attribute name (a leading '=' belongs to the name).
            let a0 = j;
            j += 1;
            while j < b.len() && !is_ws(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
                j += 1;
            }
            let aname = &self.s[a0..j];
            while j < b.len() && is_ws(b[j]) {
                j += 1;
            }
            let mut value: Option<&str> = None;
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && is_ws(b[j]) {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let v0 = j + 1;
                    match b[v0..].iter().position(|&c| c == q) {
                        Some(off) => {
                            value = Some(&self.s[v0..v0 + off]);
                            j = v0 + off + 1;
                        }
                        None => return (None, tag, b.len()),
                    }
                } else {
                    let v0 = j;
                    while j < b.len() && !is_ws(b[j]) && b[j] != b'>' {
                        j += 1;
                    }
                    value = Some(&self.s[v0..j]);
                }
            }
            if let Some(v) = value {
                if aname.eq_ignore_ascii_case("colspan") {
                    tag.colspan = Some(parse_span(v, false));
                } else if aname.eq_ignore_ascii_case("rowspan") {
                    tag.rowspan = Some(parse_span(v, true));
                }
            }
        }
    }

    /// The content of a raw-text element up to its end tag (or the end of the input).
    fn raw_text(&mut self, name: &'static str) -> Token<'a> {
        let b = self.bytes();
        let start = self.pos;
        if name == "plaintext" {
            self.pos = b.len();
            return Token::Raw(name, &self.s[start..]);
        }
        let mut i = start;
        while let Some(off) = self.s[i..].find("</") {
            let at = i + off;
            let n0 = at + 2;
            let n1 = n0 + name.len();
            if n1 <= b.len()
                && b[n0..n1].eq_ignore_ascii_case(name.as_bytes())
                && b.get(n1).is_none_or(|&c| ends_name(c))
            {
                // Consume the end tag through its '>'.
                self.pos = b[n1..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(b.len(), |p| n1 + p + 1);
                return Token::Raw(name, &self.s[start..at]);
            }
            i = at + 2;
        }
        self.pos = b.len();
        Token::Raw(name, &self.s[start..])
    }
}

/// End of a comment whose text starts at `j` (after `<!--`).
fn comment_end(b: &[u8], j: usize) -> usize {
    // "<!-->" and "<!--->" are complete (empty) comments.
    if b.get(j) == Some(&b'>') {
        return j + 1;
    }
    if b.get(j) == Some(&b'-') && b.get(j + 1) == Some(&b'>') {
        return j + 2;
    }
    let mut k = j;
    while k + 2 < b.len() {
        if b[k] == b'-' && b[k + 1] == b'-' {
            if b[k + 2] == b'>' {
                return k + 3;
            }
            if b[k + 2] == b'!' && b.get(k + 3) == Some(&b'>') {
                return k + 4;
            }
        }
        k += 1;
    }
    b.len()
}

/// End of a bogus comment (`<!DOCTYPE …>`, `<![if …]>`, `<?xml …?>`): the next '>'.
fn bogus_end(b: &[u8], j: usize) -> usize {
    match b.get(j..).and_then(|r| r.iter().position(|&c| c == b'>')) {
        Some(off) => j + off + 1,
        None => b.len(),
    }
}

/// HTML's "rules for parsing non-negative integers", capped; 0 and garbage give 1, except
/// `rowspan="0"`, which spans the rest of the table.
fn parse_span(v: &str, row: bool) -> usize {
    let t = v.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let digits: &str = &t[..t.bytes().take_while(u8::is_ascii_digit).count()];
    if digits.is_empty() {
        return 1;
    }
    let n = digits
        .bytes()
        .take(6)
        .fold(0usize, |n, d| n * 10 + usize::from(d - b'0'));
    match n {
        0 if row => MAX_SPAN,
        0 => 1,
        n => n.min(MAX_SPAN),
    }
}

// ---------------------------------------------------------------------------------------
// Character references
// ---------------------------------------------------------------------------------------

/// Named character references that occur in Chinese government pages and Office output.
/// Sorted by name for binary search. Unknown names stay as written.
static ENTITIES: &[(&str, &str)] = &[
    ("AMP", "&"),
    ("GT", ">"),
    ("LT", "<"),
    ("QUOT", "\""),
    ("acute", "\u{B4}"),
    ("alpha", "α"),
    ("amp", "&"),
    ("apos", "'"),
    ("asymp", "≈"),
    ("beta", "β"),
    ("brvbar", "¦"),
    ("bull", "•"),
    ("cent", "¢"),
    ("circ", "ˆ"),
    ("copy", "©"),
    ("darr", "↓"),
    ("deg", "°"),
    ("divide", "÷"),
    ("emsp", "\u{2003}"),
    ("ensp", "\u{2002}"),
    ("euro", "€"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("ge", "≥"),
    ("gt", ">"),
    ("harr", "↔"),
    ("hellip", "…"),
    ("iexcl", "¡"),
    ("infin", "∞"),
    ("iquest", "¿"),
    ("laquo", "«"),
    ("larr", "←"),
    ("ldquo", "“"),
    ("le", "≤"),
    ("lowast", "∗"),
    ("loz", "◊"),
    ("lrm", ""),
    ("lsaquo", "‹"),
    ("lsquo", "‘"),
    ("lt", "<"),
    ("macr", "¯"),
    ("mdash", "—"),
    ("micro", "µ"),
    ("middot", "·"),
    ("minus", "−"),
    ("nbsp", "\u{A0}"),
    ("ndash", "–"),
    ("ne", "≠"),
    ("not", "¬"),
    ("ordf", "ª"),
    ("ordm", "º"),
    ("para", "¶"),
    ("permil", "‰"),
    ("plusmn", "±"),
    ("pound", "£"),
    ("prime", "′"),
    ("quot", "\""),
    ("raquo", "»"),
    ("rarr", "→"),
    ("rdquo", "”"),
    ("reg", "®"),
    ("rlm", ""),
    ("rsaquo", "›"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("sect", "§"),
    ("shy", ""),
    ("sup1", "¹"),
    ("sup2", "²"),
    ("sup3", "³"),
    ("thinsp", "\u{2009}"),
    ("times", "×"),
    ("trade", "™"),
    ("uarr", "↑"),
    ("uml", "¨"),
    ("yen", "¥"),
    ("zwj", ""),
    ("zwnj", ""),
];

/// Names that browsers also decode without the final ';' (a subset of the legacy list).
const LEGACY: &str = "AMP GT LT QUOT amp copy gt lt nbsp quot reg";

/// Windows-1252 meanings of the numeric references 0x80–0x9F (HTML §13.2.5.80).
static C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Appends `s` with its character references decoded.
fn decode_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match reference(after) {
            Some((d, used)) => {
                match d {
                    Decoded::Char(c) => out.push(c),
                    Decoded::Str(t) => out.push_str(t),
                }
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

enum Decoded {
    Char(char),
    Str(&'static str),
}

/// A character reference at the start of `s` (just after '&'): its text and the bytes it
/// used, or None when it is not one.
fn reference(s: &str) -> Option<(Decoded, usize)> {
    let b = s.as_bytes();
    if b.first() == Some(&b'#') {
        let hex = matches!(b.get(1), Some(b'x' | b'X'));
        let d0 = if hex { 2 } else { 1 };
        let n = b[d0.min(b.len())..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if n == 0 {
            return None;
        }
        let digits = &s[d0..d0 + n];
        let v = if n > 8 {
            u32::MAX
        } else {
            u32::from_str_radix(digits, if hex { 16 } else { 10 }).unwrap_or(u32::MAX)
        };
        let mut used = d0 + n;
        if b.get(used) == Some(&b';') {
            used += 1;
        }
        let c = match v {
            0 => '\u{FFFD}',
            0x80..=0x9F => C1[(v - 0x80) as usize],
            _ => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        return Some((Decoded::Char(c), used));
    }
    let n = b
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if n == 0 {
        return None;
    }
    let name = &s[..n];
    if b.get(n) == Some(&b';') {
        if let Ok(k) = ENTITIES.binary_search_by(|e| e.0.cmp(name)) {
            return Some((Decoded::Str(ENTITIES[k].1), n + 1));
        }
    }
    // Without ';' (or unknown with it): the longest legacy name the text starts with, as
    // browsers do in text ("&nbsp2" is NBSP + "2").
    let legacy = LEGACY
        .split(' ')
        .filter(|l| name.starts_with(*l))
        .max_by_key(|l| l.len())?;
    let k = ENTITIES.binary_search_by(|e| e.0.cmp(legacy)).ok()?;
    Some((Decoded::Str(ENTITIES[k].1), legacy.len()))
}

// ---------------------------------------------------------------------------------------
// Tree builder
// ---------------------------------------------------------------------------------------

#[derive(Debug, Default)]
struct Container {
    items: Vec<Item>,
    /// Decoded text of the paragraph being read.
    buf: String,
}

impl Container {
    fn flush(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        let p = collapse(&self.buf);
        self.buf.clear();
        if !p.is_empty() {
            self.items.push(Item::Para(p));
        }
    }
}

#[derive(Debug)]
struct CellB {
    content: Container,
    colspan: usize,
    rowspan: usize,
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<CellB>>,
    row_open: bool,
    cell: Option<CellB>,
    in_caption: bool,
}

impl Table {
    fn close_cell(&mut self) {
        if let Some(mut c) = self.cell.take() {
            c.content.flush();
            if !self.row_open {
                self.start_row();
            }
            if let Some(r) = self.rows.last_mut() {
                r.push(c);
            }
        }
    }
    fn start_row(&mut self) {
        self.rows.push(Vec::new());
        self.row_open = true;
        self.in_caption = false;
    }
    fn close_row(&mut self) {
        self.close_cell();
        self.row_open = false;
    }

    /// The table for the grid engine: a cell's text is its paragraphs joined by spaces.
    fn into_grid(self) -> grid::Table {
        let rows = self.rows.into_iter().map(|cells| grid::Row {
            before: 0,
            after: 0,
            cells: cells
                .into_iter()
                .map(|c| {
                    let mut text = String::new();
                    for item in &c.content.items {
                        if let Item::Para(p) = item {
                            if !text.is_empty() {
                                text.push(' ');
                            }
                            text.push_str(p);
                        }
                    }
                    grid::Cell {
                        text,
                        content: c.content.items,
                        colspan: c.colspan,
                        rowspan: c.rowspan,
                        merge: None,
                    }
                })
                .collect(),
        });
        grid::Table {
            model: grid::HTML,
            rows: rows.collect(),
        }
    }
}

/// Block-level elements: their start and end end the paragraph being read.
const BLOCKS: &str = "address article aside blockquote body br caption center dd details dialog dir div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol option p pre section summary ul";

/// Elements whose content is not shown (or not report text).
const SKIPPED: &str = "template select svg math object";

/// Elements allowed in `<head>`; any other start tag ends the head (as in browsers).
const HEAD_TAGS: &str = "base basefont bgsound link meta noscript script style template title";

#[derive(Default)]
struct Builder {
    root: Container,
    tables: Vec<Table>,
    title: Option<String>,
    in_head: bool,
    /// Element whose content is being skipped, and its nesting depth.
    skip: Option<(String, usize)>,
    /// `<table>` tags ignored beyond [`MAX_DEPTH`], whose `</table>` must be ignored too.
    ignored_tables: usize,
}

impl Builder {
    /// Where text goes: the innermost open cell, else (text inside a table but outside its
    /// cells, moved before the table as browsers do) the container around the table.
    fn container(&mut self) -> &mut Container {
        for t in self.tables.iter_mut().rev() {
            if let Some(c) = t.cell.as_mut() {
                return &mut c.content;
            }
        }
        &mut self.root
    }

    fn has_content(&self) -> bool {
        !self.root.items.is_empty() || !self.root.buf.trim().is_empty() || !self.tables.is_empty()
    }

    fn token(&mut self, t: Token) {
        match t {
            Token::Text(s) => {
                if self.skip.is_some() || self.in_head {
                    return;
                }
                // Text after the closed rows of a table that was never closed ends the table
                // (browsers would move it before the table, above rows it follows).
                if self.tables.last().is_some_and(|t| {
                    t.cell.is_none() && !t.row_open && !t.in_caption && !t.rows.is_empty()
                }) && s.bytes().any(|c| !is_ws(c))
                {
                    self.close_table();
                }
                decode_into(s, &mut self.container().buf);
            }
            Token::Raw(name, s) => {
                if name == "title" && self.title.is_none() && self.skip.is_none() {
                    if !self.has_content() {
                        let mut t = String::new();
                        decode_into(s, &mut t);
                        let t = collapse(&t);
                        if !t.is_empty() {
                            self.title = Some(t);
                        }
                    }
                } else if name == "plaintext" && self.skip.is_none() {
                    decode_into(s, &mut self.container().buf);
                }
            }
            Token::Start(tag) => self.start(tag),
            Token::End(name) => self.end(&name),
        }
    }

    fn start(&mut self, tag: StartTag) {
        let name = tag.name.as_str();
        if let Some((skip, depth)) = self.skip.as_mut() {
            if skip == name {
                *depth += 1;
            }
            return;
        }
        if self.in_head && crate::text::listed(HEAD_TAGS, name).is_none() {
            self.in_head = false;
        }
        match name {
            "head" => self.in_head = !self.has_content(),
            "table" => self.open_table(),
            "tr" => match self.tables.last_mut() {
                Some(t) => {
                    t.close_row();
                    t.start_row();
                }
                None => self.container().flush(),
            },
            "td" | "th" => match self.tables.last_mut() {
                Some(t) => {
                    t.close_cell();
                    if !t.row_open {
                        t.start_row();
                    }
                    t.cell = Some(CellB {
                        content: Container::default(),
                        colspan: tag.colspan.unwrap_or(1),
                        rowspan: tag.rowspan.unwrap_or(1),
                    });
                }
                None => self.container().flush(),
            },
            "caption" | "colgroup" | "thead" | "tbody" | "tfoot" => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_row();
                    t.in_caption = name == "caption";
                }
                self.container().flush();
            }
            _ if crate::text::listed(SKIPPED, name).is_some() => self.skip = Some((tag.name, 1)),
            _ if crate::text::listed(BLOCKS, name).is_some() => self.container().flush(),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if let Some((skip, depth)) = self.skip.as_mut() {
            if skip == name {
                *depth -= 1;
                if *depth == 0 {
                    self.skip = None;
                }
            }
            return;
        }
        match name {
            "head" => self.in_head = false,
            "table" => {
                if self.ignored_tables > 0 {
                    self.ignored_tables -= 1;
                } else if !self.tables.is_empty() {
                    self.close_table();
                }
            }
            "td" | "th" => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_cell();
                }
            }
            "tr" | "thead" | "tbody" | "tfoot" => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_row();
                }
            }
            "caption" => {
                if let Some(t) = self.tables.last_mut() {
                    t.in_caption = false;
                }
                self.container().flush();
            }
            _ if crate::text::listed(BLOCKS, name).is_some() => self.container().flush(),
            _ => {}
        }
    }

    fn open_table(&mut self) {
        if self.tables.len() >= MAX_DEPTH {
            self.ignored_tables += 1;
            return;
        }
        // A table directly inside a table (not in a cell) ends that table.
        if self.tables.last().is_some_and(|t| t.cell.is_none()) {
            self.close_table();
        }
        self.container().flush();
        self.tables.push(Table::default());
    }

    fn close_table(&mut self) {
        if let Some(mut t) = self.tables.pop() {
            t.close_row();
            let c = self.container();
            c.flush();
            c.items.push(Item::Table(t.into_grid()));
        }
    }

    fn finish(mut self) -> (Option<String>, Vec<Item>) {
        while !self.tables.is_empty() {
            self.close_table();
        }
        self.root.flush();
        (self.title, self.root.items)
    }
}

/// Collapses whitespace as a browser renders it: runs of whitespace (NBSP included) become
/// one space, a line break between two CJK characters disappears (CSS Text segment-break
/// rule; Word wraps long lines of Chinese text), the ends are trimmed. Invisible format
/// characters are dropped.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = false;
    let mut run_break = false;
    let mut run_only_ascii = true;
    for c in s.chars() {
        let ws = matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c' | '\u{A0}');
        if ws {
            run = true;
            if c == '\n' || c == '\r' {
                run_break = true;
            }
            if c == '\u{A0}' {
                run_only_ascii = false;
            }
            continue;
        }
        if matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{FEFF}') {
            continue;
        }
        if run {
            let drop = run_break
                && run_only_ascii
                && out.chars().next_back().is_some_and(is_cjk)
                && is_cjk(c);
            if !out.is_empty() && !drop {
                out.push(' ');
            }
            run = false;
            run_break = false;
            run_only_ascii = true;
        }
        out.push(c);
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303F      // radicals, CJK symbols and punctuation
        | 0x3040..=0x30FF    // kana
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(html: &str) -> Vec<String> {
        let d = parse(html).unwrap();
        d.text.lines().map(str::to_string).collect()
    }

    #[test]
    fn tokens() {
        let mut lx =
            Lexer::new("a<b x='1>' colspan=2>c</B ><!-- <td> -->d<script>if(a<b)</p></script>e");
        let mut v = Vec::new();
        while let Some(t) = lx.next_token() {
            v.push(t);
        }
        assert_eq!(
            v,
            vec![
                Token::Text("a"),
                Token::Start(StartTag {
                    name: "b".into(),
                    colspan: Some(2),
                    rowspan: None
                }),
                Token::Text("c"),
                Token::End("b".into()),
                Token::Text("d"),
                Token::Start(StartTag {
                    name: "script".into(),
                    ..Default::default()
                }),
                Token::Raw("script", "if(a<b)</p>"),
                Token::Text("e"),
            ]
        );
    }

    #[test]
    fn entities() {
        let mut s = String::new();
        decode_into(
            "a&nbsp;b&amp;c&#20013;&#x6587;&lt&foo;&#150;&nbsp2&copy;&",
            &mut s,
        );
        assert_eq!(s, "a\u{A0}b&c中文<&foo;–\u{A0}2©&");
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
    fn whitespace_like_a_browser() {
        assert_eq!(collapse("  一、总体\r\n  情况 "), "一、总体情况");
        assert_eq!(collapse("a\n b"), "a b");
        assert_eq!(collapse("商业\u{A0}企业"), "商业 企业");
        assert_eq!(collapse("2\u{200B}0\u{AD}23"), "2023");
        let r = rows("<p>2</p><p>0<span>2</span><font>3</font>年<br>第二行</p>");
        assert_eq!(r, ["2", "023年", "第二行"]);
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
