//! Just enough of the zip format to read the parts of a Word package: the central
//! directory (zip64 included) and stored or deflated entries ([`crate::readers::inflate`]) under a
//! size budget (declared sizes are checked first, and inflating stops at the cap, whatever
//! the headers say), with the CRC-32 of every part checked.

/// Why a zip part could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// No end-of-central-directory record, or a record pointing past the end of the file.
    Truncated,
    /// A header or a compressed stream is invalid.
    Corrupt,
    /// A part inflates (or says it inflates) beyond the budget.
    TooLarge,
    /// The entry is encrypted (zip-level password).
    Encrypted,
    /// A compression method other than stored or deflate.
    Unsupported,
}

use crate::readers::inflate::{inflate, InflateError};

/// A central-directory entry.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Normalised part name: `/` separators, no leading `/`, ASCII lowercase.
    pub name: String,
    flags: u16,
    method: u16,
    crc: u32,
    compressed: u64,
    size: u64,
    offset: u64,
}

/// How many bytes may still be inflated, over all parts read from one package.
#[derive(Debug)]
pub struct Budget {
    pub left: usize,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    let s = b.get(at..at.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Some(u64::from_le_bytes(a))
}

/// Normalises a part name for lookups (OPC part names are case-insensitive).
pub fn norm_name(name: &str) -> String {
    name.replace('\\', "/")
        .trim_start_matches('/')
        .to_ascii_lowercase()
}

/// Finds the end-of-central-directory record: `(its offset, central directory offset,
/// central directory size, entry count)`.
fn end_record(b: &[u8]) -> Result<(usize, u64, u64, u64), ZipError> {
    const EOCD: &[u8] = b"PK\x05\x06";
    if b.len() < 22 {
        return Err(ZipError::Truncated);
    }
    let lowest = b.len().saturating_sub(22 + 0xFFFF);
    let mut at = b.len() - 22;
    let eocd = loop {
        if &b[at..at + 4] == EOCD {
            break at;
        }
        if at == lowest {
            return Err(ZipError::Truncated);
        }
        at -= 1;
    };
    let count = u16_at(b, eocd + 10).ok_or(ZipError::Truncated)?;
    let size = u32_at(b, eocd + 12).ok_or(ZipError::Truncated)?;
    let offset = u32_at(b, eocd + 16).ok_or(ZipError::Truncated)?;
    if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
        // Zip64: the locator sits just before the classic record.
        let loc = eocd.checked_sub(20).ok_or(ZipError::Corrupt)?;
        if b.get(loc..loc + 4) != Some(b"PK\x06\x07") {
            return Err(ZipError::Corrupt);
        }
        let z = u64_at(b, loc + 8).ok_or(ZipError::Corrupt)?;
        let z = usize::try_from(z).map_err(|_| ZipError::Truncated)?;
        if b.get(z..z.saturating_add(4)) != Some(b"PK\x06\x06") {
            return Err(ZipError::Truncated);
        }
        let count = u64_at(b, z + 32).ok_or(ZipError::Truncated)?;
        let size = u64_at(b, z + 40).ok_or(ZipError::Truncated)?;
        let offset = u64_at(b, z + 48).ok_or(ZipError::Truncated)?;
        return Ok((z, offset, size, count));
    }
    Ok((eocd, offset.into(), size.into(), count.into()))
}

/// Does the file end like a zip (an end-of-central-directory record in its last 64 KiB)?
pub fn has_end(b: &[u8]) -> bool {
    end_record(b).is_ok()
}

