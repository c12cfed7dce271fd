//! The output formats, as sinks that results are pushed into one by one, in input order (as
//! ripgrep's printers are sinks of its searcher): each report is written, flushed and dropped
//! before the next. `text` is [`crate::text`], `sarif` is [`crate::sarif`]; JSON, JSON lines
//! and the CSV formats are here.

use crate::args::Format;
use crate::inputs::Loaded;
use nianbao_contract::{checked_dto, unreadable_dto, ReportDto, SpanUnits, CONTRACT_VERSION};
use nianbao_core::input::InputError;
use nianbao_core::{Analysis, CellKey, CellValue, Lang, Verdict};
use std::io::{self, Write};
use std::path::Path;

/// What `--last` or `--pair-years` added to a report.
#[derive(Clone, Debug)]
pub struct Paired {
    /// Last year's file, as named in the output.
    pub file: String,
    pub year: Option<u32>,
    /// How many findings the cross-year checks added.
    pub added: usize,
    /// One of the two reports has no recognised agency: the body could not be compared.
    pub agency_unchecked: bool,
    /// Found among the files given (`--pair-years`), not named with `--last`.
    pub auto: bool,
}

/// One result, as pushed into a sink.
pub struct Item<'a> {
    pub name: &'a str,
    /// `None` for standard input.
    pub path: Option<&'a Path>,
    pub loaded: &'a Loaded,
    pub paired: Option<&'a Paired>,
}

/// How the run ended, for the sinks' closing words.
pub struct RunEnd {
    pub exit_code: u8,
}

/// An output format. `out` is standard output; `notes` collects what goes to standard error
/// (written by the caller, around the progress bar).
pub trait Sink {
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    fn item(&mut self, out: &mut dyn Write, notes: &mut Vec<u8>, item: &Item) -> io::Result<()>;
    fn finish(&mut self, _out: &mut dyn Write, _end: &RunEnd) -> io::Result<()> {
        Ok(())
    }
}

pub fn sink(format: Format, lang: Lang) -> Box<dyn Sink> {
    match format {
        Format::Text => Box::new(crate::text::TextSink::new(lang)),
        Format::Json => Box::new(Json {
            buf: Vec::new(),
            lang,
            lines: false,
            count: 0,
        }),
        Format::Jsonl => Box::new(Json {
            buf: Vec::new(),
            lang,
            lines: true,
            count: 0,
        }),
        Format::Csv => Box::new(Csv { lang }),
        Format::Cells => Box::new(Cells { lang }),
        Format::Wide => Box::new(Wide {
            lang,
            keys: canonical_keys(),
        }),
        Format::Sarif => Box::new(crate::sarif::Sarif::new(lang)),
    }
}

pub fn pick(lang: Lang, zh: &str, en: &str) -> String {
    if lang == Lang::Zh { zh } else { en }.to_string()
}

pub fn error_message(e: &InputError, lang: Lang) -> String {
    pick(lang, &e.zh, &e.en)
}

/// Why a report could not be read, in the language asked for (`None` when it was read).
pub fn unreadable_message(a: &Analysis, lang: Lang) -> Option<String> {
    match &a.report.status {
        nianbao_core::ReadStatus::Ok => None,
        nianbao_core::ReadStatus::Unreadable { zh, en } => Some(pick(lang, zh, en)),
    }
}

/// The contract object of a result (`None` for a skipped file).
pub fn report_dto(item: &Item, lang: Lang) -> Option<ReportDto> {
    match item.loaded {
        Loaded::Checked(c) => Some(checked_dto(c, Some(item.name), lang, SpanUnits::Chars)),
        Loaded::Failed(e) => Some(unreadable_dto(Some(item.name), &error_message(e, lang))),
        Loaded::Skipped(_) => None,
    }
}

/// Writes `s` (pretty JSON: no raw line breaks inside strings) with every line indented, in
/// one write.
pub fn write_indented(out: &mut dyn Write, s: &str, indent: &str) -> io::Result<()> {
    let mut buf = Vec::with_capacity(s.len() + s.len() / 8);
    for (i, line) in s.lines().enumerate() {
        if i > 0 {
            buf.push(b'\n');
        }
        buf.extend_from_slice(indent.as_bytes());
        buf.extend_from_slice(line.as_bytes());
    }
    out.write_all(&buf)
}

