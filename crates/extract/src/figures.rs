//! Numbers with their hedges, units and what they count.
//!
//! A figure is a number written in digits ("150,000", "1.5", "1-1/8") or words ("seven",
//! "twenty-five", "a dozen", "half a million"), scaled ("15 mln", "$2.5bn", "three billion"), with
//! the hedge before it ("about", "more than", "nearly", "up to"), its currency or unit ("US$",
//! "£", "NT$", "pct", "per cent", "dlrs", "tonnes") or the noun phrase it counts ("Tajik
//! families"), and a type: money, percentage, casualties, age, count, ratio, proportion, measure.
//! Vague quantities ("dozens of", "tens of thousands") get the lower bound they imply and the
//! hedge "vague". Dates, years, durations and times are the temporal stage's, not figures.

use newsgraph_model::{Figure, Span};

use crate::temporal::lexer::{lex, Kind, Tok};
use crate::temporal::{expression_spans, number_word};

type Toks<'t, 'a> = &'t [Tok<'a>];

fn at<'t, 'a>(toks: Toks<'t, 'a>, i: usize) -> Option<&'t Tok<'a>> {
    toks.get(i)
}
fn is_at(toks: Toks, i: usize, w: &str) -> bool {
    toks.get(i).is_some_and(|t| t.is(w))
}
fn glued_punct(toks: Toks, i: usize, c: char) -> bool {
    toks.get(i).is_some_and(|t| t.is_punct(c) && t.glued())
}
fn prev<'t, 'a>(toks: Toks<'t, 'a>, i: usize, back: usize) -> Option<&'t Tok<'a>> {
    i.checked_sub(back).and_then(|p| toks.get(p))
}

/// Hedges before a number (longest first), with their canonical form.
const HEDGES: &[(&[&str], &str)] = &[
    (&["no", "more", "than"], "up to"),
    (&["not", "more", "than"], "up to"),
    (&["no", "fewer", "than"], "at least"),
    (&["slightly", "more", "than"], "more than"),
    (&["slightly", "less", "than"], "nearly"),
    (&["a", "little", "over"], "more than"),
    (&["a", "little", "under"], "nearly"),
    (&["as", "many", "as"], "up to"),
    (&["as", "much", "as"], "up to"),
    (&["as", "few", "as"], "at least"),
    (&["as", "little", "as"], "at least"),
    (&["in", "excess", "of"], "more than"),
    (&["upwards", "of"], "more than"),
    (&["more", "than"], "more than"),
    (&["less", "than"], "less than"),
    (&["fewer", "than"], "less than"),
    (&["at", "least"], "at least"),
    (&["at", "most"], "up to"),
    (&["up", "to"], "up to"),
    (&["close", "to"], "nearly"),
    (&["just", "over"], "more than"),
    (&["just", "under"], "nearly"),
    (&["well", "over"], "more than"),
    (&["an", "estimated"], "about"),
    (&["nearly"], "nearly"),
    (&["almost"], "nearly"),
    (&["about"], "about"),
    (&["around"], "about"),
    (&["roughly"], "about"),
    (&["approximately"], "about"),
    (&["some"], "about"),
    (&["estimated"], "about"),
    (&["over"], "more than"),
    (&["above"], "more than"),
    (&["under"], "less than"),
    (&["below"], "less than"),
];

/// The hedge ending right before token `i`: canonical form and first token.
fn hedge_before(toks: Toks, i: usize) -> Option<(&'static str, usize)> {
    for (words, canon) in HEDGES {
        let n = words.len();
        let Some(s) = i.checked_sub(n) else { continue };
        if words.iter().enumerate().all(|(k, w)| is_at(toks, s + k, w)) {
            // "about" as in "talked about 30 ..." is still a hedge; "some of" is not before a number.
            return Some((canon, s));
        }
    }
    None
}

/// Currency signs and prefixes written before the number: ISO code and token count.
fn currency_before(toks: Toks, i: usize) -> Option<(&'static str, usize)> {
    let p1 = prev(toks, i, 1)?;
    let code_word = p1.is("rs") || p1.is("inr") || p1.is("usd") || p1.is("eur") || p1.is("gbp");
    if !at(toks, i)?.glued() && !code_word {
        return None;
    }
    let sym = match p1.text {
        "$" => "USD",
        "£" => "GBP",
        "€" => "EUR",
        "¥" => "JPY",
        "₹" => "INR",
        "USD" => return Some(("USD", 1)),
        "EUR" => return Some(("EUR", 1)),
        "GBP" => return Some(("GBP", 1)),
        "Rs" => return Some(("INR", 1)),
        _ => return None,
    };
    if sym == "USD" {
        // "US$", "NT$", "HK$", "A$", "C$", "S$", "NZ$", "R$"
        if let Some(p2) = prev(toks, i, 2).filter(|_| p1.glued()) {
            let code = match p2.text {
                "US" | "U.S." => Some("USD"),
                "NT" => Some("TWD"),
                "HK" => Some("HKD"),
                "A" | "AU" => Some("AUD"),
                "C" | "CA" => Some("CAD"),
                "S" => Some("SGD"),
                "NZ" => Some("NZD"),
                "R" => Some("BRL"),
                "M" => Some("MXN"),
                _ => None,
            };
            if let Some(c) = code {
                return Some((c, 2));
            }
        }
    }
    Some((sym, 1))
}

