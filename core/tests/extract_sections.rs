//! An article's sections parted by lists, tables and product boxes, on
//! small hand-written page texts: the article goes on past them, not past
//! a site's menus, forms or footer.

mod common;

use common::extract::{body, harbour_paragraphs, run};

#[test]
fn a_list_of_short_items_does_not_end_the_article() {
    // Regression: a product's features, one short item a line (ten of
    // them: more than a table's header holds), read as a menu; the
    // article's next section was lost.
    let mut text = String::from("Best harbour ferries | Quay News\nHome\nNews\nBest harbour ferries\n");
    text.push_str(&harbour_paragraphs("ferries"));
    text.push_str("1. Bay Ferries\n");
    for item in ["Bike racks", "Wheelchair access", "Dogs welcome", "Night service", "Snack bar", "Free wifi"] {
        text.push_str(&format!("{item}\n"));
    }
    text.push_str("Heated cabin\nSun deck\nLuggage room\n");
    for i in 1..=8 {
        text.push_str(&format!("Section {i} about Bay Ferries: the boats leave every twenty minutes, and the crossing takes under half an hour.\n"));
    }
    text.push_str("Related articles\nHarbour festival returns after three years\n");
    let b = body(&run(&text));
    assert!(b.contains("Paragraph 5 about the ferries"), "{b}");
    assert!(b.contains("Section 8 about Bay Ferries"), "{b}");
    assert!(b.contains("Luggage room"), "{b}");
}

#[test]
fn prose_after_a_contact_form_is_not_the_article() {
    // A form's fields (`Email *`) are furniture, not a list: the
    // disclaimer under it stays out.
    let mut text = String::from("Harbour works start | Quay News\nHome\nNews\nHarbour works start\n");
    for i in 1..=8 {
        text.push_str(&format!("Paragraph {i} about the works: the council said the works would start in spring, and residents asked for a full review.\n"));
    }
    for field in [
        "Get a quote",
        "First name",
        "Last name",
        "Email address *",
        "Phone number",
        "Company",
        "Your message",
        "Yes",
        "No",
    ] {
        text.push_str(&format!("{field}\n"));
    }
    text.push_str(
        "By sending this form you agree that Quay Works may contact you about your project by phone or email.\n",
    );
    text.push_str(
        "Quay Works has served the harbour district since 1921, and our crews are on call every day of the year.\n",
    );
    let b = body(&run(&text));
    assert!(b.contains("Paragraph 8 about the works"), "{b}");
    assert!(!b.contains("By sending this form"), "{b}");
}

/// A buying guide's product box: a numbered name, a list of short
/// features, one paragraph of description, a button.
fn product_box(n: usize, name: &str) -> String {
    let mut t = format!("{n}. {name}\n");
    for item in ["Bike racks", "Wheelchair access", "Dogs welcome", "Snack bar", "Free wifi", "Sun deck"] {
        t.push_str(&format!("{item}\n"));
    }
    t.push_str(&format!("{name} runs boats every twenty minutes from the old quay, and its crossing takes under half an hour in most weather.\n"));
    t.push_str(&format!("Book {name}\n"));
    t
}

#[test]
fn product_boxes_of_one_paragraph_each_do_not_end_the_article() {
    // Regression: each product of a buying guide (a list of features and
    // one paragraph) is a run of a single paragraph, and a run of one
    // paragraph ended the article: every product after the intro was
    // lost.
    let mut text = String::from("Best harbour ferries | Quay News\nHome\nNews\nBest harbour ferries\n");
    text.push_str(&harbour_paragraphs("ferries"));
    for (n, name) in ["Bay Ferries", "Harbour Line", "Quay Shuttle", "Island Hopper"].iter().enumerate() {
        text.push_str(&product_box(n + 1, name));
    }
    text.push_str(&harbour_paragraphs("verdict"));
    text.push_str("Related articles\nHarbour festival returns after three years\n");
    let b = body(&run(&text));
    assert!(b.contains("Paragraph 5 about the ferries"), "{b}");
    assert!(b.contains("Bay Ferries runs boats"), "{b}");
    assert!(b.contains("Island Hopper runs boats"), "{b}");
    assert!(b.contains("Paragraph 5 about the verdict"), "{b}");
}

#[test]
fn a_footers_one_paragraph_after_the_sites_menu_is_not_the_article() {
    // A single paragraph after furniture (the site's menu) is the
    // footer's, not a section of the article, even when another follows.
    let mut text = String::from("Harbour works start | Quay News\nHome\nNews\nHarbour works start\n");
    text.push_str(&harbour_paragraphs("works"));
    let menu = "About Us\nContact\nCareers\nAdvertise\nOpen every day.\nPrivacy Policy\nTerms\n";
    text.push_str(menu);
    text.push_str("Quay News is the independent voice of the harbour district, published every morning since 1921 by the Quay Trust.\n");
    text.push_str(menu);
    text.push_str("Our newsroom works from the old customs house, and readers are welcome to visit on weekdays between nine and five.\n");
    let b = body(&run(&text));
    assert!(b.contains("Paragraph 5 about the works"), "{b}");
    assert!(!b.contains("independent voice"), "{b}");
    assert!(!b.contains("customs house"), "{b}");
}

#[test]
fn a_gallerys_label_also_in_the_menu_does_not_make_the_article_a_gallery() {
    // Regression: the label of a gallery at the foot of the page
    // (`Comparisons` / headline / date / credit, seven times) was also an
    // entry of the menu at the top, and everything from the menu to the
    // gallery, the whole article, was taken for the gallery.
    let mut text = String::from("Best harbour ferries | Quay News\nHome\nComparisons\nNews\nBest harbour ferries\n");
    text.push_str(&harbour_paragraphs("ferries"));
    text.push_str(&harbour_paragraphs("fares"));
    for i in 1..=7 {
        text.push_str(&format!("Comparisons\nFerry comparison number {i}\nMay {i}, 2024\nQuay News staff\n"));
    }
    let b = body(&run(&text));
    assert!(b.contains("Paragraph 1 about the ferries"), "{b}");
    assert!(b.contains("Paragraph 5 about the fares"), "{b}");
    assert!(!b.contains("Ferry comparison number 3"), "{b}");
}