fn json_error(e: serde_json::Error) -> io::Error {
    io::Error::other(e)
}

/// `--format json`: the one object of format.md §10, written as the reports come (the same
/// bytes as serialising the whole run at once); `--format jsonl`: one report object per line.
struct Json {
    /// A report's JSON is made here and written at once: serde_json writes a token at a time,
    /// and each would be a call through `dyn Write` (the buffer is kept for the next report).
    buf: Vec<u8>,
    lang: Lang,
    lines: bool,
    count: usize,
}

impl Sink for Json {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.lines {
            write!(
                out,
                "{{\n  \"version\": {CONTRACT_VERSION},\n  \"reports\": ["
            )?;
        }
        Ok(())
    }

    fn item(&mut self, out: &mut dyn Write, _notes: &mut Vec<u8>, item: &Item) -> io::Result<()> {
        let Some(dto) = report_dto(item, self.lang) else {
            return Ok(());
        };
        if self.lines {
            self.buf.clear();
            serde_json::to_writer(&mut self.buf, &dto).map_err(json_error)?;
            self.buf.push(b'\n');
            out.write_all(&self.buf)?;
        } else {
            out.write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
            let s = serde_json::to_string_pretty(&dto).map_err(json_error)?;
            write_indented(out, &s, "    ")?;
        }
        self.count += 1;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _end: &RunEnd) -> io::Result<()> {
        if !self.lines {
            if self.count > 0 {
                out.write_all(b"\n  ]\n}\n")?;
            } else {
                out.write_all(b"]\n}\n")?;
            }
        }
        Ok(())
    }
}

/// A CSV field (RFC 4180 quoting).
pub fn csv(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// `--format csv`: one row per finding (a report without findings: one row with its verdict).
struct Csv {
    lang: Lang,
}

impl Sink for Csv {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "file,verdict,rule,severity,outcome,cells,expected,actual,suspect,message"
        )
    }

    fn item(&mut self, out: &mut dyn Write, _notes: &mut Vec<u8>, item: &Item) -> io::Result<()> {
        let name = csv(item.name);
        let a = match item.loaded {
            Loaded::Skipped(_) => return Ok(()),
            Loaded::Failed(e) => {
                let msg = error_message(e, self.lang);
                return writeln!(out, "{name},unreadable,,,,,,,,{}", csv(&msg));
            }
            Loaded::Checked(c) => &c.analysis,
        };
        let verdict = a.verdict().as_str();
        if let Some(msg) = unreadable_message(a, self.lang) {
            return writeln!(out, "{name},{verdict},,,,,,,,{}", csv(&msg));
        }
        if a.findings.is_empty() {
            writeln!(out, "{name},{verdict},,,,,,,,")?;
        }
        for f in &a.findings {
            let keys = |v: &[CellKey]| {
                v.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            writeln!(
                out,
                "{name},{verdict},{},{},{},{},{},{},{},{}",
                f.rule,
                f.severity.as_str(),
                f.outcome.as_str(),
                csv(&keys(&f.cells)),
                f.expected.map(|n| n.to_string()).unwrap_or_default(),
                f.actual.map(|n| n.to_string()).unwrap_or_default(),
                csv(&keys(&f.suspect)),
                csv(f.message(self.lang))
            )?;
        }
        Ok(())
    }
}

/// A cell's state and value as printed (`blank` has the empty value).
pub fn cell_text(v: &CellValue) -> (&'static str, String) {
    match v {
        CellValue::Number(n) => ("number", n.to_string()),
        CellValue::Blank => ("blank", String::new()),
        CellValue::Placeholder(s) => ("placeholder", s.clone()),
        CellValue::Text(s) => ("text", s.clone()),
    }
}

/// `--format cells`: one row per cell read; why an input could not be read goes to stderr.
struct Cells {
    lang: Lang,
}

