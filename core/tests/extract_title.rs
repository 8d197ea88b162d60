//! Headline choice on small hand-written page texts: the first line is the
//! page title (with a site suffix), the text prints the headline again.

use dateline_core::ingest::registry::Registry;
use dateline_core::ingest::text::{extract, Extracted, Hints};

fn run(text: &str) -> Extracted {
    run_with(text, "")
}

fn run_with(text: &str, registry_toml: &str) -> Extracted {
    let reg = Registry::from_toml(registry_toml).expect("registry");
    extract(text, &Hints::default(), None, &reg).expect("an article")
}

const BODY: &str = "The council met on Tuesday evening to discuss the new plan for the harbour and its future.\n\
The proposal, drafted over two years, would double the number of berths and add a ferry terminal.\n\
Residents who spoke at the meeting were divided, with several asking for a full environmental review first.\n";

#[test]
fn site_name_printed_before_the_headline_is_not_the_title() {
    // The site suffix "harbour watch weekly" is not stripped by the suffix
    // rules (three words after a two-word headline), but the headline line
    // nearest the text is the other part of the page title.
    let text = format!("Harbour Plan - Harbour Watch Weekly\nHarbour Watch Weekly\nHome\nNews\nHarbour Plan\n{BODY}");
    assert_eq!(run(&text).title, "Harbour Plan");
}

#[test]
fn site_suffix_naming_a_blog_is_never_the_headline() {
    let text = format!(
        "Why the harbour plan matters. — The Harbour Blog\nMenu\nThe Harbour Blog\nThe Harbour Blog\nWhy the harbour plan matters.\n{BODY}"
    );
    assert_eq!(run(&text).title, "Why the harbour plan matters.");
}

/// A page title whose site name after the separator is empty (`<title>`
/// "Headline - "): the title kept the dangling " -" on a German and an
/// English dev page.
#[test]
fn a_page_title_ending_in_a_separator_loses_it() {
    let text = format!(
        "Harbour plan approved after two years -
Home
News
{BODY}"
    );
    assert_eq!(run(&text).title, "Harbour plan approved after two years");
    let text = format!(
        "Harbour plan approved after two years |
Home
Harbour plan approved after two years
{BODY}"
    );
    assert_eq!(run(&text).title, "Harbour plan approved after two years");
}

#[test]
fn headline_with_a_suffix_that_names_no_site_keeps_it() {
    let text =
        format!("How to Plan a Harbour | Step-by-Step Guide\nHome\nHow to Plan a Harbour | Step-by-Step Guide\n{BODY}");
    assert_eq!(run(&text).title, "How to Plan a Harbour | Step-by-Step Guide");
}

#[test]
fn short_first_line_printed_again_is_the_page_title() {
    let text = format!("harbourwatch\nToggle navigation\nharbourwatch\nAlbums\nRecent photos\n{BODY}");
    assert_eq!(run(&text).title, "harbourwatch");
}

#[test]
fn page_title_wrapped_onto_a_second_line_is_joined() {
    let text = format!(
        "Jane's Harbour Notes\n| What We Learned From the Harbour Plan, Two Years On\nHome\nBlog\nWhat We Learned From the Harbour Plan, Two Years On\nJanuary 13, 2020\n{BODY}"
    );
    assert_eq!(run(&text).title, "What We Learned From the Harbour Plan, Two Years On");
}

#[test]
fn video_prefixed_page_title_is_not_a_caption() {
    let text = format!(
        "VIDEO: Voting on the Harbour Plan\nSearch\nTopics\nPolitics & Government\nHousing and Homelessness\n{BODY}"
    );
    assert_eq!(run(&text).title, "VIDEO: Voting on the Harbour Plan");
}

#[test]
fn kicker_above_the_headline_loses_to_the_longer_line() {
    let text = format!(
        "Open Harbour - Why shared berths beat private moorings | Harbour Weekly\nOpen Harbour\nWhy shared berths beat private moorings\n{BODY}"
    );
    assert_eq!(run(&text).title, "Why shared berths beat private moorings");
}

