//! News tokenizer with byte offsets.
//!
//! Works on whitespace-separated chunks: leading punctuation (opening quotes, brackets, currency
//! signs) and trailing punctuation (closing quotes, commas, full stops that are not part of an
//! abbreviation) are peeled off, then clitics ("’s", "n’t") and infix punctuation (dashes, slashes,
//! commas between words) are split. Hyphenated words ("Jean-Francois", "ISIS-K", "18-year-old"),
//! numbers ("150,000", "1.13bn") and dotted abbreviations ("U.S.", "Jan.") stay whole, which is also
//! how CoNLL-2003 tokenises, so the NER model sees the same units in training and in use.

use newsgraph_model::Span;
use once_cell::sync::Lazy;

use crate::lexicon::{entries, WordSet};

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Contains a letter ("France", "’s", "18-year-old", "U.S.").
    Word,
    /// Starts with a digit ("150,000", "1.13bn", "2022").
    Number,
    /// Punctuation only (".", "“", "—", "...").
    Punct,
    /// Symbols such as currency signs and "%" ("US$", "£", "%", "&").
    Symbol,
}

/// A token: its byte span in the text and what kind of token it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte range of the token in the text.
    pub span: Span,
    /// Word, number, punctuation, …
    pub kind: TokenKind,
}

impl Token {
    /// The token's text in `text` (the text it was cut from).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.slice(text)
    }
}

/// Splits `text` into tokens; every span lies on char boundaries and no token contains whitespace.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut chunk_start: Option<usize> = None;
    // Whether the open chunk is the first on its line.
    let mut line_start = true;
    let mut first_on_line = true;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = chunk_start.take() {
                if first_on_line && is_list_marker(&text[s..i]) && continues_line(&text[i..]) {
                    push(text, s, i, &mut out);
                } else {
                    tokenize_chunk(text, s, i, &mut out);
                }
            }
            if c == '\n' {
                line_start = true;
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
            first_on_line = line_start;
            line_start = false;
        }
    }
    if let Some(s) = chunk_start {
        tokenize_chunk(text, s, text.len(), &mut out);
    }
    out
}

/// A number with a full stop opening a line ("1. Michael Johnson (U.S.) 19.32"): a ranked or
/// numbered list item, one token as in CoNLL-2003, so the item is not cut into a sentence "1 ."
/// and one without its number.
fn is_list_marker(chunk: &str) -> bool {
    chunk
        .strip_suffix('.')
        .is_some_and(|n| (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a word follows on the same line (`rest` starts at the whitespace after a chunk).
fn continues_line(rest: &str) -> bool {
    rest.chars()
        .take_while(|&c| c != '\n')
        .any(|c| !c.is_whitespace())
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '‹' | '›' | '„' | '‟' | '`'
    )
}

fn is_opening(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '¿' | '¡' | '*' | '#' | '<') || is_quote(c)
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | ',' | ';' | ':' | '!' | '?' | '…' | '%' | '*' | '>' | '‰'
    ) || is_quote(c)
}

fn is_currency_sign(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥' | '₹' | '₽' | '₩' | '₺' | '¢')
}

/// Dashes that always stand alone.
fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―' | '−')
}

/// Characters split off wherever they appear inside a chunk.
fn is_hard_infix(c: char) -> bool {
    is_dash(c)
        || matches!(
            c,
            '…' | ';'
                | '!'
                | '?'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '"'
                | '“'
                | '”'
                | '‘'
                | '«'
                | '»'
                | '„'
                | '|'
        )
}

/// Month, title and company abbreviations that take a full stop ("Jan.", "Dr.", "Ltd."), in
/// `data/lexicon/abbreviations.txt`. Capitalised entries must match case exactly; lower-case ones
/// match any case.
static ABBREVIATIONS: Lazy<Vec<&'static str>> =
    Lazy::new(|| entries(crate::lexicon!("abbreviations.txt")).collect());

/// Abbreviations that are followed by a name or a number, so a sentence never ends after them.
static NON_FINAL_ABBREVIATIONS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(crate::lexicon!("non_final_abbreviations.txt")));

/// Whether `word` (without its final full stop) is an abbreviation that keeps the full stop.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    // A single capital letter is an initial ("J. K. Rowling").
    if chars.next().is_none() && first.is_uppercase() {
        return true;
    }
    // Letters separated by full stops: "U.S", "U.N", "e.g", "a.m".
    if is_dotted_letters(word) {
        return true;
    }
    ABBREVIATIONS.iter().any(|a| {
        if a.chars().next().is_some_and(|c| c.is_lowercase()) {
            a.eq_ignore_ascii_case(word)
        } else {
            *a == word
        }
    })
}

