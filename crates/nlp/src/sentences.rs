//! Sentence splitter over the tokenizer's output.
//!
//! A sentence ends at a line break, or after ".", "?", "!", "…" (plus any closing quotes and
//! brackets) when the next word does not continue it. Abbreviations keep their full stop inside
//! the token ("Jan.", "U.S."), so "Jan. 3" never breaks; "U.S." ends a sentence only when a typical
//! sentence opener follows. A quotation closed by "?" or "!" and followed by its speaker
//! (`“…?” Varki recalled`, `“…!” he said`) continues the sentence.

use newsgraph_model::Span;
use once_cell::sync::Lazy;

use crate::lexicon::WordSet;

use crate::tokenize::{is_non_final_abbreviation, tokenize, Token, TokenKind};

/// Splits `text` into sentence spans (trimmed, never crossing a `\n`).
pub fn split_sentences(text: &str) -> Vec<Span> {
    split_sentences_with_tokens(text, &tokenize(text))
}

/// As [`split_sentences`], reusing tokens already computed for `text`.
pub fn split_sentences_with_tokens(text: &str, tokens: &[Token]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut sentence_start: Option<usize> = None; // index of the first token of the open sentence
    let mut i = 0;
    while i < tokens.len() {
        let first = *sentence_start.get_or_insert(i);
        let mut last = i;
        let mut ends = false;
        let tok = tokens[i].text(text);
        if is_terminator(tokens[i], tok) || is_final_abbreviation(tokens[i], tok) {
            // Take closing quotes and brackets that hug the terminator.
            let mut j = i + 1;
            while j < tokens.len()
                && is_closer(tokens[j].text(text))
                && !newline_between(text, &tokens[j - 1], &tokens[j])
                && (tokens[j].span.start == tokens[j - 1].span.end
                    || !matches!(tokens[j].text(text), "\"" | "'"))
            {
                j += 1;
            }
            last = j - 1;
            let quoted = j > i + 1;
            ends = match tokens.get(j) {
                None => true,
                Some(next) if newline_between(text, &tokens[last], next) => true,
                Some(_) => {
                    if tokens[i].kind == TokenKind::Word {
                        // "U.S.", "Inc.": only before a typical sentence opener.
                        starts_sentence_after_abbreviation(text, &tokens[j..])
                    } else {
                        starts_new_sentence(text, &tokens[j..], quoted && tok != ".")
                    }
                }
            };
        } else if tokens
            .get(i + 1)
            .is_none_or(|n| newline_between(text, &tokens[i], n))
        {
            ends = true;
        }
        if ends {
            out.push(Span::new(tokens[first].span.start, tokens[last].span.end));
            sentence_start = None;
        }
        i = last + 1;
    }
    if let Some(first) = sentence_start {
        if let Some(last) = tokens.last() {
            out.push(Span::new(tokens[first].span.start, last.span.end));
        }
    }
    out
}

fn newline_between(text: &str, a: &Token, b: &Token) -> bool {
    text.get(a.span.end..b.span.start)
        .is_some_and(|gap| gap.contains('\n'))
}

fn is_terminator(token: Token, tok: &str) -> bool {
    token.kind == TokenKind::Punct
        && !tok.is_empty()
        && tok.chars().all(|c| matches!(c, '.' | '?' | '!' | '…'))
}

/// An abbreviation with a full stop that may also end a sentence ("U.S.", "Inc.", "etc.").
fn is_final_abbreviation(token: Token, tok: &str) -> bool {
    token.kind == TokenKind::Word
        && tok.len() > 1
        && tok.ends_with('.')
        && !is_non_final_abbreviation(tok)
}

fn is_closer(tok: &str) -> bool {
    matches!(tok, "”" | "\"" | "’" | "'" | ")" | "]" | "»" | "›")
}

fn is_opener(tok: &str) -> bool {
    matches!(
        tok,
        "“" | "\"" | "‘" | "'" | "(" | "[" | "«" | "‹" | "—" | "-"
    )
}

/// Verbs that introduce the speaker after a quotation ("…?” Varki recalled).
static QUOTE_SPEECH_VERBS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(crate::lexicon!("quote_speech_verbs.txt")));

