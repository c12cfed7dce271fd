//! What the fuzzers found (fuzz/README.md), kept as regression tests, and the concatenated-
//! cell reader's work budget.
//!
//! - Every file of `tests/fixtures/fuzz/` (inputs that crashed or hung a fuzz target, as
//!   `check_bytes` reads them; `text-*` also as the text target reads them, lossy UTF-8)
//!   goes through the whole check: no panic, and either a report read or a reason in Chinese
//!   and English.
//! - Worst cases of the concatenated-cell search finish with the reading note that says the
//!   search stopped (CELLS-AMBIGUOUS, `CandidateCount::Stopped`), never a hang. Their time is
//!   not asserted (no timed assertions in tests); the budget counts steps.

#[path = "support/concat_page.rs"]
mod concat_page;

use concat_page::page;
use nianbao_core::format::t3;
use nianbao_core::model::CandidateCount;
use nianbao_core::readers::wire;
use nianbao_core::{check_bytes, check_read, check_text, Note, ReadStatus, Table};

#[test]
fn every_fuzz_finding_reads_or_says_why() {
    let dir =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/fuzz");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x != "md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fuzz findings in {}", dir.display());
    for p in files {
        let bytes = std::fs::read(&p).unwrap();
        // The text target's findings are text as it reads bytes (lossy UTF-8).
        let name = p.file_name().unwrap().to_string_lossy();
        if name.starts_with("text-") {
            let _ = check_text(&String::from_utf8_lossy(&bytes));
        }
        let c = check_bytes(&bytes, None);
        match &c.analysis.report.status {
            ReadStatus::Unreadable { zh, en } => {
                assert!(!zh.is_empty() && !en.is_empty(), "{}", p.display())
            }
            ReadStatus::Ok => assert!(!c.text.is_empty(), "{}", p.display()),
        }
    }
}

/// The wire target's findings (`wire-*`): the bytes the reader module hands to the page,
/// decoded and checked; every finding's span lies in the text, start before end, on character
/// boundaries (what the target checks).
#[test]
fn every_wire_finding_decodes_and_checks_with_sound_spans() {
    let dir =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/fuzz");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if !p
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("wire-")
        {
            continue;
        }
        n += 1;
        let bytes = std::fs::read(&p).unwrap();
        let c = check_read(wire::decode(&bytes));
        for f in &c.analysis.findings {
            if let Some(s) = f.span {
                assert!(
                    s.start <= s.end
                        && s.end <= c.text.len()
                        && c.text.is_char_boundary(s.start)
                        && c.text.is_char_boundary(s.end),
                    "{}: {:?} {s:?} in a text of {} bytes",
                    p.display(),
                    f.rule,
                    c.text.len()
                );
            }
        }
    }
    assert!(n > 0, "no wire findings in {}", dir.display());
}

/// The 表三 notes of a check: (row, stopped, number of candidates).
fn t3_notes(text: &str) -> Vec<(Option<nianbao_core::format::RowId>, bool, usize)> {
    check_text(text)
        .report
        .notes
        .iter()
        .filter_map(|n| match n {
            Note::Ambiguous {
                table: Table::T3,
                row,
                count,
                candidates,
                ..
            } => Some((*row, *count == CandidateCount::Stopped, candidates.len())),
            _ => None,
        })
        .collect()
}

const ZEROS: &str = "0000000";
const T2: [&str; 6] = ["000", "1 2 3", "2293", "1282", "42", "24252.311082"];
const T4: &str = "000000000000000";

#[test]
fn a_document_of_pathological_runs_spends_its_budget_and_says_so() {
    // Every 表三 row a run of 34 digits with a split that fits early in the search
    // (1/1/1/1/1/99999999999995/100000000000000) and too many to search them all: each row's
    // search stops at its own step limit with the splits found so far, until the document's
    // budget is spent; the rows after that are not searched at all.
    let run = "1111199999999999995100000000000000";
    let notes = t3_notes(&page("", T2, &[run; 25], T4));
    assert_eq!(notes.len(), 25, "{notes:?}");
    assert!(notes.iter().all(|&(_, stopped, _)| stopped), "{notes:?}");
    assert!(notes[0].2 > 0, "{notes:?}");
    let (row, _, candidates) = notes[24];
    assert_eq!(row, Some(t3::R4));
    assert_eq!(candidates, 0, "{notes:?}");
}

#[test]
fn a_run_far_longer_than_its_row_is_refused_at_once() {
    // 100 000 digits after one label (a hang before the cell length bound): the row is a
    // stopped search, and the rows after it are still read.
    let long = "1".repeat(100_000);
    let mut rows = [ZEROS; 25];
    rows[1] = &long;
    let notes = t3_notes(&page("", T2, &rows, T4));
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].0, Some(t3::R2));
    assert!(notes[0].1);
    let a = check_text(&page("", T2, &rows, T4));
    assert!(a.report.cell("T3.R1.C1".parse().unwrap()).is_some());
}
