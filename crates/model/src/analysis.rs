//! Spans that the analysis stages (nlp, extract) add to an [`Article`].

use serde::{Deserialize, Serialize};

use crate::{Article, TextSpan};

/// A named-entity mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Entity {
    /// First byte of the mention in the article text.
    pub start: usize,
    /// One past the last byte of the mention.
    pub end: usize,
    /// The mention as written.
    pub text: String,
    /// PER, ORG, LOC, GPE, MISC or NORP.
    pub label: String,
    /// Canonical id or name of the entity this mention refers to, once resolved.
    pub entity: Option<String>,
    /// Model confidence in `[0, 1]`.
    pub confidence: f32,
}

/// What an attribution is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributionKind {
    /// Words inside quotation marks, attributed to a speaker.
    Direct,
    /// Indirect speech: "X said (that) …", "according to X".
    Reported,
    /// Declined to comment, did not respond, referred questions, could not be reached.
    NonResponse,
    /// Quotation marks around a term, with no speech: never attributed.
    Scare,
}

/// Who a source is, as far as the article lets the reader know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    /// A person named in the article ("Temur Varki").
    NamedPerson,
    /// One unnamed person ("a senior official", "a source familiar with …").
    AnonymousPerson,
    /// An unnamed group ("officials", "people close to the talks").
    AnonymousGroup,
    /// A named organisation ("the Interior Ministry", "Reuters").
    NamedOrg,
    /// An institution not named ("the ministry", "police").
    UnnamedInstitution,
    /// A poll, report, filing, study, email or statement ("a Rasmussen poll showed …").
    Document,
    /// The article's own writer speaking in the first person outside any quotation ("I think",
    /// "we asked our readers"): a columnist's or letter writer's voice, neither a named nor an
    /// anonymous source.
    Writer,
}

impl SpeakerKind {
    /// True for anonymous persons and groups.
    pub fn is_anonymous(self) -> bool {
        matches!(
            self,
            SpeakerKind::AnonymousPerson | SpeakerKind::AnonymousGroup
        )
    }
    /// True for named persons and organisations.
    pub fn is_named(self) -> bool {
        matches!(self, SpeakerKind::NamedPerson | SpeakerKind::NamedOrg)
    }
}

/// The kind of a non-response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseKind {
    /// Declined to comment.
    Declined,
    /// Did not respond to a request for comment.
    NoResponse,
    /// Referred questions elsewhere.
    Referred,
    /// Could not be reached.
    Unreachable,
}

/// The speaker of an attribution: the mention in the text plus what resolution found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Speaker {
    /// The mention at the cue ("he", "Varki", "an intelligence source").
    pub start: usize,
    /// One past the last byte of the mention.
    pub end: usize,
    /// The mention as written.
    pub text: String,
    /// The resolved, canonical name within the article ("Temur Varki").
    pub name: Option<String>,
    /// Named or anonymous, person, group, organisation or document.
    pub kind: Option<SpeakerKind>,
    /// Descriptor or title ("Paris police chief", "a Tajikistan expert who …").
    pub descriptor: Option<String>,
    /// Why the article says the source is unnamed ("not authorised to speak"), when it says so.
    pub anonymity_reason: Option<String>,
}

/// What a cue ascribes to its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CueClass {
    /// Speech: "said", "told", "added", "according to".
    Speech,
    /// A belief, intention or knowledge: "believes", "hopes", "plans", "concluded".
    Thought,
    /// What a document, poll or filing states: "a poll shows", "filings show".
    Document,
    /// Blame or wrongdoing: "accused", "blamed", "charged".
    Accusation,
    /// A stance toward something named, with a noun-phrase object rather than a clause:
    /// "praised the plan", "welcomed the idea", "condemned the remarks".
    Stance,
}

