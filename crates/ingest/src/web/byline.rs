//! Author names from the byline strings a page declares or shows: labels ("By", "Written by",
//! "Read more about"), roles ("Senior Reporter", "Digital Security Expert"), instructions ("Email
//! the author", "View more posts") and the date a byline often runs into ("Jane Doe December",
//! "Jane Doe Last updated on …") are not names.

use std::collections::HashSet;

use newsgraph_nlp::lexicon::{entries, is_given_name, WordSet};
use once_cell::sync::Lazy;

use super::meta::{decode_entities, repair_mojibake};
use super::text::collapse_whitespace;

/// Role and instruction words: a segment made only of these is no name.
static ROLE_WORDS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(newsgraph_nlp::lexicon!("byline_role_words.txt")));

/// Nouns for a person's job: a name followed by words ending in one is cut before them.
static PERSON_ROLES: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(newsgraph_nlp::lexicon!("byline_person_roles.txt")));

/// Wire services as they sign a story ("AP", "AFP"): after a name, the agency, not a credential.
static WIRE_SERVICES: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(newsgraph_nlp::lexicon!("wire_services.txt")));

/// Month and weekday names and their abbreviations, lower case, less those that are also given
/// names or words ("May", "June", "April"): a byline's date, never the end of a name.
static CALENDAR_WORDS: Lazy<HashSet<String>> = Lazy::new(|| {
    let ambiguous = WordSet::parse(newsgraph_nlp::lexicon!("ambiguous_month_names.txt"));
    let weekdays: Vec<String> = entries(newsgraph_nlp::lexicon!("weekdays.txt"))
        .map(str::to_lowercase)
        .collect();
    let weekday_abbreviations: Vec<String> = weekdays
        .iter()
        .filter_map(|d| d.get(..3).map(str::to_string))
        .collect();
    entries(newsgraph_nlp::lexicon!("months.txt"))
        .map(str::to_lowercase)
        .chain(entries(newsgraph_nlp::lexicon!("month_abbreviations.txt")).map(str::to_string))
        .chain(weekdays)
        .chain(weekday_abbreviations)
        .filter(|w| !ambiguous.contains(w))
        .collect()
});

fn lower_word(word: &str) -> String {
    word.trim_matches(|c: char| !(c.is_alphanumeric() || c == '-'))
        .to_lowercase()
}

fn is_role_word(word: &str) -> bool {
    let w = lower_word(word);
    ROLE_WORDS.contains(&w) || PERSON_ROLES.contains(&w)
}

fn is_person_role(word: &str) -> bool {
    PERSON_ROLES.contains(&lower_word(word))
}

/// The particles of names ("Ludwig van Beethoven", "Vicente del Bosque").
pub(super) fn is_particle(word: &str) -> bool {
    matches!(word, "van" | "von" | "de" | "da" | "del" | "di" | "la")
}

fn is_calendar_word(word: &str) -> bool {
    CALENDAR_WORDS.contains(&lower_word(word))
}

/// Notes that end a byline's name when they share its string ("Jane Doe Last updated on …"):
/// no name holds them.
const UPDATE_NOTES: &[&str] = &[" last updated", " updated", " published", " posted on"];

/// `text` up to the first of `stops` (lower-case), or all of it.
fn up_to_first<'t>(text: &'t str, stops: &[&str]) -> &'t str {
    let lower = text.to_lowercase();
    let end = stops
        .iter()
        .filter_map(|s| lower.find(s))
        .min()
        .filter(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    text.get(..end).unwrap_or(text)
}

/// A visible byline up to the date or update note that often shares its element ("Jane Doe Last
/// updated on …", "Jane Doe on May 2"). Only for a byline element's text: " on " also ends the
/// name in "Jane Doe on Facebook", but "The Network on Facebook" is no byline at all.
pub(super) fn visible_byline(text: &str) -> &str {
    let on = up_to_first(text, &[" on "]);
    up_to_first(on, UPDATE_NOTES)
}

/// Labels that open a byline and are not part of the name, lower case, longest first where one
/// begins another.
const BYLINE_LABELS: &[&str] = &[
    "written by",
    "article by",
    "authored by",
    "posted by",
    "words by",
    "authors",
    "author",
    "by",
];