fn scale_of(lower: &str) -> Option<f64> {
    Some(match lower {
        "hundred" => 1e2,
        "thousand" | "k" => 1e3,
        "million" | "mln" | "m" | "mn" | "millions" => 1e6,
        "billion" | "bln" | "bn" | "b" | "billions" => 1e9,
        "trillion" | "tn" | "trn" | "trillions" => 1e12,
        "crore" => 1e7,
        "lakh" => 1e5,
        _ => return None,
    })
}

/// Currency words after the number ("dlrs", "yen", "Australian dollars", "CFA francs"): code and
/// tokens used (a leading adjective included), and the factor to the main unit (cents).
fn currency_after(toks: Toks, i: usize) -> Option<(&'static str, usize, f64)> {
    let t = at(toks, i)?;
    let two = |adj: &str| -> Option<&'static str> {
        let n = at(toks, i + 1)?;
        let cur = n.lower.as_ref();
        Some(match (adj, cur) {
            ("australian", "dollars" | "dollar" | "dlrs") => "AUD",
            ("canadian", "dollars" | "dollar" | "dlrs") => "CAD",
            ("taiwan" | "taiwanese", "dollars" | "dollar" | "dlrs") => "TWD",
            ("singapore", "dollars" | "dollar" | "dlrs") => "SGD",
            ("new", "zealand") => return None,
            ("us" | "american", "dollars" | "dollar" | "dlrs") => "USD",
            ("swiss", "francs" | "franc") => "CHF",
            ("french", "francs" | "franc") => "FRF",
            ("belgian", "francs" | "franc") => "BEF",
            ("cfa", "francs" | "franc") => "XOF",
            ("west", "german") => return None,
            ("hong", "kong") => return None,
            ("saudi", "riyals") => "SAR",
            _ => return None,
        })
    };
    if let Some(c) = two(&t.lower) {
        return Some((c, 2, 1.0));
    }
    if t.is("hong")
        && is_at(toks, i + 1, "kong")
        && at(toks, i + 2).is_some_and(|n| n.lower.starts_with("dollar"))
    {
        return Some(("HKD", 3, 1.0));
    }
    let code = match t.lower.as_ref() {
        "dlrs" | "dlr" | "dollars" | "dollar" => "USD",
        "cts" | "cents" | "cent" => return Some(("USD", 1, 0.01)),
        "pence" | "p" if t.glued() => return Some(("GBP", 1, 0.01)),
        "pence" => return Some(("GBP", 1, 0.01)),
        "yen" => "JPY",
        "euros" | "euro" => "EUR",
        "pounds" | "sterling" | "stg" | "stlg" => {
            if t.is("pounds") && is_at(toks, i + 1, "sterling") {
                return Some(("GBP", 2, 1.0));
            }
            "GBP"
        }
        "yuan" | "renminbi" | "rmb" => "CNY",
        "rupees" | "rupee" => "INR",
        "rupiah" => "IDR",
        "roubles" | "rubles" | "rouble" | "ruble" => "RUB",
        "baht" => "THB",
        "won" if !t.glued() => "KRW",
        "francs" | "franc" => "francs",
        "marks" | "dm" | "d-marks" => "DEM",
        "lire" => "ITL",
        "guilders" => "NLG",
        "pesos" => "pesos",
        "rand" => "ZAR",
        "shekels" => "ILS",
        "riyals" => "SAR",
        "dinars" => "dinars",
        "krona" | "kronor" => "SEK",
        "crowns" => "crowns",
        _ => return None,
    };
    Some((code, 1, 1.0))
}

fn measure_unit(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "tonnes" | "tonne" | "tons" | "ton" => "tonnes",
        "barrels" | "barrel" | "bpd" => "barrels",
        "kg" | "kilograms" | "kilos" => "kg",
        "km" | "kilometres" | "kilometers" => "km",
        "miles" | "mile" => "miles",
        "metres" | "meters" | "metre" | "meter" => "metres",
        "feet" | "ft" => "feet",
        "hectares" => "hectares",
        "acres" => "acres",
        "ounces" | "oz" => "ounces",
        "gallons" => "gallons",
        "litres" | "liters" => "litres",
        "degrees" => "degrees",
        "megawatts" | "mw" => "megawatts",
        "kilowatt" => "kilowatt-hours",
        "bushels" => "bushels",
        "points" => "points",
        "ghz" | "mhz" => "GHz",
        "mb" | "megabytes" | "megabyte" => "MB",
        "gb" | "gigabytes" | "gigabyte" => "GB",
        "tb" | "terabytes" => "TB",
        "inch" | "inches" => "inches",
        "cm" | "centimetres" => "cm",
        "mm" | "millimetres" => "mm",
        "mph" => "mph",
        _ => return None,
    })
}

