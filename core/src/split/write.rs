//! Writing a corpus in the split layout (see the module docs of
//! [`crate::split`]).

use super::{put_str, put_varint, seal, zigzag, Chunk, Manifest, Numbered, SPLIT_VERSION};
use crate::events::EventsFile;
use crate::index::Index;
use crate::model::Corpus;
use std::collections::BTreeMap;

/// Chunk sizes (raw bytes before compression; articles per fragment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteOptions {
    /// Target raw size of a dictionary chunk.
    pub dict_bytes: usize,
    /// Target raw size of a stems chunk.
    pub stem_bytes: usize,
    /// Target raw size of a postings or positions chunk (a longer list
    /// gets a chunk of its own).
    pub postings_bytes: usize,
    /// Most articles in one fragment.
    pub fragment_articles: usize,
    /// Target raw size of a fragment.
    pub fragment_bytes: usize,
    /// Ids per ids chunk.
    pub ids_per_chunk: usize,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            dict_bytes: 16 << 10,
            stem_bytes: 16 << 10,
            postings_bytes: 32 << 10,
            fragment_articles: 8,
            fragment_bytes: 48 << 10,
            ids_per_chunk: 2048,
        }
    }
}

/// The files of a split corpus: the manifest and every data file (name
/// under [`super::DATA_DIR`], bytes).
#[derive(Debug, Clone, PartialEq)]
pub struct SplitFiles {
    /// What goes into the wasm.
    pub manifest: Manifest,
    /// The data files.
    pub files: Vec<(String, Vec<u8>)>,
}