/// Whether an abbreviation token (with its full stop) normally precedes a name or number.
pub(crate) fn is_non_final_abbreviation(token: &str) -> bool {
    let word = token.strip_suffix('.').unwrap_or(token);
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    if chars.next().is_none() && first.is_uppercase() {
        return true;
    }
    NON_FINAL_ABBREVIATIONS.contains(word)
}

fn is_dotted_letters(word: &str) -> bool {
    let mut expect_letter = true;
    let mut letters = 0;
    for c in word.chars() {
        if expect_letter {
            if !c.is_alphabetic() {
                return false;
            }
            letters += 1;
            expect_letter = false;
        } else if c == '.' {
            expect_letter = true;
        } else {
            return false;
        }
    }
    letters >= 2 && !expect_letter
}

fn classify(s: &str) -> TokenKind {
    let mut chars = s.chars();
    let first = chars.next().unwrap_or(' ');
    if first.is_ascii_digit()
        || ((first == '.' || first == '-' || first == '+')
            && chars.next().is_some_and(|c| c.is_ascii_digit()))
    {
        return TokenKind::Number;
    }
    if s.chars().any(is_currency_sign) {
        return TokenKind::Symbol;
    }
    if s.chars().any(|c| c.is_alphabetic()) {
        return TokenKind::Word;
    }
    if s.chars().all(|c| {
        c.is_ascii_punctuation()
            && !matches!(
                c,
                '$' | '%' | '&' | '+' | '=' | '<' | '>' | '^' | '|' | '~' | '#' | '@'
            )
            || is_quote(c)
            || is_dash(c)
            || c == '…'
            || c == '¿'
            || c == '¡'
    }) {
        return TokenKind::Punct;
    }
    TokenKind::Symbol
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    if start < end {
        let kind = classify(text.get(start..end).unwrap_or(""));
        out.push(Token {
            span: Span::new(start, end),
            kind,
        });
    }
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

/// Length in bytes of a currency prefix such as "$", "US$", "A$", "HK$", "£" at the start of `s`,
/// when followed by a digit or nothing.
fn currency_prefix_len(s: &str) -> Option<usize> {
    let mut len = 0;
    let mut letters = 0;
    for c in s.chars() {
        if c.is_ascii_uppercase() && letters < 3 {
            letters += 1;
            len += 1;
            continue;
        }
        if is_currency_sign(c) {
            len += c.len_utf8();
            let rest = &s[len..];
            let next_ok = rest.is_empty()
                || rest.starts_with(|d: char| d.is_ascii_digit())
                || (rest.starts_with('.') && rest[1..].starts_with(|d: char| d.is_ascii_digit()));
            return if next_ok { Some(len) } else { None };
        }
        return None;
    }
    None
}

/// Tokenises the chunk `text[start..end]`, which contains no whitespace.
fn tokenize_chunk(text: &str, mut start: usize, mut end: usize, out: &mut Vec<Token>) {
    // A clitic standing alone ("the U.S. 's", CoNLL's own tokens) is one token, not a quote and
    // a word.
    if CLITICS
        .iter()
        .any(|c| c.eq_ignore_ascii_case(&text[start..end]))
    {
        push(text, start, end, out);
        return;
    }
    // Prefixes.
    loop {
        let rest = &text[start..end];
        let Some(c) = first_char(rest) else { return };
        if let Some(len) = currency_prefix_len(rest) {
            push(text, start, start + len, out);
            start += len;
            continue;
        }
        // A US legislator's party and state in brackets, "(D-N.J.)", "(R-Ohio)": the party letter
        // and the state are two words, so that the state can be a place name of its own.
        if let Some(len) = party_letter_len(text, start) {
            push(text, start, start + len, out);
            push(text, start + len, start + len + 1, out);
            start += len + 1;
            continue;
        }
        // An apostrophe before a number is an elision ("’90s"), not a quote.
        if (c == '\'' || c == '’') && rest[c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit())
        {
            break;
        }
        if is_opening(c) && rest.len() > c.len_utf8() || is_dash(c) || c == '…' {
            push(text, start, start + c.len_utf8(), out);
            start += c.len_utf8();
            continue;
        }
        if rest.starts_with("--") || rest.starts_with("...") {
            let run = rest
                .bytes()
                .take_while(|&b| b == rest.as_bytes()[0])
                .count();
            push(text, start, start + run, out);
            start += run;
            continue;
        }
        break;
    }
    // Suffixes, collected from the right and pushed after the core.
    let mut suffixes: Vec<(usize, usize)> = Vec::new();
    loop {
        let rest = &text[start..end];
        let Some(c) = last_char(rest) else { break };
        if rest.len() == c.len_utf8() {
            break;
        }
        if c == '.' {
            let dots = rest.bytes().rev().take_while(|&b| b == b'.').count();
            if dots >= 2 {
                suffixes.push((end - dots, end));
                end -= dots;
                continue;
            }
            let core = &rest[..rest.len() - 1];
            if is_abbreviation(core) {
                break;
            }
            suffixes.push((end - 1, end));
            end -= 1;
            continue;
        }
        if rest.ends_with("--") {
            let run = rest.bytes().rev().take_while(|&b| b == b'-').count();
            suffixes.push((end - run, end));
            end -= run;
            continue;
        }
        if is_closing(c) || is_dash(c) {
            suffixes.push((end - c.len_utf8(), end));
            end -= c.len_utf8();
            continue;
        }
        break;
    }
    split_core(text, start, end, out);
    for &(s, e) in suffixes.iter().rev() {
        push(text, s, e, out);
    }
}

/// The length of the party letter ("D", "R", "I") of a "(D-N.J.)" tag starting at `start`, right
/// after its opening bracket, when a capitalised state follows the hyphen.
fn party_letter_len(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let after_bracket = start > 0 && bytes.get(start - 1) == Some(&b'(');
    let party = matches!(bytes.get(start), Some(b'D' | b'R' | b'I'));
    let state = bytes.get(start + 2).is_some_and(u8::is_ascii_uppercase);
    (after_bracket && party && bytes.get(start + 1) == Some(&b'-') && state).then_some(1)
}

/// Clitics split from the end of a word, longest first (PTB style: "do" + "n’t", "France" + "’s").
const CLITICS: &[&str] = &[
    "n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m",
];

fn split_core(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    if start >= end {
        return;
    }
    let core = &text[start..end];
    // Infix punctuation.
    let mut prev: Option<char> = None;
    for (i, c) in core.char_indices() {
        let next = core[i + c.len_utf8()..].chars().next();
        let split = if is_hard_infix(c) {
            true
        } else if c == ',' || c == ':' || c == '/' {
            // Keep "150,000", "10:30", "24/7" whole; split "recruiters/handlers".
            let digits = prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit());
            let url = c == ':' && core[i..].starts_with("://") || c == '/' && core.contains("://");
            !(digits || url) && i > 0 && next.is_some()
        } else {
            c == '-' && next == Some('-')
        };
        if split && (i > 0 || next.is_some()) {
            let run = if c == '-' {
                core[i..].bytes().take_while(|&b| b == b'-').count()
            } else {
                c.len_utf8()
            };
            let left_end = start + i;
            if i > 0 {
                tokenize_chunk(text, start, left_end, out);
            }
            push(text, left_end, left_end + run, out);
            if left_end + run < end {
                tokenize_chunk(text, left_end + run, end, out);
            }
            return;
        }
        prev = Some(c);
    }
    // Clitics.
    for clitic in CLITICS {
        if core.len() > clitic.len() && ends_with_ignore_ascii_case(core, clitic) {
            let cut = end - clitic.len();
            let stem = &text[start..cut];
            if stem.chars().next_back().is_some_and(|c| c.is_alphabetic()) {
                push(text, start, cut, out);
                push(text, cut, end, out);
                return;
            }
        }
    }
    push(text, start, end, out);
}

