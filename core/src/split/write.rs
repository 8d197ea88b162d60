//! Writing a corpus in the split layout (see the module docs of
//! [`crate::split`]).

use super::{
    put_str, put_varint, seal, seal_front, seal_whole, varint_len, zigzag, Chunk, Manifest, Numbered, SPLIT_VERSION,
};
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
    /// Lists (documents or positions part) of at most this many bytes are
    /// stored inside their dictionary entry instead of a postings file: a
    /// rare word then needs no postings round, and a pointer (chunk,
    /// offset, length) takes about as many bytes as such a list.
    pub inline_bytes: usize,
    /// Most articles in one fragment.
    pub fragment_articles: usize,
    /// Target raw size of a fragment.
    pub fragment_bytes: usize,
    /// Ids per ids chunk.
    pub ids_per_chunk: usize,
    /// Pair lists for phrases (`crate::index::pair_lists`) are written for
    /// the words whose positions part is at least this long, and the words
    /// as frequent as they are; 0: none.
    pub pair_positions_bytes: usize,
    /// Target raw size of a pair block: a chunk of the pair dictionary
    /// with its pairs' lists inside (a longer pair gets a block of its
    /// own), so that a phrase's pairs arrive in the query's first round.
    pub pair_block_bytes: usize,
    /// The documents parts of the common words (those with pair lists,
    /// see [`WriteOptions::pair_positions_bytes`]) in more than this many
    /// articles are written in two tiers ([`super::tiers`]): every
    /// document with its title frequency and the body frequencies of the
    /// [`WriteOptions::tier_head`] best, in the postings files; the other
    /// body frequencies in tail files, fetched only when a ranking needs
    /// them. 0, or no pairs: no tiers.
    pub tier_min_docs: usize,
    /// Documents whose body frequencies stay in a tiered list's head.
    pub tier_head: usize,
    /// The words being typed whose request reads lists of at least this
    /// many raw bytes get a stored answer ([`super::answers`]); 0: none.
    pub answer_min_bytes: usize,
    /// Hits ranked in a stored answer.
    pub answer_top: usize,
    /// Hits ranked with an answer's deeper-hits file, for filtered
    /// requests (`answers.rs`, "Deeper hits"); at most `answer_top`: none.
    pub answer_deep: usize,
    /// Most stored answers: past it, those of the words whose lists are
    /// smallest are left out (a host's file limit: the `dist` tool gives
    /// answers at most a quarter of it).
    pub answer_max: usize,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            // A word reads one dictionary chunk and a few typo chunks,
            // whole. Since entries name lists by number (version 11) a
            // chunk of the same raw size holds more terms: at 99,169
            // generated articles (`bench_split --early --dict-bytes N`,
            // 789 cold queries) bytes p50 / p95 were 94.5 / 188.8 KB at
            // 16 KB, 90.5 / 183.3 at 11 KB and 87.9 / 179.1 at 8 KB, for
            // 2 KB more manifest (gzip) and one more file at p95.
            dict_bytes: 8 << 10,
            // A word reads its stem groups' chunks whole: 16 -> 8 KB took
            // the same queries from 87.9 / 179.1 to 86.4 / 177.0 KB
            // (`--stem-bytes`), for 1 KB more manifest (gzip).
            stem_bytes: 8 << 10,
            postings_bytes: 32 << 10,
            inline_bytes: 8,
            // Two: the rows of a query are scattered over the corpus, so
            // each row costs one fragment file; at 8 articles a file a
            // cold query's rows were 60% of its bytes.
            fragment_articles: 2,
            fragment_bytes: 48 << 10,
            ids_per_chunk: 2048,
            // A common word's positions are a phrase's largest download.
            // At 40k articles 169 words have 64 KB or more; their pairs
            // cut the phrases' bytes per cold query at p95 from 797 to
            // about 200 KB, for 95 MB more files on the host (a lower
            // threshold adds more pairs for little gain: bench_split
            // --pair-bytes).
            pair_positions_bytes: 64 << 10,
            // A phrase reads its pairs' whole blocks: smaller blocks mean
            // fewer bytes per phrase but more first keys in the manifest
            // (bench_split --pair-block).
            pair_block_bytes: 64 << 10,
            // Off: at 99,169 generated articles (`bench_split --early
            // --tier-min-docs 2048`, the app's 32 first rows) the first
            // rows of most common words were not proven without their
            // tails, since the typo and stem variants' lists are tiered
            // apart and a top document is often in the tail of one of
            // them: cold bytes p50 / p95 106.7 / 210.5 KB without tiers,
            // 104.9 / 208.7 with heads of 512 documents (216 of 739
            // queries fetched tails, one more round). Only words without
            // variants gained (`that`: 185 -> 102 KB). See the README's
            // "Frequent words in tiers".
            tier_min_docs: 0,
            tier_head: 512,
            answer_min_bytes: 48 << 10,
            answer_top: 1024,
            // Off: at 991,701 generated articles (`e2e/bench-split.mjs`,
            // stop 59) deeper hits to 8,192 served 22 of 40 queries under
            // the benchmark's filter (one outlet, one year: 0.9% of the
            // corpus, 82 hits expected to pass, for 32 rows); the ranking
            // is not independent of the filter, and the other 18 fetched
            // the answer, its deeper hits and then the lists: filtered p95
            // 602-613 -> 681 ms, 784 -> 815 KB. (`dist --answers
            // MIN:TOP:DEEP` turns them on.)
            answer_deep: 0,
            answer_max: usize::MAX,
        }
    }
}

