//! Fonts as far as text needs them (ISO 32000-1 §9.5–9.10): how a string splits into
//! character codes, the text each code stands for, and each glyph's advance.
//!
//! - Composite (Type0) fonts: the encoding CMap (Identity-H/V, UniGB-UCS2-H/V,
//!   UniGB-UTF16-H/V, or an embedded CMap), the descendant's widths (`W`, `DW`) and vertical
//!   metrics (`W2`, `DW2`), text from ToUnicode (else, for the Uni… CMaps, from the code
//!   itself).
//! - Simple fonts (Type1, TrueType, Type3, MMType1): one byte per code, widths from
//!   `FirstChar`/`Widths`, text from ToUnicode, else the encoding (base encoding plus
//!   `Differences`).
//!
//! A code with no known text gives `None` (counted by the caller: a document whose glyphs
//! have no text is told apart from one with no glyphs).

use super::cmap::{CMap, Predefined};
use super::encoding::{glyph_char, Base};
use super::file::File;
use super::syntax::{Dict, Obj};

/// One character code of a string, as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Code {
    /// The text it stands for (`None`: unknown).
    pub text: Option<String>,
    /// Horizontal advance, in text space units (1/1000 of the font size already applied).
    pub w0: f64,
    /// Vertical advance (negative: downwards), for vertical writing.
    pub w1: f64,
    /// Position vector from the horizontal to the vertical origin (vertical writing).
    pub v: (f64, f64),
    /// A single-byte code 32: word spacing applies to it.
    pub word_space: bool,
}

enum Kind {
    Simple {
        text: Box<[Option<char>; 256]>,
        widths: Box<[f64; 256]>,
    },
    Composite {
        cmap: CMap,
        predefined: Option<Predefined>,
        /// `(first CID, last CID, width)`, sorted.
        widths: Vec<(u32, u32, f64)>,
        dw: f64,
        /// `(first CID, last CID, w1, vx, vy)`, sorted.
        vmetrics: Vec<(u32, u32, f64, f64, f64)>,
        dw2: (f64, f64),
    },
}

pub struct Font {
    kind: Kind,
    to_unicode: Option<CMap>,
    pub vertical: bool,
    /// Glyph space → text space (Type3 fonts have their own matrix; others 1/1000).
    scale: f64,
}

impl Font {
    /// Loads a font dictionary.
    pub fn load(file: &File, dict: &Dict) -> Font {
        let to_unicode = match &*file.resolve_key(dict, b"ToUnicode") {
            Obj::Stream(s) => file.decode(s).map(|d| CMap::parse(&d)),
            _ => None,
        };
        let subtype = file.resolve_key(dict, b"Subtype");
        if subtype.as_name() == Some(b"Type0") {
            return Font::composite(file, dict, to_unicode);
        }
        let scale = match file.resolve_key(dict, b"FontMatrix").as_array() {
            Some([a, ..]) if subtype.as_name() == Some(b"Type3") => {
                a.as_f64().unwrap_or(0.001).abs().clamp(1e-6, 1.0)
            }
            _ => 0.001,
        };
        Font {
            kind: simple(file, dict),
            to_unicode,
            vertical: false,
            scale,
        }
    }

    fn composite(file: &File, dict: &Dict, to_unicode: Option<CMap>) -> Font {
        let (cmap, predefined, vertical) = match &*file.resolve_key(dict, b"Encoding") {
            Obj::Name(n) => {
                let (p, v) = Predefined::of(n);
                (p.cmap(), Some(p), v)
            }
            Obj::Stream(s) => {
                // An embedded CMap: its own code space and CIDs (a `usecmap` parent gives the
                // code space and writing direction when the child has none).
                let mut m = file.decode(s).map(|d| CMap::parse(&d)).unwrap_or_default();
                let parent = m.parent.as_deref().map(Predefined::of);
                if m.codespace.is_empty() {
                    m.codespace = parent
                        .map_or(Predefined::Identity, |p| p.0)
                        .cmap()
                        .codespace;
                }
                let vertical = m.vertical || parent.is_some_and(|p| p.1);
                (m, None, vertical)
            }
            _ => (
                Predefined::Identity.cmap(),
                Some(Predefined::Identity),
                false,
            ),
        };
        let desc = file.resolve_key(dict, b"DescendantFonts");
        let desc = desc
            .as_array()
            .and_then(|a| a.first())
            .map(|d| file.resolve(d));
        let desc = desc.as_ref().and_then(|d| d.as_dict());
        let mut widths = Vec::new();
        let mut dw = 1000.0;
        let mut vmetrics = Vec::new();
        let mut dw2 = (880.0, -1000.0);
        if let Some(d) = desc {
            dw = file.resolve_key(d, b"DW").as_f64().unwrap_or(1000.0);
            if let Some(w) = file.resolve_key(d, b"W").as_array() {
                widths = cid_widths(file, w);
            }
            if let Some([a, b]) = file.resolve_key(d, b"DW2").as_array() {
                dw2 = (a.as_f64().unwrap_or(880.0), b.as_f64().unwrap_or(-1000.0));
            }
            if let Some(w2) = file.resolve_key(d, b"W2").as_array() {
                vmetrics = cid_vmetrics(file, w2);
            }
        }
        Font {
            kind: Kind::Composite {
                cmap,
                predefined,
                widths,
                dw,
                vmetrics,
                dw2,
            },
            to_unicode,
            vertical,
            scale: 0.001,
        }
    }