/// Reads the central directory.
pub fn entries(b: &[u8]) -> Result<Vec<Entry>, ZipError> {
    let (end, cd_offset, cd_size, count) = end_record(b)?;
    let start = usize::try_from(cd_offset).map_err(|_| ZipError::Truncated)?;
    let size = usize::try_from(cd_size).map_err(|_| ZipError::Truncated)?;
    let stop = start.checked_add(size).ok_or(ZipError::Corrupt)?;
    if stop > end {
        return Err(ZipError::Truncated);
    }
    let cd = &b[start..stop];
    let mut out = Vec::new();
    let mut at = 0usize;
    // Every entry takes at least 46 bytes, so `count` cannot make us loop for long.
    while (out.len() as u64) < count && at + 46 <= cd.len() {
        if u32_at(cd, at) != Some(0x0201_4b50) {
            return Err(ZipError::Corrupt);
        }
        let flags = u16_at(cd, at + 8).ok_or(ZipError::Corrupt)?;
        let method = u16_at(cd, at + 10).ok_or(ZipError::Corrupt)?;
        let crc = u32_at(cd, at + 16).ok_or(ZipError::Corrupt)?;
        let mut compressed = u64::from(u32_at(cd, at + 20).ok_or(ZipError::Corrupt)?);
        let mut size = u64::from(u32_at(cd, at + 24).ok_or(ZipError::Corrupt)?);
        let name_len = usize::from(u16_at(cd, at + 28).ok_or(ZipError::Corrupt)?);
        let extra_len = usize::from(u16_at(cd, at + 30).ok_or(ZipError::Corrupt)?);
        let comment_len = usize::from(u16_at(cd, at + 32).ok_or(ZipError::Corrupt)?);
        let mut offset = u64::from(u32_at(cd, at + 42).ok_or(ZipError::Corrupt)?);
        let name = cd
            .get(at + 46..at + 46 + name_len)
            .ok_or(ZipError::Corrupt)?;
        let extra = cd
            .get(at + 46 + name_len..at + 46 + name_len + extra_len)
            .ok_or(ZipError::Corrupt)?;
        // Zip64 extended information: the 64-bit values of the fields that are all ones.
        let mut e = 0usize;
        while e + 4 <= extra.len() {
            let id = u16_at(extra, e).unwrap_or(0);
            let len = usize::from(u16_at(extra, e + 2).unwrap_or(0));
            let data = extra.get(e + 4..e + 4 + len).unwrap_or(&[]);
            if id == 0x0001 {
                let mut p = 0usize;
                for field in [&mut size, &mut compressed, &mut offset] {
                    if *field == 0xFFFF_FFFF {
                        if let Some(v) = u64_at(data, p) {
                            *field = v;
                            p += 8;
                        }
                    }
                }
            }
            e += 4 + len;
        }
        out.push(Entry {
            // Part names are ASCII; a name that is not UTF-8 matches nothing.
            name: norm_name(std::str::from_utf8(name).unwrap_or("")),
            flags,
            method,
            crc,
            compressed,
            size,
            offset,
        });
        at += 46 + name_len + extra_len + comment_len;
    }
    Ok(out)
}

/// Finds an entry by (normalised) name.
pub fn find<'e>(entries: &'e [Entry], name: &str) -> Option<&'e Entry> {
    let name = norm_name(name);
    entries.iter().find(|e| e.name == name)
}

/// Reads one entry, inflating at most `cap` bytes and at most what is left of `budget`.
pub fn read(b: &[u8], e: &Entry, cap: usize, budget: &mut Budget) -> Result<Vec<u8>, ZipError> {
    if e.flags & 1 != 0 {
        return Err(ZipError::Encrypted);
    }
    let limit = cap.min(budget.left);
    if e.size > limit as u64 {
        return Err(ZipError::TooLarge);
    }
    let at = usize::try_from(e.offset).map_err(|_| ZipError::Truncated)?;
    if at.checked_add(30).filter(|&end| end <= b.len()).is_none() {
        return Err(ZipError::Truncated);
    }
    if u32_at(b, at) != Some(0x0403_4b50) {
        return Err(ZipError::Corrupt);
    }
    let name_len = usize::from(u16_at(b, at + 26).ok_or(ZipError::Truncated)?);
    let extra_len = usize::from(u16_at(b, at + 28).ok_or(ZipError::Truncated)?);
    let start = at + 30 + name_len + extra_len;
    let len = usize::try_from(e.compressed).map_err(|_| ZipError::Truncated)?;
    let data = start
        .checked_add(len)
        .and_then(|stop| b.get(start..stop))
        .ok_or(ZipError::Truncated)?;
    let out = match e.method {
        0 => {
            if data.len() > limit {
                return Err(ZipError::TooLarge);
            }
            data.to_vec()
        }
        8 => inflate(data, limit, e.size as usize).map_err(|err| match err {
            InflateError::TooLarge => ZipError::TooLarge,
            InflateError::Invalid => ZipError::Corrupt,
        })?,
        _ => return Err(ZipError::Unsupported),
    };
    budget.left -= out.len();
    if crc32(&out) != e.crc {
        return Err(ZipError::Corrupt);
    }
    Ok(out)
}

