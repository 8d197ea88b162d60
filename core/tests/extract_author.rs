//! Author extraction on small hand-written page texts: bylines glued to
//! `By`, bylines spread over lines, bylines and bios at the end of the
//! article, and name-like menu entries that are not people.

use dateline_core::ingest::registry::Registry;
use dateline_core::ingest::text::{extract, Hints};

fn author(text: &str) -> Option<String> {
    let reg = Registry::from_toml("").expect("empty registry");
    extract(text, &Hints::default(), None, &reg).expect("an article").author
}

const BODY: &str = "The council met on Tuesday evening to discuss the new plan for the harbour and its future.\n\
The proposal, drafted over two years, would double the number of berths and add a ferry terminal.\n\
Residents who spoke at the meeting were divided, with several asking for a full environmental review first.\n";

#[test]
fn by_glued_to_the_name() {
    for line in ["ByJane Doe", "byJ.R. Stone", "| By Jane Doe |"] {
        let text =
            format!("Harbour plan approved after a long night\n{line}\nThursday, November 9, 2023 4:41AM\n{BODY}");
        let want = if line.contains("Stone") { "J.R. Stone" } else { "Jane Doe" };
        assert_eq!(author(&text).as_deref(), Some(want), "byline {line:?}");
    }
}

#[test]
fn by_marker_with_names_on_the_following_lines() {
    let text =
        format!("Harbour plan approved after a long night\nBy\nJane Doe\nand\nJohn Roe\nPublished Nov 8, 2023\n{BODY}");
    assert_eq!(author(&text).as_deref(), Some("Jane Doe, John Roe"));
}

#[test]
fn byline_after_the_article() {
    for (line, want) in
        [("Author: Jane Doe", "Jane Doe"), ("Autor: Hans Muster", "Hans Muster"), ("Posted by Jane Doe", "Jane Doe")]
    {
        let text = format!("Harbour plan approved after a long night\n{BODY}Share this\n{line}\n");
        assert_eq!(author(&text).as_deref(), Some(want), "line {line:?}");
    }
}

#[test]
fn author_bio_and_follow_lines() {
    let cases = [
        ("Jane Doe is a senior fellow at the Harbour Institute.", Some("Jane Doe")),
        (
            "Andrew P. Roe, a former judge of the harbour court, is the senior legal analyst at Harbour TV.",
            Some("Andrew P. Roe"),
        ),
        ("• H. Jane Doe is a research fellow on energy at the Harbour Institute.", Some("H. Jane Doe")),
        ("Follow Jane Doe on Twitter and Facebook.", Some("Jane Doe")),
        // A person in the news is not the author.
        ("John Roe is a former sailor who has lived by the harbour for forty years.", None),
    ];
    for (bio, want) in cases {
        let text = format!("Harbour plan approved after a long night\n{BODY}{bio}\n");
        assert_eq!(author(&text).as_deref(), want, "bio {bio:?}");
    }
}

#[test]
fn name_like_heading_whose_last_word_is_a_common_noun_is_not_an_author() {
    // "posts" is printed in lower case in the text: "Recent Posts" is a heading.
    let text = format!(
        "Harbour plan approved after a long night\nRecent Posts\n{BODY}Older posts about the harbour are in the archive, which lists every one of them by date.\n"
    );
    assert_eq!(author(&text), None);
    let text = format!("Harbour plan approved after a long night\nJane Doe\n{BODY}");
    assert_eq!(author(&text).as_deref(), Some("Jane Doe"));
}

#[test]
fn bio_confirms_a_name_whose_word_is_also_a_common_noun() {
    let text = format!(
        "Expert advice in a crisis\nHeiko Sauer\nDo 9 Apr 2020\n{BODY}The milk turned sauer overnight, said one resident of the harbour district.\nHeiko Sauer is a Professor of Public Law at the University of Bonn.\n"
    );
    assert_eq!(author(&text).as_deref(), Some("Heiko Sauer"));
}

#[test]
fn share_and_page_buttons_next_to_the_headline_are_not_authors() {
    for button in ["Send Text Message", "Report Chapter", "Raw Text", "Recent Posts", "Supplemental Material"] {
        let text = format!("Harbour plan approved after a long night\n{button}\n{BODY}");
        assert_eq!(author(&text), None, "{button}");
    }
}

