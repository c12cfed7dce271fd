//! Stream filters (ISO 32000-1 §7.4): Flate (with PNG/TIFF predictors), LZW, ASCIIHex,
//! ASCII85 and RunLength. Image codecs (DCT, JPX, CCITT, JBIG2) are not decoded: no text is
//! in them. Every decoder stops at a cap; a damaged Flate stream keeps what it gave before
//! the damage (as viewers show the part of a page that can be read).

use super::syntax::{Dict, Obj};
use crate::readers::inflate::{inflate_partial, InflateError};

/// Why a stream could not be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterError {
    /// The decoded data would exceed the cap.
    TooLarge,
    /// An image codec or an unknown filter.
    Unsupported,
    /// Nothing could be decoded.
    Invalid,
}

/// Decodes `data` through the filters of a stream dictionary (`/Filter`, `/DecodeParms`;
/// already resolved: no references) into at most `cap` bytes.
pub fn decode(data: &[u8], dict: &Dict, cap: usize) -> Result<Vec<u8>, FilterError> {
    let filters: Vec<&[u8]> = match dict.get(b"Filter") {
        Some(Obj::Name(n)) => vec![n.as_slice()],
        Some(Obj::Array(a)) => a.iter().filter_map(Obj::as_name).collect(),
        _ => Vec::new(),
    };
    let parms: Vec<Option<&Dict>> = match dict.get(b"DecodeParms").or(dict.get(b"DP")) {
        Some(Obj::Array(a)) => a.iter().map(Obj::as_dict).collect(),
        Some(o) => vec![o.as_dict()],
        None => Vec::new(),
    };
    let mut cur = data.to_vec();
    for (i, f) in filters.iter().enumerate() {
        let parm = parms.get(i).copied().flatten();
        cur = match *f {
            b"FlateDecode" | b"Fl" => predict(flate(&cur, cap)?, parm, cap)?,
            b"LZWDecode" | b"LZW" => {
                let early = parm
                    .and_then(|p| p.get(b"EarlyChange"))
                    .and_then(Obj::as_i64)
                    != Some(0);
                predict(lzw(&cur, early, cap)?, parm, cap)?
            }
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&cur),
            b"ASCII85Decode" | b"A85" => ascii85(&cur),
            b"RunLengthDecode" | b"RL" => run_length(&cur, cap)?,
            b"Crypt" => cur,
            _ => return Err(FilterError::Unsupported),
        };
        if cur.len() > cap {
            return Err(FilterError::TooLarge);
        }
    }
    Ok(cur)
}

/// A zlib stream (the 2-byte header is skipped when it is there; some writers leave it out,
/// so a stream that fails after a header-like start is tried again whole).
fn flate(data: &[u8], cap: usize) -> Result<Vec<u8>, FilterError> {
    let header = matches!(data, [cmf, flg, ..]
        if cmf & 0x0F == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0);
    let first = inflate_partial(if header { &data[2..] } else { data }, cap);
    let (out, err) = match first {
        (out, Some(InflateError::Invalid)) if header && out.is_empty() => {
            inflate_partial(data, cap)
        }
        r => r,
    };
    match (out, err) {
        (out, None) => Ok(out),
        (_, Some(InflateError::TooLarge)) => Err(FilterError::TooLarge),
        (out, Some(InflateError::Invalid)) if !out.is_empty() => Ok(out),
        _ => Err(FilterError::Invalid),
    }
}

