//! The shared hand-written fixture corpus for search tests, and the loader
//! of the five seed articles.
//!
//! Eight short articles from three outlets plus one of unknown outlet,
//! spread over 2021-2023 with one undated article. Each line of `ARTICLES`
//! is (id, outlet, date, author, title, text).

#![allow(dead_code)]

pub mod extract;

use dateline_core::model::{
    Article, Block, Corpus, Date, DateInfo, DatePrecision, Outlet, Provenance, Report, SCHEMA_VERSION,
};

type Row =
    (&'static str, Option<&'static str>, Option<(i32, u8, u8)>, Option<&'static str>, &'static str, &'static str);

pub const ARTICLES: &[Row] = &[
    (
        "a1",
        Some("alpha"),
        Some((2021, 1, 11)),
        Some("Jane Roe"),
        "Leaders meet in Moscow for Karabakh talks",
        "Putin hosted Aliyev and Pashinyan. The talks lasted four hours. A peace treaty was not signed.",
    ),
    (
        "a2",
        Some("alpha"),
        Some((2021, 1, 12)),
        None,
        "Ceasefire holds in Nagorno-Karabakh",
        "Russian peacekeepers report calm. Refugees returned to Karabakh.",
    ),
    (
        "b1",
        Some("beta"),
        Some((2021, 1, 11)),
        Some("John Doe"),
        "Trilateral statement signed",
        "The leaders signed a statement on transport links. Talking continued behind closed doors.",
    ),
    (
        "b2",
        Some("beta"),
        Some((2023, 10, 5)),
        None,
        "Putin says Aliyev promised safety",
        "At the Valdai club Putin said Aliyev promised the safety of Armenians in Karabakh.",
    ),
    (
        "c1",
        Some("gamma"),
        Some((2024, 8, 28)),
        None,
        "Peace treaty preparations",
        "Putin and Aliyev discussed a peace treaty between Armenia and Azerbaijan by phone.",
    ),
    (
        "c2",
        Some("gamma"),
        None,
        Some("Elena Teslova"),
        "Compare notes in Moscow",
        "Pashinyan met Putin in Moscow. Négociations continue, the Élysée said.",
    ),
    (
        "u1",
        None,
        Some((2022, 6, 1)),
        None,
        "An unattributed wire",
        "NATO officials commented on the Karabakh negotiations and the treaty.",
    ),
    (
        "c3",
        Some("gamma"),
        Some((2024, 8, 29)),
        None,
        "Karabakh conflict anniversary",
        "A year after the offensive, displaced Armenians recall the exodus from Karabakh.",
    ),
];

/// Builds the fixture corpus.
pub fn fixture() -> Corpus {
    corpus_of(ARTICLES.iter().map(|&(id, outlet, date, author, title, text)| {
        (
            id.to_string(),
            outlet.map(str::to_string),
            date,
            author.map(str::to_string),
            title.to_string(),
            text.to_string(),
        )
    }))
}

/// Builds a corpus from owned rows (used by property tests too).
pub fn corpus_of(
    rows: impl IntoIterator<Item = (String, Option<String>, Option<(i32, u8, u8)>, Option<String>, String, String)>,
) -> Corpus {
    let outlets = ["alpha", "beta", "gamma"]
        .iter()
        .map(|k| Outlet { key: k.to_string(), name: format!("The {k} Times"), short: k.to_string(), home: None })
        .collect();
    let articles = rows
        .into_iter()
        .map(|(id, outlet, date, author, title, text)| {
            let mut paras = text.split(". ").map(str::to_string);
            let lead = paras.next().unwrap_or_default();
            Article {
                id: id.clone(),
                title,
                outlet,
                date: match date.and_then(|(y, m, d)| Date::new(y, m, d)) {
                    Some(d) => {
                        DateInfo { date: Some(d), time: None, precision: DatePrecision::Day, source: "fixture".into() }
                    }
                    None => DateInfo::unknown("fixture"),
                },
                author,
                dateline: None,
                lead,
                body: paras.map(Block::Paragraph).collect(),
                provenance: Provenance {
                    file: format!("{id}.txt"),
                    format: "txt".into(),
                    record: None,
                    url: None,
                    outlet_source: "fixture".into(),
                    outlet_evidence: dateline_core::model::EvidenceKind::None,
                    source_evidence: None,
                    page: None,
                },
                original_source: None,
                duplicates: vec![],
                language: None,
                credits: vec![],
                suggested_date: None,
            }
        })
        .collect();
    Corpus { schema_version: SCHEMA_VERSION, name: "fixture".into(), outlets, articles, report: Report::default() }
}

/// The five seed articles of the default corpus (`corpus/articles`),
/// ingested with the default registry, in file-name order.
pub fn seeds() -> Corpus {
    use dateline_core::ingest::{ingest, registry::Registry};
    // The registry the app build uses for the default corpus.
    let reg = Registry::builtin().expect("registry parses");
    ingest(&seed_files(), &reg, "seeds")
}

/// The files of the five seed articles, in file-name order.
pub fn seed_files() -> Vec<dateline_core::ingest::InputFile> {
    use dateline_core::ingest::InputFile;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/articles");
    let mut files: Vec<InputFile> = std::fs::read_dir(dir)
        .expect("corpus/articles exists")
        .map(|e| {
            let p = e.expect("entry").path();
            InputFile {
                path: p.file_name().expect("name").to_string_lossy().into_owned(),
                bytes: std::fs::read(&p).expect("readable"),
            }
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Articles added to [`ARTICLES`] for the judged relevance queries
/// (`tests/relevance.rs`): words whose stem siblings, completions and
/// typo neighbours compete with them.
pub const RELEVANCE_EXTRA: &[Row] = &[
    (
        "r1",
        Some("alpha"),
        Some((2022, 3, 1)),
        None,
        "Political crisis deepens in Yerevan",
        "The political opposition marched again. Parties demand new elections.",
    ),
    (
        "r2",
        Some("beta"),
        Some((2022, 3, 2)),
        None,
        "Politeness at the summit",
        "Diplomats praised the politeness of their hosts. Politeness, politeness and more politeness.",
    ),
    (
        "r3",
        Some("gamma"),
        Some((2022, 3, 3)),
        None,
        "Politics of the Caucasus",
        "Regional politics shape the talks. Politics in Baku and politics in Yerevan differ.",
    ),
    (
        "r4",
        Some("alpha"),
        Some((2022, 4, 1)),
        None,
        "A longform look at the exodus",
        "This longform report follows families. Longform journalism takes time.",
    ),
    (
        "r5",
        Some("beta"),
        Some((2022, 4, 2)),
        None,
        "Families wait at the border",
        "The queue was long and many families waited through the night before crossing into Armenia with what they could carry.",
    ),
    (
        "r6",
        None,
        Some((2022, 5, 1)),
        None,
        "Police detain protesters",
        "Police in Yerevan detained dozens at a political rally. The police said the protest was unauthorised.",
    ),
];

/// [`ARTICLES`] and [`RELEVANCE_EXTRA`].
pub fn relevance_fixture() -> Corpus {
    corpus_of(ARTICLES.iter().chain(RELEVANCE_EXTRA).map(|&(id, outlet, date, author, title, text)| {
        (
            id.to_string(),
            outlet.map(str::to_string),
            date,
            author.map(str::to_string),
            title.to_string(),
            text.to_string(),
        )
    }))
}
