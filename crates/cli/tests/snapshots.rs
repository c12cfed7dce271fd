//! Snapshot tests of what the CLI's users read: the human output (zh and en), CSV, cells and
//! JSON of failing reports, `rules`, `explain`, `--help` and usage errors.
//!
//! Each case runs the binary in a scratch directory holding the inputs under short names (the
//! fixture cases without their `==== expect ====` block, the seed, real corpus reports), and
//! compares the exit code, stdout and stderr with `tests/snapshots/<case>.txt`.
//!
//! Bless (rewrite every snapshot from the current output, then review the diff):
//!
//! ```text
//! UPDATE_SNAPSHOTS=1 cargo test -p nianbao-cli --test snapshots
//! ```
//!
//! A missing snapshot, a different one and a snapshot file no case writes all fail the test
//! (blessing writes the first two and deletes the third). Cases on corpus reports are skipped
//! when the corpus is not beside the repository, except under `CI`, where that fails.

mod common;

use common::{case_input, case_names, repo, run, TempDir};
use std::path::{Path, PathBuf};

/// `(snapshot name, arguments)`. Arguments name files of the scratch directory.
const CASES: &[(&str, &str)] = &[
    // human output, zh and en
    ("text-01-seed", "check 01_seed.txt"),
    ("text-02-r1-c1-changed", "check 02_r1_c1_changed.txt"),
    ("text-02-r1-c1-changed.en", "check 02_r1_c1_changed.txt --lang en"),
    ("text-03-total-changed", "check 03_total_changed.txt"),
    ("text-04-t4-totals-zero", "check 04_t4_totals_zero.txt"),
    ("text-04-t4-totals-zero.en", "check 04_t4_totals_zero.txt --lang en"),
    ("text-05-blank-total", "check 05_blank_total.txt"),
    ("text-05-blank-total.en", "check 05_blank_total.txt --lang en"),
    ("text-06-placeholders", "check 06_placeholders.txt"),
    ("text-06-placeholders.en", "check 06_placeholders.txt --lang en"),
    ("text-07-section-misnumbered", "check 07_section_misnumbered.txt"),
    ("text-11-bad-cells", "check 11_bad_cells.txt"),
    ("text-11-bad-cells.en", "check 11_bad_cells.txt --lang en"),
    ("text-13-outdated-2019", "check 13_outdated_2019.txt"),
    ("text-15-two-errors", "check 15_two_errors.txt"),
    ("text-15-two-errors.en", "check 15_two_errors.txt --lang en"),
    ("text-16-table3-missing", "check 16_table3_missing.txt"),
    ("text-17-text-slips", "check 17_text_slips.txt"),
    ("text-17-text-slips.en", "check 17_text_slips.txt --lang en"),
    ("text-18-text-vs-table", "check 18_text_vs_table.txt"),
    ("text-19-deadline-late", "check 19_deadline_late.txt"),
    ("text-010-hongze-2023", "check 010_hongze_2023.txt"),
    ("text-010-hongze-2023.en", "check 010_hongze_2023.txt --lang en"),
    ("text-011-last-010", "check 011_hongze_2024.txt --last 010_hongze_2023.txt"),
    ("text-011-last-010.en", "check 011_hongze_2024.txt --last 010_hongze_2023.txt --lang en"),
    ("text-several-files", "check 01_seed.txt 04_t4_totals_zero.txt 09_not_a_report.txt garbage.bin missing.txt"),
    ("text-several-files.en", "check 01_seed.txt 04_t4_totals_zero.txt 09_not_a_report.txt garbage.bin missing.txt --lang en"),
    // CSV of the findings, the cells, JSON
    ("csv-02-r1-c1-changed", "check 02_r1_c1_changed.txt --format csv"),
    ("csv-05-blank-total", "check 05_blank_total.txt --format csv"),
    ("csv-11-bad-cells.en", "check 11_bad_cells.txt --format csv --lang en"),
    ("csv-17-text-slips", "check 17_text_slips.txt --format csv"),
    ("csv-010-hongze-2023", "check 010_hongze_2023.txt --format csv"),
    ("csv-several-files", "check 01_seed.txt 04_t4_totals_zero.txt 09_not_a_report.txt garbage.bin missing.txt --format csv"),
    ("cells-05-blank-total", "check 05_blank_total.txt --format cells"),
    ("cells-06-placeholders", "check 06_placeholders.txt --format cells"),
    ("cells-11-bad-cells", "check 11_bad_cells.txt --format cells"),
    ("cells-010-hongze-2023", "check 010_hongze_2023.txt --format cells"),
    ("cells-several-files", "check 04_t4_totals_zero.txt 09_not_a_report.txt missing.txt --format cells"),
    ("json-010-hongze-2023", "check 010_hongze_2023.txt --format json"),
    ("json-011-last-010.en", "check 011_hongze_2024.txt --last 010_hongze_2023.txt --format json --lang en"),
    // batch: a folder (nested, every kind, skipped files), the other formats, pairing years
    ("text-folder", "check folder"),
    ("text-folder.en", "check folder --lang en"),
    ("jsonl-several-files", "check 01_seed.txt 04_t4_totals_zero.txt 09_not_a_report.txt missing.txt --format jsonl"),
    ("wide-several-files", "check 01_seed.txt 05_blank_total.txt 06_placeholders.txt 13_outdated_2019.txt missing.txt --format wide"),
    ("sarif-17-text-slips", "check 17_text_slips.txt 09_not_a_report.txt --format sarif"),
    ("csv-folder", "check folder --format csv --fail-on never"),
    ("text-pair-years", "check 011_hongze_2024.txt 010_hongze_2023.txt --pair-years"),
    ("json-pair-years", "check 010_hongze_2023.txt 011_hongze_2024.txt --pair-years --format json --fail-on warning"),
    // rules, explain, help, usage errors
    ("rules", "rules"),
    ("rules.en", "rules --lang en"),
    ("explain-t3-identity", "explain T3-IDENTITY"),
    ("explain-t3-identity.en", "explain t3-identity --lang en"),
    ("explain-carryover-mismatch", "explain CARRYOVER-MISMATCH"),
    ("explain-carryover-mismatch.en", "explain CARRYOVER-MISMATCH --lang en"),
    ("explain-unknown-rule", "explain NO-SUCH-RULE"),
    ("explain-no-rule", "explain"),
    ("help", "--help"),
    ("help-check", "check --help"),
    ("help-explain", "help explain"),
    ("usage-no-command", ""),
    ("usage-unknown-command", "frobnicate"),
    ("usage-unknown-option", "check --frob 01_seed.txt"),
    ("usage-unknown-format", "check 01_seed.txt --format xml"),
    ("usage-missing-value", "check 01_seed.txt --format"),
    ("usage-unknown-language", "check 01_seed.txt --lang fr"),
    ("usage-no-file", "check"),
    ("usage-last-with-two-files", "check 01_seed.txt 02_r1_c1_changed.txt --last 010_hongze_2023.txt"),
    ("usage-last-with-pair-years", "check 01_seed.txt --last 010_hongze_2023.txt --pair-years"),
    ("usage-jobs-zero", "check 01_seed.txt --jobs 0"),
    ("usage-fail-on", "check 01_seed.txt --fail-on sometimes"),
    ("usage-misspelt-option", "check 01_seed.txt --formt json"),
    ("usage-misspelt-command", "chek 01_seed.txt"),
    ("usage-empty-folder", "check empty"),
];

