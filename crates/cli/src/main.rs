//! `nianbao` — check 政府信息公开工作年度报告 from the command line.
//!
//! A thin shell over `nianbao-core`: the command line ([`args`], clap), the inputs (files,
//! folders, stdin: [`inputs`]), the batch run in parallel with results in input order
//! ([`batch`], rayon), the output formats as sinks ([`out`], [`text`], [`sarif`]) and the exit
//! code. All knowledge of reports lives in the core; the JSON objects are the contract
//! crate's. The human output names cells in words (`nianbao_core::present`, shared with the page); the
//! keys (`T4.RV.t`) are for JSON, CSV, cells, wide and SARIF.

mod args;
mod batch;
mod inputs;
mod out;
mod sarif;
mod text;

use args::{Command, Parsed};
use nianbao_core::Lang;
use std::process::ExitCode;

/// Why a run stops before (or instead of) checking: Chinese first, then English. A usage
/// error is followed by the help text.
pub enum Stop {
    Usage(String, String),
    Refused(String, String),
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => ExitCode::from(code),
        Err(Stop::Usage(zh, en)) => {
            eprintln!("{zh}\n{en}\n\n{}", args::HELP);
            ExitCode::from(2)
        }
        Err(Stop::Refused(zh, en)) => {
            eprintln!("{zh}\n{en}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<u8, Stop> {
    let cli = match args::parse(std::env::args_os()) {
        Parsed::Run(cli) => cli,
        Parsed::Print(s) => {
            print!("{s}");
            if !s.ends_with('\n') {
                println!();
            }
            return Ok(0);
        }
        Parsed::Usage(zh, en) => return Err(Stop::Usage(zh, en)),
    };
    match cli.command {
        Command::Check(a) => batch::check(&a),
        Command::Rules(a) => {
            rules(a.lang);
            Ok(0)
        }
        Command::Explain(a) => explain(&a.rule, a.lang),
    }
}

/// Every rule: id, the severities it can give (the usual one first) and title in aligned
/// columns.
fn rules(lang: Lang) {
    use unicode_width::UnicodeWidthStr;
    let rules = nianbao_core::RULES;
    let id_width = rules.iter().map(|r| r.id.as_str().len()).max().unwrap_or(0);
    let severities: Vec<String> = rules.iter().map(|r| r.severity_short(lang)).collect();
    let sev_width = severities.iter().map(|s| s.width()).max().unwrap_or(0);
    for (r, sev) in rules.iter().zip(&severities) {
        let title = if lang == Lang::Zh {
            r.title_zh
        } else {
            r.title_en
        };
        // Padded by display width: a CJK label is two columns wide.
        let pad = " ".repeat(sev_width - sev.width());
        println!("{:<id_width$}  {sev}{pad}  {title}", r.id.as_str());
    }
}

/// Why a rule exists and how to fix the report.
fn explain(ids: &[String], lang: Lang) -> Result<u8, Stop> {
    let [id] = ids else {
        return Err(Stop::Usage(
            "explain 需要一个规则编号，例如 nianbao explain T3-IDENTITY".into(),
            "explain takes one rule id, e.g. nianbao explain T3-IDENTITY".into(),
        ));
    };
    let Some(r) = nianbao_core::find_rule(id) else {
        return Err(Stop::Refused(
            format!("没有编号为 {id} 的规则：nianbao rules 列出全部规则。"),
            format!("no rule {id}: nianbao rules lists them all."),
        ));
    };
    if lang == Lang::Zh {
        println!("{} — {}", r.id, r.title_zh);
        println!("级别：{}", r.severity_text(lang));
        println!("适用范围：{}", r.scope.describe(lang));
        println!();
        println!("{}", r.doc().zh);
    } else {
        println!("{} — {}", r.id, r.title_en);
        println!("severity: {}", r.severity_text(lang));
        println!("scope: {}", r.scope.describe(lang));
        println!();
        println!("{}", r.doc().en);
    }
    Ok(0)
}
