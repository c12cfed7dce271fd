//! Cells as read, and the report's storage of them.

use super::Span;
use crate::format::{CellKey, Table};
use crate::num::Num;
use std::iter::Flatten;

/// The state of one table cell, exactly as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellValue {
    /// A number as printed (integer, or decimal for money).
    Number(Num),
    /// Nothing was written in the cell.
    Blank,
    /// A placeholder such as `/`, `—`, `-`, `无`, `N/A`, `不适用` (the text as printed).
    Placeholder(String),
    /// Something that is neither a number nor a known placeholder (`12件`, `251000元`, `约5`).
    Text(String),
}

impl CellValue {
    pub fn number(&self) -> Option<Num> {
        match self {
            CellValue::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// `251000元`, `12件`, `3.5万元`: a number followed by a short unit. A cell holding one is
/// text, never a number (nothing is repaired), but a format slip the reader can see through.
pub fn number_with_unit(text: &str) -> bool {
    let f = crate::text::fold(text);
    let end = f
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '-'))
        .map_or(f.len(), |(i, _)| i);
    if end == 0 {
        return false;
    }
    let unit = &f[end..];
    let n = unit.chars().count();
    n > 0 && n <= 2 && UNITS.contains(&unit)
}

/// Units a number may be written with in a cell (`12件`, `251000元`).
const UNITS: &[&str] = &["件", "元", "万元", "个", "条", "项", "次", "人", "%"];

/// One cell read from a table, under its key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub key: CellKey,
    pub value: CellValue,
    /// The cell text as it stood in the input (trimmed).
    pub raw: String,
    /// Where the cell text stands in the input; `None` for a cell that was empty in the source.
    pub span: Option<Span>,
}

/// The cells of a report, per table in dense storage indexed by (row, column): lookup by key
/// is an index, iteration is in template order (表二, 表三, 表四; rows and columns in the
/// national order).
#[derive(Clone, Debug, Default)]
pub struct CellStore {
    /// Per table ([`Table::ALL`] order): `rows × width` slots, allocated on the first cell.
    tables: [Vec<Option<Cell>>; 3],
    len: usize,
}

fn slot(key: CellKey) -> usize {
    key.row.index() * key.table.spec().width + key.col.index()
}

impl CellStore {
    /// Where `key`'s cell is kept in its table's slots ([`CellStore::slots`]): for code that
    /// looks up the same keys in every report (the arithmetic identities), computed once.
    pub(crate) fn slot_of(key: CellKey) -> usize {
        slot(key)
    }

    /// A table's slots (empty when it has no cell), indexed by [`CellStore::slot_of`].
    pub(crate) fn slots(&self, table: Table) -> &[Option<Cell>] {
        &self.tables[table as usize]
    }

    /// Stores a cell; a cell already stored under its key is replaced (the last read wins)
    /// and returned.
    pub fn insert(&mut self, cell: Cell) -> Option<Cell> {
        let table = &mut self.tables[cell.key.table as usize];
        if table.is_empty() {
            let spec = cell.key.table.spec();
            table.resize_with(spec.rows.len() * spec.width, || None);
        }
        let old = table.get_mut(slot(cell.key))?.replace(cell);
        if old.is_none() {
            self.len += 1;
        }
        old
    }

    pub fn get(&self, key: CellKey) -> Option<&Cell> {
        self.tables[key.table as usize].get(slot(key))?.as_ref()
    }

    /// How many cells are stored.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every cell, in template order.
    pub fn iter(&self) -> Cells<'_> {
        self.tables.iter().flatten().flatten()
    }

    /// The cells of one table, in template order.
    pub fn of(&self, table: Table) -> impl Iterator<Item = &Cell> {
        self.tables[table as usize].iter().flatten()
    }
}

impl PartialEq for CellStore {
    fn eq(&self, other: &CellStore) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for CellStore {}

/// The cells of a [`CellStore`], in template order.
pub type Cells<'a> = Flatten<Flatten<std::slice::Iter<'a, Vec<Option<Cell>>>>>;

impl<'a> IntoIterator for &'a CellStore {
    type Item = &'a Cell;
    type IntoIter = Cells<'a>;

    fn into_iter(self) -> Cells<'a> {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{t2, t3, t4};

    fn cell(key: CellKey, n: i64) -> Cell {
        Cell {
            key,
            value: CellValue::Number(Num::int(n)),
            raw: n.to_string(),
            span: None,
        }
    }

    fn last_cell(row: crate::format::RowId) -> CellKey {
        Table::T2.row(row).cells().last().unwrap()
    }

    #[test]
    fn cells_are_found_by_key_and_listed_in_template_order() {
        let mut store = CellStore::default();
        let keys = [
            t4::cell(t4::LR, t4::TOTAL),
            t3::cell(t3::R1, t3::C2),
            t2::cell(t2::NORM, t2::MADE),
            t3::cell(t3::R1, t3::C1),
            last_cell(t2::PROCUREMENT),
            t3::cell(t3::R4, t3::C7),
        ];
        for (i, k) in keys.iter().enumerate() {
            assert!(store.insert(cell(*k, i as i64)).is_none());
        }
        assert_eq!(store.len(), keys.len());
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(
                store.get(*k).map(|c| &c.value),
                Some(&CellValue::Number(Num::int(i as i64)))
            );
        }
        let mut sorted = keys.to_vec();
        sorted.sort();
        assert_eq!(store.iter().map(|c| c.key).collect::<Vec<_>>(), sorted);
        assert_eq!(store.of(Table::T3).count(), 3);
        // The last read wins; the count stays.
        let old = store.insert(cell(keys[1], 40));
        assert_eq!(old.map(|c| c.raw), Some("1".to_string()));
        assert_eq!(store.len(), keys.len());
        assert_eq!(store.get(keys[1]).map(|c| c.raw.as_str()), Some("40"));
        assert!(store.get(t3::cell(t3::R2, t3::C1)).is_none());
        assert!(store.get(t4::cell(t4::RV, t4::UPHELD)).is_none());
    }
}