/// Words that end a counted noun phrase.
fn is_stop(lower: &str) -> bool {
    matches!(
        lower,
        "of" | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "from"
            | "with"
            | "by"
            | "and"
            | "or"
            | "but"
            | "who"
            | "that"
            | "which"
            | "were"
            | "was"
            | "are"
            | "is"
            | "have"
            | "has"
            | "had"
            | "will"
            | "would"
            | "could"
            | "said"
            | "a"
            | "an"
            | "the"
            | "this"
            | "those"
            | "these"
            | "than"
            | "as"
            | "per"
            | "each"
            | "more"
            | "its"
            | "their"
            | "his"
            | "her"
            | "it"
            | "they"
            | "them"
            | "we"
            | "he"
            | "she"
            | "be"
            | "been"
            | "not"
            | "no"
            | "also"
            | "still"
            | "all"
            | "both"
            | "over"
            | "under"
            | "up"
            | "down"
            | "after"
            | "before"
            | "into"
            | "against"
            | "during"
            | "while"
            | "when"
            | "where"
            | "since"
            | "vs"
            | "versus"
            | "a year"
            | "last"
            | "this year"
            | "year"
            | "years"
            | "month"
            | "months"
            | "week"
            | "weeks"
            | "day"
            | "days"
            | "ago"
            | "earlier"
            | "later"
            | "such"
            | "about"
            | "some"
            | "out"
            | "off"
            | "between"
            | "among"
            | "so"
            | "if"
            | "can"
            | "may"
            | "might"
            | "should"
            | "must"
            | "do"
            | "did"
            | "does"
            | "there"
            | "here"
            | "now"
            | "then"
            | "only"
            | "just"
            | "s"
            | "you"
            | "i"
            | "me"
            | "him"
            | "our"
            | "your"
            | "my"
            | "able"
            | "told"
            | "says"
            | "say"
            | "according"
            | "saw"
            | "made"
            | "took"
            | "came"
            | "went"
            | "got"
            | "gave"
            | "found"
            | "became"
            | "began"
            | "left"
            | "held"
            | "kept"
            | "led"
            | "met"
            | "paid"
            | "ran"
            | "sent"
            | "spent"
            | "stood"
            | "won"
            | "wrote"
            | "fell"
            | "rose"
            | "grew"
            | "knew"
            | "lost"
            | "sold"
            | "bought"
            | "remain"
            | "remained"
            | "live"
            | "lives"
    )
}

/// Nouns (or their plural endings) that name people, for casualties.
fn is_casualty_cue(lower: &str) -> bool {
    matches!(
        lower,
        "killed"
            | "killing"
            | "kill"
            | "kills"
            | "dead"
            | "died"
            | "die"
            | "deaths"
            | "death"
            | "wounded"
            | "wounding"
            | "injured"
            | "injuring"
            | "injuries"
            | "hurt"
            | "arrested"
            | "arrests"
            | "arresting"
            | "detained"
            | "detaining"
            | "missing"
            | "casualties"
            | "fatalities"
            | "victims"
            | "executed"
            | "kidnapped"
            | "abducted"
            | "slain"
            | "massacred"
            | "toll"
            | "perished"
            | "drowned"
    )
}

/// A number at `i`: value, the token after it, and whether it was written in words.
fn number_here(toks: Toks, i: usize) -> Option<(f64, usize, bool)> {
    let t = at(toks, i)?;
    if t.is_num() {
        // Digits with thousands separators and a decimal part: "150,000", "1,274,000", "2.5".
        let mut text = t.text.to_string();
        let mut end = i + 1;
        while glued_punct(toks, end, ',')
            && at(toks, end + 1).is_some_and(|n| n.is_num() && n.glued() && n.text.len() == 3)
        {
            text.push_str(at(toks, end + 1)?.text);
            end += 2;
        }
        if glued_punct(toks, end, '.') && at(toks, end + 1).is_some_and(|n| n.is_num() && n.glued())
        {
            text.push('.');
            text.push_str(at(toks, end + 1)?.text);
            end += 2;
        }
        let mut v: f64 = text.parse().ok()?;
        // Stock-price fractions: "1-1/8", "74-3/8".
        if glued_punct(toks, end, '-') {
            if let (Some(a), Some(b)) = (at(toks, end + 1), at(toks, end + 3)) {
                if a.glued()
                    && a.is_num()
                    && glued_punct(toks, end + 2, '/')
                    && b.glued()
                    && b.is_num()
                {
                    let (a, b): (f64, f64) = (a.text.parse().ok()?, b.text.parse().ok()?);
                    if b > 0.0 && a < b {
                        v += a / b;
                        end += 4;
                    }
                }
            }
        }
        return Some((v, end, false));
    }
    let (mut v, mut end) = match t.lower.as_ref() {
        "a" | "an" if is_at(toks, i + 1, "dozen") => (12.0, i + 2),
        "a" | "an" => {
            let s = scale_of(&at(toks, i + 1)?.lower).filter(|s| *s >= 100.0)?;
            if at(toks, i + 1)?.lower.ends_with('s') {
                return None;
            }
            return Some((s, i + 2, true));
        }
        "half" if is_at(toks, i + 1, "a") => {
            let s = at(toks, i + 2)?;
            let v = if s.is("dozen") {
                12.0
            } else {
                scale_of(&s.lower).filter(|s| *s >= 1e3)?
            };
            return Some((v / 2.0, i + 3, true));
        }
        "dozen" => (12.0, i + 1),
        w => {
            let n = number_word(w)?;
            let mut end = i + 1;
            let mut v = n;
            if n >= 20.0 && glued_punct(toks, end, '-') {
                if let Some(u) = at(toks, end + 1)
                    .filter(|u| u.glued())
                    .and_then(|u| number_word(&u.lower))
                {
                    if u < 10.0 {
                        v += u;
                        end += 2;
                    }
                }
            }
            (v, end)
        }
    };
    // "two dozen", "three hundred"
    if is_at(toks, end, "dozen") {
        v *= 12.0;
        end += 1;
    } else if is_at(toks, end, "hundred") {
        v *= 100.0;
        end += 1;
    }
    Some((v, end, true))
}

