//! `newsgraph train ner`, `newsgraph eval ner`, `newsgraph bench ner`.

use clap::Args;

#[derive(Debug, Args)]
pub struct TrainArgs {}

#[derive(Debug, Args)]
pub struct EvalArgs {}

#[derive(Debug, Args)]
pub struct BenchArgs {}

pub fn train(_args: &TrainArgs) -> anyhow::Result<()> {
    anyhow::bail!("train ner: not built yet")
}
pub fn eval(_args: &EvalArgs) -> anyhow::Result<()> {
    anyhow::bail!("eval ner: not built yet")
}
pub fn bench(_args: &BenchArgs) -> anyhow::Result<()> {
    anyhow::bail!("bench ner: not built yet")
}
