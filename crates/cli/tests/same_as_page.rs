//! One presentation: the same reports through the CLI's human output (the binary, `check
//! --color never`) and through the page's view model (`nianbao_web::view`) give the same
//! verdict line, the same finding groups in the same order, the same findings in each group
//! in the same order (severity, rule, message) and the same cells in words under each. Run on
//! every fixture case and on the corpus's reports, in Chinese and in English.

mod common;

use common::{case_input, case_names, corpus, run, TempDir};
use nianbao_core::Lang;
use nianbao_web::view::{FileEntry, FindingView, PageView};

/// A finding as listed: its line (`错误 [RULE] message`) and the lines of its cells.
type Listed = (String, Vec<String>);

/// What a shell lists: the verdict with the counts, then `(group title, findings)` in order.
#[derive(Debug, PartialEq)]
struct Shown {
    verdict: String,
    groups: Vec<(String, Vec<Listed>)>,
}

/// The CLI's human output of one report, read back: the verdict line without the file name,
/// the group headings (two spaces in, a group's title), the findings under them (four spaces
/// in, `SEVERITY [RULE] message`) and their cell lines (six spaces in).
fn from_cli(out: &str, name: &str) -> Shown {
    let titles: Vec<&str> = nianbao_core::present::GROUPS
        .iter()
        .flat_map(|g| [g.zh, g.en])
        .collect();
    let mut lines = out.lines();
    let verdict = lines
        .next()
        .unwrap_or("")
        .replacen(&format!("  {name}"), "", 1)
        .replacen("  ", "", 1);
    let mut groups: Vec<(String, Vec<Listed>)> = Vec::new();
    for line in lines {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let text = line.trim_start_matches(' ').to_string();
        match (indent, groups.last_mut()) {
            (2, _) if titles.contains(&text.as_str()) => groups.push((text, Vec::new())),
            (4, Some((_, fs))) if text.contains(" [") => fs.push((text, Vec::new())),
            (6, Some((_, fs))) if !fs.is_empty() => fs.last_mut().unwrap().1.push(text),
            _ => {}
        }
    }
    Shown { verdict, groups }
}

/// The same from the page's view model.
fn from_page(v: &PageView, lang: Lang) -> Shown {
    let t = |zh: &str, en: &str| match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    };
    let v_ = v.verdict();
    let label = format!("【{}】", v_.verdict.label(lang));
    let PageView::Report(r) = v else {
        return Shown {
            verdict: label,
            groups: Vec::new(),
        };
    };
    let counts = nianbao_core::present::counts(v_.errors, v_.warnings, v_.infos, lang);
    let verdict = format!("{label}{counts}");
    let listed = |f: &FindingView| -> Listed {
        let line = format!(
            "{} [{}] {}",
            t(f.severity_zh, f.severity),
            f.rule,
            t(&f.message, &f.message_en)
        );
        let cells = f
            .suspect_words
            .iter()
            .chain(&f.cells_words)
            .map(|(zh, en)| t(zh, en))
            .collect();
        (line, cells)
    };
    let groups = r
        .groups()
        .into_iter()
        .map(|(_, zh, en, fs)| (t(zh, en), fs.into_iter().map(listed).collect()))
        .collect();
    Shown { verdict, groups }
}

/// Compares the two shells on `files` (name, bytes); returns how many findings were compared.
fn compare(tag: &str, files: &[(String, Vec<u8>)]) -> usize {
    let dir = TempDir::new(tag);
    let mut compared = 0;
    for (name, bytes) in files {
        dir.write(name, bytes);
        let checked = nianbao_core::check_bytes(bytes, Some(name));
        let entry = FileEntry::read(name, None, checked);
        for (lang, arg) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
            let out = run(
                &["check", name, "--color", "never", "--lang", arg],
                None,
                Some(dir.path()),
            );
            let cli = from_cli(&String::from_utf8_lossy(&out.stdout), name);
            let page = from_page(&entry.view, lang);
            assert_eq!(cli, page, "{name} ({arg}): the CLI and the page differ");
            compared += page.groups.iter().map(|g| g.1.len()).sum::<usize>();
        }
    }
    compared
}

#[test]
fn fixtures_list_the_same_groups_in_the_same_order_as_the_page() {
    let files: Vec<(String, Vec<u8>)> = case_names()
        .into_iter()
        .map(|n| {
            let text = case_input(&n);
            (n, text.into_bytes())
        })
        .collect();
    let n = compare("same-as-page-fixtures", &files);
    assert!(n > 50, "only {n} findings compared");
}

#[test]
fn corpus_reports_list_the_same_groups_in_the_same_order_as_the_page() {
    let names = [
        "003_pingtan_2021.txt",
        "008_shanghai-bgt_2019.html",
        "009_huaian_2024.txt",
        "010_hongze_2023.txt",
        "011_hongze_2024.txt",
        "012_pingtan_2018.txt",
    ];
    let mut files = Vec::new();
    for n in names {
        let Some(path) = corpus(n) else { return };
        files.push((n.to_string(), std::fs::read(path).unwrap()));
    }
    let n = compare("same-as-page-corpus", &files);
    assert!(n > 10, "only {n} findings compared");
}
