//! The JavaScript API `check`, run by wasm-bindgen-test in Node
//! (`cargo test --target wasm32-unknown-unknown -p nianbao-web --test node`) and, with
//! `WASM_BINDGEN_USE_BROWSER=1`, the same tests in headless Chromium.
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
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
    // the seed's one slip, 等反面 (TEXT-TYPO), is a warning
    assert_eq!(v["verdict"], "warn", "{v:#}");
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

/// The English part of the message of the `Error` thrown by `check`, after checking that the
/// message is Chinese first (`中文 / English`).
fn error_of(input: JsValue, options: JsValue) -> String {
    let e = nianbao_web::check(input, options).expect_err("check should throw");
    let e: js_sys::Error = e.dyn_into().expect("an Error object");
    let msg = String::from(e.message());
    let (zh, en) = msg.split_once(" / ").expect("Chinese / English");
    assert!(
        zh.starts_with(|c: char| ('\u{3000}'..='\u{9fff}').contains(&c)),
        "Chinese first: {msg}"
    );
    en.to_string()
}

#[wasm_bindgen_test]
fn bad_input_types_are_clear_errors_not_panics() {
    for input in [
        JsValue::from_f64(42.0),
        JsValue::UNDEFINED,
        JsValue::NULL,
        js(serde_json::json!({ "text": SEED })),
        js_sys::Array::new().into(),
    ] {
        let msg = error_of(input, JsValue::UNDEFINED);
        assert!(
            msg.contains("bad input") && msg.contains("Uint8Array"),
            "{msg}"
        );
    }
}

#[wasm_bindgen_test]
fn bad_options_are_clear_errors() {
    let seed = || JsValue::from_str(SEED);
    let msg = error_of(seed(), js(serde_json::json!({ "lang": "xx" })));
    assert!(
        msg.contains("unknown lang") && msg.contains("\"xx\""),
        "{msg}"
    );
    // a misspelt option is not silently ignored
    let msg = error_of(seed(), js(serde_json::json!({ "language": "en" })));
    assert!(
        msg.contains("bad options") && msg.contains("language"),
        "{msg}"
    );
    let msg = error_of(seed(), js(serde_json::json!({ "name": 5 })));
    assert!(msg.contains("bad options"), "{msg}");
    // wrong types are named in serde's words (the options were once read through serde)
    for (options, expected) in [
        (
            serde_json::json!({ "name": 5 }),
            "check: bad options (invalid type: floating point `5.0`, expected a string); check(input",
        ),
        (
            serde_json::json!({ "lang": 1.5 }),
            "check: bad options (invalid type: floating point `1.5`, expected a string); check(input",
        ),
        (
            serde_json::json!({ "lang": true }),
            "check: bad options (invalid type: boolean `true`, expected a string); check(input",
        ),
        (
            serde_json::json!({ "lang": ["en"] }),
            "check: bad options (invalid type: object, expected a string); check(input",
        ),
    ] {
        let msg = error_of(seed(), js(options));
        assert!(msg.starts_with(expected), "{msg}");
    }
    // null and undefined values are the defaults
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"lang".into(), &JsValue::NULL).unwrap();
    js_sys::Reflect::set(&o, &"name".into(), &JsValue::UNDEFINED).unwrap();
    assert!(nianbao_web::check(seed(), o.into()).is_ok());
    for options in [
        JsValue::from_str("en"),
        JsValue::from_f64(1.0),
        js_sys::Array::new().into(),
    ] {
        let msg = error_of(seed(), options);
        assert!(msg.contains("bad options") && msg.contains("lang"), "{msg}");
    }
}

fn check_bytes_as(input: JsValue, name: Option<&str>) -> Value {
    let options = match name {
        Some(n) => js(serde_json::json!({ "name": n })),
        None => JsValue::UNDEFINED,
    };
    let out = nianbao_web::check(input, options).expect("check failed");
    serde_wasm_bindgen::from_value(out).unwrap()
}

fn u8(bytes: &[u8]) -> JsValue {
    js_sys::Uint8Array::from(bytes).into()
}

