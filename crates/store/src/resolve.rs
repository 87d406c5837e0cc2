//! Cross-article entity resolution.
//!
//! Two steps. Within an article, mentions are grouped: a surname joins the full name it follows
//! ("Tony Blair" … "Mr Blair"), an acronym joins the name whose initials it spells ("Islamic State
//! of Iraq and Syria" … "ISIS"), and "the Islamic State" is "Islamic State". Across articles, a
//! full name joins the canonical entity that has it as an alias (same class); a bare surname or an
//! acronym joins a known entity only when the article's other entities co-occur with it elsewhere
//! (context agrees), so two people who share a surname are not merged on the surname alone.
//! People and non-people stay apart, except that a name the other class already holds with
//! several times the mentions is a tagging slip and joins that entity ("Downing Street" as PER).

use std::collections::{HashMap, HashSet};

use newsgraph_model::AnalyzedArticle;

use crate::aliases::{
    alias_entry, alias_surface, clean_surface, genders_agree, mention_key, title_gender,
};
use crate::names::{
    acronym, class_of, looks_like_acronym, person_name_variants, preceding_title, surname,
};
use crate::sql::{col, Db, Val};
use crate::StoreError;

/// How a local entity is named in its article, which decides how it may be matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A full name: multi-word for people; any non-acronym name otherwise.
    Full,
    /// A person named only by one word (normally the surname).
    Surname,
    /// An acronym with no expansion in the article.
    Acronym,
}

/// One entity as an article mentions it.
#[derive(Debug, Clone)]
pub struct LocalEntity {
    /// Resolution class: PER, ORG or PLACE (GPE and LOC together).
    pub class: &'static str,
    /// The label of the first mention (PER, ORG, GPE, …).
    pub label: String,
    /// Display name: the longest mention, titles and honorifics removed for people.
    pub name: String,
    /// Normalised name used for matching.
    pub norm: String,
    /// What kind of name it is (full name, surname, acronym, …).
    pub kind: NameKind,
    /// Indexes into the article's `entities`.
    pub mentions: Vec<usize>,
    /// Surface forms as written.
    pub aliases: Vec<String>,
    /// The matching key of each of `aliases` (its [`mention_key`]), stored with it.
    pub alias_keys: Vec<String>,
    /// Titles found before the name ("Prime Minister").
    pub titles: Vec<String>,
    /// The gender a title of a bare-surname person tells ("Mrs Howard" → `f`), which keeps it
    /// from joining a full name of the other gender.
    pub gender: Option<char>,
}

struct MentionName {
    class: &'static str,
    norm: String,
    display: String,
    titles: Vec<String>,
    /// The type the alias table fixes, if it lists the name.
    fixed_label: Option<&'static str>,
    /// The gender the mention's title tells.
    gender: Option<char>,
}

/// A mention's name by [`mention_key`], plus a title written just before it for people.
fn mention_name(article: &AnalyzedArticle, i: usize) -> Option<MentionName> {
    let label = article.entities.get(i)?.label.as_str();
    mention_name_as(article, i, label)
}

/// [`mention_name`] with the mention read as `label` instead of the tagger's.
fn mention_name_as(article: &AnalyzedArticle, i: usize, label: &str) -> Option<MentionName> {
    let e = article.entities.get(i)?;
    // A credit line ("Illustration: Yusha") is not the story: its people are in `credits` with
    // their role, and do not count among the story's entities.
    let span = newsgraph_model::Span::new(e.start, e.end.max(e.start));
    if article
        .article
        .credit_spans
        .iter()
        .any(|c| c.overlaps(&span))
    {
        return None;
    }
    let raw = e.entity.as_deref().unwrap_or(&e.text).trim();
    let k = mention_key(raw, label)?;
    let mut titles: Vec<String> = k.descriptor.into_iter().collect();
    let class = if k.person {
        let before = article.article.text.get(..e.start).unwrap_or("");
        let tail_start = before
            .char_indices()
            .rev()
            .nth(60)
            .map_or(0, |(idx, _)| idx);
        if let Some(t) = preceding_title(before.get(tail_start..).unwrap_or("")) {
            if !titles.iter().any(|d| d.ends_with(&t)) {
                titles.push(t);
            }
        }
        "PER"
    } else {
        match k.label.map(class_of).or(Some(class_of(label))) {
            Some("PER") | None => "MISC",
            Some(c) => c,
        }
    };
    Some(MentionName {
        class,
        norm: k.key,
        display: k.name,
        titles,
        fixed_label: k.label,
        // The tagger leaves an honorific out of a person's span ("Mrs [Howard]"): the word
        // before the mention tells the gender then.
        gender: title_gender(clean_surface(raw).as_str()).or_else(|| {
            let before = article.article.text.get(..e.start)?;
            (class == "PER")
                .then(|| before.split_whitespace().next_back())
                .flatten()
                .and_then(title_gender)
        }),
    })
}

/// Whether two resolution classes may name one entity: people only with people; any two other
/// classes (ORG, LOC, NORP, MISC) may, since the tagger wobbles between them.
pub fn same_kind(a: &str, b: &str) -> bool {
    (a == "PER") == (b == "PER")
}

