//! A small DEFLATE decoder (RFC 1951), in the manner of Mark Adler's `puff.c`: canonical
//! Huffman codes decoded bit by bit, no lookup tables. It is a few kilobytes of wasm where
//! a table-driven inflater is over ten, and fast enough for a report (a 2 MB
//! `document.xml` inflates in milliseconds). Output stops at a cap, whatever the stream
//! says; every read is bounds-checked, so damaged data is an error, never a panic. The
//! zip reader then checks the CRC-32 of what was inflated; the PDF reader keeps what a
//! damaged stream gave before the damage ([`inflate_partial`]), as PDF viewers do.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InflateError {
    /// The output would exceed the cap.
    TooLarge,
    /// Not a valid deflate stream (including one that ends too early).
    Invalid,
}

use InflateError::{Invalid, TooLarge};

struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    buf: u32,
    cnt: u32,
}

impl Bits<'_> {
    /// The next `n` (≤ 16) bits, least significant first.
    fn take(&mut self, n: u32) -> Result<u32, InflateError> {
        while self.cnt < n {
            let b = *self.data.get(self.pos).ok_or(Invalid)?;
            self.pos += 1;
            self.buf |= u32::from(b) << self.cnt;
            self.cnt += 8;
        }
        let v = self.buf & ((1 << n) - 1);
        self.buf >>= n;
        self.cnt -= n;
        Ok(v)
    }

    /// The next `n` (≤ 16) bits without taking them; `None` when the input ends first.
    fn peek(&mut self, n: u32) -> Option<u32> {
        while self.cnt < n {
            let b = *self.data.get(self.pos)?;
            self.pos += 1;
            self.buf |= u32::from(b) << self.cnt;
            self.cnt += 8;
        }
        Some(self.buf & ((1 << n) - 1))
    }

    /// Drops the bits of the current byte: the next bit read is the first of a byte.
    fn align(&mut self) {
        // Whole bytes in the buffer (read ahead by `peek`) go back to the input.
        self.pos -= (self.cnt / 8) as usize;
        self.buf = 0;
        self.cnt = 0;
    }
}

/// Codes of up to this many bits are decoded by one table lookup.
const FAST_BITS: u32 = 9;

/// A canonical Huffman code: how many codes of each length, and the symbols in code order.
struct Huffman {
    count: [u16; 16],
    symbol: [u16; 288],
    /// For the next `FAST_BITS` bits of input: `length << 9 | symbol` of the code they start
    /// with, 0 when that code is longer (or not in the code).
    fast: [u16; 1 << FAST_BITS],
}

impl Huffman {
    /// Builds a code from code lengths (≤ 288 symbols). Over-subscribed codes are refused;
    /// incomplete ones are allowed (a code that is never sent is an error when decoding).
    fn new(lengths: &[u8]) -> Result<Huffman, InflateError> {
        let mut h = Huffman {
            count: [0; 16],
            symbol: [0; 288],
            fast: [0; 1 << FAST_BITS],
        };
        for &l in lengths {
            h.count[usize::from(l & 15)] += 1;
        }
        let mut left: i32 = 1;
        for len in 1..16 {
            left = (left << 1) - i32::from(h.count[len]);
            if left < 0 {
                return Err(Invalid);
            }
        }
        let mut offs = [0u16; 16];
        for len in 1..15 {
            offs[len + 1] = offs[len] + h.count[len];
        }
        for (sym, &l) in lengths.iter().enumerate().take(288) {
            if l != 0 {
                let o = &mut offs[usize::from(l & 15)];
                h.symbol[usize::from(*o)] = sym as u16;
                *o += 1;
            }
        }
        // Canonical codes in order: code `first + k` for the k-th symbol of each length; bits
        // come first-bit-first, so the table is indexed by the code reversed.
        let (mut first, mut index) = (0u32, 0usize);
        for len in 1..=FAST_BITS {
            let count = usize::from(h.count[len as usize]);
            for k in 0..count {
                let code = first + k as u32;
                let rev = code.reverse_bits() >> (32 - len);
                let entry = (len as u16) << 9 | h.symbol[index + k];
                let mut i = rev as usize;
                while i < h.fast.len() {
                    h.fast[i] = entry;
                    i += 1 << len;
                }
            }
            index += count;
            first = (first + count as u32) << 1;
        }
        Ok(h)
    }

