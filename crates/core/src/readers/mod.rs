//! The readers: bytes or text in, a document out.
//!
//! This floor knows file formats (text encodings, HTML, Word's zip/XML package), not
//! reports: it never imports the report builder, the rules or the format data.

pub mod docx;
pub mod html;
pub mod input;
