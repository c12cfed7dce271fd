//! The report being built: the rows, cells and reading notes the table readers and the
//! concatenated-cell solver add, made into a [`Report`] with the outline at the end.

use super::cell::classify;
use super::concat::Recovered;
use super::lines::Tok;
use super::outline::Outline;
use crate::format::{CellKey, RowId, Table};
use crate::model::{Cell, CellStore, DetectedFormat, Note, ReadStatus, Report, RowRead};

/// Rows in reading order, cells under their keys, notes on what could not be read.
#[derive(Debug, Default)]
pub(super) struct ReportBuilder {
    rows: Vec<RowRead>,
    cells: CellStore,
    notes: Vec<Note>,
}

impl ReportBuilder {
    /// The rows read so far, in reading order.
    pub fn rows(&self) -> &[RowRead] {
        &self.rows
    }

    /// Was this row read already? (The first occurrence of a row wins: a repeated row is
    /// usually a repeated header block.)
    pub fn has_row(&self, table: Table, row: RowId) -> bool {
        self.rows.iter().any(|r| r.table == table && r.row == row)
    }

    /// Was any cell of `table` read?
    pub fn has_cells(&self, table: Table) -> bool {
        self.cells.of(table).next().is_some()
    }

    pub fn row(&mut self, row: RowRead) {
        self.rows.push(row);
    }

    /// The cell of `key` from the text of `tok`, as written.
    pub fn cell(&mut self, key: CellKey, tok: &Tok) {
        self.cells.insert(Cell {
            key,
            value: classify(&tok.text),
            raw: tok.text.to_string(),
            span: (!tok.is_empty()).then(|| tok.span()),
        });
    }

    pub fn note(&mut self, note: Note) {
        self.notes.push(note);
    }

    /// The tables of `seen` (their header is there) of which no row was read.
    pub fn unread(&self, seen: &[Table]) -> Vec<Table> {
        seen.iter()
            .copied()
            .filter(|&t| !self.rows.iter().any(|r| r.table == t))
            .collect()
    }

    /// Adds what the concatenated-cell solver recovered.
    pub fn recovered(&mut self, rec: Recovered) {
        self.rows.extend(rec.rows);
        for c in rec.cells {
            self.cells.insert(c);
        }
        self.notes.extend(rec.notes);
    }

    /// The report: what was read, under the outline, with the format it follows and the
    /// tables whose header words were seen.
    pub fn finish(
        self,
        outline: Outline,
        format: DetectedFormat,
        tables_seen: Vec<Table>,
        status: ReadStatus,
    ) -> Report {
        Report {
            status,
            title: outline.title,
            agency: outline.agency,
            year: outline.year,
            format,
            sections: outline.sections,
            rows: self.rows,
            cells: self.cells,
            tables_seen,
            notes: self.notes,
        }
    }
}
