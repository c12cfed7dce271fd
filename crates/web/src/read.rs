//! Input of any kind into the core, as the page and the JS API share it: a file's bytes go
//! to [`nianbao_core::check_bytes`] (which sniffs .docx, HTML and text); text the core could
//! not decode because it is not UTF-8 is decoded with the browser's `TextDecoder("gb18030")`
//! (the wasm build leaves the core's own GBK tables out to stay small) and checked as text.

use nianbao_core::{Checked, InputKind};

/// What was read, and how the text was decoded when the browser had to help.
pub struct Read {
    pub checked: Checked,
    /// `Some("GBK/GB18030")` when the browser's decoder was used.
    pub encoding: Option<&'static str>,
}

/// Label of the legacy encoding the browser decodes.
pub const LEGACY: &str = "GBK/GB18030";

/// Reads and checks a file's bytes of any kind; `name` is a hint only.
pub fn bytes(bytes: &[u8], name: Option<&str>) -> Read {
    let checked = nianbao_core::check_bytes(bytes, name);
    if needs_legacy_decoding(&checked, bytes) {
        if let Some(text) = decode_legacy(bytes) {
            return Read {
                checked: nianbao_core::check_str(&text),
                encoding: Some(LEGACY),
            };
        }
    }
    Read {
        checked,
        encoding: None,
    }
}

/// The core refused the bytes only because they are text in a legacy encoding (not UTF-8,
/// not binary): the browser can decode those.
fn needs_legacy_decoding(c: &Checked, bytes: &[u8]) -> bool {
    c.kind == InputKind::Unreadable && nianbao_core::input::is_legacy_text(bytes)
}

/// Strict GB18030 (a superset of GBK and GB2312): `None` on any invalid sequence, never a
/// replacement character.
#[cfg(target_arch = "wasm32")]
fn decode_legacy(bytes: &[u8]) -> Option<String> {
    let opts = web_sys::TextDecoderOptions::new();
    opts.set_fatal(true);
    let dec = web_sys::TextDecoder::new_with_label_and_options("gb18030", &opts).ok()?;
    dec.decode_with_u8_array(bytes).ok()
}

/// Native builds (the view tests) have no browser decoder; the CLI uses the core's own.
#[cfg(not(target_arch = "wasm32"))]
fn decode_legacy(_bytes: &[u8]) -> Option<String> {
    None
}
