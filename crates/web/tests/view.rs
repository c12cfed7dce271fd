//! The page's view model on the seed report, natively (`cargo test -p nianbao-web`).
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use nianbao_core::{CellKey, Group};
use nianbao_web::view::{self, CellKind, PageView, RowView};

/// A cell key from its canonical string.
fn key(s: &str) -> CellKey {
    s.parse().unwrap_or_else(|_| panic!("{s} is no cell key"))
}

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

fn report() -> Box<view::ReportView> {
    match view::build(SEED) {
        PageView::Report(r) => r,
        other => panic!("seed not read as a report: {other:?}"),
    }
}

#[test]
fn empty_input_asks_for_a_report() {
    assert_eq!(view::build(""), PageView::Empty);
    assert_eq!(view::build(" \n\t　"), PageView::Empty);
    assert!(view::EMPTY_ZH.starts_with("请先粘贴年度报告全文"));
}

#[test]
fn non_report_is_unreadable_with_both_languages() {
    match view::build("今天天气很好，我们去公园散步。") {
        PageView::Unreadable { zh, en } => assert!(!zh.is_empty() && !en.is_empty()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn seed_header_and_verdict() {
    let r = report();
    assert_eq!(r.agency.as_deref(), Some("洛阳市科学技术局"));
    assert_eq!(r.year, Some(2024));
    assert_eq!(r.format, "2021");
    // the seed's one slip, 等反面 (TEXT-TYPO), is a warning
    assert_eq!(r.verdict.code, "warn");
    assert!(r.verdict.line_zh().starts_with("有警告"));
}

#[test]
fn seed_identity_holds_in_all_seven_columns() {
    let r = report();
    let cols: Vec<_> = r.identity.iter().map(|i| i.col).collect();
    assert_eq!(cols, ["C1", "C2", "C3", "C4", "C5", "C6", "C7"]);
    for i in &r.identity {
        assert_eq!(
            (i.outcome, i.left.as_deref(), i.right.as_deref()),
            ("pass", Some("0"), Some("0"))
        );
    }
}

#[test]
fn seed_table_three_in_national_order_with_report_labels() {
    let r = report();
    let t3 = r.t3.as_ref().expect("table 3");
    assert_eq!(t3.cols.len(), 7);
    let rows: Vec<_> = t3
        .rows
        .iter()
        .filter_map(|row| match row {
            RowView::Row {
                key,
                label,
                found,
                cells,
                ..
            } => Some((*key, label.as_str(), *found, cells)),
            RowView::Group(_) => None,
        })
        .collect();
    assert_eq!(rows.first().map(|r| r.0), Some("R1"));
    assert_eq!(rows.last().map(|r| r.0), Some("R4"));
    assert!(rows.iter().all(|r| r.2), "every row of the seed is found");
    assert!(rows[0].1.contains("本年新收"));
    for (_, _, _, cells) in &rows {
        assert_eq!(cells.len(), 7);
        for c in cells.iter() {
            assert_eq!(
                (c.kind, c.text.as_str()),
                (CellKind::Number, "0"),
                "{}",
                c.key
            );
        }
    }
    assert_eq!(rows[0].3[0].key, "T3.R1.C1");
    let groups: Vec<_> = t3
        .rows
        .iter()
        .filter_map(|row| match row {
            RowView::Group(g) => Some(*g),
            RowView::Row { .. } => None,
        })
        .collect();
    assert_eq!(
        groups,
        [
            "三、本年度办理结果",
            "（三）不予公开",
            "（四）无法提供",
            "（五）不予处理",
            "（六）其他处理"
        ]
    );
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../../tests/fixtures/cases/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.split("==== expect ====").next().unwrap().to_string()
}

fn t3_cell(r: &view::ReportView, key: &str) -> view::CellView {
    r.t3.as_ref()
        .expect("table 3")
        .rows
        .iter()
        .filter_map(|row| match row {
            RowView::Row { cells, .. } => Some(cells),
            RowView::Group(_) => None,
        })
        .flatten()
        .find(|c| c.key == key)
        .unwrap_or_else(|| panic!("no cell {key}"))
        .clone()
}

#[test]
fn blank_cells_are_marked_blank_never_zero() {
    let PageView::Report(r) = view::build(&fixture("05_blank_total.txt")) else {
        panic!("not read");
    };
    for key in ["T3.R3a.C2", "T3.R3a.C7"] {
        let c = t3_cell(&r, key);
        assert_eq!(
            (c.kind, c.text.as_str()),
            (CellKind::Blank, view::BLANK_MARK),
            "{key}"
        );
    }
    assert_eq!(r.verdict.code, "fail");
}

#[test]
fn placeholders_are_shown_as_printed() {
    let PageView::Report(r) = view::build(&fixture("06_placeholders.txt")) else {
        panic!("not read");
    };
    let shown: Vec<_> = ["T3.R2.C1", "T3.R2.C2", "T3.R2.C3"]
        .iter()
        .map(|k| t3_cell(&r, k))
        .map(|c| (c.kind, c.text))
        .collect();
    assert_eq!(
        shown,
        [
            (CellKind::Placeholder, "/".to_string()),
            (CellKind::Placeholder, "—".to_string()),
            (CellKind::Placeholder, "无".to_string())
        ]
    );
    assert_eq!(r.identity[0].outcome, "not_assessable");
    assert_eq!(r.identity[0].outcome_zh(), "无法判断");
}

#[test]
fn missing_table_three_gives_no_grid() {
    let PageView::Report(r) = view::build(&fixture("16_table3_missing.txt")) else {
        panic!("not read");
    };
    assert!(r.t3.is_none());
}

// ---- Files and pastes -------------------------------------------------------------------

use nianbao_core::InputKind;
use view::{FileEntry, Source};

#[test]
fn file_bytes_go_through_check_bytes() {
    // text files are read in the first-load module (.docx and PDF: the reader module)
    let r = nianbao_web::read::text_bytes(SEED.as_bytes(), Some("seed.txt"));
    assert_eq!(r.checked.kind, InputKind::Text);
    assert_eq!(r.encoding, None);
    let e = FileEntry::new(
        "seed.txt",
        Some(r.checked.kind),
        r.encoding,
        view::from_checked(&r.checked),
    );
    assert_eq!((e.kind, e.verdict.code), ("text", "warn"));
    assert_eq!(
        e.summary_zh(),
        "文本 · 有警告（错误 0 项，警告 1 项，提示 0 项）"
    );
    assert_eq!(e.source().line_zh, "文件：seed.txt（文本）");
    assert_eq!(e.source().origin, "file");
}

#[test]
fn unreadable_files_are_listed_as_such() {
    let r = nianbao_web::read::text_bytes(&[0x89, b'P', b'N', b'G', 0, 0, 0, 13], Some("a.png"));
    assert_eq!(r.checked.kind, InputKind::Unreadable);
    let e = FileEntry::new(
        "a.png",
        Some(r.checked.kind),
        None,
        view::from_checked(&r.checked),
    );
    assert_eq!((e.kind, e.verdict.code), ("unreadable", "unreadable"));
    assert_eq!(e.summary_zh(), "无法识别的文件 · 无法读取");
    assert!(matches!(*e.view, PageView::Unreadable { .. }));
}

#[test]
fn legacy_encoding_is_named_in_the_kind() {
    let e = FileEntry::new(
        "gbk.txt",
        Some(InputKind::Text),
        Some(nianbao_web::read::LEGACY),
        view::build(SEED),
    );
    assert_eq!(e.kind_zh, "文本（GBK/GB18030 编码）");
    assert!(e
        .summary_zh()
        .starts_with("文本（GBK/GB18030 编码） · 有警告"));
}

#[test]
fn files_refused_unread_have_clear_messages() {
    let PageView::Unreadable { zh, en } = view::too_large(32.0 * 1024.0 * 1024.0 + 1.0) else {
        panic!()
    };
    assert!(
        zh.starts_with("文件过大（32.1 MB），超过 32 MB 的上限"),
        "{zh}"
    );
    assert!(en.contains("too large"), "{en}");
    let PageView::Unreadable { zh, .. } = view::too_large(100.0 * 1024.0 * 1024.0) else {
        panic!()
    };
    assert!(zh.starts_with("文件过大（100.0 MB）"), "{zh}");
    let PageView::Unreadable { zh, en } = view::empty_file() else {
        panic!()
    };
    assert!(zh.starts_with("文件是空的") && en.contains("empty"));
    let e = FileEntry::new("x.txt", None, None, view::empty_file());
    assert_eq!((e.kind, e.verdict.code), ("unreadable", "unreadable"));
    assert!(
        matches!(view::read_failed("NotReadableError"), PageView::Unreadable { zh, .. } if zh.contains("NotReadableError"))
    );
}

#[test]
fn paste_sources_say_what_was_checked() {
    let html = Source::paste(InputKind::Html, true, false);
    assert_eq!(
        (html.origin, html.kind, html.line_zh.as_str()),
        ("paste", "html", "来源：粘贴的网页/Word 表格格式（HTML）")
    );
    // the HTML reader refused the clipboard HTML: still named as what was pasted
    assert_eq!(
        Source::paste(InputKind::Unreadable, true, false).line_zh,
        html.line_zh
    );
    let back = Source::paste(InputKind::Text, false, true);
    assert_eq!(back.kind, "text");
    assert!(back.line_zh.contains("已按纯文本校验"));
    assert_eq!(
        Source::paste(InputKind::Text, false, false).line_zh,
        "来源：粘贴的文字"
    );
    assert_eq!(
        Source::paste(InputKind::Html, false, false).line_zh,
        "来源：粘贴的 HTML 源代码"
    );
}

#[test]
fn every_view_has_a_verdict_for_the_list() {
    assert_eq!(PageView::Empty.verdict().code, "unreadable");
    assert_eq!(view::build(SEED).verdict().text_zh, "有警告");
    for k in [
        InputKind::Text,
        InputKind::Html,
        InputKind::Docx,
        InputKind::Unreadable,
    ] {
        assert!(!view::kind_zh(k).is_empty());
    }
}

fn report_of(name: &str) -> Box<view::ReportView> {
    match view::from_checked(&nianbao_core::check_str(&fixture(name))) {
        PageView::Report(r) => r,
        other => panic!("{name} not read: {other:?}"),
    }
}

#[test]
fn seed_all_three_tables_in_national_layout_without_marks() {
    let r = report();
    // 表二, 2021: four 第二十条 captions, 10 cells
    let t2 = r.t2.as_ref().expect("table 2");
    let captions: Vec<_> = t2.iter().map(|b| b.caption).collect();
    assert_eq!(
        captions,
        [
            "第二十条第（一）项",
            "第二十条第（五）项",
            "第二十条第（六）项",
            "第二十条第（八）项"
        ]
    );
    let t2_keys: Vec<_> = t2
        .iter()
        .flat_map(|b| b.rows.iter().flat_map(|r| r.2.iter().map(|c| c.key)))
        .collect();
    assert_eq!(t2_keys.len(), 10);
    assert!(t2_keys.contains(&key("T2.reg.made")));
    assert!(t2_keys.contains(&key("T2.fee")));
    assert_eq!(t2[1].cols, [("本年处理决定数量", "decisions this year")]);
    // 表四: 15 cells RV, LD, LR × m c o p t
    let t4 = r.t4.as_ref().expect("table 4");
    assert_eq!(t4.len(), 15);
    assert_eq!(t4[0].key, "T4.RV.m");
    assert_eq!(t4[9].key, "T4.LD.t");
    assert_eq!(t4[14].key, "T4.LR.t");
    assert!(t4.iter().all(|c| c.kind == CellKind::Number));
    // no finding, no mark; every drawn key unique
    let all = r.all_cells();
    assert_eq!(all.len(), 10 + 25 * 7 + 15);
    assert!(all.iter().all(|c| c.mark.is_none()));
    let mut keys: Vec<_> = all.iter().map(|c| &c.key).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), all.len());
    // the seed's one finding is its slip 等反面, on the text, no cell
    let groups: Vec<_> = r.groups().iter().map(|g| (g.0, g.3.len())).collect();
    assert_eq!(groups, [("text", 1)]);
    assert!(!r.text.is_empty() && r.checked.is_some());
}

#[test]
fn t4_totals_zero_error_and_suspects_marked_distinctly() {
    let r = report_of("04_t4_totals_zero.txt");
    assert_eq!(r.verdict.code, "fail");
    let mark = |k: &str| r.cell(key(k)).unwrap_or_else(|| panic!("no {k}")).mark;
    // T4.RV.t is the localiser's suspect; the other RV cells are in the error
    let t = mark("T4.RV.t").expect("marked");
    assert_eq!((t.code(), t.severity, t.badge()), ("suspect", "error", "?"));
    let m = mark("T4.RV.m").expect("marked");
    assert_eq!((m.code(), m.badge()), ("error", "✗"));
    assert_ne!(
        t.label(nianbao_core::Lang::Zh),
        m.label(nianbao_core::Lang::Zh)
    );
    assert_eq!(mark("T4.LR.m").map(|m| m.code()), Some("suspect"));
    assert_eq!(mark("T4.LD.m"), None);
    assert_eq!(mark("T3.R1.C1"), None);
    // grouped under 表四
    let groups = r.groups();
    // and the seed's slip 等反面 under 正文
    assert_eq!(groups.len(), 2);
    assert_eq!((groups[0].0, groups[0].1), ("T4", "表四"));
    assert_eq!(groups[0].3.len(), 2);
    assert!(groups[0].3.iter().all(|f| f.rule == "T4-GROUP-TOTAL"));
    // both languages carry the group, the sum of the parts and the printed total
    let f = &groups[0].3[0];
    assert!(f.message.starts_with("表四“行政复议”："), "{}", f.message);
    assert!(
        f.message.contains("之和为11") && f.message.contains("“总计”为0"),
        "{}",
        f.message
    );
    assert!(f.message_en.starts_with("Table 4 “"), "{}", f.message_en);
    assert!(
        f.message_en.contains("= 11, but the total is 0"),
        "{}",
        f.message_en
    );
    assert_ne!(f.message, f.message_en);
}

#[test]
fn r1_c1_changed_suspect_in_table_three() {
    let r = report_of("02_r1_c1_changed.txt");
    let c = r.cell(key("T3.R1.C1")).expect("cell");
    assert_eq!((c.kind, c.text.as_str()), (CellKind::Number, "5"));
    assert_eq!(c.mark.map(|m| m.code()), Some("suspect"));
    // in the identity of column C1 and the row total of R1: errors, not suspects
    assert_eq!(
        r.cell(key("T3.R2.C1"))
            .and_then(|c| c.mark)
            .map(|m| m.code()),
        Some("error")
    );
    assert_eq!(
        r.cell(key("T3.R1.C7"))
            .and_then(|c| c.mark)
            .map(|m| m.code()),
        Some("error")
    );
    assert_eq!(r.cell(key("T3.R2.C2")).and_then(|c| c.mark), None);
    let groups: Vec<_> = r.groups().iter().map(|g| (g.0, g.3.len())).collect();
    assert_eq!(groups, [("T3", 2), ("text", 1)]);
}

#[test]
fn warnings_marked_as_warnings_and_blank_cells_as_errors() {
    let r = report_of("06_placeholders.txt");
    let c = r.cell(key("T3.R2.C1")).expect("cell");
    assert_eq!(c.kind, CellKind::Placeholder);
    let m = c.mark.expect("placeholder is in a finding");
    assert_eq!(m.severity, "warning");
    assert_eq!(m.badge(), if m.suspect { "?" } else { "!" });
    let r = report_of("05_blank_total.txt");
    let c = r.cell(key("T3.R3a.C2")).expect("cell");
    assert_eq!(c.kind, CellKind::Blank);
    assert!(c.mark.is_some(), "a blank cell is in a finding");
    assert!(r
        .all_cells()
        .iter()
        .any(|c| c.mark.map(|m| m.severity) == Some("error")));
}

#[test]
fn finding_groups_follow_the_fixed_order() {
    let codes: Vec<_> = view::GROUPS.iter().map(|g| g.code).collect();
    assert_eq!(codes, ["format", "T2", "T3", "T4", "text", "cross-year"]);
    // every fixture: each finding in exactly one group, groups in order
    for entry in std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/cases"
    ))
    .unwrap()
    {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let PageView::Report(r) = view::from_checked(&nianbao_core::check_str(&fixture(&name)))
        else {
            continue;
        };
        let groups = r.groups();
        assert_eq!(
            groups.iter().map(|g| g.3.len()).sum::<usize>(),
            r.findings.len(),
            "{name}"
        );
        // each under its rule's group: a table (the table of its cells), the prose (every
        // rule on the text, with cells or not), the structure
        for (code, _, _, fs) in &groups {
            for f in fs {
                let table = f.cells.first().map(|c| c.table.as_str());
                let group = nianbao_core::find_rule(&f.rule).expect("a rule").group;
                match *code {
                    "T2" | "T3" | "T4" => assert_eq!(table, Some(*code), "{name}"),
                    "text" => assert_eq!(group, Group::Text, "{name} {}", f.rule),
                    "cross-year" => assert_eq!(group, Group::CrossYear, "{name} {}", f.rule),
                    _ => assert!(
                        matches!(group, Group::Structure | Group::OfTable) && table.is_none()
                            || group == Group::Structure,
                        "{name} {}",
                        f.rule
                    ),
                }
            }
        }
        // text pieces cover the text exactly, marks where findings have spans
        let (pieces, of) = view::text_pieces(&r.text, &r.findings);
        let mut pos = 0;
        for (s, e, _) in &pieces {
            assert_eq!(*s, pos, "{name}");
            pos = *e;
        }
        assert_eq!(pos, r.text.len(), "{name}");
        for (i, f) in r.findings.iter().enumerate() {
            if f.span.is_some() {
                assert!(of[i].is_some(), "{name} {}", f.rule);
            }
        }
    }
}

