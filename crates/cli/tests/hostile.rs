//! Hostile inputs through the binary: zip bombs, nesting 100 000 levels deep, a 100 MB text
//! file, binary garbage named .txt, wrong encodings, broken and looping PDFs, 10 000 table
//! rows, a 10 MB line. Each is generated here into a temporary folder. For every one the
//! binary exits normally (0, 1 or 2, never a panic or a signal), says something — a verdict,
//! or why it cannot read the file, in Chinese first — and its peak memory (the child's
//! `ru_maxrss`, from `wait4`) stays under a generous bound.

mod common;

#[path = "../../core/tests/support/pdf_build.rs"]
mod pdf_build;

use common::{repo, TempDir};
use pdf_build::{pdf, stream, update};
use std::io::Read;
use std::process::{Command, Stdio};

/// Peak resident memory allowed for one file (the binary and its input included).
const MAX_RSS_MB: u64 = 768;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    rss_mb: u64,
}

/// Runs `nianbao check FILE` (text output, Chinese) and measures the child's peak RSS.
#[allow(clippy::zombie_processes)] // reaped by wait4, which std's Child does not know of
fn check(path: &std::path::Path) -> Run {
    // Run in the file's folder with its bare name, as the verdict line names it.
    let dir = path.parent().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("check")
        .arg(path.file_name().unwrap())
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let mut stdout = Vec::new();
    out.read_to_end(&mut stdout).unwrap();
    let stderr = t.join().unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it in for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child (std's Child is never waited on afterwards).
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32, "wait4");
    assert!(
        libc::WIFEXITED(status),
        "{}: killed by a signal ({status})",
        path.display()
    );
    Run {
        code: libc::WEXITSTATUS(status),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
        // Linux reports ru_maxrss in KiB.
        rss_mb: usage.ru_maxrss as u64 / 1024,
    }
}

/// What every hostile input must give: a normal exit, no panic, bounded memory, and output
/// that starts with the verdict line. Returns the run for further checks.
fn survives(path: &std::path::Path) -> Run {
    let r = check(path);
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    assert!(
        [0, 1, 2].contains(&r.code),
        "{name}: exit {}\n{}",
        r.code,
        r.stderr
    );
    assert!(
        !r.stderr.contains("panicked") && !r.stdout.contains("panicked"),
        "{name}: {}",
        r.stderr
    );
    assert!(
        r.rss_mb < MAX_RSS_MB,
        "{name}: peak RSS {} MB over {MAX_RSS_MB} MB",
        r.rss_mb
    );
    assert!(r.stdout.starts_with('【'), "{name}: {}", r.stdout);
    eprintln!("{name}: exit {}, peak RSS {} MB", r.code, r.rss_mb);
    r
}

/// An unreadable file: exit 2 and the reason, in Chinese on the line under the verdict.
fn unreadable(path: &std::path::Path, zh: &str) -> Run {
    let r = survives(path);
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    assert_eq!(r.code, 2, "{name}: {}", r.stdout);
    assert!(
        r.stdout.starts_with(&format!("【无法读取】  {name}\n  ")),
        "{name}: {}",
        r.stdout
    );
    let reason = r.stdout.lines().nth(1).unwrap_or_default();
    assert!(reason.contains(zh), "{name}: {reason}");
    assert!(
        reason
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{name}: {reason}"
    );
    r
}

/// A file that was read: a verdict other than 无法读取.
fn read(path: &std::path::Path) -> Run {
    let r = survives(path);
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    assert!(
        !r.stdout.starts_with("【无法读取】"),
        "{name}: {}",
        &r.stdout[..r.stdout.len().min(600)]
    );
    r
}

fn seed() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/seed.txt")).unwrap()
}

// ---------------------------------------------------------------------------------------
// Zip archives

/// CRC-32 of zip members, a byte at a time from a table.
struct Crc {
    table: [u32; 256],
    c: u32,
}

impl Default for Crc {
    fn default() -> Crc {
        let mut table = [0u32; 256];
        for (i, t) in table.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    (c >> 1) ^ 0xEDB8_8320
                } else {
                    c >> 1
                };
            }
            *t = c;
        }
        Crc { table, c: !0 }
    }
}

impl Crc {
    fn update(&mut self, b: &[u8]) {
        for &x in b {
            self.c = self.table[((self.c ^ u32::from(x)) & 0xFF) as usize] ^ (self.c >> 8);
        }
    }

    fn finish(&self) -> u32 {
        !self.c
    }
}

fn crc32(b: &[u8]) -> u32 {
    let mut c = Crc::default();
    c.update(b);
    c.finish()
}

