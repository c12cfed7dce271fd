//! The file structure (ISO 32000-1 §7.5): cross-reference tables and streams, incremental
//! updates (`/Prev`), hybrid files (`/XRefStm`), object streams, and the rebuild of a damaged
//! cross-reference by scanning the file for `N G obj`, as viewers do. Objects are parsed when
//! first asked for and kept; streams are decrypted (see `crypt.rs`) and decoded on demand under the
//! document's budget of decoded bytes.

use super::crypt::{Crypt, CryptError};
use super::filter::{self, FilterError};
use super::syntax::{Dict, Lexer, Obj, Stream, Tok};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Deref;
use std::rc::Rc;

/// Most cross-reference sections followed through `/Prev` (a loop or a chain of updates).
pub const MAX_XREF_SECTIONS: usize = 256;
/// Most objects kept in the cross-reference (more is no report).
pub const MAX_OBJECTS: usize = 2_000_000;
/// How many references are followed to reach an object (`1 0 R` → `2 0 R` → …).
const MAX_REF_CHAIN: usize = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Entry {
    /// At this byte offset of the file.
    At(usize),
    /// The `index`th object of object stream `stream`.
    InStream { stream: u32, index: u32 },
}

/// An object stream, decoded: its data and where each object starts.
struct ObjStm {
    data: Vec<u8>,
    offsets: Vec<(u32, usize)>,
}

/// Why the file could not be opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// No catalog and no page could be found, even after a rebuild.
    NoPages,
    /// Encrypted with a password needed to open it.
    Encrypted,
    /// Encrypted by a handler we do not read (certificates, an unknown revision).
    EncryptedOther,
}

/// An object, borrowed from its parent or shared from the file's cache.
pub enum Got<'o> {
    Borrowed(&'o Obj),
    Shared(Rc<Obj>),
}

impl Deref for Got<'_> {
    type Target = Obj;
    fn deref(&self) -> &Obj {
        match self {
            Got::Borrowed(o) => o,
            Got::Shared(o) => o,
        }
    }
}

static NULL: Obj = Obj::Null;

pub struct File<'a> {
    pub data: &'a [u8],
    xref: BTreeMap<u32, Entry>,
    pub trailer: Dict,
    cache: RefCell<BTreeMap<u32, Rc<Obj>>>,
    streams: RefCell<BTreeMap<u32, Rc<ObjStm>>>,
    loading: RefCell<BTreeSet<u32>>,
    /// How streams are decrypted (an encrypted file the empty password opens).
    crypt: Option<Crypt>,
    /// Decoded bytes still allowed for this document.
    budget: Cell<usize>,
    /// The cross-reference was rebuilt by scanning.
    pub rebuilt: bool,
}