/// Vague quantities: "dozens of", "hundreds of", "tens of thousands of", "millions of",
/// "a handful of": the lower bound and the end (before "of").
fn vague_here(toks: Toks, i: usize) -> Option<(f64, usize)> {
    let t = at(toks, i)?;
    let base = |w: &str| -> Option<f64> {
        Some(match w {
            "dozens" => 24.0,
            "scores" => 40.0,
            "hundreds" => 200.0,
            "thousands" => 2000.0,
            "millions" => 2e6,
            "billions" => 2e9,
            _ => return None,
        })
    };
    if t.is("a") && is_at(toks, i + 1, "handful") {
        return Some((3.0, i + 2));
    }
    if t.is("tens") && is_at(toks, i + 1, "of") {
        let s = at(toks, i + 2)?;
        let v = match s.lower.as_ref() {
            "thousands" => 2e4,
            "millions" => 2e7,
            "billions" => 2e10,
            _ => return None,
        };
        return Some((v, i + 3));
    }
    let v = base(&t.lower)?;
    // "hundreds of thousands"
    if is_at(toks, i + 1, "of") {
        if let Some(s) = at(toks, i + 2).and_then(|s| base(&s.lower)) {
            if s > v {
                return Some((v / 2.0 * s, i + 3));
            }
        }
    }
    // Only before "of": "thousands of people", not "the thousands".
    if !is_at(toks, i + 1, "of") {
        return None;
    }
    Some((v, i + 1))
}

/// Fractions: "half", "a third", "two-thirds", "three-quarters", "two-fifths": value, end.
fn fraction_here(toks: Toks, i: usize) -> Option<(f64, usize)> {
    let t = at(toks, i)?;
    let denom = |w: &str| -> Option<f64> {
        Some(match w {
            "half" | "halves" => 2.0,
            "third" | "thirds" => 3.0,
            "quarter" | "quarters" => 4.0,
            "fifth" | "fifths" => 5.0,
            "tenth" | "tenths" => 10.0,
            _ => return None,
        })
    };
    if t.is("half") {
        return Some((0.5, i + 1));
    }
    let num = if t.is("a") || t.is("one") {
        1.0
    } else {
        number_word(&t.lower)?
    };
    let mut k = i + 1;
    if glued_punct(toks, k, '-') {
        k += 1;
    }
    let d = denom(&at(toks, k)?.lower)?;
    if d == 2.0 {
        return None;
    }
    Some((num / d, k + 1))
}

/// The noun phrase a figure counts, starting at `i`: up to four content words.
fn counted_noun(toks: Toks, i: usize) -> Option<(String, usize)> {
    let mut k = i;
    let mut words: Vec<String> = Vec::new();
    let mut lowercase_seen = false;
    while let Some(t) = at(toks, k) {
        if words.len() >= 4 {
            break;
        }
        if t.kind == Kind::Word {
            let l = t.lower.as_ref();
            if is_stop(l)
                || t.text == "us"
                || (!words.is_empty() && (l.ends_with("ing") || l.ends_with("ed")) && l.len() > 4)
            {
                break;
            }
            if words.is_empty() && (l.ends_with("ing") || l.ends_with("ly")) {
                break;
            }
            // "film-maker Gary Winick": a name after a common noun is not what is counted.
            if lowercase_seen && t.is_capitalized() {
                break;
            }
            lowercase_seen |= !t.is_capitalized();
            // A hyphenated word stays whole ("ISIS-K", "anti-war").
            let mut word = t.text.to_string();
            k += 1;
            while glued_punct(toks, k, '-')
                && at(toks, k + 1).is_some_and(|n| n.glued() && n.kind != Kind::Punct)
            {
                word.push('-');
                word.push_str(at(toks, k + 1).map_or("", |n| n.text));
                k += 2;
            }
            words.push(word);
            continue;
        }
        if t.is_num() && !words.is_empty() && glued_punct(toks, k - 1, '-') {
            k += 1;
            continue;
        }
        break;
    }
    // "eight Ryan Jones": capitalised words not ending in a plural name a person or a title.
    let plural = words.last().is_some_and(|w| w.ends_with('s'));
    if words.is_empty() || !lowercase_seen && !plural {
        return None;
    }
    Some((words.join(" "), k))
}

