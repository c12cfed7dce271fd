//! Input of any kind into the core, as the page and the JS API share it.
//!
//! This module (the page's first load) has no .docx or PDF reader: such bytes
//! (`nianbao_core::readers::file_reader`) go to the *reader module*, a second wasm module the
//! loader (`www/nianbao.js`) fetches and instantiates only when such a file arrives. The
//! loader's hook `globalThis.__nianbaoRead(bytes: Uint8Array): Promise<Uint8Array>` returns
//! the reader's result as the bytes of `nianbao_core::readers::wire::encode`, checked here with
//! `nianbao_core::check_read`. Text and HTML are read here (`nianbao_core::readers::read_text_bytes`);
//! text the core could not decode because it is not UTF-8 is decoded with the browser's
//! `TextDecoder("gb18030")` (the wasm build leaves the core's own GBK tables out to stay small)
//! and checked as text.
//!
//! Nor has this module the rules (issue 11: the first load): it reads and shows reports.
//! [`Read::complete`] hands the document to the *full-check module* (`__nianbaoFull(document,
//! terms): Promise<Uint8Array>`, fetched by the loader when the user starts to work with the page, or
//! at the first check), which checks it — every rule, the prose checks, the error localiser —
//! and returns the report's findings and evaluations (`nianbao_core::rules::wire`). When that
//! module cannot run, the result says so first (CHECK-INCOMPLETE): never a report that looks
//! as if it had no problems.

use nianbao_core::readers::{self, wire, Document, InputError, Kind};
use nianbao_core::{Checked, InputKind, ReadStatus};

/// What was read, and how the text was decoded when the browser had to help.
pub struct Read {
    pub checked: Checked,
    /// `Some("GBK/GB18030")` when the browser's decoder was used.
    pub encoding: Option<&'static str>,
    /// The document as the full-check module takes it (`readers::wire`), until
    /// [`Read::complete`] ran; `None` when there is nothing to complete (an unreadable input).
    document: Option<Vec<u8>>,
}

/// Label of the legacy encoding the browser decodes.
pub const LEGACY: &str = "GBK/GB18030";

/// The global function of the loader that runs the reader module.
const HOOK: &str = "__nianbaoRead";
/// The global function of the loader that runs the full-check module, and its synchronous
/// form (`undefined` until the module is loaded).
const FULL_HOOK: &str = "__nianbaoFull";
const FULL_NOW_HOOK: &str = "__nianbaoFullNow";

impl Read {
    /// What a reader read (`wire`: its encoding, when the reader module gave it), checked at
    /// once by this module.
    fn new(read: Result<(Kind, Document), InputError>, wire: Option<Vec<u8>>) -> Read {
        // A core with every rule (the wasm tests build this module so) checked it here already.
        let document = match &read {
            Ok(_) if !nianbao_core::COMPLETE => Some(wire.unwrap_or_else(|| wire::encode(&read))),
            _ => None,
        };
        Read {
            checked: nianbao_core::check_read(read),
            encoding: None,
            document,
        }
    }

    /// Checked here already (a module with every rule), or nothing to check: the user's terms
    /// are applied here.
    fn checked_here(&mut self, terms: &str) {
        let c = &mut self.checked;
        nianbao_core::apply_terms_text(&mut c.analysis, &c.text, terms);
    }

    /// Checks the document in the full-check module (loaded now if it is not yet), with the
    /// user's own `terms`. When the module cannot run, the result has a CHECK-INCOMPLETE warning
    /// that says why.
    pub async fn complete(&mut self, terms: &str) {
        let Some(document) = self.document.take() else {
            return self.checked_here(terms);
        };
        let outcome = full_module(&document, terms).await;
        self.take_findings(outcome);
    }

