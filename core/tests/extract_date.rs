//! Publication-date choice on small hand-written page texts.

use dateline_core::ingest::registry::Registry;
use dateline_core::ingest::text::{extract, Hints};

fn date(text: &str) -> Option<String> {
    let reg = Registry::from_toml("").expect("empty registry");
    extract(text, &Hints::default(), None, &reg).expect("an article").date.date.map(|d| d.iso())
}

const BODY: &str = "The council met on Tuesday evening to discuss the new plan for the harbour and its future.\n\
The proposal, drafted over two years, would double the number of berths and add a ferry terminal.\n\
Residents who spoke at the meeting were divided, with several asking for a full environmental review first.\n";

#[test]
fn label_alone_on_the_line_before_the_date_wins_over_the_sites_today() {
    // Regression: the site's "today" line in the header beat the
    // publication date whose "Published:" label stood on the line before.
    let text = format!(
        "Harbour plan approved after a long night\nThursday, Nov 5th 2020\nBy Jane Doe\nPublished:\n22:00 GMT, 26 September 2020\n{BODY}"
    );
    assert_eq!(date(&text).as_deref(), Some("2020-09-26"));
}

#[test]
fn labelled_date_far_below_the_text_still_counts() {
    // No date line near the text; a "Datum:" labelled date after a long
    // list of related links is the publication date.
    let mut text = format!("Harbour plan approved after a long night\n{BODY}Related\n");
    for i in 0..40 {
        text.push_str(&format!("Another harbour story number {i}\n"));
    }
    text.push_str("Datum:\n19.11.2021\nAutor: Hans Muster\n");
    assert_eq!(date(&text).as_deref(), Some("2021-11-19"));
}

#[test]
fn unlabelled_date_far_below_the_text_is_not_the_publication_date() {
    let mut text = format!("Harbour plan approved after a long night\n{BODY}Related\n");
    for i in 0..40 {
        text.push_str(&format!("Another harbour story number {i}\n"));
    }
    text.push_str("19.11.2021\n");
    assert_eq!(date(&text), None);
}

#[test]
fn updated_line_next_to_the_headline_and_a_teaser_date_far_below_give_no_date() {
    // The article printed only "Last updated on ..." under its headline; an
    // unlabelled teaser date stood below the text, under "More stories".
    // Earlier the teaser won (a date after the text has started is not
    // "near" the headline), then the update did. Neither is the
    // publication date: a revision was made after it, and the teaser is
    // another story.
    let mut text = String::from(
        "Harbour plan approved after a long night | Harbour Times\nMenu\nSearch\n\
         Harbour plan approved after a long night\nJane Doe\nLast updated on 14 Mar, 2020. 4 min read\nFollow\n",
    );
    for _ in 0..4 {
        text.push_str("The council met on Tuesday evening to discuss the new plan for the\n");
        text.push_str("harbour and its future, and the proposal drafted over two years would\n");
        text.push_str("double the number of berths and add a ferry terminal for the islands\n");
        text.push_str("while residents asked for a full environmental review of the works\n");
    }
    text.push_str(
        "More stories\nA new ferry line for the islands and a bridge to nowhere\nJohn Roe\n2 Jun, 2021. 3 min read\n",
    );
    text.push_str(BODY);
    assert_eq!(date(&text), None);
}

#[test]
fn slashed_date_with_a_two_digit_year_under_the_byline() {
    // Regression: "MM/DD/YY time" under the byline was not read as a date
    // at all, so the page had no publication date.
    let text = format!("Harbour plan approved after a long night\nBy Jane Doe •\n03/07/24 9:41am\n{BODY}");
    assert_eq!(date(&text).as_deref(), Some("2024-03-07"));
}

#[test]
fn date_glued_to_the_end_of_the_standfirst() {
    // Regression: the page lost the line break between the standfirst and
    // the date element, so the only date line was too long to be one and
    // the page had no publication date.
    let text = format!(
        "Harbour plan approved after a long night\n\
         The plan divided the town for two years, and the vote went late into the night. Will the ferries ever come?Tuesday, 9 March 2021\n\
         By Jane Doe\n{BODY}"
    );
    assert_eq!(date(&text).as_deref(), Some("2021-03-09"));
}

#[test]
fn date_ending_a_sentence_in_the_header_is_not_glued() {
    // A date after a space ends a (long, unpunctuated) sentence about an
    // event: not a date element that lost its line break.
    let text = format!(
        "Harbour plan approved after a long night\n\
         The plan divided the town for two years, and after many long meetings the council finally put it to a vote on 9 March 2021\n\
         By Jane Doe\n{BODY}"
    );
    assert_eq!(date(&text), None);
}