    fn decode(&self, bits: &mut Bits) -> Result<usize, InflateError> {
        if let Some(v) = bits.peek(FAST_BITS) {
            let e = self.fast[v as usize];
            if e != 0 {
                let len = u32::from(e >> 9);
                bits.buf >>= len;
                bits.cnt -= len;
                return Ok(usize::from(e & 0x1FF));
            }
        }
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for len in 1..16 {
            code |= bits.take(1)? as i32;
            let count = i32::from(self.count[len]);
            if code - count < first {
                let i = (index + code - first) as usize;
                return self.symbol.get(i).map(|&s| usize::from(s)).ok_or(Invalid);
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(Invalid)
    }
}

const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

fn codes(
    bits: &mut Bits,
    out: &mut Vec<u8>,
    cap: usize,
    lit: &Huffman,
    dist: &Huffman,
) -> Result<(), InflateError> {
    loop {
        let sym = lit.decode(bits)?;
        if sym < 256 {
            if out.len() >= cap {
                return Err(TooLarge);
            }
            out.push(sym as u8);
        } else if sym == 256 {
            return Ok(());
        } else {
            let s = sym - 257;
            let len = usize::from(*LEN_BASE.get(s).ok_or(Invalid)?)
                + bits.take(u32::from(LEN_EXTRA[s]))? as usize;
            let d = dist.decode(bits)?;
            let back = usize::from(*DIST_BASE.get(d).ok_or(Invalid)?)
                + bits.take(u32::from(DIST_EXTRA[d]))? as usize;
            if back > out.len() {
                return Err(Invalid);
            }
            if out.len().saturating_add(len) > cap {
                return Err(TooLarge);
            }
            let from = out.len() - back;
            if back >= len {
                out.extend_from_within(from..from + len);
            } else {
                for i in 0..len {
                    let b = out[from + i];
                    out.push(b);
                }
            }
        }
    }
}

/// Inflates a raw deflate stream into at most `cap` bytes.
pub fn inflate(data: &[u8], cap: usize, size_hint: usize) -> Result<Vec<u8>, InflateError> {
    let mut out = Vec::with_capacity(size_hint.min(cap));
    run(data, cap, &mut out).map(|()| out)
}

/// Inflates a raw deflate stream into at most `cap` bytes, keeping the output decoded before
/// an error (a truncated or damaged stream, or the cap) together with the error.
pub fn inflate_partial(data: &[u8], cap: usize) -> (Vec<u8>, Option<InflateError>) {
    let mut out = Vec::new();
    let err = run(data, cap, &mut out).err();
    (out, err)
}

fn run(data: &[u8], cap: usize, out: &mut Vec<u8>) -> Result<(), InflateError> {
    let mut bits = Bits {
        data,
        pos: 0,
        buf: 0,
        cnt: 0,
    };
    loop {
        let last = bits.take(1)?;
        match bits.take(2)? {
            0 => {
                // Stored: byte-aligned LEN, NLEN, then the bytes.
                bits.align();
                let p = bits.pos;
                let h = data.get(p..p + 4).ok_or(Invalid)?;
                let len = u16::from_le_bytes([h[0], h[1]]);
                if len != !u16::from_le_bytes([h[2], h[3]]) {
                    return Err(Invalid);
                }
                let block = data.get(p + 4..p + 4 + usize::from(len)).ok_or(Invalid)?;
                if out.len().saturating_add(block.len()) > cap {
                    return Err(TooLarge);
                }
                out.extend_from_slice(block);
                bits.pos = p + 4 + usize::from(len);
            }
            1 => {
                let mut l = [8u8; 288];
                l[144..256].fill(9);
                l[256..280].fill(7);
                codes(
                    &mut bits,
                    out,
                    cap,
                    &Huffman::new(&l)?,
                    &Huffman::new(&[5; 30])?,
                )?;
            }
            2 => {
                let nlen = bits.take(5)? as usize + 257;
                let ndist = bits.take(5)? as usize + 1;
                let ncode = bits.take(4)? as usize + 4;
                if nlen > 286 || ndist > 30 {
                    return Err(Invalid);
                }
                const ORDER: [usize; 19] = [
                    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
                ];
                let mut l = [0u8; 320];
                for &o in &ORDER[..ncode] {
                    l[o] = bits.take(3)? as u8;
                }
                let lencode = Huffman::new(&l[..19])?;
                let mut i = 0;
                while i < nlen + ndist {
                    let sym = lencode.decode(&mut bits)?;
                    if sym < 16 {
                        l[i] = sym as u8;
                        i += 1;
                        continue;
                    }
                    let (value, n) = match sym {
                        16 => (
                            *l.get(i.wrapping_sub(1)).filter(|_| i > 0).ok_or(Invalid)?,
                            3 + bits.take(2)?,
                        ),
                        17 => (0, 3 + bits.take(3)?),
                        _ => (0, 11 + bits.take(7)?),
                    };
                    let n = n as usize;
                    if i + n > nlen + ndist {
                        return Err(Invalid);
                    }
                    l[i..i + n].fill(value);
                    i += n;
                }
                if l[256] == 0 {
                    return Err(Invalid);
                }
                let lit = Huffman::new(&l[..nlen])?;
                let dist = Huffman::new(&l[nlen..nlen + ndist])?;
                codes(&mut bits, out, cap, &lit, &dist)?;
            }
            _ => return Err(Invalid),
        }
        if last == 1 {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lcg(s: &mut u64) -> u64 {
        *s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        *s >> 33
    }

    /// Text-like data with repeats near and far, runs, and random bytes.
    fn sample(s: &mut u64, n: usize) -> Vec<u8> {
        let words: [&[u8]; 6] = [
            "政府信息公开".as_bytes(),
            b"<w:t>0</w:t>",
            b"</w:tc><w:tc>",
            b"  ",
            b"\x00\xff",
            "本年度".as_bytes(),
        ];
        let mut v = Vec::new();
        while v.len() < n {
            match lcg(s) % 5 {
                0 => v.push(lcg(s) as u8),
                1 => v.extend(std::iter::repeat_n(b'a', (lcg(s) % 300) as usize)),
                2 if v.len() > 40_000 => {
                    let at = v.len() - 40_000 + (lcg(s) % 1000) as usize;
                    let chunk = v[at..at + (lcg(s) % 200) as usize].to_vec();
                    v.extend_from_slice(&chunk);
                }
                _ => v.extend_from_slice(words[(lcg(s) % 6) as usize]),
            }
        }
        v
    }

    #[test]
    fn inflates_what_miniz_oxide_deflates_at_every_level() {
        let mut s = 1u64;
        for n in [0usize, 1, 100, 5000, 70_000, 300_000] {
            let data = sample(&mut s, n);
            let levels: &[u8] = if n > 100_000 {
                &[1, 6]
            } else {
                &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
            };
            for &level in levels {
                let z = miniz_oxide::deflate::compress_to_vec(&data, level);
                assert_eq!(
                    inflate(&z, usize::MAX, 0).unwrap(),
                    data,
                    "n {n} level {level}"
                );
            }
        }
    }

    #[test]
    fn refuses_damaged_streams_without_panicking() {
        let mut s = 2u64;
        let data = sample(&mut s, 50_000);
        let z = miniz_oxide::deflate::compress_to_vec(&data, 6);
        for cut in (0..z.len()).step_by(97) {
            assert!(inflate(&z[..cut], usize::MAX, 0).is_err(), "cut {cut}");
        }
        for _ in 0..2000 {
            let mut bad = z.clone();
            for _ in 0..1 + lcg(&mut s) % 4 {
                let i = lcg(&mut s) as usize % bad.len();
                bad[i] ^= 1 << (lcg(&mut s) % 8);
            }
            // Either an error or some output; both with miniz_oxide's verdict on validity
            // where miniz_oxide has one.
            let ours = inflate(&bad, 1 << 20, 0);
            if let Ok(theirs) = miniz_oxide::inflate::decompress_to_vec(&bad) {
                if let Ok(ours) = ours {
                    assert_eq!(ours, theirs);
                }
            }
        }
        for _ in 0..2000 {
            let n = (lcg(&mut s) % 300) as usize;
            let junk: Vec<u8> = (0..n).map(|_| lcg(&mut s) as u8).collect();
            let _ = inflate(&junk, 1 << 16, 0);
        }
    }

    #[test]
    fn stops_at_the_cap() {
        let data = vec![b' '; 1 << 20];
        let z = miniz_oxide::deflate::compress_to_vec(&data, 9);
        assert_eq!(inflate(&z, 1000, 0), Err(TooLarge));
        assert_eq!(inflate(&z, 1 << 20, 0).unwrap().len(), 1 << 20);
        let stored = miniz_oxide::deflate::compress_to_vec(&data, 0);
        assert_eq!(inflate(&stored, 1000, 0), Err(TooLarge));
    }

    #[test]
    fn partial_output_is_kept_before_the_damage() {
        let mut s = 3u64;
        let data = sample(&mut s, 20_000);
        let z = miniz_oxide::deflate::compress_to_vec(&data, 6);
        let (whole, err) = inflate_partial(&z, usize::MAX);
        assert_eq!((whole.as_slice(), err), (data.as_slice(), None));
        let (part, err) = inflate_partial(&z[..z.len() / 2], usize::MAX);
        assert_eq!(err, Some(Invalid));
        assert!(!part.is_empty() && data.starts_with(&part));
        let (capped, err) = inflate_partial(&z, 100);
        assert_eq!(err, Some(TooLarge));
        assert!(capped.len() <= 100 && data.starts_with(&capped));
    }
}
