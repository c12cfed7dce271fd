//! The README's rule table is rendered from the rule catalogue (`nianbao_core::RULES`): this
//! test fails when README.md differs from it. `UPDATE_README=1 cargo test -p nianbao-core
//! --test readme` rewrites the table in place; review the diff.

use nianbao_core::{Group, Lang, Scope, Table, RULES};
use std::path::PathBuf;

const BEGIN: &str =
    "<!-- rules: generated from the rule catalogue by crates/core/tests/readme.rs; \
                     UPDATE_README=1 cargo test -p nianbao-core --test readme rewrites it -->";
const END: &str = "<!-- /rules -->";

fn group(g: Group) -> &'static str {
    match g {
        Group::Structure => "format and sections",
        Group::Table(Table::T2) => "表二",
        Group::Table(Table::T3) => "表三",
        Group::Table(Table::T4) => "表四",
        Group::OfTable => "the table of its cells",
        Group::Text => "text",
        Group::CrossYear => "cross-year",
    }
}

fn scope(s: Scope) -> &'static str {
    match s {
        Scope::All => "all reports",
        Scope::NationalTables => "2019 and 2021 formats",
    }
}

/// The table: one row per rule, in the order of the catalogue.
fn table() -> String {
    let mut out = String::from(
        "| rule | what | severity | shown under | applies to |\n|---|---|---|---|---|\n",
    );
    for r in RULES {
        out.push_str(&format!(
            "| `{}` | {} ({}) | {} | {} | {} |\n",
            r.id,
            r.title_en,
            r.title_zh,
            r.severity_short(Lang::En),
            group(r.group),
            scope(r.scope),
        ));
    }
    out
}

#[test]
fn the_readme_rule_table_is_the_catalogue() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let (Some(b), Some(e)) = (readme.find(BEGIN), readme.find(END)) else {
        panic!("README.md has no rule table between\n{BEGIN}\nand\n{END}");
    };
    let start = b + BEGIN.len() + 1;
    let now = format!("{}{}{}", &readme[..start], table(), &readme[e..]);
    if readme == now {
        return;
    }
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(&path, now).expect("write README.md");
        return;
    }
    panic!(
        "README.md's rule table is not the catalogue's; review, fix the catalogue or bless with\n  \
         UPDATE_README=1 cargo test -p nianbao-core --test readme\nnow:\n{}",
        table()
    );
}

#[test]
fn the_table_has_a_row_per_rule() {
    let t = table();
    assert_eq!(t.lines().count(), RULES.len() + 2);
    for r in RULES {
        assert!(t.contains(&format!("| `{}` |", r.id)), "{}", r.id);
    }
}
