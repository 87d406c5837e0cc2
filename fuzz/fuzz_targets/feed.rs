//! RSS / Atom / JSON feeds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph_ingest::web::feed::parse_feed_items;

fuzz_target!(|data: &[u8]| {
    let _ = parse_feed_items(data, "fuzz.rss");
});
