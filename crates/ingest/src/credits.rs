//! Credit and sign-off lines: "Additional reporting by … ; editing by …", "Reporting by …",
//! "Illustration: Yusha", "By Jane Doe", "Reuter" — as paragraphs of their own, or glued to the end of
//! the last paragraph ("… the company said. REUTER", "… (Reporting by X; Editing by Y)", "… — AP").
//!
//! The role words and wire-service names are data (`data/lexicon/credit_roles.txt`,
//! `data/lexicon/wire_services.txt`); the regexes here are built from them once.

use newsgraph_model::Credits;
use newsgraph_nlp::lexicon::{entries, WordSet};
use once_cell::sync::Lazy;
use regex::Regex;

/// What a credit line does to the article around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditRole {
    /// Closes an article: reporting / writing / editing credits, a wire sign-off ("Reuter").
    SignOff,
    /// A byline ("By Jane Doe"): opens an article.
    Byline,
    /// A caption credit inside the article ("Illustration: Yusha", "Photo: AP").
    Visual,
}

/// `a|b|c` over a lexicon's entries, regex-escaped, longest first (so "additional reporting" wins
/// over "reporting"); spaces inside an entry match any run of white space.
fn alternation(text: &'static str) -> String {
    let mut words: Vec<&str> = entries(text).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words
        .iter()
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

/// Wire-service names, as an alternation (see `data/lexicon/wire_services.txt`).
pub(crate) static WIRE_NAMES: Lazy<String> =
    Lazy::new(|| alternation(newsgraph_nlp::lexicon!("wire_services.txt")));
static CREDIT_ROLES: Lazy<String> =
    Lazy::new(|| alternation(newsgraph_nlp::lexicon!("credit_roles.txt")));
static BIO_ROLES: Lazy<String> =
    Lazy::new(|| alternation(newsgraph_nlp::lexicon!("credit_bio_roles.txt")));

/// An author's closing bio line: a name of two to four words, "is", up to five words of title and
/// the role, then where ("Clark Boyd is technology correspondent for The World, …"). The name
/// must be capitalised words only and the role must be followed by "for/at/of/with/in", so running
/// text ("Mr Smith is a reporter's nightmare") does not match.
static BIO_LINE: Lazy<Regex> = Lazy::new(|| {
    let name = r"\p{Lu}[\p{L}.'’-]+";
    Regex::new(&format!(
        r"^(?P<name>{name}(?:\s+{name}){{1,3}})\s+is\s+(?:(?i:a|an|the)\s+)?(?:[\p{{L}}&,-]+\s+){{0,5}}?(?i:{roles})s?\s+(?i:for|at|of|with|in|on)\s+\S",
        roles = *BIO_ROLES
    ))
    .expect("lexicon regex")
});

static SIGN_OFF: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(r"(?i)^[(\[]?\s*({})\s+by\b", *CREDIT_ROLES)).expect("lexicon regex")
});
static WIRE_SIGN_OFF: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"^[-–—]*\s*(?:{}|reuter)\.{{0,3}}\s*$",
        *WIRE_NAMES
    ))
    .expect("lexicon regex")
});
static VISUAL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^[(\[]?\s*(illustration|photo|photograph|photography|graphic|image|picture|video)s?(\s+by\s+|\s*:\s*)\S")
        .expect("static regex")
});
static BYLINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^By\s+\p{Lu}[\p{L}.'’-]+(\s+(\p{Lu}[\p{L}.'’-]*|de|van|von|al|bin|and|&))*\s*(,.*)?$",
    )
    .expect("static regex")
});

/// A sign-off glued to the end of a paragraph, in three shapes:
/// * the old wire form "… said. REUTER" / "… 1.45 dlrs Reuter" (never running text, so whatever
///   precedes it), or an agency after a sentence end or a dash ("… said. AP", "… — AP");
/// * a parenthesised credit "(Reporting by X; Editing by Y)";
/// * an unbracketed credit after the last sentence: "… she said. Reporting by X; editing by Y".
static INLINE_WIRE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?:\s(?:Reuter|REUTER|reuter)\.{{0,3}}|(?:[.!?\x22”’)]\s+|\s[-–—]+\s*)(?:{})\.?)\s*$",
        *WIRE_NAMES
    ))
    .expect("lexicon regex")
});
static INLINE_CREDIT: Lazy<Regex> = Lazy::new(|| {
    // Only the role words are case-insensitive: under `(?i)` `\p{Lu}` would match any letter.
    let name = r"\p{Lu}[\p{L}.'’-]*";
    Regex::new(&format!(
        r"(?:\(\s*(?i:{roles})\s+by\s+\p{{Lu}}[^()]*\)\.?|[.!?\x22”’]\s+(?i:{roles})\s+by\s+{name}(?:\s*[,;]?\s+(?:{name}|and|in|(?i:{roles})\s+by))*\.?)\s*$",
        roles = *CREDIT_ROLES
    ))
    .expect("lexicon regex")
});

