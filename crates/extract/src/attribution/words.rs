//! The closed word classes the attribution rules consult, read from `data/lexicon/` (one file per
//! concept; each file's header says what the list is for). Every set is parsed once, on first use,
//! into an `FxHashSet`, so a membership test costs one hash of a short word.
//!
//! Closed sets of two to four words stay in the rules where they are used ("who" / "whom" /
//! "whose" / "which", "them" / "those", "in" / "from" …): a file for them would hide the rule.

use std::sync::LazyLock;

use newsgraph_nlp::lexicon::{entries, WordSet};
use rustc_hash::FxHashSet;

macro_rules! word_sets {
    ($($(#[$doc:meta])* $name:ident => $file:literal;)*) => {
        $(
            $(#[$doc])*
            pub(super) static $name: LazyLock<WordSet> =
                LazyLock::new(|| WordSet::parse(newsgraph_nlp::lexicon!($file)));
        )*
        /// Every set, for the test that each file parses to a non-empty set.
        #[cfg(test)]
        pub(super) fn all() -> Vec<(&'static str, &'static WordSet)> {
            vec![$(($file, &*$name)),*]
        }
    };
}

word_sets! {
    NEGATABLE_AUXILIARIES => "negatable_auxiliaries.txt";
    NEGATIVE_CONTRACTIONS => "negative_contractions.txt";
    REFUSAL_VERBS => "refusal_verbs.txt";
    DECLINED_SPEECH_ACTS => "declined_speech_acts.txt";
    DECLINED_OBJECT_OPENERS => "declined_object_openers.txt";
    REFERRED_OBJECTS => "referred_objects.txt";
    RESPONSE_VERBS => "response_verbs.txt";
    CLAUSE_END_WORDS => "clause_end_words.txt";
    PASSIVE_REPORTING_PARTICIPLES => "passive_reporting_participles.txt";
    PASSIVE_AUXILIARIES => "passive_auxiliaries.txt";
    /// Capitalised words before a headline colon that label the headline, not its source.
    HEADLINE_LABEL_STOPS => "headline_label_stops.txt";
    /// Words of a standing in a poll ("lead", "percent", "trails") before "in <a poll>".
    POLL_STANDING_WORDS => "poll_standing_words.txt";
    /// Irregular past forms ("came", "took"), shared with the temporal resolver.
    IRREGULAR_PAST => "irregular_past.txt";
    /// Pronouns that end a subject before an intention or accusation verb.
    OBJECT_CUE_SUBJECT_ENDS => "object_cue_subject_ends.txt";
    COMMITMENT_VERBS => "commitment_verbs.txt";
    SUBJECT_LEADING_ADVERBS => "subject_leading_adverbs.txt";
    /// Sentence adverbs that are never a one-word name before an appositive.
    SENTENCE_ADVERBS => "sentence_adverbs.txt";
    ANONYMITY_REASON_OPENERS => "anonymity_reason_openers.txt";
    SUBJECT_PRONOUNS => "subject_pronouns.txt";
    INVERTED_SPEAKER_STOPS => "inverted_speaker_stops.txt";
    RAISING_VERBS => "raising_verbs.txt";
    TIME_ADVERBIAL_OPENERS => "time_adverbial_openers.txt";
    PARENTHETICAL_FILLERS => "parenthetical_fillers.txt";
    DESCRIPTOR_OPENERS => "descriptor_openers.txt";
    WEEKDAYS => "weekdays.txt";
    MONTHS => "months.txt";
    MONTH_ABBREVIATIONS => "month_abbreviations.txt";
    TIME_PERIOD_NOUNS => "time_period_nouns.txt";
    NAME_PARTICLES => "name_particles.txt";
    STRONG_REPORTING_VERBS => "strong_reporting_verbs.txt";
    INVERTING_REPORTING_VERBS => "inverting_reporting_verbs.txt";
    NON_CLAUSAL_VERB_PARTICLES => "non_clausal_verb_particles.txt";
    NON_CONTENT_AFTER_COMMA => "non_content_after_comma.txt";
    WH_COMPLEMENTIZERS => "wh_complementizers.txt";
    CLAUSE_OPENING_WORDS => "clause_opening_words.txt";
    CLAUSE_VERBS => "clause_verbs.txt";
    NOUN_PHRASE_PREPOSITIONS => "noun_phrase_prepositions.txt";
    SPEECH_PARTICIPLES => "speech_participles.txt";
    DANGLING_CONJUNCTIONS => "dangling_conjunctions.txt";
    CHARACTERISATION_WORDS => "characterisation_words.txt";
    /// Words a title of a work keeps in lower case ("Orange is the New Black").
    TITLE_MINOR_WORDS => "title_minor_words.txt";
    /// Nouns naming a programme or work, and "titled" ("the reality show “The Apprentice,”").
    WORK_NOUNS => "work_nouns.txt";
    SENTENCE_OPENING_CONJUNCTIONS => "sentence_opening_conjunctions.txt";
    PARTICIPLE_INTRODUCERS => "participle_introducers.txt";
    /// Words that open a fronted adverbial clause ("Even if …, insiders said").
    SUBORDINATING_CONJUNCTIONS => "subordinating_conjunctions.txt";
    /// "-ing" words that are prepositions or nouns ("during", "according", "morning").
    ING_PREPOSITIONS => "ing_prepositions.txt";
    /// Verbs that issue a document ("issued a statement saying"): the issuer is the source.
    STATEMENT_ISSUING_VERBS => "statement_issuing_verbs.txt";
    PERIOD_ABBREVIATIONS => "period_abbreviations.txt";
}

/// The words a non-response phrase can start with (see `non_response::match_non_response`): the
/// phrase matcher runs on every word, and one look-up here rejects almost all of them.
pub(super) static NON_RESPONSE_OPENERS: LazyLock<WordSet> = LazyLock::new(|| {
    // The openers the matcher spells out itself ("referred …", "could not …", "was unavailable
    // for", "has no comment") and the sets it starts with.
    let mut text =
        String::from("referred\ncould\ncouldn't\ncan\nwas\nwere\nis\nare\nhad\nhas\nhave\n");
    for set in [
        &*REFUSAL_VERBS,
        &*NEGATABLE_AUXILIARIES,
        &*NEGATIVE_CONTRACTIONS,
    ] {
        for word in set.iter() {
            text.push_str(word);
            text.push('\n');
        }
    }
    // Built once per process; `WordSet` borrows its text for the life of the program.
    WordSet::parse(Box::leak(text.into_boxed_str()))
});

/// A lexicon file of two-word entries ("for example", "talked about") as word pairs, so that a
/// lookup of two tokens needs no joined string (one of these is consulted at every word).
pub(super) struct WordPairs {
    pairs: FxHashSet<(&'static str, &'static str)>,
}

impl WordPairs {
    fn parse(text: &'static str) -> Self {
        Self {
            pairs: entries(text).filter_map(|e| e.split_once(' ')).collect(),
        }
    }

    /// Whether `first second` is an entry.
    pub(super) fn contains(&self, first: &str, second: &str) -> bool {
        self.pairs.contains(&(first, second))
    }

    /// Whether every entry of the lexicon `text` is two words with one space between them.
    #[cfg(test)]
    fn all_two_words(&self, text: &'static str) -> bool {
        self.pairs.len() == entries(text).count()
            && self
                .pairs
                .iter()
                .all(|(a, b)| !a.is_empty() && !b.is_empty() && !b.contains(' '))
    }
}

/// Two-word asides set off by commas between a subject and its verb ("Some officials, for
/// example, said").
pub(super) static TWO_WORD_ASIDES: LazyLock<WordPairs> =
    LazyLock::new(|| WordPairs::parse(newsgraph_nlp::lexicon!("two_word_asides.txt")));

/// US states, one to three words each ("iowa", "new york"): the state of a "City, State" pair in
/// a fronted setting. Whole names with their spaces, so not a one-word set.
pub(super) static PLACE_NAMES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| entries(newsgraph_nlp::lexicon!("place_names.txt")).collect());

/// Verb and preposition pairs whose object is the content ("talked about", "pointed to").
pub(super) static PHRASAL_OBJECT_CUES: LazyLock<WordPairs> =
    LazyLock::new(|| WordPairs::parse(newsgraph_nlp::lexicon!("phrasal_object_cues.txt")));

/// The verb at `verb` and the preposition `next` after it are a phrasal cue whose object is
/// the content ("talked about the economy").
pub(super) fn is_phrasal_object_cue(verb: &str, next: &str) -> bool {
    PHRASAL_OBJECT_CUES.contains(verb, next)
}

/// A past form, regular ("warned") or irregular ("left", "said"), lower case.
pub(super) fn is_past_form(lower: &str) -> bool {
    lower.ends_with("ed") || IRREGULAR_PAST.contains(lower)
}

/// A word that completes a time adverbial ("Monday", "week", "March"), as written.
pub(super) fn is_time_word(word: &str) -> bool {
    WEEKDAYS.contains(word) || MONTHS.contains(word) || TIME_PERIOD_NOUNS.contains(word)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_lexicon_file_has_entries_and_no_spaces() {
        for (file, set) in super::all() {
            assert!(!set.is_empty(), "{file} is empty");
            assert!(set.iter().all(|w| !w.contains(' ')), "{file} has a space");
        }
        assert!(super::is_time_word("Monday") && super::is_time_word("week"));
        assert!(!super::is_time_word("monday"));
        assert!(super::PLACE_NAMES.contains("new york") && super::PLACE_NAMES.contains("n.y"));
    }

    #[test]
    fn every_phrasal_object_cue_is_a_verb_and_a_preposition() {
        let cues = &*super::PHRASAL_OBJECT_CUES;
        assert!(super::is_phrasal_object_cue("talked", "about"));
        assert!(!super::is_phrasal_object_cue("talked", ""));
        assert!(cues.all_two_words(newsgraph_nlp::lexicon!("phrasal_object_cues.txt")));
    }

    #[test]
    fn every_two_word_aside_is_two_words() {
        let asides = &*super::TWO_WORD_ASIDES;
        assert!(asides.contains("for", "example"));
        assert!(asides.all_two_words(newsgraph_nlp::lexicon!("two_word_asides.txt")));
    }
}
