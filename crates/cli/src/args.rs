//! The command line, declared with clap (derive), and clap's errors turned into usage errors
//! in Chinese first, English second.
//!
//! clap parses; the words are ours. The top-level `--help` is written by hand (the same text
//! follows every usage error); the subcommands' `--help` is clap's layout with bilingual
//! headings ([`SUB_TEMPLATE`]) and bilingual doc comments.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand, ValueEnum};
use nianbao_core::Lang;

/// What `nianbao --help` prints, and what follows a usage error.
pub const HELP: &str = "\
nianbao — 政府信息公开工作年度报告校验 / validator for annual reports on government information disclosure

用法 / usage:
  nianbao check FILE... [选项 options]
      校验报告：FILE 为文件、文件夹（递归读取）或 -（标准输入）
      check reports: FILE is a file, a folder (read recursively) or - (stdin)
  nianbao check FILE --last LAST_YEAR_FILE
      另与同一机关上一年度的报告核对（结转、现行有效件数）
      also check against last year's report of the same body (carry-over, documents in force)
  nianbao explain RULE [--lang zh|en]
      显示规则说明 / why a rule exists and how to fix the report
  nianbao rules [--lang zh|en]
      列出全部规则 / list every rule
  nianbao help [COMMAND] | --help | --version

check 的选项 / options of check（详见 details: nianbao check --help）:
  -f, --format FORMAT  text（默认 default）| json | jsonl | csv | sarif | cells | wide
      --lang zh|en     消息语言 / language of the messages
      --fail-on LEVEL  error（默认 default）| warning | never：何种问题使退出码为 1 / what makes exit code 1
  -j, --jobs N         同时校验的文件数，默认为 CPU 核数 / files checked in parallel, default: CPU cores
  -q, --quiet          不显示进度条 / no progress bar
      --color WHEN     auto（默认 default）| always | never；遵循 honours NO_COLOR、CLICOLOR_FORCE
      --pair-years     自动配对同一机关相邻年度的报告 / pair consecutive years of one body automatically
      --terms FILE     自定义用语，每行一个，查找其错别字 / your own terms, one a line, whose slips are found

退出码 / exit codes: 0 无错误 no error · 1 有错误 errors found · 2 用法错误或文件无法读取 usage error or unreadable input";

/// The layout of a subcommand's `--help`, with bilingual headings.
const SUB_TEMPLATE: &str = "\
{about}

用法 / usage: {usage}

参数 / arguments:
{positionals}

选项 / options:
{options}{after-help}";

/// The same, for a subcommand without arguments.
const OPTIONS_TEMPLATE: &str = "\
{about}

用法 / usage: {usage}

选项 / options:
{options}{after-help}";

const CHECK_AFTER: &str = "\
输出格式 / formats:
  text   人读的结果；多个文件时末尾附汇总表
         for people; a summary table at the end when there are several files
  json   一个 JSON 对象（format.md §10 的契约），逐个文件流式写出
         one JSON object (the contract of format.md §10), written file by file
  jsonl  每行一份报告的 JSON 对象 / one report's JSON object per line
  csv    每行一个问题 / one row per finding
  sarif  SARIF 2.1.0，供代码扫描工具使用 / SARIF 2.1.0 for code-scanning tools
  cells  每行一个单元格（file,cell,state,value）/ one row per cell read
  wide   每份报告一行，每个规范单元格键一列：数字、占位符按原样，空白单元格为空字段，未读到的为 NA
         one row per report, one column per canonical cell key: numbers and placeholders as
         printed, a blank cell an empty field, a cell not read NA

文件夹递归读取，按文件名排序；隐藏文件、Word 临时文件和明显不是报告的文件（图片、压缩包、
二进制数据等）跳过，并在标准错误输出中说明。结果顺序与输入顺序一致，与 --jobs 无关。
Folders are read recursively in file-name order; hidden files, Word lock files and files that
are obviously no report (pictures, archives, binary data …) are skipped with a note on stderr.
Results come in input order whatever --jobs is.

退出码 / exit codes:
  0 无错误 / no error
  1 有错误（--fail-on warning：有错误或警告）/ errors found (--fail-on warning: errors or warnings)
  2 用法错误，或有输入无法读取 / usage error, or an input could not be read";

#[derive(Parser, Debug)]
#[command(
    name = "nianbao",
    version,
    override_help = HELP,
    disable_help_subcommand = false,
    subcommand_required = true,
    disable_version_flag = true,
    args_override_self = true
)]
pub struct Cli {
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Check(CheckArgs),
    Explain(ExplainArgs),
    Rules(RulesArgs),
}