#[test]
fn subtitle_below_the_headline_loses_to_the_longer_line() {
    let text = format!(
        "The Effect of New Berths on Harbour Traffic: A Two-Year Study: Harbour Journal\nThe Effect of New Berths on Harbour Traffic\nA Two-Year Study\n{BODY}"
    );
    assert_eq!(run(&text).title, "The Effect of New Berths on Harbour Traffic");
}

#[test]
fn headline_differing_from_the_page_title_is_taken_from_the_header() {
    // The page title is an SEO title; the H1 above the byline and the date
    // differs from it and from every other line.
    let text = format!(
        "Harbour to get more berths by spring | Harbour Weekly\nNews\nTravel\nDeals\nSearch\nHarbour council sets a new date for the berth expansion\nJane Doe\nOct 13, 2020\n{BODY}"
    );
    let ex = run(&text);
    assert_eq!(ex.title, "Harbour council sets a new date for the berth expansion");
    assert_eq!(ex.author.as_deref(), Some("Jane Doe"));
}

#[test]
fn header_line_sharing_no_word_with_the_page_title_is_not_the_headline() {
    // The header found above the main text heads a box of the page (a
    // reviewed product's drawbacks), not the article: it shares no word
    // with the page title, which stays the headline; the header's date is
    // still the article's.
    let text = format!(
        "Best berth expansions of the coast in 2026 | Harbour Weekly\nNews\nTravel\nDeals\nSearch\nNo customer service on the weekends\nJane Doe\nOct 13, 2020\n{BODY}"
    );
    let ex = run(&text);
    assert_eq!(ex.title, "Best berth expansions of the coast in 2026");
    assert_eq!(ex.date.date.map(|d| d.iso()).as_deref(), Some("2020-10-13"));
}

#[test]
fn header_headline_is_the_topmost_not_the_bullet_points_below_it() {
    let text = format!(
        "Council wins harbour vote | Harbour Weekly\nLogin\nForecast\nshow ad\nHarbour council wins the vote on the berth expansion after a long night\nResidents asked for a review of the plan first\nFerry operators welcomed the extra capacity\nBy Jane Doe\n{BODY}"
    );
    assert_eq!(run(&text).title, "Harbour council wins the vote on the berth expansion after a long night");
}

#[test]
fn menu_entries_and_quotes_are_not_header_headlines() {
    // No headline in the header: a quoted sentence and a lower-case widget
    // line are not headlines, so the page title minus its suffix stays.
    let text = format!(
        "Harbour plan approved | Harbour Weekly\nLatest Issue Past Issues\nSign In My Account\nSubscribe\nIdeas\npause play hide box show box\n“I hope the new berths open before the summer season.”\n{BODY}"
    );
    assert_eq!(run(&text).title, "Harbour plan approved");
}

#[test]
fn share_buttons_between_header_and_text_are_not_the_menu() {
    let text = format!(
        "Small harbour ideas | Harbour Weekly\nHome\nBaby\nHalloween\nChristmas\n20 Clever Harbour Ideas When You Are Tight On Space\nJuly 24, 2019\nby Amy Roe\nShare\nTweet\nPin\n{BODY}"
    );
    assert_eq!(run(&text).title, "20 Clever Harbour Ideas When You Are Tight On Space");
}

#[test]
fn site_name_with_a_tagline_after_the_headline_is_stripped() {
    // "Headline - Site Magazine - Tagline, Of, The Site": the site name
    // starts a suffix of two parts; the line printing it (with another
    // dash) is not a longer headline.
    let text = format!(
        "Harbour Plan Wins a Narrow Vote on Tuesday - Quay Magazine - Boats, Docks, Tides and More !\nHome\nQuay Magazine – Boats, Docks, Tides and More !\nHarbour Plan Wins a Narrow Vote on Tuesday\nBy\nAnn Other\n{BODY}"
    );
    assert_eq!(run(&text).title, "Harbour Plan Wins a Narrow Vote on Tuesday");
}