/// Whether the tokens after a terminator open a new sentence.
fn starts_new_sentence(text: &str, rest: &[Token], after_quoted_question: bool) -> bool {
    let Some(next) = rest.first() else {
        return true;
    };
    let word = next.text(text);
    let Some(c) = word.chars().next() else {
        return true;
    };
    if c.is_lowercase() {
        return false;
    }
    if matches!(word, "," | ";" | ":" | ")" | "—" | "–") {
        return false;
    }
    if after_quoted_question && c.is_uppercase() {
        // A speaker of up to three capitalised words then a speech verb continues the sentence.
        for (k, t) in rest.iter().enumerate().take(4) {
            let w = t.text(text);
            if QUOTE_SPEECH_VERBS.contains(w) {
                return !rest[..k]
                    .iter()
                    .all(|p| p.text(text).starts_with(char::is_uppercase));
            }
        }
    }
    true
}

/// Words that typically open a sentence, used after a final-capable abbreviation ("… the U.S. The").
static SENTENCE_OPENERS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(crate::lexicon!("sentence_openers.txt")));

fn starts_sentence_after_abbreviation(text: &str, rest: &[Token]) -> bool {
    let Some(next) = rest.first() else {
        return true;
    };
    let word = next.text(text);
    if is_opener(word)
        && rest
            .get(1)
            .is_some_and(|t| t.text(text).starts_with(char::is_uppercase))
    {
        return true;
    }
    SENTENCE_OPENERS.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        split_sentences(text)
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn seed_shard_cases() {
        let text = "A double suicide bombing in Iran on Jan. 3 killed about 100 people at a memorial. The Moscow tragedy on March 22 saw gunmen open fire.";
        assert_eq!(
            sents(text),
            vec![
                "A double suicide bombing in Iran on Jan. 3 killed about 100 people at a memorial.",
                "The Moscow tragedy on March 22 saw gunmen open fire."
            ]
        );
        let text = "“Who do you know? How many? Where?” Varki recalled the officers asking, with one of them speaking Russian. Varki, a political refugee in France, told the police.";
        assert_eq!(
            sents(text),
            vec![
                "“Who do you know?",
                "How many?",
                "Where?” Varki recalled the officers asking, with one of them speaking Russian.",
                "Varki, a political refugee in France, told the police."
            ]
        );
        let text = "“But I don’t know any jihadists,” he told them.\nIllustration: Yusha";
        assert_eq!(
            sents(text),
            vec![
                "“But I don’t know any jihadists,” he told them.",
                "Illustration: Yusha"
            ]
        );
        let text = "“I think France was pretty surprised by what happened in Moscow and it could be a little bit late.” Russian intelligence still has the best oversight.";
        assert_eq!(
            sents(text),
            vec![
                "“I think France was pretty surprised by what happened in Moscow and it could be a little bit late.”",
                "Russian intelligence still has the best oversight."
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_break() {
        let text = "France, the US and Ukraine are to play. Officials in the U.S. and Dr. Smith of Acme Ltd. agreed. It ended in the U.S. The end.";
        assert_eq!(
            sents(text),
            vec![
                "France, the US and Ukraine are to play.",
                "Officials in the U.S. and Dr. Smith of Acme Ltd. agreed.",
                "It ended in the U.S.",
                "The end."
            ]
        );
        assert_eq!(
            sents("J. K. Rowling wrote it."),
            vec!["J. K. Rowling wrote it."]
        );
    }

    #[test]
    fn bbc_cases() {
        // From the BBC set (business/001.txt style): quotes ending sentences, then a new one.
        let text = "\"We are very pleased,\" said chief executive Terry Semel. \"It shows we are on track.\" Shares rose 2%!";
        assert_eq!(
            sents(text),
            vec![
                "\"We are very pleased,\" said chief executive Terry Semel.",
                "\"It shows we are on track.\"",
                "Shares rose 2%!"
            ]
        );
        let text = "Is it over? \"No!\" he said. Done";
        assert_eq!(sents(text), vec!["Is it over?", "\"No!\" he said.", "Done"]);
    }

    #[test]
    fn paragraphs_never_join() {
        let text = "First line without stop\n\nSecond line. Third one\n";
        assert_eq!(
            sents(text),
            vec!["First line without stop", "Second line.", "Third one"]
        );
        assert!(split_sentences("").is_empty());
        assert!(split_sentences(" \n ").is_empty());
    }
}