#[test]
fn text_pieces_mark_spans_and_handle_overlaps() {
    let r = report_of("02_r1_c1_changed.txt");
    let mut f = r.findings[0].clone();
    let text = "甲乙丙丁戊";
    f.span = Some((3, 9)); // 乙丙
    let mut g = f.clone();
    g.span = Some((6, 12)); // 丙丁: overlaps, cut to 丁
    let mut bad = f.clone();
    bad.span = Some((1, 2)); // not on a char boundary: ignored
    let (pieces, of) = view::text_pieces(text, &[f, g, bad]);
    assert_eq!(
        pieces,
        [
            (0, 3, None),
            (3, 9, Some(0)),
            (9, 12, Some(1)),
            (12, 15, None)
        ]
    );
    assert_eq!(of, [Some(1), Some(2), None]);
}

#[test]
fn csv_has_a_bom_a_header_and_one_row_per_cell() {
    let c = nianbao_core::check_str(&fixture("05_blank_total.txt"));
    let csv = view::cells_csv(&c);
    assert!(csv.starts_with("\u{feff}cell,state,value\r\n"));
    let rows: Vec<_> = csv.trim_end().split("\r\n").skip(1).collect();
    assert_eq!(rows.len(), c.analysis.report.cells.len());
    assert!(rows.contains(&"T3.R3a.C2,blank,"));
    assert!(rows.contains(&"T3.R3a.C1,number,3"));
    let c = nianbao_core::check_str(&fixture("06_placeholders.txt"));
    let csv = view::cells_csv(&c);
    assert!(csv.contains("T3.R2.C1,placeholder,/\r\n"), "{csv}");
}

