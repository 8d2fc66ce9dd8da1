//! Wall-clock times for the token answer's `.issued` and `.expires` and for
//! judging certificates, formatted by the certificate crate (one calendar
//! implementation for the whole project).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, now.
pub fn unix_now() -> i64 {
    unix_at(SystemTime::now())
}

fn unix_at(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// `now + offset` formatted as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn rfc3339_after(offset: Duration) -> String {
    certificate::rfc3339(unix_at(SystemTime::now() + offset))
}

/// `now - offset` formatted as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn rfc3339_before(offset: Duration) -> String {
    certificate::rfc3339(unix_at(SystemTime::now() - offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(certificate::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(certificate::rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(certificate::rfc3339(1_795_700_000), "2026-11-26T13:33:20Z");
        assert!(rfc3339_after(Duration::from_secs(3600)) > rfc3339_after(Duration::ZERO));
    }
}
