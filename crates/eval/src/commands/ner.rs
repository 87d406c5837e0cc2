//! `newsgraph train ner`, `newsgraph eval ner`, `newsgraph bench ner`: argument parsing and
//! printing around [`crate::ner`].

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};
use clap::Args;
use newsgraph_nlp::ner::features::{Clusters, Resources};
use newsgraph_nlp::ner::gazetteer::Gazetteer;
use newsgraph_nlp::ner::GAZETTEER_TSV;
use newsgraph_nlp::NerModel;

use crate::bench::peak_rss_mb;
use crate::corpus::conll::{self, Document, Score};
use crate::ner::clusters::{self, ClusterOptions};
use crate::ner::{self, TrainSettings};
use crate::DataDir;

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// CoNLL training file(s) (token first column, IOB tag last).
    #[arg(long, required = true)]
    pub train: Vec<PathBuf>,
    /// CoNLL dev file used to pick the best epoch (eng.testa).
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// Seed for document order and clustering.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// Drop features seen fewer times in training.
    #[arg(long, default_value_t = 2)]
    pub min_count: u32,
    /// Train this many times, each with its own document orders and best epoch, and average the
    /// weights (parameter mixing).
    #[arg(long, default_value_t = 1)]
    pub runs: usize,
    /// Learn word clusters from the news under these directories (*.txt, Reuters *.sgm) plus the
    /// training text.
    #[arg(long)]
    pub clusters_from: Vec<PathBuf>,
    /// Reuse the word clusters of an existing model file instead.
    #[arg(long, conflicts_with = "clusters_from")]
    pub clusters_of: Option<PathBuf>,
    /// Add word-vector clusters from this TSV (`word, coarse, mid, fine` ids, as
    /// crates/eval/scripts/vector_clusters.py writes it) as three more cluster levels.
    #[arg(long)]
    pub vector_clusters: Option<PathBuf>,
    /// Where to write the model (e.g. crates/nlp/data/ner-model.bin.gz).
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// CoNLL file with gold tags, or a standoff gold on BBC News (`*.tsv`, as
    /// tests/gold/ner-bbc/bbc-politics-dev.tsv), tagged as the pipeline tags each article.
    #[arg(long)]
    pub gold: PathBuf,
    /// Print every missed and spurious mention (on a CoNLL file: document and sentence numbers,
    /// label, words, sentence; with `--via-text`, those of the reconstructed text too, marked
    /// "via text").
    #[arg(long)]
    pub errors: bool,
    /// With a standoff gold: also write it as a CoNLL file here (for shared/tools/ner_eval.py).
    #[arg(long)]
    pub write_conll: Option<PathBuf>,
    /// Model file (default: the embedded model).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Sentences per document for files without -DOCSTART-.
    #[arg(long, default_value_t = 20)]
    pub doc_sents: usize,
    /// Also tag the reconstructed running text (tokens joined by spaces) through the tokenizer,
    /// as `ner_eval.py` does, and score that.
    #[arg(long)]
    pub via_text: bool,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Text files or directories (*.txt, Reuters *.sgm). Default: ../shared BBC and Reuters-21578.
    pub inputs: Vec<PathBuf>,
    /// Stop after this many words (0: all).
    #[arg(long, default_value_t = 0)]
    pub max_words: usize,
    /// Also run spaCy en_core_web_sm on the same text with this Python (a venv with spacy).
    #[arg(long)]
    pub spacy_python: Option<PathBuf>,
    /// Number of threads for the parallel run (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

fn read_conll(path: &Path, doc_sents: usize) -> anyhow::Result<Vec<Document>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(conll::parse(&text, doc_sents))
}