/// One member of a zip: name, stored bytes, method (0 stored, 8 deflate), CRC and size of
/// the uncompressed data as the headers state them.
struct Member<'a> {
    name: &'a str,
    data: Vec<u8>,
    method: u16,
    crc: u32,
    size: u32,
}

fn stored<'a>(name: &'a str, data: &[u8]) -> Member<'a> {
    Member {
        name,
        data: data.to_vec(),
        method: 0,
        crc: crc32(data),
        size: data.len() as u32,
    }
}

/// `prefix` then `fill` bytes of `a`, deflated by hand with the fixed Huffman codes: the
/// prefix as literals, the fill as one literal and copies of 258 bytes at distance 1 (13 bits
/// each, about 160:1). The header states the true size.
fn bomb<'a>(name: &'a str, prefix: &[u8], fill: usize) -> Member<'a> {
    let mut w = Bits::default();
    w.put(1, 1); // final block
    w.put(1, 2); // fixed Huffman
    let literal = |w: &mut Bits, b: u8| match b {
        0..=143 => w.code(0x30 + u32::from(b), 8),
        _ => w.code(0x190 + u32::from(b) - 144, 9),
    };
    for &b in prefix {
        literal(&mut w, b);
    }
    let mut left = fill;
    if left > 0 {
        literal(&mut w, b'a');
        left -= 1;
    }
    while left >= 258 {
        w.code(0b1100_0101, 8); // length 258 (symbol 285)
        w.code(0, 5); // distance 1
        left -= 258;
    }
    for _ in 0..left {
        literal(&mut w, b'a');
    }
    w.code(0, 7); // end of block
    let mut crc = Crc::default();
    crc.update(prefix);
    let chunk = [b'a'; 4096];
    let mut n = fill;
    while n > 0 {
        let k = n.min(chunk.len());
        crc.update(&chunk[..k]);
        n -= k;
    }
    Member {
        name,
        data: w.out,
        method: 8,
        crc: crc.finish(),
        size: (prefix.len() + fill) as u32,
    }
}

#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    /// `n` bits of `v`, least significant first.
    fn put(&mut self, v: u32, n: u32) {
        self.acc |= u64::from(v) << self.n;
        self.n += n;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code of `n` bits, most significant first.
    fn code(&mut self, c: u32, n: u32) {
        let r = c.reverse_bits() >> (32 - n);
        self.put(r, n);
    }
}

