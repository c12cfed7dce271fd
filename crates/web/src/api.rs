//! The functions exported to JavaScript: `mount`, `unmount`, `check`, `check_async`, `version` (the panic
//! path's `restart` is in `panic`), and the contract object `check` returns.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::args::{error, js_string, lang_of, shown, thrown, Options, MAX_INPUT};
use crate::panic::install_panic_hook;
use crate::{contract, page, read};

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

/// Stops the validator mounted in `element`: removes its event listeners (also those on
/// `window`) and its elements. Returns whether it was mounted there.
#[wasm_bindgen]
pub fn unmount(element: &JsValue) -> bool {
    element
        .dyn_ref::<web_sys::Element>()
        .is_some_and(page::unmount)
}

/// The version of this build (the workspace version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

const USAGE: &str = "check(input, options): input is a string (report text or HTML), a Uint8Array or an ArrayBuffer (a file's bytes; for a File or Blob pass new Uint8Array(await file.arrayBuffer())); options is undefined or { lang: \"zh\" | \"en\", name: \"report.pdf\" }";

/// Validates one report: `check(input, options?)`.
///
/// `input`: a string (plain report text, or HTML such as a saved page or clipboard HTML), or
/// a file's bytes as a `Uint8Array` or `ArrayBuffer` (.html, .txt in UTF-8, UTF-16 with BOM or
/// GBK/GB18030; the content decides, not the name). `options`: `undefined`, `null` or
/// `{ lang: "zh" | "en", name: "report.docx" }`.
///
/// Returns the contract object of format.md §10 (`nianbao_contract::ReportDto`) as a plain
/// JavaScript object, with text spans in UTF-16 code units, plus `kind` (`"text"` | `"html"` |
/// `"docx"` | `"pdf"` | `"unreadable"`), `complete` (`false` when the rules could not run: see
/// below) and, when the spans do not index into the input string (bytes, HTML), `text`: the
/// text the spans index into.
/// Throws an `Error` for any other input type and for bad options.
///
/// A .docx or PDF file needs the reader module, which this synchronous export cannot wait
/// for: it gives an unreadable result saying so; [`check_async`] (what the loader's
/// `nianbao.check` calls) reads every kind. Likewise the rules are the full-check module's:
/// once it is loaded (by the page when the user starts or at its first check, or by any `nianbao.check`)
/// this export uses it; before, the report is read but not checked, with a CHECK-INCOMPLETE
/// warning, and its `complete` is `false`.
#[wasm_bindgen]
pub fn check(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let args = CheckArgs::parse(&input, &options)?;
    let mut read = match &args.input {
        Input::Text(text) => read::text(text),
        Input::Bytes(bytes) => read::text_bytes(bytes, args.name.as_deref()),
    };
    read.complete_now("");
    args.report(&read)
}

/// `check` for every kind of file, as a `Promise` of the same object: .docx and PDF bytes are
/// read by the reader module, which the loader (`nianbao.js`) fetches on first use. Bad
/// arguments reject the promise with the `Error` `check` throws.
#[wasm_bindgen]
pub async fn check_async(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let args = CheckArgs::parse(&input, &options)?;
    let mut read = match &args.input {
        Input::Text(text) => read::text(text),
        Input::Bytes(bytes) => read::bytes(bytes, args.name.as_deref()).await,
    };
    read.complete("").await;
    args.report(&read)
}

enum Input {
    Text(String),
    Bytes(Vec<u8>),
}

/// The arguments of `check` and `check_async`, read and checked.
struct CheckArgs {
    input: Input,
    lang: nianbao_core::Lang,
    name: Option<String>,
}

impl CheckArgs {
    fn parse(input: &JsValue, options: &JsValue) -> Result<CheckArgs, JsValue> {
        // Options (all optional; unknown keys are an error, so that a misspelt option such as
        // `{ language: "en" }` is not silently ignored): `lang`, `"zh"` (default) or `"en"`,
        // the language of the messages; `name`, the file name (reported as `file`; a hint for
        // reading, the content decides).
        let options = Options::parse(options, &["lang", "name"], "check", USAGE)?;
        let lang = options.string("lang")?;
        let name = options.string("name")?;
        let lang = match lang.as_deref() {
            None => nianbao_core::Lang::Zh,
            Some(s) => lang_of(s, "check", USAGE)?,
        };
        let too_large = |n: usize| {
            let (n, max) = (n >> 20, MAX_INPUT >> 20);
            error(
                &format!("输入过大（约 {n} MB），超过 {max} MB 的上限，未读取。年度报告的文字通常不足 1 MB：请只提供报告本身。"),
                &format!("check: the input is too large (about {n} MB; the limit is {max} MB) and was not read. A report is usually under 1 MB."),
            )
        };
        let input = if let Some(text) = js_string(input, too_large)? {
            Input::Text(text)
        } else if let Some(bytes) = input_bytes(input).map_err(|e| {
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
            Input::Bytes(bytes.to_vec())
        } else {
            return Err(error(
                "输入的类型不对（check 的第一个参数）：应为字符串（报告的文字或 HTML）、Uint8Array 或 ArrayBuffer（文件的字节）。",
                &format!("check: bad input: {USAGE}"),
            ));
        };
        Ok(CheckArgs { input, lang, name })
    }

    fn report(&self, read: &read::Read) -> Result<JsValue, JsValue> {
        let from_string = matches!(self.input, Input::Text(_));
        report_object(&read.checked, self.name.as_deref(), self.lang, from_string)
    }
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
/// page's `nianbao-result` event): format.md §10 with UTF-16 spans, `kind`, `complete` (`false`
/// when the rules could not run: a CHECK-INCOMPLETE finding says why), and `text` when the
/// spans do not index into the caller's own string (`from_string`: the input was that string).
pub(crate) fn report_object(
    c: &nianbao_core::Checked,
    name: Option<&str>,
    lang: nianbao_core::Lang,
    from_string: bool,
) -> Result<JsValue, JsValue> {
    let dto = nianbao_contract::checked_dto(c, name, lang, nianbao_contract::SpanUnits::Utf16);
    let out = to_js(&dto)?;
    // the rules ran (no CHECK-INCOMPLETE: the full-check module was there)
    let complete = !c
        .analysis
        .findings
        .iter()
        .any(|f| f.rule == nianbao_core::RuleId::CheckIncomplete);
    js_sys::Reflect::set(&out, &"complete".into(), &complete.into())?;
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
