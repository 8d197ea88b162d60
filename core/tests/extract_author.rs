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