/// Groups an article's mentions into the entities it talks about.
pub fn local_entities(article: &AnalyzedArticle) -> Vec<LocalEntity> {
    let mut names: Vec<Option<MentionName>> = (0..article.entities.len())
        .map(|i| mention_name(article, i))
        .collect();
    promote_named_people(article, &mut names);
    drop_compounds_of_article_names(&mut names);
    let mut out: Vec<LocalEntity> = Vec::new();
    // Keyed by person-or-not and name: a label wobble between ORG, LOC, NORP and MISC does not
    // split an entity.
    let mut by_key: HashMap<(bool, String), usize> = HashMap::new();
    let push = |out: &mut Vec<LocalEntity>,
                by_key: &mut HashMap<(bool, String), usize>,
                i: usize,
                m: &MentionName,
                kind: NameKind| {
        let key = (m.class == "PER", m.norm.clone());
        let raw = article
            .entities
            .get(i)
            .map(|e| e.text.clone())
            .unwrap_or_default();
        let slot = *by_key.entry(key).or_insert_with(|| {
            out.push(LocalEntity {
                class: m.class,
                label: local_label(article, i, m),
                name: m.display.clone(),
                norm: m.norm.clone(),
                kind,
                mentions: Vec::new(),
                aliases: Vec::new(),
                alias_keys: Vec::new(),
                titles: Vec::new(),
                gender: m.gender,
            });
            out.len() - 1
        });
        if let Some(le) = out.get_mut(slot) {
            add_mention(le, i, raw, m);
        }
    };
    // Pass 1: full names.
    let mut deferred = Vec::new();
    for (i, m) in names.iter().enumerate() {
        let Some(m) = m else { continue };
        let raw = article
            .entities
            .get(i)
            .map(|e| e.text.as_str())
            .unwrap_or("");
        let single_word = !m.norm.contains(' ');
        // A one-word name under another label may be a person's surname ("Blair" as ORG).
        let maybe_surname = single_word && m.fixed_label.is_none();
        if (m.class == "PER" && single_word)
            || (m.class != "PER" && (looks_like_acronym(raw) || maybe_surname))
        {
            deferred.push(i);
        } else {
            push(&mut out, &mut by_key, i, m, NameKind::Full);
        }
    }
    // Pass 2: surnames and acronyms join a full name of this article when one fits. People's
    // surnames go first, so that a one-word name under another label ("Brown" as LOC) finds
    // the person a bare "Mr Brown" of the article became.
    deferred.sort_by_key(|&i| {
        names
            .get(i)
            .and_then(Option::as_ref)
            .map(|m| m.class != "PER")
    });
    for i in deferred {
        let Some(Some(m)) = names.get(i) else {
            continue;
        };
        let raw_text = article
            .entities
            .get(i)
            .map(|e| e.text.as_str())
            .unwrap_or("");
        let is_acronym = m.class != "PER" && looks_like_acronym(raw_text);
        let chosen = fitting_local(article, &out, i, m, is_acronym);
        let raw = article
            .entities
            .get(i)
            .map(|e| e.text.clone())
            .unwrap_or_default();
        match chosen.and_then(|k| out.get_mut(k)) {
            Some(le) => add_mention(le, i, raw, m),
            None => {
                let kind = if m.class == "PER" {
                    NameKind::Surname
                } else if is_acronym {
                    NameKind::Acronym
                } else {
                    NameKind::Full
                };
                push(&mut out, &mut by_key, i, m, kind);
            }
        }
    }
    out
}

/// "the Blair-Brown rift": one hyphenated word whose every part is a word of another name in the
/// same article ("Tony Blair", "Mr Brown") names the pair, not an entity of its own. A
/// double-barrelled surname ("Kilroy-Silk") keeps its name: its barrels are not names apart.
fn drop_compounds_of_article_names(names: &mut [Option<MentionName>]) {
    let words: HashSet<String> = names
        .iter()
        .flatten()
        .filter(|m| !m.norm.contains('-') || m.norm.contains(' '))
        .flat_map(|m| m.norm.split(' ').map(str::to_string).collect::<Vec<_>>())
        .collect();
    for slot in names.iter_mut() {
        let compound = slot.as_ref().is_some_and(|m| {
            !m.norm.contains(' ')
                && m.norm.contains('-')
                && m.norm
                    .split('-')
                    .all(|p| !p.is_empty() && words.contains(p))
        });
        if compound {
            *slot = None;
        }
    }
}

/// "Lynton Crosby" tagged ORG in an article that calls "Crosby" a person and names no other
/// person of that surname: the full name is that person's (the tagger knows "Crosby" from its
/// context, not "Lynton"). Only a name of two to four capitalised words, none of them a listed
/// alias, and only when no full name of a person in the article ends in the same surname — so
/// "Goldman Sachs" stays a bank beside "Jeffrey Sachs" … "Sachs".
fn promote_named_people(article: &AnalyzedArticle, names: &mut [Option<MentionName>]) {
    // The article's people: bare surnames, and the surnames of full names.
    let (mut bare, mut full) = (HashSet::new(), HashSet::new());
    for m in names.iter().flatten().filter(|m| m.class == "PER") {
        if m.norm.contains(' ') {
            full.extend(surname(&m.norm).map(str::to_string));
        } else {
            bare.insert(m.norm.clone());
        }
    }
    if bare.is_empty() {
        return;
    }
    for i in 0..names.len() {
        let Some(m) = names.get(i).and_then(Option::as_ref) else {
            continue;
        };
        let raw = article.entities.get(i).map_or("", |e| e.text.as_str());
        let words: Vec<&str> = raw.split_whitespace().collect();
        let last = m.norm.rsplit(' ').next().unwrap_or("");
        let promote = m.class != "PER"
            && m.fixed_label.is_none()
            && (2..=4).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && bare.contains(last)
            && !full.contains(last);
        if !promote {
            continue;
        }
        if let Some(person) = mention_name_as(article, i, "PER").filter(|p| p.class == "PER") {
            names[i] = Some(person);
        }
    }
}

