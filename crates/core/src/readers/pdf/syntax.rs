//! PDF syntax (ISO 32000-1 §7.2–7.3): the lexer and the object parser, shared by the file
//! structure (objects, cross-reference tables) and the content streams (operands and
//! operators). Lenient as viewers are: a malformed number, an unbalanced string or a stray
//! delimiter is read as far as it goes or skipped, never a panic; nesting is capped.

use std::ops::Range;

/// Deepest nesting of arrays and dictionaries read (deeper ones are cut off).
pub const MAX_NESTING: usize = 64;

/// A PDF object. Names are bytes (they may hold `#xx` escapes of any byte); a stream is its
/// dictionary and the range of its data in the file.
#[derive(Clone, Debug, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    Ref(u32, u16),
    Stream(Stream),
}

/// A dictionary, in file order (small: a linear search is fastest).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dict(pub Vec<(Vec<u8>, Obj)>);

/// A stream: its dictionary, the range of its (encoded) data in the file, and the object it
/// is (for decryption).
#[derive(Clone, Debug, PartialEq)]
pub struct Stream {
    pub dict: Dict,
    pub data: Range<usize>,
    pub id: (u32, u16),
}

impl Dict {
    pub fn get(&self, key: &[u8]) -> Option<&Obj> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl Obj {
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Obj::Int(i) => Some(i),
            Obj::Real(r) if r.is_finite() => Some(r as i64),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Obj::Int(i) => Some(i as f64),
            Obj::Real(r) if r.is_finite() => Some(r),
            _ => None,
        }
    }
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&[u8]> {
        match self {
            Obj::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Obj]> {
        match self {
            Obj::Array(a) => Some(a),
            _ => None,
        }
    }
    /// The dictionary of a dictionary or of a stream.
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) => Some(d),
            Obj::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }
}

/// A token of PDF syntax.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok<'a> {
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    DictOpen,
    DictClose,
    ArrayOpen,
    ArrayClose,
    /// Any other run of regular characters: `obj`, `R`, `true`, an operator (`Tj`).
    Keyword(&'a [u8]),
}

pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | 0)
}

pub fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_space(b) && !is_delim(b)
}

