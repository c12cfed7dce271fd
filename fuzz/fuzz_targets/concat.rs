//! The concatenated-cell reader (extract/concat): a 2021 report saved as page text, every
//! table's cells run together; the fuzzer chooses the runs. The input is cut at `|` into the
//! 31 runs (表二 6, 表三 25, 表四 1); each byte becomes a digit, or a space, `.`, `-`, `个`,
//! `元` (the characters a run may hold), so almost every input reaches the solver.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_fuzz::concat_page::page;

fn run(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            b'0'..=b'9' => b as char,
            b' ' | b'.' | b'-' => b as char,
            b'a' => '个',
            b'b' => '元',
            _ => (b'0' + b % 10) as char,
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let mut runs = data.split(|&b| b == b'|').map(run);
    let mut next = || runs.next().unwrap_or_default();
    let t2: [String; 6] = std::array::from_fn(|_| next());
    let t3: [String; 25] = std::array::from_fn(|_| next());
    let t4 = next();
    let t2 = t2.each_ref().map(String::as_str);
    let t3 = t3.each_ref().map(String::as_str);
    let _ = nianbao_core::check_text(&page("", t2, &t3, &t4));
});
