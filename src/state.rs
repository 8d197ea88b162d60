//! App state: a reducer with a pure [`reduce`], mirrored to the URL hash.
//!
//! The URL holds everything a shared link must restore:
//! `#/?q=putin&outlets=rt,tass&lang=ru,hy&from=2021-01-01&to=2021-02-01&grain=week&sort=newest&open=<id>&event=2020-11-09&group=source`.
//! Dates are ISO days; `to` is exclusive (the range is `[from, to)`); the
//! range is both the date filter and the timeline's zoom; `grain` is the
//! width of the timeline's bars when the user chose one (a new range
//! drops it: its own width is chosen for it). `event` is the
//! mentioned date whose passages are listed; `group=source` groups outlets
//! by the original source of reprints instead of the publisher.
//!
//! Coverage views (`crate::components::compare_queries`): `vs=a|b` are
//! queries compared with `q` on the timeline (at most [`MAX_COMPARE`],
//! `|`-separated: the query language has no `|`, and one typed in a
//! compared query is read as a space), `y=share` shows the timeline as a
//! share of the outlets' output, `sort=outlet` orders the results by
//! outlet (relevance within one) and `rows=outlet` groups them by outlet
//! (the chosen order within a group).
//!
//! A URL is written by whoever sends the link, so everything it drives is
//! bounded: dates must lie in years [`MIN_YEAR`]..=[`MAX_YEAR`] (a range
//! of `0000-01-01` to `9999-12-31` would otherwise ask the timeline for
//! ten thousand yearly bars), the query is cut at [`MAX_QUERY_CHARS`], at
//! most [`MAX_URL_OUTLETS`] outlet keys are read, and ids must exist.
//! Anything malformed or out of bounds is ignored field by field.

use dateline_core::model::Date;
use dateline_core::search::Sort;
use dateline_core::timeline::Granularity;
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use yew::Reducible;

/// Earliest year a URL date may have.
pub const MIN_YEAR: i32 = 1800;
/// Latest year a URL date may have.
pub const MAX_YEAR: i32 = 2200;
/// Longest query read from a URL, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
/// Most outlet keys read from a URL.
pub const MAX_URL_OUTLETS: usize = 1000;

/// Filter key for articles whose outlet is unknown.
pub const UNKNOWN_OUTLET: &str = "unknown";

/// Filter key for articles whose language is unknown.
pub const UNKNOWN_LANGUAGE: &str = "unknown";

/// Most language codes read from a URL.
pub const MAX_URL_LANGUAGES: usize = 100;

/// Most queries compared with the main one.
pub const MAX_COMPARE: usize = 4;

/// What the user has chosen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    /// Query text.
    pub query: String,
    /// Selected outlet keys (empty = all).
    pub outlets: Vec<String>,
    /// Selected language codes (empty = all).
    pub languages: Vec<String>,
    /// Date range `[from, to)`.
    pub range: Option<(Date, Date)>,
    /// Result order.
    pub sort: Sort,
    /// Open article id.
    pub open: Option<String>,
    /// Selected mentioned date (events lane).
    pub event: Option<Date>,
    /// Outlets grouped by original source (reprints under the outlet they
    /// reprint) instead of by publisher.
    pub by_source: bool,
    /// Width of the timeline's bars chosen by the user (`None`: chosen
    /// for the range).
    pub grain: Option<Granularity>,
    /// Queries compared with `query` on the timeline (at most
    /// [`MAX_COMPARE`]; an empty one is being typed).
    pub compare: Vec<String>,
    /// The timeline shows shares of the outlets' output, not counts.
    pub share: bool,
    /// Results ordered by outlet (relevance within an outlet).
    pub outlet_sort: bool,
    /// Results grouped by outlet, with a heading per outlet.
    pub group_outlets: bool,
}

