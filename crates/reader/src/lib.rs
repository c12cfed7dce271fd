//! nianbao's modules loaded on demand: the page's first-load module (`nianbao-web`) leaves out
//! what most pages never need at first, and this crate builds it, by feature, as two more
//! WebAssembly modules the loader (`www/nianbao.js`) fetches when they are needed.
//!
//! **The full-check module** (feature `full`): `full(document, terms)` checks a document the
//! page read — every rule, the prose checks (text rules, typo lexicon, users' terms) and the
//! error localiser, which the first module leaves out (issue 11: it reads and shows reports) —
//! and returns the report's findings and evaluations as the bytes of
//! `nianbao_core::rules::wire::encode`, which the first module decodes. Fetched when the
//! user starts to work with the page, or at the first check.
//!
//! **The reader module** (feature `read`, the default): fetched only when a .docx or PDF file
//! arrives (the first-load module has neither reader).
//!
//! It also holds the rules' documentation (`rule_docs()`), which the page shows when its rules
//! panel is first opened: the first module leaves that text out.
//!
//! One export does the work: `read(bytes)` reads a file's bytes with the core's readers
//! (`nianbao_core::readers::read_bytes`: .docx, PDF, and text or HTML as well) and returns the
//! result — the neutral `Document` or the reading error's message — as the bytes of
//! `nianbao_core::readers::wire::encode`, which the first module decodes and checks. The loader
//! (`www/nianbao.js`) instantiates this module on demand and hands the bytes across.
//!
//! The boundary: any argument of any JavaScript type gives the result or an `Error` whose
//! message is `中文 / English`; never a panic. A panic (none is known: the readers cap what
//! they read and never panic on any input) is logged, and the next call runs on a fresh
//! instance.

use std::sync::Once;

#[cfg(feature = "read")]
use nianbao_core::readers;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(s: &str);
}

/// Runs when the module is instantiated (and in each fresh instance): the panic hook.
#[wasm_bindgen(start, private)]
fn on_instantiate() {
    install_panic_hook();
}

/// Logs a panic and schedules a fresh instance for the next call (the release build aborts on
/// a panic, so this instance is dead).
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error(&format!("nianbao reader panicked: {info}"));
            wasm_bindgen::handler::schedule_reinit();
        }));
    });
}

#[cfg(feature = "read")]
const USAGE: &str = "read(bytes): bytes is a Uint8Array or an ArrayBuffer (a file's bytes)";

fn error(zh: &str, en: &str) -> JsValue {
    JsError::new(&format!("{zh} / {en}")).into()
}

#[cfg(feature = "read")]
/// Reads a file's bytes: `read(bytes: Uint8Array | ArrayBuffer): Uint8Array`, the reader's
/// result encoded by `nianbao_core::readers::wire::encode` (a document, or the reading
/// error's message: a scanned or encrypted PDF, a damaged Word file…). Throws an `Error` for
/// any other argument and for bytes over the core's input limit.
#[wasm_bindgen]
pub fn read(bytes: JsValue) -> Result<Vec<u8>, JsValue> {
    let view = input_bytes(&bytes)
        .map_err(|e| {
            let e = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default();
            error(
                &format!("无法读取输入的字节（read）：{e}。已被转移的 ArrayBuffer 或者不是真正的 Uint8Array？"),
                &format!("read: cannot read the bytes (a transferred ArrayBuffer, or not a real Uint8Array): {e}"),
            )
        })?
        .ok_or_else(|| {
            error(
                "输入的类型不对（read 的参数）：应为 Uint8Array 或 ArrayBuffer（文件的字节）。",
                &format!("read: bad input; {USAGE}"),
            )
        })?;
    let n = view.length() as usize;
    let max = readers::input::MAX_INPUT_BYTES;
    if n > max {
        return Err(error(
            &format!(
                "文件过大（约 {} MB），超过 {} MB 的上限，未读取。",
                n >> 20,
                max >> 20
            ),
            &format!(
                "read: the file is too large (about {} MB; the limit is {} MB) and was not read.",
                n >> 20,
                max >> 20
            ),
        ));
    }
    let bytes = view.to_vec();
    drop(view);
    Ok(readers::wire::encode(&readers::read_bytes(&bytes)))
}

