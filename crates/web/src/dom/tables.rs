//! 表二 (`#t2`), 表三 (`#t3`) and 表四 (`#t4`) in the national layout, and the 表三 identity
//! (`#identity`). A data cell is `td[data-key][data-state][tabindex=-1]` with its value in
//! `.v`; a marked cell adds `data-mark`, `data-severity`, a badge and `.sr-only` text — never
//! colour alone.

use nianbao_core::format::t4;
use nianbao_core::Lang;
use web_sys::Element;

use super::{add, t, Draw, NO};
use crate::view::{CellView, ReportView, RowGroups, RowView, T2Block, TableView};

/// A data cell: `td[data-key][data-state]`, with `data-mark`, a badge and hidden text when
/// a finding names it. The value is the first child (`.v`).
fn td(doc: &Draw, tr: &Element, c: &CellView, colspan: usize, lang: Lang) {
    let mut class = c.kind.as_str().to_string();
    if let Some(m) = c.mark {
        class.push_str(" hl hl-");
        class.push_str(m.code());
    }
    let span = colspan.to_string();
    let key = c.key.text();
    let td = add(
        doc,
        tr,
        "td",
        &[
            ("data-key", &key),
            ("title", &key),
            ("data-state", c.kind.as_str()),
            ("tabindex", "-1"),
            ("class", &class),
            if colspan > 1 { ("colspan", &span) } else { NO },
            c.mark.map_or(NO, |m| ("data-mark", m.code())),
            c.mark.map_or(NO, |m| ("data-severity", m.severity)),
        ],
        "",
    );
    add(doc, &td, "span", &[("class", "v")], &c.text);
    if let Some(m) = c.mark {
        add(
            doc,
            &td,
            "span",
            &[("class", "badge"), ("aria-hidden", "true")],
            m.badge(),
        );
        add(doc, &td, "span", &[("class", "sr-only")], m.label(lang));
    }
}

fn th(doc: &Draw, tr: &Element, text: &str, attrs: &[(&str, &str)]) -> Element {
    add(doc, tr, "th", attrs, text)
}

/// `<div class="table-wrap"><table id=id class="grid national">` in `parent`: the table.
fn national(doc: &Draw, parent: &Element, id: &str) -> Element {
    let wrap = add(doc, parent, "div", &[("class", "table-wrap")], "");
    add(
        doc,
        &wrap,
        "table",
        &[("id", id), ("class", "grid national")],
        "",
    )
}

/// `<thead>` with three rows in `table`: the rows.
fn head_rows(doc: &Draw, table: &Element) -> [Element; 3] {
    let head = add(doc, table, "thead", &[], "");
    [
        add(doc, &head, "tr", &[], ""),
        add(doc, &head, "tr", &[], ""),
        add(doc, &head, "tr", &[], ""),
    ]
}

/// 表二 in the national layout: 4 grid columns, a caption row per 第二十条 item, a heading
/// row (`信息内容` + the columns) and the rows; single-value rows span the 3 value columns.
pub(super) fn t2_table(doc: &Draw, parent: &Element, blocks: &[T2Block], lang: Lang) {
    let table = national(doc, parent, "t2");
    let body = add(doc, &table, "tbody", &[], "");
    let width = blocks.iter().map(|b| b.cols.len()).max().unwrap_or(3);
    // The last of `n` columns spans what is left of the width.
    let span = |i: usize, n: usize| if i + 1 == n { width - n + 1 } else { 1 };
    for b in blocks {
        let tr = add(doc, &body, "tr", &[("class", "caption")], "");
        th(
            doc,
            &tr,
            b.caption,
            &[("colspan", &(width + 1).to_string()), ("scope", "colgroup")],
        );
        let tr = add(doc, &body, "tr", &[("class", "head")], "");
        th(doc, &tr, t(lang, "信息内容", "Item"), &[("scope", "col")]);
        for (i, (zh, en)) in b.cols.iter().enumerate() {
            let colspan = span(i, b.cols.len()).to_string();
            th(
                doc,
                &tr,
                t(lang, zh, en),
                &[("scope", "col"), ("colspan", &colspan)],
            );
        }
        for (zh, en, cells) in &b.rows {
            let tr = add(doc, &body, "tr", &[], "");
            th(doc, &tr, t(lang, zh, en), &[("scope", "row")]);
            for (i, c) in cells.iter().enumerate() {
                td(doc, &tr, c, span(i, cells.len()), lang);
            }
        }
    }
}