/// nianbao check — 校验报告文件、文件夹或标准输入 / check report files, folders or standard input
#[derive(Args, Debug)]
#[command(
    help_template = SUB_TEMPLATE,
    after_help = CHECK_AFTER,
    term_width = 0,
    disable_help_flag = true,
    args_override_self = true
)]
pub struct CheckArgs {
    #[arg(
        help = "报告文件、文件夹（递归读取）或 -（标准输入）\nreport files, folders (read recursively) or - (stdin)",
        value_name = "FILE"
    )]
    pub inputs: Vec<String>,

    #[arg(
        help = "输出格式（默认 text，见下文）\noutput format (default text, see below)",
        short,
        long,
        value_enum,
        default_value_t = Format::Text,
        value_name = "FORMAT",
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub format: Format,

    #[arg(help = "消息语言：zh（默认）或 en\nlanguage of the messages: zh (default) or en", long, value_parser = parse_lang, default_value = "zh", value_name = "zh|en", hide_default_value = true)]
    pub lang: Lang,

    #[arg(
        help = "另与同一机关上一年度的报告核对（只用于一个报告文件）\nalso check against last year's report of the same body (one report file only)",
        long,
        value_name = "LAST_YEAR_FILE",
        conflicts_with = "pair_years"
    )]
    pub last: Option<String>,

    #[arg(
        help = "在给出的文件中自动配对同一机关相邻年度的报告并做跨年度核对（每个文件多读一遍）\npair consecutive years of one body among the files given, for the cross-year checks (reads each file twice)",
        long
    )]
    pub pair_years: bool,

    #[arg(
        help = "自定义用语文件（UTF-8，每行一个用语，# 后为注释）：查找这些用语的错别字，原样写出的用语不判为错字\na file of your own terms (UTF-8, one a line, # comments): their slips are found, and a term written as it is is never taken for a slip",
        long,
        value_name = "FILE"
    )]
    pub terms: Option<String>,

    #[arg(
        help = "何种问题使退出码为 1：error（默认）、warning 或 never\nwhat makes exit code 1: error (default), warning or never",
        long,
        value_enum,
        default_value_t = FailOn::Error,
        value_name = "LEVEL",
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub fail_on: FailOn,

    #[arg(help = "同时校验的文件数（默认为 CPU 核数）；结果顺序不变\nfiles checked in parallel (default: CPU cores); the order of results does not change", short, long, value_name = "N", value_parser = parse_jobs)]
    pub jobs: Option<usize>,

    #[arg(
        help = "不显示进度条（进度条只在标准错误输出为终端时显示）\nno progress bar (shown only when stderr is a terminal)",
        short,
        long
    )]
    pub quiet: bool,

    #[arg(
        help = "颜色：auto（默认，遵循 NO_COLOR、CLICOLOR_FORCE，管道中无颜色）、always、never\ncolour: auto (default; honours NO_COLOR, CLICOLOR_FORCE, none in pipes), always, never",
        long,
        value_enum,
        default_value_t = ColorWhen::Auto,
        value_name = "WHEN",
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub color: ColorWhen,

    #[arg(help = "显示帮助\nprint this help", short, long, action = clap::ArgAction::Help)]
    help: Option<bool>,
}

/// nianbao explain — 显示规则说明 / why a rule exists and how to fix the report
#[derive(Args, Debug)]
#[command(help_template = SUB_TEMPLATE, term_width = 0, disable_help_flag = true, args_override_self = true)]
pub struct ExplainArgs {
    #[arg(
        help = "规则编号，例如 T3-IDENTITY（nianbao rules 列出全部）\na rule id, e.g. T3-IDENTITY (nianbao rules lists them)",
        value_name = "RULE"
    )]
    pub rule: Vec<String>,

    #[arg(help = "语言：zh（默认）或 en\nlanguage: zh (default) or en", long, value_parser = parse_lang, default_value = "zh", value_name = "zh|en", hide_default_value = true)]
    pub lang: Lang,

    #[arg(help = "显示帮助\nprint this help", short, long, action = clap::ArgAction::Help)]
    help: Option<bool>,
}

/// nianbao rules — 列出全部规则：编号、级别、标题 / every rule: id, severity, title
#[derive(Args, Debug)]
#[command(help_template = OPTIONS_TEMPLATE, term_width = 0, disable_help_flag = true, args_override_self = true)]
pub struct RulesArgs {
    #[arg(help = "语言：zh（默认）或 en\nlanguage: zh (default) or en", long, value_parser = parse_lang, default_value = "zh", value_name = "zh|en", hide_default_value = true)]
    pub lang: Lang,

