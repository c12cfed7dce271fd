//! Text normalisation shared by the readers and the rules.
//!
//! Labels are compared after [`norm_label`]: full-width → half-width, whitespace removed,
//! quotes unified, traditional characters of the template mapped to simplified, and the
//! leading numbering (`（一）`, `1.`, `1、`, `一、`) stripped.

/// Maps one character to its comparison form (NFKC-like for the ranges that matter here).
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match c {
        // Full-width ASCII block.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200B}' | '\u{202F}' | '\u{FEFF}' => ' ',
        '“' | '”' | '「' | '」' | '『' | '』' | '〝' | '〞' | '″' => '"',
        '‘' | '’' => '\'',
        '—' | '–' | '―' | '─' => '-',
        '〔' | '【' => '[',
        '〕' | '】' => ']',
        '\u{4E00}'..='\u{9FFF}' if may_be_trad(c) => trad_to_simp(c),
        _ => c,
    }
}

/// A bit per code point modulo 4096 for the characters of [`TRAD_SIMP`]: most CJK characters
/// (simplified ones) are ruled out by one load instead of a binary search.
static TRAD_BITS: [u64; 64] = {
    let mut bits = [0u64; 64];
    let mut i = 0;
    while i < TRAD_SIMP.len() {
        let c = TRAD_SIMP[i].0 as usize & 0xFFF;
        bits[c >> 6] |= 1 << (c & 63);
        i += 1;
    }
    bits
};

fn may_be_trad(c: char) -> bool {
    may_be_trad_code(c as u32)
}

fn may_be_trad_code(c: u32) -> bool {
    let c = c as usize & 0xFFF;
    TRAD_BITS[c >> 6] & (1 << (c & 63)) != 0
}

/// The traditional characters that occur in the template's labels and headings,
/// sorted by code point for binary search.
static TRAD_SIMP: &[(char, char)] = &[
    ('內', '内'),
    ('務', '务'),
    ('單', '单'),
    ('國', '国'),
    ('報', '报'),
    ('實', '实'),
    ('審', '审'),
    ('對', '对'),
    ('屬', '属'),
    ('廢', '废'),
    ('強', '强'),
    ('後', '后'),
    ('復', '复'),
    ('採', '采'),
    ('據', '据'),
    ('數', '数'),
    ('條', '条'),
    ('機', '机'),
    ('權', '权'),
    ('況', '况'),
    ('為', '为'),
    ('無', '无'),
    ('現', '现'),
    ('發', '发'),
    ('確', '确'),
    ('範', '范'),
    ('糾', '纠'),
    ('結', '结'),
    ('經', '经'),
    ('維', '维'),
    ('總', '总'),
    ('罰', '罚'),
    ('與', '与'),
    ('萬', '万'),
    ('處', '处'),
    ('補', '补'),
    ('製', '制'),
    ('複', '复'),
    ('規', '规'),
    ('訂', '订'),
    ('計', '计'),
    ('訊', '讯'),
    ('訟', '讼'),
    ('訪', '访'),
    ('許', '许'),
    ('訴', '诉'),
    ('請', '请'),
    ('議', '议'),
    ('護', '护'),
    ('費', '费'),
    ('資', '资'),
    ('購', '购'),
    ('轉', '转'),
    ('進', '进'),
    ('門', '门'),
    ('開', '开'),
    ('關', '关'),
    ('項', '项'),
    ('題', '题'),
    ('額', '额'),
    ('類', '类'),
    ('驗', '验'),
    ('體', '体'),
];

fn trad_to_simp(c: char) -> char {
    match TRAD_SIMP.binary_search_by_key(&c, |p| p.0) {
        Ok(i) => TRAD_SIMP[i].1,
        Err(_) => c,
    }
}

/// Folds and drops all whitespace.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(&mut out, s);
    out
}

