//! The benchmarks' workloads in a loop, for instruction counts that do not depend on the
//! machine's load (valgrind's callgrind) and for profilers (`perf record`):
//!
//! ```text
//! cargo build --release -p nianbao-core --example hot
//! valgrind --tool=callgrind --collect-atstart=no --toggle-collect='hot::measure*' \
//!     target/release/examples/hot seed 100
//! ```
//!
//! Only `measure` (the loop) is counted, so callgrind's total divided by the iterations is
//! the instructions of one. Workloads: `seed` (the seed read and checked), `read` (read
//! only: plain text → `Report`), `rules` (every rule on the seed already read), `arith`
//! (the arithmetic identities alone), `docx` (the corpus .docx fixture read and checked),
//! `docx-seed`, `pdf` (the published 5-page 洪泽区 2023 PDF from the corpus beside the
//! repository).

use nianbao_core::{check_bytes, check_text, extract, readers, rules};
use std::hint::black_box;

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

fn file(rel: &str) -> Vec<u8> {
    let path = format!("{}/../../{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[inline(never)]
fn measure(n: usize, f: &dyn Fn() -> usize) -> usize {
    let mut sum = 0;
    for _ in 0..n {
        sum += black_box(f());
    }
    sum
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let what = args.first().map_or("seed", String::as_str);
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let report = check_text(SEED).report;
    let docx = file("tests/fixtures/docx/008_shanghai-bgt_2019.docx");
    let docx_seed = file("tests/fixtures/docx/seed.docx");
    let pdf = if what == "pdf" {
        file("../shared/corpus/peer/hongze-district-gov-2023/report.pdf")
    } else {
        Vec::new()
    };
    let f: Box<dyn Fn() -> usize> = match what {
        "seed" => Box::new(|| check_text(black_box(SEED)).findings.len()),
        "read" => Box::new(|| {
            extract::read(&readers::plain::read(black_box(SEED)))
                .rows
                .len()
        }),
        "rules" => Box::new(|| rules::run(black_box(&report), SEED).1.len()),
        "arith" => Box::new(|| rules::run_arithmetic(black_box(&report)).1.len()),
        "docx" => Box::new(|| check_bytes(black_box(&docx), None).analysis.findings.len()),
        "docx-seed" => Box::new(|| {
            check_bytes(black_box(&docx_seed), None)
                .analysis
                .findings
                .len()
        }),
        "pdf" => Box::new(|| check_bytes(black_box(&pdf), None).analysis.findings.len()),
        other => panic!("unknown workload {other}"),
    };
    let sum = measure(n, &*f);
    println!("{what} × {n}: {sum}");
}
