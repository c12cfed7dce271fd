//! The standard security handler (ISO 32000-2 §7.6.4) with the empty user password: the
//! encryption governments' PDFs carry to restrict printing or copying while anyone may
//! open them. RC4 (40–128 bits, revisions 2–4), AES-128 (revision 4) and AES-256
//! (revisions 5 and 6) are decrypted; a file that needs a password to open is refused with
//! a message. The primitives (MD5, RC4, AES, SHA-256/384/512) are small and written here:
//! the crates that provide them would be several times the size, and only decryption of
//! streams is needed.

use super::syntax::{Dict, Obj};

const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Method {
    None,
    Rc4,
    Aes128,
    Aes256,
}

/// How a file's streams are decrypted.
#[derive(Clone, Debug)]
pub struct Crypt {
    key: Vec<u8>,
    method: Method,
}

/// Why an encrypted file cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CryptError {
    /// It opens only with a password.
    Password,
    /// A handler or method we do not read (public-key security, an unknown revision).
    Unsupported,
}

impl Crypt {
    /// The decryption of a file with this encryption dictionary and first file identifier,
    /// if the empty user password opens it.
    pub fn open(dict: &Dict, id0: &[u8]) -> Result<Crypt, CryptError> {
        let int = |k: &[u8], d: i64| dict.get(k).and_then(Obj::as_i64).unwrap_or(d);
        let bytes = |k: &[u8]| dict.get(k).and_then(Obj::as_str).unwrap_or(b"").to_vec();
        if dict.get(b"Filter").and_then(Obj::as_name) != Some(b"Standard") {
            return Err(CryptError::Unsupported);
        }
        let (v, r) = (int(b"V", 0), int(b"R", 0));
        let method = match v {
            1 | 2 => Method::Rc4,
            4 | 5 => stream_method(dict),
            _ => return Err(CryptError::Unsupported),
        };
        let (o, u) = (bytes(b"O"), bytes(b"U"));
        if r >= 5 {
            let key = key_r6(r, &u, &bytes(b"UE")).ok_or(CryptError::Password)?;
            return Ok(Crypt { key, method });
        }
        if !(2..=4).contains(&r) || o.len() < 32 || u.len() < 16 {
            return Err(CryptError::Unsupported);
        }
        let len = if r == 2 {
            5
        } else {
            (int(b"Length", 40) / 8).clamp(5, 16) as usize
        };
        let meta = dict.get(b"EncryptMetadata") != Some(&Obj::Bool(false));
        let mut m = Vec::with_capacity(100);
        m.extend_from_slice(&PAD);
        m.extend_from_slice(&o[..32]);
        m.extend_from_slice(&(int(b"P", 0) as i32).to_le_bytes());
        m.extend_from_slice(id0);
        if r >= 4 && !meta {
            m.extend_from_slice(&[0xFF; 4]);
        }
        let mut key = md5(&m)[..len].to_vec();
        if r >= 3 {
            for _ in 0..50 {
                key = md5(&key)[..len].to_vec();
            }
        }
        // The empty user password opens it when it reproduces /U.
        let check = if r == 2 {
            // revision 2 compares the whole 32 bytes: a shorter /U cannot match
            u.get(..32) == Some(&rc4(&key, &PAD)[..])
        } else {
            let mut x = md5(&[&PAD[..], id0].concat()).to_vec();
            for i in 0..20u8 {
                let k: Vec<u8> = key.iter().map(|b| b ^ i).collect();
                x = rc4(&k, &x);
            }
            x[..16] == u[..16]
        };
        if !check {
            return Err(CryptError::Password);
        }
        Ok(Crypt { key, method })
    }

    /// A stream's data of object `(num, gen)`, decrypted.
    pub fn decrypt_stream(&self, (num, gen): (u32, u16), data: &[u8]) -> Vec<u8> {
        match self.method {
            Method::None => data.to_vec(),
            Method::Aes256 => aes_cbc_decrypt(&self.key, data),
            Method::Rc4 | Method::Aes128 => {
                let mut m = self.key.clone();
                m.extend_from_slice(&num.to_le_bytes()[..3]);
                m.extend_from_slice(&gen.to_le_bytes());
                if self.method == Method::Aes128 {
                    m.extend_from_slice(b"sAlT");
                }
                let k = &md5(&m)[..(self.key.len() + 5).min(16)];
                if self.method == Method::Rc4 {
                    rc4(k, data)
                } else {
                    aes_cbc_decrypt(k, data)
                }
            }
        }
    }
}

