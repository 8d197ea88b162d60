//! The data bundle: everything the app needs about a corpus, in one file.
//!
//! The app's code does not depend on the corpus. It is compiled once, and
//! the build attaches the corpus afterwards (`tools/src/bin/dist.rs`, run
//! by Trunk after it has built the wasm): changing the corpus never
//! recompiles Rust. For the embedded layout the bundle is appended to the
//! finished `.wasm` as a custom section named [`SECTION_NAME`], which the
//! app reads at start-up (`WebAssembly.Module.customSections`), so `dist/`
//! stays one self-contained app and the single-file build carries the
//! corpus inside the one HTML file.
//!
//! ## What is in it
//! Four parts, each written by the module that reads it:
//!
//! | part          | content                                     | reader |
//! |---------------|---------------------------------------------|--------|
//! | `corpus.json` | the [`Corpus`] without texts and report      | [`Corpus::from_json`] |
//! | `index.bin`   | the search index                            | [`crate::index::Index::from_bytes`] |
//! | `texts.bin`   | article texts, one deflated JSON each       | [`crate::store::TextStore`] |
//! | `events.json` | dates the articles mention                  | [`crate::events::EventsFile::from_json`] |
//!
//! ## Format (little-endian)
//!
//! ```text
//! "DLBN" | version u32 | parts u32 | part × parts
//! part = name_len u32 | name (UTF-8) | data_len u64 | data
//! ```
//!
//! [`Bundle::parse`] checks the magic, the version and every length against
//! the bytes it has (a damaged or truncated bundle is an error naming the
//! byte offset, never a panic) and borrows the parts in place.

use crate::model::Corpus;

/// Magic bytes at the start of a bundle.
const MAGIC: &[u8; 4] = b"DLBN";
/// Version of the bundle layout; the reader rejects other versions.
pub const BUNDLE_VERSION: u32 = 1;
/// Name of the wasm custom section holding the bundle (embedded layout).
pub const SECTION_NAME: &str = "dateline-corpus";

/// Names of the parts, in the order they are written.
pub const PARTS: [&str; 4] = ["corpus.json", "index.bin", "texts.bin", "events.json"];

/// A damaged or mismatched bundle.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    /// Not a Dateline bundle.
    #[error("not a Dateline corpus bundle (bad magic)")]
    Magic,
    /// Written by another version of Dateline.
    #[error("corpus bundle version {found}, this build reads version {BUNDLE_VERSION}; rebuild the corpus")]
    Version {
        /// The version found.
        found: u32,
    },
    /// Cut short or inconsistent.
    #[error("corpus bundle is truncated or corrupt at byte {0}")]
    Corrupt(usize),
    /// A part the app needs is missing.
    #[error("corpus bundle has no `{0}` part")]
    Missing(&'static str),
}

/// A parsed bundle: its parts, borrowed from the bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle<'a> {
    parts: Vec<(&'a str, &'a [u8])>,
}

impl<'a> Bundle<'a> {
    /// Reads a bundle (see the module docs for the checks).
    pub fn parse(bytes: &'a [u8]) -> Result<Bundle<'a>, BundleError> {
        let mut at = 0usize;
        let mut take = |n: usize| -> Result<&'a [u8], BundleError> {
            let end = at.checked_add(n).filter(|&e| e <= bytes.len()).ok_or(BundleError::Corrupt(at))?;
            let slice = &bytes[at..end];
            at = end;
            Ok(slice)
        };
        if take(4).map_err(|_| BundleError::Magic)? != MAGIC {
            return Err(BundleError::Magic);
        }
        let u32_at = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let found = u32_at(take(4)?);
        if found != BUNDLE_VERSION {
            return Err(BundleError::Version { found });
        }
        let n = u32_at(take(4)?);
        let mut parts = Vec::with_capacity((n as usize).min(16));
        for _ in 0..n {
            let name_len = u32_at(take(4)?) as usize;
            let name = std::str::from_utf8(take(name_len)?).map_err(|_| BundleError::Corrupt(0))?;
            let len_bytes = take(8)?;
            let mut len = [0u8; 8];
            len.copy_from_slice(len_bytes);
            let len = usize::try_from(u64::from_le_bytes(len)).map_err(|_| BundleError::Corrupt(0))?;
            parts.push((name, take(len)?));
        }
        Ok(Bundle { parts })
    }