// Pairing with last year's report (与上年报告对比).

/// Last year's report of the seed's body: 2023, carrying 2 cases (自然人) into 2024, while
/// the seed says 0 were carried over: one CARRYOVER-MISMATCH on T3.R2.C1.
fn last_year() -> String {
    consistent_last_year().replacen(
        "四、结转下年度继续办理\t\t0",
        "四、结转下年度继续办理\t\t2",
        1,
    )
}

/// Last year's report that agrees with the seed: 19 normative documents in force, and this
/// year 19 + 2 made − 6 repealed = 15, as the seed says; nothing carried over.
fn consistent_last_year() -> String {
    SEED.replace("2024", "2023")
        .replace("行政规范性文件\t2\t6\t15", "行政规范性文件\t3\t1\t19")
}

fn last(name: &str, text: &str) -> view::LastReport {
    let e = FileEntry::read(name, None, nianbao_core::check_str(text));
    e.as_last(false).expect("a readable report")
}

#[test]
fn pairing_adds_the_cross_year_findings_to_the_view_and_the_verdict() {
    let this = nianbao_core::check_str(SEED);
    let l = last("2023.txt", &last_year());
    assert_eq!(view::pair_problem(&this, &l.checked.0, "2023.txt"), None);
    let (paired, v) = view::paired(&this, &l).expect("paired");
    let PageView::Report(r) = v else {
        panic!("a report")
    };
    // verdict and counts
    assert_eq!(r.verdict.code, "fail");
    assert_eq!(r.verdict.errors, 1);
    // the finding, under the cross-year group, on its cell, marked as the likely wrong cell
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "CARRYOVER-MISMATCH")
        .expect("a CARRYOVER-MISMATCH finding");
    assert_eq!((f.severity, f.group), ("error", "cross-year"));
    assert_eq!(f.cells, ["T3.R2.C1"]);
    assert!(f.message.contains("2023"), "{}", f.message);
    assert_eq!(
        t3_cell(&r, "T3.R2.C1").mark.map(|m| m.code()),
        Some("suspect")
    );
    // which report it was paired with
    let p = r.pair.as_ref().expect("pair");
    assert_eq!(
        (p.file.as_str(), p.year, p.auto, p.added, p.agency_unchecked),
        ("2023.txt", Some(2023), false, 1, false)
    );
    let (zh, en) = p.lines();
    assert!(
        zh.starts_with("已与上一年度报告对比：2023.txt（2023 年度）"),
        "{zh}"
    );
    assert!(
        en.starts_with("Compared with last year's report: 2023.txt (2023)"),
        "{en}"
    );
    // the exports are built from the paired result: the JSON has the finding
    assert!(Rc::ptr_eq(&r.checked.as_ref().unwrap().0, &paired));
    let dto = nianbao_contract::checked_dto(
        &paired,
        None,
        nianbao_core::Lang::Zh,
        nianbao_contract::SpanUnits::Chars,
    );
    assert_eq!(dto.verdict, "fail");
    assert!(dto.findings.iter().any(|f| f.rule == "CARRYOVER-MISMATCH"));
    // the original is untouched
    assert!(!this
        .analysis
        .findings
        .iter()
        .any(|f| f.rule == "CARRYOVER-MISMATCH"));
}

