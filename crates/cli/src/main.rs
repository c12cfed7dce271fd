//! `nianbao` — check 政府信息公开工作年度报告 from the command line.
//!
//! A thin shell over `nianbao-core`: reads files, prints text / JSON / CSV, sets the exit
//! code. All knowledge of reports lives in the core. The human output names cells in words
//! (`nianbao_core::format::cell_name`); the keys (`T4.RV.t`) are for JSON, CSV and cells.

use nianbao_contract::{checked_dto, unreadable_dto, RunDto, SpanUnits, CONTRACT_VERSION};
use nianbao_core::input::{InputError, MAX_INPUT_BYTES};
use nianbao_core::{
    Analysis, CellKey, CellValue, Checked, Finding, Lang, Outcome, ReadStatus, Severity, Verdict,
};
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
nianbao — 政府信息公开工作年度报告校验 / validator for annual reports on government information disclosure

用法 / usage:
  nianbao check FILE... [--format text|json|csv|cells] [--lang zh|en]   校验报告（FILE 为 - 时读标准输入）
  nianbao check FILE --last LAST_YEAR_FILE                              另与同一机关上一年度的报告核对（结转、现行有效件数）
  nianbao explain RULE [--lang zh|en]                                   显示规则说明
  nianbao rules [--lang zh|en]                                          列出全部规则
  nianbao --help | --version

退出码 / exit codes: 0 无错误 no error · 1 有错误 errors found · 2 用法错误或文件无法读取 usage error or unreadable input";

/// Why a run stops before checking anything: Chinese first, then English. A usage error is
/// followed by the usage.
enum Stop {
    Usage(String, String),
    Refused(String, String),
}

fn usage(zh: impl Into<String>, en: impl Into<String>) -> Stop {
    Stop::Usage(zh.into(), en.into())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Out {
    Text,
    Json,
    Csv,
    Cells,
}

struct Opts {
    format: Out,
    lang: Lang,
    files: Vec<String>,
    /// Last year's report of the same body, for the cross-year checks.
    last: Option<String>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(Stop::Usage(zh, en)) => {
            eprintln!("{zh}\n{en}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Stop::Refused(zh, en)) => {
            eprintln!("{zh}\n{en}");
            ExitCode::from(2)
        }
    }
}

fn parse_opts(args: &[String]) -> Result<Opts, Stop> {
    let mut o = Opts {
        format: Out::Text,
        lang: Lang::Zh,
        files: Vec::new(),
        last: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        let mut value = |flag: &str| -> Result<String, Stop> {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| {
                    usage(
                        format!("{flag} 后面需要一个值"),
                        format!("{flag} needs a value"),
                    )
                })
        };
        match name {
            "--format" | "-f" => {
                o.format = match value("--format")?.as_str() {
                    "text" => Out::Text,
                    "json" => Out::Json,
                    "csv" => Out::Csv,
                    "cells" => Out::Cells,
                    v => {
                        return Err(usage(
                            format!("未知的输出格式：{v}（可选 text、json、csv、cells）"),
                            format!("unknown format: {v} (text, json, csv or cells)"),
                        ))
                    }
                }
            }
            "--lang" => {
                let v = value("--lang")?;
                o.lang = Lang::parse(&v).ok_or_else(|| {
                    usage(
                        format!("未知的语言：{v}（可选 zh、en）"),
                        format!("unknown language: {v} (zh or en)"),
                    )
                })?;
            }
            "--last" => o.last = Some(value("--last")?),
            "-" => o.files.push("-".into()),
            s if s.starts_with('-') => {
                return Err(usage(
                    format!("未知的选项：{s}"),
                    format!("unknown option: {s}"),
                ))
            }
            s => o.files.push(s.to_string()),
        }
    }
    Ok(o)
}

