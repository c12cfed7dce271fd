//! Plain text through the whole check (plain reader, extraction, rules, localiser). The text is
//! read once: the document is checked, then handed to the rest of the check as it is (what
//! `check_text` does after its own read), so every execution reads the input once, not twice.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_core::readers::{plain, Kind};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let d = plain::read(&text);
    nianbao_fuzz::document_ok(&d);
    nianbao_fuzz::checked_ok(&nianbao_core::check_read(Ok((Kind::Text, d))));
});
