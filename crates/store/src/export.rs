//! Exports: articles, entities, attributions and the entity graph as JSON Lines, CSV or GEXF.

use std::io::Write;

use crate::sql::{col, Val};
use crate::*;

/// File format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object a line.
    Jsonl,
    /// CSV with a header row (RFC 4180).
    Csv,
    /// GEXF 1.3, the graph format Gephi opens.
    Gexf,
}

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportWhat {
    /// Every article as analysed.
    Articles,
    /// Canonical entities with their counts.
    Entities,
    /// Every attributed statement.
    Attributions,
    /// The entity graph.
    Graph,
}

/// Quotes a CSV field when it needs it (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_line(out: &mut dyn Write, fields: &[String]) -> Result<(), StoreError> {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    writeln!(out, "{}", line.join(","))?;
    Ok(())
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

const CHUNK: i64 = 500;

impl Store {
    /// Writes an export; returns the number of records written.
    pub fn export(
        &self,
        what: ExportWhat,
        format: ExportFormat,
        graph_nodes: usize,
        out: &mut dyn Write,
    ) -> Result<usize, StoreError> {
        match (what, format) {
            (ExportWhat::Graph, _) => self.export_graph(format, graph_nodes, out),
            (_, ExportFormat::Gexf) => Err(StoreError::Invalid(
                "GEXF is a graph format: use it with the graph export".into(),
            )),
            (ExportWhat::Articles, f) => self.export_articles(f, out),
            (ExportWhat::Entities, f) => self.export_entities(f, out),
            (ExportWhat::Attributions, f) => self.export_attributions(f, out),
        }
    }

    fn export_articles(
        &self,
        format: ExportFormat,
        out: &mut dyn Write,
    ) -> Result<usize, StoreError> {
        let mut n = 0;
        let mut after = 0i64;
        if format == ExportFormat::Csv {
            csv_line(
                out,
                &[
                    "seq",
                    "id",
                    "title",
                    "outlet",
                    "url",
                    "published",
                    "source_file",
                    "word_count",
                    "truncated",
                    "attributions",
                    "named_sources",
                    "anonymous_sources",
                    "non_responses",
                ]
                .map(String::from),
            )?;
        }
        loop {
            let rows = self.reader()?.query(
                "SELECT seq, id, title, outlet, url, published, source_file, word_count, truncated, attributions, \
                 named_sources, anonymous_sources, non_responses, doc, doc_packed, text, text_packed FROM articles WHERE seq > $1 ORDER BY seq LIMIT $2",
                &[Val::Int(after), Val::Int(CHUNK)],
            )?;
            let Some(last) = rows.last() else { break };
            after = col(last, 0).int();
            for r in &rows {
                match format {
                    ExportFormat::Jsonl => writeln!(
                        out,
                        "{}",
                        crate::query::document(
                            &crate::packed::doc_json(r, 13)?,
                            crate::packed::article_text(r, 15)?
                        )?
                    )?,
                    _ => csv_line(out, &(0..13).map(|i| col(r, i).text()).collect::<Vec<_>>())?,
                }
                n += 1;
            }
        }
        Ok(n)
    }