fn run(args: &[String]) -> Result<u8, Stop> {
    let Some(cmd) = args.first() else {
        return Err(usage(
            "缺少命令（check、explain 或 rules）",
            "missing command (check, explain or rules)",
        ));
    };
    match cmd.as_str() {
        "--help" | "-h" | "help" => {
            println!("{USAGE}");
            Ok(0)
        }
        "--version" | "-V" => {
            println!("nianbao {}", env!("CARGO_PKG_VERSION"));
            Ok(0)
        }
        "rules" => {
            let o = parse_opts(&args[1..])?;
            let width = nianbao_core::RULES
                .iter()
                .map(|r| r.id.len())
                .max()
                .unwrap_or(0);
            for r in nianbao_core::RULES {
                let title = if o.lang == Lang::Zh {
                    r.title_zh
                } else {
                    r.title_en
                };
                let sev = r.severity.label(o.lang);
                // Severity labels are all two CJK characters in Chinese; pad English to 7.
                let sev_width = if o.lang == Lang::Zh { 2 } else { 7 };
                println!("{:<width$}  {sev:<sev_width$}  {title}", r.id);
            }
            Ok(0)
        }
        "explain" => {
            let o = parse_opts(&args[1..])?;
            let [id] = o.files.as_slice() else {
                return Err(usage(
                    "explain 需要一个规则编号，例如 nianbao explain T3-IDENTITY",
                    "explain takes one rule id, e.g. nianbao explain T3-IDENTITY",
                ));
            };
            let Some(r) = nianbao_core::find_rule(id) else {
                return Err(Stop::Refused(
                    format!("没有编号为 {id} 的规则：nianbao rules 列出全部规则。"),
                    format!("no rule {id}: nianbao rules lists them all."),
                ));
            };
            if o.lang == Lang::Zh {
                println!("{} — {}", r.id, r.title_zh);
                println!(
                    "级别：{}　适用范围：{}",
                    r.severity.label(o.lang),
                    r.scope.describe(o.lang)
                );
                println!();
                println!("{}", r.doc_zh);
            } else {
                println!("{} — {}", r.id, r.title_en);
                println!(
                    "severity: {}   scope: {}",
                    r.severity.label(o.lang),
                    r.scope.describe(o.lang)
                );
                println!();
                println!("{}", r.doc_en);
            }
            Ok(0)
        }
        "check" => {
            let o = parse_opts(&args[1..])?;
            if o.files.is_empty() {
                return Err(usage(
                    "check 需要至少一个报告文件（- 表示标准输入）",
                    "check needs at least one report file (- for stdin)",
                ));
            }
            if o.last.is_some() && o.files.len() != 1 {
                return Err(usage(
                    "--last 只能与一个报告文件一起使用",
                    "--last goes with exactly one report file",
                ));
            }
            check(&o)
        }
        other => Err(usage(
            format!("未知的命令：{other}"),
            format!("unknown command: {other}"),
        )),
    }
}

fn input_error(zh: impl Into<String>, en: impl Into<String>) -> InputError {
    InputError {
        zh: zh.into(),
        en: en.into(),
    }
}

/// A file's bytes (or stdin's), at most [`MAX_INPUT_BYTES`] + 1; or why it cannot be read.
fn read_input(path: &str) -> Result<Vec<u8>, InputError> {
    let limit = MAX_INPUT_BYTES as u64 + 1;
    let mut buf = Vec::new();
    if path == "-" {
        return match std::io::stdin().lock().take(limit).read_to_end(&mut buf) {
            Ok(_) => Ok(buf),
            Err(e) => Err(input_error(
                format!("读取标准输入时出错：{e}"),
                format!("Error reading standard input: {e}"),
            )),
        };
    }
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => input_error(
            "找不到这个文件：请检查路径和文件名。",
            "No such file: check the path and the file name.",
        ),
        std::io::ErrorKind::PermissionDenied => input_error(
            "没有读取这个文件的权限。",
            "Permission denied: this file cannot be read.",
        ),
        _ => input_error(
            format!("读取文件时出错：{e}"),
            format!("Error reading the file: {e}"),
        ),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(input_error(
            "这是一个文件夹，不是文件：请给出报告文件的路径（可以一次给出多个文件）。",
            "This is a folder, not a file: give the paths of the report files (several may be given).",
        ));
    }
    if meta.is_file() && meta.len() > MAX_INPUT_BYTES as u64 {
        return Err(nianbao_core::input::too_large(meta.len()));
    }
    std::fs::File::open(path)
        .and_then(|f| f.take(limit).read_to_end(&mut buf))
        .map_err(io)?;
    Ok(buf)
}

/// Reads and checks one input: the core's result, or why the bytes could not be had.
fn read_and_check(path: &str, name: &str) -> Result<Checked, InputError> {
    let bytes = read_input(path)?;
    if bytes.is_empty() && path != "-" {
        return Err(nianbao_core::input::empty_file());
    }
    Ok(nianbao_core::check_bytes(&bytes, Some(name)))
}

fn display_name(path: &str) -> &str {
    if path == "-" {
        "<stdin>"
    } else {
        path
    }
}

