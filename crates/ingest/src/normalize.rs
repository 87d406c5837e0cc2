//! Text normalisation that never moves offsets silently.
//!
//! The text newsgraph stores is NFC, free of BOMs, zero-width and control characters, with `\r\n`
//! and `\r` turned into `\n` and exotic spaces into ASCII spaces. Every change that alters byte
//! lengths is recorded in an [`OffsetMap`], so a span of the normalised text can always be mapped back
//! to the bytes of the input.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Checkpoints `(normalised offset, original offset)` taken after every length-changing edit.
/// Between two checkpoints the two texts advance byte for byte.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    checkpoints: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// Whether normalisation kept every offset (the common case for clean text).
    pub fn is_identity(&self) -> bool {
        self.checkpoints.is_empty()
    }

    /// Maps an offset of the normalised text to the corresponding offset of the original.
    pub fn to_original(&self, pos: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(n, _)| n <= pos);
        match i.checked_sub(1).and_then(|k| self.checkpoints.get(k)) {
            Some(&(n, o)) => o + (pos - n),
            None => pos,
        }
    }

    /// The checkpoints, for storage in an article's `meta`.
    pub fn checkpoints(&self) -> &[(usize, usize)] {
        &self.checkpoints
    }

    /// A map from explicit checkpoints `(new offset, original offset)`, sorted by new offset.
    pub fn from_checkpoints(checkpoints: Vec<(usize, usize)>) -> Self {
        OffsetMap { checkpoints }
    }

    fn record(&mut self, norm: usize, orig: usize) {
        if norm != orig || !self.checkpoints.is_empty() {
            self.checkpoints.push((norm, orig));
        }
    }
}

/// Normalised text and the map back to the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// Maps offsets of `text` back to offsets of the original.
    pub map: OffsetMap,
}

/// What to do with one character.
enum Action {
    Keep,
    Drop,
    Replace(char),
}

fn action(c: char) -> Action {
    match c {
        '\n' => Action::Keep,
        '\t' => Action::Replace(' '),
        '\r' => Action::Replace('\n'),
        // BOM / zero-width no-break space, zero-width space, word joiner, soft hyphen.
        '\u{FEFF}' | '\u{200B}' | '\u{2060}' | '\u{00AD}' => Action::Drop,
        '\u{2028}' | '\u{2029}' => Action::Replace('\n'),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            Action::Replace(' ')
        }
        c if c.is_control() => Action::Drop,
        _ => Action::Keep,
    }
}

/// Normalises `input` (see the module doc).
pub fn normalize(input: &str) -> Normalized {
    // Fast path: printable ASCII and newlines only, nothing to do.
    if input
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) || b == b'\n')
    {
        return Normalized {
            text: input.to_string(),
            map: OffsetMap::default(),
        };
    }
    let mut text = String::with_capacity(input.len());
    let mut map = OffsetMap::default();
    let mut chars = input.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let before = text.len();
        match action(c) {
            Action::Keep => text.push(c),
            Action::Drop => {}
            Action::Replace(r) => {
                text.push(r);
                // "\r\n" is one line break: swallow the "\n".
                if c == '\r' && matches!(chars.peek(), Some((_, '\n'))) {
                    chars.next();
                }
            }
        }
        let consumed = match chars.peek() {
            Some(&(next, _)) => next - i,
            None => input.len() - i,
        };
        if text.len() - before != consumed {
            map.record(text.len(), i + consumed);
        }
    }
    if is_nfc_quick(text.chars()) != IsNormalized::Yes {
        compose(&mut text, &mut map);
    }
    Normalized { text, map }
}

/// NFC-composes `text` cluster by cluster (a starter and the marks after it), recording length changes.
fn compose(text: &mut String, map: &mut OffsetMap) {
    let old = std::mem::take(text);
    let mut out = String::with_capacity(old.len());
    // Offsets in `old` map to the original through `map`; rebuild the map for the composed text.
    let old_map = std::mem::take(map);
    let mut cluster_start = 0;
    let flush = |out: &mut String, map: &mut OffsetMap, from: usize, to: usize| {
        let cluster = &old[from..to];
        let before = out.len();
        if cluster.is_ascii() {
            out.push_str(cluster);
        } else {
            out.extend(cluster.nfc());
        }
        if out.len() - before != to - from || !map.is_identity() || !old_map.is_identity() {
            map.record(out.len(), old_map.to_original(to));
        }
    };
    for (i, c) in old.char_indices() {
        if i > cluster_start && unicode_normalization::char::canonical_combining_class(c) == 0 {
            flush(&mut out, map, cluster_start, i);
            cluster_start = i;
        }
    }
    flush(&mut out, map, cluster_start, old.len());
    *text = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_untouched() {
        let n = normalize("Tajik journalist Temur Varki “said” it’s fine.\nNext.");
        assert_eq!(
            n.text,
            "Tajik journalist Temur Varki “said” it’s fine.\nNext."
        );
        assert!(n.map.is_identity());
    }

    #[test]
    fn bom_zero_width_and_controls_are_removed_and_mapped() {
        let input = "\u{FEFF}ab\u{200B}c\r\nd\u{0007}e\u{00A0}f";
        let n = normalize(input);
        assert_eq!(n.text, "abc\nde f");
        // "d" in the output maps back to "d" in the input.
        let d_out = n.text.find('d').unwrap();
        assert_eq!(&input[n.map.to_original(d_out)..][..1], "d");
        let f_out = n.text.find('f').unwrap();
        assert_eq!(&input[n.map.to_original(f_out)..][..1], "f");
    }

    #[test]
    fn decomposed_accents_are_composed() {
        let input = "Se\u{301}bastien Nun\u{303}ez";
        let n = normalize(input);
        assert_eq!(n.text, "Sébastien Nuñez");
        let nz = n.text.find("ez").unwrap();
        assert_eq!(&input[n.map.to_original(nz)..], "ez");
    }
}