#[test]
fn ambiguous_slashed_date_read_day_first_when_the_page_prints_day_first_dates() {
    // Regression: "04/03/2021" was always read month-first (April 3) though
    // the page prints "18/03/2021" elsewhere, which can only be day-first.
    let text = format!(
        "Harbour plan approved after a long night\n04/03/2021\nBy Jane Doe\n{BODY}\
         The next meeting of the harbour board is set for 18/03/2021 at the town hall, the clerk said.\n"
    );
    assert_eq!(date(&text).as_deref(), Some("2021-03-04"));
}

#[test]
fn ambiguous_slashed_date_read_so_that_the_reported_events_come_first() {
    // Regression: "02/10/2020" was read as February 10 although the article
    // reports an event of 29 September 2020; 2 October is the reading that
    // puts the events before publication.
    let text = format!(
        "Harbour plan approved after a long night\n02/10/2020\nBy Jane Doe\n{BODY}\
         The first ferry trials took place on Sept. 29, 2020, and more are planned before winter.\n"
    );
    assert_eq!(date(&text).as_deref(), Some("2020-10-02"));
}

#[test]
fn ambiguous_slashed_date_kept_when_the_events_do_not_decide() {
    // Events both before and after the guessed reading: the separator's
    // convention (month-first after slashes) stands.
    let text = format!(
        "Harbour plan approved after a long night\n02/10/2020\nBy Jane Doe\n{BODY}\
         The plan was first shown on January 20, 2020, and the vote is due on Sept. 29, 2020, the clerk said.\n"
    );
    assert_eq!(date(&text).as_deref(), Some("2020-02-10"));
}

#[test]
fn comment_dates_below_the_article_are_not_the_publication_date() {
    // Regression: with no date printed in the header, the first comment's
    // date right below the "3 Comments" heading became the publication date.
    let text = format!(
        "Harbour plan approved after a long night\n{BODY}3 Comments\nSam Green\nMarch 2, 2022 at 8:15 pm\nReply\nWell done, council.\n"
    );
    assert_eq!(date(&text), None);
}

#[test]
fn date_after_a_byline_at_the_end_of_the_headline_line() {
    // Regression: headline, byline and date joined on one line gave no date
    // line at all, so the page had no publication date.
    let text = format!(
        "Harbour plan approved after a long night—the council says the ferries will come—residents want a review \
         By Jane Doe Tuesday Mar 9, 2021 · 9:01 AM EDT\n{BODY}"
    );
    assert_eq!(date(&text).as_deref(), Some("2021-03-09"));
}

#[test]
fn published_date_after_the_updated_one_on_the_same_line() {
    // Regression: the first date of a line printing both was taken, here
    // the update.
    let text = format!(
        "Harbour plan approved after a long night\nUpdated 10:05 AM ET, Fri March 6, 2020 · Published March 3, 2020\nBy Jane Doe\n{BODY}"
    );
    assert_eq!(date(&text).as_deref(), Some("2020-03-03"));
}

#[test]
fn dotted_date_with_a_two_digit_year_under_the_byline() {
    // Regression: "dd.mm.yy, hh:mm" under a German byline was not read as a
    // date (dotted two-digit years were refused as version numbers).
    let text = format!("Harbour plan approved after a long night\nVon Jane Doe\n19.10.19, 08:00 Uhr\n{BODY}");
    assert_eq!(date(&text).as_deref(), Some("2019-10-19"));
}

#[test]
fn abbreviated_german_month_under_the_headline() {
    // Regression: "Okt." was not a month name, so the page had no date.
    let text = format!("Harbour plan approved after a long night\nJane Doe\n2. Okt. 2022\n{BODY}");
    assert_eq!(date(&text).as_deref(), Some("2022-10-02"));
}

#[test]
fn published_label_of_other_languages_beats_the_last_change() {
    // Regression: below the text, "Letzte Änderung" (last change) and
    // "Erschienen am" (published on) were both unlabelled, and the nearer
    // one, the change, won.
    let text = format!(
        "Harbour plan approved after a long night\n{BODY}Letzte Änderung: 31.10.2023 - 14:49:39\nErschienen am: 01.11.2023\n"
    );
    assert_eq!(date(&text).as_deref(), Some("2023-11-01"));
}

