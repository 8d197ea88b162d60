//! Ingest: raw inputs in, a [`Corpus`] out, every input accounted for.
//!
//! The caller (build script or CLI) reads files and hands their bytes to
//! [`ingest`]; this module does no I/O. Each input file goes through:
//!
//! 1. **Decoding** ([`decode`]): UTF-8 (BOM stripped), UTF-16 with BOM, or a
//!    legacy 8-bit encoding guessed between Windows-1251 (Cyrillic) and
//!    Windows-1252 (Latin-1) with a warning. Empty and binary files are
//!    rejected with a reason.
//! 2. **Format dispatch** by extension: `.txt` raw page text (with optional
//!    front matter), `.jsonl`/`.ndjson`/`.json` records, `.csv` records. A
//!    record's columns (title, outlet/source/media_name, date/publish_date,
//!    url, author(s), text/content) become [`text::Hints`] and its text goes
//!    through the same extractor as raw pages.
//! 3. **Outlet identification**: hints first (front matter, columns, URL
//!    host), else registry evidence in the text; unknown outlets are
//!    reported, never guessed.
//! 4. **Deduplication**: articles whose normalised body is identical, or
//!    nearly so (see [`dedup`]: syndicated copies), are merged into the
//!    first one ingested and recorded in its `duplicates`, with a warning.
//!
//! The [`Report`] has one line per input (file, or record of a multi-record
//! file) saying whether it was ingested, merged as a duplicate or rejected,
//! with every warning.

pub mod dedup;
pub mod records;
pub mod registry;
pub mod text;
pub mod txt;

use crate::model::{Article, Corpus, Disposition, InputReport, Outlet, Provenance, Report, SCHEMA_VERSION};
use registry::Registry;
use std::collections::HashMap;
use text::Hints;

/// One input file handed to ingest.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// Path relative to the corpus folder (used in ids and reports).
    pub path: String,
    /// Raw bytes.
    pub bytes: Vec<u8>,
}

/// Decoded text and any warning about its encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Warning when the bytes were not UTF-8.
    pub warning: Option<String>,
}

/// Decodes bytes to text (see the module docs). `Err` carries the reason
/// the file is rejected.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".into());
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        if enc != encoding_rs::UTF_8 {
            let (text, _, bad) = enc.decode(&bytes[bom_len..]);
            return Ok(Decoded {
                text: text.into_owned(),
                warning: Some(format!(
                    "decoded as {} (byte order mark){}",
                    enc.name(),
                    if bad { ", some bytes invalid" } else { "" }
                )),
            });
        }
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    if head.contains(&0) || controls * 20 > head.len() {
        return Err("binary file (NUL or control bytes), not text".into());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded { text: s.trim_start_matches('\u{feff}').to_string(), warning: None }),
        Err(_) => {
            let (cyr, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
            // Real Cyrillic text decodes to whole Cyrillic words; Latin-1
            // text read as 1251 gives Cyrillic letters stuck inside Latin
            // words ("Cafй").
            let is_cyr = |c: char| ('\u{0410}'..='\u{044f}').contains(&c) || c == 'ё' || c == 'Ё';
            let high = bytes.iter().filter(|&&b| b >= 0x80).count().max(1);
            let in_cyrillic_words: usize = cyr
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.chars().any(|c| c.is_ascii_alphabetic()))
                .map(|w| w.chars().filter(|&c| is_cyr(c)).count())
                .sum();
            if in_cyrillic_words * 10 >= high * 7 {
                Ok(Decoded {
                    text: cyr.into_owned(),
                    warning: Some("not UTF-8: decoded as windows-1251 (Cyrillic)".into()),
                })
            } else {
                let (latin, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                Ok(Decoded {
                    text: latin.into_owned(),
                    warning: Some("not UTF-8: decoded as windows-1252 (Latin-1)".into()),
                })
            }
        }
    }
}

