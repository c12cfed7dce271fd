//! The contract DTOs of `nianbao-contract` (format.md §10) as plain JavaScript objects,
//! written out by hand: the same objects serde-wasm-bindgen's `Serializer::json_compatible()`
//! made (same keys in the same order, `null` for `None`, numbers as numbers, `cells` as an
//! object in table order), without serde's generic serialiser code in the wasm.
//! `tests/node.rs` compares the two on every fixture.

use js_sys::{Array, Object};
use nianbao_contract::{CellDto, FindingDto, ReportDto, RunDto};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// A plain object whose properties are set with `o[key] = value`.
    #[wasm_bindgen(extends = Object)]
    type Obj;
    #[wasm_bindgen(method, indexing_setter)]
    fn set(this: &Obj, key: &str, value: &JsValue);
}

fn obj() -> Obj {
    Object::new().unchecked_into()
}

/// Why a DTO could not be made a JavaScript value (serde-wasm-bindgen's message).
pub type Unrepresentable = String;

fn string(s: &str) -> JsValue {
    JsValue::from_str(s)
}

fn opt_string(s: &Option<String>) -> JsValue {
    s.as_deref().map_or(JsValue::NULL, string)
}

fn strings(v: &[String]) -> JsValue {
    let a = Array::new();
    for s in v {
        a.push(&string(s));
    }
    a.into()
}

fn cell(c: &CellDto) -> Result<JsValue, Unrepresentable> {
    Ok(match c {
        CellDto::Int(i) => {
            // JavaScript numbers hold integers exactly up to 2^53 - 1.
            const MAX_SAFE: i64 = (1 << 53) - 1;
            if !(-MAX_SAFE..=MAX_SAFE).contains(i) {
                return Err(format!("{i} can't be represented as a JavaScript number"));
            }
            JsValue::from_f64(*i as f64)
        }
        CellDto::Dec(f) => JsValue::from_f64(*f),
        CellDto::Null(_) => JsValue::NULL,
        CellDto::Text(s) => string(s),
    })
}

fn opt_cell(c: &Option<CellDto>) -> Result<JsValue, Unrepresentable> {
    match c {
        Some(c) => cell(c),
        None => Ok(JsValue::NULL),
    }
}

fn finding(f: &FindingDto) -> Result<JsValue, Unrepresentable> {
    let o = obj();
    o.set("rule", &string(&f.rule));
    o.set("severity", &string(&f.severity));
    o.set("outcome", &string(&f.outcome));
    o.set("cells", &strings(&f.cells));
    o.set("expected", &opt_cell(&f.expected)?);
    o.set("actual", &opt_cell(&f.actual)?);
    o.set("suspect", &strings(&f.suspect));
    o.set("message", &string(&f.message));
    let span = match &f.span {
        Some(s) => {
            let span = obj();
            span.set("start", &JsValue::from_f64(s.start as f64));
            span.set("end", &JsValue::from_f64(s.end as f64));
            span.into()
        }
        None => JsValue::NULL,
    };
    o.set("span", &span);
    Ok(o.into())
}

/// A [`ReportDto`] as the object `check()` returns (before `text` is added).
pub fn report(r: &ReportDto) -> Result<JsValue, Unrepresentable> {
    let o = obj();
    o.set("file", &opt_string(&r.file));
    o.set("kind", &string(&r.kind));
    o.set("status", &string(&r.status));
    o.set("error", &opt_string(&r.error));
    o.set("format", &string(&r.format));
    o.set(
        "year",
        &r.year
            .map_or(JsValue::NULL, |y| JsValue::from_f64(y.into())),
    );
    o.set("agency", &opt_string(&r.agency));
    o.set("verdict", &string(&r.verdict));
    let cells = obj();
    for (k, v) in &r.cells {
        cells.set(k, &cell(v)?);
    }
    o.set("cells", &cells);
    let findings = Array::new();
    for f in &r.findings {
        findings.push(&finding(f)?);
    }
    o.set("findings", &findings);
    Ok(o.into())
}

/// A [`RunDto`] (`{ version, reports }`), as the JSON export stringifies it.
pub fn run(r: &RunDto) -> Result<JsValue, Unrepresentable> {
    let o = obj();
    o.set("version", &JsValue::from_f64(r.version.into()));
    let reports = Array::new();
    for x in &r.reports {
        reports.push(&report(x)?);
    }
    o.set("reports", &reports);
    Ok(o.into())
}
