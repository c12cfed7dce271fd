//! A small, lenient XML pull tokenizer for the parts of a Word package.
//!
//! It knows what WordprocessingML needs: start/end/empty tags with attributes, text with
//! the predefined and numeric entities, CDATA; comments, processing instructions and
//! doctypes are skipped. It never fails and never stops early: malformed markup is read as
//! text or as the tag it most resembles, and only a construct left open at the end (a
//! comment, CDATA section, tag or quoted value) runs to the end of the input. Every slice
//! is taken at positions found in the same string (after ASCII delimiters), so indexing
//! cannot fail; a bug there panics in the tests rather than silently ending the stream.
//! Element names are resolved against `xmlns` declarations (scoped).

use std::borrow::Cow;

/// The namespaces the Word reader cares about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ns {
    /// WordprocessingML main (transitional or strict).
    W,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Package relationships.
    Rel,
    Other,
}

fn ns_of(uri: &str) -> Ns {
    match uri {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        "http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        "http://schemas.openxmlformats.org/package/2006/relationships" => Ns::Rel,
        _ => Ns::Other,
    }
}

/// What a prefix means when no declaration is in scope (fragments, sloppy writers).
fn default_ns(prefix: &str) -> Ns {
    match prefix {
        "w" => Ns::W,
        "mc" => Ns::Mc,
        _ => Ns::Other,
    }
}

#[derive(Debug)]
pub enum Event<'a> {
    Start {
        ns: Ns,
        local: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    End {
        ns: Ns,
        local: &'a str,
    },
    Text(Cow<'a, str>),
}

pub struct Reader<'a> {
    s: &'a str,
    pos: usize,
    /// `(prefix, namespace, element depth that declared it)`; `""` is the default namespace.
    bindings: Vec<(&'a str, Ns, usize)>,
    depth: usize,
    /// The last prefix resolved and its namespace, while `bindings` is unchanged (almost
    /// every element of a Word body is `w:`; the root declares some 30 prefixes).
    last: Option<(&'a str, Ns)>,
}

impl<'a> Reader<'a> {
    pub fn new(s: &'a str) -> Reader<'a> {
        let s = s.strip_prefix('\u{feff}').unwrap_or(s);
        Reader {
            s,
            pos: 0,
            bindings: Vec::new(),
            depth: 0,
            last: None,
        }
    }

    fn resolve(&mut self, qname: &'a str) -> (Ns, &'a str) {
        // Names are short: a byte loop, not a searcher.
        let (prefix, local) = match qname.bytes().position(|b| b == b':') {
            Some(i) => (&qname[..i], &qname[i + 1..]),
            None => ("", qname),
        };
        if let Some((p, ns)) = self.last {
            if p == prefix {
                return (ns, local);
            }
        }
        let ns = self
            .bindings
            .iter()
            .rev()
            .find(|b| b.0 == prefix)
            .map(|b| b.1)
            .unwrap_or_else(|| default_ns(prefix));
        self.last = Some((prefix, ns));
        (ns, local)
    }

    /// Leaves the elements deeper than `depth`: their declarations go out of scope.
    fn unbind(&mut self) {
        while self.bindings.last().is_some_and(|b| b.2 > self.depth) {
            self.bindings.pop();
            self.last = None;
        }
    }

    fn find(&self, pat: &str) -> Option<usize> {
        self.s[self.pos..].find(pat).map(|i| self.pos + i)
    }

    /// The position of the `>` that ends the tag starting at `self.pos`, outside quoted
    /// attribute values (the end of the input when there is none).
    fn tag_end(&self) -> usize {
        tag_end(self.s.as_bytes(), self.pos)
    }

    /// The position of the next `byte` from `self.pos` (the end of the input when there is
    /// none).
    fn next_byte(&self, byte: u8) -> usize {
        find_any(self.s.as_bytes(), self.pos, [byte; 3])
    }

    /// The next event, or `None` at the end of the input.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<Event<'a>> {
        loop {
            let s = self.s;
            if self.pos >= s.len() {
                return None;
            }
            let rest = &s[self.pos..];
            if !rest.starts_with('<') {
                let end = self.next_byte(b'<');
                let raw = &s[self.pos..end];
                self.pos = end;
                return Some(Event::Text(unescape(raw)));
            }
            match rest.as_bytes().get(1) {
                Some(b'!') if rest.starts_with("<!--") => {
                    self.pos = self.find("-->").map_or(s.len(), |i| i + 3);
                    continue;
                }
                Some(b'!') if rest.starts_with("<![CDATA[") => {
                    let start = self.pos + 9;
                    let end = s[start..].find("]]>").map_or(s.len(), |i| start + i);
                    self.pos = (end + 3).min(s.len());
                    return Some(Event::Text(Cow::Borrowed(&s[start..end])));
                }
                Some(b'?') => {
                    self.pos = self.find("?>").map_or(s.len(), |i| i + 2);
                    continue;
                }
                Some(b'!') => {
                    self.pos = (self.next_byte(b'>') + 1).min(s.len());
                    continue;
                }
                Some(b'/') => {
                    let end = self.next_byte(b'>');
                    let qname = s[self.pos + 2..end].trim();
                    self.pos = (end + 1).min(s.len());
                    let (ns, local) = self.resolve(qname);
                    self.depth = self.depth.saturating_sub(1);
                    self.unbind();
                    return Some(Event::End { ns, local });
                }
                _ => {}
            }
            // A start tag: find its `>` outside quoted attribute values.
            let i = self.tag_end();
            let inner = &s[self.pos + 1..i];
            self.pos = (i + 1).min(s.len());
            let (inner, empty) = match inner.strip_suffix('/') {
                Some(x) => (x, true),
                None => (inner, false),
            };
            let name_end = inner
                .bytes()
                .position(|b| b.is_ascii_whitespace())
                .unwrap_or(inner.len());
            let (qname, attrs) = inner.split_at(name_end);
            if qname.is_empty() {
                return Some(Event::Text(Cow::Borrowed("<")));
            }
            self.depth += 1;
            if has_xmlns(attrs.as_bytes()) {
                for (name, value) in Attrs(attrs) {
                    if name == "xmlns" {
                        self.bindings.push(("", ns_of(value), self.depth));
                        self.last = None;
                    } else if let Some(p) = name.strip_prefix("xmlns:") {
                        self.bindings.push((p, ns_of(value), self.depth));
                        self.last = None;
                    }
                }
            }
            let (ns, local) = self.resolve(qname);
            if empty {
                self.depth -= 1;
                self.unbind();
            }
            return Some(Event::Start {
                ns,
                local,
                attrs,
                empty,
            });
        }
    }
}

/// The position of the `>` that ends the tag starting at `pos` of `bytes`, outside quoted
/// attribute values (the end of the input when there is none).
fn tag_end(bytes: &[u8], pos: usize) -> usize {
    let mut i = pos + 1;
    loop {
        i = find_any(bytes, i, [b'>', b'"', b'\'']);
        match bytes.get(i) {
            None => return bytes.len().max(pos + 1),
            Some(b'>') => return i,
            // a quoted value: on after its closing quote
            Some(&q) => i = find_any(bytes, i + 1, [q; 3]) + 1,
        }
    }
}

/// The position of the first of the three `set` bytes in `bytes` from `from` on (the length of
/// `bytes` when there is none): eight bytes at a step (a byte equal to one of the set is a
/// zero byte of the word XORed with it, found by the classic borrow test; the lowest one found
/// is exact), the tail one by one. Tags of Word XML are long and the bytes looked for few.
fn find_any(bytes: &[u8], from: usize, set: [u8; 3]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let [a, b, c] = set.map(|s| ONES * u64::from(s));
    let mut i = from;
    while i + 8 <= bytes.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[i..i + 8]);
        let x = u64::from_le_bytes(word);
        let hits = zero_byte(x ^ a) | zero_byte(x ^ b) | zero_byte(x ^ c);
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && !set.contains(&bytes[i]) {
        i += 1;
    }
    i.min(bytes.len())
}

/// Whether the attributes may declare a namespace (`xmlns`, `xmlns:w`).
fn has_xmlns(attrs: &[u8]) -> bool {
    let mut i = 0;
    while i < attrs.len() {
        i = find_any(attrs, i, [b'x'; 3]);
        if attrs.get(i + 1..).is_some_and(|r| r.starts_with(b"mlns")) {
            return true;
        }
        i += 1;
    }
    false
}

/// The attributes of a tag, as `(qualified name, raw value)`.
pub struct Attrs<'a>(pub &'a str);

