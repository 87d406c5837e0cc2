//! Knowing when not to split (`--split auto|never|always`), and why each boundary was placed.

use newsgraph_ingest::segment::{segment_layout, BoundaryReason, SplitMode};
use newsgraph_ingest::{read_shard, TextOptions};

/// Two unrelated stories, one paragraph a line, the first closed by a glued wire sign-off.
const SHARD: &str = "\
The central bank raised interest rates by half a point on Tuesday, its third increase this year, citing stubborn inflation in services.
Economists had expected a smaller move, and bond yields rose sharply after the announcement, traders said. REUTER
Heavy rain flooded dozens of villages in the northern province overnight, forcing thousands of residents to leave their homes.
Rescue teams used boats to reach stranded families, and the regional governor asked the army for help with the evacuation.
";

fn lines(text: &str, opts: &TextOptions) -> Vec<([usize; 2], String)> {
    let (articles, _) = read_shard("t.txt", text.as_bytes(), opts).unwrap();
    articles
        .iter()
        .map(|a| (a.source.lines, a.segment.clone().unwrap().reason))
        .collect()
}

#[test]
fn a_glued_sign_off_closes_the_article_and_says_so() {
    let got = lines(SHARD, &TextOptions::default());
    assert_eq!(
        got,
        vec![
            ([1, 2], "start".to_string()),
            ([3, 4], "sign_off".to_string())
        ]
    );
    let (articles, _) = read_shard("t.txt", SHARD.as_bytes(), &TextOptions::default()).unwrap();
    // The sign-off is a credit span, not story text, and no truncation is claimed.
    let a = &articles[0];
    let span = a.credit_spans.last().unwrap();
    assert_eq!(span.slice(&a.text), "REUTER");
    assert!(!a.truncated);
}

#[test]
fn never_keeps_everything_together_and_always_splits() {
    let never = TextOptions {
        split: SplitMode::Never,
        ..Default::default()
    };
    assert_eq!(lines(SHARD, &never), vec![([1, 4], "start".to_string())]);
    let always = TextOptions {
        split: SplitMode::Always,
        ..Default::default()
    };
    assert_eq!(lines(SHARD, &always).len(), 2);
}

/// One article in the layout of a news file: headline, blank line, blank-line paragraphs. Its
/// paragraphs wander between topics (and one stops without a full stop), which would cut a shard.
const ONE_ARTICLE: &str = "\
Senate passes budget after all-night session

WASHINGTON (Reuters) - The Senate passed a $1.2 trillion spending bill early on Saturday after an all-night session, averting a government shutdown hours before the deadline.

Lawmakers from both parties had traded amendments on border security, disaster aid and military pay for most of the night, with leaders warning that time was running out

Farmers in the Midwest, meanwhile, are waiting for drought relief that the bill sets aside, and several governors said the money could not come soon enough for growers facing their worst harvest in a decade.

Hospitals and clinics in rural areas will also see new grants for staff and equipment, a change that health groups had sought for years.

The House is expected to take up the bill on Monday. (Reporting by Jane Doe; Editing by Tom Brown)
";

#[test]
fn a_file_laid_out_as_one_article_stays_whole_with_its_title() {
    let (articles, _) =
        read_shard("one.txt", ONE_ARTICLE.as_bytes(), &TextOptions::default()).unwrap();
    assert_eq!(
        articles.len(),
        1,
        "{:?}",
        articles.iter().map(|a| &a.segment).collect::<Vec<_>>()
    );
    let a = &articles[0];
    assert_eq!(
        a.title.as_deref(),
        Some("Senate passes budget after all-night session")
    );
    assert_eq!(a.credits.byline, ["Jane Doe"]);
    assert_eq!(a.credits.editing, ["Tom Brown"]);
    // The same paragraphs as a shard (one a line, no headline) are cut where the teaser rule says.
    let shard: String = ONE_ARTICLE
        .lines()
        .skip(2)
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    let reasons: Vec<String> = lines(&shard, &TextOptions::default())
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    assert_eq!(reasons, ["start", "teaser_cut"]);
}

#[test]
fn a_headline_goes_with_the_dateline_under_it() {
    let paras = [
        "Oil prices rose on Monday as traders weighed supply risks, analysts said.",
        "Reporting by Jane Doe",
        "Stocks slip on rate fears",
        "NEW YORK (Reuters) - Wall Street fell on Tuesday as investors worried about rates.",
        "The Dow lost 1 percent.",
    ];
    let segs = segment_layout(&paras, &[false; 4], SplitMode::Auto);
    let got: Vec<_> = segs.iter().map(|s| (s.start, s.reason)).collect();
    assert_eq!(
        got,
        vec![(0, BoundaryReason::Start), (2, BoundaryReason::SignOff)]
    );
    let paras = [
        "Oil prices rose on Monday as traders weighed supply risks and the dollar slipped, analysts said.",
        "Stocks slip on rate fears",
        "NEW YORK (Reuters) - Wall Street fell on Tuesday as investors worried about rates.",
    ];
    let segs = segment_layout(&paras, &[false; 2], SplitMode::Auto);
    let got: Vec<_> = segs.iter().map(|s| (s.start, s.reason)).collect();
    assert_eq!(
        got,
        vec![(0, BoundaryReason::Start), (1, BoundaryReason::Dateline)]
    );
}

#[test]
fn headlines_split_a_file_of_titled_articles_but_subheadings_do_not() {
    let first = "Council approves new bus routes\n\nThe city council approved three new bus routes on Tuesday, linking the northern suburbs with the hospital and the university campus. Mayor Ellen Park said the routes would start in March.\n\nPark said the council had listened to residents who complained about long waits. The transport authority will hire twenty drivers, according to Park, and buy ten electric buses from a supplier in Ohio.\n\nMore buses for the suburbs\n\nPark said the suburbs would get more buses next year if the routes proved popular with residents.\n\n";
    let second = "Storm knocks out power in coastal towns\n\nA winter storm knocked out electricity to forty thousand homes along the coast, utility Coastal Energy said, as gusts reached ninety miles an hour. Crews from three states were on their way.\n";
    let text = format!("{first}{second}");
    let got = lines(&text, &TextOptions::default());
    assert_eq!(
        got,
        vec![
            ([1, 9], "start".to_string()),
            ([11, 13], "headline".to_string())
        ]
    );
}