/// Corpus reports the cases use, copied into the scratch directory.
const CORPUS: &[&str] = &["010_hongze_2023.txt", "011_hongze_2024.txt"];

fn snapshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

/// The scratch directory with every input under its short name; also which corpus reports
/// are missing.
fn inputs(dir: &TempDir) -> Vec<&'static str> {
    for name in case_names() {
        dir.write(&name, case_input(&name));
    }
    std::fs::copy(
        repo().join("tests/fixtures/seed.txt"),
        dir.path().join("seed.txt"),
    )
    .unwrap();
    // Binary data that is no known file kind (fixed bytes: the output must not change).
    let garbage: Vec<u8> = (0u8..=255).cycle().take(3000).collect();
    dir.write("garbage.bin", &garbage);
    // A folder: nested, text, Word and HTML, a file that is no report, files skipped.
    let fixtures = repo().join("tests/fixtures");
    for sub in ["folder/a/b", "folder/c", "folder/notes", "empty"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
    }
    dir.write("folder/a/01_seed.txt", case_input("01_seed.txt"));
    dir.write(
        "folder/a/b/04_t4_totals_zero.txt",
        case_input("04_t4_totals_zero.txt"),
    );
    dir.write(
        "folder/a/b/17_text_slips.txt",
        case_input("17_text_slips.txt"),
    );
    for (from, to) in [
        ("docx/seed.docx", "folder/c/seed.docx"),
        ("html/seed-2021.html", "folder/c/seed-2021.html"),
        ("html/seed-2021.html", "folder/c/page"),
    ] {
        std::fs::copy(fixtures.join(from), dir.path().join(to)).unwrap();
    }
    dir.write(
        "folder/notes/09_not_a_report.txt",
        case_input("09_not_a_report.txt"),
    );
    dir.write("folder/.hidden.txt", case_input("01_seed.txt"));
    dir.write("folder/blob", &garbage);
    dir.write("folder/picture.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let mut missing = Vec::new();
    for name in CORPUS {
        match common::corpus(name) {
            Some(p) => {
                std::fs::copy(p, dir.path().join(name)).unwrap();
            }
            None => missing.push(*name),
        }
    }
    missing
}