/// Who said what, on whose authority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// Direct, reported, non-response or scare quote.
    pub kind: AttributionKind,
    /// What was said, without quotation marks; for a non-response, the clause that says so.
    pub content: TextSpan,
    /// The reporting verb or phrase ("said", "told Reuters", "according to").
    pub cue: Option<TextSpan>,
    /// `None` for scare quotes and quotes whose speaker is unknown.
    pub speaker: Option<Speaker>,
    /// Non-responses only.
    pub response: Option<ResponseKind>,
    /// What the cue ascribes (speech, thought, document, accusation, stance); absent without a cue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_class: Option<CueClass>,
}

/// Counts of an article's attributions by source kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Sourcing {
    /// Direct and reported attributions (scare quotes and non-responses excluded).
    pub attributions: usize,
    /// Attributions to named persons and organisations.
    pub named: usize,
    /// Attributions to anonymous persons and groups.
    pub anonymous: usize,
    /// Declined / no response / referred / unreachable findings.
    pub non_responses: usize,
    /// Per speaker kind, e.g. {"named_person": 12, "anonymous_group": 3}.
    #[serde(default)]
    pub by_kind: std::collections::BTreeMap<String, usize>,
    /// `anonymous / attributions`, 0 when there are none.
    #[serde(default)]
    pub share_anonymous: f64,
    /// Distinct named voices, most quoted first.
    #[serde(default)]
    pub named_voices: Vec<String>,
    /// Who declined to comment / did not respond.
    #[serde(default)]
    pub declined: Vec<String>,
}

/// A temporal expression normalised against the publication date.
///
/// Serialised with its TimeML attributes beside the stored fields (`type`, `mod`, `quant`,
/// `freq`, see [`DateMention::timex_type`]): they follow from the stored ones, so they are
/// derived when written and ignored when read back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(into = "DateMentionOut")]
pub struct DateMention {
    /// First byte of the date expression.
    pub start: usize,
    /// One past the last byte of the date expression.
    pub end: usize,
    /// The expression as written ("last Tuesday").
    pub text: String,
    /// TIMEX3-style value: "2024-01-03", "2024-03", "2023", "199X", "2024-W30", or `null` if unresolved.
    pub value: Option<String>,
    /// day, week, month, quarter, year, decade, century, duration, time.
    pub granularity: String,
    /// Modifier for fuzzy parts: "start", "mid", "end", "approx", …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// The interval the expression covers, inclusive ISO dates, when resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<[String; 2]>,
}

/// The written form of a [`DateMention`]: its fields and the derived TimeML attributes.
#[derive(Serialize)]
struct DateMentionOut {
    start: usize,
    end: usize,
    text: String,
    value: Option<String>,
    granularity: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    modifier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interval: Option<[String; 2]>,
    #[serde(rename = "type")]
    timex_type: &'static str,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    timex_mod: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quant: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    freq: Option<String>,
    /// Decades and centuries as people write them ("1990s", "20th century").
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
}

impl From<DateMention> for DateMentionOut {
    fn from(d: DateMention) -> Self {
        DateMentionOut {
            timex_type: d.timex_type(),
            timex_mod: d.timex_mod(),
            quant: d.quant(),
            freq: d.freq(),
            label: d.label().filter(|l| Some(l) != d.value.as_ref()),
            start: d.start,
            end: d.end,
            text: d.text,
            value: d.value,
            granularity: d.granularity,
            modifier: d.modifier,
            interval: d.interval,
        }
    }
}

