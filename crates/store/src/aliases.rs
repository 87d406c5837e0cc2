//! Per-mention alias normalisation: what real-world name one entity mention stands for.
//!
//! [`mention_key`] is a pure function of a mention's text and its tagger label. It is the one
//! place that decides, for a single mention, the identity key the store resolves on, so that
//! anything else grouping mentions (a bulk job, a Spark aggregate) can key on exactly the same
//! value and agree with the store:
//!
//! - glued junk is cut or the mention rejected: sentence openers the tagger glued to a name
//!   ("Instead Mr Blair" → "Mr Blair", "Vote Blair" → "Blair"), trailing punctuation
//!   ("Prime Minister," → "Prime Minister"), a dangling honorific ("It claims Mr" → rejected), a
//!   clause glued inside an organisation or place ("Liberal Democrats challenge Labour" →
//!   Liberal Democrats; a lower-case word outside `name_function_words.txt` rejects an unlisted
//!   name), and two listed names in one span ("Tories and Lib Dems" → rejected);
//! - a party, title or role in front of a person's name becomes a descriptor
//!   ("Lib Dem MP Lembit Opik" → Lembit Opik, descriptor "Lib Dem MP"), and a party with a role
//!   but no name ("Conservative MP") is rejected: it describes someone, it names nobody;
//! - the names of one entity listed in `data/lexicon/entity_aliases.txt` share one key and one
//!   type whatever the label ("Lib Dems", "Lib Dem", "Liberal Democrat Party" →
//!   `liberal democrats`, ORG; "U.S.", "America" → `united states`, LOC);
//! - otherwise the key is the normalised name ([`normalize`]; for people without honorifics and
//!   titles, [`person_name`]). The label does not enter the key beyond person or not, so a
//!   tagging wobble (ORG / MISC / NORP) does not split an entity.
//!
//! Cross-article decisions that need more than one mention (a bare surname joining a full name,
//! an acronym joining its expansion, the entity's type by vote over its mentions) are made in
//! [`crate::resolve`] on top of these keys.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use newsgraph_nlp::lexicon::entries;
use newsgraph_nlp::ner::gazetteer::{Gazetteer, DEMONYM};

use crate::names::{normalize, person_name};

/// One entry of the alias table: the canonical name and its fixed type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AliasEntry {
    /// The name the entity is displayed under ("Liberal Democrats").
    pub name: &'static str,
    /// Its type (ORG, LOC, …), which overrides the vote over mention labels.
    pub label: &'static str,
}

/// Normalised alias (and normalised canonical name) → entry.
static ALIASES: LazyLock<HashMap<String, AliasEntry>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in entries(newsgraph_nlp::lexicon!("entity_aliases.txt")) {
        let mut fields = line.split('|').map(str::trim);
        let (Some(name), Some(label)) = (fields.next(), fields.next()) else {
            continue;
        };
        let entry = AliasEntry { name, label };
        map.insert(normalize(name), entry);
        for alias in fields.filter(|a| !a.is_empty()) {
            map.entry(normalize(alias)).or_insert(entry);
        }
    }
    map
});

/// The first word of every alias-table name (normalised): a mention starting with any other
/// word has no alias prefix, which saves normalising its prefixes.
static ALIAS_FIRST_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    ALIASES
        .keys()
        .filter_map(|k| k.split(' ').next())
        .map(str::to_string)
        .collect()
});

fn lower_set(text: &'static str) -> HashSet<String> {
    entries(text).map(str::to_lowercase).collect()
}

/// Clause openers that never begin a name.
static JUNK_OPENERS: LazyLock<HashSet<String>> =
    LazyLock::new(|| lower_set(newsgraph_nlp::lexicon!("name_junk_openers.txt")));

/// Lower-case words that may stand inside an organisation's or place's name ("Bank of England").
static NAME_FUNCTION_WORDS: LazyLock<HashSet<String>> =
    LazyLock::new(|| lower_set(newsgraph_nlp::lexicon!("name_function_words.txt")));

/// Whether `word` inside an ORG / place mention shows a glued clause: a lower-case word that
/// names take no part in ("Liberal Democrats challenge Labour", "Lords if Conservative").
fn clause_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
        && !word.contains('-')
        && !NAME_FUNCTION_WORDS.contains(&lower(word))
}

/// Labels whose mentions name organisations, places or groups (not works, events or laws, whose
/// titles are sentences: "Who Wants to Be a Millionaire").
fn organisation_or_place(label: &str) -> bool {
    matches!(label, "ORG" | "LOC" | "GPE" | "NORP" | "FAC")
}

/// Role words between a party and a name ("MP", "peer", "former").
static ROLE_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut s = lower_set(newsgraph_nlp::lexicon!("party_role_words.txt"));
    s.extend(lower_set(newsgraph_nlp::lexicon!("titles.txt")));
    s.extend(lower_set(newsgraph_nlp::lexicon!("occupation_titles.txt")));
    s
});

