//! `newsgraph timeline`, `newsgraph eval temporal`, `newsgraph bench temporal`.

use clap::Args;

#[derive(Debug, Args)]
pub struct TimelineArgs {}

#[derive(Debug, Args)]
pub struct EvalArgs {}

#[derive(Debug, Args)]
pub struct BenchArgs {}

pub fn timeline(_args: &TimelineArgs) -> anyhow::Result<()> {
    anyhow::bail!("timeline: not built yet")
}
pub fn eval(_args: &EvalArgs) -> anyhow::Result<()> {
    anyhow::bail!("eval temporal: not built yet")
}
pub fn bench(_args: &BenchArgs) -> anyhow::Result<()> {
    anyhow::bail!("bench temporal: not built yet")
}
