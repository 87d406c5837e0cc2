//! `newsgraph`: turn raw news text into structured, searchable knowledge.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc instead of the system allocator: the HTML extractors allocate and free many small
/// DOM nodes and strings, and glibc's malloc/free was ~13 % of one-thread extraction time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cmd_analyze;
mod cmd_load;
mod cmd_store;
mod cmd_time;

use newsgraph_eval::commands::{
    run_bench, run_eval, run_train, BenchCommand, EvalCommand, TrainCommand,
};

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
    /// Rebuild derived data of an existing store (`--entities`: resolve every article's entities again).
    Reindex(cmd_store::ReindexArgs),
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
        Command::Reindex(a) => cmd_store::reindex(a),
        Command::Train(t) => run_train(t),
        Command::Eval(e) => run_eval(e),
        Command::Bench(b) => run_bench(b),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsgraph: error: {e:#}");
            ExitCode::from(1)
        }
    }
}