/// 表四 in the national layout: 行政复议 (5) and 行政诉讼 (10: 未经复议直接起诉, 复议后起诉).
pub(super) fn t4_table(doc: &Draw, parent: &Element, cells: &[CellView], lang: Lang) {
    let table = national(doc, parent, "t4");
    let [r1, r2, r3] = head_rows(doc, &table);
    let rv = &t4::ROWS[0];
    th(
        doc,
        &r1,
        t(lang, rv.label_zh, rv.label_en),
        &[
            ("colspan", "5"),
            ("scope", "colgroup"),
            ("data-group", rv.key),
        ],
    );
    th(
        doc,
        &r1,
        t(lang, "行政诉讼", "administrative litigation"),
        &[("colspan", "10"), ("scope", "colgroup")],
    );
    for c in t4::COLS {
        th(
            doc,
            &r2,
            t(lang, c.label_zh, c.label_en),
            &[
                ("rowspan", "2"),
                ("scope", "col"),
                ("data-col", &format!("RV.{}", c.key)),
            ],
        );
    }
    for g in &t4::ROWS[1..] {
        th(
            doc,
            &r2,
            t(lang, g.short_zh, g.label_en),
            &[
                ("colspan", "5"),
                ("scope", "colgroup"),
                ("data-group", g.key),
            ],
        );
        for c in t4::COLS {
            th(
                doc,
                &r3,
                t(lang, c.label_zh, c.label_en),
                &[
                    ("scope", "col"),
                    ("data-col", &format!("{}.{}", g.key, c.key)),
                ],
            );
        }
    }
    let tr = add(doc, &add(doc, &table, "tbody", &[], ""), "tr", &[], "");
    for c in cells {
        td(doc, &tr, c, 1, lang);
    }
}

/// 表三 in the national layout: a 3-column label area (三、本年度办理结果 and its sub-groups
/// as rowspans), the 申请人情况 header over 自然人 / 法人或其他组织 (5) / 总计.
pub(super) fn t3_table(doc: &Draw, parent: &Element, tv: &TableView, lang: Lang) {
    let table = national(doc, parent, "t3");
    t3_head(doc, &table, tv, lang);
    t3_body(doc, &table, tv, lang);
}

fn t3_head(doc: &Draw, table: &Element, tv: &TableView, lang: Lang) {
    let [r1, r2, r3] = head_rows(doc, table);
    th(
        doc,
        &r1,
        t(
            lang,
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "(in each column: item 1 + item 2 = item 3 + item 4)",
        ),
        &[("colspan", "3"), ("rowspan", "3"), ("class", "corner")],
    );
    th(
        doc,
        &r1,
        t(lang, "申请人情况", "Applicants"),
        &[("colspan", "7"), ("scope", "colgroup")],
    );
    if tv.cols.len() != 7 {
        return;
    }
    let label = |i: usize| t(lang, tv.cols[i].1, tv.cols_en.get(i).copied().unwrap_or(""));
    th(
        doc,
        &r2,
        label(0),
        &[
            ("rowspan", "2"),
            ("scope", "col"),
            ("data-col", tv.cols[0].0),
        ],
    );
    th(
        doc,
        &r2,
        t(
            lang,
            "法人或其他组织",
            "legal persons and other organisations",
        ),
        &[("colspan", "5"), ("scope", "colgroup")],
    );
    th(
        doc,
        &r2,
        label(6),
        &[
            ("rowspan", "2"),
            ("scope", "col"),
            ("data-col", tv.cols[6].0),
        ],
    );
    for i in 1..6 {
        th(
            doc,
            &r3,
            label(i),
            &[("scope", "col"), ("data-col", tv.cols[i].0)],
        );
    }
}