/// Everything that can change the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// New query text.
    Query(String),
    /// Toggle one outlet.
    ToggleOutlet(String),
    /// Show all outlets.
    ClearOutlets,
    /// Toggle one language.
    ToggleLanguage(String),
    /// Show every language.
    ClearLanguages,
    /// Set or clear the date range (the bar width is chosen for it again).
    Range(Option<(Date, Date)>),
    /// Choose the width of the timeline's bars (`None`: automatic).
    Grain(Option<Granularity>),
    /// Change the order.
    Sort(Sort),
    /// Open an article.
    Open(String),
    /// Close the reader.
    Close,
    /// Select a mentioned date, or clear the selection.
    Event(Option<Date>),
    /// Group outlets by original source (`true`) or publisher; the outlet
    /// selection, which meant the other grouping's outlets, is cleared.
    GroupBySource(bool),
    /// Add an (empty) compared query, if fewer than [`MAX_COMPARE`].
    AddCompare,
    /// Set the text of compared query `i`.
    SetCompare(usize, String),
    /// Remove compared query `i`.
    RemoveCompare(usize),
    /// Timeline as shares of output (`true`) or counts.
    Share(bool),
    /// Order the results by outlet.
    SortByOutlet,
    /// Group the results by outlet (`true`) or not.
    GroupOutlets(bool),
    /// Replace everything (from the URL).
    Restore(State),
}

/// A compared query as kept: cut at [`MAX_QUERY_CHARS`], `|` read as a
/// space (it separates compared queries in the URL).
pub fn clean_compare(q: &str) -> String {
    q.chars().take(MAX_QUERY_CHARS).map(|c| if c == '|' { ' ' } else { c }).collect()
}

/// The pure transition function.
pub fn reduce(mut s: State, action: Action) -> State {
    match action {
        Action::Query(q) => s.query = q,
        Action::ToggleOutlet(k) => {
            if let Some(i) = s.outlets.iter().position(|o| *o == k) {
                s.outlets.remove(i);
            } else {
                s.outlets.push(k);
                s.outlets.sort();
            }
        }
        Action::ClearOutlets => s.outlets.clear(),
        Action::ToggleLanguage(l) => {
            if let Some(i) = s.languages.iter().position(|o| *o == l) {
                s.languages.remove(i);
            } else {
                s.languages.push(l);
                s.languages.sort();
            }
        }
        Action::ClearLanguages => s.languages.clear(),
        Action::Range(r) => {
            s.range = r.filter(|&(a, b)| a < b && in_bounds(a) && in_bounds(b));
            s.grain = None;
        }
        Action::Grain(g) => s.grain = g,
        Action::Sort(o) => {
            s.sort = o;
            s.outlet_sort = false;
        }
        Action::SortByOutlet => {
            s.sort = Sort::Relevance;
            s.outlet_sort = true;
        }
        Action::GroupOutlets(b) => s.group_outlets = b,
        Action::AddCompare => {
            if s.compare.len() < MAX_COMPARE {
                s.compare.push(String::new());
            }
        }
        Action::SetCompare(i, q) => {
            if let Some(slot) = s.compare.get_mut(i) {
                *slot = clean_compare(&q);
            }
        }
        Action::RemoveCompare(i) => {
            if i < s.compare.len() {
                s.compare.remove(i);
            }
        }
        Action::Share(b) => s.share = b,
        Action::Open(id) => s.open = Some(id),
        Action::Close => s.open = None,
        Action::Event(d) => s.event = d,
        Action::GroupBySource(b) => {
            if s.by_source != b {
                s.outlets.clear();
            }
            s.by_source = b;
        }
        Action::Restore(new) => s = new,
    }
    s
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(reduce((*self).clone(), action))
    }
}

/// The URL form of [`State`]: every field optional, strings only.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UrlState {
    #[serde(skip_serializing_if = "Option::is_none")]
    q: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outlets: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sort: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    open: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vs: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    y: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rows: Option<String>,
}

/// Whether a date lies in the years a URL may name.
pub fn in_bounds(d: Date) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&d.year)
}

/// Parses an ISO day `YYYY-MM-DD` (four-digit year within
/// [`MIN_YEAR`]..=[`MAX_YEAR`], two-digit month and day).
pub fn parse_iso(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let y = i32::try_from(num(0..4)?).ok()?;
    let d = Date::new(y, u8::try_from(num(5..7)?).ok()?, u8::try_from(num(8..10)?).ok()?)?;
    in_bounds(d).then_some(d)
}

impl From<&State> for UrlState {
    fn from(s: &State) -> UrlState {
        UrlState {
            q: (!s.query.is_empty()).then(|| s.query.clone()),
            outlets: (!s.outlets.is_empty()).then(|| s.outlets.join(",")),
            lang: (!s.languages.is_empty()).then(|| s.languages.join(",")),
            from: s.range.map(|r| r.0.iso()),
            to: s.range.map(|r| r.1.iso()),
            sort: match s.sort {
                _ if s.outlet_sort => Some("outlet".into()),
                Sort::Relevance => None,
                Sort::Newest => Some("newest".into()),
                Sort::Oldest => Some("oldest".into()),
            },
            open: s.open.clone(),
            event: s.event.map(Date::iso),
            group: s.by_source.then(|| "source".into()),
            grain: s.grain.map(|g| grain_name(g).into()),
            vs: (!s.compare.is_empty()).then(|| s.compare.join("|")),
            y: s.share.then(|| "share".into()),
            rows: s.group_outlets.then(|| "outlet".into()),
        }
    }
}

