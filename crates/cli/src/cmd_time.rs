//! `newsgraph timeline`, `newsgraph eval temporal`, `newsgraph bench temporal`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use newsgraph_extract::figures::extract_figures;
use newsgraph_extract::temporal::eval::{evaluate, load_gold, reuters_bodies, Report};
use newsgraph_extract::temporal::extract_dates;
use newsgraph_model::{AnalyzedArticle, Figure};

use crate::cmd_analyze::{for_each_analyzed, InputArgs};

#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// One JSON object per event (JSON Lines) instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold file (format in tests/gold/temporal/GUIDE.md).
    #[arg(long, default_value = "tests/gold/temporal/gold.json")]
    pub gold: PathBuf,
    /// Folder holding the corpora the gold names (`bbc/`, `reuters21578/`).
    #[arg(long, default_value = "../shared/data/news")]
    pub data: PathBuf,
    /// Which documents: dev, test or all (all prints each split and the total).
    #[arg(long, default_value = "all")]
    pub split: String,
    /// Print every miss, wrong value and spurious mention.
    #[arg(long)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Reuters-21578 folder (reut2-*.sgm).
    #[arg(long, default_value = "../shared/data/news/reuters21578")]
    pub data: PathBuf,
    /// Stop after this many words of input.
    #[arg(long, default_value_t = 3_000_000)]
    pub max_words: usize,
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
pub fn render_timeline(articles: &[AnalyzedArticle], json: bool) -> String {
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
            e.date,
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

pub fn timeline(args: &TimelineArgs) -> anyhow::Result<()> {
    let mut articles = Vec::new();
    for_each_analyzed(&args.input, |a| {
        articles.push(a);
        Ok(())
    })?;
    print!("{}", render_timeline(&articles, args.json));
    Ok(())
}

fn print_report(name: &str, r: &Report, verbose: bool) {
    println!("== {name}");
    print!("{}", r.summary());
    if verbose {
        for e in r.dates.errors.iter().chain(&r.figures.errors) {
            println!("  {e}");
        }
    }
}

pub fn eval(args: &EvalArgs) -> anyhow::Result<()> {
    let gold = load_gold(&args.gold)?;
    let data = resolve_data_dir(&args.data, &args.gold);
    let splits: Vec<&str> = if args.split == "all" {
        vec!["dev", "test", "all"]
    } else {
        vec![args.split.as_str()]
    };
    for split in splits {
        let report =
            evaluate(&gold, &data, split).with_context(|| format!("evaluating split {split}"))?;
        print_report(
            split,
            &report,
            args.verbose && (args.split != "all" || split == "all"),
        );
    }
    println!("anchors: HeidelTime 0.876, TIMEN 0.89 value accuracy on TimeBank (goal >= 0.90)");
    Ok(())
}

/// The data folder as given, or found beside the repository that holds the gold file.
fn resolve_data_dir(data: &Path, gold: &Path) -> PathBuf {
    if data.exists() {
        return data.to_path_buf();
    }
    // gold = <repo>/tests/gold/temporal/gold.json → <repo>/../shared/data/news
    let from_gold = gold.canonicalize().ok().and_then(|g| {
        g.ancestors()
            .nth(4)
            .map(|repo| repo.join("../shared/data/news"))
    });
    from_gold
        .filter(|p| p.exists())
        .unwrap_or_else(|| data.to_path_buf())
}

pub fn bench(args: &BenchArgs) -> anyhow::Result<()> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(&args.data)
        .with_context(|| format!("reading {}", args.data.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sgm"))
        .collect();
    files.sort();
    let mut docs = Vec::new();
    let mut words = 0usize;
    'files: for f in &files {
        let bytes = std::fs::read(f).with_context(|| format!("reading {}", f.display()))?;
        let text: String = bytes.iter().map(|&b| b as char).collect();
        for (_, date, body) in reuters_bodies(&text) {
            words += body.split_whitespace().count();
            docs.push((date, body));
            if words >= args.max_words {
                break 'files;
            }
        }
    }
    anyhow::ensure!(
        !docs.is_empty(),
        "no Reuters-21578 bodies found in {}",
        args.data.display()
    );
    // Warm up caches and lazy statics.
    for (date, body) in docs.iter().take(50) {
        std::hint::black_box(extract_dates(body, *date));
        std::hint::black_box(extract_figures(body));
    }
    let t0 = Instant::now();
    let mut n_dates = 0usize;
    for (date, body) in &docs {
        n_dates += extract_dates(body, *date).len();
    }
    let t_dates = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let mut n_figures = 0usize;
    for (_, body) in &docs {
        n_figures += extract_figures(body).len();
    }
    let t_figures = t1.elapsed().as_secs_f64();
    let total = t_dates + t_figures;
    println!(
        "temporal bench: {} docs, {} words (Reuters-21578), one thread",
        docs.len(),
        words
    );
    println!(
        "  dates:    {n_dates:7} mentions  {:.3} s  {:>12.0} words/s",
        t_dates,
        words as f64 / t_dates.max(1e-9)
    );
    println!(
        "  figures:  {n_figures:7} figures   {:.3} s  {:>12.0} words/s",
        t_figures,
        words as f64 / t_figures.max(1e-9)
    );
    println!(
        "  stage:    dates + figures        {:.3} s  {:>12.0} words/s",
        total,
        words as f64 / total.max(1e-9)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
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
}
