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
//!    url, author(s), text/content) become [`txt::Hints`] and its text goes
//!    through the same extractor as raw pages.
//! 3. **Outlet identification** ([`outlet`]): the publisher from evidence,
//!    strongest first (the input's outlet, the URL's domain, the site name
//!    printed in the title or copyright line, registry signatures and
//!    domains in the text), recorded with its kind; after extraction, the
//!    original source of a reprint from its credits. Unknown outlets are
//!    reported with a reason, never guessed.
//! 4. **Deduplication** ([`dedup`]): an article whose text is the same as a
//!    kept one's, or a copy of it without content of its own (a syndicated
//!    copy), is merged into it and recorded in its `duplicates` with its
//!    outlet, URL, title and similarity; a fuller copy arriving later takes
//!    the kept one's place. Every merge is reported with both file names.
//!
//! The [`Report`] has one line per input (file, or record of a multi-record
//! file) saying whether it was ingested, merged as a duplicate or rejected,
//! with every warning.

pub mod dedup;
pub mod outlet;
pub mod records;
pub mod registry;
pub mod txt;

use crate::model::{
    Article, Corpus, Disposition, EvidenceKind, InputReport, MergedCopy, Outlet, Provenance, Report, SCHEMA_VERSION,
};
use registry::Registry;
use std::collections::HashMap;
use txt::Hints;

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
            let (hints, rest) = txt::front_matter(&decoded.text);
            units.push(Unit {
                input: f.path.clone(),
                file: f.path.clone(),
                format,
                record: None,
                text: rest.to_string(),
                hints,
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
    // Per kept article: its exact-text key and its line in the report.
    let mut body_keys: Vec<String> = Vec::new();
    let mut report_at: Vec<usize> = Vec::new();
    let mut by_body: HashMap<String, usize> = HashMap::new();
    let mut near = dedup::NearDuplicates::default();
    let mut adhoc: Vec<Outlet> = Vec::new();
    let mut ids: std::collections::HashSet<String> = std::collections::HashSet::new();
    let total = units.len();
    for (done, mut u) in units.into_iter().enumerate() {
        progress(done, total);
        let publisher = identify(&mut u, registry, &mut adhoc);
        let entry = publisher.key.as_deref().and_then(|k| registry.get(k));
        let ex = match txt::extract(&u.text, &u.hints, entry, registry) {
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
        let (reprint, outlet_source) = syndication(&u, &ex, &publisher, registry);
        if publisher.key.is_none() {
            u.warnings.push(format!("unknown outlet: {outlet_source}"));
        }
        let id = id_of(&u.file, u.record);
        let article = Article {
            id: if ids.contains(&id) { format!("{id}-{}", articles.len()) } else { id },
            title: ex.title,
            outlet: publisher.key,
            original_source: reprint.as_ref().map(|r| r.key.clone()),
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
                outlet_evidence: publisher.kind,
                source_evidence: reprint.map(|r| r.evidence),
            },
            duplicates: vec![],
        };

        // Deduplication (see `dedup`): the same text, or a copy with
        // nothing of its own, is merged; nothing is lost.
        let lines: Vec<String> = article.texts().map(txt::line_key).collect();
        let body_key = lines.join(" ");
        let sh = dedup::Prepared::new(dedup::Shingles::of(lines.iter().map(String::as_str)));
        let outlet_name = |key: &Option<String>| {
            key.as_deref().and_then(|k| {
                registry
                    .get(k)
                    .map(|o| o.name.clone())
                    .or_else(|| adhoc.iter().find(|o| o.key == k).map(|o| o.name.clone()))
            })
        };
        let copy_of = |a: &Article, input: &str, similarity: u8| MergedCopy {
            input: input.to_string(),
            outlet: outlet_name(&a.outlet),
            url: a.provenance.url.clone(),
            title: a.title.clone(),
            similarity,
        };
        let verdict = match by_body.get(&body_key).filter(|_| !body_key.is_empty()) {
            Some(&k) => dedup::Verdict::MergeNew { kept: k, new: dedup::Side::same() },
            None => near.find(&sh),
        };
        match verdict {
            dedup::Verdict::MergeNew { kept: k, new } => {
                let copy = copy_of(&article, &u.input, new.percent());
                let kept_input = &report.inputs[report_at[k]].input;
                let kept = &mut articles[k];
                kept.duplicates.push(copy);
                let how = if body_keys[k] == body_key {
                    "same text (100%) as".to_string()
                } else {
                    format!("copy ({}% of its text is in it, nothing of its own) of", new.percent())
                };
                u.warnings.push(format!("{how} {} ({kept_input}): merged", kept.id));
                report.inputs.push(InputReport {
                    input: u.input,
                    disposition: Disposition::Duplicate { of: kept.id.clone() },
                    warnings: u.warnings,
                });
                continue;
            }
            dedup::Verdict::ReplaceKept { kept: k, old: side } => {
                // The new copy is the fuller one: it takes the kept one's
                // place and the old one is merged into it.
                let old_input = report.inputs[report_at[k]].input.clone();
                let mut article = article;
                article.duplicates = std::mem::take(&mut articles[k].duplicates);
                article.duplicates.insert(0, copy_of(&articles[k], &old_input, side.percent()));
                let old = std::mem::replace(&mut articles[k], article);
                let new = &articles[k];
                let old_line = &mut report.inputs[report_at[k]];
                old_line.disposition = Disposition::Duplicate { of: new.id.clone() };
                old_line.warnings.push(format!(
                    "copy ({}% of its text is in it, nothing of its own) of {} ({}), which came later and is fuller: merged",
                    side.percent(),
                    new.id,
                    u.input
                ));
                u.warnings.push(format!(
                    "fuller copy of {} ({old_input}), which is merged into it ({}% of its text is in this one)",
                    old.id,
                    side.percent()
                ));
                by_body.remove(&body_keys[k]);
                by_body.insert(body_key.clone(), k);
                body_keys[k] = body_key;
                near.replace(k, sh);
                ids.insert(new.id.clone());
                report_at[k] = report.inputs.len();
                report.inputs.push(InputReport {
                    input: u.input,
                    disposition: Disposition::Ingested { id: new.id.clone() },
                    warnings: u.warnings,
                });
                continue;
            }
            dedup::Verdict::Distinct { kept: k, new, old } => {
                u.warnings.push(format!(
                    "shares much of its text with {} ({}) ({}% of this text is in it, {}% of it in this one), but each has passages of its own: both kept",
                    articles[k].id,
                    report.inputs[report_at[k]].input,
                    new.percent(),
                    old.percent()
                ));
            }
            dedup::Verdict::New => {}
        }
        ids.insert(article.id.clone());
        by_body.entry(body_key.clone()).or_insert(articles.len());
        body_keys.push(body_key);
        near.add(sh);
        report_at.push(report.inputs.len());
        report.inputs.push(InputReport {
            input: u.input.clone(),
            disposition: Disposition::Ingested { id: article.id.clone() },
            warnings: u.warnings,
        });
        articles.push(article);
    }
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    let published: std::collections::HashSet<&str> = articles.iter().filter_map(|a| a.outlet.as_deref()).collect();
    let sources: std::collections::HashSet<&str> =
        articles.iter().filter_map(|a| a.original_source.as_deref()).filter(|k| !published.contains(k)).collect();
    adhoc.sort_by_key(|o| o.name.to_lowercase());
    let entry_outlet = |o: &registry::OutletEntry| Outlet {
        key: o.key.clone(),
        name: o.name.clone(),
        short: o.short_label().to_string(),
        home: o.home.clone(),
    };
    let outlets = registry
        .outlets
        .iter()
        .filter(|o| published.contains(o.key.as_str()))
        .map(entry_outlet)
        .chain(adhoc.into_iter().filter(|o| published.contains(o.key.as_str())))
        .chain(registry.outlets.iter().filter(|o| sources.contains(o.key.as_str())).map(entry_outlet))
        .collect();
    Corpus { schema_version: SCHEMA_VERSION, name: name.to_string(), outlets, articles, report }
}

/// The publisher of a unit (see [`outlet::publisher`]); an outlet the
/// registry does not know is added to `adhoc` and reported.
fn identify(u: &mut Unit, registry: &Registry, adhoc: &mut Vec<Outlet>) -> outlet::Publisher {
    let p = outlet::publisher(&u.text, &u.hints, registry);
    u.warnings.extend(p.warnings.iter().cloned());
    if let (Some(key), Some(name)) = (&p.key, &p.name) {
        if !adhoc.iter().any(|o| &o.key == key) {
            adhoc.push(Outlet { key: key.clone(), name: name.clone(), short: name.clone(), home: None });
        }
        let how = match p.kind {
            EvidenceKind::Input => "kept as the input names it",
            EvidenceKind::Url => "named after the URL's domain",
            _ => "named as the page names itself",
        };
        u.warnings.push(format!("outlet \"{name}\" is not in the registry: {how}"));
    }
    p
}

/// The original source of a reprint and the outlet provenance line; an
/// unknown outlet is reported with what the text credits.
fn syndication(
    u: &Unit,
    ex: &txt::Extracted,
    publisher: &outlet::Publisher,
    registry: &Registry,
) -> (Option<outlet::Reprint>, String) {
    let credits = outlet::Credits::read(&u.text, ex, &u.hints);
    let reprint = outlet::original_source(&credits, publisher.key.as_deref(), registry);
    let mut detail = publisher.detail.clone();
    if publisher.key.is_none() {
        let credited = match &reprint {
            Some(r) => registry.get(&r.key).map(|o| vec![o.name.clone()]).unwrap_or_default(),
            None => outlet::unknown_credits(&credits, registry),
        };
        if !credited.is_empty() {
            let names: Vec<String> = credited.iter().map(|n| format!("\"{n}\"")).collect();
            detail = format!(
                "{detail}; the text credits {} as its source, the publishing site is not named",
                names.join(", ")
            );
        }
    }
    (reprint, detail)
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
