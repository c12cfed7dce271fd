//! Bad input never panics: random bytes, and real reports cut, shuffled and mangled, go
//! through every reader (`check_bytes` sniffs text, HTML and zip) and always come back
//! with an `Analysis`. Deterministic (fixed-seed xorshift), so a failure reproduces.

use nianbao_core::check_bytes;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn samples() -> Vec<Vec<u8>> {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut v = vec![std::fs::read(root.join("tests/fixtures/seed.txt")).unwrap()];
    for dir in ["tests/fixtures/html", "tests/fixtures/docx"] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
            let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            v.extend(
                files
                    .into_iter()
                    .take(4)
                    .filter_map(|p| std::fs::read(p).ok()),
            );
        }
    }
    v
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for len in [0usize, 1, 2, 3, 4, 7, 64, 1000, 20_000] {
        for _ in 0..8 {
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            let _ = check_bytes(&bytes, None);
        }
    }
    // Magic numbers followed by garbage.
    for magic in [
        &b"PK\x03\x04"[..],
        b"\xD0\xCF\x11\xE0",
        b"%PDF-1.7",
        b"\xEF\xBB\xBF",
        b"\xFF\xFE",
        b"<html><table><tr><td rowspan=99999>",
    ] {
        for _ in 0..8 {
            let mut b = magic.to_vec();
            b.extend((0..rng.below(3000)).map(|_| rng.next() as u8));
            let _ = check_bytes(&b, None);
        }
    }
}

#[test]
fn mangled_reports_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for sample in samples() {
        for round in 0..40 {
            let mut b = sample.clone();
            match round % 5 {
                // Cut anywhere (also inside a UTF-8 sequence or a zip entry).
                0 => b.truncate(rng.below(b.len() + 1)),
                // Flip bytes.
                1 => {
                    for _ in 0..1 + rng.below(20) {
                        let i = rng.below(b.len());
                        if let Some(x) = b.get_mut(i) {
                            *x ^= rng.next() as u8;
                        }
                    }
                }
                // Insert separators where they hurt: tabs, newlines, pipes, angle brackets.
                2 => {
                    for _ in 0..1 + rng.below(50) {
                        let i = rng.below(b.len() + 1);
                        let s: &[u8] = [&b"\t"[..], b"\n", b"|", b"<", b">", b"\xe3\x80\x80", b"0"]
                            [rng.below(7)];
                        if i <= b.len() {
                            b.splice(i..i, s.iter().copied());
                        }
                    }
                }
                // Duplicate a chunk (repeated table rows, repeated headings).
                3 => {
                    let a = rng.below(b.len());
                    let len = rng.below(2000).min(b.len() - a);
                    let chunk = b[a..a + len].to_vec();
                    let at = rng.below(b.len() + 1);
                    b.splice(at..at, chunk);
                }
                // Remove a chunk.
                _ => {
                    let a = rng.below(b.len());
                    let len = rng.below(3000).min(b.len() - a);
                    b.drain(a..a + len);
                }
            }
            let c = check_bytes(&b, Some("x"));
            let spans = c
                .analysis
                .report
                .cells
                .iter()
                .filter_map(|x| x.span)
                .chain(c.analysis.report.sections.iter().map(|x| x.heading_span));
            for s in spans {
                assert!(
                    s.start <= s.end
                        && s.end <= c.text.len()
                        && c.text.is_char_boundary(s.start)
                        && c.text.is_char_boundary(s.end),
                    "bad span {s:?}"
                );
            }
            // Whatever came back is consistent: every finding's span lies inside the text.
            for f in &c.analysis.findings {
                if let Some(s) = f.span {
                    assert!(
                        s.start <= s.end && s.end <= c.text.len(),
                        "span {s:?} outside text of {} bytes",
                        c.text.len()
                    );
                    assert!(
                        c.text.is_char_boundary(s.start) && c.text.is_char_boundary(s.end),
                        "span {s:?} not on char boundaries"
                    );
                }
                let _ = f.message(nianbao_core::Lang::Zh);
                let _ = f.message(nianbao_core::Lang::En);
            }
        }
    }
}
