//! HTML inputs end to end, on hand-written fixtures
//! (`tests/fixtures/html/`) and pages built in the tests: metadata with
//! its sources, the precedence of printed values over metadata, the
//! visible and main text, charsets, and hostile pages (broken markup,
//! a wrong charset declaration, huge attributes, scripts).

use dateline_core::ingest::registry::Registry;
use dateline_core::ingest::{ingest, InputFile};
use dateline_core::model::{Article, Corpus, Date, Disposition, PageSources};
use std::io::Write;

fn registry() -> Registry {
    Registry::from_toml(include_str!("../../corpus/outlets.toml")).expect("registry parses")
}

fn run(path: &str, bytes: &[u8]) -> Corpus {
    ingest(&[InputFile { path: path.into(), bytes: bytes.to_vec() }], &registry(), "t")
}

fn one(path: &str, bytes: &[u8]) -> Article {
    let c = run(path, bytes);
    assert_eq!(c.articles.len(), 1, "{:#?}", c.report);
    c.articles.into_iter().next().expect("one article")
}

fn warnings(c: &Corpus) -> Vec<String> {
    c.report.inputs.iter().flat_map(|i| i.warnings.clone()).collect()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/html/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

fn page(a: &Article) -> &PageSources {
    a.provenance.page.as_ref().expect("an HTML article names its sources")
}

/// Every text of an article, for "this never got in" checks.
fn all_text(a: &Article) -> String {
    let mut s = format!("{}\n{}\n", a.title, a.lead);
    for b in &a.body {
        s.push_str(b.text());
        s.push('\n');
    }
    s
}

fn day(y: i32, m: u8, d: u8) -> Option<Date> {
    Date::new(y, m, d)
}

/// Three paragraphs of article prose, enough for the main text.
const PROSE: &str = "<p>The regional council met on Tuesday evening to discuss the budget for the coming year, \
    and members argued for several hours about the cost of repairing the old harbour wall.</p>\
    <p>Officials said the repairs could not wait another winter, because storms last year had already \
    damaged parts of the wall and flooded two streets near the fish market.</p>\
    <p>The council will vote on the final budget next month, after a public consultation that opens \
    on Monday and runs for three weeks, the chairman told reporters.</p>";

/// A page with the given head and the given header lines above [`PROSE`].
fn page_with(head: &str, header: &str) -> Vec<u8> {
    format!("<!doctype html><html><head>{head}</head><body><article>{header}{PROSE}</article></body></html>")
        .into_bytes()
}

#[test]
fn news_page_fields_and_their_sources() {
    let a = one("news.html", &fixture("news.html"));
    assert_eq!(a.title, "Lake council approves new ferry timetable");
    assert_eq!(a.date.date, day(2023, 10, 5));
    assert!(a.date.source.contains("json-ld datePublished agrees"), "{}", a.date.source);
    assert_eq!(a.author.as_deref(), Some("Maria Example, Jon Sample"));
    assert_eq!(a.outlet.as_deref(), Some("rt"));
    assert_eq!(a.provenance.url.as_deref(), Some("https://www.rt.com/news/123456-ferry-timetable/"));
    assert!(a.provenance.outlet_source.contains("canonical URL"), "{}", a.provenance.outlet_source);
    let p = page(&a);
    assert_eq!(p.title, "<h1>");
    assert_eq!(p.author.as_deref(), Some("visible text (byline)"));
    assert_eq!(p.language.as_deref(), Some("en-GB (<html lang>)"));
    assert_eq!(p.canonical_url.as_deref(), Some("https://www.rt.com/news/123456-ferry-timetable/"));
    assert_eq!(p.syndicated.as_deref(), Some("https://example.org/agency/ferry-story (json-ld isBasedOn)"));
    assert_eq!(p.encoding, "UTF-8");
    // The SEO title variant is kept, not taken.
    assert!(
        p.alternatives.iter().any(|x| x.field == "title" && x.source == "og:title" && x.value.starts_with("Ferry")),
        "{:?}",
        p.alternatives
    );
    // The article's four paragraphs and its subheading; no furniture.
    assert!(a.lead.starts_with("The lake council voted on Thursday"), "{}", a.lead);
    let text = all_text(&a);
    for p in ["Commuters had complained", "The first crossing", "Fares will not change"] {
        assert!(text.contains(p), "{p} missing from {text}");
    }
    for junk in ["Share on Facebook", "Bridge repairs", "Great news for us", "all rights reserved", "not text", "Home"]
    {
        assert!(!text.contains(junk), "{junk} kept in {text}");
    }
}

#[test]
fn broken_markup_is_repaired_as_browsers_do() {
    let a = one("broken.html", &fixture("broken.html"));
    assert_eq!(a.title, "Broken markup survives");
    let text = all_text(&a);
    assert!(a.lead.starts_with("This paragraph is never closed"), "{}", a.lead);
    for p in ["with misnested inline tags and an odd link", "Inside a table.", "The third paragraph ends"] {
        assert!(text.contains(p), "{p} missing from {text}");
    }
    assert!(!text.contains("javascript"), "{text}");
    assert!(!text.contains("unterminated"), "{text}");
}

#[test]
fn wrong_charset_declaration_is_overruled_by_valid_utf8_with_a_warning() {
    let c = run("wrong_charset.html", &fixture("wrong_charset.html"));
    let a = &c.articles[0];
    assert_eq!(a.title, "Café prices rise in the old town");
    assert!(a.lead.contains("owners’ association"), "{}", a.lead);
    let w = warnings(&c);
    assert!(w.iter().any(|w| w.contains("declares windows-1252") && w.contains("decoded as UTF-8")), "{w:?}");
}

#[test]
fn charsets_from_meta_http_equiv_and_byte_order_mark() {
    // windows-1252 bytes declared by <meta charset>.
    let html = "<html><head><meta charset=\"windows-1252\"><title>Caf\u{e9} owners protest</title></head><body>\
                <h1>Caf\u{e9} owners protest</h1>"
        .to_string()
        + PROSE
        + "<p>Na\u{ef}ve r\u{e9}sum\u{e9} \u{2013} \u{201c}quoted\u{201d}.</p></body></html>";
    let bytes = encoding_rs::WINDOWS_1252.encode(&html).0.into_owned();
    let c = run("cp1252.html", &bytes);
    let a = &c.articles[0];
    assert_eq!(a.title, "Café owners protest");
    assert!(all_text(a).contains("Naïve résumé – “quoted”."), "{}", all_text(a));
    assert!(page(a).encoding.starts_with("windows-1252"), "{}", page(a).encoding);

    // windows-1251 declared by http-equiv.
    let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\
                <title>Совет утвердил бюджет</title></head><body><h1>Совет утвердил бюджет</h1>"
        .to_string()
        + PROSE
        + "</body></html>";
    let bytes = encoding_rs::WINDOWS_1251.encode(&html).0.into_owned();
    let a = one("cp1251.html", &bytes);
    assert_eq!(a.title, "Совет утвердил бюджет");
    assert!(page(&a).encoding.starts_with("windows-1251"), "{}", page(&a).encoding);

    // UTF-16LE with a byte order mark, and a <meta charset> that lies.
    let html =
        "<html><head><meta charset=\"iso-8859-1\"><title>Паром ходит чаще</title></head><body><h1>Паром ходит чаще</h1>"
            .to_string()
            + PROSE + "</body></html>";
    let mut bytes = vec![0xFF, 0xFE];
    for u in html.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let c = run("utf16.html", &bytes);
    assert_eq!(c.articles.len(), 1, "{:#?}", c.report);
    assert_eq!(c.articles[0].title, "Паром ходит чаще");
    assert!(warnings(&c).iter().any(|w| w.contains("byte order mark")), "{:?}", warnings(&c));
}

#[test]
fn gzipped_pages_are_read() {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(&fixture("news.html")).expect("gzip");
    let gz = e.finish().expect("gzip");
    let a = one("saved/news.html.gz", &gz);
    assert_eq!(a.title, "Lake council approves new ferry timetable");
    // Not a gzip stream: rejected with the reason.
    let c = run("bad.html.gz", b"<html>not gzip</html>");
    match &c.report.inputs[0].disposition {
        Disposition::Rejected { reason } => assert!(reason.contains("gzip"), "{reason}"),
        d => panic!("{d:?}"),
    }
}

#[test]
fn scripts_styles_templates_and_hidden_text_are_not_text() {
    let html = page_with(
        "<title>Harbour wall repairs approved</title><style>p { color: red } /* Harbour secret style */</style>\
         <script>var s = '</p><p>script paragraph that must not show</p>'; document.title = 'x';</script>",
        "<h1>Harbour wall repairs approved</h1>\
         <noscript><p>Please enable JavaScript to read this article properly today.</p></noscript>\
         <template><p>Template paragraph that is never rendered by a browser at all.</p></template>\
         <div hidden><p>Hidden paragraph that the reader never sees on the page.</p></div>\
         <div style=\"display:none\"><p>Invisible paragraph styled away from the reader.</p></div>\
         <p onclick=\"alert('handler text')\">Short line with a handler.</p>\
         <svg><text>svg label text</text></svg>",
    );
    let a = one("scripts.html", &html);
    assert_eq!(a.title, "Harbour wall repairs approved");
    let text = all_text(&a);
    assert!(text.contains("The regional council met on Tuesday"), "{text}");
    for junk in [
        "script paragraph",
        "secret style",
        "enable JavaScript",
        "Template paragraph",
        "Hidden paragraph",
        "Invisible paragraph",
        "handler text",
        "alert(",
    ] {
        assert!(!text.contains(junk), "{junk} kept in {text}");
    }
}

/// An accordion's or a tab's panel is hidden until the reader opens it,
/// but it is the article's text (WCXB: a guide's steps in collapsed
/// panels lost 80% of its body); an element hidden from assistive
/// technology too stays out.
#[test]
fn collapsed_accordion_panels_are_text() {
    let html = article_then(
        "<h2>How the work is done</h2>\
         <a role=\"button\" id=\"s1\" aria-controls=\"p1\">Step one</a>\
         <div id=\"p1\" style=\"display:none;\" role=\"region\" aria-labelledby=\"s1\">\
         <p>The engineers will first survey the old wall stone by stone before any work starts, the council said.</p></div>\
         <div role=\"tabpanel\" hidden><p>The second phase pours a new concrete core behind the stones over the summer.</p></div>\
         <div aria-labelledby=\"s1\" aria-hidden=\"true\"><p>Panel hidden from assistive technology as well, never shown.</p></div>\
         <div style=\"display:none\"><p>Invisible paragraph styled away from the reader on every screen.</p></div>\
         <div aria-labelledby=\"n1\" aria-modal=\"true\" style=\"display:none\"><p>The harbour office keeps a record of every ship that docks in the town.</p></div>",
    );
    let text = all_text(&one("accordion.html", &html));
    assert!(!text.contains("keeps a record of every ship"), "{text}");
    assert!(text.contains("survey the old wall stone by stone"), "{text}");
    assert!(text.contains("pours a new concrete core"), "{text}");
    assert!(!text.contains("assistive technology as well"), "{text}");
    assert!(!text.contains("Invisible paragraph"), "{text}");
}

/// A page that renders its article twice (one copy for small screens,
/// hidden by a style sheet) gives it once; a listing's items that repeat
/// a short run of their own (a credit line, a button) keep every copy.
#[test]
fn an_article_rendered_twice_is_read_once() {
    let section = "<p>The engineers will first survey the old wall stone by stone before any work starts.</p>\
        <p>The second phase pours a new concrete core behind the stones over the summer months.</p>\
        <p>Traffic on the harbour road will be limited to one lane while the cranes are in place.</p>\
        <p>The fish market stays open throughout, with a temporary entrance from the car park.</p>";
    let html = article_then(&format!("<div class=\"desktop\">{section}</div><div class=\"mobile\">{section}</div>"));
    let text = all_text(&one("twice.html", &html));
    assert_eq!(text.matches("survey the old wall stone by stone").count(), 1, "{text}");
    assert_eq!(text.matches("temporary entrance from the car park").count(), 1, "{text}");
    let item = |name: &str, what: &str| {
        format!(
            "<h3>{name}</h3><p>{what}</p><p>This camera image is provided courtesy of the harbour trust for everyone.</p>\
             <p>You can support the cameras with a gift to the trust.</p>"
        )
    };
    let listing = [
        item("North pier", "The camera on the north pier shows the ferry landing and the lighthouse."),
        item("Fish market", "The camera above the fish market shows the quay and the old warehouses."),
    ]
    .concat();
    let text = all_text(&one("listing.html", &article_then(&listing)));
    assert_eq!(text.matches("provided courtesy of the harbour trust").count(), 2, "{text}");
}

#[test]
fn huge_attributes_and_deep_nesting_do_not_stop_the_page() {
    let big = "x".repeat(1 << 20);
    let mut header = format!("<h1 data-blob=\"{big}\" class=\"{big}\">Harbour wall repairs approved</h1>");
    header.push_str(&"<div>".repeat(5000));
    header.push_str("<p>Deep paragraph with some words in it, nested far down in the tree of the page.</p>");
    header.push_str(&"</div>".repeat(5000));
    let html = page_with(
        &format!("<meta name=\"description\" content=\"{big}\"><title>Harbour wall repairs approved</title>"),
        &header,
    );
    let a = one("huge.html", &html);
    assert_eq!(a.title, "Harbour wall repairs approved");
    assert!(all_text(&a).contains("The regional council met on Tuesday"));
    assert!(!all_text(&a).contains("xxxxxxxx"));
    let c = run("huge.html", &html);
    assert!(warnings(&c).iter().any(|w| w.contains("nested") && w.contains("more than 512")), "{:?}", warnings(&c));
    assert!(all_text(&c.articles[0]).contains("Deep paragraph with some words"));
}

/// Regression: a tag with 100,000 attributes kept `html5ever` busy for 19 s
/// (it checks each new attribute against the others); its first 128 are
/// read, with a warning naming the input, the tag and where it is.
#[test]
fn a_tag_with_100000_attributes_is_thinned_with_a_warning() {
    let attrs: String = (0..100_000).map(|n| format!(" data-a{n}=\"{n}\"")).collect();
    let html = page_with(
        "<title>Harbour wall repairs approved</title>",
        &format!("<h1{attrs}>Harbour wall repairs approved</h1>"),
    );
    let c = run("crowded.html", &html);
    assert_eq!(c.articles.len(), 1, "{:#?}", c.report);
    assert_eq!(c.articles[0].title, "Harbour wall repairs approved");
    assert!(all_text(&c.articles[0]).contains("The regional council met on Tuesday"));
    let input = c.report.inputs.iter().find(|i| i.input == "crowded.html").expect("reported");
    assert!(
        input
            .warnings
            .iter()
            .any(|w| w.contains("<h1> tag at byte") && w.contains("100000 attributes") && w.contains("first 128")),
        "{:?}",
        input.warnings
    );
}

/// Regression: 200,000 tiny paragraphs kept `dom_smoothie` busy for 4.5 s;
/// past 50,000 elements the main text comes from the visible text, with a
/// warning.
#[test]
fn a_page_of_too_many_elements_gets_its_main_text_from_the_visible_text() {
    let mut header = String::from("<h1>Harbour wall repairs approved</h1>");
    header.push_str(&"<p>x</p>".repeat(60_000));
    let c = run("many.html", &page_with("<title>Harbour wall repairs approved</title>", &header));
    assert_eq!(c.articles.len(), 1, "{:#?}", c.report);
    assert!(all_text(&c.articles[0]).contains("The regional council met on Tuesday"));
    assert!(
        warnings(&c).iter().any(|w| w.contains("elements (more than 50000)") && w.contains("visible text")),
        "{:?}",
        warnings(&c)
    );
}

#[test]
fn pages_that_are_not_articles_are_rejected_with_the_reason() {
    let c = ingest(
        &[
            InputFile { path: "empty.html".into(), bytes: Vec::new() },
            InputFile { path: "blank.html".into(), bytes: b"  \n\t ".to_vec() },
            InputFile { path: "binary.html".into(), bytes: vec![0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2, 3] },
            InputFile {
                path: "nav.html".into(),
                bytes: b"<html><body><nav><a href=/>Home</a></nav></body></html>".to_vec(),
            },
            InputFile { path: "good.html".into(), bytes: fixture("news.html") },
        ],
        &registry(),
        "t",
    );
    assert_eq!(c.report.inputs.len(), 5, "one entry per input");
    for i in &c.report.inputs {
        match (&i.disposition, i.input.as_str()) {
            (Disposition::Ingested { .. }, "good.html") => {}
            (Disposition::Rejected { reason }, name) if name != "good.html" => {
                assert!(!reason.is_empty(), "{name}")
            }
            (d, name) => panic!("{name}: {d:?}"),
        }
    }
    assert_eq!(c.articles.len(), 1);
}

// --- Metadata precedence (reconcile.rs), as table tests ---------------------

/// A table row: the page's head, its printed header, and what the
/// article gets: date, the date's source (a part of it), and an
/// alternative date value kept (if any).
struct DateCase<'a> {
    name: &'static str,
    head: &'a str,
    header: &'static str,
    date: Option<Date>,
    source: &'static str,
    alternative: Option<&'static str>,
}