#[cfg(feature = "read")]
/// Every rule's documentation (why it exists, how to fix the report), flat: `[id, 中文,
/// English, id, 中文, English, …]` in the catalogue's order. The page's first module leaves the
/// text out (`nianbao_core::DOCS` is not linked there) and asks here when its rules panel opens.
#[wasm_bindgen]
pub fn rule_docs() -> Vec<String> {
    // By id, not through RULES: the rules' other data is the first module's.
    nianbao_core::RuleId::ALL
        .iter()
        .flat_map(|id| {
            let doc = id.doc();
            [id.as_str(), doc.zh, doc.en].map(String::from)
        })
        .collect()
}

#[cfg(feature = "full")]
const FULL_USAGE: &str = "full(document, terms): document is a Uint8Array or an ArrayBuffer (a document the page read, nianbao_core::readers::wire); terms is a string (the user's own terms, one a line) or undefined";

/// Checks a document completely: `full(document: Uint8Array, terms?: string): Uint8Array`,
/// the report's findings (every rule, the prose checks and the error localiser included, and
/// the user's own `terms`) and evaluations, encoded by `nianbao_core::rules::wire::encode`. `document` is what
/// the page read, encoded by `nianbao_core::readers::wire::encode`. Throws an `Error` for any
/// other argument and for a document the bytes do not hold.
#[cfg(feature = "full")]
#[wasm_bindgen]
pub fn full(document: JsValue, terms: JsValue) -> Result<Vec<u8>, JsValue> {
    let view = input_bytes(&document).ok().flatten().ok_or_else(|| {
            error(
                "输入的类型不对（full 的第一个参数）：应为页面读取的文档（Uint8Array 或 ArrayBuffer）。",
                &format!("full: bad document; {FULL_USAGE}"),
            )
        })?;
    let terms = if terms.is_undefined() || terms.is_null() {
        String::new()
    } else {
        terms.as_string().ok_or_else(|| {
            error(
                "用语的类型不对（full 的第二个参数）：应为字符串，每行一个用语。",
                &format!("full: bad terms; {FULL_USAGE}"),
            )
        })?
    };
    let bytes = view.to_vec();
    drop(view);
    let read = nianbao_core::readers::wire::decode(&bytes).map_err(|e| error(&e.zh, &e.en))?;
    let mut checked = nianbao_core::check_read(Ok(read));
    let terms = nianbao_core::Terms::parse(&terms);
    nianbao_core::apply_terms(&mut checked.analysis, &checked.text, &terms);
    let a = &checked.analysis;
    Ok(nianbao_core::rules::wire::encode(
        &a.findings,
        &a.evaluations,
    ))
}

/// The version of this build (the workspace version; the loader checks it equals the first
/// module's).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The bytes of a `Uint8Array` or an `ArrayBuffer` as a fresh view of our own; `None` for any
/// other value. Read with `Reflect` and made with `Reflect.construct`, so an object that only
/// looks like one (made from the prototype, a Proxy, a detached buffer) gives an error, never
/// an exception through the wasm (as `nianbao-web`'s `check`).
fn input_bytes(input: &JsValue) -> Result<Option<js_sys::Uint8Array>, JsValue> {
    let fresh = js_sys::Uint8Array::new_with_length(0);
    let args = if input.is_instance_of::<js_sys::Uint8Array>() {
        let get = |k: &str| js_sys::Reflect::get(input, &k.into());
        js_sys::Array::of3(&get("buffer")?, &get("byteOffset")?, &get("byteLength")?)
    } else if input.is_instance_of::<js_sys::ArrayBuffer>() {
        js_sys::Array::of1(input)
    } else {
        return Ok(None);
    };
    let view = js_sys::Reflect::construct(&fresh.constructor(), &args)?;
    Ok(Some(view.unchecked_into()))
}