/// Appends `s` folded, whitespace dropped, to `out` ([`fold`] into a buffer that is reused).
pub fn fold_into(out: &mut String, s: &str) {
    out.reserve(s.len());
    // Runs of characters that fold to themselves (printable ASCII, common CJK characters)
    // are copied as they are; only the others are folded one by one. The runs are found on
    // the bytes: a CJK ideograph U+4E00–U+9FFF is three bytes led by E4–E9.
    let b = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        let x = b[i];
        if x.is_ascii_graphic() {
            i += 1;
            continue;
        }
        if (0xE4..=0xE9).contains(&x) && i + 2 < b.len() {
            let code =
                (x as u32 & 0x0F) << 12 | (b[i + 1] as u32 & 0x3F) << 6 | (b[i + 2] as u32 & 0x3F);
            if code >= 0x4E00 && !may_be_trad_code(code) {
                i += 3;
                continue;
            }
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        out.push_str(&s[run..i]);
        i += c.len_utf8();
        run = i;
        let c = fold_char(c);
        if !c.is_whitespace() {
            out.push(c);
        }
    }
    out.push_str(&s[run..]);
}

/// Whether `c` is one of the characters of `set` (a short list of marks such as "。；！？").
/// `set.contains(c)` would search the set for `c`'s UTF-8 bytes as a substring, with a `memcmp`
/// per candidate; the rules ask this once per character of the text.
pub fn one_of(set: &str, c: char) -> bool {
    let set = set.as_bytes();
    if c.is_ascii() {
        return set.contains(&(c as u8));
    }
    let mut buf = [0u8; 4];
    let e = c.encode_utf8(&mut buf).as_bytes();
    // A match of a whole UTF-8 sequence in UTF-8 text starts on a character boundary, so it
    // is one of the set's characters. Most characters are rejected by their last byte.
    set.contains(&e[e.len() - 1]) && set.windows(e.len()).any(|w| w == e)
}

/// Is this a whitespace character in the wide sense used by copied text (incl. U+3000, NBSP)?
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || fold_char(c) == ' '
}

/// Trims wide whitespace (NBSP, ideographic space, zero-width space, BOM) from both ends.
pub fn trim_wide(s: &str) -> &str {
    // Most cells and lines start and end with a printable ASCII character or a CJK one
    // (U+3000 is a space, U+3001 on is not): nothing to trim.
    let printable = |c: char| (c > ' ' && c < '\u{7F}') || c > '\u{3000}' && c != '\u{FEFF}';
    match (s.chars().next(), s.chars().next_back()) {
        (Some(a), Some(b)) if printable(a) && printable(b) => s,
        _ => s.trim_matches(is_space),
    }
}

/// Chinese numeral 一 … 十 as a number.
pub fn cn_digit(c: char) -> Option<u8> {
    Some(match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

pub fn cn_numeral(n: u8) -> &'static str {
    [
        "", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ]
    .get(n as usize)
    .copied()
    .unwrap_or("")
}

/// Kinds of leading numbering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Numbering {
    /// `一、` (top level).
    Top(u8),
    /// `（一）` / `(一)`.
    Paren(u8),
    /// `1.` / `1、` / `1．` / `(1)`.
    Arabic(u8),
}

/// Splits leading numbering off a folded (see [`fold`]) string.
pub fn split_numbering(folded: &str) -> (Option<Numbering>, &str) {
    let mut chars = folded.char_indices();
    match chars.next() {
        Some((_, '(')) => {
            if let Some(close) = folded.find(')') {
                let inner = &folded[1..close];
                let rest = &folded[close + 1..];
                if let Some(n) = single_cn(inner) {
                    return (Some(Numbering::Paren(n)), rest);
                }
                if let Some(n) = parse_uint::<u8>(inner) {
                    return (Some(Numbering::Arabic(n)), rest);
                }
            }
            (None, folded)
        }
        Some((_, c)) if cn_digit(c).is_some() => {
            let n = cn_digit(c).unwrap_or(0);
            let rest = &folded[c.len_utf8()..];
            match rest.chars().next() {
                Some(sep @ ('、' | '.' | ',' | '，' | ' ')) => {
                    (Some(Numbering::Top(n)), &rest[sep.len_utf8()..])
                }
                _ => (None, folded),
            }
        }
        Some((_, c)) if c.is_ascii_digit() => {
            let end = folded
                .find(|ch: char| !ch.is_ascii_digit())
                .unwrap_or(folded.len());
            let n: u8 = parse_uint(&folded[..end]).unwrap_or(0);
            let rest = &folded[end..];
            match rest.chars().next() {
                Some(sep @ ('、' | '.' | ')' | ',' | '，')) if n > 0 && n < 30 => {
                    (Some(Numbering::Arabic(n)), &rest[sep.len_utf8()..])
                }
                _ => (None, folded),
            }
        }
        _ => (None, folded),
    }
}

