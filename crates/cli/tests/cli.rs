//! End-to-end tests of the `nianbao` binary: exit codes (format.md §10: 0 no error, 1 errors,
//! 2 usage error or unreadable input), the JSON contract, explain/rules, stdin, `--last`, and
//! every usage error and bad-input message asserted by content, Chinese first, English second.
//! What the output looks like as a whole is in `snapshots.rs`.

mod common;

use common::{case_input, case_names, corpus, nianbao, repo, run, stderr, stdout, TempDir};
use std::process::Output;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/seed.txt");

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn seed_json_has_every_cell_and_no_arithmetic_finding() {
    let o = nianbao(&["check", SEED, "--format", "json"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["version"], 1);
    let r = &v["reports"][0];
    assert_eq!(r["status"], "ok");
    assert_eq!(r["format"], "2021");
    assert_eq!(r["year"], 2024);
    assert_eq!(r["agency"], "洛阳市科学技术局");
    // the seed's one slip, 等反面, is a warning
    assert_eq!(r["verdict"], "warn");
    let cells = r["cells"].as_object().unwrap();
    assert_eq!(cells.len(), 10 + 25 * 7 + 15);
    assert_eq!(r["cells"]["T2.norm.made"], 2);
    assert_eq!(r["cells"]["T2.norm.repealed"], 6);
    assert_eq!(r["cells"]["T2.norm.valid"], 15);
    for (k, v) in cells {
        if k.starts_with("T3") || k.starts_with("T4") {
            assert_eq!(v, &serde_json::json!(0), "{k}");
        }
    }
    let rules: Vec<&str> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["TEXT-TYPO"]);
}

#[test]
fn docx_and_html_files_are_read_by_content_with_the_same_cells() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let cells = |path: &str| -> (String, serde_json::Value) {
        let o = nianbao(&["check", path, "--format", "json"], None);
        assert_eq!(o.status.code(), Some(0), "{path}: {}", stdout(&o));
        let v = json(&o);
        (
            v["reports"][0]["kind"].as_str().unwrap().to_string(),
            v["reports"][0]["cells"].clone(),
        )
    };
    let (k_text, text) = cells(SEED);
    let (k_docx, docx) = cells(&format!("{root}/docx/seed.docx"));
    let (k_html, html) = cells(&format!("{root}/html/seed-2021.html"));
    assert_eq!(
        (k_text.as_str(), k_docx.as_str(), k_html.as_str()),
        ("text", "docx", "html")
    );
    assert_eq!(docx, text);
    assert_eq!(html, text);
    // The file name is only a hint: a .docx saved as .txt is still read as Word.
    let dir = TempDir::new("sniff");
    let renamed = dir.path().join("report.txt");
    std::fs::copy(format!("{root}/docx/seed.docx"), &renamed).unwrap();
    assert_eq!(cells(renamed.to_str().unwrap()).0, "docx");
}

#[test]
fn a_changed_cell_fails_with_suspect_and_exit_1() {
    let seed = std::fs::read_to_string(SEED).unwrap();
    let bad = seed.replacen(
        "二、上年结转政府信息公开申请数量\t\t0",
        "二、上年结转政府信息公开申请数量\t\t4",
        1,
    );
    let o = nianbao(&["check", "-", "--format", "json"], Some(bad.as_bytes()));
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let f = &v["reports"][0]["findings"];
    let ident = f
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["rule"] == "T3-IDENTITY")
        .expect("T3-IDENTITY");
    assert_eq!(ident["severity"], "error");
    assert_eq!(ident["outcome"], "fail");
    assert_eq!(ident["expected"], 4);
    assert_eq!(ident["actual"], 0);
    // keys in JSON …
    assert_eq!(ident["suspect"], serde_json::json!(["T3.R2.C1"]));
    assert_eq!(
        ident["message"],
        "表三“自然人”列：第一项加第二项之和（4）不等于第三项加第四项之和（0）"
    );
    // … words for people, in Chinese and in English
    let o = nianbao(&["check", "-"], Some(bad.as_bytes()));
    assert!(
        stdout(&o)
            .contains("      可疑单元格：表三“二、上年结转政府信息公开申请数量”行“自然人”列\n"),
        "{}",
        stdout(&o)
    );
    let o = nianbao(&["check", "-", "--lang", "en"], Some(bad.as_bytes()));
    let s = stdout(&o);
    assert!(s.contains("I + II (4) does not equal III + IV (0)"), "{s}");
    assert!(
        s.contains("      suspect cells: Table 3 row “II. Applications carried over from last year”, column “natural persons”\n"),
        "{s}"
    );
}

#[test]
fn text_output_gives_verdict_first_and_identities() {
    let o = nianbao(&["check", SEED], None);
    let s = stdout(&o);
    assert!(
        // the seed's one slip, 等反面, is a warning
        s.starts_with("【有警告】  ")
            && s.lines()
                .next()
                .unwrap()
                .ends_with("（错误 0 项，警告 1 项，提示 0 项）"),
        "{s}"
    );
    assert_eq!(s.matches("✓").count(), 7, "{s}");
    assert!(s.contains("  机关：洛阳市科学技术局  年度：2024  格式：2021年版格式"));
}