#[test]
fn site_name_first_then_an_archive_label_is_not_a_tagline() {
    let text = format!(
        "Quay Notes » Blog Archive » What the Harbour Plan Means for Sailors\nQuay Notes\nWhat the Harbour Plan Means for Sailors\n{BODY}"
    );
    assert_eq!(run(&text).title, "What the Harbour Plan Means for Sailors");
}

#[test]
fn page_link_inside_the_menu_is_not_the_headline() {
    // Regression: "About Us" (the page title minus the site) was found as a
    // menu entry, though the headline stands right above the text.
    let text = format!(
        "About Us - Quay Trust\nSkip to content\nHome\nProjects\nAbout Us\nIn the News\nMeet the Team\nOur Partners\nThe harbour think and do tank\n{BODY}"
    );
    assert_eq!(run(&text).title, "The harbour think and do tank");
}

#[test]
fn page_link_inside_the_menu_is_the_title_when_no_headline_follows() {
    let text = format!("Ferries - Quay Wiki\nHome\nFerries\nBerths\nTides\nDocks\nContact\n{BODY}");
    assert_eq!(run(&text).title, "Ferries");
}

#[test]
fn blog_post_title_below_the_blog_description_wins_over_the_blog_name() {
    // Regression: the blog's name (first part of the page title) was taken;
    // the post title stands below the blog description and the date.
    let text = format!(
        "QUAYSIDE The Harbour Diary: Dredging The Channel Before Winter\nQUAYSIDE The Harbour Diary\nHere is where I write about the harbour, its boats and the people who work on them every day.\nWednesday, October 16, 2019\nDredging The Channel Before Winter\n{BODY}"
    );
    assert_eq!(run(&text).title, "Dredging The Channel Before Winter");
}

#[test]
fn headline_that_is_not_the_page_title_keeps_a_suffix_naming_no_site() {
    let text = format!(
        "Plan a Harbour in Ten Steps | Berths, Tides & Ferries\nHome\nTutorials\nPlan a Harbour in Ten Steps (3 Examples) | Berths, Tides & Ferries\n{BODY}"
    );
    assert_eq!(run(&text).title, "Plan a Harbour in Ten Steps (3 Examples) | Berths, Tides & Ferries");
}

#[test]
fn headline_above_a_share_bar_and_byline_is_found() {
    // Regression: the walk up from the text stopped at the share bar and
    // counters ("845 shares", "View", "comments") below the header.
    let text = format!(
        "Council backs harbour plan | Quay News\nHome\nNews\nSport\nWeather\nShow ad\nHarbour war: council backs the plan to double the berths and add a ferry terminal after a long night\nResidents divided over the cost of the works\nBy Ann Other For The Quay News\nPublished:\n22:00 GMT, 26 September 2020\ne-mail\n845 shares\n560\nView\ncomments\n{BODY}"
    );
    assert_eq!(
        run(&text).title,
        "Harbour war: council backs the plan to double the berths and add a ferry terminal after a long night"
    );
}

#[test]
fn slide_caption_from_the_page_title_loses_to_the_headline_above_it() {
    // Regression: a slideshow's page title names the headline and the
    // first slide ("Headline - Slide caption | Site"); the short caption,
    // nearer the text, was taken for the headline.
    let text = format!(
        "The harbour plan is here, and this is all we know - Not a berth | Quay Times\nHome\nNews\nThe harbour plan is here, and this is all we know\nQuay Online|\n09 Jun 2020, 02:32 PM\n1/5\nNot a berth\n{BODY}"
    );
    assert_eq!(run(&text).title, "The harbour plan is here, and this is all we know");
}

