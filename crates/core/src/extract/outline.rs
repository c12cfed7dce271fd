//! The report's outline: its title, issuing body and year, its top-level sections (by their
//! headings, on their own lines or inside run-together page text), which 表二 header words
//! it has, and the format it follows.

use super::lines::Line;
use crate::format::{self, t2, t3, Table};
use crate::model::{DetectedFormat, RowRead, Section, Span};
use crate::text::{cn_digit, fold, is_space, parse_uint, split_numbering, trim_wide, Numbering};

/// What the report says about itself, read before its tables.
#[derive(Debug)]
pub(super) struct Outline {
    pub title: Option<String>,
    pub year: Option<u32>,
    pub agency: Option<String>,
    pub sections: Vec<Section>,
    /// 表二's header words of the 2021 format appear in the text.
    has_2021: bool,
    /// 表二's header words of the 2019 format appear in the text.
    has_2019: bool,
}

impl Outline {
    /// Reads the outline of `lines`; `all` is every line folded ([`super::lines::fold_all`]),
    /// `len` the length of the text the spans index into.
    pub fn read(lines: &[Line], all: &str, len: usize) -> Outline {
        let (title, year, agency) = find_title(lines);
        Outline {
            title,
            year,
            agency,
            sections: find_sections(lines, len),
            has_2021: t2::MARKERS_2021.iter().any(|m| all.contains(m)),
            has_2019: t2::MARKERS_2019.iter().any(|m| all.contains(m)),
        }
    }

    /// The format whose 表二 rows are looked for: 2019 when only its header words are there.
    pub fn t2_format(&self) -> DetectedFormat {
        if self.has_2019 && !self.has_2021 {
            DetectedFormat::F2019
        } else {
            DetectedFormat::F2021
        }
    }

    /// The section whose heading is `line`.
    pub fn section_at(&self, line: &Line) -> Option<&Section> {
        let start = line.text_start();
        self.sections.iter().find(|s| s.heading_span.start == start)
    }

    /// The format of the report: from the 表二 header words, the 表三 rows read, the headings
    /// of the structure before 2019 (in `all`, every line folded) and the year.
    pub fn format(&self, rows: &[RowRead], all: &str) -> DetectedFormat {
        let (has_2021, has_2019, year) = (self.has_2021, self.has_2019, self.year);
        let has = |k: format::RowId| rows.iter().any(|r| r.table == Table::T3 && r.row == k);
        let t3_2021 = t3::R3F_2021.into_iter().any(has);
        let t3_2019 = has(t3::R3F);
        let any_table = rows.iter().any(|r| r.table != Table::T4);
        // The 2019 trial format applies from the 2019 reports on: an earlier report is pre-2019
        // whatever words its old statistics table shares with the new ones.
        if year.is_some_and(|y| y <= 2018) && !has(t3::R3G) {
            return DetectedFormat::Pre2019;
        }
        if has_2019 && !has_2021 {
            return DetectedFormat::F2019;
        }
        if has_2021 || t3_2021 {
            return if t3_2019 && !t3_2021 {
                DetectedFormat::Mixed
            } else {
                DetectedFormat::F2021
            };
        }
        if t3_2019 {
            return DetectedFormat::F2019;
        }
        let pre = format::sections::PRE2019_MARKERS
            .iter()
            .filter(|m| all.contains(*m))
            .count();
        if !any_table && (pre > 0 || year.is_some_and(|y| y <= 2018)) {
            return DetectedFormat::Pre2019;
        }
        DetectedFormat::Unknown
    }
}

/// Title, year and issuing body from the first lines that name the report. PDF text may wrap
/// the title over two lines ("2025 年上海市人民政府办公厅政府信息公开" / "工作年度报告"): a line
/// that is no title by itself is read together with the next one, unless that one is a title
/// by itself (then the line before may name the body: "淮安市人民政府" / "2024年…年度报告").
fn find_title(ls: &[Line]) -> (Option<String>, Option<u32>, Option<String>) {
    let mut lines: Vec<&str> = Vec::new();
    for line in ls.iter().take(60) {
        let t = trim_wide(&line.text);
        if !t.is_empty() {
            lines.push(t);
        }
    }
    for (i, t) in lines.iter().enumerate() {
        let f = fold(t);
        let joined;
        let f_title = match title_text(&f) {
            Some(title) => title,
            None => {
                let Some(next) = lines.get(i + 1).map(|n| fold(n)) else {
                    continue;
                };
                if f.contains("年度报告") || title_text(&next).is_some() {
                    continue;
                }
                joined = format!("{f}{next}");
                match title_text(&joined) {
                    Some(title) => title,
                    None => continue,
                }
            }
        };
        let prev_nonempty = i.checked_sub(1).and_then(|j| lines.get(j)).copied();
        let (year, before) = year_in(f_title);
        let mut agency = before
            .map(|b| b.trim_end_matches(['(', '（']).to_string())
            .filter(|b| !b.is_empty());
        if agency.is_none() {
            // "2024年洛阳市科学技术局政府信息公开工作年度报告"
            if let Some(y) = year {
                let ys = format!("{y}年");
                if let Some(i) = f_title.find(&ys) {
                    let rest = &f_title[i + ys.len()..];
                    let rest = rest.strip_prefix("度").unwrap_or(rest);
                    if let Some(j) = rest.find("政府信息公开") {
                        let a = &rest[..j];
                        if !a.is_empty() {
                            agency = Some(a.to_string());
                        }
                    }
                }
            }
        }
        if agency.is_none() {
            // Title split over two lines (PDF): the line before names the body.
            agency = prev_nonempty
                .map(fold)
                .filter(|p| p.chars().count() <= 30 && !p.contains("年度报告"));
        }
        let title = match (&agency, f_title.starts_with(|c: char| c.is_ascii_digit())) {
            (Some(a), true) if !f_title.contains(a.as_str()) => format!("{a}{f_title}"),
            _ => f_title.to_string(),
        };
        return (Some(title), year, agency);
    }
    (None, None, None)
}

