//! Entity-merge precision and recall on a dev set built from the BBC News articles.
//!
//! How the dev set is built (no hand labels; reproducible from the corpus):
//! - Surname families that are shared by different people across the corpus: Brown (Gordon,
//!   Wes, Dan, James …), Howard (Michael, Ron, John …), Williams (Robbie, Serena, Shane …),
//!   Johnson, Jones, Clarke, Kennedy, Blair.
//! - In each article, every occurrence of a family name is a person mention: "<First> <Surname>"
//!   (a full name), "Mr/Mrs/Ms <Surname>", or a bare "<Surname>". Occurrences that are not the
//!   person ("Dow Jones", "Howard Stern" where the surname is a first name) are skipped.
//! - Gold identity: news style introduces a person by full name, so in an article with exactly
//!   one full name of the family, every mention of the family is that person. In an article with
//!   two or more (Serena and Venus Williams) only the full-name mentions are kept; an article
//!   with no full name contributes nothing. Gold entity = the full name.
//! - Two conditions: (A) all mentions; (B) "surname only": in every second article the full-name
//!   mentions are withheld from the resolver, so it must place a bare "Mr Brown" by context
//!   alone (or leave it apart).
//!
//! Scores are pairwise precision/recall over all pairs of evaluated mentions across the corpus,
//! and B-cubed. Mentions are given (gold mentions), so this measures resolution, not NER.

use std::collections::HashMap;
use std::path::PathBuf;

use newsgraph_model::{AnalyzedArticle, Article, Entity, Source};
use newsgraph_store::*;

const FAMILIES: &[&str] = &[
    "Brown", "Blair", "Howard", "Kennedy", "Clarke", "Williams", "Johnson", "Jones",
];
const NOT_FIRST_NAMES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Sir",
    "Lord",
    "Lady",
    "The",
    "But",
    "And",
    "Chancellor",
    "Minister",
    "Secretary",
    "Prime",
    "Leader",
    "Tory",
    "Labour",
    "Liberal",
    "Democrat",
    "Conservative",
    "When",
    "If",
    "As",
    "Premier",
    "President",
    "By",
    "Dow",
    "Said",
    "Says",
    "Mayor",
    "Coach",
    "Captain",
    "Judge",
];

fn bbc_dir() -> Option<PathBuf> {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/news/bbc");
    d.is_dir().then_some(d)
}

struct Gold {
    /// (article id, mention index) → gold person.
    labels: HashMap<(String, usize), String>,
}

fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let before = text.get(..at)?;
    let trimmed = before.strip_suffix(' ')?;
    let start = trimmed
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| i + 1);
    let w = trimmed.get(start..)?;
    (!w.is_empty()).then_some((start, w))
}

fn next_word_capitalised(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("");
    rest.strip_prefix(' ')
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_uppercase)
}

/// The mentions of the listed family names in `text`: (start, end, the full name when the mention
/// is one, the family), a title or a given name before the family name included.
fn family_mentions(text: &str) -> Vec<(usize, usize, Option<String>, &'static str)> {
    let mut found: Vec<(usize, usize, Option<String>, &str)> = Vec::new();
    for fam in FAMILIES {
        let mut from = 0;
        while let Some(p) = text[from..].find(fam) {
            let s = from + p;
            let e = s + fam.len();
            from = e;
            let word_start = s == 0 || !text[..s].ends_with(|c: char| c.is_alphanumeric());
            let word_end = !text[e..].starts_with(|c: char| c.is_alphanumeric());
            if !word_start || !word_end || next_word_capitalised(text, e) {
                continue;
            }
            match word_before(text, s) {
                Some((_, "Dow")) => continue,
                Some((ws, "Mr" | "Mrs" | "Ms")) => found.push((ws, e, None, fam)),
                Some((ws, w))
                    if w.chars().next().is_some_and(char::is_uppercase)
                        && w.len() > 1
                        && !NOT_FIRST_NAMES.contains(&w) =>
                {
                    found.push((ws, e, Some(format!("{w} {fam}")), fam))
                }
                _ => found.push((s, e, None, fam)),
            }
        }
    }
    found
}