#[test]
fn date_opening_the_first_paragraph_is_the_publication_date() {
    // Regression: a press release opening its first paragraph with the date
    // ("12.03.2021 – Der Hafenrat ...") had no date line, so no date.
    let text = format!(
        "Harbour plan approved after a long night\n\
         12.03.2021 – Der Hafenrat hat am Dienstagabend den neuen Plan für den Hafen beschlossen, nach zwei Jahren Streit.\n{BODY}"
    );
    assert_eq!(date(&text).as_deref(), Some("2021-03-12"));
    let text = format!(
        "Harbour plan approved after a long night\n\
         Pressemitteilung vom 25. Januar 2022 | Hafenstadt – Der Hafenrat hat den neuen Plan für den Hafen beschlossen.\n{BODY}"
    );
    assert_eq!(date(&text).as_deref(), Some("2022-01-25"));
    // A line break lost between the time and the text.
    let text = format!(
        "Harbour plan approved after a long night\nVon Jane Doe\n\
         19.10.2019, 15:30 UhrAm Dienstag hat der Hafenrat den neuen Plan für den Hafen beschlossen, nach zwei Jahren.\n{BODY}"
    );
    assert_eq!(date(&text).as_deref(), Some("2019-10-19"));
}

#[test]
fn date_inside_the_opening_sentence_or_a_period_is_not_leading() {
    // An event in the first sentence, and a period, are no publication date.
    let text = format!(
        "Harbour plan approved after a long night\n\
         Am 12.03.2021 hat der Hafenrat den neuen Plan für den Hafen beschlossen, nach zwei Jahren Streit um die Fähren.\n{BODY}"
    );
    assert_eq!(date(&text), None);
    let text = format!(
        "Harbour plan approved after a long night\n\
         12.03.2021 – 15.03.2021: Ausstellung im Rathaus zum neuen Plan für den Hafen, täglich von zehn bis achtzehn Uhr.\n{BODY}"
    );
    assert_eq!(date(&text), None);
}

#[test]
fn updated_label_far_below_the_text_is_no_publication_date() {
    // Formerly the only date, "Aktualisiert: ..." (updated) below a long
    // list of links, was taken when nothing else dated the page; a
    // revision's date is never the publication date.
    let mut text = format!("Harbour plan approved after a long night\n{BODY}Related\n");
    for i in 0..40 {
        text.push_str(&format!("Another harbour story number {i}\n"));
    }
    text.push_str("Aktualisiert: 30.12.2016\n");
    assert_eq!(date(&text), None);
}

#[test]
fn a_period_above_the_headline_is_not_the_publication_date() {
    // Regression: an archive banner's "09 Jan 2014 - 01 Jan 2017" (a
    // period) beat the post's own date below the headline.
    let text = format!(
        "Harbour plan approved after a long night\n09 Jan 2014 - 01 Jan 2017\nJane Doe\n9. Dezember 2013\n{BODY}"
    );
    assert_eq!(date(&text).as_deref(), Some("2013-12-09"));
}

#[test]
fn slashed_date_is_day_first_on_a_page_not_in_english() {
    // Regression: "04/05/2022" on a Portuguese page was read month-first
    // (April 5); outside English pages slashed dates are day-first.
    let text = "Conselho aprova o plano do porto depois de uma longa noite\n\
                postado em 04/05/2022 05:49\n\
                O conselho aprovou na terça-feira o novo plano para o porto, que dobra o número de vagas.\n\
                A proposta levou dois anos e inclui uma estação de balsas para as ilhas do sul.\n\
                Os moradores que falaram na reunião pediram uma revisão ambiental completa das obras.\n";
    assert_eq!(date(text).as_deref(), Some("2022-05-04"));
}

#[test]
fn date_printed_as_a_part_of_the_page_title_when_the_text_prints_none() {
    // Regression: the only date, a part of the page title ("Headline -
    // 11/05/2022 - Site", day first on a Spanish page), was not looked at.
    let text = "Aprueban el plan del puerto tras una larga noche de debate entre vecinos, pescadores y navieras - Información - 11/05/2022 - Diario del Puerto\n\
                Aprueban el plan del puerto tras una larga noche\n\
                El consejo aprobó el martes el nuevo plan para el puerto, que duplica el número de amarres.\n\
                La propuesta llevó dos años y incluye una terminal de ferris para las islas del sur.\n\
                Los vecinos que hablaron en la reunión pidieron una revisión ambiental completa de las obras.\n";
    assert_eq!(date(text).as_deref(), Some("2022-05-11"));
}

#[test]
fn last_update_label_loses_to_the_unlabelled_date() {
    // "Letzte Aktualisierung" (last update) labels a change, not the
    // publication, like "Updated".
    let text = format!(
        "Harbour plan approved after a long night\nLetzte Aktualisierung am 05.02.2021\nJane Doe\n03.02.2021\n{BODY}"
    );
    assert_eq!(date(&text).as_deref(), Some("2021-02-03"));
}

