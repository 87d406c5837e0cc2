//! WARC archives, plain and gzip, read to the end.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph_ingest::web::warc::WarcReader;

fuzz_target!(|data: &[u8]| {
    let gzipped = data.starts_with(&[0x1f, 0x8b]);
    for item in WarcReader::new(data, "fuzz.warc", gzipped) {
        let _ = item;
    }
});
