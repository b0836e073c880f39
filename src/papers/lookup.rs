//! What only a candidate can find and read. From what they registered
//! with (ID number, name and mobile number: the phone is on no public
//! page) and the year's public salt, PBKDF2-HMAC-SHA256 derives one
//! 32-byte master secret; HMAC-SHA256 under it, with a label each, splits
//! that into the receipt's look-up name, its AES-256-GCM key and the key
//! that makes its nonce. `templates/receipts.js` does the same in Web
//! Crypto: change one, change both (the browser test compares them).
//!
//! One PBKDF2 block and labelled HMACs rather than a 64-byte PBKDF2
//! output: each further PBKDF2 block costs the full work factor again for
//! the builder and the page, while an attacker needs only the block that
//! makes the name to test a guess.
//!
//! The PBKDF2 loop is written here on `sha2::compress256` and checked
//! against the `pbkdf2` crate in the tests: that crate is generic over
//! the hash, so its loop compiles at gazette's own optimisation level,
//! which in debug builds (every test) made a derivation 25 times slower.

use hmac::{Hmac, Mac};
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};
use sha2::Sha256;

pub use crate::model::papers::ITERATIONS;

/// Prefix of every derivation input: a new scheme changes it.
const SCHEME: &str = "gazette-receipt/2";

/// The suffix of published receipts: not a PDF until decrypted.
pub const SUFFIX: &str = "bin";

/// A published receipt is `MAGIC`, `FORMAT`, the 12-byte nonce, then the
/// AES-256-GCM ciphertext and its 16-byte tag; the first 17 bytes are
/// also the associated data.
const MAGIC: &[u8; 4] = b"GZRC";
const FORMAT: u8 = 1;
pub const HEADER_LEN: usize = 17;

fn is_space(c: char) -> bool {
    // The union of JavaScript's \s and Rust's White_Space, as the page trims.
    c.is_whitespace() || c == '\u{feff}'
}

/// Full-width digits and letters (as Chinese input methods type them) to ASCII.
fn fold_width(c: char) -> char {
    match c {
        '\u{ff10}'..='\u{ff19}' | '\u{ff21}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}' => {
            char::from_u32(c as u32 - 0xfee0).unwrap_or(c)
        }
        c => c,
    }
}

/// An ID number as typed: spaces dropped, full width folded, `x` upper-case.
pub fn normalise_id(s: &str) -> String {
    s.chars()
        .filter(|c| !is_space(*c))
        .map(|c| fold_width(c).to_ascii_uppercase())
        .collect()
}

/// A name as typed: only leading and trailing spaces dropped.
pub fn normalise_name(s: &str) -> String {
    s.trim_matches(is_space).to_string()
}

/// A mobile number as typed: digits only (spaces, dashes and brackets
/// dropped, full width folded), without a leading +86 or 86.
pub fn normalise_phone(s: &str) -> String {
    let digits: String = s
        .chars()
        .map(fold_width)
        .filter(|c| c.is_ascii_digit())
        .collect();
    match digits.strip_prefix("86") {
        Some(rest) if digits.len() == 13 => rest.to_string(),
        _ => digits,
    }
}

/// The derivation's output, from which the name and keys are split.
#[derive(Clone, PartialEq, Eq)]
pub struct Master(pub(crate) [u8; 32]);

impl std::fmt::Debug for Master {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Master(…)")
    }
}

/// The slow step: PBKDF2-HMAC-SHA256 over the normalised secret and the year's salt.
pub fn derive(salt: &str, id: &str, name: &str, phone: &str, iterations: u32) -> Master {
    let secret = format!(
        "{SCHEME}\n{}\n{}\n{}",
        normalise_id(id),
        normalise_name(name),
        normalise_phone(phone)
    );
    let salt = format!("{SCHEME} salt\n{salt}");
    Master(pbkdf2_sha256(
        secret.as_bytes(),
        salt.as_bytes(),
        iterations,
    ))
}

