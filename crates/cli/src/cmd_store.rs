//! `newsgraph ingest`, `serve`, `demo`, `export`, `bench search`.

use clap::Args;

#[derive(Debug, Args)]
pub struct IngestArgs {}

#[derive(Debug, Args)]
pub struct ServeArgs {}

#[derive(Debug, Args)]
pub struct DemoArgs {}

#[derive(Debug, Args)]
pub struct ExportArgs {}

#[derive(Debug, Args)]
pub struct BenchSearchArgs {}

pub fn ingest(_args: &IngestArgs) -> anyhow::Result<()> {
    anyhow::bail!("ingest: not built yet")
}
pub fn serve(_args: &ServeArgs) -> anyhow::Result<()> {
    anyhow::bail!("serve: not built yet")
}
pub fn demo(_args: &DemoArgs) -> anyhow::Result<()> {
    anyhow::bail!("demo: not built yet")
}
pub fn export(_args: &ExportArgs) -> anyhow::Result<()> {
    anyhow::bail!("export: not built yet")
}
pub fn bench_search(_args: &BenchSearchArgs) -> anyhow::Result<()> {
    anyhow::bail!("bench search: not built yet")
}