#[test]
fn csv_outputs() {
    let o = nianbao(&["check", SEED, "--format", "cells"], None);
    let s = stdout(&o);
    assert_eq!(s.lines().count(), 1 + 200);
    assert!(s.starts_with("file,cell,state,value\n"));
    assert!(s.contains(",T2.norm.valid,number,15\n"));
    let o = nianbao(&["check", SEED, "--format", "csv"], None);
    let s = stdout(&o);
    assert_eq!(
        s.lines().next(),
        Some("file,verdict,rule,severity,outcome,cells,expected,actual,suspect,message")
    );
    // the seed's one finding, its slip 等反面
    assert!(
        s.lines()
            .nth(1)
            .unwrap()
            .ends_with(",warn,TEXT-TYPO,warning,fail,,,,,疑似错别字：“适用范围等反面进行全面解读…”，应为“等方面”（“反”与“方”音近）"),
        "{s}"
    );
}

#[test]
fn explain_and_rules_come_from_the_rule_docs() {
    let o = nianbao(&["explain", "t3-identity"], None);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    let rule = nianbao_core::find_rule("T3-IDENTITY").unwrap();
    assert!(
        s.starts_with(&format!("T3-IDENTITY — {}\n", rule.title_zh)) && s.contains(rule.doc().zh),
        "{s}"
    );
    let o = nianbao(&["explain", "T3-IDENTITY", "--lang", "en"], None);
    let s = stdout(&o);
    assert!(
        s.starts_with(&format!("T3-IDENTITY — {}\n", rule.title_en)) && s.contains(rule.doc().en),
        "{s}"
    );
    // Every rule can be explained, in both languages.
    for r in nianbao_core::RULES {
        for (lang, doc) in [("zh", r.doc().zh), ("en", r.doc().en)] {
            let o = nianbao(&["explain", r.id.as_str(), "--lang", lang], None);
            assert_eq!(o.status.code(), Some(0), "{}", r.id);
            assert!(stdout(&o).contains(doc), "{} {lang}", r.id);
        }
    }
    // `rules`: one line per rule, id, the severities it can give (the usual one first) and
    // title in aligned columns (aligned on the screen: a CJK character is two columns).
    for (lang, zh) in [("zh", true), ("en", false)] {
        let o = nianbao(&["rules", "--lang", lang], None);
        assert_eq!(o.status.code(), Some(0));
        let s = stdout(&o);
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines.len(), nianbao_core::RULES.len());
        let title_at = lines[0].find(nianbao_core::RULES[0].title(zh)).unwrap();
        let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
        for (l, r) in lines.iter().zip(nianbao_core::RULES) {
            assert!(l.starts_with(&format!("{} ", r.id)), "{l}");
            let lang = if zh {
                nianbao_core::Lang::Zh
            } else {
                nianbao_core::Lang::En
            };
            let sev = r.severity_short(lang);
            assert!(sev.starts_with(r.severity.label(lang)), "{sev}");
            assert!(l.contains(&format!("  {sev}  ")), "{l}");
            let at = l.find(r.title(zh)).unwrap_or(0);
            assert_eq!(
                width(&l[..at]),
                width(&lines[0][..title_at]),
                "titles not aligned: {l}"
            );
        }
    }
}

trait Title {
    fn title(&self, zh: bool) -> &'static str;
}

impl Title for nianbao_core::Rule {
    fn title(&self, zh: bool) -> &'static str {
        if zh {
            self.title_zh
        } else {
            self.title_en
        }
    }
}