    fn export_entities(
        &self,
        format: ExportFormat,
        out: &mut dyn Write,
    ) -> Result<usize, StoreError> {
        let mut n = 0;
        let mut after = 0i64;
        if format == ExportFormat::Csv {
            csv_line(
                out,
                &[
                    "id",
                    "name",
                    "type",
                    "mentions",
                    "articles",
                    "aliases",
                    "titles",
                    "descriptors",
                ]
                .map(String::from),
            )?;
        }
        loop {
            let rows = self.reader()?.query(
                "SELECT entity_id, name, type, mentions, articles FROM entities WHERE entity_id > $1 ORDER BY entity_id LIMIT $2",
                &[Val::Int(after), Val::Int(CHUNK)],
            )?;
            let Some(last) = rows.last() else { break };
            after = col(last, 0).int();
            for r in &rows {
                let id = col(r, 0).int();
                let mut db = self.reader()?;
                let list =
                    |db: &mut Box<dyn sql::Db>, sql: &str| -> Result<Vec<String>, StoreError> {
                        Ok(db
                            .query(sql, &[Val::Int(id)])?
                            .iter()
                            .map(|r| col(r, 0).text())
                            .collect())
                    };
                let aliases = list(&mut db, "SELECT alias FROM entity_aliases WHERE entity_id = $1 ORDER BY count DESC, alias")?;
                let titles = list(&mut db, "SELECT descriptor FROM entity_descriptors WHERE entity_id = $1 AND kind = 'title' ORDER BY count DESC, descriptor")?;
                let descriptors = list(&mut db, "SELECT descriptor FROM entity_descriptors WHERE entity_id = $1 AND kind = 'descriptor' ORDER BY count DESC, descriptor")?;
                drop(db);
                match format {
                    ExportFormat::Jsonl => writeln!(
                        out,
                        "{}",
                        serde_json::json!({
                            "id": id, "name": col(r, 1).text(), "type": col(r, 2).text(),
                            "mentions": col(r, 3).int(), "articles": col(r, 4).int(),
                            "aliases": aliases, "titles": titles, "descriptors": descriptors,
                        })
                    )?,
                    _ => csv_line(
                        out,
                        &[
                            id.to_string(),
                            col(r, 1).text(),
                            col(r, 2).text(),
                            col(r, 3).text(),
                            col(r, 4).text(),
                            aliases.join("|"),
                            titles.join("|"),
                            descriptors.join("|"),
                        ],
                    )?,
                }
                n += 1;
            }
        }
        Ok(n)
    }

    fn export_attributions(
        &self,
        format: ExportFormat,
        out: &mut dyn Write,
    ) -> Result<usize, StoreError> {
        let mut n = 0;
        let mut after = 0i64;
        let header = [
            "article_seq",
            "article_id",
            "title",
            "published",
            "idx",
            "kind",
            "content",
            "cue",
            "speaker_text",
            "speaker_name",
            "speaker_kind",
            "speaker_entity",
            "descriptor",
            "anonymity_reason",
            "response",
        ];
        if format == ExportFormat::Csv {
            csv_line(out, &header.map(String::from))?;
        }
        loop {
            // Page by article so an article's attributions are never split between pages.
            let seqs = self.reader()?.query(
                "SELECT DISTINCT article_seq FROM attributions WHERE article_seq > $1 ORDER BY article_seq LIMIT $2",
                &[Val::Int(after), Val::Int(CHUNK)],
            )?;
            let Some(last) = seqs.last() else { break };
            let hi = col(last, 0).int();
            let rows = self.reader()?.query(
                concat!(
                    "SELECT t.article_seq, a.id, a.title, a.published, t.idx, t.kind, ",
                    crate::packed::content_sql!(),
                    ", t.cue, t.speaker_text, t.speaker_name, t.speaker_kind, t.speaker_entity_id, \
                     t.descriptor, t.anonymity_reason, t.response \
                     FROM attributions t JOIN articles a ON a.seq = t.article_seq \
                     WHERE t.article_seq > $1 AND t.article_seq <= $2 ORDER BY t.article_seq, t.idx"
                ),
                &[Val::Int(after), Val::Int(hi)],
            )?;
            after = hi;
            for r in &rows {
                match format {
                    ExportFormat::Jsonl => {
                        let mut obj = serde_json::Map::new();
                        for (i, key) in header.iter().enumerate() {
                            let v = match col(r, i) {
                                Val::Null => serde_json::Value::Null,
                                Val::Int(x) => serde_json::Value::from(*x),
                                Val::Real(x) => serde_json::Value::from(*x),
                                Val::Text(t) => serde_json::Value::from(t.clone()),
                                v @ Val::Bytes(_) => serde_json::Value::from(v.text()),
                            };
                            obj.insert((*key).to_string(), v);
                        }
                        writeln!(out, "{}", serde_json::Value::Object(obj))?;
                    }
                    _ => csv_line(
                        out,
                        &(0..header.len())
                            .map(|i| col(r, i).text())
                            .collect::<Vec<_>>(),
                    )?,
                }
                n += 1;
            }
        }
        Ok(n)
    }