impl DateMention {
    /// The TimeML type: `DURATION` ("30 years", "PXW"), `SET` ("every Monday", "annually"),
    /// `TIME` (a clock time or a part of a day: "14:02", "Sunday night"), else `DATE`.
    pub fn timex_type(&self) -> &'static str {
        match self.granularity.as_str() {
            "duration" => "DURATION",
            "set" => "SET",
            "time" => "TIME",
            _ => "DATE",
        }
    }

    /// The TimeML `mod` of the `modifier`: START, MID, END, APPROX, MORE_THAN, LESS_THAN,
    /// EQUAL_OR_MORE, EQUAL_OR_LESS.
    pub fn timex_mod(&self) -> Option<&'static str> {
        Some(match self.modifier.as_deref()? {
            "start" => "START",
            "mid" => "MID",
            "end" => "END",
            "approx" => "APPROX",
            "more than" => "MORE_THAN",
            "less than" => "LESS_THAN",
            "at least" => "EQUAL_OR_MORE",
            "at most" | "up to" => "EQUAL_OR_LESS",
            _ => return None,
        })
    }

    /// The value as people write it, for display: decades "1990s" (value "199X"/"199"),
    /// centuries "20th century" (value "19"), any other value as it is (see [`timex_label`]).
    pub fn label(&self) -> Option<String> {
        let value = self.value.as_deref()?;
        Some(match self.granularity.as_str() {
            "decade" | "century" => timex_label(value),
            _ => value.to_string(),
        })
    }

    /// The quantifier of a set ("every Monday" EVERY, "each year" EACH).
    pub fn quant(&self) -> Option<&'static str> {
        if self.granularity != "set" {
            return None;
        }
        let first = self.text.split_whitespace().next()?.to_ascii_lowercase();
        match first.as_str() {
            "every" => Some("EVERY"),
            "each" => Some("EACH"),
            _ => None,
        }
    }

    /// How often a set recurs in its period when the text says ("twice a week" 2X).
    pub fn freq(&self) -> Option<String> {
        if self.granularity != "set" {
            return None;
        }
        let mut words = self.text.split_whitespace().map(str::to_ascii_lowercase);
        let first = words.next()?;
        let n = match first.as_str() {
            "once" => return Some("1X".into()),
            "twice" => return Some("2X".into()),
            "thrice" => return Some("3X".into()),
            word => word.parse::<u32>().ok().or_else(|| small_cardinal(word))?,
        };
        // "three times a week" 3X; "five days a week" 5D, "24 hours a day" 24H.
        let unit = match words.next()?.as_str() {
            "times" => "X",
            "days" => "D",
            "hours" => "H",
            "weeks" => "W",
            "months" => "M",
            _ => return None,
        };
        Some(format!("{n}{unit}"))
    }
}

/// "two" … "twelve": the counts a frequency is written with in words ("three times a week");
/// the extractor reads longer number words, this only names how often a found set recurs.
fn small_cardinal(word: &str) -> Option<u32> {
    const CARDINALS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    let k = CARDINALS.iter().position(|c| *c == word)?;
    u32::try_from(k + 1).ok()
}

/// A TIMEX3 date value as people write it, for display: a century "19" (or "19XX") is the
/// "20th century", a decade "199" (or "199X") the "1990s"; any other value stays as it is
/// ("1987", "2024-07-23", "PRESENT_REF").
pub fn timex_label(value: &str) -> String {
    let digits = value.trim_end_matches('X');
    let numeric = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    match digits.len() {
        3 if numeric => format!("{digits}0s"),
        1 | 2 if numeric => match digits.parse::<u32>() {
            Ok(c) => {
                let n = c + 1;
                let suffix = match (n % 10, n % 100) {
                    (_, 11..=13) => "th",
                    (1, _) => "st",
                    (2, _) => "nd",
                    (3, _) => "rd",
                    _ => "th",
                };
                format!("{n}{suffix} century")
            }
            Err(_) => value.to_string(),
        },
        _ => value.to_string(),
    }
}

