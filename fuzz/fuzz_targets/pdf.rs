//! The PDF reader (objects, cross-references, filters, decryption, fonts, content, layout).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nianbao_fuzz::read_ok(&nianbao_core::readers::pdf::parse(data));
});