    /// [`Read::complete`] for the synchronous `check` export: only when the full-check module
    /// is already loaded (asking for it loads it for the next call); otherwise the result has a
    /// CHECK-INCOMPLETE warning that says why.
    pub fn complete_now(&mut self, terms: &str) {
        if !self.try_complete_now(terms) {
            self.document = None;
            self.take_findings(Err((
                "模块还在加载，同步的 check 这次不能校验；返回 Promise 的 nianbao.check 会等它加载".to_string(),
                "it is still loading, and the synchronous check cannot wait; nianbao.check, which returns a Promise, waits for it".to_string(),
            )));
        }
    }

    /// [`Read::complete`] at once when it can be (nothing to check, or the full-check module is
    /// loaded already): `false`, and nothing done, when the module is not there yet (asking
    /// for it starts loading it).
    pub fn try_complete_now(&mut self, terms: &str) -> bool {
        let Some(document) = self.document.take() else {
            self.checked_here(terms);
            return true;
        };
        match full_module_now(&document, terms) {
            Some(outcome) => {
                self.take_findings(outcome);
                true
            }
            None => {
                self.document = Some(document);
                false
            }
        }
    }

    fn take_findings(&mut self, outcome: Result<Vec<u8>, (String, String)>) {
        let analysis = &mut self.checked.analysis;
        if analysis.report.status != ReadStatus::Ok {
            return; // nothing to check in a report that could not be read
        }
        let decoded = outcome.and_then(|b| {
            nianbao_core::rules::wire::decode(&b, &analysis.report, &self.checked.text)
                .ok_or_else(|| {
                    (
                        "检查模块返回的数据无效，可能是页面文件的版本不一致".to_string(),
                        "the module returned invalid data; the page's files may be of different versions".to_string(),
                    )
                })
        });
        match decoded {
            Ok((findings, evaluations)) => {
                analysis.findings = findings;
                analysis.evaluations = evaluations;
            }
            Err((zh, en)) => nianbao_core::check_incomplete(analysis, &zh, &en),
        }
    }
}

/// Reads and checks report text (plain text or HTML, such as clipboard HTML).
pub fn text(text: &str) -> Read {
    Read::new(readers::read_str(text), None)
}

/// Reads and checks a file's bytes of any kind; `name` is a hint only. A .docx or PDF file is
/// read by the reader module (loaded now if it is not yet).
pub async fn bytes(bytes: &[u8], name: Option<&str>) -> Read {
    match readers::file_reader(bytes) {
        Some(kind) => {
            let (read, wire) = reader_module(bytes, kind).await;
            Read::new(read, wire)
        }
        None => text_bytes(bytes, name),
    }
}

