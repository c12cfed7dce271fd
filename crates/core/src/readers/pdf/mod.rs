//! PDF reader: the text layer of a PDF → the neutral [`Document`], in plain Rust with no
//! dependency (the same code natively and in WebAssembly, Core 1.0 included).
//!
//! - [`syntax`]: lexer and objects; [`file`]: cross-reference tables and streams,
//!   incremental updates, object streams, and a rebuild by scanning for `N G obj` when the
//!   cross-reference is damaged; [`filter`]: Flate (the readers' own inflater), LZW,
//!   ASCIIHex, ASCII85, RunLength, PNG/TIFF predictors.
//! - [`font`], [`cmap`], [`encoding`]: character codes → text and advances: Type0/CID
//!   fonts with Identity-H/V, UniGB-UCS2/UTF16-H/V or embedded CMaps and ToUnicode; simple
//!   fonts with base encodings and `Differences`.
//! - [`content`]: the content streams → positioned glyphs (text matrix, CTM, font size,
//!   horizontal and vertical writing) and ruling lines.
//! - [`layout`]: glyphs and rulings → paragraphs and tables (cells from the rulings, merged
//!   cells, a table continued over a page break joined, page furniture left out).
//!
//! Bad files get a message in Chinese and English, never a panic: a scan (pages that are
//! images: the tables are pictures), a PDF without text, text in fonts that give no
//! Unicode, a damaged file, a file that needs a password to open. Encryption with the empty
//! user password (restrictions on printing or copying, common in government PDFs) is
//! decrypted ([`crypt`]: RC4, AES-128, AES-256). Memory and time are bounded by the caps below and
//! those of each module (decoded bytes, operators and glyphs per page, pages, nesting).

pub mod cmap;
pub mod content;
pub mod crypt;
pub mod encoding;
pub mod file;
pub mod filter;
pub mod font;
pub mod layout;
pub mod syntax;

use super::document::{Document, Omission};
use super::input::{InputError, MAX_INPUT_BYTES};
use file::{File, OpenError};
use syntax::{Dict, Obj};

/// Most pages read (the pages after it are left out; a report has a dozen).
pub const MAX_PAGES: usize = 1000;
/// Most bytes decoded from streams in one document (content, fonts' CMaps, object streams).
pub const MAX_DECODED: usize = 256 * 1024 * 1024;
/// Most glyphs kept from one document (about 100 bytes each); see [`glyph_budget`].
pub const MAX_GLYPHS: usize = 1_000_000;
/// Glyphs any document may keep, however small its file.
pub const MIN_GLYPH_BUDGET: usize = 20_000;
/// Most ruling segments kept from one document; see [`ruling_budget`].
pub const MAX_RULINGS: usize = 1_000_000;
/// Ruling segments any document may keep, however small its file.
pub const MIN_RULING_BUDGET: usize = 20_000;
/// Pages whose dictionaries are remembered, so that a page shown again is not read again.
const REMEMBERED_PAGES: usize = 128;
/// Deepest page tree read.
const MAX_TREE_DEPTH: usize = 32;

/// Does this look like a PDF (`%PDF-` in the first kilobyte, as viewers accept)?
pub fn is_pdf(bytes: &[u8]) -> bool {
    super::is_pdf(bytes)
}

/// Most glyphs kept from a file of `bytes` bytes: one per three bytes of the file, at least
/// [`MIN_GLYPH_BUDGET`], at most [`MAX_GLYPHS`]. A compressed content stream can draw a hundred
/// thousand glyphs from a few kilobytes, and laying glyphs out costs up to ~9 000 instructions
/// each when every one is a line of its own (a fuzzed file of 222 KB drew 300 000 on three
/// pages: 0.3 s natively, 1.4 s a megabyte). The densest real PDFs (LibreOffice's, with
/// standard fonts: the corpus and fixtures, measured) draw about one glyph per four bytes, a
/// report with embedded fonts far fewer, and a real report of a few pages (10 000 glyphs) is
/// under the floor whatever its size. Past it, the pages are [`Omission::Pages`] and the page it
/// ends in [`Omission::PagePart`], which the user is told (READ-INCOMPLETE).
pub fn glyph_budget(bytes: usize) -> usize {
    (bytes / 3).clamp(MIN_GLYPH_BUDGET, MAX_GLYPHS)
}