#[test]
fn publication_date_precedence() {
    let ld = |date: &str| {
        format!(
            r#"<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Harbour wall repairs approved","datePublished":"{date}"}}</script>"#
        )
    };
    let ld_mod = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour wall repairs approved","datePublished":"2021-03-02T08:00:00Z","dateModified":"2021-03-20T08:00:00Z"}</script>"#;
    let ld_a = ld("2021-03-02T08:00:00Z");
    let ld_far = ld("2019-01-15T08:00:00Z");
    let ld_next = ld("2021-03-03T01:30:00Z");
    let ld_swap = ld("2021-02-04T08:00:00Z");
    let h1 = "<h1>Harbour wall repairs approved</h1>";
    let cases = [
        DateCase {
            name: "metadata only: json-ld datePublished",
            head: &ld_a,
            header: h1,
            date: day(2021, 3, 2),
            source: "json-ld datePublished",
            alternative: None,
        },
        DateCase {
            name: "metadata only: article:published_time",
            head: r#"<meta property="article:published_time" content="2020-07-09T10:00:00+02:00">"#,
            header: h1,
            date: day(2020, 7, 9),
            source: "article:published_time",
            alternative: None,
        },
        DateCase {
            name: "metadata only: <time datetime>",
            head: "",
            header: r#"<h1>Harbour wall repairs approved</h1><p>Filed <time datetime="2018-11-23">Friday</time> by the desk.</p>"#,
            date: day(2018, 11, 23),
            source: "<time>",
            alternative: None,
        },
        DateCase {
            name: "printed and metadata agree",
            head: &ld_a,
            header: "<h1>Harbour wall repairs approved</h1><p>2 March 2021</p>",
            date: day(2021, 3, 2),
            source: "json-ld datePublished agrees",
            alternative: None,
        },
        DateCase {
            name: "a UTC timestamp on the next day still agrees; the printed day is kept",
            head: &ld_next,
            header: "<h1>Harbour wall repairs approved</h1><p>2 March 2021</p>",
            date: day(2021, 3, 2),
            source: "agrees",
            alternative: Some("2021-03-03"),
        },
        DateCase {
            name: "metadata far from the printed date: the printed date wins",
            head: &ld_far,
            header: "<h1>Harbour wall repairs approved</h1><p>2 March 2021</p>",
            date: day(2021, 3, 2),
            source: "json-ld datePublished differs",
            alternative: Some("2019-01-15"),
        },
        DateCase {
            name: "a later printed date with a modification date is an update line",
            head: ld_mod,
            header: "<h1>Harbour wall repairs approved</h1><p>20 March 2021</p>",
            date: day(2021, 3, 2),
            source: "json-ld datePublished (the printed date is the update date",
            alternative: Some("2021-03-20"),
        },
        DateCase {
            name: "numeric printed date read the metadata's way round",
            head: &ld_swap,
            header: "<h1>Harbour wall repairs approved</h1><p>04/02/2021</p>",
            date: day(2021, 2, 4),
            source: "day and month read as json-ld datePublished says",
            alternative: None,
        },
        DateCase {
            name: "numeric printed date read the way of the date in the page's URL, its month a word",
            head: r#"<meta property="og:url" content="https://example.org/blog/2021/february/04/harbour-wall">"#,
            header: "<h1>Harbour wall repairs approved</h1><p>04/02/2021</p>",
            date: day(2021, 2, 4),
            source: "day and month read as the og:url",
            alternative: None,
        },
    ];
    for c in cases {
        let a = one("d.html", &page_with(&format!("<title>Harbour wall repairs approved</title>{}", c.head), c.header));
        assert_eq!(a.date.date, c.date, "{}: {}", c.name, a.date.source);
        assert!(a.date.source.contains(c.source), "{}: source {:?}", c.name, a.date.source);
        let alts: Vec<&str> =
            page(&a).alternatives.iter().filter(|x| x.field == "date").map(|x| x.value.as_str()).collect();
        match c.alternative {
            Some(want) => assert!(alts.iter().any(|v| v.starts_with(want)), "{}: {alts:?}", c.name),
            None => assert!(alts.is_empty(), "{}: {alts:?}", c.name),
        }
    }
}