/// The method of streams under `/V 4` or `/V 5`: the crypt filter `/StmF` names.
fn stream_method(dict: &Dict) -> Method {
    let Some(name) = dict.get(b"StmF").and_then(Obj::as_name) else {
        return Method::None;
    };
    let cfm = dict
        .get(b"CF")
        .and_then(Obj::as_dict)
        .and_then(|cf| cf.get(name))
        .and_then(Obj::as_dict)
        .and_then(|f| f.get(b"CFM"))
        .and_then(Obj::as_name);
    match cfm {
        Some(b"V2") => Method::Rc4,
        Some(b"AESV2") => Method::Aes128,
        Some(b"AESV3") => Method::Aes256,
        _ => Method::None,
    }
}

/// The file key of revisions 5 and 6 for the empty user password (Algorithm 2.A).
fn key_r6(r: i64, u: &[u8], ue: &[u8]) -> Option<Vec<u8>> {
    if u.len() < 48 || ue.len() < 32 {
        return None;
    }
    let hash = |salt: &[u8]| -> Vec<u8> {
        if r == 5 {
            sha256(salt).to_vec()
        } else {
            hash_2b(salt)
        }
    };
    if hash(&u[32..40]) != u[..32] {
        return None;
    }
    let k = hash(&u[40..48]);
    let mut iv_data = vec![0u8; 16];
    iv_data.extend_from_slice(&ue[..32]);
    Some(aes_cbc_decrypt_raw(&k, &iv_data))
}

/// Algorithm 2.B of ISO 32000-2 for the empty password and no user data.
fn hash_2b(salt: &[u8]) -> Vec<u8> {
    let mut k = sha256(salt).to_vec();
    let mut i = 0u32;
    loop {
        let k1: Vec<u8> = k.repeat(64);
        let aes = Aes::new(&k[..16]);
        let mut e = Vec::with_capacity(k1.len());
        let mut prev: [u8; 16] = k[16..32].try_into().unwrap_or([0; 16]);
        for block in k1.chunks_exact(16) {
            let mut b = [0u8; 16];
            for j in 0..16 {
                b[j] = block[j] ^ prev[j];
            }
            aes.encrypt(&mut b);
            e.extend_from_slice(&b);
            prev = b;
        }
        let sum: u32 = e[..16].iter().map(|&b| u32::from(b)).sum();
        k = match sum % 3 {
            0 => sha256(&e).to_vec(),
            1 => sha512(&e, true),
            _ => sha512(&e, false),
        };
        i += 1;
        if i >= 64 && u32::from(*e.last().unwrap_or(&0)) <= i - 32 {
            break;
        }
        if i > 1000 {
            break;
        }
    }
    k.truncate(32);
    k
}

// ---------------------------------------------------------------------------------------
// Primitives.

fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut s: Vec<u8> = (0..=255).collect();
    let mut j = 0u8;
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len().max(1)]);
        s.swap(i, usize::from(j));
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|&b| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(s[usize::from(i)]);
            s.swap(usize::from(i), usize::from(j));
            b ^ s[usize::from(s[usize::from(i)].wrapping_add(s[usize::from(j)]))]
        })
        .collect()
}

fn md5(data: &[u8]) -> [u8; 16] {
    const S: [u32; 16] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
    let k = MD5_K;
    let mut h: [u32; 4] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_le_bytes());
    for chunk in msg.chunks_exact(64) {
        let w: Vec<u32> = chunk
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let [mut a, mut b, mut c, mut d] = h;
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let f = f.wrapping_add(a).wrapping_add(k[i]).wrapping_add(w[g]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(f.rotate_left(S[(i / 16) * 4 + i % 4]));
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 16];
    for (i, v) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&v.to_le_bytes());
    }
    out
}

