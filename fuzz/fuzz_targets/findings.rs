//! The full-check module's hand-over (`rules::wire::decode`): a report's findings and
//! evaluations as bytes, decoded against the seed report (its identities and its text), as the
//! page's first module takes them; bytes from another wasm module are input like any other.
//! What decodes has its spans inside the text and encodes back to the same.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_core::rules::wire;
use std::sync::OnceLock;

fn seed() -> &'static nianbao_core::Checked {
    static SEED: OnceLock<nianbao_core::Checked> = OnceLock::new();
    SEED.get_or_init(|| nianbao_core::check_str(include_str!("../../tests/fixtures/seed.txt")))
}

fuzz_target!(|data: &[u8]| {
    let c = seed();
    let report = &c.analysis.report;
    if let Some((findings, evaluations)) = wire::decode(data, report, &c.text) {
        for f in &findings {
            if let Some(s) = f.span {
                assert!(c.text.get(s.start..s.end).is_some(), "span {s:?}");
            }
        }
        let again = wire::decode(&wire::encode(&findings, &evaluations), report, &c.text);
        assert_eq!(again, Some((findings, evaluations)));
    }
});