/// The local entity of this article a deferred one-word name or acronym joins, if one fits: a
/// full name with this surname (and no gender clash) or these initials, else for a one-word
/// name under another label, the bare surname of a person already seen.
fn fitting_local(
    article: &AnalyzedArticle,
    out: &[LocalEntity],
    i: usize,
    m: &MentionName,
    is_acronym: bool,
) -> Option<usize> {
    let start = article.entities.get(i).map_or(0, |e| e.start);
    let matching = |person: bool| -> Vec<usize> {
        out.iter()
            .enumerate()
            .filter(|(_, le)| le.kind == NameKind::Full)
            .filter(|(_, le)| {
                if person {
                    le.class == "PER"
                        && surname(&le.norm) == Some(m.norm.as_str())
                        && genders_agree(m.gender, &le.norm)
                } else {
                    le.class != "PER" && acronym(&le.norm).as_deref() == Some(m.norm.as_str())
                }
            })
            .map(|(k, _)| k)
            .collect()
    };
    let mut fits = matching(m.class == "PER" || !is_acronym);
    if fits.is_empty() && is_acronym {
        fits = matching(false);
    }
    if fits.is_empty() && m.class == "PER" {
        // "Kilroy" after "Robert Kilroy-Silk": the first part of a double-barrelled surname.
        fits = out
            .iter()
            .enumerate()
            .filter(|(_, le)| le.kind == NameKind::Full && le.class == "PER")
            .filter(|(_, le)| {
                surname(&le.norm).is_some_and(|s| first_barrel(s) == Some(m.norm.as_str()))
                    && genders_agree(m.gender, &le.norm)
            })
            .map(|(k, _)| k)
            .collect();
    }
    if fits.is_empty() && m.class != "PER" && !is_acronym {
        // "Brown" (LOC) after a bare "Mr Brown" of this article: the same person.
        fits = out
            .iter()
            .enumerate()
            .filter(|(_, le)| le.kind == NameKind::Surname && le.norm == m.norm)
            .map(|(k, _)| k)
            .collect();
    }
    // Several people of the same surname: the one named most recently before this mention.
    if fits.len() > 1 {
        fits.iter()
            .copied()
            .filter_map(|k| {
                let last_before = out[k]
                    .mentions
                    .iter()
                    .filter_map(|&j| article.entities.get(j))
                    .filter(|e| e.start < start)
                    .map(|e| e.start)
                    .max()?;
                Some((last_before, k))
            })
            .max()
            .map(|(_, k)| k)
            .or(fits.first().copied())
    } else {
        fits.first().copied()
    }
}

/// The first part of a double-barrelled surname ("kilroy-silk" → "kilroy"); `None` for a
/// surname without a hyphen.
fn first_barrel(surname: &str) -> Option<&str> {
    surname
        .split_once('-')
        .map(|(first, _)| first)
        .filter(|f| !f.is_empty())
}

/// The label a new local entity starts with: the alias table's, PER for a person, else the
/// mention's (the stored type is then decided by vote over all mentions, see [`decide_type`]).
fn local_label(article: &AnalyzedArticle, i: usize, m: &MentionName) -> String {
    if let Some(l) = m.fixed_label {
        return l.to_string();
    }
    if m.class == "PER" {
        return "PER".to_string();
    }
    match article.entities.get(i).map(|e| e.label.as_str()) {
        Some(l) if class_of(l) != "PER" => l.to_string(),
        _ => "MISC".to_string(),
    }
}

/// An entity's type by vote over its mentions' labels, `(label, count)`: the most frequent
/// label, where MISC (the tagger's catch-all) counts half; ties go to ORG, then LOC/GPE, then
/// NORP, then anything else. People are decided apart (a person stays PER), so PER does not
/// vote here; `None` when no label votes.
pub fn decide_type(labels: &[(String, i64)]) -> Option<String> {
    let priority = |l: &str| match l {
        "ORG" => 4,
        "LOC" | "GPE" => 3,
        "NORP" => 2,
        "MISC" => 0,
        _ => 1,
    };
    labels
        .iter()
        .filter(|(l, n)| class_of(l) != "PER" && *n > 0)
        .map(|(l, n)| {
            let weight = if l == "MISC" { *n } else { 2 * *n };
            (weight, priority(l), l)
        })
        .max()
        .map(|(_, _, l)| l.clone())
}

fn add_mention(le: &mut LocalEntity, i: usize, raw: String, m: &MentionName) {
    le.mentions.push(i);
    let raw = alias_surface(&raw, &m.display);
    if m.display.split(' ').count() > le.name.split(' ').count() && le.kind == NameKind::Full {
        le.name = m.display.clone();
    }
    if !le.aliases.contains(&raw) {
        le.aliases.push(raw);
        le.alias_keys.push(m.norm.clone());
    }
    for t in &m.titles {
        if !le.titles.contains(t) {
            le.titles.push(t.clone());
        }
    }
}

/// Minimum number of the article's other entities a candidate must have co-occurred with before
/// a bare surname or acronym is linked to it.
pub const CONTEXT_AGREEMENT: i64 = 3;