/// A number with its hedge, unit and what it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Figure {
    /// First byte of the figure.
    pub start: usize,
    /// One past the last byte of the figure.
    pub end: usize,
    /// The figure as written ("about 1,200").
    pub text: String,
    /// The number, scaled ("1.2 million" is 1200000), when it parses.
    pub value: Option<f64>,
    /// "about", "more than", "nearly", "at least", "up to", …
    pub hedge: Option<String>,
    /// "people", "percent", "USD", "GBP", …
    pub unit: Option<String>,
    /// casualties, money, percentage, count, age, …
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// A dated statement: a sentence that carries a resolved date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Event {
    /// The resolved date value (TIMEX3 style) of the statement.
    pub date: String,
    /// Indexes into the article's `dates`.
    pub date_index: usize,
    /// The sentence that carries the date.
    pub sentence: TextSpan,
    /// Indexes into the article's `entities` that fall in the sentence.
    pub entities: Vec<usize>,
    /// Indexes into the article's `figures` that fall in the sentence.
    pub figures: Vec<usize>,
}

/// An article with everything the analysis stages found in it: the JSON object `analyze --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct AnalyzedArticle {
    /// The article as ingest produced it (its fields are flattened into this object).
    #[serde(flatten)]
    pub article: Article,
    /// Named-entity mentions, in text order.
    pub entities: Vec<Entity>,
    /// Quotes, reported speech and non-responses, in text order.
    pub attributions: Vec<Attribution>,
    /// Counts of the attributions by source kind.
    pub sourcing: Sourcing,
    /// Date and time expressions with their resolved values.
    pub dates: Vec<DateMention>,
    /// Numbers with hedge, unit and type.
    pub figures: Vec<Figure>,
    /// Dated statements: sentences that carry a resolved date.
    pub events: Vec<Event>,
}

impl From<Article> for AnalyzedArticle {
    fn from(article: Article) -> Self {
        AnalyzedArticle {
            article,
            ..Default::default()
        }
    }
}

