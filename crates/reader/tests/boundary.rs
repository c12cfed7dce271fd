//! The exports of the modules this crate builds — the reader module's `read` and the full-check
//! module's `full`, and `version` — with garbage of every JavaScript type (`tests/e2e/garbage.js`,
//! as `nianbao-web`'s `tests/boundary.rs`) and with real files, in headless Chromium
//! (wasm-bindgen-test over chromedriver; `--all-features` builds both). Each call returns its
//! result — bytes that decode (`nianbao_core::readers::wire::decode`: a document or a reading
//! error; `nianbao_core::rules::wire::decode`: findings) — or an `Error` whose message is
//! `中文 / English`. A panic would abort this test.
#![cfg(target_arch = "wasm32")]

use nianbao_core::readers::{wire, Kind};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");
const GARBAGE: &str = include_str!("../../../tests/e2e/garbage.js");
const DOCX: &[u8] = include_bytes!("../../../tests/fixtures/docx/seed.docx");
const LOCKED: &[u8] = include_bytes!("../../../tests/fixtures/docx/seed-locked.docx");
const PDF: &[u8] = include_bytes!("../../../tests/fixtures/pdf/case-01_seed.txt.pdf");

fn garbage() -> Vec<(String, js_sys::Function)> {
    let make = js_sys::Function::new_with_args("seed", &format!("return ({GARBAGE})(seed);"));
    let list: js_sys::Array = make
        .call1(&JsValue::NULL, &JsValue::from_str(SEED))
        .expect("tests/e2e/garbage.js runs")
        .dyn_into()
        .expect("an array");
    list.iter()
        .map(|v| {
            let get = |k: &str| js_sys::Reflect::get(&v, &k.into()).unwrap();
            (
                get("label").as_string().unwrap(),
                get("make").dyn_into().unwrap(),
            )
        })
        .collect()
}

/// What is wrong with an outcome of an export (`None`: bytes that `decodes`, or a Chinese-first
/// error).
fn problem(outcome: Result<Vec<u8>, JsValue>, decodes: impl Fn(&[u8]) -> bool) -> Option<String> {
    match outcome {
        Ok(b) => (!decodes(&b)).then(|| "returned bytes that do not decode".into()),
        Err(e) => {
            let Some(e) = e.dyn_ref::<js_sys::Error>() else {
                return Some(format!("threw a non-Error: {e:?}"));
            };
            let m = String::from(e.message());
            let zh_first = m
                .chars()
                .next()
                .is_some_and(|c| ('\u{3000}'..='\u{9fff}').contains(&c));
            let en_second = m
                .split_once(" / ")
                .is_some_and(|(_, en)| en.starts_with(|c: char| c.is_ascii_alphabetic()));
            (!(zh_first && en_second)).then(|| format!("message not Chinese first: {m}"))
        }
    }
}

/// `read`'s result decodes: a document or a reading error, never the damage message.
#[cfg(feature = "read")]
fn document(b: &[u8]) -> bool {
    wire::decode(b) != Err(wire::damaged())
}

#[cfg(feature = "read")]
#[wasm_bindgen_test]
fn read_with_garbage_of_every_type_returns_or_throws_a_chinese_first_error() {
    let mut problems = Vec::new();
    let mut calls = 0;
    for (label, make) in garbage() {
        let v = make.call0(&JsValue::NULL).expect("make() runs");
        calls += 1;
        if let Some(p) = problem(nianbao_reader::read(v), document) {
            problems.push(format!("read(v) with {label}: {p}"));
        }
        calls += 1;
        if nianbao_reader::version().is_empty() {
            problems.push(format!("version() after {label}: empty"));
        }
    }
    assert!(calls > 100, "{calls} calls");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // and it still reads
    let r = nianbao_reader::read(js_sys::Uint8Array::from(DOCX).into()).unwrap();
    assert!(matches!(wire::decode(&r), Ok((Kind::Docx, _))));
}