/// Most ruling segments kept from a file of `bytes` bytes: one per three bytes of the file, at
/// least [`MIN_RULING_BUDGET`], at most [`MAX_RULINGS`]. Tables are built from the rulings of
/// each page (grouped, snapped to grid lines: about 0.7 µs a segment), and a page tree that
/// shows one ruled page object hundreds of times multiplies them: fuzzed files of 60–180 KB
/// drew 60 000–220 000 segments on 320–720 pages (0.08–0.15 s natively, past a second a
/// megabyte). Real reports draw far fewer: the densest of the corpus and fixtures one per 27
/// bytes (a LibreOffice PDF of a Word report, 1 372 segments on 8 pages), a published report
/// about a hundred on five pages. Past the budget, as past the glyphs', the page it ends in is
/// [`Omission::PagePart`] and the pages after it [`Omission::Pages`].
pub fn ruling_budget(bytes: usize) -> usize {
    (bytes / 3).clamp(MIN_RULING_BUDGET, MAX_RULINGS)
}

/// Reads a PDF's text layer into a document.
pub fn parse(bytes: &[u8]) -> Result<Document, InputError> {
    let (pages, omitted) = read_pages(bytes)?;
    let mut doc = layout::document(&pages, layout::ruled::slot_budget(bytes.len()));
    doc.omitted.splice(0..0, omitted);
    Ok(doc)
}

/// What each page of a PDF shows (glyphs and rulings), or why nothing can be read.
pub fn pages(bytes: &[u8]) -> Result<Vec<content::Page>, InputError> {
    Ok(read_pages(bytes)?.0)
}

/// The pages, and what was left out of them: the pages after the caps on pages, glyphs (the
/// file's [`glyph_budget`]), ruling segments ([`ruling_budget`]) and decoded bytes
/// ([`Omission::Pages`]), and each page read only in part ([`Omission::PagePart`]).
fn read_pages(bytes: &[u8]) -> Result<(Vec<content::Page>, Vec<Omission>), InputError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(super::input::too_large(bytes.len() as u64));
    }
    let file = File::open(bytes, MAX_DECODED).map_err(|e| match e {
        OpenError::Encrypted => encrypted(),
        OpenError::EncryptedOther => encrypted_other(),
        OpenError::NoPages => damaged(),
    })?;
    let mut fonts = Default::default();
    let mut pages: Vec<content::Page> = Vec::new();
    let (mut glyphs, mut rulings) = (0usize, 0usize);
    let budget = glyph_budget(bytes.len());
    let ruling_budget = ruling_budget(bytes.len());
    // A page tree may show one page object many times (a fuzzed file: 642 times): its
    // content is the same each time, so it is read once and copied. The first pages read are
    // remembered, with their dictionaries as inherited (a report's pages all differ).
    let mut read: Vec<(Dict, usize)> = Vec::new();
    let (dicts, more) = page_dicts(&file);
    let mut left_out = more;
    for (i, page) in dicts.iter().enumerate() {
        let left = budget - glyphs;
        let mut p = match read.iter().find(|(d, _)| d == page) {
            Some(&(_, i)) => {
                let mut p = pages[i].clone();
                p.copy_of = Some(i);
                if p.glyphs.len() > left {
                    p.glyphs.truncate(left);
                    p.cut = true;
                }
                p
            }
            None => {
                if read.len() < REMEMBERED_PAGES {
                    read.push((page.clone(), pages.len()));
                }
                content::run_page(&file, page, &mut fonts, left)
            }
        };
        if p.rules.len() > ruling_budget - rulings {
            p.rules.truncate(ruling_budget - rulings);
            p.cut = true;
        }
        glyphs += p.glyphs.len();
        rulings += p.rules.len();
        pages.push(p);
        if glyphs >= budget || rulings >= ruling_budget || file.budget_spent() {
            left_out |= i + 1 < dicts.len();
            break;
        }
    }
    if pages.is_empty() {
        return Err(damaged());
    }
    let shown: usize = pages.iter().map(|p| p.glyphs.len()).sum();
    let unknown: usize = pages.iter().map(|p| p.unknown).sum();
    if shown == 0 {
        let scanned = pages.iter().filter(|p| p.image_cover >= 0.5).count();
        return Err(if unknown > 0 {
            no_unicode()
        } else if scanned * 2 >= pages.len() {
            scanned_pdf()
        } else {
            no_text()
        });
    }
    if unknown > shown * 4 {
        return Err(no_unicode());
    }
    let mut omitted: Vec<Omission> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.cut)
        .map(|(i, _)| Omission::PagePart { page: i + 1 })
        .collect();
    if left_out {
        omitted.insert(0, Omission::Pages { read: pages.len() });
    }
    Ok((pages, omitted))
}

