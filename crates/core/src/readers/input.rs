//! Turning input bytes into text: encodings and kinds of file, with clear messages for
//! what cannot be read. Pure: bytes in, text or a message out.

use std::borrow::Cow;

/// Inputs larger than this are refused with a message (a report is well under 1 MB of text).
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// Why bytes could not be turned into report text (Chinese first, then English).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub zh: String,
    pub en: String,
}

impl InputError {
    fn new(zh: &str, en: &str) -> InputError {
        InputError {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// `zh / en`, for one-line messages.
    pub fn both(&self) -> String {
        format!("{} / {}", self.zh, self.en)
    }
}

/// For a file over [`MAX_INPUT_BYTES`] (`bytes` long), refused before it is read. The size
/// is given in MB with one decimal, rounded up (integer arithmetic: no float formatting).
pub fn too_large(bytes: u64) -> InputError {
    const MB: u64 = 1024 * 1024;
    let tenths = (bytes.saturating_mul(10)).div_ceil(MB);
    let size = format!("{}.{}", tenths / 10, tenths % 10);
    let max = MAX_INPUT_BYTES / (1024 * 1024);
    InputError {
        zh: format!(
            "文件过大（{size} MB），超过 {max} MB 的上限，未读取。年度报告的 Word 文档或网页通常只有几百 KB：请确认选择的是报告本身（不含附件、扫描图片），或复制报告文字粘贴。"
        ),
        en: format!(
            "The file is too large ({size} MB; the limit is {max} MB) and was not read. A report is usually a few hundred KB: choose the report itself, or paste its text."
        ),
    }
}

/// For a file of 0 bytes.
pub fn empty_file() -> InputError {
    InputError::new(
        "文件是空的（0 字节）：请选择年度报告的 Word 文档（.docx）、网页（.html）或文本文件（.txt）。",
        "The file is empty (0 bytes): choose the report as a .docx, .html or .txt file.",
    )
}

/// Decodes report text: UTF-8 with or without BOM, UTF-16 with BOM.
/// Binary files and unknown encodings give an [`InputError`] that says what to do.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, InputError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(InputError {
            zh: format!(
                "文件过大（超过 {} MB 上限）：年度报告的文字通常不足 1 MB，请只提供报告本身。",
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
            en: format!(
                "The file is too large (over the {} MB limit): a report's text is usually under 1 MB.",
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return std::str::from_utf8(rest).map(Cow::Borrowed).map_err(|_| {
            InputError::new(
                "文件以 UTF-8 标记开头，但内容不是有效的 UTF-8 文本。",
                "The file starts with a UTF-8 mark but is not valid UTF-8 text.",
            )
        });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let le = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| {
                let pair = [c[0], *c.get(1).unwrap_or(&0)];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        return String::from_utf16(&units).map(Cow::Owned).map_err(|_| {
            InputError::new(
                "文件以 UTF-16 标记开头，但内容不是有效的 UTF-16 文本。",
                "The file starts with a UTF-16 mark but is not valid UTF-16 text.",
            )
        });
    }
    // Text never holds NUL bytes, but UTF-16 does.
    if bytes.contains(&0) {
        if let Some(text) = utf16_without_bom(bytes) {
            return Ok(Cow::Owned(text));
        }
    }
    if let Some(kind) = sniff_binary(bytes) {
        return Err(kind);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(_) => decode_legacy(bytes),
    }
}

/// UTF-16 without a byte-order mark (some export tools write it), little or big endian: it
/// decodes without error, has line breaks, and is nearly all (95 %) CJK, ASCII and full-width
/// text, which binary data never is.
fn utf16_without_bom(bytes: &[u8]) -> Option<String> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    for le in [true, false] {
        let units = bytes.chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        let Ok(text) = char::decode_utf16(units).collect::<Result<String, _>>() else {
            continue;
        };
        let texty = |c: char| matches!(c, '\n' | '\r' | '\t' | ' '..='~' | '\u{3000}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}');
        let (all, good) = text.chars().fold((0usize, 0usize), |(a, g), c| {
            (a + 1, g + usize::from(texty(c)))
        });
        if text.contains('\n') && good * 100 >= all * 95 {
            return Some(text);
        }
    }
    None
}

/// GBK / GB18030 (files saved on Chinese Windows machines). Strict: any byte sequence that
/// is not valid GB18030 is an error, never a silent replacement character.
#[cfg(feature = "encodings")]
fn decode_legacy(bytes: &[u8]) -> Result<Cow<'_, str>, InputError> {
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(Cow::Owned(text.into_owned())),
        None => Err(InputError::new(
            "无法识别文件编码：文件既不是 UTF-8 也不是 GBK/GB18030 文本。请用记事本“另存为”UTF-8 编码后再校验，或直接复制报告文字粘贴。",
            "Unknown text encoding: the file is neither UTF-8 nor GBK/GB18030 text. Save it as UTF-8, or paste the report text.",
        )),
    }
}

#[cfg(not(feature = "encodings"))]
fn decode_legacy(_bytes: &[u8]) -> Result<Cow<'_, str>, InputError> {
    Err(InputError::new(
            "无法识别文件编码：文件不是 UTF-8 文本（可能是 GBK 编码）。请用记事本“另存为”UTF-8 编码后再校验，或直接复制报告文字粘贴。",
            "Unknown text encoding: the file is not UTF-8 (it may be GBK). Save it as UTF-8, or paste the report text.",
    ))
}

