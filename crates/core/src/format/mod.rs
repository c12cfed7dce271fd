//! The national report formats, as data: the only place that knows the formats' words.
//!
//! Everything the readers and the rules need to know about a format lives here: section
//! headings and their accepted variants ([`sections`]), the tables ([`t2`], [`t3`], [`t4`]):
//! their rows with accepted label keywords, groups, columns, which format uses which row, the
//! header words that mark a table's region and tell that a table is there; and the typed
//! identity of a cell ([`key`]). A provincial variant or a future revision is a change to
//! these tables, not to the code that reads them.

mod key;
pub mod sections;
pub mod t2;
pub mod t3;
pub mod t4;

use crate::text::Sig;
pub use key::{CellKey, ColId, RowId, Table, UnknownKey};
pub use sections::{section, SectionSpec, SECTIONS};

/// The report format detected from the tables and headings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum DetectedFormat {
    /// 国办公开办函〔2021〕30号.
    F2021,
    /// 2019 trial format (国办公开办函〔2019〕60号).
    F2019,
    /// 2021 tables except for a single 2019-style （六）其他处理 row.
    Mixed,
    /// A report on the structure used before 2019 (no 第二十条 tables).
    Pre2019,
    #[default]
    Unknown,
}

impl DetectedFormat {
    /// The contract string (`"2021"`, `"2019"`, `"mixed"`, `"pre2019"`, `"unknown"`).
    pub fn as_str(self) -> &'static str {
        match self {
            DetectedFormat::F2021 => "2021",
            DetectedFormat::F2019 => "2019",
            DetectedFormat::Mixed => "mixed",
            DetectedFormat::Pre2019 => "pre2019",
            DetectedFormat::Unknown => "unknown",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            DetectedFormat::F2021 => "2021年版格式（国办公开办函〔2021〕30号）",
            DetectedFormat::F2019 => "2019年试行格式（国办公开办函〔2019〕60号）",
            DetectedFormat::Mixed => "2021年版格式，但表三“（六）其他处理”仍为2019年的单行",
            DetectedFormat::Pre2019 => "2019年以前的旧格式",
            DetectedFormat::Unknown => "未能识别",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            DetectedFormat::F2021 => "2021 national format (国办公开办函〔2021〕30号)",
            DetectedFormat::F2019 => "2019 trial format (国办公开办函〔2019〕60号)",
            DetectedFormat::Mixed => "2021 format with the single 2019-style （六）其他处理 row",
            DetectedFormat::Pre2019 => "pre-2019 format",
            DetectedFormat::Unknown => "not recognised",
        }
    }
}

/// What kind of value a column holds (drives the cell-type rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColKind {
    /// A count of items: a non-negative integer.
    Count,
    /// An amount of money (万元 or 元): a non-negative decimal.
    Amount,
    /// A signed change (2019 `本年增/减`): an integer that may be negative.
    Delta,
}

#[derive(Debug, PartialEq, Eq)]
pub struct ColSpec {
    /// Its index in the row's columns.
    pub id: ColId,
    /// The column part of the canonical key (`C7`, `t`, `valid`; `""` for 表二's single-column rows).
    pub key: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub kind: ColKind,
    /// Words the report's prose uses for this column (`现行有效` for 现行有效件数), so a
    /// statement in the text can be tied to it.
    pub words: &'static [&'static str],
}

impl ColSpec {
    const fn new(
        id: u8,
        key: &'static str,
        label_zh: &'static str,
        label_en: &'static str,
    ) -> Self {
        ColSpec {
            id: ColId(id),
            key,
            label_zh,
            label_en,
            kind: ColKind::Count,
            words: &[],
        }
    }

    const fn kind(mut self, kind: ColKind) -> Self {
        self.kind = kind;
        self
    }

    const fn words(mut self, words: &'static [&'static str]) -> Self {
        self.words = words;
        self
    }
}

/// Which formats a row belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Era {
    Both,
    Only2021,
    Only2019,
}

/// A heading that rows sit under in the template: 表三's `（三）不予公开`, 表二's captions
/// `第二十条第（一）项`, 表四's `行政诉讼`.
#[derive(Debug, PartialEq, Eq)]
pub struct GroupSpec {
    /// The heading as the template writes it.
    pub heading_zh: &'static str,
    pub en: &'static str,
    /// Normalised words that identify the heading in a report (`不予公开`).
    pub keywords: &'static [&'static str],
    /// The group this one is part of (`三、本年度办理结果` for `（三）不予公开`).
    pub parent: Option<&'static GroupSpec>,
    /// The bytes all keywords have ([`Sig`]): labels without them are not compared.
    pub sig: Sig,
}

