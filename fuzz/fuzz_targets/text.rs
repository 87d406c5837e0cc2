//! Plain-text shards: decoding, paragraphs, segmentation, chunked streaming with small limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph_ingest::text::{read_shard, read_text_stream, TextOptions};

fuzz_target!(|data: &[u8]| {
    let _ = read_shard("fuzz.txt", data, &TextOptions::default());
    let small = TextOptions {
        lossy: true,
        max_line_bytes: 64,
        chunk_bytes: 128,
        ..TextOptions::default()
    };
    let _ = read_text_stream(&mut &data[..], "fuzz.txt", &small, &mut |_| {});
});