    /// The bytes of a part.
    pub fn part(&self, name: &'static str) -> Result<&'a [u8], BundleError> {
        self.parts.iter().find(|(n, _)| *n == name).map(|(_, b)| *b).ok_or(BundleError::Missing(name))
    }

    /// Names of the parts, in file order.
    pub fn names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.parts.iter().map(|(n, _)| *n)
    }
}

/// Writes named parts into a bundle.
pub fn write(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let size: usize = parts.iter().map(|(n, d)| 12 + n.len() + d.len()).sum();
    let mut out = Vec::with_capacity(12 + size);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&BUNDLE_VERSION.to_le_bytes());
    out.extend_from_slice(&(parts.len() as u32).to_le_bytes());
    for (name, data) in parts {
        out.extend_from_slice(&(name.len() as u32).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&(data.len() as u64).to_le_bytes());
        out.extend_from_slice(data);
    }
    out
}

/// What [`build`] reports besides the bundle.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildStats {
    /// Year-less mentioned dates in undated articles, left unresolved.
    pub unresolved_events: usize,
    /// Bytes of each part, in [`PARTS`] order.
    pub part_bytes: [usize; 4],
}

/// Errors preparing a bundle.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The corpus or events could not be serialised.
    #[error("could not serialise the corpus: {0}")]
    Json(String),
}

/// Prepares the bundle of a cleaned corpus: the index and events are
/// computed here, the texts go to the text store and the corpus JSON keeps
/// metadata only (the ingest report stays out of the app).
pub fn build(corpus: &Corpus) -> Result<(Vec<u8>, BuildStats), BuildError> {
    let index = crate::index::Index::build(corpus).to_bytes();
    let events = crate::events::extract(corpus);
    let events_json = events.file.to_json().map_err(|e| BuildError::Json(e.to_string()))?;
    let texts = crate::store::write(corpus);
    let mut meta = corpus.clone();
    meta.report = Default::default();
    crate::store::strip_texts(&mut meta);
    let json = meta.to_json().map_err(|e| BuildError::Json(e.to_string()))?;
    let parts: [(&str, &[u8]); 4] =
        [(PARTS[0], json.as_bytes()), (PARTS[1], &index), (PARTS[2], &texts), (PARTS[3], events_json.as_bytes())];
    let stats = BuildStats { unresolved_events: events.unresolved, part_bytes: parts.map(|(_, d)| d.len()) };
    Ok((write(&parts), stats))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_lookup() {
        let bytes = write(&[("a", b"hello"), ("b", b""), ("c", &[0, 1, 2])]);
        let b = Bundle::parse(&bytes).expect("parses");
        assert_eq!(b.part("a"), Ok(&b"hello"[..]));
        assert_eq!(b.part("b"), Ok(&b""[..]));
        assert_eq!(b.part("c"), Ok(&[0u8, 1, 2][..]));
        assert_eq!(b.part("d"), Err(BundleError::Missing("d")));
        assert_eq!(b.names().collect::<Vec<_>>(), vec!["a", "b", "c"]);
    }

    #[test]
    fn damaged_bundles_are_errors_not_panics() {
        let bytes = write(&[("corpus.json", b"{}"), ("index.bin", &[7; 100])]);
        assert_eq!(Bundle::parse(b"nope"), Err(BundleError::Magic));
        assert_eq!(Bundle::parse(b""), Err(BundleError::Magic));
        for cut in 4..bytes.len() {
            assert!(Bundle::parse(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut wrong = bytes.clone();
        wrong[4] = 9;
        assert_eq!(Bundle::parse(&wrong), Err(BundleError::Version { found: 9 }));
        // A part length past the end (or overflowing) is caught.
        let mut huge = bytes.clone();
        let len_at = 12 + 4 + "corpus.json".len();
        huge[len_at..len_at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(Bundle::parse(&huge).is_err());
    }
}