impl GroupSpec {
    pub const fn new(
        heading_zh: &'static str,
        en: &'static str,
        keywords: &'static [&'static str],
        parent: Option<&'static GroupSpec>,
    ) -> Self {
        GroupSpec {
            heading_zh,
            en,
            keywords,
            parent,
            sig: Sig::common(keywords),
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct RowSpec {
    pub table: Table,
    /// Its index in the table's rows.
    pub id: RowId,
    /// The row part of the canonical key (`R3c2`, `norm`, `RV`).
    pub key: &'static str,
    /// The label in the national template.
    pub label_zh: &'static str,
    pub label_en: &'static str,
    /// Short name for messages (`不予公开·属于国家秘密`).
    pub short_zh: &'static str,
    /// Normalised label text (see [`crate::text::norm_label`]) that identifies the row. The
    /// row matches when its normalised label contains any of these (or, with
    /// [`RowSpec::exact`], equals one of them).
    pub keys: &'static [&'static str],
    pub exact: bool,
    /// The label is a generic word that names this row only under its own group (`3.其他` is
    /// `R3f3` only under （六）其他处理).
    pub only_in_group: bool,
    /// The label is a group heading that carries its own numbers (the single 2019 row
    /// （六）其他处理): it names this row only as the last label of a line, not when an item
    /// label follows it.
    pub last_label_only: bool,
    /// The group heading the row sits under in the template.
    pub group: Option<&'static GroupSpec>,
    pub era: Era,
    /// Columns of this row (表二 rows differ; 表三/表四 rows share theirs).
    pub cols: &'static [ColSpec],
    /// The bytes all `keys` have ([`Sig`]): labels without them are not compared.
    pub sig: Sig,
}

impl RowSpec {
    /// A row of `table` matched by `keys`, with the label as short name, no group, in both formats.
    const fn new(
        table: Table,
        key: &'static str,
        label_zh: &'static str,
        label_en: &'static str,
        keys: &'static [&'static str],
        cols: &'static [ColSpec],
    ) -> Self {
        RowSpec {
            table,
            id: RowId(0),
            key,
            label_zh,
            label_en,
            short_zh: label_zh,
            keys,
            exact: false,
            only_in_group: false,
            last_label_only: false,
            group: None,
            era: Era::Both,
            cols,
            sig: Sig::common(keys),
        }
    }

    const fn id(mut self, id: RowId) -> Self {
        self.id = id;
        self
    }

    const fn short(mut self, short_zh: &'static str) -> Self {
        self.short_zh = short_zh;
        self
    }

    const fn exact(mut self) -> Self {
        self.exact = true;
        self
    }

    const fn only_in_group(mut self) -> Self {
        self.only_in_group = true;
        self
    }

    const fn last_label_only(mut self) -> Self {
        self.last_label_only = true;
        self
    }

    const fn group(mut self, group: &'static GroupSpec) -> Self {
        self.group = Some(group);
        self
    }

    const fn era(mut self, era: Era) -> Self {
        self.era = era;
        self
    }

    /// The key of this row's cell in column `col`.
    pub fn cell(&self, col: ColId) -> CellKey {
        CellKey {
            table: self.table,
            row: self.id,
            col,
        }
    }

    /// The keys of this row's cells, in column order.
    pub fn cells(&self) -> impl Iterator<Item = CellKey> + '_ {
        self.cols.iter().map(|c| self.cell(c.id))
    }

    /// Does the normalised label `norm` name this row (one of its keys, contained or equal)?
    pub fn matches(&self, norm: &str) -> bool {
        self.matches_sig(norm, Sig::of(norm))
    }

    /// [`RowSpec::matches`] with the label's signature computed once for every row tried.
    pub fn matches_sig(&self, norm: &str, sig: Sig) -> bool {
        if !sig.may_contain(self.sig) {
            false
        } else if self.exact {
            self.keys.contains(&norm)
        } else {
            self.keys.iter().any(|k| norm.contains(k))
        }
    }
}

/// Declares a table's rows: the static row list and one [`RowId`] constant per row, named
/// after the row, so that code names rows by constant and each id is its row's index.
macro_rules! rows {
    ($( $id:ident = $spec:expr ),* $(,)?) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms, dead_code)]
        #[repr(u8)]
        enum RowIndex { $($id),* }
        $( pub const $id: RowId = RowId(RowIndex::$id as u8); )*
        /// The table's rows, indexed by [`RowId`].
        pub static ROWS: &[RowSpec] = &[ $( $spec.id($id) ),* ];
    };
}
use rows;

/// Words that tell something about a line or a text: all of `all`, at least one of `any`
/// (when not empty) and none of `none`.
#[derive(Debug)]
pub struct Markers {
    pub all: &'static [&'static str],
    pub any: &'static [&'static str],
    pub none: &'static [&'static str],
    /// The bytes a text with these markers has ([`Sig`]: those of every `all` word and the
    /// ones the `any` words share).
    pub sig: Sig,
}