#[test]
fn outlet_name_inside_a_word_of_the_tail_is_not_a_site_suffix() {
    // Regression: the outlet "RT" matched inside "reporting", and the end
    // of the headline was stripped as a site name.
    let reg = "[[outlet]]\nkey = \"rt\"\nname = \"RT\"\nshort = \"RT\"\n";
    let text = format!("After the vote, the harbour board has one worry — and it's not reporting the truth\n{BODY}");
    assert_eq!(
        run_with(&text, reg).title,
        "After the vote, the harbour board has one worry — and it's not reporting the truth"
    );
    let text = format!("After the vote, the harbour board has one worry — RT\nHome\nNews\nSport\nWorld\n{BODY}");
    assert_eq!(run_with(&text, reg).title, "After the vote, the harbour board has one worry");
}

#[test]
fn headline_with_the_text_right_below_keeps_its_source_attribution() {
    // A scraper's headline line followed at once by the text is the
    // article's headline, not a page title: "- UN" is its source.
    let text = format!("Almost 1,000 boats idle since the harbour strike - UN\n{BODY}");
    assert_eq!(run(&text).title, "Almost 1,000 boats idle since the harbour strike - UN");
}

#[test]
fn sources_prefixed_headline_at_the_top_is_the_title() {
    let text = format!("Sources: harbour board hack bears similarities to the ferry breach\n{BODY}");
    assert_eq!(run(&text).title, "Sources: harbour board hack bears similarities to the ferry breach");
}

#[test]
fn standfirst_ending_with_the_headline_is_not_the_headline() {
    // Regression: a standfirst glued to the headline ("..., the author
    // writes. Putting the harbour on the right path") contains the page
    // title and was taken for a longer headline.
    let text = format!(
        "Putting the harbour on the right path\nThe council must show that it won't stand for delays, the author writes. Putting the harbour on the right path\n{BODY}"
    );
    assert_eq!(run(&text).title, "Putting the harbour on the right path");
}

#[test]
fn headline_shortening_another_part_of_the_title_beats_the_subtitle_below() {
    // Regression: "Run Ferries on Time" (a part of the page title) was
    // taken, though the line above it, "Quay Planner 15 for Harbours", is
    // the headline (a shortened form of the title's other part).
    let text = format!(
        "Run Ferries on Time - Quay Planner 15 Scheduling Software for Harbours\nHome\nProducts\nSupport\nQuay Planner 15 for Harbours\nRun Ferries on Time\n{BODY}"
    );
    assert_eq!(run(&text).title, "Quay Planner 15 for Harbours");
}

#[test]
fn one_word_headline_after_the_site_name_is_the_title() {
    // "Word.Of.The.Week --harbour": the site name is printed alone on
    // several lines (logo, menu), so the one-word part is the headline.
    let text = format!(
        "Word.Of.The.Week --harbour\nWord.Of.The.Week\nHome\nArchives\nWord.Of.The.Week\nwith Jane Doe\nharbour\n{BODY}"
    );
    assert_eq!(run(&text).title, "harbour");
}

#[test]
fn one_word_part_of_a_title_is_not_the_headline_without_a_site_name() {
    // The same page whose other part is not a site name printed alone:
    // the one-word part is a section, the title stays whole.
    let text = format!("Harbour Plan Diary --harbour\nHome\nArchives\nwith Jane Doe\nharbour\n{BODY}");
    assert_eq!(run(&text).title, "Harbour Plan Diary --harbour");
}

#[test]
fn wiki_page_name_title_gives_way_to_the_heading_above_the_text() {
    // A wiki's page title is its page name ("HarbourGuide/Berths"), printed
    // again in its menus; the heading right above the text is the title,
    // and the short first sentence below it belongs to the text.
    let text = format!(
        "HarbourGuide/Berths - Harbour Wiki\nSearch:\nHarbourGuide/Berths\nFrontPage\nRecentChanges\nHarbourGuide/Berths\nLogin\nBooking a Berth\nBefore you start, you will need a boat.\n{BODY}"
    );
    let ex = run(&text);
    assert_eq!(ex.title, "Booking a Berth");
    assert_eq!(ex.lead, "Before you start, you will need a boat.");
}

