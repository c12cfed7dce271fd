//! Seeds of the `findings` target (scripts/fuzz.sh): the seed report's findings and
//! evaluations as the full-check module encodes them, and an arithmetic error's findings (with
//! the localiser's explanations) over the seed's evaluations, each decodable against the seed.
//!   cargo run --release --example findings_seeds -- DIR
use nianbao_core::rules::wire;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: findings_seeds DIR");
    let seed = include_str!("../../tests/fixtures/seed.txt");
    let c = nianbao_core::check_str(seed);
    let a = &c.analysis;
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, b: Vec<u8>| std::fs::write(format!("{dir}/{name}"), b).unwrap();
    write("seed-findings", wire::encode(&a.findings, &a.evaluations));
    write("seed-none", wire::encode(&[], &a.evaluations));
    // a 表四 whose totals are 0: its findings without a span decode against the seed too (the
    // decoder checks each finding on its own)
    let bad = include_str!("../../tests/fixtures/cases/04_t4_totals_zero.txt");
    let bad = nianbao_core::check_str(bad.split("==== expect ====").next().unwrap());
    let spanless: Vec<_> = bad
        .analysis
        .findings
        .iter()
        .filter(|f| f.span.is_none())
        .cloned()
        .collect();
    assert!(spanless.iter().any(|f| !f.explanations.is_empty()));
    write("t4-findings", wire::encode(&spanless, &a.evaluations));
}
