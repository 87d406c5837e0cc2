//! Word lists the attribution rules consult. Reporting verbs come from `data/attribution/` (the MIT
//! list of Maite Taboada's Gender Gap Tracker plus our additions, minus forms that are mostly nouns);
//! the smaller closed classes live here.

use std::collections::{HashMap, HashSet};

use once_cell::sync::Lazy;

const VERBS_BASE: &str = include_str!("../../data/attribution/quote_verbs.en.txt");
const VERBS_EXTRA: &str = include_str!("../../data/attribution/quote_verbs.extra.txt");
const VERBS_EXCLUDE: &str = include_str!("../../data/attribution/quote_verbs.exclude.txt");

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

static REPORTING_VERBS: Lazy<HashSet<String>> = Lazy::new(|| {
    let exclude: HashSet<&str> = lines(VERBS_EXCLUDE).collect();
    lines(VERBS_BASE)
        .chain(lines(VERBS_EXTRA))
        .filter(|w| !exclude.contains(w))
        .map(str::to_string)
        .collect()
});

/// A reporting verb form ("said", "told", "adding"), lower case.
pub fn is_reporting_verb(lower: &str) -> bool {
    REPORTING_VERBS.contains(lower)
}

/// Verbs whose first complement is the hearer ("told Reuters …", "assured MPs …").
pub fn takes_hearer(lower: &str) -> bool {
    matches!(
        lower,
        "told"
            | "tells"
            | "tell"
            | "telling"
            | "informed"
            | "assured"
            | "assures"
            | "reassured"
            | "advised"
    )
}

/// Verbs that report speech only with an explicit clause or quote after them ("wrote that …").
pub fn needs_clause_marker(lower: &str) -> bool {
    matches!(
        lower,
        "wrote"
            | "writes"
            | "write"
            | "writing"
            | "tweeted"
            | "tweets"
            | "tweet"
            | "tweeting"
            | "agreed"
            | "agree"
            | "agrees"
            | "promised"
            | "promises"
            | "promise"
            | "pledged"
            | "pledges"
            | "pledge"
            | "predicted"
            | "predicts"
            | "predicting"
            | "predict"
            | "forecast"
            | "forecasts"
            | "estimated"
            | "estimate"
            | "recall"
            | "recalls"
            | "recalled"
            | "recalling"
            | "accused"
            | "accuse"
            | "accuses"
            | "accusing"
            | "demanded"
            | "demands"
            | "revealed"
            | "reveals"
            | "reveal"
            | "announced"
            | "announces"
            | "announce"
            | "announcing"
            | "confirmed"
            | "confirms"
            | "confirm"
            | "signalled"
            | "signaled"
            | "maintained"
            | "maintains"
            | "suggested"
            | "suggests"
            | "suggest"
            | "indicated"
            | "indicates"
            | "accepted"
            | "explained"
            | "explains"
            | "queried"
            | "tell"
            | "ruled"
            | "rules"
            | "questioned"
            | "accept"
            | "accepts"
            | "continued"
            | "conceded"
            | "concedes"
            | "insisted"
            | "added"
            | "argued"
            | "stressed"
            | "stresses"
            | "stress"
            | "denied"
            | "denies"
            | "deny"
            | "warned"
            | "warns"
            | "warn"
            | "admitted"
            | "admits"
            | "admit"
            | "acknowledged"
            | "acknowledges"
            | "acknowledge"
            | "urged"
            | "urges"
            | "urge"
            | "asked"
            | "asks"
            | "ask"
            | "hinted"
            | "hints"
            | "described"
            | "claimed"
            | "claim"
            | "responded"
            | "responds"
            | "respond"
            | "replied"
            | "replies"
            | "reply"
            | "remarked"
    )
}

/// Verbs after which the hearer of a request follows ("urged ministers to …").
pub fn takes_object_infinitive(lower: &str) -> bool {
    matches!(
        lower,
        "urged" | "urges" | "urge" | "urging" | "asked" | "asks" | "ask" | "asking" | "advised"
    )
}

