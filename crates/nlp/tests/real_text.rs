//! Tokenizer and sentence splitter on real news from `../shared` (skipped when it is absent).

use std::path::PathBuf;

use newsgraph_nlp::{split_sentences, tokenize};

fn shared(rel: &str) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!("note: {} absent, test skipped", path.display());
            None
        }
    }
}

fn sentences(text: &str) -> Vec<&str> {
    split_sentences(text)
        .iter()
        .map(|s| s.slice(text))
        .collect()
}

#[test]
fn seed_shard_sentences() {
    let Some(text) = shared("samples/seed-shard.txt") else {
        return;
    };
    let sents = sentences(&text);
    for s in &sents {
        assert!(!s.contains('\n'), "sentence crosses a line: {s:?}");
        assert_eq!(s.trim(), *s);
    }
    assert!(sents.contains(&"A double suicide bombing in Iran on Jan. 3 killed about 100 people at a memorial ceremony for slain Iranian Revolutionary Guards commander Qassem Soleimani, while the Moscow tragedy on March 22 saw gunmen open fire at concertgoers at Crocus City Hall, killing more than 130 people."));
    assert!(sents.contains(&"Where?” Varki recalled the officers asking, with one of them speaking Russian, a commonly used language across Central Asia."));
    assert!(sents.contains(&"“But I don’t know any jihadists,” he told them."));
    assert!(sents.contains(&"“They asked me what I knew,” Sadriddin said, adding that he was eager to help but told them: “I do not know Tajiks with a radical opinion.”"));
    assert!(sents.contains(&"Two US Department of State officials coordinating with the Olympics security for Team USA told Reuters they were confident in France’s preparations."));
    assert!(sents.contains(&"Illustration: Yusha"));
    // Every line of the Reuters article holds at least one sentence and sentences tile the lines.
    assert!(sents.len() > 60, "{} sentences", sents.len());
}

#[test]
fn seed_shard_tokens() {
    let Some(text) = shared("samples/seed-shard.txt") else {
        return;
    };
    let toks: Vec<&str> = tokenize(&text).iter().map(|t| t.text(&text)).collect();
    for needle in [
        "ISIS-K",
        "Saint-Etienne",
        "Jean-Francois",
        "18-year-old",
        "Jan.",
        "’s",
        "Tajiks",
        "recruiters",
    ] {
        assert!(toks.contains(&needle), "missing token {needle}");
    }
    assert!(!toks
        .iter()
        .any(|t| t.contains(char::is_whitespace) || t.is_empty()));
    assert!(!toks.contains(&"France’s"));
}

#[test]
fn bbc_quotes_and_abbreviations() {
    let Some(text) = shared("data/news/bbc/sport/502.txt") else {
        return;
    };
    let sents = sentences(&text);
    assert!(sents.contains(&"\"How can you be happy when you see your face on the cover page and talking about doping?\" Dechy said."));
    assert!(sents.contains(&"\"I'm really upset about it and I think the Belgian government did a really bad job about this."));
    let Some(text) = shared("data/news/bbc/business/403.txt") else {
        return;
    };
    let toks: Vec<&str> = tokenize(&text).iter().map(|t| t.text(&text)).collect();
    assert!(toks.contains(&"Inc."));
    assert!(toks.contains(&"$") && toks.contains(&"11bn"));
}
