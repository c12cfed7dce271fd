//! `cargo bench -p nianbao-core`: the seed read and checked, every rule on the seed already
//! read, the arithmetic identities alone, .docx and PDF files read and checked, a report with
//! broken identities (exercises the error localiser), and hostile inputs whose running time
//! the tests deliberately do not assert (timings belong here, not in tests). BENCHMARKS.md at
//! the repository's root records the figures and the targets (issue 13).

use criterion::{black_box, criterion_group, criterion_main, Criterion};

#[path = "../tests/support/concat_page.rs"]
mod concat_page;

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

fn fixture_input(name: &str) -> String {
    let all = std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/cases/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    all.split("==== expect ====")
        .next()
        .unwrap_or_default()
        .to_string()
}

fn bench(c: &mut Criterion) {
    c.bench_function("check_text(seed)", |b| {
        b.iter(|| nianbao_core::check_text(black_box(SEED)))
    });
    // The rules alone, on a report already read (what the peer's rule engine does on tables
    // already extracted), and the arithmetic identities alone.
    let read = nianbao_core::check_text(SEED).report;
    c.bench_function("rules::run(seed already read)", |b| {
        b.iter(|| nianbao_core::rules::run(black_box(&read), SEED))
    });
    c.bench_function("arithmetic(seed already read)", |b| {
        b.iter(|| nianbao_core::rules::run_arithmetic(black_box(&read)))
    });
    c.bench_function("read(seed, no rules)", |b| {
        b.iter(|| nianbao_core::extract::read(&nianbao_core::readers::plain::read(black_box(SEED))))
    });
    let broken = fixture_input("15_two_errors.txt");
    c.bench_function("check_text(two errors, localised)", |b| {
        b.iter(|| nianbao_core::check_text(black_box(&broken)))
    });
}

/// Word files read and checked: the corpus report 008 (上海市人民政府办公厅 2019, saved as
/// .docx by LibreOffice) and the seed as .docx.
fn docx(c: &mut Criterion) {
    let mut g = c.benchmark_group("docx");
    let root = env!("CARGO_MANIFEST_DIR");
    for name in ["008_shanghai-bgt_2019.docx", "seed.docx"] {
        let bytes = std::fs::read(format!("{root}/../../tests/fixtures/docx/{name}"))
            .expect("docx fixture");
        g.bench_function(format!("check_bytes({name})"), |b| {
            b.iter(|| nianbao_core::check_bytes(black_box(&bytes), None))
        });
    }
    g.finish();
}

/// PDFs read and checked (issue 11: a 5-page report in 20 ms or less, native): the published
/// 5-page 洪泽区 2023 report (WPS, the corpus beside the repository, when it is there) and the
/// seed printed to 6 pages by LibreOffice (a fixture).
fn pdf(c: &mut Criterion) {
    let mut g = c.benchmark_group("pdf");
    g.sample_size(20);
    let root = env!("CARGO_MANIFEST_DIR");
    let files = [
        format!("{root}/../../../shared/corpus/peer/hongze-district-gov-2023/report.pdf"),
        format!("{root}/../../tests/fixtures/pdf/seed.html.pdf"),
    ];
    for path in files {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: not found, not measured");
            continue;
        };
        let name = path.rsplit('/').take(2).collect::<Vec<_>>();
        g.bench_function(format!("check_bytes({}/{})", name[1], name[0]), |b| {
            b.iter(|| nianbao_core::check_bytes(black_box(&bytes), None))
        });
    }
    g.finish();
}

/// The inputs of `tests/html.rs` (hostile_spans_and_nesting_stay_bounded,
/// large_pages_are_read_whole) and `tests/concat.rs` (a_pathological_run_is_capped_not_enumerated).
fn hostile(c: &mut Criterion) {
    let mut g = c.benchmark_group("hostile");
    g.sample_size(10);
    let bytes = |s: String| s.into_bytes();
    let mut rows = String::from("<table>");
    for _ in 0..20_000 {
        rows.push_str("<tr><td rowspan=100 colspan=100>a</td><td>1</td></tr>");
    }
    let one = "<script>var a = '<table>'; for (i=0;i<9;i++) {}</script><style>td{}</style>\
               <p>一、总体情况</p><p>本年度工作&nbsp;平稳。</p><table><tr><td colspan=3>一、本年新收政府信息公开申请数量</td>\
               <td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>21</td></tr></table>";
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("html 20,000 rows under rowspan/colspan 100", bytes(rows)),
        (
            "html nested 5,000 tables",
            bytes(
                "<table><tr><td>".repeat(5_000)
                    + "一、总体情况"
                    + &"</td></tr></table>".repeat(5_000),
            ),
        ),
        (
            "html unclosed soup",
            bytes(
                "<div><p><span><table><tr><td><b>".repeat(3_000)
                    + &"</i></td></table></p>".repeat(3_000),
            ),
        ),
        (
            "html 2 MB page",
            bytes(one.repeat(2 * 1024 * 1024 / one.len())),
        ),
        ("concat pathological digit run", {
            let mut t3 = ["0000000"; 25];
            t3[1] = "1234567891234567891234567891234567891234567";
            bytes(concat_page::page(
                "",
                ["000", "1 2 3", "2293", "1282", "42", "24252.311082"],
                &t3,
                "000000000000000",
            ))
        }),
    ];
    for (name, input) in &cases {
        g.bench_function(*name, |b| {
            b.iter(|| nianbao_core::check_bytes(black_box(input), None))
        });
    }
    g.finish();
}

criterion_group!(benches, bench, docx, pdf, hostile);
criterion_main!(benches);
