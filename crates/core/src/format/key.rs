//! Typed identity of the tables' cells: [`Table`], [`RowId`], [`ColId`] and [`CellKey`].
//!
//! Inside the core a cell is named by a small `Copy` key: its table, the index of its row in
//! the table's row specs and the index of its column in the row's column specs. The canonical
//! string of format.md §10 (`T3.R1.C7`, `T3.R3f.C2`, `T4.RV.t`, `T2.norm.valid`,
//! `T2.licensing`, `T2.fee.prev`) exists only at the boundary: [`fmt::Display`] and
//! [`FromStr`], used by the JSON contract, the CLI's cells and CSV output, the page's
//! `data-key` attributes and tests.

use std::fmt;
use std::str::FromStr;

use super::{ColKind, ColSpec, RowSpec, TableSpec};

/// One of the national tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    /// 表二 主动公开政府信息情况 (2021 and 2019 rows in one table).
    T2,
    /// 表三 收到和处理政府信息公开申请情况.
    T3,
    /// 表四 政府信息公开行政复议、行政诉讼情况.
    T4,
}

impl Table {
    /// The tables in their order in the report (and in the contract's `cells`).
    pub const ALL: [Table; 3] = [Table::T2, Table::T3, Table::T4];

    /// `T2`, `T3`, `T4`: the table part of the canonical keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Table::T2 => "T2",
            Table::T3 => "T3",
            Table::T4 => "T4",
        }
    }

    /// The table's data.
    pub fn spec(self) -> &'static TableSpec {
        match self {
            Table::T2 => &super::t2::TABLE,
            Table::T3 => &super::t3::TABLE,
            Table::T4 => &super::t4::TABLE,
        }
    }

    /// Every row spec of the table, indexed by [`RowId`].
    pub fn rows(self) -> &'static [RowSpec] {
        self.spec().rows
    }

    /// The spec of a row of this table.
    pub fn row(self, id: RowId) -> &'static RowSpec {
        &self.rows()[id.index()]
    }

    /// Its row at `index` of [`Table::rows`], if there is one (keys handed over between the
    /// page's modules as indices: `crate::rules::wire`).
    pub(crate) fn row_at(self, index: usize) -> Option<RowId> {
        let id = u8::try_from(index).ok()?;
        (index < self.rows().len()).then_some(RowId(id))
    }

    /// The column at `index` of a table whose rows share their columns (the columns of its
    /// first row), if there is one.
    pub(crate) fn col_at(self, index: usize) -> Option<ColId> {
        let id = u8::try_from(index).ok()?;
        (index < self.rows().first()?.cols.len()).then_some(ColId(id))
    }

    /// The table's name in messages: `(zh, en)`, e.g. `表三（收到和处理政府信息公开申请情况）`.
    pub fn title(self) -> (&'static str, &'static str) {
        let s = self.spec();
        (s.title_zh, s.title_en)
    }

    /// The row of this table whose canonical key part is `key` and which has a column `col`
    /// (`""` for 表二's single-column rows): 表二's 2021 and 2019 rows share row keys
    /// (`reg`, `fee` …) but not columns.
    fn find(self, key: &str, col: &str) -> Option<CellKey> {
        self.rows()
            .iter()
            .filter(|r| r.key == key)
            .find_map(|r| r.cols.iter().find(|c| c.key == col).map(|c| r.cell(c.id)))
    }
}

/// A row of a table: the index of its spec in [`Table::rows`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowId(pub(super) u8);

impl RowId {
    pub const fn index(self) -> usize {
        self.0 as usize
    }
}

/// A column of a row: the index of its spec in [`RowSpec::cols`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ColId(pub(super) u8);

impl ColId {
    pub const fn index(self) -> usize {
        self.0 as usize
    }
}

/// One cell of the national tables. Ordered by table, then row, then column: the order of
/// the template.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellKey {
    pub table: Table,
    pub row: RowId,
    pub col: ColId,
}

impl CellKey {
    /// The cell at row `row`, column `col` (indices of the specs) of `table`, if there is one.
    pub(crate) fn at(table: Table, row: usize, col: usize) -> Option<CellKey> {
        let row = table.row_at(row)?;
        let id = u8::try_from(col).ok()?;
        (col < table.row(row).cols.len()).then_some(CellKey {
            table,
            row,
            col: ColId(id),
        })
    }

    /// The spec of the cell's row.
    pub fn row_spec(self) -> &'static RowSpec {
        self.table.row(self.row)
    }

    /// The spec of the cell's column.
    pub fn col_spec(self) -> &'static ColSpec {
        &self.row_spec().cols[self.col.index()]
    }

    /// What kind of value the cell holds.
    pub fn kind(self) -> ColKind {
        self.col_spec().kind
    }

    /// Every cell of both national formats, in template order (表二 of 2021, 表二 of 2019,
    /// 表三 with the rows of both formats, 表四): the columns of a wide table of reports.
    pub fn all() -> impl Iterator<Item = CellKey> {
        Table::ALL
            .iter()
            .flat_map(|t| t.rows())
            .flat_map(|r| r.cells())
    }
}

impl CellKey {
    /// The key as text (`T3.R1.C7`), as `to_string` gives it, built from its pieces without the
    /// formatting machinery: the contract writes a key for every cell of every report.
    pub fn text(&self) -> String {
        let (table, row, col) = (
            self.table.as_str(),
            self.row_spec().key,
            self.col_spec().key,
        );
        let mut s = String::with_capacity(table.len() + row.len() + col.len() + 2);
        s.push_str(table);
        s.push('.');
        s.push_str(row);
        if !col.is_empty() {
            s.push('.');
            s.push_str(col);
        }
        s
    }
}

