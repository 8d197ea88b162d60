//! The columns file: what every query reads for every article (outlet,
//! original source, language, day, title and document length) and which
//! fragment holds the article, stored column by column.
//!
//! Each column is contiguous and encoded for what it holds, so that the
//! compressor sees long runs of similar bytes (one row after another, as version 2
//! stored them, mixed seven kinds of numbers and compressed to about 8
//! bytes per article at a million articles):
//!
//! ```text
//! columns "DLCO" v | n (articles)
//!   | outlet    slot column     (slot+1, 0 unknown)
//!   | source    slot column     (slot+1, 0 none)
//!   | language  slot column     (slot+1, 0 unknown)
//!   | day       n × varint      (0 undated, else zigzag(day − previous dated day, 0 at first) + 1; corpus order)
//!   | title_len n × varint      (exact: title positions are 0..title_len)
//!   | len       n × u8          (the document length's one-byte code, `crate::norm`: the value BM25 reads)
//!   | fragments f | f × varint  (articles in each fragment, fragments in order)
//! slot column: width w (1 byte: 1, 2 or 4) | n × value, w bytes little-endian
//! ```
//!
//! The length column holds the codes the index holds
//! ([`DocMeta::len_code`], made when it is built), so both layouts rank
//! with the same lengths; a plain byte per article, which DEFLATE coded
//! in 0.64 of a byte at 40k articles (version 6 stored the exact length,
//! a varint of two bytes that compressed to 1.63).
//!
//! Since version 9 the file is compressed with Brotli at its highest
//! quality (`Effort::Front`): its context modelling codes the columns of
//! a million generated articles in 1.11 MB, against 1.98 MB with DEFLATE
//! (each column compressed alone: days 0.35 instead of 0.71 MB, outlets
//! 0.11 instead of 0.32, title lengths 0.10 instead of 0.30; the length
//! codes gain least, 0.54 instead of 0.61).
//!
//! Fragments hold the articles newest first ([`newest_first`]: by day,
//! descending, undated last, ties in corpus order), so the fragment of
//! every article follows from the days and the number of articles in each
//! fragment: a few bytes per fragment instead of one number per article.

use super::{put_varint, unzigzag, zigzag, Cursor, SplitError};
use crate::index::DocMeta;

/// The order of the articles in the fragments: newest first, undated
/// last, ties in corpus order.
pub fn newest_first(days: impl Iterator<Item = Option<i32>>) -> Vec<u32> {
    let days: Vec<Option<i32>> = days.collect();
    let mut order: Vec<u32> = (0..days.len() as u32).collect();
    order.sort_by_key(|&d| (std::cmp::Reverse(days[d as usize]), d));
    order
}

fn put_slots(out: &mut Vec<u8>, values: impl Iterator<Item = u32> + Clone) {
    let max = values.clone().max().unwrap_or(0);
    let width: u8 = if max < 0x100 {
        1
    } else if max < 0x1_0000 {
        2
    } else {
        4
    };
    out.push(width);
    for v in values {
        out.extend_from_slice(&v.to_le_bytes()[..usize::from(width)]);
    }
}

/// Encodes the columns (the payload after the header): `docs` in corpus
/// order, `fragment_sizes` the number of articles in each fragment, in
/// [`newest_first`] order.
pub fn encode(docs: &[DocMeta], fragment_sizes: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(docs.len() * 6 + fragment_sizes.len() + 16);
    put_varint(&mut out, docs.len() as u64);
    let slot = |v: Option<u32>| v.map_or(0, |o| o + 1);
    put_slots(&mut out, docs.iter().map(|d| slot(d.outlet)));
    put_slots(&mut out, docs.iter().map(|d| slot(d.source)));
    put_slots(&mut out, docs.iter().map(|d| slot(d.language)));
    let mut prev = 0i64;
    for d in docs {
        match d.day {
            None => put_varint(&mut out, 0),
            Some(day) => {
                put_varint(&mut out, zigzag(i64::from(day) - prev) + 1);
                prev = i64::from(day);
            }
        }
    }
    for d in docs {
        put_varint(&mut out, u64::from(d.title_len));
    }
    out.extend(docs.iter().map(|d| d.len_code));
    put_varint(&mut out, fragment_sizes.len() as u64);
    for &k in fragment_sizes {
        put_varint(&mut out, u64::from(k));
    }
    out
}