/// Reads and checks a text or HTML file's bytes; a .docx or PDF file gets the message that it
/// needs the reader module (the synchronous `check` export; see [`bytes`]).
pub fn text_bytes(bytes: &[u8], _name: Option<&str>) -> Read {
    if let Some(kind) = readers::file_reader(bytes) {
        return Read::new(Err(needs_async(kind)), None);
    }
    let read = Read::new(readers::read_text_bytes(bytes), None);
    if needs_legacy_decoding(&read.checked, bytes) {
        if let Some(text) = decode_legacy(bytes) {
            let mut r = Read::new(readers::read_str(&text), None);
            r.encoding = Some(LEGACY);
            return r;
        }
    }
    read
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

/// The reader module's result for `bytes`, through the loader's hook, and the bytes it came
/// as (the full-check module takes them as they are).
#[cfg(target_arch = "wasm32")]
async fn reader_module(
    bytes: &[u8],
    kind: Kind,
) -> (Result<(Kind, Document), InputError>, Option<Vec<u8>>) {
    use wasm_bindgen::JsCast;
    match call_loader(HOOK, &[&js_sys::Uint8Array::from(bytes).into()]).await {
        Ok(v) => match v.dyn_into::<js_sys::Uint8Array>() {
            Ok(b) => {
                let b = b.to_vec();
                (wire::decode(&b), Some(b))
            }
            Err(_) => (Err(wire::damaged()), None),
        },
        Err(None) => (Err(reader_failed(kind, "no loader: nianbao.js")), None),
        Err(Some(e)) => (
            Err(coded(&e).unwrap_or_else(|| reader_failed(kind, &why(&e)))),
            None,
        ),
    }
}

/// The full-check module's findings for `document` (its bytes), through the loader's hook; the
/// reason in both languages when it could not run.
#[cfg(target_arch = "wasm32")]
async fn full_module(document: &[u8], terms: &str) -> Result<Vec<u8>, (String, String)> {
    use wasm_bindgen::JsCast;
    let args = [&js_sys::Uint8Array::from(document).into(), &terms.into()];
    match call_loader(FULL_HOOK, &args).await {
        Ok(v) => v
            .dyn_into::<js_sys::Uint8Array>()
            .map(|b| b.to_vec())
            .map_err(|_| full_failed("no bytes")),
        Err(None) => Err(full_failed("no loader: nianbao.js")),
        Err(Some(e)) => Err(coded(&e).map_or_else(|| full_failed(&why(&e)), |c| (c.zh, c.en))),
    }
}

/// [`full_module`] when the module is loaded already (the loader's synchronous hook); `None`
/// when it is not.
#[cfg(target_arch = "wasm32")]
fn full_module_now(document: &[u8], terms: &str) -> Option<Result<Vec<u8>, (String, String)>> {
    use wasm_bindgen::{JsCast, JsValue};
    let f = js_sys::Reflect::get(&js_sys::global(), &FULL_NOW_HOOK.into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let doc: JsValue = js_sys::Uint8Array::from(document).into();
    match f.call2(&JsValue::NULL, &doc, &terms.into()) {
        Ok(v) if v.is_undefined() => None,
        Ok(v) => Some(
            v.dyn_into::<js_sys::Uint8Array>()
                .map(|b| b.to_vec())
                .map_err(|_| full_failed("no bytes")),
        ),
        Err(e) => Some(Err(
            coded(&e).map_or_else(|| full_failed(&why(&e)), |c| (c.zh, c.en))
        )),
    }
}

/// Why the full-check module gave no findings (`why`: what JavaScript said), in both languages.
fn full_failed(why: &str) -> (String, String) {
    (format!("模块错误：{why}"), format!("module error: {why}"))
}

/// Calls the loader's global function `hook` (with `arg`, if any) and awaits its Promise: the
/// value, `Err(None)` when there is no such function, `Err(Some(e))` with what it threw or
/// rejected with.
#[cfg(target_arch = "wasm32")]
async fn call_loader(
    hook: &str,
    args: &[&wasm_bindgen::JsValue],
) -> Result<wasm_bindgen::JsValue, Option<wasm_bindgen::JsValue>> {
    use wasm_bindgen::{JsCast, JsValue};
    let f = js_sys::Reflect::get(&js_sys::global(), &hook.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or(None)?;
    let called = match args {
        [] => f.call0(&JsValue::NULL),
        [a] => f.call1(&JsValue::NULL, a),
        [a, b, ..] => f.call2(&JsValue::NULL, a, b),
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
) -> (Result<(Kind, Document), InputError>, Option<Vec<u8>>) {
    let _ = HOOK;
    (Err(reader_failed(kind, "no browser")), None)
}

/// Native builds (the view tests) have no full-check module.
#[cfg(not(target_arch = "wasm32"))]
async fn full_module(_document: &[u8], _terms: &str) -> Result<Vec<u8>, (String, String)> {
    let _ = FULL_HOOK;
    Err(full_failed("no browser"))
}

/// Native builds (the view tests) have no full-check module.
#[cfg(not(target_arch = "wasm32"))]
fn full_module_now(_document: &[u8], _terms: &str) -> Option<Result<Vec<u8>, (String, String)>> {
    let _ = FULL_NOW_HOOK;
    None
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
    let value = call_loader(DOCS_HOOK, &[]).await.map_err(|e| match e {
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
