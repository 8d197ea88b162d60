//! Postings files in columns: each documents part stored as runs of one
//! kind of number, rebuilt into the index's encoding when the file
//! arrives.
//!
//! ## Why
//! The index stores a term's documents part interleaved, as its reader
//! wants it: `df`, then per document its delta, body tf and title tf
//! (three varints, usually one byte each; see [`crate::index`]). Brotli
//! compresses best what looks alike side by side, and in an interleaved
//! list every third byte is another kind of number. Stored as three runs
//! (the deltas, then the body frequencies, then the title frequencies),
//! and with the documents of a dense list as a bitmap, the 300 longest
//! lists of 99,169 generated articles took 20% fewer bytes (Brotli
//! quality 5, each list alone: 11.87 -> 9.45 MB) and the next 2,700 17%
//! fewer. The postings files are most of what a cold query for a common
//! word fetches, so this is bytes off every such query, for a pass over
//! each file when it arrives.
//!
//! ## Format
//! A postings file's payload (after its header, see the parent module) is
//! a sequence of items, one per list, in the order the lists were written:
//!
//! ```text
//! item    0 | n | n bytes                    a list kept as the index writes it (a tiered head, see `tiers`)
//!         1 | df | documents | df × body tf | df × title tf
//! documents  0 | df × delta                  the first document, then the gaps to each next one
//!            1 | first | m | m bytes         a bitmap: bit i of byte j (least significant first) is document first + 8j + i
//! ```
//!
//! Every number is a LEB128 varint. The writer picks the bitmap when its
//! bytes are fewer than the deltas' (a list in more than about an eighth
//! of the documents it spans). [`unpack`] rebuilds the index's bytes of
//! every list and says where each is: a dictionary entry names a list by
//! its file and its number in the file (items delimit themselves, so no
//! entry spends bytes on an offset and a length), and everything after
//! the arrival reads the index's encoding. [`pack`] keeps a list as it is (item 0)
//! unless rebuilding it gives back exactly the same bytes.
//!
//! A damaged file (a count past the bytes left, a bitmap whose bits do not
//! match its count, a varint too long) is a [`SplitError::Corrupt`] naming
//! the file, never a panic or a huge allocation: every count is checked
//! against the bytes left before anything is reserved for it.

use super::{varint_len, Cursor, SplitError};
use crate::index::{next_doc, put_posting, put_varint, read_postings, Posting};
use std::ops::Range;

/// Item tag of a list stored as the index writes it.
const VERBATIM: u64 = 0;
/// Item tag of a documents part in columns.
const COLUMNS: u64 = 1;
/// Documents as deltas.
const DELTAS: u64 = 0;
/// Documents as a bitmap.
const BITMAP: u64 = 1;

/// Appends `part`, a documents part in the index's encoding, to `out` as
/// one item of a postings file.
pub(crate) fn pack(part: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    // (A list that does not read strictly is kept as it is.)
    if let Ok(postings) = read_postings(part, usize::MAX) {
        put_columns(&postings, out);
        let mut check = Vec::with_capacity(part.len());
        let rebuilt = unpack_item(&mut Cursor { file: "", bytes: out, at: start }, &mut check);
        if rebuilt.is_ok() && check == part {
            return;
        }
        out.truncate(start);
    }
    put_varint(out, VERBATIM as u32);
    put_varint(out, part.len() as u32);
    out.extend_from_slice(part);
}

/// Rebuilds the index's bytes of every list in a postings file's payload
/// (`bytes`, after the header), one after the other, with where each is:
/// a dictionary entry names a list by its number in the file.
pub(crate) fn unpack(file: &str, bytes: &[u8]) -> Result<(Vec<u8>, Vec<Range<usize>>), SplitError> {
    let mut c = Cursor { file, bytes, at: 0 };
    // Rebuilt lists are about as long as the packed ones, or a little
    // longer (a bitmap's documents become a byte each).
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(2));
    let mut items = Vec::new();
    while c.at < bytes.len() {
        let start = out.len();
        unpack_item(&mut c, &mut out)?;
        items.push(start..out.len());
    }
    Ok((out, items))
}

