//! `newsgraph`: turn raw news text into structured, searchable knowledge.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd_analyze;
mod cmd_attr;
mod cmd_ner;
mod cmd_store;
mod cmd_time;
mod cmd_web;

#[derive(Debug, Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "Who is in the story, who said what, on whose authority, when, and how many."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Analyse text shards, JSON Lines, HTML, WARC or feeds and print articles with everything found in them.
    Analyze(cmd_analyze::AnalyzeArgs),
    /// Print the dated statements of the input, sorted by date.
    Timeline(cmd_time::TimelineArgs),
    /// Run the whole pipeline and store the results (SQLite + full-text index, or PostgreSQL).
    Ingest(cmd_store::IngestArgs),
    /// Serve the web UI and JSON API over a store.
    Serve(cmd_store::ServeArgs),
    /// Ingest the bundled sample corpus and serve it: the one-command main job.
    Demo(cmd_store::DemoArgs),
    /// Export articles, entities, attributions or the entity graph.
    Export(cmd_store::ExportArgs),
    /// Train a model.
    #[command(subcommand)]
    Train(TrainCommand),
    /// Evaluate an extractor against a gold set (precision / recall / F1).
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Measure speed (words/s, docs/s) and peak memory.
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(Debug, Subcommand)]
enum TrainCommand {
    /// Train the named-entity model on CoNLL-format data.
    Ner(cmd_ner::TrainArgs),
}

#[derive(Debug, Subcommand)]
enum EvalCommand {
    /// Named entities against a CoNLL file (conlleval-compatible).
    Ner(cmd_ner::EvalArgs),
    /// Article segmentation of concatenated shards built from real articles.
    Segment(cmd_analyze::EvalSegmentArgs),
    /// Attributions against a gold JSON file.
    Attribution(cmd_attr::EvalArgs),
    /// Temporal expressions and figures against a gold JSON file.
    Temporal(cmd_time::EvalArgs),
    /// HTML main-content extraction against the article-extraction benchmark.
    Html(cmd_web::EvalHtmlArgs),
    /// Near-duplicate clustering on a synthetic set.
    Dedup(cmd_web::EvalDedupArgs),
}

#[derive(Debug, Subcommand)]
enum BenchCommand {
    /// Read + normalise + segment.
    Ingest(cmd_analyze::BenchIngestArgs),
    /// Tokenise + tag.
    Ner(cmd_ner::BenchArgs),
    /// The attribution stage.
    Attribution(cmd_attr::BenchArgs),
    /// Temporal expressions and figures.
    Temporal(cmd_time::BenchArgs),
    /// Near-duplicate clustering.
    Dedup(cmd_web::BenchDedupArgs),
    /// Store ingest and query latency.
    Search(cmd_store::BenchSearchArgs),
}

fn main() -> ExitCode {
    // clap exits with code 2 on bad usage by itself.
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Analyze(a) => cmd_analyze::analyze(a),
        Command::Timeline(a) => cmd_time::timeline(a),
        Command::Ingest(a) => cmd_store::ingest(a),
        Command::Serve(a) => cmd_store::serve(a),
        Command::Demo(a) => cmd_store::demo(a),
        Command::Export(a) => cmd_store::export(a),
        Command::Train(TrainCommand::Ner(a)) => cmd_ner::train(a),
        Command::Eval(e) => match e {
            EvalCommand::Ner(a) => cmd_ner::eval(a),
            EvalCommand::Segment(a) => cmd_analyze::eval_segment(a),
            EvalCommand::Attribution(a) => cmd_attr::eval(a),
            EvalCommand::Temporal(a) => cmd_time::eval(a),
            EvalCommand::Html(a) => cmd_web::eval_html(a),
            EvalCommand::Dedup(a) => cmd_web::eval_dedup(a),
        },
        Command::Bench(b) => match b {
            BenchCommand::Ingest(a) => cmd_analyze::bench_ingest(a),
            BenchCommand::Ner(a) => cmd_ner::bench(a),
            BenchCommand::Attribution(a) => cmd_attr::bench(a),
            BenchCommand::Temporal(a) => cmd_time::bench(a),
            BenchCommand::Dedup(a) => cmd_web::bench_dedup(a),
            BenchCommand::Search(a) => cmd_store::bench_search(a),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsgraph: error: {e:#}");
            ExitCode::from(1)
        }
    }
}