#[cfg(feature = "read")]
#[wasm_bindgen_test]
fn word_and_pdf_files_are_read_and_bad_ones_get_their_message() {
    let read =
        |b: &[u8]| wire::decode(&nianbao_reader::read(js_sys::Uint8Array::from(b).into()).unwrap());
    let (kind, doc) = read(DOCX).unwrap();
    assert_eq!(kind, Kind::Docx);
    assert_eq!(
        (Kind::Docx, doc),
        nianbao_core::readers::read_bytes(DOCX).unwrap()
    );
    let (kind, doc) = read(PDF).unwrap();
    assert_eq!(kind, Kind::Pdf);
    assert!(doc.has_text());
    // an ArrayBuffer too
    let buf = js_sys::Uint8Array::from(PDF).buffer();
    let r = wire::decode(&nianbao_reader::read(buf.into()).unwrap());
    assert!(matches!(r, Ok((Kind::Pdf, _))));
    // a password-protected Word file, a cut PDF: the core's message, Chinese first
    let e = read(LOCKED).unwrap_err();
    assert!(e.zh.contains("密码"), "{e:?}");
    let e = read(&PDF[..PDF.len() / 3]);
    if let Err(e) = e {
        assert!(!e.zh.is_empty() && !e.en.is_empty());
        assert_ne!(e, wire::damaged());
    }
}

/// The seed as the page hands it to the full-check module.
#[cfg(feature = "full")]
fn seed_document() -> Vec<u8> {
    wire::encode(&nianbao_core::readers::read_str(SEED))
}

#[cfg(feature = "full")]
#[wasm_bindgen_test]
fn full_with_garbage_of_every_type_returns_or_throws_a_chinese_first_error() {
    let report = nianbao_core::check_str(SEED).analysis.report;
    let findings = |b: &[u8]| nianbao_core::rules::wire::decode(b, &report, SEED).is_some();
    let seed: JsValue = js_sys::Uint8Array::from(&seed_document()[..]).into();
    let mut problems = Vec::new();
    let mut calls = 0;
    for (label, make) in garbage() {
        // as the document (its bytes are no document: an error), and as the terms
        for (what, outcome) in [
            (
                "full(v, '')",
                nianbao_reader::full(make.call0(&JsValue::NULL).unwrap(), "".into()),
            ),
            (
                "full(seed, v)",
                nianbao_reader::full(seed.clone(), make.call0(&JsValue::NULL).unwrap()),
            ),
        ] {
            calls += 1;
            if let Some(p) = problem(outcome, findings) {
                problems.push(format!("{what} with {label}: {p}"));
            }
        }
    }
    assert!(calls > 100, "{calls} calls");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[cfg(feature = "full")]
#[wasm_bindgen_test]
fn full_checks_a_document_completely_with_the_users_terms() {
    use nianbao_core::RuleId;
    let doc = seed_document();
    let native = nianbao_core::check_str(SEED).analysis;
    let run = |terms: &str| {
        let b =
            nianbao_reader::full(js_sys::Uint8Array::from(&doc[..]).into(), terms.into()).unwrap();
        nianbao_core::rules::wire::decode(&b, &native.report, SEED).expect("findings")
    };
    // what the core finds natively, prose checks and localiser included, and its evaluations
    assert_eq!(
        run(""),
        (native.findings.clone(), native.evaluations.clone())
    );
    assert!(native
        .findings
        .iter()
        .any(|f| f.rule.meta().group == nianbao_core::rules::Group::Text));
    // with the user's own terms, as the core applies them
    let terms = "政务公开工作\n信息公开年报";
    let mut a = nianbao_core::check_str(SEED).analysis;
    nianbao_core::apply_terms(&mut a, SEED, &nianbao_core::Terms::parse(terms));
    assert_eq!(run(terms).0, a.findings);
    // a damaged document: the core's message, Chinese first
    let e = nianbao_reader::full(
        js_sys::Uint8Array::from(&doc[..doc.len() / 2]).into(),
        "".into(),
    )
    .unwrap_err();
    assert!(problem(Err(e), |_| true).is_none());
    assert!(!RuleId::ALL.is_empty());
}