impl UrlState {
    /// Converts to a state, dropping fields that do not make sense.
    /// `valid_outlet` and `valid_article` say which keys and ids exist.
    pub fn to_state(&self, valid_outlet: impl Fn(&str) -> bool, valid_article: impl Fn(&str) -> bool) -> State {
        let clip = |s: &str| s.chars().take(MAX_QUERY_CHARS).collect::<String>();
        let mut outlets: Vec<String> = self
            .outlets
            .as_deref()
            .unwrap_or("")
            .split(',')
            .take(MAX_URL_OUTLETS)
            .filter(|k| !k.is_empty() && k.len() <= 200 && valid_outlet(k))
            .map(str::to_string)
            .collect();
        outlets.sort();
        outlets.dedup();
        // Language codes are short letters; anything else is ignored.
        let mut languages: Vec<String> = self
            .lang
            .as_deref()
            .unwrap_or("")
            .split(',')
            .take(MAX_URL_LANGUAGES)
            .filter(|l| (2..=8).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase()))
            .map(str::to_string)
            .collect();
        languages.sort();
        languages.dedup();
        let range = match (self.from.as_deref().and_then(parse_iso), self.to.as_deref().and_then(parse_iso)) {
            (Some(a), Some(b)) if a < b => Some((a, b)),
            _ => None,
        };
        State {
            query: self.q.as_deref().map(clip).unwrap_or_default(),
            outlets,
            languages,
            range,
            sort: match self.sort.as_deref() {
                Some("newest") => Sort::Newest,
                Some("oldest") => Sort::Oldest,
                _ => Sort::Relevance,
            },
            open: self.open.clone().filter(|id| id.len() <= 500 && valid_article(id)),
            event: self.event.as_deref().and_then(parse_iso),
            by_source: self.group.as_deref() == Some("source"),
            grain: self.grain.as_deref().and_then(grain_of),
            compare: self
                .vs
                .as_deref()
                .map(|v| v.split('|').take(MAX_COMPARE).map(clean_compare).collect())
                .unwrap_or_default(),
            share: self.y.as_deref() == Some("share"),
            outlet_sort: self.sort.as_deref() == Some("outlet"),
            group_outlets: self.rows.as_deref() == Some("outlet"),
        }
    }

    /// Encodes as a URL hash: `#/?k=v&...` (percent-encoded).
    pub fn to_hash(&self) -> String {
        let value = serde_json::to_value(self).unwrap_or_default();
        let pairs: Vec<String> = value
            .as_object()
            .map(|m| m.iter().filter_map(|(k, v)| v.as_str().map(|v| format!("{k}={}", encode(v)))).collect())
            .unwrap_or_default();
        if pairs.is_empty() {
            "#/".into()
        } else {
            format!("#/?{}", pairs.join("&"))
        }
    }

    /// Decodes a URL hash; unknown keys and bad encodings are ignored.
    pub fn from_hash(hash: &str) -> UrlState {
        let query = hash.trim_start_matches('#').trim_start_matches('/').trim_start_matches('?');
        let mut map = serde_json::Map::new();
        for pair in query.split('&') {
            if let Some((k, v)) = pair.split_once('=') {
                if let Some(v) = decode(v) {
                    map.insert(k.to_string(), serde_json::Value::String(v));
                }
            }
        }
        serde_json::from_value(serde_json::Value::Object(map)).unwrap_or_default()
    }
}

/// The URL word of a bar width (`day`, `week`, `month`, `year`).
pub fn grain_name(g: Granularity) -> &'static str {
    match g {
        Granularity::Day => "day",
        Granularity::Week => "week",
        Granularity::Month => "month",
        Granularity::Year => "year",
    }
}

/// The bar width a URL word names.
pub fn grain_of(s: &str) -> Option<Granularity> {
    [Granularity::Day, Granularity::Week, Granularity::Month, Granularity::Year]
        .into_iter()
        .find(|&g| grain_name(g) == s)
}

