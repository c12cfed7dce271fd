//! Input of any kind into the core, as the page and the JS API share it.
//!
//! This module (the page's first load) has no .docx or PDF reader: such bytes
//! (`nianbao_core::readers::file_reader`) go to the *reader module*, a second wasm module the
//! loader (`www/nianbao.js`) fetches and instantiates only when such a file arrives. The
//! loader's hook `globalThis.__nianbaoRead(bytes: Uint8Array): Promise<Uint8Array>` returns
//! the reader's result as the bytes of `nianbao_core::readers::wire::encode`, checked here with
//! `nianbao_core::check_read`. Text and HTML are read here (`nianbao_core::check_text_bytes`);
//! text the core could not decode because it is not UTF-8 is decoded with the browser's
//! `TextDecoder("gb18030")` (the wasm build leaves the core's own GBK tables out to stay small)
//! and checked as text.

use nianbao_core::readers::{self, wire, InputError, Kind};
use nianbao_core::{Checked, InputKind};

/// What was read, and how the text was decoded when the browser had to help.
pub struct Read {
    pub checked: Checked,
    /// `Some("GBK/GB18030")` when the browser's decoder was used.
    pub encoding: Option<&'static str>,
}

/// Label of the legacy encoding the browser decodes.
pub const LEGACY: &str = "GBK/GB18030";

/// The global function of the loader that runs the reader module.
const HOOK: &str = "__nianbaoRead";

/// Reads and checks a file's bytes of any kind; `name` is a hint only. A .docx or PDF file is
/// read by the reader module (loaded now if it is not yet).
pub async fn bytes(bytes: &[u8], name: Option<&str>) -> Read {
    match readers::file_reader(bytes) {
        Some(kind) => Read {
            checked: nianbao_core::check_read(reader_module(bytes, kind).await),
            encoding: None,
        },
        None => text_bytes(bytes, name),
    }
}

/// Reads and checks a text or HTML file's bytes; a .docx or PDF file gets the message that it
/// needs the reader module (the synchronous `check` export; see [`bytes`]).
pub fn text_bytes(bytes: &[u8], _name: Option<&str>) -> Read {
    if let Some(kind) = readers::file_reader(bytes) {
        return Read {
            checked: nianbao_core::check_read(Err(needs_async(kind))),
            encoding: None,
        };
    }
    let checked = nianbao_core::check_text_bytes(bytes);
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

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Pdf => "PDF",
        _ => "Word",
    }
}

fn needs_async(kind: Kind) -> InputError {
    let k = kind_name(kind);
    InputError {
        zh: format!("这是 {k} 文件，需要按需加载的读取模块：请使用返回 Promise 的 nianbao.check（或 check_async），不要直接调用同步的 check。"),
        en: format!("This is a {k} file, which needs the reader module loaded on demand: use nianbao.check (it returns a Promise) or check_async, not the synchronous check."),
    }
}

fn reader_failed(kind: Kind, why: &str) -> InputError {
    let k = kind_name(kind);
    InputError {
        zh: format!("无法加载 {k} 读取模块（{why}），这个文件没有读取：请刷新页面后重试；若仍不行，可以从原文件复制报告文字粘贴到文本框。"),
        en: format!("The {k} reader module could not be loaded ({why}), so this file was not read: reload the page and try again, or copy the report text from the file and paste it."),
    }
}

/// The reader module's result for `bytes`, through the loader's hook.
#[cfg(target_arch = "wasm32")]
async fn reader_module(
    bytes: &[u8],
    kind: Kind,
) -> Result<(Kind, nianbao_core::readers::Document), InputError> {
    use wasm_bindgen::JsCast;
    match call_loader(HOOK, Some(&js_sys::Uint8Array::from(bytes).into())).await {
        Ok(v) => match v.dyn_into::<js_sys::Uint8Array>() {
            Ok(b) => wire::decode(&b.to_vec()),
            Err(_) => Err(wire::damaged()),
        },
        Err(None) => Err(reader_failed(kind, "no loader: nianbao.js")),
        Err(Some(e)) => Err(coded(&e).unwrap_or_else(|| reader_failed(kind, &why(&e)))),
    }
}

