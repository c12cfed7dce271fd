//! The batch command line: folders (nested, every input kind, files skipped with a note, a
//! file that cannot be read among good ones), stdin among files, results in input order
//! whatever `--jobs`, the summary table, exit codes with `--fail-on`, every output format of
//! the same batch agreeing with the JSON contract, SARIF validated against the SARIF 2.1.0
//! schema, `--format wide` over the corpus read by Python's `csv` module, colour and the
//! progress bar, `--pair-years` and `--last` with folders.

mod common;

use common::{case_input, corpus_dir, repo, run, run_env, stderr, stdout, TempDir};
use serde_json::Value;
use std::path::Path;
use std::process::Output;

fn json(o: &Output) -> Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

fn jsonl(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn files_of(reports: &[Value]) -> Vec<String> {
    reports
        .iter()
        .map(|r| r["file"].as_str().unwrap().to_string())
        .collect()
}

/// A folder of every kind of input, nested:
///
/// ```text
/// batch/.git/config          hidden folder: skipped
/// batch/.hidden.txt          hidden file: skipped
/// batch/a/01_seed.txt        text, passes
/// batch/a/b/04_…_zero.txt    text, errors
/// batch/a/b/14_mixed.txt     text, warnings
/// batch/blob                 binary, no extension: skipped by content
/// batch/broken-link          a link to nowhere: cannot be read (unix)
/// batch/c/report             the seed's text without an extension
/// batch/c/report.dat         the seed as HTML under another extension
/// batch/c/seed-2021.html     HTML
/// batch/c/seed.docx          Word
/// batch/notes/09_…report.txt text that is no report: cannot be read
/// batch/picture.png          a picture: skipped by its extension
/// batch/~$seed.docx          Word's lock file: skipped
/// ```
fn batch_dir(tag: &str) -> TempDir {
    let d = TempDir::new(tag);
    let root = d.path().join("batch");
    for sub in [".git", "a/b", "c", "notes"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
    }
    let fixtures = repo().join("tests/fixtures");
    let seed = std::fs::read(fixtures.join("seed.txt")).unwrap();
    let w = |p: &str, b: &[u8]| std::fs::write(root.join(p), b).unwrap();
    w(".git/config", b"[core]\n");
    w(".hidden.txt", &seed);
    w("a/01_seed.txt", &seed);
    w(
        "a/b/04_t4_totals_zero.txt",
        case_input("04_t4_totals_zero.txt").as_bytes(),
    );
    w("a/b/14_mixed.txt", case_input("14_mixed.txt").as_bytes());
    w("blob", &(0u8..=255).cycle().take(3000).collect::<Vec<u8>>());
    w("c/report", &seed);
    w(
        "c/report.dat",
        &std::fs::read(fixtures.join("html/seed-2021.html")).unwrap(),
    );
    w(
        "c/seed-2021.html",
        &std::fs::read(fixtures.join("html/seed-2021.html")).unwrap(),
    );
    w(
        "c/seed.docx",
        &std::fs::read(fixtures.join("docx/seed.docx")).unwrap(),
    );
    w(
        "notes/09_not_a_report.txt",
        case_input("09_not_a_report.txt").as_bytes(),
    );
    w("picture.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    w("~$seed.docx", b"\x05lock\0\0\0");
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("broken-link")).unwrap();
    d
}

/// The inputs of [`batch_dir`] that are read, in order, with their kind.
fn batch_reports() -> Vec<(&'static str, &'static str)> {
    let mut v = vec![
        ("batch/a/01_seed.txt", "text"),
        ("batch/a/b/04_t4_totals_zero.txt", "text"),
        ("batch/a/b/14_mixed.txt", "text"),
    ];
    if cfg!(unix) {
        v.push(("batch/broken-link", "unreadable"));
    }
    v.extend([
        ("batch/c/report", "text"),
        ("batch/c/report.dat", "html"),
        ("batch/c/seed-2021.html", "html"),
        ("batch/c/seed.docx", "docx"),
        // read as text, and not a report: status "unreadable"
        ("batch/notes/09_not_a_report.txt", "text"),
    ]);
    v
}

const SKIP_NOTES_ZH: &str = "\
跳过隐藏文件夹：batch/.git
跳过隐藏文件：batch/.hidden.txt
跳过 batch/blob：二进制文件，不是报告
跳过 batch/picture.png：.png 文件不是报告（报告应为 .docx、.pdf、.html 或 .txt）
跳过 Word/WPS 临时文件：batch/~$seed.docx
";

const SKIP_NOTES_EN: &str = "\
skipped a hidden folder: batch/.git
skipped a hidden file: batch/.hidden.txt
skipped batch/blob: a binary file, not a report
skipped batch/picture.png: a .png file is not a report (reports are .docx, .pdf, .html or .txt)
skipped a Word/WPS lock file: batch/~$seed.docx
";

#[test]
fn folders_are_read_recursively_in_order_every_kind_and_each_skip_said() {
    let d = batch_dir("walk");
    let o = run(
        &["check", "batch", "--format", "jsonl"],
        None,
        Some(d.path()),
    );
    // a file that cannot be read among good ones: all are checked, exit 2
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let reports = jsonl(&o);
    let want = batch_reports();
    assert_eq!(
        files_of(&reports),
        want.iter().map(|w| w.0.to_string()).collect::<Vec<_>>()
    );
    for (r, (name, kind)) in reports.iter().zip(&want) {
        assert_eq!(r["kind"], *kind, "{name}");
    }
    let by_name = |n: &str| reports.iter().find(|r| r["file"] == n).unwrap();
    // the seed's one slip (等反面) is a warning
    assert_eq!(by_name("batch/a/01_seed.txt")["verdict"], "warn");
    assert_eq!(
        by_name("batch/a/b/04_t4_totals_zero.txt")["verdict"],
        "fail"
    );
    assert_eq!(by_name("batch/a/b/14_mixed.txt")["verdict"], "warn");
    // the same cells whatever the kind and the name
    let seed_cells = &by_name("batch/a/01_seed.txt")["cells"];
    for n in ["batch/c/report", "batch/c/report.dat", "batch/c/seed.docx"] {
        assert_eq!(&by_name(n)["cells"], seed_cells, "{n}");
    }
    assert_eq!(
        by_name("batch/notes/09_not_a_report.txt")["status"],
        "unreadable"
    );
    if cfg!(unix) {
        assert_eq!(
            by_name("batch/broken-link")["error"],
            "找不到这个文件：请检查路径和文件名。"
        );
    }
    assert_eq!(stderr(&o), SKIP_NOTES_ZH);
    let o = run(
        &["check", "batch", "--format", "jsonl", "--lang", "en"],
        None,
        Some(d.path()),
    );
    assert_eq!(stderr(&o), SKIP_NOTES_EN);
    // A file named on the command line is never skipped: it is read and said unreadable.
    let o = run(
        &["check", "batch/blob", "batch/picture.png"],
        None,
        Some(d.path()),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("【无法读取】  batch/blob\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn results_come_in_input_order_whatever_the_jobs() {
    let d = TempDir::new("order");
    let many = d.path().join("many");
    std::fs::create_dir(&many).unwrap();
    let seed = std::fs::read_to_string(repo().join("tests/fixtures/seed.txt")).unwrap();
    let bad = case_input("04_t4_totals_zero.txt");
    let slips = case_input("17_text_slips.txt");
    // 3-digit names sort as numbers; every third report fails, every fifth has slips
    for i in 0..90 {
        let text = if i % 3 == 0 {
            &bad
        } else if i % 5 == 0 {
            &slips
        } else {
            &seed
        };
        std::fs::write(many.join(format!("{i:03}.txt")), text).unwrap();
    }
    let mut outputs = Vec::new();
    for jobs in ["1", "2", "7"] {
        let o = run(
            &["check", "many", "--format", "jsonl", "--jobs", jobs],
            None,
            Some(d.path()),
        );
        assert_eq!(o.status.code(), Some(1));
        let reports = jsonl(&o);
        assert_eq!(
            files_of(&reports),
            (0..90)
                .map(|i| format!("many/{i:03}.txt"))
                .collect::<Vec<_>>()
        );
        for (i, r) in reports.iter().enumerate() {
            let want = if i % 3 == 0 {
                "fail"
            } else {
                r["verdict"].as_str().unwrap()
            };
            assert_eq!(r["verdict"], want, "{i}");
        }
        outputs.push(o.stdout);
    }
    assert!(outputs.windows(2).all(|w| w[0] == w[1]));
    // the text output too, summary included
    let t1 = run(&["check", "many", "-j", "1"], None, Some(d.path()));
    let t4 = run(&["check", "many", "-j", "4"], None, Some(d.path()));
    assert_eq!(stdout(&t1), stdout(&t4));
}

#[test]
fn stdin_among_files_and_folders_keeps_its_place() {
    let d = batch_dir("stdin");
    let bad = case_input("04_t4_totals_zero.txt");
    let o = run(
        &[
            "check",
            "batch/c",
            "-",
            "batch/a/01_seed.txt",
            "--format",
            "json",
        ],
        Some(bad.as_bytes()),
        Some(d.path()),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(
        files_of(reports),
        [
            "batch/c/report",
            "batch/c/report.dat",
            "batch/c/seed-2021.html",
            "batch/c/seed.docx",
            "<stdin>",
            "batch/a/01_seed.txt"
        ]
    );
    assert_eq!(reports[4]["verdict"], "fail");
}

#[test]
fn the_summary_table_ends_the_text_of_several_files() {
    let d = batch_dir("summary");
    let o = run(&["check", "batch"], None, Some(d.path()));
    assert_eq!(o.status.code(), Some(2));
    let s = stdout(&o);
    let n = batch_reports().len();
    let tail: Vec<&str> = s.lines().rev().take(n + 3).collect::<Vec<_>>();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    assert_eq!(tail[0], format!("汇总（{n} 个文件）"), "{s}");
    assert!(
        tail[1].starts_with("文件 ") && tail[1].ends_with("首个问题"),
        "{}",
        tail[1]
    );
    for col in ["机关", "年度", "格式", "结论", "错误", "警告"] {
        assert!(tail[1].contains(col), "{col}: {}", tail[1]);
    }
    // one row per input read or not, in input order
    for (row, (name, _)) in tail[2..2 + n].iter().zip(batch_reports()) {
        assert!(row.starts_with(&format!("{name} ")), "{row}");
    }
    let row = |name: &str| {
        tail.iter()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap()
            .to_string()
    };
    let fail = row("batch/a/b/04_t4_totals_zero.txt");
    assert!(
        fail.contains("洛阳市科学技术局")
            && fail.contains("2024")
            && fail.contains("2021年版")
            && fail.contains("有错误")
            && fail.contains("表四“行政复议”：结果维持、结果纠正、其他结果、…"),
        "{fail}"
    );
    // the seed: its one slip (等反面) is a warning
    let warn = row("batch/a/01_seed.txt");
    assert!(
        warn.contains("有警告       0     1  疑似错别字：“适用范围等反面"),
        "{warn}"
    );
    let unread = row("batch/notes/09_not_a_report.txt");
    assert!(
        unread.contains("无法读取") && unread.contains("未识别为政府信息公开工作年度报告"),
        "{unread}"
    );
    let unreadable = if cfg!(unix) { 2 } else { 1 };
    assert_eq!(
        tail[n + 2],
        format!(
            // the seed's slip 等反面 is in every report made from it: warnings, none passes
            "通过 0，有警告 6，有错误 1，无法读取 {unreadable}；跳过 5 个文件（见标准错误输出）"
        )
    );
    // in English
    let o = run(&["check", "batch", "--lang", "en"], None, Some(d.path()));
    let s = stdout(&o);
    assert!(s.contains(&format!("\nSummary ({n} files)\nfile ")), "{s}");
    assert!(
        s.ends_with(&format!(
            "0 passed, 6 with warnings, 1 with errors, {unreadable} unreadable; 5 file(s) skipped (see stderr)\n"
        )),
        "{s}"
    );
    // one file: no summary
    let o = run(&["check", "batch/a/01_seed.txt"], None, Some(d.path()));
    assert!(!stdout(&o).contains("汇总"), "{}", stdout(&o));
}

#[test]
fn exit_codes_follow_fail_on() {
    let d = TempDir::new("fail-on");
    // The seed without its one slip (等反面, a TEXT-TYPO warning): a report that passes.
    let seed = std::fs::read_to_string(repo().join("tests/fixtures/seed.txt")).unwrap();
    d.write("pass.txt", seed.replace("等反面", "等方面"));
    d.write("warn.txt", case_input("14_mixed.txt"));
    d.write("fail.txt", case_input("04_t4_totals_zero.txt"));
    d.write("unread.txt", case_input("09_not_a_report.txt"));
    let code = |files: &[&str], fail_on: Option<&str>| {
        let mut a = vec!["check"];
        a.extend(files);
        a.extend(["--format", "csv"]);
        if let Some(f) = fail_on {
            a.extend(["--fail-on", f]);
        }
        run(&a, None, Some(d.path())).status.code()
    };
    for (files, default, error, warning, never) in [
        (&["pass.txt"][..], 0, 0, 0, 0),
        (&["pass.txt", "warn.txt"][..], 0, 0, 1, 0),
        (&["warn.txt", "fail.txt"][..], 1, 1, 1, 0),
        (&["fail.txt", "unread.txt"][..], 2, 2, 2, 2),
    ] {
        assert_eq!(code(files, None), Some(default), "{files:?}");
        assert_eq!(code(files, Some("error")), Some(error), "{files:?}");
        assert_eq!(code(files, Some("warning")), Some(warning), "{files:?}");
        assert_eq!(code(files, Some("never")), Some(never), "{files:?}");
    }
}

/// A CSV parser for the tests (RFC 4180: quoted fields, doubled quotes, line breaks in quotes).
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, s.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}

#[test]
fn every_format_of_one_batch_agrees_with_the_json() {
    let d = batch_dir("formats");
    let out = |format: &str| {
        let o = run(
            &["check", "batch", "--format", format],
            None,
            Some(d.path()),
        );
        assert_eq!(o.status.code(), Some(2), "{format}");
        o
    };
    let v = json(&out("json"));
    assert_eq!(v["version"], 1);
    let reports = v["reports"].as_array().unwrap().clone();
    assert_eq!(reports.len(), batch_reports().len());
    // jsonl: the same objects, one per line
    assert_eq!(jsonl(&out("jsonl")), reports);
    // csv: one row per finding, one for a report without
    let rows = parse_csv(&stdout(&out("csv")));
    assert_eq!(
        rows[0].join(","),
        "file,verdict,rule,severity,outcome,cells,expected,actual,suspect,message"
    );
    let want: usize = reports
        .iter()
        .map(|r| r["findings"].as_array().unwrap().len().max(1))
        .sum();
    assert_eq!(rows.len() - 1, want);
    for r in &reports {
        let n = r["findings"].as_array().unwrap().len();
        let mine: Vec<_> = rows.iter().filter(|x| x[0] == r["file"]).collect();
        assert_eq!(mine.len(), n.max(1), "{}", r["file"]);
        assert!(mine.iter().all(|x| x[1] == r["verdict"]), "{}", r["file"]);
    }
    // cells: one row per cell of each report
    let rows = parse_csv(&stdout(&out("cells")));
    assert_eq!(rows[0].join(","), "file,cell,state,value");
    let cells: usize = reports
        .iter()
        .map(|r| r["cells"].as_object().unwrap().len())
        .sum();
    assert_eq!(rows.len() - 1, cells);
    // wide: one row per report, the same values (the Python test does the corpus)
    let rows = parse_csv(&stdout(&out("wide")));
    assert_eq!(rows.len() - 1, reports.len());
    let head = &rows[0];
    for (row, r) in rows[1..].iter().zip(&reports) {
        assert_eq!(row.len(), head.len());
        assert_eq!(row[0], r["file"].as_str().unwrap());
        let col = |name: &str| &row[head.iter().position(|h| h == name).unwrap()];
        assert_eq!(col("verdict"), r["verdict"].as_str().unwrap());
        assert_eq!(col("kind"), r["kind"].as_str().unwrap());
        for (k, want) in r["cells"].as_object().unwrap() {
            let got = col(k);
            match want {
                Value::Null => assert_eq!(got, "", "{k}"),
                Value::String(s) => assert_eq!(got, s, "{k}"),
                n => assert_eq!(got.parse::<f64>().ok(), n.as_f64(), "{k}"),
            }
        }
        let read = r["cells"].as_object().unwrap();
        for (h, got) in head.iter().zip(row).skip(11) {
            if !read.contains_key(h) {
                assert_eq!(got, "NA", "{h}");
            }
        }
    }
    // sarif: a result per finding, an artifact per report
    let s = json(&out("sarif"));
    let run0 = &s["runs"][0];
    let findings: usize = reports
        .iter()
        .map(|r| r["findings"].as_array().unwrap().len())
        .sum();
    assert_eq!(run0["results"].as_array().unwrap().len(), findings);
    assert_eq!(run0["artifacts"].as_array().unwrap().len(), reports.len());
    // text: one verdict line per report
    let t = stdout(&out("text"));
    for r in &reports {
        assert!(t.contains(&format!("】  {}", r["file"].as_str().unwrap())));
    }
}

/// The SARIF language-tag pattern as the schema writes it (rtm.5 and the OASIS errata alike):
/// a stray `]` makes it no valid ECMA-262 regex, and the `jsonschema` crate refuses to
/// compile a schema with it (as Ajv does). The test compiles the schema with the pattern meant
/// (`xx` or `xx-XX`), in memory; the file stays as published.
const BROKEN_LANGUAGE_PATTERN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
const LANGUAGE_PATTERN: &str = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$";

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json"),
    )
    .unwrap();
    let broken = serde_json::to_string(BROKEN_LANGUAGE_PATTERN).unwrap();
    assert_eq!(text.matches(&broken).count(), 2, "the schema file changed");
    let fixed = serde_json::to_string(LANGUAGE_PATTERN).unwrap();
    let schema: Value = serde_json::from_str(&text.replace(&broken, &fixed)).unwrap();
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid_sarif(v: &jsonschema::Validator, sarif: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: not valid SARIF 2.1.0:\n{}",
        errors.join("\n")
    );
    assert_eq!(sarif["version"], "2.1.0");
}

#[test]
fn sarif_is_valid_sarif_2_1_0_and_carries_the_contract() {
    let validator = sarif_validator();
    // the schema does reject what is not SARIF
    assert!(!validator.is_valid(&serde_json::json!({"version": "2.1.0", "runs": [{"tool": {}}]})));
    let d = batch_dir("sarif");
    d.write("报告 2024.txt", case_input("17_text_slips.txt"));
    let mut runs = vec![
        vec!["check", "batch"],
        vec!["check", "batch", "--lang", "en"],
        vec!["check", "-", "报告 2024.txt"],
        vec!["check", "missing.txt"],
    ];
    let corpus = corpus_dir();
    let corpus = corpus.to_str().unwrap().to_string();
    if Path::new(&corpus).is_dir() {
        runs.push(vec!["check", &corpus]);
    }
    let seed = std::fs::read(repo().join("tests/fixtures/seed.txt")).unwrap();
    for args in &runs {
        let mut a = args.clone();
        a.extend(["--format", "sarif"]);
        let o = run(&a, Some(&seed), Some(d.path()));
        let sarif = json(&o);
        assert_valid_sarif(&validator, &sarif, &format!("{args:?}"));
        // exit code, as the invocation says
        assert_eq!(
            sarif["runs"][0]["invocations"][0]["exitCode"].as_i64(),
            o.status.code().map(i64::from),
            "{args:?}"
        );
        // every result against the JSON contract of the same run
        let mut j = args.clone();
        j.extend(["--format", "json"]);
        let v = json(&run(&j, Some(&seed), Some(d.path())));
        let reports = v["reports"].as_array().unwrap();
        let run0 = &sarif["runs"][0];
        let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), nianbao_core::RULES.len());
        for (r, rule) in rules.iter().zip(nianbao_core::RULES) {
            assert_eq!(r["id"], rule.id.as_str());
            let doc = if args.contains(&"en") {
                rule.doc().en
            } else {
                rule.doc().zh
            };
            assert_eq!(r["fullDescription"]["text"], doc);
        }
        let artifacts = run0["artifacts"].as_array().unwrap();
        assert_eq!(artifacts.len(), reports.len());
        let mut results = run0["results"].as_array().unwrap().iter();
        for (i, rep) in reports.iter().enumerate() {
            assert_eq!(artifacts[i]["properties"]["verdict"], rep["verdict"]);
            for f in rep["findings"].as_array().unwrap() {
                let res = results.next().expect("a result per finding");
                assert_eq!(res["ruleId"], f["rule"]);
                assert_eq!(
                    rules[res["ruleIndex"].as_u64().unwrap() as usize]["id"],
                    f["rule"]
                );
                assert_eq!(res["message"]["text"], f["message"]);
                let level = match f["severity"].as_str().unwrap() {
                    "info" => "note",
                    s => s,
                };
                assert_eq!(res["level"], level);
                let kind = if f["outcome"] == "fail" {
                    "fail"
                } else {
                    "open"
                };
                assert_eq!(res["kind"], kind);
                let loc = &res["locations"][0];
                assert_eq!(loc["physicalLocation"]["artifactLocation"]["index"], i);
                let logical: Vec<&Value> = loc["logicalLocations"]
                    .as_array()
                    .map(|a| a.iter().map(|l| &l["fullyQualifiedName"]).collect())
                    .unwrap_or_default();
                let cells: Vec<&Value> = f["cells"].as_array().unwrap().iter().collect();
                assert_eq!(logical, cells);
                assert_eq!(res["properties"]["suspect"], f["suspect"]);
                if let Some(span) = f["span"].as_object() {
                    let (start, end) = (
                        span["start"].as_u64().unwrap(),
                        span["end"].as_u64().unwrap(),
                    );
                    if rep["kind"] == "text" {
                        let region = &loc["physicalLocation"]["region"];
                        assert_eq!(region["charOffset"].as_u64(), Some(start));
                        assert_eq!(region["charLength"].as_u64(), Some(end - start));
                        assert!(region["startLine"].as_u64().unwrap() >= 1);
                    } else {
                        assert_eq!(res["properties"]["span"]["start"].as_u64(), Some(start));
                    }
                }
            }
        }
        assert!(results.next().is_none());
    }
    // the file with a Chinese name and a space: a percent-encoded relative URI
    let o = run(
        &["check", "报告 2024.txt", "--format", "sarif"],
        None,
        Some(d.path()),
    );
    let s = json(&o);
    assert_eq!(
        s["runs"][0]["artifacts"][0]["location"]["uri"],
        "%E6%8A%A5%E5%91%8A%202024.txt"
    );
    // skipped files and unreadable inputs are notifications of the invocation
    let o = run(
        &["check", "batch", "--format", "sarif"],
        None,
        Some(d.path()),
    );
    let s = json(&o);
    let notes = s["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.iter().filter(|n| n["level"] == "note").count(), 5);
    assert!(notes.iter().any(|n| n["level"] == "error"
        && n["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("batch/notes/09_not_a_report.txt: 未识别为")));
    assert_eq!(s["runs"][0]["invocations"][0]["executionSuccessful"], false);
}

/// What `python3 -c` runs on `--format wide` and `--format json` of the same inputs: Python's
/// `csv` module reads one row per report, and every value equals the JSON's (a blank cell is
/// an empty field, a cell not read `NA`, numbers as printed, placeholders as they are).
const WIDE_CHECK: &str = r#"
import csv, json, sys
from collections import Counter
from decimal import Decimal
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
with open(sys.argv[2], encoding="utf-8") as f:
    reports = json.load(f)["reports"]
head = ["file", "kind", "status", "error", "agency", "year", "format", "verdict", "errors", "warnings", "infos"]
problems = []
def same(what, got, want):
    if got != want:
        problems.append(f"{what}: wide {got!r}, json {want!r}")
if len(rows) != len(reports):
    problems.append(f"{len(rows)} rows, {len(reports)} reports")
keys = [k for k in (rows[0].keys() if rows else []) if k not in head]
for row, rep in zip(rows, reports):
    f = rep["file"]
    for k in ["file", "kind", "status", "format", "verdict"]:
        same(f"{f} {k}", row[k], rep[k])
    same(f"{f} agency", row["agency"], rep["agency"] or "")
    same(f"{f} year", row["year"], "" if rep["year"] is None else str(rep["year"]))
    same(f"{f} error", row["error"], rep["error"] or "")
    n = Counter(x["severity"] for x in rep["findings"])
    for k, s in [("errors", "error"), ("warnings", "warning"), ("infos", "info")]:
        same(f"{f} {k}", row[k], str(n[s]))
    for k in rep["cells"]:
        if k not in row:
            problems.append(f"{f}: cell {k} has no column")
    for k in keys:
        got = row[k]
        if k not in rep["cells"]:
            same(f"{f} {k} (not read)", got, "NA")
            continue
        want = rep["cells"][k]
        if want is None:
            same(f"{f} {k} (blank)", got, "")
        elif isinstance(want, str):
            same(f"{f} {k}", got, want)
        elif got in ("", "NA") or Decimal(got) != Decimal(str(want)):
            problems.append(f"{f} {k}: wide {got!r}, json {want!r}")
if problems:
    print("\n".join(problems[:50]))
    sys.exit(1)
print(f"wide: {len(rows)} rows, {len(keys)} cell columns, the same values as the JSON")
"#;

#[test]
fn wide_over_the_corpus_loads_in_python_csv_with_the_json_values() {
    let corpus = corpus_dir();
    if !corpus.is_dir() {
        assert!(std::env::var_os("CI").is_none(), "corpus not found");
        eprintln!("corpus not found at {}: skipped", corpus.display());
        return;
    }
    let python = std::process::Command::new("python3")
        .arg("--version")
        .output();
    if python.is_err() {
        assert!(std::env::var_os("CI").is_none(), "python3 not found");
        eprintln!("python3 not found: skipped");
        return;
    }
    let d = TempDir::new("wide");
    let c = corpus.to_str().unwrap();
    // the corpus folder (its truth files are skipped) and the fixtures of every kind
    let fixtures = repo().join("tests/fixtures");
    let extra: Vec<String> = [
        "seed.txt",
        "docx/seed.docx",
        "docx/008_shanghai-bgt_2019.docx",
        "html/seed-2021.html",
        "html/nbsp-blanks.html",
    ]
    .iter()
    .map(|p| fixtures.join(p).to_str().unwrap().to_string())
    .collect();
    let mut args = vec!["check", c];
    args.extend(extra.iter().map(String::as_str));
    for (format, file) in [("wide", "wide.csv"), ("json", "run.json")] {
        let mut a = args.clone();
        a.extend(["--format", format]);
        let o = run(&a, None, None);
        assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
        d.write(file, &o.stdout);
    }
    let reports = std::fs::read_dir(&corpus)
        .unwrap()
        .filter(|e| {
            let n = e.as_ref().unwrap().file_name();
            let n = n.to_string_lossy();
            !n.starts_with('.') && !n.ends_with(".json")
        })
        .count();
    let o = std::process::Command::new("python3")
        .args(["-c", WIDE_CHECK, "wide.csv", "run.json"])
        .current_dir(d.path())
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        format!(
            "wide: {} rows, 229 cell columns, the same values as the JSON",
            reports + extra.len()
        )
    );
}

#[test]
fn colour_only_on_request_and_no_progress_bar_in_pipes() {
    let d = batch_dir("colour");
    let esc = |o: &Output| o.stdout.contains(&0x1b);
    let args = ["check", "batch/a", "batch/c"];
    let plain = run(&args, None, Some(d.path()));
    assert!(!esc(&plain));
    // piped stderr: no progress bar (and nothing else: no file was skipped)
    assert!(stderr(&plain).is_empty(), "{}", stderr(&plain));
    let forced = run_env(&args, None, Some(d.path()), &[("CLICOLOR_FORCE", "1")]);
    assert!(esc(&forced));
    let always = run(
        &[&args[..], &["--color", "always"]].concat(),
        None,
        Some(d.path()),
    );
    assert!(esc(&always));
    // the same text once the styles are taken out
    let strip = |b: &[u8]| {
        let s = String::from_utf8(b.to_vec()).unwrap();
        let mut out = String::new();
        let mut it = s.chars();
        while let Some(c) = it.next() {
            if c == '\x1b' {
                for c in it.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    };
    assert_eq!(strip(&always.stdout), stdout(&plain));
    let no = run_env(
        &[&args[..], &["--color", "auto"]].concat(),
        None,
        Some(d.path()),
        &[("NO_COLOR", "1")],
    );
    assert!(!esc(&no));
    let never = run_env(
        &[&args[..], &["--color", "never"]].concat(),
        None,
        Some(d.path()),
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(!esc(&never));
    // machine formats never carry colour
    let j = run_env(
        &["check", "batch/a", "--format", "json"],
        None,
        Some(d.path()),
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(!esc(&j));
    // --quiet is accepted (and changes nothing in a pipe)
    let q = run(&[&args[..], &["--quiet"]].concat(), None, Some(d.path()));
    assert_eq!(q.stdout, plain.stdout);
}

/// The seed (2024) and last year's report of the same body (2023) whose 结转下年度 is 2.
fn two_years(d: &TempDir) {
    let seed = std::fs::read_to_string(repo().join("tests/fixtures/seed.txt")).unwrap();
    std::fs::create_dir_all(d.path().join("years")).unwrap();
    d.write("years/2024.txt", &seed);
    d.write(
        "years/2023.txt",
        seed.replace("2024", "2023").replacen(
            "四、结转下年度继续办理\t\t0",
            "四、结转下年度继续办理\t\t2",
            1,
        ),
    );
}

#[test]
fn pair_years_pairs_consecutive_years_of_one_body_and_says_so() {
    let d = TempDir::new("pair");
    two_years(&d);
    let carry = |v: &Value| {
        v["reports"][1]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "CARRYOVER-MISMATCH")
            .count()
    };
    // not without the option (2023's own 表三 has an error: exit 1 either way)
    let o = run(
        &["check", "years", "--format", "json"],
        None,
        Some(d.path()),
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(carry(&json(&o)), 0);
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let o = run(
        &["check", "years", "--format", "json", "--pair-years"],
        None,
        Some(d.path()),
    );
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["reports"][1]["file"], "years/2024.txt");
    assert_eq!(carry(&v), 1);
    assert_eq!(
        stderr(&o),
        "自动配对：years/2024.txt 已与上一年度报告 years/2023.txt 核对（--pair-years）\n"
    );
    let o = run(&["check", "years", "--pair-years"], None, Some(d.path()));
    assert!(
        stdout(&o).contains("  已与上一年度报告对比：years/2023.txt（2023 年度）。跨年度核对（上年结转、现行有效件数）发现 2 项问题。（在给出的文件中自动配对，--pair-years）\n"),
        "{}",
        stdout(&o)
    );
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn last_takes_a_folder_holding_one_report_only() {
    let d = TempDir::new("last-dir");
    two_years(&d);
    std::fs::create_dir_all(d.path().join("one")).unwrap();
    std::fs::rename(
        d.path().join("years/2024.txt"),
        d.path().join("one/2024.txt"),
    )
    .unwrap();
    let o = run(
        &[
            "check",
            "one",
            "--last",
            "years/2023.txt",
            "--format",
            "json",
        ],
        None,
        Some(d.path()),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(json(&o)["reports"][0]["file"], "one/2024.txt");
    d.write("one/2022.txt", "今天天气很好。");
    let o = run(
        &["check", "one", "--last", "years/2023.txt"],
        None,
        Some(d.path()),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    assert!(
        stderr(&o).starts_with(
            "--last 只能与一个报告文件一起使用\n--last goes with exactly one report file\n\n"
        ),
        "{}",
        stderr(&o)
    );
}