fn sha256(data: &[u8]) -> [u8; 32] {
    let k = SHA256_K;
    let mut h = SHA256_H;
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_be_bytes());
    for chunk in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for i in 0..16 {
            w[i] = u32::from_be_bytes([
                chunk[4 * i],
                chunk[4 * i + 1],
                chunk[4 * i + 2],
                chunk[4 * i + 3],
            ]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(k[i])
                .wrapping_add(w[i]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for (x, y) in h.iter_mut().zip(v) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, v) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&v.to_be_bytes());
    }
    out
}

/// SHA-384 (`short`) or SHA-512.
fn sha512(data: &[u8], short: bool) -> Vec<u8> {
    let mut h: [u64; 8] = if short {
        [
            0xcbbb9d5dc1059ed8,
            0x629a292a367cd507,
            0x9159015a3070dd17,
            0x152fecd8f70e5939,
            0x67332667ffc00b31,
            0x8eb44a8768581511,
            0xdb0c2e0d64f98fa7,
            0x47b5481dbefa4fa4,
        ]
    } else {
        [
            0x6a09e667f3bcc908,
            0xbb67ae8584caa73b,
            0x3c6ef372fe94f82b,
            0xa54ff53a5f1d36f1,
            0x510e527fade682d1,
            0x9b05688c2b3e6c1f,
            0x1f83d9abfb41bd6b,
            0x5be0cd19137e2179,
        ]
    };
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 128 != 112 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u128).wrapping_mul(8)).to_be_bytes());
    for chunk in msg.chunks_exact(128) {
        let mut w = [0u64; 80];
        for i in 0..16 {
            let mut b = [0u8; 8];
            b.copy_from_slice(&chunk[8 * i..8 * i + 8]);
            w[i] = u64::from_be_bytes(b);
        }
        for i in 16..80 {
            let s0 = w[i - 15].rotate_right(1) ^ w[i - 15].rotate_right(8) ^ (w[i - 15] >> 7);
            let s1 = w[i - 2].rotate_right(19) ^ w[i - 2].rotate_right(61) ^ (w[i - 2] >> 6);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..80 {
            let s1 = v[4].rotate_right(14) ^ v[4].rotate_right(18) ^ v[4].rotate_right(41);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K512[i])
                .wrapping_add(w[i]);
            let s0 = v[0].rotate_right(28) ^ v[0].rotate_right(34) ^ v[0].rotate_right(39);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for (x, y) in h.iter_mut().zip(v) {
            *x = x.wrapping_add(y);
        }
    }
    let n = if short { 6 } else { 8 };
    h[..n].iter().flat_map(|v| v.to_be_bytes()).collect()
}

/// MD5's sines and SHA-256's roots (FIPS 180-4 §4.2.2, §5.3.3), as integers.
const MD5_K: [u32; 64] = [
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
];
const SHA256_K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];
const SHA256_H: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

const K512: [u64; 80] = [
    0x428a2f98d728ae22,
    0x7137449123ef65cd,
    0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc,
    0x3956c25bf348b538,
    0x59f111f1b605d019,
    0x923f82a4af194f9b,
    0xab1c5ed5da6d8118,
    0xd807aa98a3030242,
    0x12835b0145706fbe,
    0x243185be4ee4b28c,
    0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f,
    0x80deb1fe3b1696b1,
    0x9bdc06a725c71235,
    0xc19bf174cf692694,
    0xe49b69c19ef14ad2,
    0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5,
    0x240ca1cc77ac9c65,
    0x2de92c6f592b0275,
    0x4a7484aa6ea6e483,
    0x5cb0a9dcbd41fbd4,
    0x76f988da831153b5,
    0x983e5152ee66dfab,
    0xa831c66d2db43210,
    0xb00327c898fb213f,
    0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2,
    0xd5a79147930aa725,
    0x06ca6351e003826f,
    0x142929670a0e6e70,
    0x27b70a8546d22ffc,
    0x2e1b21385c26c926,
    0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df,
    0x650a73548baf63de,
    0x766a0abb3c77b2a8,
    0x81c2c92e47edaee6,
    0x92722c851482353b,
    0xa2bfe8a14cf10364,
    0xa81a664bbc423001,
    0xc24b8b70d0f89791,
    0xc76c51a30654be30,
    0xd192e819d6ef5218,
    0xd69906245565a910,
    0xf40e35855771202a,
    0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8,
    0x1e376c085141ab53,
    0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63,
    0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc,
    0x78a5636f43172f60,
    0x84c87814a1f0ab72,
    0x8cc702081a6439ec,
    0x90befffa23631e28,
    0xa4506cebde82bde9,
    0xbef9a3f7b2c67915,
    0xc67178f2e372532b,
    0xca273eceea26619c,
    0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e,
    0xf57d4f7fee6ed178,
    0x06f067aa72176fba,
    0x0a637dc5a2c898a6,
    0x113f9804bef90dae,
    0x1b710b35131c471b,
    0x28db77f523047d84,
    0x32caab7b40c72493,
    0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6,
    0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec,
    0x6c44198c4a475817,
];

