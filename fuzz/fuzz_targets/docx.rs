//! The .docx reader (zip, inflate, XML, body, numbering, grid engine).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nianbao_fuzz::read_ok(&nianbao_core::readers::docx::parse(data));
});