#[test]
fn consistent_years_pair_without_findings() {
    let this = nianbao_core::check_str(SEED);
    let l = last("2023.txt", &consistent_last_year());
    let (_, v) = view::paired(&this, &l).expect("paired");
    let PageView::Report(r) = v else { panic!() };
    // the seed's own slip (等反面) only
    assert_eq!(r.verdict.code, "warn", "{:?}", r.findings);
    assert_eq!(r.pair.map(|p| p.added), Some(0));
}

#[test]
fn pairing_refuses_other_years_other_bodies_and_unreadable_files() {
    let this = nianbao_core::check_str(SEED);
    let problem = |text: &str| {
        let c = nianbao_core::check_str(text);
        view::pair_problem(&this, &c, "x.txt").expect("refused")
    };
    // the same year
    let (zh, en) = problem(SEED);
    assert!(
        zh.contains("2024 年度的报告，不是上一年度（2023 年度）"),
        "{zh}"
    );
    assert!(
        en.contains("for 2024, not for the previous year (2023)"),
        "{en}"
    );
    // two years back
    let (zh, _) = problem(&SEED.replace("2024", "2022"));
    assert!(zh.contains("2022 年度"), "{zh}");
    // another body
    let (zh, en) = problem(&last_year().replace("洛阳市科学技术局", "洛阳市教育局"));
    assert!(
        zh.contains("“洛阳市教育局”的报告") && zh.contains("同一机关"),
        "{zh}"
    );
    assert!(en.contains("same body"), "{en}");
    // not a report
    let (zh, en) = problem("今天天气很好。");
    assert!(zh.starts_with("无法对比：所选文件“x.txt”无法读取"), "{zh}");
    assert!(en.starts_with("Cannot compare"), "{en}");
    // Chinese first, both languages, never empty
    for (zh, en) in [problem(SEED), problem("x")] {
        assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
        assert!(en.is_ascii() || en.contains('“'));
    }
    // this report unreadable: nothing to pair
    let bad = nianbao_core::check_str("不是报告");
    let l = last("2023.txt", &last_year());
    assert!(view::paired(&bad, &l).is_err());
    // white space in the agency does not make another body
    // (the reader may already drop it, so the agency is set as a reader could give it)
    let mut c = nianbao_core::check_str(&last_year());
    c.analysis.report.agency = Some("洛阳市 科学技术局".into());
    assert_eq!(view::pair_problem(&this, &c, "x"), None);
    // … while another body is refused
    c.analysis.report.agency = Some("洛阳市教育局".into());
    assert!(view::pair_problem(&this, &c, "x").is_some());
}

