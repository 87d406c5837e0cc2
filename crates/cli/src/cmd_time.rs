//! `newsgraph timeline`: dated statements across articles, sorted.

use std::fmt::Write as _;

use clap::Args;
use newsgraph_model::{timex_label, AnalyzedArticle, Figure};

use crate::cmd_analyze::{failures_error, for_each_analyzed, InputArgs};

#[derive(Debug, Args)]
pub(crate) struct TimelineArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// One JSON object per event (JSON Lines) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// One timeline entry across articles, ready to sort.
struct Entry<'a> {
    article: &'a AnalyzedArticle,
    event: usize,
    key: (String, String),
}

fn figure_label(f: &Figure) -> String {
    let mut s = f.text.clone();
    if let Some(k) = &f.kind {
        let _ = write!(s, " ({k})");
    }
    s
}

fn one_line(s: &str, max: usize) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    format!("{cut}…")
}

/// The timeline of `articles`: every event sorted by the start of its date's interval (then its
/// end, then text order), followed per article by the figures of sentences that carry no date.
pub(crate) fn render_timeline(articles: &[AnalyzedArticle], json: bool) -> String {
    let mut entries: Vec<Entry> = Vec::new();
    for a in articles {
        for (k, e) in a.events.iter().enumerate() {
            let interval = a.dates.get(e.date_index).and_then(|d| d.interval.clone());
            let key = match interval {
                Some([s, t]) => (s, t),
                None => (e.date.clone(), e.date.clone()),
            };
            entries.push(Entry {
                article: a,
                event: k,
                key,
            });
        }
    }
    entries.sort_by(|x, y| x.key.cmp(&y.key));
    let mut out = String::new();
    for en in &entries {
        let a = en.article;
        let Some(e) = a.events.get(en.event) else {
            continue;
        };
        let date = a.dates.get(e.date_index);
        let figures: Vec<&Figure> = e.figures.iter().filter_map(|&i| a.figures.get(i)).collect();
        if json {
            let v = serde_json::json!({
                "date": e.date,
                "date_label": timex_label(&e.date),
                "interval": date.and_then(|d| d.interval.clone()),
                "granularity": date.map(|d| d.granularity.clone()),
                "modifier": date.and_then(|d| d.modifier.clone()),
                "date_text": date.map(|d| d.text.clone()),
                "article": a.article.id,
                "source": a.article.source,
                "sentence": e.sentence,
                "entities": e.entities.iter().filter_map(|&i| a.entities.get(i).map(|x| x.text.clone())).collect::<Vec<_>>(),
                "figures": figures,
            });
            let _ = writeln!(out, "{v}");
            continue;
        }
        let modifier = date
            .and_then(|d| d.modifier.as_deref())
            .map(|m| format!(" ({m})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}{}  «{}»  {}:{}-{}",
            // Centuries and decades as people write them ("20th century", not "19").
            timex_label(&e.date),
            modifier,
            date.map(|d| d.text.as_str()).unwrap_or(""),
            a.article.source.file,
            a.article.source.lines[0],
            a.article.source.lines[1]
        );
        let _ = writeln!(out, "    {}", one_line(&e.sentence.text, 220));
        if !figures.is_empty() {
            let labels: Vec<String> = figures.iter().map(|f| figure_label(f)).collect();
            let _ = writeln!(out, "    figures: {}", labels.join("; "));
        }
    }
    if json {
        return out;
    }
    // Figures in sentences without a resolved date still say "how many".
    for a in articles {
        let dated: Vec<usize> = a
            .events
            .iter()
            .flat_map(|e| e.figures.iter().copied())
            .collect();
        let undated: Vec<&Figure> = a
            .figures
            .iter()
            .enumerate()
            .filter(|(i, _)| !dated.contains(i))
            .map(|(_, f)| f)
            .collect();
        if undated.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "undated figures  {}:{}-{}",
            a.article.source.file, a.article.source.lines[0], a.article.source.lines[1]
        );
        for f in undated {
            let _ = writeln!(out, "    {}", figure_label(f));
        }
    }
    out
}

pub(crate) fn timeline(args: &TimelineArgs) -> anyhow::Result<()> {
    let mut articles = Vec::new();
    let report = for_each_analyzed(&args.input, args.input.stream_options(), |a| {
        articles.push(a);
        Ok(())
    })?;
    print!("{}", render_timeline(&articles, args.json));
    failures_error(&report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_extract::figures::extract_figures;
    use newsgraph_extract::temporal::extract_dates;
    use newsgraph_model::{Article, DateMention, Event, Source, TextSpan};

    fn article(text: &str, file: &str) -> AnalyzedArticle {
        let mut a = AnalyzedArticle::from(Article::new(
            text.to_string(),
            Source {
                file: file.into(),
                lines: [1, 1],
                bytes: [0, 0],
            },
        ));
        let pubd = chrono::NaiveDate::from_ymd_opt(2024, 7, 23);
        a.dates = extract_dates(text, pubd);
        a.figures = extract_figures(text);
        let sentences = vec![newsgraph_model::Span::new(0, text.len())];
        a.events = newsgraph_extract::timeline::events(
            text,
            &sentences,
            &a.dates,
            &a.entities,
            &a.figures,
        );
        a
    }

    #[test]
    fn timeline_sorts_across_articles_and_lists_undated_figures() {
        let a = article("Police said on Friday the games begin.", "b.txt");
        let b = article("A bombing on Jan. 3 killed about 100 people.", "a.txt");
        let c = article("Shares have rallied 178 percent.", "c.txt");
        let out = render_timeline(&[a, b, c], false);
        let jan = out.find("2024-01-03").unwrap();
        let fri = out.find("2024-07-19").unwrap();
        assert!(jan < fri, "{out}");
        assert!(out.contains("about 100 people (casualties)"));
        assert!(out.contains("undated figures  c.txt"));
        assert!(out.contains("178 percent (percentage)"));
    }

    #[test]
    fn json_lines_carry_dates_and_figures() {
        let mut a = article("On Jan. 3 about 100 people were killed.", "a.txt");
        a.events.push(Event {
            date: "2024".into(),
            date_index: 99,
            sentence: TextSpan::default(),
            entities: vec![],
            figures: vec![],
        });
        a.dates.push(DateMention::default());
        let out = render_timeline(&[a], true);
        let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
        assert_eq!(first["date"], "2024");
        let second: serde_json::Value = serde_json::from_str(out.lines().nth(1).unwrap()).unwrap();
        assert_eq!(second["date"], "2024-01-03");
        assert_eq!(second["figures"][0]["value"], 100.0);
    }

    #[test]
    fn centuries_and_decades_read_as_people_write_them() {
        let a = article(
            "The 20th century ended badly, and the 1990s were over.",
            "a.txt",
        );
        let out = render_timeline(std::slice::from_ref(&a), false);
        assert!(out.contains("20th century  «"), "{out}");
        assert!(out.contains("1990s  «"), "{out}");
        assert!(!out.lines().any(|l| l.starts_with("19  ")), "{out}");
        let json = render_timeline(&[a], true);
        let first: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
        assert_eq!(first["date"], "19");
        assert_eq!(first["date_label"], "20th century");
    }
}