fn single_cn(s: &str) -> Option<u8> {
    let mut it = s.chars();
    let c = it.next()?;
    if it.next().is_some() {
        return None;
    }
    cn_digit(c)
}

/// The comparison form of a table label: folded, numbering stripped (repeatedly).
pub fn norm_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    norm_label_in(&mut out, s);
    out
}

/// [`norm_label`] into a buffer that is reused: `buf` is cleared and holds the form of `s`.
pub fn norm_label_in(buf: &mut String, s: &str) {
    buf.clear();
    fold_into(buf, s);
    let mut rest: &str = buf;
    for _ in 0..3 {
        match split_numbering(rest) {
            (Some(_), r) => rest = r,
            (None, _) => break,
        }
    }
    let cut = buf.len() - rest.len();
    buf.drain(..cut);
}

/// A 64-bit summary of a string's bytes (bit `b & 63` for each byte `b`). When `a` contains
/// `b`, `Sig::of(a)` has every bit of `Sig::of(b)`: one AND rules out most substring searches
/// for the format's keywords in a label before any search is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sig(u64);

impl Sig {
    pub const fn of(s: &str) -> Sig {
        let b = s.as_bytes();
        let mut bits = 0u64;
        let mut i = 0;
        while i < b.len() {
            bits |= 1 << (b[i] & 63);
            i += 1;
        }
        Sig(bits)
    }

    /// The bits all of `words` have: a string that contains any one of them has these.
    pub const fn common(words: &[&str]) -> Sig {
        let mut bits = if words.is_empty() { 0 } else { !0u64 };
        let mut i = 0;
        while i < words.len() {
            bits &= Sig::of(words[i]).0;
            i += 1;
        }
        Sig(bits)
    }

    /// The bits of both: a string that contains two strings has the bits of each.
    pub const fn and_all_of(self, other: Sig) -> Sig {
        Sig(self.0 | other.0)
    }

    /// Can a string of this signature contain one whose signature is `part`?
    pub fn may_contain(self, part: Sig) -> bool {
        part.0 & !self.0 == 0
    }
}

/// Digit value of an ASCII or full-width digit.
pub fn digit_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

/// A decimal integer as `str::parse::<i64>` reads it. Every integer the core parses goes
/// through this one instance (each `parse::<T>` is its own copy in the WebAssembly).
#[inline(never)]
pub(crate) fn parse_int(s: &str) -> Option<i64> {
    s.parse().ok()
}

