//! The table readers: the lines, in order, handed to the reader of the table whose region
//! they are in.
//!
//! A region (表二, 表三, 表四) opens at a section heading that has a table, or at a line with
//! the table's header words; a heading of a section without one closes it. Every line with
//! a value is a [`Row`] (label cells, value cells), offered to the region's reader
//! ([`TableReader::accept`]); a line without one may be a group heading
//! ([`TableReader::label_line`]) or part of a label wrapped around its numbers, which the
//! [`LineStream`] keeps. Outside every region a row is read only when its label is a 表三
//! or 表二 row's (a table copied without its header).
//!
//! Rows are identified **by label text, never by position**; values are the cells after the
//! last label cell, fitted to the row's columns ([`read_row`]).

mod t2;
mod t3;
mod t4;

use super::builder::ReportBuilder;
use super::lines::{fit, join_texts, Line, Row};
use super::outline::Outline;
use super::stream::LineStream;
use crate::format::{RowSpec, Table};
use crate::model::{Note, RowRead, Span};

/// The reader of one table.
trait TableReader<'a> {
    /// A line with labels only, inside the table's region (a group heading on its own line).
    fn label_line(&mut self, _line: &Line<'a>) {}

    /// A row inside the table's region: reads it into `b` if it is one of the table's rows.
    /// Lines around it that belong to it (a wrapped label, one value per line) are taken
    /// through `lines`, which then skips them.
    fn accept(&mut self, row: Row<'a>, lines: &mut LineStream<'_, 'a>, b: &mut ReportBuilder);
}

/// Reads the tables of `lines` into `b`.
pub(super) fn read<'a>(lines: &[Line<'a>], outline: &Outline, b: &mut ReportBuilder) {
    let mut stream = LineStream::new(lines);
    let mut t2 = t2::Reader::new(outline.t2_format());
    let mut t3 = t3::Reader::default();
    let mut t4 = t4::Reader;
    // The table whose rows the lines are in (`None` before the first table or in a section
    // without one).
    let mut region: Option<Table> = None;
    while let Some(line) = stream.next_line() {
        if let Some(section) = outline.section_at(line) {
            region = crate::format::section(section.number).and_then(|s| s.table);
            stream.clear_above();
            continue;
        }
        if line.is_furniture() {
            continue;
        }
        if let Some(t) = Table::ALL
            .into_iter()
            .find(|t| t.spec().region.found_in_sig(&line.folded, line.sig))
        {
            region = Some(t);
        }
        let reader: Option<&mut dyn TableReader<'a>> = match region {
            Some(Table::T2) => Some(&mut t2),
            Some(Table::T3) => Some(&mut t3),
            Some(Table::T4) => Some(&mut t4),
            None => None,
        };
        match (line.split(), reader) {
            (None, Some(reader)) => {
                reader.label_line(line);
                stream.keep_above(line);
            }
            (None, None) => {}
            (Some(row), Some(reader)) => reader.accept(row, &mut stream, b),
            (Some(row), None) => {
                // A table copied without its header: a 表三 row by its label, else a 表二 row.
                if let Some(spec) = t3.matches(&row.labels) {
                    t3.read(spec, row, &mut stream, b);
                } else if let Some(spec) = t2.matches(&row.labels) {
                    read_row(spec, row, b);
                }
            }
        }
    }
}

/// Reads the values of a row of 表二 or 表三 identified by `spec`, unless the row was read
/// before. A value missing from the row is noted (`Note::ColumnMissing`).
fn read_row(spec: &'static RowSpec, row: Row, b: &mut ReportBuilder) {
    if b.has_row(spec.table, spec.id) {
        return;
    }
    let label_span = match (row.labels.first(), row.labels.last()) {
        (Some(a), Some(b)) => Span::new(a.start, b.end),
        _ => Span::new(row.span.start, row.span.start),
    };
    let label = join_texts(&row.labels, " ");
    b.row(RowRead {
        table: spec.table,
        row: spec.id,
        label: label.clone(),
        span: label_span,
    });
    let fitted = fit(
        row.values,
        spec.cols.len(),
        row.grid,
        spec.table == Table::T2,
    );
    let mut missing = Vec::new();
    for key in spec.cells() {
        match fitted.get(key.col.index()) {
            Some(tok) => b.cell(key, tok),
            None => missing.push(key),
        }
    }
    if !missing.is_empty() {
        b.note(Note::ColumnMissing {
            table: spec.table,
            row: Some(spec.id),
            label: (!row.labels.is_empty()).then_some(label),
            cells: missing,
            span: row.span,
        });
    }
}
