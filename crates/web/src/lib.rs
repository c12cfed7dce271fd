//! nianbao in the browser: the page (Rust over web-sys, no JS framework) and the JS API.
//!
//! - [`start`]: mounts the page into `#app` (page mode, default options).
//! - [`mount`]: `mount(element, options)` into any element, also inside a shadow root
//!   (the loader, the `<nianbao-validator>` widget, the browser tests); [`unmount`].
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

/// Mounts the page into `#app` (or `<body>` when there is none), in page mode. Errors are
/// shown on the page. (The loader may instead call the exported [`mount`] itself.)
pub fn start() {
    install_panic_hook();
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let target = doc
        .get_element_by_id("app")
        .or_else(|| doc.body().map(Into::into));
    let Some(target) = target else {
        web_sys::console::error_1(&JsValue::from_str("nianbao: no #app and no <body>"));
        return;
    };
    if let Err(e) = page::mount(&target, &page::MountOptions::default()) {
        web_sys::console::error_2(&JsValue::from_str("nianbao: could not build the page"), &e);
        target.set_text_content(Some(
            "页面初始化失败，请刷新页面重试。The page could not be set up; please reload.",
        ));
    }
}

/// Options of [`mount`] as JavaScript gives them (all optional; unknown keys are refused).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct MountOptionsJs {
    mode: Option<String>,
    lang: Option<String>,
    compact: Option<bool>,
    text: Option<String>,
    recovered: Option<bool>,
}

const MOUNT_USAGE: &str = "mount(element, options): element is an Element (for example a <div>, also inside a shadow root); options is undefined or { mode: \"page\" | \"widget\", lang: \"zh\" | \"en\", compact: boolean, text: string, recovered: boolean }";

/// Builds the validator (form, file list, result area) inside `element`, replacing its
/// content and any earlier mount there: `mount(element, options?)`.
///
/// `options`: `undefined`, `null` or `{ mode, lang, compact, text, recovered }`:
/// - `mode`: `"page"` (default; files may be dropped anywhere on the window) or `"widget"`
///   (drops only on `element`; the host page's own drops are left alone);
/// - `lang`: `"zh"` (default) or `"en"` (start with the result in English);
/// - `compact`: a compact layout for embedding (tables behind `<details>`);
/// - `text`: put into the text box (nothing is checked);
/// - `recovered`: show the notice that the validator restarted after an internal error.
///
/// Unknown keys and wrong types throw an `Error`. After every result, `element` dispatches
/// `nianbao-result` (bubbling, composed) with `detail = { verdict, errors, warnings, file,
/// report }`.
#[wasm_bindgen]
pub fn mount(element: &JsValue, options: &JsValue) -> Result<(), JsValue> {
    install_panic_hook();
    let Some(container) = element.dyn_ref::<web_sys::Element>() else {
        return Err(JsError::new(&format!("mount: bad element; {MOUNT_USAGE}")).into());
    };
    let o: MountOptionsJs = parse_options(
        options,
        &["mode", "lang", "compact", "text", "recovered"],
        "mount",
        MOUNT_USAGE,
    )?;
    let mode = match o.mode.as_deref() {
        None | Some("page") => page::Mode::Page,
        Some("widget") => page::Mode::Widget,
        Some(m) => {
            return Err(JsError::new(&format!(
                "mount: unknown mode {m:?} (expected \"page\" or \"widget\"); {MOUNT_USAGE}"
            ))
            .into())
        }
    };
    let english = match o.lang.as_deref() {
        None => false,
        Some(s) => match nianbao_core::Lang::parse(s) {
            Some(l) => l == nianbao_core::Lang::En,
            None => {
                return Err(JsError::new(&format!(
                    "mount: unknown lang {s:?} (expected \"zh\" or \"en\"); {MOUNT_USAGE}"
                ))
                .into())
            }
        },
    };
    let opts = page::MountOptions {
        mode,
        english,
        compact: o.compact.unwrap_or(false),
        text: o.text,
        recovered: o.recovered.unwrap_or(false),
    };
    page::mount(container, &opts)
}

/// Stops the validator mounted in `element`: removes its event listeners (also those on
/// `window`) and its elements. Returns whether it was mounted there.
#[wasm_bindgen]
pub fn unmount(element: &JsValue) -> bool {
    element
        .dyn_ref::<web_sys::Element>()
        .is_some_and(page::unmount)
}

/// An options object: `undefined`/`null` give the defaults; anything but a plain object,
/// an unknown key or a wrong type is an `Error` naming the problem and the usage.
fn parse_options<T: serde::de::DeserializeOwned + Default>(
    options: &JsValue,
    known: &[&str],
    what: &str,
    usage: &str,
) -> Result<T, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(T::default());
    }
    if !options.is_object() || js_sys::Array::is_array(options) {
        return Err(JsError::new(&format!("{what}: bad options: {usage}")).into());
    }
    // serde-wasm-bindgen reads only the fields it knows, so unknown keys are found here.
    let object = js_sys::Object::from(options.clone());
    for key in js_sys::Object::keys(&object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !known.contains(&key.as_str()) {
            return Err(JsError::new(&format!(
                "{what}: bad options (unknown option {key:?}); {usage}"
            ))
            .into());
        }
    }
    serde_wasm_bindgen::from_value(options.clone())
        .map_err(|e| JsError::new(&format!("{what}: bad options ({e}); {usage}")).into())
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
    page::crash_all("crash", zh, en);
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
    let options: CheckOptions = parse_options(&options, &["lang", "name"], "check", USAGE)?;
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
        return Err(JsError::new(&format!("check: bad input: {USAGE}")).into());
    };
    report_object(&read.checked, name, lang, from_string)
}

/// The contract object `check()` returns for a checked input (also the `report` of the
/// page's `nianbao-result` event): format.md §10 with UTF-16 spans, `kind`, and `text` when
/// the spans do not index into the caller's own string (`from_string`: the input was that
/// string).
pub(crate) fn report_object(
    c: &nianbao_core::Checked,
    name: Option<&str>,
    lang: nianbao_core::Lang,
    from_string: bool,
) -> Result<JsValue, JsValue> {
    let dto = nianbao_contract::checked_dto(c, name, lang, nianbao_contract::SpanUnits::Utf16);
    let out = to_js(&dto)?;
    if !(from_string && c.kind == nianbao_core::InputKind::Text) {
        js_sys::Reflect::set(&out, &"text".into(), &c.text.as_str().into())?;
    }
    Ok(out)
}

/// A contract DTO as a plain JavaScript object (maps as objects, so `JSON.stringify` works).
pub(crate) fn to_js<T: Serialize>(dto: &T) -> Result<JsValue, JsValue> {
    dto.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not serialise the result: {e}")).into())
}
