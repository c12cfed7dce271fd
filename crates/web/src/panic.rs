//! A panic must never leave a blank or silently dead page: the panic hook, the restart of the
//! instance after a panic, and the test hooks for both.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

use wasm_bindgen::prelude::*;

use crate::page;

/// Runs when the module is instantiated, and again in each fresh instance after a panic:
/// installs the panic hook, so that `check()` alone is covered too. It also gives every build
/// a `__wbindgen_start` export, which wasm-bindgen's restart (`schedule_reinit`) calls
/// unconditionally: without it the MVP (compat) build's first call after a panic threw
/// `TypeError: wasm.__wbindgen_start is not a function`.
#[wasm_bindgen(start, private)]
fn on_instantiate() {
    install_panic_hook();
}

/// For loaders, after `nianbao-crash`: the first call into the module after a panic creates
/// the fresh instance. Call this one first (from a microtask or a timer, never inside the
/// event's listener): it takes no arguments and returns nothing, so no argument is converted
/// for the dead instance. (wasm-bindgen 0.2.130's glue for the MVP build converts arguments
/// and reserves return space *before* its restart check: a `mount(el, …)` or `check(text)`
/// as the first call there loses its arguments and shifts the new instance's stack.) In a
/// running instance it does nothing.
#[wasm_bindgen]
pub fn restart() {
    install_panic_hook();
}

/// A panic must never leave a blank or silently dead page. The release build has
/// `panic = "abort"`: the instance traps right after the hook, so the hook prepares a restart
/// instead of asking for a reload:
///
/// 1. logs the panic (`console.error`);
/// 2. shows [`CRASH_ZH`] / [`CRASH_EN`] in the result area of every mounted container
///    (`#message[data-kind="crash"]`, container `[data-state="crashed"]`);
/// 3. drops every registered event listener (also those on `window`), so nothing calls into
///    the dead instance any more;
/// 4. calls `wasm_bindgen::handler::schedule_reinit()`: the next call to any export creates a
///    fresh `WebAssembly.Instance` from the same module;
/// 5. dispatches `new Event("nianbao-crash")` on `window`. The loader listens for it; its
///    listener must not call into the module itself (the dead instance is still running the
///    hook), but queue a microtask calling [`restart`] (the fresh instance is then created
///    before any other task can run an old callback), and then, after a tick, mount again
///    with each mount's text and `recovered: true`.
///
/// Nothing in the hook may panic (a second panic aborts at once): the registry is only
/// `try_borrow_mut`ed, and every DOM call's error is ignored.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The previous hook is not chained: on wasm32-unknown-unknown std's default hook
        // writes nowhere, and keeping it would link its formatting machinery (a few KB).
        std::panic::set_hook(Box::new(|info| {
            web_sys::console::error_1(&JsValue::from_str(&format!("nianbao panicked: {info}")));
            after_panic(REINIT_ON_PANIC.load(Ordering::Relaxed));
        }));
    });
}

/// Shown in every mount's result area when the validator panicked.
pub const CRASH_ZH: &str = "校验程序内部出错，正在自动重新启动，输入的内容会保留。如果页面没有自动恢复，请刷新页面。如果问题重复出现，请把这份报告反馈给我们。";
pub const CRASH_EN: &str = "Internal error in the validator; it is restarting and keeps your input. If the page does not recover by itself, please reload it. If this happens again, please report it with the text you checked.";

/// Whether the panic hook schedules a fresh instance (see [`keep_instance_on_panic`]).
static REINIT_ON_PANIC: AtomicBool = AtomicBool::new(true);

/// For in-browser unit tests only: a failing assertion must not replace the test runner's
/// instance (its own state lives there), so the hook then does everything but step 4.
#[doc(hidden)]
pub fn keep_instance_on_panic() {
    REINIT_ON_PANIC.store(false, Ordering::Relaxed);
}

/// Steps 2–5 of the panic hook ([`install_panic_hook`]); `reinit` = step 4. Public so that
/// the steps can be tested without a real panic (which would abort the test runner).
/// Returns whether the registry could be reached (it cannot when the panic happened while
/// it was borrowed; then the messages and listeners are left as they are).
pub fn after_panic(reinit: bool) -> bool {
    let reached = page::crash_all("crash", CRASH_ZH, CRASH_EN);
    if reinit {
        wasm_bindgen::handler::schedule_reinit();
    }
    // Last: a listener that (against the rules) calls into the module at once would already
    // get the fresh instance, so nothing here may call into JavaScript after the dispatch,
    // not even to release these two handles.
    if let Some(w) = web_sys::window() {
        if let Ok(e) = web_sys::Event::new("nianbao-crash") {
            let _ = w.dispatch_event(&e);
            std::mem::forget(e);
        }
        std::mem::forget(w);
    }
    reached
}

/// A test hook, not an API: panics with a fixed message, so that the end-to-end test can
/// check the panic hook, the restart and the `recovered` notice in a real browser.
#[wasm_bindgen(js_name = "__panicForTest")]
pub fn panic_for_test() {
    install_panic_hook();
    panic!("nianbao: __panicForTest was called (a test hook, not a bug)");
}
