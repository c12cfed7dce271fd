//! No panic across the wasm boundary: every function exported to JavaScript (`check`, `check_async`, `mount`,
//! `unmount`, `restart`, `version`) is called with garbage of every JavaScript type
//! (`tests/e2e/garbage.js`, shared with the end-to-end test of the release glue,
//! `tests/e2e/boundary.test.mjs`), in headless Chromium (wasm-bindgen-test over chromedriver).
//! Each call returns its normal result or an `Error` whose message is Chinese first and English
//! second (`中文 / English`). A panic would abort this test; an exception of the caller's objects
//! thrown through the wasm would fail it; the registry of mounts is left as it was.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");
const GARBAGE: &str = include_str!("../../../tests/e2e/garbage.js");

/// `(label, value)` for every garbage value (made fresh for each call: some are consumed).
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

fn object(pairs: &[(&str, &JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

/// What is wrong with an outcome (`None`: a result, or an `Error` with a Chinese-first message).
fn problem(outcome: Result<JsValue, JsValue>, returns: fn(&JsValue) -> bool) -> Option<String> {
    match outcome {
        Ok(v) if returns(&v) => None,
        Ok(v) => Some(format!("returned {:?}", v.js_typeof())),
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

/// A call, what it gave, and whether a returned value is the right kind.
type Outcome = (&'static str, Result<JsValue, JsValue>, fn(&JsValue) -> bool);

fn is_report(v: &JsValue) -> bool {
    js_sys::Reflect::get(v, &"verdict".into()).is_ok_and(|v| v.is_string())
}

#[wasm_bindgen_test]
fn every_export_with_garbage_of_every_type_returns_or_throws_a_chinese_first_error() {
    nianbao_web::keep_instance_on_panic();
    let doc = gloo::utils::document();
    let div: JsValue = doc.create_element("div").unwrap().into();
    let mounts = nianbao_web::page::mounted_count();
    let seed = JsValue::from_str(SEED);
    let undef = JsValue::UNDEFINED;
    let unit = |r: Result<(), JsValue>| r.map(|()| JsValue::UNDEFINED);
    let mut problems = Vec::new();
    let mut calls = 0;
    for (label, make) in garbage() {
        let v = || make.call0(&JsValue::NULL).expect("make() runs");
        let outcomes: [Outcome; 11] = [
            (
                "check(v)",
                nianbao_web::check(v(), undef.clone()),
                is_report,
            ),
            (
                "check(seed, v)",
                nianbao_web::check(seed.clone(), v()),
                is_report,
            ),
            (
                "check(seed, { lang: v })",
                nianbao_web::check(seed.clone(), object(&[("lang", &v())])),
                is_report,
            ),
            (
                "check(seed, { name: v })",
                nianbao_web::check(seed.clone(), object(&[("name", &v())])),
                is_report,
            ),
            (
                "mount(v)",
                {
                    let el = v();
                    let r = unit(nianbao_web::mount(&el, &undef));
                    nianbao_web::unmount(&el);
                    r
                },
                JsValue::is_undefined,
            ),
            (
                "mount(div, v)",
                unit(nianbao_web::mount(&div, &v())),
                JsValue::is_undefined,
            ),
            (
                "mount(div, { mode: v })",
                unit(nianbao_web::mount(&div, &object(&[("mode", &v())]))),
                JsValue::is_undefined,
            ),
            (
                "mount(div, { text: v, compact: true })",
                unit(nianbao_web::mount(
                    &div,
                    &object(&[("text", &v()), ("compact", &JsValue::TRUE)]),
                )),
                JsValue::is_undefined,
            ),
            (
                "unmount(v)",
                Ok(nianbao_web::unmount(&v()).into()),
                JsValue::is_falsy,
            ),
            (
                "restart()",
                Ok({
                    nianbao_web::restart();
                    JsValue::UNDEFINED
                }),
                JsValue::is_undefined,
            ),
            (
                "version()",
                Ok(nianbao_web::version().into()),
                JsValue::is_string,
            ),
        ];
        for (call, outcome, returns) in outcomes {
            calls += 1;
            if let Some(p) = problem(outcome, returns) {
                problems.push(format!("{call} with {label}: {p}"));
            }
        }
    }
    nianbao_web::unmount(&div);
    assert!(calls > 800, "{calls} calls");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(
        nianbao_web::page::mounted_count(),
        mounts,
        "no mount left behind"
    );
    // and the validator still works
    let r = nianbao_web::check(seed, undef).unwrap();
    assert_eq!(
        js_sys::Reflect::get(&r, &"verdict".into()).unwrap(),
        // the seed's one slip (等反面) is a warning
        JsValue::from_str("warn")
    );
}

/// `check_async` (what the loader's `nianbao.check` calls) reads its arguments as `check` does:
/// with garbage of every type, the promise resolves to a report or rejects with a Chinese-first
/// `Error`, never a panic.
#[wasm_bindgen_test]
async fn check_async_with_garbage_resolves_or_rejects_with_a_chinese_first_error() {
    nianbao_web::keep_instance_on_panic();
    let seed = JsValue::from_str(SEED);
    let mut problems = Vec::new();
    let mut calls = 0;
    for (label, make) in garbage() {
        let v = || make.call0(&JsValue::NULL).expect("make() runs");
        for (call, outcome) in [
            (
                "check_async(v)",
                nianbao_web::check_async(v(), JsValue::UNDEFINED).await,
            ),
            (
                "check_async(seed, v)",
                nianbao_web::check_async(seed.clone(), v()).await,
            ),
        ] {
            calls += 1;
            if let Some(p) = problem(outcome, is_report) {
                problems.push(format!("{call} with {label}: {p}"));
            }
        }
    }
    assert!(calls > 150, "{calls} calls");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
