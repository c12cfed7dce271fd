//! Fixture tests: each `tests/fixtures/cases/*.txt` file is a report followed by its
//! expected result, written beside the input:
//!
//! ```text
//! …report text…
//! ==== expect ====
//! format: 2021
//! year: 2024
//! agency: 洛阳市科学技术局
//! verdict: fail
//! cells: 200                 (how many cells were read)
//! cell T3.R1.C1 = 5          (a number; `blank`; "/" for a placeholder or text as printed)
//! # a comment, kept with the finding below it
//! finding T3-IDENTITY error fail cells=T3.R1.C1,T3.R2.C1,T3.R3g.C1,T3.R4.C1 suspect=T3.R1.C1
//!   zh: 表三“自然人”列：第一项加第二项之和（5）不等于第三项加第四项之和（4）
//!   en: Table 3 column “Natural persons”: I + II (5) does not equal III + IV (4)
//! finding TEXT-TYPO warning fail
//!   span: 11:79 「截止目前」
//!   zh: 疑似错别字：“截止目前运行平稳。”，应为“截至目前”
//!   en: Probable typo: “截止目前运行平稳。”, should be “截至目前”
//! ```
//!
//! A finding is its `finding RULE severity outcome [cells=…] [suspect=…]` line and the
//! indented lines under it: `span:` (only for a finding with a text span: line:column of its
//! start, 1-based, column in characters, then the spanned text in 「」 with `\n`, `\t` and `\\`
//! escaped), `zh:` and `en:` (the message users read, in each language). Everything is
//! compared exactly: every finding the core produces must be listed and every listed finding
//! must be produced, in any order.
//!
//! **Bless mode.** `UPDATE_FIXTURES=1 cargo test -p nianbao-core --test fixtures` rewrites
//! the expectation blocks in place with what the core produces now (header lines updated,
//! findings in the core's order, comments kept with their finding), so every change of a
//! message or span is reviewed in the diff. Read the blessed messages: they are what users
//! see.

use nianbao_core::{check_text, Analysis, CellKey, CellValue, Finding, Lang};
use std::path::{Path, PathBuf};

const MARKER: &str = "==== expect ====\n";

/// Cell keys as the expectations write them: canonical keys separated by commas.
fn joined(keys: &[CellKey]) -> String {
    keys.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/cases")
}

fn render_value(v: &CellValue) -> String {
    match v {
        CellValue::Number(n) => n.to_string(),
        CellValue::Blank => "blank".into(),
        CellValue::Placeholder(s) | CellValue::Text(s) => format!("\"{s}\""),
    }
}

/// `\`, line breaks and tabs escaped, so a quote or message stays on one line.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

/// One finding as the fixture writes it: the `finding …` line and its indented lines.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Written {
    head: String,
    span: Option<String>,
    zh: Option<String>,
    en: Option<String>,
}

impl Written {
    fn of(f: &Finding, input: &str) -> Written {
        let mut head = format!("{} {} {}", f.rule, f.severity.as_str(), f.outcome.as_str());
        if !f.cells.is_empty() {
            head.push_str(&format!(" cells={}", joined(&f.cells)));
        }
        if !f.suspect.is_empty() {
            head.push_str(&format!(" suspect={}", joined(&f.suspect)));
        }
        let span = f.span.map(|s| match input.get(s.start..s.end) {
            Some(quoted) => {
                let before = &input[..s.start];
                let line = before.matches('\n').count() + 1;
                let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                let col = before[line_start..].chars().count() + 1;
                format!("{line}:{col} 「{}」", escape(quoted))
            }
            None => format!("bytes {}..{} outside the input", s.start, s.end),
        });
        Written {
            head,
            span,
            zh: Some(escape(f.message(Lang::Zh))),
            en: Some(escape(f.message(Lang::En))),
        }
    }

    fn lines(&self) -> Vec<String> {
        let mut v = vec![format!("finding {}", self.head)];
        if let Some(s) = &self.span {
            v.push(format!("  span: {s}"));
        }
        if let Some(s) = &self.zh {
            v.push(format!("  zh: {s}"));
        }
        if let Some(s) = &self.en {
            v.push(format!("  en: {s}"));
        }
        v
    }

    fn rule(&self) -> &str {
        self.head.split(' ').next().unwrap_or("")
    }
}

/// An expectation block, parsed.
struct Expect {
    /// Lines before the first finding (header expectations and comments), as written.
    header: Vec<String>,
    /// Each expected finding with the comment lines written just above it.
    findings: Vec<(Vec<String>, Written)>,
    /// Comment lines after the last finding.
    trailing: Vec<String>,
}