/// Every figure in `text`.
pub fn extract_figures(text: &str) -> Vec<Figure> {
    let toks = lex(text);
    let dates = expression_spans(&toks);
    let in_date = |t: &Tok| dates.iter().any(|d| d.start <= t.start && t.end <= d.end);
    let mut out: Vec<Figure> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match figure_at(text, &toks, i, &in_date) {
            Some((fig, end)) => {
                out.extend(fig);
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    distribute_range_units(&mut out, text);
    inherit_units(&mut out, text);
    out
}

/// "76.9 mln dlrs … from 73.1 mln", "10.15 pct against 9.66": a bare number compared with a
/// money or percentage figure earlier in the same sentence takes its unit.
fn inherit_units(figs: &mut [Figure], text: &str) {
    for k in 1..figs.len() {
        let (a, b) = figs.split_at_mut(k);
        let (Some(cur), Some(prev)) = (
            b.first_mut(),
            a.iter()
                .rev()
                .find(|f| matches!(f.kind.as_deref(), Some("money") | Some("percentage"))),
        ) else {
            continue;
        };
        if cur.unit.is_some() || cur.kind.is_some() || cur.hedge.as_deref() == Some("vague") {
            continue;
        }
        let between = text.get(prev.end..cur.start).unwrap_or("");
        let same_sentence =
            !between.contains(". ") && !between.contains('\n') && !between.contains(';');
        let compared = between.split_whitespace().rev().take(3).any(|w| {
            matches!(
                w.trim_matches(|c: char| !c.is_alphanumeric()),
                "from" | "against" | "vs" | "with" | "to" | "of" | "or" | "and" | "versus"
            )
        });
        if same_sentence && compared && between.len() < 200 {
            cur.unit = prev.unit.clone();
            cur.kind = prev.kind.clone();
        }
    }
}

/// "between 20 and 30%", "30 to 60 billion baht", "$24-$26": the first number takes the unit and
/// scale of the second when it has none.
fn distribute_range_units(figs: &mut [Figure], text: &str) {
    for k in 1..figs.len() {
        let (a, b) = figs.split_at_mut(k);
        let (Some(first), Some(second)) = (a.last_mut(), b.first()) else {
            continue;
        };
        let gap = text.get(first.end..second.start).unwrap_or("").trim();
        if !matches!(gap, "-" | "–" | "to" | "and" | "or")
            || first.unit.is_some()
            || second.unit.is_none()
        {
            continue;
        }
        if let (Some(v1), Some(v2)) = (first.value, second.value) {
            // The second's scale: "30 to 60 billion" → 30 billion.
            let scale = scale_in(second.text.as_str());
            if scale > 1.0 && v1 < scale {
                first.value = Some(v1 * scale);
            }
            let _ = v2;
        }
        first.unit = second.unit.clone();
        first.kind = second.kind.clone();
    }
}

fn scale_in(figure_text: &str) -> f64 {
    let toks = lex(figure_text);
    toks.iter()
        .filter(|t| t.kind == Kind::Word)
        .filter_map(|t| scale_of(&t.lower))
        .fold(1.0, f64::max)
}

/// Numbers that are part of names or codes: "Group 24", "G7", "Boeing 737-800", "COVID-19".
fn is_name_number(toks: Toks, i: usize) -> bool {
    let Some(t) = at(toks, i) else { return false };
    if let Some(p) = prev(toks, i, 1) {
        if t.glued() && p.kind == Kind::Word {
            return true;
        }
        if t.glued()
            && p.is_punct('-')
            && prev(toks, i, 2).is_some_and(|q| q.kind == Kind::Word && q.glued())
        {
            return true;
        }
        // "No. 1", "Article 5", "Boeing 737": a capitalised word right before (not a sentence start).
        if p.kind == Kind::Word
            && p.is_capitalized()
            && !p.newline_before
            && prev(toks, i, 2)
                .is_some_and(|q| !q.is_punct('.') && !q.is_punct('"') && !q.is_punct('“'))
            && prev(toks, i, 2).is_some()
            && crate::temporal::month_of(&p.lower).is_none()
            && hedge_before(toks, i).is_none()
            && !matches!(
                p.lower.as_ref(),
                "some" | "about" | "nearly" | "almost" | "over" | "around"
            )
            && !p.text.chars().all(|c| c.is_ascii_uppercase())
        {
            return true;
        }
        if p.is("no") && glued_punct(toks, i - 1, '.') {
            return true;
        }
    }
    // "737-800", scores "2-1", phone numbers.
    false
}

type InDate<'f> = dyn Fn(&Tok) -> bool + 'f;

/// The figure starting at token `i` and the token after it; `Some((None, end))` skips a number
/// that is no figure (a code like "737-800").
fn figure_at(
    text: &str,
    toks: Toks,
    i: usize,
    in_date: &InDate,
) -> Option<(Option<Figure>, usize)> {
    let t = at(toks, i)?;
    if in_date(t) {
        return None;
    }
    let mut hedge: Option<&'static str> = None;
    let mut start_tok = i;
    if let Some((h, s)) = hedge_before(toks, i) {
        hedge = Some(h);
        start_tok = s;
    }
    // Vague quantities and fractions.
    if let Some((v, end)) = vague_here(toks, i) {
        let (unit, noun_end) = if is_at(toks, end, "of") {
            match counted_noun(toks, end + 1) {
                Some((n, e)) => (Some(n), e),
                None => (None, end),
            }
        } else {
            (None, end)
        };
        let found = unit.as_ref().map(|_| "count");
        let kind = type_of(toks, start_tok, noun_end, unit.as_deref(), found);
        return Some((
            Some(make(
                text,
                toks,
                start_tok,
                noun_end,
                v,
                Some("vague"),
                unit,
                kind,
            )),
            noun_end,
        ));
    }
    if let Some((v, end)) = fraction_here(toks, i) {
        let ok = is_at(toks, end, "of") || hedge.is_some() && !t.is("half");
        let ok = ok || (t.is("half") && hedge.is_some());
        if ok && !in_date(at(toks, end.saturating_sub(1))?) {
            if is_at(toks, end, "of")
                && is_at(toks, end + 1, "the")
                && at(toks, end + 2)
                    .is_some_and(|n| matches!(n.lower.as_ref(), "year" | "century" | "decade"))
            {
                return None;
            }
            return Some((
                Some(make(
                    text,
                    toks,
                    start_tok,
                    end,
                    v,
                    hedge,
                    Some("fraction".into()),
                    Some("proportion"),
                )),
                end,
            ));
        }
        // "half a million" is a number, read below.
        if t.is("half") && !is_at(toks, i + 1, "a") {
            return None;
        }
    }
    // Multiples written as one word: "fivefold", "tenfold".
    if let Some(stem) = t.lower.strip_suffix("fold") {
        let v = if stem == "hundred" {
            Some(100.0)
        } else {
            number_word(stem)
        };
        if let Some(v) = v {
            return Some((
                Some(make(
                    text,
                    toks,
                    start_tok,
                    i + 1,
                    v,
                    hedge,
                    Some("times".into()),
                    Some("ratio"),
                )),
                i + 1,
            ));
        }
    }
    // Currency before the number: "$", "US$", "£".
    let mut currency: Option<&'static str> = None;
    let mut factor = 1.0;
    if let Some((c, n)) = currency_before(toks, i) {
        currency = Some(c);
        let cstart = i - n;
        if hedge.is_none() {
            if let Some((h, s)) = hedge_before(toks, cstart) {
                hedge = Some(h);
                start_tok = s;
            } else {
                start_tok = cstart;
            }
        } else {
            start_tok = start_tok.min(cstart);
        }
    }
    let (mut value, mut end, words) = number_here(toks, i)?;
    if !words && currency.is_none() && is_name_number(toks, i) {
        return None;
    }
    // Ordinals ("18th"), times ("14:02"), scores and codes ("2-1", "737-800").
    if let Some(n) = at(toks, end) {
        if n.glued() && matches!(n.lower.as_ref(), "st" | "nd" | "rd" | "th") {
            return None;
        }
        if n.glued() && n.is_punct(':') {
            return None;
        }
    }
    if !words
        && currency.is_none()
        && glued_punct(toks, end, '-')
        && at(toks, end + 1).is_some_and(|n| n.glued() && n.is_num())
    {
        // "737-800" or "2-1": a range only with a unit after ("1,050-1,125 rupees").
        let after = number_here(toks, end + 1)
            .map(|(_, e, _)| e)
            .unwrap_or(end + 2);
        let has_unit = at(toks, after).is_some_and(|u| {
            currency_after(toks, after).is_some()
                || u.is_punct('%')
                || is_at(toks, after, "pct")
                || is_at(toks, after, "percent")
        });
        if !has_unit {
            return Some((None, after));
        }
    }
    // "the Six Nations", "Channel Four": a capitalised number word inside a sentence is a name.
    if words
        && t.is_capitalized()
        && !t.newline_before
        && prev(toks, i, 1).is_some_and(|p| p.kind == Kind::Word)
    {
        return None;
    }
    // "3D", "4x4": letters glued to digits that are no scale or unit make a code.
    if !words {
        if let Some(n) = at(toks, end).filter(|n| n.glued() && n.kind == Kind::Word) {
            if scale_of(&n.lower).is_none()
                && measure_unit(&n.lower).is_none()
                && currency_after(toks, end).is_none()
                && !matches!(n.lower.as_ref(), "st" | "nd" | "rd" | "th" | "s" | "pct")
            {
                return None;
            }
        }
    }
    // "one" needs something to count ("one of them" is a pronoun).
    if words
        && t.is("one")
        && (is_at(toks, end, "of")
            || at(toks, end).is_none_or(|n| n.kind != Kind::Word || is_stop(&n.lower)))
    {
        return None;
    }
    // Scale words: "15 mln", "2.5bn", "three billion", "1.5 million".
    if let Some(s) = at(toks, end).and_then(|n| scale_of(&n.lower).map(|v| (v, n))) {
        let (scale, n) = s;
        let single_letter = matches!(n.lower.as_ref(), "m" | "b" | "k");
        if !single_letter || n.glued() {
            value *= scale;
            end += 1;
            // "1.5 million", "three hundred thousand"
            if let Some(s2) = at(toks, end)
                .and_then(|n| scale_of(&n.lower))
                .filter(|s2| *s2 > scale && at(toks, end).is_none_or(|n| n.lower.len() != 1))
            {
                value *= s2;
                end += 1;
            }
        }
    }
    let mut unit: Option<String> = currency.map(str::to_string);
    let mut kind: Option<&'static str> = None;
    // Percentages.
    if at(toks, end)
        .is_some_and(|n| n.is_punct('%') || matches!(n.lower.as_ref(), "pct" | "percent"))
    {
        unit = Some("percent".into());
        end += 1;
    } else if is_at(toks, end, "per") && is_at(toks, end + 1, "cent") {
        unit = Some("percent".into());
        end += 2;
    } else if is_at(toks, end, "percentage") && is_at(toks, end + 1, "points") {
        unit = Some("percentage points".into());
        end += 2;
    }
    if unit.as_deref().is_some_and(|u| u.starts_with("percent")) {
        kind = Some("percentage");
        if currency.is_some() {
            unit = Some("percent".into());
        }
    } else if currency.is_none() {
        if let Some((c, n, f)) = currency_after(toks, end) {
            unit = Some(c.to_string());
            factor = f;
            end += n;
        }
    }
    if unit.is_some() && kind.is_none() {
        kind = Some("money");
        value *= factor;
    }
    // Ages: "18-year-old", "aged 45", "Smith, 45,".
    if kind.is_none() {
        if glued_punct(toks, end, '-')
            && is_at(toks, end + 1, "year")
            && glued_punct(toks, end + 2, '-')
            && is_at(toks, end + 3, "old")
        {
            return Some((
                Some(make(
                    text,
                    toks,
                    start_tok,
                    end + 4,
                    value,
                    hedge,
                    Some("years".into()),
                    Some("age"),
                )),
                end + 4,
            ));
        }
        if is_at(toks, end, "years") && is_at(toks, end + 1, "old") {
            return Some((
                Some(make(
                    text,
                    toks,
                    start_tok,
                    end + 2,
                    value,
                    hedge,
                    Some("years".into()),
                    Some("age"),
                )),
                end + 2,
            ));
        }
        let aged = prev(toks, start_tok, 1).is_some_and(|p| p.is("aged"));
        let appositive = !words
            && prev(toks, i, 1).is_some_and(|p| p.is_punct(','))
            && prev(toks, i, 2).is_some_and(|p| p.kind == Kind::Word && p.is_capitalized())
            && at(toks, end).is_some_and(|n| n.is_punct(','))
            && (1.0..=110.0).contains(&value)
            && value.fract() == 0.0;
        if aged || appositive {
            return Some((
                Some(make(
                    text,
                    toks,
                    start_tok,
                    end,
                    value,
                    hedge,
                    Some("years".into()),
                    Some("age"),
                )),
                end,
            ));
        }
        // Ratios: "16.2 times", "fivefold".
        if is_at(toks, end, "times") && !words || is_at(toks, end, "times") && value >= 2.0 {
            return Some((
                Some(make(
                    text,
                    toks,
                    start_tok,
                    end + 1,
                    value,
                    hedge,
                    Some("times".into()),
                    Some("ratio"),
                )),
                end + 1,
            ));
        }
        if glued_punct(toks, end, '-') && is_at(toks, end + 1, "fold") {
            return Some((
                Some(make(
                    text,
                    toks,
                    start_tok,
                    end + 2,
                    value,
                    hedge,
                    Some("times".into()),
                    Some("ratio"),
                )),
                end + 2,
            ));
        }
        if let Some(m) = at(toks, end).and_then(|n| measure_unit(&n.lower)) {
            unit = Some(m.to_string());
            kind = Some("measure");
            end += 1;
            if m == "kilowatt-hours" {
                while at(toks, end).is_some_and(|n| n.is("hours") || n.is_punct('-')) {
                    end += 1;
                }
            }
        }
    }
    // A unit-less year-like number after a preposition is the temporal stage's.
    let mut noun_end = end;
    if kind.is_none() {
        if let Some((noun, e)) = counted_noun(toks, end) {
            unit = Some(noun);
            noun_end = e;
            kind = Some("count");
        }
    }
    let kind = match kind {
        Some("count") | None => type_of(toks, start_tok, noun_end, unit.as_deref(), kind),
        k => k,
    };
    let span_end = if kind == Some("count") || kind == Some("casualties") {
        noun_end
    } else {
        end
    };
    Some((
        Some(make(
            text, toks, start_tok, span_end, value, hedge, unit, kind,
        )),
        span_end,
    ))
}

/// Casualties when a killing/arrest word is next to the figure; otherwise what was found.
fn type_of(
    toks: Toks,
    start: usize,
    end: usize,
    unit: Option<&str>,
    found: Option<&'static str>,
) -> Option<&'static str> {
    let window = |from: usize, to: usize| {
        (from..to).any(|k| at(toks, k).is_some_and(|t| is_casualty_cue(&t.lower)))
    };
    let before = window(start.saturating_sub(4), start);
    let after = window(end, end + 4);
    let within = unit.is_some_and(|u| {
        u.split(' ')
            .any(|w| is_casualty_cue(&w.to_ascii_lowercase()))
    });
    if before || after || within {
        return Some("casualties");
    }
    found
}

#[allow(clippy::too_many_arguments)]
fn make(
    text: &str,
    toks: Toks,
    start: usize,
    end: usize,
    value: f64,
    hedge: Option<&str>,
    unit: Option<String>,
    kind: Option<&str>,
) -> Figure {
    let s = at(toks, start).map(|t| t.start).unwrap_or(0);
    let e = end
        .checked_sub(1)
        .and_then(|k| at(toks, k))
        .map(|t| t.end)
        .unwrap_or(s);
    let span = Span::new(s, e.max(s));
    Figure {
        start: span.start,
        end: span.end,
        text: span.slice(text).to_string(),
        value: Some(value),
        hedge: hedge.map(str::to_string),
        unit,
        kind: kind.map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Row = (
        String,
        Option<f64>,
        Option<String>,
        Option<String>,
        Option<String>,
    );

    fn figs(text: &str) -> Vec<Row> {
        extract_figures(text)
            .into_iter()
            .map(|f| (f.text, f.value, f.hedge, f.unit, f.kind))
            .collect()
    }

    #[test]
    fn casualties_with_hedges() {
        let v = figs("A bombing on Jan. 3 killed about 100 people, while gunmen killed more than 130 people.");
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!(v[0].1, Some(100.0));
        assert_eq!(v[0].2.as_deref(), Some("about"));
        assert_eq!(v[0].3.as_deref(), Some("people"));
        assert_eq!(v[0].4.as_deref(), Some("casualties"));
        assert_eq!(v[1].2.as_deref(), Some("more than"));
    }

    #[test]
    fn money_and_percent() {
        let v = figs("fetched a whopping US$150,000 at an auction; shares rallied 178 percent and 15.2 mln dlrs and £3.5bn and NT$20 billion");
        assert_eq!(v[0].1, Some(150000.0));
        assert_eq!(v[0].3.as_deref(), Some("USD"));
        assert_eq!(v[1].1, Some(178.0));
        assert_eq!(v[1].4.as_deref(), Some("percentage"));
        assert_eq!(v[2].1, Some(15.2e6));
        assert_eq!(v[3].3.as_deref(), Some("GBP"));
        assert_eq!(v[3].1, Some(3.5e9));
        assert_eq!(v[4].3.as_deref(), Some("TWD"));
    }

    #[test]
    fn vague_counts_ages_and_exclusions() {
        let v = figs("tens of thousands of Tajiks, an 18-year-old Chechen man, more than a dozen people, in 2016, Group 24, for 30 years, about 30 Tajik families living here");
        let texts: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            texts,
            [
                "tens of thousands of Tajiks",
                "18-year-old",
                "more than a dozen people",
                "about 30 Tajik families"
            ],
            "{v:?}"
        );
        assert_eq!(v[0].1, Some(20000.0));
        assert_eq!(v[1].4.as_deref(), Some("age"));
        assert_eq!(v[2].1, Some(12.0));
        assert_eq!(v[3].3.as_deref(), Some("Tajik families"));
    }

    #[test]
    fn words_scales_and_ages() {
        let v = figs("half a million people, €5bn, 10 per cent, 2.5 percentage points, John Smith, 45, said; aged 30, twenty-five TV channels, 75 cts, Group 24 and a G7 summit");
        type Brief<'a> = (&'a str, Option<f64>, Option<&'a str>, Option<&'a str>);
        let got: Vec<Brief> = v
            .iter()
            .map(|x| (x.0.as_str(), x.1, x.3.as_deref(), x.4.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "half a million people",
                    Some(500_000.0),
                    Some("people"),
                    Some("count")
                ),
                ("€5bn", Some(5e9), Some("EUR"), Some("money")),
                (
                    "10 per cent",
                    Some(10.0),
                    Some("percent"),
                    Some("percentage")
                ),
                (
                    "2.5 percentage points",
                    Some(2.5),
                    Some("percentage points"),
                    Some("percentage")
                ),
                ("45", Some(45.0), Some("years"), Some("age")),
                ("30", Some(30.0), Some("years"), Some("age")),
                (
                    "twenty-five TV channels",
                    Some(25.0),
                    Some("TV channels"),
                    Some("count")
                ),
                ("75 cts", Some(0.75), Some("USD"), Some("money")),
            ]
        );
    }

    #[test]
    fn ranges_share_units() {
        let v = figs("between 50 and 60% and 30 to 60 billion baht");
        assert_eq!(v[0].3.as_deref(), Some("percent"));
        assert_eq!(v[2].1, Some(30e9));
        assert_eq!(v[2].3.as_deref(), Some("THB"));
    }
}
