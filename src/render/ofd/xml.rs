//! What every OFD part shares: the declaration, the namespace, and
//! numbers as the parts write them.

use crate::typeset::page::MM;

pub const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// The namespace of GB/T 33190-2016, prefixed `ofd:` in every part.
pub const OFD_NS: &str = "http://www.ofdspec.org/2016";

/// `pt` in millimetres to the micrometre, without trailing zeros (and
/// never `-0`), so that the same page always gives the same text.
pub fn mm(pt: f32) -> String {
    let v = (pt as f64 / MM as f64 * 1000.0).round() / 1000.0;
    let s = format!("{:.3}", if v == 0.0 { 0.0 } else { v });
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millimetres_to_the_micrometre() {
        assert_eq!(mm(MM * 210.0), "210");
        assert_eq!(mm(16.0), "5.644");
        assert_eq!(mm(-0.0001), "0");
        assert_eq!(mm(0.5 * MM), "0.5");
    }
}