/// The page dictionaries in order, with inherited attributes (`Resources`, `MediaBox`,
/// `CropBox`, `Rotate`) filled in: at most [`MAX_PAGES`], and whether there are more.
fn page_dicts(file: &File) -> (Vec<Dict>, bool) {
    let mut out = Vec::new();
    let root = file.resolve_key(&file.trailer, b"Root");
    let Some(root) = root.as_dict() else {
        return (out, false);
    };
    let pages = root.get(b"Pages").cloned().unwrap_or(Obj::Null);
    let mut seen = std::collections::BTreeSet::new();
    walk(file, &pages, &Dict::default(), 0, &mut seen, &mut out);
    let more = out.len() > MAX_PAGES;
    out.truncate(MAX_PAGES);
    (out, more)
}

fn walk(
    file: &File,
    node: &Obj,
    inherited: &Dict,
    depth: usize,
    seen: &mut std::collections::BTreeSet<u32>,
    out: &mut Vec<Dict>,
) {
    // One page past the cap, to know that there are more.
    if depth > MAX_TREE_DEPTH || out.len() > MAX_PAGES {
        return;
    }
    if let Obj::Ref(n, _) = node {
        if !seen.insert(*n) {
            return; // a loop in the tree
        }
    }
    let obj = file.resolve(node);
    let Some(dict) = obj.as_dict() else { return };
    let mut inh = inherited.clone();
    for key in [b"Resources".as_slice(), b"MediaBox", b"CropBox", b"Rotate"] {
        if let Some(v) = dict.get(key) {
            inh.0.retain(|(k, _)| k != key);
            inh.0.push((key.to_vec(), v.clone()));
        }
    }
    let kids = file.resolve_key(dict, b"Kids");
    match kids.as_array() {
        Some(kids) if dict.get(b"Type").and_then(Obj::as_name) != Some(b"Page") => {
            for k in kids {
                walk(file, k, &inh, depth + 1, seen, out);
            }
        }
        _ => {
            let mut page = dict.clone();
            for (k, v) in inh.0 {
                if page.get(&k).is_none() {
                    page.0.push((k, v));
                }
            }
            out.push(page);
        }
    }
}

fn scanned_pdf() -> InputError {
    InputError {
        zh: "这是扫描版 PDF：页面（包括其中的表格）都是图片，没有可读取的文字，无法校验。请改用报告的原始 Word 文件（.docx）或网页，或从原始 Word 文件中复制全文粘贴到这里；也可以请发布单位提供可复制文字的 PDF。".into(),
        en: "This PDF is a scan: its pages, tables included, are images with no text to read. Use the report's original Word file (.docx) or web page, or paste the text from the original Word file; or ask the publisher for a PDF with selectable text.".into(),
    }
}

