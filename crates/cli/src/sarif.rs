//! `--format sarif`: SARIF 2.1.0 (OASIS), for code-scanning tools and SARIF viewers.
//!
//! - `tool.driver.rules`: the whole rule catalogue, each with its title (`shortDescription`),
//!   its documentation (`fullDescription`, `help`: why the rule exists and how to fix the
//!   report) and its severity (`defaultConfiguration.level`), in the language of `--lang`.
//! - one `result` per finding: `level` error / warning / note from the severity, `kind`
//!   `fail`, or `open` for a rule that could not be evaluated (`not_assessable`; its level is
//!   kept so that viewers show it); the message; one location with the file (a relative
//!   path stays relative, percent-encoded) and, for plain-text input, the text span as a
//!   region (`charOffset`/`charLength` and lines/columns in Unicode code points,
//!   `run.columnKind = unicodeCodePoints`, with the quoted text as `snippet`); the cells as
//!   `logicalLocations` (`fullyQualifiedName` = the cell key, `properties.label` = the cell in
//!   words, `properties.suspect`). For HTML and Word input the span indexes the readable
//!   rendering the core made of the file, not the file's bytes: it is given as
//!   `properties.span` (`{start, end}` in characters) instead of a region.
//! - `properties` of a result: `outcome`, `expected`, `actual`, `suspect` (cell keys), as in
//!   the JSON contract.
//! - `artifacts`: every input read (or not), with its kind, verdict, agency, year and format
//!   in `properties`; inputs that could not be read are `toolExecutionNotifications` of level
//!   `error`, files skipped in folders of level `note`; `invocations[0].exitCode` is the
//!   process's exit code.
//!
//! Results are written as each file finishes; the artifacts and the invocation follow them.

use crate::inputs::Loaded;
use crate::out::{report_dto, Item, RunEnd, Sink};
use nianbao_core::present;
use nianbao_core::{InputKind, Lang, Outcome, Severity, RULES};
use serde_json::{json, Value};
use std::io::{self, Write};
use std::path::Path;

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub struct Sarif {
    lang: Lang,
    results: usize,
    artifacts: Vec<Value>,
    notifications: Vec<Value>,
}

impl Sarif {
    pub fn new(lang: Lang) -> Sarif {
        Sarif {
            lang,
            results: 0,
            artifacts: Vec::new(),
            notifications: Vec::new(),
        }
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: relative paths stay relative; every byte but the unreserved
/// characters and `/` is percent-encoded (Chinese file names included).
pub fn uri(path: &Path) -> String {
    let mut s = path.to_string_lossy().to_string();
    if cfg!(windows) {
        s = s.replace('\\', "/");
    }
    let mut out = String::with_capacity(s.len() + 8);
    let absolute = path.is_absolute();
    if absolute {
        out.push_str(if s.starts_with('/') {
            "file://"
        } else {
            "file:///"
        });
    }
    for (i, b) in s.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            // a Windows drive letter's colon in an absolute path
            || (absolute && b == b':' && i == 1);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Writes pretty `v` whose first line continues the current line and whose other lines are
/// indented by `indent`.
fn write_nested(out: &mut dyn Write, v: &Value, indent: &str) -> io::Result<()> {
    let s = serde_json::to_string_pretty(v).map_err(io::Error::other)?;
    for (i, line) in s.lines().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(indent.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

fn tool(lang: Lang) -> Value {
    let zh = lang == Lang::Zh;
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let (title, doc) = if zh {
                (r.title_zh, r.doc().zh)
            } else {
                (r.title_en, r.doc().en)
            };
            json!({
                "id": r.id.as_str(),
                "shortDescription": { "text": title },
                "fullDescription": { "text": doc },
                "help": { "text": doc },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "scope": r.scope.describe(lang) }
            })
        })
        .collect();
    json!({
        "driver": {
            "name": "nianbao",
            "fullName": if zh {
                "nianbao 政府信息公开工作年度报告校验"
            } else {
                "nianbao validator for annual reports on government information disclosure"
            },
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "language": if zh { "zh-CN" } else { "en-US" },
            "rules": rules
        }
    })
}

/// `(line, column)`, 1-based, columns in code points, of byte `at` of `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

fn mime(kind: InputKind) -> Option<&'static str> {
    match kind {
        InputKind::Text => Some("text/plain"),
        InputKind::Html => Some("text/html"),
        InputKind::Docx => {
            Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        }
        InputKind::Pdf => Some("application/pdf"),
        InputKind::Unreadable => None,
    }
}

impl Sarif {
    fn artifact_location(&self, item: &Item, index: usize) -> Value {
        match item.path {
            Some(p) => json!({ "uri": uri(p), "index": index }),
            None => json!({ "index": index, "description": { "text": item.name } }),
        }
    }
}

impl Sink for Sarif {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{{\n  \"$schema\": \"{SCHEMA_URI}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": "
        )?;
        write_nested(out, &tool(self.lang), "      ")?;
        write!(
            out,
            ",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
        )
    }

