//! The byte encoding the page's WebAssembly modules hand data over in, one of the base modules
//! every floor shares (like [`crate::span`]): a reader's document ([`crate::readers::wire`]) and a
//! report's findings ([`crate::rules::wire`]). Integers are `u32` little-endian; a string is its
//! byte length and its UTF-8. The [`Reader`] checks everything it reads, so that a decoder built
//! on it never panics and never allocates more than the input's size allows.

use crate::span::Span;

pub(crate) fn put_u32(out: &mut Vec<u8>, n: usize) {
    // What is encoded is capped far below 4 GiB (MAX_INPUT_BYTES and the readers' caps).
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

pub(crate) fn put_span(out: &mut Vec<u8>, s: Span) {
    put_u32(out, s.start);
    put_u32(out, s.end);
}

/// Reads an encoding; every method gives `None` as soon as anything is out of place.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    /// Every byte has been read.
    pub(crate) fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }

    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(s)
    }

    pub(crate) fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    pub(crate) fn u32(&mut self) -> Option<usize> {
        let b = self.take(4)?;
        usize::try_from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])).ok()
    }

    /// A count of items of at least `min` bytes each: never more than the bytes left allow.
    pub(crate) fn count(&mut self, min: usize) -> Option<usize> {
        let n = self.u32()?;
        (n <= (self.bytes.len() - self.at) / min).then_some(n)
    }

    pub(crate) fn string(&mut self) -> Option<String> {
        let n = self.u32()?;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).ok()
    }

    /// A span of `text`: inside it and on character boundaries.
    pub(crate) fn span(&mut self, text: &str) -> Option<Span> {
        let (start, end) = (self.u32()?, self.u32()?);
        let ok = start <= end && text.is_char_boundary(start) && text.is_char_boundary(end);
        ok.then_some(Span { start, end })
    }
}