#[test]
fn a_revision_date_is_never_the_publication_date() {
    // Regression (WCXB pages): "Updated", "Last modified" and "Letzte
    // Änderung" dates under the headline were given as the publication
    // date, years after the article was first published.
    for line in ["Updated Feb 27, 2026", "Last modified: 12.01.2026", "Letzte Änderung: 12.01.2026"] {
        let text = format!("Harbour plan approved after a long night\nBy Jane Doe\n{line}\n{BODY}");
        assert_eq!(date(&text), None, "{line}");
    }
    // The revision loses, the unlabelled date stands.
    let text = format!(
        "Harbour plan approved after a long night\nUpdated Feb 27, 2026\nBy Jane Doe\nOctober 10, 2020\n{BODY}"
    );
    assert_eq!(date(&text).as_deref(), Some("2020-10-10"));
}

#[test]
fn a_revision_label_ending_the_line_before_labels_the_date() {
    // Regression: "By Jane Doe Updated on" / "February 16, 2026" and a bare
    // "Last updated:" line labelled nothing, so the update was the
    // publication date.
    for (before, line) in [("By Jane Doe Updated on", "February 16, 2026"), ("Last updated:", "January 12, 2026")] {
        let text = format!("Harbour plan approved after a long night\n{before}\n{line}\n{BODY}");
        assert_eq!(date(&text), None, "{before}");
    }
}

#[test]
fn a_label_after_the_date_is_its_own_unless_another_date_follows() {
    // A revision label after the publication date belongs to the second
    // date ("August 16, 2019 - Updated July 9, 2025"); a "published" word
    // after the only date labels it (a WordPress footer: "Dieser Beitrag
    // wurde am" / "04/02/2020" / "von kj in Politik veröffentlicht.").
    let text = format!("Harbour plan approved after a long night\nAugust 16, 2019 - Updated July 9, 2025\n{BODY}");
    assert_eq!(date(&text).as_deref(), Some("2019-08-16"));
    let mut text = format!("Harbour plan approved after a long night\n{BODY}Ähnliche Beiträge\n");
    text.push_str("Dieser Beitrag wurde am\n04.02.2020\nvon kj in Politik veröffentlicht.\n");
    assert_eq!(date(&text).as_deref(), Some("2020-02-04"));
}

#[test]
fn dates_of_a_list_of_teasers_are_not_the_publication_date() {
    // Regression (WCXB): with no date in the article's header, the first
    // date of a list of other stories below the text ("title / author /
    // date", three times) was taken.
    let mut text = format!("Harbour plan approved after a long night\n{BODY}");
    for (title, day) in [
        ("Ferry fares rise again", "January 23, 2025"),
        ("Bridge works delayed", "January 21, 2025"),
        ("New mayor sworn in", "January 9, 2025"),
    ] {
        text.push_str(&format!("{title}\nAhmet Serhan\n{day}\n"));
    }
    assert_eq!(date(&text), None);
    // Items with their date on the title line, in a sidebar above the headline.
    let mut text = String::from("Harbour Times\n");
    for (title, day) in [
        ("Lerndogmen und Bildungsmythen (4)", "23. Januar 2020"),
        ("Stammtischparolen", "19. Mai 2019"),
        ("Lerndogmen und Bildungsmythen (3)", "24. Februar 2019"),
    ] {
        text.push_str(&format!("{title} {day}\n"));
    }
    text.push_str(&format!("Harbour plan approved after a long night\n{BODY}"));
    assert_eq!(date(&text), None);
}

#[test]
fn a_date_printed_again_in_the_header_is_no_list() {
    // The header printing the same day three times ("Posted On" / "Jan 13,
    // 2025" twice more) is one date, not a list of teasers.
    let text = format!(
        "Harbour plan approved after a long night\nJane Doe\nJan 13, 2025\nJan 13, 2025\nShare\nJan 13, 2025\n{BODY}"
    );
    assert_eq!(date(&text).as_deref(), Some("2025-01-13"));
}

#[test]
fn dates_below_a_related_stories_heading_are_not_the_publication_date() {
    // Regression (WCXB): "Related Articles" / "December 8, 2025/Mental
    // Health" / teaser title below the text gave the teaser's date.
    let text = format!(
        "Harbour plan approved after a long night\n{BODY}Related Articles\nDecember 8, 2025/Harbour\nHow the ferries will run\n"
    );
    assert_eq!(date(&text), None);
    // A sidebar heading above the headline ends at the headline.
    let text =
        format!("Latest news\nFerry fares rise again\nHarbour plan approved after a long night\nMarch 1, 2024\n{BODY}");
    assert_eq!(date(&text).as_deref(), Some("2024-03-01"));
}