/// An unsigned integer as `str::parse::<T>` reads it (no sign but `+`, `None` out of range).
pub(crate) fn parse_uint<T: TryFrom<i64>>(s: &str) -> Option<T> {
    if s.starts_with('-') {
        return None;
    }
    parse_int(s).and_then(|n| T::try_from(n).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_of_is_membership_in_the_set() {
        let sets = [
            "。；！？，：、",
            "X×Ｘ╳",
            "-—－第页/共PpAaGgEe.",
            "",
            "件元个条项次人%万",
            "😀a",
        ];
        // every character of the Basic Multilingual Plane and a few beyond it
        let chars = (0..=0xFFFFu32)
            .chain([0x1F600, 0x1F601, 0x2000B, 0x10FFFF])
            .filter_map(char::from_u32);
        for c in chars {
            for set in sets {
                assert_eq!(
                    one_of(set, c),
                    set.chars().any(|x| x == c),
                    "{c:?} in {set:?}"
                );
            }
        }
    }

    #[test]
    fn parse_uint_reads_as_str_parse() {
        for s in [
            "",
            "+",
            "-",
            "0",
            "-0",
            "+7",
            "-7",
            "007",
            "255",
            "256",
            "300",
            "4294967295",
            "4294967296",
            "99999999999999999999",
            " 1",
            "1 ",
            "1a",
            "１",
        ] {
            assert_eq!(parse_uint::<u8>(s), s.parse::<u8>().ok(), "{s:?}");
            assert_eq!(parse_uint::<u32>(s), s.parse::<u32>().ok(), "{s:?}");
            assert_eq!(parse_uint::<usize>(s), s.parse::<usize>().ok(), "{s:?}");
            assert_eq!(parse_int(s), s.parse::<i64>().ok(), "{s:?}");
        }
    }

    #[test]
    fn labels_normalise() {
        assert_eq!(norm_label("(一) 予以公开"), "予以公开");
        assert_eq!(norm_label("（七）总计"), "总计");
        assert_eq!(norm_label("1. 属于国家秘密"), "属于国家秘密");
        assert_eq!(
            norm_label("1、本机关不掌握相关政府信息"),
            "本机关不掌握相关政府信息"
        );
        assert_eq!(norm_label("３．危及“三安全一稳定”"), "危及\"三安全一稳定\"");
        assert_eq!(norm_label("三、本年度办理结果"), "本年度办理结果");
        assert_eq!(norm_label("第二十條第（一）項"), "第二十条第(一)项");
        assert_eq!(norm_label("结果 维持"), "结果维持");
    }

    #[test]
    fn fold_into_a_buffer_and_signatures() {
        let mut buf = String::from("old");
        norm_label_in(&mut buf, "（三） 不予公开");
        assert_eq!(buf, "不予公开");
        norm_label_in(&mut buf, "a b\tc");
        assert_eq!(buf, "abc");
        assert_eq!(fold("A\u{3000}１ 體"), "A1体");
        let mixed = "（一）主动公开。 “条例”第二十條\t１２ 件—/ \u{FEFF}ok";
        let slow: String = mixed
            .chars()
            .map(fold_char)
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(fold(mixed), slow);
        // Every character of the Basic Multilingual Plane and a few beyond, alone, in runs and
        // between others, as the definition reads.
        let by_chars = |s: &str| -> String {
            s.chars()
                .map(fold_char)
                .filter(|c| !c.is_whitespace())
                .collect()
        };
        let all: Vec<char> = (0..0x11000u32)
            .step_by(1)
            .filter_map(char::from_u32)
            .collect();
        for w in all.chunks(7) {
            let s: String = w.iter().collect();
            assert_eq!(fold(&s), by_chars(&s), "{s:?}");
            let t = format!("體{s} 中a");
            assert_eq!(fold(&t), by_chars(&t), "{t:?}");
        }
        let label = Sig::of("不予公开1.属于国家秘密");
        assert!(label.may_contain(Sig::of("国家秘密")));
        assert!(label.may_contain(Sig::common(&["属于国家秘密", "国家秘密"])));
        assert!(!label.may_contain(Sig::of("行政复议")));
        assert!(label.may_contain(Sig::common(&[])));
    }

    #[test]
    fn trim_wide_fast_path_agrees() {
        for s in [
            "a",
            " a",
            "a\u{3000}",
            "\u{FEFF}中",
            "中\u{3001}",
            "\u{1}x",
            "x\u{7F}",
            "",
            "中文",
        ] {
            assert_eq!(trim_wide(s), s.trim_matches(is_space), "{s:?}");
        }
        for c in ('\u{3001}'..='\u{FFFF}').chain('!'..='~') {
            assert!(c == '\u{FEFF}' || !is_space(c), "{c:?}");
        }
    }

    #[test]
    fn trad_table_is_sorted_and_maps() {
        assert!(TRAD_SIMP.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(TRAD_SIMP.iter().all(|&(t, s)| fold_char(t) == s));
        assert_eq!(fold("第二十條第（一）項"), "第二十条第(一)项");
    }

    #[test]
    fn numbering_is_classified() {
        assert_eq!(split_numbering("一、总体情况").0, Some(Numbering::Top(1)));
        assert_eq!(split_numbering("(三)不予公开").0, Some(Numbering::Paren(3)));
        assert_eq!(split_numbering("3.其他").0, Some(Numbering::Arabic(3)));
        assert_eq!(split_numbering("2024年").0, None);
        assert_eq!(split_numbering("一是加强").0, None);
    }
}