/// Resolves each local entity to a canonical entity id, creating entities as needed.
/// Runs inside the caller's write transaction.
pub fn resolve(db: &mut dyn Db, locals: &[LocalEntity]) -> Result<Vec<i64>, StoreError> {
    let mut ids = vec![0i64; locals.len()];
    // Full names first: they are the context that the ambiguous names are judged against.
    let mut context: Vec<i64> = Vec::new();
    let mut unmatched = Vec::new();
    for (k, le) in locals.iter().enumerate() {
        if le.kind != NameKind::Full {
            continue;
        }
        let mut candidates = alias_candidates(db, le)?;
        if candidates.is_empty() {
            candidates = double_barrelled_candidates(db, le)?;
        }
        // A name the other class holds far more often is a tagging slip here, even where an
        // earlier slip already made an entity of this class ("Downing Street" as PER).
        let id = match established_other_kind(db, le)? {
            Some(id) => id,
            None => match candidates.len() {
                0 => {
                    // Judged once the article's other names are resolved.
                    unmatched.push(k);
                    continue;
                }
                1 => candidates[0],
                _ => best_by_context(db, &candidates, &mut Context::new(context.clone()), 0)?
                    .unwrap_or(candidates[0]),
            },
        };
        ids[k] = id;
        if !context.contains(&id) {
            context.push(id);
        }
    }
    let mut context = Context::new(context);
    for (k, le) in locals.iter().enumerate() {
        if le.kind == NameKind::Full {
            continue;
        }
        let id = match le.kind {
            NameKind::Surname => {
                let bearers = surname_bearers(db, le)?;
                let full: Vec<i64> = bearers.iter().map(|&(id, _)| id).collect();
                match best_by_context(db, &full, &mut context, surname_agreement(&bearers))? {
                    Some(id) => id,
                    None => same_name_or_create(db, le, &mut context, full.is_empty())?,
                }
            }
            _ => {
                // An acronym seen before as an alias of an entity is that entity's.
                let known = alias_candidates(db, le)?;
                if known.len() == 1 {
                    known[0]
                } else {
                    let expanded = ids_where(
                        db,
                        "SELECT entity_id FROM entities WHERE acronym = $1 ORDER BY mentions DESC LIMIT 20",
                        &le.norm,
                    )?;
                    let threshold = if expanded.len() == 1 {
                        1
                    } else {
                        CONTEXT_AGREEMENT
                    };
                    match best_by_context(db, &expanded, &mut context, threshold)? {
                        Some(id) => id,
                        None if !known.is_empty() => {
                            best_by_context(db, &known, &mut context, 0)?.unwrap_or(known[0])
                        }
                        None => create(db, le)?,
                    }
                }
            }
        };
        ids[k] = id;
    }
    resolve_unmatched_full_names(db, locals, &unmatched, &mut ids)?;
    Ok(ids)
}

/// A full name nobody has yet may be a known person written another way ("Vincent Cable" for
/// Vince Cable, "George W Bush" for George Bush): it joins that person only when the article's
/// other entities (all resolved by now) agree, since namesakes exist. One agreeing entity is
/// enough where one such form is stored, the full bar where several compete; else it is new.
fn resolve_unmatched_full_names(
    db: &mut dyn Db,
    locals: &[LocalEntity],
    unmatched: &[usize],
    ids: &mut [i64],
) -> Result<(), StoreError> {
    let resolved: Vec<i64> = ids.iter().copied().filter(|&id| id != 0).collect();
    let mut context = Context::new(resolved);
    for &k in unmatched {
        let Some(le) = locals.get(k) else { continue };
        let variants = name_variant_candidates(db, le)?;
        let threshold = if variants.len() == 1 {
            1
        } else {
            CONTEXT_AGREEMENT
        };
        let id = match best_by_context(db, &variants, &mut context, threshold)? {
            Some(id) => id,
            None => create(db, le)?,
        };
        if let Some(slot) = ids.get_mut(k) {
            *slot = id;
        }
    }
    Ok(())
}

/// The people a bare surname may name, `(entity id, mentions)`, most mentioned first: those with
/// it as surname, else (when none has) those whose double-barrelled surname it begins ("Kilroy"
/// for Robert Kilroy-Silk).
fn surname_bearers(db: &mut dyn Db, le: &LocalEntity) -> Result<Vec<(i64, i64)>, StoreError> {
    let query = |db: &mut dyn Db,
                 condition: &str,
                 key: &str|
     -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(db
            .query(
                &format!("SELECT entity_id, norm, mentions FROM entities WHERE {condition} ORDER BY mentions DESC LIMIT 20"),
                &[Val::from(key)],
            )?
            .iter()
            .filter(|r| genders_agree(le.gender, &col(r, 1).text()))
            .map(|r| (col(r, 0).int(), col(r, 2).int()))
            .collect())
    };
    let bearers = query(db, "surname = $1", &le.norm)?;
    // LIKE patterns only from plain words: no '%' or '_' of the name can widen the match.
    let plain = le.norm.chars().all(|c| c.is_alphanumeric() || c == '\'');
    if bearers.is_empty() && plain && !le.norm.is_empty() {
        return query(db, "surname LIKE $1", &format!("{}-%", le.norm));
    }
    Ok(bearers)
}

