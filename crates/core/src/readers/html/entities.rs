//! Character references: numeric ones with the Windows-1252 remapping of the spec, named
//! ones from a table of the entities that occur in Chinese pages and Office output, and
//! the legacy names that browsers decode without `;`.

/// Named character references that occur in Chinese government pages and Office output.
/// Sorted by name for binary search. Unknown names stay as written.
static ENTITIES: &[(&str, &str)] = &[
    ("AMP", "&"),
    ("GT", ">"),
    ("LT", "<"),
    ("QUOT", "\""),
    ("acute", "\u{B4}"),
    ("alpha", "α"),
    ("amp", "&"),
    ("apos", "'"),
    ("asymp", "≈"),
    ("beta", "β"),
    ("brvbar", "¦"),
    ("bull", "•"),
    ("cent", "¢"),
    ("circ", "ˆ"),
    ("copy", "©"),
    ("darr", "↓"),
    ("deg", "°"),
    ("divide", "÷"),
    ("emsp", "\u{2003}"),
    ("ensp", "\u{2002}"),
    ("euro", "€"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("ge", "≥"),
    ("gt", ">"),
    ("harr", "↔"),
    ("hellip", "…"),
    ("iexcl", "¡"),
    ("infin", "∞"),
    ("iquest", "¿"),
    ("laquo", "«"),
    ("larr", "←"),
    ("ldquo", "“"),
    ("le", "≤"),
    ("lowast", "∗"),
    ("loz", "◊"),
    ("lrm", ""),
    ("lsaquo", "‹"),
    ("lsquo", "‘"),
    ("lt", "<"),
    ("macr", "¯"),
    ("mdash", "—"),
    ("micro", "µ"),
    ("middot", "·"),
    ("minus", "−"),
    ("nbsp", "\u{A0}"),
    ("ndash", "–"),
    ("ne", "≠"),
    ("not", "¬"),
    ("ordf", "ª"),
    ("ordm", "º"),
    ("para", "¶"),
    ("permil", "‰"),
    ("plusmn", "±"),
    ("pound", "£"),
    ("prime", "′"),
    ("quot", "\""),
    ("raquo", "»"),
    ("rarr", "→"),
    ("rdquo", "”"),
    ("reg", "®"),
    ("rlm", ""),
    ("rsaquo", "›"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("sect", "§"),
    ("shy", ""),
    ("sup1", "¹"),
    ("sup2", "²"),
    ("sup3", "³"),
    ("thinsp", "\u{2009}"),
    ("times", "×"),
    ("trade", "™"),
    ("uarr", "↑"),
    ("uml", "¨"),
    ("yen", "¥"),
    ("zwj", ""),
    ("zwnj", ""),
];

/// Names that browsers also decode without the final ';' (a subset of the legacy list).
const LEGACY: &[&str] = &[
    "AMP", "GT", "LT", "QUOT", "amp", "copy", "gt", "lt", "nbsp", "quot", "reg",
];

/// Windows-1252 meanings of the numeric references 0x80–0x9F (HTML §13.2.5.80).
static C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Appends `s` with its character references decoded.
pub(super) fn decode_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match reference(after) {
            Some((d, used)) => {
                match d {
                    Decoded::Char(c) => out.push(c),
                    Decoded::Str(t) => out.push_str(t),
                }
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

enum Decoded {
    Char(char),
    Str(&'static str),
}

/// A character reference at the start of `s` (just after '&'): its text and the bytes it
/// used, or None when it is not one.
fn reference(s: &str) -> Option<(Decoded, usize)> {
    let b = s.as_bytes();
    if b.first() == Some(&b'#') {
        let hex = matches!(b.get(1), Some(b'x' | b'X'));
        let d0 = if hex { 2 } else { 1 };
        let n = b[d0.min(b.len())..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if n == 0 {
            return None;
        }
        let digits = &s[d0..d0 + n];
        let v = if n > 8 {
            u32::MAX
        } else {
            u32::from_str_radix(digits, if hex { 16 } else { 10 }).unwrap_or(u32::MAX)
        };
        let mut used = d0 + n;
        if b.get(used) == Some(&b';') {
            used += 1;
        }
        let c = match v {
            0 => '\u{FFFD}',
            0x80..=0x9F => C1[(v - 0x80) as usize],
            _ => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        return Some((Decoded::Char(c), used));
    }
    let n = b
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if n == 0 {
        return None;
    }
    let name = &s[..n];
    if b.get(n) == Some(&b';') {
        if let Ok(k) = ENTITIES.binary_search_by(|e| e.0.cmp(name)) {
            return Some((Decoded::Str(ENTITIES[k].1), n + 1));
        }
    }
    // Without ';' (or unknown with it): the longest legacy name the text starts with, as
    // browsers do in text ("&nbsp2" is NBSP + "2").
    let legacy = LEGACY
        .iter()
        .filter(|l| name.starts_with(*l))
        .max_by_key(|l| l.len())?;
    let k = ENTITIES.binary_search_by(|e| e.0.cmp(legacy)).ok()?;
    Some((Decoded::Str(ENTITIES[k].1), legacy.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        let mut s = String::new();
        decode_into(
            "a&nbsp;b&amp;c&#20013;&#x6587;&lt&foo;&#150;&nbsp2&copy;&",
            &mut s,
        );
        assert_eq!(s, "a\u{A0}b&c中文<&foo;–\u{A0}2©&");
    }
}