/// What one case shows, as stored in its snapshot.
fn render(args: &str, cwd: &Path) -> String {
    let argv: Vec<&str> = args.split_whitespace().collect();
    let o = run(&argv, None, Some(cwd));
    let mut s = format!("$ nianbao {args}\n");
    s.push_str(&format!(
        "exit: {}\n",
        o.status.code().map_or("signal".into(), |c| c.to_string())
    ));
    for (name, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
        if bytes.is_empty() {
            continue;
        }
        let text = String::from_utf8(bytes.clone())
            .unwrap_or_else(|_| panic!("{args}: {name} is not UTF-8"));
        s.push_str(&format!("--- {name}\n{text}"));
        if !text.ends_with('\n') {
            s.push_str("\n--- (no newline at the end)\n");
        }
    }
    s
}

/// A line diff (longest common subsequence), `-` expected, `+` actual, with 2 lines of context.
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', a[i]));
            i += 1;
        } else {
            ops.push(('+', b[j]));
            j += 1;
        }
    }
    let near = |k: usize| {
        ops[k.saturating_sub(2)..(k + 3).min(ops.len())]
            .iter()
            .any(|o| o.0 != ' ')
    };
    let mut out = String::new();
    let mut gap = false;
    for (k, (op, line)) in ops.iter().enumerate() {
        if near(k) {
            out.push_str(&format!("{op} {line}\n"));
            gap = false;
        } else if !gap {
            out.push_str("  …\n");
            gap = true;
        }
    }
    out
}

#[test]
fn snapshots() {
    let bless = std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v != "0");
    let dir = TempDir::new("snapshots");
    let missing = inputs(&dir);
    let snaps = snapshot_dir();
    std::fs::create_dir_all(&snaps).unwrap();
    let mut failures = Vec::new();
    let mut kept = Vec::new();
    for (name, args) in CASES {
        let file = format!("{name}.txt");
        kept.push(file.clone());
        if missing.iter().any(|m| args.contains(m)) {
            continue;
        }
        let actual = render(args, dir.path());
        let path = snaps.join(&file);
        match std::fs::read_to_string(&path) {
            Ok(expected) if expected == actual => {}
            _ if bless => std::fs::write(&path, &actual).unwrap(),
            Ok(expected) => failures.push(format!(
                "{file} differs (- snapshot, + now):\n{}",
                diff(&expected, &actual)
            )),
            Err(_) => failures.push(format!("{file} is missing; now:\n{actual}")),
        }
    }
    for e in std::fs::read_dir(&snaps).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        if !kept.contains(&name) {
            if bless {
                std::fs::remove_file(snaps.join(&name)).unwrap();
            } else {
                failures.push(format!("{name}: no case writes this snapshot (stale)"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} snapshot(s) do not match; review, fix the code or bless with\n  UPDATE_SNAPSHOTS=1 cargo test -p nianbao-cli --test snapshots\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_diff_shows_what_changed() {
    let d = diff("a\nb\nc\nd\ne\nf\ng\n", "a\nb\nc\nD\ne\nf\ng\n");
    assert_eq!(d, "  …\n  b\n  c\n- d\n+ D\n  e\n  f\n  …\n");
    assert_eq!(diff("a\n", "a\nb\n"), "  a\n+ b\n");
}