/// Text in a legacy encoding (GBK/GB18030 and the like): not UTF-8, no byte-order mark, not a
/// known binary format, not too large. A shell without the `encodings` feature (the page) can
/// decode such bytes itself (the browser's `TextDecoder`) and check the text.
pub fn is_legacy_text(bytes: &[u8]) -> bool {
    bytes.len() <= MAX_INPUT_BYTES
        && !bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        && !bytes.starts_with(&[0xFF, 0xFE])
        && !bytes.starts_with(&[0xFE, 0xFF])
        && sniff_binary(bytes).is_none()
        && std::str::from_utf8(bytes).is_err()
}

fn sniff_binary(b: &[u8]) -> Option<InputError> {
    if b.starts_with(b"PK\x03\x04") {
        return Some(InputError::new(
            "这是一个压缩包（.zip/.xlsx 等），里面没有 Word 文档：请提供报告的 .docx、.html 或文字。",
            "This is a zip archive (.zip/.xlsx …) without a Word document in it: provide the report as .docx, .html or text.",
        ));
    }
    if b.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Some(InputError::new(
            "这是旧版 Word（.doc）或 WPS（.wps）二进制文件，无法读取：请在 Word/WPS 中另存为 .docx，或复制报告文字粘贴。",
            "This is an old binary Word (.doc) or WPS (.wps) file: save it as .docx, or paste the report text.",
        ));
    }
    if b.starts_with(b"%PDF") {
        return Some(InputError::new(
            "这是 PDF 文件：浏览器内无法可靠提取 PDF 表格。请用 pdftotext -layout 转成文本，或从 PDF 阅读器复制文字粘贴。",
            "This is a PDF: convert it with pdftotext -layout, or copy the text from a PDF reader and paste it.",
        ));
    }
    let head = &b[..b.len().min(4096)];
    let nul = head.iter().filter(|&&c| c == 0).count();
    // UTF-16 without BOM has many NULs too; only call it binary when it doesn't look like UTF-16.
    // (Counted only where there is a NUL at all: text has none.)
    let utf16ish = nul > 0
        && head.len() >= 4
        && (head.iter().step_by(2).filter(|&&c| c == 0).count() * 3 > head.len() / 2 * 2
            || head.iter().skip(1).step_by(2).filter(|&&c| c == 0).count() * 3
                > head.len() / 2 * 2);
    if nul > 0 && !utf16ish {
        return Some(InputError::new(
            "这不是文本文件（含有二进制数据），无法作为年度报告读取。",
            "This is not a text file (it contains binary data) and cannot be read as a report.",
        ));
    }
    if nul > 0 {
        return Some(InputError::new(
            "文件似乎是没有字节序标记的 UTF-16 文本：请另存为 UTF-8 后再校验。",
            "The file looks like UTF-16 without a byte-order mark: save it as UTF-8.",
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_bom_and_utf16() {
        let mut big = vec![0xFF, 0xFE];
        for unit in "一、总体情况\n表三".encode_utf16() {
            big.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&big).unwrap(), "一、总体情况\n表三");
        assert_eq!(decode("表三".as_bytes()).unwrap(), "表三");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("表三".as_bytes());
        assert_eq!(decode(&b).unwrap(), "表三");
        let mut u = vec![0xFF, 0xFE];
        for unit in "表三".encode_utf16() {
            u.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&u).unwrap(), "表三");
    }

    #[test]
    fn decodes_utf16_without_a_byte_order_mark() {
        let text = "一、总体情况\n本年度 2024 年（一）予以公开 12\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le).unwrap(), text);
        assert_eq!(decode(&be).unwrap(), text);
        // Binary data with NULs is still binary.
        let mut bin: Vec<u8> = (0..4000u32).map(|i| (i * 7919 % 251) as u8).collect();
        bin[1] = 0;
        assert!(decode(&bin).is_err());
    }

    #[test]
    fn refuses_binary_with_a_message() {
        assert!(decode(b"PK\x03\x04rest").unwrap_err().zh.contains("压缩包"));
        assert!(decode(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0])
            .unwrap_err()
            .zh
            .contains(".doc"));
        assert!(decode(&[1, 2, 0, 0, 0, 9, 200, 0])
            .unwrap_err()
            .zh
            .contains("不是文本"));
    }

    #[test]
    fn too_large_says_the_size_rounded_up() {
        let e = too_large(MAX_INPUT_BYTES as u64 + 1);
        assert!(
            e.zh.starts_with("文件过大（32.1 MB），超过 32 MB 的上限，未读取。"),
            "{}",
            e.zh
        );
        assert!(
            e.en.starts_with("The file is too large (32.1 MB; the limit is 32 MB)"),
            "{}",
            e.en
        );
        assert!(too_large(100 * 1024 * 1024)
            .zh
            .starts_with("文件过大（100.0 MB）"));
        assert!(too_large(u64::MAX).zh.starts_with("文件过大（"));
    }

    #[test]
    fn legacy_text_is_told_apart() {
        assert!(is_legacy_text(&[0xB1, 0xED, 0xC8, 0xFD]));
        assert!(!is_legacy_text("表三".as_bytes()));
        assert!(!is_legacy_text(b"PK\x03\x04\xB1\xED"));
        assert!(!is_legacy_text(&[0xB1, 0, 0, 1]));
    }

    #[cfg(feature = "encodings")]
    #[test]
    fn decodes_gbk_strictly() {
        // "表三" in GBK.
        assert_eq!(decode(&[0xB1, 0xED, 0xC8, 0xFD]).unwrap(), "表三");
        assert!(decode(&[0xB1, 0xED, 0xFF, 0xFF, 0x81])
            .unwrap_err()
            .zh
            .contains("GBK"));
    }

    #[cfg(not(feature = "encodings"))]
    #[test]
    fn without_legacy_encodings_gbk_gets_a_message() {
        assert!(decode(&[0xB1, 0xED, 0xC8, 0xFD])
            .unwrap_err()
            .zh
            .contains("GBK"));
    }
}