#[test]
fn a_published_label_far_from_the_headline_loses_to_the_date_next_to_it() {
    // Regression: an embedded social-media post inside the text ("Posted by
    // SPÖ on Monday, February 7, 2022") beat the unlabelled date above the
    // headline because of its "posted" label.
    let text = format!(
        "04. Februar 2022, 15:29 Uhr\nHarbour plan approved after a long night\n\
         The council met on Tuesday evening to discuss the new plan for the harbour and its future.\n\
         Posted by Harbour Party on Monday, February 7, 2022\n{BODY}"
    );
    assert_eq!(date(&text).as_deref(), Some("2022-02-04"));
}

#[test]
fn a_period_is_never_the_publication_date() {
    // Regression: the end of a period ("Wochenbericht 14. - 20. Januar
    // 2022", "Beratung (bis 31.12.2018)") or its start in the page title
    // ("Harbour festival 12-14 May 2023") was taken as the publication date.
    for line in
        ["Wochenbericht 14. - 20. Januar 2022", "Förderprogramm Hafen (bis 31.12.2018)", "From 5 to 9 March 2020"]
    {
        let text = format!("Harbour plan approved after a long night\n{line}\n{BODY}");
        assert_eq!(date(&text), None, "{line}");
    }
    let text = format!("Harbour festival 12-14 May 2023 | Harbour Times\nHarbour festival this weekend\n{BODY}");
    assert_eq!(date(&text), None);
}

#[test]
fn a_date_labelled_as_something_else_is_not_the_publication_date() {
    // Regression: a forum member's "Joined" line, a release date and an
    // "as of" note were publication dates.
    for line in
        ["Joined: Mar 3, 2015", "Release: 11.02.2005", "*As of 8/30/21 on example.com", "Mitglied seit 03.03.2015"]
    {
        let text = format!("Harbour plan approved after a long night\nharbourfan\n{line}\n{BODY}");
        assert_eq!(date(&text), None, "{line}");
    }
}

#[test]
fn a_page_clock_is_not_the_publication_date() {
    // Regression: a forum's clock ("Aktuelles Datum und Uhrzeit: 11/02/20,
    // 07:22 pm", phpBB's "It is currently ...") is the day the page was
    // saved, and was taken as the publication date.
    for line in [
        "Aktuelles Datum und Uhrzeit: 11/02/20, 07:22 pm",
        "It is currently Tue Feb 11, 2020 7:22 pm",
        "Current date/time: 11 February 2020",
        "Today is Tuesday, February 11, 2020",
        "Nous sommes le 11 février 2020",
    ] {
        let text = format!("Harbour plan approved after a long night\n{line}\n{BODY}");
        assert_eq!(date(&text), None, "{line}");
    }
}

#[test]
fn a_sources_access_date_is_not_the_publication_date() {
    // Regression: "Accessed April 14, 2025" in the article's list of
    // sources (the day a web page was read) dated the page.
    for line in ["Harbour Trust, \"Home page,\" Accessed April 14, 2025.", "Port figures. Retrieved 3 March 2024."] {
        let text = format!("Harbour plan approved after a long night\n{BODY}Sources\n{line}\n");
        assert_eq!(date(&text), None, "{line}");
    }
}

#[test]
fn links_to_the_previous_and_next_post_are_not_the_publication_date() {
    // Regression: "« Whiskydinner 14.12.2019, 19 Uhr" (the previous post)
    // below the text dated the page.
    let text = format!(
        "Harbour plan approved after a long night\n{BODY}« Ferry dinner 14.12.2019, 19 Uhr\nHarbour festival 15.05.2020 »\n"
    );
    assert_eq!(date(&text), None);
}

#[test]
fn a_weekday_date_deep_in_the_text_gives_no_inferred_publication_date() {
    // Regression: "viernes 20 de mayo" in a later paragraph (an event) gave
    // a publication date with an inferred year; only the lead and captions
    // tell the day's news.
    let text = format!(
        "Harbour plan approved after a long night\n{BODY}The next vote is due on Friday (20 May), the clerk said in 2022, and the works start soon after.\n"
    );
    assert_eq!(date(&text), None);
    let text = format!(
        "Harbour plan approved after a long night\nThe council on Monday (11 January) approved the harbour plan, the mayor said in 2021, after two years of debate.\n{BODY}"
    );
    assert_eq!(date(&text).as_deref(), Some("2021-01-11"));
}

#[test]
fn of_two_dates_next_to_each_other_in_the_header_the_earlier_is_the_publication() {
    // Regression (WCXB): "July 13, 2024" / "October 10, 2020" under the
    // headline: the later one is an update.
    let text =
        format!("Harbour plan approved after a long night\nJuly 13, 2024\nOctober 10, 2020\nby Jane Doe\n{BODY}");
    assert_eq!(date(&text).as_deref(), Some("2020-10-10"));
}

fn source(text: &str) -> String {
    let reg = Registry::from_toml("").expect("empty registry");
    extract(text, &Hints::default(), None, &reg).expect("an article").date.source
}

