//! Reading what a JavaScript caller passes to the exports: option objects, strings and
//! their limits, and the errors (Chinese first, English second) for anything else.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Every function exported to JavaScript (`check`, `mount`, `unmount`, `restart`, `version`)
/// returns its result or throws an `Error` whose message is Chinese first and English second
/// (`中文 / English`), for any argument of any JavaScript type: nothing the caller passes may
/// panic (trap) in the wasm, and no exception of the caller's objects may unwind through it
/// (which would skip Rust's clean-up: borrows, the shadow stack). So arguments are only read
/// with type tests and `Reflect` calls, which return an error instead of throwing through wasm;
/// see `tests/e2e/boundary.test.mjs` (garbage of every type through the real glue) and
/// `crates/web/tests/boundary.rs`.
pub(crate) fn error(zh: &str, en: &str) -> JsValue {
    JsError::new(&format!("{zh} / {en}")).into()
}

/// At most 40 characters of a caller's string, quoted, for a message.
pub(crate) fn shown(s: &str) -> String {
    cut(s, 40)
}

pub(crate) fn cut(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{:?}…", &s[..i]),
        None => format!("{s:?}"),
    }
}

/// What a thrown JavaScript value says (its `message`, read without running the caller's code
/// unchecked), for a message of ours.
pub(crate) fn thrown(e: &JsValue) -> String {
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
pub(crate) const MAX_INPUT: usize = nianbao_core::input::MAX_INPUT_BYTES;

/// `v` as a string when it is one, refused when longer than [`MAX_INPUT`].
pub(crate) fn js_string(
    v: &JsValue,
    too_long: impl Fn(usize) -> JsValue,
) -> Result<Option<String>, JsValue> {
    match v.dyn_ref::<js_sys::JsString>() {
        Some(s) if s.length() as usize > MAX_INPUT => Err(too_long(s.length() as usize)),
        Some(_) => Ok(v.as_string()),
        None => Ok(None),
    }
}

/// `"zh"`/`"en"` (and what `Lang::parse` accepts), or the error naming the bad value.
pub(crate) fn lang_of(s: &str, what: &str, usage: &str) -> Result<nianbao_core::Lang, JsValue> {
    nianbao_core::Lang::parse(s).ok_or_else(|| {
        let s = shown(s);
        error(
            &format!("选项 lang 不对（{what}）：{s}，应为 \"zh\" 或 \"en\"。"),
            &format!("{what}: unknown lang {s} (expected \"zh\" or \"en\"); {usage}"),
        )
    })
}

/// An options object as JavaScript gives it. Read by hand (`Reflect.get` and type checks),
/// not through serde: its error messages would link the float formatting machinery.
pub(crate) struct Options {
    /// `None`: `undefined` or `null`, every option at its default.
    object: Option<JsValue>,
    what: &'static str,
    usage: &'static str,
}

impl Options {
    /// `undefined`/`null` give the defaults; anything but a plain object, or an unknown key,
    /// is an `Error` naming the problem and the usage. Only `Reflect` reads it (a revoked Proxy or
    /// a throwing trap gives an error, not an exception through the wasm).
    pub(crate) fn parse(
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

    pub(crate) fn string(&self, key: &str) -> Result<Option<String>, JsValue> {
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

    pub(crate) fn boolean(&self, key: &str) -> Result<Option<bool>, JsValue> {
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
pub(crate) fn js_number(v: &JsValue) -> String {
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
