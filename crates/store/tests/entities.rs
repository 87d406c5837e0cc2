//! One real-world entity, one stored entity: label wobbles and aliases merge, the type is voted,
//! junk is cut, and `reindex_entities` makes resolution independent of ingest order.

use newsgraph_model::{AnalyzedArticle, Article, Entity, Source};
use newsgraph_store::*;

fn open(dir: &std::path::Path) -> Store {
    Store::open(&Location::Embedded(dir.to_path_buf()), OpenMode::ReadWrite).unwrap()
}

/// An article whose mentions are `(surface, label)` found left to right in `text`.
fn article(text: &str, mentions: &[(&str, &str)]) -> AnalyzedArticle {
    let mut a = AnalyzedArticle::from(Article::new(text.to_string(), Source::default()));
    let mut from = 0;
    for (surface, label) in mentions {
        let start = from + text[from..].find(surface).expect("surface in text");
        a.entities.push(Entity {
            start,
            end: start + surface.len(),
            text: surface.to_string(),
            label: label.to_string(),
            entity: None,
            confidence: 0.9,
        });
        from = start + surface.len();
    }
    a
}

fn named(store: &Store, q: &str) -> Vec<EntitySummary> {
    store
        .entities(&EntityListRequest {
            q: Some(q.into()),
            limit: Some(100),
            ..Default::default()
        })
        .unwrap()
}

fn party_articles() -> Vec<AnalyzedArticle> {
    vec![
        article(
            "The Lib Dems said Britain needs change. Lib Dem MP Lembit Opik agreed.",
            &[
                ("Lib Dems", "ORG"),
                ("Britain", "GPE"),
                ("Lib Dem MP Lembit Opik", "PER"),
            ],
        ),
        article(
            "The Liberal Democrats and the Tories clashed over the UK budget.",
            &[
                ("Liberal Democrats", "MISC"),
                ("Tories", "LOC"),
                ("UK", "GPE"),
            ],
        ),
        article(
            "A Lib Dem spokesman said the Conservatives were wrong. Vote Blair, said a poster.",
            &[
                ("Lib Dem", "PER"),
                ("Conservatives", "NORP"),
                ("Vote Blair", "PER"),
            ],
        ),
        article(
            "Conservative MP said the Conservative Party and the United Kingdom would cope.",
            &[
                ("Conservative MP", "MISC"),
                ("Conservative Party", "ORG"),
                ("United Kingdom", "GPE"),
            ],
        ),
    ]
}

#[test]
fn aliases_and_label_wobbles_make_one_entity_with_the_right_type() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    store.ingest_batch(&party_articles()).unwrap();
    let lib = named(&store, "liberal democrats");
    assert_eq!(lib.len(), 1, "{lib:?}");
    assert_eq!((lib[0].kind.as_str(), lib[0].mentions), ("ORG", 3));
    let tories = named(&store, "conservative");
    assert_eq!(tories.len(), 1, "{tories:?}");
    assert_eq!(
        (tories[0].name.as_str(), tories[0].mentions),
        ("Conservative Party", 3)
    );
    let uk = named(&store, "united kingdom");
    assert_eq!(
        (uk.len(), uk[0].mentions, uk[0].kind.as_str()),
        (1, 3, "GPE")
    );
    // The party in front of a person is a descriptor, not part of the name.
    let opik = named(&store, "opik");
    assert_eq!(opik.len(), 1);
    assert_eq!(opik[0].name, "Lembit Opik");
    let profile = store.entity(opik[0].id).unwrap().unwrap();
    assert!(
        profile.titles.iter().any(|d| d.name == "Lib Dem MP"),
        "{:?}",
        profile.titles
    );
    // Junk is cut ("Vote Blair" is Blair) or rejected ("Conservative MP" names nobody).
    assert!(named(&store, "vote").is_empty());
    assert!(named(&store, "conservative mp").is_empty());
    assert_eq!(named(&store, "blair").len(), 1);
}

#[test]
fn the_type_is_decided_by_the_mentions_not_the_first_one() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let mut batch = vec![article(
        "Zarnia Holdings grew.",
        &[("Zarnia Holdings", "MISC")],
    )];
    for _ in 0..3 {
        batch.push(article(
            "Zarnia Holdings grew again.",
            &[("Zarnia Holdings", "ORG")],
        ));
    }
    // Distinct articles (the store skips a text it holds).
    for (k, a) in batch.iter_mut().enumerate() {
        a.article.text.push_str(&" ".repeat(k));
        a.article.id = format!("zarnia-{k}");
    }
    store.ingest_batch(&batch).unwrap();
    let z = named(&store, "zarnia");
    assert_eq!(z.len(), 1, "{z:?}");
    assert_eq!((z[0].kind.as_str(), z[0].mentions), ("ORG", 4));
}