impl<'a> File<'a> {
    /// Opens a file: the cross-reference from `startxref`, or rebuilt by scanning when that
    /// fails or leads to no catalog.
    pub fn open(data: &'a [u8], budget: usize) -> Result<File<'a>, OpenError> {
        let mut f = File {
            data,
            xref: BTreeMap::new(),
            trailer: Dict::default(),
            cache: RefCell::default(),
            streams: RefCell::default(),
            loading: RefCell::default(),
            crypt: None,
            budget: Cell::new(budget),
            rebuilt: false,
        };
        let read = f.read_xref_chain();
        f.decryption()?;
        if !read || !f.has_pages() {
            f.rebuild();
            f.decryption()?;
            if !f.has_pages() {
                return Err(OpenError::NoPages);
            }
        }
        Ok(f)
    }

    /// Sets up decryption when the trailer names an encryption dictionary (once; objects
    /// decoded before are dropped from the caches).
    fn decryption(&mut self) -> Result<(), OpenError> {
        if self.crypt.is_some() {
            return Ok(());
        }
        let Some(enc) = self.trailer.get(b"Encrypt").cloned() else {
            return Ok(());
        };
        let id0 = match &*self.resolve_key(&self.trailer, b"ID") {
            Obj::Array(a) => a.first().and_then(Obj::as_str).unwrap_or(b"").to_vec(),
            _ => Vec::new(),
        };
        let dict = self.resolve(&enc).as_dict().cloned().unwrap_or_default();
        match Crypt::open(&dict, &id0) {
            Ok(c) => {
                self.crypt = Some(c);
                self.cache.borrow_mut().clear();
                self.streams.borrow_mut().clear();
                Ok(())
            }
            Err(CryptError::Password) => Err(OpenError::Encrypted),
            Err(CryptError::Unsupported) => Err(OpenError::EncryptedOther),
        }
    }

    /// The catalog's page tree root, if there is one.
    fn has_pages(&self) -> bool {
        let Some(root) = self.trailer.get(b"Root").cloned() else {
            return false;
        };
        let root = self.resolve(&root);
        let Some(pages) = root.as_dict().and_then(|d| d.get(b"Pages")).cloned() else {
            return false;
        };
        let pages = self.resolve(&pages);
        pages.as_dict().is_some()
    }

    /// Follows `startxref` and every `/Prev`; false when the first section cannot be read.
    fn read_xref_chain(&mut self) -> bool {
        let tail = &self.data[self.data.len().saturating_sub(2048)..];
        let Some(at) = rfind(tail, b"startxref") else {
            return false;
        };
        let mut lex = Lexer::new(tail, at + 9);
        let Some(Tok::Int(mut offset)) = lex.token() else {
            return false;
        };
        let mut seen = BTreeSet::new();
        let mut first = true;
        while seen.len() < MAX_XREF_SECTIONS {
            let Ok(off) = usize::try_from(offset) else {
                break;
            };
            if off >= self.data.len() || !seen.insert(off) {
                break;
            }
            let Some(trailer) = self.read_section(off) else {
                if first {
                    return false;
                }
                break;
            };
            if first {
                self.trailer = trailer.clone();
                first = false;
            }
            // A hybrid file's cross-reference stream completes the table's section.
            if let Some(stm) = trailer.get(b"XRefStm").and_then(Obj::as_i64) {
                if let Ok(s) = usize::try_from(stm) {
                    if seen.insert(s) {
                        self.read_section(s);
                    }
                }
            }
            match trailer.get(b"Prev").and_then(Obj::as_i64) {
                Some(p) => offset = p,
                None => break,
            }
        }
        !first
    }

    /// Reads one section (a table or a stream) at `off`; entries already known (from a newer
    /// update) are kept. Returns its trailer dictionary.
    fn read_section(&mut self, off: usize) -> Option<Dict> {
        let mut lex = Lexer::new(self.data, off);
        match lex.token()? {
            Tok::Keyword(b"xref") => self.read_table(&mut lex),
            Tok::Int(_) => {
                let (num, obj) = self.parse_indirect(off)?;
                let Obj::Stream(s) = obj else { return None };
                self.read_xref_stream(num, &s);
                Some(s.dict)
            }
            _ => None,
        }
    }

    fn read_table(&mut self, lex: &mut Lexer) -> Option<Dict> {
        loop {
            let save = lex.pos;
            match lex.token()? {
                Tok::Int(start) => {
                    let Some(Tok::Int(count)) = lex.token() else {
                        return None;
                    };
                    let (Ok(start), Ok(count)) = (u32::try_from(start), u32::try_from(count))
                    else {
                        return None;
                    };
                    for i in 0..count {
                        let (Some(Tok::Int(o)), Some(Tok::Int(_g)), Some(kind)) =
                            (lex.token(), lex.token(), lex.token())
                        else {
                            return None;
                        };
                        let num = start.saturating_add(i);
                        if kind == Tok::Keyword(b"n") && o > 0 && self.xref.len() < MAX_OBJECTS {
                            self.xref
                                .entry(num)
                                .or_insert(Entry::At(usize::try_from(o).ok()?));
                        } else if kind == Tok::Keyword(b"f") {
                            // A free entry of a newer section hides older ones.
                            self.xref.entry(num).or_insert(Entry::At(usize::MAX));
                        }
                    }
                }
                Tok::Keyword(b"trailer") => {
                    return lex.object(true).and_then(|o| match o {
                        Obj::Dict(d) => Some(d),
                        _ => None,
                    });
                }
                _ => {
                    lex.pos = save;
                    return None;
                }
            }
        }
    }

    fn read_xref_stream(&mut self, num: u32, s: &Stream) {
        let Some(data) = self.decode(s) else {
            return;
        };
        let w: Vec<usize> = s
            .dict
            .get(b"W")
            .and_then(Obj::as_array)
            .map(|a| {
                a.iter()
                    .map(|x| x.as_i64().unwrap_or(0).clamp(0, 8) as usize)
                    .collect()
            })
            .unwrap_or_default();
        // only the first three widths make a row (a /W of more entries is malformed)
        if w.len() < 3 || w[..3].iter().sum::<usize>() == 0 {
            return;
        }
        let size = s.dict.get(b"Size").and_then(Obj::as_i64).unwrap_or(0);
        let index: Vec<i64> = match s.dict.get(b"Index").and_then(Obj::as_array) {
            Some(a) => a.iter().filter_map(Obj::as_i64).collect(),
            None => vec![0, size],
        };
        let row = w[0] + w[1] + w[2];
        let mut rows = data.chunks_exact(row);
        let field = |bytes: &[u8]| bytes.iter().fold(0u64, |v, &b| (v << 8) | u64::from(b));
        for pair in index.chunks_exact(2) {
            let (Ok(start), Ok(count)) = (u32::try_from(pair[0]), u64::try_from(pair[1])) else {
                return;
            };
            for i in 0..count {
                let Some(r) = rows.next() else { return };
                let kind = if w[0] == 0 { 1 } else { field(&r[..w[0]]) };
                let a = field(&r[w[0]..w[0] + w[1]]);
                let b = field(&r[w[0] + w[1]..]);
                let Some(n) = u32::try_from(i).ok().and_then(|i| start.checked_add(i)) else {
                    return;
                };
                if n == num || self.xref.len() >= MAX_OBJECTS {
                    continue;
                }
                let e = match kind {
                    0 => Entry::At(usize::MAX),
                    1 => Entry::At(usize::try_from(a).unwrap_or(usize::MAX)),
                    2 => Entry::InStream {
                        stream: u32::try_from(a).unwrap_or(u32::MAX),
                        index: u32::try_from(b).unwrap_or(u32::MAX),
                    },
                    _ => continue,
                };
                self.xref.entry(n).or_insert(e);
            }
        }
    }

    /// Rebuilds the cross-reference by scanning the whole file for `N G obj` (the last
    /// definition of a number wins, as in an incremental update), then the objects of the
    /// object streams found; the trailer from the last `trailer` dictionary, or the
    /// catalog found among the objects.
    fn rebuild(&mut self) {
        self.rebuilt = true;
        self.xref.clear();
        self.cache.borrow_mut().clear();
        let data = self.data;
        let mut i = 0;
        while let Some(k) = find(&data[i..], b"obj") {
            let at = i + k;
            i = at + 3;
            if let Some((num, start)) = obj_header_before(data, at) {
                if self.xref.len() < MAX_OBJECTS || self.xref.contains_key(&num) {
                    self.xref.insert(num, Entry::At(start));
                }
            }
        }
        let mut trailer = Dict::default();
        let mut j = 0;
        while let Some(k) = find(&data[j..], b"trailer") {
            j += k + 7;
            if let Some(Obj::Dict(d)) = Lexer::new(data, j).object(true) {
                for (key, v) in d.0 {
                    trailer.0.retain(|(k, _)| *k != key);
                    trailer.0.push((key, v));
                }
            }
        }
        // Decryption first (object streams are encrypted), when the empty password opens it.
        self.trailer = trailer.clone();
        let _ = self.decryption();
        // Objects inside object streams, where no direct definition exists.
        let nums: Vec<u32> = self.xref.keys().copied().collect();
        for n in nums {
            let o = self.load(n);
            let Some(Obj::Stream(s)) = o.as_deref() else {
                continue;
            };
            if s.dict.get(b"Type").and_then(Obj::as_name) == Some(b"XRef") {
                for key in [b"Root".as_slice(), b"Info", b"Encrypt", b"ID"] {
                    if trailer.get(key).is_none() {
                        if let Some(v) = s.dict.get(key) {
                            trailer.0.push((key.to_vec(), v.clone()));
                        }
                    }
                }
            }
            if s.dict.get(b"Type").and_then(Obj::as_name) != Some(b"ObjStm") {
                continue;
            }
            if let Some(stm) = self.objstm(n) {
                for (index, &(inner, _)) in stm.offsets.iter().enumerate() {
                    if !self.xref.contains_key(&inner) && self.xref.len() < MAX_OBJECTS {
                        let index = u32::try_from(index).unwrap_or(u32::MAX);
                        self.xref
                            .insert(inner, Entry::InStream { stream: n, index });
                    }
                }
            }
        }
        // A root that is no catalog with pages (a trailer damaged with the rest) is looked
        // for among the objects.
        let root_ok = self
            .resolve_key(&trailer, b"Root")
            .as_dict()
            .is_some_and(|d| d.get(b"Pages").is_some());
        if !root_ok {
            trailer.0.retain(|(k, _)| k != b"Root");
            let nums: Vec<u32> = self.xref.keys().copied().collect();
            let catalog = nums.into_iter().rev().find(|&n| {
                self.load(n).is_some_and(|o| {
                    o.as_dict()
                        .and_then(|d| d.get(b"Type"))
                        .and_then(Obj::as_name)
                        == Some(b"Catalog")
                })
            });
            if let Some(n) = catalog {
                trailer.0.push((b"Root".to_vec(), Obj::Ref(n, 0)));
            }
        }
        self.trailer = trailer;
    }

    /// Parses `N G obj … endobj` at `off`: the object number and the object (a stream with
    /// its data range checked against `endstream`).
    fn parse_indirect(&self, off: usize) -> Option<(u32, Obj)> {
        let mut lex = Lexer::new(self.data, off);
        let (Some(Tok::Int(num)), Some(Tok::Int(gen)), Some(Tok::Keyword(b"obj"))) =
            (lex.token(), lex.token(), lex.token())
        else {
            return None;
        };
        let num = u32::try_from(num).ok()?;
        let gen = u16::try_from(gen).unwrap_or(0);
        let obj = lex.object(true).unwrap_or(Obj::Null);
        let Obj::Dict(dict) = obj else {
            return Some((num, obj));
        };
        if lex.token() != Some(Tok::Keyword(b"stream")) {
            return Some((num, Obj::Dict(dict)));
        }
        let mut start = lex.pos;
        if self.data.get(start) == Some(&b'\r') {
            start += 1;
        }
        if self.data.get(start) == Some(&b'\n') {
            start += 1;
        }
        let declared = dict
            .get(b"Length")
            .map(|l| match l {
                Obj::Ref(n, _) => self.load(*n).and_then(|o| o.as_i64()),
                o => o.as_i64(),
            })
            .and_then(|l| l.and_then(|l| usize::try_from(l).ok()));
        let end = declared
            .and_then(|len| start.checked_add(len))
            .filter(|&end| {
                let mut l = Lexer::new(self.data, end);
                end <= self.data.len() && l.token() == Some(Tok::Keyword(b"endstream"))
            })
            .or_else(|| {
                // A wrong /Length: the data ends at `endstream`.
                let k = find(&self.data[start..], b"endstream")?;
                let mut end = start + k;
                while end > start && matches!(self.data[end - 1], b'\r' | b'\n') {
                    end -= 1;
                }
                Some(end)
            })
            .unwrap_or(self.data.len());
        Some((
            num,
            Obj::Stream(Stream {
                dict,
                data: start..end,
                id: (num, gen),
            }),
        ))
    }

    /// Object `num`, parsed once and kept.
    pub fn load(&self, num: u32) -> Option<Rc<Obj>> {
        if let Some(o) = self.cache.borrow().get(&num) {
            return Some(o.clone());
        }
        if !self.loading.borrow_mut().insert(num) {
            return None; // a cycle (a /Length that is its own stream)
        }
        let obj = match self.xref.get(&num).copied() {
            Some(Entry::At(off)) if off < self.data.len() => self
                .parse_indirect(off)
                .filter(|(n, _)| *n == num)
                .map(|(_, o)| o),
            Some(Entry::InStream { stream, index }) => self.objstm(stream).and_then(|s| {
                let &(n, at) = s.offsets.get(usize::try_from(index).ok()?)?;
                (n == num)
                    .then(|| Lexer::new(&s.data, at).object(true))
                    .flatten()
            }),
            _ => None,
        };
        self.loading.borrow_mut().remove(&num);
        let obj = Rc::new(obj?);
        self.cache.borrow_mut().insert(num, obj.clone());
        Some(obj)
    }

    fn objstm(&self, num: u32) -> Option<Rc<ObjStm>> {
        if let Some(s) = self.streams.borrow().get(&num) {
            return Some(s.clone());
        }
        let obj = self.load(num)?;
        let Obj::Stream(s) = &*obj else { return None };
        let data = self.decode(s)?;
        let n = s.dict.get(b"N").and_then(Obj::as_i64).unwrap_or(0).max(0);
        let first = usize::try_from(s.dict.get(b"First").and_then(Obj::as_i64)?).ok()?;
        let mut lex = Lexer::new(&data, 0);
        let mut offsets = Vec::new();
        for _ in 0..n.min(1_000_000) {
            let (Some(Tok::Int(obj)), Some(Tok::Int(off))) = (lex.token(), lex.token()) else {
                break;
            };
            let (Ok(obj), Ok(off)) = (u32::try_from(obj), usize::try_from(off)) else {
                break;
            };
            offsets.push((obj, first.saturating_add(off)));
        }
        let stm = Rc::new(ObjStm { data, offsets });
        self.streams.borrow_mut().insert(num, stm.clone());
        Some(stm)
    }

    /// The object itself, or the object a reference points at (`Null` when missing).
    pub fn resolve<'o>(&self, o: &'o Obj) -> Got<'o> {
        let mut cur = match o {
            Obj::Ref(n, _) => match self.load(*n) {
                Some(x) => x,
                None => return Got::Borrowed(&NULL),
            },
            _ => return Got::Borrowed(o),
        };
        for _ in 0..MAX_REF_CHAIN {
            let Obj::Ref(n, _) = &*cur else {
                return Got::Shared(cur);
            };
            match self.load(*n) {
                Some(x) => cur = x,
                None => break,
            }
        }
        Got::Borrowed(&NULL)
    }

    /// `dict[key]`, resolved.
    pub fn resolve_key<'o>(&self, dict: &'o Dict, key: &[u8]) -> Got<'o> {
        match dict.get(key) {
            Some(o) => self.resolve(o),
            None => Got::Borrowed(&NULL),
        }
    }

    /// A stream's data, decoded, within the document's budget.
    pub fn decode(&self, s: &Stream) -> Option<Vec<u8>> {
        let raw = self.data.get(s.data.clone())?;
        let decrypted;
        let raw = match &self.crypt {
            // Cross-reference streams are never encrypted.
            Some(c) if s.dict.get(b"Type").and_then(Obj::as_name) != Some(b"XRef") => {
                decrypted = c.decrypt_stream(s.id, raw);
                decrypted.as_slice()
            }
            _ => raw,
        };
        // Filter names and parameters may be references.
        let mut dict = Dict::default();
        for key in [b"Filter".as_slice(), b"DecodeParms"] {
            let v = self.resolve_key(&s.dict, key);
            let v = match &*v {
                Obj::Array(a) => Obj::Array(a.iter().map(|x| (*self.resolve(x)).clone()).collect()),
                o => o.clone(),
            };
            dict.0.push((key.to_vec(), v));
        }
        let budget = self.budget.get();
        match filter::decode(raw, &dict, budget) {
            Ok(out) => {
                self.budget.set(budget - out.len().min(budget));
                Some(out)
            }
            Err(FilterError::TooLarge) => {
                self.budget.set(0);
                None
            }
            Err(_) => None,
        }
    }

    /// Whether the budget of decoded bytes ran out.
    pub fn budget_spent(&self) -> bool {
        self.budget.get() == 0
    }
}

