//! `newsgraph analyze`, `newsgraph eval segment`, `newsgraph bench ingest`.

use clap::Args;

#[derive(Debug, Args)]
pub struct AnalyzeArgs {}

#[derive(Debug, Args)]
pub struct EvalSegmentArgs {}

#[derive(Debug, Args)]
pub struct BenchIngestArgs {}

pub fn analyze(_args: &AnalyzeArgs) -> anyhow::Result<()> {
    anyhow::bail!("analyze: not built yet")
}
pub fn eval_segment(_args: &EvalSegmentArgs) -> anyhow::Result<()> {
    anyhow::bail!("eval segment: not built yet")
}
pub fn bench_ingest(_args: &BenchIngestArgs) -> anyhow::Result<()> {
    anyhow::bail!("bench ingest: not built yet")
}