#[test]
fn file_entries_pair_and_unpair() {
    let mut e = FileEntry::read("2024.txt", None, nianbao_core::check_str(SEED));
    assert_eq!(e.verdict.code, "warn");
    // refused: the entry is unchanged
    assert!(e.pair(last("same.txt", SEED)).is_err());
    assert_eq!((e.verdict.code, e.last.is_none()), ("warn", true));
    e.pair(last("2023.txt", &last_year())).expect("paired");
    assert_eq!((e.verdict.code, e.verdict.errors), ("fail", 1));
    assert!(
        e.summary_zh().contains("有错误（错误 1 项"),
        "{}",
        e.summary_zh()
    );
    let rc = e.result_checked().unwrap();
    assert!(rc
        .analysis
        .findings
        .iter()
        .any(|f| f.rule == "CARRYOVER-MISMATCH"));
    e.unpair();
    assert_eq!((e.verdict.code, e.last.is_none()), ("warn", true));
    // the seed's own slip (等反面) only
    assert_eq!(e.result_checked().unwrap().analysis.findings.len(), 1);
    // a file refused before reading can be neither paired nor last year's report
    let mut refused = FileEntry::new("big.txt", None, None, view::too_large(1e9));
    assert!(refused.as_last(false).is_none());
    assert!(refused.pair(last("2023.txt", &last_year())).is_err());
}