pub(super) fn train(args: &TrainArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut train_docs = Vec::new();
    for p in &args.train {
        train_docs.extend(read_conll(p, 20)?);
    }
    let dev_docs = match &args.dev {
        Some(p) => read_conll(p, 20)?,
        None => Vec::new(),
    };
    eprintln!(
        "train: {} documents; dev: {} documents",
        train_docs.len(),
        dev_docs.len()
    );
    let mut clusters = if let Some(path) = &args.clusters_of {
        load_model_file(path)?.clusters().clone()
    } else if !args.clusters_from.is_empty() {
        let mut texts = ner::read_news(&args.clusters_from, 0)?;
        for doc in &train_docs {
            let mut t = String::new();
            for s in &doc.sentences {
                t.push_str(&s.tokens.join(" "));
                t.push('\n');
            }
            texts.push(t);
        }
        let opts = ClusterOptions {
            seed: args.seed,
            ..Default::default()
        };
        let c = clusters::build(texts.iter().map(String::as_str), &opts, &mut |l| {
            eprintln!("{l}")
        });
        eprintln!(
            "clusters: {} words ({:.1}s)",
            c.map.len(),
            started.elapsed().as_secs_f64()
        );
        c
    } else {
        Clusters::default()
    };
    if let Some(path) = &args.vector_clusters {
        let added = add_vector_clusters(&mut clusters, path)?;
        eprintln!("vector clusters: {added} words from {}", path.display());
    }
    let resources = Resources {
        gazetteer: Gazetteer::parse(GAZETTEER_TSV),
        clusters,
    };
    let settings = TrainSettings {
        epochs: args.epochs,
        seed: args.seed,
        min_count: args.min_count,
        runs: args.runs,
    };
    let mut model = ner::train(&train_docs, &dev_docs, resources, &settings, &mut |l| {
        eprintln!("{l}")
    });
    let files: Vec<String> = args
        .train
        .iter()
        .map(|p| {
            p.file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    model.meta = format!(
        "trained on {} with seed {}: {}",
        files.join("+"),
        args.seed,
        model.meta
    );
    let bytes = model.to_bytes()?;
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "wrote {} ({} features, {:.1} MB) in {:.1}s; {}",
        args.out.display(),
        model.feature_count(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        model.meta
    );
    Ok(())
}

/// Reads `word<TAB>coarse<TAB>mid<TAB>fine` lines into the vector levels of `clusters`.
fn add_vector_clusters(clusters: &mut Clusters, path: &Path) -> anyhow::Result<usize> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut added = 0;
    for (n, line) in text.lines().enumerate() {
        let mut cols = line.split('\t');
        let word = cols.next().unwrap_or_default();
        let mut ids = [0u16; 3];
        for id in ids.iter_mut() {
            *id = cols
                .next()
                .and_then(|c| c.parse().ok())
                .with_context(|| format!("{}:{}: expected 3 cluster ids", path.display(), n + 1))?;
        }
        clusters.set_vector_levels(word, ids);
        added += 1;
    }
    Ok(added)
}

fn load_model_file(path: &Path) -> anyhow::Result<NerModel> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(NerModel::from_bytes(&bytes)?)
}

fn print_score(title: &str, score: &Score) {
    println!("{title}");
    print!("{}", score.report());
}