/// Undoes a PNG (10–15) or TIFF (2) predictor.
fn predict(data: Vec<u8>, parm: Option<&Dict>, cap: usize) -> Result<Vec<u8>, FilterError> {
    let Some(p) = parm else { return Ok(data) };
    let get = |k: &[u8], d: i64| p.get(k).and_then(Obj::as_i64).unwrap_or(d);
    let predictor = get(b"Predictor", 1);
    if predictor < 2 {
        return Ok(data);
    }
    let colors = get(b"Colors", 1).clamp(1, 32) as usize;
    let bpc = get(b"BitsPerComponent", 8).clamp(1, 16) as usize;
    let columns = get(b"Columns", 1).clamp(1, 1 << 20) as usize;
    let bpp = (colors * bpc).div_ceil(8).max(1);
    let row_len = (colors * bpc * columns).div_ceil(8);
    if predictor == 2 {
        // TIFF: only 8-bit components are undone (others are left as they are).
        let mut out = data;
        if bpc == 8 {
            for row in out.chunks_mut(row_len) {
                for i in bpp..row.len() {
                    row[i] = row[i].wrapping_add(row[i - bpp]);
                }
            }
        }
        return Ok(out);
    }
    let mut out = Vec::with_capacity(data.len().min(cap));
    let mut prev = vec![0u8; row_len];
    for chunk in data.chunks(row_len + 1) {
        let (kind, row) = (chunk[0], &chunk[1..]);
        let mut cur = vec![0u8; row_len];
        for i in 0..row.len() {
            let a = if i >= bpp { cur[i - bpp] } else { 0 };
            let b = prev[i];
            let c = if i >= bpp { prev[i - bpp] } else { 0 };
            cur[i] = row[i].wrapping_add(match kind {
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => paeth(a, b, c),
                _ => 0,
            });
        }
        out.extend_from_slice(&cur[..row.len()]);
        if out.len() > cap {
            return Err(FilterError::TooLarge);
        }
        prev = cur;
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

fn lzw(data: &[u8], early: bool, cap: usize) -> Result<Vec<u8>, FilterError> {
    let mut out = Vec::new();
    // The dictionary: each entry is (prefix entry, last byte, length).
    let mut table: Vec<(u16, u8)> = (0..=255u16).map(|b| (u16::MAX, b as u8)).collect();
    table.push((0, 0)); // 256 clear
    table.push((0, 0)); // 257 end
    let mut width = 9;
    let (mut buf, mut bits) = (0u32, 0u32);
    let mut prev: Option<u16> = None;
    let mut pos = 0;
    let entry = |table: &[(u16, u8)], mut code: u16, out: &mut Vec<u8>| -> u8 {
        let start = out.len();
        loop {
            let (p, b) = table[usize::from(code)];
            out.push(b);
            if p == u16::MAX || out.len() - start > 4096 {
                break;
            }
            code = p;
        }
        out[start..].reverse();
        out[start]
    };
    loop {
        while bits < width {
            let Some(&b) = data.get(pos) else {
                return Ok(out);
            };
            pos += 1;
            buf = (buf << 8) | u32::from(b);
            bits += 8;
        }
        let code = ((buf >> (bits - width)) & ((1 << width) - 1)) as u16;
        bits -= width;
        match code {
            256 => {
                table.truncate(258);
                width = 9;
                prev = None;
                continue;
            }
            257 => return Ok(out),
            _ => {}
        }
        let n = table.len();
        if usize::from(code) < n {
            let first = entry(&table, code, &mut out);
            if let Some(p) = prev {
                if n < 4096 {
                    table.push((p, first));
                }
            }
        } else if usize::from(code) == n {
            let Some(p) = prev else {
                return Err(FilterError::Invalid);
            };
            let first = entry(&table, p, &mut out);
            out.push(first);
            if n < 4096 {
                table.push((p, first));
            }
        } else {
            return Err(FilterError::Invalid);
        }
        prev = Some(code);
        if out.len() > cap {
            return Err(FilterError::TooLarge);
        }
        let next = table.len() + usize::from(early);
        width = match next {
            0..=511 => 9,
            512..=1023 => 10,
            1024..=2047 => 11,
            _ => 12,
        };
    }
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut high: Option<u8> = None;
    for &b in data {
        if b == b'>' {
            break;
        }
        let v = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            _ => continue,
        };
        match high.take() {
            Some(h) => out.push(h * 16 + v),
            None => high = Some(v),
        }
    }
    if let Some(h) = high {
        out.push(h * 16);
    }
    out
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let data = data.strip_prefix(b"<~").unwrap_or(data);
    let mut out = Vec::with_capacity(data.len() * 4 / 5);
    let mut group = [0u8; 5];
    let mut n = 0;
    for &b in data {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = b - b'!';
                n += 1;
                if n == 5 {
                    let v = group
                        .iter()
                        .fold(0u32, |v, &d| v.wrapping_mul(85).wrapping_add(u32::from(d)));
                    out.extend_from_slice(&v.to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group
            .iter()
            .fold(0u32, |v, &d| v.wrapping_mul(85).wrapping_add(u32::from(d)));
        out.extend_from_slice(&v.to_be_bytes()[..n - 1]);
    }
    out
}

fn run_length(data: &[u8], cap: usize) -> Result<Vec<u8>, FilterError> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&len) = data.get(i) {
        match len {
            128 => break,
            0..=127 => {
                let n = usize::from(len) + 1;
                let end = (i + 1 + n).min(data.len());
                out.extend_from_slice(&data[i + 1..end]);
                i += 1 + n;
            }
            _ => {
                let Some(&b) = data.get(i + 1) else { break };
                out.extend(std::iter::repeat_n(b, 257 - usize::from(len)));
                i += 2;
            }
        }
        if out.len() > cap {
            return Err(FilterError::TooLarge);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(pairs: &[(&str, Obj)]) -> Dict {
        Dict(
            pairs
                .iter()
                .map(|(k, v)| (k.as_bytes().to_vec(), v.clone()))
                .collect(),
        )
    }

    fn name(s: &str) -> Obj {
        Obj::Name(s.as_bytes().to_vec())
    }

    #[test]
    fn flate_with_and_without_the_zlib_header() {
        let data: Vec<u8> = (0..400)
            .flat_map(|i| format!("BT /F1 {i} Tf ({}) Tj ET\n", i * 7919 % 1000).into_bytes())
            .collect();
        let z = miniz_oxide::deflate::compress_to_vec_zlib(&data, 6);
        let d = dict(&[("Filter", name("FlateDecode"))]);
        assert_eq!(decode(&z, &d, 1 << 20).unwrap(), data);
        let raw = miniz_oxide::deflate::compress_to_vec(&data, 6);
        assert_eq!(decode(&raw, &d, 1 << 20).unwrap(), data);
        assert_eq!(decode(&z, &d, 10), Err(FilterError::TooLarge));
        // A truncated stream keeps what it gave.
        let part = decode(&z[..z.len() / 2], &d, 1 << 20).unwrap();
        assert!(!part.is_empty() && data.starts_with(&part));
        assert_eq!(decode(b"\xff\xff", &d, 100), Err(FilterError::Invalid));
    }

    #[test]
    fn png_up_predictor() {
        // Two rows of 3 bytes, "up" (2): the second row adds to the first.
        let rows = [2u8, 1, 2, 3, 2, 1, 1, 1];
        let z = miniz_oxide::deflate::compress_to_vec_zlib(&rows, 6);
        let parms = Obj::Dict(dict(&[
            ("Predictor", Obj::Int(12)),
            ("Columns", Obj::Int(3)),
        ]));
        let d = dict(&[("Filter", name("FlateDecode")), ("DecodeParms", parms)]);
        assert_eq!(decode(&z, &d, 100).unwrap(), [1, 2, 3, 2, 3, 4]);
    }

    #[test]
    fn text_filters() {
        let hex = dict(&[("Filter", name("ASCIIHexDecode"))]);
        assert_eq!(decode(b"48 65 6C6c6F>", &hex, 100).unwrap(), b"Hello");
        let a85 = dict(&[("Filter", name("ASCII85Decode"))]);
        assert_eq!(
            decode(b"87cURD]i,\"Ebo80~>", &a85, 100).unwrap(),
            b"Hello World!"
        );
        let rl = dict(&[("Filter", name("RunLengthDecode"))]);
        assert_eq!(
            decode(&[1, b'a', b'b', 254, b'c', 128], &rl, 100).unwrap(),
            b"abccc"
        );
        let img = dict(&[("Filter", name("DCTDecode"))]);
        assert_eq!(decode(b"x", &img, 100), Err(FilterError::Unsupported));
    }

    #[test]
    fn lzw_decodes_the_spec_example() {
        // ISO 32000-1 §7.4.4.2: 45 45 45 45 45 65 45 45 45 66.
        let data = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        let d = dict(&[("Filter", name("LZWDecode"))]);
        assert_eq!(
            decode(&data, &d, 100).unwrap(),
            [45, 45, 45, 45, 45, 65, 45, 45, 45, 66]
        );
    }
}