    #[arg(help = "显示帮助\nprint this help", short, long, action = clap::ArgAction::Help)]
    help: Option<bool>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Jsonl,
    Csv,
    Sarif,
    Cells,
    Wide,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| "zh, en".to_string())
}

fn parse_jobs(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("a positive whole number".to_string()),
    }
}

/// What parsing the command line decided.
pub enum Parsed {
    Run(Cli),
    /// `--help`, `help`, `--version`: print this on stdout, exit 0.
    Print(String),
    /// A usage error: Chinese, English (the caller adds the help text).
    Usage(String, String),
}

pub fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> Parsed {
    match Cli::try_parse_from(args) {
        Ok(cli) => Parsed::Run(cli),
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                Parsed::Print(e.render().to_string())
            }
            _ => {
                let (zh, en) = usage_words(&e);
                Parsed::Usage(zh, en)
            }
        },
    }
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => v.first().cloned(),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => v.first().map(|s| s.to_string()),
        _ => None,
    }
}

/// `--format <FORMAT>` → `--format`; `[FILE]...` stays.
fn flag_of(arg: &str) -> String {
    arg.split([' ', '=']).next().unwrap_or(arg).to_string()
}

/// clap's error in our words: what is wrong and what to do, Chinese then English.
fn usage_words(e: &clap::Error) -> (String, String) {
    let arg = context(e, ContextKind::InvalidArg).map(|a| flag_of(&a));
    let value = context(e, ContextKind::InvalidValue);
    match e.kind() {
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => (
            "缺少命令（check、explain 或 rules）".into(),
            "missing command (check, explain or rules)".into(),
        ),
        ErrorKind::InvalidSubcommand => {
            let cmd = context(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            match context(e, ContextKind::SuggestedSubcommand) {
                Some(h) => (
                    format!("未知的命令：{cmd}（是否想用 {h}？）"),
                    format!("unknown command: {cmd} (did you mean {h}?)"),
                ),
                None => (
                    format!("未知的命令：{cmd}"),
                    format!("unknown command: {cmd}"),
                ),
            }
        }
        ErrorKind::UnknownArgument => {
            let a = arg.unwrap_or_default();
            if a.starts_with('-') && a != "-" {
                let hint = context(e, ContextKind::SuggestedArg)
                    .map(|s| flag_of(&s))
                    .filter(|s| s.starts_with('-'));
                match hint {
                    Some(h) => (
                        format!("未知的选项：{a}（是否想用 {h}？）"),
                        format!("unknown option: {a} (did you mean {h}?)"),
                    ),
                    None => (format!("未知的选项：{a}"), format!("unknown option: {a}")),
                }
            } else {
                (
                    format!("多余的参数：{a}"),
                    format!("unexpected argument: {a}"),
                )
            }
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let flag = arg.unwrap_or_default();
            let v = value.unwrap_or_default();
            if v.is_empty() {
                return (
                    format!("{flag} 后面需要一个值"),
                    format!("{flag} needs a value"),
                );
            }
            match flag.as_str() {
                "--format" | "-f" => (
                    format!(
                        "未知的输出格式：{v}（可选 text、json、jsonl、csv、sarif、cells、wide）"
                    ),
                    format!("unknown format: {v} (text, json, jsonl, csv, sarif, cells or wide)"),
                ),
                "--lang" => (
                    format!("未知的语言：{v}（可选 zh、en）"),
                    format!("unknown language: {v} (zh or en)"),
                ),
                "--fail-on" => (
                    format!("--fail-on 的值无效：{v}（可选 error、warning、never）"),
                    format!("invalid --fail-on: {v} (error, warning or never)"),
                ),
                "--color" => (
                    format!("--color 的值无效：{v}（可选 auto、always、never）"),
                    format!("invalid --color: {v} (auto, always or never)"),
                ),
                "--jobs" | "-j" => (
                    format!("--jobs 需要一个正整数，而不是 {v}"),
                    format!("--jobs needs a positive whole number, not {v}"),
                ),
                _ => (
                    format!("{flag} 的值无效：{v}"),
                    format!("invalid value for {flag}: {v}"),
                ),
            }
        }
        ErrorKind::ArgumentConflict => {
            let a = arg.unwrap_or_default();
            let b = context(e, ContextKind::PriorArg)
                .map(|p| flag_of(&p))
                .unwrap_or_default();
            (
                format!("{a} 与 {b} 不能同时使用"),
                format!("{a} cannot be used with {b}"),
            )
        }
        _ => {
            // Anything else clap finds: its own words (English), under ours.
            let detail = e.kind().as_str().unwrap_or("invalid arguments").to_string();
            (
                format!("命令行参数有误：{detail}"),
                format!("invalid arguments: {detail}"),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