fn parse(block: &str) -> Result<Expect, String> {
    let mut e = Expect {
        header: Vec::new(),
        findings: Vec::new(),
        trailing: Vec::new(),
    };
    let mut comments: Vec<String> = Vec::new();
    for (n, raw) in block.lines().enumerate() {
        let line = raw.trim_end();
        let n = n + 1;
        if let Some(rest) = line.strip_prefix("finding ") {
            e.findings.push((
                std::mem::take(&mut comments),
                Written {
                    head: rest.trim().to_string(),
                    span: None,
                    zh: None,
                    en: None,
                },
            ));
        } else if line.starts_with("  ") && !line.trim().is_empty() {
            let Some((_, w)) = e.findings.last_mut() else {
                return Err(format!("expect line {n}: indented line before any finding"));
            };
            let (key, value) = line.trim().split_once(": ").unwrap_or((line.trim(), ""));
            let slot = match key.trim_end_matches(':') {
                "span" => &mut w.span,
                "zh" => &mut w.zh,
                "en" => &mut w.en,
                other => return Err(format!("expect line {n}: unknown finding line '{other}'")),
            };
            if slot.replace(value.to_string()).is_some() {
                return Err(format!("expect line {n}: '{key}' given twice"));
            }
        } else if e.findings.is_empty() {
            e.header.push(line.to_string());
        } else if line.trim().is_empty() || line.starts_with('#') {
            comments.push(line.to_string());
        } else {
            return Err(format!(
                "expect line {n}: '{line}' after the findings (header lines go first)"
            ));
        }
    }
    e.trailing = comments;
    Ok(e)
}

/// A header line checked against the analysis: `Ok(None)` when it holds, `Ok(Some(line))`
/// with the line as it should read, `Err` for a line that is not an expectation.
fn header_line(line: &str, a: &Analysis) -> Result<Option<String>, String> {
    let t = line.trim();
    if t.is_empty() || t.starts_with('#') {
        return Ok(None);
    }
    let (kind, rest) = t.split_once(' ').unwrap_or((t, ""));
    let rest = rest.trim();
    let actual = match kind.trim_end_matches(':') {
        "format" => format!("format: {}", a.report.format.as_str()),
        "year" => format!(
            "year: {}",
            a.report.year.map_or("none".into(), |y| y.to_string())
        ),
        "agency" => format!(
            "agency: {}",
            a.report.agency.clone().unwrap_or_else(|| "none".into())
        ),
        "verdict" => format!("verdict: {}", a.verdict().as_str()),
        "cells" => format!("cells: {}", a.report.cells.len()),
        "cell" => {
            let (key, _) = rest
                .split_once(" = ")
                .ok_or_else(|| format!("'{t}': expected cell KEY = VALUE"))?;
            let key = key.trim();
            let got = key
                .parse()
                .ok()
                .and_then(|k| a.report.value(k))
                .map_or("absent".into(), render_value);
            format!("cell {key} = {got}")
        }
        other => return Err(format!("unknown expectation '{other}'")),
    };
    Ok((actual != t).then_some(actual))
}

/// Pairs expected with actual findings one to one (exact equality), in any order.
/// Returns, per expected finding, the index of its actual finding.
fn pair_up(expected: &[(Vec<String>, Written)], actual: &[Written]) -> Vec<Option<usize>> {
    let mut taken = vec![false; actual.len()];
    let mut out = Vec::new();
    for (_, exp) in expected {
        let hit = (0..actual.len()).find(|&i| !taken[i] && actual[i] == *exp);
        if let Some(i) = hit {
            taken[i] = true;
        }
        out.push(hit);
    }
    out
}

/// The expectation block rewritten from the analysis: header values updated, findings in the
/// core's order, each with the comments of the expected finding it replaces.
fn blessed(e: &Expect, a: &Analysis, actual: &[Written]) -> Result<String, String> {
    let mut out = Vec::new();
    for line in &e.header {
        out.push(header_line(line, a)?.unwrap_or_else(|| line.clone()));
    }
    // Comments follow the same finding, or else the first finding of the same rule.
    let pairs = pair_up(&e.findings, actual);
    let mut comments_of: Vec<Vec<String>> = vec![Vec::new(); actual.len()];
    let mut placed = vec![false; actual.len()];
    for (i, p) in pairs.iter().enumerate() {
        if let Some(j) = p {
            placed[*j] = true;
            comments_of[*j].extend(e.findings[i].0.iter().cloned());
        }
    }
    let mut leftover = Vec::new();
    for (i, p) in pairs.iter().enumerate() {
        if p.is_some() || e.findings[i].0.is_empty() {
            continue;
        }
        let rule = e.findings[i].1.rule();
        match (0..actual.len()).find(|&j| !placed[j] && actual[j].rule() == rule) {
            Some(j) => {
                placed[j] = true;
                comments_of[j].extend(e.findings[i].0.iter().cloned());
            }
            None => leftover.extend(e.findings[i].0.iter().cloned()),
        }
    }
    for (w, comments) in actual.iter().zip(comments_of) {
        out.extend(comments);
        out.extend(w.lines());
    }
    out.extend(leftover);
    out.extend(e.trailing.iter().cloned());
    let mut s = out.join("\n");
    s.push('\n');
    Ok(s)
}

