//! The seed shard's dated events (../shared/gold/seed-shard.attribution.json, "events" and
//! "dateline_note") from the Reuters article (lines 1-38) published 2024-07-23, and the figures of
//! the line-39 teaser. Skips when `../shared` is absent.

use std::path::PathBuf;

use chrono::NaiveDate;
use newsgraph_extract::figures::extract_figures;
use newsgraph_extract::temporal::extract_dates;
use newsgraph_extract::timeline::events;
use newsgraph_model::Event;
use newsgraph_nlp::split_sentences;

fn seed_lines() -> Option<Vec<String>> {
    let p =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples/seed-shard.txt");
    let Ok(text) = std::fs::read_to_string(&p) else {
        eprintln!(
            "note: {} absent, skipping the seed timeline test",
            p.display()
        );
        return None;
    };
    Some(text.lines().map(str::to_string).collect())
}

#[test]
fn reuters_article_gives_the_gold_events() {
    let Some(lines) = seed_lines() else { return };
    let text = lines[..38].join("\n");
    let published = NaiveDate::from_ymd_opt(2024, 7, 23);
    let dates = extract_dates(&text, published);
    let figures = extract_figures(&text);
    let sentences = split_sentences(&text);
    let evs = events(&text, &sentences, &dates, &[], &figures);
    for e in &evs {
        let d = &dates[e.date_index];
        eprintln!(
            "{} {:?} «{}» figures {:?}",
            e.date,
            d.modifier,
            d.text,
            e.figures
                .iter()
                .map(|&i| &figures[i].text)
                .collect::<Vec<_>>()
        );
    }
    let find = |date: &str, cue: &str| -> &Event {
        evs.iter()
            .find(|e| e.date == date && dates[e.date_index].text.contains(cue))
            .unwrap_or_else(|| panic!("no event {date} for {cue:?}"))
    };
    let casualty = |e: &Event, value: f64, hedge: &str| {
        assert!(
            e.figures.iter().any(|&i| {
                let f = &figures[i];
                f.value == Some(value)
                    && f.hedge.as_deref() == Some(hedge)
                    && f.kind.as_deref() == Some("casualties")
            }),
            "{}: no {hedge} {value} casualties in {:?}",
            e.date,
            e.sentence.text
        );
    };
    casualty(find("2024-01-03", "Jan. 3"), 100.0, "about");
    casualty(find("2024-03-22", "March 22"), 130.0, "more than");
    let late_may = find("2024-05", "May");
    assert_eq!(dates[late_may.date_index].modifier.as_deref(), Some("end"));
    let late_march = find("2024-03", "late March");
    assert_eq!(
        dates[late_march.date_index].modifier.as_deref(),
        Some("end")
    );
    find("2024-04", "April");
    find("2023", "Last year");
    find("2024-07-26", "Friday");
    find("2024-06", "Last month");
    find("2022", "2022");
    find("2016", "2016");
    find("199X", "1990s");
    // The 18-year-old is an age, and the arrest sentence carries it.
    assert!(figures
        .iter()
        .any(|f| f.kind.as_deref() == Some("age") && f.value == Some(18.0)));
    // Durations are dates of the article but not timeline events.
    assert!(dates.iter().any(|d| d.value.as_deref() == Some("P30Y")));
    assert!(!evs.iter().any(|e| e.date.starts_with('P')));
}

#[test]
fn teaser_figures() {
    let Some(lines) = seed_lines() else { return };
    let figures = extract_figures(&lines[38]);
    let money = figures
        .iter()
        .find(|f| f.kind.as_deref() == Some("money"))
        .expect("a money figure");
    assert_eq!(
        (money.value, money.unit.as_deref()),
        (Some(150_000.0), Some("USD"))
    );
    assert_eq!(money.text, "US$150,000");
    let pct = figures
        .iter()
        .find(|f| f.kind.as_deref() == Some("percentage"))
        .expect("a percentage");
    assert_eq!(pct.value, Some(178.0));
}
