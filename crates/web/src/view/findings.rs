//! The findings as the page lists them: both languages, the cells they name, the group they
//! are listed under, and the report text cut into pieces at their spans for the text view.

use nianbao_core::present::finding_cells;
use nianbao_core::{CellKey, Finding, Lang, Report};

use super::{group_of, ReportView, GROUPS};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingView {
    pub rule: String,
    /// `error` | `warning` | `info`.
    pub severity: &'static str,
    /// 错误 / 警告 / 提示.
    pub severity_zh: &'static str,
    pub message: String,
    pub message_en: String,
    pub cells: Vec<CellKey>,
    pub suspect: Vec<CellKey>,
    /// The suspects in words (`可疑单元格：表四“行政复议·总计”`), zh and en; shown first.
    pub suspect_words: Option<(String, String)>,
    /// Without suspects, the few cells that matter in words (`涉及：…`, `涉及22个单元格`),
    /// zh and en; every key is on the element (`data-cells`, `title`).
    pub cells_words: Option<(String, String)>,
    /// Byte range in [`ReportView::text`] for findings about text.
    pub span: Option<(usize, usize)>,
    /// Where the finding is listed: see [`GROUPS`].
    pub group: &'static str,
}

impl FindingView {
    /// The core's finding as listed (`report`: the report it is about, whose words name its
    /// cells).
    pub fn of(report: &Report, f: &Finding) -> FindingView {
        let (zh, en) = (
            finding_cells(report, f, Lang::Zh),
            finding_cells(report, f, Lang::En),
        );
        FindingView {
            rule: f.rule.to_string(),
            severity: f.severity.as_str(),
            severity_zh: f.severity.label(Lang::Zh),
            message: f.message(Lang::Zh).to_string(),
            message_en: f.message(Lang::En).to_string(),
            cells: f.cells.clone(),
            suspect: f.suspect.clone(),
            suspect_words: zh.suspect.zip(en.suspect),
            cells_words: zh.cells.zip(en.cells),
            span: f.span.map(|s| (s.start, s.end)),
            group: group_of(f),
        }
    }
}

/// A piece of the report text for the text view: `(start, end, finding)` in bytes, `finding`
/// set on a piece marked for that finding's span.
pub type Piece = (usize, usize, Option<usize>);

/// The report text cut into [`Piece`]s covering the whole text. Also, per finding, the index
/// of the piece its span starts in (`None`: no usable span). Overlapping spans: a later span
/// is cut to start where the previous one ended.
pub fn text_pieces(text: &str, findings: &[FindingView]) -> (Vec<Piece>, Vec<Option<usize>>) {
    let usable = |&(s, e): &(usize, usize)| {
        s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    // The distinct spans in order; the findings of one span in their own order. (Pairs, not
    // (start, end, finding) triples: the core sorts the same pairs, so the wasm keeps one
    // copy of std's sort; a second one costs 1.4 KB gzip, measured.)
    let mut spans: Vec<(usize, usize)> = findings.iter().filter_map(|f| f.span).collect();
    spans.retain(usable);
    spans.sort_unstable();
    spans.dedup();
    let mut pieces = Vec::new();
    let mut of = vec![None; findings.len()];
    let mut pos = 0;
    for (s, e) in spans {
        for (i, _) in findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.span == Some((s, e)))
        {
            if e <= pos {
                // inside the previous mark
                of[i] = pieces.len().checked_sub(1);
                continue;
            }
            let s = s.max(pos);
            if s > pos {
                pieces.push((pos, s, None));
            }
            of[i] = Some(pieces.len());
            pieces.push((s, e, Some(i)));
            pos = e;
        }
    }
    if pos < text.len() {
        pieces.push((pos, text.len(), None));
    }
    (pieces, of)
}

impl ReportView {
    /// The non-empty groups of findings, in [`GROUPS`] order: `(code, zh, en, findings)`.
    pub fn groups(&self) -> Vec<(&'static str, &'static str, &'static str, Vec<&FindingView>)> {
        GROUPS
            .iter()
            .filter_map(|g| {
                let fs: Vec<&FindingView> =
                    self.findings.iter().filter(|f| f.group == g.code).collect();
                (!fs.is_empty()).then_some((g.code, g.zh, g.en, fs))
            })
            .collect()
    }
}