fn no_text() -> InputError {
    InputError {
        zh: "这个 PDF 里没有可读取的文字（可能是图片或矢量图形）。请改用报告的原始 Word 文件（.docx）或网页，或复制报告文字粘贴到这里。".into(),
        en: "This PDF has no text to read (its pages may be pictures or drawings). Use the report's original Word file (.docx) or web page, or paste the report text.".into(),
    }
}

fn no_unicode() -> InputError {
    InputError {
        zh: "这个 PDF 的文字使用了无法还原为汉字的字体编码（字体缺少 Unicode 映射），读不出内容。请改用报告的原始 Word 文件（.docx）或网页，或从原始文件复制文字粘贴；也可以请发布单位重新导出 PDF。".into(),
        en: "The text of this PDF is in fonts that do not say which characters they draw (no Unicode mapping), so it cannot be read. Use the report's original Word file (.docx) or web page, or paste its text; or ask the publisher to export the PDF again.".into(),
    }
}

fn encrypted() -> InputError {
    InputError {
        zh: "这个 PDF 设置了打开密码（已加密），无法读取其中的文字。请在 PDF 阅读器中输入密码打开后另存为不加密的 PDF，或改用报告的原始 Word 文件（.docx）或网页，或复制报告文字粘贴到这里。".into(),
        en: "This PDF is encrypted with a password to open it, so its text cannot be read. Open it with the password and save it unencrypted, use the report's original Word file (.docx) or web page, or paste the report text.".into(),
    }
}

fn encrypted_other() -> InputError {
    InputError {
        zh: "这个 PDF 使用了本工具不支持的加密方式（如数字证书加密），无法读取其中的文字。请改用报告的原始 Word 文件（.docx）或网页，或复制报告文字粘贴到这里。".into(),
        en: "This PDF is encrypted in a way nianbao does not read (for example with certificates), so its text cannot be read. Use the report's original Word file (.docx) or web page, or paste the report text.".into(),
    }
}

fn damaged() -> InputError {
    InputError {
        zh: "PDF 文件已损坏或不完整：找不到任何页面。请重新下载文件，或改用报告的原始 Word 文件（.docx）或网页，或复制报告文字粘贴到这里。".into(),
        en: "The PDF is damaged or incomplete: no page could be found. Download it again, use the report's original Word file (.docx) or web page, or paste the report text.".into(),
    }
}

/// Sorts by a key of two numbers, stably (ties keep their order). Every sort of the PDF
/// reader goes through this one instantiation of the std sort (on `(u64, u64, u32)` index
/// tuples) instead of one per element type and comparator: 18 instantiations of the stable
/// sort were a quarter of the reader's code in wasm (measured: see ARCHITECTURE.md).
pub(crate) fn sort_by_key2<T>(v: &mut Vec<T>, key: impl Fn(&T) -> (f64, f64)) {
    /// An order-preserving map of a float to an integer (the order of `f64::total_cmp`).
    fn ord(f: f64) -> u64 {
        let b = f.to_bits();
        if b >> 63 == 1 {
            !b
        } else {
            b | 1 << 63
        }
    }
    if v.len() < 2 {
        return;
    }
    let mut index: Vec<(u64, u64, u32)> = v
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (a, b) = key(t);
            (ord(a), ord(b), i as u32)
        })
        .collect();
    // Already in order (rulings and lines are mostly drawn so): nothing moves.
    if index.is_sorted() {
        return;
    }
    index.sort_unstable();
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        index
            .iter()
            .filter_map(|&(_, _, i)| slots[i as usize].take()),
    );
}

#[cfg(test)]
mod tests {
    use super::sort_by_key2;

    #[test]
    fn sorts_by_two_keys_stably() {
        let mut v = vec![
            (2.0, 1.0, 'a'),
            (-1.5, 9.0, 'b'),
            (2.0, 0.5, 'c'),
            (2.0, 0.5, 'd'),
            (-0.0, 0.0, 'e'),
        ];
        sort_by_key2(&mut v, |t| (t.0, t.1));
        let order: String = v.iter().map(|t| t.2).collect();
        assert_eq!(order, "becda");
    }
}
