//! 避头尾 (kinsoku): punctuation that may not start or end a line. Shared by
//! the PDF line breaker and the title balancing of both outputs.

/// Characters that must not start a line.
const NO_START: &str = "，。、；：？！）》」』〕】〉’”…—·％‰,.;:?!)]}%";
/// Characters that must not end a line.
const NO_END: &str = "（《「『〔【〈‘“([{";

pub fn no_start(c: char) -> bool {
    NO_START.contains(c)
}

pub fn no_end(c: char) -> bool {
    NO_END.contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_classes() {
        assert!(no_start('，') && no_start('。') && no_start('）') && no_start('〕'));
        assert!(no_end('（') && no_end('《') && no_end('〔'));
        assert!(!no_start('中') && !no_end('中'));
    }
}
