//! Byte ranges into text, the one way every floor points at a place in a report.

/// A byte range into the text of a document: the input given to [`crate::check_text`], or
/// the readable rendering of an HTML or Word file ([`crate::readers::Document::text`]).
///
/// The core works in UTF-8 byte offsets; the shells convert to characters (CLI JSON)
/// or UTF-16 code units (JavaScript) with [`Span::to_char_range`] / [`Span::to_utf16_range`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The range in Unicode scalar values (characters) of `text`.
    pub fn to_char_range(self, text: &str) -> (usize, usize) {
        let s = char_index(text, self.start);
        let e = s + text
            .get(self.start..self.end)
            .map_or(0, |t| t.chars().count());
        (s, e)
    }

    /// The range in UTF-16 code units of `text` (what JavaScript string indices use).
    pub fn to_utf16_range(self, text: &str) -> (usize, usize) {
        let s = text
            .get(..self.start)
            .map_or(0, |t| t.encode_utf16().count());
        let e = s + text
            .get(self.start..self.end)
            .map_or(0, |t| t.encode_utf16().count());
        (s, e)
    }
}

fn char_index(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |t| t.chars().count())
}