/// What the columns file gives: every article's search metadata (authors
/// empty) and its fragment.
#[derive(Debug)]
pub struct Columns {
    /// Per article, in corpus order.
    pub docs: Vec<DocMeta>,
    /// Per article: its fragment.
    pub fragment_of: Vec<u32>,
}

/// Limits a column's values must respect (from the manifest).
pub struct Limits {
    /// Articles.
    pub articles: u64,
    /// Outlets.
    pub outlets: u32,
    /// Languages.
    pub languages: u32,
    /// Fragments.
    pub fragments: u32,
}

fn slots(c: &mut Cursor<'_>, n: usize, max: u32, what: &str) -> Result<Vec<Option<u32>>, SplitError> {
    let width = c.bytes(1)?[0];
    if !matches!(width, 1 | 2 | 4) {
        return Err(c.corrupt(format!("{what} column of width {width}")));
    }
    let w = usize::from(width);
    let raw = c.bytes(n.checked_mul(w).ok_or_else(|| c.corrupt(format!("{what} column too long")))?)?;
    let mut out = Vec::with_capacity(n);
    for item in raw.chunks_exact(w) {
        let mut b = [0u8; 4];
        b[..w].copy_from_slice(item);
        match u32::from_le_bytes(b) {
            0 => out.push(None),
            v if v <= max => out.push(Some(v - 1)),
            v => return Err(c.corrupt(format!("{what} {v} out of range"))),
        }
    }
    Ok(out)
}

/// Decodes the columns (the cursor after the header), checking every value
/// against `limits`.
pub fn decode(c: &mut Cursor<'_>, limits: &Limits) -> Result<Columns, SplitError> {
    let n = c.count()?;
    if n as u64 != limits.articles {
        return Err(c.corrupt(format!("{n} articles, the manifest says {}", limits.articles)));
    }
    let outlet = slots(c, n, limits.outlets, "outlet")?;
    let source = slots(c, n, limits.outlets, "source")?;
    let language = slots(c, n, limits.languages, "language")?;
    let mut days = Vec::with_capacity(n);
    let mut prev = 0i64;
    for _ in 0..n {
        match c.varint()? {
            0 => days.push(None),
            v => {
                let day = prev
                    .checked_add(unzigzag(v - 1))
                    .and_then(|d| i32::try_from(d).ok())
                    .ok_or_else(|| c.corrupt("day out of range"))?;
                prev = i64::from(day);
                days.push(Some(day));
            }
        }
    }
    let mut title_len = Vec::with_capacity(n);
    for _ in 0..n {
        title_len.push(c.u32v()?);
    }
    let len_code = c.bytes(n)?;
    let mut docs = Vec::with_capacity(n);
    for i in 0..n {
        docs.push(DocMeta {
            outlet: outlet[i],
            source: source[i],
            day: days[i],
            language: language[i],
            title_len: title_len[i],
            len_code: len_code[i],
            author: Vec::new(),
        });
    }
    let f = c.count()?;
    if f as u64 != u64::from(limits.fragments) {
        return Err(c.corrupt(format!("{f} fragments, the manifest says {}", limits.fragments)));
    }
    let order = newest_first(days.iter().copied());
    let mut fragment_of = vec![0u32; n];
    let mut at = 0usize;
    for k in 0..f as u32 {
        let size = usize::try_from(c.varint()?).unwrap_or(usize::MAX);
        let end =
            at.checked_add(size).filter(|&e| e <= n).ok_or_else(|| c.corrupt("fragments hold too many articles"))?;
        for &d in &order[at..end] {
            fragment_of[d as usize] = k;
        }
        at = end;
    }
    if at != n {
        return Err(c.corrupt(format!("fragments hold {at} of {n} articles")));
    }
    if c.at != c.bytes.len() {
        return Err(c.corrupt("bytes after the columns"));
    }
    Ok(Columns { docs, fragment_of })
}