fn ends_with_ignore_ascii_case(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.is_char_boundary(s.len() - suffix.len())
        && s[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn quotes_and_possessives() {
        assert_eq!(
            toks("“But I don’t know any jihadists,” he told them."),
            vec![
                "“",
                "But",
                "I",
                "do",
                "n’t",
                "know",
                "any",
                "jihadists",
                ",",
                "”",
                "he",
                "told",
                "them",
                "."
            ]
        );
        assert_eq!(
            toks("France’s tiny community"),
            vec!["France", "’s", "tiny", "community"]
        );
        assert_eq!(
            toks("Saint-Etienne’s soccer stadium"),
            vec!["Saint-Etienne", "’s", "soccer", "stadium"]
        );
        assert_eq!(
            toks("the 'best' \"ever\" (so far)"),
            vec!["the", "'", "best", "'", "\"", "ever", "\"", "(", "so", "far", ")"]
        );
        assert_eq!(
            toks("the Tajiks’ views"),
            vec!["the", "Tajiks", "’", "views"]
        );
        assert_eq!(toks("in the ’90s"), vec!["in", "the", "’90s"]);
    }

    #[test]
    fn hyphenated_names_and_ages() {
        assert_eq!(
            toks("Jean-Francois Ratelle"),
            vec!["Jean-Francois", "Ratelle"]
        );
        assert_eq!(
            toks("members of ISIS-K, a"),
            vec!["members", "of", "ISIS-K", ",", "a"]
        );
        assert_eq!(
            toks("an 18-year-old Chechen"),
            vec!["an", "18-year-old", "Chechen"]
        );
        assert_eq!(
            toks("anti-Muslim sentiment"),
            vec!["anti-Muslim", "sentiment"]
        );
    }

    #[test]
    fn money_and_numbers() {
        assert_eq!(toks("US$150,000"), vec!["US$", "150,000"]);
        assert_eq!(toks("£600m deal"), vec!["£", "600m", "deal"]);
        assert_eq!(toks("($1.13bn)"), vec!["(", "$", "1.13bn", ")"]);
        assert_eq!(
            toks("rose 5% to 1,234.5."),
            vec!["rose", "5", "%", "to", "1,234.5", "."]
        );
        assert_eq!(toks("at 10:30, then"), vec!["at", "10:30", ",", "then"]);
        let t = tokenize("US$150,000");
        assert_eq!(t[0].kind, TokenKind::Symbol);
        assert_eq!(t[1].kind, TokenKind::Number);
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            toks("on Jan. 3 the U.S. said"),
            vec!["on", "Jan.", "3", "the", "U.S.", "said"]
        );
        assert_eq!(
            toks("Acme Ltd. and Dr. Who"),
            vec!["Acme", "Ltd.", "and", "Dr.", "Who"]
        );
        assert_eq!(toks("J. K. Rowling"), vec!["J.", "K.", "Rowling"]);
        assert_eq!(toks("the end."), vec!["the", "end", "."]);
        assert_eq!(toks("wait..."), vec!["wait", "..."]);
    }

    #[test]
    fn infix_punctuation() {
        assert_eq!(
            toks("recruiters/handlers who"),
            vec!["recruiters", "/", "handlers", "who"]
        );
        assert_eq!(
            toks("migrants — mainly in Russia — for"),
            vec!["migrants", "—", "mainly", "in", "Russia", "—", "for"]
        );
        assert_eq!(toks("migrants—mainly"), vec!["migrants", "—", "mainly"]);
        assert_eq!(toks("Where?” Varki"), vec!["Where", "?", "”", "Varki"]);
        assert_eq!(toks("know? How"), vec!["know", "?", "How"]);
        assert_eq!(
            toks("see http://bbc.co.uk/news now"),
            vec!["see", "http://bbc.co.uk/news", "now"]
        );
    }

    #[test]
    fn detached_clitics_and_list_numbers() {
        assert_eq!(toks("the U.S. 's plan"), vec!["the", "U.S.", "'s", "plan"]);
        assert_eq!(
            toks("Sen. Cory Booker (D-N.J.) said"),
            vec!["Sen.", "Cory", "Booker", "(", "D", "-", "N.J.", ")", "said"]
        );
        assert_eq!(toks("(R-Ohio)"), vec!["(", "R", "-", "Ohio", ")"]);
        assert_eq!(toks("(DE-CIX)"), vec!["(", "DE-CIX", ")"]);
        assert_eq!(toks("they ’re here"), vec!["they", "’re", "here"]);
        assert_eq!(toks("'s"), vec!["'s"]);
        assert_eq!(toks("'sorry'"), vec!["'", "sorry", "'"]);
        assert_eq!(
            toks("1. Michael Johnson (U.S.) 19.32\n2. Frank"),
            vec!["1.", "Michael", "Johnson", "(", "U.S.", ")", "19.32", "2.", "Frank"]
        );
        // Not at the start of a line, or alone on it: a number and a full stop.
        assert_eq!(toks("won by 3."), vec!["won", "by", "3", "."]);
        assert_eq!(
            toks("the score:\n3.\nNext"),
            vec!["the", "score", ":", "3", ".", "Next"]
        );
        let text = "1. Colonna\n2. Smith";
        let sentences = crate::split_sentences(text);
        assert_eq!(sentences.len(), 2);
    }

    #[test]
    fn offsets_cover_text_without_whitespace() {
        let text = "“Who do you know? How many? Where?” Varki recalled.\nIllustration: Yusha";
        let tokens = tokenize(text);
        let mut last = 0;
        for t in &tokens {
            assert!(t.span.start >= last);
            assert!(!t.text(text).is_empty());
            assert!(!t.text(text).contains(char::is_whitespace));
            last = t.span.end;
        }
        let joined: String = tokens.iter().map(|t| t.text(text)).collect();
        let stripped: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined, stripped);
    }
}
