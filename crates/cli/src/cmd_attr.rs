//! `newsgraph eval attribution`, `newsgraph bench attribution`.

use clap::Args;

#[derive(Debug, Args)]
pub struct EvalArgs {}

#[derive(Debug, Args)]
pub struct BenchArgs {}

pub fn eval(_args: &EvalArgs) -> anyhow::Result<()> {
    anyhow::bail!("eval attribution: not built yet")
}
pub fn bench(_args: &BenchArgs) -> anyhow::Result<()> {
    anyhow::bail!("bench attribution: not built yet")
}
