//! The HTML reader (tokenizer, tree builder, grid engine).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    nianbao_fuzz::read_ok(&nianbao_core::readers::html::parse(&html));
});
