//! `newsgraph eval segment`, `newsgraph bench ingest`: argument parsing and printing around
//! [`crate::segment`].

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use newsgraph_ingest::segment::WEIGHTS;
use newsgraph_ingest::TextOptions;

use crate::bench::{peak_rss_bytes, timed, Throughput};
use crate::segment::{
    bbc_articles, fit, reuters_articles, reuters_articles_inline_sign_off, shard, shards,
    whole_files, SegmentRow,
};
use crate::DataDir;

/// Every this-many-th Reuters-21578 story (sign-off removed) joins the fitting set.
const REUTERS_DEV_STEP: usize = 16;

/// `newsgraph eval segment`.
#[derive(Debug, Args)]
pub struct EvalSegmentArgs {
    /// The shared data directory (with news/bbc and news/reuters21578); default: ../shared/data.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Shuffle seed.
    #[arg(long, default_value_t = 2024)]
    pub seed: u64,
    /// Articles per synthetic shard.
    #[arg(long, default_value_t = 50)]
    pub shard_articles: usize,
    /// Fit the topic-shift weights on the dev sets (even-numbered BBC files, and every 16th
    /// Reuters-21578 story with its sign-off removed) and print them.
    #[arg(long)]
    pub fit: bool,
}

/// Prints boundary precision, recall and F1 on BBC (held-out half) and Reuters-21578 shards.
pub(super) fn eval_segment(args: &EvalSegmentArgs) -> anyhow::Result<()> {
    let data = DataDir::resolve(args.data.as_deref());
    let per_shard = args.shard_articles;
    let mut weights = WEIGHTS;
    if args.fit {
        let dev = shards(
            bbc_articles(&data.bbc(), &|n| n % 2 == 0).context("reading BBC")?,
            args.seed,
            per_shard,
        );
        // Wire copy (one sentence a paragraph, no sign-off) beside BBC features, so the weights
        // do not learn one house style.
        let wire: Vec<_> = reuters_articles(&data.reuters(), false)?
            .into_iter()
            .step_by(REUTERS_DEV_STEP)
            .collect();
        let wire = shards(wire, args.seed, per_shard);
        weights = fit(&[dev.as_slice(), wire.as_slice()].concat(), 3000);
        println!("fitted weights (dev = even-numbered BBC files + every {REUTERS_DEV_STEP}th Reuters story): {weights:?}");
        for (name, set) in [("bbc dev", &dev), ("reuters dev (no sign-off)", &wire)] {
            let c = SegmentRow::measure(name, set, &weights).counts;
            println!(
                "{name:<26} P {:.3} R {:.3} F1 {:.3}",
                c.precision(),
                c.recall(),
                c.f1()
            );
        }
    }
    let bbc_test = shards(
        bbc_articles(&data.bbc(), &|n| n % 2 == 1).context("reading BBC")?,
        args.seed,
        per_shard,
    );
    println!(
        "{}",
        SegmentRow::measure("bbc (title-less, odd files, test)", &bbc_test, &weights)
    );
    let reuters = reuters_articles(&data.reuters(), true).context("reading Reuters-21578")?;
    let reuters = shards(reuters, args.seed, per_shard);
    println!(
        "{}",
        SegmentRow::measure("reuters-21578 (with sign-off)", &reuters, &weights)
    );
    let bare = shards(
        reuters_articles(&data.reuters(), false)?,
        args.seed,
        per_shard,
    );
    println!(
        "{}",
        SegmentRow::measure("reuters-21578 (sign-off removed)", &bare, &weights)
    );
    // Articles a blank line apart, paragraphs line after line (how CoNLL-2003 text and many
    // hand-made collections look): the blank lines are the writer's breaks.
    println!(
        "{}",
        SegmentRow::measure_blank_separated("bbc (title-less, blank line between)", &bbc_test)
    );
    println!(
        "{}",
        SegmentRow::measure_blank_separated(
            "reuters-21578 (no sign-off, blank line between)",
            &bare
        )
    );
    let inline = shards(
        reuters_articles_inline_sign_off(&data.reuters())?,
        args.seed,
        per_shard,
    );
    println!(
        "{}",
        SegmentRow::measure("reuters-21578 (sign-off inline)", &inline, &weights)
    );
    report_whole_files(&data)
}

/// Single-article files read as a user would (`--split auto`): the share kept whole.
fn report_whole_files(data: &DataDir) -> anyhow::Result<()> {
    let polnear = data.polnear().join("data");
    let mut sets: Vec<(String, PathBuf)> = ["train", "dev"]
        .iter()
        .map(|s| {
            (
                format!("polnear {s} (one file each)"),
                polnear.join(s).join("text"),
            )
        })
        .collect();
    for section in crate::corpus::bbc::SECTIONS {
        sets.push((
            format!("bbc {section} (one file each)"),
            data.bbc().join(section),
        ));
    }
    for (name, dir) in sets.iter().filter(|(_, d)| d.is_dir()) {
        let r = whole_files(dir, &TextOptions::default())?;
        println!(
            "{name:<34} {:>6} files kept whole {:>6}  {:.1}%  unreadable {}",
            r.files,
            r.whole,
            100.0 * r.share(),
            r.failed.len()
        );
        for (f, reasons) in r.split.iter().take(3) {
            println!("    split: {} ({})", f.display(), reasons.join(", "));
        }
    }
    Ok(())
}

/// `newsgraph bench ingest`.
#[derive(Debug, Args)]
pub struct BenchIngestArgs {
    /// The shared data directory (with news/bbc and news/reuters21578); default: ../shared/data.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Repeat each shard this many times (to measure on more bytes).
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
}

/// Reads, normalises and segments whole-corpus shards held in memory, on one core.
pub(super) fn bench_ingest(args: &BenchIngestArgs) -> anyhow::Result<()> {
    let data = DataDir::resolve(args.data.as_deref());
    let sets = [
        (
            "bbc",
            shard(bbc_articles(&data.bbc(), &|_| true)?, 1, usize::MAX),
        ),
        (
            "reuters-21578",
            shard(reuters_articles(&data.reuters(), true)?, 1, usize::MAX),
        ),
    ];
    println!(
        "read + normalise + segment, one core (shard text built in memory; no disk I/O timed)"
    );
    for (name, s) in sets {
        let text = s.to_text().repeat(args.repeat.max(1));
        let (read, seconds) =
            timed(|| newsgraph_ingest::read_shard(name, text.as_bytes(), &TextOptions::default()));
        let (articles, _) = read?;
        let t = Throughput {
            words: text.split_whitespace().count(),
            docs: articles.len(),
            bytes: text.len(),
            seconds,
        };
        println!(
            "{name:<14} {:>7.1} MB {:>8} articles  {:>7.1} MB/s  {:>10.0} words/s  {:>8.0} docs/s",
            t.bytes as f64 / 1e6,
            t.docs,
            t.mb_per_s(),
            t.words_per_s(),
            t.docs_per_s()
        );
    }
    println!("peak RSS {:.1} MB", peak_rss_bytes() as f64 / 1e6);
    Ok(())
}
