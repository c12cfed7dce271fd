//! TEXT-TYPO: slips in the prose — a list of common typos, one character wrong in a standard
//! heading or table label, repeated words (unpaired marks are TEXT-PAIRING's).

use super::lexicon::{self, Lexicon, Likeness};
use super::{excerpt, is_cjk, Block};
use crate::format::{self, RowId, Table};
use crate::lang::Lang;
use crate::model::{Report, Span};
use crate::rules::{Finding, Group, Rule, RuleDoc, RuleId, Scope, Severity, Violation};
use crate::text::{fold, norm_label, one_of};
use std::sync::OnceLock;

/// TEXT-TYPO: a probable typo or repeated word.
pub(crate) const TEXT_TYPO: Rule = Rule {
    id: RuleId::TextTypo,
    severity: Severity::Warning,
    cases: &[],
    scope: Scope::All,
    group: Group::Text,
    title_zh: "疑似错别字或重复字词",
    title_en: "Probable typo or repeated word",
};

/// Why TEXT_TYPO exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const TEXT_TYPO_DOC: RuleDoc = RuleDoc {
    zh: "为什么：年度报告是正式公开的政府文件，错别字、重复字词（如“审核审核”“的的”）、标题或表格行名与统一格式不一致，都会影响报告的严肃性，也是审查中常见的扣分项。本规则检查：连续重复的字词；统一格式章节标题和表格行名中多字、少字、错字；常见的政务文稿错别字；以及固定用语的近似写法——把正文与约三千条政务常用固定用语（如“等方面”“截至目前”“予以公开”“贯彻落实”）比对，只差一个字、且这个字与原字音近或形近的（如把“等方面”写成“等反面”），判为疑似错别字。用户可以添加自己的用语（命令行 --terms 文件，网页的“自定义用语”框），按同样的方法查找，原样写出的用户用语不会被判为错字。\n怎样改：按提示核对原文并改正。提示只是“疑似”，确属正确用法的可忽略。",
    en: "Why: the annual report is a formal public document; typos, doubled words, and headings or row labels that deviate from the national format undermine it and are common review deductions. Checked: consecutive repeated words; one-character slips in the standard headings and table labels; a list of common typos in government writing; and near misses of fixed phrases: the text is compared with some three thousand fixed phrases of government writing (等方面, 截至目前, 予以公开, 贯彻落实 …), and a run of text that differs from one in a single character that sounds or looks like the phrase's (等反面 for 等方面) is a probable typo. Users can add their own terms (the CLI's --terms FILE, the page's terms box): their slips are found the same way, and a term written as it is is never taken for a slip.\nHow to fix: check the passage and correct it; these are probable, not certain, errors.",
};

/// A probable slip: the words quoted, and what is wrong with them.
struct TextTypo {
    found: String,
    slip: Slip,
}

