//! The content stream interpreter (ISO 32000-1 §8–9): what a page shows, as positioned
//! glyphs and ruling lines, in page coordinates with the origin at the top left and y
//! growing downwards (the page's `/Rotate` applied).
//!
//! Text: the text and graphics state (`q`/`Q`, `cm`, `BT`, `Tf`, `Tc`, `Tw`, `Tz`, `TL`,
//! `Ts`, `Td`, `TD`, `Tm`, `T*`, `Tj`, `TJ`, `'`, `"`), every glyph placed by its text
//! rendering matrix, horizontal and vertical writing. Lines: stroked straight path segments
//! (`m`/`l`, `re`) and thin filled rectangles that are axis-aligned and not white (table
//! rulings). Form XObjects are followed (depth and count capped); images are only counted,
//! by the page area they cover (a page that is one image is a scan).

use super::file::File;
use super::font::Font;
use super::syntax::{Dict, Lexer, Obj, Tok};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Most operators interpreted on one page (all its content streams and forms together).
pub const MAX_OPS_PER_PAGE: usize = 2_000_000;
/// Most glyphs kept from one page.
pub const MAX_GLYPHS_PER_PAGE: usize = 100_000;
/// Most ruling segments kept from one page.
pub const MAX_RULES_PER_PAGE: usize = 5_000;
/// Deepest nesting of form XObjects followed.
pub const MAX_FORM_DEPTH: usize = 8;
/// Deepest `q` nesting kept (deeper saves are ignored).
const MAX_SAVES: usize = 256;
/// A filled rectangle thinner than this (in points) is a ruling line.
const THIN: f64 = 2.5;

/// A glyph on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    pub text: String,
    /// Box, top-down page coordinates.
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
    /// Font size on the page (the height of an em).
    pub size: f64,
    /// Written top to bottom (vertical writing, or text rotated a quarter turn).
    pub vertical: bool,
}

/// An axis-aligned ruling segment: horizontal when `y0 == y1`, vertical when `x0 == x1`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rule {
    pub fn horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() < 1e-6
    }
}

/// What a page shows.
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Glyphs whose text the fonts do not give.
    pub unknown: usize,
    /// The largest share of the page one image covers (0..=1).
    pub image_cover: f64,
    /// Read only in part: the caps on operators, glyphs or ruling lines of a page ran out.
    pub cut: bool,
    /// The earlier page this one copies (a page object the page tree shows again is read once,
    /// `super::read_pages`): its tables are laid out once too.
    pub copy_of: Option<usize>,
}

type M = [f64; 6];

fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &M, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