impl Sink for Cells {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "file,cell,state,value")
    }

    fn item(&mut self, out: &mut dyn Write, notes: &mut Vec<u8>, item: &Item) -> io::Result<()> {
        let a = match item.loaded {
            Loaded::Skipped(_) => return Ok(()),
            Loaded::Failed(e) => {
                return writeln!(notes, "{}: {}", item.name, error_message(e, self.lang));
            }
            Loaded::Checked(c) => &c.analysis,
        };
        if let Some(msg) = unreadable_message(a, self.lang) {
            writeln!(notes, "{}: {msg}", item.name)?;
        }
        let name = csv(item.name);
        for c in &a.report.cells {
            let (state, v) = cell_text(&c.value);
            writeln!(out, "{name},{},{state},{}", c.key, csv(&v))?;
        }
        Ok(())
    }
}

/// Every canonical cell key of both national formats (format.md §10), in table order: 表二 of
/// 2021, 表二 of 2019, 表三 (both formats' rows), 表四.
pub fn canonical_keys() -> Vec<CellKey> {
    CellKey::all().collect()
}

/// The columns of `--format wide` before the cells.
pub const WIDE_HEAD: &str =
    "file,kind,status,error,agency,year,format,verdict,errors,warnings,infos";

/// What `--format wide` writes for a cell not read (absent from the report): `NA`, which
/// pandas and R read as missing by default, like the empty field of a blank cell, while
/// `keep_default_na=False` / `na.strings = character(0)` keep the two apart.
pub const WIDE_NOT_READ: &str = "NA";

/// `--format wide`: one row per report, one column per canonical cell key. A number as
/// printed, a blank cell as an empty field, a placeholder or text as printed, a cell not read
/// as [`WIDE_NOT_READ`].
struct Wide {
    lang: Lang,
    keys: Vec<CellKey>,
}

impl Sink for Wide {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(WIDE_HEAD.as_bytes())?;
        for k in &self.keys {
            write!(out, ",{k}")?;
        }
        out.write_all(b"\n")
    }

    fn item(&mut self, out: &mut dyn Write, _notes: &mut Vec<u8>, item: &Item) -> io::Result<()> {
        let mut row = vec![csv(item.name)];
        let a = match item.loaded {
            Loaded::Skipped(_) => return Ok(()),
            Loaded::Failed(e) => {
                row.extend([
                    "unreadable".to_string(),
                    "unreadable".to_string(),
                    csv(&error_message(e, self.lang)),
                    String::new(),
                    String::new(),
                    "unknown".to_string(),
                    Verdict::Unreadable.as_str().to_string(),
                    "0".into(),
                    "0".into(),
                    "0".into(),
                ]);
                row.extend(self.keys.iter().map(|_| WIDE_NOT_READ.to_string()));
                writeln!(out, "{}", row.join(","))?;
                return Ok(());
            }
            Loaded::Checked(c) => {
                row.push(c.kind.as_str().to_string());
                &c.analysis
            }
        };
        let r = &a.report;
        let error = unreadable_message(a, self.lang);
        row.extend([
            if error.is_some() { "unreadable" } else { "ok" }.to_string(),
            csv(error.as_deref().unwrap_or("")),
            csv(r.agency.as_deref().unwrap_or("")),
            r.year.map(|y| y.to_string()).unwrap_or_default(),
            r.format.as_str().to_string(),
            a.verdict().as_str().to_string(),
            a.count(nianbao_core::Severity::Error).to_string(),
            a.count(nianbao_core::Severity::Warning).to_string(),
            a.count(nianbao_core::Severity::Info).to_string(),
        ]);
        for k in &self.keys {
            // Of duplicate keys the last read wins, as in the JSON object.
            row.push(match r.cell(*k) {
                Some(c) => csv(&cell_text(&c.value).1),
                None => WIDE_NOT_READ.to_string(),
            });
        }
        writeln!(out, "{}", row.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_keys_cover_both_formats_once() {
        let k = canonical_keys();
        assert_eq!(k.len(), 10 + 22 + 26 * 7 + 15);
        for key in [
            "T2.fee",
            "T2.fee.prev",
            "T3.R1.C1",
            "T3.R3f.C7",
            "T3.R3f3.C7",
            "T4.LR.t",
        ] {
            assert!(k.iter().any(|x| x == key), "{key}");
        }
        let mut sorted = k.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), k.len());
    }
}
