//! The tokenizer: tag soup after WHATWG HTML §13.2.5, in the parts that matter for reading
//! text (see the [module documentation](super)).

use super::super::grid::MAX_SPAN;

#[derive(Debug, PartialEq)]
pub(super) enum Token<'a> {
    /// Text between tags, character references not yet decoded.
    Text(&'a str),
    Start(StartTag),
    /// End tag; the name is lower-cased.
    End(String),
    /// The content of a raw-text element (`script`, `style`, `title` …), undecoded.
    Raw(&'static str, &'a str),
}

#[derive(Debug, PartialEq, Default)]
pub(super) struct StartTag {
    /// Lower-cased ASCII; other characters kept (`o:p`).
    pub(super) name: String,
    pub(super) colspan: Option<usize>,
    pub(super) rowspan: Option<usize>,
}

/// Elements whose content is text up to the matching end tag, never markup.
#[rustfmt::skip]
const RAW_TEXT: &[&str] = &[
    "script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript",
    "plaintext",
];

pub(super) struct Lexer<'a> {
    s: &'a str,
    pos: usize,
    /// Set after the start tag of a raw-text element.
    raw: Option<&'static str>,
}

pub(super) fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Can this byte follow a tag name (`</script>`, `</script >`, `</script/>`)?
fn ends_name(b: u8) -> bool {
    is_ws(b) || b == b'/' || b == b'>'
}

impl<'a> Lexer<'a> {
    pub(super) fn new(s: &'a str) -> Lexer<'a> {
        Lexer {
            s,
            pos: 0,
            raw: None,
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.s.as_bytes()
    }

    pub(super) fn next_token(&mut self) -> Option<Token<'a>> {
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
                if let Some(&raw) = RAW_TEXT.iter().find(|&&t| t == name) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