/// Words that may sit between a subject and its reporting verb ("has also said").
pub fn is_verb_group_filler(lower: &str) -> bool {
    matches!(
        lower,
        "has"
            | "have"
            | "had"
            | "also"
            | "later"
            | "previously"
            | "earlier"
            | "then"
            | "again"
            | "repeatedly"
            | "recently"
            | "will"
            | "would"
            | "did"
            | "does"
            | "do"
            | "publicly"
            | "separately"
            | "further"
            | "subsequently"
            | "once"
            | "often"
            | "always"
            | "never"
            | "already"
            | "privately"
            | "openly"
            | "simply"
            | "yesterday"
            | "today"
            | "himself"
            | "herself"
            | "themselves"
            | "itself"
            | "reportedly"
            | "allegedly"
            | "first"
            | "may"
            | "might"
            | "could"
            | "can"
            | "should"
            | "is"
            | "are"
            | "was"
            | "were"
            | "am"
            | "being"
            | "been"
            | "be"
            | "not"
            | "still"
            | "even"
            | "clearly"
            | "specifically"
            | "explicitly"
            | "flatly"
            | "strongly"
            | "angrily"
            | "categorically"
            | "vehemently"
            | "firmly"
            | "correctly"
            | "rightly"
            | "wrongly"
            | "just"
            | "only"
            | "merely"
            | "meanwhile"
            | "however"
            | "instead"
            | "too"
    )
}

/// Words that open an adverbial after the verb ("said in an interview", "said on Monday").
pub fn opens_adverbial(lower: &str) -> bool {
    matches!(
        lower,
        "in" | "on"
            | "at"
            | "during"
            | "last"
            | "this"
            | "earlier"
            | "later"
            | "yesterday"
            | "today"
            | "tonight"
            | "afterwards"
            | "previously"
            | "recently"
            | "late"
            | "early"
            | "after"
            | "before"
            | "when"
            | "while"
            | "from"
            | "via"
            | "through"
            | "over"
            | "outside"
            | "inside"
            | "shortly"
            | "separately"
            | "again"
            | "also"
            | "then"
    )
}

/// Words that end a subject noun phrase on its left ("… although authorities say").
pub fn is_clause_boundary_word(lower: &str) -> bool {
    matches!(
        lower,
        "that"
            | "although"
            | "though"
            | "while"
            | "whilst"
            | "whereas"
            | "because"
            | "as"
            | "when"
            | "if"
            | "but"
            | "so"
            | "yet"
            | "or"
            | "where"
            | "after"
            | "before"
            | "since"
            | "until"
            | "unless"
            | "whether"
            | "then"
            | "however"
            | "meanwhile"
            | "instead"
            | "indeed"
            | "now"
            | "nor"
    )
}

/// Finite verbs and auxiliaries: a subject noun phrase does not contain them (outside a relative
/// clause).
pub fn is_finite_verb_word(lower: &str) -> bool {
    matches!(
        lower,
        "is" | "are"
            | "was"
            | "were"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "does"
            | "did"
            | "do"
            | "be"
            | "been"
            | "being"
            | "shall"
            | "am"
            | "said"
            | "says"
            | "say"
            | "told"
            | "added"
            | "wants"
            | "wanted"
            | "made"
            | "makes"
            | "went"
            | "came"
            | "took"
            | "gave"
            | "got"
            | "received"
            | "announced"
            | "became"
            | "called"
            | "described"
            | "needs"
            | "needed"
            | "remains"
            | "seems"
            | "appears"
    )
}

pub fn is_determiner(lower: &str) -> bool {
    matches!(
        lower,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "these"
            | "those"
            | "this"
            | "such"
            | "no"
            | "any"
            | "every"
            | "each"
    )
}

pub fn is_preposition(lower: &str) -> bool {
    matches!(
        lower,
        "in" | "on"
            | "at"
            | "for"
            | "with"
            | "from"
            | "by"
            | "during"
            | "after"
            | "before"
            | "to"
            | "of"
            | "into"
            | "under"
            | "over"
            | "about"
            | "against"
            | "among"
            | "amid"
            | "despite"
            | "without"
            | "within"
            | "through"
            | "since"
            | "like"
            | "unlike"
            | "ahead"
            | "following"
            | "last"
            | "earlier"
    )
}

/// Subject pronouns that can be speakers outside quotes.
pub fn is_speaker_pronoun(lower: &str) -> bool {
    matches!(lower, "he" | "she" | "they" | "it")
}