#[test]
fn role_glued_to_the_name_is_not_part_of_it() {
    // Regression: "By Evan HalperStaff Writer" (the role printed right
    // after the name without a space) gave "Evan HalperStaff Writer".
    for line in ["By Ann OtherStaff Writer", "By Ann Other Staff Writer", "By Ann OtherReporter"] {
        let text =
            format!("Harbour plan approved after a long night\n{line}\nThursday, November 9, 2023 4:41AM\n{BODY}");
        assert_eq!(author(&text).as_deref(), Some("Ann Other"), "{line}");
    }
    let text = format!("Harbour plan approved after a long night\nBy Ann McDonald\n{BODY}");
    assert_eq!(author(&text).as_deref(), Some("Ann McDonald"));
}

#[test]
fn contact_line_closing_the_article_names_the_author() {
    let text = format!(
        "Harbour plan approved after a long night\n{BODY}• Contact Ann Other at [email protected] or on Twitter @annother.\nSign up for the newsletter\n"
    );
    assert_eq!(author(&text).as_deref(), Some("Ann Other"));
}

/// Regression (WCXB dev pages): section headings and labels near the
/// headline were taken for a name alone on its line (`Key Takeaways`,
/// `Quick Summary`, `Written By`, `Posted On`, `Our Blogs`, `For
/// Nonprofits`, `Das Schwarze Schaf`), and a byline marker with its
/// prefix kept (`By Clay`, `Von Tomas Spahn`) was the author.
#[test]
fn headings_and_byline_labels_near_the_headline_are_not_authors() {
    for heading in [
        "Key Takeaways",
        "Key Insights",
        "Quick Summary",
        "Brief Description",
        "Photo Credit",
        "Written By",
        "Posted On",
        "Our Blogs",
        "For Nonprofits",
        "Request Demo",
        "Das Schwarze Schaf",
        "Show Caption",
    ] {
        let text = format!("Harbour plan approved after a long night\n{heading}\n{BODY}");
        assert_eq!(author(&text), None, "{heading}");
    }
}

#[test]
fn byline_prefix_in_other_languages_and_forms_is_not_part_of_the_name() {
    let cases = [
        ("Von Tomas Spahn", "Tomas Spahn"),
        ("Par Kab Niang", "Kab Niang"),
        ("Por Luciana Bertoia", "Luciana Bertoia"),
        ("Door Anne de Vries", "Anne de Vries"),
        ("Written by: Sean Peek, Senior Analyst", "Sean Peek"),
        ("Authors:Aniruddha Roy, Jyoti Patel", "Aniruddha Roy, Jyoti Patel"),
        ("Posted by By Jane Doe", "Jane Doe"),
        // One name is enough when the byline holds nothing else.
        ("By Clay", "Clay"),
        ("Author: Jesy", "Jesy"),
    ];
    for (line, want) in cases {
        let text = format!("Harbour plan approved after a long night\n{line}\nThursday, November 9, 2023\n{BODY}");
        assert_eq!(author(&text).as_deref(), Some(want), "{line}");
    }
    // A menu word or an advertising label after `By` is still no name.
    for line in ["By Admin", "By Sponsored Content", "von Gesponserte Inhalte"] {
        let text = format!("Harbour plan approved after a long night\n{line}\n{BODY}");
        assert_eq!(author(&text), None, "{line}");
    }
}

/// Regression: what follows the name on a byline line was read as more
/// name: the revision label after a full stop (`Jeff Cobb. Last
/// Updated`), a month glued to the name (`Kathryn GiuffridaMar 5`), a
/// date's particle (`Matthieu Hy le 12 mars`), while a newsroom's
/// collective byline lost its group word (`Great Day Editorial`).
#[test]
fn a_byline_ends_where_the_name_does() {
    let cases = [
        ("By Jeff Cobb. Last Updated on December 11, 2025", "Jeff Cobb"),
        ("ByAngela Kaye Carpenter Updated on", "Angela Kaye Carpenter"),
        ("ByKathryn GiuffridaMar 5, 2025 | 6 comments", "Kathryn Giuffrida"),
        ("Par Matthieu Hy le 12 mars 2020", "Matthieu Hy"),
        ("By J. R. Stone Jr. and Ann Other", "J. R. Stone Jr., Ann Other"),
        ("By Great Day Editorial Team", "Great Day Editorial Team"),
        ("By The Currency editors", "The Currency editors"),
    ];
    for (line, want) in cases {
        let text = format!("Harbour plan approved after a long night\n{line}\n{BODY}");
        assert_eq!(author(&text).as_deref(), Some(want), "{line}");
    }
    // A group word inside a byline is still a role (`Staff Writer`).
    let text = format!("Harbour plan approved after a long night\nBy Ann Other Staff Writer\n{BODY}");
    assert_eq!(author(&text).as_deref(), Some("Ann Other"));
}