/// Percent-encodes everything but unreserved characters.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b',') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes percent-encoding (`+` is a space); `None` on invalid UTF-8.
fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduce_table() {
        let s = reduce(State::default(), Action::ToggleOutlet("rt".into()));
        assert_eq!(s.outlets, vec!["rt"]);
        let s = reduce(s, Action::ToggleOutlet("rt".into()));
        assert!(s.outlets.is_empty());
        let d = |m| Date::new(2021, m, 1).expect("valid");
        assert_eq!(reduce(State::default(), Action::Range(Some((d(2), d(1))))).range, None);
        assert_eq!(reduce(State::default(), Action::Range(Some((d(1), d(2))))).range, Some((d(1), d(2))));
        let nov9 = Date::new(2020, 11, 9).expect("valid");
        assert_eq!(reduce(State::default(), Action::Event(Some(nov9))).event, Some(nov9));
        let s = reduce(State::default(), Action::Open("a".into()));
        assert_eq!(reduce(s, Action::Close).open, None);
        // A chosen bar width lasts until the range changes.
        let s = reduce(State::default(), Action::Grain(Some(Granularity::Week)));
        assert_eq!(s.grain, Some(Granularity::Week));
        assert_eq!(reduce(s, Action::Range(Some((d(1), d(2))))).grain, None);
        // Switching the grouping clears the selection, which named the
        // other grouping's outlets; choosing the same one keeps it.
        let s = reduce(State::default(), Action::ToggleOutlet("rt".into()));
        let s = reduce(s, Action::GroupBySource(false));
        assert_eq!(s.outlets, vec!["rt"]);
        let s = reduce(s, Action::GroupBySource(true));
        assert!(s.by_source && s.outlets.is_empty());
    }

    #[test]
    fn url_dates_are_bounded() {
        assert_eq!(parse_iso("1800-01-01"), Date::new(1800, 1, 1));
        assert_eq!(parse_iso("2200-12-31"), Date::new(2200, 12, 31));
        for bad in ["1799-12-31", "2201-01-01", "0000-01-01", "9999-12-31", "2021-02-30", "２０２１-01-01", ""] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
        let d = |y| Date::new(y, 1, 1).expect("valid");
        assert_eq!(reduce(State::default(), Action::Range(Some((d(2020), d(100_000))))).range, None);
        assert_eq!(reduce(State::default(), Action::Range(Some((d(2020), d(2021))))).range, Some((d(2020), d(2021))));
    }

    #[test]
    fn huge_urls_are_cut_field_by_field() {
        let hash =
            format!("#/?q={}&outlets={}rt&open={}", "a".repeat(1 << 20), ",".repeat(1 << 20), "x".repeat(1 << 20));
        let s = UrlState::from_hash(&hash).to_state(|k| k == "rt", |_| true);
        assert_eq!(s.query.chars().count(), MAX_QUERY_CHARS);
        // The key after a million commas is past the outlets read.
        assert!(s.outlets.is_empty());
        assert!(s.open.is_none());
    }

    #[test]
    fn url_round_trip() {
        let s = State {
            query: "\"peace treaty\" -nato & ü".into(),
            outlets: vec!["rt".into(), "tass".into()],
            languages: vec!["hy".into(), "ru".into()],
            range: Some((Date::new(2021, 1, 1).expect("d"), Date::new(2021, 2, 1).expect("d"))),
            sort: Sort::Newest,
            open: Some("001_x".into()),
            event: Some(Date::new(2020, 11, 9).expect("d")),
            by_source: true,
            grain: Some(Granularity::Week),
            compare: vec!["nato".into(), "\"peace treaty\" & ü".into()],
            share: true,
            outlet_sort: false,
            group_outlets: true,
        };
        let hash = UrlState::from(&s).to_hash();
        assert!(hash.contains("group=source") && hash.contains("lang=hy,ru"), "{hash}");
        let back = UrlState::from_hash(&hash).to_state(|_| true, |_| true);
        assert_eq!(back, s);
    }

    #[test]
    fn languages_toggle_and_bad_codes_are_ignored() {
        let s = reduce(State::default(), Action::ToggleLanguage("ru".into()));
        let s = reduce(s, Action::ToggleLanguage("hy".into()));
        assert_eq!(s.languages, vec!["hy", "ru"]);
        assert!(reduce(s.clone(), Action::ClearLanguages).languages.is_empty());
        assert_eq!(reduce(s, Action::ToggleLanguage("ru".into())).languages, vec!["hy"]);
        let back = UrlState::from_hash("#/?lang=ru,<script>,RU,x,ru,zh").to_state(|_| true, |_| true);
        assert_eq!(back.languages, vec!["ru", "zh"]);
    }

    #[test]
    fn hostile_urls_are_ignored_safely() {
        for hash in [
            "#/?q=%ZZ&outlets=<script>,rt&from=2021-13-01&to=x&sort=evil&open=nope&event=2021-02-30",
            "#%",
            "#/?=&&=",
            "#/?from=2021-02-01&to=2021-01-01",
            // Regression (issue 12): these froze or crashed the tab.
            "#/?from=2020-01-01&to=2147483647-12-31",
            "#/?from=2020-01-01&to=100000-01-01",
            "#/?from=0000-01-01&to=9999-12-31",
            "#/?from=-2021-01-01&to=2021-02-01",
            "#/?from=2021-1-1&to=2021-02-01",
            "#/?from=+2021-01-01&to=2021-02-01",
            "#/?from=NaN&to=Infinity&event=1799-12-31",
            "#/?from=2021-01-01&to=2201-01-01&event=99999-01-01",
            "#/?group=%3Cscript%3E&grain=fortnight",
            "#/?y=%3Cscript%3E&rows=1&sort=outlets",
        ] {
            let s = UrlState::from_hash(hash).to_state(|k| k == "rt", |id| id == "ok");
            assert!(s.range.is_none(), "{hash}");
            assert!(s.open.is_none(), "{hash}");
            assert!(s.event.is_none(), "{hash}");
            assert!(s.outlets.iter().all(|o| o == "rt"), "{hash}");
            assert_eq!(s.sort, Sort::Relevance);
            assert!(!s.by_source, "{hash}");
            assert!(s.grain.is_none(), "{hash}");
            assert!(!s.share && !s.group_outlets && !s.outlet_sort && s.compare.is_empty(), "{hash}");
        }
    }
}