/// How many of the article's other entities must agree before a bare surname joins its most
/// mentioned bearer: fewer when that bearer is the name's one well-known holder (≥ 20 mentions
/// and ten times the next), as "Blair" is in British political news; an article naming only
/// "Blair" and "Brown" among a handful of entities has too little context for the full bar.
fn surname_agreement(bearers: &[(i64, i64)]) -> i64 {
    let top = bearers.first().map_or(0, |&(_, n)| n);
    let next = bearers.get(1).map_or(0, |&(_, n)| n);
    if top >= DOMINANT_BEARER_MENTIONS && top >= 10 * next {
        CONTEXT_AGREEMENT - 1
    } else {
        CONTEXT_AGREEMENT
    }
}

/// Mentions from which a surname's main bearer counts as well known (see [`surname_agreement`]).
const DOMINANT_BEARER_MENTIONS: i64 = 20;

/// A person's full name written with a space where the known name has a double-barrelled
/// surname ("Robert Kilroy Silk" for Robert Kilroy-Silk, "Kilroy Silk" for his surname alone):
/// the entities with the last two words hyphen-joined as a full-name alias, or (for a two-word
/// name) as their surname. Tried only when the name as written matched nothing; BBC News wrote
/// his name three ways, which made four entities of him.
fn double_barrelled_candidates(db: &mut dyn Db, le: &LocalEntity) -> Result<Vec<i64>, StoreError> {
    // "Kilroy -Silk": a hyphen astray at a word's edge.
    let words: Vec<&str> = le
        .norm
        .split(' ')
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
        .collect();
    if le.class != "PER" || words.len() < 2 {
        return Ok(Vec::new());
    }
    let (first, last_two) = words.split_at(words.len() - 2);
    let surname = last_two.join("-");
    let joined = first
        .iter()
        .copied()
        .chain([surname.as_str()])
        .collect::<Vec<_>>()
        .join(" ");
    let hyphenated = LocalEntity {
        norm: joined,
        ..le.clone()
    };
    let mut ids = alias_candidates(db, &hyphenated)?;
    if ids.is_empty() && first.is_empty() {
        ids = ids_where(
            db,
            "SELECT entity_id FROM entities WHERE surname = $1 ORDER BY mentions DESC LIMIT 2",
            &surname,
        )?;
        // A surname two people share says nothing on its own.
        if ids.len() > 1 {
            ids.clear();
        }
    }
    Ok(ids)
}

/// Stored people with this person's surname whose full name may be the same person written
/// another way ([`person_name_variants`]), most mentioned first.
fn name_variant_candidates(db: &mut dyn Db, le: &LocalEntity) -> Result<Vec<i64>, StoreError> {
    if le.class != "PER" {
        return Ok(Vec::new());
    }
    let Some(last) = surname(&le.norm) else {
        return Ok(Vec::new());
    };
    let rows = db.query(
        "SELECT entity_id, norm FROM entities WHERE surname = $1 ORDER BY mentions DESC LIMIT 20",
        &[Val::from(last)],
    )?;
    Ok(rows
        .iter()
        .filter(|r| person_name_variants(&le.norm, &col(r, 1).text()))
        .map(|r| col(r, 0).int())
        .collect())
}

fn ids_where(db: &mut dyn Db, sql: &str, key: &str) -> Result<Vec<i64>, StoreError> {
    Ok(db
        .query(sql, &[Val::from(key)])?
        .iter()
        .map(|r| col(r, 0).int())
        .collect())
}

/// Entities of the same class that have this normalised name as an alias. A person's one-word
/// alias is never used here: that is the surname path.
fn alias_candidates(db: &mut dyn Db, le: &LocalEntity) -> Result<Vec<i64>, StoreError> {
    let rows = db.query(
        "SELECT DISTINCT a.entity_id, e.type, e.surname FROM entity_aliases a \
         JOIN entities e ON e.entity_id = a.entity_id WHERE a.norm = $1 LIMIT 50",
        &[Val::from(&le.norm)],
    )?;
    Ok(rows
        .iter()
        .filter(|r| same_kind(class_of(&col(r, 1).text()), le.class))
        .filter(|r| {
            le.class != "PER" || le.kind != NameKind::Full || col(r, 2).opt_text().is_some()
        })
        .map(|r| col(r, 0).int())
        .collect())
}

/// Mentions an entity needs before a name under the other class (person or not) joins it.
pub const ESTABLISHED_MENTIONS: i64 = 3;

/// How many times the mentions of the name's own-class entities the other class's entity must
/// hold for a name to join it over them.
const OUTWEIGH: i64 = 3;

/// The entity of the other class (a person for a non-person, or the reverse) that has this name
/// as an alias with at least [`ESTABLISHED_MENTIONS`] and [`OUTWEIGH`] times the mentions of any
/// entity of the name's own class holding it: a tagging slip ("Downing Street" as PER beside 42
/// mentions as LOC, "Christmas" as PER) joins the entity the name's other mentions built instead
/// of starting or feeding a stray one.
fn established_other_kind(db: &mut dyn Db, le: &LocalEntity) -> Result<Option<i64>, StoreError> {
    let rows = db.query(
        "SELECT DISTINCT a.entity_id, e.type, e.mentions FROM entity_aliases a \
         JOIN entities e ON e.entity_id = a.entity_id WHERE a.norm = $1 \
         ORDER BY e.mentions DESC LIMIT 20",
        &[Val::from(&le.norm)],
    )?;
    let mut own_most = 0;
    let mut other = None;
    for r in &rows {
        let mentions = col(r, 2).int();
        if same_kind(class_of(&col(r, 1).text()), le.class) {
            own_most = own_most.max(mentions);
        } else if other.is_none() {
            other = Some((col(r, 0).int(), mentions));
        }
    }
    let least = ESTABLISHED_MENTIONS.max(own_most.saturating_mul(OUTWEIGH) + 1);
    Ok(other.filter(|(_, m)| *m >= least).map(|(id, _)| id))
}

