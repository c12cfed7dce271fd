//! The reader module's hand-over (`readers::wire`): every fixture file, read as the CLI reads it,
//! encoded and decoded, is the same document (or the same error), and checks the same.

use std::path::{Path, PathBuf};

use nianbao_core::readers::{self, wire};

fn fixture_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut files = vec![root.join("seed.txt")];
    for dir in ["cases", "html", "docx", "pdf", "page"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        files.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_file()));
    }
    files.sort();
    files
}

#[test]
fn every_fixture_round_trips() {
    let files = fixture_files();
    let (mut docs, mut errors, mut kinds) = (0, 0, Vec::new());
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let read = readers::read_bytes(&bytes);
        let back = wire::decode(&wire::encode(&read));
        assert_eq!(back, read, "{}", path.display());
        match &read {
            Ok((kind, _)) => {
                docs += 1;
                kinds.push(*kind);
            }
            Err(_) => errors += 1,
        }
        // and it checks the same as the file itself
        let direct = nianbao_core::check_bytes(&bytes, None);
        let via = nianbao_core::check_read(back);
        assert_eq!(via.kind, direct.kind, "{}", path.display());
        assert_eq!(via.text, direct.text, "{}", path.display());
        assert_eq!(via.analysis.verdict(), direct.analysis.verdict());
        assert_eq!(
            via.analysis.findings,
            direct.analysis.findings,
            "{}",
            path.display()
        );
    }
    assert!(
        docs > 40,
        "only {docs} documents among {} files",
        files.len()
    );
    for k in [
        readers::Kind::Text,
        readers::Kind::Html,
        readers::Kind::Docx,
        readers::Kind::Pdf,
    ] {
        assert!(kinds.contains(&k), "no fixture read as {k:?}");
    }
    assert!(
        errors > 0,
        "no fixture that cannot be read (seed-locked.docx)"
    );
}

#[test]
fn the_reader_module_reads_what_the_page_does_not() {
    for path in fixture_files() {
        let bytes = std::fs::read(&path).unwrap();
        let here = readers::file_reader(&bytes).is_none();
        match readers::read_bytes(&bytes) {
            // text and HTML are read the same without the .docx and PDF readers
            Ok((readers::Kind::Text | readers::Kind::Html, _)) => {
                assert!(here, "{}", path.display());
                assert_eq!(
                    readers::read_text_bytes(&bytes),
                    readers::read_bytes(&bytes)
                );
            }
            Ok((kind, _)) => assert_eq!(readers::file_reader(&bytes), Some(kind)),
            Err(_) => {}
        }
    }
}

/// The full-check module's hand-over (`rules::wire`): the findings and evaluations of every
/// fixture file, encoded and decoded against the report and its text, are the same, every
/// field of them.
#[test]
fn every_fixtures_findings_round_trip() {
    use nianbao_core::rules::wire as findings_wire;
    let (mut total, mut explained, mut spans, mut numbers, mut units) =
        (0, 0, 0, 0, std::collections::HashSet::new());
    let mut evaluated = 0;
    let mut largest: Option<(Vec<u8>, nianbao_core::Checked)> = None;
    for path in fixture_files() {
        let checked = nianbao_core::check_bytes(&std::fs::read(&path).unwrap(), None);
        let a = &checked.analysis;
        let findings = &a.findings;
        let bytes = findings_wire::encode(findings, &a.evaluations);
        let back = findings_wire::decode(&bytes, &a.report, &checked.text);
        assert_eq!(
            back.as_ref(),
            Some(&(findings.clone(), a.evaluations.clone())),
            "{}",
            path.display()
        );
        evaluated += a.evaluations.len();
        total += findings.len();
        for f in findings {
            explained += usize::from(!f.explanations.is_empty());
            spans += usize::from(f.span.is_some());
            numbers += usize::from(f.expected.is_some() && f.actual.is_some());
            for e in &f.explanations {
                units.insert(std::mem::discriminant(&e.unit));
            }
        }
        let has_explanations = findings.iter().any(|f| !f.explanations.is_empty());
        if has_explanations && largest.as_ref().is_none_or(|(b, _)| b.len() < bytes.len()) {
            largest = Some((bytes, checked.clone()));
        }
    }
    // every kind of field was carried at least once
    assert!(total > 200, "{total} findings");
    assert!(
        explained > 10 && spans > 50 && numbers > 10,
        "{explained} {spans} {numbers}"
    );
    assert!(
        units.len() >= 3,
        "only {} kinds of suspect unit",
        units.len()
    );

    assert!(evaluated > 500, "{evaluated} evaluations");

    // damaged bytes: never a panic; every truncation and one byte more are refused, and what
    // a changed byte still decodes to has its spans inside the text
    let (good, checked) = largest.expect("a fixture whose findings carry explanations");
    let (report, text) = (&checked.analysis.report, checked.text.as_str());
    for n in 0..good.len() {
        assert_eq!(
            findings_wire::decode(&good[..n], report, text),
            None,
            "cut at {n}"
        );
    }
    let mut long = good.clone();
    long.push(0);
    assert_eq!(findings_wire::decode(&long, report, text), None);
    for i in (0..good.len()).step_by(3) {
        for v in [0u8, 1, 2, 3, 4, 5, 0x7f, 0xff] {
            let mut b = good.clone();
            b[i] = v;
            for f in findings_wire::decode(&b, report, text)
                .unwrap_or_default()
                .0
            {
                if let Some(s) = f.span {
                    assert!(text.get(s.start..s.end).is_some(), "span {s:?}");
                }
                assert!(!f.message(nianbao_core::Lang::Zh).trim().is_empty());
            }
        }
    }
    // another report's text: spans past it are refused; another report: its identities differ
    assert_eq!(findings_wire::decode(&good, report, ""), None);
    let empty = nianbao_core::check_str("").analysis.report;
    assert_eq!(findings_wire::decode(&good, &empty, text), None);
}