/// Issue 15, wrong dates: a date printed only in the page title is what
/// the story is about; a stated publication date on another day wins.
#[test]
fn a_date_in_the_page_title_loses_to_a_stated_publication_date() {
    let head = r#"<title>Minutes of the board meeting of 10 October 2019 – Coast Club</title><meta property="article:published_time" content="2019-12-26T23:07:45+00:00">"#;
    let a = one("d.html", &page_with(head, "<h2>Minutes of the board meeting</h2>"));
    assert_eq!(a.date.date, day(2019, 12, 26), "{}", a.date.source);
    assert!(a.date.source.contains("in the page title"), "{}", a.date.source);
    assert!(page(&a).alternatives.iter().any(|x| x.field == "date" && x.value.starts_with("2019-10-10")));
}

/// Issue 15, wrong dates: a `<time>` (or `<meta name=date>`) on the day
/// the page gives as its modification date, on a page that prints no date
/// and states no publication date, dates the page's last change: no date
/// rather than a wrong one. A `<time>` on another day still dates it.
#[test]
fn a_generic_date_that_is_the_modification_date_is_no_publication_date() {
    let h1 = "<h1>Harbour wall repairs approved</h1>";
    let modified = r#"<meta property="article:modified_time" content="2026-01-12T09:00:00Z">"#;
    let a = one(
        "d.html",
        &page_with(modified, r#"<h1>Harbour wall repairs approved</h1><time datetime="2026-01-12"></time>"#),
    );
    assert_eq!(a.date.date, None, "{}", a.date.source);
    assert!(a.date.source.contains("modification date"), "{}", a.date.source);
    let a = one("d.html", &page_with(&format!(r#"{modified}<meta name="date" content="2026-01-12">"#), h1));
    assert_eq!(a.date.date, None, "{}", a.date.source);
    // Another day than the modification date: the <time> dates the page.
    let a = one(
        "d.html",
        &page_with(modified, r#"<h1>Harbour wall repairs approved</h1><time datetime="2025-11-03"></time>"#),
    );
    assert_eq!(a.date.date, day(2025, 11, 3), "{}", a.date.source);
    // A stated publication date on that day stands.
    let a = one(
        "d.html",
        &page_with(
            &format!(r#"{modified}<meta property="article:published_time" content="2026-01-12T08:00:00Z">"#),
            h1,
        ),
    );
    assert_eq!(a.date.date, day(2026, 1, 12), "{}", a.date.source);
}

/// A metadata date at the Unix epoch (what a content system writes for a
/// date it never set: seen on a Polish trade site, `"datePublished":
/// "1970-01-01T01:00:00+01:00"` with `dateModified` the same) outranked
/// the date the page prints as a later "update": the article was dated 1
/// January 1970. A date outside the years a publication can have is never
/// a candidate: the printed date wins, or none; the placeholder is said
/// in a warning and kept as an alternative.
#[test]
fn an_epoch_placeholder_in_the_metadata_is_no_publication_date() {
    let epoch = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour wall repairs approved","datePublished":"1970-01-01T01:00:00+01:00","dateModified":"1970-01-01T01:00:00+01:00"}</script>"#;
    let printed = "<h1>Harbour wall repairs approved</h1><p>Data: 28-04-2021, 09:29</p>";
    let c = run("epoch.html", &page_with(epoch, printed));
    let a = &c.articles[0];
    assert_eq!(a.date.date, day(2021, 4, 28), "{}", a.date.source);
    assert!(!a.date.source.contains("json-ld"), "{}", a.date.source);
    assert!(
        page(a)
            .alternatives
            .iter()
            .any(|x| x.field == "date" && x.value == "1970-01-01" && x.source.contains("impossible")),
        "{:?}",
        page(a).alternatives
    );
    assert!(
        warnings(&c).iter().any(|w| w.contains("impossible publication date 1970-01-01 (json-ld datePublished)")),
        "{:?}",
        warnings(&c)
    );
    // Nothing printed: no date rather than the placeholder; nor from a date
    // element showing it.
    let a = one("epoch.html", &page_with(epoch, "<h1>Harbour wall repairs approved</h1>"));
    assert_eq!(a.date.date, None, "{}", a.date.source);
    let element = r#"<h1>Harbour wall repairs approved</h1><span class="post-date">January 1, 1970</span>"#;
    let a = one("epoch.html", &page_with("", element));
    assert_eq!(a.date.date, None, "{}", a.date.source);
}

/// The harbour article (title, headline, [`PROSE`]) followed, inside its
/// `<article>`, by `after`.
fn article_then(after: &str) -> Vec<u8> {
    format!(
        "<!doctype html><html><head><title>Harbour wall repairs approved</title></head><body><article>\
         <h1>Harbour wall repairs approved</h1>{PROSE}{after}</article></body></html>"
    )
    .into_bytes()
}

/// A page whose only printed date is in an element named as a date, in
/// the page's footer (where the text passes do not read it), inside the
/// given wrapper.
fn page_with_date_element(head: &str, wrapper_class: &str) -> Vec<u8> {
    format!(
        "<!doctype html><html><head><title>Harbour wall repairs approved</title>{head}</head><body><article>\
         <h1>Harbour wall repairs approved</h1>{PROSE}</article>\
         <footer><div class=\"{wrapper_class}\"><span class=\"post-date\">5 May 2020</span></div></footer></body></html>"
    )
    .into_bytes()
}

#[test]
fn a_date_element_is_weighed_against_a_stated_publication_date() {
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour wall repairs approved","datePublished":"2021-03-02T08:00:00Z"}</script>"#;
    // Alone, a date element dates the page.
    let a = one("e.html", &page_with_date_element("", "entry-meta"));
    assert_eq!(a.date.date, day(2020, 5, 5), "{}", a.date.source);
    assert!(a.date.source.contains("post-date"), "{}", a.date.source);
    // Against JSON-LD datePublished, the statement wins; the element's
    // date is kept as an alternative.
    let a = one("e.html", &page_with_date_element(ld, "entry-meta"));
    assert_eq!(a.date.date, day(2021, 3, 2), "{}", a.date.source);
    assert!(a.date.source.contains("the date element differs"), "{}", a.date.source);
    assert!(page(&a).alternatives.iter().any(|x| x.field == "date" && x.value.starts_with("2020-05-05")));
    // A generic <meta name="date"> states nothing: the printed date wins.
    let a = one("e.html", &page_with_date_element(r#"<meta name="date" content="2021-03-02">"#, "entry-meta"));
    assert_eq!(a.date.date, day(2020, 5, 5), "{}", a.date.source);
}

/// A date element after a revision label of its own parent (`<span
/// class="post-date"><span>Last Updated</span> on <span
/// class="date">...`) is the revision's date; one after a publication
/// label next to it is still the page's.
#[test]
fn a_date_element_after_an_update_label_is_no_publication_date() {
    let page = |inner: &str| {
        format!(
            "<!doctype html><html><head><title>Harbour wall repairs approved</title></head><body><article>\
             <h1>Harbour wall repairs approved</h1>{PROSE}</article>\
             <footer><span class=\"post-date\">{inner}</span></footer></body></html>"
        )
    };
    for inner in [
        "<span class=\"desktop\">Last Updated</span> <span>on</span> <span class=\"date\">5 May 2020</span>",
        "Aktualisiert am <span class=\"date\">5. Mai 2020</span>",
    ] {
        let a = one("u.html", page(inner).as_bytes());
        assert_eq!(a.date.date, None, "{inner}: {}", a.date.source);
    }
    let a = one(
        "u.html",
        page("Posted <span class=\"date\">2 March 2021</span> | Updated <span class=\"date\">5 May 2020</span>")
            .as_bytes(),
    );
    assert_eq!(a.date.date, day(2021, 3, 2), "{}", a.date.source);
}

/// A date element whose own text labels it as another date (a forum's
/// clock `<div class="current-time">Aktuelles Datum und Uhrzeit: ...`, a
/// member's "Joined") is not the page's publication date.
#[test]
fn a_date_element_labelled_as_another_date_is_no_publication_date() {
    for inner in [
        "<div class=\"current-time\">Aktuelles Datum und Uhrzeit: 11/02/20, 07:22 pm</div>",
        "<p class=\"date\">It is currently Tue Feb 11, 2020 7:22 pm</p>",
        "<span class=\"date\">Joined: 3 March 2015</span>",
    ] {
        let page = format!(
            "<!doctype html><html><head><title>Harbour wall repairs approved</title></head><body><article>\
             <h1>Harbour wall repairs approved</h1>{PROSE}</article><footer>{inner}</footer></body></html>"
        );
        let a = one("c.html", page.as_bytes());
        assert_eq!(a.date.date, None, "{inner}: {}", a.date.source);
    }
}

#[test]
fn a_date_in_a_box_of_other_stories_is_not_the_pages() {
    for wrapper in ["related-posts", "most_popular", "teaser-list"] {
        let a = one("r.html", &page_with_date_element("", wrapper));
        assert_eq!(a.date.date, None, "{wrapper}: {}", a.date.source);
    }
}

#[test]
fn picture_captions_are_not_body_text() {
    let a = one(
        "f.html",
        &article_then(&format!(
            "<figure><img src=\"wall.jpg\" alt=\"\">\
             <figcaption>Waves break over the old harbour wall near the fish market, where the council \
             plans to start the repairs in the spring, before the tourist season begins.</figcaption></figure>\
             {PROSE}"
        )),
    );
    let text = all_text(&a);
    assert!(text.contains("The council will vote on the final budget"), "{text}");
    assert!(!text.contains("Waves break over"), "{text}");
}

/// Page builders (Elementor, HubSpot) name every block of a page a
/// `widget`: such blocks are article text, not furniture.
#[test]
fn page_builder_widget_blocks_are_text() {
    let block = |inner: &str| format!("<div class=\"elementor-widget-container\">{inner}</div>");
    let html = format!(
        "<!doctype html><html><head><title>Harbour wall repairs approved</title></head><body>{}{}{}{}</body></html>",
        block("<h1>Harbour wall repairs approved</h1><p>2 March 2021</p>"),
        block(PROSE),
        block(PROSE),
        block(PROSE),
    );
    let a = one("w.html", html.as_bytes());
    assert_eq!(a.date.date, day(2021, 3, 2), "{}", a.date.source);
    assert!(all_text(&a).contains("The council will vote on the final budget"));
}

/// Tailwind utility classes with an arbitrary value name CSS variables,
/// not boxes: a header wrapped in `lg:mr-[--sidebar-container-width]` is
/// shown, with its date line.
#[test]
fn tailwind_arbitrary_value_classes_are_not_furniture() {
    let html = format!(
        "<!doctype html><html><head><title>Harbour wall repairs approved</title></head><body>\
         <div class=\"w-full lg:max-2xl:mr-[--sidebar-container-width]\"><h1>Harbour wall repairs approved</h1>\
         <div class=\"flex flex-col\"><span>Published on 2 March 2021</span></div></div>\
         <div class=\"prose\">{PROSE}{PROSE}</div>\
         <div class=\"teasers\"><p>Published on 11 March 2026</p><p>Another story entirely</p></div></body></html>"
    );
    let a = one("t.html", html.as_bytes());
    assert_eq!(a.date.date, day(2021, 3, 2), "{}", a.date.source);
}

/// React 18 streams Suspense content in `<div hidden id="S:0">` and a
/// script moves it into its placeholder: the reader sees it.
#[test]
fn content_react_streams_hidden_is_shown() {
    let html = format!(
        "<!doctype html><html><head><title>Harbour wall repairs approved</title></head><body>\
         <nav><a href=\"/\">Home</a></nav><template id=\"B:0\"></template><p>Loading</p>\
         <div hidden id=\"S:0\"><article><h1>Harbour wall repairs approved</h1><p>2 March 2021</p>{PROSE}</article></div>\
         <div hidden id=\"other\"><p>A hidden note that no reader sees on the page at all.</p></div>\
         <script>$RC(\"B:0\",\"S:0\")</script></body></html>"
    );
    let a = one("s.html", html.as_bytes());
    assert_eq!(a.title, "Harbour wall repairs approved");
    assert_eq!(a.date.date, day(2021, 3, 2), "{}", a.date.source);
    let text = all_text(&a);
    assert!(text.contains("The council will vote on the final budget"), "{text}");
    assert!(!text.contains("hidden note"), "{text}");
}

#[test]
fn title_precedence() {
    // (name, head, header, title, title source, alternative title kept)
    type Case<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, Option<&'a str>);
    let cases: &[Case] = &[
        (
            "the printed <h1> beats an SEO og:title variant",
            r#"<title>Harbour wall repairs approved | Coast Gazette</title><meta property="og:title" content="Harbour wall repairs approved: what it means for you and your street">"#,
            "<h1>Harbour wall repairs approved</h1>",
            "Harbour wall repairs approved",
            "<h1>",
            Some("Harbour wall repairs approved: what it means for you and your street"),
        ),
        (
            "a kicker in the <h1> goes when a metadata title is its end",
            r#"<meta property="og:title" content="Harbour wall repairs approved after long debate">"#,
            "<h1>Storm damage: Harbour wall repairs approved after long debate</h1>",
            "Harbour wall repairs approved after long debate",
            "<h1> without its kicker (og:title)",
            None,
        ),
        (
            "no <h1>: the <title> without the site name",
            r#"<title>Harbour wall repairs approved | Coast Gazette</title><meta property="og:site_name" content="Coast Gazette">"#,
            "",
            "Harbour wall repairs approved",
            "",
            None,
        ),
        (
            "a site name as the <h1> is not the headline",
            r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour wall repairs approved by council"}</script>"#,
            "<h1>Coast Gazette</h1>",
            "Harbour wall repairs approved by council",
            "json-ld headline",
            None,
        ),
        (
            "an <h1> that is a metadata title, a separator and more: the metadata title",
            r#"<meta property="og:title" content="Harbour wall repairs approved">"#,
            "<h1>Harbour wall repairs approved | Opinion</h1>",
            "Harbour wall repairs approved",
            "<h1> without its suffix (og:title)",
            None,
        ),
        (
            "no <h1>: a <title> with a site name the page does not name ends at the JSON-LD headline",
            r#"<title>Harbour wall repairs approved | Better Kitchen Meal Prep</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour wall repairs approved"}</script>"#,
            "",
            "Harbour wall repairs approved",
            "without its suffix (json-ld headline)",
            None,
        ),
        (
            "a subtitle after a dash that the metadata does not end at is kept",
            r#"<meta property="og:title" content="Harbour wall repairs approved – what changes">"#,
            "<h1>Harbour wall repairs approved – what changes</h1>",
            "Harbour wall repairs approved – what changes",
            "<h1>",
            None,
        ),
        (
            "a kicker in a <span> of its own is not run into the headline",
            r#"<meta property="og:title" content="Why the harbour wall repairs were approved">"#,
            "<h1><span class=\"kicker\">Coast Watch</span><span>Why the harbour wall repairs were approved</span></h1>",
            "Why the harbour wall repairs were approved",
            "<h1> without its kicker (og:title)",
            None,
        ),
        (
            "h1_kicker_in_own_element_joined_by_a_separator_in_the_title: the kicker goes",
            r#"<title>Storm damage: Harbour wall repairs approved | Coast Gazette</title>"#,
            "<h1><span>Storm damage</span> <span>Harbour wall repairs approved</span></h1>",
            "Harbour wall repairs approved",
            "<h1> without its kicker (its own element)",
            None,
        ),
        (
            "h1_kicker_in_own_element_with_a_printed_dash: the kicker goes",
            r#"<meta property="og:title" content="Storm damage – Harbour wall repairs approved after long debate">"#,
            "<h1><span>Storm damage</span> – <span>Harbour wall repairs approved after long debate</span></h1>",
            "Harbour wall repairs approved after long debate",
            "<h1> without its kicker (its own element)",
            None,
        ),
        (
            "h1_subtitle_in_own_element_named_by_json_ld: the part the metadata names",
            r#"<title>Harbour wall repairs approved - Coast Gazette</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour wall repairs approved"}</script>"#,
            "<h1><span>Harbour wall repairs approved</span> <span>Council ends debate</span></h1>",
            "Harbour wall repairs approved",
            "<h1> part (json-ld headline)",
            None,
        ),
        (
            "h1_span_around_words_of_one_phrase: no kicker without a separator",
            r#"<meta property="og:title" content="How to repair a harbour wall">"#,
            "<h1>How to <span class=\"hl\">repair a harbour wall</span></h1>",
            "How to repair a harbour wall",
            "<h1>",
            None,
        ),
        (
            "h1_first_part_a_sentence: no kicker",
            r#"<meta property="og:title" content="Repairs are not rebuilding. - Choosing a harbour builder">"#,
            "<h1><span>Repairs are not rebuilding.</span> <span>Choosing a harbour builder wisely</span></h1>",
            "Repairs are not rebuilding. Choosing a harbour builder wisely",
            "<h1>",
            None,
        ),
        (
            "h1_worded_otherwise_than_the_metadata: the printed <h1> is the headline",
            r#"<title>Council backs coastal spending | Coast Gazette</title><meta property="og:title" content="Council backs coastal spending">"#,
            "<h1>Harbour wall repairs approved after long debate</h1>",
            "Harbour wall repairs approved after long debate",
            "<h1> (the metadata titles word it otherwise)",
            Some("Council backs coastal spending"),
        ),
        (
            "two_h1s_worded_otherwise: neither is the headline, the metadata title",
            r#"<meta property="og:title" content="Council backs coastal spending">"#,
            "<h1>Harbour wall repairs approved after long debate</h1><p>Intro.</p><h1>Other news from the coast today</h1>",
            "Council backs coastal spending",
            "og:title",
            None,
        ),
        (
            "h1_linking_home_is_the_sites_name: the metadata title",
            r#"<meta property="og:title" content="Harbour wall repairs approved after long debate">"#,
            "<h1 class=\"site-title\"><a href=\"/\">Coast Gazette</a></h1><h2>Harbour repairs</h2>",
            "Harbour wall repairs approved after long debate",
            "og:title",
            None,
        ),
        (
            "h1_for_screen_readers_only: the metadata title",
            r#"<meta property="og:title" content="Harbour wall repairs approved after long debate">"#,
            "<h1 class=\"aural\">Coast Gazette</h1><h2>Harbour repairs</h2>",
            "Harbour wall repairs approved after long debate",
            "og:title",
            None,
        ),
        (
            "h1_worded_otherwise_but_a_json_ld_headline: the JSON-LD headline",
            r#"<meta property="og:title" content="Council backs coastal spending"><script type="application/ld+json">{"@type":"NewsArticle","headline":"Council backs coastal spending plan"}</script>"#,
            "<h1>Harbour wall repairs approved after long debate</h1>",
            "Council backs coastal spending plan",
            "json-ld headline",
            None,
        ),
        (
            "h1_kicker_needs_a_separator: a leading word is no kicker",
            r#"<meta property="og:title" content="Best harbour walls of the coast">"#,
            "<h1>The Best harbour walls of the coast</h1>",
            "The Best harbour walls of the coast",
            "<h1>",
            None,
        ),
        (
            "h1_kicker_after_a_slash: the kicker goes",
            r#"<meta property="og:title" content="Harbour wall repairs approved after long debate">"#,
            "<h1>Storm damage / Harbour wall repairs approved after long debate</h1>",
            "Harbour wall repairs approved after long debate",
            "<h1> without its kicker (og:title)",
            None,
        ),
        (
            "metadata_title_printed_as_a_heading: beats the section name the <title> starts with",
            r#"<title>Harbour repairs | Coast Gazette</title><meta property="og:title" content="Council votes to pay for the harbour wall">"#,
            "<div>Harbour repairs</div><h2>Council votes to pay for the harbour wall</h2>",
            "Council votes to pay for the harbour wall",
            "(og:title)",
            None,
        ),
        (
            "printed_headline_then_slash_and_more: the metadata title ends it",
            r#"<title>Harbour wall repairs approved</title><script type="application/ld+json">{"@type":"BlogPosting","headline":"Harbour wall repairs approved by the council"}</script>"#,
            "<p class=\"title\">Harbour wall repairs approved by the council / Dec 2025</p>",
            "Harbour wall repairs approved by the council",
            "without its suffix (json-ld headline)",
            None,
        ),
        (
            "site_name_after_a_spaced_colon_in_the_title: the headline before it",
            r#"<title>Harbour wall repairs approved at last : Coast Gazette Blog | Notes from the coast</title>"#,
            "<h1>Coast Gazette Blog</h1>",
            "Harbour wall repairs approved at last",
            "<title> before \" : Coast Gazette Blog\"",
            None,
        ),
        (
            "site_name_before_a_pipe_in_the_metadata_title: the headline after it, not the site's name",
            r#"<title>Diario Costa | Harbour wall repairs approved this week</title><meta property="og:title" content="Diario Costa | Harbour wall repairs approved this week"><meta property="og:site_name" content="Diario Costa">"#,
            "<h1>Harbour wall repairs approved this week</h1><h1>Storm closes the ferry</h1>",
            "Harbour wall repairs approved this week",
            "<h1>",
            None,
        ),
        (
            "h1_with_soft_hyphens: they split no word",
            r#"<meta property="og:title" content="Harbour wall repairs approved after long debate">"#,
            "<h1>Harbour wall re&shy;pairs approved after long de&shy;bate</h1>",
            "Harbour wall repairs approved after long debate",
            "<h1>",
            None,
        ),
    ];
    for (name, head, header, title, source, alt) in cases {
        let a = one("t.html", &page_with(head, header));
        assert_eq!(a.title, *title, "{name} ({})", page(&a).title);
        assert!(page(&a).title.contains(source), "{name}: source {:?}", page(&a).title);
        if let Some(alt) = alt {
            assert!(
                page(&a).alternatives.iter().any(|x| x.field == "title" && x.value == *alt),
                "{name}: {:?}",
                page(&a).alternatives
            );
        }
    }
}

#[test]
fn author_precedence() {
    let ld_author = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour wall repairs approved","author":{"@type":"Person","name":"Ann Metadata"},"publisher":{"@type":"Organization","name":"Coast Gazette"}}</script>"#;
    // The printed byline wins; the metadata author is kept.
    let a = one("a.html", &page_with(ld_author, "<h1>Harbour wall repairs approved</h1><p>By Bob Printed</p>"));
    assert_eq!(a.author.as_deref(), Some("Bob Printed"));
    assert_eq!(page(&a).author.as_deref(), Some("visible text (byline)"));
    assert!(page(&a).alternatives.iter().any(|x| x.field == "author" && x.value == "Ann Metadata"));
    // No byline: the metadata author, named by its source.
    let a = one("a.html", &page_with(ld_author, "<h1>Harbour wall repairs approved</h1>"));
    assert_eq!(a.author.as_deref(), Some("Ann Metadata"));
    assert_eq!(page(&a).author.as_deref(), Some("json-ld author"));
    // A name alone on a line (no `By`) is a guess from how the line
    // looks: the metadata author wins, the guess is kept.
    let a = one("a.html", &page_with(ld_author, "<h1>Harbour wall repairs approved</h1><p>Harbour Works</p>"));
    assert_eq!(a.author.as_deref(), Some("Ann Metadata"));
    assert_eq!(page(&a).author.as_deref(), Some("json-ld author"));
    assert!(page(&a)
        .alternatives
        .iter()
        .any(|x| x.field == "author" && x.value == "Harbour Works" && x.source.contains("line of its own")));
    // Without metadata, the guess is the author, and says so.
    let a = one("a.html", &page_with("", "<h1>Harbour wall repairs approved</h1><p>Ann Other</p>"));
    assert_eq!(a.author.as_deref(), Some("Ann Other"));
    assert_eq!(page(&a).author.as_deref(), Some("visible text (a name on a line of its own)"));
    // A metadata "author" that is the site names nobody.
    let head = r#"<meta property="og:site_name" content="Coast Gazette"><meta name="author" content="Coast Gazette">"#;
    let a = one("a.html", &page_with(head, "<h1>Harbour wall repairs approved</h1>"));
    assert_eq!(a.author, None);
}

#[test]
fn outlet_from_url_or_site_name_and_agency_copies_marked() {
    // The canonical URL's host names the outlet.
    let a = one(
        "o.html",
        &page_with(
            r#"<link rel="canonical" href="https://www.rt.com/news/1-harbour/">"#,
            "<h1>Harbour wall repairs approved</h1>",
        ),
    );
    assert_eq!(a.outlet.as_deref(), Some("rt"));
    // A site name the registry does not know is kept as the page names
    // itself (never joined with a registry outlet it is not).
    let a = one(
        "o.html",
        &page_with(
            r#"<meta property="og:site_name" content="Coast Gazette">"#,
            "<h1>Harbour wall repairs approved</h1>",
        ),
    );
    assert_eq!(a.outlet.as_deref(), Some("named-coast-gazette"));
    assert_eq!(a.provenance.outlet_source, "og:site_name \"Coast Gazette\" (not in the registry)");
    // Names in the text never identify a page: a page quoting Reuters is not Reuters.
    let a = one(
        "o.html",
        &page_with(
            "",
            "<h1>Harbour wall repairs approved</h1><p>Reuters reported the vote first, the agency said.</p>",
        ),
    );
    assert_eq!(a.outlet, None, "{}", a.provenance.outlet_source);
    // An agency credited as the author of another outlet's page: a copy.
    let head = r#"<link rel="canonical" href="https://www.rt.com/news/2-harbour/"><script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour wall repairs approved","author":{"@type":"Organization","name":"Anadolu Agency"}}</script>"#;
    let a = one("o.html", &page_with(head, "<h1>Harbour wall repairs approved</h1>"));
    assert_eq!(a.outlet.as_deref(), Some("rt"));
    let syn = page(&a).syndicated.clone().unwrap_or_default();
    assert!(syn.contains("Anadolu Agency") && syn.contains("json-ld author"), "{syn:?}");
}

#[test]
fn records_with_an_html_column() {
    let html = String::from_utf8(fixture("news.html")).expect("utf-8");
    let jsonl = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({"url": "https://www.rt.com/news/123456-ferry-timetable/", "html": html}),
        serde_json::json!({"title": "Given title wins", "raw_html": page_with("", "<h1>Harbour wall repairs approved</h1>").iter().map(|&b| b as char).collect::<String>()}),
        serde_json::json!({"html": "<html><body><nav>menu</nav></body></html>"}),
    );
    let c = run("crawl.jsonl", jsonl.as_bytes());
    assert_eq!(c.report.inputs.len(), 3, "{:#?}", c.report);
    let first = c.articles.iter().find(|a| a.title.starts_with("Lake council")).expect("first record");
    assert_eq!(first.outlet.as_deref(), Some("rt"));
    assert_eq!(page(first).title, "<h1>");
    let second = c.articles.iter().find(|a| a.title == "Given title wins").expect("the input's title wins");
    assert_eq!(page(second).title, "given by the input");
    assert!(matches!(c.report.inputs[2].disposition, Disposition::Rejected { .. }), "{:?}", c.report.inputs[2]);

    let mut csv = b"title,html\n".to_vec();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["", html.as_str()]).expect("csv");
    csv.extend(w.into_inner().expect("csv"));
    let c = run("crawl.csv", &csv);
    assert_eq!(c.articles.len(), 1, "{:#?}", c.report);
    assert_eq!(c.articles[0].title, "Lake council approves new ferry timetable");
}

#[test]
fn an_aggregators_copy_is_not_the_original_outlet() {
    // Fetched from an aggregator whose canonical URL points at the original
    // (as msn.com pages do): the aggregator published it, the canonical
    // URL's outlet is its original source.
    let page = page_with(
        r#"<link rel="canonical" href="https://www.rt.com/news/1-harbour/">"#,
        "<h1>Harbour wall repairs approved</h1>",
    );
    let row = serde_json::json!({"url": "https://www.msn.com/en-gb/news/harbour/ar-1", "html": String::from_utf8(page.clone()).expect("utf-8")});
    let a = one("aggregated.jsonl", format!("{row}\n").as_bytes());
    assert_eq!(a.outlet.as_deref(), Some("msn.com"), "{}", a.provenance.outlet_source);
    assert_eq!(a.original_source.as_deref(), Some("rt"));
    let ev = a.provenance.source_evidence.clone().unwrap_or_default();
    assert!(ev.contains("canonical URL https://www.rt.com/news/1-harbour/") && ev.contains("fetched from"), "{ev}");
    // Saved without its URL, the page is what it says it is.
    assert_eq!(one("saved.html", &page).outlet.as_deref(), Some("rt"));
}

/// One site, one outlet: a page of a site the registry does not know that
/// gives its site name (`og:site_name` "Example Daily") and a page of the
/// same site that gives none were two outlets, `named-example-daily` and
/// `example-news.org`, splitting the site's counts. Both are now the site
/// of their URL's host, named as the site names itself, in either order;
/// a page without a URL is still named by its site name.
#[test]
fn pages_of_one_site_with_and_without_a_site_name_are_one_outlet() {
    let named = r#"<link rel="canonical" href="https://www.example-news.org/a/1"><meta property="og:site_name" content="Example Daily">"#;
    let unnamed = r#"<link rel="canonical" href="https://example-news.org/a/2">"#;
    let first = page_with(named, "<h1>Harbour wall repairs approved</h1>");
    let second = format!(
        "<!doctype html><html><head>{unnamed}</head><body><article><h1>Ferry timetable changes</h1>\
         <p>The ferry company will run two extra boats on weekday mornings from next month, its director said on Friday.</p>\
         <p>Commuters had complained for years that the first boat was full before it reached the second stop on the island.</p>\
         <p>The new timetable will be tested until the end of the summer and then reviewed with the island's residents.</p>\
         </article></body></html>"
    )
    .into_bytes();
    for order in [[("a.html", &first), ("b.html", &second)], [("b.html", &second), ("a.html", &first)]] {
        let files: Vec<InputFile> =
            order.iter().map(|(p, b)| InputFile { path: (*p).into(), bytes: b.to_vec() }).collect();
        let c = ingest(&files, &registry(), "t");
        assert_eq!(c.articles.len(), 2, "{:#?}", c.report);
        assert!(c.articles.iter().all(|a| a.outlet.as_deref() == Some("example-news.org")), "{:?}", c.articles);
        let outlet = c.outlets.iter().find(|o| o.key == "example-news.org").expect("the site's outlet");
        assert_eq!(outlet.name, "Example Daily");
    }
    // Without a URL, the site name is all there is.
    let a = one(
        "c.html",
        &page_with(
            r#"<meta property="og:site_name" content="Example Daily">"#,
            "<h1>Harbour wall repairs approved</h1>",
        ),
    );
    assert_eq!(a.outlet.as_deref(), Some("named-example-daily"));
}

/// Issue 15, wrong outlets: a site name the registry knows names that
/// outlet only when the page's own URL is on one of its sites: a blog on
/// a platform (`og:site_name` "Medium" on `someone.medium.com` or on a
/// custom domain) or a namesake organization (an Organization "Slate" on
/// `slatenyc.com`) is not the registry's outlet of that name.
#[test]
fn a_site_name_on_another_sites_page_is_not_the_registry_outlet() {
    let h1 = "<h1>Harbour wall repairs approved</h1>";
    // Namesake: the page's canonical URL is on a site RT does not own.
    let head = r#"<link rel="canonical" href="https://rtech-consulting.example/blog/harbour/"><meta property="og:site_name" content="RT">"#;
    let a = one("o.html", &page_with(head, h1));
    assert_eq!(a.outlet.as_deref(), Some("rtech-consulting.example"), "{}", a.provenance.outlet_source);
    // A JSON-LD Organization of that name on a page whose og:url is elsewhere.
    let head = r#"<meta property="og:url" content="https://blog.example.org/harbour"><script type="application/ld+json">{"@type":"Organization","name":"Russia Today"}</script>"#;
    let a = one("o.html", &page_with(head, h1));
    assert_ne!(a.outlet.as_deref(), Some("rt"), "{}", a.provenance.outlet_source);
    // On one of the outlet's own hosts (a sub-domain too) the name stands.
    let head =
        r#"<link rel="canonical" href="https://arabic.rt.com/news/1/"><meta property="og:site_name" content="RT">"#;
    assert_eq!(one("o.html", &page_with(head, h1)).outlet.as_deref(), Some("rt"));
    // Without any URL of its own, the page's site name is the evidence.
    let head = r#"<meta property="og:site_name" content="RT">"#;
    assert_eq!(one("o.html", &page_with(head, h1)).outlet.as_deref(), Some("rt"));
    // og:site_name is trusted before a JSON-LD Organization's name.
    let head = r#"<script type="application/ld+json">{"@type":"Organization","name":"Anadolu Agency"}</script><meta property="og:site_name" content="RT">"#;
    assert_eq!(one("o.html", &page_with(head, h1)).outlet.as_deref(), Some("rt"));
}

/// Issue 15, wrong outlets: an aggregator's copy saved without the URL it
/// was fetched from, whose only URL is the original's canonical URL and
/// which credits that outlet as the provider (`© Provided by The
/// Guardian` on msn.com), is not that outlet's page: the outlet is
/// unknown and the original source is marked.
#[test]
fn an_aggregators_copy_crediting_the_provider_is_not_the_providers_page() {
    let head = r#"<link rel="canonical" href="https://www.rt.com/news/1-harbour/">"#;
    let header = "<h1>Harbour wall repairs approved</h1><p><span>© Provided by RT</span> Photograph: Jane Doe</p>";
    let a = one("saved.html", &page_with(head, header));
    assert_eq!(a.outlet, None, "{}", a.provenance.outlet_source);
    assert_eq!(a.original_source.as_deref(), Some("rt"));
    assert!(a.provenance.outlet_source.contains("Provided by RT"), "{}", a.provenance.outlet_source);
    // Another outlet credited for a picture leaves the page its own.
    let header = "<h1>Harbour wall repairs approved</h1><p>© Provided by Reuters</p>";
    assert_eq!(one("saved.html", &page_with(head, header)).outlet.as_deref(), Some("rt"));
    // Provider lines in other languages (a data table).
    let header = "<h1>Harbour wall repairs approved</h1><p>Bereitgestellt von RT</p>";
    assert_eq!(one("saved.html", &page_with(head, header)).outlet, None);
}

/// A page that prints no date and whose metadata gives none is dated by
/// its own URL (`/2025/12/15/`, `2025-12-15-...`); a number that is not a
/// date there (`/2021/22/`, an id) is not taken.
#[test]
fn a_date_in_the_pages_url_when_nothing_else_dates_it() {
    let cases: &[(&str, Option<Date>)] = &[
        ("https://example.org/news/2025/12/15/harbour-wall/", day(2025, 12, 15)),
        ("https://example.org/articles/2018-01-23-harbour-wall", day(2018, 1, 23)),
        ("https://example.org/reports/2021/22/harbour-wall", None),
        ("https://example.org/story/120250101/harbour-wall", None),
    ];
    for (url, want) in cases {
        let head = format!(r#"<title>Harbour wall repairs approved</title><link rel="canonical" href="{url}">"#);
        let a = one("t.html", &page_with(&head, "<h1>Harbour wall repairs approved</h1>"));
        assert_eq!(a.date.date, *want, "{url}: {}", a.date.source);
        if want.is_some() {
            assert!(a.date.source.contains("canonical") && a.date.source.contains(url), "{}", a.date.source);
        }
    }
}

/// The main-content extractor kept an author box and a list of related
/// posts that share the article's container: the text passes' tail
/// markers (`About the Author`, `Related Posts:`) end the DOM's main text
/// as they end the visible text. A marker among short menu entries, a
/// marker-like line of code and a marker near the top do not.
#[test]
fn an_author_box_and_related_posts_in_the_article_container_are_not_body() {
    let tail = "<h3>About the Author</h3>\
        <p>Jane Example is a reporter who has covered coastal towns and their councils for twelve years.</p>\
        <h3>Related Posts:</h3><p>Ferry fares rise again</p><p>New bridge opens to traffic</p>";
    let a = one("tail.html", &article_then(tail));
    let text = all_text(&a);
    assert!(text.contains("the chairman told reporters"), "{text}");
    for junk in ["About the Author", "Jane Example is a reporter", "Related Posts", "Ferry fares rise again"] {
        assert!(!text.contains(junk), "{junk} kept in {text}");
    }
    // Code and short entries around a marker are no tail.
    let code = "<p>resource aws_subnet demo { vpc_id = aws_vpc.demo.id cidr_block = 10.0.1.0/24 count = 2</p>\
        <p>tags = {</p><p>enum Role { READER = 1, EDITOR = 2, OWNER = 3, ADMIN = 4, GUEST = 5,</p><p>AUTHOR</p>\
        <p>The same block is then applied to every subnet of the harbour authority's network, \
         which keeps the names of the resources in step with the council's own naming rules.</p>";
    let a = one("code.html", &article_then(code));
    let text = all_text(&a);
    assert!(text.contains("council's own naming rules"), "{text}");
    // A menu of section names kept in the article's container.
    let menu = "<p>Home</p><p>World News</p><p>Latest News</p><p>Sports</p><p>Podcasts</p>\
        <p>The harbour authority said on Friday that the work on the northern section of the wall would \
         begin in March, once the last fishing boats of the winter season have left the inner basin.</p>";
    let a = one("menu.html", &article_then(menu));
    let text = all_text(&a);
    assert!(text.contains("left the inner basin"), "{text}");
}

/// A paragraph of `n` distinct sentences about `topic`, for pages whose
/// layout the main-content extractor reads in part.
fn sentences(topic: &str, n: usize) -> String {
    let s: Vec<String> = (1..=n)
        .map(|i| format!("The {topic} crew moved {topic}stone{i} past {topic}gate{i}, while {topic}boat{i} waited and {topic}chief{i} counted, said {topic}clerk{i}."))
        .collect();
    format!("<p>{}</p>", s.join(" "))
}

/// A page built with a layout builder (each section in a container of its
/// own, as Elementor writes them): Readability keeps the sections it
/// scores as the article and skips one nested differently, and the
/// opening above them. Both come back, in their place; a list of teaser
/// cards (title, date, summary) and a single disclaimer between the
/// sections stay out, and so do the byline and the date line above the
/// opening.
#[test]
fn article_split_over_layout_containers_is_read_whole() {
    let box_of = |inner: &str| {
        format!("<div class=\"e-con\"><div class=\"e-con-inner\"><div class=\"widget\"><div class=\"wc\">{inner}</div></div></div></div>")
    };
    let deep_of = |inner: &str| {
        format!("<div class=\"e-con\"><div class=\"e-con-inner\"><div class=\"e-con\"><div class=\"e-con-inner\"><div class=\"widget\"><div class=\"wc\">{inner}</div></div></div></div></div></div>")
    };
    let main: String = (0..8).map(|i| sentences(&format!("main{i}"), 4)).collect();
    let later: String = (0..4).map(|i| sentences(&format!("later{i}"), 4)).collect();
    let html = format!(
        "<!doctype html><html><head><title>Harbour wall repairs approved</title></head><body>\
         <h1>Harbour wall repairs approved</h1><p>By Ann Smith</p><p>May 4, 2021</p>{opening}\
         <div class=\"sections\">{first}{note}{middle}{teasers}{last}</div></body></html>",
        opening = deep_of(&format!("{}{}", sentences("opening", 3), sentences("welcome", 3))),
        first = box_of(&format!("<h2>The first phase</h2>{main}")),
        middle = deep_of(&format!("<h2>The second phase</h2>{}{}", sentences("middle", 3), sentences("centre", 3))),
        teasers = deep_of(
            "<h3>Ferry timetable changes</h3><p>Dec 19, 2025</p><p>The ferry company has published its winter timetable, \
             with fewer crossings on weekdays and a new late boat on Fridays for the islanders who work in town.</p>\
             <h3>New lighthouse keeper</h3><p>Dec 18, 2025</p><p>The trust has named a new keeper for the lighthouse, \
             a former fisherman who has lived on the point for thirty years and knows every rock in the bay.</p>"
        ),
        note = deep_of("<p>Harbour News is a non-profit paper. Advertising on our site helps support our mission, and we do not \
             endorse the products or services of the companies that advertise with us.</p>"),
        last = box_of(&format!("<h2>The last phase</h2>{later}")),
    );
    let a = one("builder.html", html.as_bytes());
    let text = all_text(&a);
    for part in ["opening", "welcome", "main0", "middle", "centre", "later3"] {
        assert_eq!(text.matches(&format!("{part}stone1 ")).count(), 1, "{part}: {text}");
    }
    let at = |part: &str| text.find(&format!("{part}stone1 ")).expect(part);
    assert!(at("opening") < at("main0") && at("main7") < at("middle") && at("centre") < at("later0"), "{text}");
    for out in ["winter timetable", "new keeper", "Advertising on our site", "By Ann Smith"] {
        assert!(!text.contains(out), "{out}: {text}");
    }
}