#[derive(Clone)]
struct State {
    ctm: M,
    fill_white: bool,
    stroke_white: bool,
    font: Option<Rc<Font>>,
    size: f64,
    char_space: f64,
    word_space: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

struct Run<'f, 'a> {
    file: &'f File<'a>,
    fonts: BTreeMap<u32, Rc<Font>>,
    page: Page,
    /// Page space (after CTM) → top-down page coordinates.
    view: M,
    ops: usize,
    forms: usize,
    /// Most glyphs this page keeps: [`MAX_GLYPHS_PER_PAGE`], or what is left of the document's
    /// budget (`super::glyph_budget`).
    max_glyphs: usize,
}

/// Interprets a page: its content streams, with its resources, media box and rotation. At most
/// `max_glyphs` glyphs are kept (and at most [`MAX_GLYPHS_PER_PAGE`]); past them the page is
/// `cut`.
pub fn run_page(
    file: &File,
    page: &Dict,
    fonts: &mut BTreeMap<u32, Rc<Font>>,
    max_glyphs: usize,
) -> Page {
    let media = file.resolve_key(page, b"MediaBox");
    let b: Vec<f64> = media
        .as_array()
        .map(|a| a.iter().filter_map(|x| file.resolve(x).as_f64()).collect())
        .unwrap_or_default();
    let (x0, y0, x1, y1) = match b.as_slice() {
        [a, b, c, d] => (a.min(*c), b.min(*d), a.max(*c), b.max(*d)),
        _ => (0.0, 0.0, 595.0, 842.0),
    };
    let (w, h) = ((x1 - x0).max(1.0), (y1 - y0).max(1.0));
    let rotate = file
        .resolve_key(page, b"Rotate")
        .as_i64()
        .unwrap_or(0)
        .rem_euclid(360);
    // Flip to top-down, then turn the page upright.
    let (view, width, height) = match rotate {
        90 => ([0.0, 1.0, 1.0, 0.0, -y0, -x0], h, w),
        180 => ([-1.0, 0.0, 0.0, 1.0, x1, -y0], w, h),
        270 => ([0.0, -1.0, -1.0, 0.0, y1, x1], h, w),
        _ => ([1.0, 0.0, 0.0, -1.0, -x0, y1], w, h),
    };
    let mut run = Run {
        file,
        fonts: std::mem::take(fonts),
        page: Page {
            width,
            height,
            ..Page::default()
        },
        view,
        ops: 0,
        forms: 0,
        max_glyphs: max_glyphs.min(MAX_GLYPHS_PER_PAGE),
    };
    let resources = file.resolve_key(page, b"Resources");
    let resources = resources.as_dict().cloned().unwrap_or_default();
    let mut data = Vec::new();
    match &*file.resolve_key(page, b"Contents") {
        Obj::Stream(s) => data = file.decode(s).unwrap_or_default(),
        Obj::Array(parts) => {
            for p in parts {
                if let Obj::Stream(s) = &*file.resolve(p) {
                    data.extend(file.decode(s).unwrap_or_default());
                    data.push(b'\n');
                }
            }
        }
        _ => {}
    }
    let state = State {
        ctm: ID,
        fill_white: false,
        stroke_white: false,
        font: None,
        size: 0.0,
        char_space: 0.0,
        word_space: 0.0,
        scale: 1.0,
        leading: 0.0,
        rise: 0.0,
    };
    run.content(&data, &resources, state, 0);
    *fonts = run.fonts;
    run.page
}

/// The state of one content stream's interpretation.
struct Interp {
    gs: State,
    saved: Vec<State>,
    tm: M,
    tlm: M,
    path: Path,
}

/// A path being built: its segments (straight ones only) and rectangles.
#[derive(Default)]
struct Path {
    lines: Vec<((f64, f64), (f64, f64))>,
    rects: Vec<[(f64, f64); 4]>,
    start: Option<(f64, f64)>,
    cur: Option<(f64, f64)>,
}

impl Run<'_, '_> {
    fn content(&mut self, data: &[u8], res: &Dict, state: State, depth: usize) {
        let mut lex = Lexer::new(data, 0);
        let mut args: Vec<Obj> = Vec::new();
        let mut st = Interp {
            gs: state,
            saved: Vec::new(),
            tm: ID,
            tlm: ID,
            path: Path::default(),
        };
        loop {
            // past the cap on operators, or on glyphs (the rest of the page is not read: its
            // text would be dropped, and its drawing is the page's part left out)
            if self.ops >= MAX_OPS_PER_PAGE || self.page.glyphs.len() >= self.max_glyphs {
                self.page.cut = true;
                return;
            }
            let before = lex.pos;
            // One token: an operand (read whole) or the operator.
            let op = match lex.token() {
                Some(Tok::Keyword(k)) if !matches!(k, b"true" | b"false" | b"null") => k,
                Some(Tok::ArrayClose | Tok::DictClose) => continue,
                Some(tok) => {
                    if let Some(o) = lex.object_from(tok, false, 0) {
                        if args.len() < 64 {
                            args.push(o);
                        }
                    }
                    continue;
                }
                None => break,
            };
            if lex.pos == before {
                break;
            }
            self.ops += 1;
            match op {
                b"Do" => {
                    if let Some(Obj::Name(n)) = args.first() {
                        self.xobject(res, n, &st.gs, depth);
                    }
                }
                // Inline image: its data is skipped to `EI`.
                b"BI" => skip_inline_image(&mut lex),
                _ => {
                    if !self.graphics_op(op, &args, &mut st) {
                        self.text_op(op, &args, &mut st, res);
                    }
                }
            }
            args.clear();
        }
    }

