//! The index as bytes ([`Index::to_bytes`], [`Index::from_bytes`]): the
//! embedded layout's `index.bin`, laid out as the parent module's docs
//! describe. Every length is checked on reading; a damaged, truncated or
//! mismatched blob is an [`IndexError`], never a panic.

use super::{put_varint, Derived, DocMeta, Index, IndexError, Lists, Reader, INDEX_VERSION, MAGIC};

impl Index {
    /// Serialises the index (see the module docs).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.lists.len() + self.terms.len() * 12 + self.docs.len() * 16);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&INDEX_VERSION.to_le_bytes());
        out.extend_from_slice(&self.avg_len.to_le_bytes());
        put_varint(&mut out, self.docs.len() as u32);
        for d in &self.docs {
            put_varint(&mut out, d.outlet.map_or(0, |o| o + 1));
            put_varint(&mut out, d.source.map_or(0, |o| o + 1));
            // 0 = undated, else zigzag(day) + 1.
            put_varint(&mut out, d.day.map_or(0, |day| (((day << 1) ^ (day >> 31)) as u32).wrapping_add(1)));
            put_varint(&mut out, d.language.map_or(0, |l| l + 1));
            put_varint(&mut out, d.title_len);
            out.push(d.len_code);
            put_varint(&mut out, d.author.len() as u32);
            for a in &d.author {
                put_string(&mut out, a);
            }
        }
        put_varint(&mut out, self.outlet_terms.len() as u32);
        for ts in &self.outlet_terms {
            put_varint(&mut out, ts.len() as u32);
            for t in ts {
                put_string(&mut out, t);
            }
        }
        put_varint(&mut out, self.languages.len() as u32);
        for l in &self.languages {
            put_string(&mut out, l);
        }
        put_varint(&mut out, self.group_keys.len() as u32);
        for (key, members) in self.group_keys.iter().zip(&self.groups) {
            put_string(&mut out, key);
            put_varint(&mut out, members.len() as u32);
            let mut prev = 0;
            for (i, &m) in members.iter().enumerate() {
                put_varint(&mut out, if i == 0 { m } else { m - prev });
                prev = m;
            }
        }
        put_varint(&mut out, self.terms.len() as u32);
        let mut total = 0usize;
        for (i, t) in self.terms.iter().enumerate() {
            put_string(&mut out, t);
            put_varint(&mut out, self.df.get(i).copied().unwrap_or(0));
            // (A list is under 4 GiB: the embedded layout is for small
            // corpora.)
            let (docs, positions) = (self.lists.docs_part(i), self.lists.positions_part(i));
            put_varint(&mut out, (docs.len() + positions.len()) as u32);
            put_varint(&mut out, docs.len() as u32);
            total += docs.len() + positions.len();
        }
        out.extend_from_slice(&(total as u32).to_le_bytes());
        for i in 0..self.terms.len() {
            out.extend_from_slice(self.lists.docs_part(i));
            out.extend_from_slice(self.lists.positions_part(i));
        }
        out
    }

    /// Reads an index written by [`Index::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Index, IndexError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != MAGIC {
            return Err(IndexError::Magic);
        }
        let version = r.u32()?;
        if version != INDEX_VERSION {
            return Err(IndexError::Version(version));
        }
        let avg_len = f32::from_bits(r.u32()?);
        let n_docs = r.varint()? as usize;
        let mut docs = Vec::with_capacity(n_docs.min(bytes.len()));
        let opt = |v: u32| v.checked_sub(1);
        for _ in 0..n_docs {
            let outlet = opt(r.varint()?);
            let source = opt(r.varint()?);
            let day = match r.varint()? {
                0 => None,
                v => {
                    let z = v - 1;
                    Some(((z >> 1) as i32) ^ -((z & 1) as i32))
                }
            };
            let language = opt(r.varint()?);
            let title_len = r.varint()?;
            let len_code = r.take(1)?[0];
            let n_author = r.varint()? as usize;
            let mut author = Vec::with_capacity(n_author.min(64));
            for _ in 0..n_author {
                author.push(r.string()?);
            }
            docs.push(DocMeta { outlet, source, day, language, title_len, len_code, author });
        }
        let n_outlets = r.varint()? as usize;
        let mut outlet_terms = Vec::with_capacity(n_outlets.min(bytes.len()));
        for _ in 0..n_outlets {
            let n = r.varint()? as usize;
            let mut ts = Vec::with_capacity(n.min(64));
            for _ in 0..n {
                ts.push(r.string()?);
            }
            outlet_terms.push(ts);
        }
        if docs.iter().any(|d| d.outlet.is_some_and(|o| o as usize >= n_outlets)) {
            return Err(IndexError::Corrupt(r.at));
        }
        let n_languages = r.varint()? as usize;
        let mut languages = Vec::with_capacity(n_languages.min(bytes.len()));
        for _ in 0..n_languages {
            languages.push(r.string()?);
        }
        if docs.iter().any(|d| d.language.is_some_and(|l| l as usize >= n_languages)) {
            return Err(IndexError::Corrupt(r.at));
        }
        let n_groups = r.varint()? as usize;
        let mut group_keys: Vec<String> = Vec::with_capacity(n_groups.min(bytes.len()));
        let mut groups = Vec::with_capacity(n_groups.min(bytes.len()));
        for _ in 0..n_groups {
            let key = r.string()?;
            if group_keys.last().is_some_and(|prev| *prev >= key) {
                return Err(IndexError::Corrupt(r.at));
            }
            group_keys.push(key);
            let m = r.varint()? as usize;
            let mut members = Vec::with_capacity(m.min(bytes.len()));
            let mut prev = 0u32;
            for i in 0..m {
                let delta = r.varint()?;
                if i > 0 && delta == 0 {
                    return Err(IndexError::Corrupt(r.at));
                }
                prev = prev.checked_add(delta).ok_or(IndexError::Corrupt(r.at))?;
                members.push(prev);
            }
            groups.push(members);
        }
        let n_terms = r.varint()? as usize;
        if groups.iter().flatten().any(|&m| m as usize >= n_terms) {
            return Err(IndexError::Corrupt(r.at));
        }
        let cap = n_terms.min(bytes.len());
        let (mut terms, mut df, mut offsets) =
            (Vec::with_capacity(cap), Vec::with_capacity(cap), Vec::with_capacity(cap + 1));
        let mut splits = Vec::with_capacity(cap);
        let mut off = 0usize;
        for _ in 0..n_terms {
            terms.push(r.string()?);
            df.push(r.varint()?);
            offsets.push(off);
            let len = r.varint()?;
            let split = r.varint()?;
            if split > len {
                return Err(IndexError::Corrupt(r.at));
            }
            splits.push(off + split as usize);
            off = off.checked_add(len as usize).ok_or(IndexError::Corrupt(r.at))?;
        }
        offsets.push(off);
        let blob_len = r.u32()? as usize;
        if blob_len != off {
            return Err(IndexError::Corrupt(r.at));
        }
        let blob = r.take(blob_len)?.to_vec();
        let derived = Derived::of(&docs, outlet_terms.len(), &terms, &languages, &groups);
        Ok(Index {
            docs,
            terms,
            df,
            languages,
            group_keys,
            groups,
            lists: Lists::Blob { offsets, splits, blob },
            avg_len,
            outlet_terms,
            derived,
            n_docs: n_docs as u32,
            pairs: None,
        })
    }
}

fn put_string(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}
