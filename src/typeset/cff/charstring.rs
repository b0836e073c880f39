//! A Type 2 charstring with its subroutine calls replaced by the
//! subroutines' bytes, so a subset needs no subroutines, and without its
//! hints (stems, hint and counter masks), which only a rasterizer that
//! hints small sizes on a low-resolution screen uses (see the README's
//! Benchmarks: a receipt is printed or read on a phone; poppler draws the
//! same pixels). Not an interpreter: it follows the operand count (for the
//! call's index, the width, and the stems a `hintmask` has bits for) and
//! copies every other byte as it is, so the outline and the advance are
//! those of the original.

use super::read::Index;

/// The subroutines a charstring may call.
pub struct Subrs<'a> {
    pub global: Index<'a>,
    pub local: Index<'a>,
}

/// Nesting the Type 2 format allows.
const MAX_DEPTH: u8 = 10;

/// Operators that compute operands (arithmetic, storage, conditionals): a
/// call whose index one of them made cannot be followed here.
const COMPUTING: [u8; 20] = [
    3, 4, 5, 9, 10, 11, 12, 14, 15, 18, 20, 21, 22, 23, 24, 26, 27, 28, 29, 30,
];

/// `cs` with every subroutine inlined; `None` for a charstring this cannot
/// follow (then the caller subsets another way).
pub fn flatten(cs: &[u8], subrs: &Subrs) -> Option<Vec<u8>> {
    let mut f = Flattener {
        subrs,
        out: Vec::with_capacity(cs.len() * 4),
        args: 0,
        args_at: 0,
        first_end: 0,
        cleared: false,
        stems: 0,
        last: None,
        done: false,
    };
    f.run(cs, 0)?;
    f.done.then_some(f.out)
}

struct Flattener<'s, 'a> {
    subrs: &'s Subrs<'a>,
    out: Vec<u8>,
    /// Operands on the stack.
    args: usize,
    /// Where in `out` they start, and where the first of them ends.
    args_at: usize,
    first_end: usize,
    /// A stack-clearing operator came (the advance, if any, came with it).
    cleared: bool,
    /// Stem hints declared so far.
    stems: usize,
    /// Where the last token, a number, starts in `out`, and its integer value.
    last: Option<(usize, Option<i32>)>,
    done: bool,
}

fn bias(n: usize) -> i32 {
    match n {
        0..1240 => 107,
        1240..33900 => 1131,
        _ => 32768,
    }
}

impl Flattener<'_, '_> {
    fn run(&mut self, cs: &[u8], depth: u8) -> Option<()> {
        let mut i = 0;
        while i < cs.len() {
            let b = cs[i];
            let (len, value) = match b {
                28 => (
                    3,
                    Some(i32::from(i16::from_be_bytes([
                        *cs.get(i + 1)?,
                        *cs.get(i + 2)?,
                    ]))),
                ),
                32..=246 => (1, Some(i32::from(b) - 139)),
                247..=250 => (
                    2,
                    Some((i32::from(b) - 247) * 256 + i32::from(*cs.get(i + 1)?) + 108),
                ),
                251..=254 => (
                    2,
                    Some(-(i32::from(b) - 251) * 256 - i32::from(*cs.get(i + 1)?) - 108),
                ),
                255 => (5, None),
                _ => {
                    i = self.operator(cs, i, depth)?;
                    if self.done || i == usize::MAX {
                        return Some(());
                    }
                    continue;
                }
            };
            let token = cs.get(i..i + len)?;
            self.last = Some((self.out.len(), value));
            self.out.extend_from_slice(token);
            self.args += 1;
            if self.args == 1 {
                self.first_end = self.out.len();
            }
            i += len;
        }
        Some(())
    }

    /// The operator at `cs[i]`; where the next token starts (`usize::MAX`
    /// after a `return`).
    fn operator(&mut self, cs: &[u8], i: usize, depth: u8) -> Option<usize> {
        let b = cs[i];
        let last = self.last.take();
        match b {
            // callsubr, callgsubr: the index is the number before the call.
            10 | 29 => {
                let (at, value) = last?;
                self.out.truncate(at);
                self.args -= 1;
                let subrs = if b == 10 {
                    &self.subrs.local
                } else {
                    &self.subrs.global
                };
                let k = usize::try_from(value? + bias(subrs.len())).ok()?;
                let body = subrs.get(k)?;
                if depth >= MAX_DEPTH {
                    return None;
                }
                self.run(body, depth + 1)?;
                Some(i + 1)
            }
            11 => Some(usize::MAX),
            14 => {
                self.out.push(b);
                self.done = true;
                Some(i + 1)
            }
            // hstem, vstem, hstemhm, vstemhm: pairs of operands, a width first when odd.
            1 | 3 | 18 | 23 => {
                self.stems += self.args / 2;
                self.drop_hint();
                Some(i + 1)
            }
            // hintmask, cntrmask: operands before are an implied vstem; one bit a stem.
            19 | 20 => {
                self.stems += self.args / 2;
                self.drop_hint();
                let mask = cs.get(i + 1..i + 1 + self.stems.div_ceil(8))?;
                Some(i + 1 + mask.len())
            }
            12 => {
                let op = *cs.get(i + 1)?;
                if COMPUTING.contains(&op) {
                    return None;
                }
                self.out.push(12);
                self.clear(op);
                Some(i + 2)
            }
            _ => {
                self.clear(b);
                Some(i + 1)
            }
        }
    }

    fn clear(&mut self, op: u8) {
        self.out.push(op);
        self.args = 0;
        self.args_at = self.out.len();
        self.cleared = true;
    }

    /// Leave out a hint operator and its operands, but not the advance
    /// before the first: the next operator (now the first) takes it.
    fn drop_hint(&mut self) {
        let width = !self.cleared && self.args % 2 == 1;
        self.out
            .truncate(if width { self.first_end } else { self.args_at });
        self.args = 0;
        self.args_at = self.out.len();
        self.cleared = true;
    }
}