    fn export_graph(
        &self,
        format: ExportFormat,
        nodes: usize,
        out: &mut dyn Write,
    ) -> Result<usize, StoreError> {
        let g = self.graph_unclamped(nodes.max(1), 1)?;
        match format {
            ExportFormat::Jsonl => {
                for node in &g.nodes {
                    writeln!(out, "{}", serde_json::json!({"node": node}))?;
                }
                for e in &g.edges {
                    writeln!(out, "{}", serde_json::json!({"edge": e}))?;
                }
            }
            ExportFormat::Csv => {
                csv_line(
                    out,
                    &[
                        "source",
                        "target",
                        "source_name",
                        "target_name",
                        "kind",
                        "weight",
                    ]
                    .map(String::from),
                )?;
                let name = |id: i64| {
                    g.nodes
                        .iter()
                        .find(|n| n.id == id)
                        .map(|n| n.name.clone())
                        .unwrap_or_default()
                };
                for e in &g.edges {
                    csv_line(
                        out,
                        &[
                            e.source.to_string(),
                            e.target.to_string(),
                            name(e.source),
                            name(e.target),
                            e.kind.clone(),
                            e.weight.to_string(),
                        ],
                    )?;
                }
            }
            ExportFormat::Gexf => {
                writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
                writeln!(out, r#"<gexf xmlns="http://gexf.net/1.3" version="1.3">"#)?;
                writeln!(
                    out,
                    r#"  <meta><creator>newsgraph</creator><description>Entities (nodes); co-occurrence and quotes-about (edges)</description></meta>"#
                )?;
                writeln!(
                    out,
                    r#"  <graph mode="static" defaultedgetype="undirected">"#
                )?;
                writeln!(
                    out,
                    r#"    <attributes class="node"><attribute id="0" title="type" type="string"/><attribute id="1" title="mentions" type="integer"/><attribute id="2" title="articles" type="integer"/></attributes>"#
                )?;
                writeln!(
                    out,
                    r#"    <attributes class="edge"><attribute id="0" title="kind" type="string"/></attributes>"#
                )?;
                writeln!(out, "    <nodes>")?;
                for n in &g.nodes {
                    writeln!(
                        out,
                        r#"      <node id="{}" label="{}"><attvalues><attvalue for="0" value="{}"/><attvalue for="1" value="{}"/><attvalue for="2" value="{}"/></attvalues></node>"#,
                        n.id,
                        xml_escape(&n.name),
                        xml_escape(&n.kind),
                        n.mentions,
                        n.articles
                    )?;
                }
                writeln!(out, "    </nodes>")?;
                writeln!(out, "    <edges>")?;
                for (i, e) in g.edges.iter().enumerate() {
                    let directed = if e.kind == "quotes_about" {
                        r#" type="directed""#
                    } else {
                        ""
                    };
                    writeln!(
                        out,
                        r#"      <edge id="{i}" source="{}" target="{}" weight="{}"{directed}><attvalues><attvalue for="0" value="{}"/></attvalues></edge>"#,
                        e.source,
                        e.target,
                        e.weight,
                        xml_escape(&e.kind)
                    )?;
                }
                writeln!(out, "    </edges>")?;
                writeln!(out, "  </graph>")?;
                writeln!(out, "</gexf>")?;
            }
        }
        Ok(g.nodes.len() + g.edges.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_and_xml_escaping() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(xml_escape("A & B <x>\u{1}"), "A &amp; B &lt;x&gt;");
    }
}
