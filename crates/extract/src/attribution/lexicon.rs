//! Word lists the attribution rules consult, one function per closed class.
//!
//! Every list is a file under the workspace's `data/lexicon/` folder (one concept per file, with
//! a provenance header), compiled in with [`newsgraph_nlp::lexicon!`] and parsed once, on first
//! use, into a hash set; the functions here only name the question each list answers. Reporting
//! verbs are the MIT list of Maite Taboada's Gender Gap Tracker plus our additions, minus forms
//! that are mostly nouns. Title words are shared with the entity store (`titles.txt`,
//! `honorifics.txt`); attribution adds the words that may sit in a title phrase before a name
//! (`title_phrase_words.txt`).
//!
//! Lookups are exact and case-sensitive: the lower-case lists are asked with a token's lower-case
//! form, the capitalised ones (titles, organisation words, demonyms) with the word as written.

use std::collections::HashMap;

use newsgraph_model::CueClass;
use newsgraph_nlp::lexicon::{entries, WordSet};
use once_cell::sync::Lazy;
use rustc_hash::FxHashSet;

/// The set of entries of one or more `data/lexicon/` files, parsed on first use.
macro_rules! word_set {
    ($($file:literal),+ $(,)?) => {{
        static SET: Lazy<WordSet> = Lazy::new(|| {
            WordSet::parse(concat!($(newsgraph_nlp::lexicon!($file), "\n"),+))
        });
        &*SET
    }};
}

static REPORTING_VERBS: Lazy<FxHashSet<&'static str>> = Lazy::new(|| {
    let exclude = WordSet::parse(newsgraph_nlp::lexicon!("reporting_verbs.exclude.txt"));
    entries(newsgraph_nlp::lexicon!("reporting_verbs.txt"))
        .chain(entries(newsgraph_nlp::lexicon!(
            "reporting_verbs.extra.txt"
        )))
        .filter(|w| !exclude.contains(w))
        .collect()
});

/// A reporting verb form ("said", "told", "adding"), lower case.
pub(crate) fn is_reporting_verb(lower: &str) -> bool {
    REPORTING_VERBS.contains(lower)
}

/// Verbs that open a second speech act of the same speaker after "and" inside a reported
/// content ("… and vowed to focus on his family").
pub(crate) fn is_coordinated_speech_verb(lower: &str) -> bool {
    word_set!("coordinated_speech_verbs.txt").contains(lower)
}

/// Participles that open a second speech act of the same speaker after a comma inside a
/// reported content (", adding that …").
pub(crate) fn is_participle_speech_verb(lower: &str) -> bool {
    word_set!("participle_speech_verbs.txt").contains(lower)
}

/// Belief and document verbs that open an attribution before "that" ("he thinks that …", "the
/// poll shows that …"): without it they are too often no attribution at all (the exceptions are
/// [`is_bare_belief_cue`] and a document subject).
pub(crate) fn is_that_clause_cue(lower: &str) -> bool {
    word_set!("cue_thought.txt", "cue_document.txt").contains(lower)
}

/// Verbs whose subject is a document, poll or study ("shows", "found", "suggests").
pub(crate) fn is_document_cue(lower: &str) -> bool {
    word_set!("cue_document.txt").contains(lower)
}

/// Belief verbs ("thinks", "believe", "fears") that ascribe a clause right after them even
/// without "that" ("voters think the system is rigged").
pub(crate) fn is_bare_belief_cue(lower: &str) -> bool {
    word_set!("cue_belief_bare.txt").contains(lower)
}

/// Evidential verbs ("appears to", "seems that", "is expected to"): a judgement without a holder.
pub(crate) fn is_evidential_cue(lower: &str) -> bool {
    word_set!("cue_evidential.txt").contains(lower)
}

/// Intention, stance and accusation verbs whose content may be an object or a to-infinitive
/// ("wants to …", "attacked the deal").
pub(crate) fn is_object_cue(lower: &str) -> bool {
    word_set!("cue_object.txt").contains(lower)
}

