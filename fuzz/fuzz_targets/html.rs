//! One HTML page: markup caps, both extractors, metadata.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph_ingest::web::html::extract_article;
use newsgraph_ingest::web::markup::{cap_markup, MarkupLimits};

fuzz_target!(|data: &[u8]| {
    let _ = cap_markup(&String::from_utf8_lossy(data), MarkupLimits::default());
    let _ = extract_article(data, "fuzz.html");
});