impl Markers {
    const fn new(
        all: &'static [&'static str],
        any: &'static [&'static str],
        none: &'static [&'static str],
    ) -> Self {
        let mut bits = Sig::common(any);
        let mut i = 0;
        while i < all.len() {
            bits = bits.and_all_of(Sig::of(all[i]));
            i += 1;
        }
        Markers {
            all,
            any,
            none,
            sig: bits,
        }
    }

    /// Markers met when the text contains one of `words`.
    const fn any(words: &'static [&'static str]) -> Self {
        Markers::new(&[], words, &[])
    }

    /// [`Markers::found_in`] for a text whose signature is `sig` (a line's, computed once).
    pub fn found_in_sig(&self, text: &str, sig: Sig) -> bool {
        sig.may_contain(self.sig) && self.found_in(text)
    }

    pub fn found_in(&self, text: &str) -> bool {
        self.all.iter().all(|w| text.contains(w))
            && (self.any.is_empty() || self.any.iter().any(|w| text.contains(w)))
            && !self.none.iter().any(|w| text.contains(w))
    }
}

/// A national table as data.
#[derive(Debug)]
pub struct TableSpec {
    pub table: Table,
    /// The short name (`表三`, `Table 3`).
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// The name in messages (`表三（收到和处理政府信息公开申请情况）`, `Table 3 (applications)`).
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// Every row of the table (表二: the 2021 rows, then the 2019 rows), indexed by [`RowId`].
    pub rows: &'static [RowSpec],
    /// The group headings of the table's rows.
    pub groups: &'static [&'static GroupSpec],
    /// A folded line with these words opens the table's region (a header row or caption).
    pub region: Markers,
    /// The whole folded text with these words has the table's header: a table that is there
    /// but whose rows could not be read is not missing.
    pub seen: Markers,
    /// The most columns of a row.
    pub width: usize,
}

impl TableSpec {
    /// The groups, most specific first (sub-groups before the groups they are part of), in
    /// template order otherwise: the order in which a label is matched against them.
    pub fn groups_specific_first(&self) -> impl Iterator<Item = &'static GroupSpec> {
        let groups = self.groups;
        let sub = groups.iter().filter(|g| g.parent.is_some());
        let top = groups.iter().filter(|g| g.parent.is_none());
        sub.chain(top).copied()
    }

    /// The group whose keyword a normalised label contains, most specific first.
    pub fn group_of(&self, norm: &str) -> Option<&'static GroupSpec> {
        let sig = Sig::of(norm);
        self.groups_specific_first()
            .find(|g| sig.may_contain(g.sig) && g.keywords.iter().any(|k| norm.contains(k)))
    }
}

/// 表三 rows of a format, in national order (the mixed format uses the single `R3f` row).
pub fn t3_rows(format: DetectedFormat) -> Vec<&'static RowSpec> {
    let single_f = matches!(format, DetectedFormat::F2019 | DetectedFormat::Mixed);
    t3::ROWS
        .iter()
        .filter(|r| match r.era {
            Era::Both => true,
            Era::Only2021 => !single_f,
            Era::Only2019 => single_f,
        })
        .collect()
}

/// 表二 rows of a format (2019 rows for the 2019 format, 2021 rows otherwise).
pub fn t2_rows(format: DetectedFormat) -> &'static [RowSpec] {
    if format == DetectedFormat::F2019 {
        t2::rows_2019()
    } else {
        t2::rows_2021()
    }
}

/// The English name of a 表三 group heading (`（三）不予公开` → `(3) Not disclosed`);
/// `None` for a text that is not one of 表三's group headings.
pub fn group_en(group_zh: &str) -> Option<&'static str> {
    t3::TABLE
        .groups
        .iter()
        .find(|g| g.heading_zh == group_zh)
        .map(|g| g.en)
}