#[test]
fn german_byline_below_the_headline_is_not_part_of_it() {
    // "von <Name>" on its own line under the headline is the byline (a
    // user name may be in lower case): the headline does not run on into it.
    let text = format!(
        "Neue Liegeplätze im Hafen | Hafenblatt\nStartseite\nHafen\nNeue Liegeplätze im Hafen\nvon hafenfreund\n{BODY}"
    );
    assert_eq!(run(&text).title, "Neue Liegeplätze im Hafen");
}

#[test]
fn short_headline_above_a_german_byline_is_the_header_headline() {
    // The page title names only the site; the H1 of three words stands
    // right above its "von" byline, below the menu.
    let text = format!(
        "Hafenstiftung - detail\nHome\nThemen\nPresse\nBerichte\nHafenwahl in Nordstadt\nvon Erika Muster, Max Muster\n{BODY}"
    );
    assert_eq!(run(&text).title, "Hafenwahl in Nordstadt");
}

#[test]
fn domain_with_any_top_level_domain_names_a_site() {
    // The H1 repeats the headline with the site's domain in capitals
    // after a pipe (not the page title's suffix): it is a site name.
    let text = format!(
        "Hafen plant neue Liegeplätze - Hafenblatt Online\nStartseite\nHafen\nHafen plant neue Liegeplätze | HAFENBLATT.DE\n{BODY}"
    );
    assert_eq!(run(&text).title, "Hafen plant neue Liegeplätze");
}

#[test]
fn domain_mentioned_by_a_headline_part_is_not_a_site_name() {
    // "... auf hafenkarte.ch" is the headline; the first part names the
    // site and the second a section.
    let text = format!(
        "hafenkarte.ch - Hafennews - Neue Liegeplatzkarten auf Hafenkarte.ch\nHafennews\nNeue Liegeplatzkarten auf Hafenkarte.ch\n{BODY}"
    );
    assert_eq!(run(&text).title, "Neue Liegeplatzkarten auf Hafenkarte.ch");
}

#[test]
fn german_newspaper_word_in_a_lower_case_suffix_names_a_site() {
    let text = format!("Hafen plant neue Liegeplätze für Fähren - hafen magazin\nStartseite\nHafen\n{BODY}");
    assert_eq!(run(&text).title, "Hafen plant neue Liegeplätze für Fähren");
}

#[test]
fn place_name_ending_with_a_dash_opens_the_text_and_is_not_the_headline() {
    // "Nordstadt -" (the dateline opening the text) prints the title's
    // first part; the headline is the whole line above the byline.
    let text = format!(
        "Nordstadt: Stadt verklagt die Baufirma wegen loser Steine | Hafenblatt\nRegion\nNordstadt\nNordstadt: Stadt verklagt die Baufirma wegen loser Steine\nVon\nErika Muster\n19.10.19, 08:00 Uhr\nemail\nfacebook\ntwitter\nMessenger\nDie Fugen zwischen den Steinen sind zum Teil breit, die Stadt sieht einen Fehler beim Verlegen.\nFoto:\nMax Muster\nNordstadt -\n{BODY}"
    );
    assert_eq!(run(&text).title, "Nordstadt: Stadt verklagt die Baufirma wegen loser Steine");
}

#[test]
fn headline_going_on_after_the_page_title_is_the_whole_h1() {
    // The page title shortens the H1 ("Lemon Cake: easy and quick!").
    let text = format!(
        "Lemon Cake from the Tray | Harbour Bakes\nHome\nRecipes\nCakes\nHome » Recipes » Cakes » Lemon Cake from the Tray: easy and quick!\n17 Feb 2020\nLemon Cake from the Tray: easy and quick!\nvon Erika\nTo the recipe Print Pin\n{BODY}"
    );
    assert_eq!(run(&text).title, "Lemon Cake from the Tray: easy and quick!");
}