impl<'a> Iterator for Attrs<'a> {
    type Item = (&'a str, &'a str);
    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        loop {
            let s = self.0.trim_start();
            if s.is_empty() {
                return None;
            }
            let Some(eq) = s.find('=') else {
                self.0 = "";
                return None;
            };
            let name = s[..eq].trim();
            let v = s[eq + 1..].trim_start();
            let Some(q) = v.chars().next().filter(|&c| c == '"' || c == '\'') else {
                // Unquoted: up to the next space.
                let end = v.find(|c: char| c.is_ascii_whitespace()).unwrap_or(v.len());
                let (value, rest) = v.split_at(end);
                self.0 = rest;
                return Some((name, value));
            };
            let body = &v[1..];
            // An unterminated value runs to the end of the tag.
            let (value, rest) = match body.find(q) {
                Some(end) => (&body[..end], &body[end + 1..]),
                None => (body, ""),
            };
            self.0 = rest;
            if name.is_empty() {
                continue;
            }
            return Some((name, value));
        }
    }
}

/// The raw value of the attribute with this local name (any prefix).
pub fn attr<'a>(attrs: &'a str, local: &str) -> Option<&'a str> {
    Attrs(attrs)
        .find(|(n, _)| {
            n.strip_suffix(local)
                .is_some_and(|p| p.is_empty() || p.ends_with(':'))
        })
        .map(|(_, v)| v)
}

