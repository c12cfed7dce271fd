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
