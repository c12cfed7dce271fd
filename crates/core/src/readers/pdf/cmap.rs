//! CMaps (Adobe Technical Note #5014, #5099; ISO 32000-1 §9.7.5, §9.10.3): how the bytes of
//! a string split into character codes (code space ranges), which CID a code selects
//! (`cidchar`/`cidrange`, for embedded encoding CMaps) and which text it stands for
//! (`bfchar`/`bfrange`, for ToUnicode CMaps). The predefined CMaps a report font names are
//! in [`Predefined`]: Identity-H/V (a code is its CID) and UniGB-UCS2-H/V, UniGB-UTF16-H/V
//! (a code *is* its Unicode text, so their ~200 KB tables of Unicode → CID are not needed
//! to read the text; only widths would need the CID, and those fall back to the font's
//! default width, half of it for ASCII).

use super::syntax::{Lexer, Tok};

/// Most entries kept from one CMap (a full CJK ToUnicode has ~30 000).
pub const MAX_ENTRIES: usize = 200_000;

/// A parsed CMap: code space, code → CID ranges, code → text ranges.
#[derive(Clone, Debug, Default)]
pub struct CMap {
    /// `(bytes, low, high)` of each code space range.
    pub codespace: Vec<(u8, u32, u32)>,
    /// `(low, high, first CID)`, sorted by `low`.
    pub cids: Vec<(u32, u32, u32)>,
    /// `(low, high, text of low)`: the text of `low + k` is the text of `low` with its last
    /// UTF-16 unit increased by `k`. Sorted by `low`.
    pub text: Vec<(u32, u32, Vec<u16>)>,
    /// The `usecmap` parent's name, if any.
    pub parent: Option<Vec<u8>>,
    /// Vertical writing (`/WMode 1`).
    pub vertical: bool,
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |v, &b| (v << 8) | u32::from(b))
}

fn units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect()
}

impl CMap {
    /// Parses a CMap program (embedded stream data). Entries are taken as they complete, so
    /// a cut-off program still gives what it had.
    pub fn parse(data: &[u8]) -> CMap {
        let mut m = CMap::default();
        let mut lex = Lexer::new(data, 0);
        let mut section: &[u8] = b"";
        let mut args: Vec<Tok> = Vec::new();
        let mut entries = 0usize;
        while let Some(t) = lex.token() {
            match t {
                Tok::Keyword(k) if k.starts_with(b"begin") => {
                    section = k;
                    args.clear();
                }
                Tok::Keyword(k) if k.starts_with(b"end") => {
                    section = b"";
                    args.clear();
                }
                Tok::Keyword(b"usecmap") => {
                    if let Some(Tok::Name(n)) = args.last() {
                        m.parent = Some(n.clone());
                    }
                    args.clear();
                }
                Tok::Keyword(b"def") => {
                    if let [.., Tok::Name(n), Tok::Int(v)] = args.as_slice() {
                        if n == b"WMode" {
                            m.vertical = *v == 1;
                        }
                    }
                    args.clear();
                }
                Tok::ArrayOpen if section == b"beginbfrange" => {
                    // `<lo> <hi> [<d0> <d1> …]`: one text per code.
                    let lo = match args.as_slice() {
                        [Tok::Str(lo), Tok::Str(_)] => Some(code_of(lo)),
                        _ => None,
                    };
                    let mut k = 0u32;
                    while let Some(x) = lex.token() {
                        match x {
                            Tok::ArrayClose => break,
                            Tok::Str(d) => {
                                if let Some(lo) = lo.filter(|_| entries < MAX_ENTRIES) {
                                    entries += 1;
                                    let c = lo.wrapping_add(k);
                                    m.text.push((c, c, units(&d)));
                                }
                                k += 1;
                            }
                            _ => {}
                        }
                    }
                    args.clear();
                }
                t => {
                    if section.is_empty() {
                        // Outside sections only the last few tokens matter (`/WMode 1 def`).
                        if args.len() >= 4 {
                            args.remove(0);
                        }
                        args.push(t);
                        continue;
                    }
                    args.push(t);
                    let want = match section {
                        b"begincidrange" | b"beginbfrange" | b"beginnotdefrange" => 3,
                        b"begincodespacerange"
                        | b"begincidchar"
                        | b"beginbfchar"
                        | b"beginnotdefchar" => 2,
                        _ => 2,
                    };
                    if args.len() < want {
                        continue;
                    }
                    if entries < MAX_ENTRIES {
                        entries += 1;
                        take(&mut m, section, &args);
                    }
                    args.clear();
                }
            }
        }
        super::sort_by_key2(&mut m.cids, |e| (f64::from(e.0), 0.0));
        super::sort_by_key2(&mut m.text, |e| (f64::from(e.0), 0.0));
        m
    }