/// Words that start a clause after a reporting verb ("told Reuters *they* were …").
pub fn starts_clause(lower: &str) -> bool {
    matches!(
        lower,
        "he" | "she"
            | "they"
            | "it"
            | "we"
            | "i"
            | "there"
            | "this"
            | "that"
            | "these"
            | "those"
            | "the"
            | "his"
            | "her"
            | "their"
            | "its"
            | "a"
            | "an"
            | "no"
            | "some"
            | "many"
            | "most"
            | "all"
            | "if"
            | "when"
            | "while"
            | "what"
            | "how"
            | "why"
            | "whether"
            | "one"
            | "you"
            | "everyone"
            | "nobody"
            | "nothing"
    )
}

/// Hearers that stand alone after "told" ("told them", "told reporters").
pub fn is_bare_hearer(lower: &str) -> bool {
    matches!(
        lower,
        "them"
            | "him"
            | "her"
            | "us"
            | "me"
            | "you"
            | "reporters"
            | "journalists"
            | "mps"
            | "delegates"
            | "parliament"
            | "lawmakers"
            | "supporters"
            | "listeners"
            | "viewers"
            | "police"
            | "officials"
            | "investigators"
            | "members"
            | "peers"
            | "colleagues"
            | "activists"
            | "party"
    )
}

/// How a common noun at the head of a speaker phrase classifies the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NounClass {
    /// One unnamed person: "a source", "an official".
    Person,
    /// Several unnamed people: "officials", "people familiar with …".
    Group,
    /// An institution acting as a body: "authorities", "police", "the ministry".
    Institution,
    /// Someone speaking for a body: "a spokesman".
    Spokes,
    /// A document that "says" something: "the report", "a statement".
    Document,
}

static SPEAKER_NOUNS: Lazy<HashMap<&'static str, NounClass>> = Lazy::new(|| {
    use NounClass::*;
    let person = "source official spokesman spokeswoman spokesperson expert analyst diplomat aide adviser advisor \
        insider resident witness lawyer attorney member employee worker executive person man woman spy activist \
        academic researcher economist commentator observer politician lawmaker legislator senator campaigner \
        critic supporter voter teacher doctor nurse farmer student businessman businesswoman friend relative neighbour \
        neighbor colleague strategist negotiator envoy ambassador commander soldier agent investigator detective \
        prosecutor consultant correspondent professor scientist specialist veteran leader minister officer chairman chairwoman \
        director manager mother father son daughter wife husband brother sister owner boss chief secretary \
        candidate dissident refugee migrant journalist reporter editor writer author historian pollster banker \
        trader lobbyist organiser organizer protester protestor survivor victim relative mp mep peer backbencher \
        insider operative official participant delegate representative head president governor mayor councillor \
        inspector official-turned-critic partner".split_whitespace().map(|w| (w, Person));
    let group = "sources officials experts analysts diplomats aides advisers advisors insiders residents witnesses \
        lawyers attorneys members employees workers executives people persons men women spies activists academics \
        researchers economists commentators observers politicians lawmakers legislators senators campaigners critics \
        supporters voters teachers doctors nurses farmers students businessmen friends relatives neighbours neighbors \
        colleagues strategists negotiators envoys diplomats commanders soldiers agents detectives consultants makers correspondents \
        professors scientists specialists veterans leaders ministers directors managers owners bosses chiefs \
        candidates dissidents refugees migrants journalists reporters editors historians pollsters bankers traders \
        lobbyists organisers organizers protesters protestors survivors victims families parents mps meps peers \
        backbenchers participants delegates representatives others counterintelligence-experts users residents \
        citizens locals villagers staff unions groups"
        .split_whitespace()
        .map(|w| (w, Group));
    let institution = "authorities police prosecutors investigators judges judge government ministry department officers army \
        military court regulator regulators council commission committee agency office administration cabinet \
        embassy party parliament company firm bank navy forces force tribunal inquiry panel watchdog union \
        organisation organization group coalition campaign opposition establishment kremlin prosecution defence \
        defense prosecutor's state ministries governments agencies companies firms banks courts parties \
        intelligence services service federation association".split_whitespace().map(|w| (w, Institution));
    let spokes =
        "spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen representative"
            .split_whitespace()
            .map(|w| (w, Spokes));
    let document = "report study statement survey document letter poll research guidance paper analysis review \
        memo filing website figures data documents reports statements letters studies surveys polls release \
        communique note indictment complaint lawsuit ruling judgment judgement verdict"
        .split_whitespace()
        .map(|w| (w, Document));
    // Later entries win: a spokesman is Spokes, not Person.
    person
        .chain(group)
        .chain(institution)
        .chain(spokes)
        .chain(document)
        .collect()
});