impl fmt::Display for CellKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl fmt::Debug for CellKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A string that is not the canonical key of a cell of the national formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownKey;

impl fmt::Display for UnknownKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a cell key of the national formats")
    }
}

impl std::error::Error for UnknownKey {}

impl FromStr for CellKey {
    type Err = UnknownKey;

    /// Parses a canonical key (`T3.R1.C7`, `T2.licensing`, `T2.fee.prev`).
    fn from_str(s: &str) -> Result<CellKey, UnknownKey> {
        let mut parts = s.splitn(3, '.');
        let table = match parts.next() {
            Some("T2") => Table::T2,
            Some("T3") => Table::T3,
            Some("T4") => Table::T4,
            _ => return Err(UnknownKey),
        };
        let row = parts.next().ok_or(UnknownKey)?;
        let col = parts.next().unwrap_or("");
        if col.is_empty() && s.ends_with('.') {
            return Err(UnknownKey);
        }
        table.find(row, col).ok_or(UnknownKey)
    }
}

/// Comparison with the canonical string, for tests and the shells' boundary
/// (`assert_eq!(finding.cells, ["T3.R2.C1"])`).
impl PartialEq<str> for CellKey {
    fn eq(&self, other: &str) -> bool {
        other.parse::<CellKey>() == Ok(*self)
    }
}

impl PartialEq<&str> for CellKey {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl PartialEq<String> for CellKey {
    fn eq(&self, other: &String) -> bool {
        *self == **other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{t2, t3, t4};

    /// Every cell of every table, in template order.
    fn every_key() -> Vec<CellKey> {
        CellKey::all().collect()
    }

    #[test]
    fn every_key_round_trips_through_its_canonical_string() {
        let keys = every_key();
        // 表二: 2021 (3+3+1+1+1+1) and 2019 (3+3+3+3+3+3+2+2); 表三: 26 rows × 7; 表四: 3 × 5.
        assert_eq!(keys.len(), 10 + 22 + 26 * 7 + 15);
        for k in &keys {
            let s = k.to_string();
            assert_eq!(s.parse::<CellKey>(), Ok(*k), "{s}");
            assert_eq!(format!("{k:?}"), s);
        }
        let mut strings: Vec<String> = keys.iter().map(ToString::to_string).collect();
        strings.sort();
        strings.dedup();
        assert_eq!(strings.len(), keys.len(), "two cells share a key");
    }

    #[test]
    fn canonical_strings_are_those_of_the_contract() {
        let s = |k: CellKey| k.to_string();
        assert_eq!(s(t3::cell(t3::R1, t3::C7)), "T3.R1.C7");
        assert_eq!(s(t3::cell(t3::R3F, t3::C2)), "T3.R3f.C2");
        assert_eq!(s(t3::cell(t3::R3C2, t3::C1)), "T3.R3c2.C1");
        assert_eq!(s(t4::cell(t4::RV, t4::TOTAL)), "T4.RV.t");
        assert_eq!(s(t4::cell(t4::LR, t4::UPHELD)), "T4.LR.m");
        assert_eq!(s(t2::cell(t2::NORM, t2::VALID)), "T2.norm.valid");
        assert_eq!(s(t2::cell(t2::LICENSING, ColId(0))), "T2.licensing");
        assert_eq!(s(t2::cell(t2::FEE, ColId(0))), "T2.fee");
        assert_eq!(
            s(t2::cell(t2::LICENSING_2019, ColId(0))),
            "T2.licensing.prev"
        );
        assert_eq!(
            s(t2::cell(t2::PROCUREMENT, ColId(1))),
            "T2.procurement.amount"
        );
        for k in [
            "T3.R1.C7",
            "T3.R3f.C2",
            "T4.RV.t",
            "T2.norm.valid",
            "T2.licensing",
            "T2.fee",
            "T2.licensing.prev",
            "T2.procurement.amount",
            "T2.reg.new_made",
            "T2.fee.delta",
            "T2.other_services.decisions",
        ] {
            let key: CellKey = k.parse().unwrap_or_else(|_| panic!("{k}"));
            assert_eq!(key.to_string(), k);
            assert!(key == k);
        }
    }

    #[test]
    fn strings_that_name_no_cell_are_refused() {
        for k in [
            "",
            "T3",
            "T3.",
            "T3.R1",
            "T3.R1.",
            "T3.R1.C",
            "T3.R1.C8",
            "T3.R9.C1",
            "T3.R1.C1.x",
            "T4.RV",
            "T4.RV.u",
            "T5.x.y",
            "T2.reg",
            "T2.reg.prev",
            "T2.licensing.",
            "T2.licensing.made",
            "T2.fee.decisions",
            "t3.R1.C1",
        ] {
            assert_eq!(k.parse::<CellKey>(), Err(UnknownKey), "{k}");
        }
    }

    #[test]
    fn keys_sort_in_template_order() {
        let keys = every_key();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(sorted, keys);
        assert!(t2::cell(t2::PROCUREMENT, ColId(1)) < t3::cell(t3::R1, t3::C1));
        assert!(t3::cell(t3::R3F3, t3::C7) < t3::cell(t3::R3F, t3::C1));
        assert!(t3::cell(t3::R4, t3::C7) < t4::cell(t4::RV, t4::UPHELD));
    }
}