fn zip(members: &[Member]) -> Vec<u8> {
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for m in members {
        let offset = out.len() as u32;
        let (csize, n) = (m.data.len() as u32, m.name.len() as u16);
        let head = |sig: &[u8], extra: &[u8]| {
            let mut h = sig.to_vec();
            h.extend_from_slice(extra);
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&m.method.to_le_bytes());
            h.extend_from_slice(&[0; 4]); // time, date
            for v in [m.crc, csize, m.size] {
                h.extend_from_slice(&v.to_le_bytes());
            }
            h.extend_from_slice(&n.to_le_bytes());
            h
        };
        out.extend(head(b"PK\x03\x04", b"\x14\0"));
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(m.name.as_bytes());
        out.extend_from_slice(&m.data);
        central.extend(head(b"PK\x01\x02", b"\x14\0\x14\0"));
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(m.name.as_bytes());
    }
    let at = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    let k = members.len() as u16;
    out.extend_from_slice(&k.to_le_bytes());
    out.extend_from_slice(&k.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const DOC_HEAD: &str = r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;
const DOC_TAIL: &str = "</w:body></w:document>";

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn docx(document: Member) -> Vec<u8> {
    zip(&[stored("[Content_Types].xml", CONTENT_TYPES), document])
}

#[test]
fn zip_bombs() {
    let dir = TempDir::new("hostile-zip");
    // document.xml inflates to 256 MiB (1.7 MB deflated), and its header says so.
    let head = format!("{DOC_HEAD}{}<w:p><w:r><w:t>", para("一、总体情况"));
    let bomb_docx = docx(bomb("word/document.xml", head.as_bytes(), 256 << 20));
    unreadable(&dir.write("bomb-deflate.docx", &bomb_docx), "");
    // 200 MiB, with a header that states 1000 bytes (a liar).
    let mut liar = bomb("word/document.xml", head.as_bytes(), 200 << 20);
    liar.size = 1000;
    survives(&dir.write("bomb-liar.docx", docx(liar)));
    // Nested: a docx whose document.xml is a zip of the bomb docx, and a docx holding ten
    // copies of the bomb docx as embedded packages.
    let inner = zip(&[stored("bomb.docx", &bomb_docx)]);
    survives(&dir.write(
        "bomb-nested.docx",
        docx(stored("word/document.xml", &inner)),
    ));
    let names: Vec<String> = (0..10)
        .map(|i| format!("word/embeddings/bomb{i}.docx"))
        .collect();
    let doc = format!("{DOC_HEAD}{}{DOC_TAIL}", para("一、总体情况"));
    let mut members = vec![
        stored("[Content_Types].xml", CONTENT_TYPES),
        stored("word/document.xml", doc.as_bytes()),
    ];
    members.extend(names.iter().map(|n| stored(n, &bomb_docx)));
    survives(&dir.write("bomb-embedded.docx", zip(&members)));
}

#[test]
fn xml_and_html_nested_100_000_deep() {
    let dir = TempDir::new("hostile-deep");
    let n = 100_000;
    let xml = format!(
        "{DOC_HEAD}{}{}{}{}{DOC_TAIL}",
        "<w:tbl><w:tr><w:tc>".repeat(n),
        para("一、总体情况"),
        "</w:tc></w:tr></w:tbl>".repeat(n),
        "<w:sdt><w:sdtContent>".repeat(n),
    );
    let path = dir.write(
        "deep.docx",
        docx(stored("word/document.xml", xml.as_bytes())),
    );
    survives(&path);
    let html = format!(
        "<html><body>{}{}<p>一、总体情况</p>{}{}</body></html>",
        "<div>".repeat(n),
        "<table><tr><td>".repeat(n),
        "</td></tr></table>".repeat(n),
        "</div>".repeat(n),
    );
    let path = dir.write("deep.html", html);
    survives(&path);
    // Nested tags that never close, and a seed report after them.
    let html = format!("{}{}", "<span><b>".repeat(n), seed().replace('\n', "<br>"));
    let path = dir.write("deep-unclosed.html", html);
    survives(&path);
}

#[test]
fn a_100_mb_text_file_is_refused_without_reading_it() {
    let dir = TempDir::new("hostile-big");
    let path = dir.path().join("big.txt");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        let s = seed();
        let mut written = 0;
        while written < 100 << 20 {
            f.write_all(s.as_bytes()).unwrap();
            written += s.len();
        }
    }
    let r = unreadable(&path, "文件过大");
    assert!(r.rss_mb < 100, "read whole: {} MB", r.rss_mb);
}

#[test]
fn binary_garbage_and_wrong_encodings() {
    let dir = TempDir::new("hostile-enc");
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    let garbage: Vec<u8> = (0..1 << 20)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    unreadable(&dir.write("garbage.txt", &garbage), "");
    let s = seed();
    // UTF-16 without a byte-order mark, little and big endian.
    let le: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let le = read(&dir.write("utf16le-nobom.txt", le));
    let be = read(&dir.write("utf16be-nobom.txt", be));
    // read as the seed is: its one warning is its own slip 等反面
    for r in [&le, &be] {
        assert!(r.stdout.starts_with("【有警告】"), "{}", r.stdout);
        assert!(r.stdout.contains("等反面"), "{}", r.stdout);
    }
    // GBK (the CLI decodes it) with a UTF-8 paragraph pasted into it: mixed encodings.
    let gbk = std::fs::read(repo().join("tests/fixtures/page/seed-gbk.txt")).unwrap();
    let mut mixed = gbk.clone();
    mixed.extend_from_slice("（二）部分公开 ✓ UTF-8 段落\n".as_bytes());
    mixed.extend_from_slice(&gbk);
    survives(&dir.write("mixed-gbk-utf8.txt", mixed));
    // UTF-8 with a lone invalid byte every few hundred bytes, and Latin-1 text.
    let mut broken = s.clone().into_bytes();
    for i in (100..broken.len()).step_by(300) {
        broken[i] = 0xFF;
    }
    survives(&dir.write("broken-utf8.txt", broken));
    let latin1: Vec<u8> = "Rapport annuel — données é à ü ß\n"
        .chars()
        .map(|c| c as u32 as u8)
        .collect::<Vec<u8>>()
        .repeat(1000);
    survives(&dir.write("latin1.txt", latin1));
    // A UTF-8 BOM followed by UTF-16.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
    survives(&dir.write("bom-mismatch.txt", bom));
}