enum Slip {
    /// A word written twice in a row.
    Repeated { word: String },
    /// A common typo, and the right word.
    Known { right: &'static str },
    /// A fixed phrase with one character changed for one that sounds or looks like it.
    NearMiss {
        right: String,
        wrong_char: char,
        right_char: char,
        likeness: Likeness,
    },
    /// A standard heading with one character wrong.
    Heading { standard: &'static str },
    /// A table label with characters dropped or changed.
    Label { standard: &'static str },
}

impl Violation for TextTypo {
    fn rule(&self) -> RuleId {
        RuleId::TextTypo
    }
    fn message(&self, lang: Lang) -> String {
        let TextTypo { found, slip } = self;
        let (kind, hint) = match (slip, lang) {
            (Slip::Repeated { word }, Lang::Zh) => ("重复字词", format!("，“{word}”连续出现两次")),
            (Slip::Repeated { word }, Lang::En) => (
                "repeated word",
                format!(", “{word}” appears twice in a row"),
            ),
            (Slip::Known { right }, Lang::Zh) => ("错别字", format!("，应为“{right}”")),
            (Slip::Known { right }, Lang::En) => ("typo", format!(", should be “{right}”")),
            (
                Slip::NearMiss {
                    right,
                    wrong_char,
                    right_char,
                    likeness,
                },
                Lang::Zh,
            ) => {
                let like = match likeness {
                    Likeness::Sound => "音近",
                    Likeness::Shape => "形近",
                };
                (
                    "错别字",
                    format!("，应为“{right}”（“{wrong_char}”与“{right_char}”{like}）"),
                )
            }
            (
                Slip::NearMiss {
                    right,
                    wrong_char,
                    right_char,
                    likeness,
                },
                Lang::En,
            ) => {
                let like = match likeness {
                    Likeness::Sound => "sound alike",
                    Likeness::Shape => "look alike",
                };
                (
                    "typo",
                    format!(", should be “{right}” ({wrong_char} and {right_char} {like})"),
                )
            }
            (Slip::Heading { standard }, Lang::Zh) => {
                ("标题错字", format!("，统一格式为“{standard}”"))
            }
            (Slip::Heading { standard }, Lang::En) => (
                "heading typo",
                format!(", the national format says “{standard}”"),
            ),
            (Slip::Label { standard }, Lang::Zh) => {
                ("表格行名错字", format!("，统一格式为“{standard}”"))
            }
            (Slip::Label { standard }, Lang::En) => (
                "typo in a table label",
                format!(", the national format says “{standard}”"),
            ),
        };
        match lang {
            Lang::Zh => format!("疑似{kind}：“{found}”{hint}"),
            Lang::En => format!("Probable {kind}: “{found}”{hint}"),
        }
    }
}

fn typo(out: &mut Vec<Finding>, span: Span, found: String, slip: Slip) {
    out.push(Finding::new(&TextTypo { found, slip }).at(Some(span)));
}

/// Common typos in government writing: (wrong, right). Only slips known to be common in
/// such writing belong here, never a phrase taken from the test corpus: a check must find
/// slips by a general method, not by knowing the answer.
pub(super) const TYPOS: &[(&str, &str)] = &[
    ("截止目前", "截至目前"),
    ("截止到目前", "截至目前"),
    ("按排", "安排"),
    ("一如继往", "一如既往"),
    ("再接再励", "再接再厉"),
    ("迫不急待", "迫不及待"),
    ("既使", "即使"),
    ("必竟", "毕竟"),
    ("由其是", "尤其是"),
    ("部份", "部分"),
    ("严励", "严厉"),
    ("关健", "关键"),
    ("凭心而论", "平心而论"),
    ("默守成规", "墨守成规"),
    ("政府信息公开条列", "政府信息公开条例"),
    ("信息处理费管理办理", "信息处理费管理办法"),
];

/// Single characters that are never legitimately doubled in report prose.
const NEVER_DOUBLED: &str = "的了在和与及对将把被于从向";

/// Table header words: flattened headers repeat them (结果 结果 …), which is not a slip.
const HEADER_WORDS: &[&str] = &[
    "结果", "总计", "其他", "维持", "纠正", "审结", "尚未", "合计",
];

pub(super) fn doubled_words(prose: &[Block], out: &mut Vec<Finding>) {
    for &Block {
        base,
        text: block,
        ref chars,
    } in prose
    {
        let mut i = 0;
        while i < chars.len() {
            // A repeated word is Chinese characters only.
            if !is_cjk(chars[i].1) {
                i += 1;
                continue;
            }
            let mut hit = None;
            for k in (1..=4.min((chars.len() - i) / 2)).rev() {
                // Cheapest test first: a repeat starts with the same character k places on.
                if chars[i].1 != chars[i + k].1 {
                    continue;
                }
                let a = &chars[i..i + k];
                let b = &chars[i + k..i + 2 * k];
                if a.iter().map(|x| x.1).ne(b.iter().map(|x| x.1)) || !a.iter().all(|x| is_cjk(x.1))
                {
                    continue;
                }
                if k == 1 {
                    // 的的确确 is AABB, not a slip.
                    let aabb = chars
                        .get(i + 2)
                        .zip(chars.get(i + 3))
                        .is_some_and(|(x, y)| x.1 == y.1);
                    if !one_of(NEVER_DOUBLED, a[0].1) || aabb {
                        continue;
                    }
                }
                let word: String = a.iter().map(|x| x.1).collect();
                if HEADER_WORDS.contains(&word.as_str()) {
                    continue;
                }
                hit = Some(k);
                break;
            }
            match hit {
                Some(k) => {
                    let s = chars[i].0;
                    let e = chars.get(i + 2 * k).map_or(block.len(), |x| x.0);
                    let word: String = chars[i..i + k].iter().map(|x| x.1).collect();
                    typo(
                        out,
                        Span::new(base + s, base + e),
                        excerpt(block, s, e, 6, 6),
                        Slip::Repeated { word },
                    );
                    i += 2 * k;
                }
                None => i += 1,
            }
        }
    }
}

/// The known typos the text scan found (`hits`: byte offset and index into [`TYPOS`]), outside
/// table rows.
pub(super) fn known(text: &str, hits: &[(usize, usize)], out: &mut Vec<Finding>) {
    for &(i, k) in hits {
        let (wrong, right) = TYPOS[k];
        let line_start = text[..i].rfind('\n').map_or(0, |p| p + 1);
        let line_end = text[i..].find('\n').map_or(text.len(), |p| i + p);
        if text[line_start..line_end].contains('\t') {
            continue;
        }
        typo(
            out,
            Span::new(i, i + wrong.len()),
            excerpt(text, i, i + wrong.len(), 6, 6),
            Slip::Known { right },
        );
    }
}

/// Near misses of the lexicon's fixed phrases in the prose (等反面 for 等方面). `covered`:
/// the byte is inside an exact occurrence of a phrase.
pub(super) fn near_misses(
    prose: &[Block],
    lex: &Lexicon,
    covered: &dyn Fn(usize) -> bool,
    out: &mut Vec<Finding>,
) {
    for &Block {
        base,
        text: block,
        ref chars,
    } in prose
    {
        for m in lexicon::near_misses(lex, block, chars, &|b| covered(base + b)) {
            typo(
                out,
                Span::new(base + m.start, base + m.end),
                excerpt(block, m.start, m.end, 6, 6),
                Slip::NearMiss {
                    right: lex.phrase(m.phrase),
                    wrong_char: m.wrong,
                    right_char: m.right,
                    likeness: m.likeness,
                },
            );
        }
    }
}

/// One-character slips in the standard section headings (行政法复议).
pub(super) fn headings(report: &Report, out: &mut Vec<Finding>) {
    for s in &report.sections {
        let Some(spec) = format::section(s.number) else {
            continue;
        };
        let written = norm_label(&s.heading);
        let standard = norm_label(spec.standard);
        if written == standard || spec.variants.iter().any(|v| written == fold(v)) {
            continue;
        }
        if one_char_slip(&written, &standard) || cut_heading_slip(&written, &standard) {
            typo(
                out,
                s.heading_span,
                s.heading.clone(),
                Slip::Heading {
                    standard: spec.standard,
                },
            );
        }
    }
}

/// 表三's standard label of `row` normalised, made once for all reports.
fn t3_standard(row: RowId) -> &'static str {
    static NORMS: OnceLock<Vec<String>> = OnceLock::new();
    let norms = NORMS.get_or_init(|| {
        Table::T3
            .rows()
            .iter()
            .map(|spec| norm_label(spec.label_zh))
            .collect()
    });
    &norms[row.index()]
}

/// Table labels with characters dropped or changed inside (其他法律行政止公开).
pub(super) fn labels(report: &Report, out: &mut Vec<Finding>) {
    for r in report
        .rows
        .iter()
        .filter(|r| r.table == Table::T3 && !r.label.is_empty())
    {
        let spec = r.spec();
        let written = norm_label(&r.label);
        let standard = t3_standard(r.row);
        if written.contains(standard) {
            continue;
        }
        if label_slip(&written, standard) {
            typo(
                out,
                r.span,
                r.label.clone(),
                Slip::Label {
                    standard: spec.label_zh,
                },
            );
        }
    }
}

/// `written` has one CJK character inserted, deleted or changed strictly inside `standard`.
/// A heading read from page text where the body runs on after it is cut at some length
/// (`四、政府信息公开行政法复议、行政诉讼`): compare it with the standard heading's start of the
/// same length, allowing the one extra or changed character of a slip.
pub(super) fn cut_heading_slip(written: &str, standard: &str) -> bool {
    let wl = written.chars().count();
    if wl < 4 || wl >= standard.chars().count() || standard.starts_with(written) {
        return false;
    }
    [wl - 1, wl].into_iter().any(|n| {
        let start: String = standard.chars().take(n).collect();
        one_char_slip(written, &start)
    })
}

pub(super) fn one_char_slip(written: &str, standard: &str) -> bool {
    let w: Vec<char> = written.chars().collect();
    let s: Vec<char> = standard.chars().collect();
    let pre = w.iter().zip(&s).take_while(|(a, b)| a == b).count();
    let suf = w
        .iter()
        .rev()
        .zip(s.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    if pre == 0 || suf == 0 {
        return false;
    }
    let (wl, sl) = (w.len(), s.len());
    let inside = |len: usize| pre + suf >= len.saturating_sub(1) && pre < len && suf < len;
    match wl as i64 - sl as i64 {
        1 => pre + suf >= sl && is_cjk(w[pre.min(wl - 1)]) && inside(wl),
        -1 => pre + suf >= wl && inside(sl),
        0 => pre + suf == sl - 1 && is_cjk(w[pre]) && is_cjk(s[pre]),
        _ => false,
    }
}

/// The written label contains the standard label with 1–3 characters dropped from its
/// middle, or with one character changed (not at either end).
pub(super) fn label_slip(written: &str, standard: &str) -> bool {
    let s: Vec<char> = standard.chars().collect();
    if s.len() < 4 {
        return false;
    }
    let w: Vec<char> = written.chars().collect();
    // Dropped from the middle: some window of the written label is s[..i] followed by s[j..]
    // (0 < i < j <= i + 3, j < len), i.e. it starts with at least i characters of the
    // standard and goes on with the standard's tail after the dropped ones.
    for start in 0..w.len() {
        let rest = &w[start..];
        let pre = rest.iter().zip(&s).take_while(|(a, b)| a == b).count();
        for i in 1..=pre.min(s.len() - 2) {
            for j in i + 1..=(i + 3).min(s.len() - 1) {
                if rest[i..].starts_with(&s[j..]) {
                    return true;
                }
            }
        }
    }
    // One character changed inside: find a window of the standard's length that differs once.
    if w.len() >= s.len() {
        for start in 0..=w.len() - s.len() {
            let win = &w[start..start + s.len()];
            let mut diffs = 0;
            let mut at = 0;
            for k in 0..s.len() {
                if win[k] != s[k] {
                    diffs += 1;
                    at = k;
                }
            }
            if diffs == 1 && at > 0 && at < s.len() - 1 && is_cjk(win[at]) {
                return true;
            }
        }
    }
    false
}