/// A lexer over bytes, at `pos`.
pub struct Lexer<'a> {
    pub data: &'a [u8],
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8], pos: usize) -> Lexer<'a> {
        Lexer { data, pos }
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    /// Skips white space and comments.
    pub fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            if is_space(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.peek().is_some_and(|b| b != b'\n' && b != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token, or `None` at the end of the data.
    pub fn token(&mut self) -> Option<Tok<'a>> {
        loop {
            self.skip_space();
            let b = self.peek()?;
            let start = self.pos;
            self.pos += 1;
            return Some(match b {
                b'/' => Tok::Name(self.name()),
                b'(' => Tok::Str(self.literal()),
                b'<' if self.peek() == Some(b'<') => {
                    self.pos += 1;
                    Tok::DictOpen
                }
                b'<' => Tok::Str(self.hex()),
                b'>' if self.peek() == Some(b'>') => {
                    self.pos += 1;
                    Tok::DictClose
                }
                b'[' => Tok::ArrayOpen,
                b']' => Tok::ArrayClose,
                // Stray delimiters (`)`, `>`, `{`, `}`) are skipped.
                b')' | b'>' | b'{' | b'}' => continue,
                _ => {
                    while self.peek().is_some_and(is_regular) {
                        self.pos += 1;
                    }
                    let word = &self.data[start..self.pos];
                    number(word).unwrap_or(Tok::Keyword(word))
                }
            });
        }
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(b) = self.peek().filter(|&b| is_regular(b)) {
            self.pos += 1;
            if b == b'#' {
                let hex = self.data.get(self.pos..self.pos + 2);
                if let Some(v) = hex.and_then(|h| Some(hex_val(h[0])? * 16 + hex_val(h[1])?)) {
                    out.push(v);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(b);
        }
        out
    }

    /// A literal string after its `(`: balanced parentheses, escapes, line ends as `\n`.
    fn literal(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        // A backslash before a line end continues the string.
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                b'\r' => {
                    if self.peek() == Some(b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                _ => out.push(b),
            }
        }
        out
    }

    /// A hexadecimal string after its `<`: white space ignored, an odd last digit padded.
    fn hex(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            let Some(v) = hex_val(b) else { continue };
            match high.take() {
                Some(h) => out.push(h * 16 + v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h * 16);
        }
        out
    }

    /// The next object; `refs` reads `N G R` as a reference (not in content streams).
    /// `None` at the end of the data or at a token that starts no object (a keyword other
    /// than `true`, `false`, `null`; a closing bracket), which is left unread.
    pub fn object(&mut self, refs: bool) -> Option<Obj> {
        self.object_at_depth(refs, 0)
    }

    fn object_at_depth(&mut self, refs: bool, depth: usize) -> Option<Obj> {
        let before = self.pos;
        let tok = self.token()?;
        let o = self.object_from(tok, refs, depth);
        if o.is_none() {
            self.pos = before;
        }
        o
    }

    /// The object that starts with `tok`, already read (the rest of an array or dictionary is
    /// read now); `None` for a keyword that is no object (an operator) or a closing bracket.
    pub fn object_from(&mut self, tok: Tok<'a>, refs: bool, depth: usize) -> Option<Obj> {
        Some(match tok {
            Tok::Int(i) => {
                if refs {
                    if let Some(r) = self.reference(i) {
                        return Some(r);
                    }
                }
                Obj::Int(i)
            }
            Tok::Real(r) => Obj::Real(r),
            Tok::Name(n) => Obj::Name(n),
            Tok::Str(s) => Obj::Str(s),
            Tok::ArrayOpen => {
                let mut items = Vec::new();
                loop {
                    if depth >= MAX_NESTING {
                        self.skip_nested(b'[', b']');
                        break;
                    }
                    match self.object_at_depth(refs, depth + 1) {
                        Some(o) => items.push(o),
                        None => {
                            // `]`, the end, or a keyword inside an array: skip it.
                            match self.token() {
                                Some(Tok::ArrayClose) | None => break,
                                Some(Tok::DictClose) => break,
                                Some(_) => continue,
                            }
                        }
                    }
                }
                Obj::Array(items)
            }
            Tok::DictOpen => {
                let mut dict = Dict::default();
                loop {
                    if depth >= MAX_NESTING {
                        self.skip_nested(b'<', b'>');
                        break;
                    }
                    let at = self.pos;
                    match self.token() {
                        Some(Tok::Name(k)) => {
                            let value = self.object_at_depth(refs, depth + 1);
                            match value {
                                Some(v) => dict.0.push((k, v)),
                                None => {
                                    // A key without a value (`/K >>`): null.
                                    if matches!(self.token(), Some(Tok::DictClose) | None) {
                                        break;
                                    }
                                }
                            }
                        }
                        Some(Tok::DictClose) | None => break,
                        // `stream`/`endobj` inside an unclosed dictionary ends it.
                        Some(Tok::Keyword(k)) if k == b"stream" || k == b"endobj" => {
                            self.pos = at;
                            break;
                        }
                        Some(_) => continue,
                    }
                }
                Obj::Dict(dict)
            }
            Tok::Keyword(b"true") => Obj::Bool(true),
            Tok::Keyword(b"false") => Obj::Bool(false),
            Tok::Keyword(b"null") => Obj::Null,
            Tok::Keyword(_) | Tok::ArrayClose | Tok::DictClose => return None,
        })
    }

    /// After an integer: `G R` makes a reference; otherwise nothing is consumed.
    fn reference(&mut self, num: i64) -> Option<Obj> {
        let save = self.pos;
        let r = match (self.token(), self.token()) {
            (Some(Tok::Int(g)), Some(Tok::Keyword(b"R"))) => {
                let n = u32::try_from(num).ok()?;
                let g = u16::try_from(g).ok()?;
                Some(Obj::Ref(n, g))
            }
            _ => None,
        };
        if r.is_none() {
            self.pos = save;
        }
        r
    }

    /// Skips to after the bracket closing the current (too deeply nested) one.
    fn skip_nested(&mut self, open: u8, close: u8) {
        let mut depth = 1usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            if b == open {
                depth += 1;
            } else if b == close {
                depth -= 1;
                if depth == 0 {
                    if open == b'<' && self.peek() == Some(b'>') {
                        self.pos += 1;
                    }
                    return;
                }
            }
        }
    }
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// A number token: `12`, `-3`, `+.5`, `4.`; a malformed one (`--5`, `1.2.3`) as far as it
/// reads, as viewers do; `None` for a word that is no number.
fn number(word: &[u8]) -> Option<Tok<'static>> {
    let first = *word.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return None;
    }
    let mut neg = false;
    let mut i = 0;
    while i < word.len() && matches!(word[i], b'+' | b'-') {
        neg ^= word[i] == b'-';
        i += 1;
    }
    let mut int: i64 = 0;
    let mut frac = 0f64;
    let mut scale = 1f64;
    let mut dot = false;
    let mut digits = 0;
    for &b in &word[i..] {
        match b {
            b'0'..=b'9' if dot => {
                scale /= 10.0;
                frac += f64::from(b - b'0') * scale;
                digits += 1;
            }
            b'0'..=b'9' => {
                int = int.saturating_mul(10).saturating_add(i64::from(b - b'0'));
                digits += 1;
            }
            b'.' if !dot => dot = true,
            _ => break,
        }
    }
    if digits == 0 {
        return if word.iter().all(|b| matches!(b, b'+' | b'-' | b'.')) {
            Some(Tok::Int(0))
        } else {
            None
        };
    }
    let sign = if neg { -1 } else { 1 };
    Some(if dot {
        Tok::Real(sign as f64 * (int as f64 + frac))
    } else {
        Tok::Int(sign * int)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(s: &str) -> Obj {
        Lexer::new(s.as_bytes(), 0).object(true).unwrap()
    }

    #[test]
    fn reads_objects() {
        assert_eq!(obj("12"), Obj::Int(12));
        assert_eq!(obj("-.5"), Obj::Real(-0.5));
        assert_eq!(obj("4."), Obj::Real(4.0));
        assert_eq!(obj("--5"), Obj::Int(5));
        assert_eq!(obj("/A#20B"), Obj::Name(b"A B".to_vec()));
        assert_eq!(obj("(a(b)c\\)\\101\\\nd)"), Obj::Str(b"a(b)c)Ad".to_vec()));
        assert_eq!(obj("<4E6F7>"), Obj::Str(b"No\x70".to_vec()));
        assert_eq!(obj("3 0 R"), Obj::Ref(3, 0));
        assert_eq!(
            obj("[1 2 0 R /N]"),
            Obj::Array(vec![Obj::Int(1), Obj::Ref(2, 0), Obj::Name(b"N".to_vec())])
        );
        let d = obj("<</Type/Page/Kids[1 0 R]/K>>");
        let d = d.as_dict().unwrap();
        assert_eq!(d.get(b"Type"), Some(&Obj::Name(b"Page".to_vec())));
        assert_eq!(d.get(b"Kids"), Some(&Obj::Array(vec![Obj::Ref(1, 0)])));
        assert_eq!(obj("true"), Obj::Bool(true));
        assert!(Lexer::new(b"Tj", 0).object(false).is_none());
    }

    #[test]
    fn hostile_nesting_is_cut_off() {
        let deep = "[".repeat(100_000);
        let o = Lexer::new(deep.as_bytes(), 0).object(true).unwrap();
        let mut depth = 0;
        let mut o = &o;
        while let Obj::Array(a) = o {
            depth += 1;
            match a.first() {
                Some(x) => o = x,
                None => break,
            }
        }
        assert!(depth <= MAX_NESTING + 1);
        let deep = "<</A ".repeat(10_000);
        assert!(Lexer::new(deep.as_bytes(), 0).object(true).is_some());
    }

    #[test]
    fn comments_and_stray_delimiters_are_skipped() {
        let mut l = Lexer::new(b"% c\n ) 1 } /X", 0);
        assert_eq!(l.token(), Some(Tok::Int(1)));
        assert_eq!(l.token(), Some(Tok::Name(b"X".to_vec())));
        assert_eq!(l.token(), None);
    }
}