/// SHA-256's initial state (FIPS 180-4, 5.3.3).
const H0: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// PBKDF2-HMAC-SHA256 (RFC 8018, 5.2) with one 32-byte output block.
/// HMAC's inner and outer states after the padded key are computed once;
/// each iteration is then two compressions of one block.
fn pbkdf2_sha256(password: &[u8], salt: &[u8], iterations: u32) -> [u8; 32] {
    use sha2::digest::generic_array::GenericArray;
    let mut key = [0u8; 64];
    if password.len() > 64 {
        key[..32].copy_from_slice(&<Sha256 as sha2::Digest>::digest(password));
    } else {
        key[..password.len()].copy_from_slice(password);
    }
    let after_pad = |pad: u8| {
        let mut state = H0;
        let block: [u8; 64] = std::array::from_fn(|i| key[i] ^ pad);
        sha2::compress256(&mut state, &[GenericArray::clone_from_slice(&block)]);
        state
    };
    let (inner, outer) = (after_pad(0x36), after_pad(0x5c));
    // U1 = HMAC(password, salt ‖ INT(1)), the one HMAC over a long message.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(password).expect("any key length");
    mac.update(salt);
    mac.update(&1u32.to_be_bytes());
    let mut u: [u8; 32] = mac.finalize().into_bytes().into();
    let mut t = u;
    // The rest hash 64 + 32 bytes: one block, U then padding and 768 bits of length.
    let mut block = GenericArray::clone_from_slice(&[0u8; 64]);
    block[32] = 0x80;
    block[62] = 0x03;
    for _ in 1..iterations {
        block[..32].copy_from_slice(&u);
        let mut state = inner;
        sha2::compress256(&mut state, std::slice::from_ref(&block));
        for (i, w) in state.iter().enumerate() {
            block[4 * i..4 * i + 4].copy_from_slice(&w.to_be_bytes());
        }
        let mut state = outer;
        sha2::compress256(&mut state, std::slice::from_ref(&block));
        for (i, w) in state.iter().enumerate() {
            u[4 * i..4 * i + 4].copy_from_slice(&w.to_be_bytes());
        }
        for (t, u) in t.iter_mut().zip(&u) {
            *t ^= u;
        }
    }
    t
}

impl Master {
    fn split(&self, label: &str) -> [u8; 32] {
        let mut m =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC takes any key length");
        m.update(format!("{SCHEME} {label}").as_bytes());
        m.finalize().into_bytes().into()
    }

    /// The receipt's file name without suffix: 128 bits, as 32 hex digits.
    pub fn name(&self) -> String {
        super::key::hex(&self.name_bytes())
    }

    /// [`Master::name`] as the 16 bytes it spells.
    pub fn name_bytes(&self) -> [u8; 16] {
        let mut name = [0u8; 16];
        name.copy_from_slice(&self.split("name")[..16]);
        name
    }

    fn cipher(&self) -> LessSafeKey {
        let key = UnboundKey::new(&AES_256_GCM, &self.split("key")).expect("a 32-byte key");
        LessSafeKey::new(key)
    }

    /// Encrypt a receipt. The nonce is an HMAC of the plaintext under a key
    /// of its own (SIV-style), so the same receipt encrypts to the same
    /// bytes: a nonce repeats only with the same key and the same plaintext,
    /// which gives the same file and reveals nothing new.
    pub fn seal(&self, plaintext: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        self.seal_into(plaintext, &mut out);
        out
    }

    /// [`Master::seal`] into `out`, emptied first: a thread sealing one
    /// receipt after another keeps one buffer rather than taking 40 KB
    /// from the allocator and giving them back each time.
    pub fn seal_into(&self, plaintext: &[u8], out: &mut Vec<u8>) {
        let mut m = <Hmac<Sha256> as Mac>::new_from_slice(&self.split("nonce"))
            .expect("HMAC takes any key length");
        m.update(plaintext);
        let tag = m.finalize().into_bytes();
        out.clear();
        out.reserve(HEADER_LEN + plaintext.len() + 16);
        out.extend_from_slice(MAGIC);
        out.push(FORMAT);
        out.extend_from_slice(&tag[..12]);
        // Encrypted where it lies: the same bytes as `encrypt`, without a
        // second 40 KB buffer and a copy.
        out.extend_from_slice(plaintext);
        let (header, body) = out.split_at_mut(HEADER_LEN);
        let nonce = Nonce::try_assume_unique_for_key(&header[5..]).expect("12 bytes");
        let tag = self
            .cipher()
            .seal_in_place_separate_tag(nonce, Aad::from(&*header), body)
            .expect("AES-GCM encrypts any receipt-sized message");
        out.extend_from_slice(tag.as_ref());
    }

