//! Certificate times: ASN.1 UTCTime and GeneralizedTime to Unix seconds, and
//! RFC 3339 text for people and JSON.
//!
//! Why not `der`'s `DateTime` (linked already, through x509-cert, for the
//! generator): it starts at 1970, and UTCTime reaches back to 1950, which
//! old roots and test certificates use (the test `der_cannot_hold_1950`
//! shows it); it also refuses the BER forms (no seconds, a zone offset) this
//! reader accepts and reports. The calendar arithmetic is thirty lines
//! (`days_from_civil`, `civil_from_days`), not a reason for `chrono` or
//! `time` in the worker.

use crate::ber::{Malformed, Result, Tlv, tag};

/// Seconds since 1970-01-01T00:00:00Z.
pub type UnixTime = i64;

/// Reads a UTCTime (`YYMMDDHHMMSSZ`) or GeneralizedTime (`YYYYMMDDHHMMSSZ`).
pub fn parse(tlv: &Tlv<'_>) -> Result<UnixTime> {
    let text = tlv.content;
    let (year, rest) = match tlv.tag {
        tag::UTC_TIME => {
            let yy = digits(text.get(..2))?;
            // RFC 5280: 50–99 are 1950–1999, 00–49 are 2000–2049.
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, text.get(2..))
        }
        tag::GENERALIZED_TIME => (digits(text.get(..4))?, text.get(4..)),
        _ => return Err(Malformed),
    };
    let rest = rest.ok_or(Malformed)?;
    let month = digits(rest.get(..2))?;
    let day = digits(rest.get(2..4))?;
    let hour = digits(rest.get(4..6))?;
    let minute = digits(rest.get(6..8))?;
    // Seconds may be absent in old UTCTime encodings.
    let (second, tail) = match rest.get(8..10).map(|s| digits(Some(s))) {
        Some(Ok(s)) => (s, &rest[10..]),
        _ => (0, rest.get(8..).ok_or(Malformed)?),
    };
    // Fractions of a second (GeneralizedTime) are dropped.
    let tail = match tail.split_first() {
        Some((b'.', frac)) => {
            let skip = frac.iter().take_while(|b| b.is_ascii_digit()).count();
            &frac[skip..]
        }
        _ => tail,
    };
    if tail != b"Z"
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return Err(Malformed);
    }
    let days = days_from_civil(year, month, day);
    Ok(days * 86_400 + hour * 3_600 + minute * 60 + second)
}

fn digits(text: Option<&[u8]>) -> Result<i64> {
    let text = text.ok_or(Malformed)?;
    text.iter().try_fold(0i64, |acc, b| {
        if b.is_ascii_digit() {
            Ok(acc * 10 + i64::from(b - b'0'))
        } else {
            Err(Malformed)
        }
    })
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date (year, month, day) of a day since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// RFC 3339 in UTC, e.g. `2026-11-26T19:00:37Z`.
pub fn rfc3339(time: UnixTime) -> String {
    let (y, m, d) = civil_from_days(time.div_euclid(86_400));
    let secs = time.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3_600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_cannot_hold_1950() {
        assert!(x509_cert::der::DateTime::new(1950, 1, 1, 0, 0, 0).is_err());
        assert_eq!(days_from_civil(1950, 1, 1), -7305);
    }

    fn read(tag: u8, text: &str) -> Result<UnixTime> {
        let mut der = vec![tag, text.len() as u8];
        der.extend_from_slice(text.as_bytes());
        parse(&Tlv::parse_whole(&der).unwrap())
    }

    #[test]
    fn reads_both_time_types_and_prints_rfc3339() {
        let t = read(0x17, "261126190037Z").unwrap();
        assert_eq!(rfc3339(t), "2026-11-26T19:00:37Z");
        assert_eq!(
            read(0x18, "20500101000000Z").map(rfc3339).unwrap(),
            "2050-01-01T00:00:00Z"
        );
        assert_eq!(
            read(0x17, "991231235959Z").map(rfc3339).unwrap(),
            "1999-12-31T23:59:59Z"
        );
        assert_eq!(
            read(0x18, "20240229120000.5Z").map(rfc3339).unwrap(),
            "2024-02-29T12:00:00Z"
        );
    }

    #[test]
    fn refuses_local_times_and_nonsense() {
        assert!(read(0x17, "261126190037+0100").is_err());
        assert!(read(0x17, "261326190037Z").is_err());
        assert!(read(0x17, "26112619").is_err());
    }
}