#[test]
fn the_source_says_when_only_a_revision_date_is_printed() {
    let text = format!("Harbour plan approved after a long night\nBy Jane Doe\nUpdated Feb 27, 2026\n{BODY}");
    let s = source(&text);
    assert!(s.starts_with(dateline_core::ingest::text::header_date::ONLY_REVISION), "{s}");
    assert!(s.contains("Feb 27, 2026"), "{s}");
}

#[test]
fn a_schedule_below_the_headline_leaves_the_articles_own_date() {
    // Regression: "31. Jan. 2022 in Köln" under the headline and the TV
    // schedule in the text ("Donnerstag, 03. Februar 2022" ...) were one
    // list, so the page had no date.
    let mut text = String::from("Golf im Fernsehen: die Turniere der Woche\n31. Jan. 2022 in Köln, Deutschland\n");
    text.push_str("Die PGA Tour bleibt in Kalifornien und die DP World Tour reist in die Emirate, wo zum ersten Mal gespielt wird.\n");
    for day in ["Donnerstag, 03. Februar 2022", "Freitag, 04. Februar 2022", "Samstag, 05. Februar 2022"] {
        text.push_str(&format!("{day}\nDP World Tour: Ras al Khaimah Championship, 11:30 Uhr bei Sky Sport\n"));
    }
    text.push_str(BODY);
    assert_eq!(date(&text).as_deref(), Some("2022-01-31"));
}

#[test]
fn a_dateline_with_a_full_stop_opens_the_first_paragraph() {
    // Regression: "31. Oktober 2023. Dragqueens sind ..." (a dateline
    // opening the text) gave no date.
    let text = format!(
        "Harbour plan approved after a long night\n\
         31. Oktober 2023. Der Hafenrat hat am Dienstagabend den neuen Plan für den Hafen beschlossen, nach zwei Jahren Streit.\n{BODY}"
    );
    assert_eq!(date(&text).as_deref(), Some("2023-10-31"));
}

#[test]
fn a_date_next_to_a_repeat_of_the_page_title_dates_the_page() {
    // Regression: the headline found was the last of many copies of the
    // title (a picture gallery's captions), fourteen lines below the
    // article's own header (the title printed again, the author, the
    // date), which was out of the header zone.
    let t = "Radtour durch Friedrichsfelde, Karlshorst und Schöneweide";
    let mut text = format!("{t} | Unterwegs in Berlin\nUnterwegs in Berlin\n");
    for item in ["Home", "Blog", "Radtouren", "Berlin", "Brandenburg", "Über", "Suchen"] {
        text.push_str(&format!("{item}\n"));
    }
    text.push_str(&format!("{t}\nTine\n2. Februar 2020\nRadtouren Berlin\n"));
    for i in 1..=12 {
        text.push_str(&format!("{t}\nradtour_berlin_{i}\n"));
    }
    text.push_str(&format!("{t}\n"));
    text.push_str("Heute geht es mit dem Rad durch den Osten der Stadt, vom Tierpark bis an die Spree und weiter nach Schöneweide.\n");
    text.push_str(
        "Wir starten am Bahnhof Friedrichsfelde Ost und fahren zuerst durch die alte Siedlung am Rand des Parks.\n",
    );
    text.push_str(
        "Danach geht es über die Treskowallee nach Karlshorst, wo wir an der Trabrennbahn eine Pause machen.\n",
    );
    assert_eq!(date(&text).as_deref(), Some("2020-02-02"));
}

fn info(text: &str) -> dateline_core::model::DateInfo {
    let reg = Registry::from_toml("").expect("empty registry");
    extract(text, &Hints::default(), None, &reg).expect("an article").date
}

const RU_BODY: &str = "Президент России провёл переговоры с лидерами Армении и Азербайджана в Сочи, встреча продолжалась несколько часов.\n\
Стороны обсудили ситуацию в регионе, вопросы разблокирования транспортных коммуникаций и делимитации границы.\n\
По итогам встречи было подписано совместное заявление, в котором стороны подтвердили свои обязательства.\n";

#[test]
fn russian_header_date_and_labels() {
    let text = format!("Путин провёл встречу с лидерами Армении и Азербайджана\n5 октября 2023, 21:49\n{RU_BODY}");
    let d = info(&text);
    assert_eq!(d.date.map(|d| d.iso()).as_deref(), Some("2023-10-05"));
    assert_eq!(d.time.map(|t| (t.hour, t.minute)), Some((21, 49)));
    // "Обновлено" (updated) labels a revision.
    let text =
        format!("Путин провёл встречу с лидерами Армении и Азербайджана\nОбновлено: 6 октября 2023 г.\n{RU_BODY}");
    assert_eq!(date(&text), None);
    let text = format!(
        "Путин провёл встречу с лидерами Армении и Азербайджана\nОбновлено: 6 октября 2023 г.\nОпубликовано: 5 октября 2023 г.\n{RU_BODY}"
    );
    assert_eq!(date(&text).as_deref(), Some("2023-10-05"));
}