    fn item(&mut self, out: &mut dyn Write, _notes: &mut Vec<u8>, item: &Item) -> io::Result<()> {
        if let Loaded::Skipped(note) = item.loaded {
            let mut n = json!({
                "level": "note",
                "message": { "text": note.pick(self.lang) },
            });
            if let Some(p) = item.path {
                n["locations"] =
                    json!([{ "physicalLocation": { "artifactLocation": { "uri": uri(p) } } }]);
            }
            self.notifications.push(n);
            return Ok(());
        }
        let Some(dto) = report_dto(item, self.lang) else {
            return Ok(());
        };
        let index = self.artifacts.len();
        let location = self.artifact_location(item, index);
        let mut artifact = json!({
            "roles": ["analysisTarget"],
            "properties": {
                "kind": dto.kind,
                "status": dto.status,
                "verdict": dto.verdict,
                "agency": dto.agency,
                "year": dto.year,
                "format": dto.format
            }
        });
        match item.path {
            Some(p) => artifact["location"] = json!({ "uri": uri(p) }),
            None => artifact["description"] = json!({ "text": item.name }),
        }
        if let Some(m) = match item.loaded {
            Loaded::Checked(c) => mime(c.kind),
            _ => None,
        } {
            artifact["mimeType"] = json!(m);
        }
        self.artifacts.push(artifact);
        if let Some(error) = &dto.error {
            self.notifications.push(json!({
                "level": "error",
                "message": { "text": format!("{}: {error}", item.name) },
                "locations": [{ "physicalLocation": { "artifactLocation": location } }]
            }));
        }
        let Loaded::Checked(c) = item.loaded else {
            return Ok(());
        };
        let a = &c.analysis;
        for (f, fd) in a.findings.iter().zip(&dto.findings) {
            let mut physical = json!({ "artifactLocation": location });
            let mut props = json!({
                "outcome": fd.outcome,
                "expected": fd.expected,
                "actual": fd.actual,
                "suspect": fd.suspect,
            });
            if let (Some(span), Some(sd)) = (f.span, &fd.span) {
                if c.kind == InputKind::Text {
                    let (l1, c1) = line_col(&c.text, span.start);
                    let (l2, c2) = line_col(&c.text, span.end);
                    let mut region = json!({
                        "charOffset": sd.start,
                        "charLength": sd.end - sd.start,
                        "startLine": l1,
                        "startColumn": c1,
                        "endLine": l2,
                        "endColumn": c2,
                    });
                    if let Some(t) = c.text.get(span.start..span.end) {
                        region["snippet"] = json!({ "text": t });
                    }
                    physical["region"] = region;
                } else {
                    props["span"] = json!({ "start": sd.start, "end": sd.end });
                }
            }
            // Each cell with its name in words as the report names it (the shared presentation).
            let logical: Vec<Value> = f
                .cells
                .iter()
                .map(|&k| {
                    let label = present::cell_name(Some(&a.report), k, self.lang);
                    json!({
                        "name": k.to_string(),
                        "fullyQualifiedName": k.to_string(),
                        "kind": "element",
                        "properties": { "label": label, "suspect": f.suspect.contains(&k) }
                    })
                })
                .collect();
            let mut loc = json!({ "physicalLocation": physical });
            if !logical.is_empty() {
                loc["logicalLocations"] = Value::Array(logical);
            }
            let result = json!({
                "ruleId": f.rule.as_str(),
                "ruleIndex": RULES.iter().position(|r| r.id == f.rule),
                "level": level(f.severity),
                "kind": if f.outcome == Outcome::NotAssessable { "open" } else { "fail" },
                "message": { "text": fd.message },
                "locations": [loc],
                "properties": props
            });
            out.write_all(if self.results == 0 { b"\n" } else { b",\n" })?;
            let s = serde_json::to_string_pretty(&result).map_err(io::Error::other)?;
            crate::out::write_indented(out, &s, "        ")?;
            self.results += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, end: &RunEnd) -> io::Result<()> {
        out.write_all(if self.results > 0 {
            b"\n      ],\n      \"artifacts\": "
        } else {
            b"],\n      \"artifacts\": "
        })?;
        write_nested(
            out,
            &Value::Array(std::mem::take(&mut self.artifacts)),
            "      ",
        )?;
        out.write_all(b",\n      \"invocations\": ")?;
        let invocation = json!([{
            "executionSuccessful": end.exit_code != 2,
            "exitCode": end.exit_code,
            "toolExecutionNotifications": std::mem::take(&mut self.notifications)
        }]);
        write_nested(out, &invocation, "      ")?;
        out.write_all(b"\n    }\n  ]\n}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_references_with_non_ascii_encoded() {
        assert_eq!(uri(Path::new("a/b c.txt")), "a/b%20c.txt");
        assert_eq!(uri(Path::new("报告.txt")), "%E6%8A%A5%E5%91%8A.txt");
        assert_eq!(uri(Path::new("/tmp/x:y.txt")), "file:///tmp/x%3Ay.txt");
    }

    #[test]
    fn lines_and_columns_count_code_points() {
        let t = "一、总体情况\n表三：自然人";
        let at = t.find("自然人").unwrap();
        assert_eq!(line_col(t, at), (2, 4));
        assert_eq!(line_col(t, 0), (1, 1));
    }
}