/// Bytes at the end of a paragraph searched for a glued sign-off: the longest credit line fits.
const INLINE_WINDOW: usize = 400;

/// Where a sign-off glued to the end of `paragraph` starts (a byte offset into it, after any white
/// space), if it ends with one. A paragraph that is a credit line as a whole is not "inline": see
/// [`credit_role`].
pub fn inline_sign_off(paragraph: &str) -> Option<usize> {
    let p = paragraph.trim_end();
    // Cheap gate: every shape ends in a letter, a period or a parenthesis.
    if !p.ends_with(|c: char| c.is_alphabetic() || c == '.' || c == ')') {
        return None;
    }
    // Every shape is short: search the tail only, so long paragraphs cost no more than short ones.
    let mut from = p.len().saturating_sub(INLINE_WINDOW);
    while !p.is_char_boundary(from) {
        from += 1;
    }
    let window = &p[from..];
    let m = INLINE_WIRE
        .find(window)
        .or_else(|| INLINE_CREDIT.find(window))?;
    let m = (from + m.start(), from + m.end());
    // Skip the sentence-end punctuation and white space the match starts with.
    let tail = &p[m.0..m.1];
    let skip = tail
        .find(|c: char| c.is_alphanumeric() || matches!(c, '(' | '-' | '–' | '—'))
        .unwrap_or(0);
    let start = m.0 + skip;
    // The body before the sign-off must be real text, not the credit alone.
    if p[..start].split_whitespace().count() < 3 {
        return None;
    }
    Some(start)
}

static HONORIFICS: Lazy<WordSet> =
    Lazy::new(|| WordSet::parse(newsgraph_nlp::lexicon!("honorifics.txt")));

/// The author named by a closing bio line, if `p` is one. A name led by an honorific ("Mr Smith is
/// a reporter for …") is someone the story talks about, not its author.
fn bio_line_name(p: &str) -> Option<&str> {
    let name = BIO_LINE.captures(p)?.name("name")?.as_str();
    let first = name.split_whitespace().next()?;
    (!HONORIFICS.contains(first.trim_end_matches('.'))).then_some(name)
}

/// Classifies one paragraph as a credit line, if it is one. Long paragraphs are never credits.
pub fn credit_role(paragraph: &str) -> Option<CreditRole> {
    let p = paragraph.trim();
    let words = p.split_whitespace().count();
    if words == 0 || words > 60 {
        return None;
    }
    if WIRE_SIGN_OFF.is_match(p) {
        return Some(CreditRole::SignOff);
    }
    if SIGN_OFF.is_match(p) {
        return Some(CreditRole::SignOff);
    }
    if words <= 12 && VISUAL.is_match(p) {
        return Some(CreditRole::Visual);
    }
    if words <= 10 && BYLINE.is_match(p) {
        return Some(CreditRole::Byline);
    }
    if words <= 40 && bio_line_name(p).is_some() {
        return Some(CreditRole::SignOff);
    }
    None
}

static CLAUSE_ROLE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*[(\[]?\s*({}|illustration|photo|photograph|photography|graphic|graphics|image|picture|video|by)s?(\s+by)?\s*:?\s*",
        *CREDIT_ROLES
    ))
    .expect("lexicon regex")
});
static PLACE_SUFFIX: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\s+(in|from)\s+\p{Lu}.*$").expect("static regex"));

/// Adds the people named by one credit line to `credits`.
pub fn parse_credit_line(line: &str, credits: &mut Credits) {
    if let Some(name) = bio_line_name(line.trim()) {
        let name = name.to_string();
        if !credits.byline.contains(&name) {
            credits.byline.push(name);
        }
        return;
    }
    let line = line.trim().trim_end_matches(['.', ')', ']']);
    let mut last_role: Option<String> = None;
    for clause in line.split(';') {
        let (role, names) = match CLAUSE_ROLE.captures(clause) {
            Some(c) => {
                let role = c
                    .get(1)
                    .map(|m| m.as_str().to_lowercase())
                    .unwrap_or_default();
                let rest = clause.get(c.get(0).map_or(0, |m| m.end())..).unwrap_or("");
                (role, rest)
            }
            None => match &last_role {
                Some(r) => (r.clone(), clause),
                None => continue,
            },
        };
        let target = match role.split_whitespace().next().unwrap_or("") {
            "additional" => &mut credits.additional_reporting,
            "editing" | "edited" => &mut credits.editing,
            "illustration" | "photo" | "photograph" | "photography" | "graphic" | "graphics"
            | "image" | "picture" | "video" => &mut credits.illustration,
            _ => &mut credits.byline,
        };
        for name in split_names(names) {
            if !target.contains(&name) {
                target.push(name);
            }
        }
        last_role = Some(role);
    }
}

