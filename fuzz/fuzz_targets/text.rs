//! Plain text through the whole check (plain reader, extraction, rules, localiser).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let d = nianbao_core::readers::plain::read(&text);
    nianbao_fuzz::document_ok(&d);
    let _ = nianbao_core::check_text(&text);
});
