//! False alarms of the typo check, measured: every TEXT-TYPO finding on every report of the
//! corpus (`../shared/corpus`: `raw/` and the report texts of `peer/`; PDFs with the `pdf`
//! feature) is printed with its context, and the set must equal `tests/corpus-typos.txt`,
//! where each was reviewed by hand and is written with why it is a real slip. A new finding
//! fails the test: a real slip is added to the list with the reason; a false alarm is fixed
//! in the check (never listed). A listed finding that is no longer found fails it too.

mod common;

use common::{corpus_dir, corpus_missing};
use nianbao_core::{check_bytes, RuleId};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The report files of the corpus, by path relative to the corpus folder.
fn reports(corpus: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![corpus.join("raw"), corpus.join("peer")];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if p.is_dir() {
                dirs.push(p);
            } else if (name.ends_with(".txt") || name.ends_with(".html") || name.ends_with(".md"))
                && name != "README.md"
                || (cfg!(feature = "pdf") && name.ends_with(".pdf"))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_typo_on_the_corpus_is_a_reviewed_slip() {
    let raw = corpus_dir();
    let corpus = raw.parent().unwrap().to_path_buf();
    if !raw.exists() {
        corpus_missing(&raw);
        return;
    }
    let mut found = BTreeSet::new();
    for path in reports(&corpus) {
        let name = path
            .strip_prefix(&corpus)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(&path).unwrap();
        let checked = check_bytes(&bytes, Some(&name));
        for f in &checked.analysis.findings {
            if f.rule != RuleId::TextTypo {
                continue;
            }
            let Some(span) = f.span else { continue };
            let words = checked.text[span.start..span.end].replace(['\n', '\t'], " ");
            println!("{name}\t{words}\t{}", f.message(nianbao_core::Lang::Zh));
            found.insert(format!("{name}\t{words}"));
        }
    }
    let list_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus-typos.txt");
    let list = std::fs::read_to_string(&list_path).unwrap_or_default();
    let reviewed: BTreeSet<String> = list
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.splitn(3, '\t').take(2).collect::<Vec<_>>().join("\t"))
        .filter(|l| cfg!(feature = "pdf") || !l.split('\t').next().unwrap().ends_with(".pdf"))
        .collect();
    let new: Vec<&String> = found.difference(&reviewed).collect();
    let gone: Vec<&String> = reviewed.difference(&found).collect();
    assert!(
        new.is_empty() && gone.is_empty(),
        "TEXT-TYPO on the corpus differs from tests/corpus-typos.txt\nnew (review: a real slip is \
         listed with why, a false alarm is fixed): {new:#?}\nno longer found: {gone:#?}"
    );
}
