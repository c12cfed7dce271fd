//! nianbao in the browser: the page (Rust over web-sys, no JS framework) and the JS API.
//!
//! - [`start`]: mounts the page into `#app` (page mode, default options).
//! - [`mount`]: `mount(element, options)` into any element, also inside a shadow root
//!   (the loader, the `<nianbao-validator>` widget, the browser tests); [`unmount`].
//! - [`check`]: the JavaScript API, `check(input, options) -> object` (text, HTML or bytes);
//!   [`check_async`], its `Promise` form, also reads .docx and PDF files through the reader
//!   module (a second wasm module the loader fetches on demand; see [`read`]).
//!
//! The page's content is computed by [`view`] (pure, tested natively) and drawn by [`dom`];
//! [`page`] wires the form (paste, file picker, drag and drop, the list of files) and [`read`]
//! turns any input into the core's `Checked` (with the browser's GBK decoder). The exports
//! are in `api` (their arguments are read by `args`), the panic hook and the restart after a
//! panic in `panic`; [`contract`] turns the contract DTOs into JavaScript objects.

pub mod contract;
pub mod dom;
pub mod page;
pub mod read;
pub mod view;

mod api;
mod args;
mod panic;

pub use api::{check, check_async, mount, unmount, version};
pub(crate) use api::{report_object, to_js};
pub use panic::{
    after_panic, install_panic_hook, keep_instance_on_panic, panic_for_test, restart, CRASH_EN,
    CRASH_ZH,
};

use wasm_bindgen::JsValue;

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