    /// The codes of a string, with their text and metrics.
    pub fn codes(&self, bytes: &[u8]) -> Vec<Code> {
        match &self.kind {
            Kind::Simple { text, widths } => bytes
                .iter()
                .map(|&b| Code {
                    text: self
                        .to_unicode
                        .as_ref()
                        .and_then(|m| m.text(u32::from(b)))
                        .or_else(|| text[usize::from(b)].map(String::from)),
                    w0: widths[usize::from(b)] * self.scale,
                    w1: 0.0,
                    v: (0.0, 0.0),
                    word_space: b == 32,
                })
                .collect(),
            Kind::Composite {
                cmap,
                predefined,
                widths,
                dw,
                vmetrics,
                dw2,
            } => cmap
                .codes(bytes)
                .into_iter()
                .map(|(code, len)| {
                    let cid = match predefined {
                        Some(Predefined::Identity) | None => cmap.cid(code).unwrap_or(code),
                        // The Uni… CMaps' CIDs would need their tables: see cmap.rs.
                        Some(_) => u32::MAX,
                    };
                    let text = self
                        .to_unicode
                        .as_ref()
                        .and_then(|m| m.text(code))
                        .or_else(|| match predefined {
                            Some(Predefined::Ucs2) => char::from_u32(code).map(String::from),
                            Some(Predefined::Utf16) => utf16_code(code, len),
                            _ => None,
                        });
                    let w = if cid == u32::MAX {
                        if code < 0x80 {
                            dw.min(500.0)
                        } else {
                            *dw
                        }
                    } else {
                        lookup(widths, cid).map_or(*dw, |&(_, _, w)| w)
                    };
                    let (w1, vx, vy) = lookup(vmetrics, cid)
                        .map_or((dw2.1, w / 2.0, dw2.0), |&(_, _, w1, vx, vy)| (w1, vx, vy));
                    Code {
                        text,
                        w0: w * self.scale,
                        w1: w1 * self.scale,
                        v: (vx * self.scale, vy * self.scale),
                        word_space: len == 1 && code == 32,
                    }
                })
                .collect(),
        }
    }
}

fn utf16_code(code: u32, len: u8) -> Option<String> {
    let units: Vec<u16> = if len == 4 {
        vec![(code >> 16) as u16, code as u16]
    } else {
        vec![code as u16]
    };
    String::from_utf16(&units).ok()
}

/// The entry of a sorted `(first, last, …)` list that covers `cid`.
fn lookup<T: RangeEntry>(list: &[T], cid: u32) -> Option<&T> {
    let i = list.partition_point(|e| e.first() <= cid);
    list.get(i.checked_sub(1)?).filter(|e| cid <= e.last())
}

trait RangeEntry {
    fn first(&self) -> u32;
    fn last(&self) -> u32;
}

impl RangeEntry for (u32, u32, f64) {
    fn first(&self) -> u32 {
        self.0
    }
    fn last(&self) -> u32 {
        self.1
    }
}

impl RangeEntry for (u32, u32, f64, f64, f64) {
    fn first(&self) -> u32 {
        self.0
    }
    fn last(&self) -> u32 {
        self.1
    }
}

