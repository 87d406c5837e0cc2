//! `newsgraph eval html`, `newsgraph eval dedup`, `newsgraph bench dedup`.

use clap::Args;

#[derive(Debug, Args)]
pub struct EvalHtmlArgs {}

#[derive(Debug, Args)]
pub struct EvalDedupArgs {}

#[derive(Debug, Args)]
pub struct BenchDedupArgs {}

pub fn eval_html(_args: &EvalHtmlArgs) -> anyhow::Result<()> {
    anyhow::bail!("eval html: not built yet")
}
pub fn eval_dedup(_args: &EvalDedupArgs) -> anyhow::Result<()> {
    anyhow::bail!("eval dedup: not built yet")
}
pub fn bench_dedup(_args: &BenchDedupArgs) -> anyhow::Result<()> {
    anyhow::bail!("bench dedup: not built yet")
}
