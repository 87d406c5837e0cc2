//! Near-duplicate clustering (MinHash + LSH) and exact duplicates by content hash.
