//! A whole raw Deflate stream turned into one that more blocks may follow:
//! its last block marked as not the last, and an empty stored block after
//! it so that it ends on a byte boundary (the bytes zlib's sync flush
//! gives). libdeflate writes whole streams only, and where its last block
//! starts and its last code ends is found by walking every code: the
//! stream is decoded without writing out what it holds.

/// `stream` (a raw Deflate stream, its last block marked last) open for
/// more blocks; `None` when it is not a whole stream.
pub fn open(stream: &[u8]) -> Option<Vec<u8>> {
    let (last_at, end) = walk(stream)?;
    let mut out = stream.to_vec();
    out[last_at / 8] &= !(1 << (last_at % 8));
    // The stored block's three header bits (zero) go where the last code
    // ends; the byte they start in is cleared past it, and one more byte
    // is needed when they do not fit in what is left of it.
    let used = end % 8;
    if let Some(b) = out.last_mut().filter(|_| used != 0) {
        *b &= (1 << used) - 1;
    }
    if used == 0 || used > 5 {
        out.push(0);
    }
    out.extend_from_slice(&[0, 0, 0xff, 0xff]);
    Some(out)
}

/// Where `stream`'s last block starts and where its last code ends, in
/// bits; `None` when it is not a whole stream.
pub(super) fn walk(stream: &[u8]) -> Option<(usize, usize)> {
    let mut bits = Bits {
        data: stream,
        at: 0,
    };
    let fixed = Codes::fixed();
    let (last_at, end) = loop {
        let header = bits.at;
        let last = bits.take(1)? == 1;
        match bits.take(2)? {
            0 => bits.stored()?,
            1 => bits.codes(&fixed.0, &fixed.1)?,
            2 => {
                let (literals, distances) = Codes::read(&mut bits)?;
                bits.codes(&literals, &distances)?
            }
            _ => return None,
        }
        if last {
            break (header, bits.at);
        }
    };
    (end.div_ceil(8) == stream.len()).then_some((last_at, end))
}

/// Extra bits of the length symbols 257–284 (285 has none).
const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/// Extra bits of the distance symbols 0–29.
const DISTANCE_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
/// The order a dynamic block gives its code-length code's lengths in.
const LENGTH_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// A reader of bits, the first the lowest of its byte.
struct Bits<'a> {
    data: &'a [u8],
    /// In bits.
    at: usize,
}

impl Bits<'_> {
    /// The next `n` bits (at most 24), the first the lowest.
    fn take(&mut self, n: u32) -> Option<u32> {
        if n == 0 {
            return Some(0);
        }
        let end = self.at + n as usize;
        if end > self.data.len() * 8 {
            return None;
        }
        let byte = self.at / 8;
        let mut word = [0u8; 4];
        let have = (self.data.len() - byte).min(4);
        word[..have].copy_from_slice(&self.data[byte..byte + have]);
        let value = (u32::from_le_bytes(word) >> (self.at % 8)) & ((1 << n) - 1);
        self.at = end;
        Some(value)
    }

    /// A stored block's length and bytes, skipped.
    fn stored(&mut self) -> Option<()> {
        self.at = self.at.div_ceil(8) * 8;
        let len = self.take(16)?;
        let not = self.take(16)?;
        if len != !not & 0xffff {
            return None;
        }
        let end = self.at + 8 * len as usize;
        (end <= self.data.len() * 8).then(|| self.at = end)
    }

    /// A compressed block's codes up to its end-of-block, skipped.
    fn codes(&mut self, literals: &Code, distances: &Code) -> Option<()> {
        loop {
            let symbol = literals.decode(self)?;
            match symbol {
                0..=255 => {}
                256 => return Some(()),
                _ => {
                    let extra = *LENGTH_EXTRA.get(usize::from(symbol - 257))?;
                    self.take(u32::from(extra))?;
                    let distance = distances.decode(self)?;
                    let extra = *DISTANCE_EXTRA.get(usize::from(distance))?;
                    self.take(u32::from(extra))?;
                }
            }
        }
    }
}

/// A canonical Huffman code: how many codes each length has, and the
/// symbols in code order.
struct Code {
    count: [u16; 16],
    symbols: Vec<u16>,
}

impl Code {
    /// The code of symbols with these code `lengths` (0: unused).
    fn new(lengths: &[u8]) -> Code {
        let mut count = [0u16; 16];
        for &l in lengths {
            count[usize::from(l)] += 1;
        }
        count[0] = 0;
        let mut offsets = [0u16; 16];
        for l in 1..15 {
            offsets[l + 1] = offsets[l] + count[l];
        }
        let mut symbols = vec![0; lengths.len()];
        for (symbol, &l) in lengths.iter().enumerate().filter(|(_, &l)| l != 0) {
            symbols[usize::from(offsets[usize::from(l)])] = symbol as u16;
            offsets[usize::from(l)] += 1;
        }
        Code { count, symbols }
    }

    /// The next symbol: codes are read a bit at a time, the first bit
    /// the highest of the code.
    fn decode(&self, bits: &mut Bits) -> Option<u16> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0usize);
        for &count in &self.count[1..] {
            code |= bits.take(1)? as i32;
            let count = i32::from(count);
            if code - first < count {
                return self.symbols.get(index + (code - first) as usize).copied();
            }
            index += count as usize;
            first = (first + count) << 1;
            code <<= 1;
        }
        None
    }
}

struct Codes;

impl Codes {
    /// The codes of a block with fixed codes.
    fn fixed() -> (Code, Code) {
        let mut lengths = [8u8; 288];
        lengths[144..256].fill(9);
        lengths[256..280].fill(7);
        (Code::new(&lengths), Code::new(&[5; 30]))
    }

    /// The codes a dynamic block's header gives.
    fn read(bits: &mut Bits) -> Option<(Code, Code)> {
        let literals = bits.take(5)? as usize + 257;
        let distances = bits.take(5)? as usize + 1;
        let given = bits.take(4)? as usize + 4;
        let mut of_lengths = [0u8; 19];
        for &k in &LENGTH_ORDER[..given] {
            of_lengths[k] = bits.take(3)? as u8;
        }
        let of_lengths = Code::new(&of_lengths);
        let mut lengths = vec![0u8; literals + distances];
        let mut k = 0;
        while k < lengths.len() {
            let symbol = of_lengths.decode(bits)?;
            let (value, times) = match symbol {
                0..=15 => (symbol as u8, 1),
                16 => (*lengths.get(k.checked_sub(1)?)?, 3 + bits.take(2)?),
                17 => (0, 3 + bits.take(3)?),
                18 => (0, 11 + bits.take(7)?),
                _ => return None,
            };
            let end = k + times as usize;
            lengths.get_mut(k..end)?.fill(value);
            k = end;
        }
        Some((
            Code::new(&lengths[..literals]),
            Code::new(&lengths[literals..]),
        ))
    }
}
