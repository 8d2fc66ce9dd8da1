//! The Organization step's list in words: how many organizations there are,
//! how many the filter matches, and how many are drawn at once.

/// How many matching organizations are drawn at once: a service
/// provider's thousands stay quick to filter and to move through.
pub const SHOWN: usize = 50;

/// A count as people read it: 2,000.
pub fn count_in_words(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The sentence above the list: `total` organizations on the server,
/// `found` of them matching the filter.
pub fn list_summary(total: usize, found: usize) -> String {
    let (t, f) = (count_in_words(total), count_in_words(found));
    match (total, found) {
        (0, _) => "The backup server has no organizations yet: add one first.".to_owned(),
        (1, 1) => "1 organization on the backup server.".to_owned(),
        (all, n) if n == all && n <= SHOWN => format!("{t} organizations on the backup server."),
        (all, n) if n == all => format!(
            "{t} organizations on the backup server; the first {SHOWN} are shown: type in the filter to find one."
        ),
        (_, 0) => "No organization matches the filter.".to_owned(),
        (_, n) if n <= SHOWN => format!("{f} of {t} organizations match."),
        _ => format!(
            "{f} of {t} organizations match; the first {SHOWN} are shown: type more to narrow them."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_with_separators() {
        for (n, text) in [
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1000, "1,000"),
            (2005, "2,005"),
            (1_234_567, "1,234,567"),
        ] {
            assert_eq!(count_in_words(n), text);
        }
    }

    #[test]
    fn the_summary_says_what_is_shown() {
        assert_eq!(
            list_summary(0, 0),
            "The backup server has no organizations yet: add one first."
        );
        assert_eq!(list_summary(1, 1), "1 organization on the backup server.");
        assert_eq!(
            list_summary(12, 12),
            "12 organizations on the backup server."
        );
        assert_eq!(
            list_summary(2000, 2000),
            "2,000 organizations on the backup server; the first 50 are shown: type in the filter to find one."
        );
        assert_eq!(list_summary(2000, 0), "No organization matches the filter.");
        assert_eq!(list_summary(2000, 3), "3 of 2,000 organizations match.");
        assert_eq!(
            list_summary(2000, 120),
            "120 of 2,000 organizations match; the first 50 are shown: type more to narrow them."
        );
    }
}