/// AES-CBC with the IV in the first 16 bytes, PKCS#7 padding removed.
fn aes_cbc_decrypt(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut out = aes_cbc_decrypt_raw(key, data);
    if let Some(&pad) = out.last() {
        let pad = usize::from(pad);
        if (1..=16).contains(&pad) && pad <= out.len() {
            out.truncate(out.len() - pad);
        }
    }
    out
}

/// AES-CBC with the IV in the first 16 bytes, no padding removed (a last partial block is
/// left out).
fn aes_cbc_decrypt_raw(key: &[u8], data: &[u8]) -> Vec<u8> {
    if data.len() < 32 {
        return Vec::new();
    }
    let aes = Aes::new(key);
    let mut prev: [u8; 16] = data[..16].try_into().unwrap_or([0; 16]);
    let mut out = Vec::with_capacity(data.len() - 16);
    for block in data[16..].chunks_exact(16) {
        let mut b: [u8; 16] = block.try_into().unwrap_or([0; 16]);
        aes.decrypt(&mut b);
        for j in 0..16 {
            b[j] ^= prev[j];
        }
        out.extend_from_slice(&b);
        prev.copy_from_slice(block);
    }
    out
}

/// AES-128/256 block cipher (FIPS 197), with its S-boxes computed at first use.
struct Aes {
    round_keys: Vec<[u8; 16]>,
    sbox: [u8; 256],
    inv: [u8; 256],
}

/// Multiplication by x in GF(2^8), without a branch on the data.
fn xtime(b: u8) -> u8 {
    (b << 1) ^ (0x1B & 0u8.wrapping_sub(b >> 7))
}

impl Aes {
    fn new(key: &[u8]) -> Aes {
        // The S-box by walking the field with the generator 3 (p = 3^i, q = 3^-i): the
        // multiplicative inverse of p is q, then the affine map. (Computing x^254 for
        // every byte took 256 × 254 field multiplications per key: a tenth of a second for
        // the 64+ keys of Algorithm 2.B.)
        let mut sbox = [0u8; 256];
        let mut inv = [0u8; 256];
        let (mut p, mut q) = (1u8, 1u8);
        loop {
            p ^= xtime(p);
            q ^= q << 1;
            q ^= q << 2;
            q ^= q << 4;
            if q & 0x80 != 0 {
                q ^= 0x09;
            }
            let s = q
                ^ q.rotate_left(1)
                ^ q.rotate_left(2)
                ^ q.rotate_left(3)
                ^ q.rotate_left(4)
                ^ 0x63;
            sbox[usize::from(p)] = s;
            inv[usize::from(s)] = p;
            if p == 1 {
                break;
            }
        }
        sbox[0] = 0x63;
        inv[0x63] = 0;
        let nk = key.len() / 4;
        let rounds = nk + 6;
        let mut w: Vec<[u8; 4]> = key
            .chunks_exact(4)
            .map(|c| [c[0], c[1], c[2], c[3]])
            .collect();
        let mut rcon = 1u8;
        for i in nk..4 * (rounds + 1) {
            let mut t = w[i - 1];
            if i % nk == 0 {
                t = [
                    sbox[usize::from(t[1])] ^ rcon,
                    sbox[usize::from(t[2])],
                    sbox[usize::from(t[3])],
                    sbox[usize::from(t[0])],
                ];
                rcon = xtime(rcon);
            } else if nk > 6 && i % nk == 4 {
                t = t.map(|b| sbox[usize::from(b)]);
            }
            let p = w[i - nk];
            w.push([p[0] ^ t[0], p[1] ^ t[1], p[2] ^ t[2], p[3] ^ t[3]]);
        }
        let round_keys = w
            .chunks_exact(4)
            .map(|c| {
                let mut k = [0u8; 16];
                for (j, word) in c.iter().enumerate() {
                    k[4 * j..4 * j + 4].copy_from_slice(word);
                }
                k
            })
            .collect();
        Aes {
            round_keys,
            sbox,
            inv,
        }
    }