/// What the cue word `lower` ascribes; `document_source` when the speaker is a document, poll or
/// filing, whose every cue states what it holds.
pub(crate) fn cue_class(lower: &str, document_source: bool) -> CueClass {
    if word_set!("cue_accusation.txt").contains(lower) {
        CueClass::Accusation
    } else if document_source || word_set!("cue_document.txt").contains(lower) {
        CueClass::Document
    } else if word_set!("cue_thought.txt", "cue_evidential.txt").contains(lower) {
        CueClass::Thought
    } else {
        CueClass::Speech
    }
}

/// Verbs whose first complement is the hearer ("told Reuters …", "assured MPs …").
pub(crate) fn takes_hearer(lower: &str) -> bool {
    word_set!("hearer_verbs.txt").contains(lower)
}

/// Verbs that report speech only with an explicit clause or quote after them ("wrote that …").
pub(crate) fn needs_clause_marker(lower: &str) -> bool {
    word_set!("clause_marker_verbs.txt").contains(lower)
}

/// Verbs after which the hearer of a request follows ("urged ministers to …").
pub(crate) fn takes_object_infinitive(lower: &str) -> bool {
    word_set!("object_infinitive_verbs.txt").contains(lower)
}

/// Words that may sit between a subject and its reporting verb ("has also said").
pub(crate) fn is_verb_group_filler(lower: &str) -> bool {
    word_set!("verb_group_fillers.txt").contains(lower)
}

/// Words that open an adverbial after the verb ("said in an interview", "said on Monday").
pub(crate) fn opens_adverbial(lower: &str) -> bool {
    word_set!("adverbial_openers.txt").contains(lower)
}

/// Words that end a subject noun phrase on its left ("… although authorities say").
pub(crate) fn is_clause_boundary_word(lower: &str) -> bool {
    word_set!("clause_boundary_words.txt").contains(lower)
}

/// An auxiliary or modal verb ("has", "was", "will").
pub(crate) fn is_auxiliary(lower: &str) -> bool {
    word_set!("auxiliary_verbs.txt").contains(lower)
}

/// Finite verbs and auxiliaries: a subject noun phrase does not contain them (outside a relative
/// clause).
pub(crate) fn is_finite_verb_word(lower: &str) -> bool {
    word_set!("auxiliary_verbs.txt", "finite_lexical_verbs.txt").contains(lower)
}

/// Determiners that open a noun phrase ("the", "his", "every"), lower case.
pub(crate) fn is_determiner(lower: &str) -> bool {
    word_set!("determiners.txt").contains(lower)
}

/// Words that open a prepositional or time phrase ("in", "despite", "last"), lower case.
pub(crate) fn is_preposition(lower: &str) -> bool {
    word_set!("phrase_prepositions.txt").contains(lower)
}

/// Subject pronouns that can be speakers outside quotes.
pub(crate) fn is_speaker_pronoun(lower: &str) -> bool {
    // A closed class of four: kept in code.
    matches!(lower, "he" | "she" | "they" | "it")
}

/// Words that start a clause after a reporting verb ("told Reuters *they* were …").
pub(crate) fn starts_clause(lower: &str) -> bool {
    word_set!("clause_openers.txt").contains(lower)
}

/// Hearers that stand alone after "told" ("told them", "told reporters").
pub(crate) fn is_bare_hearer(lower: &str) -> bool {
    word_set!("bare_hearers.txt").contains(lower)
}

/// How a common noun at the head of a speaker phrase classifies the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NounClass {
    /// One unnamed person: "a source", "an official".
    Person,
    /// Several unnamed people: "officials", "people familiar with …".
    Group,
    /// An institution acting as a body: "authorities", "police", "the ministry".
    Institution,
    /// Someone speaking for a body: "a spokesman".
    Spokes,
    /// A document that "says" something: "the report", "a statement".
    Document,
}

