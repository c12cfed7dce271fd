//! The whole core as the shells call it: sniffing, every reader, extraction, rules, localiser.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nianbao_fuzz::checked_ok(&nianbao_core::check_bytes(data, None));
});
