//! Place names and demonyms (derived from GeoNames and countryinfo; see data/gazetteer.tsv).

use rustc_hash::FxHashMap;

/// A country ("France").
pub const COUNTRY: u8 = 1;
/// A first-level division: US state, Canadian province, … ("Ohio").
pub const STATE: u8 = 2;
/// A city of 15,000 people or more (GeoNames cities15000).
pub const CITY: u8 = 4;
/// A continent ("Africa").
pub const CONTINENT: u8 = 8;
/// A region that is neither country nor state ("Middle East").
pub const REGION: u8 = 16;
/// A demonym ("French", "Tajik").
pub const DEMONYM: u8 = 32;
/// Well-known organisations.
pub const ORG: u8 = 64;
/// Flag: the name was listed in capitals only.
const ACRONYM: u8 = 128;
/// Cleared when a name is also listed in mixed case (then any case matches).
const ACRONYM_ONLY_MASK: u8 = ACRONYM;

/// Categories that make a location a geo-political entity.
pub const GPE: u8 = COUNTRY | STATE | CITY;
/// Number of distinct categories above (each a bit of a category byte).
pub const CATEGORY_COUNT: usize = 7;

/// Longest name, in tokens.
pub const MAX_PHRASE_TOKENS: usize = 6;

/// Names (lower-cased, tokens joined by one space) and their category bits.
#[derive(Debug, Default)]
pub struct Gazetteer {
    names: FxHashMap<String, u8>,
}

fn category_bit(name: &str) -> u8 {
    match name {
        "country" => COUNTRY,
        "state" => STATE,
        "city" => CITY,
        "continent" => CONTINENT,
        "region" => REGION,
        "demonym" => DEMONYM,
        "org" => ORG,
        _ => 0,
    }
}

impl Gazetteer {
    /// Parses `name<TAB>cat,cat` lines; names are tokenised like running text.
    pub fn parse(tsv: &str) -> Self {
        let mut names = FxHashMap::default();
        for line in tsv.lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((name, cats)) = line.split_once('\t') else {
                continue;
            };
            let bits = cats.split(',').map(category_bit).fold(0, |a, b| a | b);
            if bits == 0 {
                continue;
            }
            let key = key_of(crate::tokenize(name).iter().map(|t| t.text(name)));
            // Acronyms ("WHO", "UN") only match in capitals, never "Who" or "Un".
            let acronym = !name.chars().any(char::is_lowercase);
            let entry = names.entry(key).or_insert(0);
            *entry |= bits;
            if acronym {
                *entry |= ACRONYM;
            } else {
                *entry &= !ACRONYM_ONLY_MASK;
            }
        }
        Gazetteer { names }
    }

    /// Category bits of a name given as its tokens.
    pub fn lookup<'a>(&self, tokens: impl Iterator<Item = &'a str>) -> u8 {
        self.names.get(&key_of(tokens)).copied().unwrap_or(0) & !ACRONYM
    }

    /// Matches in a sentence: for each token, the category bits and position code
    /// (0 single, 1 begin, 2 inside, 3 last) of every name covering it, longest first.
    /// Only names whose first and last tokens are capitalised count.
    pub fn matches(&self, tokens: &[&str]) -> Vec<Vec<(u8, u8)>> {
        let mut out: Vec<Vec<(u8, u8)>> = vec![Vec::new(); tokens.len()];
        let mut key = String::new();
        for start in 0..tokens.len() {
            if !starts_upper(tokens[start]) {
                continue;
            }
            key.clear();
            for len in 1..=MAX_PHRASE_TOKENS.min(tokens.len() - start) {
                let end = start + len;
                if len > 1 {
                    key.push(' ');
                }
                for c in tokens[end - 1].chars() {
                    key.extend(c.to_lowercase());
                }
                if !starts_upper(tokens[end - 1]) {
                    continue;
                }
                if let Some(&flagged) = self.names.get(key.as_str()) {
                    let bits = flagged & !ACRONYM;
                    if flagged & ACRONYM != 0
                        && tokens[start..end]
                            .iter()
                            .any(|t| t.chars().any(char::is_lowercase))
                    {
                        continue;
                    }
                    for (k, slot) in out[start..end].iter_mut().enumerate() {
                        let pos = if len == 1 {
                            0
                        } else if k == 0 {
                            1
                        } else if k + 1 == len {
                            3
                        } else {
                            2
                        };
                        slot.push((bits, pos));
                    }
                }
            }
        }
        out
    }

    /// Number of names listed.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when no name is listed.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn key_of<'a>(tokens: impl Iterator<Item = &'a str>) -> String {
    let mut key = String::new();
    for (i, t) in tokens.enumerate() {
        if i > 0 {
            key.push(' ');
        }
        for c in t.chars() {
            key.extend(c.to_lowercase());
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_matches() {
        let g = Gazetteer::parse(
            "# c\nCentral Asia\tregion\nParis\tcity\nTajiks\tdemonym\nFrance\tcountry\nWHO\torg\n",
        );
        assert_eq!(g.matches(&["Who", "WHO"])[0], vec![]);
        assert_eq!(g.matches(&["Who", "WHO"])[1], vec![(ORG, 0)]);
        let m = g.matches(&["Tajiks", "in", "Central", "Asia", "and", "PARIS"]);
        assert_eq!(m[0], vec![(DEMONYM, 0)]);
        assert!(m[1].is_empty());
        assert_eq!(m[2], vec![(REGION, 1)]);
        assert_eq!(m[3], vec![(REGION, 3)]);
        assert_eq!(m[5], vec![(CITY, 0)]);
        assert_eq!(g.lookup(["france"].into_iter()), COUNTRY);
    }
}
