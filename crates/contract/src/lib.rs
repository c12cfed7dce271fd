//! The machine-readable output of nianbao (format.md §10), as serde DTOs.
//!
//! Shared by the CLI (`--format json`, spans in characters) and the wasm API (spans in
//! UTF-16 code units, which is what JavaScript string indices use). Serialisation itself
//! (serde_json, serde-wasm-bindgen) stays in those shells.

use nianbao_core::{Analysis, CellValue, Checked, Finding, Lang, ReadStatus, Span};
use serde::Serialize;

/// How text spans are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanUnits {
    /// Unicode scalar values (the CLI contract).
    Chars,
    /// UTF-16 code units (JavaScript).
    Utf16,
}

pub const CONTRACT_VERSION: u32 = 1;

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct RunDto {
    pub version: u32,
    pub reports: Vec<ReportDto>,
}

/// A cell value: a number as printed, `null` for blank, the placeholder/text itself otherwise.
#[derive(Serialize, Debug, Clone, PartialEq)]
#[serde(untagged)]
pub enum CellDto {
    Int(i64),
    Dec(f64),
    Null(Option<()>),
    Text(String),
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct SpanDto {
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct FindingDto {
    pub rule: String,
    pub severity: String,
    pub outcome: String,
    pub cells: Vec<String>,
    pub expected: Option<CellDto>,
    pub actual: Option<CellDto>,
    pub suspect: Vec<String>,
    pub message: String,
    pub span: Option<SpanDto>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct ReportDto {
    pub file: Option<String>,
    /// What the input was read as: `"text"`, `"html"`, `"docx"` or `"unreadable"`.
    pub kind: String,
    pub status: String,
    pub error: Option<String>,
    pub format: String,
    pub year: Option<u32>,
    pub agency: Option<String>,
    pub verdict: String,
    /// Every cell read, in table order (serialised as an object; order kept).
    #[serde(serialize_with = "ser_cells")]
    pub cells: Vec<(String, CellDto)>,
    pub findings: Vec<FindingDto>,
}

fn ser_cells<S: serde::Serializer>(cells: &[(String, CellDto)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(cells.len()))?;
    for (k, v) in cells {
        m.serialize_entry(k, v)?;
    }
    m.end()
}

pub fn cell_dto(v: &CellValue) -> CellDto {
    match v {
        CellValue::Number(n) => match (n.scale, n.as_i64()) {
            (0, Some(i)) => CellDto::Int(i),
            _ => CellDto::Dec(n.to_f64()),
        },
        CellValue::Blank => CellDto::Null(None),
        CellValue::Placeholder(s) | CellValue::Text(s) => CellDto::Text(s.clone()),
    }
}

fn num_dto(n: nianbao_core::Num) -> CellDto {
    cell_dto(&CellValue::Number(n))
}

pub fn span_dto(span: Span, text: &str, units: SpanUnits) -> SpanDto {
    let (start, end) = match units {
        SpanUnits::Chars => span.to_char_range(text),
        SpanUnits::Utf16 => span.to_utf16_range(text),
    };
    SpanDto { start, end }
}

pub fn finding_dto(f: &Finding, text: &str, lang: Lang, units: SpanUnits) -> FindingDto {
    FindingDto {
        rule: f.rule.to_string(),
        severity: f.severity.as_str().to_string(),
        outcome: f.outcome.as_str().to_string(),
        cells: f.cells.iter().map(ToString::to_string).collect(),
        expected: f.expected.map(num_dto),
        actual: f.actual.map(num_dto),
        suspect: f.suspect.iter().map(ToString::to_string).collect(),
        message: f.message(lang).to_string(),
        span: f.span.map(|s| span_dto(s, text, units)),
    }
}

/// The contract object for one analysed input. `text` is the text given to the core
/// (spans index into it).
pub fn report_dto(
    a: &Analysis,
    text: &str,
    file: Option<&str>,
    lang: Lang,
    units: SpanUnits,
) -> ReportDto {
    let (status, error) = match &a.report.status {
        ReadStatus::Ok => ("ok", None),
        ReadStatus::Unreadable { zh, en } => (
            "unreadable",
            Some(if lang == Lang::Zh {
                zh.clone()
            } else {
                en.clone()
            }),
        ),
    };
    let cells = a
        .report
        .cells
        .iter()
        .map(|c| (c.key.text(), cell_dto(&c.value)))
        .collect();
    let mut findings = Vec::with_capacity(a.findings.len());
    for f in &a.findings {
        findings.push(finding_dto(f, text, lang, units));
    }
    ReportDto {
        file: file.map(str::to_string),
        kind: if a.report.status == ReadStatus::Ok {
            "text"
        } else {
            "unreadable"
        }
        .to_string(),
        status: status.to_string(),
        error,
        format: a.report.format.as_str().to_string(),
        year: a.report.year,
        agency: a.report.agency.clone(),
        verdict: a.verdict().as_str().to_string(),
        cells,
        findings,
    }
}

/// The contract object for a checked input of any kind (`nianbao_core::check_bytes` /
/// `check_str`): spans index into `c.text`.
pub fn checked_dto(c: &Checked, file: Option<&str>, lang: Lang, units: SpanUnits) -> ReportDto {
    let mut dto = report_dto(&c.analysis, &c.text, file, lang, units);
    dto.kind = c.kind.as_str().to_string();
    dto
}

/// The contract object for an input that could not be read at all (I/O error, binary file…).
pub fn unreadable_dto(file: Option<&str>, message: &str) -> ReportDto {
    ReportDto {
        file: file.map(str::to_string),
        kind: "unreadable".into(),
        status: "unreadable".into(),
        error: Some(message.to_string()),
        format: "unknown".into(),
        year: None,
        agency: None,
        verdict: "unreadable".into(),
        cells: Vec::new(),
        findings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_three_states_in_json() {
        let a = nianbao_core::check_text("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t\t5\t\t/\t0\t0\t0\t5\n");
        let dto = report_dto(&a, "", None, Lang::Zh, SpanUnits::Chars);
        let j = serde_json::to_value(&dto).unwrap();
        assert_eq!(j["cells"]["T3.R1.C1"], serde_json::json!(5));
        assert_eq!(j["cells"]["T3.R1.C2"], serde_json::Value::Null);
        assert_eq!(j["cells"]["T3.R1.C3"], serde_json::json!("/"));
        assert_eq!(j["cells"]["T3.R1.C4"], serde_json::json!(0));
    }
}