#[test]
fn a_year_less_agency_dateline_takes_the_year_of_the_days_the_article_reports() {
    // Regression (issue 13): a Russian agency page printing only "МОСКВА,
    // 5 октября. /ТАСС/." had no date.
    let text = format!(
        "Путин провёл встречу с лидерами Армении и Азербайджана\n\
         МОСКВА, 5 октября. /ТАСС/. Президент России провёл переговоры с лидерами Армении и Азербайджана, сообщили в Кремле.\n\
         Предыдущая встреча в таком формате состоялась 28 сентября 2023 года в Бишкеке, напомнили в пресс-службе.\n{RU_BODY}"
    );
    let d = info(&text);
    assert_eq!(d.date.map(|d| d.iso()).as_deref(), Some("2023-10-05"));
    assert_eq!(d.precision, dateline_core::model::DatePrecision::YearInferred);
    assert!(d.source.contains("5 октября") && d.source.contains("2023-09-28"), "{}", d.source);
    // Without a dated day in the article the year is unknown: no date.
    let text = format!(
        "Путин провёл встречу с лидерами Армении и Азербайджана\n\
         МОСКВА, 5 октября. /ТАСС/. Президент России провёл переговоры с лидерами Армении и Азербайджана, сообщили в Кремле.\n{RU_BODY}"
    );
    assert_eq!(date(&text), None);
}

#[test]
fn header_dates_in_the_other_languages_of_the_story() {
    let cases = [
        // Ukrainian, Armenian, Azerbaijani, Turkish, Romanian
        ("Опубліковано: 5 жовтня 2023 р., 14:30", "2023-10-05"),
        ("Հոկտեմբերի 5, 2023 14:30", "2023-10-05"),
        ("05 Oktyabr 2023 14:30", "2023-10-05"),
        ("Güncelleme: 06.10.2023 09:15 Yayınlanma: 05.10.2023 14:30", "2023-10-05"),
        ("Publicat: joi, 5 octombrie 2023, 14:30", "2023-10-05"),
        // Persian (Solar Hijri, Persian digits), Arabic (Syriac-derived and
        // transliterated names), Chinese, Japanese
        ("پنجشنبه ۱۳ مهر ۱۴۰۲ - ۱۰:۳۰", "2023-10-05"),
        ("الخميس 5 تشرين الأول/أكتوبر 2023", "2023-10-05"),
        ("发布时间：2023年10月05日 14:30 来源：新华网", "2023-10-05"),
        ("2023年10月5日 21時40分", "2023-10-05"),
    ];
    for (line, want) in cases {
        let text = format!("Putin hosts Armenian and Azerbaijani leaders in Sochi\n{line}\n{BODY}");
        assert_eq!(date(&text).as_deref(), Some(want), "{line}");
    }
    let text = format!("Putin hosts Armenian and Azerbaijani leaders in Sochi\nپنجشنبه ۱۳ مهر ۱۴۰۲ - ۱۰:۳۰\n{BODY}");
    assert!(info(&text).source.contains("Solar Hijri"), "{}", info(&text).source);
    // A Turkish "Güncelleme" (update) alone is a revision, and so is a
    // Chinese "更新时间" glued to the words before it (no spaces in Chinese).
    for line in ["Güncelleme: 06.10.2023 09:15", "本文更新时间：2023年10月06日"] {
        let text = format!("Putin hosts Armenian and Azerbaijani leaders in Sochi\n{line}\n{BODY}");
        assert_eq!(date(&text), None, "{line}");
    }
}

#[test]
fn a_slashed_date_on_a_page_without_english_words_is_day_first() {
    // Regression: a page printing no function word of any table (Arabic,
    // Russian) counted as English, so "05/10/2023" was read as May 10.
    let text = "بوتين يستضيف زعيمي أرمينيا وأذربيجان في سوتشي\n05/10/2023\n\
                استضاف الرئيس الروسي زعيمي أرمينيا وأذربيجان في سوتشي لبحث الوضع في المنطقة وسبل التسوية.\n\
                وناقش الجانبان قضايا ترسيم الحدود وفتح طرق النقل بين البلدين خلال اجتماع استمر عدة ساعات.\n\
                ووقع القادة في ختام اللقاء بيانا مشتركا أكدوا فيه التزامهم بمواصلة الحوار.\n";
    assert_eq!(date(text).as_deref(), Some("2023-10-05"));
}