fn pick(lang: Lang, zh: &str, en: &str) -> String {
    if lang == Lang::Zh { zh } else { en }.to_string()
}

/// Why a report could not be read, in the language asked for (`None` when it was read).
fn unreadable_message(a: &Analysis, lang: Lang) -> Option<String> {
    match &a.report.status {
        ReadStatus::Ok => None,
        ReadStatus::Unreadable { zh, en } => Some(pick(lang, zh, en)),
    }
}

/// Last year's report for `--last`, checked against `this`: `Err` (Chinese first, then
/// English) when it is not last year's report of the same body — the page's decision and
/// words (`nianbao_core::pair_problem`).
fn last_year(path: &str, this: &Checked) -> Result<Checked, Stop> {
    let name = display_name(path);
    let last = match read_and_check(path, name) {
        Ok(c) => c,
        Err(e) => {
            return Err(Stop::Refused(
                format!("无法对比：所选文件“{name}”无法读取。{}", e.zh),
                format!(
                    "Cannot compare: the chosen file “{name}” could not be read. {}",
                    e.en
                ),
            ))
        }
    };
    match nianbao_core::pair_problem(&this.analysis.report, &last.analysis.report, name) {
        Some((zh, en)) => Err(Stop::Refused(zh, en)),
        None => Ok(last),
    }
}

/// What `--last` added to a report: last year's file, its year and how many findings.
struct Paired {
    file: String,
    year: Option<u32>,
    added: usize,
    /// One of the two reports has no recognised agency: the body could not be compared.
    agency_unchecked: bool,
}

fn check(o: &Opts) -> Result<u8, Stop> {
    let mut reports = Vec::new();
    let mut any_error = false;
    let mut any_unreadable = false;
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut stdout = std::io::stdout().lock();
    let mut first = true;
    for path in &o.files {
        let name = display_name(path);
        let mut checked = match read_and_check(path, name) {
            Ok(c) => c,
            Err(e) => {
                any_unreadable = true;
                let msg = pick(o.lang, &e.zh, &e.en);
                match o.format {
                    Out::Json => reports.push(unreadable_dto(Some(name), &msg)),
                    Out::Text => {
                        if !first {
                            let _ = writeln!(stdout);
                        }
                        print_unreadable(&mut stdout, name, &msg, o.lang, color);
                    }
                    Out::Csv => {
                        if first {
                            print_csv_header(&mut stdout);
                        }
                        let _ = writeln!(stdout, "{},unreadable,,,,,,,,{}", csv(name), csv(&msg));
                    }
                    Out::Cells => {
                        if first {
                            let _ = writeln!(stdout, "file,cell,state,value");
                        }
                        eprintln!("{name}: {msg}");
                    }
                }
                first = false;
                continue;
            }
        };
        // Last year's report: refused (nothing printed, exit 2) unless it is the previous
        // year's report of the same body.
        let mut paired = None;
        if let Some(last_path) = &o.last {
            if checked.analysis.report.status == ReadStatus::Ok {
                let last = last_year(last_path, &checked)?;
                let added = nianbao_core::check_pair(&mut checked.analysis, &last.analysis);
                paired = Some(Paired {
                    file: display_name(last_path).to_string(),
                    year: last.analysis.report.year,
                    added,
                    agency_unchecked: checked.analysis.report.agency.is_none()
                        || last.analysis.report.agency.is_none(),
                });
            }
        }
        let a = &checked.analysis;
        if a.report.status != ReadStatus::Ok {
            any_unreadable = true;
        }
        any_error |= a.verdict() == Verdict::Fail;
        match o.format {
            Out::Json => reports.push(checked_dto(&checked, Some(name), o.lang, SpanUnits::Chars)),
            Out::Text => {
                if !first {
                    let _ = writeln!(stdout);
                }
                print_text(&mut stdout, name, a, paired.as_ref(), o.lang, color)
            }
            Out::Csv => {
                if first {
                    print_csv_header(&mut stdout);
                }
                print_csv(&mut stdout, name, a, o.lang)
            }
            Out::Cells => {
                if first {
                    let _ = writeln!(stdout, "file,cell,state,value");
                }
                if let Some(msg) = unreadable_message(a, o.lang) {
                    eprintln!("{name}: {msg}");
                }
                for c in &a.report.cells {
                    let (state, v) = match &c.value {
                        CellValue::Number(n) => ("number", n.to_string()),
                        CellValue::Blank => ("blank", String::new()),
                        CellValue::Placeholder(s) => ("placeholder", s.clone()),
                        CellValue::Text(s) => ("text", s.clone()),
                    };
                    let _ = writeln!(stdout, "{},{},{},{}", csv(name), c.key, state, csv(&v));
                }
            }
        }
        first = false;
    }
    if o.format == Out::Json {
        let run = RunDto {
            version: CONTRACT_VERSION,
            reports,
        };
        match serde_json::to_string_pretty(&run) {
            Ok(s) => {
                let _ = writeln!(stdout, "{s}");
            }
            Err(e) => {
                return Err(Stop::Refused(
                    format!("JSON 输出失败：{e}"),
                    format!("JSON output failed: {e}"),
                ));
            }
        }
    }
    Ok(if any_unreadable {
        2
    } else if any_error {
        1
    } else {
        0
    })
}

