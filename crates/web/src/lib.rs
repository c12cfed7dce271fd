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

pub mod contract;
pub mod dom;
pub mod page;
pub mod read;
pub mod view;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

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

/// Every function exported to JavaScript (`check`, `mount`, `unmount`, `restart`, `version`)
/// returns its result or throws an `Error` whose message is Chinese first and English second
/// (`中文 / English`), for any argument of any JavaScript type: nothing the caller passes may
/// panic (trap) in the wasm, and no exception of the caller's objects may unwind through it
/// (which would skip Rust's clean-up: borrows, the shadow stack). So arguments are only read
/// with type tests and `Reflect` calls, which return an error instead of throwing through wasm;
/// see `tests/e2e/boundary.test.mjs` (garbage of every type through the real glue) and
/// `crates/web/tests/boundary.rs`.
fn error(zh: &str, en: &str) -> JsValue {
    JsError::new(&format!("{zh} / {en}")).into()
}

/// At most 40 characters of a caller's string, quoted, for a message.
fn shown(s: &str) -> String {
    cut(s, 40)
}

fn cut(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{:?}…", &s[..i]),
        None => format!("{s:?}"),
    }
}

/// What a thrown JavaScript value says (its `message`, read without running the caller's code
/// unchecked), for a message of ours.
fn thrown(e: &JsValue) -> String {
    let m = if e.is_object() {
        js_sys::Reflect::get(e, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
    } else {
        e.as_string()
    };
    cut(
        &m.unwrap_or_else(|| String::from(js_sys::JsString::from(e.js_typeof()))),
        100,
    )
}

/// Inputs and option strings longer than this (UTF-16 units) are refused before they are copied
/// into the wasm (the core's own limit for a file's bytes).
const MAX_INPUT: usize = nianbao_core::input::MAX_INPUT_BYTES;

/// `v` as a string when it is one, refused when longer than [`MAX_INPUT`].
fn js_string(v: &JsValue, too_long: impl Fn(usize) -> JsValue) -> Result<Option<String>, JsValue> {
    match v.dyn_ref::<js_sys::JsString>() {
        Some(s) if s.length() as usize > MAX_INPUT => Err(too_long(s.length() as usize)),
        Some(_) => Ok(v.as_string()),
        None => Ok(None),
    }
}

const MOUNT_USAGE: &str = "mount(element, options): element is an Element of an HTML document (for example a <div>, also inside a shadow root); options is undefined or { mode: \"page\" | \"widget\", lang: \"zh\" | \"en\", compact: boolean, text: string, recovered: boolean }";

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
    // `instanceof Element` and a DOM node's own `nodeType` (an object made from Element.prototype
    // or a Proxy of an element passes the first, and its DOM calls would throw through the wasm),
    // in a document that makes HTML elements (not an XML document).
    let container = element
        .dyn_ref::<web_sys::Element>()
        .filter(|_| js_sys::Reflect::get(element, &"nodeType".into()).is_ok_and(|t| t == 1))
        .filter(|e| {
            e.owner_document()
                .and_then(|d| d.create_element("p").ok())
                .is_some_and(|p| p.is_instance_of::<web_sys::HtmlElement>())
        })
        .ok_or_else(|| {
            error(
                "元素不对（mount 的第一个参数）：应为本页（HTML 文档）中的一个元素（Element，例如 <div>，也可以在 shadow root 中）。",
                &format!("mount: bad element; {MOUNT_USAGE}"),
            )
        })?;
    let o = Options::parse(
        options,
        &["mode", "lang", "compact", "text", "recovered"],
        "mount",
        MOUNT_USAGE,
    )?;
    // Read in this order, so the first bad value named is the same as before.
    let mode = o.string("mode")?;
    let lang = o.string("lang")?;
    let compact = o.boolean("compact")?;
    let text = o.string("text")?;
    let recovered = o.boolean("recovered")?;
    let mode = match mode.as_deref() {
        None | Some("page") => page::Mode::Page,
        Some("widget") => page::Mode::Widget,
        Some(m) => {
            let m = shown(m);
            return Err(error(
                &format!("选项 mode 不对（mount）：{m}，应为 \"page\" 或 \"widget\"。"),
                &format!(
                    "mount: unknown mode {m} (expected \"page\" or \"widget\"); {MOUNT_USAGE}"
                ),
            ));
        }
    };
    let english = match lang.as_deref() {
        None => false,
        Some(s) => lang_of(s, "mount", MOUNT_USAGE)? == nianbao_core::Lang::En,
    };
    let opts = page::MountOptions {
        mode,
        english,
        compact: compact.unwrap_or(false),
        text,
        recovered: recovered.unwrap_or(false),
    };
    page::mount(container, &opts).map_err(|e| {
        // e.g. an element of an XML document, where the form's elements are not HTML elements:
        // nothing half-built is left behind
        container.set_text_content(None);
        let _ = container.remove_attribute("data-state");
        let e = thrown(&e);
        error(
            &format!("无法在这个元素中建立校验界面（mount）：{e}"),
            &format!("mount: could not build the validator in this element: {e}"),
        )
    })
}

