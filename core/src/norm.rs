//! Document lengths in one byte, as BM25 reads them.
//!
//! BM25 reads each document's length only through `len / avg_len`, damped
//! by `B`, so it needs it only roughly, and a varint of the exact length
//! costs two bytes an article that barely compress. So, as Lucene does
//! (`SmallFloat.intToByte4`), a length is stored as a one-byte code: the
//! length itself when it is small, else a tiny float rounded down.
//!
//! | code `c`   | length                                                     |
//! |------------|------------------------------------------------------------|
//! | 0 – 23     | `c`                                                        |
//! | 24 – 255   | `16 + (8 + c % 8) · 2^(c / 8 − 3)`: four significant bits, the first one implicit |
//!
//! So lengths below [`EXACT_BELOW`] (32) are exact, and above, eight codes
//! share each doubling (32, 34, …, 46, then 48, 52, …; 496 and 528 around
//! a news article's 500): a length `x` decodes to the largest code value
//! at most `x`, less than `x / 9` below it. The 256 codes reach `u32::MAX`
//! (code 255 is 4,026,531,856), so every length has a code. Lucene's
//! table is the same but for the offset (24, not 16): exact below 40, and
//! lengths past `i32::MAX` share its last code.
//!
//! Decoding is monotone and rounds down, so `decode_norm(norm_code(x)) <= x`
//! and a longer document never gets a shorter length.

/// Codes below this are the lengths themselves: the float's offset.
const OFFSET: u32 = 16;

/// Lengths below this have a code of their own (decode exactly).
pub const EXACT_BELOW: u32 = 32;

/// A decoded length `d` of `x` satisfies `x - d < x / MAX_ERROR_DIVISOR`
/// (less than 11.2% short).
pub const MAX_ERROR_DIVISOR: u32 = 9;

/// The one-byte code of a length: the largest code whose length
/// ([`decode_norm`]) is at most `len`.
pub fn norm_code(len: u32) -> u8 {
    if len < OFFSET + 8 {
        return len as u8;
    }
    let x = len - OFFSET;
    // x >= 8: keep its four leading bits (the first is always 1).
    let shift = 28 - x.leading_zeros();
    let mantissa = (x >> shift) & 7;
    (OFFSET + ((shift + 1) << 3 | mantissa)) as u8
}

/// The length a code stands for (see the module docs).
pub fn decode_norm(code: u8) -> u32 {
    let c = u32::from(code);
    if c < OFFSET + 8 {
        return c;
    }
    let c = c - OFFSET;
    OFFSET + ((8 | (c & 7)) << ((c >> 3) - 1))
}

/// `len` as BM25 reads it: `decode_norm(norm_code(len))`.
pub fn quantize(len: u32) -> u32 {
    decode_norm(norm_code(len))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn table() {
        let cases: &[(u32, u8, u32)] = &[
            // (length, code, decoded)
            (0, 0, 0),
            (1, 1, 1),
            (23, 23, 23),
            (24, 24, 24),
            (31, 31, 31),
            (32, 32, 32),
            (33, 32, 32),
            (34, 33, 34),
            (47, 39, 46),
            (48, 40, 48),
            (51, 40, 48),
            (52, 41, 52),
            (100, 50, 96),
            (500, 71, 496),
            (527, 71, 496),
            (528, 72, 528),
            (1000, 79, 976),
            (10_000, 105, 9_232),
            (u32::MAX, 255, 4_026_531_856),
        ];
        for &(len, code, decoded) in cases {
            assert_eq!(norm_code(len), code, "code of {len}");
            assert_eq!(decode_norm(code), decoded, "length of code {code}");
        }
    }

    #[test]
    fn every_code_round_trips_and_lengths_increase() {
        for c in 0..=255u8 {
            assert_eq!(norm_code(decode_norm(c)), c, "code {c}");
            if c > 0 {
                assert!(decode_norm(c) > decode_norm(c - 1), "code {c}");
            }
        }
    }

    #[test]
    fn exact_below_the_bound_and_not_at_it_plus_one() {
        for x in 0..EXACT_BELOW {
            assert_eq!(quantize(x), x);
        }
        assert_ne!(quantize(EXACT_BELOW + 1), EXACT_BELOW + 1);
    }

    /// The code is the largest one whose length is at most `x`, checked on
    /// every length a corpus has in practice.
    #[test]
    fn code_is_the_largest_at_most_the_length_up_to_a_million() {
        let lengths: Vec<u32> = (0..=255u8).map(decode_norm).collect();
        for x in 0..1_000_000u32 {
            let want = lengths.partition_point(|&l| l <= x) - 1;
            assert_eq!(usize::from(norm_code(x)), want, "{x}");
        }
    }

    fn check(x: u32) -> Result<(), TestCaseError> {
        let d = quantize(x);
        prop_assert!(d <= x, "{} decodes to {}", x, d);
        prop_assert!(u64::from(x - d) * u64::from(MAX_ERROR_DIVISOR) < u64::from(x.max(1)), "{} decodes to {}", x, d);
        if x < EXACT_BELOW {
            prop_assert_eq!(d, x);
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn monotone_rounds_down_within_the_bound(a in any::<u32>(), b in any::<u32>(), small in 0..100_000u32) {
            let (lo, hi) = (a.min(b), a.max(b));
            prop_assert!(norm_code(lo) <= norm_code(hi));
            prop_assert!(quantize(lo) <= quantize(hi));
            check(a)?;
            check(b)?;
            check(small)?;
        }
    }
}
