//! nianbao in the browser: the page (Rust over web-sys, no JS framework) and the JS API.
//!
//! - [`start`]: called by the Trunk bin (`src/main.rs`); mounts the page into `#app`.
//! - [`mount`]: the same into any element (used by the browser tests; later by a widget).
//! - [`check`]: the JavaScript API, `check(text, options) -> object`.
//!
//! The page's content is computed by [`view`] (pure, tested natively) and drawn by [`dom`].

pub mod dom;
pub mod view;

use std::sync::Once;

use serde::{Deserialize, Serialize};

use wasm_bindgen::prelude::*;

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
    if let Err(e) = dom::mount(&target) {
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
    dom::mount(container)
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

/// Options of [`check`] (all optional).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CheckOptions {
    /// `"zh"` (default) or `"en"`: language of the messages.
    lang: Option<String>,
}

/// Validates one report: `check(text, options?)`.
///
/// `input`: the report text (a string). `options`: `undefined`, `null` or `{ lang: "zh" | "en" }`.
/// Returns the contract object of format.md §10 (`nianbao_contract::ReportDto`) as a plain
/// JavaScript object, with text spans in UTF-16 code units (JavaScript string indices).
/// Throws an `Error` for a non-string input or bad options.
#[wasm_bindgen]
pub fn check(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let text = input
        .as_string()
        .ok_or_else(|| JsError::new("check(input, options): input must be a string"))?;
    let options: CheckOptions = if options.is_undefined() || options.is_null() {
        CheckOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| JsError::new(&format!("check: bad options: {e}")))?
    };
    let lang = match options.lang.as_deref() {
        None => nianbao_core::Lang::Zh,
        Some(s) => nianbao_core::Lang::parse(s)
            .ok_or_else(|| JsError::new(&format!("check: unknown lang {s:?}")))?,
    };
    let analysis = nianbao_core::check_text(&text);
    let dto = nianbao_contract::report_dto(
        &analysis,
        &text,
        None,
        lang,
        nianbao_contract::SpanUnits::Utf16,
    );
    dto.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("check: could not serialise the result: {e}")).into())
}