pub fn speaker_noun(lower: &str) -> Option<NounClass> {
    SPEAKER_NOUNS.get(lower).copied()
}

/// Titles and offices that precede a name ("Home Secretary Charles Clarke", "Mr Blair").
pub fn is_title_word(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Miss"
            | "Mx"
            | "Dr"
            | "Prof"
            | "Professor"
            | "Sir"
            | "Lord"
            | "Lady"
            | "Dame"
            | "Baroness"
            | "Baron"
            | "Rev"
            | "Reverend"
            | "President"
            | "Prime"
            | "Minister"
            | "Secretary"
            | "Chancellor"
            | "Leader"
            | "Chief"
            | "Director"
            | "Chairman"
            | "Chairwoman"
            | "Chair"
            | "Spokesman"
            | "Spokeswoman"
            | "Senator"
            | "Sen"
            | "Rep"
            | "Representative"
            | "Governor"
            | "Gov"
            | "Mayor"
            | "Judge"
            | "Justice"
            | "General"
            | "Gen"
            | "Colonel"
            | "Col"
            | "Captain"
            | "Capt"
            | "Commander"
            | "Ambassador"
            | "Officer"
            | "King"
            | "Queen"
            | "Prince"
            | "Princess"
            | "Pope"
            | "Bishop"
            | "Archbishop"
            | "Cardinal"
            | "Deputy"
            | "Vice"
            | "Attorney"
            | "Shadow"
            | "Speaker"
            | "Commissioner"
            | "Inspector"
            | "Superintendent"
            | "Constable"
            | "Sergeant"
            | "MP"
            | "MEP"
            | "MSP"
            | "AM"
            | "QC"
            | "KC"
            | "Councillor"
            | "Cllr"
            | "Sheriff"
            | "Detective"
            | "Det"
            | "Lieutenant"
            | "Lt"
            | "Sgt"
            | "Major"
            | "Admiral"
            | "Marshal"
            | "Emir"
            | "Sheikh"
            | "Ayatollah"
            | "Imam"
            | "Rabbi"
            | "Father"
            | "Sister"
            | "Brother"
            | "Premier"
            | "Chief Executive"
            | "Executive"
            | "Head"
            | "Home"
            | "Foreign"
            | "Health"
            | "Education"
            | "Defence"
            | "Defense"
            | "Trade"
            | "Industry"
            | "Culture"
            | "Transport"
            | "Environment"
            | "Work"
            | "Pensions"
            | "Treasury"
            | "Interior"
            | "Economy"
            | "Finance"
            | "Labour"
            | "Tory"
            | "Conservative"
            | "Democrat"
            | "Democratic"
            | "Republican"
            | "Liberal"
            | "Lib"
            | "Dem"
            | "Green"
            | "Independent"
            | "Former"
            | "Acting"
            | "Junior"
            | "Senior"
            | "Mrs."
            | "Mr."
            | "Ms."
            | "Dr."
            | "Northern"
            | "Scottish"
            | "Welsh"
            | "Irish"
            | "British"
            | "French"
            | "US"
            | "UK"
            | "EU"
            | "Affairs"
            | "Constitutional"
            | "Solicitor"
            | "Advocate"
            | "Officer,"
            | "Sports"
            | "Media"
            | "Energy"
            | "Business"
            | "International"
            | "Development"
            | "Local"
            | "Government"
            | "Immigration"
            | "Security"
            | "Armed"
            | "Forces"
            | "State"
            | "Communities"
            | "Party"
            | "Olympics"
            | "Family"
    )
}

