//! `nianbao` — check 政府信息公开工作年度报告 from the command line.
//!
//! A thin shell over `nianbao-core`: reads files, prints text / JSON / CSV, sets the exit
//! code. All knowledge of reports lives in the core.

use nianbao_contract::{checked_dto, unreadable_dto, RunDto, SpanUnits, CONTRACT_VERSION};
use nianbao_core::{Analysis, CellValue, Lang, Outcome, Severity, Verdict};
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
        Err(msg) => {
            eprintln!("{msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn parse_opts(args: &[String]) -> Result<Opts, String> {
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
        let mut value = |flag: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{flag} 需要一个值 / {flag} needs a value"))
        };
        match name {
            "--format" | "-f" => {
                o.format = match value("--format")?.as_str() {
                    "text" => Out::Text,
                    "json" => Out::Json,
                    "csv" => Out::Csv,
                    "cells" => Out::Cells,
                    v => {
                        return Err(format!(
                            "未知输出格式 / unknown format: {v}（text|json|csv|cells）"
                        ))
                    }
                }
            }
            "--lang" => {
                let v = value("--lang")?;
                o.lang = Lang::parse(&v)
                    .ok_or_else(|| format!("未知语言 / unknown language: {v}（zh|en）"))?;
            }
            "--last" => o.last = Some(value("--last")?),
            "-" => o.files.push("-".into()),
            s if s.starts_with('-') => return Err(format!("未知选项 / unknown option: {s}")),
            s => o.files.push(s.to_string()),
        }
    }
    Ok(o)
}

fn run(args: &[String]) -> Result<u8, String> {
    let Some(cmd) = args.first() else {
        return Err("缺少命令 / missing command".into());
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
            for r in nianbao_core::RULES {
                let title = if o.lang == Lang::Zh {
                    r.title_zh
                } else {
                    r.title_en
                };
                println!("{:<18} {:<8} {}", r.id, r.severity.as_str(), title);
            }
            Ok(0)
        }
        "explain" => {
            let o = parse_opts(&args[1..])?;
            let [id] = o.files.as_slice() else {
                return Err("explain 需要一个规则编号 / explain takes one rule id".into());
            };
            let Some(r) = nianbao_core::find_rule(id) else {
                return Err(format!(
                    "没有规则 / no rule: {id}（nianbao rules 列出全部规则）"
                ));
            };
            let zh = o.lang == Lang::Zh;
            println!("{} — {}", r.id, if zh { r.title_zh } else { r.title_en });
            println!(
                "{}: {}   {}: {}",
                if zh { "级别" } else { "severity" },
                r.severity.label(o.lang),
                if zh { "适用范围" } else { "scope" },
                r.scope.describe(o.lang)
            );
            println!();
            println!("{}", if zh { r.doc_zh } else { r.doc_en });
            Ok(0)
        }
        "check" => {
            let o = parse_opts(&args[1..])?;
            if o.files.is_empty() {
                return Err("check 需要至少一个文件（- 表示标准输入）/ check needs at least one file (- for stdin)".into());
            }
            if o.last.is_some() && o.files.len() != 1 {
                return Err(
                    "--last 只能与一个报告文件一起使用 / --last goes with exactly one report file"
                        .into(),
                );
            }
            Ok(check(&o))
        }
        other => Err(format!("未知命令 / unknown command: {other}")),
    }
}

fn read_input(path: &str) -> Result<Vec<u8>, String> {
    let limit = nianbao_core::input::MAX_INPUT_BYTES as u64 + 1;
    let mut buf = Vec::new();
    let res = if path == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut buf)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut buf))
    };
    res.map_err(|e| format!("无法读取文件 {path}：{e} / cannot read {path}: {e}"))?;
    Ok(buf)
}