/// Reads one item at the cursor and appends its list in the index's
/// encoding to `out`.
fn unpack_item(c: &mut Cursor<'_>, out: &mut Vec<u8>) -> Result<(), SplitError> {
    match c.varint()? {
        VERBATIM => {
            let n = c.count()?;
            out.extend_from_slice(c.bytes(n)?);
            Ok(())
        }
        COLUMNS => {
            // Each document takes a byte at least in each of its two runs
            // of frequencies: a larger count is damage.
            let df = c.count()?;
            let docs = read_documents(c, df)?;
            if df > (c.bytes.len() - c.at) / 2 {
                return Err(c.corrupt("fewer frequencies than documents"));
            }
            let body = (0..df).map(|_| c.u32v()).collect::<Result<Vec<_>, _>>()?;
            put_varint(out, df as u32);
            let mut prev = None;
            for (&d, &b) in docs.iter().zip(&body) {
                put_posting(out, &mut prev, (d, b, c.u32v()?));
            }
            Ok(())
        }
        tag => Err(c.corrupt(format!("unknown list kind {tag}"))),
    }
}

/// The `df` documents of a columns item, ascending.
fn read_documents(c: &mut Cursor<'_>, df: usize) -> Result<Vec<u32>, SplitError> {
    let mut docs = Vec::with_capacity(df);
    match c.varint()? {
        DELTAS => {
            if df > c.bytes.len() - c.at {
                return Err(c.corrupt("fewer deltas than documents"));
            }
            let mut prev = None;
            for _ in 0..df {
                let doc = next_doc(prev, c.u32v()?, usize::MAX)
                    .ok_or_else(|| c.corrupt("a document twice, or past the largest"))?;
                prev = Some(doc);
                docs.push(doc);
            }
        }
        BITMAP => {
            let first = c.u32v()?;
            let m = c.count()?;
            let bits = c.bytes(m)?;
            for (j, &byte) in bits.iter().enumerate() {
                let mut b = byte;
                while b != 0 {
                    let i = b.trailing_zeros();
                    b &= b - 1;
                    if docs.len() == df {
                        return Err(c.corrupt("more documents in the bitmap than its count"));
                    }
                    let doc = u64::from(first) + 8 * j as u64 + u64::from(i);
                    docs.push(u32::try_from(doc).map_err(|_| c.corrupt("document too large"))?);
                }
            }
            if docs.len() != df {
                return Err(c.corrupt("fewer documents in the bitmap than its count"));
            }
        }
        kind => return Err(c.corrupt(format!("unknown documents kind {kind}"))),
    }
    Ok(docs)
}

