//! Credit and sign-off lines: "Additional reporting by … ; editing by …", "Reporting by …",
//! "Illustration: Yusha", "By Jane Doe", "Reuter".

use newsgraph_model::Credits;
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

static SIGN_OFF: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^[(\[]?\s*(additional\s+reporting|reporting|writing|written|editing|edited|compiled|produced|research|graphics?)\s+by\b",
    )
    .expect("static regex")
});
static WIRE_SIGN_OFF: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(Reuter|REUTER|Reuters|AP|AFP|dpa)\s*$").expect("static regex"));
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
    None
}

static CLAUSE_ROLE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^\s*[(\[]?\s*(additional\s+reporting|reporting|writing|written|editing|edited|compiled|produced|research|illustration|photo|photograph|photography|graphic|graphics|image|picture|video|by)s?(\s+by)?\s*:?\s*",
    )
    .expect("static regex")
});
static PLACE_SUFFIX: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\s+(in|from)\s+\p{Lu}.*$").expect("static regex"));

/// Adds the people named by one credit line to `credits`.
pub fn parse_credit_line(line: &str, credits: &mut Credits) {
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
