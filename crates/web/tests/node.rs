//! The JavaScript API `check`, run by wasm-bindgen-test in Node
//! (`cargo test --target wasm32-unknown-unknown -p nianbao-web --test node`) and, with
//! `WASM_BINDGEN_USE_BROWSER=1`, the same tests in headless Chromium.
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

/// A plain JavaScript object (not a `Map`), as a JS caller would pass.
fn js(v: Value) -> JsValue {
    use serde::Serialize;
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
}

fn check(text: &str) -> Value {
    let out =
        nianbao_web::check(JsValue::from_str(text), JsValue::UNDEFINED).expect("check failed");
    serde_wasm_bindgen::from_value(out).expect("result is plain JSON-like data")
}

#[wasm_bindgen_test]
fn seed_report_passes() {
    let v = check(SEED);
    assert_eq!(v["status"], "ok", "{v:#}");
    assert_eq!(v["verdict"], "pass", "{v:#}");
    assert_eq!(v["agency"], "洛阳市科学技术局");
    assert_eq!(v["year"], 2024);
    assert_eq!(v["format"], "2021");
    // cells: an object keyed by canonical key; numbers as numbers
    assert_eq!(v["cells"]["T3.R1.C1"], 0);
    assert_eq!(v["cells"]["T3.R4.C7"], 0);
    let errors = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .count();
    assert_eq!(errors, 0, "{v:#}");
}

#[wasm_bindgen_test]
fn non_report_text_is_unreadable_with_a_message() {
    let v = check("今天天气很好，我们去公园散步。");
    assert_eq!(v["verdict"], "unreadable", "{v:#}");
    assert_eq!(v["status"], "unreadable", "{v:#}");
    let zh = v["error"].as_str().unwrap_or("");
    assert!(
        zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "Chinese message: {v:#}"
    );
}

#[wasm_bindgen_test]
fn english_messages_on_request() {
    let opts = js(serde_json::json!({ "lang": "en" }));
    let out = nianbao_web::check(JsValue::from_str("hello"), opts).expect("check failed");
    let v: Value = serde_wasm_bindgen::from_value(out).unwrap();
    assert_eq!(v["verdict"], "unreadable");
    let en = v["error"].as_str().unwrap_or("");
    assert!(
        en.starts_with(|c: char| c.is_ascii_alphabetic()),
        "English message: {v:#}"
    );
}

#[wasm_bindgen_test]
fn result_is_a_plain_object() {
    let out = nianbao_web::check(JsValue::from_str(SEED), JsValue::NULL).unwrap();
    assert!(out.is_object());
    // json_compatible: maps become plain objects, so JSON.stringify works on the result
    let json = js_sys::JSON::stringify(&out).unwrap().as_string().unwrap();
    assert!(json.contains("\"T3.R1.C1\":0"), "{json}");
}

#[wasm_bindgen_test]
fn non_string_input_is_an_error_not_a_panic() {
    assert!(nianbao_web::check(JsValue::from_f64(42.0), JsValue::UNDEFINED).is_err());
    let bad = js(serde_json::json!({ "lang": "xx" }));
    assert!(nianbao_web::check(JsValue::from_str(SEED), bad).is_err());
}