/// One unit of work: a text with hints, from a file or a record.
struct Unit {
    input: String,
    file: String,
    format: &'static str,
    record: Option<usize>,
    text: String,
    hints: Hints,
    warnings: Vec<String>,
}

/// Turns a path into an id: the file stem, lowercased, with anything but
/// letters, digits, `-` and `_` replaced.
fn id_of(path: &str, record: Option<usize>) -> String {
    let stem = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    let mut id: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c.to_ascii_lowercase() } else { '-' })
        .collect();
    if let Some(r) = record {
        id.push_str(&format!("-{r}"));
    }
    id
}

/// Settings of an ingest run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The day ingest runs (given by the caller: the core has no clock).
    /// Publication dates more than a day after it are impossible and
    /// dropped with a warning.
    pub today: Option<crate::model::Date>,
}

/// Ingests input files into a corpus named `name` (no clock: future dates
/// are only checked against the fixed 1990..=2100 range).
pub fn ingest(files: &[InputFile], registry: &Registry, name: &str) -> Corpus {
    ingest_with(files, registry, name, &Options::default(), &mut |_, _| {})
}

/// Ingests input files into a corpus named `name` with options;
/// `progress(done, total)` is called as units (files or records) are
/// extracted, for progress bars.
pub fn ingest_with(
    files: &[InputFile],
    registry: &Registry,
    name: &str,
    options: &Options,
    progress: &mut dyn FnMut(usize, usize),
) -> Corpus {
    let mut report = Report::default();
    let mut units = Vec::new();
    for f in files {
        let ext = f.path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        let format: &'static str = match ext.as_str() {
            "txt" | "text" | "md" => "txt",
            "jsonl" | "ndjson" => "jsonl",
            "json" => "json",
            "csv" => "csv",
            _ => {
                report.inputs.push(InputReport {
                    input: f.path.clone(),
                    disposition: Disposition::Rejected {
                        reason: format!("unsupported file type `.{ext}` (expected .txt, .jsonl, .json or .csv)"),
                    },
                    warnings: vec![],
                });
                continue;
            }
        };
        let decoded = match decode(&f.bytes) {
            Ok(d) => d,
            Err(reason) => {
                report.inputs.push(InputReport {
                    input: f.path.clone(),
                    disposition: Disposition::Rejected { reason },
                    warnings: vec![],
                });
                continue;
            }
        };
        let warnings: Vec<String> = decoded.warning.into_iter().collect();
        if format == "txt" {
            let fm = text::read_front_matter(&decoded.text);
            let mut warnings = warnings;
            warnings.extend(fm.warning);
            units.push(Unit {
                input: f.path.clone(),
                file: f.path.clone(),
                format,
                record: None,
                text: fm.rest.to_string(),
                hints: fm.hints,
                warnings,
            });
            continue;
        }
        match records::parse(&decoded.text, format) {
            Ok(recs) => {
                if recs.is_empty() {
                    report.inputs.push(InputReport {
                        input: f.path.clone(),
                        disposition: Disposition::Rejected { reason: "no records".into() },
                        warnings: warnings.clone(),
                    });
                }
                for (n, rec) in recs.into_iter().enumerate() {
                    let input = format!("{}#{}", f.path, n + 1);
                    match rec {
                        Ok((hints, text)) => units.push(Unit {
                            input,
                            file: f.path.clone(),
                            format,
                            record: Some(n + 1),
                            text,
                            hints,
                            warnings: warnings.clone(),
                        }),
                        Err(reason) => report.inputs.push(InputReport {
                            input,
                            disposition: Disposition::Rejected { reason },
                            warnings: warnings.clone(),
                        }),
                    }
                }
            }
            Err(reason) => report.inputs.push(InputReport {
                input: f.path.clone(),
                disposition: Disposition::Rejected { reason },
                warnings,
            }),
        }
    }

    let mut articles: Vec<Article> = Vec::new();
    let mut by_body: HashMap<String, usize> = HashMap::new();
    let mut near = dedup::NearDuplicates::default();
    let mut adhoc: Vec<Outlet> = Vec::new();
    let mut ids: std::collections::HashSet<String> = std::collections::HashSet::new();
    let total = units.len();
    for (done, mut u) in units.into_iter().enumerate() {
        progress(done, total);
        // Outlet: hints, URL, then evidence in the text.
        let (outlet, outlet_source) = identify(&u, registry);
        match (&outlet, &u.hints.outlet) {
            (None, _) if outlet_source.starts_with("credited to") => {
                u.warnings.push(format!("unknown outlet: the text is {outlet_source}"));
            }
            (None, _) => u.warnings.push("unknown outlet: no registry signature, domain or credit found".to_string()),
            (Some(k), Some(n)) if registry.get(k).is_none() => {
                if !adhoc.iter().any(|o: &Outlet| &o.key == k) {
                    adhoc.push(Outlet {
                        key: k.clone(),
                        name: n.trim().to_string(),
                        short: n.trim().to_string(),
                        home: None,
                    });
                }
                u.warnings.push(format!("outlet \"{n}\" is not in the registry: kept as the input names it"));
            }
            _ => {}
        }
        let entry = outlet.as_deref().and_then(|k| registry.get(k));
        let ex = match text::extract(&u.text, &u.hints, entry, registry) {
            Ok(ex) => ex,
            Err(reason) => {
                report.inputs.push(InputReport {
                    input: u.input,
                    disposition: Disposition::Rejected { reason },
                    warnings: u.warnings,
                });
                continue;
            }
        };
        u.warnings.extend(ex.warnings.iter().cloned());
        let mut ex = ex;
        if let (Some(d), Some(today)) = (ex.date.date, options.today) {
            if d.days_since_epoch() > today.days_since_epoch() + 1 {
                u.warnings.push(format!(
                    "impossible publication date {} (after today, {}) ignored",
                    d.iso(),
                    today.iso()
                ));
                ex.date = crate::model::DateInfo::unknown(format!("printed date {} is in the future", d.iso()));
            }
        }
        if ex.date.date.is_none() {
            u.warnings.push(format!("no publication date: {}", ex.date.source));
        }
        let id = id_of(&u.file, u.record);
        let body_key = std::iter::once(ex.lead.as_str())
            .chain(ex.body.iter().map(|b| b.text()))
            .map(text::line_key)
            .collect::<Vec<_>>()
            .join(" ");
        let sh = dedup::shingles(&body_key);
        let dup = match by_body.get(&body_key) {
            Some(&k) => Some((k, "same text as".to_string())),
            None => {
                near.find(&sh).map(|(k, r)| (k, format!("near-duplicate ({:.0}% of its text shared) of", r * 100.0)))
            }
        };
        if let Some((k, how)) = dup {
            let kept = &mut articles[k];
            kept.duplicates.push(u.input.clone());
            u.warnings.push(format!("{how} {} ({}): merged", kept.id, kept.provenance.file));
            report.inputs.push(InputReport {
                input: u.input,
                disposition: Disposition::Duplicate { of: kept.id.clone() },
                warnings: u.warnings,
            });
            continue;
        }
        let unique_id = if ids.contains(&id) { format!("{id}-{}", articles.len()) } else { id };
        ids.insert(unique_id.clone());
        by_body.insert(body_key, articles.len());
        near.add(sh);
        report.inputs.push(InputReport {
            input: u.input.clone(),
            disposition: Disposition::Ingested { id: unique_id.clone() },
            warnings: u.warnings,
        });
        articles.push(Article {
            id: unique_id,
            title: ex.title,
            outlet,
            date: ex.date,
            author: ex.author,
            dateline: ex.dateline,
            lead: ex.lead,
            body: ex.body,
            provenance: Provenance {
                file: u.file,
                format: u.format.to_string(),
                record: u.record,
                url: u.hints.url.clone(),
                outlet_source,
            },
            duplicates: vec![],
        });
    }
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    articles.iter_mut().for_each(clean_fields);
    let used: std::collections::HashSet<&str> = articles.iter().filter_map(|a| a.outlet.as_deref()).collect();
    adhoc.sort_by_key(|o| o.name.to_lowercase());
    let outlets = registry
        .outlets
        .iter()
        .filter(|o| used.contains(o.key.as_str()))
        .map(|o| Outlet {
            key: o.key.clone(),
            name: o.name.clone(),
            short: o.short_label().to_string(),
            home: o.home.clone(),
        })
        .chain(adhoc.into_iter().filter(|o| used.contains(o.key.as_str())))
        .map(|o| Outlet { name: crate::text::clean_line(&o.name), short: crate::text::clean_line(&o.short), ..o })
        .collect();
    Corpus { schema_version: SCHEMA_VERSION, name: name.to_string(), outlets, articles, report }
}