    /// Decrypt a published receipt; None if it is not one, or not this key's.
    pub fn open(&self, file: &[u8]) -> Option<Vec<u8>> {
        if file.len() < HEADER_LEN + 16 || &file[..4] != MAGIC || file[4] != FORMAT {
            return None;
        }
        let nonce = Nonce::try_assume_unique_for_key(&file[5..HEADER_LEN]).ok()?;
        let mut body = file[HEADER_LEN..].to_vec();
        let plain = (self.cipher())
            .open_in_place(nonce, Aad::from(&file[..HEADER_LEN]), &mut body)
            .ok()?
            .len();
        body.truncate(plain);
        Some(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pbkdf2_agrees_with_the_rustcrypto_crate() {
        let long = [7u8; 100];
        for (password, salt, n) in [
            (&b"passwd"[..], &b"salt"[..], 1),
            (b"password", b"NaCl", 2),
            (&long[..], b"s", 1000),
            (b"", b"gazette-receipt/2 salt\nab", 4097),
        ] {
            let mut want = [0u8; 32];
            pbkdf2::pbkdf2_hmac::<Sha256>(password, salt, n, &mut want);
            assert_eq!(pbkdf2_sha256(password, salt, n), want, "{n} iterations");
        }
    }

    #[test]
    fn typed_secrets_normalise_as_the_page_does() {
        let wide: String = "43010220000101001x"
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xfee0).unwrap())
            .collect();
        assert_eq!(
            normalise_id(&format!(" {wide}\u{3000}")),
            "43010220000101001X"
        );
        assert_eq!(normalise_id("43010220000101001x"), "43010220000101001X");
        assert_eq!(normalise_name("\u{3000}张三 \u{feff}"), "张三");
        assert_eq!(normalise_name("买买提 艾力"), "买买提 艾力");
        assert_eq!(normalise_phone("+86 138-0013-8000"), "13800138000");
        assert_eq!(normalise_phone("１３８００１３８０００"), "13800138000");
        assert_eq!(normalise_phone("8613800138000"), "13800138000");
    }

    #[test]
    fn the_secret_decides_name_and_key_and_a_wrong_one_opens_nothing() {
        let d = |id: &str, name: &str, phone: &str| derive("ab12", id, name, phone, 1000);
        let right = d("43010220000101001X", "张三", "13800138000");
        assert_eq!(right, d("43010220000101001x ", " 张三", "138 0013 8000"));
        let sealed = right.seal(b"%PDF-1.7 receipt");
        assert_eq!(sealed, right.seal(b"%PDF-1.7 receipt"), "deterministic");
        assert_ne!(&sealed[5..17], &right.seal(b"%PDF-1.7 other")[5..17]);
        assert_eq!(
            right.open(&sealed).as_deref(),
            Some(&b"%PDF-1.7 receipt"[..])
        );
        assert_eq!(right.name().len(), 32);
        for wrong in [
            d("43010220000101001X", "张三", "13800138001"),
            d("43010220000101001X", "张四", "13800138000"),
            derive("ab13", "43010220000101001X", "张三", "13800138000", 1000),
            derive("ab12", "43010220000101001X", "张三", "13800138000", 1001),
        ] {
            assert_ne!(wrong.name(), right.name());
            assert!(wrong.open(&sealed).is_none());
        }
        let mut tampered = sealed.clone();
        tampered[20] ^= 1;
        assert!(right.open(&tampered).is_none());
    }

    #[test]
    fn a_kept_buffer_seals_as_a_fresh_one() {
        let master = derive("ab12", "43010220000101001X", "张三", "13800138000", 1000);
        let long = vec![7u8; 50_000];
        let mut kept = Vec::new();
        for plain in [&long[..], b"%PDF-1.7 short", &long[..10]] {
            master.seal_into(plain, &mut kept);
            assert_eq!(kept, master.seal(plain));
            assert_eq!(master.open(&kept).as_deref(), Some(plain));
        }
    }
}