    /// A graphics state or path operator; false for any other.
    fn graphics_op(&mut self, op: &[u8], args: &[Obj], st: &mut Interp) -> bool {
        let num = |i: usize| args.get(i).and_then(Obj::as_f64).unwrap_or(0.0);
        match op {
            b"q" if st.saved.len() < MAX_SAVES => st.saved.push(st.gs.clone()),
            b"Q" => {
                if let Some(s) = st.saved.pop() {
                    st.gs = s;
                }
            }
            b"cm" if args.len() >= 6 => {
                let m = [num(0), num(1), num(2), num(3), num(4), num(5)];
                st.gs.ctm = mul(&m, &st.gs.ctm);
            }
            b"g" => st.gs.fill_white = num(0) >= 0.99,
            b"G" => st.gs.stroke_white = num(0) >= 0.99,
            b"rg" => st.gs.fill_white = (0..3).all(|i| num(i) >= 0.99),
            b"RG" => st.gs.stroke_white = (0..3).all(|i| num(i) >= 0.99),
            b"k" => st.gs.fill_white = (0..4).all(|i| num(i) <= 0.01),
            b"K" => st.gs.stroke_white = (0..4).all(|i| num(i) <= 0.01),
            b"sc" | b"scn" => st.gs.fill_white = white(args),
            b"SC" | b"SCN" => st.gs.stroke_white = white(args),
            b"cs" => st.gs.fill_white = false,
            b"CS" => st.gs.stroke_white = false,
            // Paths.
            b"m" => {
                let p = (num(0), num(1));
                st.path.start = Some(p);
                st.path.cur = Some(p);
            }
            b"l" => {
                let p = (num(0), num(1));
                if let Some(c) = st.path.cur {
                    st.path.lines.push((c, p));
                }
                st.path.cur = Some(p);
            }
            b"c" => st.path.cur = Some((num(4), num(5))),
            b"v" | b"y" => st.path.cur = Some((num(2), num(3))),
            b"h" => {
                if let (Some(c), Some(s)) = (st.path.cur, st.path.start) {
                    st.path.lines.push((c, s));
                    st.path.cur = Some(s);
                }
            }
            b"re" => {
                let (x, y, w, h) = (num(0), num(1), num(2), num(3));
                st.path
                    .rects
                    .push([(x, y), (x + w, y), (x + w, y + h), (x, y + h)]);
                st.path.start = Some((x, y));
                st.path.cur = Some((x, y));
            }
            b"S" | b"s" => {
                if !st.gs.stroke_white {
                    self.stroke(&st.path, &st.gs.ctm);
                }
                st.path = Path::default();
            }
            b"f" | b"F" | b"f*" => {
                if !st.gs.fill_white {
                    self.fill(&st.path, &st.gs.ctm);
                }
                st.path = Path::default();
            }
            b"B" | b"B*" | b"b" | b"b*" => {
                if !st.gs.stroke_white {
                    self.stroke(&st.path, &st.gs.ctm);
                }
                if !st.gs.fill_white {
                    self.fill(&st.path, &st.gs.ctm);
                }
                st.path = Path::default();
            }
            b"n" => st.path = Path::default(),
            _ => return false,
        }
        true
    }