impl WriteOptions {
    /// Files per stored answer: its own, and its deeper hits' when there
    /// are deeper hits.
    pub fn answer_files_each(&self) -> usize {
        1 + usize::from(self.answer_deep > self.answer_top)
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
fn tag(bytes: &[u8]) -> String {
    let mut h = Fnv::new();
    h.feed(bytes);
    format!("{:016x}", h.0)
}

/// Where the writer puts its files, as it makes them: the build writes
/// them to disk at once (a million-article corpus is gigabytes of files),
/// tests keep them.
pub trait Sink {
    /// Stores one data file.
    fn put(&mut self, name: String, bytes: Vec<u8>);
}

impl Sink for Vec<(String, Vec<u8>)> {
    fn put(&mut self, name: String, bytes: Vec<u8>) {
        self.push((name, bytes));
    }
}

impl<F: FnMut(String, Vec<u8>)> Sink for F {
    fn put(&mut self, name: String, bytes: Vec<u8>) {
        self(name, bytes)
    }
}

/// FNV-1a 64 over a stream of bytes (the content tag of the numbered
/// files, computed before they are written).
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl std::io::Write for Fnv {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.feed(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A file named after its content.
fn named(kind: &str, bytes: Vec<u8>) -> (String, Vec<u8>) {
    (format!("{kind}-{}.bin", tag(&bytes)), bytes)
}

/// Turns a file's body into its bytes: [`seal`], [`seal_whole`] or
/// [`seal_front`] (magic, version, Brotli), or nothing at all when the writer only counts files
/// ([`super::count_files`]).
type Sealer = fn(&[u8; 4], &[u8]) -> Vec<u8>;

fn no_bytes(_: &[u8; 4], _: &[u8]) -> Vec<u8> {
    Vec::new()
}

/// Packs items into chunks of about `target` raw bytes; returns the
/// chunks' bodies (count first) and each chunk's first key.
struct Packer {
    target: usize,
    seal: Sealer,
    chunks: Vec<(String, u32, Vec<u8>)>,
}

impl Packer {
    fn new(target: usize, seal: Sealer) -> Packer {
        Packer { target, seal, chunks: Vec::new() }
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

    fn finish(self, magic: &[u8; 4], kind: &str, files: &mut dyn Sink) -> Vec<Chunk> {
        let seal = self.seal;
        self.chunks
            .into_iter()
            .map(|(first, n, body)| {
                let (file, bytes) = named(kind, sealed_chunk(seal, magic, n, &body));
                files.put(file.clone(), bytes);
                Chunk { first, file }
            })
            .collect()
    }
}

/// A packed chunk's file bytes: its item count, then its items, sealed.
fn sealed_chunk(seal: Sealer, magic: &[u8; 4], n: u32, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 5);
    put_varint(&mut out, u64::from(n));
    out.extend_from_slice(body);
    seal(magic, &out)
}

/// Numbered blobs (postings, positions, fragments): consecutive items of
/// about `target` bytes each, an item never split. A chunk is sealed and
/// handed back (for the sink) as soon as the next one starts, so only one
/// is in memory; their names share a tag fixed beforehand (a hash of what
/// determines their content).
struct Blobs {
    target: usize,
    magic: &'static [u8; 4],
    seal: Sealer,
    numbered: Numbered,
    /// How items are stored.
    items: Items,
    /// What the current chunk's file stores.
    current: Vec<u8>,
    /// The bytes of the current chunk's items as given (its size, which
    /// the target is about).
    raw: usize,
    /// Items in the current chunk.
    count: u32,
    /// The last term pushed (term-ordered files only).
    last: String,
}

/// How a chunk stores its items.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Items {
    /// One after the other (fragments: one item per file).
    Plain,
    /// Each after its length (positions and tails), so the reader finds
    /// an item by its number in the file.
    Framed,
    /// Documents parts in columns ([`super::packed`], postings), which
    /// delimit themselves.
    Packed,
}

/// A finished chunk: its file name and bytes.
type Done = Option<(String, Vec<u8>)>;

impl Blobs {
    fn new(target: usize, magic: &'static [u8; 4], kind: &str, tag: &str, seal: Sealer, items: Items) -> Blobs {
        Blobs {
            target,
            magic,
            seal,
            numbered: Numbered { prefix: format!("{kind}-{tag}"), count: 0, first: Vec::new() },
            items,
            current: Vec::new(),
            raw: 0,
            count: 0,
            last: String::new(),
        }
    }

    fn seal_current(&mut self) -> Done {
        let k = self.numbered.count.checked_sub(1)?;
        let body = std::mem::take(&mut self.current);
        Some((self.numbered.file(k), (self.seal)(self.magic, &body)))
    }

    /// Appends an item; returns (chunk, the item's number in it) and the
    /// chunk it closed.
    fn push(&mut self, item: &[u8]) -> ((u32, u32), Done) {
        let mut done = None;
        if self.numbered.count == 0 || (self.raw > 0 && self.raw + item.len() > self.target) {
            done = self.seal_current();
            self.numbered.count += 1;
            (self.raw, self.count) = (0, 0);
        }
        match self.items {
            Items::Plain => self.current.extend_from_slice(item),
            Items::Framed => {
                put_varint(&mut self.current, item.len() as u64);
                self.current.extend_from_slice(item);
            }
            Items::Packed => super::packed::pack(item, &mut self.current),
        }
        self.raw += item.len();
        self.count += 1;
        ((self.numbered.count - 1, self.count - 1), done)
    }

    fn finish(mut self) -> (Numbered, Done) {
        let done = self.seal_current();
        (self.numbered, done)
    }
}

fn put(files: &mut dyn Sink, done: Done) {
    if let Some((name, bytes)) = done {
        files.put(name, bytes);
    }
}

/// Writes a corpus (with its texts), its index and its events in the split
/// layout.
pub fn write(corpus: &Corpus, index: &Index, events: &EventsFile, opts: &WriteOptions) -> SplitFiles {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let manifest = write_to(corpus, index, events, opts, &mut files);
    SplitFiles { manifest, files }
}

/// [`write()`], handing every file to `files` as soon as it is made.
pub fn write_to(
    corpus: &Corpus,
    index: &Index,
    events: &EventsFile,
    opts: &WriteOptions,
    files: &mut dyn Sink,
) -> Manifest {
    write_prepared(corpus, index, events, opts, &Prepared::new(corpus, index, opts), files)
}

/// [`write_to`] with what [`Prepared::new`] made for this corpus: the
/// build prepares once, then fits the file limit and writes.
pub fn write_prepared(
    corpus: &Corpus,
    index: &Index,
    events: &EventsFile,
    opts: &WriteOptions,
    prepared: &Prepared,
    files: &mut dyn Sink,
) -> Manifest {
    write_with(corpus, index, events, opts, prepared, files, false)
}

/// What every layout of one corpus shares, whatever its chunk sizes: each
/// article's fragment record length, a hash of all of them, and the pair
/// lists. The file-limit fitting ([`super::fit_file_budget`]) lays the
/// corpus out a dozen times at a million articles; it used to serialize
/// every article and rebuild every pair list each time (measured at
/// 100,000 generated articles under the 20,000-file limit: fitting took
/// 1,534 s; now preparing 91 s and fitting 47 s, for the same files).
pub struct Prepared {
    /// The length of each article's JSON in its fragment, by document.
    json_lens: Vec<u32>,
    /// FNV-1a over every article's JSON, in document order.
    articles_hash: u64,
    /// `WriteOptions::pair_positions_bytes` the pairs were made for.
    pair_positions_bytes: usize,
    /// The common words' least document frequency and the pair lists.
    pairs: Option<(u32, crate::index::PairLists)>,
    /// `WriteOptions::answer_min_bytes` the answered words were chosen
    /// for.
    answer_min_bytes: usize,
    /// The words to store answers for ([`super::answers`]), sorted, with
    /// the bytes of lists their query reads. (The answers themselves are
    /// made as they are written, a few hundred at a time: at a million
    /// articles they are gigabytes.)
    pub(super) answer_words: Vec<(String, usize)>,
}

impl Prepared {
    /// Serializes every article once (for its length and the hash) and
    /// builds the pair lists for `opts.pair_positions_bytes`.
    pub fn new(corpus: &Corpus, index: &Index, opts: &WriteOptions) -> Prepared {
        let mut fnv = Fnv::new();
        let mut json_lens = Vec::with_capacity(corpus.articles.len());
        let mut json = Vec::new();
        for a in &corpus.articles {
            json.clear();
            let _ = serde_json::to_writer(&mut json, a);
            fnv.feed(&json);
            json_lens.push(u32::try_from(json.len()).unwrap_or(u32::MAX));
        }
        let pair_min_df = (opts.pair_positions_bytes > 0)
            .then(|| crate::index::min_df_for(index, opts.pair_positions_bytes))
            .flatten();
        // Lists cut short (more than the pool holds) would lose matches:
        // then no pairs, and phrases read their words' positions.
        let pairs = pair_min_df
            .map(|min_df| (min_df, crate::index::pair_lists(corpus, index, min_df)))
            .filter(|(_, lists)| lists.complete());
        Prepared {
            json_lens,
            articles_hash: fnv.0,
            pair_positions_bytes: opts.pair_positions_bytes,
            pairs,
            answer_min_bytes: opts.answer_min_bytes,
            answer_words: super::answers::select(index, opts.answer_min_bytes),
        }
    }

    /// How many words get a stored answer ([`super::answers`]) and the
    /// bytes of lists their queries read, which the build prints.
    pub fn answer_words(&self) -> (usize, usize) {
        (self.answer_words.len(), self.answer_words.iter().map(|(_, b)| b).sum())
    }

    /// How many pair lists were made and the bytes they hold (`None`: no
    /// pairs), which the build prints: they are most of its peak.
    pub fn pairs_held(&self) -> Option<(usize, usize)> {
        self.pairs.as_ref().map(|(_, lists)| (lists.len(), lists.heap_bytes()))
    }
}

/// The writer; when `counting`, files are laid out as by [`write_to`] but
/// not encoded (their bytes are empty): see [`super::count_files`].
pub(super) fn write_with(
    corpus: &Corpus,
    index: &Index,
    events: &EventsFile,
    opts: &WriteOptions,
    prepared: &Prepared,
    files: &mut dyn Sink,
    counting: bool,
) -> Manifest {
    // Prepared for other pair options (not the build's case): prepare anew.
    let own;
    let prepared = if prepared.pair_positions_bytes == opts.pair_positions_bytes
        && prepared.answer_min_bytes == opts.answer_min_bytes
        && prepared.json_lens.len() == corpus.articles.len()
    {
        prepared
    } else {
        own = Prepared::new(corpus, index, opts);
        &own
    };
    let n_docs = corpus.articles.len();
    let (seal, seal_whole, seal_front): (Sealer, Sealer, Sealer) =
        if counting { (no_bytes, no_bytes, no_bytes) } else { (seal, seal_whole, seal_front) };
    // The tag of the numbered files: everything their bytes depend on (the
    // articles, the chunk sizes, the format version). Not needed to count.
    let mut fnv = Fnv::new();
    fnv.feed(&SPLIT_VERSION.to_le_bytes());
    fnv.feed(format!("{opts:?}").as_bytes());
    fnv.feed(&prepared.articles_hash.to_le_bytes());
    let corpus_tag = format!("{:016x}", fnv.0);

    // Fragments, newest first, so the first page of the newest articles
    // (the empty query) is one or two files.
    // (The order follows from the days in the columns: see
    // [`super::columns`].)
    let order = super::columns::newest_first(index.docs.iter().map(|d| d.day));
    let mut fragment_sizes: Vec<u32> = Vec::new();
    let fragments = {
        // Each fragment one file: the number of articles, then them.
        let mut blobs = Blobs::new(0, b"DLFR", "f", &corpus_tag, seal, Items::Plain);
        // When counting, only the body's length is kept (from the
        // prepared lengths: no article is serialized).
        let mut body: Vec<u8> = Vec::new();
        let mut body_len = 0usize;
        let mut n = 0u64;
        let mut emit = |blobs: &mut Blobs, files: &mut dyn Sink, body: &mut Vec<u8>, n: &mut u64| {
            fragment_sizes.push(*n as u32);
            let mut out = Vec::with_capacity(body.len() + 3);
            put_varint(&mut out, *n);
            out.extend_from_slice(body);
            // A target of 0 bytes: every push starts a new chunk.
            let (_, done) = blobs.push(&out);
            put(files, done);
            body.clear();
            *n = 0;
        };
        let mut json = Vec::new();
        for &d in &order {
            let d = d as usize;
            let json_len = prepared.json_lens.get(d).map_or(0, |&l| l as usize);
            if n as usize >= opts.fragment_articles || (n > 0 && body_len + json_len > opts.fragment_bytes) {
                emit(&mut blobs, files, &mut body, &mut n);
                body_len = 0;
            }
            body_len += varint_len(d as u64) + varint_len(json_len as u64) + json_len;
            if !counting {
                json.clear();
                let _ = serde_json::to_writer(&mut json, &corpus.articles[d]);
                put_varint(&mut body, d as u64);
                put_varint(&mut body, json.len() as u64);
                body.extend_from_slice(&json);
            }
            n += 1;
        }
        if n > 0 {
            emit(&mut blobs, files, &mut body, &mut n);
        }
        let (numbered, done) = blobs.finish();
        put(files, done);
        numbered
    };

    // Columns.
    let col = super::columns::encode(&index.docs, &fragment_sizes);
    let (columns, bytes) = named("columns", seal_front(b"DLCO", &col));
    files.put(columns.clone(), bytes);

    // Authors.
    let mut au = Vec::new();
    put_varint(&mut au, n_docs as u64);
    for meta in &index.docs {
        put_varint(&mut au, meta.author.len() as u64);
        for a in &meta.author {
            put_str(&mut au, a);
        }
    }
    let (authors, bytes) = named("authors", seal_whole(b"DLAU", &au));
    files.put(authors.clone(), bytes);

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
    let (events_file, bytes) = named("events", seal_front(b"DLEV", &ev));
    files.put(events_file.clone(), bytes);

    // Postings and the dictionary.
    // Postings and positions go out to the sink as their chunks fill; a
    // short list stays in its dictionary entry. Each file's first term goes
    // to the manifest.
    let mut words = Lexicon::new(opts, &["p", "q", "dict"], true, &corpus_tag, seal, seal_front);
    // Lists in tiers: those of more than `tier_min_docs` documents, of
    // the common words only (`tiers.rs`): a phrase with a common word
    // reads its pairs, never the word's positions, which a bounded list
    // cannot give, so no phrase waits for a tail. No pairs, no tiers.
    let tier_above = match (&prepared.pairs, opts.tier_min_docs) {
        (Some((min_df, _)), min) if min > 0 => Some(min.max((*min_df as usize).saturating_sub(1))),
        _ => None,
    };
    let mut typo_entries: Vec<(String, u32, Vec<u8>)> = Vec::new();
    for (id, term) in index.terms.iter().enumerate() {
        let (docs_part, pos_part) = index.raw_parts(id as u32);
        // The cuts whose halves are both terms: the reader then knows, once
        // it has the word's entry, which halves a query for it reads.
        let cuts: Vec<usize> = crate::search::cuts(term)
            .into_iter()
            .filter(|&c| index.term_id(&term[..c]).is_some() && index.term_id(&term[c..]).is_some())
            .collect();
        let tail = entry_tail(&index.extra_keys(id as u32), &cuts);
        let tiers = tier_above
            .filter(|&above| index.df[id] as usize > above)
            .and_then(|_| super::tiers::split(docs_part, index.norms(), opts.tier_head).ok().flatten());
        let (docs, tier_tail) = match &tiers {
            Some(t) => (t.head.as_slice(), Some(t.tail.as_slice())),
            None => (docs_part, None),
        };
        let entry = words.entry(files, term, index.df[id], docs, pos_part, tier_tail, &tail);
        if super::in_typo_chunks(term) {
            typo_entries.push((super::typo_key(term), id as u32, entry));
        }
    }
    let (dict, postings, positions, tails) = words.finish(files);
    // The same entries again, by typo key (see "Typo variants" in the
    // module docs).
    typo_entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut typo_chunks = Packer::new(opts.dict_bytes, seal_front);
    let mut prev = "";
    for (key, id, entry) in &typo_entries {
        let term = index.terms[*id as usize].as_str();
        put_entry(typo_chunks.chunk(key, term.len() + 2 + entry.len()), prev, term, entry);
        prev = term;
    }
    drop(typo_entries);
    let typos = typo_chunks.finish(b"DLDI", "typos", files);
    // Pairs (see `crate::index::pair_lists`) in a dictionary and lists of
    // their own, so that a word's prefix or typo scan never reads them.
    let pairs = prepared.pairs.as_ref().map(|(min_df, lists)| {
        let min_df = *min_df;
        // Every pair's lists inside its dictionary entry: a pair block is
        // found from its first key in the manifest and holds all a phrase
        // needs of the pair, so a phrase with a common word is ready after
        // the first round (with the lists in files of their own, found from
        // the dictionary entry, it took two). Blocks are numbered, not
        // named by their hashes, to keep the manifest small, and each goes
        // to the sink as soon as the next one starts.
        let block_opts = WriteOptions { inline_bytes: usize::MAX, dict_bytes: opts.pair_block_bytes, ..*opts };
        let mut pairs =
            Lexicon::new(&block_opts, &["", "", "pairs"], false, &corpus_tag, seal, seal).numbered(&corpus_tag);
        // Pairs have no group keys and no cuts.
        let tail = entry_tail(&[], &[]);
        for p in lists.iter(index) {
            pairs.entry(files, &p.key, p.df, &p.docs, &p.positions, None, &tail);
        }
        let dict = pairs.finish_numbered(files);
        let common =
            index.terms.iter().zip(&index.df).filter(|(_, &df)| df >= min_df).map(|(t, _)| t.clone()).collect();
        super::PairFiles { min_df, common, dict }
    });

    // Stored answers, numbered in the order of their words, under a tag
    // of what their bytes depend on (the corpus tag covers the options),
    // made and handed to the sink a few hundred at a time.
    let kept;
    let words = if prepared.answer_words.len() > opts.answer_max {
        let mut by_bytes: Vec<&(String, usize)> = prepared.answer_words.iter().collect();
        by_bytes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        by_bytes.truncate(opts.answer_max);
        by_bytes.sort();
        kept = by_bytes.into_iter().cloned().collect::<Vec<_>>();
        &kept
    } else {
        &prepared.answer_words
    };
    let answers = (!words.is_empty()).then(|| {
        const BATCH: usize = 256;
        let names: Vec<String> = words.iter().map(|(w, _)| w.clone()).collect();
        let top = opts.answer_top;
        let per = opts.answer_files_each();
        let deep = per == 2;
        // Each answer's file, then (with deeper hits) its deeper-hits file.
        let make = |batch: &[String]| -> Vec<Vec<u8>> {
            let mut out = Vec::with_capacity(batch.len() * 2);
            for mut a in super::answers::answers(index, batch, opts.answer_deep.max(top)) {
                let deeper = a.top.split_off(a.top.len().min(top));
                out.push(seal_whole(super::answers::MAGIC, &super::answers::encode(&a, n_docs as u32)));
                if deep {
                    let body = super::answers::encode_deeper(&deeper, n_docs as u32);
                    out.push(seal_whole(super::answers::DEEP_MAGIC, &body));
                }
            }
            out
        };
        // An answer holds what the search made of the lists, and the
        // search's code (ranking, variants, highlighting) can change
        // without the format's version: so the tag covers the first
        // batch's bytes too, in which any such change shows.
        let mut first = if counting { Vec::new() } else { make(&names[..names.len().min(BATCH)]) };
        let mut fnv = Fnv::new();
        fnv.feed(corpus_tag.as_bytes());
        for (word, _) in words {
            fnv.feed(word.as_bytes());
            fnv.feed(&[0]);
        }
        for file in &first {
            fnv.feed(file);
        }
        let count = words.len() as u32;
        let numbered = Numbered { prefix: format!("a-{:016x}", fnv.0), count, first: Vec::new() };
        let deeper = deep.then(|| super::Deeper {
            files: Numbered { prefix: format!("d-{:016x}", fnv.0), count, first: Vec::new() },
            deep: opts.answer_deep as u32,
        });
        for (b, batch) in names.chunks(BATCH).enumerate() {
            let at = b * BATCH;
            let made = if counting {
                // Only their number matters.
                vec![Vec::new(); batch.len() * per]
            } else if b == 0 {
                std::mem::take(&mut first)
            } else {
                make(batch)
            };
            for (i, file) in made.into_iter().enumerate() {
                let k = (at + i / per) as u32;
                match &deeper {
                    Some(d) if i % per == 1 => files.put(d.files.file(k), file),
                    _ => files.put(numbered.file(k), file),
                }
            }
        }
        super::AnswerFiles { words: names, files: numbered, top: opts.answer_top as u32, deeper }
    });

    // Variant groups (sorted by key in the index).
    let mut stems = Packer::new(opts.stem_bytes, seal_front);
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
    let stems = stems.finish(b"DLST", "stems", files);

    // Ids, in corpus order.
    let mut ids = Vec::new();
    for (k, group) in corpus.articles.chunks(opts.ids_per_chunk.max(1)).enumerate() {
        let mut body = Vec::new();
        put_varint(&mut body, (k * opts.ids_per_chunk.max(1)) as u64);
        put_varint(&mut body, group.len() as u64);
        for a in group {
            put_str(&mut body, &a.id);
        }
        let (file, bytes) = named("ids", seal_whole(b"DLID", &body));
        files.put(file.clone(), bytes);
        ids.push(Chunk { first: group[0].id.clone(), file });
    }

    let total_words = corpus.articles.iter().map(|a| a.word_count() as u64).sum();
    let axis = crate::events::extended_span(
        corpus.articles.iter().filter_map(|a| a.date.date),
        events.mentions.iter().map(|m| m.date),
    );
    Manifest {
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
        typos,
        postings,
        positions,
        tails,
        fragments,
        ids,
        pairs,
        answers,
    }
}

/// A dictionary and its postings and positions files, written in term
/// order (the words', or the pairs').
struct Lexicon<'o> {
    opts: &'o WriteOptions,
    postings: Blobs,
    positions: Blobs,
    /// The tails of tiered documents parts ([`super::tiers`]).
    tails: Blobs,
    dict: Packer,
    dict_kind: &'static str,
    /// Whether the manifest gets each postings and positions file's
    /// separator.
    separators: bool,
    /// Dictionary chunks numbered (`<kind>-<tag>-<k>.bin`, their first
    /// keys as separators) and written as they fill, instead of named by
    /// their hashes at the end.
    numbered_dict: Option<Numbered>,
    prev: String,
}

impl<'o> Lexicon<'o> {
    /// `kinds`: the postings, positions and dictionary files' name
    /// prefixes; `dict_seal` seals the dictionary chunks, `seal` the rest.
    fn new(
        opts: &'o WriteOptions,
        kinds: &[&'static str; 3],
        separators: bool,
        tag: &str,
        seal: Sealer,
        dict_seal: Sealer,
    ) -> Lexicon<'o> {
        Lexicon {
            opts,
            postings: Blobs::new(opts.postings_bytes, b"DLPO", kinds[0], tag, seal, Items::Packed),
            positions: Blobs::new(opts.postings_bytes, b"DLPO", kinds[1], tag, seal, Items::Framed),
            tails: Blobs::new(opts.postings_bytes, b"DLPO", "t", tag, seal, Items::Framed),
            dict: Packer::new(opts.dict_bytes, dict_seal),
            dict_kind: kinds[2],
            separators,
            numbered_dict: None,
            prev: String::new(),
        }
    }

    /// One list of a dictionary entry: inline when short and `inline`,
    /// or where it is: its file and its number in the file (`kind`: 0
    /// postings, 1 positions, 2 tails).
    fn list(&mut self, kind: usize, inline: bool, files: &mut dyn Sink, part: &[u8], term: &str, out: &mut Vec<u8>) {
        let (opts, separators) = (self.opts, self.separators);
        let blobs = match kind {
            0 => &mut self.postings,
            1 => &mut self.positions,
            _ => &mut self.tails,
        };
        if inline && part.len() <= opts.inline_bytes {
            put_varint(out, 0);
            put_varint(out, part.len() as u64);
            out.extend_from_slice(part);
            return;
        }
        let before = blobs.numbered.count;
        let ((c, item), done) = blobs.push(part);
        put(files, done);
        if separators && blobs.numbered.count != before {
            // The shortest prefix of the file's first term that sorts after
            // the previous file's last term: it separates them as well and
            // keeps the manifest small.
            let sep = separator(&blobs.last, term);
            blobs.numbered.first.push(sep.to_string());
        }
        blobs.last.clear();
        blobs.last.push_str(term);
        put_varint(out, u64::from(c) + 1);
        put_varint(out, u64::from(item));
    }

    /// The next term's entry (terms come sorted); returns the entry after
    /// its term (document frequency, lists, the tier tail's place, the
    /// entry's end `tail`). `docs` is the head tier of a tiered list,
    /// `tier_tail` its tail.
    #[allow(clippy::too_many_arguments)]
    fn entry(
        &mut self,
        files: &mut dyn Sink,
        term: &str,
        df: u32,
        docs: &[u8],
        positions: &[u8],
        tier_tail: Option<&[u8]>,
        tail: &[u8],
    ) -> Vec<u8> {
        let mut lists = Vec::with_capacity(16);
        put_varint(&mut lists, u64::from(df));
        // A tiered list's head and tail are always in files (the reader
        // finds the tail it waits for by file).
        self.list(0, tier_tail.is_none(), files, docs, term, &mut lists);
        self.list(1, true, files, positions, term, &mut lists);
        match tier_tail {
            Some(t) => self.list(2, false, files, t, term, &mut lists),
            None => put_varint(&mut lists, 0),
        }
        lists.extend_from_slice(tail);
        let chunk = self.dict.chunk(term, term.len() + 2 + lists.len());
        let started = chunk.1 == 0;
        if started && self.numbered_dict.is_some() {
            // A numbered chunk is found by a separator (the shortest prefix
            // after the previous chunk's last key), not its whole first key:
            // thousands of pair blocks' keys are in the manifest.
            chunk.0 = separator(&self.prev, term).to_string();
        }
        put_entry(chunk, &self.prev, term, &lists);
        self.prev.clear();
        self.prev.push_str(term);
        if started && self.numbered_dict.is_some() {
            self.flush_numbered(files, 1);
        }
        lists
    }

    /// The same, its dictionary numbered ([`Lexicon::numbered_dict`]).
    fn numbered(mut self, tag: &str) -> Lexicon<'o> {
        self.numbered_dict =
            Some(Numbered { prefix: format!("{}-{tag}", self.dict_kind), count: 0, first: Vec::new() });
        self
    }

    /// Seals and writes the numbered dictionary's chunks but the last
    /// `keep`.
    fn flush_numbered(&mut self, files: &mut dyn Sink, keep: usize) {
        let Some(dict) = self.numbered_dict.as_mut() else { return };
        let (n, seal) = (self.dict.chunks.len().saturating_sub(keep), self.dict.seal);
        for (first, count, body) in self.dict.chunks.drain(..n) {
            files.put(dict.file(dict.count), sealed_chunk(seal, b"DLDI", count, &body));
            dict.first.push(first);
            dict.count += 1;
        }
    }

    /// The dictionary chunks and the postings, positions and tail files.
    fn finish(self, files: &mut dyn Sink) -> (Vec<Chunk>, Numbered, Numbered, Numbered) {
        let (postings, done) = self.postings.finish();
        put(files, done);
        let (positions, done) = self.positions.finish();
        put(files, done);
        let (tails, done) = self.tails.finish();
        put(files, done);
        (self.dict.finish(b"DLDI", self.dict_kind, files), postings, positions, tails)
    }

    /// The numbered dictionary ([`Lexicon::numbered_dict`]) of a lexicon
    /// whose lists are all inline (pair blocks).
    fn finish_numbered(mut self, files: &mut dyn Sink) -> Numbered {
        self.flush_numbered(files, 0);
        debug_assert!(
            self.postings.numbered.count == 0 && self.positions.numbered.count == 0 && self.tails.numbered.count == 0
        );
        self.numbered_dict.unwrap_or_default()
    }
}

/// Appends a dictionary entry to a packed chunk: the term front-coded
/// against `prev`, the chunk's previous term (coding restarts at each
/// chunk), then `entry` (document frequency, lists, tail).
fn put_entry(chunk: &mut (String, u32, Vec<u8>), prev: &str, term: &str, entry: &[u8]) {
    let shared = if chunk.1 == 0 { 0 } else { common_prefix(prev, term) };
    put_varint(&mut chunk.2, shared as u64);
    put_str(&mut chunk.2, &term[shared..]);
    chunk.2.extend_from_slice(entry);
    chunk.1 += 1;
}

/// The end of a dictionary entry (see the module docs' formats): the
/// group keys the reader cannot compute, then the cuts of the word whose
/// halves are both terms (byte offsets).
fn entry_tail(extra: &[&str], cuts: &[usize]) -> Vec<u8> {
    let mut tail = Vec::new();
    put_varint(&mut tail, extra.len() as u64);
    for key in extra {
        put_str(&mut tail, key);
    }
    put_varint(&mut tail, cuts.len() as u64);
    for &cut in cuts {
        put_varint(&mut tail, cut as u64);
    }
    tail
}

/// The shortest prefix of `term` that sorts after `prev` (`prev < term`;
/// the whole term when `prev` is empty, so a file's separator is never
/// the empty string).
fn separator<'a>(prev: &str, term: &'a str) -> &'a str {
    if prev.is_empty() {
        return term;
    }
    let shared = common_prefix(prev, term);
    let next = term[shared..].chars().next().map_or(0, char::len_utf8);
    &term[..shared + next]
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices().zip(b.chars()).take_while(|((_, x), y)| x == y).last().map_or(0, |((i, x), _)| i + x.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::separator;

    #[test]
    fn separators_are_the_shortest_prefix_after_the_previous_term() {
        for (prev, term, want) in [
            ("", "alpha", "alpha"),
            ("beliefs", "believe", "believ"),
            ("believ", "believe", "believe"),
            ("bat", "believe", "be"),
            ("zz", "ära", "ä"),
            ("ärb", "äre", "äre"),
        ] {
            let sep = separator(prev, term);
            assert_eq!(sep, want, "{prev} {term}");
            assert!(prev < sep && sep <= term);
        }
    }
}