/// Checks one fixture file; in bless mode rewrites it. Returns its problems.
fn run_case(path: &Path, bless: bool) -> Vec<String> {
    let all = std::fs::read_to_string(path).unwrap();
    let Some((input, block)) = all.split_once(MARKER) else {
        return vec!["no '==== expect ====' block".into()];
    };
    let expect = match parse(block) {
        Ok(e) => e,
        Err(e) => return vec![e],
    };
    let a = check_text(input);
    let actual: Vec<Written> = a.findings.iter().map(|f| Written::of(f, input)).collect();
    if bless {
        return match blessed(&expect, &a, &actual) {
            Ok(new_block) => {
                if new_block != block {
                    std::fs::write(path, format!("{input}{MARKER}{new_block}")).unwrap();
                    println!("blessed {}", path.display());
                }
                Vec::new()
            }
            Err(e) => vec![e],
        };
    }
    let mut problems = Vec::new();
    for line in &expect.header {
        match header_line(line, &a) {
            Ok(None) => {}
            Ok(Some(actual)) => {
                problems.push(format!("expected `{}`, got `{actual}`", line.trim()))
            }
            Err(e) => problems.push(e),
        }
    }
    let pairs = pair_up(&expect.findings, &actual);
    let mut produced = vec![false; actual.len()];
    for ((_, exp), hit) in expect.findings.iter().zip(&pairs) {
        match hit {
            Some(i) => produced[*i] = true,
            None => problems.push(format!(
                "expected finding not produced:\n    {}",
                exp.lines().join("\n    ")
            )),
        }
    }
    for (w, done) in actual.iter().zip(produced) {
        if !done {
            problems.push(format!(
                "unexpected finding:\n    {}",
                w.lines().join("\n    ")
            ));
        }
    }
    problems
}

#[test]
fn fixtures() {
    let mut files: Vec<_> = std::fs::read_dir(cases_dir())
        .expect("tests/fixtures/cases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 20,
        "expected the fixture suite, found {} files",
        files.len()
    );
    let bless = std::env::var_os("UPDATE_FIXTURES").is_some();
    let mut failures = Vec::new();
    for path in &files {
        let problems = run_case(path, bless);
        if !problems.is_empty() {
            let name = path.file_name().unwrap().to_string_lossy();
            failures.push(format!("{name}:\n  {}", problems.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed (UPDATE_FIXTURES=1 rewrites the expectations; review the diff):\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{} fixtures passed", files.len());
}

/// The runner itself: a block round-trips through bless unchanged, and a changed message,
/// span or cell list is a failure.
#[test]
fn runner_compares_messages_and_spans_exactly() {
    let all = std::fs::read_to_string(cases_dir().join("17_text_slips.txt")).unwrap();
    let input = all.split_once(MARKER).unwrap().0;
    let a = check_text(input);
    let actual: Vec<Written> = a.findings.iter().map(|f| Written::of(f, input)).collect();
    let at = input.find("截止目前").unwrap();
    let line = input[..at].matches('\n').count() + 1;
    let col = input[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    let span = format!("{line}:{col} 「截止目前」");
    assert!(
        actual
            .iter()
            .any(|w| w.span.as_deref() == Some(span.as_str())),
        "no finding spans {span}: {actual:#?}"
    );
    let block = blessed(
        &Expect {
            header: vec!["# header".into()],
            findings: Vec::new(),
            trailing: Vec::new(),
        },
        &a,
        &actual,
    )
    .unwrap();
    let e = parse(&block).unwrap();
    assert_eq!(
        pair_up(&e.findings, &actual).iter().flatten().count(),
        actual.len()
    );
    let changes: [fn(&mut Written); 4] = [
        |w| w.zh = Some("别的话".into()),
        |w| w.en = None,
        |w| w.span = w.span.as_ref().map(|s| s.replace("截止", "截至")),
        |w| w.head.push_str(" cells=T3.R1.C1"),
    ];
    for change in changes {
        let mut e = parse(&block).unwrap();
        let i = e
            .findings
            .iter()
            .position(|(_, w)| w.span.as_deref() == Some(span.as_str()))
            .unwrap();
        change(&mut e.findings[i].1);
        assert_eq!(pair_up(&e.findings, &actual)[i], None);
    }
}
