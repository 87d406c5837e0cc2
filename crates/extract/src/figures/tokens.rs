//! Token access for the figure grammar: out-of-range positions read as "no token", so rules can
//! look a few tokens ahead or behind without bounds checks.

use crate::temporal::lexer::Tok;

pub(super) type Toks<'t, 'a> = &'t [Tok<'a>];

pub(super) fn at<'t, 'a>(toks: Toks<'t, 'a>, i: usize) -> Option<&'t Tok<'a>> {
    toks.get(i)
}

pub(super) fn is_at(toks: Toks, i: usize, w: &str) -> bool {
    toks.get(i).is_some_and(|t| t.is(w))
}

pub(super) fn glued_punct(toks: Toks, i: usize, c: char) -> bool {
    toks.get(i).is_some_and(|t| t.is_punct(c) && t.glued())
}

/// The token `back` places before `i`.
pub(super) fn prev<'t, 'a>(toks: Toks<'t, 'a>, i: usize, back: usize) -> Option<&'t Tok<'a>> {
    i.checked_sub(back).and_then(|p| toks.get(p))
}

/// An ordinal suffix glued to digits ("18th", "1st").
pub(super) fn is_ordinal_suffix(lower: &str) -> bool {
    matches!(lower, "st" | "nd" | "rd" | "th")
}
