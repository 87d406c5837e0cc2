//! `newsgraph eval attribution`, `newsgraph bench attribution`: argument parsing and printing
//! around [`crate::attribution`].

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use newsgraph_extract::attribution::extract_attributions;
use newsgraph_extract::Pipeline;

use crate::attribution::{evaluate, GoldSet, Scores};
use crate::corpus::bbc;
use crate::{polnear, DataDir};

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold JSON (the shape of shared/gold/seed-shard.attribution.json, or per-file items with `file`).
    #[arg(long, required_unless_present = "polnear", conflicts_with = "polnear")]
    pub gold: Option<PathBuf>,
    /// Score on PolNeAR instead: its folder (`data/<split>/{text,attributions}`; `--split`
    /// defaults to dev), with the product owner's polnear_eval.py figures.
    #[arg(long)]
    pub polnear: Option<PathBuf>,
    /// The input file of a single-file gold (seed layout: `articles[].lines`).
    #[arg(long)]
    pub input: Option<PathBuf>,
    /// Folder the gold's `file` paths are relative to (default: the shared BBC News folder).
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// Only the articles of this split (`dev` or `test`).
    #[arg(long)]
    pub split: Option<String>,
    /// Print every miss, wrong speaker and unmatched prediction.
    #[arg(long)]
    pub verbose: bool,
    /// Print the scores as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Folder of BBC-style article files (title on line 1), searched recursively for *.txt
    /// (default: the shared BBC News folder).
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Passes over the corpus.
    #[arg(long, default_value_t = 3)]
    pub passes: usize,
    /// At most this many files.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Give the stage no entities (by default the NER model tags each article before timing starts).
    #[arg(long)]
    pub no_entities: bool,
}

pub(super) fn eval(args: &EvalArgs) -> anyhow::Result<()> {
    if let Some(dir) = &args.polnear {
        return eval_polnear(dir, args);
    }
    let gold_path = args
        .gold
        .as_deref()
        .context("--gold or --polnear is required")?;
    let gold = GoldSet::load(gold_path)?;
    let root = args
        .root
        .clone()
        .unwrap_or_else(|| DataDir::resolve(None).bbc());
    let scores = evaluate(
        &Pipeline::default(),
        &gold,
        args.input.as_deref(),
        Some(&root),
        args.split.as_deref(),
    )?;
    if args.verbose {
        for n in &scores.notes {
            eprintln!("{n}");
        }
    }
    print_scores(&scores, args.json)
}

fn eval_polnear(dir: &std::path::Path, args: &EvalArgs) -> anyhow::Result<()> {
    let split = args.split.as_deref().unwrap_or("dev");
    let s = polnear::evaluate(&Pipeline::default(), dir, split, args.verbose)?;
    for n in &s.notes {
        eprintln!("{n}");
    }
    if args.json {
        println!("{}", serde_json::to_string(&s)?);
        return Ok(());
    }
    let line = |name: &str, m: &polnear::Prf| {
        println!(
            "{name:<14} P {:5.1}  R {:5.1}  F1 {:5.1}   ({} of {} predicted, {} gold)",
            m.p, m.r, m.f1, m.tp, m.pred, m.gold
        )
    };
    println!("PolNeAR {split}: {} articles", s.articles);
    line("overlap", &s.all);
    line("exact span", &s.all_exact);
    line("begin", &s.all_begin);
    line("direct quotes", &s.direct);
    println!(
        "speaker        {:.1} % ({} / {} matches with a source)",
        s.speaker_acc, s.speaker_correct, s.speaker_n
    );
    println!("recall by annotated cue (found / gold):");
    for (cue, hit, n) in &s.recall_by_cue {
        println!("  {cue:<20} {hit:>4} / {n:<4}");
    }
    Ok(())
}

fn print_scores(s: &Scores, json: bool) -> anyhow::Result<()> {
    if json {
        let v = serde_json::json!({
            "articles": s.articles,
            "words": s.words,
            "gold": s.gold,
            "predicted": s.predicted,
            "precision": s.precision(),
            "recall": s.recall(),
            "f1": s.f1(),
            "speaker_accuracy": s.speaker_accuracy(),
            "kind_accuracy": s.kind_accuracy(),
            "speaker_kind_accuracy": s.speaker_kind_accuracy(),
            "scare_ok": format!("{}/{}", s.scare_ok, s.scare_total),
        });
        println!("{v}");
        return Ok(());
    }
    println!(
        "articles {}  words {}  gold items {}  predicted {}",
        s.articles, s.words, s.gold, s.predicted
    );
    println!(
        "precision {:.1}  recall {:.1}  F1 {:.1}",
        100.0 * s.precision(),
        100.0 * s.recall(),
        100.0 * s.f1()
    );
    println!(
        "speaker accuracy {:.1} % ({} / {} found)  kind {:.1} %  source kind {:.1} %  scare quotes unattributed {}/{}",
        100.0 * s.speaker_accuracy(),
        s.speaker_right,
        s.found,
        100.0 * s.kind_accuracy(),
        100.0 * s.speaker_kind_accuracy(),
        s.scare_ok,
        s.scare_total
    );
    Ok(())
}

pub(super) fn bench(args: &BenchArgs) -> anyhow::Result<()> {
    let dir = args
        .dir
        .clone()
        .unwrap_or_else(|| DataDir::resolve(None).bbc());
    let mut files = Vec::new();
    crate::corpus::files_under(&dir, &["txt"], &mut files)
        .with_context(|| format!("reading {}", dir.display()))?;
    files.sort();
    if let Some(l) = args.limit {
        files.truncate(l);
    }
    anyhow::ensure!(!files.is_empty(), "no .txt files under {}", dir.display());
    // Article text as the pipeline sees it: title dropped, paragraphs split, sentences and entities
    // prepared outside the timed loop (they belong to other stages); only the attribution stage is timed.
    let mut docs = Vec::with_capacity(files.len());
    let mut words = 0usize;
    for f in &files {
        let article = bbc::read_file(f, "").with_context(|| format!("reading {}", f.display()))?;
        let text = article.after_title().to_string();
        words += text.split_whitespace().count();
        let paragraphs = newsgraph_model::paragraph_spans(&text);
        let sentences = newsgraph_nlp::split_sentences(&text);
        let entities = if args.no_entities {
            Vec::new()
        } else {
            newsgraph_nlp::NerModel::embedded().tag(&text)
        };
        docs.push((text, paragraphs, sentences, entities));
    }
    let passes = args.passes.max(1);
    let mut found = 0usize;
    let start = Instant::now();
    for _ in 0..passes {
        for (text, paragraphs, sentences, entities) in &docs {
            found += extract_attributions(text, paragraphs, sentences, entities).len();
        }
    }
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    let total_words = words * passes;
    println!(
        "attribution: {} articles x {} passes, {} words, {} attributions, {:.2} s, {:.0} words/s, {:.0} docs/s (one core)",
        docs.len(),
        passes,
        total_words,
        found,
        secs,
        total_words as f64 / secs,
        (docs.len() * passes) as f64 / secs
    );
    Ok(())
}
