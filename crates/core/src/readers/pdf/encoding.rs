//! Simple fonts' encodings (ISO 32000-1 §9.6.6, Annex D): the base encodings
//! (WinAnsiEncoding, StandardEncoding, MacRomanEncoding) and glyph names (`Differences`) →
//! Unicode. The names are those of the Adobe Glyph List for the Latin-1 and WinAnsi
//! characters (the ones a report's Latin text uses), `uniXXXX` and `uXXXX[XX]`; other names
//! are read only through a font's ToUnicode. Chinese text never goes this way: it is in
//! composite fonts (see `font.rs`).

/// Glyph names of U+00A1..=U+00FF, in order (AGL).
const LATIN1: [&str; 95] = [
    "exclamdown",
    "cent",
    "sterling",
    "currency",
    "yen",
    "brokenbar",
    "section",
    "dieresis",
    "copyright",
    "ordfeminine",
    "guillemotleft",
    "logicalnot",
    "hyphen",
    "registered",
    "macron",
    "degree",
    "plusminus",
    "twosuperior",
    "threesuperior",
    "acute",
    "mu",
    "paragraph",
    "periodcentered",
    "cedilla",
    "onesuperior",
    "ordmasculine",
    "guillemotright",
    "onequarter",
    "onehalf",
    "threequarters",
    "questiondown",
    "Agrave",
    "Aacute",
    "Acircumflex",
    "Atilde",
    "Adieresis",
    "Aring",
    "AE",
    "Ccedilla",
    "Egrave",
    "Eacute",
    "Ecircumflex",
    "Edieresis",
    "Igrave",
    "Iacute",
    "Icircumflex",
    "Idieresis",
    "Eth",
    "Ntilde",
    "Ograve",
    "Oacute",
    "Ocircumflex",
    "Otilde",
    "Odieresis",
    "multiply",
    "Oslash",
    "Ugrave",
    "Uacute",
    "Ucircumflex",
    "Udieresis",
    "Yacute",
    "Thorn",
    "germandbls",
    "agrave",
    "aacute",
    "acircumflex",
    "atilde",
    "adieresis",
    "aring",
    "ae",
    "ccedilla",
    "egrave",
    "eacute",
    "ecircumflex",
    "edieresis",
    "igrave",
    "iacute",
    "icircumflex",
    "idieresis",
    "eth",
    "ntilde",
    "ograve",
    "oacute",
    "ocircumflex",
    "otilde",
    "odieresis",
    "divide",
    "oslash",
    "ugrave",
    "uacute",
    "ucircumflex",
    "udieresis",
    "yacute",
    "thorn",
    "ydieresis",
];

/// Glyph names of ASCII punctuation and digits, U+0020..=U+007E (letters are their own names).
const ASCII: [(&str, char); 33] = [
    ("space", ' '),
    ("exclam", '!'),
    ("quotedbl", '"'),
    ("numbersign", '#'),
    ("dollar", '$'),
    ("percent", '%'),
    ("ampersand", '&'),
    ("quotesingle", '\''),
    ("parenleft", '('),
    ("parenright", ')'),
    ("asterisk", '*'),
    ("plus", '+'),
    ("comma", ','),
    ("hyphen", '-'),
    ("period", '.'),
    ("slash", '/'),
    ("colon", ':'),
    ("semicolon", ';'),
    ("less", '<'),
    ("equal", '='),
    ("greater", '>'),
    ("question", '?'),
    ("at", '@'),
    ("bracketleft", '['),
    ("backslash", '\\'),
    ("bracketright", ']'),
    ("asciicircum", '^'),
    ("underscore", '_'),
    ("grave", '`'),
    ("braceleft", '{'),
    ("bar", '|'),
    ("braceright", '}'),
    ("asciitilde", '~'),
];

const DIGITS: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

