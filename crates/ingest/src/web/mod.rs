//! Web formats: HTML pages, WARC archives, RSS/Atom feeds.