/// The rows of 表三, each group heading (三、本年度办理结果 and its sub-groups) as a `th`
/// spanning its rows in the first row it covers.
fn t3_body(doc: &Draw, table: &Element, tv: &TableView, lang: Lang) {
    let groups = tv.row_groups();
    // How many rows from `i` on have the same heading.
    let run = |i: usize, heading: fn(&RowGroups) -> Option<&'static str>| {
        let h = heading(&groups[i]);
        let first = i == 0 || heading(&groups[i - 1]) != h;
        let n = groups[i..].iter().take_while(|g| heading(g) == h).count();
        h.filter(|_| first).map(|h| (h, n))
    };
    let body = add(doc, table, "tbody", &[], "");
    let rows = tv.rows.iter().filter_map(|r| match r {
        RowView::Row {
            key,
            label,
            label_en,
            found,
            cells,
            ..
        } => Some((*key, label, *label_en, *found, cells)),
        RowView::Group(_) => None,
    });
    for (i, (key, label_zh, label_en, found, cells)) in rows.enumerate() {
        let tr = add(doc, &body, "tr", &[("data-row", key)], "");
        let g = groups[i];
        if g.outer.is_some() {
            if let Some((o, n)) = run(i, |g| g.outer) {
                group_th(doc, &tr, o, n, lang);
            }
            if let Some((inner, n)) = run(i, |g| g.inner) {
                group_th(doc, &tr, inner, n, lang);
            }
        }
        let span = match (g.outer, g.inner) {
            (None, _) => "3",
            (Some(_), None) => "2",
            _ => "1",
        };
        let (class, title) = if found {
            (NO, NO)
        } else {
            (
                ("class", "not-found"),
                (
                    "title",
                    t(
                        lang,
                        "报告中未找到此行（显示的是国家模板的行名）",
                        "Row not found in the report (national label shown)",
                    ),
                ),
            )
        };
        th(
            doc,
            &tr,
            t(lang, label_zh, label_en),
            &[("scope", "row"), ("colspan", span), class, title],
        );
        for c in cells {
            td(doc, &tr, c, 1, lang);
        }
    }
}

/// A 表三 group heading (三、本年度办理结果, （三）不予公开 …) spanning its `rows`; in English
/// the core's English name of the group (the Chinese text when it has none).
fn group_th(doc: &Draw, tr: &Element, text: &str, rows: usize, lang: Lang) -> Element {
    let text = match lang {
        Lang::Zh => text,
        Lang::En => nianbao_core::format::group_en(text).unwrap_or(text),
    };
    th(
        doc,
        tr,
        text,
        &[
            ("rowspan", &rows.to_string()),
            ("scope", "rowgroup"),
            ("class", "group"),
        ],
    )
}

/// The 表三 identity 一 + 二 = 三（七）+ 四 per column: `#identity
/// tr[data-col][data-outcome][data-left][data-right]`.
pub(super) fn identity(doc: &Draw, parent: &Element, r: &ReportView, heading: &str) {
    add(
        doc,
        parent,
        heading,
        &[],
        "表三勾稽关系：一 + 二 = 三（七）+ 四",
    );
    let table = add(
        doc,
        parent,
        "table",
        &[("id", "identity"), ("class", "identity")],
        "",
    );
    let head = add(doc, &add(doc, &table, "thead", &[], ""), "tr", &[], "");
    for t in ["列", "一 + 二", "三（七）+ 四", "结果"] {
        add(doc, &head, "th", &[("scope", "col")], t);
    }
    let body = add(doc, &table, "tbody", &[], "");
    if r.identity.is_empty() {
        let tr = add(doc, &body, "tr", &[], "");
        add(
            doc,
            &tr,
            "td",
            &[("colspan", "4"), ("class", "not-found")],
            "未能核对（没有读到表三）。",
        );
    }
    for i in &r.identity {
        let left = i.left.as_deref().unwrap_or("—");
        let right = i.right.as_deref().unwrap_or("—");
        let tr = add(
            doc,
            &body,
            "tr",
            &[
                ("data-col", i.col),
                ("data-outcome", i.outcome),
                ("data-left", i.left.as_deref().unwrap_or("")),
                ("data-right", i.right.as_deref().unwrap_or("")),
                ("class", &format!("outcome-{}", i.outcome)),
            ],
            "",
        );
        add(doc, &tr, "th", &[("scope", "row")], &i.col_zh);
        add(doc, &tr, "td", &[("class", "num")], left);
        add(doc, &tr, "td", &[("class", "num")], right);
        let (sign, relation) = match i.outcome {
            "pass" => ("✓ ", "="),
            "fail" => ("✗ ", "≠"),
            _ => ("? ", "="),
        };
        add(
            doc,
            &tr,
            "td",
            &[("class", "outcome")],
            &format!("{sign}{left} {relation} {right}：{}", i.outcome_zh()),
        );
    }
}
