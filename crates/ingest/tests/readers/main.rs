//! Reader and segmentation tests, as one test binary (one link instead of one per file).

mod encodings;
mod hostile_inputs;
mod hostile_props;
mod readers_props;
mod seed_shard;
mod segment_layout;
mod util;
mod web_feed;
mod web_html;
mod web_warc;