/// Portfolio words ("Home Affairs", "Treasury"), lower case: see `portfolio_words.txt`.
static PORTFOLIO_WORDS: LazyLock<HashSet<String>> =
    LazyLock::new(|| lower_set(newsgraph_nlp::lexicon!("portfolio_words.txt")));

/// Head words of organisations and places ("Department", "Bank"), case-sensitive.
static ORG_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(newsgraph_nlp::lexicon!("org_words.txt")).collect());

static HONORIFICS: LazyLock<HashSet<String>> =
    LazyLock::new(|| lower_set(newsgraph_nlp::lexicon!("honorifics.txt")));

static PARTICLES: LazyLock<HashSet<String>> =
    LazyLock::new(|| lower_set(newsgraph_nlp::lexicon!("name_particles.txt")));

/// Given names (`first_names.txt` lines are `m|f Name Name …`).
static FIRST_NAMES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    entries(newsgraph_nlp::lexicon!("first_names.txt"))
        .flat_map(|l| l.split_whitespace().skip(1))
        .map(str::to_lowercase)
        .collect()
});

/// The place and demonym gazetteer the tagger uses (GeoNames and countryinfo).
static GAZETTEER: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::parse(newsgraph_nlp::ner::GAZETTEER_TSV));

/// A capitalised nationality or people ("Australian", "Scottish").
fn is_demonym(word: &str) -> bool {
    is_capitalised(word) && GAZETTEER.lookup(std::iter::once(word)) & DEMONYM != 0
}

/// Word (lower case) → gender letter, from a `m|f word word …` lexicon file.
fn gender_map(text: &'static str) -> HashMap<String, char> {
    let mut map = HashMap::new();
    for line in entries(text) {
        let mut words = line.split_whitespace();
        let Some(g) = words.next().and_then(|g| g.chars().next()) else {
            continue;
        };
        for w in words {
            map.insert(w.trim_end_matches('.').to_lowercase(), g);
        }
    }
    map
}

static TITLE_GENDER: LazyLock<HashMap<String, char>> =
    LazyLock::new(|| gender_map(newsgraph_nlp::lexicon!("gendered_titles.txt")));

static NAME_GENDER: LazyLock<HashMap<String, char>> =
    LazyLock::new(|| gender_map(newsgraph_nlp::lexicon!("first_names.txt")));

/// The gender a mention's title tells ("Mrs Howard" → `f`, "Lord Butler" → `m`), if any.
pub fn title_gender(text: &str) -> Option<char> {
    let first = text.split_whitespace().next()?;
    TITLE_GENDER
        .get(&first.trim_end_matches('.').to_lowercase())
        .copied()
}

/// The gender a normalised full name's given name usually has ("michael howard" → `m`).
pub fn given_name_gender(norm: &str) -> Option<char> {
    NAME_GENDER.get(norm.split(' ').next()?).copied()
}

/// Whether a mention whose title says `title` may be the person named `full_norm`: not when
/// the title's gender and the given name's disagree ("Mrs Howard" is not Michael Howard).
pub fn genders_agree(title: Option<char>, full_norm: &str) -> bool {
    match (title, given_name_gender(full_norm)) {
        (Some(t), Some(n)) => t == n,
        _ => true,
    }
}

/// What one mention names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionKey {
    /// Identity key: two mentions with equal keys (and equal `person`) name the same entity, up
    /// to the cross-article surname and acronym rules. Lower case, accent-folded.
    pub key: String,
    /// The name to display, as written minus the cut words (or the alias table's canonical name).
    pub name: String,
    /// Whether the mention names a person (PER label, or a person's name behind a party or role
    /// whatever the label).
    pub person: bool,
    /// The type the alias table fixes for this entity, if it lists it.
    pub label: Option<&'static str>,
    /// A party, title or role written in front of the name ("Lib Dem MP").
    pub descriptor: Option<String>,
}

/// The alias-table entry a normalised name belongs to, if any.
pub fn alias_entry(norm: &str) -> Option<AliasEntry> {
    ALIASES.get(norm).copied()
}

fn lower(word: &str) -> String {
    normalize(word)
}