fn score_json(score: &Score) -> serde_json::Value {
    let o = score.overall();
    let mut per = serde_json::Map::new();
    for (label, p) in score.per_label() {
        per.insert(
            label,
            serde_json::json!({"precision": round2(p.precision), "recall": round2(p.recall), "f1": round2(p.f1), "gold": p.gold, "predicted": p.predicted}),
        );
    }
    serde_json::json!({"precision": round2(o.precision), "recall": round2(o.recall), "f1": round2(o.f1), "per_type": per})
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

pub(super) fn eval(args: &EvalArgs) -> anyhow::Result<()> {
    let owned;
    let model: &NerModel = match &args.model {
        Some(p) => {
            owned = load_model_file(p)?;
            &owned
        }
        None => NerModel::embedded(),
    };
    if args.gold.extension().is_some_and(|e| e == "tsv") {
        return eval_standoff(args, model);
    }
    let docs = read_conll(&args.gold, args.doc_sents)?;
    let started = Instant::now();
    let mut errors = String::new();
    let score = ner::evaluate_listing(model, &docs, args.errors.then_some(&mut errors));
    let secs = started.elapsed().as_secs_f64();
    print!("{errors}");
    print_score(
        &format!(
            "{} (gold tokens, {:.0} tokens/s):",
            args.gold.display(),
            score.tokens as f64 / secs.max(1e-9)
        ),
        &score,
    );
    let mut json = serde_json::json!({"gold": args.gold.display().to_string(), "tokens": score.tokens, "overall": score_json(&score)});
    if args.via_text {
        let mut errors = String::new();
        let text_score =
            ner::eval_via_text_listing(model, &docs, args.errors.then_some(&mut errors));
        for line in errors.lines() {
            println!("via text\t{line}");
        }
        print_score("through the tokenizer on reconstructed text:", &text_score);
        json["via_text"] = score_json(&text_score);
    }
    println!("{json}");
    Ok(())
}

/// `eval ner --gold FILE.tsv`: a standoff gold (BBC News, PolNeAR), scored with CoNLL conventions.
fn eval_standoff(args: &EvalArgs, model: &NerModel) -> anyhow::Result<()> {
    let gold = ner::gold::load(&args.gold)?;
    let data = DataDir::resolve(None);
    let articles = ner::gold::articles(&gold, &data)?;
    if let Some(path) = &args.write_conll {
        let (conll, unaligned) = ner::gold::to_conll(&articles);
        std::fs::write(path, conll).with_context(|| format!("writing {}", path.display()))?;
        eprintln!(
            "wrote {} ({unaligned} gold mentions not on token edges left untagged)",
            path.display()
        );
    }
    let mut errors = String::new();
    let score = ner::gold::evaluate(model, &articles, args.errors.then_some(&mut errors));
    print!("{errors}");
    print_score(
        &format!(
            "{} ({} articles, through the pipeline's tagging of each article text):",
            args.gold.display(),
            articles.len()
        ),
        &score,
    );
    let json = serde_json::json!({"gold": args.gold.display().to_string(), "articles": articles.len(), "words": score.tokens, "overall": score_json(&score)});
    println!("{json}");
    Ok(())
}

pub(super) fn bench(args: &BenchArgs) -> anyhow::Result<()> {
    use rayon::prelude::*;
    let inputs = if args.inputs.is_empty() {
        let data = DataDir::resolve(None);
        vec![data.bbc(), data.reuters()]
    } else {
        args.inputs.clone()
    };
    let docs = ner::read_news(&inputs, args.max_words)?;
    if docs.is_empty() {
        bail!("no documents under {:?}", inputs);
    }
    let words: usize = docs.iter().map(|d| d.split_whitespace().count()).sum();
    let bytes: usize = docs.iter().map(String::len).sum();
    println!(
        "input: {} documents, {} words, {:.1} MB from {:?}",
        docs.len(),
        words,
        bytes as f64 / 1e6,
        inputs
    );

    let t = Instant::now();
    let model = NerModel::embedded();
    println!(
        "model load: {:.0} ms ({} features)",
        t.elapsed().as_secs_f64() * 1e3,
        model.feature_count()
    );

    let t = Instant::now();
    let entities: usize = docs.iter().map(|d| model.tag(d).len()).sum();
    let single = t.elapsed().as_secs_f64();
    let rss_single = peak_rss_mb();
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let t = Instant::now();
    let entities_par: usize = pool.install(|| docs.par_iter().map(|d| model.tag(d).len()).sum());
    let parallel = t.elapsed().as_secs_f64();
    let rss_all = peak_rss_mb();
    let ours_single = words as f64 / single;
    println!(
        "newsgraph (tokenize + sentences + NER), 1 thread: {:.0} words/s ({:.2}s, {} entities), peak RSS {:.0} MB",
        ours_single,
        single,
        entities,
        rss_single.unwrap_or(f64::NAN)
    );
    println!(
        "newsgraph, {threads} threads: {:.0} words/s ({:.2}s, {} entities), peak RSS {:.0} MB",
        words as f64 / parallel,
        parallel,
        entities_par,
        rss_all.unwrap_or(f64::NAN)
    );
    let mut json = serde_json::json!({
        "docs": docs.len(), "words": words,
        "newsgraph": {"words_per_s_1_thread": ours_single.round(), "threads": threads,
                      "words_per_s_all_threads": (words as f64 / parallel).round(),
                      "entities": entities, "peak_rss_mb": rss_all.map(|x| x.round())},
    });
    if let Some(python) = &args.spacy_python {
        let peer = super::spacy_peer(python, &docs, &[])?;
        let peer_wps = peer["words_per_s"].as_f64().unwrap_or(0.0);
        println!(
            "spaCy en_core_web_sm (tok2vec + ner), 1 process: {:.0} words/s ({} entities), peak RSS {} MB",
            peer_wps, peer["entities"], peer["peak_rss_mb"]
        );
        if peer_wps > 0.0 {
            println!("speed-up, single thread: {:.1}x", ours_single / peer_wps);
        }
        json["spacy"] = peer;
    }
    println!("{json}");
    Ok(())
}