#[wasm_bindgen_test]
fn file_bytes_as_uint8array_or_arraybuffer() {
    let v = check_bytes_as(u8(SEED.as_bytes()), Some("seed.txt"));
    assert_eq!(v["verdict"], "warn", "{v:#}");
    assert_eq!(v["kind"], "text");
    assert_eq!(v["file"], "seed.txt");
    assert_eq!(v["agency"], "洛阳市科学技术局");
    // spans index into `text`, which the caller did not have as a string
    assert_eq!(v["text"], SEED);

    let buf = js_sys::Uint8Array::from(SEED.as_bytes()).buffer();
    let v = check_bytes_as(buf.into(), None);
    assert_eq!(v["verdict"], "warn", "{v:#}");
    assert_eq!(v["file"], Value::Null);

    // UTF-8 with a BOM
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(SEED.as_bytes());
    assert_eq!(check_bytes_as(u8(&bom), None)["verdict"], "warn");
}

#[wasm_bindgen_test]
fn gbk_bytes_are_decoded_by_the_runtime_text_decoder() {
    // the fixture is GB18030 (made with Python from seed.txt), not valid UTF-8
    let gbk: &[u8] = include_bytes!("../../../tests/fixtures/page/seed-gbk.txt");
    let v = check_bytes_as(u8(gbk), Some("seed-gbk.txt"));
    assert_eq!(v["status"], "ok", "{v:#}");
    assert_eq!(v["verdict"], "warn", "{v:#}");
    assert_eq!(v["kind"], "text");
    assert_eq!(v["agency"], "洛阳市科学技术局");
    assert_eq!(v["text"], SEED);
}

#[wasm_bindgen_test]
fn bad_bytes_are_unreadable_with_a_message() {
    let zh = |v: &Value| v["error"].as_str().unwrap_or("").to_string();
    // binary
    let v = check_bytes_as(u8(&[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xFF, 0x10]), None);
    assert_eq!(
        (v["status"].as_str(), v["kind"].as_str()),
        (Some("unreadable"), Some("unreadable")),
        "{v:#}"
    );
    assert!(
        zh(&v).contains("二进制") || zh(&v).contains("不是文本"),
        "{v:#}"
    );
    // empty
    let v = check_bytes_as(u8(&[]), Some("empty.txt"));
    assert_eq!(v["verdict"], "unreadable", "{v:#}");
    assert!(!zh(&v).is_empty());
    // neither UTF-8 nor GB18030
    let v = check_bytes_as(u8(&[0xB1, 0xED, 0xFF, 0xFF, 0x81, 0x20]), None);
    assert_eq!(v["verdict"], "unreadable", "{v:#}");
    assert!(zh(&v).contains("GBK"), "{v:#}");
}

/// The Word reader's seed document (tests/fixtures/docx, made by scripts/make-docx-fixtures.sh).
const DOCX: &[u8] = include_bytes!("../../../tests/fixtures/docx/seed.docx");

/// The synchronous `check` has no .docx reader (it is in the reader module): it says to use
/// the `Promise` form.
#[wasm_bindgen_test]
fn docx_bytes_in_the_synchronous_check_point_to_check_async() {
    let v = check_bytes_as(u8(DOCX), Some("seed.docx"));
    assert_eq!(v["verdict"], "unreadable", "{v:#}");
    assert!(
        v["error"].as_str().unwrap_or("").contains("check_async"),
        "{v:#}"
    );
}

/// Installs `globalThis.__nianbaoRead` (the loader's hook that runs the reader module) as
/// `hook`, or removes it.
fn set_reader_hook(hook: Option<&js_sys::Function>) {
    let key = JsValue::from_str("__nianbaoRead");
    match hook {
        Some(f) => js_sys::Reflect::set(&js_sys::global(), &key, f).unwrap(),
        None => js_sys::Reflect::delete_property(&js_sys::global(), &key).unwrap(),
    };
}

async fn check_async_bytes(bytes: &[u8], name: &str) -> Value {
    let options = js(serde_json::json!({ "name": name }));
    let out = nianbao_web::check_async(u8(bytes), options)
        .await
        .expect("check_async failed");
    serde_wasm_bindgen::from_value(out).unwrap()
}

