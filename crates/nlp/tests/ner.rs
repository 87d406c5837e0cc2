//! The embedded NER model on the seed shard and BBC text (skipped when ../shared is absent); its
//! CoNLL scores are pinned in the eval crate's tests.

use std::path::PathBuf;

use newsgraph_nlp::NerModel;

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

#[test]
fn seed_shard_reuters_article() {
    let Some(text) = shared("samples/seed-shard.txt") else {
        return;
    };
    let article: String = text.lines().take(38).collect::<Vec<_>>().join("\n");
    let entities = NerModel::embedded().tag(&article);
    for e in &entities {
        assert_eq!(&article[e.start..e.end], e.text);
        assert!((0.0..=1.0).contains(&e.confidence));
        assert!(["PER", "ORG", "LOC", "GPE", "MISC", "NORP", "EVENT", "LAW"]
            .contains(&e.label.as_str()));
        assert!(e.entity.is_none());
    }
    let has = |label: &str, name: &str| entities.iter().any(|e| e.label == label && e.text == name);
    let labels_of = |name: &str| -> Vec<&str> {
        entities
            .iter()
            .filter(|e| e.text == name)
            .map(|e| e.label.as_str())
            .collect()
    };
    // A named event (issue 15): the Paris Olympics of the article.
    assert!(has("EVENT", "Olympics"), "{:?}", labels_of("Olympics"));
    for name in [
        "Temur Varki",
        "Varki",
        "Laurent Nunez",
        "Nadejda Atayeva",
        "Sebastien Peyrouse",
        "Edward Lemon",
        "Emomali Rakhmon",
        "Muhammadiqboli Sadriddin",
        "Jean-Francois Ratelle",
        "Qassem Soleimani",
        "Zhifan Liu",
        "Marco Carta",
        "Madeline Chambers",
        "Jonathan Landay",
        "Pravin Char",
    ] {
        assert!(has("PER", name), "PER {name}: {:?}", labels_of(name));
    }
    for name in [
        "ISIS-K",
        "Islamic State",
        "Reuters",
        "BBC",
        "Islamic Renaissance Party",
    ] {
        assert!(has("ORG", name), "ORG {name}: {:?}", labels_of(name));
    }
    // Every "ISIS-K" and "Islamic State" is an organisation.
    assert!(entities
        .iter()
        .filter(|e| e.text == "ISIS-K" || e.text == "Islamic State")
        .all(|e| e.label == "ORG"));
    for name in [
        "Paris",
        "France",
        "Tajikistan",
        "Moscow",
        "Iran",
        "Afghanistan",
        "Strasbourg",
        "Russia",
        "Ukraine",
        "Germany",
        "Poland",
        "Syria",
        "Algeria",
    ] {
        assert!(has("GPE", name), "GPE {name}: {:?}", labels_of(name));
    }
    for name in ["Central Asia", "Middle East", "Europe"] {
        assert!(has("LOC", name), "LOC {name}: {:?}", labels_of(name));
    }
    for name in [
        "Tajik",
        "Tajiks",
        "Uzbek",
        "French",
        "Central Asians",
        "Russian",
        "Chechen",
    ] {
        assert!(has("NORP", name), "NORP {name}: {:?}", labels_of(name));
    }
    // Nationalities are never tagged as anything else.
    assert!(entities
        .iter()
        .filter(|e| e.text == "Tajiks" || e.text == "Tajik")
        .all(|e| e.label == "NORP"));
}

#[test]
fn tags_many_paragraphs_with_valid_offsets() {
    let Some(text) = shared("data/news/bbc/business/001.txt") else {
        return;
    };
    let entities = NerModel::embedded().tag(&text);
    assert!(entities.len() > 5);
    let mut last_end = 0;
    for e in &entities {
        assert!(e.start >= last_end, "overlapping or unsorted entities");
        assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        assert!(!e.text.contains('\n'));
        last_end = e.end;
    }
}