/// A bare name no full name claims: the earlier bare-name entity of that name whose context
/// agrees, else (`no_full_name`: no person has it as surname) an established entity of the other
/// class with that name, else a new entity (two unrelated "Mr Johnson"s are not pooled).
fn same_name_or_create(
    db: &mut dyn Db,
    le: &LocalEntity,
    context: &mut Context,
    no_full_name: bool,
) -> Result<i64, StoreError> {
    let rows = db.query(
        "SELECT entity_id, type FROM entities WHERE norm = $1 AND surname IS NULL ORDER BY mentions DESC LIMIT 20",
        &[Val::from(&le.norm)],
    )?;
    let same: Vec<i64> = rows
        .iter()
        .filter(|r| same_kind(class_of(&col(r, 1).text()), le.class))
        .map(|r| col(r, 0).int())
        .collect();
    match best_by_context(db, &same, context, CONTEXT_AGREEMENT)? {
        Some(id) => Ok(id),
        // Too little context to tell people apart, or a name so common that it already has
        // many unrelated bearers (a sign-off like "Reuter"): the name's main entity takes it.
        None if !same.is_empty()
            && (context.len() < CONTEXT_AGREEMENT as usize || same.len() >= MAX_NAMESAKES) =>
        {
            Ok(same[0])
        }
        None if no_full_name => match established_other_kind(db, le)? {
            Some(id) => Ok(id),
            None => create(db, le),
        },
        None => create(db, le),
    }
}

/// Most separate entities one bare name gets before further mentions join its main one.
pub const MAX_NAMESAKES: usize = 20;

/// The entities of the article being resolved, and (built on first use) the recent articles each
/// appears in: the evidence that a candidate's context agrees.
pub struct Context {
    ids: Vec<i64>,
    /// Recent article → bit set of the `ids` that appear in it.
    by_article: Option<HashMap<i64, u32>>,
}

/// Recent articles looked at per entity: bounded work however famous an entity is, and the
/// most generic entities (in every article) weigh less because their recent articles are others'.
const CONTEXT_ARTICLES: i64 = 200;
const CANDIDATE_ARTICLES: i64 = 300;

impl Context {
    /// The context of an article: the first 32 of its resolved entity ids.
    pub fn new(mut ids: Vec<i64>) -> Self {
        ids.truncate(32);
        Context {
            ids,
            by_article: None,
        }
    }

    /// Entities in the context.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the context has no entity.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// How many of the article's entities the candidate co-occurred with in recent articles.
    fn score(&mut self, db: &mut dyn Db, candidate: i64) -> Result<i64, StoreError> {
        if self.by_article.is_none() {
            let mut map: HashMap<i64, u32> = HashMap::new();
            for (k, &id) in self.ids.iter().enumerate() {
                for r in db.query(
                    "SELECT article_seq FROM article_entities WHERE entity_id = $1 ORDER BY article_seq DESC LIMIT $2",
                    &[Val::Int(id), Val::Int(CONTEXT_ARTICLES)],
                )? {
                    *map.entry(col(&r, 0).int()).or_default() |= 1 << k;
                }
            }
            self.by_article = Some(map);
        }
        let Some(map) = &self.by_article else {
            return Ok(0);
        };
        let own: u32 = self
            .ids
            .iter()
            .enumerate()
            .filter(|(_, &id)| id == candidate)
            .fold(0, |m, (k, _)| m | 1 << k);
        let mut seen = 0u32;
        for r in db.query(
            "SELECT article_seq FROM article_entities WHERE entity_id = $1 ORDER BY article_seq DESC LIMIT $2",
            &[Val::Int(candidate), Val::Int(CANDIDATE_ARTICLES)],
        )? {
            if let Some(bits) = map.get(&col(&r, 0).int()) {
                seen |= bits;
            }
        }
        Ok(i64::from((seen & !own).count_ones()))
    }
}

/// The candidate that co-occurred with the most of the context elsewhere, if that is ≥ `threshold`
/// (with threshold 0, the first candidate when none scores).
fn best_by_context(
    db: &mut dyn Db,
    candidates: &[i64],
    context: &mut Context,
    threshold: i64,
) -> Result<Option<i64>, StoreError> {
    if candidates.is_empty() {
        return Ok(None);
    }
    let mut best: Option<(i64, i64)> = None;
    if !context.is_empty() {
        for &c in candidates {
            let score = context.score(db, c)?;
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, c));
            }
        }
    }
    Ok(match best {
        Some((score, id)) if score >= threshold && score > 0 => Some(id),
        _ if threshold == 0 => candidates.first().copied(),
        _ => None,
    })
}

/// Mentions of an entity looked at when its type is re-decided: bounded work however famous.
const TYPE_VOTE_MENTIONS: i64 = 500;

/// Re-decides a stored entity's type by [`decide_type`] over its (latest) mentions, after
/// mentions labelled `new_labels` were added. A person stays a person, an entity the alias table
/// lists keeps the table's type, and when every new label is the current type the vote cannot
/// change, so it is not counted again.
pub fn refresh_type(db: &mut dyn Db, id: i64, new_labels: &[&str]) -> Result<(), StoreError> {
    let Some(row) = db.query_one(
        "SELECT type, norm FROM entities WHERE entity_id = $1",
        &[Val::Int(id)],
    )?
    else {
        return Ok(());
    };
    let current = col(&row, 0).text();
    if class_of(&current) == "PER"
        || alias_entry(&col(&row, 1).text()).is_some()
        || new_labels.iter().all(|l| *l == current)
    {
        return Ok(());
    }
    let labels = latest_labels(db, id)?;
    if let Some(t) = decide_type(&labels).filter(|t| *t != current) {
        db.execute(
            "UPDATE entities SET type = $1 WHERE entity_id = $2",
            &[Val::from(&t), Val::Int(id)],
        )?;
    }
    Ok(())
}