#[test]
fn a_batch_pairs_consecutive_years_of_the_same_body() {
    let entry = |name: &str, text: &str| FileEntry::read(name, None, nianbao_core::check_str(text));
    let entries = vec![
        entry("2024.txt", SEED),
        entry(
            "other-2023.txt",
            &last_year().replace("洛阳市科学技术局", "洛阳市教育局"),
        ),
        entry("2022.txt", &SEED.replace("2024", "2022")),
        entry("2023.txt", &last_year()),
        entry("not-a-report.txt", "你好"),
    ];
    // 2024 read first: nothing yet
    assert_eq!(view::auto_partners(&entries, 0), (None, vec![]));
    // another body's 2023: not 2024's previous year
    assert_eq!(view::auto_partners(&entries, 1), (None, vec![]));
    // 2022: nobody's previous year yet (no 2023 read before it)
    assert_eq!(view::auto_partners(&entries, 2), (None, vec![]));
    // 2023: its previous year is 2022 (index 2), and it is 2024's (index 0)
    assert_eq!(view::auto_partners(&entries, 3), (Some(2), vec![0]));
    assert_eq!(view::auto_partners(&entries, 4), (None, vec![]));
    // an already paired file is not paired again
    let mut e2 = entries.clone();
    let l2023 = e2[3].as_last(true).unwrap();
    e2[0].pair(l2023).unwrap();
    assert_eq!(view::auto_partners(&e2, 3), (Some(2), vec![]));
    let PageView::Report(r) = &*e2[0].view else {
        panic!()
    };
    assert!(r.pair.as_ref().unwrap().auto);
}