#[test]
fn a_name_tagged_once_as_the_other_class_joins_the_established_entity() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let mut batch: Vec<AnalyzedArticle> = (0..3)
        .map(|_| {
            article(
                "Talks at Wexley Street went on.",
                &[("Wexley Street", "LOC")],
            )
        })
        .collect();
    // A tagging slip: the same place as a person, in full and as one word.
    batch.push(article(
        "Wexley Street said no.",
        &[("Wexley Street", "PER")],
    ));
    for _ in 0..3 {
        batch.push(article("Plans for Yuletide grew.", &[("Yuletide", "ORG")]));
    }
    batch.push(article("Yuletide came early.", &[("Yuletide", "PER")]));
    for (k, a) in batch.iter_mut().enumerate() {
        a.article.text.push_str(&" ".repeat(k));
        a.article.id = format!("slip-{k}");
    }
    store.ingest_batch(&batch).unwrap();
    let street = named(&store, "wexley street");
    assert_eq!(street.len(), 1, "{street:?}");
    assert_eq!((street[0].kind.as_str(), street[0].mentions), ("LOC", 4));
    let yule = named(&store, "yuletide");
    assert_eq!(yule.len(), 1, "{yule:?}");
    assert_eq!(yule[0].mentions, 4);
}

/// The article naming only "Mr Quillby" comes first; the one that names him in full, later.
fn late_full_name_articles() -> Vec<AnalyzedArticle> {
    let shared = "Met Harrowgate Council, Pellow Trust and Dunmore Mills.";
    let ctx: [(&str, &str); 3] = [
        ("Harrowgate Council", "ORG"),
        ("Pellow Trust", "ORG"),
        ("Dunmore Mills", "ORG"),
    ];
    let mut first = vec![("Mr Quillby", "PER")];
    first.extend(ctx);
    let mut second = vec![("Zephyr Quillby", "PER"), ("Mr Quillby", "PER")];
    second.extend(ctx);
    vec![
        article(&format!("Mr Quillby spoke. {shared}"), &first),
        article(
            &format!("Zephyr Quillby spoke. Mr Quillby left. {shared}"),
            &second,
        ),
    ]
}

fn entity_table(store: &Store) -> Vec<(String, String, i64, i64)> {
    let mut v: Vec<_> = store
        .entities(&EntityListRequest {
            limit: Some(100),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|e| (e.name, e.kind, e.mentions, e.articles))
        .collect();
    v.sort();
    v
}

#[test]
fn reindex_joins_a_surname_seen_before_the_full_name_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let articles = late_full_name_articles();
    store.ingest_batch(&articles[..1]).unwrap();
    store.ingest_batch(&articles[1..]).unwrap();
    // At ingest the first "Mr Quillby" had nobody to join.
    assert_eq!(named(&store, "quillby").len(), 2);
    let stats = store.reindex_entities().unwrap();
    assert_eq!(stats.articles, 2);
    let q = named(&store, "quillby");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!((q[0].name.as_str(), q[0].mentions), ("Zephyr Quillby", 3));
    let once = entity_table(&store);
    store.reindex_entities().unwrap();
    assert_eq!(entity_table(&store), once);
    // Ingest in the other order, then reindex: the same entities.
    let dir2 = tempfile::tempdir().unwrap();
    let other = open(dir2.path());
    other.ingest_batch(&articles[1..]).unwrap();
    other.ingest_batch(&articles[..1]).unwrap();
    other.reindex_entities().unwrap();
    assert_eq!(entity_table(&other), once);
    // Search facets follow the new ids.
    store.flush().unwrap();
    let c = store.check_consistency().unwrap();
    assert!(c.problems.is_empty(), "{:?}", c.problems);
}