/// "Zhifan Liu in Paris, Marco Carta in Rome and Jonathan Landay" → the names.
fn split_names(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in s.split(',') {
        for piece in part.split(" and ").flat_map(|p| p.split(" & ")) {
            let name = PLACE_SUFFIX.replace(piece.trim(), "");
            let name = name
                .trim()
                .trim_matches(|c: char| c == '.' || c == '(' || c == ')' || c.is_whitespace());
            if !name.is_empty() && name.chars().next().is_some_and(|c| c.is_uppercase()) {
                out.push(name.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reuters_credit_line() {
        let line = "Additional reporting by Zhifan Liu in Paris, Marco Carta in Rome, Madeline Chambers in Berlin and Jonathan Landay in Washington; editing by Pravin Char.";
        assert_eq!(credit_role(line), Some(CreditRole::SignOff));
        let mut c = Credits::default();
        parse_credit_line(line, &mut c);
        assert_eq!(
            c.additional_reporting,
            [
                "Zhifan Liu",
                "Marco Carta",
                "Madeline Chambers",
                "Jonathan Landay"
            ]
        );
        assert_eq!(c.editing, ["Pravin Char"]);
        assert!(c.byline.is_empty());
    }

    #[test]
    fn author_bio_line_closes_the_article() {
        // The closing line of a BBC technology column.
        let line = "Clark Boyd is technology correspondent for The World, a BBC World Service and WGBH-Boston co-production.";
        assert_eq!(credit_role(line), Some(CreditRole::SignOff));
        let mut c = Credits::default();
        parse_credit_line(line, &mut c);
        assert_eq!(c.byline, ["Clark Boyd"]);
        assert_eq!(
            credit_role("Jane Q. Doe is a senior fellow at the Brookings Institution."),
            Some(CreditRole::SignOff)
        );
        // Running text about a person is not a credit.
        for text in [
            "Mr Smith is a reporter for the local paper.",
            "The minister is a former correspondent for The Times, officials said.",
            "Tony Blair is the leader of the Labour Party.",
        ] {
            assert_eq!(credit_role(text), None, "{text}");
        }
    }

    #[test]
    fn visual_and_byline_and_wire() {
        assert_eq!(credit_role("Illustration: Yusha"), Some(CreditRole::Visual));
        let mut c = Credits::default();
        parse_credit_line("Illustration: Yusha", &mut c);
        assert_eq!(c.illustration, ["Yusha"]);
        assert_eq!(
            credit_role("By Jane Doe and John Roe"),
            Some(CreditRole::Byline)
        );
        assert_eq!(credit_role("Reuter"), Some(CreditRole::SignOff));
        assert_eq!(
            credit_role("(Reporting by Jane Doe; Editing by Tom Brown)"),
            Some(CreditRole::SignOff)
        );
        let mut c = Credits::default();
        parse_credit_line("(Reporting by Jane Doe; Editing by Tom Brown)", &mut c);
        assert_eq!(c.byline, ["Jane Doe"]);
        assert_eq!(c.editing, ["Tom Brown"]);
    }

    #[test]
    fn sign_offs_glued_to_the_last_paragraph() {
        fn tail(p: &str) -> Option<&str> {
            inline_sign_off(p).map(|at| &p[at..])
        }
        assert_eq!(
            tail("Net profit rose 12 pct, the company said. REUTER"),
            Some("REUTER")
        );
        assert_eq!(tail("Shr 1.23 dlrs vs 1.45 dlrs Reuter"), Some("Reuter"));
        assert_eq!(tail("The vote is due on Friday. — AP"), Some("— AP"));
        assert_eq!(tail("The vote is due on Friday. AP"), Some("AP"));
        assert_eq!(
            tail("Talks resume on Monday, he said. (Reporting by Jane Doe; Editing by Tom Brown)"),
            Some("(Reporting by Jane Doe; Editing by Tom Brown)")
        );
        assert_eq!(
            tail("Talks resume on Monday, he said. Reporting by Jane Doe in Paris; editing by Tom Brown"),
            Some("Reporting by Jane Doe in Paris; editing by Tom Brown")
        );
        let mut c = Credits::default();
        parse_credit_line("(Reporting by Jane Doe; Editing by Tom Brown)", &mut c);
        assert_eq!((c.byline.len(), c.editing.len()), (1, 1));
    }

    #[test]
    fn running_text_does_not_sign_off() {
        for p in [
            "The figures were first reported by AP",
            "Shares of Reuters rose on the news, according to traders at Reuters",
            "He said. Research by Harvard economists shows the effect is large.",
            "The study was funded by the agency. Reporting by local media was scarce.",
            "REUTER",
            "(Reporting by Jane Doe)",
        ] {
            assert_eq!(inline_sign_off(p), None, "{p}");
        }
    }

    #[test]
    fn body_text_is_not_a_credit() {
        assert_eq!(
            credit_role("By the end of the year, prices had doubled."),
            None
        );
        assert_eq!(
            credit_role("Photos of the event spread quickly online, police said."),
            None
        );
        assert_eq!(credit_role("Reuters spoke to two other Tajiks."), None);
    }
}