/// Labels of author boxes and archive links ("Read more about The Upwork Team", "View all posts
/// by Jane Doe"): not part of a name that follows them in the same string, but too common
/// elsewhere ("More about Microsoft OneNote") to mark a byline on their own.
const ARCHIVE_LABELS: &[&str] = &[
    "read more about",
    "more about",
    "more from",
    "more by",
    "view all posts by",
    "all posts by",
    "posts by",
    "articles by",
    "stories by",
];

/// The text after a byline label that opens `text` ("By Jane Doe" → "Jane Doe", "Written by:"
/// → ""), or `None` when no label opens it.
pub(super) fn after_byline_label(text: &str) -> Option<&str> {
    after_label(text, BYLINE_LABELS)
}

fn after_label<'t>(text: &'t str, labels: &[&str]) -> Option<&'t str> {
    labels.iter().find_map(|label| {
        let rest = text.get(label.len()..)?;
        let labelled = text.get(..label.len())?.eq_ignore_ascii_case(label)
            && (rest.is_empty() || rest.starts_with([' ', ':']));
        labelled.then(|| rest.trim_start_matches([' ', ':']))
    })
}

/// True for a role after a byline's comma: a few words that end in a role word ("Staff Writer",
/// "Associated Press Writer", "AP Business Writer").
pub(super) fn ends_in_role(segment: &str) -> bool {
    let words: Vec<&str> = segment.split_whitespace().collect();
    words.len() <= 5 && words.last().is_some_and(|w| is_role_word(w))
}

/// True when every word of `segment` is a role or instruction word ("Senior Reporter").
fn is_role(segment: &str) -> bool {
    let mut words = segment
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some() && words.all(is_role_word)
}

/// A name less the job title it runs into without a separator ("Keith Barry Senior Autos
/// Reporter" → "Keith Barry", "Justin C. Meserole Staff Writer" → "Justin C. Meserole"): the
/// words before the first role word, two of them (three after an initial or a particle), all
/// capitalised, the first a given name or the job opening with a rank. Kept as written when no
/// name stands before the title: some pages name their author by a role alone ("SFist
/// Contributor", "The Currency editors").
fn without_role_tail(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 || !words.last().is_some_and(|w| is_person_role(w)) {
        return name.to_string();
    }
    let before_role = words.iter().position(|w| is_role_word(w)).unwrap_or(0);
    let initial_or_particle = words.get(1).is_some_and(|w| {
        let initial = w.ends_with('.') && w.trim_end_matches('.').chars().count() == 1;
        initial || is_particle(w)
    });
    let keep = before_role.min(if initial_or_particle { 3 } else { 2 });
    let head = words.get(..keep).unwrap_or_default();
    let capitalised = head
        .iter()
        .all(|w| is_particle(w) || w.chars().next().is_some_and(char::is_uppercase));
    // Two capitalised words before a job are a name when the first is a given name or the job
    // opens with a rank ("Senior", "Former"); else they may be the job's own words ("Luxury
    // Travel Expert", "AAA Travel Editor").
    let given_name = head.first().is_some_and(|w| is_given_name(w));
    let ranked = words
        .get(keep)
        .is_some_and(|w| ROLE_WORDS.contains(&lower_word(w)) && !is_person_role(w));
    if keep >= 2 && capitalised && (given_name || ranked) {
        head.join(" ")
    } else {
        name.to_string()
    }
}

/// A degree or credential written after a name ("MS", "RD", "Ph.D.", "CFP®", "Jr."): one short
/// word with two capitals or a full stop, not a job ("CEO") nor a wire service ("AP").
fn is_credential(part: &str) -> bool {
    // Marks some sites set after a credential ("CEPF®", "MD*").
    let word = part.trim().trim_end_matches(['®', '™', '*']);
    let capitals = word.chars().filter(char::is_ascii_uppercase).count();
    !word.contains(' ')
        && !is_role_word(word)
        && !WIRE_SERVICES.contains(word)
        && (2..=6).contains(&word.chars().count())
        && word.chars().all(|c| c.is_alphabetic() || c == '.')
        && (capitals >= 2 || word.contains('.'))
}

