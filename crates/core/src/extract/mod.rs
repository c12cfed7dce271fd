//! The extraction floor: a [`Document`] from any reader becomes a [`Report`], with reading
//! notes on what could not be read. It builds no finding: the rules turn the notes into
//! findings.
//!
//! Handles what people get when they copy a report out of Word, WPS, a web page or a PDF:
//! tab-separated cells whose positions shift with merged cells, whitespace-separated
//! cells, full-width digits, thousands separators, page furniture around the tables, labels
//! wrapped around their numbers, cells run together. The words of the formats (headers,
//! labels, groups) come from [`crate::format`].
//!
//! The pipeline, one module a step:
//! 1. `lines`: the document's blocks as `lines::Line`s of cells or tokens, each folded
//!    once.
//! 2. `outline`: title, issuing body, year, sections, which 表二 header words are there.
//! 3. `tables`: the lines in order (`stream`), each row offered to the reader of the
//!    table whose region it is in (表二, 表三, 表四); rows found by label, never by position.
//!    What they read goes into the `builder`.
//! 4. `concat`: the second strategy, for tables whose header is there but of which no row
//!    was read: page text whose cells ran together, recovered where the identities allow.
//! 5. The format the report follows (from the rows read), the status, the [`Report`].
//!
//! Reading never fails as a whole: it returns what it could read, with notes on what it
//! could not.

mod builder;
mod cell;
mod concat;
mod lines;
mod outline;
mod stream;
mod tables;

use crate::format::Table;
use crate::model::{Note, ReadStatus, Report, RowRead};
use crate::readers::Document;
use crate::text::trim_wide;
use builder::ReportBuilder;
use outline::Outline;

/// Builds the report from a document of any reader.
pub fn read(doc: &Document) -> Report {
    let lines = lines::lines(doc);
    let all = lines::fold_all(&lines);
    let outline = Outline::read(&lines, &all, doc.text.len());
    let mut b = ReportBuilder::default();
    tables::read(&lines, &outline, &mut b);
    let tables_seen: Vec<Table> = Table::ALL
        .into_iter()
        .filter(|t| t.spec().seen.found_in(&all))
        .collect();
    // Tables whose header is there but of which the line readers read nothing: page text
    // whose cells ran together.
    let unread = b.unread(&tables_seen);
    if !unread.is_empty() {
        b.recovered(concat::recover(&lines, outline.t2_format(), &unread));
    }
    let format = outline.format(b.rows(), &all);
    let status = status(&outline, b.rows(), &doc.text);
    let mut report = b.finish(outline, format, tables_seen, status);
    // What the reader left out comes first: it bears on everything the notes after it say.
    let omitted = doc.omitted.iter().map(|&o| Note::Incomplete(o));
    report.notes.splice(0..0, omitted);
    report
}

/// Whether the input was read as a report: it was if it has a row, a section or a title.
fn status(outline: &Outline, rows: &[RowRead], input: &str) -> ReadStatus {
    if !rows.is_empty() || !outline.sections.is_empty() || outline.title.is_some() {
        ReadStatus::Ok
    } else if trim_wide(input).is_empty() {
        ReadStatus::empty_input()
    } else {
        ReadStatus::not_a_report()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds the report from plain text (the spans index into `input`).
    fn read_text(input: &str) -> Report {
        read(&crate::readers::plain::read(input))
    }

    #[test]
    fn title_wrapped_over_two_lines_names_the_body() {
        let title = |text: &str| {
            let r = read_text(text);
            (r.title, r.year, r.agency)
        };
        // The break inside the title (PDF text); a sentence mentioning the annual report and
        // the regulation below it is not the title.
        let (t, y, a) = title(
            "正文\n2025 年上海市人民政府办公厅政府信息公开\n工作年度报告\n\
             本年度报告根据《中华人民共和国政府信息公开条例》（以\n一、总体情况\n",
        );
        assert_eq!(
            t.as_deref(),
            Some("2025年上海市人民政府办公厅政府信息公开工作年度报告")
        );
        assert_eq!(
            (y, a.as_deref()),
            (Some(2025), Some("上海市人民政府办公厅"))
        );
        let (_, y, a) = title("2024 年某市某局政府信息\n公开工作年度报告\n一、总体情况\n");
        assert_eq!((y, a.as_deref()), (Some(2024), Some("某市某局")));
        // The body on its own line above a whole title.
        let (t, y, a) = title("某市人民政府\n2024年政府信息公开工作年度报告\n一、总体情况\n");
        assert_eq!(
            t.as_deref(),
            Some("某市人民政府2024年政府信息公开工作年度报告")
        );
        assert_eq!((y, a.as_deref()), (Some(2024), Some("某市人民政府")));
        // No title at all: nothing is made up from a sentence.
        let (t, y, a) =
            title("本年度报告根据《条例》编制，信息公开工作年度报告全文如下。\n一、总体情况\n");
        assert_eq!((t, y, a), (None, None, None));
    }

    /// The cells of `r` under `keys`, as written (`-` when not read).
    fn raw(r: &Report, keys: &[&str]) -> Vec<String> {
        keys.iter()
            .map(|k| {
                let key: crate::format::CellKey = k.parse().unwrap();
                r.cell(key).map_or("-".into(), |c| c.raw.clone())
            })
            .collect()
    }

    #[test]
    fn pdf_text_labels_wrapped_around_numbers_and_one_value_per_line() {
        let r = read_text(
            "二、主动公开政府信息情况\n规章\n5\n-3-\n1\n7\n\
             三、收到和处理政府信息公开申请情况\n（三）不予公开\n1.属于国家\n1 0 0 0 0 0 1\n秘密\n\
             2.其他法律行政法规禁止公开\n2\n0\n0\n0\n0\n0\n2\n4.保护第三方合法权益 3 0 0 0 0 0 3\n",
        );
        // 表二: the label on the line above, the values one per line across a page number.
        let t2 = ["T2.reg.made", "T2.reg.repealed", "T2.reg.valid"];
        assert_eq!(raw(&r, &t2), ["5", "1", "7"]);
        // 表三: a label wrapped above and below its numbers (the line below is taken), then a
        // label above numbers one per line, then an ordinary row.
        let row = r.row(Table::T3, crate::format::t3::R3C1).unwrap();
        assert_eq!(row.label, "（三）不予公开1.属于国家秘密");
        assert_eq!(raw(&r, &["T3.R3c1.C1", "T3.R3c1.C7"]), ["1", "1"]);
        assert_eq!(
            raw(&r, &["T3.R3c2.C1", "T3.R3c2.C6", "T3.R3c2.C7"]),
            ["2", "0", "2"]
        );
        assert_eq!(raw(&r, &["T3.R3c4.C1", "T3.R3c4.C7"]), ["3", "3"]);
        assert!(r.notes.is_empty(), "{:?}", r.notes);
    }
}
