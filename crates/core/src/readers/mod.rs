//! The readers: bytes or text in, one neutral [`Document`] out.
//!
//! This floor knows file formats (text encodings, HTML, Word's zip/XML package), not
//! reports: it never imports the report builder, the rules or the format data, and holds no
//! table words. Every input kind ends in the same [`Document`] (see [`document`]), which
//! is all the report builder reads.
//!
//! - [`input`]: bytes → text (UTF-8, UTF-16, GBK behind a feature), and the messages for
//!   what cannot be read (binary files, legacy Word, oversized input; PDF without the
//!   `pdf` feature).
//! - [`plain`]: plain text → [`Document`].
//! - [`html`]: HTML → [`Document`] (own tokenizer and tree builder).
//! - [`docx`]: Word .docx → [`Document`] (own zip and XML readers).
//! - `pdf` (feature `pdf`): the text layer of a PDF → [`Document`] (own object, font and
//!   content-stream readers; tables rebuilt from glyph positions and rulings).
//! - [`inflate`]: DEFLATE, for .docx parts and PDF streams.
//! - [`wire`]: a reader's result as bytes and back, for readers that run in a separate
//!   WebAssembly module (the page's reader module reads .docx and PDF files).
//! - [`grid`]: the table model both structured readers build, laid on its grid (merged
//!   cells, layout tables, header projection) and emitted into the [`Document`].
//!
//! What this floor asks of the data below it: text normalisation (`crate::text`) and, for
//! laying merged cells on their header's columns, whether a cell reads as a value
//! (`crate::cell`).

pub mod document;
pub mod docx;
pub mod grid;
pub mod html;
pub mod inflate;
pub mod input;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod plain;
pub mod wire;

pub use document::{Block, Columns, Document, Row, Span, Table};
pub use input::InputError;

/// What kind of input a document was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
    Docx,
    Pdf,
}

/// Reads text that may be plain report text or HTML (for example clipboard HTML).
pub fn read_str(input: &str) -> Result<(Kind, Document), InputError> {
    if html::looks_like_html(input) {
        html::parse(input).map(|d| (Kind::Html, d))
    } else {
        Ok((Kind::Text, plain::read(input)))
    }
}

/// Reads a file's bytes of any supported kind, sniffed from the content.
pub fn read_bytes(bytes: &[u8]) -> Result<(Kind, Document), InputError> {
    if docx::is_docx(bytes) {
        return docx::parse(bytes).map(|d| (Kind::Docx, d));
    }
    #[cfg(feature = "pdf")]
    if is_pdf(bytes) {
        return pdf::parse(bytes).map(|d| (Kind::Pdf, d));
    }
    read_text_bytes(bytes)
}

/// Which file kinds [`read_bytes`] reads with the .docx or the PDF reader: `Some(Docx)` or
/// `Some(Pdf)` for such bytes (whatever the build's features), `None` for text and HTML. The
/// page reads those in its reader module and the rest itself with [`read_text_bytes`].
pub fn file_reader(bytes: &[u8]) -> Option<Kind> {
    if docx::is_docx(bytes) {
        Some(Kind::Docx)
    } else if is_pdf(bytes) {
        Some(Kind::Pdf)
    } else {
        None
    }
}

/// Reads a file's bytes as text or HTML only (without the .docx and PDF readers, which
/// then are not linked): what [`read_bytes`] does for bytes [`file_reader`] leaves here.
pub fn read_text_bytes(bytes: &[u8]) -> Result<(Kind, Document), InputError> {
    read_str(&input::decode(bytes)?)
}

/// A PDF: its header `%PDF-` within the first 1 KiB, as viewers accept it.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}