/// A name less the month or weekday its byline runs into ("Luke Kim December" → "Luke Kim");
/// `None` when it is nothing but one ("Dec", "Sat").
fn without_calendar_tail(name: &str) -> Option<String> {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words.last().is_some_and(|w| is_calendar_word(w)) {
        words.pop();
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// The most words of a co-author's name after a comma: a longer run is what the name before it
/// does ("Jane Doe, South Carolina Garden-based Learning Network").
const LATER_NAME_WORDS: usize = 4;

/// One name of a byline, cleaned, or `None` when the piece is no name.
fn clean_name(piece: &str, later: bool) -> Option<String> {
    let s = piece.trim().trim_end_matches('.').trim();
    let words = s.split_whitespace().count();
    let looks_like_name = !s.is_empty()
        && !s.contains("://")
        && !s.contains('@')
        && words <= if later { LATER_NAME_WORDS } else { 6 }
        && s.chars().any(char::is_alphabetic)
        && !s.chars().any(|c| c.is_ascii_digit())
        && !is_role(s);
    if !looks_like_name {
        return None;
    }
    without_calendar_tail(&without_role_tail(s))
}

/// True when a part of a byline after its first comma (semicolon, bar) describes the names
/// before it rather than naming another author: a job ("Digital Security Expert"), or a single
/// word after a full name ("Jane Doe, Politics", "Jane Doe | Reuters").
fn describes_names_before(part: &str, names: &[String]) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    let after_full_name = names.iter().any(|n| n.contains(' '));
    words.last().is_some_and(|w| is_person_role(w)) || (words.len() == 1 && after_full_name)
}

/// "By Jane Doe and John Roe" → ["Jane Doe", "John Roe"]; URLs, handles, roles ("Senior
/// Reporter", "Email the author") and dates are not names. Commas, semicolons, bars and bullets
/// part a name from what describes it ("Jane Doe, Digital Security Expert" → "Jane Doe"), and
/// "and" / "&" part one author from the next; a credential stays with its name ("Jane Doe, MS").
pub(crate) fn split_names(raw: &str) -> Vec<String> {
    let raw = collapse_whitespace(&repair_mojibake(&decode_entities(raw)));
    let unlabelled = after_byline_label(&raw).or_else(|| after_label(&raw, ARCHIVE_LABELS));
    let body = up_to_first(unlabelled.unwrap_or(&raw), UPDATE_NOTES);
    let mut names: Vec<String> = Vec::new();
    for (i, part) in body.split([',', ';', '|', '•', '·']).enumerate() {
        let later = i > 0;
        if later && is_credential(part) {
            if let Some(name) = names.last_mut() {
                name.push_str(", ");
                name.push_str(part.trim());
                continue;
            }
        }
        if later && describes_names_before(part, &names) {
            continue;
        }
        let pieces = part.split('&').flat_map(|p| p.split(" and "));
        names.extend(pieces.filter_map(|p| clean_name(p, later)));
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Whatever a page writes in its byline, every name that comes out is trimmed, holds a
        /// letter and no digit, handle or address, and is no role alone.
        #[test]
        fn names_are_names(raw in "[A-Za-z0-9 .,;|&@:/®•-]{0,60}|(By |Written by |Read more about )[A-Z][a-z]{1,8} [A-Z][a-z]{1,8}( Senior Reporter| December|, MS| and [A-Z][a-z]{2,8} [A-Z][a-z]{2,8})?") {
            for name in split_names(&raw) {
                proptest::prop_assert_eq!(name.trim(), name.as_str());
                proptest::prop_assert!(name.chars().any(char::is_alphabetic), "{:?}", name);
                proptest::prop_assert!(!name.chars().any(|c| c.is_ascii_digit()), "{:?}", name);
                proptest::prop_assert!(!name.contains('@') && !name.contains("://"), "{:?}", name);
                proptest::prop_assert!(!is_role(&name), "{:?}", name);
            }
        }
    }

    #[test]
    fn bylines_drop_roles_and_entities() {
        assert_eq!(
            split_names("By Jane Doe, Senior Reporter"),
            vec!["Jane Doe"]
        );
        assert_eq!(split_names("Jane Doe | Email the author"), vec!["Jane Doe"]);
        assert_eq!(
            split_names("Maria &amp; Katerina"),
            vec!["Maria", "Katerina"]
        );
        assert_eq!(split_names("Author Isaiah Shelton"), vec!["Isaiah Shelton"]);
        assert_eq!(visible_byline("Jane Doe Last updated on May 2"), "Jane Doe");
    }

    #[test]
    fn a_job_title_run_into_the_name_is_cut() {
        assert_eq!(
            split_names("Keith Barry Senior Autos Reporter"),
            vec!["Keith Barry"]
        );
        assert_eq!(
            split_names("Harry Rabin Tech Reporter"),
            vec!["Harry Rabin"]
        );
        assert_eq!(split_names("Rachel Mac Writer"), vec!["Rachel Mac"]);
        // Without a given name or a rank, the words may be the job's own.
        assert_eq!(
            split_names("Luxury Travel Expert"),
            vec!["Luxury Travel Expert"]
        );
        assert_eq!(split_names("AAA Travel Editor"), vec!["AAA Travel Editor"]);
        assert_eq!(
            split_names("Justin C. Meserole Staff Writer"),
            vec!["Justin C. Meserole"]
        );
        assert_eq!(
            split_names("Liz Kenny Former McKinsey Consultant"),
            vec!["Liz Kenny"]
        );
        // No name before the title: the byline as the page writes it.
        assert_eq!(split_names("SFist Contributor"), vec!["SFist Contributor"]);
        assert!(split_names("Staff Writer").is_empty());
        // Credentials stay with the name; they are no second author.
        assert_eq!(
            split_names("Dylan Bai, MS, RD, FAND"),
            vec!["Dylan Bai, MS, RD, FAND"]
        );
        assert_eq!(split_names("Gen Carl, Ph.D."), vec!["Gen Carl, Ph.D."]);
        assert_eq!(
            split_names("Rebecca Lake, CEPF®"),
            vec!["Rebecca Lake, CEPF®"]
        );
        // A description after a comma or semicolon is no second author.
        assert_eq!(
            split_names("Brett Cruz; Privacy; Digital Security Expert"),
            vec!["Brett Cruz"]
        );
        assert_eq!(split_names("Mayank Gupta, CEO"), vec!["Mayank Gupta"]);
        assert_eq!(
            split_names("Zack Cue Senior Writer; Hardware"),
            vec!["Zack Cue"]
        );
        assert_eq!(
            split_names("By Arlene Mart, South Carolina Garden-based Learning Network"),
            vec!["Arlene Mart"]
        );
        assert_eq!(
            split_names("Jane Doe, John Roe and Ann Lee"),
            vec!["Jane Doe", "John Roe", "Ann Lee"]
        );
        // Co-authors keep their names; a team is how some pages name the author.
        assert_eq!(
            split_names("Jane Doe & John Roe Staff Writers"),
            vec!["Jane Doe", "John Roe"]
        );
        assert_eq!(split_names("The Upwork Team"), vec!["The Upwork Team"]);
        assert!(split_names("View more posts").is_empty());
    }

    #[test]
    fn a_date_after_the_name_is_cut() {
        assert_eq!(split_names("Luke Kim December"), vec!["Luke Kim"]);
        assert_eq!(split_names("Haley Hoek • March"), vec!["Haley Hoek"]);
        assert_eq!(
            split_names("Silverback Strategies; October"),
            vec!["Silverback Strategies"]
        );
        assert!(split_names("Dec").is_empty());
        assert!(split_names("Sat").is_empty());
        // Months that are also names stay.
        assert_eq!(split_names("Brian May"), vec!["Brian May"]);
        assert_eq!(split_names("Craig Mac Last updated on"), vec!["Craig Mac"]);
        // " on " ends a byline element's name, not every string's.
        assert!(split_names("South Carolina Garden-based Learning Network on Facebook").is_empty());
    }

    #[test]
    fn archive_labels_are_not_names() {
        assert_eq!(
            split_names("Read more about The Upwork Team"),
            vec!["The Upwork Team"]
        );
        assert_eq!(split_names("View all posts by Jane Doe"), vec!["Jane Doe"]);
        assert_eq!(
            split_names("Authors Julie Weis and Natalie Hoi; Extension horticulture educators"),
            vec!["Julie Weis", "Natalie Hoi"]
        );
    }
}
