//! What every OFD part shares: the declaration, the namespace, and
//! numbers as the parts write them.

use crate::typeset::page::MM;

pub const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// The namespace of GB/T 33190-2016, prefixed `ofd:` in every part.
pub const OFD_NS: &str = "http://www.ofdspec.org/2016";

/// `pt` in millimetres to the micrometre, without trailing zeros (and
/// never `-0`), so that the same page always gives the same text. Written
/// from whole micrometres: a page has thousands of these numbers.
#[derive(Debug, Clone, Copy)]
pub struct Mm(pub f32);

impl std::fmt::Display for Mm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let um = (self.0 as f64 / MM as f64 * 1000.0).round() as i64;
        let (whole, part) = (um.unsigned_abs() / 1000, um.unsigned_abs() % 1000);
        let sign = if um < 0 { "-" } else { "" };
        match part {
            0 => write!(f, "{sign}{whole}"),
            p if p % 100 == 0 => write!(f, "{sign}{whole}.{}", p / 100),
            p if p % 10 == 0 => write!(f, "{sign}{whole}.{:02}", p / 10),
            p => write!(f, "{sign}{whole}.{p:03}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millimetres_to_the_micrometre() {
        let mm = |pt: f32| Mm(pt).to_string();
        assert_eq!(mm(MM * 210.0), "210");
        assert_eq!(mm(16.0), "5.644");
        assert_eq!(mm(-0.0001), "0");
        assert_eq!(mm(0.5 * MM), "0.5");
        assert_eq!(mm(-0.05 * MM), "-0.05");
        assert_eq!(mm(-1.001 * MM), "-1.001");
        assert_eq!(mm(3.07 * MM), "3.07");
        // As the float formatter had them, at every micrometre of 0-10 mm.
        for um in -10_000..10_000 {
            let pt = um as f32 / 1000.0 * MM;
            let v = (pt as f64 / MM as f64 * 1000.0).round() / 1000.0;
            let s = format!("{:.3}", if v == 0.0 { 0.0 } else { v });
            let want = s.trim_end_matches('0').trim_end_matches('.');
            assert_eq!(mm(pt), want, "{um} µm");
        }
    }
}