    /// A text operator (others are ignored).
    fn text_op(&mut self, op: &[u8], args: &[Obj], st: &mut Interp, res: &Dict) {
        let num = |i: usize| args.get(i).and_then(Obj::as_f64).unwrap_or(0.0);
        match op {
            b"BT" => {
                st.tm = ID;
                st.tlm = ID;
            }
            b"Tf" => {
                st.gs.size = num(1);
                if let Some(Obj::Name(n)) = args.first() {
                    st.gs.font = self.font(res, n);
                }
            }
            b"Tc" => st.gs.char_space = num(0),
            b"Tw" => st.gs.word_space = num(0),
            b"Tz" => st.gs.scale = num(0) / 100.0,
            b"TL" => st.gs.leading = num(0),
            b"Ts" => st.gs.rise = num(0),
            b"Td" | b"TD" => {
                if op == b"TD" {
                    st.gs.leading = -num(1);
                }
                st.tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &st.tlm);
                st.tm = st.tlm;
            }
            b"Tm" if args.len() >= 6 => {
                st.tlm = [num(0), num(1), num(2), num(3), num(4), num(5)];
                st.tm = st.tlm;
            }
            b"T*" => {
                st.tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -st.gs.leading], &st.tlm);
                st.tm = st.tlm;
            }
            b"Tj" | b"'" | b"\"" => {
                if op != b"Tj" {
                    if op == b"\"" {
                        st.gs.word_space = num(0);
                        st.gs.char_space = num(1);
                    }
                    st.tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -st.gs.leading], &st.tlm);
                    st.tm = st.tlm;
                }
                if let Some(Obj::Str(s)) = args.last() {
                    self.show(s, &st.gs, &mut st.tm);
                }
            }
            b"TJ" => {
                if let Some(Obj::Array(items)) = args.first() {
                    for it in items {
                        match it {
                            Obj::Str(s) => self.show(s, &st.gs, &mut st.tm),
                            o => {
                                let adj = -o.as_f64().unwrap_or(0.0) / 1000.0 * st.gs.size;
                                let vertical = st.gs.font.as_ref().is_some_and(|f| f.vertical);
                                let t = if vertical {
                                    [1.0, 0.0, 0.0, 1.0, 0.0, adj]
                                } else {
                                    [1.0, 0.0, 0.0, 1.0, adj * st.gs.scale, 0.0]
                                };
                                st.tm = mul(&t, &st.tm);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn font(&mut self, res: &Dict, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = self.file.resolve_key(res, b"Font");
        let r = fonts.as_dict()?.get(name)?.clone();
        let key = match r {
            Obj::Ref(n, _) => Some(n),
            _ => None,
        };
        if let Some(f) = key.and_then(|k| self.fonts.get(&k)) {
            return Some(f.clone());
        }
        let d = self.file.resolve(&r);
        let font = Rc::new(Font::load(self.file, d.as_dict()?));
        if let Some(k) = key {
            self.fonts.insert(k, font.clone());
        }
        Some(font)
    }

    /// Shows a string: one glyph per code, the text matrix advanced.
    fn show(&mut self, s: &[u8], gs: &State, tm: &mut M) {
        let Some(font) = gs.font.clone() else { return };
        for code in font.codes(s) {
            let size = gs.size;
            let trm = mul(
                &mul(&[size * gs.scale, 0.0, 0.0, size, 0.0, gs.rise], tm),
                &mul(&gs.ctm, &self.view),
            );
            let spacing = gs.char_space + if code.word_space { gs.word_space } else { 0.0 };
            if font.vertical {
                self.glyph_vertical(code.text, code.w0, code.v, &trm, size);
                let ty = code.w1 * size + spacing;
                *tm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, ty], tm);
            } else {
                self.glyph(code.text, code.w0, &trm);
                let tx = (code.w0 * size + spacing) * gs.scale;
                *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
            }
        }
    }

    /// A horizontally written glyph whose text-space box is `[0, w0] × [-0.12, 0.88]`.
    fn glyph(&mut self, text: Option<String>, w0: f64, trm: &M) {
        let (ox, oy) = apply(trm, 0.0, 0.0);
        let (ax, ay) = apply(trm, w0, 0.0);
        let (ux, uy) = apply(trm, 0.0, 1.0);
        let size = ((ux - ox).powi(2) + (uy - oy).powi(2)).sqrt();
        // Writing direction on the (top-down) page: left to right unless turned.
        let (dx, dy) = (ax - ox, ay - oy);
        let turned = dy.abs() > dx.abs() + 1e-9 || (dx == 0.0 && (uy - oy).abs() < (ux - ox).abs());
        let corners = [
            apply(trm, 0.0, -0.12),
            apply(trm, w0.max(0.01), -0.12),
            apply(trm, 0.0, 0.88),
            apply(trm, w0.max(0.01), 0.88),
        ];
        self.push_glyph(text, &corners, size, turned);
    }

    /// A vertically written glyph: the text position is its vertical origin, `v` from its
    /// horizontal origin; its box is one em down from there.
    fn glyph_vertical(
        &mut self,
        text: Option<String>,
        w0: f64,
        v: (f64, f64),
        trm: &M,
        _size: f64,
    ) {
        let (vx, vy) = v;
        let corners = [
            apply(trm, -vx, -vy - 0.12),
            apply(trm, -vx + w0.max(0.01), -vy - 0.12),
            apply(trm, -vx, -vy + 0.88),
            apply(trm, -vx + w0.max(0.01), -vy + 0.88),
        ];
        let (ox, oy) = apply(trm, 0.0, 0.0);
        let (ux, uy) = apply(trm, 0.0, 1.0);
        let size = ((ux - ox).powi(2) + (uy - oy).powi(2)).sqrt();
        self.push_glyph(text, &corners, size, true);
    }

    /// Takes the code's text (moved into the glyph: one allocation per glyph, not two).
    fn push_glyph(&mut self, text: Option<String>, c: &[(f64, f64); 4], size: f64, vertical: bool) {
        let Some(text) = text else {
            self.page.unknown += 1;
            return;
        };
        if text.chars().all(char::is_whitespace) {
            return;
        }
        if self.page.glyphs.len() >= self.max_glyphs {
            self.page.cut = true;
            return;
        }
        let xs = c.iter().map(|p| p.0);
        let ys = c.iter().map(|p| p.1);
        let g = Glyph {
            text,
            x0: xs.clone().fold(f64::INFINITY, f64::min),
            x1: xs.fold(f64::NEG_INFINITY, f64::max),
            y0: ys.clone().fold(f64::INFINITY, f64::min),
            y1: ys.fold(f64::NEG_INFINITY, f64::max),
            size,
            vertical,
        };
        if g.x0.is_finite()
            && g.y0.is_finite()
            && g.x1.is_finite()
            && g.y1.is_finite()
            && size > 0.0
        {
            self.page.glyphs.push(g);
        }
    }

    fn to_page(&self, ctm: &M, p: (f64, f64)) -> (f64, f64) {
        apply(&mul(ctm, &self.view), p.0, p.1)
    }

    fn push_rule(&mut self, a: (f64, f64), b: (f64, f64)) {
        if self.page.rules.len() >= MAX_RULES_PER_PAGE {
            self.page.cut = true;
            return;
        }
        let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
        let r = if dy <= 0.5 && dx > 0.5 {
            let y = (a.1 + b.1) / 2.0;
            Rule {
                x0: a.0.min(b.0),
                y0: y,
                x1: a.0.max(b.0),
                y1: y,
            }
        } else if dx <= 0.5 && dy > 0.5 {
            let x = (a.0 + b.0) / 2.0;
            Rule {
                x0: x,
                y0: a.1.min(b.1),
                x1: x,
                y1: a.1.max(b.1),
            }
        } else {
            return;
        };
        if [r.x0, r.y0, r.x1, r.y1].iter().all(|v| v.is_finite()) {
            self.page.rules.push(r);
        }
    }

    fn stroke(&mut self, path: &Path, ctm: &M) {
        for &(a, b) in &path.lines {
            let (a, b) = (self.to_page(ctm, a), self.to_page(ctm, b));
            self.push_rule(a, b);
        }
        for r in &path.rects {
            for k in 0..4 {
                let (a, b) = (self.to_page(ctm, r[k]), self.to_page(ctm, r[(k + 1) % 4]));
                self.push_rule(a, b);
            }
        }
    }

    /// Thin filled rectangles are rulings; so are thin closed polygons of four points.
    fn fill(&mut self, path: &Path, ctm: &M) {
        let mut quads: Vec<[(f64, f64); 4]> = path.rects.clone();
        if path.rects.is_empty() && path.lines.len() >= 3 && path.lines.len() <= 4 {
            quads.push([
                path.lines[0].0,
                path.lines[1].0,
                path.lines[2].0,
                path.lines[2].1,
            ]);
        }
        for q in quads {
            let pts: Vec<(f64, f64)> = q.iter().map(|&p| self.to_page(ctm, p)).collect();
            let (x0, x1) = min_max(pts.iter().map(|p| p.0));
            let (y0, y1) = min_max(pts.iter().map(|p| p.1));
            let (w, h) = (x1 - x0, y1 - y0);
            if h <= THIN && w > h {
                let y = (y0 + y1) / 2.0;
                self.push_rule((x0, y), (x1, y));
            } else if w <= THIN && h > w {
                let x = (x0 + x1) / 2.0;
                self.push_rule((x, y0), (x, y1));
            }
        }
    }

    fn xobject(&mut self, res: &Dict, name: &[u8], gs: &State, depth: usize) {
        let xs = self.file.resolve_key(res, b"XObject");
        let Some(r) = xs.as_dict().and_then(|d| d.get(name)).cloned() else {
            return;
        };
        let obj = self.file.resolve(&r);
        let Obj::Stream(s) = &*obj else { return };
        match s.dict.get(b"Subtype").and_then(Obj::as_name) {
            Some(b"Image") => {
                let (ax, ay) = self.to_page(&gs.ctm, (0.0, 0.0));
                let (bx, by) = self.to_page(&gs.ctm, (1.0, 1.0));
                let area = ((bx - ax) * (by - ay)).abs();
                let page = self.page.width * self.page.height;
                self.page.image_cover = self.page.image_cover.max((area / page).min(1.0));
            }
            Some(b"Form") if depth < MAX_FORM_DEPTH && self.forms < 10_000 => {
                self.forms += 1;
                let Some(data) = self.file.decode(s) else {
                    return;
                };
                let m: Vec<f64> = s
                    .dict
                    .get(b"Matrix")
                    .and_then(Obj::as_array)
                    .map(|a| a.iter().filter_map(Obj::as_f64).collect())
                    .unwrap_or_default();
                let mut inner = gs.clone();
                if let [a, b, c, d, e, f] = m.as_slice() {
                    inner.ctm = mul(&[*a, *b, *c, *d, *e, *f], &gs.ctm);
                }
                let own = self.file.resolve_key(&s.dict, b"Resources");
                let own = own.as_dict().cloned();
                self.content(&data, own.as_ref().unwrap_or(res), inner, depth + 1);
            }
            _ => {}
        }
    }
}

fn min_max(it: impl Iterator<Item = f64>) -> (f64, f64) {
    it.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    })
}

/// A colour given by `sc`/`scn` operands is white when every component is 1 (gray, RGB) —
/// CMYK white (all 0) is told apart by its four components.
fn white(args: &[Obj]) -> bool {
    let v: Vec<f64> = args.iter().filter_map(Obj::as_f64).collect();
    match v.len() {
        1 | 3 => v.iter().all(|&c| c >= 0.99),
        4 => v.iter().all(|&c| c <= 0.01),
        _ => false,
    }
}

/// After `BI`: the image dictionary, `ID`, the data, then `EI` between white space.
fn skip_inline_image(lex: &mut Lexer) {
    while let Some(t) = lex.token() {
        if t == Tok::Keyword(b"ID") {
            break;
        }
    }
    let data = lex.data;
    let mut i = lex.pos + 1;
    while i + 2 <= data.len() {
        if &data[i..i + 2] == b"EI"
            && super::syntax::is_space(data[i - 1])
            && data.get(i + 2).is_none_or(|&b| super::syntax::is_space(b))
        {
            lex.pos = i + 2;
            return;
        }
        i += 1;
    }
    lex.pos = data.len();
}