/// The report's title in a folded line: names a 信息公开…年度报告, short, and a heading rather
/// than a sentence (a sentence that mentions "本年度报告根据《…信息公开条例》" is no title).
/// "标题: …" metadata lines of saved pages carry the title too.
fn title_text(f: &str) -> Option<&str> {
    let t = f.strip_prefix("标题:").unwrap_or(f).trim_start_matches('#');
    let sentence = t.contains(['。', ',', ';', '《']);
    (t.contains("年度报告") && t.contains("信息公开") && t.chars().count() < 80 && !sentence)
        .then_some(t)
}

/// A 4-digit year followed by 年 (or 年度), and the text before it.
fn year_in(f: &str) -> (Option<u32>, Option<&str>) {
    let b = f.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && f[i + 4..].starts_with('年')
        {
            let y: u32 = parse_uint(&f[i..i + 4]).unwrap_or(0);
            if (1990..=2100).contains(&y) {
                return (Some(y), Some(&f[..i]));
            }
        }
        i += 1;
    }
    (None, None)
}

/// Top-level section headings, by keyword, in input order.
fn find_sections(ls: &[Line], len: usize) -> Vec<Section> {
    let mut found: Vec<Section> = Vec::new();
    for line in ls {
        let f: &str = &line.folded;
        let t = trim_wide(&line.text);
        if t.is_empty() || f.chars().count() > 60 {
            continue;
        }
        if line.tabbed && line.toks.iter().filter(|x| !x.text.is_empty()).count() > 1 {
            continue;
        }
        // Dirty prefixes seen in the wild ("l六、…"): skip one stray ASCII letter; markdown
        // heading marks ("## 四、…") from converters.
        let f = f.trim_start_matches(['#', '*']);
        let f2 = match f.chars().next() {
            Some(c) if c.is_ascii_alphabetic() => &f[1..],
            _ => f,
        };
        let (num, rest) = split_numbering(f2);
        let Some(Numbering::Top(n)) = num else {
            continue;
        };
        let Some(spec) = format::sections::heading(rest) else {
            continue;
        };
        if found.iter().any(|s| s.number == spec.number) {
            continue;
        }
        let start = line.text_start();
        found.push(Section {
            number: spec.number,
            written_number: Some(n),
            heading: t.to_string(),
            heading_span: Span::new(
                start,
                if line.exact {
                    start + t.len()
                } else {
                    line.end
                },
            ),
            span: Span::new(start, len),
        });
    }
    if found.len() < 3 {
        inline_sections(ls, &mut found);
        // In order of position, ties in the order found: `(start, index)` pairs.
        let mut order: Vec<(usize, usize)> = found.iter().map(|s| s.span.start).zip(0..).collect();
        order.sort_unstable();
        let mut taken: Vec<Option<Section>> = found.into_iter().map(Some).collect();
        found = order.iter().filter_map(|&(_, i)| taken[i].take()).collect();
    }
    let mut starts = Vec::with_capacity(found.len());
    for s in &found {
        starts.push(s.span.start);
    }
    for s in found.iter_mut() {
        if let Some(next) = starts.iter().filter(|&&x| x > s.span.start).min() {
            s.span.end = *next;
        }
    }
    found
}

/// Page text saved from some CMSs runs the whole report into one line: find headings
/// inside lines (`… 二、主动公开政府信息情况 第二十条…`).
fn inline_sections(ls: &[Line], found: &mut Vec<Section>) {
    for line in ls {
        let chars: Vec<(usize, char)> = line.text.char_indices().collect();
        for w in 0..chars.len().saturating_sub(2) {
            let (i, c) = chars[w];
            let Some(n) = cn_digit(c) else {
                continue;
            };
            if chars[w + 1].1 != '、' || (w > 0 && cn_digit(chars[w - 1].1).is_some()) {
                continue;
            }
            let end = chars.get(w + 2 + 16).map_or(line.text.len(), |x| x.0);
            let window = &line.text[chars[w + 2].0..end];
            let cut = window.find(['。', '；', '：', ';']).unwrap_or(window.len());
            let rest = fold(&window[..cut]);
            let Some(spec) = format::sections::heading(&rest) else {
                continue;
            };
            if found.iter().any(|s| s.number == spec.number) {
                continue;
            }
            let start = line.abs(i);
            let hend = chars
                .iter()
                .skip(w + 2)
                .find(|x| is_space(x.1))
                .map_or(end, |x| x.0)
                .min(end);
            found.push(Section {
                number: spec.number,
                written_number: Some(n),
                heading: line.text[i..hend].to_string(),
                heading_span: Span::new(start, line.abs(hend).max(start)),
                span: Span::new(start, line.end),
            });
        }
    }
}