/// Calls the loader's global function `hook` (with `arg`, if any) and awaits its Promise: the
/// value, `Err(None)` when there is no such function, `Err(Some(e))` with what it threw or
/// rejected with.
#[cfg(target_arch = "wasm32")]
async fn call_loader(
    hook: &str,
    arg: Option<&wasm_bindgen::JsValue>,
) -> Result<wasm_bindgen::JsValue, Option<wasm_bindgen::JsValue>> {
    use wasm_bindgen::{JsCast, JsValue};
    let f = js_sys::Reflect::get(&js_sys::global(), &hook.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or(None)?;
    let called = match arg {
        Some(a) => f.call1(&JsValue::NULL, a),
        None => f.call0(&JsValue::NULL),
    };
    let promise = called
        .and_then(|p| p.dyn_into::<js_sys::Promise>())
        .map_err(Some)?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(Some)
}

/// An error's message.
#[cfg(target_arch = "wasm32")]
fn why(e: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "?".into())
}

/// The loader's own message for an error (`e.nianbao = [zh, en]`), as the reading error.
#[cfg(target_arch = "wasm32")]
fn coded(e: &wasm_bindgen::JsValue) -> Option<InputError> {
    let pair = js_sys::Reflect::get(e, &"nianbao".into()).ok()?;
    let get = |i: u32| js_sys::Reflect::get_u32(&pair, i).ok()?.as_string();
    Some(InputError {
        zh: get(0)?,
        en: get(1)?,
    })
}

/// Native builds (the view tests) have no reader module.
#[cfg(not(target_arch = "wasm32"))]
async fn reader_module(
    _bytes: &[u8],
    kind: Kind,
) -> Result<(Kind, nianbao_core::readers::Document), InputError> {
    let _ = (HOOK, wire::damaged);
    Err(reader_failed(kind, "no browser"))
}

/// One rule's documentation, as the reader module gives it: (rule id, 中文, English).
pub type RuleDoc = (String, String, String);

/// The global function of the loader that gets the rules' documentation from the reader
/// module (this module leaves the text out: `nianbao_core::DOCS` is not linked here).
const DOCS_HOOK: &str = "__nianbaoRuleDocs";

/// Every rule's documentation, from the reader module (loaded now if it is not yet); the
/// reason in both languages when it cannot be had.
#[cfg(target_arch = "wasm32")]
pub async fn rule_docs() -> Result<Vec<RuleDoc>, InputError> {
    let failed_in = |zh: &str, en: &str| {
        InputError {
        zh: format!("规则说明随读取模块按需加载，这次未能加载（{zh}）：请刷新页面后再打开规则说明。每个问题的说明已写在上面的问题列表中。"),
        en: format!("The rules' documentation comes with the reader module, which could not be loaded this time ({en}): reload the page and open the rules again. Each problem found is explained in the list above."),
    }
    };
    let failed = |why: &str| failed_in(why, why);
    let value = call_loader(DOCS_HOOK, None).await.map_err(|e| match e {
        None => failed("no loader: nianbao.js"),
        Some(e) => match coded(&e) {
            Some(c) => failed_in(&c.zh, &c.en),
            None => failed(&why(&e)),
        },
    })?;
    let flat: Vec<String> = js_sys::Array::from(&value)
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    let docs: Vec<RuleDoc> = flat
        .chunks_exact(3)
        .map(|c| (c[0].clone(), c[1].clone(), c[2].clone()))
        .collect();
    if docs.is_empty() {
        return Err(failed("no documentation in the reader module"));
    }
    Ok(docs)
}

/// Native builds (the view tests) have no reader module.
#[cfg(not(target_arch = "wasm32"))]
pub async fn rule_docs() -> Result<Vec<RuleDoc>, InputError> {
    let _ = DOCS_HOOK;
    Err(InputError {
        zh: "没有浏览器".into(),
        en: "no browser".into(),
    })
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
