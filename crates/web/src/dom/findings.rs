//! The findings by group (`#findings ul[data-group] li[data-rule][data-severity]`, each with a
//! `button.goto` to its cell or text and a link to its rule), the report text with every
//! finding's span marked (`#text-view`), and the rules panel (`#rules`).

use nianbao_core::{Lang, RULES};
use web_sys::Element;

use super::{add, add_text, t, Draw};
use crate::view::{self, FindingView, ReportView};

pub(super) fn findings(doc: &Draw, parent: &Element, r: &ReportView, lang: Lang) {
    add(doc, parent, "h2", &[], t(lang, "发现的问题", "Findings"));
    let div = add(
        doc,
        parent,
        "div",
        &[("id", "findings"), ("class", "findings")],
        "",
    );
    if r.findings.is_empty() {
        add(
            doc,
            &div,
            "p",
            &[("class", "none")],
            t(lang, "没有发现问题。", "No problems found."),
        );
    }
    let (_, marks) = view::text_pieces(&r.text, &r.findings);
    for (code, zh, en, fs) in r.groups() {
        add(doc, &div, "h3", &[], t(lang, zh, en));
        let ul = add(doc, &div, "ul", &[("data-group", code)], "");
        for f in fs {
            let i = r
                .findings
                .iter()
                .position(|x| std::ptr::eq(x, f))
                .unwrap_or(0);
            // Where a click goes: the first involved cell drawn in a table, else the text span.
            let cell = f.cells.iter().find(|&&k| r.cell(k).is_some());
            let target = match (cell, marks.get(i).copied().flatten()) {
                (Some(k), _) => Some(("data-cell", k.to_string())),
                (None, Some(p)) => Some(("data-span", format!("piece-{p}"))),
                _ => None,
            };
            finding(doc, &ul, f, i, target, lang);
        }
    }
}

/// One finding `i`: severity, message (a `button.goto` when it has a `target`), its cells and
/// the link to its rule.
fn finding(
    doc: &Draw,
    ul: &Element,
    f: &FindingView,
    i: usize,
    target: Option<(&str, String)>,
    lang: Lang,
) {
    let li = add(
        doc,
        ul,
        "li",
        &[
            ("data-rule", &f.rule),
            ("data-severity", f.severity),
            ("class", &format!("sev-{}", f.severity)),
        ],
        "",
    );
    add(
        doc,
        &li,
        "span",
        &[("class", "sev")],
        t(lang, f.severity_zh, f.severity),
    );
    let msg = t(lang, &f.message, &f.message_en);
    match target {
        Some((attr, value)) => {
            let b = add(
                doc,
                &li,
                "button",
                &[
                    ("type", "button"),
                    ("class", "goto msg"),
                    (attr, &value),
                    ("data-finding", &i.to_string()),
                ],
                msg,
            );
            add(
                doc,
                &b,
                "span",
                &[("class", "sr-only")],
                t(lang, "（定位）", " (go to)"),
            );
        }
        None => {
            add(doc, &li, "span", &[("class", "msg")], msg);
        }
    }
    // The cells in words as the report names them; the keys on hover and as data.
    let keys = |v: &[nianbao_core::CellKey]| {
        let k: Vec<String> = v.iter().map(ToString::to_string).collect();
        k.join(" ")
    };
    if let Some((zh, en)) = &f.suspect_words {
        let k = keys(&f.suspect);
        let attrs = [("class", "suspect"), ("data-cells", &k), ("title", &k)];
        add(doc, &li, "span", &attrs, t(lang, zh, en));
    }
    if let Some((zh, en)) = &f.cells_words {
        let k = keys(&f.cells);
        let attrs = [("class", "cells"), ("data-cells", &k), ("title", &k)];
        add(doc, &li, "span", &attrs, t(lang, zh, en));
    }
    add(
        doc,
        &li,
        "a",
        &[
            ("class", "rule-link"),
            ("href", &format!("#rule-{}", f.rule)),
            ("data-rule", &f.rule),
        ],
        t(lang, "规则说明", "About this rule"),
    );
}

/// The report text, read-only, with every finding's span in a `<mark>`; only text nodes.
pub(super) fn text_view(doc: &Draw, parent: &Element, r: &ReportView, lang: Lang) {
    if r.text.is_empty() {
        return;
    }
    let details = add(doc, parent, "details", &[("id", "text-view")], "");
    add(
        doc,
        &details,
        "summary",
        &[],
        t(
            lang,
            "报告全文（标出正文问题的位置）",
            "Report text (problems in the text marked)",
        ),
    );
    let pre = add(
        doc,
        &details,
        "pre",
        &[("id", "report-text"), ("class", "report-text")],
        "",
    );
    let (pieces, _) = view::text_pieces(&r.text, &r.findings);
    for (k, (s, e, f)) in pieces.into_iter().enumerate() {
        let text = &r.text[s..e];
        match f {
            None => add_text(doc, &pre, text),
            Some(i) => {
                let f = &r.findings[i];
                add(
                    doc,
                    &pre,
                    "mark",
                    &[
                        ("id", &format!("piece-{k}")),
                        ("data-rule", &f.rule),
                        ("data-severity", f.severity),
                        ("tabindex", "-1"),
                        ("title", t(lang, &f.message, &f.message_en)),
                        ("class", &format!("sev-{}", f.severity)),
                    ],
                    text,
                );
            }
        }
    }
}

/// Every rule of `nianbao_core::RULES`: title, severity, scope, and a place for its
/// documentation (`p.rule-doc[data-rule]`), which the reader module brings when the panel is
/// first opened (`#rules-status` says it is coming); the page fills it in (`page/result.rs`).
pub(super) fn rules_panel(doc: &Draw, parent: &Element, lang: Lang) {
    let details = add(doc, parent, "details", &[("id", "rules")], "");
    add(
        doc,
        &details,
        "summary",
        &[],
        t(lang, "规则说明", "The rules"),
    );
    add(doc, &details, "p", &[("id", "rules-status")], "");
    let dl = add(doc, &details, "dl", &[("class", "rules")], "");
    for rule in RULES {
        let dt = add(
            doc,
            &dl,
            "dt",
            &[("id", &format!("rule-{}", rule.id)), ("tabindex", "-1")],
            "",
        );
        add(doc, &dt, "code", &[], rule.id.as_str());
        add(
            doc,
            &dt,
            "span",
            &[],
            &format!(" {}", t(lang, rule.title_zh, rule.title_en)),
        );
        let dd = add(doc, &dl, "dd", &[], "");
        add(
            doc,
            &dd,
            "p",
            &[("class", "rule-meta")],
            &format!(
                "{}{}；{}{}",
                t(lang, "级别：", "Severity: "),
                rule.severity_text(lang),
                t(lang, "适用：", "Applies to: "),
                rule.scope.describe(lang)
            ),
        );
        add(
            doc,
            &dd,
            "p",
            &[("class", "rule-doc"), ("data-rule", rule.id.as_str())],
            "",
        );
    }
}
