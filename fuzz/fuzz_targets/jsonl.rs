//! JSON Lines, streamed record by record with a small record limit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph_ingest::jsonl::read_jsonl_stream;
use newsgraph_ingest::text::TextOptions;

fuzz_target!(|data: &[u8]| {
    let opts = TextOptions {
        max_line_bytes: 256,
        ..TextOptions::default()
    };
    let _ = read_jsonl_stream(&mut &data[..], "fuzz.jsonl", &opts, &mut |_| {});
});