#[test]
fn headline_going_on_after_a_printed_part_of_the_page_title_is_the_h1() {
    let text = format!(
        "Harbour Ferries of the Fifties - Part 49 - Quay Archive - Boats and Docks\nHome\nHarbour Ferries of the Fifties - Part 49\nTuesday, 2 November 2021\nHarbour Ferries of the Fifties - Part 49 – The Blue Star (1931 – 1945)\n{BODY}"
    );
    assert_eq!(run(&text).title, "Harbour Ferries of the Fifties - Part 49 – The Blue Star (1931 – 1945)");
}

#[test]
fn headline_followed_by_another_site_name_is_not_a_longer_h1() {
    let text = format!(
        "What the harbour plan means for us | QUAY.IO\nHome\nBlog\nWhat the harbour plan means for us | HARBOURNOTES.NET\n{BODY}"
    );
    assert_eq!(run(&text).title, "What the harbour plan means for us");
}

#[test]
fn page_title_printing_a_date_is_still_the_page_title() {
    // The first line reads like a date line (headline : date, time); the
    // short ad label below it is not the page title.
    let text = format!(
        "So viel Regen im Hafen gab es lange nicht : 31.10.2023, 10.19 Uhr\nAnzeige\nNachrichten aus dem Hafen\nStartseite\nRegion\nSo viel Regen im Hafen gab es lange nicht\n{BODY}"
    );
    assert_eq!(run(&text).title, "So viel Regen im Hafen gab es lange nicht");
}

#[test]
fn date_before_or_after_the_page_title_is_not_part_of_the_headline() {
    let text = format!("Harbour board approves the berth plan | 23.05.2011\nHome\nNews\nSport\nWeather\n{BODY}");
    assert_eq!(run(&text).title, "Harbour board approves the berth plan");
    let text = format!("23.01.2022 - Harbour board approves the berth plan - Quay\nHome\nNews\nSport\nWeather\n{BODY}");
    assert_eq!(run(&text).title, "Harbour board approves the berth plan");
}

#[test]
fn headline_printed_after_its_date_is_found() {
    // "23.01.2022 - Headline" reads like a date line; the standfirst
    // below it is not the headline.
    let text = format!(
        "23.01.2022 - Harbour board approves the berth plan - Quay Times\nHome\nNews\nWebcam\n23.01.2022 - Harbour board approves the berth plan\nTwice the board put off the vote, but at its last meeting of the year it finally said yes to the plan\n{BODY}"
    );
    assert_eq!(run(&text).title, "Harbour board approves the berth plan");
}

#[test]
fn kicker_glued_before_the_headline_without_a_separator_is_dropped() {
    let text = format!(
        "Ferry strike: Harbour board expects a slow restart of the ferries | Quay Times\nHome\nNews\nRegion\nAfter the ferry strike Harbour board expects a slow restart of the ferries\nMain content\nUpdated: 20 April 2020, 14:57\n{BODY}"
    );
    assert_eq!(run(&text).title, "Harbour board expects a slow restart of the ferries");
}

#[test]
fn kicker_printed_with_its_own_separator_is_kept() {
    let text = format!(
        "Harbour board expects a slow restart of the ferries | Quay Times\nHome\nNews\nRegion\n\"Pure relief\": Harbour board expects a slow restart of the ferries\nMain content\nUpdated: 20 April 2020, 14:57\n{BODY}"
    );
    assert_ne!(run(&text).title, "Harbour board expects a slow restart of the ferries");
}

#[test]
fn cjk_page_title_joins_its_site_name_without_spaces() {
    // "标题-网站": no spaces around the dash, no spaces between the words;
    // the headline is not printed again as such in the text.
    let text = format!("港口：新泊位今年开放-港口日报\n首页\n新闻\n地方\n{BODY}");
    assert_eq!(run(&text).title, "港口：新泊位今年开放");
    let text = format!("HARBOUR NEWS|港に新しい桟橋ができる\n{BODY}");
    assert_eq!(run(&text).title, "港に新しい桟橋ができる");
}