/// Regression: `by` inside a sentence near the headline made its
/// objects the authors (`deals announced by Jamf, Ping Identity, and
/// Veeam Software.`); a credit a few words into its sentence still
/// names them.
#[test]
fn by_inside_a_sentence_is_no_byline() {
    let text = format!(
        "Harbour plan approved after a long night\nSignificant harbour deals were announced by Ann Other, John Roe, and Mary Major.\n{BODY}"
    );
    assert_eq!(author(&text), None);
    for line in ["Text by Ann Other", "Posted on Feb 8, 2020 by Ann Other"] {
        let text = format!("Harbour plan approved after a long night\n{line}\n{BODY}");
        assert_eq!(author(&text).as_deref(), Some("Ann Other"), "{line}");
    }
}

/// A name with its role or outlet after a separator, or followed by a
/// role word, is still a name alone on its line; a paragraph opening with
/// a name is not.
#[test]
fn a_name_line_may_carry_a_role_after_a_separator() {
    for (line, want) in [
        ("Sarah Hauer | Milwaukee Journal Sentinel", Some("Sarah Hauer")),
        ("Lance Ryan (Content Manager)", Some("Lance Ryan")),
        ("Rasmus Barslund Founder & Lead Reviewer", Some("Rasmus Barslund")),
        ("Mateusz HabernyFounder at Oakywood", Some("Mateusz Haberny")),
        ("Harbour Master Plan Approved by Council", None),
        ("Mikaela Shiffrin (USA/Ski alpin): Mit 18 Jahren war sie die jüngste Siegerin.", None),
    ] {
        let text = format!("Harbour plan approved after a long night\n{line}\n{BODY}");
        assert_eq!(author(&text).as_deref(), want, "{line}");
    }
}

/// A name printed right before the date on the date line is the author;
/// a place there is not.
#[test]
fn a_name_before_the_date_on_the_date_line() {
    for (line, want) in [
        ("Dakota Hebert July 3, 2025", Some("Dakota Hebert")),
        ("Jane Doe · 3 March 2025", Some("Jane Doe")),
        ("LONDON, March 3, 2025", None),
        ("New York March 3, 2025", None),
        ("Updated Jun 16, 2025", None),
    ] {
        let text = format!("Harbour plan approved after a long night\n{line}\n{BODY}");
        assert_eq!(author(&text).as_deref(), want, "{line}");
    }
}

/// Regression: a heading whose words the page never printed in lower case
/// was taken for a name on a line of its own (`Provider Type`, `Final
/// Words`) or after a heading's `by` (`Typical Costs by Provider Type`).
/// Words that pages print in lower case (`core/data/common_words_en.txt`)
/// make no name; names whose words are also nouns (`Mark Hill`, `Rose
/// White`) are capitalised in news text too often to be listed.
#[test]
fn headings_of_common_words_are_not_authors() {
    for heading in [
        "Provider Type",
        "Final Words",
        "Contract Lengths",
        "Recipe Hub",
        "Job Applications",
        "Copy Link",
        "Fact Checked",
    ] {
        let text = format!("Harbour plan approved after a long night\n{heading}\n{BODY}");
        assert_eq!(author(&text), None, "{heading}");
    }
    let text = format!("Harbour plan approved after a long night\nTypical Costs by Provider Type\n{BODY}");
    assert_eq!(author(&text), None);
    for name in ["Mark Hill", "Rose White", "Grant Price", "Will Judd"] {
        let text = format!("Harbour plan approved after a long night\n{name}\n{BODY}");
        assert_eq!(author(&text).as_deref(), Some(name), "{name}");
        let text = format!("Harbour plan approved after a long night\nPhoto by {name}\n{BODY}");
        assert_eq!(author(&text).as_deref(), Some(name), "Photo by {name}");
    }
}
