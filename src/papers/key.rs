//! The authority's secret receipt key, and what is derived from it: the
//! verification code of each receipt (HMAC-SHA256 over its facts), the
//! year's public salt of the receipts' key derivation (see `lookup.rs`),
//! and private tags (the shard of a receipt, derivation cache entries).

use std::path::{Path, PathBuf};

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::diag::Diagnostic;
use crate::model::config::ReceiptsConfig;

/// The environment variable that holds the key (64 hex digits); it wins over the key file.
pub const KEY_ENV: &str = "GAZETTE_RECEIPT_KEY";

#[derive(Clone)]
pub struct Key([u8; 32]);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

/// How a missing key is handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// A build: create the key file and say where.
    Create,
    /// A check or preview: always the fixed preview key; the authority's
    /// key is neither read nor created.
    Preview,
    /// Verification: a missing key is an error.
    Fail,
}

/// Where the key was found (or made).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Env,
    File(PathBuf),
    Created(PathBuf),
    Preview,
}

impl Key {
    /// Load the key from the environment or the key file.
    pub fn load(
        cfg: &ReceiptsConfig,
        site_root: &Path,
        missing: Missing,
    ) -> Result<(Key, Origin), Diagnostic> {
        if missing == Missing::Preview {
            return Ok((Key::preview(), Origin::Preview));
        }
        if let Ok(hex) = std::env::var(KEY_ENV) {
            let key = parse_hex(hex.trim()).ok_or_else(|| {
                crate::diag!(Error, "receipt-key-env-malformed", var = KEY_ENV).io()
            })?;
            refuse_weak(&key, KEY_ENV)?;
            return Ok((key, Origin::Env));
        }
        let path = match &cfg.key_file {
            // Relative to the site, like every path in gazette.yaml.
            Some(p) => site_root.join(p),
            None => match default_path() {
                Some(p) => p,
                None => return Err(crate::diag!(Error, "receipt-key-no-place", var = KEY_ENV).io()),
            },
        };
        refuse_inside(&path, site_root)?;
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let key = parse_hex(text.trim()).ok_or_else(|| {
                    crate::diag!(Error, "receipt-key-file-malformed", file = &path).io()
                })?;
                refuse_weak(&key, &crate::t!("receipt-key-source-file", file = &path))?;
                Ok((key, Origin::File(path)))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => match missing {
                Missing::Preview => Ok((Key::preview(), Origin::Preview)),
                Missing::Fail => {
                    Err(
                        crate::diag!(Error, "receipt-key-missing", file = &path, var = KEY_ENV)
                            .io(),
                    )
                }
                Missing::Create => {
                    let key = Key::random()?;
                    write_key(&path, &key)?;
                    Ok((key, Origin::Created(path)))
                }
            },
            Err(e) => Err(crate::diag!(Error, "receipt-key-read-failed", file = &path)
                .cause(e)
                .io()),
        }
    }

    /// A fixed key for previews; never used for a build.
    pub fn preview() -> Key {
        Key(Sha256::digest(b"gazette preview key: not for receipts").into())
    }

    pub fn from_bytes(bytes: [u8; 32]) -> Key {
        Key(bytes)
    }

    fn random() -> Result<Key, Diagnostic> {
        let mut k = [0u8; 32];
        getrandom::fill(&mut k)
            .map_err(|e| crate::diag!(Error, "receipt-key-no-random").cause(e).io())?;
        Ok(Key(k))
    }

    /// HMAC-SHA256 under the key, separated by `domain`: only the authority can compute it.
    pub(crate) fn mac(&self, domain: &str, message: &[u8]) -> [u8; 32] {
        let mut m =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC takes any key length");
        m.update(domain.as_bytes());
        m.update(b"\n");
        m.update(message);
        m.finalize().into_bytes().into()
    }

    /// The verification code of a receipt's canonical facts.
    pub fn code(&self, canonical: &str) -> String {
        let mac = self.mac("gazette receipt code", canonical.as_bytes());
        format_code(&base32(&mac[..13])[..20])
    }

    /// The year's public salt of the receipts' key derivation: unpredictable
    /// before the receipts are published (no table of guesses can be made
    /// ahead), different every year.
    pub fn salt(&self, year: i32) -> String {
        hex(&self.mac("gazette receipt salt", year.to_string().as_bytes())[..16])
    }
}

impl Origin {
    /// A key file others may read or change: whoever reads it can forge
    /// every receipt; whoever writes it can replace the authority's key.
    pub fn warning(&self) -> Option<Diagnostic> {
        let Origin::File(path) = self else {
            return None;
        };
        loose_mode(path).map(|mode| {
            crate::diag!(
                Warning,
                "receipt-key-loose",
                file = path,
                mode = format!("{mode:04o}")
            )
        })
    }
}

