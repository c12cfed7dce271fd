//! End-to-end tests of the `nianbao` binary: exit codes, the JSON contract, explain/rules,
//! stdin, and clear messages for bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/seed.txt");

fn nianbao(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(b) = stdin {
        child.stdin.take().unwrap().write_all(b).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn seed_json_has_every_cell_and_no_arithmetic_finding() {
    let o = nianbao(&["check", SEED, "--format", "json"], None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["version"], 1);
    let r = &v["reports"][0];
    assert_eq!(r["status"], "ok");
    assert_eq!(r["format"], "2021");
    assert_eq!(r["year"], 2024);
    assert_eq!(r["agency"], "洛阳市科学技术局");
    assert_eq!(r["verdict"], "pass");
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
    assert_eq!(r["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn docx_and_html_files_are_read_by_content_with_the_same_cells() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let cells = |path: &str| -> (String, serde_json::Value) {
        let o = nianbao(&["check", path, "--format", "json"], None);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{path}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
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
    let dir = std::env::temp_dir().join(format!("nianbao-cli-sniff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let renamed = dir.join("report.txt");
    std::fs::copy(format!("{root}/docx/seed.docx"), &renamed).unwrap();
    assert_eq!(cells(renamed.to_str().unwrap()).0, "docx");
    std::fs::remove_dir_all(&dir).ok();
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
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
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
    assert_eq!(ident["suspect"], serde_json::json!(["T3.R2.C1"]));
    assert_eq!(
        ident["message"],
        "表三“自然人”列：第一项加第二项之和（4）不等于第三项加第四项之和（0）"
    );
    // English messages on request.
    let o = nianbao(&["check", "-", "--lang", "en"], Some(bad.as_bytes()));
    assert!(
        stdout(&o).contains("I + II (4) does not equal III + IV (0)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn text_output_gives_verdict_first_and_identities() {
    let o = nianbao(&["check", SEED], None);
    let s = stdout(&o);
    assert!(s.starts_with("【通过】"), "{s}");
    assert_eq!(s.matches("✓").count(), 7, "{s}");
    assert!(s.contains("洛阳市科学技术局"));
}

#[test]
fn csv_outputs() {
    let o = nianbao(&["check", SEED, "--format", "cells"], None);
    let s = stdout(&o);
    assert_eq!(s.lines().count(), 1 + 200);
    assert!(s.contains(",T2.norm.valid,number,15\n"));
    let o = nianbao(&["check", SEED, "--format", "csv"], None);
    assert!(stdout(&o).lines().nth(1).unwrap().contains(",pass,"));
}

#[test]
fn explain_and_rules_come_from_the_rule_docs() {
    let o = nianbao(&["explain", "t3-identity"], None);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(
        s.contains("T3-IDENTITY") && s.contains("为什么") && s.contains("怎样改"),
        "{s}"
    );
    let o = nianbao(&["rules"], None);
    assert_eq!(stdout(&o).lines().count(), nianbao_core::RULES.len());
    let o = nianbao(&["explain", "NO-SUCH-RULE"], None);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn legacy_encodings_are_decoded_not_rejected() {
    let seed = std::fs::read_to_string(SEED).unwrap();
    // GBK, as saved by Notepad on a Chinese Windows machine: encode the seed's characters.
    // (Built by hand from UTF-16 → GB18030 is not available in std; use a small known text.)
    let gbk: &[u8] = &[0xB1, 0xED, 0xC8, 0xFD]; // 表三
    let o = nianbao(&["check", "-"], Some(gbk));
    assert!(!stdout(&o).contains("无法识别文件编码"), "{}", stdout(&o));
    // UTF-16 LE with BOM.
    let mut utf16 = vec![0xFF, 0xFE];
    for u in seed.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let o = nianbao(&["check", "-", "--format", "json"], Some(&utf16));
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["reports"][0]["agency"], "洛阳市科学技术局");
}

#[test]
fn last_years_report_is_checked_with_last() {
    let seed = std::fs::read_to_string(SEED).unwrap();
    let dir = std::env::temp_dir().join(format!("nianbao-cli-last-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let last = dir.join("2023.txt");
    std::fs::write(
        &last,
        seed.replace("2024", "2023").replacen(
            "四、结转下年度继续办理\t\t0",
            "四、结转下年度继续办理\t\t2",
            1,
        ),
    )
    .unwrap();
    let o = nianbao(
        &[
            "check",
            SEED,
            "--last",
            last.to_str().unwrap(),
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let f = v["reports"][0]["findings"].as_array().unwrap();
    assert!(
        f.iter()
            .any(|x| x["rule"] == "CARRYOVER-MISMATCH"
                && x["cells"] == serde_json::json!(["T3.R2.C1"])),
        "{f:?}"
    );
    let o = nianbao(
        &["check", SEED, SEED, "--last", last.to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_input_gets_a_clear_message_and_exit_2() {
    // A zip that is not a readable Word document: unreadable, with a message saying why.
    let o = nianbao(&["check", "-"], Some(b"PK\x03\x04garbage"));
    assert_eq!(o.status.code(), Some(2));
    let s = stdout(&o);
    assert!(
        s.starts_with("【无法读取】")
            && s.lines()
                .nth(1)
                .is_some_and(|l| l.trim().chars().count() > 10),
        "{s}"
    );
    let o = nianbao(
        &["check", "/nonexistent/file.txt", "--format", "json"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["reports"][0]["status"], "unreadable");
    assert!(v["reports"][0]["error"]
        .as_str()
        .unwrap()
        .contains("无法读取"));
    let o = nianbao(&["check", "-"], Some("今天天气很好。".as_bytes()));
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("未识别为政府信息公开工作年度报告"));
    let o = nianbao(&["check", "--format", "xml", SEED], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("未知输出格式"));
    let o = nianbao(&[], None);
    assert_eq!(o.status.code(), Some(2));
}