/// The articles with their person mentions, and the gold identity of each mention.
fn build(dir: &std::path::Path, withhold_full_every_second: bool) -> (Vec<AnalyzedArticle>, Gold) {
    let mut files: Vec<PathBuf> = Vec::new();
    for cat in ["business", "entertainment", "politics", "sport", "tech"] {
        if let Ok(rd) = std::fs::read_dir(dir.join(cat)) {
            files.extend(rd.flatten().map(|e| e.path()));
        }
    }
    files.sort();
    let mut articles = Vec::new();
    let mut gold = Gold {
        labels: HashMap::new(),
    };
    let mut seen = std::collections::HashSet::new();
    for (n, path) in files.iter().enumerate() {
        let raw = std::fs::read(path).unwrap();
        let text: String = String::from_utf8_lossy(&raw).replace("\r\n", "\n");
        let text = text.trim().to_string();
        let mut found = family_mentions(&text);
        if found.is_empty() {
            continue;
        }
        found.sort_by_key(|f| f.0);
        let mut entities = Vec::new();
        let mut labels = Vec::new();
        let withhold = withhold_full_every_second && n % 2 == 1;
        for fam in FAMILIES {
            let mine: Vec<_> = found.iter().filter(|f| f.3 == *fam).collect();
            let mut fulls: Vec<&String> = mine.iter().filter_map(|f| f.2.as_ref()).collect();
            fulls.sort();
            fulls.dedup();
            for f in &mine {
                let label = match (&f.2, fulls.len()) {
                    (Some(full), _) => full.clone(),
                    (None, 1) => fulls[0].clone(),
                    _ => continue,
                };
                if withhold && f.2.is_some() {
                    continue;
                }
                entities.push(Entity {
                    start: f.0,
                    end: f.1,
                    text: text[f.0..f.1].to_string(),
                    label: "PER".into(),
                    entity: None,
                    confidence: 1.0,
                });
                labels.push(label);
            }
        }
        // Context mentions (not scored): the article's other capitalised phrases, standing in for
        // the NER output the resolver sees in production.
        for (s, e) in capitalised_phrases(&text) {
            if !entities.iter().any(|m: &Entity| m.start < e && s < m.end)
                && !found.iter().any(|f| f.0 < e && s < f.1)
            {
                entities.push(Entity {
                    start: s,
                    end: e,
                    text: text[s..e].to_string(),
                    label: "MISC".into(),
                    entity: None,
                    confidence: 1.0,
                });
                labels.push(String::new());
            }
        }
        let mut order: Vec<usize> = (0..entities.len()).collect();
        order.sort_by_key(|&i| entities[i].start);
        let entities: Vec<Entity> = order.iter().map(|&i| entities[i].clone()).collect();
        let labels: Vec<String> = order.iter().map(|&i| labels[i].clone()).collect();
        if entities.is_empty() {
            continue;
        }
        // The corpus repeats some articles word for word: the store keeps one, so does the dev set.
        if !seen.insert(newsgraph_model::content_id(&text)) {
            continue;
        }
        let mut article = Article::new(
            text,
            Source {
                file: path.display().to_string(),
                lines: [1, 1],
                bytes: [0, 0],
            },
        );
        article.title = article
            .paragraphs
            .first()
            .map(|p| p.slice(&article.text).to_string());
        article.outlet = Some("BBC".into());
        for (i, l) in labels.into_iter().enumerate() {
            if l.is_empty() {
                continue;
            }
            gold.labels.insert((article.id.clone(), i), l);
        }
        let mut a = AnalyzedArticle::from(article);
        a.entities = entities;
        articles.push(a);
    }
    (articles, gold)
}

/// Runs of capitalised words that do not start a sentence ("Downing Street", "Labour").
fn capitalised_phrases(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let mut prev_end_of_sentence = true;
    let mut pos = 0;
    for word in text.split([' ', '\n']) {
        let start = pos;
        pos += word.len() + 1;
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        let core_start = start + word.find(core).unwrap_or(0);
        let capital = core.chars().next().is_some_and(char::is_uppercase) && core.len() > 1;
        if capital && !prev_end_of_sentence {
            run = Some(match run {
                Some((s, _)) => (s, core_start + core.len()),
                None => (core_start, core_start + core.len()),
            });
        } else if let Some(r) = run.take() {
            out.push(r);
        }
        if word.ends_with(|c: char| !c.is_alphanumeric()) && run.is_some() {
            if let Some(r) = run.take() {
                out.push(r);
            }
        }
        prev_end_of_sentence = word.ends_with(['.', '?', '!', ':', '"']) || word.is_empty();
    }
    if let Some(r) = run {
        out.push(r);
    }
    out
}