    /// The CID of `code`, from the cidrange/cidchar entries.
    pub fn cid(&self, code: u32) -> Option<u32> {
        let i = self.cids.partition_point(|e| e.0 <= code);
        let (lo, hi, cid) = *self.cids.get(i.checked_sub(1)?)?;
        (code <= hi).then(|| cid.wrapping_add(code - lo))
    }

    /// The text of `code`, from the bfchar/bfrange entries.
    pub fn text(&self, code: u32) -> Option<String> {
        let i = self.text.partition_point(|e| e.0 <= code);
        // Ranges rarely overlap; look back a little for one that covers the code.
        for k in (i.saturating_sub(4)..i).rev() {
            let (lo, hi, ref first) = self.text[k];
            if code <= hi {
                // The units of `first`, its last one moved by the code's place in the range:
                // decoded straight into the string (no copy of the units).
                let n = first.len();
                let units = first.iter().enumerate().map(|(j, &w)| {
                    if j + 1 == n {
                        w.wrapping_add((code - lo) as u16)
                    } else {
                        w
                    }
                });
                let mut out = String::with_capacity(n * 3);
                out.extend(
                    char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)),
                );
                return Some(out);
            }
        }
        None
    }

    /// Splits a string into `(code, byte length)` by the code space (the shortest matching
    /// range; bytes no range matches take the length of the first range, as viewers do).
    pub fn codes(&self, bytes: &[u8]) -> Vec<(u32, u8)> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        let fallback = self.codespace.first().map_or(1, |r| r.0);
        while i < bytes.len() {
            let mut len = 0;
            for n in 1..=4u8 {
                let Some(b) = bytes.get(i..i + usize::from(n)) else {
                    break;
                };
                let c = code_of(b);
                if self
                    .codespace
                    .iter()
                    .any(|&(k, lo, hi)| k == n && in_range(b, lo, hi, k) && c >= lo && c <= hi)
                {
                    len = n;
                    break;
                }
            }
            if len == 0 {
                len = fallback.min((bytes.len() - i) as u8).max(1);
            }
            let b = &bytes[i..i + usize::from(len)];
            out.push((code_of(b), len));
            i += usize::from(len);
        }
        out
    }
}

/// Code space ranges are per byte: `<8140> <FEFE>` holds `81 40` to `FE FE` byte by byte.
fn in_range(b: &[u8], lo: u32, hi: u32, n: u8) -> bool {
    (0..usize::from(n)).all(|k| {
        let shift = 8 * (usize::from(n) - 1 - k);
        let (l, h) = ((lo >> shift) as u8, (hi >> shift) as u8);
        (l..=h).contains(&b[k])
    })
}

fn take(m: &mut CMap, section: &[u8], args: &[Tok]) {
    match (section, args) {
        (b"begincodespacerange", [Tok::Str(a), Tok::Str(b)]) => {
            let n = a.len().clamp(1, 4) as u8;
            m.codespace.push((n, code_of(a), code_of(b)));
        }
        (b"begincidrange", [Tok::Str(lo), Tok::Str(hi), Tok::Int(cid)]) => {
            if let Ok(cid) = u32::try_from(*cid) {
                m.cids.push((code_of(lo), code_of(hi), cid));
            }
        }
        (b"begincidchar", [Tok::Str(c), Tok::Int(cid)]) => {
            if let Ok(cid) = u32::try_from(*cid) {
                let c = code_of(c);
                m.cids.push((c, c, cid));
            }
        }
        (b"beginbfchar", [Tok::Str(c), Tok::Str(d)]) => {
            let c = code_of(c);
            m.text.push((c, c, units(d)));
        }
        (b"beginbfchar", [Tok::Str(c), Tok::Name(n)]) => {
            if let Some(ch) = super::encoding::glyph_char(n) {
                let c = code_of(c);
                let mut buf = [0u16; 2];
                m.text.push((c, c, ch.encode_utf16(&mut buf).to_vec()));
            }
        }
        (b"beginbfrange", [Tok::Str(lo), Tok::Str(hi), Tok::Str(d)]) => {
            let (lo, hi) = (code_of(lo), code_of(hi));
            if lo <= hi {
                m.text.push((lo, hi, units(d)));
            }
        }
        _ => {}
    }
}