/// FNV-1a 64 of some bytes, as 16 hex digits: a content tag for immutable
/// file names (not a security hash).
fn tag(parts: &[&[u8]]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in *p {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// A file named after its content.
fn named(kind: &str, bytes: Vec<u8>) -> (String, Vec<u8>) {
    (format!("{kind}-{}.bin", tag(&[&bytes])), bytes)
}

/// Packs items into chunks of about `target` raw bytes; returns the
/// chunks' bodies (count first) and each chunk's first key.
struct Packer {
    target: usize,
    chunks: Vec<(String, u32, Vec<u8>)>,
}

impl Packer {
    fn new(target: usize) -> Packer {
        Packer { target, chunks: Vec::new() }
    }

    /// The chunk an item with `key` and `len` bytes goes into (a new one
    /// when the last is full).
    fn chunk(&mut self, key: &str, len: usize) -> &mut (String, u32, Vec<u8>) {
        let full = self.chunks.last().is_none_or(|c| c.2.len() + len > self.target && c.1 > 0);
        if full {
            self.chunks.push((key.to_string(), 0, Vec::new()));
        }
        let last = self.chunks.len() - 1;
        &mut self.chunks[last]
    }

    fn finish(self, magic: &[u8; 4], kind: &str, files: &mut Vec<(String, Vec<u8>)>) -> Vec<Chunk> {
        self.chunks
            .into_iter()
            .map(|(first, n, body)| {
                let mut out = Vec::with_capacity(body.len() + 5);
                put_varint(&mut out, u64::from(n));
                out.extend_from_slice(&body);
                let (file, bytes) = named(kind, seal(magic, &out));
                files.push((file.clone(), bytes));
                Chunk { first, file }
            })
            .collect()
    }
}

/// Numbered blobs (postings, positions, fragments): consecutive items of
/// about `target` bytes each, an item never split.
struct Blobs {
    target: usize,
    chunks: Vec<Vec<u8>>,
}

impl Blobs {
    fn new(target: usize) -> Blobs {
        Blobs { target, chunks: Vec::new() }
    }

    /// Appends an item; returns (chunk, offset).
    fn push(&mut self, item: &[u8]) -> (u32, u32) {
        if self.chunks.last().is_none_or(|c| !c.is_empty() && c.len() + item.len() > self.target) {
            self.chunks.push(Vec::new());
        }
        let k = self.chunks.len() - 1;
        let c = &mut self.chunks[k];
        let off = c.len();
        c.extend_from_slice(item);
        (k as u32, off as u32)
    }

    fn finish(self, magic: &[u8; 4], kind: &str, files: &mut Vec<(String, Vec<u8>)>) -> Numbered {
        let sealed: Vec<Vec<u8>> = self.chunks.iter().map(|c| seal(magic, c)).collect();
        let t = tag(&sealed.iter().map(Vec::as_slice).collect::<Vec<_>>());
        let numbered = Numbered { prefix: format!("{kind}-{t}"), count: sealed.len() as u32 };
        for (k, bytes) in sealed.into_iter().enumerate() {
            files.push((numbered.file(k as u32), bytes));
        }
        numbered
    }
}

/// Writes a corpus (with its texts), its index and its events in the split
/// layout.
pub fn write(corpus: &Corpus, index: &Index, events: &EventsFile, opts: &WriteOptions) -> SplitFiles {
    let mut files = Vec::new();
    let n_docs = corpus.articles.len();

    // Fragments, newest first, so the first page of the newest articles
    // (the empty query) is one or two files.
    let mut order: Vec<usize> = (0..n_docs).collect();
    order.sort_by_key(|&d| (std::cmp::Reverse(corpus.articles[d].date.date), d));
    let mut fragment_of = vec![0u32; n_docs];
    // (articles, body) of each fragment.
    let mut frags: Vec<(u64, Vec<u8>)> = Vec::new();
    for &d in &order {
        let json = serde_json::to_vec(&corpus.articles[d]).unwrap_or_default();
        let start_new = frags.last().is_none_or(|(n, body)| {
            *n as usize >= opts.fragment_articles || body.len() + json.len() > opts.fragment_bytes
        });
        if start_new {
            frags.push((0, Vec::new()));
        }
        let k = frags.len() - 1;
        fragment_of[d] = k as u32;
        let (n, body) = &mut frags[k];
        put_varint(body, d as u64);
        put_varint(body, json.len() as u64);
        body.extend_from_slice(&json);
        *n += 1;
    }
    let mut fragment_blobs = Blobs::new(0);
    for (n, f) in frags {
        // Each fragment its own file: the number of articles, then them.
        let mut body = Vec::with_capacity(f.len() + 3);
        put_varint(&mut body, n);
        body.extend_from_slice(&f);
        fragment_blobs.chunks.push(body);
    }
    let fragments = fragment_blobs.finish(b"DLFR", "f", &mut files);

    // Columns.
    let mut col = Vec::with_capacity(n_docs * 6);
    put_varint(&mut col, n_docs as u64);
    for (d, meta) in index.docs.iter().enumerate() {
        put_varint(&mut col, meta.outlet.map_or(0, |o| u64::from(o) + 1));
        put_varint(&mut col, meta.source.map_or(0, |o| u64::from(o) + 1));
        put_varint(&mut col, meta.day.map_or(0, |day| zigzag(i64::from(day)) + 1));
        put_varint(&mut col, meta.language.map_or(0, |l| u64::from(l) + 1));
        put_varint(&mut col, u64::from(meta.title_len));
        put_varint(&mut col, u64::from(meta.len));
        put_varint(&mut col, u64::from(fragment_of[d]));
    }
    let (columns, bytes) = named("columns", seal(b"DLCO", &col));
    files.push((columns.clone(), bytes));

    // Authors.
    let mut au = Vec::new();
    put_varint(&mut au, n_docs as u64);
    for meta in &index.docs {
        put_varint(&mut au, meta.author.len() as u64);
        for a in &meta.author {
            put_str(&mut au, a);
        }
    }
    let (authors, bytes) = named("authors", seal(b"DLAU", &au));
    files.push((authors.clone(), bytes));

    // Mentioned days, with counts.
    let mut per_doc: Vec<BTreeMap<i64, u64>> = vec![BTreeMap::new(); n_docs];
    for m in &events.mentions {
        if let Some(days) = per_doc.get_mut(m.doc as usize) {
            *days.entry(m.date.days_since_epoch()).or_default() += 1;
        }
    }
    let mut ev = Vec::new();
    put_varint(&mut ev, n_docs as u64);
    for days in &per_doc {
        put_varint(&mut ev, days.len() as u64);
        for (&day, &count) in days {
            put_varint(&mut ev, zigzag(day));
            put_varint(&mut ev, count);
        }
    }
    let (events_file, bytes) = named("events", seal(b"DLEV", &ev));
    files.push((events_file.clone(), bytes));

    // Postings and the dictionary.
    let mut postings = Blobs::new(opts.postings_bytes);
    let mut positions = Blobs::new(opts.postings_bytes);
    let mut dict = Packer::new(opts.dict_bytes);
    let mut prev = "";
    for (id, term) in index.terms.iter().enumerate() {
        let (docs_part, pos_part) = index.raw_parts(id as u32);
        let (pc, po) = postings.push(docs_part);
        let (qc, qo) = positions.push(pos_part);
        let mut entry = Vec::with_capacity(term.len() + 16);
        let chunk = dict.chunk(term, term.len() + 16);
        // Front coding restarts at each chunk.
        let shared = if chunk.1 == 0 { 0 } else { common_prefix(prev, term) };
        put_varint(&mut entry, shared as u64);
        put_str(&mut entry, &term[shared..]);
        for v in [
            u64::from(index.df[id]),
            u64::from(pc),
            u64::from(po),
            docs_part.len() as u64,
            u64::from(qc),
            u64::from(qo),
            pos_part.len() as u64,
        ] {
            put_varint(&mut entry, v);
        }
        let extra = index.extra_keys(id as u32);
        put_varint(&mut entry, extra.len() as u64);
        for key in extra {
            put_str(&mut entry, key);
        }
        chunk.2.extend_from_slice(&entry);
        chunk.1 += 1;
        prev = term;
    }
    let postings = postings.finish(b"DLPO", "p", &mut files);
    let positions = positions.finish(b"DLPO", "q", &mut files);
    let dict = dict.finish(b"DLDI", "dict", &mut files);

    // Variant groups (sorted by key in the index).
    let mut stems = Packer::new(opts.stem_bytes);
    for (key, members) in index.groups() {
        let members: Vec<&str> = members.iter().map(|&m| index.terms[m as usize].as_str()).collect();
        let size = key.len() + members.iter().map(|m| m.len() + 1).sum::<usize>() + 2;
        let chunk = stems.chunk(key, size);
        put_str(&mut chunk.2, key);
        put_varint(&mut chunk.2, members.len() as u64);
        for m in members {
            put_str(&mut chunk.2, m);
        }
        chunk.1 += 1;
    }
    let stems = stems.finish(b"DLST", "stems", &mut files);

    // Ids, in corpus order.
    let mut ids = Vec::new();
    for (k, group) in corpus.articles.chunks(opts.ids_per_chunk.max(1)).enumerate() {
        let mut body = Vec::new();
        put_varint(&mut body, (k * opts.ids_per_chunk.max(1)) as u64);
        put_varint(&mut body, group.len() as u64);
        for a in group {
            put_str(&mut body, &a.id);
        }
        let (file, bytes) = named("ids", seal(b"DLID", &body));
        files.push((file.clone(), bytes));
        ids.push(Chunk { first: group[0].id.clone(), file });
    }

    let total_words = corpus.articles.iter().map(|a| a.word_count() as u64).sum();
    let axis = crate::events::extended_span(
        corpus.articles.iter().filter_map(|a| a.date.date),
        events.mentions.iter().map(|m| m.date),
    );
    let manifest = Manifest {
        version: SPLIT_VERSION,
        schema_version: crate::model::SCHEMA_VERSION,
        name: corpus.name.clone(),
        articles: n_docs as u32,
        outlets: corpus.outlets.clone(),
        outlet_terms: index.outlet_terms.clone(),
        languages: index.languages.clone(),
        avg_len: index.avg_len,
        total_words,
        axis,
        columns,
        events: events_file,
        authors,
        dict,
        stems,
        postings,
        positions,
        fragments,
        ids,
    };
    SplitFiles { manifest, files }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices().zip(b.chars()).take_while(|((_, x), y)| x == y).last().map_or(0, |((i, x), _)| i + x.len_utf8())
}