fn paint(color: bool, code: &str, s: &str) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

fn csv(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn print_csv_header(w: &mut impl Write) {
    let _ = writeln!(
        w,
        "file,verdict,rule,severity,outcome,cells,expected,actual,suspect,message"
    );
}

fn print_csv(w: &mut impl Write, name: &str, a: &Analysis, lang: Lang) {
    let verdict = a.verdict().as_str();
    if let Some(msg) = unreadable_message(a, lang) {
        let _ = writeln!(w, "{},{verdict},,,,,,,,{}", csv(name), csv(&msg));
        return;
    }
    if a.findings.is_empty() {
        let _ = writeln!(w, "{},{verdict},,,,,,,,", csv(name));
    }
    for f in &a.findings {
        let _ = writeln!(
            w,
            "{},{verdict},{},{},{},{},{},{},{},{}",
            csv(name),
            f.rule,
            f.severity.as_str(),
            f.outcome.as_str(),
            csv(&keys(&f.cells)),
            f.expected.map(|n| n.to_string()).unwrap_or_default(),
            f.actual.map(|n| n.to_string()).unwrap_or_default(),
            csv(&keys(&f.suspect)),
            csv(&f.message(lang))
        );
    }
}

/// The verdict line: `【有错误】  FILE  （错误 2 项，警告 3 项，提示 0 项）`.
fn verdict_line(
    v: Verdict,
    name: &str,
    counts: Option<&Analysis>,
    lang: Lang,
    color: bool,
) -> String {
    let vcolor = match v {
        Verdict::Pass => "1;32",
        Verdict::Warn => "1;33",
        _ => "1;31",
    };
    let mut line = format!(
        "{}  {name}",
        paint(color, vcolor, &format!("【{}】", v.label(lang)))
    );
    if let Some(a) = counts {
        let (e, w, i) = (
            a.count(Severity::Error),
            a.count(Severity::Warning),
            a.count(Severity::Info),
        );
        if lang == Lang::Zh {
            line.push_str(&format!("  （错误 {e} 项，警告 {w} 项，提示 {i} 项）"));
        } else {
            let n = |k: usize, one: &str, many: &str| {
                format!("{k} {}", if k == 1 { one } else { many })
            };
            line.push_str(&format!(
                "  ({}, {}, {})",
                n(e, "error", "errors"),
                n(w, "warning", "warnings"),
                n(i, "note", "notes")
            ));
        }
    }
    line
}

fn print_unreadable(w: &mut impl Write, name: &str, msg: &str, lang: Lang, color: bool) {
    let _ = writeln!(
        w,
        "{}",
        verdict_line(Verdict::Unreadable, name, None, lang, color)
    );
    let _ = writeln!(w, "  {msg}");
}

/// Cell keys as the CSV output gives them: canonical keys separated by spaces.
fn keys(keys: &[CellKey]) -> String {
    keys.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A cell in words for people (`表四“行政复议·总计”`).
fn cell_words(key: CellKey, lang: Lang) -> String {
    let (zh, en) = nianbao_core::format::cell_name(key);
    pick(lang, &zh, &en)
}

/// The group a finding is listed under: the table of its first cell, else 正文 for the rules
/// on the prose (`TEXT-…`), else 格式与章节 (format, sections, tables missing, fee statement,
/// deadline; these may quote the text too). Every finding is in exactly one group.
fn group_of(f: &Finding) -> &'static str {
    match f.cells.first() {
        Some(k) => k.table.as_str(),
        _ if f.rule.starts_with("TEXT-") => "text",
        _ => "format",
    }
}

const GROUPS: [(&str, &str, &str); 5] = [
    ("format", "格式与章节", "Format and sections"),
    ("T2", "表二", "Table 2"),
    ("T3", "表三", "Table 3"),
    ("T4", "表四", "Table 4"),
    ("text", "正文", "Text"),
];

fn print_text(
    w: &mut impl Write,
    name: &str,
    a: &Analysis,
    paired: Option<&Paired>,
    lang: Lang,
    color: bool,
) {
    let zh = lang == Lang::Zh;
    let r = &a.report;
    if let Some(msg) = unreadable_message(a, lang) {
        print_unreadable(w, name, &msg, lang, color);
        return;
    }
    let _ = writeln!(
        w,
        "{}",
        verdict_line(a.verdict(), name, Some(a), lang, color)
    );
    let unknown = if zh { "未识别" } else { "not found" };
    let _ = writeln!(
        w,
        "  {}{}  {}{}  {}{}",
        if zh { "机关：" } else { "body: " },
        r.agency.as_deref().unwrap_or(unknown),
        if zh { "年度：" } else { "year: " },
        r.year.map_or(unknown.to_string(), |y| y.to_string()),
        if zh { "格式：" } else { "format: " },
        if zh {
            r.format.label_zh()
        } else {
            r.format.label_en()
        }
    );
    if let Some(p) = paired {
        let year = p.year.map(|y| y.to_string()).unwrap_or_default();
        let mut line = if zh {
            format!(
                "已与上一年度报告对比：{}（{year} 年度）。跨年度核对（上年结转、现行有效件数）发现 {} 项问题。",
                p.file, p.added
            )
        } else {
            format!(
                "Compared with last year's report: {} ({year}). The cross-year checks (carry-over, documents in force) found {} problem(s).",
                p.file, p.added
            )
        };
        if p.agency_unchecked {
            line.push_str(if zh {
                "注意：未能识别其中一份报告的机关名称，请确认两份报告属于同一机关。"
            } else {
                " Note: the body of one of the reports was not recognised; make sure both are by the same body."
            });
        }
        let _ = writeln!(w, "  {line}");
    }
    let ident: Vec<_> = a
        .evaluations
        .iter()
        .filter(|e| e.rule == nianbao_core::rules::ids::T3_IDENTITY)
        .collect();
    if !ident.is_empty() {
        let _ = writeln!(
            w,
            "  {}",
            if zh {
                "表三勾稽关系（一+二 = 三（七）+四）："
            } else {
                "Table 3 identity (I + II = III(7) + IV):"
            }
        );
        let colon = if zh { "：" } else { ": " };
        for e in ident {
            let name = if zh { &e.instance_zh } else { &e.instance_en };
            let show =
                |n: Option<nianbao_core::Num>| n.map_or("—".to_string(), |n| n.to_string());
            let line = match e.outcome {
                Outcome::Pass => format!(
                    "{} {name}{colon}{} = {}",
                    paint(color, "32", "✓"),
                    show(e.left),
                    show(e.right)
                ),
                Outcome::Fail => format!(
                    "{} {name}{colon}{} ≠ {}",
                    paint(color, "31", "✗"),
                    show(e.left),
                    show(e.right)
                ),
                // Not a pass and not a failure: no sign between the two sides.
                Outcome::NotAssessable => format!(
                    "{} {name}{colon}{}",
                    paint(color, "33", "?"),
                    if zh {
                        "无法校验（见下方提示）"
                    } else {
                        "cannot be checked (see below)"
                    }
                ),
            };
            let _ = writeln!(w, "    {line}");
        }
    }
    for (g, gz, ge) in GROUPS {
        let members: Vec<_> = a.findings.iter().filter(|f| group_of(f) == g).collect();
        if members.is_empty() {
            continue;
        }
        let _ = writeln!(w, "  {}", paint(color, "1", if zh { gz } else { ge }));
        for f in members {
            let sev = match f.severity {
                Severity::Error => paint(color, "31", f.severity.label(lang)),
                Severity::Warning => paint(color, "33", f.severity.label(lang)),
                Severity::Info => paint(color, "36", f.severity.label(lang)),
            };
            let _ = writeln!(w, "    {sev} [{}] {}", f.rule, f.message(lang));
            if !f.suspect.is_empty() {
                let names: Vec<String> = f.suspect.iter().map(|&k| cell_words(k, lang)).collect();
                let _ = writeln!(
                    w,
                    "      {}{}",
                    if zh {
                        "可疑单元格："
                    } else {
                        "suspect cells: "
                    },
                    names.join(if zh { "、" } else { "; " })
                );
            }
        }
    }
}
