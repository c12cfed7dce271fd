//! 表三 (收到和处理政府信息公开申请情况): rows by label within the group context.
//!
//! Group context (（三）不予公开 …) follows the group cell, a group heading on its own line or
//! the previous row, so that `3.其他` that lost its （六） parent is still read as its row.

use super::{read_row, TableReader};
use crate::extract::builder::ReportBuilder;
use crate::extract::lines::{join_toks, Line, Row, Tok};
use crate::extract::stream::LineStream;
use crate::format::{t3, GroupSpec, RowSpec};
use crate::text::{norm_label_in, Sig};

/// How many label lines above a value line may be joined into its label (PDF text).
const ABOVE: usize = 3;

/// How many label lines below a value line may end its label (PDF text).
const BELOW: usize = 2;

#[derive(Default)]
pub(super) struct Reader {
    /// The group the rows are in.
    group: Option<&'static GroupSpec>,
    /// The labels being matched, normalised: buffers reused from row to row.
    norms: Vec<String>,
}

impl Reader {
    /// The row of `labels`: the group context is first updated from every label cell (group
    /// cells come first), then the most specific label, the last, is matched.
    pub fn matches(&mut self, labels: &[Tok]) -> Option<&'static RowSpec> {
        if self.norms.len() < labels.len() {
            self.norms.resize_with(labels.len(), String::new);
        }
        for (buf, t) in self.norms.iter_mut().zip(labels) {
            norm_label_in(buf, &t.text);
        }
        let norms = &self.norms[..labels.len()];
        if let Some(g) = norms.iter().rev().find_map(|n| t3::TABLE.group_of(n)) {
            self.group = Some(g);
        }
        for (i, n) in norms.iter().enumerate().rev() {
            let is_last = i + 1 == norms.len();
            let sig = Sig::of(n);
            let spec = t3::ROWS.iter().find(|spec| {
                spec.matches_sig(n, sig)
                    && (!spec.only_in_group || self.group == spec.group)
                    && (!spec.last_label_only || is_last)
            });
            if spec.is_some() {
                return spec;
            }
            if !is_last {
                break;
            }
        }
        None
    }

    /// Reads `row` as the row `spec` (the values of the lines below gathered when the row is
    /// one value per line); the row's own group carries over to the next row (a lost group
    /// cell).
    pub fn read<'a>(
        &mut self,
        spec: &'static RowSpec,
        mut row: Row<'a>,
        lines: &mut LineStream<'_, 'a>,
        b: &mut ReportBuilder,
    ) {
        if !row.tabbed && row.values.len() < spec.cols.len() {
            lines.gather(&mut row.values, spec.cols.len());
        }
        lines.clear_above();
        if let Some(g) = spec.group {
            self.group = Some(g);
        }
        read_row(spec, row, b);
    }

    /// One cell per line, or a label wrapped above the numbers: the last label line alone
    /// first, then joined with the ones before.
    fn label_above<'a>(
        &mut self,
        above: &[Tok<'a>],
        row: &mut Row<'a>,
    ) -> Option<&'static RowSpec> {
        for k in 1..=above.len().min(ABOVE) {
            let candidate = vec![join_toks(&above[above.len() - k..])];
            if let Some(spec) = self.matches(&candidate) {
                row.labels = candidate;
                return Some(spec);
            }
        }
        None
    }

    /// A label wrapped around the numbers: the label lines above joined with the row's own
    /// label, then (if still unknown) with the short label lines right below, which are then
    /// taken.
    fn label_wrapped<'a>(
        &mut self,
        lines: &mut LineStream<'_, 'a>,
        row: &mut Row<'a>,
    ) -> Option<&'static RowSpec> {
        let mut joined: Vec<Tok> = lines.above().to_vec();
        joined.extend(row.labels.iter().cloned());
        let mut candidate = vec![join_toks(&joined)];
        let mut spec = self.matches(&candidate);
        let mut taken = 0;
        let mut below = lines.labels_below(BELOW);
        while spec.is_none() {
            let Some(tok) = below.next() else {
                break;
            };
            joined.push(tok);
            candidate = vec![join_toks(&joined)];
            spec = self.matches(&candidate);
            taken += 1;
        }
        if spec.is_some() {
            lines.take_below(taken);
            row.labels = candidate;
        }
        spec
    }
}

impl<'a> TableReader<'a> for Reader {
    fn label_line(&mut self, line: &Line<'a>) {
        // A label-only line may open a group (（三）不予公开 on its own line).
        if self.norms.is_empty() {
            self.norms.push(String::new());
        }
        let buf = &mut self.norms[0];
        if let Some(g) = line.toks.iter().rev().find_map(|t| {
            norm_label_in(buf, &t.text);
            t3::TABLE.group_of(buf)
        }) {
            self.group = Some(g);
        }
    }

    fn accept(&mut self, mut row: Row<'a>, lines: &mut LineStream<'_, 'a>, b: &mut ReportBuilder) {
        let mut spec = self.matches(&row.labels);
        if spec.is_none() && row.labels.is_empty() {
            spec = self.label_above(lines.above(), &mut row);
        }
        if spec.is_none() && !row.tabbed {
            spec = self.label_wrapped(lines, &mut row);
        }
        if let Some(spec) = spec {
            self.read(spec, row, lines, b);
        }
    }
}
