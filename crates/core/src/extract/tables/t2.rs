//! 表二 (主动公开政府信息情况): rows by the keywords of the format the header words name.

use super::{read_row, TableReader};
use crate::extract::builder::ReportBuilder;
use crate::extract::lines::{join_toks, Row, Tok};
use crate::extract::stream::LineStream;
use crate::format::{self, RowSpec};
use crate::model::DetectedFormat;
use crate::text::{norm_label_in, Sig};

/// How many label lines above a value line may name its row (PDF text).
const ABOVE: usize = 2;

pub(super) struct Reader {
    /// 2019 or 2021: whose rows are looked for.
    format: DetectedFormat,
    /// The label being matched, normalised (a buffer reused from row to row).
    norm: String,
}

impl Reader {
    pub fn new(format: DetectedFormat) -> Reader {
        Reader {
            format,
            norm: String::new(),
        }
    }

    /// The row whose keyword the last label cell starts with (or holds, in a short label).
    pub fn matches(&mut self, labels: &[Tok]) -> Option<&'static RowSpec> {
        norm_label_in(&mut self.norm, &labels.last()?.text);
        let n = &self.norm;
        let sig = Sig::of(n);
        format::t2_rows(self.format).iter().find(|spec| {
            sig.may_contain(spec.sig)
                && spec.keys.iter().any(|k| {
                    n.starts_with(k)
                        || (n.contains(k) && n.chars().count() <= k.chars().count() + 24)
                })
        })
    }
}

impl<'a> TableReader<'a> for Reader {
    fn accept(&mut self, mut row: Row<'a>, lines: &mut LineStream<'_, 'a>, b: &mut ReportBuilder) {
        let mut spec = self.matches(&row.labels);
        if spec.is_none() && row.labels.is_empty() && !row.tabbed {
            // One cell per line (PDF text): the label is on the line(s) before.
            let above = lines.above();
            for k in 1..=above.len().min(ABOVE) {
                let candidate = vec![join_toks(&above[above.len() - k..])];
                if let Some(sp) = self.matches(&candidate) {
                    spec = Some(sp);
                    row.labels = candidate;
                    break;
                }
            }
            if let Some(sp) = spec {
                lines.gather(&mut row.values, sp.cols.len());
            }
        }
        if let Some(spec) = spec {
            lines.clear_above();
            read_row(spec, row, b);
        }
    }
}