/// A cell named in words, as the national format names it, for people (never the key):
/// `(zh, en)`, e.g. `T4.RV.t` → 表四“行政复议·总计” / Table 4 “administrative reconsideration:
/// total”; `T3.R3d1.C1` → 表三“（四）无法提供·1.本机关不掌握相关政府信息”行“自然人”列 / Table 3 row
/// “(4)1 Not held by this body”, column “natural persons”. 表三 rows carry their group heading;
/// labels are given in full.
pub fn cell_name(key: CellKey) -> (String, String) {
    let (r, c) = (key.row_spec(), key.col_spec());
    let (table_zh, table_en) = (key.table.spec().name_zh, key.table.spec().name_en);
    match key.table {
        Table::T4 => (
            format!("{table_zh}“{}·{}”", r.label_zh, c.label_zh),
            format!("{table_en} “{}: {}”", r.label_en, c.label_en),
        ),
        Table::T2 | Table::T3 => {
            let row_zh = match (key.table, r.group) {
                (Table::T3, Some(g)) => format!("{}·{}", g.heading_zh, r.label_zh),
                _ => r.label_zh.to_string(),
            };
            (
                format!("{table_zh}“{row_zh}”行“{}”列", c.label_zh),
                format!("{table_en} row “{}”, column “{}”", r.label_en, c.label_en),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_indices_of_the_data() {
        for table in Table::ALL {
            assert_eq!(table.spec().table, table);
            let mut width = 0;
            for (i, r) in table.rows().iter().enumerate() {
                assert_eq!((r.id.index(), r.table), (i, table), "{}", r.key);
                for (j, c) in r.cols.iter().enumerate() {
                    assert_eq!(c.id.index(), j, "{}.{}", r.key, c.key);
                }
                width = width.max(r.cols.len());
                if let Some(g) = r.group {
                    assert!(table.spec().groups.contains(&g), "{}", r.key);
                }
            }
            assert_eq!(table.spec().width, width, "{}", table.as_str());
        }
    }

    #[test]
    fn every_t3_group_heading_has_an_english_name() {
        for row in t3::ROWS {
            if let Some(g) = row.group {
                assert_eq!(group_en(g.heading_zh), Some(g.en));
            }
        }
        assert_eq!(group_en("（三）不予公开"), Some("(3) Not disclosed"));
        assert_eq!(
            group_en("三、本年度办理结果"),
            Some("III. Outcomes this year")
        );
        // The single 2019 row is named like its 2021 group.
        assert_eq!(group_en("（六）其他处理"), Some(t3::row(t3::R3F).label_en));
        assert_eq!(group_en("其他处理"), None);
    }

    #[test]
    fn groups_are_matched_most_specific_first() {
        let t3 = &t3::TABLE;
        let g = |norm: &str| t3.group_of(norm).map(|g| g.heading_zh);
        assert_eq!(g("不予公开"), Some("（三）不予公开"));
        assert_eq!(g("三、本年度办理结果(三)不予公开"), Some("（三）不予公开"));
        assert_eq!(g("本年度办理结果"), Some("三、本年度办理结果"));
        assert_eq!(g("其他处理"), Some("（六）其他处理"));
        assert_eq!(g("本年新收"), None);
        let order: Vec<&str> = t4::TABLE
            .rows
            .iter()
            .filter(|r| r.group.is_some())
            .chain(t4::TABLE.rows.iter().filter(|r| r.group.is_none()))
            .map(|r| r.key)
            .collect();
        assert_eq!(order, ["LD", "LR", "RV"]);
    }

    #[test]
    fn cells_are_named_in_words_in_full() {
        let name = |k: &str| cell_name(k.parse().unwrap_or_else(|_| panic!("{k}")));
        let zh = |k: &str| name(k).0;
        let en = |k: &str| name(k).1;
        assert_eq!(zh("T4.RV.t"), "表四“行政复议·总计”");
        assert_eq!(
            en("T4.RV.t"),
            "Table 4 “administrative reconsideration: total”"
        );
        assert_eq!(zh("T4.LR.m"), "表四“行政诉讼·复议后起诉·结果维持”");
        assert_eq!(
            zh("T3.R3d1.C1"),
            "表三“（四）无法提供·1.本机关不掌握相关政府信息”行“自然人”列"
        );
        assert_eq!(
            en("T3.R3d1.C1"),
            "Table 3 row “(4)1 Not held by this body”, column “natural persons”"
        );
        assert_eq!(
            zh("T3.R1.C7"),
            "表三“一、本年新收政府信息公开申请数量”行“总计”列"
        );
        // in full, never cut
        assert_eq!(
            zh("T3.R3b.C2"),
            "表三“三、本年度办理结果·（二）部分公开（区分处理的，只计这一情形，不计其他情形）”行“商业企业”列"
        );
        assert_eq!(
            zh("T2.norm.valid"),
            "表二“行政规范性文件”行“现行有效件数”列"
        );
        assert_eq!(
            zh("T2.fee"),
            "表二“行政事业性收费”行“本年收费金额（单位：万元）”列"
        );
        assert_eq!(
            en("T2.licensing.delta"),
            "Table 2 row “administrative licensing”, column “change this year”"
        );
        // every cell of every table has a name, and no name contains a key
        for table in Table::ALL {
            for k in table.rows().iter().flat_map(RowSpec::cells) {
                let (z, e) = cell_name(k);
                for n in [&z, &e] {
                    assert!(
                        !["T2.", "T3.", "T4."].iter().any(|t| n.contains(t)),
                        "{k}: {n}"
                    );
                }
            }
        }
    }
}
