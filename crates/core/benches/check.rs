//! `cargo bench -p nianbao-core`: parse and validate the seed report (target ≤ 50 µs native),
//! and a report with broken identities (exercises the error localiser).

use criterion::{black_box, criterion_group, criterion_main, Criterion};

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

fn bench(c: &mut Criterion) {
    c.bench_function("check_text(seed)", |b| {
        b.iter(|| nianbao_core::check_text(black_box(SEED)))
    });
    let broken = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/cases/15_two_errors.txt"
    ))
    .expect("fixture 15");
    let broken = broken
        .split("==== expect ====")
        .next()
        .unwrap_or_default()
        .to_string();
    c.bench_function("check_text(two errors, localised)", |b| {
        b.iter(|| nianbao_core::check_text(black_box(&broken)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