struct Scores {
    mentions: usize,
    pair_p: f64,
    pair_r: f64,
    b3_p: f64,
    b3_r: f64,
}

fn score(pred: &[i64], gold: &[String]) -> Scores {
    let n = pred.len();
    let (mut tp, mut pred_pairs, mut gold_pairs) = (0u64, 0u64, 0u64);
    for i in 0..n {
        for j in i + 1..n {
            let p = pred[i] == pred[j];
            let g = gold[i] == gold[j];
            tp += u64::from(p && g);
            pred_pairs += u64::from(p);
            gold_pairs += u64::from(g);
        }
    }
    // B-cubed.
    let mut pc: HashMap<i64, Vec<usize>> = HashMap::new();
    let mut gc: HashMap<&str, Vec<usize>> = HashMap::new();
    for i in 0..n {
        pc.entry(pred[i]).or_default().push(i);
        gc.entry(gold[i].as_str()).or_default().push(i);
    }
    let (mut bp, mut br) = (0.0, 0.0);
    for i in 0..n {
        let p = &pc[&pred[i]];
        let g = &gc[gold[i].as_str()];
        let inter = p.iter().filter(|&&j| gold[j] == gold[i]).count() as f64;
        bp += inter / p.len() as f64;
        br += inter / g.len() as f64;
    }
    Scores {
        mentions: n,
        pair_p: tp as f64 / pred_pairs.max(1) as f64,
        pair_r: tp as f64 / gold_pairs.max(1) as f64,
        b3_p: bp / n.max(1) as f64,
        b3_r: br / n.max(1) as f64,
    }
}

fn run(dir: &std::path::Path, withhold: bool) -> Scores {
    let (articles, gold) = build(dir, withhold);
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(
        &Location::Embedded(tmp.path().to_path_buf()),
        OpenMode::ReadWrite,
    )
    .unwrap();
    for batch in articles.chunks(200) {
        store.ingest_batch(batch).unwrap();
    }
    let (mut pred, mut gold_list) = (Vec::new(), Vec::new());
    for a in &articles {
        let view = store.article(&a.article.id).unwrap().unwrap();
        for (i, e) in view.mention_entities.iter().enumerate() {
            if let (Some(e), Some(g)) = (e, gold.labels.get(&(a.article.id.clone(), i))) {
                pred.push(*e);
                gold_list.push(g.clone());
            }
        }
    }
    if std::env::var("NEWSGRAPH_DEV_DEBUG").is_ok() {
        let mut by_pred: HashMap<i64, HashMap<&str, usize>> = HashMap::new();
        for (p, g) in pred.iter().zip(&gold_list) {
            *by_pred
                .entry(*p)
                .or_default()
                .entry(g.as_str())
                .or_default() += 1;
        }
        for (p, gs) in &by_pred {
            if gs.len() > 1 {
                eprintln!("impure predicted entity {p}: {gs:?}");
            }
        }
    }
    score(&pred, &gold_list)
}

#[test]
fn bbc_entity_merge_precision_recall() {
    let Some(dir) = bbc_dir() else {
        eprintln!("skipping: ../shared/data/news/bbc is not present");
        return;
    };
    for (name, withhold) in [
        ("A all mentions", false),
        ("B surname only in every 2nd article", true),
    ] {
        let s = run(&dir, withhold);
        let f = |p: f64, r: f64| 2.0 * p * r / (p + r).max(1e-9);
        eprintln!(
            "entity merge [{name}]: {} mentions; pairwise P {:.3} R {:.3} F1 {:.3}; B-cubed P {:.3} R {:.3} F1 {:.3}",
            s.mentions, s.pair_p, s.pair_r, f(s.pair_p, s.pair_r), s.b3_p, s.b3_r, f(s.b3_p, s.b3_r)
        );
        assert!(s.mentions > 1000);
        assert!(s.pair_p > 0.9, "merge precision fell: {:.3}", s.pair_p);
        assert!(s.b3_r > 0.5, "merge recall fell: {:.3}", s.b3_r);
    }
}