/// Replaces the predefined and numeric character references.
pub fn unescape(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.bytes().take(12).position(|b| b == b';');
        let rep = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let n = if let Some(h) =
                        name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"))
                    {
                        u32::from_str_radix(h, 16).ok()
                    } else {
                        name.strip_prefix('#').and_then(crate::text::parse_uint)
                    }?;
                    char::from_u32(n).unwrap_or('\u{fffd}')
                }
            };
            Some((c, e + 1))
        });
        match rep {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tag end as a byte loop (the first way it was written).
    fn tag_end_by_bytes(bytes: &[u8], pos: usize) -> usize {
        let mut i = pos + 1;
        let mut quote = 0u8;
        while i < bytes.len() {
            let c = bytes[i];
            if quote != 0 {
                if c == quote {
                    quote = 0;
                }
            } else if c == b'"' || c == b'\'' {
                quote = c;
            } else if c == b'>' {
                break;
            }
            i += 1;
        }
        i
    }

    #[test]
    fn xmlns_is_seen_wherever_it_is() {
        for (attrs, want) in [
            ("", false),
            ("x", false),
            ("xmlns", true),
            (" xml:space=\"preserve\"", false),
            (" a=\"x\" b=\"1\" xmlns:w=\"u\"", true),
            (" w:val=\"1\" xmlnsxmlns", true),
            (" xmln", false),
            ("0123456789 xmlns=\"u\"", true),
        ] {
            assert_eq!(has_xmlns(attrs.as_bytes()), want, "{attrs}");
        }
    }

    #[test]
    fn the_tag_end_is_found_as_by_a_byte_loop() {
        let mut x = 0x1234_5678_9abc_def1u64;
        let alphabet = b"<>\"'a w:=/\x80\xe4";
        for len in 0..40 {
            for _ in 0..300 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        alphabet[(x % alphabet.len() as u64) as usize]
                    })
                    .collect();
                for pos in 0..bytes.len() {
                    let want = tag_end_by_bytes(&bytes, pos);
                    let got = tag_end(&bytes, pos);
                    assert_eq!(got, want, "{bytes:?} at {pos}");
                }
            }
        }
    }

    fn events(s: &str) -> Vec<String> {
        let mut r = Reader::new(s);
        let mut out = Vec::new();
        while let Some(e) = r.next() {
            out.push(match e {
                Event::Start {
                    ns, local, empty, ..
                } => format!("<{ns:?}:{local}{}>", if empty { "/" } else { "" }),
                Event::End { ns, local } => format!("</{ns:?}:{local}>"),
                Event::Text(t) => t.into_owned(),
            });
        }
        out
    }

    #[test]
    fn tokenizes_with_namespaces_entities_and_oddities() {
        let s = r#"<?xml version="1.0"?><!-- c --><x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main" a='1>2'><x:t>a&lt;b&#x4E00;&#20108;&bogus;&amp;</x:t><w:t/><![CDATA[<raw>]]></x:document>"#;
        assert_eq!(
            events(s),
            [
                "<W:document>",
                "<W:t>",
                "a<b一二&bogus;&",
                "</W:t>",
                "<W:t/>",
                "<raw>",
                "</W:document>"
            ]
        );
        // Scoped: after the element that declared it, `x` is unknown again.
        let s = r#"<a xmlns:x="http://schemas.openxmlformats.org/markup-compatibility/2006"><x:b/></a><x:c/>"#;
        assert_eq!(
            events(s),
            ["<Other:a>", "<Mc:b/>", "</Other:a>", "<Other:c/>"]
        );
        assert_eq!(attr(r#" w:val="restart" b = '2'"#, "b"), Some("2"));
        assert_eq!(attr(r#" w:val="restart""#, "val"), Some("restart"));
        for junk in [
            "<",
            "<a",
            "</",
            "<a b='",
            "<!--",
            "<![CDATA[x",
            "&",
            "&#xZZ;",
            "<?x",
            "< >",
        ] {
            let _ = events(junk);
        }
    }

    #[test]
    fn the_stream_ends_only_at_the_end_of_the_input() {
        let pieces = [
            "<w:p>",
            "</w:p>",
            "<a b='1>2'>",
            "<a b=\"",
            "'",
            "\"",
            "<",
            ">",
            "</",
            "/>",
            "< >",
            "<>",
            "&",
            "&#x;",
            "&#1;",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "<?",
            "?>",
            "<!",
            "=",
            " x=y",
            "中",
            "\u{feff}",
            "xmlns:w='u'",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..3_000 {
            let mut s = String::new();
            for _ in 0..12 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let mut r = Reader::new(&s);
            while r.next().is_some() {}
            assert_eq!(r.pos, r.s.len(), "{s:?}");
        }
        // Text after malformed but closed markup is still read (a tag without a name is
        // read as "<").
        assert_eq!(
            events("<a <b>>x< >y<>z"),
            ["<Other:a>", ">x", "<", "y", "<", "z"]
        );
    }
}
