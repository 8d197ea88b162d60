//! The text store: article texts kept apart from their metadata, so the
//! app parses only what it shows.
//!
//! Article bodies are most of a corpus's bytes (about 85% of the JSON of
//! the real 3,562-article set). The app needs every article's metadata at
//! start-up (titles, outlets, dates for the result list, facets and
//! timeline) but the text of only the twenty or so articles on screen. So
//! the build writes the corpus JSON with empty `lead`/`body` and the texts
//! into this store, and [`TextStore::fill`] restores one article's texts on
//! demand. The store is read in place from the embedded bytes: opening it
//! reads the header only, and each article is inflated and parsed when it
//! is read.
//!
//! ## Format (little-endian)
//!
//! ```text
//! "DLTX" | version u32 | docs u32 | total_words u64 | offsets u32 × (docs + 1) | blob
//! ```
//!
//! Article `d`'s bytes are `blob[offsets[d]..offsets[d + 1]]`: one JSON
//! document, the [`ArticleTexts`] of the article (`{"lead": "...", "body":
//! [{"kind": "paragraph", "text": "..."}, ...]}`, the same serde types as
//! the corpus), compressed with raw DEFLATE (`miniz_oxide`, level 6). The
//! corpus stays JSON; compression makes the embedded texts about a third
//! of their size, and loading and instantiating the wasm module is most of
//! what the browser spends on start-up; inflating the twenty articles on
//! screen takes microseconds.

use crate::model::{Article, Block, Corpus};
use serde::{Deserialize, Serialize};

/// The texts of one article, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleTexts {
    /// The standfirst or first paragraph.
    pub lead: String,
    /// The remaining body.
    pub body: Vec<Block>,
}

const MAGIC: &[u8; 4] = b"DLTX";
/// Version of the store format; the reader rejects other versions.
pub const STORE_VERSION: u32 = 3;
/// Largest inflated article accepted (a guard against corrupt input).
const MAX_ARTICLE_BYTES: usize = 64 << 20;
const HEADER: usize = 4 + 4 + 4 + 8;

/// Errors reading a store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// Not a text store.
    #[error("not a Dateline text store (bad magic)")]
    Magic,
    /// Another version.
    #[error("text store version {found}, this build reads version {STORE_VERSION}")]
    Version {
        /// The version found.
        found: u32,
    },
    /// Cut short or inconsistent.
    #[error("text store is corrupt: {0}")]
    Corrupt(&'static str),
    /// No such article.
    #[error("article {0} is not in the text store")]
    Missing(u32),
}

fn u32_at(bytes: &[u8], at: usize) -> Result<u32, StoreError> {
    let b = bytes.get(at..at + 4).ok_or(StoreError::Corrupt("truncated"))?;
    Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Writes the texts of every article of `corpus`, in corpus order.
pub fn write(corpus: &Corpus) -> Vec<u8> {
    let mut blob = Vec::new();
    let mut offsets = Vec::with_capacity(corpus.articles.len() + 1);
    let mut words: u64 = 0;
    for a in &corpus.articles {
        offsets.push(u32::try_from(blob.len()).unwrap_or(u32::MAX));
        let texts = ArticleTexts { lead: a.lead.clone(), body: a.body.clone() };
        // Strings and enums of strings always serialise.
        let json = serde_json::to_vec(&texts).unwrap_or_else(|_| br#"{"lead":"","body":[]}"#.to_vec());
        blob.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(&json, 6));
        words += a.word_count() as u64;
    }
    offsets.push(u32::try_from(blob.len()).unwrap_or(u32::MAX));
    let mut out = Vec::with_capacity(HEADER + offsets.len() * 4 + blob.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&STORE_VERSION.to_le_bytes());
    out.extend_from_slice(&u32::try_from(corpus.articles.len()).unwrap_or(u32::MAX).to_le_bytes());
    out.extend_from_slice(&words.to_le_bytes());
    for o in offsets {
        out.extend_from_slice(&o.to_le_bytes());
    }
    out.extend_from_slice(&blob);
    out
}

/// A store opened over its bytes (borrowed, never copied).
#[derive(Debug, Clone)]
pub struct TextStore<'a> {
    docs: u32,
    total_words: u64,
    offsets: &'a [u8],
    blob: &'a [u8],
}