/// The file's permission bits when group or others have any access to it.
#[cfg(unix)]
fn loose_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o7777;
    (mode & 0o077 != 0).then_some(mode)
}

#[cfg(not(unix))]
fn loose_mode(_: &Path) -> Option<u32> {
    None
}

/// A key of one repeated byte (all zeros, all `ff`…) is a placeholder or a
/// mistake, not a secret: anyone could guess it and forge every receipt.
fn refuse_weak(key: &Key, source: &str) -> Result<(), Diagnostic> {
    if key.0.iter().all(|b| *b == key.0[0]) {
        return Err(crate::diag!(
            Error,
            "receipt-key-weak",
            source = source,
            byte = format!("{:02x}", key.0[0])
        )
        .io());
    }
    Ok(())
}

/// Codes are read aloud and typed: Crockford's alphabet has no I, L, O, U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut acc, mut bits) = (0u32, 0);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((acc >> bits) & 31) as usize] as char);
        }
    }
    out
}

fn format_code(s: &str) -> String {
    s.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// A code as typed: case, spaces and dashes ignored, O read as 0, I and L as 1.
pub fn normalise_code(typed: &str) -> String {
    let clean: String = typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    format_code(&clean)
}

pub fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(2 * bytes.len());
    push_hex(&mut s, bytes);
    s
}

/// [`hex`] appended to `out`: one allocation for many values.
pub fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
}

/// The bytes of lowercase or uppercase hex `s` of exactly `N` bytes.
pub fn unhex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let s = s.as_bytes();
    if s.len() != 2 * N {
        return None;
    }
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = [0u8; N];
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = digit(s[2 * i])? << 4 | digit(s[2 * i + 1])?;
    }
    Some(out)
}

fn parse_hex(s: &str) -> Option<Key> {
    if s.len() != 64 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut k = [0u8; 32];
    for (i, slot) in k.iter_mut().enumerate() {
        *slot = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(Key(k))
}

fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("gazette").join("receipt-key"))
}

/// A key inside the site would be copied, committed and published with it.
fn refuse_inside(path: &Path, root: &Path) -> Result<(), Diagnostic> {
    let abs = |p: &Path| {
        std::path::absolute(p)
            .ok()
            .map(|a| a.canonicalize().unwrap_or(a))
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    if let (Some(d), Some(r)) = (abs(dir), abs(root)) {
        if d.starts_with(&r) {
            return Err(crate::diag!(Error, "receipt-key-inside-site", file = path)
                .in_file(crate::load::CONFIG_FILE)
                .io());
        }
    }
    Ok(())
}

fn write_key(path: &Path, key: &Key) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| {
        crate::diag!(
            Error,
            "receipt-key-create-failed",
            file = path,
            var = KEY_ENV
        )
        .cause(e)
        .io()
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(fail)?;
    std::io::Write::write_all(&mut f, format!("{}\n", hex(&key.0)).as_bytes()).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_change_with_any_fact_and_read_back_as_typed() {
        let k = Key::from_bytes([7; 32]);
        let a = k.code("name=张三\nid=430102200001010011\n");
        let b = k.code("name=张三\nid=430102200001010012\n");
        assert_ne!(a, b);
        assert_eq!(a.len(), 24);
        assert_eq!(normalise_code(&a.to_lowercase().replace('-', " ")), a);
        assert_ne!(
            Key::from_bytes([8; 32]).code("name=张三\nid=430102200001010011\n"),
            a
        );
    }

    #[test]
    fn salts_differ_by_year_and_key() {
        let k = Key::from_bytes([1; 32]);
        assert_ne!(k.salt(2024), k.salt(2025));
        assert_ne!(k.salt(2024), Key::from_bytes([2; 32]).salt(2024));
        assert_eq!(k.salt(2024).len(), 32);
    }

    #[test]
    fn keys_of_one_repeated_byte_are_refused() {
        assert!(refuse_weak(&Key::from_bytes([0; 32]), "k").is_err());
        assert!(refuse_weak(&Key::from_bytes([0xff; 32]), "k").is_err());
        let mut k = [0; 32];
        k[31] = 1;
        assert!(refuse_weak(&Key::from_bytes(k), "k").is_ok());
    }

    #[test]
    fn base32_of_known_bytes() {
        assert_eq!(base32(&[0xff, 0xff, 0xff, 0xff, 0xff]), "ZZZZZZZZ");
        assert_eq!(base32(&[0, 0, 0, 0, 0]), "00000000");
    }
}