/// `check_async` hands .docx bytes to the loader's hook and checks what comes back (the reader
/// module's encoding): here a stand-in hook that runs the core's readers in this module.
#[wasm_bindgen_test]
async fn check_async_reads_word_through_the_reader_hook() {
    let reader =
        wasm_bindgen::closure::Closure::<dyn Fn(js_sys::Uint8Array) -> js_sys::Promise>::new(
            |b: js_sys::Uint8Array| {
                let read = nianbao_core::readers::read_bytes(&b.to_vec());
                let out = js_sys::Uint8Array::from(&nianbao_core::readers::wire::encode(&read)[..]);
                js_sys::Promise::resolve(&wasm_bindgen::JsValue::from(out))
            },
        );
    set_reader_hook(Some(reader.as_ref().unchecked_ref()));
    let v = check_async_bytes(DOCX, "seed.docx").await;
    assert_eq!(v["kind"], "docx", "{v:#}");
    assert_eq!(v["verdict"], "warn", "{v:#}");
    assert_eq!(v["agency"], "洛阳市科学技术局");
    assert_eq!(v["cells"]["T3.R1.C1"], 0);
    // the spans index into `text`: the document's text as read
    let text = v["text"].as_str().unwrap_or("");
    assert!(text.contains("洛阳市科学技术局"), "{v:#}");
    // a .docx cut short in download: the reader's message
    let v = check_async_bytes(&DOCX[..3000], "report.docx").await;
    assert_eq!(v["verdict"], "unreadable", "{v:#}");
    assert!(
        v["error"].as_str().unwrap_or("").contains("文件不完整"),
        "{v:#}"
    );
    // text goes nowhere near the hook
    let v = check_async_bytes(SEED.as_bytes(), "seed.txt").await;
    assert_eq!(
        (v["kind"].as_str(), v["verdict"].as_str()),
        (Some("text"), Some("warn"))
    );

    // a hook that returns garbage, one that fails, none at all: a message, never a panic
    let garbage =
        js_sys::Function::new_no_args("return Promise.resolve(new Uint8Array([1, 2, 3]));");
    set_reader_hook(Some(&garbage));
    let v = check_async_bytes(DOCX, "seed.docx").await;
    assert!(
        v["error"]
            .as_str()
            .unwrap_or("")
            .contains("读取模块返回的数据无效"),
        "{v:#}"
    );
    let failing = js_sys::Function::new_no_args("return Promise.reject(new Error('offline'));");
    set_reader_hook(Some(&failing));
    let v = check_async_bytes(DOCX, "seed.docx").await;
    let e = v["error"].as_str().unwrap_or("");
    assert!(e.contains("读取模块") && e.contains("offline"), "{v:#}");
    let coded = js_sys::Function::new_no_args(
        "var e = new Error('x'); e.nianbao = ['没有读取模块', 'no reader module']; return Promise.reject(e);",
    );
    set_reader_hook(Some(&coded));
    let v = check_async_bytes(DOCX, "seed.docx").await;
    assert_eq!(v["error"], "没有读取模块", "{v:#}");
    set_reader_hook(None);
    let v = check_async_bytes(DOCX, "seed.docx").await;
    assert!(
        v["error"].as_str().unwrap_or("").contains("nianbao.js"),
        "{v:#}"
    );
    // bad arguments reject the promise with check's error
    let e = nianbao_web::check_async(JsValue::from_f64(1.0), JsValue::UNDEFINED).await;
    assert!(e.is_err());
}

#[wasm_bindgen_test]
fn html_strings_are_read_as_html() {
    let html = "<!doctype html><html><body><p>欢迎访问本网站。</p></body></html>";
    let v = check(html);
    assert_eq!(v["kind"], "html", "{v:#}");
    assert_eq!(v["verdict"], "unreadable", "{v:#}");
    assert!(v["text"].is_string(), "spans index into `text`: {v:#}");
    // a saved web page of the seed (the HTML reader's fixture), as a string and as bytes
    let page = include_str!("../../../tests/fixtures/html/seed-2021.html");
    let v = check(page);
    assert_eq!(
        (&v["kind"], &v["verdict"]),
        (&"html".into(), &"warn".into()),
        "{v:#}"
    );
    assert_eq!(v["agency"], "洛阳市科学技术局");
    let v = check_bytes_as(u8(page.as_bytes()), Some("seed.html"));
    assert_eq!(
        (&v["kind"], &v["verdict"]),
        (&"html".into(), &"warn".into()),
        "{v:#}"
    );
    // plain text in, no `text` out: the spans index into the caller's own string
    let v = check(SEED);
    assert_eq!(v["kind"], "text");
    assert!(v.get("text").is_none(), "{v:#}");
}

#[wasm_bindgen_test]
fn restart_is_a_no_op_in_a_running_instance() {
    nianbao_web::restart();
    nianbao_web::restart();
    assert_eq!(check(SEED)["verdict"], "warn");
}