/// Writes a columns item of `postings` (ascending documents).
fn put_columns(postings: &[Posting], out: &mut Vec<u8>) {
    put_varint(out, COLUMNS as u32);
    put_varint(out, postings.len() as u32);
    let deltas: usize = postings
        .iter()
        .enumerate()
        .map(|(i, p)| varint_len(u64::from(if i == 0 { p.0 } else { p.0 - postings[i - 1].0 })))
        .sum();
    let (first, last) = match (postings.first(), postings.last()) {
        (Some(f), Some(l)) => (f.0, l.0),
        _ => (0, 0),
    };
    let bitmap = (last - first) as usize / 8 + 1;
    if !postings.is_empty() && bitmap < deltas {
        put_varint(out, BITMAP as u32);
        put_varint(out, first);
        put_varint(out, bitmap as u32);
        let at = out.len();
        out.resize(at + bitmap, 0);
        for p in postings {
            let i = (p.0 - first) as usize;
            out[at + i / 8] |= 1 << (i % 8);
        }
    } else {
        put_varint(out, DELTAS as u32);
        let mut prev = 0;
        for (i, p) in postings.iter().enumerate() {
            put_varint(out, if i == 0 { p.0 } else { p.0 - prev });
            prev = p.0;
        }
    }
    for p in postings {
        put_varint(out, p.1);
    }
    for p in postings {
        put_varint(out, p.2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A documents part in the index's encoding.
    fn part(postings: &[Posting]) -> Vec<u8> {
        let mut out = Vec::new();
        put_varint(&mut out, postings.len() as u32);
        let mut prev = None;
        for &p in postings {
            put_posting(&mut out, &mut prev, p);
        }
        out
    }

    fn file(parts: &[Vec<u8>]) -> Vec<u8> {
        let mut out = Vec::new();
        for p in parts {
            pack(p, &mut out);
        }
        out
    }

    fn postings(docs: impl IntoIterator<Item = u32>) -> Vec<Posting> {
        docs.into_iter().map(|d| (d, d % 5 + 1, u32::from(d % 7 == 0))).collect()
    }

    #[test]
    fn a_dense_list_is_a_bitmap_and_a_sparse_one_deltas() {
        let dense = part(&postings((100..1100).step_by(2)));
        let sparse = part(&postings((0..100).map(|i| i * 1000)));
        let (mut a, mut b) = (Vec::new(), Vec::new());
        pack(&dense, &mut a);
        pack(&sparse, &mut b);
        // tag, df (2 bytes for 500), documents kind.
        assert_eq!((a[0], a[3]), (COLUMNS as u8, BITMAP as u8));
        assert_eq!((b[0], b[2]), (COLUMNS as u8, DELTAS as u8));
        assert!(a.len() < dense.len(), "{} >= {}", a.len(), dense.len());
        let (lists, items) = unpack("p", &[a, b].concat()).unwrap();
        assert_eq!(lists, [dense.clone(), sparse].concat());
        assert_eq!(items, [0..dense.len(), dense.len()..lists.len()]);
    }

    #[test]
    fn a_list_that_would_not_read_back_the_same_is_kept_as_it_is() {
        // A varint written in two bytes where one would do, a document
        // twice, bytes after the last document, an empty list.
        let long_varint = vec![1, 0x85, 0x00, 1, 0];
        let twice = part(&[(3, 1, 0), (3, 1, 0)]);
        let mut trailing = part(&[(3, 1, 0)]);
        trailing.push(9);
        for p in [long_varint, twice, trailing, Vec::new()] {
            let mut out = Vec::new();
            pack(&p, &mut out);
            assert_eq!(out[0], VERBATIM as u8, "{p:?}");
            assert_eq!(unpack("p", &out).unwrap().0, p);
        }
    }

    #[test]
    fn damaged_files_are_errors_naming_the_file() {
        let good = file(&[part(&postings((0..64).step_by(3))), part(&postings([5, 900, 90_000]))]);
        let mut bad_counts = good.clone();
        bad_counts[1] = 0x7f; // df far larger than the bytes left
        let mut bad_kind = good.clone();
        bad_kind[0] = 7;
        let cases = [
            good[..good.len() - 1].to_vec(),
            bad_counts,
            bad_kind,
            vec![COLUMNS as u8, 3, BITMAP as u8, 0, 1, 0b1, 1, 1, 1, 0, 0, 0],
            vec![COLUMNS as u8, 1, BITMAP as u8, 0, 1, 0b11, 1, 0],
            vec![COLUMNS as u8, 2, DELTAS as u8, 4, 0, 1, 1, 0, 0],
            vec![COLUMNS as u8, 2, DELTAS as u8, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 1, 1, 0, 0],
            vec![VERBATIM as u8, 0x7f],
        ];
        for bytes in cases {
            match unpack("p-x-3.bin", &bytes) {
                Err(SplitError::Corrupt { file, .. }) => assert_eq!(file, "p-x-3.bin"),
                other => panic!("{bytes:?}: {other:?}"),
            }
        }
    }

    proptest! {
        /// Any lists, packed one after the other, read back as the
        /// index's bytes of each, in order.
        #[test]
        fn files_read_back_byte_for_byte(
            lists in prop::collection::vec(
                (prop::collection::btree_set(0u32..5_000, 0..300), 0u32..3, any::<u32>()),
                0..6,
            )
        ) {
            let parts: Vec<Vec<u8>> = lists
                .iter()
                .map(|(docs, spread, seed)| {
                    let tfs = docs.iter().map(|&d| {
                        let h = d.wrapping_mul(2_654_435_761).wrapping_add(*seed);
                        (d * (spread + 1), h % 9, u32::from(h % 13 == 0) * (h % 4))
                    });
                    part(&tfs.collect::<Vec<_>>())
                })
                .collect();
            let (lists, items) = unpack("p", &file(&parts)).unwrap();
            prop_assert_eq!(items.len(), parts.len());
            for (range, part) in items.into_iter().zip(&parts) {
                prop_assert_eq!(&lists[range], &part[..]);
            }
        }

        /// Random bytes never panic (a result either way).
        #[test]
        fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            let _ = unpack("p", &bytes);
        }
    }
}
