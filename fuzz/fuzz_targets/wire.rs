//! The reader module's wire format (`readers::wire::decode`), then the check of what it
//! decodes (`check_read`): bytes from another wasm module are input like any other.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_core::readers::wire;

fuzz_target!(|data: &[u8]| {
    let read = wire::decode(data);
    if let Ok((_, d)) = &read {
        nianbao_fuzz::document_ok(d);
    }
    nianbao_fuzz::checked_ok(&nianbao_core::check_read(read));
});