impl Sourcing {
    /// The sourcing profile of a list of attributions.
    pub fn from_attributions(attributions: &[Attribution]) -> Self {
        let mut s = Sourcing::default();
        let mut voices: Vec<(String, usize)> = Vec::new();
        for a in attributions {
            let kind = a.speaker.as_ref().and_then(|sp| sp.kind);
            let who = a
                .speaker
                .as_ref()
                .map(|sp| sp.name.clone().unwrap_or_else(|| sp.text.clone()));
            match a.kind {
                AttributionKind::Scare => {}
                AttributionKind::NonResponse => {
                    s.non_responses += 1;
                    if let Some(w) = who {
                        if !s.declined.contains(&w) {
                            s.declined.push(w);
                        }
                    }
                }
                AttributionKind::Direct | AttributionKind::Reported => {
                    s.attributions += 1;
                    if let Some(k) = kind {
                        let key = serde_json::to_value(k)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default();
                        *s.by_kind.entry(key).or_default() += 1;
                        if k.is_named() {
                            s.named += 1;
                        }
                        if k.is_anonymous() {
                            s.anonymous += 1;
                        }
                        if k == SpeakerKind::NamedPerson {
                            if let Some(w) = who {
                                match voices.iter_mut().find(|(n, _)| *n == w) {
                                    Some(v) => v.1 += 1,
                                    None => voices.push((w, 1)),
                                }
                            }
                        }
                    }
                }
            }
        }
        voices.sort_by_key(|v| std::cmp::Reverse(v.1));
        s.named_voices = voices.into_iter().map(|(n, _)| n).collect();
        if s.attributions > 0 {
            s.share_anonymous = s.anonymous as f64 / s.attributions as f64;
        }
        s
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn date_mentions_write_their_timeml_attributes() {
        let set = DateMention {
            text: "every Monday".into(),
            value: Some("XXXX-WXX-1".into()),
            granularity: "set".into(),
            ..Default::default()
        };
        let json = serde_json::to_value(&set).unwrap();
        assert_eq!(json["type"], "SET");
        assert_eq!(json["quant"], "EVERY");
        assert!(json.get("mod").is_none());
        let back: DateMention = serde_json::from_value(json).unwrap();
        assert_eq!(back, set);
        let late = DateMention {
            text: "late May".into(),
            granularity: "month".into(),
            modifier: Some("end".into()),
            ..Default::default()
        };
        let json = serde_json::to_value(&late).unwrap();
        assert_eq!(
            (json["type"].as_str(), json["mod"].as_str()),
            (Some("DATE"), Some("END"))
        );
        let twice = DateMention {
            text: "twice a week".into(),
            granularity: "set".into(),
            ..Default::default()
        };
        assert_eq!(twice.freq().as_deref(), Some("2X"));
        let set = |text: &str| DateMention {
            text: text.into(),
            granularity: "set".into(),
            ..Default::default()
        };
        assert_eq!(set("three times a day").freq().as_deref(), Some("3X"));
        assert_eq!(set("five days a week").freq().as_deref(), Some("5D"));
        assert_eq!(set("every Monday").freq(), None);
        let d = |g: &str| DateMention {
            granularity: g.into(),
            ..Default::default()
        };
        assert_eq!(d("duration").timex_type(), "DURATION");
        assert_eq!(d("time").timex_type(), "TIME");
        assert_eq!(d("reference").timex_type(), "DATE");
        let labelled = |g: &str, v: &str| {
            DateMention {
                granularity: g.into(),
                value: Some(v.into()),
                ..Default::default()
            }
            .label()
        };
        assert_eq!(labelled("decade", "199X").as_deref(), Some("1990s"));
        assert_eq!(labelled("century", "19").as_deref(), Some("20th century"));
        assert_eq!(labelled("century", "20").as_deref(), Some("21st century"));
        assert_eq!(labelled("century", "10").as_deref(), Some("11th century"));
        // Values alone, as the timeline shows them: a century and a decade as people write them.
        assert_eq!(timex_label("19"), "20th century");
        assert_eq!(timex_label("19XX"), "20th century");
        assert_eq!(timex_label("199X"), "1990s");
        assert_eq!(timex_label("199"), "1990s");
        assert_eq!(timex_label("1987"), "1987");
        assert_eq!(timex_label("1987-03-02"), "1987-03-02");
        assert_eq!(timex_label("PRESENT_REF"), "PRESENT_REF");
        assert_eq!(labelled("day", "2024-07-23").as_deref(), Some("2024-07-23"));
    }
    use super::*;
    use crate::{Source, Span};

    #[test]
    fn analyzed_article_serialises_every_contract_field() {
        let a = AnalyzedArticle::from(Article::new("Hello.".into(), Source::default()));
        let v = serde_json::to_value(&a).unwrap();
        for key in [
            "id",
            "source",
            "text",
            "title",
            "outlet",
            "url",
            "language",
            "cluster",
            "published",
            "truncated",
            "credits",
            "entities",
            "attributions",
            "sourcing",
            "dates",
            "figures",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
        assert_eq!(v["credits"]["illustration"], serde_json::json!([]));
    }

    #[test]
    fn sourcing_counts_kinds() {
        let sp = |k| {
            Some(Speaker {
                text: "x".into(),
                kind: Some(k),
                ..Default::default()
            })
        };
        let mk = |kind, speaker| Attribution {
            kind,
            content: TextSpan::from_span(Span::new(0, 0), ""),
            cue: None,
            speaker,
            response: None,
            cue_class: None,
        };
        let s = Sourcing::from_attributions(&[
            mk(AttributionKind::Direct, sp(SpeakerKind::NamedPerson)),
            mk(AttributionKind::Reported, sp(SpeakerKind::AnonymousPerson)),
            mk(AttributionKind::NonResponse, sp(SpeakerKind::NamedOrg)),
            mk(AttributionKind::Scare, None),
        ]);
        assert_eq!(
            (s.attributions, s.named, s.anonymous, s.non_responses),
            (2, 1, 1, 1)
        );
        assert!((s.share_anonymous - 0.5).abs() < 1e-9);
    }
}