#[test]
fn page_title_printed_whole_below_a_teaser_list_is_the_headline() {
    // Regression (a camera guide dated from the teaser above it): the
    // teasers' blurbs read like the start of the text, the article's own
    // headline comes after them.
    let text = format!(
        "Beginner's guide to harbour berths | Quay Times\nQuay Times\nHome\nNews\nAdvertisement\nYou may also like...\n\
December 19, 2025\nThe best ferries in 2026 for a calm crossing\nWith 'all-in-one' ferries you have incredible versatility. Here's our essential guide to them all\n\
by Ann Lee\nDecember 17, 2025\nThe best quays to walk along in 2026\nAnn Lee and the team pick the best quays on the coast, including the old harbour and more.\n\
by Ann Lee\nDecember 16, 2025\nThe best lighthouses to visit in 2026\nBen Hall rounds up our picks of the best lighthouses for a day out, open to visit now.\n\
by Ben Hall\nAdvertisement\nHome / Guides / Beginner’s guide to harbour berths\nBeginner’s guide to harbour berths\nJoshua Wall\n30 January 2025\n{BODY}"
    );
    let ex = run(&text);
    assert_eq!(ex.title, "Beginner’s guide to harbour berths");
    assert_eq!(ex.date.date.map(|d| d.iso()).as_deref(), Some("2025-01-30"));
}

#[test]
fn reworded_headline_above_its_byline_beats_a_section_heading_over_the_longest_text() {
    // A buying guide: the page title rewords the H1, and the longest run
    // of prose is a section further down, under its own heading. The H1
    // is the line with the byline and date below it that shares words
    // with the page title.
    let text = format!(
        "The 6 Best Harbour Ferries, Tested & Reviewed\nHome\nReviews\nTravel\n\
Our 6 Favorite Harbour Ferries for Every Crossing\nFrom short hops to night crossings, these boats did it all\nBy\nJane Doe\n\
March 3, 2025\nWe rode every ferry in the harbour.\nOur Top Picks\nBest Overall\nBest Budget\n\
Price\n$12\nDeck space\nLarge\nWhat we liked about the night boat\n{BODY}"
    );
    assert_eq!(run(&text).title, "Our 6 Favorite Harbour Ferries for Every Crossing");
}

#[test]
fn section_kicker_above_an_updated_label_is_not_the_headline() {
    // `Updated` sits between a section's kicker and the H1: the kicker is
    // not taken for the headline because of it.
    let text = format!(
        "Best harbour ferries of 2025: night, day, budget | Harbour Weekly\nHome\nNews\nTravel\nHarbour Ferries Best Picks\nUpdated\n\
The best harbour ferries for crossing at any hour\nFrom night boats to water taxis, these are the ones to take.\nBy Jane Doe\n\
Mar 3, 2025 9:00 am PST\nPrice\n$12\nDeck space\nLarge\nWhat we liked about the night boat\n{BODY}"
    );
    assert_eq!(run(&text).title, "The best harbour ferries for crossing at any hour");
}

#[test]
fn pipe_suffix_printed_alone_in_the_menu_is_stripped() {
    // (page text, title): a site name or section after ` | ` that the
    // page prints alone on a line of its own goes; one it does not print
    // alone stays (it may be the headline's own subtitle).
    let cases = [
        (
            format!(
                "Harbour Plan Checklist | Coast Tires\nHome\nCoast Tires\nOffers\nHarbour Plan Checklist | Coast Tires\n{BODY}"
            ),
            "Harbour Plan Checklist",
        ),
        (
            format!(
                "Why the harbour plan matters | Opinion\nNews\nOpinion\nSport\nWhy the harbour plan matters | Opinion\n{BODY}"
            ),
            "Why the harbour plan matters",
        ),
        (
            format!("How to Plan a Harbour | Step-by-Step Guide\nHome\nHow to Plan a Harbour | Step-by-Step Guide\n{BODY}"),
            "How to Plan a Harbour | Step-by-Step Guide",
        ),
    ];
    for (text, title) in cases {
        assert_eq!(run(&text).title, title, "{text:.60}");
    }
}