static SPEAKER_NOUNS: Lazy<HashMap<&'static str, NounClass>> = Lazy::new(|| {
    // Later files win: a spokesman is Spokes, not Person.
    [
        (
            NounClass::Person,
            newsgraph_nlp::lexicon!("speaker_nouns.person.txt"),
        ),
        (
            NounClass::Group,
            newsgraph_nlp::lexicon!("speaker_nouns.group.txt"),
        ),
        (
            NounClass::Institution,
            newsgraph_nlp::lexicon!("speaker_nouns.institution.txt"),
        ),
        (
            NounClass::Spokes,
            newsgraph_nlp::lexicon!("speaker_nouns.spokes.txt"),
        ),
        (
            NounClass::Document,
            newsgraph_nlp::lexicon!("speaker_nouns.document.txt"),
        ),
    ]
    .into_iter()
    .flat_map(|(class, text)| entries(text).map(move |w| (w, class)))
    .collect()
});

/// The class of source a lower-case common noun names when it heads a speaker phrase.
pub(crate) fn speaker_noun(lower: &str) -> Option<NounClass> {
    SPEAKER_NOUNS.get(lower).copied()
}

/// Titles and offices that precede a name ("Home Secretary Charles Clarke", "Mr Blair").
pub(crate) fn is_title_word(word: &str) -> bool {
    word_set!("honorifics.txt", "titles.txt", "title_phrase_words.txt")
        .contains(word.trim_end_matches('.'))
}

/// A grammatical gender a title, a given name or a pronoun tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    /// "he", "Mr", "Sir", "John".
    Male,
    /// "she", "Mrs", "Lady", "Mary".
    Female,
}