#[test]
fn a_double_barrelled_surname_written_with_a_space_is_the_same_person() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    store
        .ingest_batch(&[
            article(
                "Robert Kilroy-Silk quit UKIP. Kilroy-Silk said he would lead.",
                &[("Robert Kilroy-Silk", "PER"), ("Kilroy-Silk", "PER")],
            ),
            article(
                "\"Robert Kilroy Silk is not a team player,\" he said.",
                &[("Robert Kilroy Silk", "PER")],
            ),
            article(
                "Kilroy Silk has secured my vote.",
                &[("Kilroy Silk", "PER")],
            ),
            // Two words that hyphen-join to no known surname stay a name of their own.
            article("Kilroy Jones spoke.", &[("Kilroy Jones", "PER")]),
        ])
        .unwrap();
    store.flush().unwrap();
    let people: Vec<(String, i64)> = named(&store, "Kilroy")
        .into_iter()
        .map(|e| (e.name, e.mentions))
        .collect();
    assert_eq!(
        people,
        vec![
            ("Robert Kilroy-Silk".to_string(), 4),
            ("Kilroy Jones".to_string(), 1)
        ]
    );
}

#[test]
fn an_alias_never_shows_a_clause_glued_to_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    store
        .ingest_batch(&[article(
            "Lib Dems say Labour broke its word. The Lib Dems want a vote.",
            &[("Lib Dems say Labour", "ORG"), ("Lib Dems", "ORG")],
        )])
        .unwrap();
    let lib = named(&store, "liberal democrats");
    assert_eq!(lib.len(), 1, "{lib:?}");
    let profile = store.entity(lib[0].id).unwrap().unwrap();
    let aliases: Vec<&str> = profile.aliases.iter().map(|a| a.name.as_str()).collect();
    assert!(!aliases.iter().any(|a| a.contains("say")), "{aliases:?}");
    assert!(aliases.contains(&"Lib Dems"), "{aliases:?}");
}

#[test]
fn a_political_stance_before_a_name_is_a_title_not_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    store
        .ingest_batch(&[
            article(
                "Robert Kilroy-Silk quit UKIP.",
                &[("Robert Kilroy-Silk", "PER")],
            ),
            article(
                "It is ironic that Euro-Sceptic Kilroy-Silk has used a Latin name. Kilroy-Silk said so.",
                &[("Euro-Sceptic Kilroy-Silk", "PER"), ("Kilroy-Silk", "PER")],
            ),
        ])
        .unwrap();
    // A bare surname joins a known person only with enough shared context (not in two
    // sentences); the stance must neither name an entity nor split the article's mentions.
    let people = named(&store, "Kilroy");
    assert!(
        people.iter().all(|p| !p.name.contains("Euro")),
        "{people:?}"
    );
    let kilroy = people.iter().find(|p| p.name == "Kilroy-Silk").unwrap();
    assert_eq!(kilroy.mentions, 2);
    let profile = store.entity(kilroy.id).unwrap().unwrap();
    assert!(
        profile.titles.iter().any(|t| t.name == "Euro-Sceptic"),
        "{:?}",
        profile.titles
    );
}

#[test]
fn a_familiar_given_name_or_a_dropped_initial_is_the_same_person_in_the_same_company() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let politics = |text: &str, name: &str| {
        article(
            &format!("{text} Gordon Brown, the Treasury, Labour and the Lib Dems disagreed."),
            &[
                (name, "PER"),
                ("Gordon Brown", "PER"),
                ("Treasury", "ORG"),
                ("Labour", "ORG"),
                ("Lib Dems", "ORG"),
            ],
        )
    };
    store
        .ingest_batch(&[
            politics("Vince Cable spoke.", "Vince Cable"),
            politics("Vincent Cable answered.", "Vincent Cable"),
            politics("George Bush called.", "George Bush"),
            politics("George W Bush called again.", "George W Bush"),
            // A namesake in other company stays apart.
            politics("Chris Smith said no.", "Chris Smith"),
            article(
                "Christopher Smith won the Open at St Andrews, beating Tiger Woods.",
                &[
                    ("Christopher Smith", "PER"),
                    ("Open", "MISC"),
                    ("St Andrews", "LOC"),
                    ("Tiger Woods", "PER"),
                ],
            ),
        ])
        .unwrap();
    store.flush().unwrap();
    let count = |q: &str| -> Vec<(String, i64)> {
        named(&store, q)
            .into_iter()
            .filter(|e| e.kind == "PER")
            .map(|e| (e.name, e.mentions))
            .collect()
    };
    assert_eq!(count("Cable"), vec![("Vince Cable".to_string(), 2)]);
    assert_eq!(count("Smith").len(), 2);
    let bushes = count("Bush");
    assert_eq!(bushes.len(), 1, "{bushes:?}");
    assert_eq!(bushes[0].1, 2, "{bushes:?}");
}
