//! The text extractor's former path, kept as a facade while other branches
//! still name it: the extractor is [`super::text`].

pub use super::text::{classify, extract, front_matter, line_key, strip_site_suffix, Extracted, Hints, LineKind};