/// The predefined CMaps a font's `/Encoding` may name, as far as reading text needs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Predefined {
    /// Identity-H / Identity-V: two-byte codes, CID = code.
    Identity,
    /// UniGB-UCS2-H/V (and the other Uni…-UCS2 CMaps): two-byte codes that are UCS-2.
    Ucs2,
    /// UniGB-UTF16-H/V (and the other Uni…-UTF16 CMaps): UTF-16BE codes.
    Utf16,
    /// A CMap we have no table for (GBK-EUC-H, …): two-byte codes, text only from ToUnicode.
    Other,
}

impl Predefined {
    /// The predefined CMap of a name, and whether it writes vertically (`-V`).
    pub fn of(name: &[u8]) -> (Predefined, bool) {
        let vertical = name.ends_with(b"-V");
        let kind = if name.starts_with(b"Identity") {
            Predefined::Identity
        } else if name.starts_with(b"Uni") && contains(name, b"UCS2") {
            Predefined::Ucs2
        } else if name.starts_with(b"Uni") && contains(name, b"UTF16") {
            Predefined::Utf16
        } else {
            Predefined::Other
        };
        (kind, vertical)
    }

    /// Its code space as a CMap (for splitting strings into codes).
    pub fn cmap(self) -> CMap {
        let mut m = CMap::default();
        m.codespace.push((2, 0, 0xFFFF));
        if self == Predefined::Utf16 {
            m.codespace = vec![
                (2, 0x0000, 0xD7FF),
                (4, 0xD800_DC00, 0xDBFF_DFFF),
                (2, 0xE000, 0xFFFF),
            ];
        }
        m
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TO_UNICODE: &str = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        1 begincodespacerange <0000> <FFFF> endcodespacerange
        2 beginbfchar <0003> <0020> <04EA> <653F> endbfchar
        2 beginbfrange <0010> <0012> <0030> <0020> <0021> [<4E00> <D840DC00>] endbfrange
        endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn to_unicode_chars_and_ranges() {
        let m = CMap::parse(TO_UNICODE.as_bytes());
        assert_eq!(m.text(0x0003).as_deref(), Some(" "));
        assert_eq!(m.text(0x04EA).as_deref(), Some("政"));
        assert_eq!(m.text(0x0011).as_deref(), Some("1"));
        assert_eq!(m.text(0x0012).as_deref(), Some("2"));
        assert_eq!(m.text(0x0020).as_deref(), Some("一"));
        assert_eq!(m.text(0x0021).as_deref(), Some("\u{20000}"));
        assert_eq!(m.text(0x0013), None);
        assert_eq!(m.codes(&[0x04, 0xEA, 0x00]), [(0x04EA, 2), (0x00, 1)]);
    }

    #[test]
    fn encoding_cmaps_give_cids_and_mixed_code_lengths() {
        let m = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
              1 begincidrange <8140> <817F> 100 endcidrange 1 begincidchar <41> 34 endcidchar
              /WMode 1 def",
        );
        assert!(m.vertical);
        assert_eq!(m.codes(b"A\x81\x41"), [(0x41, 1), (0x8141, 2)]);
        assert_eq!(m.cid(0x8141), Some(101));
        assert_eq!(m.cid(0x41), Some(34));
        assert_eq!(m.cid(0x42), None);
    }

    #[test]
    fn predefined() {
        assert_eq!(Predefined::of(b"Identity-V"), (Predefined::Identity, true));
        assert_eq!(Predefined::of(b"UniGB-UCS2-H"), (Predefined::Ucs2, false));
        assert_eq!(Predefined::of(b"UniGB-UTF16-V"), (Predefined::Utf16, true));
        let u = Predefined::Utf16.cmap();
        assert_eq!(
            u.codes(&[0x4E, 0x00, 0xD8, 0x40, 0xDC, 0x00]),
            [(0x4E00, 2), (0xD840_DC00, 4)]
        );
    }
}