/// `"zh"`/`"en"` (and what `Lang::parse` accepts), or the error naming the bad value.
fn lang_of(s: &str, what: &str, usage: &str) -> Result<nianbao_core::Lang, JsValue> {
    nianbao_core::Lang::parse(s).ok_or_else(|| {
        let s = shown(s);
        error(
            &format!("选项 lang 不对（{what}）：{s}，应为 \"zh\" 或 \"en\"。"),
            &format!("{what}: unknown lang {s} (expected \"zh\" or \"en\"); {usage}"),
        )
    })
}

/// Stops the validator mounted in `element`: removes its event listeners (also those on
/// `window`) and its elements. Returns whether it was mounted there.
#[wasm_bindgen]
pub fn unmount(element: &JsValue) -> bool {
    element
        .dyn_ref::<web_sys::Element>()
        .is_some_and(page::unmount)
}

/// An options object as JavaScript gives it. Read by hand (`Reflect.get` and type checks),
/// not through serde: its error messages would link the float formatting machinery.
struct Options {
    /// `None`: `undefined` or `null`, every option at its default.
    object: Option<JsValue>,
    what: &'static str,
    usage: &'static str,
}

impl Options {
    /// `undefined`/`null` give the defaults; anything but a plain object, or an unknown key,
    /// is an `Error` naming the problem and the usage. Only `Reflect` reads it (a revoked Proxy or
    /// a throwing trap gives an error, not an exception through the wasm).
    fn parse(
        options: &JsValue,
        known: &[&str],
        what: &'static str,
        usage: &'static str,
    ) -> Result<Options, JsValue> {
        let o = Options {
            object: None,
            what,
            usage,
        };
        if options.is_undefined() || options.is_null() {
            return Ok(o);
        }
        let unreadable = |e: JsValue| {
            let e = thrown(&e);
            o.bad(
                &format!("无法读取：{e}"),
                &format!("could not read them: {e}"),
            )
        };
        // Not an object, or one with a `length` (an array, a typed array, a string object, a
        // NodeList…; asked before the keys are listed: a 40 MB Uint8Array has 40 million)
        if !options.is_object()
            || js_sys::Reflect::has(options, &"length".into()).map_err(unreadable)?
        {
            return Err(o.bad("应为对象（或 undefined）", ""));
        }
        let keys = js_sys::Reflect::own_keys(options).map_err(unreadable)?;
        for key in keys.iter() {
            // symbol keys are not options
            let Some(key) = key.as_string() else { continue };
            if !known.contains(&key.as_str()) {
                let k = shown(&key);
                return Err(o.bad(&format!("未知的选项 {k}"), &format!("unknown option {k}")));
            }
        }
        Ok(Options {
            object: Some(options.clone()),
            ..o
        })
    }

    /// `{what}: bad options ({en}); {usage}` with the Chinese first.
    fn bad(&self, zh: &str, en: &str) -> JsValue {
        let (what, usage) = (self.what, self.usage);
        let en = match en {
            "" => format!("{what}: bad options: {usage}"),
            _ => format!("{what}: bad options ({en}); {usage}"),
        };
        error(&format!("选项不对（{what} 的第二个参数）：{zh}。"), &en)
    }

    /// The value of option `key`; `None` when it is absent, `undefined` or `null`.
    fn get(&self, key: &str) -> Result<Option<JsValue>, JsValue> {
        let Some(o) = &self.object else {
            return Ok(None);
        };
        let v = js_sys::Reflect::get(o, &JsValue::from_str(key)).map_err(|e| {
            let e = thrown(&e);
            self.bad(
                &format!("读取 {key} 时出错：{e}"),
                &format!("reading {key} threw: {e}"),
            )
        })?;
        Ok((!(v.is_undefined() || v.is_null())).then_some(v))
    }

    fn string(&self, key: &str) -> Result<Option<String>, JsValue> {
        match self.get(key)? {
            None => Ok(None),
            Some(v) => match js_string(&v, |n| {
                self.bad(
                    &format!("{key} 太长（{n} 个字符）"),
                    &format!("{key} is too long: {n} characters"),
                )
            })? {
                Some(s) => Ok(Some(s)),
                None => Err(self.invalid_type(key, &v, "a string", "字符串")),
            },
        }
    }

