//! Plain text that is not UTF-8: detected and decoded, recorded in `meta.encoding`, with source byte
//! ranges that still point into the input; binary and corrupt UTF-8 still rejected.

use newsgraph_ingest::text::parse_encoding;
use newsgraph_ingest::{read_shard, IngestError, TextOptions};

const STORY: &str =
    "Quarterly profits at the media giant jumped to £600m, the firm said on Friday.";

fn windows_1252(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            '£' => 0xA3,
            'é' => 0xE9,
            '’' => 0x92,
            c => c as u8,
        })
        .collect()
}

#[test]
fn windows_1252_is_detected_and_offsets_point_into_the_input() {
    let text = format!(
        "Profits jump at café chain\n\n{STORY} It’s a record.\n\nShares rose 3% in London.\n"
    );
    let bytes = windows_1252(&text);
    let (articles, report) = read_shard("a.txt", &bytes, &TextOptions::default()).unwrap();
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    assert!(
        a.text.contains("£600m") && a.text.contains("It’s"),
        "{}",
        a.text
    );
    assert_eq!(a.meta["encoding"], "windows-1252");
    assert_eq!(report.encoding.map(|e| e.name()), Some("windows-1252"));
    assert_eq!(a.title.as_deref(), Some("Profits jump at café chain"));
    // Input bytes, not decoded bytes: the file is one byte per character.
    assert_eq!(a.source.bytes, [0, bytes.len() - 1]);
}

#[test]
fn utf16_with_a_byte_order_mark() {
    let text = format!("Headline here\r\n\r\n{STORY}\r\n");
    for (bom, big_endian) in [([0xFF, 0xFE], false), ([0xFE, 0xFF], true)] {
        let mut bytes = bom.to_vec();
        for u in text.encode_utf16() {
            let b = if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            };
            bytes.extend(b);
        }
        let (articles, _) = read_shard("u.txt", &bytes, &TextOptions::default()).unwrap();
        assert_eq!(articles.len(), 1);
        let a = &articles[0];
        assert!(a.text.contains("£600m"), "{}", a.text);
        assert_eq!(
            a.meta["encoding"],
            if big_endian { "UTF-16BE" } else { "UTF-16LE" }
        );
        assert_eq!(a.source.bytes[0], 2, "the article starts after the BOM");
        assert_eq!(
            a.source.bytes[1],
            bytes.len() - 4,
            "ends before the final CR LF"
        );
    }
}

#[test]
fn utf8_stays_utf8_without_an_encoding_note() {
    let (articles, report) =
        read_shard("u8.txt", STORY.as_bytes(), &TextOptions::default()).unwrap();
    assert!(articles[0].text.contains("£600m"));
    assert!(articles[0].meta.get("encoding").is_none());
    assert_eq!(report.encoding, None);
}

#[test]
fn binary_and_corrupt_utf8_are_still_rejected() {
    let mut binary = STORY.as_bytes().to_vec();
    binary.extend([0u8, 1, 2, 0xFF, 0xA3]);
    assert!(matches!(
        read_shard("b.bin", &binary, &TextOptions::default()),
        Err(IngestError::Binary { .. })
    ));
    // Control bytes without NUL: not text either.
    let controls: Vec<u8> = (0..400u32)
        .map(|i| [0x01, 0x9C, 0x41, 0x07][i as usize % 4])
        .collect();
    assert!(matches!(
        read_shard("c.bin", &controls, &TextOptions::default()),
        Err(IngestError::Binary { .. })
    ));
    // Valid multi-byte UTF-8 ("£") next to a broken sequence: corrupt UTF-8, not Latin-1.
    let mut corrupt = STORY.as_bytes().to_vec();
    corrupt.extend(b" More \xE2\x80 text.");
    assert!(matches!(
        read_shard("c.txt", &corrupt, &TextOptions::default()),
        Err(IngestError::InvalidUtf8 { .. })
    ));
    // --lossy keeps its meaning: replace and go on.
    let lossy = TextOptions {
        lossy: true,
        ..Default::default()
    };
    let (articles, report) = read_shard("c.txt", &corrupt, &lossy).unwrap();
    assert!(articles[0].text.contains("£600m") && articles[0].text.contains('\u{FFFD}'));
    assert_eq!(report.replaced_invalid, 1);
}

#[test]
fn a_forced_encoding_wins_over_detection() {
    let forced = TextOptions {
        encoding: Some(parse_encoding("latin1").unwrap()),
        ..Default::default()
    };
    // UTF-8 bytes read as Windows-1252 on request: the user asked for it.
    let (articles, _) = read_shard("f.txt", "café".as_bytes(), &forced).unwrap();
    assert_eq!(articles[0].text, "cafÃ©");
    assert_eq!(articles[0].meta["encoding"], "windows-1252");
    assert!(parse_encoding("no-such-charset").is_err());
}

/// Big5-HKSCS characters decode but do not re-encode: offsets must come from the decoder, or the
/// article's byte range runs past the end of the input (found by the arbitrary-bytes property test).
#[test]
fn multibyte_legacy_offsets_stay_inside_the_input() {
    let bytes = [0x87, 0x40, 0x91, 0x40];
    let (articles, _) = read_shard("big5.txt", &bytes, &TextOptions::default()).unwrap();
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].source.bytes, [0, bytes.len()]);
}
