//! The contract DTOs of `nianbao-contract` (format.md §10) as plain JavaScript objects, through
//! serde-wasm-bindgen's `Serializer::json_compatible()`: maps as plain objects (so
//! `JSON.stringify` works), `null` for `None`, numbers as numbers, `cells` as an object in table
//! order. The contract is defined once, by the DTO types; the CLI writes the same types with
//! serde_json, and `tests/node.rs` checks that `JSON.stringify` of these objects is the CLI's
//! JSON, byte for byte, on every fixture.
//!
//! Measured (2026-12-04, `wasm-release` + `wasm-opt -Oz`, gzip -9): serde-wasm-bindgen costs
//! 1.4 KB of wasm and 0.1 KB of glue over the objects built by hand that this replaced, below
//! the ~5 KB at which hand-built objects would have been kept (ARCHITECTURE.md).

use nianbao_contract::{ReportDto, RunDto};
use serde::Serialize;
use wasm_bindgen::JsValue;

/// Why a DTO could not be made a JavaScript value (serde-wasm-bindgen's message without its
/// `Error: ` prefix: an integer beyond 2^53).
pub type Unrepresentable = String;

fn to_js<T: Serialize>(dto: &T) -> Result<JsValue, Unrepresentable> {
    dto.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            let e = e.to_string();
            e.strip_prefix("Error: ").map_or(e.clone(), str::to_string)
        })
}

/// A [`ReportDto`] as the object `check()` returns (before `text` is added).
pub fn report(r: &ReportDto) -> Result<JsValue, Unrepresentable> {
    to_js(r)
}

/// A [`RunDto`] (`{ version, reports }`), as the JSON export stringifies it.
pub fn run(r: &RunDto) -> Result<JsValue, Unrepresentable> {
    to_js(r)
}