    fn boolean(&self, key: &str) -> Result<Option<bool>, JsValue> {
        match self.get(key)? {
            None => Ok(None),
            Some(v) => match v.as_bool() {
                Some(b) => Ok(Some(b)),
                None => Err(self.invalid_type(key, &v, "a boolean", "true 或 false")),
            },
        }
    }

    /// `{what}: bad options (invalid type: …, expected …); {usage}`, in serde's words, after
    /// the Chinese.
    fn invalid_type(&self, key: &str, v: &JsValue, expected: &str, zh: &str) -> JsValue {
        let found = if let Some(b) = v.as_bool() {
            format!("boolean `{b}`")
        } else if v.as_f64().is_some() {
            format!("floating point `{}`", js_number(v))
        } else if let Some(s) = v.as_string() {
            format!("string {s:?}")
        } else if v.is_instance_of::<js_sys::Uint8Array>()
            || v.is_instance_of::<js_sys::ArrayBuffer>()
        {
            "byte array".to_string()
        } else {
            String::from(js_sys::JsString::from(v.js_typeof()))
        };
        self.bad(
            &format!("{key} 应为{zh}"),
            &format!("invalid type: {found}, expected {expected}"),
        )
    }
}

/// A number as serde's error messages print it (`5.0`, `1.5`, `NaN`, `inf`), through the
/// browser's own number formatting.
fn js_number(v: &JsValue) -> String {
    let s = String::from(
        js_sys::Number::unchecked_from_js_ref(v)
            .to_string_with_radix(10)
            .unwrap_or_else(|_| js_sys::JsString::from("NaN")),
    );
    match s.as_str() {
        "Infinity" => "inf".to_string(),
        "-Infinity" => "-inf".to_string(),
        "NaN" => s,
        _ if s.contains('.') => s,
        _ => s + ".0",
    }
}

/// The version of this build (the workspace version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

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
    // Options (all optional; unknown keys are an error, so that a misspelt option such as
    // `{ language: "en" }` is not silently ignored): `lang`, `"zh"` (default) or `"en"`, the
    // language of the messages; `name`, the file name (reported as `file`; a hint for
    // reading, the content decides).
    let options = Options::parse(&options, &["lang", "name"], "check", USAGE)?;
    let lang = options.string("lang")?;
    let name = options.string("name")?;
    let lang = match lang.as_deref() {
        None => nianbao_core::Lang::Zh,
        Some(s) => lang_of(s, "check", USAGE)?,
    };
    let name = name.as_deref();
    let too_large = |n: usize| {
        let (n, max) = (n >> 20, MAX_INPUT >> 20);
        error(
            &format!("输入过大（约 {n} MB），超过 {max} MB 的上限，未读取。年度报告的文字通常不足 1 MB：请只提供报告本身。"),
            &format!("check: the input is too large (about {n} MB; the limit is {max} MB) and was not read. A report is usually under 1 MB."),
        )
    };
    let (read, from_string) = if let Some(text) = js_string(&input, too_large)? {
        let checked = nianbao_core::check_str(&text);
        let r = read::Read {
            checked,
            encoding: None,
        };
        (r, true)
    } else if let Some(bytes) = input_bytes(&input).map_err(|e| {
        let e = thrown(&e);
        error(
            &format!("无法读取输入的字节（check）：{e}。已被转移的 ArrayBuffer 或者不是真正的 Uint8Array？"),
            &format!(
                "check: cannot read the input's bytes (a transferred ArrayBuffer, or not a real Uint8Array): {e}"
            ),
        )
    })? {
        if bytes.length() as usize > MAX_INPUT {
            return Err(too_large(bytes.length() as usize));
        }
        (read::bytes(&bytes.to_vec(), name), false)
    } else {
        return Err(error(
            "输入的类型不对（check 的第一个参数）：应为字符串（报告的文字或 HTML）、Uint8Array 或 ArrayBuffer（文件的字节）。",
            &format!("check: bad input: {USAGE}"),
        ));
    };
    report_object(&read.checked, name, lang, from_string)
}

/// The bytes of a `Uint8Array` or an `ArrayBuffer` input as a fresh view of our own (not yet
/// copied into the wasm); `None` for any other input. The input's own properties are read with
/// `Reflect.get` and the view is made with `Reflect.construct`, so an object that only looks like
/// one (made from the prototype, a Proxy, a detached buffer) gives an error, never an exception
/// through the wasm, and its `length` cannot lie to the copy.
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
pub(crate) fn to_js(dto: &nianbao_contract::ReportDto) -> Result<JsValue, JsValue> {
    contract::report(dto)
        .map_err(|e| JsError::new(&format!("could not serialise the result: Error: {e}")).into())
}