    fn encrypt(&self, b: &mut [u8; 16]) {
        let n = self.round_keys.len() - 1;
        xor(b, &self.round_keys[0]);
        for r in 1..=n {
            for x in b.iter_mut() {
                *x = self.sbox[usize::from(*x)];
            }
            shift_rows(b, false);
            if r != n {
                mix_columns(b, false);
            }
            xor(b, &self.round_keys[r]);
        }
    }

    fn decrypt(&self, b: &mut [u8; 16]) {
        let n = self.round_keys.len() - 1;
        xor(b, &self.round_keys[n]);
        for r in (0..n).rev() {
            shift_rows(b, true);
            for x in b.iter_mut() {
                *x = self.inv[usize::from(*x)];
            }
            xor(b, &self.round_keys[r]);
            if r != 0 {
                mix_columns(b, true);
            }
        }
    }
}

fn xor(b: &mut [u8; 16], k: &[u8; 16]) {
    for (x, y) in b.iter_mut().zip(k) {
        *x ^= y;
    }
}

/// Row `r` of the state (column-major) rotated left by `r` (right when `inverse`).
fn shift_rows(b: &mut [u8; 16], inverse: bool) {
    for r in 1..4 {
        let mut row = [b[r], b[4 + r], b[8 + r], b[12 + r]];
        if inverse {
            row.rotate_right(r);
        } else {
            row.rotate_left(r);
        }
        for c in 0..4 {
            b[4 * c + r] = row[c];
        }
    }
}

/// MixColumns (and its inverse: a multiplication by 4x^2 + 5 first, then the forward map),
/// as in "The Design of Rijndael", 4.1.3: xtime only, no table and no data-dependent branch.
fn mix_columns(b: &mut [u8; 16], inverse: bool) {
    for c in b.chunks_exact_mut(4) {
        if inverse {
            let u = xtime(xtime(c[0] ^ c[2]));
            let v = xtime(xtime(c[1] ^ c[3]));
            c[0] ^= u;
            c[1] ^= v;
            c[2] ^= u;
            c[3] ^= v;
        }
        let (a0, a1, a2, a3) = (c[0], c[1], c[2], c[3]);
        let t = a0 ^ a1 ^ a2 ^ a3;
        c[0] = a0 ^ t ^ xtime(a0 ^ a1);
        c[1] = a1 ^ t ^ xtime(a1 ^ a2);
        c[2] = a2 ^ t ^ xtime(a2 ^ a3);
        c[3] = a3 ^ t ^ xtime(a3 ^ a0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn primitives_match_their_test_vectors() {
        assert_eq!(
            md5(b"abc").to_vec(),
            hex("900150983cd24fb0d6963f7d28e17f72")
        );
        assert_eq!(
            sha256(b"abc").to_vec(),
            hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        );
        assert_eq!(
            sha512(b"abc", true),
            hex("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
        );
        assert_eq!(sha512(b"abc", false)[..8].to_vec(), hex("ddaf35a193617aba"));
        assert_eq!(rc4(b"Key", b"Plaintext"), hex("bbf316e8d940af0ad3"));
        // FIPS 197 C.1 and C.3.
        let pt: [u8; 16] = hex("00112233445566778899aabbccddeeff").try_into().unwrap();
        for (key, ct) in [
            (
                "000102030405060708090a0b0c0d0e0f",
                "69c4e0d86a7b0430d8cdb78070b4c55a",
            ),
            (
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
                "8ea2b7ca516745bfeafc49904b496089",
            ),
        ] {
            let aes = Aes::new(&hex(key));
            let mut b = pt;
            aes.encrypt(&mut b);
            assert_eq!(b.to_vec(), hex(ct));
            aes.decrypt(&mut b);
            assert_eq!(b, pt);
        }
    }
}
