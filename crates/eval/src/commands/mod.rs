//! The `eval`, `bench` and `train` subcommands of `newsgraph`: flags (clap) and printed reports
//! around the evaluation modules. The binary only dispatches to [`run_eval`], [`run_bench`] and
//! [`run_train`].

mod attribution;
mod attribution_gate;
mod entities;
mod ner;
mod pipeline;
mod search;
mod segment;
mod store_dict;
mod temporal;
mod web;
mod web_sets;

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::Subcommand;

/// `newsgraph train …`
#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// Train the named-entity model on CoNLL-format data.
    Ner(ner::TrainArgs),
    /// Fit the HTML body selector on the tune parts of both HTML development sets.
    Html(web_sets::TrainHtmlArgs),
    /// Fit the title and publication-date rankers on the tune part of the WCXB set.
    Meta(web_sets::TrainMetaArgs),
    /// Train the attribution cue detector on the PolNeAR train split.
    Attribution(attribution::TrainArgs),
    /// Learn the zstd dictionary the store packs analyses with.
    StoreDictionary(store_dict::TrainStoreDictionaryArgs),
}

/// `newsgraph eval …`
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Named entities against a CoNLL file (conlleval-compatible).
    Ner(ner::EvalArgs),
    /// Article segmentation of concatenated shards built from real articles.
    Segment(segment::EvalSegmentArgs),
    /// Attributions against a gold JSON file.
    Attribution(attribution::EvalArgs),
    /// Temporal expressions and figures against a gold JSON file.
    Temporal(temporal::EvalArgs),
    /// HTML main-content extraction against the article-extraction benchmark.
    Html(web::EvalHtmlArgs),
    /// Near-duplicate clustering on a synthetic set.
    Dedup(web::EvalDedupArgs),
    /// Corpus entities: B-cubed and stored entities per real-world entity on a gold of BBC politics.
    Entities(entities::EvalArgs),
}

/// `newsgraph bench …`
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Read + normalise + segment.
    Ingest(segment::BenchIngestArgs),
    /// Tokenise + tag.
    Ner(ner::BenchArgs),
    /// The attribution stage.
    Attribution(attribution::BenchArgs),
    /// Temporal expressions and figures.
    Temporal(temporal::BenchArgs),
    /// Near-duplicate clustering.
    Dedup(web::BenchDedupArgs),
    /// HTML extraction (the product's extractor, one thread) over both HTML development sets.
    Html(web_sets::BenchHtmlArgs),
    /// Store ingest and query latency.
    Search(search::BenchSearchArgs),
    /// The whole of `analyze --json` (read, segment, every extractor, JSON) per core.
    Pipeline(pipeline::BenchPipelineArgs),
}

/// Runs a `train` subcommand.
pub fn run_train(command: &TrainCommand) -> anyhow::Result<()> {
    match command {
        TrainCommand::Ner(a) => ner::train(a),
        TrainCommand::Html(a) => web_sets::train_html(a),
        TrainCommand::Meta(a) => web_sets::train_meta(a),
        TrainCommand::Attribution(a) => attribution::train(a),
        TrainCommand::StoreDictionary(a) => store_dict::train_store_dictionary(a),
    }
}

/// Runs an `eval` subcommand.
pub fn run_eval(command: &EvalCommand) -> anyhow::Result<()> {
    match command {
        EvalCommand::Ner(a) => ner::eval(a),
        EvalCommand::Segment(a) => segment::eval_segment(a),
        EvalCommand::Attribution(a) => attribution::eval(a),
        EvalCommand::Temporal(a) => temporal::eval(a),
        EvalCommand::Html(a) => web::eval_html(a),
        EvalCommand::Dedup(a) => web::eval_dedup(a),
        EvalCommand::Entities(a) => entities::eval(a),
    }
}

/// Runs a `bench` subcommand.
pub fn run_bench(command: &BenchCommand) -> anyhow::Result<()> {
    match command {
        BenchCommand::Ingest(a) => segment::bench_ingest(a),
        BenchCommand::Ner(a) => ner::bench(a),
        BenchCommand::Attribution(a) => attribution::bench(a),
        BenchCommand::Temporal(a) => temporal::bench(a),
        BenchCommand::Dedup(a) => web::bench_dedup(a),
        BenchCommand::Html(a) => web_sets::bench_html(a),
        BenchCommand::Search(a) => search::bench_search(a),
        BenchCommand::Pipeline(a) => pipeline::bench_pipeline(a),
    }
}

/// Runs `benches/spacy_peer.py` with `python` (a venv with spaCy) over `docs` and returns the JSON
/// object it prints: the peer's figures on exactly the text we measured.
fn spacy_peer(python: &Path, docs: &[String], flags: &[&str]) -> anyhow::Result<serde_json::Value> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/spacy_peer.py");
    let tmp = std::env::temp_dir().join(format!("newsgraph-bench-{}.jsonl", std::process::id()));
    let mut lines = String::new();
    for d in docs {
        lines.push_str(&serde_json::to_string(d)?);
        lines.push('\n');
    }
    std::fs::write(&tmp, lines)?;
    let out = std::process::Command::new(python)
        .arg(&script)
        .arg(&tmp)
        .args(flags)
        .output()
        .with_context(|| format!("running {}", python.display()));
    let _ = std::fs::remove_file(&tmp);
    let out = out?;
    if !out.status.success() {
        bail!(
            "spaCy peer failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    Ok(serde_json::from_str(stdout.lines().last().unwrap_or("{}"))?)
}
