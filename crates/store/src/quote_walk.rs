//! A quote search by words, read along the search index's list of the articles holding them.
//!
//! The index lists every article whose statements hold the words, with its publication day. The
//! list is put in page order here, and its articles' statements are read a growing chunk at a
//! time until the page is full and the count is known (or provably past
//! [`MAX_COUNTED_QUOTES`], or past a reading budget). Before, SQLite read every listed article's
//! statements and sorted them: "said" with `kind=direct` at 1M articles (~90k articles listed,
//! each inflated to match its statements' words) took 2.2-4.5 s for 20 rows.

use std::cmp::Reverse;

use crate::query::{attribution_where_for_listed, day_bound};
use crate::search::WordMatches;
use crate::sql::{col, Db, Val};
use crate::{AttributionRequest, StoreError, MAX_COUNTED_QUOTES};

/// Articles read in the first chunk; each next chunk doubles, up to [`LAST_CHUNK`]. Small first
/// chunks keep a common search's first page cheap; large later ones keep a rare filter's walk
/// to a few hundred queries.
const FIRST_CHUNK: usize = 64;
const LAST_CHUNK: usize = 4_096;

/// Once the page is full, counting reads at most this many listed articles (then the count is a
/// lower bound). 1,001 matches need ~5,000 articles for "said" among direct quotes at 1M
/// articles (50-60 ms); a rare filter would otherwise read the whole list for its count.
const COUNT_ARTICLES: usize = 20_000;

/// Whether a search by words is read along the list: it has other filters, all of them ones
/// that SQL checks on each listed article's statements cheaply. Words alone keep their plans
/// (the date index walked, or the list read and sorted; "the" alone at 1M articles: 14-24 ms
/// walked, 80-235 ms along a 400k-article list). A speaker, an entity spoken about or one
/// article has its own index, which narrows far more than the list of the words.
pub(crate) fn applies(req: &AttributionRequest) -> bool {
    let own_index = req.speaker.is_some() || req.about.is_some() || req.article.is_some();
    let words_only = AttributionRequest {
        q: None,
        ..req.clone()
    };
    let other_filters =
        attribution_where_for_listed(&words_only).is_ok_and(|w| !w.clauses.is_empty());
    !own_index && other_filters
}

/// The keys (`article_seq`, `idx`) of the first `wanted` matching statements in page order,
/// how many match, and whether that count is a lower bound.
pub(crate) struct ListedPage {
    pub keys: Vec<(i64, i64)>,
    pub total: i64,
    pub total_is_lower_bound: bool,
}

/// The listed articles (plus any stored after the index's last commit) in page order, within
/// the request's date bounds: newest first (undated last, then by `seq` descending) or oldest
/// first (undated last, by `seq`), as the SQL `ORDER BY` of a page sorts them.
fn in_page_order(
    db: &mut dyn Db,
    req: &AttributionRequest,
    m: &WordMatches,
    newest_first: bool,
) -> Result<Vec<i64>, StoreError> {
    let mut listed: Vec<(Option<i64>, i64)> =
        m.days.iter().copied().zip(m.seqs.iter().copied()).collect();
    let unindexed = db.query(
        "SELECT published_day, seq FROM articles WHERE seq > $1",
        &[Val::Int(m.indexed_through)],
    )?;
    listed.extend(
        unindexed
            .iter()
            .map(|r| (col(r, 0).opt_int(), col(r, 1).int())),
    );
    let from = day_bound(req.from.as_deref(), false)?;
    let to = day_bound(req.to.as_deref(), true)?;
    if from.is_some() || to.is_some() {
        listed.retain(|(day, _)| {
            day.is_some_and(|d| from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t))
        });
    }
    if newest_first {
        listed.sort_unstable_by_key(|&(day, seq)| (day.is_none(), Reverse(day), Reverse(seq)));
    } else {
        listed.sort_unstable_by_key(|&(day, seq)| (day.is_none(), day, seq));
    }
    Ok(listed.into_iter().map(|(_, seq)| seq).collect())
}

/// The first `wanted` statements matching `req` among the articles `m` lists, and their count.
/// `order`: the page's `ORDER BY` over `a` (articles) and `t` (attributions).
pub(crate) fn listed_page(
    db: &mut dyn Db,
    req: &AttributionRequest,
    m: &WordMatches,
    newest_first: bool,
    order: &str,
    wanted: usize,
) -> Result<ListedPage, StoreError> {
    let articles = in_page_order(db, req, m, newest_first)?;
    // The words' `LIKE`s and every other filter; the chunk of articles drives the query, so
    // that SQLite reads each listed article's statements by key and never a kind or outlet index.
    // (The chunk is the last parameter: SQLite numbers `$n` by first appearance.)
    let mut w = attribution_where_for_listed(req)?;
    w.add(
        "t.article_seq IN (SELECT value FROM json_each(?))",
        Val::Null,
    );
    let sql = format!(
        "SELECT t.article_seq, t.idx FROM attributions t JOIN articles a ON a.seq = t.article_seq {} ORDER BY {order}",
        w.sql()
    );
    let mut params = w.params;
    let (mut keys, mut total, mut read) = (Vec::new(), 0usize, 0usize);
    let mut chunk = FIRST_CHUNK;
    let mut rest = articles.as_slice();
    while !rest.is_empty() {
        let page_full = keys.len() >= wanted;
        if page_full && (total > MAX_COUNTED_QUOTES || read >= COUNT_ARTICLES) {
            break;
        }
        let (now, later) = rest.split_at(chunk.min(rest.len()));
        let list = serde_json::to_string(now)
            .map_err(|e| StoreError::Invalid(format!("article list: {e}")))?;
        if let Some(last) = params.last_mut() {
            *last = Val::Text(list);
        }
        let rows = db.query(&sql, &params)?;
        total += rows.len();
        read += now.len();
        let room = wanted.saturating_sub(keys.len());
        keys.extend(
            rows.iter()
                .take(room)
                .map(|r| (col(r, 0).int(), col(r, 1).int())),
        );
        rest = later;
        chunk = (chunk * 2).min(LAST_CHUNK);
    }
    let counted_all = rest.is_empty() && total <= MAX_COUNTED_QUOTES;
    Ok(ListedPage {
        keys,
        total: total.min(MAX_COUNTED_QUOTES) as i64,
        total_is_lower_bound: !counted_all,
    })
}