#[test]
fn same_body_allows_the_higher_region_in_front_and_nothing_looser() {
    use nianbao_web::view::same_body;
    assert!(same_body("洪泽区人民政府", "淮安市洪泽区人民政府"));
    assert!(same_body("淮安市洪泽区人民政府", "洪泽区 人民政府"));
    assert!(same_body("洛阳市科学技术局", "洛阳市科学技术局"));
    assert!(same_body(
        "平潭综合实验区管委会",
        "福建省平潭综合实验区管委会"
    ));
    // another body, or names too bare to tell
    assert!(!same_body("洛阳市科学技术局", "洛阳市教育局"));
    assert!(!same_body("科学技术局", "洛阳市科学技术局"));
    assert!(!same_body("人民政府", "淮安市人民政府"));
    assert!(!same_body("洪泽区人民政府", "淮安市洪泽区人民政府办公室"));
    assert!(!same_body("泽区人民政府", "淮安市洪泽区人民政府"));
}

#[test]
fn findings_name_their_cells_in_words_suspects_first_never_every_operand() {
    // a suspect: named in words, nothing else listed
    let r = report_of("04_t4_totals_zero.txt");
    let t4: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "T4-GROUP-TOTAL")
        .collect();
    let f = t4[0];
    assert_eq!(
        f.suspect_words.as_ref().map(|w| w.0.as_str()),
        Some("可疑单元格：表四“行政复议·总计”")
    );
    assert_eq!(f.cells_words, None);
    // the localiser's unit: a whole row, named as a row; ties joined with “or”
    let r26 = report_of("26_total_row_wrong.txt");
    let first = r26.findings.iter().find(|f| f.rule == "T3-RESULTS-TOTAL");
    let (zh, en) = first
        .and_then(|f| f.suspect_words.clone())
        .expect("a suspect");
    assert_eq!(zh, "可疑单元格：表三“三、本年度办理结果·（七）总计”整行");
    assert_eq!(en, "suspect cells: Table 3, whole row “(7) Total”");
    let (zh, _) = t4[1].suspect_words.clone().expect("a suspect");
    assert!(zh.contains("”；或表四“"), "{zh}");
    // a cell rule names its cells in its message: no second list of them
    let r05 = report_of("05_blank_total.txt");
    let blanks: Vec<_> = r05
        .findings
        .iter()
        .filter(|f| f.rule == "CELL-BLANK")
        .collect();
    assert_eq!(blanks.len(), 2);
    for f in blanks {
        assert!(f.message.contains("“总计”列") || f.message.contains("“商业企业”列"));
        assert_eq!((&f.cells_words, &f.suspect_words), (&None, &None));
    }
    // 22 operands and no suspect: the one that is not a number, and how many in all
    let r = report_of("11_bad_cells.txt");
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "T3-RESULTS-TOTAL" && f.suspect_words.is_none())
        .expect("a T3-RESULTS-TOTAL finding without suspects");
    assert_eq!(f.cells.len(), 22);
    let (zh, en) = f.cells_words.as_ref().expect("cells in words");
    assert_eq!(
        zh,
        "涉及：表三“（五）不予处理·1.信访举报投诉类申请”行“自然人”列等22个单元格"
    );
    assert!(en.contains("(22 cells in all)"), "{en}");
    for f in &r.findings {
        for (zh, en) in f.suspect_words.iter().chain(&f.cells_words) {
            assert!(!zh.contains("T3.") && !en.contains("T3."), "{zh} {en}");
        }
    }
}
