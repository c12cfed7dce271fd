//! What users read, checked for the three ways it has gone wrong: a template placeholder left
//! unfilled (`{kind}`), an internal cell key (`T3.R1.C7`, `T4.RV.t`, `T2.norm.valid`, `R3c2`)
//! where a person should see the table, row and column as the report names them, and a label
//! cut short without an ellipsis (`部分公开(区分处理的,只计这·总计`).
//!
//! Shared by `crates/core/tests/messages.rs` (finding messages) and
//! `crates/web/tests/human.rs` (the page's view model), which include this file by path.
//! It also finds every input the checks run on: the fixtures and the real-report corpus.
#![allow(dead_code)] // each including test uses its own subset

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared/corpus` beside the repository, or the parent of `NIANBAO_CORPUS` (which names
/// its `raw/` directory).
pub fn corpus_root() -> PathBuf {
    match std::env::var_os("NIANBAO_CORPUS") {
        Some(raw) => PathBuf::from(raw).join(".."),
        None => repo().join("../shared/corpus"),
    }
}

fn files_in(dir: &Path, out: &mut Vec<PathBuf>, keep: &dyn Fn(&Path) -> bool) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files_in(&p, out, keep);
        } else if keep(&p) {
            out.push(p);
        }
    }
}

fn has_ext(p: &Path, exts: &[&str]) -> bool {
    p.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| exts.contains(&x))
}

/// One input to check: where it comes from and how to read it.
pub enum Input {
    /// A fixture case: the report text before its `==== expect ====` block (`check_text`).
    Case(PathBuf, String),
    /// A file read as the shells read it (`check_bytes`).
    File(PathBuf),
}

impl Input {
    pub fn path(&self) -> &Path {
        match self {
            Input::Case(p, _) | Input::File(p) => p,
        }
    }
}

/// Every fixture: the cases, the seed, the HTML, Word and page fixtures.
pub fn fixtures() -> Vec<Input> {
    let dir = repo().join("tests/fixtures");
    let mut out = Vec::new();
    let mut cases = Vec::new();
    files_in(&dir.join("cases"), &mut cases, &|p| has_ext(p, &["txt"]));
    for p in cases {
        let all = std::fs::read_to_string(&p).unwrap();
        let input = all
            .split("==== expect ====")
            .next()
            .unwrap_or("")
            .to_string();
        out.push(Input::Case(p, input));
    }
    let mut files = vec![dir.join("seed.txt")];
    for sub in ["html", "docx", "page"] {
        files_in(&dir.join(sub), &mut files, &|_| true);
    }
    out.extend(files.into_iter().map(Input::File));
    assert!(
        out.len() >= 35,
        "fixtures not found under {}",
        dir.display()
    );
    out
}

/// Every real report of the corpus: `raw/` (text and HTML) and the peer reports that come as
/// text, Markdown or HTML (PDFs as their extracted text). `None` when the corpus is missing,
/// which fails under `CI`.
pub fn corpus() -> Option<Vec<Input>> {
    let root = corpus_root();
    if !root.join("raw").is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "corpus not found at {}",
            root.display()
        );
        println!("corpus not found at {}: skipped", root.display());
        return None;
    }
    let mut files = Vec::new();
    files_in(&root.join("raw"), &mut files, &|p| {
        has_ext(p, &["txt", "html", "htm", "docx"])
    });
    files_in(&root.join("peer"), &mut files, &|p| {
        has_ext(p, &["txt", "md", "html", "htm", "docx"])
            && p.file_name().is_some_and(|n| n != "README.md")
    });
    assert!(
        files.len() >= 20,
        "corpus at {} is incomplete",
        root.display()
    );
    Some(files.into_iter().map(Input::File).collect())
}

/// The national labels that messages name (表三 rows, 表二 rows and columns, 表四 groups,
/// section headings), from format.md §3; with the report's own labels they are what a cut
/// label is recognised by.
pub const NATIONAL_LABELS: &[&str] = &[
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "（四）无法提供",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "（五）不予处理",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
    "本年收费金额（单位：万元）",
    "行政诉讼·未经复议直接起诉",
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// The form labels are compared in: full-width ASCII as half-width, 、 as a comma, curly
/// quotes straight, white space dropped (reports write the same label all these ways).
fn fold(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '、' => ',',
            '“' | '”' => '"',
            c => c,
        })
        .collect()
}

/// A folded label without its leading numbering (`三、`, `(二)`, `1.`): messages may name a
/// row either way.
fn unnumbered(label: &[char]) -> &[char] {
    let numbering = |c: char| "0123456789一二三四五六七八九十().,".contains(c);
    let start = label
        .iter()
        .position(|&c| !numbering(c))
        .unwrap_or(label.len());
    &label[start..]
}

/// Where a label's name may stop (in folded text): what separates names in lists and quotes.
fn ends_a_name(c: Option<&char>) -> bool {
    match c {
        None => true,
        Some(c) => "·\"」,;/:)".contains(*c),
    }
}

/// `{name}` placeholders left in `s`.
pub fn unfilled(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with('}') {
            out.push(format!("{{{}}}", &after[..name_len]));
        }
        rest = after;
    }
    out
}

/// Whether an ASCII word is a canonical cell key or a part of one (format.md §10).
fn is_key(word: &str) -> bool {
    let b = word.as_bytes();
    if ["T2.", "T3.", "T4."].iter().any(|p| word.starts_with(p)) {
        return true;
    }
    // Rows R1, R2, R4, R3a…R3g, R3c1…R3f3; columns C1…C7; 表四 groups.
    let row = b.len() >= 2
        && b[0] == b'R'
        && b[1].is_ascii_digit()
        && match &b[2..] {
            [] => true,
            [l] => l.is_ascii_lowercase(),
            [l, d] => l.is_ascii_lowercase() && d.is_ascii_digit(),
            _ => false,
        };
    let col = b.len() == 2 && b[0] == b'C' && (b'1'..=b'7').contains(&b[1]);
    row || col || ["RV", "LD", "LR"].contains(&word)
}

/// Internal keys in `s`: ASCII words (letters, digits, `.`, `_`) that are cell keys.
pub fn keys_in(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_')) {
        let word = word.trim_matches('.');
        if !word.is_empty() && is_key(word) {
            out.push(word.to_string());
        }
    }
    out
}

/// Labels of `labels` that `s` names cut short without an ellipsis: a start of the label
/// (six characters or more, numbering left out or not) that ends where a name ends (before
/// `·`, `”`, `、`, the end…) instead of going on with the label or with `…`.
pub fn cut_labels(s: &str, labels: &[String]) -> Vec<String> {
    let text = fold(s);
    let folded: Vec<Vec<char>> = labels.iter().map(|l| fold(l)).collect();
    // A label that is the start of a longer one (三、本年度办理结果 of
    // 三、本年度办理结果（一）予以公开) is a name of its own, not a cut.
    let whole = |p: &[char]| folded.iter().any(|f| f == p || unnumbered(f) == p);
    let mut out = Vec::new();
    for full in &folded {
        for form in [&full[..], unnumbered(full)] {
            if form.len() < 7 {
                continue;
            }
            // Each place the label's first six characters start: how far the label goes on.
            for at in 0..text.len() {
                if text[at] != form[0] {
                    continue;
                }
                let same = text[at..]
                    .iter()
                    .zip(form)
                    .take_while(|(a, b)| a == b)
                    .count();
                if same < 6 || same == form.len() {
                    continue;
                }
                let prefix = &form[..same];
                let next = text.get(at + same);
                if next != Some(&'…') && ends_a_name(next) && !whole(prefix) {
                    let cut: String = prefix.iter().collect();
                    if !out.contains(&cut) {
                        out.push(cut);
                    }
                }
            }
        }
    }
    out
}

/// Everything wrong with one human-facing string: unfilled placeholders, internal keys and
/// cut labels, each described.
pub fn problems(s: &str, labels: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for p in unfilled(s) {
        out.push(format!("unfilled {p}"));
    }
    for k in keys_in(s) {
        out.push(format!("internal key {k}"));
    }
    for c in cut_labels(s, labels) {
        out.push(format!("label cut without an ellipsis: {c}"));
    }
    out
}

#[cfg(test)]
mod self_test {
    use super::*;

    #[test]
    fn each_check_finds_what_it_is_for() {
        let labels = vec![
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）".to_string(),
            "三、本年度办理结果 (一) 予以公开".to_string(),
        ];
        assert_eq!(
            unfilled("{kind}：“三是” {x} {} {1a} {"),
            ["{kind}", "{x}", "{1a}"]
        );
        assert_eq!(
            keys_in("可疑单元格：T4.RV.t、R3c2 和 C7；T2.norm.valid."),
            ["T4.RV.t", "R3c2", "C7", "T2.norm.valid"]
        );
        assert!(keys_in("2024年 C8 R Rc RVs 表三 1.5 T5.x").is_empty());
        assert_eq!(
            cut_labels(
                "本年度办理结果(一)予以公开·总计；部分公开(区分处理的,只计这·总计",
                &labels
            ),
            ["部分公开(区分处理的,只计这"]
        );
        assert!(cut_labels(
            "“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”行；“部分公开(区分处理的…”",
            &labels
        )
        .is_empty());
        assert_eq!(
            problems("“三、本年度办理结果 (一) 予以公开”行", &labels),
            Vec::<String>::new()
        );
    }
}
