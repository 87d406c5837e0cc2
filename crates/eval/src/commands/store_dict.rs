//! `newsgraph train store-dictionary`: the zstd dictionary the store packs analyses with (see
//! `newsgraph_store`'s `packed` module), learned from analyses our own pipeline makes.

use std::path::PathBuf;

use anyhow::{bail, Context};
use clap::Args;
use newsgraph_extract::{Pipeline, StreamError, StreamOptions};

use crate::DataDir;

#[derive(Debug, Args)]
pub struct TrainStoreDictionaryArgs {
    /// Files or directories to analyse for samples. Default: ../shared BBC News.
    pub inputs: Vec<PathBuf>,
    /// Where to write the dictionary. No default: the store's dictionary in the repository is
    /// never overwritten (stored rows need it as it is).
    #[arg(long)]
    pub out: PathBuf,
    /// Dictionary size in bytes.
    #[arg(long, default_value_t = 65_536)]
    pub size: usize,
    /// A Reuters-21578 file (`reut2-*.sgm`) whose articles are analysed apart from the samples,
    /// to report the packed size on news the dictionary never saw.
    #[arg(long)]
    pub held_out_reuters: Option<PathBuf>,
}

/// The stored form of the articles of a Reuters-21578 file.
fn reuters_analyses(pipeline: &Pipeline, file: &std::path::Path) -> anyhow::Result<Vec<String>> {
    let docs = crate::corpus::reuters::read_file(file)
        .with_context(|| format!("reading {}", file.display()))?;
    let name = file.display().to_string();
    docs.iter()
        .map(|d| {
            let analysed = pipeline.analyze(d.to_article(&name));
            Ok(newsgraph_store::stored_analysis_json(&analysed)?)
        })
        .collect()
}

/// The stored form of every article under `inputs`, ordered by article id so that the
/// dictionary does not depend on the order threads finish in.
fn stored_analyses(pipeline: &Pipeline, inputs: &[PathBuf]) -> anyhow::Result<Vec<String>> {
    let mut samples: Vec<(String, String)> = Vec::new();
    let run = pipeline.run_files(inputs, &StreamOptions::default(), &mut (), &mut |a| {
        let json = newsgraph_store::stored_analysis_json(&a)?;
        samples.push((a.article.id.clone(), json));
        Ok::<(), anyhow::Error>(())
    });
    match run {
        Ok(_) => {}
        Err(StreamError::Input(e)) => return Err(e.into()),
        Err(StreamError::Sink(e)) => return Err(e),
    }
    samples.sort();
    Ok(samples.into_iter().map(|(_, json)| json).collect())
}

/// Mean bytes an analysis takes deflated (as schema version 3 stored it) and as a zstd frame
/// over `dictionary` at the store's level.
fn mean_sizes(samples: &[String], dictionary: &[u8]) -> anyhow::Result<(f64, f64)> {
    use std::io::Write;
    let (mut deflated, mut packed) = (0usize, 0usize);
    let mut zstd =
        zstd::bulk::Compressor::with_dictionary(newsgraph_store::ANALYSIS_LEVEL, dictionary)?;
    for json in samples {
        let mut enc =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(json.as_bytes())?;
        deflated += enc.finish()?.len();
        packed += zstd.compress(json.as_bytes())?.len();
    }
    let n = samples.len().max(1) as f64;
    Ok((deflated as f64 / n, packed as f64 / n))
}

pub(super) fn train_store_dictionary(args: &TrainStoreDictionaryArgs) -> anyhow::Result<()> {
    let inputs = if args.inputs.is_empty() {
        vec![DataDir::resolve(None).bbc()]
    } else {
        args.inputs.clone()
    };
    let pipeline = Pipeline::default();
    let samples = stored_analyses(&pipeline, &inputs)?;
    if samples.len() < 100 {
        bail!(
            "{} articles under {inputs:?}: a dictionary needs a few hundred",
            samples.len()
        );
    }
    let dictionary =
        zstd::dict::from_samples(&samples, args.size).context("training the zstd dictionary")?;
    std::fs::write(&args.out, &dictionary)
        .with_context(|| format!("writing {}", args.out.display()))?;
    let (deflated, packed) = mean_sizes(&samples, &dictionary)?;
    println!(
        "{} bytes of dictionary from {} analyses -> {}; trained on: {deflated:.0} bytes deflated, \
         {packed:.0} packed",
        dictionary.len(),
        samples.len(),
        args.out.display()
    );
    if let Some(file) = &args.held_out_reuters {
        let held_out = reuters_analyses(&pipeline, file)?;
        let (deflated, packed) = mean_sizes(&held_out, &dictionary)?;
        println!(
            "held out ({} analyses): {deflated:.0} bytes deflated, {packed:.0} packed",
            held_out.len()
        );
    }
    Ok(())
}
