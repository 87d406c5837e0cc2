//! The NER training driver: seeded document order, dev-set epoch selection, then
//! [`newsgraph_nlp::ner::train::train`].

use newsgraph_nlp::ner::features::Resources;
use newsgraph_nlp::ner::train::{self as trainer, Document, TrainHooks, TrainOptions};
use newsgraph_nlp::NerModel;

use crate::rng::SplitMix64;

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainSettings {
    /// Passes over the training documents.
    pub epochs: usize,
    /// Seed of the document order.
    pub seed: u64,
    /// Features seen fewer times in the training data are dropped.
    pub min_count: u32,
    /// Runs with their own document orders whose weights are averaged.
    pub runs: usize,
}

impl Default for TrainSettings {
    fn default() -> Self {
        TrainSettings {
            epochs: 12,
            seed: 1,
            min_count: 2,
            runs: 1,
        }
    }
}

/// Trains a model on `train_docs`; `dev_docs` (may be empty) picks the best epoch by entity F1.
pub fn train(
    train_docs: &[Document],
    dev_docs: &[Document],
    resources: Resources,
    settings: &TrainSettings,
    log: &mut dyn FnMut(String),
) -> NerModel {
    let mut rng = SplitMix64::new(settings.seed);
    let mut shuffle = |order: &mut [usize]| rng.shuffle(order);
    let mut dev_f1 = |model: &NerModel| super::evaluate(model, dev_docs).overall().f1;
    let hooks = TrainHooks {
        shuffle: &mut shuffle,
        dev_f1: if dev_docs.is_empty() {
            None
        } else {
            Some(&mut dev_f1)
        },
        log,
    };
    let opts = TrainOptions {
        epochs: settings.epochs,
        min_count: settings.min_count,
        runs: settings.runs,
    };
    trainer::train(train_docs, resources, &opts, hooks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::conll;
    use newsgraph_nlp::ner::gazetteer::Gazetteer;

    #[test]
    fn learns_a_toy_set_reproducibly() {
        let mut text = String::new();
        for name in ["Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans"] {
            text.push_str(&format!(
                "-DOCSTART- O\n\nMr O\n{name} I-PER\nvisited O\nParis I-LOC\n. O\n\nAcme I-ORG\nCorp I-ORG\nhired O\n{name} I-PER\n. O\n\n"
            ));
        }
        let docs = conll::parse(&text, 20);
        let res = || Resources {
            gazetteer: Gazetteer::parse("Paris\tcity\n"),
            clusters: Default::default(),
        };
        let settings = TrainSettings {
            epochs: 5,
            seed: 7,
            min_count: 1,
            runs: 1,
        };
        let m1 = train(&docs, &docs, res(), &settings, &mut |_| {});
        let m2 = train(&docs, &docs, res(), &settings, &mut |_| {});
        assert_eq!(m1.to_bytes().ok(), m2.to_bytes().ok());
        let f1 = super::super::evaluate(&m1, &docs).overall().f1;
        assert!(f1 > 90.0, "toy F1 {f1}");
        let tagged = m1.tag_document(&[vec!["Mr", "Smith", "visited", "Paris", "."]]);
        let labels: Vec<&str> = tagged[0].iter().map(|m| m.label).collect();
        assert_eq!(labels, vec!["PER", "GPE"]);
    }
}
