//! The fleet at a glance: the order of the rows (those that need action
//! first), "Needs attention", and the sentence a screen reader hears.

use crate::flow::{SHOWN, count_in_words, list_summary};
use crate::health::Health;

/// The rows' order: those that need attention first, each group in the
/// server's order.
pub fn attention_order(rows: &[Health]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| !rows[i].needs_attention());
    order
}

/// How many of `rows` need attention.
pub fn attention_count(rows: &[Health]) -> usize {
    rows.iter().filter(|h| h.needs_attention()).count()
}

/// "3 of 2,005 organizations need attention." `pending` states are still
/// being read (v7 reads one organization at a time).
pub fn attention_summary(total: usize, attention: usize, pending: usize) -> String {
    let (t, a) = (count_in_words(total), count_in_words(attention));
    let verb = if attention == 1 { "needs" } else { "need" };
    let head = match (total, attention) {
        (0, _) => return "The backup server has no organizations yet.".to_owned(),
        (1, 0) => "The organization needs no attention.".to_owned(),
        (_, 0) => format!("None of {t} organizations needs attention."),
        (1, 1) => "The organization needs attention.".to_owned(),
        _ => format!("{a} of {t} organizations {verb} attention."),
    };
    if pending == 0 {
        head
    } else {
        format!(
            "{head} Reading the states of {} more\u{2026}",
            count_in_words(pending)
        )
    }
}

/// The sentence under the toolbar: how many rows the view holds (`found`
/// of `total`, or of those that need attention) and how many are drawn.
pub fn view_summary(total: usize, found: usize, attention_only: bool) -> String {
    if !attention_only {
        return list_summary(total, found);
    }
    let f = count_in_words(found);
    match found {
        0 => "No organization that needs attention matches.".to_owned(),
        1 => "Showing the 1 organization that needs attention.".to_owned(),
        n if n <= SHOWN => format!("Showing the {f} organizations that need attention."),
        _ => format!(
            "Showing the first {SHOWN} of {f} organizations that need attention: type in the filter to narrow them."
        ),
    }
}
