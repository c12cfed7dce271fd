//! # nianbao-core
//!
//! The pure core of nianbao, the validator for 政府信息公开工作年度报告.
//!
//! Input text in; a [`Report`] model and [`Finding`]s out. No I/O, no clock, no wasm,
//! no JSON: the shells (`nianbao-web`, `nianbao-cli`) own those. Parsing never fails
//! as a whole: [`check_text`] always returns an [`Analysis`] with what it could read
//! and findings about what it could not.
//!
//! ```
//! let a = nianbao_core::check_text("一、总体情况\n……");
//! assert_eq!(a.report.format, nianbao_core::DetectedFormat::Unknown);
//! ```

mod bytes;
mod cell;
pub mod extract;
pub mod format;
mod lang;
#[cfg_attr(not(feature = "localise"), allow(dead_code))]
mod localize;
pub mod model;
pub mod num;
mod omission;
pub mod present;
pub mod readers;
pub mod rules;
mod span;
pub mod text;

pub use readers::input;

pub use format::{CellKey, Table};
pub use lang::Lang;
pub use model::{
    Cell, CellValue, DetectedFormat, Note, Omission, ReadStatus, Report, RowRead, Section, Span,
};
pub use num::Num;
pub use present::Verdict;
pub use rules::{auto_partners, not_comparable, pair_problem, same_body};
pub use rules::{find_rule, Case, Group, Rule, RuleDoc, RuleId, Scope, DOCS, RULES};
pub use rules::{
    Evaluation, Explanation, Finding, Instance, Outcome, Severity, SuspectUnit, Terms,
};

/// Everything nianbao knows about one input.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub report: Report,
    /// Problems, in a stable order: reading, format, sections, tables, cells, arithmetic.
    pub findings: Vec<Finding>,
    /// Every evaluated arithmetic identity, passes included.
    pub evaluations: Vec<Evaluation>,
}

impl Analysis {
    pub fn verdict(&self) -> Verdict {
        if self.report.status != ReadStatus::Ok {
            Verdict::Unreadable
        } else if self.count(Severity::Error) > 0 {
            Verdict::Fail
        } else if self.count(Severity::Warning) > 0 {
            Verdict::Warn
        } else {
            Verdict::Pass
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// Whether this build of the core has every rule (the features `checks`, `prose` and
/// `localise`; the CLI's, the tests', the page's full-check module's). The page's first-load
/// module has none: it hands what it read to the full-check module.
pub const COMPLETE: bool = cfg!(all(
    feature = "checks",
    feature = "prose",
    feature = "localise"
));

/// Reads report text and checks it.
pub fn check_text(input: &str) -> Analysis {
    analyse(&readers::plain::read(input))
}

/// Builds the report from a document and checks it.
fn analyse(doc: &readers::Document) -> Analysis {
    let report = extract::read(doc);
    #[cfg_attr(not(feature = "localise"), allow(unused_mut))]
    let (mut findings, evaluations) = rules::run(&report, &doc.text);
    #[cfg(feature = "localise")]
    localize::assign_suspects(&report, &mut findings, &evaluations);
    Analysis {
        report,
        findings,
        evaluations,
    }
}

/// A user's own terms (CLI `--terms FILE`, the page's terms box) on a checked report, whose
/// text is `text`: slips of the terms are TEXT-TYPO findings like those of the built-in
/// lexicon, and a TEXT-TYPO finding inside a term written as it is goes.
#[cfg(feature = "prose")]
pub fn apply_terms(analysis: &mut Analysis, text: &str, terms: &Terms) {
    rules::apply_terms(&analysis.report, text, terms, &mut analysis.findings);
}

/// [`apply_terms`] with the terms as the user wrote them (one a line, `#` comments), in a
/// build with the prose checks; in one without (the page's first-load module, which hands the
/// terms to its full-check module with the report) there is nothing to apply them to.
pub fn apply_terms_text(analysis: &mut Analysis, text: &str, terms: &str) {
    #[cfg(feature = "prose")]
    apply_terms(analysis, text, &Terms::parse(terms));
    #[cfg(not(feature = "prose"))]
    let _ = (analysis, text, terms);
}

/// A shell could not run the check (the page: its full-check module, which holds the rules,
/// could not be loaded; `why` in both languages): a CHECK-INCOMPLETE warning first among the
/// findings, so that the result never looks like a report without problems. Nothing for a
/// report that could not be read (it has no findings to qualify).
pub fn check_incomplete(analysis: &mut Analysis, why_zh: &str, why_en: &str) {
    if analysis.report.status == ReadStatus::Ok {
        let f = rules::check_incomplete(why_zh, why_en);
        analysis.findings.insert(0, f);
    }
}

/// Checks `this` against `last` (last year's report of the same body: CARRYOVER-MISMATCH,
/// VALID-COUNT-CONTINUITY) and appends the findings to `this`. Returns how many were added.
pub fn check_pair(this: &mut Analysis, last: &Analysis) -> usize {
    let found = rules::check_pair(&this.report, &last.report);
    let added = found.len();
    this.findings.extend(found);
    added
}

/// What kind of input was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    Text,
    Html,
    Docx,
    Pdf,
    /// Could not be read at all (binary, unknown encoding, too large…).
    Unreadable,
}

impl InputKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Text => "text",
            InputKind::Html => "html",
            InputKind::Docx => "docx",
            InputKind::Pdf => "pdf",
            InputKind::Unreadable => "unreadable",
        }
    }
}

/// The result of checking an input of any kind.
#[derive(Clone, Debug)]
pub struct Checked {
    pub kind: InputKind,
    /// The text that spans index into: the input itself for plain text, a readable
    /// rendering (paragraphs, tab-separated table rows) for HTML and Word.
    pub text: String,
    pub analysis: Analysis,
}

fn unreadable(e: input::InputError) -> Checked {
    Checked {
        kind: InputKind::Unreadable,
        text: String::new(),
        analysis: Analysis {
            report: Report::unreadable(e.zh, e.en),
            findings: Vec::new(),
            evaluations: Vec::new(),
        },
    }
}

/// Checks what a reader read (or why it could not): the last step of [`check_bytes`], for a
/// shell whose files were read elsewhere — the page's reader module hands its result over as
/// the bytes of [`readers::wire::encode`], read back with [`readers::wire::decode`].
pub fn check_read(read: Result<(readers::Kind, readers::Document), input::InputError>) -> Checked {
    match read {
        Ok((kind, doc)) => Checked {
            kind: match kind {
                readers::Kind::Text => InputKind::Text,
                readers::Kind::Html => InputKind::Html,
                readers::Kind::Docx => InputKind::Docx,
                readers::Kind::Pdf => InputKind::Pdf,
            },
            analysis: analyse(&doc),
            text: doc.text,
        },
        Err(e) => unreadable(e),
    }
}

/// Reads and checks text that may be plain report text or HTML (for example clipboard HTML).
pub fn check_str(input: &str) -> Checked {
    check_read(readers::read_str(input))
}

/// Reads and checks a file's bytes of any supported kind (sniffed from the content; the
/// file name is only a hint for messages).
pub fn check_bytes(bytes: &[u8], _name: Option<&str>) -> Checked {
    check_read(readers::read_bytes(bytes))
}

/// Reads and checks a text or HTML file's bytes, without the .docx and PDF readers (which are
/// then not linked): [`check_bytes`] for the bytes [`readers::file_reader`] does not claim.
pub fn check_text_bytes(bytes: &[u8]) -> Checked {
    check_read(readers::read_text_bytes(bytes))
}