#[test]
fn pdfs_with_a_broken_xref_and_a_content_stream_that_loops() {
    let dir = TempDir::new("hostile-pdf");
    let good = std::fs::read(repo().join("tests/fixtures/pdf/seed.txt.pdf")).unwrap();
    // Every offset of the cross-reference table and startxref point at garbage.
    let xref = good
        .windows(5)
        .rposition(|w| w == b"\nxref")
        .expect("an xref table")
        + 1;
    let mut broken = good.clone();
    for b in broken[xref..].iter_mut() {
        if b.is_ascii_digit() {
            *b = b'7';
        }
    }
    read(&dir.write("broken-xref.pdf", &broken));
    // Cut in the middle (half downloaded).
    survives(&dir.write("half.pdf", &good[..good.len() / 2]));
    // A form XObject that draws itself, a page tree whose kids include itself, and a
    // content stream that draws the form a million times.
    let objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 5 0 R >> >> /Contents 4 0 R >>".into(),
        stream("", &"/X Do ".repeat(1_000_000)),
        stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X 5 0 R /Y 6 0 R >> >>",
            "/X Do /Y Do",
        ),
        stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X 5 0 R >> >>",
            "/X Do",
        ),
    ];
    unreadable(&dir.write("loop.pdf", pdf(&objs, "")), "");
}

#[test]
fn a_report_pdf_past_the_page_cap_is_read_and_says_what_was_left_out() {
    let dir = TempDir::new("hostile-pages");
    // The seed's six pages (object 4 is their page tree, the file has 23 objects), then 995
    // blank pages added by an incremental update: 1 001 pages, one past the reader's cap.
    let good = std::fs::read(repo().join("tests/fixtures/pdf/seed.html.pdf")).unwrap();
    let text = String::from_utf8_lossy(&good);
    assert!(text.contains("4 0 obj\n<< /Count 6 /Kids [ 3 0 R 7 0 R 8 0 R 9 0 R 10 0 R 11 0 R ]"));
    let blank: Vec<usize> = (25..25 + 995).collect();
    let kids: String = blank.iter().map(|n| format!(" {n} 0 R")).collect();
    let mut objects = vec![
        (
            4,
            format!("<< /Type /Pages /Count 1001 /Kids [ 3 0 R 7 0 R 8 0 R 9 0 R 10 0 R 11 0 R{kids} ] /MediaBox [ 0 0 841.889763779528 595.303937007874 ] /Resources 6 0 R >>"),
        ),
        (24, stream("", "")),
    ];
    for n in blank {
        objects.push((
            n,
            "<< /Type /Page /Parent 4 0 R /Contents 24 0 R >>".to_string(),
        ));
    }
    let r = read(&dir.write("pages.pdf", update(good, &objects, 25 + 995)));
    // The report is checked as ever (the one warning of this PDF of the seed: 等反面), and the
    // user is told that the pages after the first 1 000 were not read.
    assert_eq!(r.code, 0, "{}", r.stdout);
    let head = &r.stdout[..r.stdout.len().min(1200)];
    assert!(
        head.contains("（错误 0 项，警告 2 项，提示 0 项）"),
        "{head}"
    );
    assert!(
        head.contains("警告 [READ-INCOMPLETE] 文件只读取了前1000页") && head.contains("等反面"),
        "{head}"
    );
}

#[test]
fn ten_thousand_table_rows_and_a_10_mb_line() {
    let dir = TempDir::new("hostile-rows");
    let s = seed();
    // 10 000 rows in 表三's region (after its first row), tab-separated like a copied table.
    let at = s.find("二、上年结转").expect("表三 row 2");
    let mut rows = String::new();
    for i in 0..10_000 {
        rows.push_str(&format!("其他事项{i}\t1\t2\t3\t4\t5\t6\t21\n"));
    }
    read(&dir.write("rows-10000.txt", format!("{}{rows}{}", &s[..at], &s[at..])));
    // The same as an HTML table of 10 000 rows.
    let mut html = String::from("<p>一、总体情况</p><table>");
    for i in 0..10_000 {
        html.push_str(&format!(
            "<tr><td>第{i}行</td><td>1</td><td>2</td><td>3</td></tr>"
        ));
    }
    html.push_str("</table>");
    survives(&dir.write("rows-10000.html", html));
    // One line of 10 MB with no line break: the seed's lines joined, and digits that run on.
    let joined = s.replace('\n', " ");
    let mut line = String::with_capacity(10 << 20);
    while line.len() < 10 << 20 {
        line.push_str(&joined);
        line.push_str("1234567890");
    }
    survives(&dir.write("line-10mb.txt", line));
    let digits = format!("{}{}", s.replace('\n', ""), "1234567890".repeat(1 << 20));
    survives(&dir.write("digits-10mb.txt", digits));
}