/// Reads a gender table: lines of a gender letter (`m` or `f`) followed by the words that carry
/// it; a word listed twice takes its last gender.
fn gender_table(text: &'static str) -> HashMap<&'static str, Gender> {
    let mut table = HashMap::new();
    for line in entries(text) {
        let mut words = line.split_whitespace();
        let gender = match words.next() {
            Some("m") => Gender::Male,
            Some("f") => Gender::Female,
            _ => continue,
        };
        for word in words {
            table.insert(word, gender);
        }
    }
    table
}

static TITLE_GENDERS: Lazy<HashMap<&'static str, Gender>> =
    Lazy::new(|| gender_table(newsgraph_nlp::lexicon!("gendered_titles.txt")));

static FIRST_NAMES: Lazy<HashMap<&'static str, Gender>> =
    Lazy::new(|| gender_table(newsgraph_nlp::lexicon!("first_names.txt")));

/// Male or female title.
pub(crate) fn title_gender(word: &str) -> Option<Gender> {
    TITLE_GENDERS.get(word.trim_end_matches('.')).copied()
}

/// The usual gender of a given name, if the list knows it.
pub(crate) fn first_name_gender(name: &str) -> Option<Gender> {
    FIRST_NAMES.get(name).copied()
}

/// Title-like words that are dropped from canonical names ("Mr Blair" → "Blair").
pub(crate) fn is_honorific(word: &str) -> bool {
    word_set!("honorifics.txt").contains(word.trim_end_matches('.'))
}

/// Capitalised words that name organisations rather than people when they head a name.
pub(crate) fn is_org_word(word: &str) -> bool {
    word_set!("org_words.txt").contains(word)
}

/// Capitalised words naming a nationality or a level of government rather than an organisation:
/// "French authorities" stay unnamed, "Paris police" is a named body.
pub(crate) fn is_demonym(word: &str) -> bool {
    word_set!("unnamed_body_modifiers.txt").contains(word)
}

/// Capitalised words that begin sentences without being names.
pub(crate) fn is_sentence_function_word(word: &str) -> bool {
    word_set!("sentence_function_words.txt", "months.txt").contains(word)
}

/// Lower-case particles inside personal names ("von", "bin", "de"), lower case.
pub(crate) fn is_name_connector(lower: &str) -> bool {
    word_set!("name_connectors.txt").contains(lower)
}

/// Capitalised words that open place names ("New", "San", "Port").
pub(crate) fn opens_place_name(word: &str) -> bool {
    word_set!("place_name_prefixes.txt").contains(word)
}

/// Titles before a monarch's, prince's or saint's name ("King", "Princess", "St").
pub(crate) fn is_royal_or_saint_title(word: &str) -> bool {
    word_set!("royal_and_saint_titles.txt").contains(word)
}

/// First words of sign-off lines ("illustration", "additional", "editing"), lower case.
pub(crate) fn opens_credit_line(lower: &str) -> bool {
    word_set!("credit_line_openers.txt").contains(lower)
}

/// Quantifiers that make a plural an unnamed group ("most", "many"), lower case.
pub(crate) fn is_group_quantifier(lower: &str) -> bool {
    word_set!("group_quantifiers.txt").contains(lower)
}

/// Heads of a share of poll respondents ("cent", "quarter", "majority"), lower case.
pub(crate) fn is_share_noun(lower: &str) -> bool {
    word_set!("share_nouns.txt").contains(lower)
}

/// Number words that end "one in N" ("four", "ten"), lower case.
pub(crate) fn is_share_denominator(lower: &str) -> bool {
    word_set!("share_denominators.txt").contains(lower)
}

/// Words that open a speaker noun's complement ("for", "close", "familiar"), lower case.
pub(crate) fn opens_speaker_noun_complement(lower: &str) -> bool {
    word_set!("speaker_noun_complements.txt").contains(lower)
}

/// Prepositions after which a name is not a pronoun's antecedent ("in", "for"), lower case.
pub(crate) fn blocks_antecedent(lower: &str) -> bool {
    word_set!("antecedent_blocking_prepositions.txt").contains(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_loads_and_excludes_noun_forms() {
        assert!(is_reporting_verb("said"));
        assert!(is_reporting_verb("told"));
        assert!(is_reporting_verb("added"));
        assert!(is_reporting_verb("insisted"));
        assert!(!is_reporting_verb("states"));
        assert!(!is_reporting_verb("release"));
        assert!(!is_reporting_verb("continue"));
    }

    #[test]
    fn speaker_nouns_classify() {
        assert_eq!(speaker_noun("source"), Some(NounClass::Person));
        assert_eq!(speaker_noun("experts"), Some(NounClass::Group));
        assert_eq!(speaker_noun("authorities"), Some(NounClass::Institution));
        assert_eq!(speaker_noun("spokesman"), Some(NounClass::Spokes));
        assert_eq!(speaker_noun("report"), Some(NounClass::Document));
        assert_eq!(speaker_noun("table"), None);
    }

    #[test]
    fn title_words_join_honorifics_shared_titles_and_phrase_words() {
        for word in [
            "Mr", "Dr.", "Prime", "Minister", "Baroness", "Labour", "Officer,",
        ] {
            assert!(is_title_word(word), "{word}");
        }
        // The store's occupations are not attribution titles; case matters.
        assert!(!is_title_word("Striker"));
        assert!(!is_title_word("minister"));
        assert!(is_honorific("Prof.") && !is_honorific("Sir"));
    }

    #[test]
    fn gender_tables_read_titles_and_first_names() {
        assert_eq!(title_gender("Mr."), Some(Gender::Male));
        assert_eq!(title_gender("Baroness"), Some(Gender::Female));
        assert_eq!(title_gender("Minister"), None);
        assert_eq!(first_name_gender("Tony"), Some(Gender::Male));
        assert_eq!(first_name_gender("Cherie"), Some(Gender::Female));
    }

    #[test]
    fn finite_verbs_and_function_words_join_their_files() {
        assert!(is_finite_verb_word("shall") && is_finite_verb_word("said"));
        assert!(!is_finite_verb_word("minister"));
        assert!(is_sentence_function_word("May") && is_sentence_function_word("However"));
        assert!(!is_sentence_function_word("may"));
    }
}