/// CRC-32 (IEEE), as zip stores it for every entry, eight bytes at a step ("slicing-by-8"):
/// the tables are built once, at run time (8 KiB of memory, no bytes in the WebAssembly file).
fn crc32(data: &[u8]) -> u32 {
    static TABLES: std::sync::OnceLock<[[u32; 256]; 8]> = std::sync::OnceLock::new();
    let t = TABLES.get_or_init(|| {
        let mut t = [[0u32; 256]; 8];
        for (i, slot) in t[0].iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *slot = c;
        }
        for i in 0..256 {
            for k in 1..8 {
                let prev = t[k - 1][i];
                t[k][i] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
            }
        }
        t
    });
    let mut c = !0u32;
    let mut chunks = data.chunks_exact(8);
    for b in &mut chunks {
        let lo = c ^ u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        c = t[7][(lo & 0xFF) as usize]
            ^ t[6][((lo >> 8) & 0xFF) as usize]
            ^ t[5][((lo >> 16) & 0xFF) as usize]
            ^ t[4][(lo >> 24) as usize]
            ^ t[3][b[4] as usize]
            ^ t[2][b[5] as usize]
            ^ t[1][b[6] as usize]
            ^ t[0][b[7] as usize];
    }
    for &b in chunks.remainder() {
        c = t[0][((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_check_values() {
        // The standard check value, and every length around the 8-byte steps against the
        // bit-by-bit definition.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        let data: Vec<u8> = (0..100u32).map(|i| (i * 37 + 11) as u8).collect();
        for n in 0..data.len() {
            let mut c = !0u32;
            for &b in &data[..n] {
                c ^= u32::from(b);
                for _ in 0..8 {
                    c = if c & 1 != 0 {
                        0xEDB8_8320 ^ (c >> 1)
                    } else {
                        c >> 1
                    };
                }
            }
            assert_eq!(crc32(&data[..n]), !c, "{n}");
        }
    }

    /// A zip of stored entries, written the simple way.
    pub(crate) fn stored_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut cd = Vec::new();
        for (name, data) in files {
            let offset = out.len() as u32;
            out.extend_from_slice(b"PK\x03\x04");
            out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            out.extend_from_slice(&crc32(data).to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&[0, 0]);
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
            cd.extend_from_slice(b"PK\x01\x02");
            cd.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            cd.extend_from_slice(&crc32(data).to_le_bytes());
            cd.extend_from_slice(&(data.len() as u32).to_le_bytes());
            cd.extend_from_slice(&(data.len() as u32).to_le_bytes());
            cd.extend_from_slice(&(name.len() as u16).to_le_bytes());
            cd.extend_from_slice(&[0; 12]);
            cd.extend_from_slice(&offset.to_le_bytes());
            cd.extend_from_slice(name.as_bytes());
        }
        let cd_offset = out.len() as u32;
        out.extend_from_slice(&cd);
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    #[test]
    fn reads_stored_entries_and_refuses_truncation() {
        let z = stored_zip(&[("A/B.xml", b"hello"), ("c", b"")]);
        let es = entries(&z).unwrap();
        assert_eq!(es.len(), 2);
        let mut budget = Budget { left: 100 };
        assert_eq!(
            read(&z, find(&es, "/a/b.XML").unwrap(), 100, &mut budget).unwrap(),
            b"hello"
        );
        assert_eq!(budget.left, 95);
        assert_eq!(
            read(&z, find(&es, "a/b.xml").unwrap(), 4, &mut budget),
            Err(ZipError::TooLarge)
        );
        for cut in 0..z.len() {
            assert!(entries(&z[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn stops_inflating_at_the_cap_even_when_the_header_lies() {
        let big = vec![b'a'; 100_000];
        let deflated = miniz_oxide::deflate::compress_to_vec(&big, 6);
        let mut z = stored_zip(&[("x", &deflated)]);
        // Method 8 (deflate) in both headers; declared size stays the compressed length.
        z[8] = 8;
        let cd = z.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        z[cd + 10] = 8;
        z[cd + 16..cd + 20].copy_from_slice(&crc32(&big).to_le_bytes());
        let es = entries(&z).unwrap();
        let mut budget = Budget { left: usize::MAX };
        assert_eq!(read(&z, &es[0], 1000, &mut budget), Err(ZipError::TooLarge));
        assert_eq!(read(&z, &es[0], 200_000, &mut budget).unwrap(), big);
        // The total budget counts too.
        let mut small = Budget { left: 50_000 };
        assert_eq!(
            read(&z, &es[0], 200_000, &mut small),
            Err(ZipError::TooLarge)
        );
    }

    #[test]
    fn checks_the_crc() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        let mut z = stored_zip(&[("a", b"hello")]);
        let at = z.windows(5).position(|w| w == b"hello").unwrap();
        z[at] = b'j';
        let es = entries(&z).unwrap();
        let mut budget = Budget { left: 100 };
        assert_eq!(read(&z, &es[0], 100, &mut budget), Err(ZipError::Corrupt));
    }
}