#[test]
fn help_and_version() {
    for flag in ["--help", "-h", "help"] {
        let o = nianbao(&[flag], None);
        assert_eq!(o.status.code(), Some(0));
        let s = stdout(&o);
        assert!(
            s.starts_with("nianbao — 政府信息公开工作年度报告校验 / validator"),
            "{s}"
        );
        for cmd in [
            "nianbao check FILE...",
            "--last",
            "nianbao explain RULE",
            "nianbao rules",
        ] {
            assert!(s.contains(cmd), "{cmd}: {s}");
        }
        assert!(s.contains("退出码 / exit codes: 0 无错误"), "{s}");
        assert!(stderr(&o).is_empty());
    }
    for flag in ["--version", "-V"] {
        let o = nianbao(&[flag], None);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(
            stdout(&o),
            format!("nianbao {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn legacy_encodings_are_decoded_not_rejected() {
    let seed = std::fs::read_to_string(SEED).unwrap();
    // GBK, as saved by Notepad on a Chinese Windows machine: the page fixture.
    let gbk = std::fs::read(repo().join("tests/fixtures/page/seed-gbk.txt")).unwrap();
    assert!(std::str::from_utf8(&gbk).is_err());
    let o = nianbao(&["check", "-", "--format", "json"], Some(&gbk));
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(json(&o)["reports"][0]["agency"], "洛阳市科学技术局");
    // UTF-16 LE with BOM.
    let mut utf16 = vec![0xFF, 0xFE];
    for u in seed.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let o = nianbao(&["check", "-", "--format", "json"], Some(&utf16));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json(&o)["reports"][0]["agency"], "洛阳市科学技术局");
}

// ---------------------------------------------------------------------------------------
// Usage errors: exit 2, nothing on stdout, the message in Chinese then in English, then the
// usage.

fn usage_error(args: &[&str], zh: &str, en: &str) {
    let o = nianbao(args, None);
    assert_eq!(o.status.code(), Some(2), "{args:?}");
    assert!(stdout(&o).is_empty(), "{args:?}: {}", stdout(&o));
    let e = stderr(&o);
    let mut lines = e.lines();
    assert_eq!(lines.next(), Some(zh), "{args:?}: {e}");
    assert_eq!(lines.next(), Some(en), "{args:?}: {e}");
    assert!(
        e.contains("\n\nnianbao — 政府信息公开工作年度报告校验") && e.contains("用法 / usage:"),
        "{args:?}: {e}"
    );
}

#[test]
fn usage_errors_say_what_is_wrong_in_chinese_then_english() {
    usage_error(
        &[],
        "缺少命令（check、explain 或 rules）",
        "missing command (check, explain or rules)",
    );
    usage_error(
        &["frobnicate"],
        "未知的命令：frobnicate",
        "unknown command: frobnicate",
    );
    usage_error(
        &["check", "--frob", SEED],
        "未知的选项：--frob",
        "unknown option: --frob",
    );
    usage_error(&["rules", "-x"], "未知的选项：-x", "unknown option: -x");
    usage_error(
        &["check", "--format", "xml", SEED],
        "未知的输出格式：xml（可选 text、json、jsonl、csv、sarif、cells、wide）",
        "unknown format: xml (text, json, jsonl, csv, sarif, cells or wide)",
    );
    usage_error(
        &["check", SEED, "--format=yaml"],
        "未知的输出格式：yaml（可选 text、json、jsonl、csv、sarif、cells、wide）",
        "unknown format: yaml (text, json, jsonl, csv, sarif, cells or wide)",
    );
    usage_error(
        &["check", SEED, "--format"],
        "--format 后面需要一个值",
        "--format needs a value",
    );
    usage_error(
        &["check", SEED, "--last"],
        "--last 后面需要一个值",
        "--last needs a value",
    );
    usage_error(
        &["check", SEED, "--lang", "fr"],
        "未知的语言：fr（可选 zh、en）",
        "unknown language: fr (zh or en)",
    );
    usage_error(
        &["check"],
        "check 需要至少一个报告文件（- 表示标准输入）",
        "check needs at least one report file (- for stdin)",
    );
    usage_error(
        &["check", "--format", "json"],
        "check 需要至少一个报告文件（- 表示标准输入）",
        "check needs at least one report file (- for stdin)",
    );
    usage_error(
        &["explain"],
        "explain 需要一个规则编号，例如 nianbao explain T3-IDENTITY",
        "explain takes one rule id, e.g. nianbao explain T3-IDENTITY",
    );
    usage_error(
        &["check", SEED, SEED, "--last", SEED],
        "--last 只能与一个报告文件一起使用",
        "--last goes with exactly one report file",
    );
}

#[test]
fn explain_of_an_unknown_rule_points_to_the_list() {
    let o = nianbao(&["explain", "NO-SUCH-RULE"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    assert_eq!(
        stderr(&o),
        "没有编号为 NO-SUCH-RULE 的规则：nianbao rules 列出全部规则。\nno rule NO-SUCH-RULE: nianbao rules lists them all.\n"
    );
}

// ---------------------------------------------------------------------------------------
// Inputs that cannot be read: exit 2 in every format, the verdict 无法读取 and the reason,
// in Chinese by default and in English with --lang en; in JSON, status "unreadable" and the
// reason in `error`.

/// Checks `path` (or stdin when `path` is `-`) in text (zh, en), JSON (zh) and CSV formats.
fn unreadable(path: &str, stdin: Option<&[u8]>, zh: &str, en: &str) {
    let name = if path == "-" { "<stdin>" } else { path };
    let o = nianbao(&["check", path], stdin);
    assert_eq!(o.status.code(), Some(2), "{path}");
    assert_eq!(
        stdout(&o),
        format!("【无法读取】  {name}\n  {zh}\n"),
        "{path}"
    );
    let o = nianbao(&["check", path, "--lang", "en"], stdin);
    assert_eq!(o.status.code(), Some(2), "{path}");
    assert_eq!(
        stdout(&o),
        format!("【unreadable】  {name}\n  {en}\n"),
        "{path}"
    );
    let o = nianbao(&["check", path, "--format", "json"], stdin);
    assert_eq!(o.status.code(), Some(2), "{path}");
    let v = json(&o);
    let r = &v["reports"][0];
    assert_eq!(
        (
            r["status"].as_str(),
            r["verdict"].as_str(),
            r["error"].as_str()
        ),
        (Some("unreadable"), Some("unreadable"), Some(zh)),
        "{path}"
    );
    assert_eq!(r["findings"], serde_json::json!([]));
    let o = nianbao(&["check", path, "--format", "csv"], stdin);
    assert_eq!(o.status.code(), Some(2), "{path}");
    let line = stdout(&o).lines().nth(1).unwrap_or("").to_string();
    assert!(
        line.starts_with(&format!("{name},unreadable,,,,,,,,")) && line.contains(zh),
        "{path}: {line}"
    );
    let o = nianbao(&["check", path, "--format", "cells"], stdin);
    assert_eq!(o.status.code(), Some(2), "{path}");
    assert_eq!(stdout(&o), "file,cell,state,value\n", "{path}");
    assert_eq!(stderr(&o), format!("{name}: {zh}\n"), "{path}");
}

/// A zip archive (stored, with a correct CRC) holding the given files.
fn zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    fn crc32(b: &[u8]) -> u32 {
        let mut c = !0u32;
        for &x in b {
            c ^= x as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    (c >> 1) ^ 0xEDB8_8320
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, data) in files {
        let offset = out.len() as u32;
        let (crc, size, n) = (crc32(data), data.len() as u32, name.len() as u16);
        out.extend_from_slice(b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0");
        for v in [crc, size, size] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(b"PK\x01\x02\x14\0\x14\0\0\0\0\0\0\0\0\0");
        for v in [crc, size, size] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        central.extend_from_slice(&n.to_le_bytes());
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let at = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    let k = files.len() as u16;
    out.extend_from_slice(&k.to_le_bytes());
    out.extend_from_slice(&k.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[test]
fn files_that_cannot_be_had_say_why() {
    let dir = TempDir::new("missing");
    let missing = dir.path().join("no-such-report.txt");
    unreadable(
        missing.to_str().unwrap(),
        None,
        "找不到这个文件：请检查路径和文件名。",
        "No such file: check the path and the file name.",
    );
    // A folder is read recursively (tests/batch.rs); one with nothing in it says so, exit 2.
    let o = nianbao(&["check", dir.path().to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    assert_eq!(
        stderr(&o),
        "没有可校验的文件：给出的文件夹中只有被跳过的文件（见上方说明）或没有文件。\nNothing to check: the folders given hold only skipped files (see above) or no file at all.\n"
    );
    // Over the size limit: refused before it is read (a sparse file, cheap to make).
    let big = dir.path().join("big.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(nianbao_core::input::MAX_INPUT_BYTES as u64 + 1)
        .unwrap();
    drop(f);
    unreadable(
        big.to_str().unwrap(),
        None,
        "文件过大（32.1 MB），超过 32 MB 的上限，未读取。年度报告的 Word 文档或网页通常只有几百 KB：请确认选择的是报告本身（不含附件、扫描图片），或复制报告文字粘贴。",
        "The file is too large (32.1 MB; the limit is 32 MB) and was not read. A report is usually a few hundred KB: choose the report itself, or paste its text.",
    );
    let empty = dir.write("empty.txt", b"");
    unreadable(
        empty.to_str().unwrap(),
        None,
        "文件是空的（0 字节）：请选择年度报告的 Word 文档（.docx）、网页（.html）或文本文件（.txt）。",
        "The file is empty (0 bytes): choose the report as a .docx, .html or .txt file.",
    );
}

#[test]
fn files_that_are_not_reports_say_why() {
    let dir = TempDir::new("bad-input");
    let at = |name: &str, bytes: &[u8]| dir.write(name, bytes).to_str().unwrap().to_string();
    // What this test was loosened from (a zip local header and garbage): its own message again.
    unreadable(
        "-",
        Some(b"PK\x03\x04garbage"),
        "文件不完整（可能在下载、复制或上传时被截断），无法作为 Word 文档打开：请重新下载，或在 Word/WPS 中重新另存为 .docx 后再校验。",
        "The file is incomplete (probably truncated while downloading, copying or uploading) and cannot be opened as a Word document: download it again, or save it as .docx again in Word/WPS.",
    );
    // A real .docx cut short.
    let docx = std::fs::read(repo().join("tests/fixtures/docx/seed.docx")).unwrap();
    unreadable(
        &at("cut.docx", &docx[..docx.len() / 2]),
        None,
        "文件不完整（可能在下载、复制或上传时被截断），无法作为 Word 文档打开：请重新下载，或在 Word/WPS 中重新另存为 .docx 后再校验。",
        "The file is incomplete (probably truncated while downloading, copying or uploading) and cannot be opened as a Word document: download it again, or save it as .docx again in Word/WPS.",
    );
    // A whole zip without a Word document in it.
    unreadable(
        &at("photos.zip", &zip(&[("a.txt", b"hello")])),
        None,
        "这是一个压缩包（.zip/.xlsx 等），里面没有 Word 文档：请提供报告的 .docx、.html 或文字。",
        "This is a zip archive (.zip/.xlsx …) without a Word document in it: provide the report as .docx, .html or text.",
    );
    // An Excel workbook.
    unreadable(
        &at(
            "t.xlsx",
            &zip(&[("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>")]),
        ),
        None,
        "这是 Excel 表格（.xlsx），不是 Word 文档：请提供年度报告的 .docx、.html 或文字。",
        "This is an Excel workbook (.xlsx), not a Word document: provide the report as .docx, .html or text.",
    );
    // A password-protected Word document (scripts/make-docx-fixtures.sh).
    unreadable(
        repo().join("tests/fixtures/docx/seed-locked.docx").to_str().unwrap(),
        None,
        "这是设置了打开密码的加密 Word 文档，无法读取：请在 Word/WPS 中打开，取消密码（Word：文件→信息→保护文档→用密码进行加密，清空密码；WPS：文件→文档加密→密码加密，清空密码）后另存为 .docx 再校验，或复制报告文字粘贴。",
        "This Word document is password-protected (encrypted) and cannot be read: open it in Word/WPS, remove the password, save it as .docx without a password, or copy the report text and paste it.",
    );
    // Old binary Word is refused, with what to do instead.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(2048, 0);
    unreadable(
        &at("report.doc", &ole),
        None,
        "这是旧版 Word（.doc）或 WPS（.wps）二进制文件，无法读取：请在 Word/WPS 中另存为 .docx，或复制报告文字粘贴。",
        "This is an old binary Word (.doc) or WPS (.wps) file: save it as .docx, or paste the report text.",
    );
    unreadable(
        &at("report.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n"),
        None,
        "PDF 文件已损坏或不完整：找不到任何页面。请重新下载文件，或改用报告的原始 Word 文件（.docx）或网页，或复制报告文字粘贴到这里。",
        "The PDF is damaged or incomplete: no page could be found. Download it again, use the report's original Word file (.docx) or web page, or paste the report text.",
    );
    // Binary garbage.
    let garbage: Vec<u8> = (0u8..=255).cycle().take(3000).collect();
    unreadable(
        &at("garbage.bin", &garbage),
        None,
        "这不是文本文件（含有二进制数据），无法作为年度报告读取。",
        "This is not a text file (it contains binary data) and cannot be read as a report.",
    );
    // Empty input on stdin, a file of white space only.
    for (path, stdin) in [
        ("-", Some(&b""[..])),
        (at("blank.txt", b" \n\t\r\n").as_str(), None),
    ] {
        unreadable(
            path,
            stdin,
            "输入为空：请粘贴年度报告全文，或选择报告文件。",
            "The input is empty: paste the full report text or choose a report file.",
        );
    }
    // Text that is not a report.
    unreadable(
        "-",
        Some("今天天气很好。".as_bytes()),
        "未识别为政府信息公开工作年度报告：没有找到“一、总体情况”等章节标题，也没有找到表二、表三、表四的任何一行。请粘贴报告全文（含表格）。",
        "This does not look like an annual report on government information disclosure: no section headings and no row of tables 2–4 were found. Paste the full report, tables included.",
    );
}

#[test]
fn one_unreadable_file_among_several_makes_exit_2_and_the_others_are_still_checked() {
    let dir = TempDir::new("several");
    let missing = dir.path().join("missing.txt");
    let o = nianbao(
        &["check", SEED, missing.to_str().unwrap(), "--format", "json"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    assert_eq!(v["reports"][0]["verdict"], "warn");
    assert_eq!(v["reports"][1]["status"], "unreadable");
    // errors without unreadable input: 1
    let bad = dir.write("bad.txt", case_input("04_t4_totals_zero.txt"));
    let o = nianbao(&["check", SEED, bad.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    // warnings only: 0
    let warn = dir.write("warn.txt", case_input("14_mixed.txt"));
    let o = nianbao(
        &["check", SEED, warn.to_str().unwrap(), "--format", "json"],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json(&o)["reports"][1]["verdict"], "warn");
}

// ---------------------------------------------------------------------------------------
// --last: only last year's report of the same body is compared; anything else is refused
// with the page's words (nianbao_core::pair_problem), exit 2 and nothing on stdout.

#[test]
fn last_years_report_is_checked_with_last() {
    let seed = std::fs::read_to_string(SEED).unwrap();
    let dir = TempDir::new("last");
    let last = dir.write(
        "2023.txt",
        seed.replace("2024", "2023").replacen(
            "四、结转下年度继续办理\t\t0",
            "四、结转下年度继续办理\t\t2",
            1,
        ),
    );
    let last = last.to_str().unwrap();
    let o = nianbao(&["check", SEED, "--last", last, "--format", "json"], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    let f = v["reports"][0]["findings"].as_array().unwrap();
    assert!(
        f.iter()
            .any(|x| x["rule"] == "CARRYOVER-MISMATCH"
                && x["cells"] == serde_json::json!(["T3.R2.C1"])),
        "{f:?}"
    );
    let o = nianbao(&["check", SEED, "--last", last], None);
    let s = stdout(&o);
    assert!(
        s.contains(&format!(
            "\n  已与上一年度报告对比：{last}（2023 年度）。跨年度核对（上年结转、现行有效件数）发现 2 项问题。\n"
        )),
        "{s}"
    );
    // Last year's report without a recognised agency: compared, with a note to make sure.
    let anonymous = dir.write(
        "anonymous-2023.txt",
        seed.replace("2024", "2023")
            .replace("洛阳市科学技术局", "")
            .replace("\n市科技局", "\n"),
    );
    let o = nianbao(
        &[
            "check",
            SEED,
            "--last",
            anonymous.to_str().unwrap(),
            "--lang",
            "en",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(
        s.contains("found 1 problem(s). Note: the body of one of the reports was not recognised; make sure both are by the same body.\n"),
        "{s}"
    );
}

#[test]
fn last_refuses_another_body_another_year_and_unreadable_files() {
    let (Some(hz2023), Some(hz2024), Some(ha2024)) = (
        corpus("010_hongze_2023.txt"),
        corpus("011_hongze_2024.txt"),
        corpus("009_huaian_2024.txt"),
    ) else {
        return;
    };
    let dir = TempDir::new("last-refused");
    let copy = |p: &std::path::Path| {
        let name = p.file_name().unwrap().to_str().unwrap();
        std::fs::copy(p, dir.path().join(name)).unwrap();
        name.to_string()
    };
    let (hz2023, hz2024, ha2024) = (copy(&hz2023), copy(&hz2024), copy(&ha2024));
    let cwd = Some(dir.path());
    let refused = |args: &[&str], zh: &str, en: &str| {
        for format in ["text", "json", "csv", "cells"] {
            let mut a = args.to_vec();
            a.extend(["--format", format]);
            let o = run(&a, None, cwd);
            assert_eq!(o.status.code(), Some(2), "{a:?}: {}", stdout(&o));
            assert!(stdout(&o).is_empty(), "{a:?}: {}", stdout(&o));
            assert_eq!(stderr(&o), format!("{zh}\n{en}\n"), "{a:?}");
        }
    };
    // 淮安市人民政府 2024 against 洪泽区人民政府 2023: the previous year, another body. It used to
    // report two CARRYOVER-MISMATCH errors.
    refused(
        &["check", &ha2024, "--last", &hz2023],
        "无法对比：所选文件“010_hongze_2023.txt”是“洪泽区人民政府”的报告，本报告是“淮安市人民政府”的。只能与同一机关上一年度的报告对比。",
        "Cannot compare: the chosen file “010_hongze_2023.txt” is by 洪泽区人民政府, this report by 淮安市人民政府. Compare only with the same body's report of the previous year.",
    );
    // The same body, but not the year before.
    refused(
        &["check", &hz2023, "--last", &hz2024],
        "无法对比：所选文件“011_hongze_2024.txt”是 2024 年度的报告，不是上一年度（2022 年度）的报告。",
        "Cannot compare: the chosen file “011_hongze_2024.txt” is the report for 2024, not for the previous year (2022).",
    );
    refused(
        &["check", &hz2024, "--last", &hz2024],
        "无法对比：所选文件“011_hongze_2024.txt”是 2024 年度的报告，不是上一年度（2023 年度）的报告。",
        "Cannot compare: the chosen file “011_hongze_2024.txt” is the report for 2024, not for the previous year (2023).",
    );
    // Last year's file cannot be read: missing, or not a report.
    refused(
        &["check", &hz2024, "--last", "gone.txt"],
        "无法对比：所选文件“gone.txt”无法读取。找不到这个文件：请检查路径和文件名。",
        "Cannot compare: the chosen file “gone.txt” could not be read. No such file: check the path and the file name.",
    );
    std::fs::write(dir.path().join("note.txt"), "今天天气很好。").unwrap();
    refused(
        &["check", &hz2024, "--last", "note.txt"],
        "无法对比：所选文件“note.txt”无法读取。未识别为政府信息公开工作年度报告：没有找到“一、总体情况”等章节标题，也没有找到表二、表三、表四的任何一行。请粘贴报告全文（含表格）。",
        "Cannot compare: the chosen file “note.txt” could not be read. This does not look like an annual report on government information disclosure: no section headings and no row of tables 2–4 were found. Paste the full report, tables included.",
    );
    // This year's report unreadable: it is shown as such (exit 2), nothing is compared.
    let o = run(&["check", "note.txt", "--last", &hz2023], None, cwd);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).starts_with("【无法读取】  note.txt\n"),
        "{}",
        stdout(&o)
    );
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));

    // The real pair of one body (洪泽区人民政府 2023, 淮安市洪泽区人民政府 2024) is accepted:
    // compared, with nothing carried over wrongly.
    let o = run(
        &["check", &hz2024, "--last", &hz2023, "--format", "json"],
        None,
        cwd,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    let r = &v["reports"][0];
    assert_eq!(
        (r["year"].as_u64(), r["verdict"].as_str()),
        (Some(2024), Some("warn"))
    );
    let f = r["findings"].as_array().unwrap();
    assert!(
        !f.iter().any(|x| x["rule"] == "CARRYOVER-MISMATCH"),
        "{f:?}"
    );
    let o = run(&["check", &hz2024, "--last", &hz2023], None, cwd);
    assert!(
        stdout(&o).contains("  已与上一年度报告对比：010_hongze_2023.txt（2023 年度）。跨年度核对（上年结转、现行有效件数）发现 0 项问题。\n"),
        "{}",
        stdout(&o)
    );
}

// ---------------------------------------------------------------------------------------
// Cells in words: no internal key in anything a person reads.

/// The first internal cell key in `s` (`T4.RV.t`, `T3.R3g.C3`, `T2.fee`, or a bare row/column
/// key such as `R3g`, `C7`, `RV.t`); rule ids (`T3-IDENTITY`) are public and not keys.
fn find_key(s: &str) -> Option<&str> {
    let is_tok = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '_';
    let mut rest = s;
    while let Some(start) = rest.find(is_tok) {
        let tail = &rest[start..];
        let end = tail.find(|c: char| !is_tok(c)).unwrap_or(tail.len());
        let tok = tail[..end].trim_end_matches('.');
        let b = tok.as_bytes();
        let row = |t: &[u8]| {
            t.len() >= 2
                && t[0] == b'R'
                && (b'1'..=b'4').contains(&t[1])
                && match t.len() {
                    2 => true,
                    3 => (b'a'..=b'g').contains(&t[2]),
                    4 => (b'a'..=b'g').contains(&t[2]) && t[3].is_ascii_digit(),
                    _ => false,
                }
        };
        let key = tok.starts_with("T2.")
            || tok.starts_with("T3.")
            || tok.starts_with("T4.")
            || row(b)
            || (b.len() == 2 && b[0] == b'C' && (b'1'..=b'7').contains(&b[1]))
            || ["RV.", "LD.", "LR."].iter().any(|g| tok.starts_with(g));
        if key {
            return Some(tok);
        }
        rest = &tail[end..];
    }
    None
}

#[test]
fn the_key_scanner_finds_keys_and_nothing_else() {
    for s in [
        "可疑单元格：T4.RV.t",
        "suspect cells: T3.R1.C1, T3.R2.C1",
        "（T2.fee）",
        "行R3g列",
        "the C7 column",
        "RV.t",
        "R3d1",
        "T3.R3g.C3。",
    ] {
        assert!(find_key(s).is_some(), "{s}");
    }
    for s in [
        "[T3-IDENTITY] 表三“自然人”列",
        "010_hongze_2023.txt",
        "2024 年度",
        "Table 3 row “(4)1 Not held by this body”, column “natural persons”",
        "I + II = III(7) + IV",
        "R5 C8 CR RVt",
    ] {
        assert_eq!(find_key(s), None, "{s}");
    }
}

/// A `{name}` left unfilled in a message template (ASCII identifier between braces).
fn unfilled_placeholder(line: &str) -> Option<&str> {
    let start = line.find('{')?;
    let len = line[start + 1..].find('}')?;
    let name = &line[start + 1..start + 1 + len];
    (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .then(|| &line[start..start + len + 2])
}

/// Every fixture case, the seed, the Word/HTML fixtures and every corpus report, in text
/// output (zh and en) and in the JSON messages: no internal key and no unfilled
/// `{placeholder}`; and every finding of the report (counted in its JSON) is listed exactly
/// once in the text.
#[test]
fn no_internal_key_in_any_human_output() {
    let dir = TempDir::new("keys");
    let mut files: Vec<String> = Vec::new();
    for name in case_names() {
        files.push(
            dir.write(&name, case_input(&name))
                .to_str()
                .unwrap()
                .to_string(),
        );
    }
    for p in [
        "tests/fixtures/seed.txt",
        "tests/fixtures/docx/seed.docx",
        "tests/fixtures/docx/seed-vmerge.docx",
        "tests/fixtures/docx/008_shanghai-bgt_2019.docx",
        "tests/fixtures/html/seed-2021.html",
        "tests/fixtures/html/nbsp-blanks.html",
    ] {
        files.push(repo().join(p).to_str().unwrap().to_string());
    }
    let raw = common::corpus_dir();
    match std::fs::read_dir(&raw) {
        Ok(entries) => {
            let mut v: Vec<String> = entries
                .filter_map(|e| {
                    let p = e.ok()?.path();
                    let n = p.to_str()?.to_string();
                    (n.ends_with(".txt") || n.ends_with(".html")).then_some(n)
                })
                .collect();
            v.sort();
            assert!(!v.is_empty(), "no report in {}", raw.display());
            files.extend(v);
        }
        Err(_) => assert!(
            std::env::var_os("CI").is_none(),
            "corpus not found at {}",
            raw.display()
        ),
    }
    let mut problems = Vec::new();
    for f in &files {
        let o = nianbao(&["check", f, "--format", "json"], None);
        let v = json(&o);
        let n = v["reports"][0]["findings"]
            .as_array()
            .map_or(0, |a| a.len());
        for lang in ["zh", "en"] {
            let o = nianbao(&["check", f, "--lang", lang], None);
            let s = stdout(&o);
            for line in s.lines() {
                if let Some(k) = find_key(line) {
                    problems.push(format!("{f} ({lang}): key {k} in “{line}”"));
                }
                if let Some(p) = unfilled_placeholder(line) {
                    problems.push(format!("{f} ({lang}): unfilled {p} in “{line}”"));
                }
            }
            let listed = s
                .lines()
                .filter(|l| {
                    [
                        "错误 [",
                        "警告 [",
                        "提示 [",
                        "error [",
                        "warning [",
                        "info [",
                    ]
                    .iter()
                    .any(|p| l.starts_with(&format!("    {p}")))
                })
                .count();
            if listed != n {
                problems.push(format!(
                    "{f} ({lang}): {listed} findings listed, {n} in the JSON"
                ));
            }
            // the messages as CSV and JSON carry them (the keys have their own columns)
            let o = nianbao(&["check", f, "--lang", lang, "--format", "json"], None);
            let v = json(&o);
            let r = &v["reports"][0];
            let mut texts = vec![r["error"].as_str().unwrap_or("").to_string()];
            for x in r["findings"].as_array().into_iter().flatten() {
                texts.push(x["message"].as_str().unwrap_or("").to_string());
            }
            for t in texts {
                if let Some(k) = find_key(&t) {
                    problems.push(format!("{f} ({lang}, message): key {k} in “{t}”"));
                }
                if let Some(p) = unfilled_placeholder(&t) {
                    problems.push(format!("{f} ({lang}, message): unfilled {p} in “{t}”"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `nianbao check report.pdf`: the published 洪泽区 2023 PDF is read (kind `pdf`) with the
/// cells of its text, and its 表四 source errors are found at the total cells.
#[test]
fn a_published_pdf_is_checked_like_its_text() {
    let Some(txt) = corpus("010_hongze_2023.txt") else {
        return;
    };
    let pdf = txt
        .parent()
        .unwrap()
        .join("../peer/hongze-district-gov-2023/report.pdf");
    let o = nianbao(&["check", pdf.to_str().unwrap(), "--format", "json"], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let p = json(&o);
    let t = json(&nianbao(
        &["check", txt.to_str().unwrap(), "--format", "json"],
        None,
    ));
    let (p, t) = (&p["reports"][0], &t["reports"][0]);
    assert_eq!(p["kind"], "pdf");
    assert_eq!(p["cells"], t["cells"]);
    let totals: Vec<(&serde_json::Value, &serde_json::Value)> = p["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "T4-GROUP-TOTAL" && f["outcome"] == "fail")
        .map(|f| (&f["expected"], &f["suspect"]))
        .collect();
    assert_eq!(totals.len(), 2, "{totals:?}");
    assert_eq!(totals[0].0, 11);
    assert!(totals[0].1.as_array().unwrap().contains(&"T4.RV.t".into()));
    assert_eq!(totals[1].0, 5);
    assert!(totals[1].1.as_array().unwrap().contains(&"T4.LR.t".into()));
}

#[test]
fn own_terms_find_their_slips_and_a_term_as_written_is_no_slip() {
    let dir = TempDir::new("terms");
    let terms = dir.path().join("terms.txt");
    // a term, a comment, a line that is no term
    std::fs::write(&terms, "洋河新区 # 本地地名\nnot a term\n").unwrap();
    let seed = std::fs::read_to_string(SEED).unwrap();
    let report = seed.replacen("市科技局认真贯彻落实", "市科技局在洋和新区认真贯彻落实", 1);
    let typos = |args: &[&str]| {
        let o = nianbao(args, Some(report.as_bytes()));
        let v = json(&o);
        let words: Vec<String> = v["reports"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "TEXT-TYPO")
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect();
        (words, String::from_utf8_lossy(&o.stderr).to_string())
    };
    let (without, _) = typos(&["check", "-", "--format", "json"]);
    assert_eq!(without.len(), 1, "only the seed's 等反面: {without:?}");
    let with_terms = [
        "check",
        "-",
        "--format",
        "json",
        "--terms",
        terms.to_str().unwrap(),
    ];
    let (with, err) = typos(&with_terms);
    assert_eq!(with.len(), 2, "{with:?}");
    assert!(
        with[1].contains("应为“洋河新区”（“和”与“河”音近）"),
        "{with:?}"
    );
    assert!(err.contains("有 1 行不是中文用语"), "{err}");
    // a term written as it is is never a slip: a body that really calls a place 等反面
    std::fs::write(&terms, "洋河新区\n等反面\n").unwrap();
    let (with, _) = typos(&with_terms);
    assert_eq!(with.len(), 1, "{with:?}");
    assert!(with[0].contains("洋河新区"), "{with:?}");
    // a terms file that cannot be read stops the run, Chinese first
    let o = nianbao(&["check", SEED, "--terms", "no-such-terms.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with(
            "无法读取用语文件“no-such-terms.txt”：文件不存在\nCannot read the terms file"
        ),
        "{err}"
    );
}