impl<'a> TextStore<'a> {
    /// Opens a store: checks the header and the offset table.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<TextStore<'a>, StoreError> {
        if bytes.get(..4) != Some(MAGIC.as_slice()) {
            return Err(StoreError::Magic);
        }
        let version = u32_at(bytes, 4)?;
        if version != STORE_VERSION {
            return Err(StoreError::Version { found: version });
        }
        let docs = u32_at(bytes, 8)?;
        let w = bytes.get(12..20).ok_or(StoreError::Corrupt("truncated"))?;
        let total_words = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        let table_end = HEADER + (docs as usize + 1) * 4;
        let offsets = bytes.get(HEADER..table_end).ok_or(StoreError::Corrupt("offset table truncated"))?;
        let blob = &bytes[table_end..];
        let store = TextStore { docs, total_words, offsets, blob };
        if store.offset(docs)? as usize != blob.len() {
            return Err(StoreError::Corrupt("last offset does not end the texts"));
        }
        Ok(store)
    }

    fn offset(&self, i: u32) -> Result<u32, StoreError> {
        u32_at(self.offsets, i as usize * 4)
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.docs as usize
    }

    /// Whether the store holds no article.
    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// Words in all articles (whitespace-separated, as
    /// [`Article::word_count`] counts them).
    pub fn total_words(&self) -> u64 {
        self.total_words
    }

    /// Reads article `doc`: its lead and body.
    pub fn texts(&self, doc: u32) -> Result<(String, Vec<Block>), StoreError> {
        if doc >= self.docs {
            return Err(StoreError::Missing(doc));
        }
        let (a, b) = (self.offset(doc)? as usize, self.offset(doc + 1)? as usize);
        let bytes = self.blob.get(a..b).ok_or(StoreError::Corrupt("offsets out of range"))?;
        let json = miniz_oxide::inflate::decompress_to_vec_with_limit(bytes, MAX_ARTICLE_BYTES)
            .map_err(|_| StoreError::Corrupt("article does not inflate"))?;
        let t: ArticleTexts =
            serde_json::from_slice(&json).map_err(|_| StoreError::Corrupt("article is not valid JSON"))?;
        Ok((t.lead, t.body))
    }

    /// A copy of `meta` (an article whose texts were stripped) with the
    /// texts of article `doc` restored.
    pub fn fill(&self, doc: u32, meta: &Article) -> Result<Article, StoreError> {
        let (lead, body) = self.texts(doc)?;
        Ok(Article { lead, body, ..meta.clone() })
    }
}

/// Strips the texts from every article of `corpus` (what the app's corpus
/// JSON holds; [`write()`] keeps the texts).
pub fn strip_texts(corpus: &mut Corpus) {
    for a in &mut corpus.articles {
        a.lead = String::new();
        a.body = Vec::new();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateInfo, Provenance};

    fn article(id: &str, lead: &str, body: Vec<Block>) -> Article {
        Article {
            id: id.into(),
            title: format!("title {id}"),
            outlet: None,
            date: DateInfo::unknown("none"),
            author: None,
            dateline: None,
            lead: lead.into(),
            body,
            provenance: Provenance {
                file: format!("{id}.txt"),
                format: "txt".into(),
                record: None,
                url: None,
                outlet_source: String::new(),
                outlet_evidence: crate::model::EvidenceKind::None,
                source_evidence: None,
                page: None,
            },
            original_source: None,
            duplicates: Vec::new(),
            language: None,
            credits: vec![],
            suggested_date: None,
        }
    }

    fn corpus() -> Corpus {
        let long = "é".repeat(300);
        Corpus {
            articles: vec![
                article("a", "Lead of a.", vec![Block::Paragraph("One two.".into()), Block::Heading("Sub".into())]),
                article("b", "", vec![]),
                article("c", "", vec![Block::Paragraph(long)]),
            ],
            schema_version: crate::model::SCHEMA_VERSION,
            name: "test".into(),
            outlets: Vec::new(),
            report: Default::default(),
        }
    }

    #[test]
    fn round_trip_restores_every_article() {
        let c = corpus();
        let bytes = write(&c);
        let store = TextStore::from_bytes(&bytes).expect("opens");
        assert_eq!(store.len(), 3);
        assert_eq!(store.total_words(), 3 + 2 + 1 + 1);
        let mut stripped = c.clone();
        strip_texts(&mut stripped);
        assert!(stripped.articles.iter().all(|a| a.lead.is_empty() && a.body.is_empty()));
        for (i, (meta, full)) in stripped.articles.iter().zip(&c.articles).enumerate() {
            assert_eq!(&store.fill(i as u32, meta).expect("present"), full);
        }
        assert_eq!(store.texts(3), Err(StoreError::Missing(3)));
    }

    #[test]
    fn damaged_stores_are_errors_not_panics() {
        let bytes = write(&corpus());
        assert_eq!(TextStore::from_bytes(b"nope").err(), Some(StoreError::Magic));
        let mut v9 = bytes.clone();
        v9[4] = 9;
        assert_eq!(TextStore::from_bytes(&v9).err(), Some(StoreError::Version { found: 9 }));
        for cut in [3, 10, 21, bytes.len() - 1] {
            assert!(TextStore::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        // A flipped byte inside the texts: reading fails or returns text, never panics.
        for i in HEADER..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0xff;
            if let Ok(s) = TextStore::from_bytes(&b) {
                for d in 0..3 {
                    let _ = s.texts(d);
                }
            }
        }
    }
}
