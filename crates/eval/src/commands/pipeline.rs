//! `newsgraph bench pipeline`: the whole of `newsgraph analyze --json` — reading, segmentation,
//! dedup, every extractor and the JSON serialisation — over a directory of news, with spaCy
//! en_core_web_sm (its full default pipeline) on the same text as the peer.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::bail;
use clap::Args;
use cpu_time::ProcessTime;
use newsgraph_extract::{Pipeline, StreamError, StreamOptions};
use newsgraph_model::{Article, Source};

use crate::bench::{peak_rss_mb, Throughput};
use crate::DataDir;

#[derive(Debug, Args)]
pub struct BenchPipelineArgs {
    /// Files or directories, read as `analyze` reads them. Default: ../shared BBC News.
    pub inputs: Vec<PathBuf>,
    /// Threads for the pipeline (default 1: the per-core figure the goals are stated in).
    #[arg(long, default_value_t = 1)]
    pub threads: usize,
    /// Also run spaCy en_core_web_sm (full pipeline) on the same articles with this Python.
    #[arg(long)]
    pub spacy_python: Option<PathBuf>,
}

/// Counts what the sink sees; the JSON goes to a byte counter, so disk speed is not measured.
#[derive(Default)]
struct Sink {
    docs: usize,
    words: usize,
    json_bytes: usize,
    texts: Vec<String>,
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.json_bytes += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub(super) fn bench_pipeline(args: &BenchPipelineArgs) -> anyhow::Result<()> {
    let inputs = if args.inputs.is_empty() {
        vec![DataDir::resolve(None).bbc()]
    } else {
        args.inputs.clone()
    };
    let threads = args.threads.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let keep_texts = args.spacy_python.is_some();
    // The embedded models load on first use: one small article goes through first, so the load
    // is reported apart and the timed run measures steady-state work.
    let load = Instant::now();
    let pipeline = Pipeline::default();
    let warm_up =
        "Reuters said on Monday that the plan \"works\", Mr Smith told reporters in London.";
    pipeline.analyze(Article::new(warm_up.to_string(), Source::default()));
    println!(
        "models loaded in {:.0} ms",
        load.elapsed().as_secs_f64() * 1e3
    );

    let mut sink = Sink::default();
    let (cpu, wall) = (ProcessTime::now(), Instant::now());
    let report = pool.install(|| {
        pipeline.run_files(&inputs, &StreamOptions::default(), &mut (), &mut |a| {
            sink.docs += 1;
            sink.words += a.article.text.split_whitespace().count();
            serde_json::to_writer(&mut sink, &a)?;
            sink.write_all(b"\n")?;
            if keep_texts {
                sink.texts.push(a.article.text);
            }
            Ok::<(), anyhow::Error>(())
        })
    });
    let (cpu, wall) = (cpu.elapsed().as_secs_f64(), wall.elapsed().as_secs_f64());
    let report = match report {
        Ok(r) => r,
        Err(StreamError::Input(e)) => return Err(e.into()),
        Err(StreamError::Sink(e)) => return Err(e),
    };
    if sink.docs == 0 {
        bail!("no articles under {inputs:?}");
    }
    let of = |seconds: f64| Throughput {
        words: sink.words,
        docs: sink.docs,
        bytes: 0,
        seconds,
    };
    let (per_cpu, per_wall) = (of(cpu), of(wall));
    let peak_rss = peak_rss_mb();
    println!(
        "input: {} files, {} articles, {} words from {inputs:?}",
        report.files, sink.docs, sink.words
    );
    println!(
        "newsgraph analyze --json, {threads} thread(s): {:.0} words/s and {:.1} docs/s of CPU time \
         ({cpu:.2} s CPU, {wall:.2} s wall: {:.0} words/s), {:.1} MB of JSON, peak RSS {:.0} MB",
        per_cpu.words_per_s(),
        per_cpu.docs_per_s(),
        per_wall.words_per_s(),
        sink.json_bytes as f64 / 1e6,
        peak_rss.unwrap_or(f64::NAN)
    );
    let mut json = serde_json::json!({
        "files": report.files, "docs": sink.docs, "words": sink.words,
        "newsgraph": {"threads": threads, "cpu_s": cpu, "wall_s": wall,
                      "words_per_cpu_s": per_cpu.words_per_s().round(),
                      "words_per_wall_s": per_wall.words_per_s().round(),
                      "peak_rss_mb": peak_rss.map(f64::round)},
    });
    if let Some(python) = &args.spacy_python {
        let peer = super::spacy_peer(python, &sink.texts, &["--full"])?;
        // CPU time on both sides, as ours is counted: wall time would charge spaCy for whatever
        // else the machine runs (1,239 words/s of wall time against 3,621 of CPU on a run at load 5).
        let peer_wps = peer["words_per_cpu_s"]
            .as_f64()
            .or_else(|| peer["words_per_s"].as_f64())
            .unwrap_or(0.0);
        println!(
            "spaCy en_core_web_sm ({}), 1 process, math libraries on one thread: {:.0} words/s of \
             CPU time ({} of wall time), peak RSS {} MB",
            peer["pipeline"], peer_wps, peer["words_per_s"], peer["peak_rss_mb"]
        );
        if peer_wps > 0.0 {
            println!(
                "newsgraph / spaCy per core: {:.1}x",
                per_cpu.words_per_s() / peer_wps
            );
        }
        json["spacy"] = peer;
    }
    println!("{json}");
    Ok(())
}