#[cfg(test)]
mod coverage_tests {
    use super::*;

    #[test]
    fn compared_queries_are_bounded_and_edited_in_place() {
        let mut s = State::default();
        for _ in 0..MAX_COMPARE + 2 {
            s = reduce(s, Action::AddCompare);
        }
        assert_eq!(s.compare.len(), MAX_COMPARE);
        let s = reduce(s, Action::SetCompare(1, "a|b".into()));
        assert_eq!(s.compare[1], "a b");
        let s = reduce(s, Action::RemoveCompare(0));
        assert_eq!(s.compare.len(), MAX_COMPARE - 1);
        assert_eq!(s.compare[0], "a b");
        // Out of range: nothing happens.
        assert_eq!(reduce(s.clone(), Action::SetCompare(99, "x".into())), s);
        assert_eq!(reduce(s.clone(), Action::RemoveCompare(99)), s);
        // A URL names at most MAX_COMPARE, each cut to MAX_QUERY_CHARS.
        let hash = format!("#/?vs={}", vec!["x".repeat(MAX_QUERY_CHARS + 9); 9].join("|"));
        let back = UrlState::from_hash(&hash).to_state(|_| true, |_| true);
        assert_eq!(back.compare.len(), MAX_COMPARE);
        assert!(back.compare.iter().all(|q| q.chars().count() == MAX_QUERY_CHARS));
        // An empty compared query (being typed) survives the URL.
        let s = reduce(State::default(), Action::AddCompare);
        assert_eq!(UrlState::from_hash(&UrlState::from(&s).to_hash()).to_state(|_| true, |_| true), s);
    }

    #[test]
    fn outlet_order_and_grouping() {
        let s = reduce(State::default(), Action::Sort(Sort::Newest));
        let s = reduce(s, Action::SortByOutlet);
        assert!(s.outlet_sort && s.sort == Sort::Relevance);
        let hash = UrlState::from(&s).to_hash();
        assert!(hash.contains("sort=outlet"), "{hash}");
        assert_eq!(UrlState::from_hash(&hash).to_state(|_| true, |_| true), s);
        let s = reduce(s, Action::Sort(Sort::Oldest));
        assert!(!s.outlet_sort && s.sort == Sort::Oldest);
        let s = reduce(s, Action::GroupOutlets(true));
        let back = UrlState::from_hash(&UrlState::from(&s).to_hash()).to_state(|_| true, |_| true);
        assert!(back.group_outlets && back.sort == Sort::Oldest);
        assert!(reduce(State::default(), Action::Share(true)).share);
    }
}
