//! RSS 2.0 and Atom feeds.

use newsgraph_ingest::web::feed::parse_feed;
use newsgraph_ingest::web::{sniff, WebFormat};

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example Wire</title><link>https://wire.example.com/</link><language>en-us</language>
  <item>
    <title>Council approves budget</title>
    <link>https://wire.example.com/budget</link>
    <guid>https://wire.example.com/budget</guid>
    <pubDate>Tue, 23 Jul 2024 09:30:00 GMT</pubDate>
    <author>desk@wire.example.com (Jane Doe)</author>
    <category>Politics</category>
    <description><![CDATA[<p>The city council approved the budget on Tuesday after a long debate over&hellip;</p>]]></description>
  </item>
  <item>
    <title>Full text item</title>
    <link>https://wire.example.com/full</link>
    <pubDate>Wed, 24 Jul 2024 10:00:00 +0200</pubDate>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>First paragraph of the whole story, which the feed carries in full.</p><p>Second paragraph, with the quote: "We are pleased," the mayor said.</p>]]></content:encoded>
  </item>
  <item><title>No text</title><link>https://wire.example.com/empty</link></item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Le Journal</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2024-07-23T18:30:02Z</updated>
  <entry>
    <title>Le conseil adopte le budget</title>
    <link rel="alternate" href="https://journal.example.fr/budget"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <published>2024-07-23T08:00:00+02:00</published>
    <updated>2024-07-23T18:30:02Z</updated>
    <author><name>Marie Dupont</name></author>
    <summary type="html">&lt;p&gt;Le conseil municipal a adopté mardi le budget pour l'année prochaine [&amp;#8230;]&lt;/p&gt;</summary>
  </entry>
</feed>"#;

#[test]
fn rss_items_become_articles() {
    let articles = parse_feed(RSS.as_bytes(), "wire.rss").unwrap();
    assert_eq!(articles.len(), 2, "the item without text is skipped");
    let teaser = &articles[0];
    assert_eq!(teaser.title.as_deref(), Some("Council approves budget"));
    assert_eq!(
        teaser.url.as_deref(),
        Some("https://wire.example.com/budget")
    );
    assert_eq!(teaser.outlet.as_deref(), Some("Example Wire"));
    assert_eq!(teaser.language.as_deref(), Some("en"));
    assert_eq!(
        teaser.published.as_ref().unwrap().value,
        "2024-07-23T09:30:00+00:00"
    );
    assert_eq!(teaser.credits.byline, vec!["Jane Doe"]);
    assert!(teaser.text.starts_with("The city council approved"));
    assert!(teaser.truncated);
    assert!(teaser
        .truncation_reason
        .as_deref()
        .unwrap()
        .contains("cut mark"));
    assert_eq!(teaser.source.file, "wire.rss#item-1");

    let full = &articles[1];
    assert_eq!(full.paragraphs.len(), 2);
    assert!(full.text.contains("the mayor said"));
    assert!(!full.truncated, "{:?}", full.truncation_reason);
}

#[test]
fn atom_entries_become_articles() {
    let articles = parse_feed(ATOM.as_bytes(), "journal.atom").unwrap();
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    assert_eq!(a.title.as_deref(), Some("Le conseil adopte le budget"));
    assert_eq!(a.url.as_deref(), Some("https://journal.example.fr/budget"));
    assert_eq!(a.credits.byline, vec!["Marie Dupont"]);
    assert_eq!(
        a.published.as_ref().unwrap().value,
        "2024-07-23T06:00:00+00:00"
    );
    assert_eq!(a.outlet.as_deref(), Some("Le Journal"));
    assert!(a.truncated);
}

#[test]
fn broken_feeds_are_errors() {
    assert!(
        parse_feed(b"<rss><channel><item><title>x", "cut.rss").is_err()
            || parse_feed(b"<rss><channel><item><title>x", "cut.rss")
                .unwrap()
                .is_empty()
    );
    let err = parse_feed(b"not xml at all", "junk.rss").unwrap_err();
    assert!(err.to_string().contains("junk.rss"));
}

#[test]
fn feeds_are_sniffed() {
    assert_eq!(
        sniff("feed.xml".as_ref(), RSS.as_bytes()),
        Some(WebFormat::Feed)
    );
    assert_eq!(
        sniff("feed".as_ref(), ATOM.as_bytes()),
        Some(WebFormat::Feed)
    );
}