/// Removes control and bidirectional-override characters from every field
/// an article shows ([`crate::text::clean_field`]): whatever the input
/// held, no title or name can reorder the text around it in the app or
/// carry a terminal escape into a report.
fn clean_fields(a: &mut Article) {
    use crate::text::{clean_field, clean_line};
    a.title = clean_line(&a.title);
    a.lead = clean_field(&a.lead);
    for field in [&mut a.author, &mut a.dateline].into_iter().flatten() {
        *field = clean_line(field);
    }
    for block in &mut a.body {
        match block {
            crate::model::Block::Paragraph(t) | crate::model::Block::Heading(t) => *t = clean_field(t),
        }
    }
}

/// A key for an outlet named by the input but absent from the registry.
fn adhoc_key(name: &str) -> String {
    let slug = crate::text::terms(name).join("-");
    format!("named-{slug}")
}

fn identify(u: &Unit, registry: &Registry) -> (Option<String>, String) {
    if let Some(name) = &u.hints.outlet {
        return match registry.resolve_name(name) {
            Some(o) => (Some(o.key.clone()), format!("given by the input: \"{name}\"")),
            None if !crate::text::terms(name).is_empty() => {
                (Some(adhoc_key(name)), format!("given by the input: \"{name}\" (not in the registry)"))
            }
            None => (None, format!("the input names \"{name}\", which is not an outlet name")),
        };
    }
    if let Some(url) = &u.hints.url {
        if let Some(o) = registry.resolve_url(url) {
            return (Some(o.key.clone()), format!("host of the URL {url}"));
        }
    }
    match registry.identify(&u.text) {
        Some(id) => (Some(id.key), id.evidence),
        None => match registry.identify_credit(&u.text) {
            registry::Credit::Known(id) => (Some(id.key), id.evidence),
            registry::Credit::Unknown(names) => (
                None,
                format!(
                    "credited to {}, not in the registry",
                    names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
                ),
            ),
            registry::Credit::None => (None, "no evidence in the text".into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_table() {
        assert_eq!(decode(b"").unwrap_err(), "empty file");
        assert_eq!(decode(b"  \n\n ").unwrap_err(), "empty file");
        assert!(decode(b"PK\x03\x04\x00\x00binary").unwrap_err().contains("binary"));
        let utf8 = decode("\u{feff}Привет".as_bytes()).expect("utf8");
        assert_eq!((utf8.text.as_str(), utf8.warning), ("Привет", None));
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Путин провёл переговоры в Москве");
        let d = decode(&cp1251).expect("1251");
        assert_eq!(d.text, "Путин провёл переговоры в Москве");
        assert!(d.warning.expect("warned").contains("windows-1251"));
        let d = decode(b"Caf\xe9 au lait \xe0 Paris").expect("latin1");
        assert_eq!(d.text, "Café au lait à Paris");
        assert!(d.warning.expect("warned").contains("windows-1252"));
    }

    #[test]
    fn ids_are_stable_and_safe() {
        assert_eq!(id_of("articles/000_Cb70.txt", None), "000_cb70");
        assert_eq!(id_of("dump.jsonl", Some(3)), "dump-3");
        assert_eq!(id_of("a b.txt", None), "a-b");
    }
}