fn is_capitalised(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// Punctuation a mention may carry at its edges that is not part of the name: quotes, brackets,
/// commas, and a full stop that ends a sentence rather than an abbreviation ("Mass." but not
/// "U.S." or "Jr.").
fn trim_edges(word: &str) -> &str {
    let w = word
        .trim_start_matches(['"', '\'', '(', '[', '\u{201c}', '\u{2018}'])
        .trim_end_matches([
            ',', ';', ':', '!', '?', '"', ')', ']', '\u{201d}', '\u{2019}', '\u{2014}', '-',
        ]);
    match w.strip_suffix('.') {
        Some(stem)
            if !stem.contains('.')
                && stem.chars().count() > 3
                && stem.chars().any(char::is_lowercase) =>
        {
            stem
        }
        _ => w,
    }
}

/// "Ex-Welsh Office" is the Welsh Office a former minister served: the prefix says "former".
fn strip_ex_prefix(word: &str) -> &str {
    match word.get(..3) {
        Some("Ex-" | "ex-") if word[3..].chars().next().is_some_and(char::is_uppercase) => {
            &word[3..]
        }
        _ => word,
    }
}

/// "Bush-style", "London-based": the name before a lower-case tail after its last hyphen; any
/// other word unchanged ("Stratford-upon-Avon" ends in a capital).
fn strip_derived_tail(word: &str) -> &str {
    match word.rsplit_once('-') {
        Some((head, tail))
            if tail.chars().next().is_some_and(char::is_lowercase)
                && is_capitalised(head)
                && !PARTICLES.contains(&lower(tail)) =>
        {
            head
        }
        _ => word,
    }
}

/// "Tory-Labour", "Iraq-Iran", "U.S.-Japan": one hyphenated word whose every part is a listed
/// party, country, region, people or well-known organisation names a relation between them
/// (CoNLL-2003 tags "Israel-PLO" MISC), never one entity. A compound listed whole
/// ("Bosnia-Herzegovina") is a name. Cities do not count: they are often surnames too.
fn compound_of_listed_names(word: &str) -> bool {
    use newsgraph_nlp::ner::gazetteer::{CONTINENT, COUNTRY, ORG, REGION, STATE};
    let listed = |w: &str| {
        alias_entry(&normalize(w)).is_some()
            || GAZETTEER.lookup(std::iter::once(w))
                & (COUNTRY | STATE | CONTINENT | REGION | DEMONYM | ORG)
                != 0
    };
    let mut parts = word.split('-');
    word.contains('-')
        && !listed(word)
        && parts.all(|p| !p.is_empty() && is_capitalised(p) && listed(p))
}

/// The words of a mention without glued openers, lower-case lead-ins and dangling honorifics.
fn core_words(text: &str) -> Vec<&str> {
    let raw: Vec<&str> = text.split_whitespace().collect();
    // A closing double quote inside a span ends a quotation, and the sentence with it: the tagger
    // glued the next sentence's first name on ("Prisoner Cell Block H.\" Labour …"). No one name.
    let inner = raw.len().saturating_sub(1);
    if raw[..inner].iter().any(|w| w.ends_with(['"', '\u{201d}'])) {
        return Vec::new();
    }
    let mut words: Vec<&str> = raw
        .into_iter()
        // A stock ticker glued on ("Plc<SNB.L>", Reuters' form) is no part of the name.
        .map(|w| w.split_once('<').map_or(w, |(name, _)| name))
        .map(trim_edges)
        .map(strip_ex_prefix)
        .filter(|w| !w.is_empty())
        .collect();
    // "Former Downing Street spin doctor": "former" qualifies a role, not the place ("Former
    // Yugoslav Republic of Macedonia" keeps it; before a party it opens a person's descriptor,
    // "Former Labour MP …", which `mention_key` reads).
    if words.len() >= 2
        && lower(words[0]) == "former"
        && !is_demonym(words[1])
        && alias_prefix(&words[1..]).is_none()
    {
        words.remove(0);
    }
    // "George Bush-style": an adjective made from a name names the name.
    if words.len() >= 2 {
        if let Some(last) = words.last_mut() {
            *last = strip_derived_tail(last);
        }
    }
    // Leading junk: a clause opener, or a lower-case word that is not a name particle.
    while let Some(first) = words.first() {
        let l = lower(first);
        let junk = JUNK_OPENERS.contains(&l)
            || (!is_capitalised(first) && !PARTICLES.contains(&l) && !arabic_article(&l));
        if junk {
            words.remove(0);
        } else {
            break;
        }
    }
    // Trailing junk: a dangling honorific ("… Mr") or lower-case words after the name.
    while let Some(last) = words.last() {
        let l = lower(last);
        if HONORIFICS.contains(&l) || !(is_capitalised(last) || arabic_article(&l)) {
            words.pop();
        } else {
            break;
        }
    }
    words
}

/// A name written with the Arabic article in lower case ("al-Qaeda"), which is no lower-case
/// junk word.
fn arabic_article(lower_word: &str) -> bool {
    lower_word.starts_with("al-")
}

/// A mention's surface without glued openers, edge punctuation or a dangling honorific
/// ("Instead Mr Blair" → "Mr Blair"), as an alias worth showing; empty when nothing is left.
pub fn clean_surface(text: &str) -> String {
    core_words(text).join(" ")
}

/// The alias an entity page shows for a mention: its [`clean_surface`], or, when a clause is
/// still glued inside it ("Lib Dems say Labour"), the name its key was cut to (`display`).
pub fn alias_surface(text: &str, display: &str) -> String {
    let surface = clean_surface(text);
    if surface.split_whitespace().any(clause_word) {
        display.to_string()
    } else {
        surface
    }
}

/// The longest prefix of `words` (normalised) that is an alias-table name: its length and entry.
fn alias_prefix(words: &[&str]) -> Option<(usize, AliasEntry)> {
    let first = normalize(words.first()?);
    // "The Lib Dems": normalize drops a leading "the" of the whole name, so look past it too.
    let first_ok = |w: &str| {
        w.split(' ')
            .next()
            .is_some_and(|f| ALIAS_FIRST_WORDS.contains(f))
    };
    let second = words.get(1).map(|w| normalize(w)).unwrap_or_default();
    if !(first_ok(&first) || (first == "the" && first_ok(&second))) {
        return None;
    }
    (1..=words.len().min(6))
        .rev()
        .find_map(|k| alias_entry(&normalize(&words[..k].join(" "))).map(|e| (k, e)))
}

/// The per-mention alias normalisation: what a mention with this `text` and tagger `label` names,
/// or `None` when it is not a name (glued junk, a role without a name, punctuation).
///
/// Pure: the result depends only on the two arguments and the compiled-in word lists, never on
/// other mentions or on what a store holds. See the module documentation for the rules.
///
/// ```
/// use newsgraph_store::aliases::mention_key;
/// let k = mention_key("Lib Dem MP Lembit Opik", "PER").unwrap();
/// assert_eq!((k.key.as_str(), k.descriptor.as_deref()), ("lembit opik", Some("Lib Dem MP")));
/// assert_eq!(mention_key("the Tories", "NORP").unwrap().key, "conservative party");
/// assert_eq!(mention_key("U.S.", "LOC").unwrap().key, "united states");
/// assert!(mention_key("It claims Mr", "PER").is_none());
/// ```
pub fn mention_key(text: &str, label: &str) -> Option<MentionKey> {
    let words = core_words(text);
    if words.is_empty() {
        return None;
    }
    // "U.S. Justice Department" tagged as a person is the department: an institution's head word
    // ends it, and no given name begins it ("Charlotte Church" stays a person).
    let institution = words.last().is_some_and(|w| ORG_WORDS.contains(*w))
        && !FIRST_NAMES.contains(&lower(words[0]));
    let labelled_person = matches!(label, "PER" | "PERSON") && !institution;
    if let Some(decided) = after_listed_name(&words, labelled_person, institution) {
        return decided;
    }
    if !labelled_person {
        if let Some(decided) = titled_person(&words, label) {
            return decided;
        }
    }
    // "(told) BBC News Labour (MPs)": an organisation glued before a listed name is two names,
    // never one: a real name puts the party first ("Labour Party", "Tory Reform Group").
    if glued_after_organisation(&words) {
        return None;
    }
    if let [only] = words.as_slice() {
        if names_nobody_alone(only, label, institution) {
            return None;
        }
    }
    // A nationality in front of a person's name ("Australian Lynton Crosby") describes him: the
    // name is what follows when at least two capitalised words do ("German Efromovich" is a name).
    if words.len() >= 3
        && is_demonym(words[0])
        && !is_demonym(words[1])
        && (labelled_person || FIRST_NAMES.contains(&lower(words[1])))
        && words[1..].iter().all(|w| is_capitalised(w))
    {
        return person(&words[1..], Some(words[0].to_string()));
    }
    if labelled_person {
        return person(&words, None);
    }
    // An office or a role alone ("Lord Chancellor", "Chancellor", "Party") names nobody.
    if words.iter().all(|w| ROLE_WORDS.contains(&lower(w))) {
        return None;
    }
    if organisation_or_place(label) && words.iter().any(|w| clause_word(w)) {
        return None;
    }
    plain_key(&words, label, institution)
}

/// The key of a mention that opens with a listed name (a party, a state) after optional role
/// words: "Lib Dem MP Lembit Opik", "Tory Michael Howard", "Former Liberal Democrat MP …".
/// `Some(decision)` when that prefix settles the key (`Some(None)`: the span names no one entity),
/// `None` when there is no such prefix or what follows it is not a person's name.
fn after_listed_name(
    words: &[&str],
    labelled_person: bool,
    institution: bool,
) -> Option<Option<MentionKey>> {
    let lead = words
        .iter()
        .take_while(|w| ROLE_WORDS.contains(&lower(w)))
        .count();
    let (k, entry) = alias_prefix(&words[lead..]).map(|(k, e)| (lead + k, e))?;
    let mut r = k;
    while r < words.len() && ROLE_WORDS.contains(&lower(words[r])) {
        r += 1;
    }
    let rest = &words[r..];
    if rest.is_empty() {
        let descriptor = (lead > 0).then(|| words[..lead].join(" "));
        return Some((r == k).then(|| listed(entry, descriptor)));
    }
    // "Lib Dem Home Affairs (spokesman)": a party's portfolio team is the party; a state's
    // department ("UK Treasury") is not the state.
    let portfolio = |w: &&str| PORTFOLIO_WORDS.contains(&lower(w));
    let team = &words[k..];
    if entry.label == "ORG" && team.iter().all(portfolio) && team.iter().any(|w| *w != "and") {
        return Some(Some(listed(entry, None)));
    }
    // "Tories and Lib Dems": two listed names in one span name no one entity.
    if matches!(rest[0], "and" | "&") {
        let second = &rest[1..];
        if alias_prefix(second).is_some_and(|(n, _)| n == second.len()) {
            return Some(None);
        }
    }
    // "Liberal Democrats challenge Labour": a clause glued after a listed name.
    if !labelled_person && clause_word(rest[0]) {
        return Some(Some(listed(entry, None)));
    }
    if let Some((_, e)) = alias_prefix(rest).filter(|(n, _)| *n == rest.len()) {
        return Some(Some(listed(e, Some(words[..r].join(" ")))));
    }
    let looks_personal = labelled_person
        || (r > k && !institution)
        || FIRST_NAMES.contains(&lower(rest[0]))
        || HONORIFICS.contains(&lower(rest[0]));
    looks_personal.then(|| person(rest, Some(words[..r].join(" "))))
}

/// A person named with a title under a non-person label: "Chancellor Gordon Brown" (ORG),
/// "Lord Justice Rix" (LOC), "Mr Sands" (ORG). `Some(decision)` when the title settles the key,
/// `None` when the words are no titled name.
fn titled_person(words: &[&str], label: &str) -> Option<Option<MentionKey>> {
    let mut t = 0;
    while t < words.len() && ROLE_WORDS.contains(&lower(words[t])) {
        t += 1;
    }
    if t > 0 && t + 1 < words.len() && FIRST_NAMES.contains(&lower(words[t])) {
        return Some(person(&words[t..], Some(words[..t].join(" "))));
    }
    // Two or more title words before one surname ("Lord Justice Rix" as LOC, "Lord
    // Chancellor Lord Falconer" as ORG) are a titled person: one title word alone is not
    // enough ("General Motors").
    if t >= 2 && t + 1 == words.len() && is_capitalised(words[t]) {
        return Some(person(words, None));
    }
    // An honorific before capitalised words names a person whatever the label ("Mr Sands"
    // as ORG, "Mr Justice Eady" as ORG); works ("Mr Bean", MISC) keep their title.
    if organisation_or_place(label)
        && words.len() >= 2
        && HONORIFICS.contains(&lower(words[0]))
        && words[1..].iter().all(|w| is_capitalised(w))
    {
        return Some(person(words, None));
    }
    None
}

/// Whether one word alone names nobody: a title, an honorific or a function word ("Lord",
/// "The"), an adjective made from a name ("China-controlled", "Labour-run"), a compound of
/// listed names, or an institution's head word tagged as a person ("Department").
fn names_nobody_alone(only: &str, label: &str, institution: bool) -> bool {
    let l = lower(only);
    let derived = only
        .rsplit_once('-')
        .is_some_and(|(_, tail)| tail.chars().next().is_some_and(char::is_lowercase));
    derived
        || ROLE_WORDS.contains(&l)
        || HONORIFICS.contains(&l)
        || NAME_FUNCTION_WORDS.contains(&l)
        || compound_of_listed_names(only)
        || (institution && matches!(label, "PER" | "PERSON"))
}

/// The key of a name that no rule above settled: its normalised words, or the listed entity
/// they spell.
fn plain_key(words: &[&str], label: &str, institution: bool) -> Option<MentionKey> {
    let name = words.join(" ");
    let mut key = normalize(&name);
    if let Some(entry) = alias_entry(&key) {
        return Some(listed(entry, None));
    }
    // "Tajiks" and "Tajik", "Americans" and "American" are one group.
    if label == "NORP" && key.len() > 4 && key.ends_with('s') && !key.ends_with("ss") {
        key.pop();
    }
    if key.is_empty() {
        return None;
    }
    Some(MentionKey {
        key,
        name: strip_possessive(&name),
        person: false,
        // A person's label on an institution's name is a slip for an organisation.
        label: (institution && matches!(label, "PER" | "PERSON")).then_some("ORG"),
        descriptor: None,
    })
}

/// Whether the words end in a listed name right after an organisation's name of two words or
/// more ("BBC News" + "Labour"); a head word alone before it is a name ("Team USA").
fn glued_after_organisation(words: &[&str]) -> bool {
    (2..words.len()).any(|j| {
        ORG_WORDS.contains(words[j - 1])
            && alias_prefix(&words[j..]).is_some_and(|(n, _)| n == words.len() - j)
    })
}

fn listed(entry: AliasEntry, descriptor: Option<String>) -> MentionKey {
    MentionKey {
        key: normalize(entry.name),
        name: entry.name.to_string(),
        person: false,
        label: Some(entry.label),
        descriptor,
    }
}

fn strip_possessive(name: &str) -> String {
    name.trim_end_matches("'s")
        .trim_end_matches("\u{2019}s")
        .to_string()
}

/// A person's name from its words: honorifics and titles go (titles into the descriptor).
fn person(words: &[&str], descriptor: Option<String>) -> Option<MentionKey> {
    // A name made only of title words ("Prime Minister") names an office, not a person.
    if words.len() > 1
        && words
            .iter()
            .all(|w| ROLE_WORDS.contains(&lower(w)) || HONORIFICS.contains(&lower(w)))
    {
        return None;
    }
    let raw = words.join(" ");
    let p = person_name(&raw);
    if p.norm.is_empty() {
        return None;
    }
    let n = p.norm.split(' ').count();
    let keep = words.len().saturating_sub(n);
    let name = strip_possessive(&words.get(keep..).unwrap_or(words).join(" "));
    let descriptor = match (descriptor, p.titles.first()) {
        (Some(d), Some(t)) => Some(format!("{d} {t}")),
        (Some(d), None) => Some(d),
        (None, Some(t)) => Some(t.clone()),
        (None, None) => None,
    };
    Some(MentionKey {
        key: p.norm,
        name,
        person: true,
        label: None,
        descriptor,
    })
}

/// A descriptor or title worth keeping on an entity page, tidied; `None` for clause fragments
/// ("It claims Mr", "Leaving a Brussels summit Mr", "of performing U-turns over").
pub fn clean_descriptor(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(trim_edges)
        .filter(|w| !w.is_empty())
        .collect();
    let first = lower(words.first()?);
    let last = lower(words.last()?);
    let fragment = HONORIFICS.contains(&last)
        || JUNK_OPENERS.contains(&last)
        || (JUNK_OPENERS.contains(&first) && !matches!(first.as_str(), "former" | "his" | "her"));
    (!fragment).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str, label: &str) -> Option<String> {
        mention_key(text, label).map(|k| k.key)
    }

    #[test]
    fn several_title_words_before_a_surname_make_a_titled_person_whatever_the_label() {
        let judge = mention_key("Lord Justice Rix", "LOC").unwrap();
        assert!(judge.person);
        assert_eq!(judge.key, "rix");
        assert_eq!(judge.descriptor.as_deref(), Some("Lord Justice"));
        let peer = mention_key("Lord Chancellor Lord Falconer", "ORG").unwrap();
        assert!(peer.person);
        assert_eq!(peer.key, key("Lord Falconer", "PER").unwrap());
        // An office alone names nobody, whatever the label.
        assert!(mention_key("Lord Chancellor", "LOC").is_none());
        assert!(mention_key("Chancellor", "ORG").is_none());
        // One title-like word is not enough: a company keeps its name.
        let company = mention_key("General Motors", "ORG").unwrap();
        assert!(!company.person);
    }

    #[test]
    fn party_names_share_one_key_whatever_the_label() {
        for (text, label) in [
            ("Lib Dems", "ORG"),
            ("Liberal Democrats", "MISC"),
            ("Lib Dem", "PER"),
            ("Liberal Democrat Party", "ORG"),
            ("the Lib Dems'", "NORP"),
        ] {
            assert_eq!(
                key(text, label).as_deref(),
                Some("liberal democrats"),
                "{text}"
            );
        }
        for text in ["Tories", "Conservatives", "Conservative Party", "Tory"] {
            assert_eq!(key(text, "LOC").as_deref(), Some("conservative party"));
        }
        assert_eq!(key("Labour", "NORP"), key("Labour Party", "ORG"));
        let k = mention_key("Lib Dems", "PER").unwrap();
        assert_eq!(
            (k.name.as_str(), k.label, k.person),
            ("Liberal Democrats", Some("ORG"), false)
        );
    }

    #[test]
    fn countries_share_one_key() {
        for text in ["UK", "U.K.", "United Kingdom", "Britain", "the UK's"] {
            assert_eq!(
                key(text, "LOC").as_deref(),
                Some("united kingdom"),
                "{text}"
            );
        }
        for text in ["US", "U.S.", "United States", "America", "USA"] {
            assert_eq!(key(text, "GPE").as_deref(), Some("united states"), "{text}");
        }
        assert_eq!(mention_key("Britain", "LOC").unwrap().label, Some("GPE"));
        // A sentence's full stop is not part of a name; an abbreviation's is.
        assert_eq!(
            mention_key("Midnight Mass.", "MISC").unwrap().name,
            "Midnight Mass"
        );
        assert_eq!(mention_key("U.S.", "GPE").unwrap().name, "United States");
        assert_eq!(
            mention_key("John Smith Jr.", "PER").unwrap().name,
            "John Smith Jr."
        );
        // A demonym names a people, not the state.
        assert_eq!(key("British", "NORP").as_deref(), Some("british"));
    }

    #[test]
    fn party_and_role_in_front_of_a_name_become_a_descriptor() {
        let k = mention_key("Lib Dem MP Lembit Opik", "PER").unwrap();
        assert_eq!(k.key, "lembit opik");
        assert_eq!(k.name, "Lembit Opik");
        assert_eq!(k.descriptor.as_deref(), Some("Lib Dem MP"));
        assert!(k.person);
        let k = mention_key("Liberal Democrat Sarah Teather", "ORG").unwrap();
        assert_eq!((k.key.as_str(), k.person), ("sarah teather", true));
        let k = mention_key("Lib Dem Norman Baker", "PER").unwrap();
        assert_eq!(k.descriptor.as_deref(), Some("Lib Dem"));
        let k = mention_key("Chancellor Gordon Brown", "ORG").unwrap();
        assert_eq!(
            (k.key.as_str(), k.descriptor.as_deref()),
            ("gordon brown", Some("Chancellor"))
        );
        // A role with no name names nobody.
        assert_eq!(key("Conservative MP", "MISC"), None);
        // An honorific makes a person of an organisation- or place-labelled name.
        assert_eq!(key("Mr Sands", "ORG").as_deref(), Some("sands"));
        assert_eq!(key("Mr Justice Eady", "ORG").as_deref(), Some("eady"));
        assert_eq!(key("Mr Bean", "MISC").as_deref(), Some("mr bean"));
        // A lone title, honorific or article is no name.
        assert_eq!(key("Lord", "PER"), None);
        assert_eq!(key("The", "PER"), None);
        assert_eq!(key("Chancellor", "ORG"), None);
        assert_eq!(key("China-controlled", "MISC"), None);
        assert_eq!(key("Labour-run", "ORG"), None);
        assert_eq!(key("Kilroy-Silk", "PER").as_deref(), Some("kilroy-silk"));
        assert_eq!(key("al-Qaeda", "ORG").as_deref(), Some("al-qaeda"));
        // A nationality in front of a name describes the person.
        let k = mention_key("Australian Lynton Crosby", "PER").unwrap();
        assert_eq!(
            (k.key.as_str(), k.descriptor.as_deref()),
            ("lynton crosby", Some("Australian"))
        );
        assert_eq!(
            key("Scottish Tony Blair", "ORG").as_deref(),
            Some("tony blair")
        );
        assert_eq!(
            key("German Efromovich", "PER").as_deref(),
            Some("german efromovich")
        );
        assert_eq!(
            key("British Airways", "ORG").as_deref(),
            Some("british airways")
        );
        // A role before the party: the party.
        assert_eq!(
            key("Former Liberal Democrat", "ORG").as_deref(),
            Some("liberal democrats")
        );
        let k = mention_key("Former Liberal Democrat MP Jackie Ballard", "PER").unwrap();
        assert_eq!(k.key, "jackie ballard");
        assert_eq!(k.descriptor.as_deref(), Some("Former Liberal Democrat MP"));
        let k = mention_key("Former Labour MP John Smith", "PER").unwrap();
        assert_eq!(k.descriptor.as_deref(), Some("Former Labour MP"));
        // An organisation whose name starts with a party's stays whole.
        assert_eq!(
            key("Labour Friends of Israel", "ORG").as_deref(),
            Some("labour friends of israel")
        );
    }

    #[test]
    fn glued_junk_is_cut_or_rejected() {
        assert_eq!(key("Vote Blair", "PER").as_deref(), Some("blair"));
        assert_eq!(key("Instead Mr Blair", "PER").as_deref(), Some("blair"));
        assert_eq!(key("It claims Mr", "PER"), None);
        assert_eq!(key("Prime Minister,", "PER"), None);
        assert_eq!(key("With", "ORG"), None);
        assert_eq!(
            key("With Labour Britain", "LOC").as_deref(),
            Some("united kingdom")
        );
        let k = mention_key("Instead Mr Blair", "PER").unwrap();
        assert_eq!(k.name, "Blair");
        // Name particles and ordinary names survive.
        assert_eq!(
            key("Charles de Gaulle", "PER").as_deref(),
            Some("charles de gaulle")
        );
        assert_eq!(key("New York", "LOC").as_deref(), Some("new york"));
        assert_eq!(key("Theresa May", "PER").as_deref(), Some("theresa may"));
        // Seen in the demo store: a name glued across a quotation's end, a slogan's verb, an
        // institution's head word as a person, "Ex-" offices and "-style" adjectives.
        assert_eq!(key("Cell Block H.\" Labour", "PER"), None);
        assert_eq!(key("Get Brown", "PER").as_deref(), Some("brown"));
        assert_eq!(key("Department", "PER"), None);
        assert_eq!(key("Bank", "PER"), None);
        assert_eq!(key("Bank", "ORG").as_deref(), Some("bank"));
        let k = mention_key("U.S. Justice Department", "PER").unwrap();
        assert!(!k.person);
        assert!(mention_key("Charlotte Church", "PER").unwrap().person);
        let k = mention_key("J Sainsbury Plc<SNB.L", "PER").unwrap();
        assert!(!k.person);
        assert_eq!(k.key, "j sainsbury plc");
        assert_eq!(k.label, Some("ORG"));
        assert_eq!(
            key("Ex-Welsh Office", "ORG").as_deref(),
            Some("welsh office")
        );
        assert_eq!(
            key("George Bush-style", "PER").as_deref(),
            Some("george bush")
        );
        assert_eq!(
            key("Stoke-on-Trent", "GPE").as_deref(),
            Some("stoke-on-trent")
        );
        assert_eq!(
            key("Former Downing Street", "LOC").as_deref(),
            Some("downing street")
        );
        assert_eq!(
            key("Neither Downing Street", "LOC").as_deref(),
            Some("downing street")
        );
    }

    #[test]
    fn a_party_portfolio_team_is_the_party() {
        assert_eq!(
            key("Lib Dem Home Affairs", "ORG").as_deref(),
            Some("liberal democrats")
        );
        assert_eq!(
            key("Tory Work and Pensions", "ORG").as_deref(),
            Some("conservative party")
        );
        // A party's regional or parliamentary body keeps its own name.
        assert_eq!(
            key("Parliamentary Labour Party", "ORG").as_deref(),
            Some("parliamentary labour party")
        );
        assert_eq!(key("UK Treasury", "ORG").as_deref(), Some("uk treasury"));
        assert_eq!(key("BBC News Labour", "ORG"), None);
        assert_eq!(key("Team USA", "ORG").as_deref(), Some("team usa"));
        assert_eq!(
            key("Stevenage Labour Party", "ORG").as_deref(),
            Some("stevenage labour party")
        );
    }

    #[test]
    fn a_compound_of_listed_names_is_no_entity() {
        assert_eq!(key("Tory-Labour", "ORG"), None);
        assert_eq!(key("Iraq-Iran", "MISC"), None);
        assert_eq!(key("U.S.-Japan", "MISC"), None);
        assert!(key("Bosnia-Herzegovina", "LOC").is_some());
        assert!(key("Kilroy-Silk", "PER").is_some());
        assert!(key("Al-Jazeera", "ORG").is_some());
        assert!(key("Guinea-Bissau", "LOC").is_some());
    }

    #[test]
    fn glued_clauses_and_coordinated_names_are_no_entity() {
        assert_eq!(
            key("Liberal Democrats challenge Labour", "ORG").as_deref(),
            Some("liberal democrats")
        );
        assert_eq!(
            key("Lords if Conservative", "ORG").as_deref(),
            Some("house of lords")
        );
        assert_eq!(key("Acme Corp if Widget Ltd", "ORG"), None);
        assert_eq!(key("Tories and Lib Dems", "ORG"), None);
        assert_eq!(
            key("Like New Labour", "ORG").as_deref(),
            Some("labour party")
        );
        // Function words inside real names, and titles of works, stay.
        assert_eq!(
            key("Bank of England", "ORG").as_deref(),
            Some("bank of england")
        );
        assert_eq!(
            key("Trinidad and Tobago", "LOC").as_deref(),
            Some("trinidad and tobago")
        );
        assert_eq!(
            key("Stratford-upon-Avon", "LOC").as_deref(),
            Some("stratford-upon-avon")
        );
        assert!(key("Gone with the Wind", "MISC").is_some());
        assert!(key("Who Wants to Be a Millionaire", "MISC").is_some());
    }

    #[test]
    fn a_gendered_title_does_not_fit_a_given_name_of_the_other_gender() {
        assert_eq!(title_gender("Mrs Howard"), Some('f'));
        assert!(!genders_agree(title_gender("Mrs Howard"), "michael howard"));
        assert!(genders_agree(title_gender("Mrs Howard"), "sandra howard"));
        assert!(genders_agree(title_gender("Howard"), "michael howard"));
        assert!(genders_agree(title_gender("Mr Quillby"), "zephyr quillby"));
    }

    #[test]
    fn descriptors_that_are_clause_fragments_are_dropped() {
        assert_eq!(clean_descriptor("It claims Mr"), None);
        assert_eq!(clean_descriptor("Leaving a Brussels summit Mr"), None);
        assert_eq!(clean_descriptor("of performing U-turns over"), None);
        assert_eq!(
            clean_descriptor("Prime Minister,").as_deref(),
            Some("Prime Minister")
        );
        assert_eq!(
            clean_descriptor("Lib Dem MP").as_deref(),
            Some("Lib Dem MP")
        );
    }
}