/// Label counts over the entity's latest [`TYPE_VOTE_MENTIONS`] mentions (newest article first),
/// sorted by label.
fn latest_labels(db: &mut dyn Db, id: i64) -> Result<Vec<(String, i64)>, StoreError> {
    // An article holds at least one mention, so this many articles always suffice.
    let rows = db.query(
        "SELECT spans FROM article_entities WHERE entity_id = $1 ORDER BY article_seq DESC LIMIT $2",
        &[Val::Int(id), Val::Int(TYPE_VOTE_MENTIONS)],
    )?;
    let mut counts: std::collections::BTreeMap<String, i64> = Default::default();
    let mut seen = 0;
    'rows: for r in &rows {
        let Val::Bytes(spans) = col(r, 0) else {
            continue;
        };
        for m in crate::mention_spans::decode(spans)? {
            if seen == TYPE_VOTE_MENTIONS {
                break 'rows;
            }
            seen += 1;
            *counts.entry(m.label).or_default() += 1;
        }
    }
    Ok(counts.into_iter().collect())
}

fn create(db: &mut dyn Db, le: &LocalEntity) -> Result<i64, StoreError> {
    let (surname, acronym) = match (le.class, le.kind) {
        ("PER", NameKind::Full) => (surname(&le.norm).map(str::to_string), None),
        ("PER", _) => (None, None),
        (_, NameKind::Full) => (None, acronym(&le.norm)),
        _ => (None, None),
    };
    let row = db.query_one(
        "INSERT INTO entities (name, type, norm, surname, acronym) VALUES ($1, $2, $3, $4, $5) RETURNING entity_id",
        &[
            Val::from(&le.name),
            Val::from(&le.label),
            Val::from(&le.norm),
            Val::from(surname),
            Val::from(acronym),
        ],
    )?;
    row.map(|r| col(&r, 0).int())
        .ok_or_else(|| StoreError::Schema("INSERT … RETURNING gave no row".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_model::{Article, Entity, Source};

    fn article_with(text: &str, mentions: &[(&str, &str)]) -> AnalyzedArticle {
        let mut a = AnalyzedArticle::from(Article::new(text.to_string(), Source::default()));
        let mut from = 0;
        for (surface, label) in mentions {
            let start = from + text[from..].find(surface).unwrap();
            a.entities.push(Entity {
                start,
                end: start + surface.len(),
                text: surface.to_string(),
                label: label.to_string(),
                entity: None,
                confidence: 1.0,
            });
            from = start + surface.len();
        }
        a
    }

    #[test]
    fn surnames_and_acronyms_join_full_names_in_the_article() {
        let a = article_with(
            "Prime Minister Tony Blair met the Islamic State of Iraq and Syria envoy. Mr Blair said ISIS lied. The Islamic State of Iraq and Syria denied it.",
            &[
                ("Tony Blair", "PER"),
                ("Islamic State of Iraq and Syria", "ORG"),
                ("Mr Blair", "PER"),
                ("ISIS", "ORG"),
                ("The Islamic State of Iraq and Syria", "ORG"),
            ],
        );
        let locals = local_entities(&a);
        assert_eq!(locals.len(), 2, "{locals:?}");
        let blair = locals.iter().find(|l| l.class == "PER").unwrap();
        assert_eq!(blair.name, "Tony Blair");
        assert_eq!(blair.mentions.len(), 2);
        assert_eq!(blair.titles, vec!["Prime Minister".to_string()]);
        let isis = locals.iter().find(|l| l.class == "ORG").unwrap();
        assert_eq!(isis.mentions.len(), 3);
    }

    #[test]
    fn a_full_name_under_another_label_is_the_person_its_surname_names() {
        let a = article_with(
            "The Tories hired Australian Lynton Crosby. Crosby ran the campaign. Goldman Sachs advised; Jeffrey Sachs objected and Sachs left.",
            &[
                ("Australian Lynton Crosby", "ORG"),
                ("Crosby", "PER"),
                ("Goldman Sachs", "ORG"),
                ("Jeffrey Sachs", "PER"),
                ("Sachs", "PER"),
            ],
        );
        let locals = local_entities(&a);
        let crosby = locals.iter().find(|l| l.name == "Lynton Crosby").unwrap();
        assert_eq!(crosby.class, "PER");
        assert_eq!(crosby.mentions.len(), 2, "{locals:?}");
        assert_eq!(crosby.titles, vec!["Australian".to_string()]);
        let bank = locals.iter().find(|l| l.name == "Goldman Sachs").unwrap();
        assert_eq!(bank.class, "ORG");
        let sachs = locals.iter().find(|l| l.name == "Jeffrey Sachs").unwrap();
        assert_eq!(sachs.mentions.len(), 2);
    }

    #[test]
    fn the_first_part_of_a_double_barrelled_surname_joins_the_full_name() {
        let a = article_with(
            "Robert Kilroy-Silk quit the party. Kilroy said the party had failed.",
            &[("Robert Kilroy-Silk", "PER"), ("Kilroy", "PER")],
        );
        let locals = local_entities(&a);
        assert_eq!(locals.len(), 1, "{locals:?}");
        assert_eq!(locals[0].mentions.len(), 2);
    }

    #[test]
    fn a_compound_of_two_names_in_the_article_is_no_entity() {
        let a = article_with(
            "Tony Blair and Gordon Brown denied the Blair-Brown rift. Robert Kilroy-Silk and Mr Brown spoke.",
            &[
                ("Tony Blair", "PER"),
                ("Gordon Brown", "PER"),
                ("Blair-Brown", "ORG"),
                ("Robert Kilroy-Silk", "PER"),
                ("Mr Brown", "PER"),
            ],
        );
        let locals = local_entities(&a);
        let names: Vec<&str> = locals.iter().map(|l| l.name.as_str()).collect();
        assert!(!names.contains(&"Blair-Brown"), "{names:?}");
        assert!(names.contains(&"Robert Kilroy-Silk"), "{names:?}");
        assert_eq!(locals.len(), 3, "{names:?}");
    }

    #[test]
    fn label_wobbles_do_not_split_and_a_surname_under_another_label_joins_the_person() {
        let a = article_with(
            "The Lib Dems met. Liberal Democrats agreed. Mr Brown spoke; Brown left. Acme Corp rose and Acme Corp fell.",
            &[
                ("Lib Dems", "ORG"),
                ("Liberal Democrats", "MISC"),
                ("Mr Brown", "PER"),
                ("Brown", "LOC"),
                ("Acme Corp", "ORG"),
                ("Acme Corp", "MISC"),
            ],
        );
        let locals = local_entities(&a);
        assert_eq!(locals.len(), 3, "{locals:?}");
        let lib = locals
            .iter()
            .find(|l| l.norm == "liberal democrats")
            .unwrap();
        assert_eq!((lib.mentions.len(), lib.label.as_str()), (2, "ORG"));
        let brown = locals.iter().find(|l| l.norm == "brown").unwrap();
        assert_eq!((brown.class, brown.mentions.len()), ("PER", 2));
        assert_eq!(locals.iter().filter(|l| l.norm == "acme corp").count(), 1);
    }

    #[test]
    fn mrs_howard_is_not_michael_howard() {
        let a = article_with(
            "Michael Howard spoke. Mrs Howard campaigned. Mr Howard agreed.",
            &[
                ("Michael Howard", "PER"),
                ("Mrs Howard", "PER"),
                ("Mr Howard", "PER"),
            ],
        );
        let locals = local_entities(&a);
        assert_eq!(locals.len(), 2, "{locals:?}");
        let michael = locals.iter().find(|l| l.norm == "michael howard").unwrap();
        assert_eq!(michael.mentions.len(), 2);
        let mrs = locals.iter().find(|l| l.norm == "howard").unwrap();
        assert_eq!(mrs.gender, Some('f'));
        // The same when the honorific is outside the mention, as the tagger writes it.
        let a = article_with(
            "Michael Howard spoke. Mrs Howard campaigned. Mr Howard agreed.",
            &[
                ("Michael Howard", "PER"),
                ("Howard", "PER"),
                ("Howard", "PER"),
            ],
        );
        let locals = local_entities(&a);
        assert_eq!(locals.len(), 2, "{locals:?}");
        let mrs = locals.iter().find(|l| l.norm == "howard").unwrap();
        assert_eq!((mrs.gender, mrs.mentions.len()), (Some('f'), 1));
    }

    #[test]
    fn credit_lines_are_not_story_entities() {
        let mut a = article_with(
            "Acme Corp grew.\nIllustration: Yusha",
            &[("Acme Corp", "ORG"), ("Yusha", "ORG")],
        );
        let credit = a.article.text.find("Illustration").unwrap();
        let end = a.article.text.len();
        a.article
            .credit_spans
            .push(newsgraph_model::Span::new(credit, end));
        let locals = local_entities(&a);
        assert_eq!(locals.len(), 1);
        assert_eq!(locals[0].name, "Acme Corp");
    }

    #[test]
    fn the_type_vote_discounts_misc_and_ignores_people() {
        let v = |xs: &[(&str, i64)]| {
            decide_type(
                &xs.iter()
                    .map(|(l, n)| (l.to_string(), *n))
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(v(&[("MISC", 3), ("ORG", 2)]).as_deref(), Some("ORG"));
        assert_eq!(v(&[("MISC", 5), ("ORG", 2)]).as_deref(), Some("MISC"));
        assert_eq!(v(&[("LOC", 2), ("ORG", 2)]).as_deref(), Some("ORG"));
        assert_eq!(v(&[("PER", 9), ("GPE", 1)]).as_deref(), Some("GPE"));
        assert_eq!(v(&[("PER", 9)]), None);
    }

    #[test]
    fn two_people_sharing_a_surname_stay_apart_in_one_article() {
        let a = article_with(
            "Gordon Brown spoke. Then Craig Brown arrived. Brown said no.",
            &[
                ("Gordon Brown", "PER"),
                ("Craig Brown", "PER"),
                ("Brown", "PER"),
            ],
        );
        let locals = local_entities(&a);
        assert_eq!(locals.len(), 2);
        // The bare surname goes to the most recently named Brown.
        let craig = locals.iter().find(|l| l.norm == "craig brown").unwrap();
        assert_eq!(craig.mentions.len(), 2);
    }
}
