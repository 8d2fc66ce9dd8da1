//! The dates of connection health: the server's times (ISO 8601, with or
//! without a fraction and an offset, or month/day/year as some versions
//! write them), Microsoft's `End=` in an expired key's refusal, and both in
//! words.

use crate::answers::date_in_words;
use certificate::{civil_from_days, days_from_civil};

/// Seconds since 1970-01-01 UTC, from `2026-12-01T03:12:09Z`,
/// `2026-12-01T03:12:09.1234567+01:00`, `2026-12-01 03:12:09` (UTC) or
/// `12/1/2026 3:12:09 AM` (month first, as the server's .NET writes it).
pub fn parse_time(text: &str) -> Option<i64> {
    let text = text.trim();
    if text.len() > 40 {
        return None;
    }
    if text.contains('/') {
        return month_first(text);
    }
    let (date, rest) = text.split_at_checked(10)?;
    let mut parts = date.split('-');
    let (y, m, d) = (
        number(parts.next()?)?,
        number(parts.next()?)?,
        number(parts.next()?)?,
    );
    let day = real_day(y, m, d)?;
    let rest = rest.strip_prefix(['T', 't', ' ']).unwrap_or(rest);
    if rest.is_empty() {
        return Some(day * 86_400);
    }
    let clock_end = rest.find(['Z', 'z', '+', '-']).unwrap_or(rest.len());
    let (clock, zone) = rest.split_at(clock_end);
    let clock = clock.split('.').next()?;
    let seconds = time_of_day(clock)?;
    let offset = match zone {
        "" | "Z" | "z" => 0,
        zone => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let mut hm = zone[1..].split(':');
            let (h, m) = (number(hm.next()?)?, number(hm.next().unwrap_or("0"))?);
            sign * (h * 3600 + m * 60)
        }
    };
    Some(day * 86_400 + seconds - offset)
}

/// `M/D/YYYY H:MM:SS`, with an optional `AM`/`PM`.
fn month_first(text: &str) -> Option<i64> {
    let mut words = text.split_whitespace();
    let mut parts = words.next()?.split('/');
    let (m, d, y) = (
        number(parts.next()?)?,
        number(parts.next()?)?,
        number(parts.next()?)?,
    );
    let day = real_day(y, m, d)?;
    let mut seconds = match words.next() {
        Some(clock) => time_of_day(clock)?,
        None => 0,
    };
    match words.next().map(str::to_ascii_uppercase).as_deref() {
        None => {}
        Some("AM") if seconds >= 12 * 3600 => seconds -= 12 * 3600,
        Some("PM") if seconds < 12 * 3600 => seconds += 12 * 3600,
        Some("AM" | "PM") => {}
        Some(_) => return None,
    }
    Some(day * 86_400 + seconds)
}

fn number(text: &str) -> Option<i64> {
    (!text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn real_day(y: i64, m: i64, d: i64) -> Option<i64> {
    let day = days_from_civil(y, m, d);
    (civil_from_days(day) == (y, m, d)).then_some(day)
}

fn time_of_day(clock: &str) -> Option<i64> {
    let mut parts = clock.split(':');
    let h = number(parts.next()?)?;
    let m = number(parts.next()?)?;
    let s = parts.next().map_or(Some(0), number)?;
    (h < 24 && m < 60 && s < 61).then_some(h * 3600 + m * 60 + s)
}

/// The day an expired key ended, from Microsoft's refusal: `Found key
/// 'Start=11/26/2020 18:56:32, End=11/25/2021 23:59:59'` (month first).
pub fn key_end(words: &str) -> Option<i64> {
    let at = words.find("End=")? + "End=".len();
    let rest = &words[at..];
    let end = rest.find(['\'', ',', ']']).unwrap_or(rest.len()).min(40);
    month_first(rest.get(..end)?.trim())
}

/// A time's day as `YYYY-MM-DD`.
pub fn iso_day(time: i64) -> String {
    certificate::rfc3339(time)[..10].to_owned()
}

/// A time's day in words: "25 November 2026".
pub fn day_in_words(time: i64) -> String {
    date_in_words(&iso_day(time)).unwrap_or_else(|| iso_day(time))
}

/// A time in words, to the minute: "1 December 2026, 03:12 UTC".
pub fn time_in_words(time: i64) -> String {
    let full = certificate::rfc3339(time);
    format!("{}, {} UTC", day_in_words(time), &full[11..16])
}