/// Male or female title.
pub fn title_gender(word: &str) -> Option<Gender> {
    match word.trim_end_matches('.') {
        "Mr" | "Sir" | "Lord" | "Baron" | "King" | "Prince" | "Father" | "Brother" => {
            Some(Gender::Male)
        }
        "Mrs" | "Ms" | "Miss" | "Lady" | "Dame" | "Baroness" | "Queen" | "Princess" | "Sister" => {
            Some(Gender::Female)
        }
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

static FIRST_NAMES: Lazy<HashMap<&'static str, Gender>> = Lazy::new(|| {
    let mut m = HashMap::new();
    for line in lines(include_str!("../../data/attribution/first_names.txt")) {
        let mut it = line.split_whitespace();
        let g = match it.next() {
            Some("m") => Gender::Male,
            Some("f") => Gender::Female,
            _ => continue,
        };
        for name in it {
            m.insert(name, g);
        }
    }
    m
});

/// The usual gender of a given name, if the list knows it.
pub fn first_name_gender(name: &str) -> Option<Gender> {
    FIRST_NAMES.get(name).copied()
}

/// Title-like words that are dropped from canonical names ("Mr Blair" → "Blair").
pub fn is_honorific(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "Mr" | "Mrs" | "Ms" | "Miss" | "Mx" | "Dr" | "Prof" | "Professor"
    )
}

/// Capitalised words that name organisations rather than people when they head a name.
pub fn is_org_word(word: &str) -> bool {
    matches!(
        word,
        "Ministry"
            | "Department"
            | "Office"
            | "Party"
            | "Association"
            | "Council"
            | "Commission"
            | "Committee"
            | "Court"
            | "Police"
            | "Union"
            | "Bank"
            | "Corporation"
            | "Corp"
            | "Company"
            | "Co"
            | "Group"
            | "Agency"
            | "Institute"
            | "Institution"
            | "University"
            | "College"
            | "School"
            | "Foundation"
            | "Trust"
            | "Service"
            | "Services"
            | "Authority"
            | "Government"
            | "Parliament"
            | "Assembly"
            | "Congress"
            | "Senate"
            | "Army"
            | "Navy"
            | "Forces"
            | "Force"
            | "Command"
            | "Federation"
            | "League"
            | "Organisation"
            | "Organization"
            | "Society"
            | "Board"
            | "Bureau"
            | "Chamber"
            | "Chambers"
            | "Inc"
            | "Ltd"
            | "plc"
            | "PLC"
            | "LLC"
            | "News"
            | "Times"
            | "Post"
            | "Journal"
            | "Telegraph"
            | "Guardian"
            | "Herald"
            | "Reuters"
            | "BBC"
            | "Network"
            | "Club"
            | "Centre"
            | "Center"
            | "Executive"
            | "Cabinet"
            | "Treasury"
            | "Exchequer"
            | "Street"
            | "House"
            | "Kremlin"
            | "Pentagon"
            | "Whitehall"
            | "Tories"
            | "Conservatives"
            | "Labour"
            | "Democrats"
            | "Republicans"
            | "Greens"
            | "Alliance"
            | "Front"
            | "Movement"
            | "Coalition"
            | "Campaign"
            | "Fund"
            | "Unit"
            | "Team"
            | "Watch"
            | "International"
            | "Monitor"
            | "Observatory"
            | "Tribunal"
            | "Inquiry"
            | "Panel"
            | "Directorate"
            | "Secretariat"
            | "Embassy"
            | "Consulate"
            | "Mission"
            | "Delegation"
            | "Brigade"
            | "Guard"
            | "Guards"
            | "Hospital"
            | "Church"
            | "Airlines"
            | "Airways"
            | "Motors"
            | "Industries"
            | "Holdings"
            | "Partners"
            | "Capital"
            | "Systems"
            | "Technologies"
            | "Media"
            | "Press"
            | "Commons"
            | "Lords"
            | "Confederation"
            | "Ofsted"
            | "Dems"
            | "States"
            | "Emirates"
            | "Cathedral"
            | "Hotel"
            | "Park"
            | "Square"
            | "Bridge"
            | "Airport"
            | "Station"
            | "Road"
            | "Avenue"
            | "Palace"
            | "Castle"
            | "Abbey"
            | "Museum"
            | "Gallery"
            | "Stadium"
            | "Arena"
            | "Prison"
            | "Island"
            | "Valley"
            | "River"
            | "Lake"
            | "Mountains"
            | "County"
            | "Province"
            | "District"
            | "Region"
            | "Alliance's"
            | "Sports"
            | "Ofcom"
            | "Liberty"
            | "Institute's"
            | "Commissioner's"
            | "Secretariat's"
            | "State"
            | "Interior"
            | "Affairs"
            | "Hall"
            | "City"
            | "Republic"
            | "Kingdom"
            | "Nations"
            | "Islands"
            | "UN"
            | "EU"
            | "NATO"
            | "Nato"
            | "CBI"
            | "TUC"
            | "UKIP"
            | "Ukip"
            | "SNP"
            | "NHS"
            | "FBI"
            | "CIA"
            | "IMF"
            | "OECD"
    )
}