/// A `W` array: `c [w1 w2 …]` and `c_first c_last w`.
fn cid_widths(file: &File, w: &[Obj]) -> Vec<(u32, u32, f64)> {
    let mut out = Vec::new();
    let mut i = 0;
    let int = |o: &Obj| o.as_i64().and_then(|v| u32::try_from(v).ok());
    while i + 1 < w.len() && out.len() < 100_000 {
        let Some(first) = int(&w[i]) else { break };
        match &*file.resolve(&w[i + 1]) {
            Obj::Array(ws) => {
                for (k, x) in ws.iter().enumerate().take(65_536) {
                    let c = first.saturating_add(k as u32);
                    out.push((c, c, x.as_f64().unwrap_or(0.0)));
                }
                i += 2;
            }
            o => {
                let (Some(last), Some(width)) = (o.as_i64(), w.get(i + 2).and_then(Obj::as_f64))
                else {
                    break;
                };
                let last = u32::try_from(last).unwrap_or(first);
                if last >= first {
                    out.push((first, last, width));
                }
                i += 3;
            }
        }
    }
    super::sort_by_key2(&mut out, |e| (f64::from(e.0), 0.0));
    out
}

/// A `W2` array: `c [w1 vx vy …]` and `c_first c_last w1 vx vy`.
fn cid_vmetrics(file: &File, w: &[Obj]) -> Vec<(u32, u32, f64, f64, f64)> {
    let mut out = Vec::new();
    let mut i = 0;
    let int = |o: &Obj| o.as_i64().and_then(|v| u32::try_from(v).ok());
    let num = |o: Option<&Obj>| o.and_then(Obj::as_f64).unwrap_or(0.0);
    while i + 1 < w.len() && out.len() < 100_000 {
        let Some(first) = int(&w[i]) else { break };
        match &*file.resolve(&w[i + 1]) {
            Obj::Array(ws) => {
                for (k, t) in ws.chunks_exact(3).enumerate().take(65_536) {
                    let c = first.saturating_add(k as u32);
                    out.push((c, c, num(t.first()), num(t.get(1)), num(t.get(2))));
                }
                i += 2;
            }
            o => {
                let last = o
                    .as_i64()
                    .and_then(|v| u32::try_from(v).ok())
                    .unwrap_or(first);
                if last >= first {
                    out.push((
                        first,
                        last,
                        num(w.get(i + 2)),
                        num(w.get(i + 3)),
                        num(w.get(i + 4)),
                    ));
                }
                i += 5;
            }
        }
    }
    super::sort_by_key2(&mut out, |e| (f64::from(e.0), 0.0));
    out
}

/// A simple font's text per code (encoding + Differences) and widths.
fn simple(file: &File, dict: &Dict) -> Kind {
    let mut widths = Box::new([0.0f64; 256]);
    let desc = file.resolve_key(dict, b"FontDescriptor");
    let missing = desc
        .as_dict()
        .map(|d| file.resolve_key(d, b"MissingWidth").as_f64().unwrap_or(0.0))
        .unwrap_or(0.0);
    let first = file.resolve_key(dict, b"FirstChar").as_i64().unwrap_or(0);
    match file.resolve_key(dict, b"Widths").as_array() {
        Some(ws) => {
            widths.fill(missing);
            for (k, w) in ws.iter().enumerate() {
                let code = first.saturating_add(k as i64);
                if let Ok(c) = usize::try_from(code) {
                    if c < 256 {
                        widths[c] = file.resolve(w).as_f64().unwrap_or(missing);
                    }
                }
            }
        }
        // The standard 14 fonts carry no widths: an average Latin advance.
        None => widths.fill(if missing > 0.0 { missing } else { 550.0 }),
    }
    let mut base = Base::Standard;
    let mut differences: Vec<(u8, Option<char>)> = Vec::new();
    match &*file.resolve_key(dict, b"Encoding") {
        Obj::Name(n) => base = Base::of(n).unwrap_or(Base::Standard),
        Obj::Dict(d) => {
            if let Some(b) = d.get(b"BaseEncoding").and_then(Obj::as_name) {
                base = Base::of(b).unwrap_or(Base::Standard);
            }
            if let Some(diffs) = file.resolve_key(d, b"Differences").as_array() {
                let mut code: i64 = 0;
                for item in diffs {
                    match item {
                        Obj::Int(c) => code = *c,
                        Obj::Name(n) => {
                            if let Ok(c) = u8::try_from(code) {
                                differences.push((c, glyph_char(n)));
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
        }
        _ => {
            // TrueType fonts without an encoding are mostly WinAnsi in practice.
            if file.resolve_key(dict, b"Subtype").as_name() == Some(b"TrueType") {
                base = Base::WinAnsi;
            }
        }
    }
    let mut text = Box::new([None; 256]);
    for (c, t) in text.iter_mut().enumerate() {
        *t = base.char(c as u8);
    }
    for (c, ch) in differences {
        text[usize::from(c)] = ch;
    }
    Kind::Simple { text, widths }
}