fn check(o: &Opts) -> u8 {
    let mut reports = Vec::new();
    let mut any_error = false;
    let mut any_unreadable = false;
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut stdout = std::io::stdout().lock();
    if o.format == Out::Csv {
        let _ = writeln!(
            stdout,
            "file,verdict,rule,severity,outcome,cells,expected,actual,suspect,message"
        );
    } else if o.format == Out::Cells {
        let _ = writeln!(stdout, "file,cell,state,value");
    }
    // Last year's report, when given, is read first: an unreadable one stops the run.
    let last = match &o.last {
        Some(p) => match read_input(p).map(|b| nianbao_core::check_bytes(&b, Some(p))) {
            Ok(c) if c.analysis.report.status == nianbao_core::ReadStatus::Ok => Some(c),
            Ok(c) => {
                let msg = match &c.analysis.report.status {
                    nianbao_core::ReadStatus::Unreadable { zh, en } => {
                        if o.lang == Lang::Zh {
                            zh.clone()
                        } else {
                            en.clone()
                        }
                    }
                    nianbao_core::ReadStatus::Ok => String::new(),
                };
                eprintln!("上一年度报告无法读取 / last year's report cannot be read: {p}: {msg}");
                return 2;
            }
            Err(msg) => {
                eprintln!("{msg}");
                return 2;
            }
        },
        None => None,
    };
    for path in &o.files {
        let name = if path == "-" {
            "<stdin>"
        } else {
            path.as_str()
        };
        let checked = match read_input(path) {
            Ok(bytes) => {
                let mut c = nianbao_core::check_bytes(&bytes, Some(name));
                if let Some(last) = &last {
                    nianbao_core::check_pair(&mut c.analysis, &last.analysis);
                }
                c
            }
            Err(msg) => {
                any_unreadable = true;
                match o.format {
                    Out::Json => reports.push(unreadable_dto(Some(name), &msg)),
                    Out::Text => {
                        let _ = writeln!(
                            stdout,
                            "{}",
                            paint(color, "1;31", &format!("✗ {name}: {msg}"))
                        );
                    }
                    Out::Csv => {
                        let _ = writeln!(stdout, "{},unreadable,,,,,,,,{}", csv(name), csv(&msg));
                    }
                    Out::Cells => {}
                }
                continue;
            }
        };
        let a = &checked.analysis;
        if a.report.status != nianbao_core::ReadStatus::Ok {
            any_unreadable = true;
        }
        any_error |= a.verdict() == Verdict::Fail;
        match o.format {
            Out::Json => reports.push(checked_dto(&checked, Some(name), o.lang, SpanUnits::Chars)),
            Out::Text => print_text(&mut stdout, name, a, o.lang, color),
            Out::Csv => print_csv(&mut stdout, name, a, o.lang),
            Out::Cells => {
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
                eprintln!("JSON 输出失败 / JSON output failed: {e}");
                return 2;
            }
        }
    }
    if any_unreadable {
        2
    } else if any_error {
        1
    } else {
        0
    }
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

fn print_csv(w: &mut impl Write, name: &str, a: &Analysis, lang: Lang) {
    let verdict = a.verdict().as_str();
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
            csv(&f.cells.join(" ")),
            f.expected.map(|n| n.to_string()).unwrap_or_default(),
            f.actual.map(|n| n.to_string()).unwrap_or_default(),
            csv(&f.suspect.join(" ")),
            csv(&f.message(lang))
        );
    }
}

fn print_text(w: &mut impl Write, name: &str, a: &Analysis, lang: Lang, color: bool) {
    let zh = lang == Lang::Zh;
    let r = &a.report;
    let v = a.verdict();
    let vcolor = match v {
        Verdict::Pass => "1;32",
        Verdict::Warn => "1;33",
        _ => "1;31",
    };
    let counts = if zh {
        format!(
            "错误 {}，警告 {}，提示 {}",
            a.count(Severity::Error),
            a.count(Severity::Warning),
            a.count(Severity::Info)
        )
    } else {
        format!(
            "{} errors, {} warnings, {} notes",
            a.count(Severity::Error),
            a.count(Severity::Warning),
            a.count(Severity::Info)
        )
    };
    let _ = writeln!(
        w,
        "{}  {name}  ({counts})",
        paint(color, vcolor, &format!("【{}】", v.label(lang)))
    );
    if let nianbao_core::ReadStatus::Unreadable { zh: mz, en: me } = &r.status {
        let _ = writeln!(w, "  {}", if zh { mz } else { me });
        return;
    }
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
        for e in ident {
            let mark = match e.outcome {
                Outcome::Pass => paint(color, "32", "✓"),
                Outcome::Fail => paint(color, "31", "✗"),
                Outcome::NotAssessable => paint(color, "33", "?"),
            };
            let show =
                |n: Option<nianbao_core::Num>| n.map_or("—".to_string(), |n| n.to_string());
            let name = if zh { &e.instance_zh } else { &e.instance_en };
            let op = if e.outcome == Outcome::Pass {
                "="
            } else {
                "≠"
            };
            let _ = writeln!(
                w,
                "    {mark} {name}: {} {op} {}",
                show(e.left),
                show(e.right)
            );
        }
    }
    if a.findings.is_empty() {
        return;
    }
    let groups: [(&str, &str, &str); 5] = [
        ("", "格式与章节", "Format and sections"),
        ("T2", "表二", "Table 2"),
        ("T3", "表三", "Table 3"),
        ("T4", "表四", "Table 4"),
        ("TEXT", "正文", "Text"),
    ];
    for (g, gz, ge) in groups {
        let members: Vec<_> = a
            .findings
            .iter()
            .filter(|f| {
                let t = f.cells.first().map(|c| &c[..2]).unwrap_or("");
                match g {
                    "" => f.cells.is_empty() && f.span.is_none_or(|_| !f.rule.starts_with("TEXT")),
                    "TEXT" => f.cells.is_empty() && f.rule.starts_with("TEXT"),
                    _ => t == g,
                }
            })
            .collect();
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
                let _ = writeln!(
                    w,
                    "      {}{}",
                    if zh {
                        "可疑单元格："
                    } else {
                        "suspect cells: "
                    },
                    f.suspect.join(", ")
                );
            }
        }
    }
}