/// Capitalised words naming a nationality or a level of government rather than an organisation:
/// "French authorities" stay unnamed, "Paris police" is a named body.
pub fn is_demonym(word: &str) -> bool {
    static SET: Lazy<HashSet<&'static str>> = Lazy::new(|| {
        "French British English Scottish Welsh Irish American US U.S. UK Russian Chinese German Italian Spanish \
         Iranian Iraqi Afghan Pakistani Indian Israeli Palestinian Syrian Turkish Ukrainian Polish Japanese Korean \
         Tajik Uzbek Kyrgyz Kazakh Turkmen Chechen European Western Eastern Northern Southern Arab African Asian \
         Central Canadian Australian Mexican Brazilian Egyptian Saudi Lebanese Jordanian Yemeni Libyan Sudanese \
         Nigerian Kenyan Ethiopian Somali Greek Dutch Belgian Swiss Austrian Swedish Norwegian Danish Finnish \
         Hungarian Czech Romanian Bulgarian Serbian Croatian Bosnian Albanian Georgian Armenian Azerbaijani \
         Belarusian Taiwanese Vietnamese Thai Filipino Indonesian Malaysian Burmese Bangladeshi Nepalese Cuban \
         Venezuelan Colombian Argentine Chilean Peruvian Scandinavian Baltic Kurdish Jewish Muslim Christian \
         Catholic Islamic Islamist Federal State Local Regional National Senior Top Former Foreign Security \
         Intelligence Military Government Israeli Emirati Qatari Bahraini Omani Kuwaiti Algerian Moroccan \
         Tunisian Ghanaian South North East West Western-backed Soviet Communist United"
            .split_whitespace()
            .collect()
    });
    SET.contains(word)
}

/// Capitalised words that begin sentences without being names.
pub fn is_sentence_function_word(word: &str) -> bool {
    static SET: Lazy<HashSet<&'static str>> = Lazy::new(|| {
        "The A An But And In On At It He She They We I This That These Those There Last Next Yet So If When While \
         After Before As Since Although Though For With Without From By Of To Meanwhile However Instead Still \
         Now Then Earlier Later Asked According Speaking Reached Along Among Despite During Under Over Many Most \
         Some Several Both All Each Every Other Another One Two Three Four Five Six Seven Eight Nine Ten More Few \
         His Her Their Its Our My Your What Who Why How Where Which Whether Nor Not No Yes Also Even Only Just \
         Unlike Like About Around Until Unless Because Once Such Ahead Amid Following Including Indeed Instead \
         Overall Perhaps Thus Therefore Yesterday Today Tomorrow Monday Tuesday Wednesday Thursday Friday \
         Saturday Sunday January February March April May June July August September October November December"
            .split_whitespace()
            .collect()
    });
    SET.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_loads_and_excludes_noun_forms() {
        assert!(is_reporting_verb("said"));
        assert!(is_reporting_verb("told"));
        assert!(is_reporting_verb("added"));
        assert!(is_reporting_verb("insisted"));
        assert!(!is_reporting_verb("states"));
        assert!(!is_reporting_verb("release"));
        assert!(!is_reporting_verb("continue"));
    }

    #[test]
    fn speaker_nouns_classify() {
        assert_eq!(speaker_noun("source"), Some(NounClass::Person));
        assert_eq!(speaker_noun("experts"), Some(NounClass::Group));
        assert_eq!(speaker_noun("authorities"), Some(NounClass::Institution));
        assert_eq!(speaker_noun("spokesman"), Some(NounClass::Spokes));
        assert_eq!(speaker_noun("report"), Some(NounClass::Document));
        assert_eq!(speaker_noun("table"), None);
    }
}