/// The number and start of `N G obj` ending at `at` (the `obj` keyword), if it is one.
fn obj_header_before(data: &[u8], at: usize) -> Option<(u32, usize)> {
    if data
        .get(at + 3)
        .is_some_and(|&b| !super::syntax::is_space(b) && !super::syntax::is_delim(b))
    {
        return None;
    }
    let mut i = at;
    let skip_space = |i: &mut usize| {
        while *i > 0 && super::syntax::is_space(data[*i - 1]) {
            *i -= 1;
        }
    };
    let digits = |i: &mut usize| {
        let end = *i;
        while *i > 0 && data[*i - 1].is_ascii_digit() && end - *i < 10 {
            *i -= 1;
        }
        (*i < end).then_some((*i, end))
    };
    if i == 0 || !super::syntax::is_space(data[i - 1]) {
        return None;
    }
    skip_space(&mut i);
    digits(&mut i)?;
    if i == 0 || !super::syntax::is_space(data[i - 1]) {
        return None;
    }
    skip_space(&mut i);
    let (s, e) = digits(&mut i)?;
    if i > 0 && !(super::syntax::is_space(data[i - 1]) || super::syntax::is_delim(data[i - 1])) {
        return None;
    }
    let num = std::str::from_utf8(&data[s..e]).ok()?.parse().ok()?;
    Some((num, s))
}

pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        match hay[i..hay.len() - needle.len() + 1]
            .iter()
            .position(|&b| b == first)
        {
            Some(k) => {
                i += k;
                if hay[i..].starts_with(needle) {
                    return Some(i);
                }
                i += 1;
            }
            None => return None,
        }
    }
    None
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=hay.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| hay[i..].starts_with(needle))
}
