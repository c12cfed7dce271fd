//! nianbao in the browser: the page (Rust over web-sys, no JS framework) and the JS API.
//!
//! - [`start`]: called by the Trunk bin (`src/main.rs`); mounts the page into `#app`.
//! - [`mount`]: the same into any element (used by the browser tests; later by a widget).
//! - [`check`]: the JavaScript API, `check(input, options) -> object` (text, HTML or bytes).
//!
//! The page's content is computed by [`view`] (pure, tested natively) and drawn by [`dom`];
//! [`page`] wires the form (paste, file picker, drag and drop, the list of files) and [`read`]
//! turns any input into the core's `Checked` (with the browser's GBK decoder).

pub mod dom;
pub mod page;
pub mod read;
pub mod view;

use std::sync::Once;

use serde::{Deserialize, Serialize};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Mounts the page into `#app` (or `<body>` when there is none). Errors are shown on the page.
pub fn start() {
    install_panic_hook();
    let doc = gloo::utils::document();
    let target = doc
        .get_element_by_id("app")
        .or_else(|| doc.body().map(Into::into));
    let Some(target) = target else {
        web_sys::console::error_1(&JsValue::from_str("nianbao: no #app and no <body>"));
        return;
    };
    if let Err(e) = page::mount(&target) {
        web_sys::console::error_2(&JsValue::from_str("nianbao: could not build the page"), &e);
        show_fatal(
            "页面初始化失败，请刷新页面重试。",
            "The page could not be set up; please reload.",
        );
    }
}

/// Builds the validator form and result area inside `container` (replacing its content).
#[wasm_bindgen]
pub fn mount(container: &web_sys::Element) -> Result<(), JsValue> {
    install_panic_hook();
    page::mount(container)
}

/// The version of this build (the workspace version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// A panic must never leave a blank or silently dead page: the hook logs the panic and shows
/// a message in the result area (or `#app`). With `panic = "abort"` the module traps right
/// after the hook, so the message asks for a reload.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            web_sys::console::error_1(&JsValue::from_str(&format!("nianbao panicked: {info}")));
            show_fatal(
                "校验程序内部出错，请刷新页面后重试。如果问题重复出现，请把这份报告反馈给我们。",
                "Internal error in the validator. Please reload the page and try again; if it happens again, please report it with the text you pasted.",
            );
        }));
    });
}

fn show_fatal(zh: &str, en: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let target = doc
        .get_element_by_id("result")
        .or_else(|| doc.get_element_by_id("app"));
    if let Some(t) = target {
        let _ = t.set_attribute("data-state", "crashed");
        let _ = dom::render(
            &t,
            &view::PageView::Unreadable {
                zh: zh.to_string(),
                en: en.to_string(),
            },
        );
        if let Some(m) = doc.get_element_by_id("message") {
            let _ = m.set_attribute("data-kind", "crash");
        }
    }
}

/// Options of [`check`] (all optional). Unknown fields are an error (checked in [`check`]),
/// so that a misspelt option (`{ language: "en" }`) is not silently ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CheckOptions {
    /// `"zh"` (default) or `"en"`: language of the messages.
    lang: Option<String>,
    /// The file name (reported as `file`; a hint for reading, the content decides).
    name: Option<String>,
}

const USAGE: &str = "check(input, options): input is a string (report text or HTML), a Uint8Array or an ArrayBuffer (a file's bytes; for a File or Blob pass new Uint8Array(await file.arrayBuffer())); options is undefined or { lang: \"zh\" | \"en\", name: \"report.docx\" }";

/// Validates one report: `check(input, options?)`.
///
/// `input`: a string (plain report text, or HTML such as a saved page or clipboard HTML), or
/// a file's bytes as a `Uint8Array` or `ArrayBuffer` (.docx, .html, .txt in UTF-8, UTF-16 with
/// BOM or GBK/GB18030; the content decides, not the name). `options`: `undefined`, `null` or
/// `{ lang: "zh" | "en", name: "report.docx" }`.
///
/// Returns the contract object of format.md §10 (`nianbao_contract::ReportDto`) as a plain
/// JavaScript object, with text spans in UTF-16 code units, plus `kind` (`"text"` | `"html"` |
/// `"docx"` | `"unreadable"`) and, when the spans do not index into the input string (bytes,
/// HTML), `text`: the text the spans index into.
/// Throws an `Error` for any other input type and for bad options.
#[wasm_bindgen]
pub fn check(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options: CheckOptions = if options.is_undefined() || options.is_null() {
        CheckOptions::default()
    } else if !options.is_object() || js_sys::Array::is_array(&options) {
        return Err(JsError::new(&format!("bad options: {USAGE}")).into());
    } else {
        // serde-wasm-bindgen reads only the fields it knows, so unknown keys are found here.
        let object = js_sys::Object::from(options.clone());
        for key in js_sys::Object::keys(&object).iter() {
            let key = key.as_string().unwrap_or_default();
            if key != "lang" && key != "name" {
                return Err(JsError::new(&format!(
                    "bad options (unknown option {key:?}); {USAGE}"
                ))
                .into());
            }
        }
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| JsError::new(&format!("bad options ({e}); {USAGE}")))?
    };
    let lang = match options.lang.as_deref() {
        None => nianbao_core::Lang::Zh,
        Some(s) => nianbao_core::Lang::parse(s).ok_or_else(|| {
            JsError::new(&format!(
                "check: unknown lang {s:?} (expected \"zh\" or \"en\")"
            ))
        })?,
    };
    let name = options.name.as_deref();
    let (read, from_string) = if let Some(text) = input.as_string() {
        let checked = nianbao_core::check_str(&text);
        let r = read::Read {
            checked,
            encoding: None,
        };
        (r, true)
    } else if let Some(a) = input.dyn_ref::<js_sys::Uint8Array>() {
        (read::bytes(&a.to_vec(), name), false)
    } else if input.is_instance_of::<js_sys::ArrayBuffer>() {
        let a = js_sys::Uint8Array::new(&input);
        (read::bytes(&a.to_vec(), name), false)
    } else {
        return Err(JsError::new(&format!("bad input: {USAGE}")).into());
    };
    let c = &read.checked;
    let dto = nianbao_contract::checked_dto(c, name, lang, nianbao_contract::SpanUnits::Utf16);
    let out = dto
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("check: could not serialise the result: {e}")))?;
    // The text the spans index into, when that is not the caller's own string.
    if !(from_string && c.kind == nianbao_core::InputKind::Text) {
        js_sys::Reflect::set(&out, &"text".into(), &c.text.as_str().into())?;
    }
    Ok(out)
}