#[test]
fn bare_updated_label_above_the_headline_makes_the_header_date_a_revision() {
    // Regression (a laptop guide dated from its last update): "Updated"
    // printed alone above the headline labels the date under the byline.
    let text = format!(
        "Best harbour ferries 2026 | Quay Times\nHome\nNews\nFerries\nBest Picks\nUpdated\nBest harbour ferries 2026\nBy Ann Lee\nAssociate Editor, Quay Times Mar 11, 2026 9:00 am PDT\n{BODY}"
    );
    assert_eq!(date(&text), None);
    // Without the label the same date is the publication date.
    let text = text.replace("Updated\n", "");
    assert_eq!(date(&text).as_deref(), Some("2026-03-11"));
}

#[test]
fn date_of_a_post_embedded_in_the_article_is_not_the_publication_date() {
    // Regression: an Instagram post quoted at the top of the text gave its
    // own date; the article's is printed after the text.
    let text = format!(
        "Harbour plan approved after a long night\nHome\nNews\nHarbour plan approved after a long night\n\
The council met on Tuesday evening to discuss the new plan for the harbour, the mayor said in a short statement.\n\
Sieh dir diesen Beitrag auf Instagram an Ein Beitrag geteilt von Jane Doe (@janedoe)\nApr 21, 2019 um 4:47 PDT\n{BODY}\
von Ulrike\n18.10.2019 16:06 Uhr\nMehr zum Thema\n"
    );
    assert_eq!(date(&text).as_deref(), Some("2019-10-18"));
    let text = text.replace(
        "Sieh dir diesen Beitrag auf Instagram an Ein Beitrag geteilt von",
        "View this post on Instagram A post shared by",
    );
    assert_eq!(date(&text).as_deref(), Some("2019-10-18"));
}

#[test]
fn dates_below_a_more_on_site_heading_are_other_stories() {
    // Regression: the foot of a German page listed another story under
    // "Mehr auf waldwissen.net" with its date.
    let text = format!(
        "Der Hafenplan ist beschlossen\nStartseite\n{BODY}Mehr auf waldwissen.net\nWald- und Forstgeschichte im Schwarzwald\nDer Mensch hat das ursprüngliche Bild des Schwarzwaldes stark verändert.\n01.09.2004\nKontakt\n"
    );
    assert_eq!(date(&text), None);
}

#[test]
fn numeric_date_read_as_the_day_the_page_prints_with_its_month_named() {
    // Regression (a British guide dated 10 March): 03/10/2023 on an
    // English page is read month first, but the site's list of its own
    // stories prints the article as "3 October 2023".
    let text = format!(
        "Harbour plan approved after a long night\nHarbour plan approved after a long night\n03/10/2023\nby Quay Staff\n{BODY}Latest posts\nHarbour plan approved after a long night - 3 October 2023\nFerry timetable changes - 1 October 2023\n"
    );
    assert_eq!(date(&text).as_deref(), Some("2023-10-03"));
    // Nothing settles the order: read month first as before.
    let text = format!("Harbour plan approved after a long night\nHarbour plan approved after a long night\n03/10/2023\nby Quay Staff\n{BODY}");
    assert_eq!(date(&text).as_deref(), Some("2023-03-10"));
}

#[test]
fn page_title_date_after_the_reviewed_date_is_not_the_publication_date() {
    // Regression (a law firm's blog): the page title ended with 12/20/2024
    // and the header said "Reviewed by ... on December 9, 2024.". The
    // article was published on or before its first revision: a date after
    // it is another change's.
    let text = format!(
        "Harbour plan approved after a long night | 12/20/2024\nHome\nBlog\nHarbour plan approved after a long night\n4 min read time\nReviewed by Jane Doe, Trial Attorney at Doe & Doe, on December 9, 2024.\n{BODY}"
    );
    assert_eq!(date(&text), None);
    // A publication date before the revision stays.
    let text = format!(
        "Harbour plan approved after a long night\nHarbour plan approved after a long night\nDecember 2, 2024\nReviewed by Jane Doe on December 9, 2024.\n{BODY}"
    );
    assert_eq!(date(&text).as_deref(), Some("2024-12-02"));
}

#[test]
fn revision_day_printed_again_below_the_article_is_no_publication_date() {
    // Regression (a buying guide): the header printed only "Updated Feb
    // 27, 2026"; the same day, unlabelled, stood again below the text.
    let text = format!(
        "Harbour plan approved after a long night\nHarbour plan approved after a long night\nJane Doe Lead Reviewer\nUpdated Feb 27, 2026\n{BODY}Feb 27, 2026\nAbout us\n"
    );
    assert_eq!(date(&text), None);
}
