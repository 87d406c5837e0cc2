//! `newsgraph eval temporal`, `newsgraph bench temporal`: argument parsing and printing around
//! [`crate::temporal`].

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use newsgraph_extract::figures::extract_figures;
use newsgraph_extract::temporal::extract_dates;

use crate::corpus::reuters;
use crate::temporal::{evaluate, load_gold, Report};
use crate::timeml;
use crate::DataDir;

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold file (format in tests/gold/temporal/GUIDE.md).
    #[arg(long, default_value = "tests/gold/temporal/gold.json")]
    pub gold: PathBuf,
    /// Folder holding the corpora the gold names (`bbc/`, `reuters21578/`); default: the shared
    /// data's `news/`.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Which documents: dev, test or all (all prints each split and the total).
    #[arg(long, default_value = "all")]
    pub split: String,
    /// Print every miss, wrong value and spurious mention.
    #[arg(long)]
    pub verbose: bool,
    /// Score TIMEX3 gold in TimeML files under this folder instead (TBAQ-cleaned: the shared
    /// data's `temporal/tbaq-cleaned`), as TempEval-3 does; `--split` is then train, dev or all
    /// (the split rule is in the `newsgraph_eval::timeml` docs).
    #[arg(long, value_name = "DIR")]
    pub timeml: Option<PathBuf>,
    /// With `--timeml`: how many error classes to list.
    #[arg(long, default_value_t = 15)]
    pub errors: usize,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Reuters-21578 folder (reut2-*.sgm); default: the shared data's.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Stop after this many words of input.
    #[arg(long, default_value_t = 3_000_000)]
    pub max_words: usize,
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

/// Scores dates and figures against the gold, per split.
pub(super) fn eval(args: &EvalArgs) -> anyhow::Result<()> {
    if let Some(dir) = &args.timeml {
        return eval_timeml(dir, args);
    }
    let gold = load_gold(&args.gold)?;
    let data = resolve_data_dir(args.data.as_deref(), &args.gold);
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

/// Scores the TimeML gold under `dir`, per split.
fn eval_timeml(dir: &Path, args: &EvalArgs) -> anyhow::Result<()> {
    let docs = timeml::load_dir(dir)?;
    let splits: Vec<&str> = match args.split.as_str() {
        "all" => vec!["train", "dev", "all"],
        s @ ("train" | "dev") => vec![s],
        other => anyhow::bail!("--split {other}: expected train, dev or all"),
    };
    for split in splits {
        let report = timeml::evaluate(&docs, split);
        println!("== {split} ({} documents)", report.documents);
        print!("{}", report.summary(args.errors));
        if args.verbose {
            for (class, examples) in &report.errors {
                for e in examples {
                    println!("  {class}: {e}");
                }
            }
        }
    }
    println!(
        "anchors (TempEval-3 platinum test, all types, value F1): HeidelTime 77.61, SUTime 67.38"
    );
    Ok(())
}

/// The corpora folder: as given, else the shared data's `news/`, else the one beside the
/// repository that holds the gold file (`<repo>/tests/gold/temporal/gold.json`).
fn resolve_data_dir(data: Option<&Path>, gold: &Path) -> PathBuf {
    if let Some(d) = data {
        return d.to_path_buf();
    }
    if let Some(d) = DataDir::discover() {
        return d.news();
    }
    let beside_repo = gold.canonicalize().ok().and_then(|g| {
        g.ancestors()
            .nth(4)
            .map(|repo| DataDir::new(repo.join("../shared/data")).news())
    });
    beside_repo
        .filter(|p| p.exists())
        .unwrap_or_else(|| DataDir::resolve(None).news())
}

/// Times date and figure extraction on Reuters-21578 bodies, one thread.
pub(super) fn bench(args: &BenchArgs) -> anyhow::Result<()> {
    let dir = args
        .data
        .clone()
        .unwrap_or_else(|| DataDir::resolve(None).reuters());
    let mut docs = Vec::new();
    let mut words = 0usize;
    'files: for f in reuters::files(&dir).with_context(|| format!("reading {}", dir.display()))? {
        let stories = reuters::read_file(&f).with_context(|| format!("reading {}", f.display()))?;
        for story in stories {
            words += story.body.split_whitespace().count();
            docs.push((story.date, story.body));
            if words >= args.max_words {
                break 'files;
            }
        }
    }
    anyhow::ensure!(
        !docs.is_empty(),
        "no Reuters-21578 bodies found in {}",
        dir.display()
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