/// WinAnsiEncoding 0x80..=0x9F (`None`: undefined).
const WIN_80: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// Other names in WinAnsi and common in Latin text.
const OTHER: [(&str, char); 30] = [
    ("Euro", '€'),
    ("quotesinglbase", '‚'),
    ("florin", 'ƒ'),
    ("quotedblbase", '„'),
    ("ellipsis", '…'),
    ("dagger", '†'),
    ("daggerdbl", '‡'),
    ("circumflex", 'ˆ'),
    ("perthousand", '‰'),
    ("Scaron", 'Š'),
    ("guilsinglleft", '‹'),
    ("OE", 'Œ'),
    ("Zcaron", 'Ž'),
    ("quoteleft", '‘'),
    ("quoteright", '’'),
    ("quotedblleft", '“'),
    ("quotedblright", '”'),
    ("bullet", '•'),
    ("endash", '–'),
    ("emdash", '—'),
    ("tilde", '˜'),
    ("trademark", '™'),
    ("scaron", 'š'),
    ("guilsinglright", '›'),
    ("oe", 'œ'),
    ("zcaron", 'ž'),
    ("Ydieresis", 'Ÿ'),
    ("fi", '\u{FB01}'),
    ("fl", '\u{FB02}'),
    ("minus", '−'),
];

/// The character a glyph name stands for.
pub fn glyph_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    // `a.sc`, `one.oldstyle`: the part before the first period.
    let name = name.split('.').next().unwrap_or(name);
    if name.len() == 1 && name.as_bytes()[0].is_ascii_alphabetic() {
        return name.chars().next();
    }
    let hex = |s: &str| u32::from_str_radix(s, 16).ok().and_then(char::from_u32);
    if let Some(h) = name.strip_prefix("uni").filter(|h| h.len() == 4) {
        return hex(h);
    }
    if let Some(h) = name
        .strip_prefix('u')
        .filter(|h| (4..=6).contains(&h.len()))
    {
        if let Some(c) = hex(h) {
            return Some(c);
        }
    }
    if let Some(d) = DIGITS.iter().position(|&d| d == name) {
        return char::from_digit(d as u32, 10);
    }
    if let Some(&(_, c)) = ASCII.iter().chain(&OTHER).find(|(n, _)| *n == name) {
        return Some(c);
    }
    if name == "nbspace" || name == "nonbreakingspace" {
        return Some('\u{A0}');
    }
    LATIN1
        .iter()
        .position(|&n| n == name)
        .and_then(|i| char::from_u32(0xA1 + i as u32))
}

/// A base encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base {
    WinAnsi,
    Standard,
    MacRoman,
}

impl Base {
    pub fn of(name: &[u8]) -> Option<Base> {
        match name {
            b"WinAnsiEncoding" => Some(Base::WinAnsi),
            b"StandardEncoding" => Some(Base::Standard),
            b"MacRomanEncoding" => Some(Base::MacRoman),
            _ => None,
        }
    }

    /// The character of a code. The upper halves of Standard and MacRoman are read as
    /// WinAnsi (their Latin text goes through ToUnicode in the files reports come in).
    pub fn char(self, code: u8) -> Option<char> {
        match code {
            0x27 if self == Base::Standard => Some('’'),
            0x60 if self == Base::Standard => Some('‘'),
            0x20..=0x7E => Some(char::from(code)),
            0x80..=0x9F => WIN_80[usize::from(code - 0x80)],
            0xA0 => Some(' '),
            0xA1..=0xFF => Some(char::from(code)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes() {
        assert_eq!(glyph_char(b"A"), Some('A'));
        assert_eq!(glyph_char(b"seven"), Some('7'));
        assert_eq!(glyph_char(b"parenleft"), Some('('));
        assert_eq!(glyph_char(b"uni4E00"), Some('一'));
        assert_eq!(glyph_char(b"u20000"), Some('\u{20000}'));
        assert_eq!(glyph_char(b"eacute"), Some('é'));
        assert_eq!(glyph_char(b"ydieresis"), Some('ÿ'));
        assert_eq!(glyph_char(b"emdash"), Some('—'));
        assert_eq!(glyph_char(b"one.oldstyle"), Some('1'));
        assert_eq!(glyph_char(b"g123"), None);
        assert_eq!(Base::WinAnsi.char(0x93), Some('“'));
        assert_eq!(Base::Standard.char(0x27), Some('’'));
        assert_eq!(Base::WinAnsi.char(0xE9), Some('é'));
    }
}