/// Every fixture of the repository (the input part).
const FIXTURES: &[&str] = &[
    include_str!("../../../tests/fixtures/cases/01_seed.txt"),
    include_str!("../../../tests/fixtures/cases/02_r1_c1_changed.txt"),
    include_str!("../../../tests/fixtures/cases/03_total_changed.txt"),
    include_str!("../../../tests/fixtures/cases/04_t4_totals_zero.txt"),
    include_str!("../../../tests/fixtures/cases/05_blank_total.txt"),
    include_str!("../../../tests/fixtures/cases/06_placeholders.txt"),
    include_str!("../../../tests/fixtures/cases/07_section_misnumbered.txt"),
    include_str!("../../../tests/fixtures/cases/08_section_missing.txt"),
    include_str!("../../../tests/fixtures/cases/09_not_a_report.txt"),
    include_str!("../../../tests/fixtures/cases/10_empty.txt"),
    include_str!("../../../tests/fixtures/cases/11_bad_cells.txt"),
    include_str!("../../../tests/fixtures/cases/12_spaces_fullwidth.txt"),
    include_str!("../../../tests/fixtures/cases/13_outdated_2019.txt"),
    include_str!("../../../tests/fixtures/cases/14_mixed.txt"),
    include_str!("../../../tests/fixtures/cases/15_two_errors.txt"),
    include_str!("../../../tests/fixtures/cases/16_table3_missing.txt"),
    include_str!("../../../tests/fixtures/cases/17_text_slips.txt"),
    include_str!("../../../tests/fixtures/cases/18_text_vs_table.txt"),
    include_str!("../../../tests/fixtures/cases/19_deadline_late.txt"),
    include_str!("../../../tests/fixtures/cases/20_deadline_on_time.txt"),
];

fn stringify(v: &JsValue) -> String {
    String::from(js_sys::JSON::stringify(v).unwrap())
}

/// One contract: the objects `check()`, `nianbao-result` and the JSON export hand to
/// JavaScript (`src/contract.rs`, serde-wasm-bindgen) stringify to exactly the JSON the CLI
/// writes of the same DTOs with serde_json (same keys in the same order, null for None, numbers
/// as numbers, `cells` an object in table order), for every fixture, both languages and both
/// span units, and for the JSON export's `{ version, reports }`.
#[wasm_bindgen_test]
fn contract_objects_are_the_clis_json() {
    use nianbao_contract::{checked_dto, RunDto, SpanUnits, CONTRACT_VERSION};
    let mut texts: Vec<&str> = FIXTURES
        .iter()
        .map(|f| f.split("==== expect ====").next().unwrap())
        .collect();
    texts.push(SEED);
    texts.push("<table><tr><td>not a report</td></tr></table>");
    let mut reports = Vec::new();
    for text in texts {
        let c = nianbao_core::check_str(text);
        for lang in [nianbao_core::Lang::Zh, nianbao_core::Lang::En] {
            for (units, file) in [(SpanUnits::Utf16, None), (SpanUnits::Chars, Some("a.txt"))] {
                let dto = checked_dto(&c, file, lang, units);
                let ours = nianbao_web::contract::report(&dto).unwrap();
                assert_eq!(stringify(&ours), json(&dto));
                reports.push(dto);
            }
        }
    }
    let unreadable = nianbao_contract::unreadable_dto(Some("x.doc"), "读不了");
    assert_eq!(
        stringify(&nianbao_web::contract::report(&unreadable).unwrap()),
        json(&unreadable)
    );
    // decimals, blanks, text, integers at the edge of the safe range
    let mut dto = unreadable.clone();
    dto.cells = vec![
        ("a".into(), nianbao_contract::CellDto::Dec(12.5)),
        ("b".into(), nianbao_contract::CellDto::Null(None)),
        ("c".into(), nianbao_contract::CellDto::Text("—".into())),
        ("d".into(), nianbao_contract::CellDto::Int((1 << 53) - 1)),
        ("e".into(), nianbao_contract::CellDto::Int(-(1 << 53) + 1)),
        ("f".into(), nianbao_contract::CellDto::Dec(0.1)),
    ];
    assert_eq!(
        stringify(&nianbao_web::contract::report(&dto).unwrap()),
        json(&dto)
    );
    // an integer JavaScript cannot hold: an error that says so
    dto.cells
        .push(("g".into(), nianbao_contract::CellDto::Int(1 << 53)));
    let e = nianbao_web::contract::report(&dto).unwrap_err();
    assert!(e.contains("9007199254740992"), "{e}");
    assert!(!e.starts_with("Error: "), "{e}");
    let run = RunDto {
        version: CONTRACT_VERSION,
        reports,
    };
    assert_eq!(
        stringify(&nianbao_web::contract::run(&run).unwrap()),
        json(&run)
    );
}

/// The CLI's JSON of a DTO (serde_json, compact, as `JSON.stringify` writes it).
fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}
