//! The certificate's expiry in words, and a calendar file that reminds the
//! administrator to renew it: the backup server reports only the
//! certificate's thumbprint, never when it expires, so nothing else will.
//!
//! The calendar file is RFC 5545 written by hand: one event in one
//! calendar is some forty lines, and the crates that write iCalendar bring a
//! date library with them into the page.

use certificate::{civil_from_days, days_from_civil};

/// How long before expiry the reminder falls.
pub const REMINDER_DAYS_BEFORE: i64 = 30;

/// A certificate expiring within this many days gets a reminder even when
/// the wizard did not generate it.
pub const REMINDER_WITHIN_DAYS: i64 = 365;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// What the reminder names; nothing in it is secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder<'a> {
    /// The organization, e.g. `contoso.onmicrosoft.com` (may be empty when
    /// not yet typed).
    pub organization: &'a str,
    /// The application the certificate belongs to, when known.
    pub application_id: Option<&'a str>,
    /// SHA-1 thumbprint, as Entra ID shows it.
    pub thumbprint: &'a str,
    /// The certificate's subject.
    pub subject: &'a str,
    /// The last day of validity, `YYYY-MM-DD`.
    pub valid_to: &'a str,
}

/// `YYYY-MM-DD` as days since 1970-01-01, if it is a real date.
fn day_of(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    let day = days_from_civil(y, m, d);
    (civil_from_days(day) == (y, m, d)).then_some(day)
}

/// `YYYY-MM-DD` as people write it ("6 December 2028"), if it is a date.
pub fn date_in_words(date: &str) -> Option<String> {
    day_of(date).map(day_in_words)
}

/// A day as people write it: "6 December 2028".
fn day_in_words(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{d} {} {y}", MONTHS[(m - 1) as usize])
}

/// How far `days` is from today, in the largest unit that reads well.
fn distance(days: i64) -> String {
    let n = days.abs();
    // Within two weeks of a whole year counts as that year: a two-year
    // certificate made today reads "in 2 years", not "in 24 months".
    let (count, unit) = if n < 45 {
        (n, "day")
    } else if n < 700 {
        ((n as f64 / 30.44).round() as i64, "month")
    } else {
        (((n + 14) as f64 / 365.25).floor() as i64, "year")
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {unit}{plural}")
}

/// The expiry in words at `now` (Unix seconds): "valid until 6 December
/// 2028, in 2 years", "valid until today, 6 December 2026", "expired on 1
/// March 2026, 9 months ago". `None` for a date that is not one.
pub fn expiry_in_words(valid_to: &str, now: i64) -> Option<String> {
    let last = day_of(valid_to)?;
    let today = now.div_euclid(86_400);
    let date = day_in_words(last);
    Some(match last - today {
        0 => format!("valid until today, {date}"),
        1 => format!("valid until tomorrow, {date}"),
        left if left > 0 => format!("valid until {date}, in {}", distance(left)),
        past => format!("expired on {date}, {} ago", distance(past)),
    })
}

/// Whether the card offers a reminder: for a certificate the wizard
/// generated, or one that expires within a year; never for one already
/// expired.
pub fn offers_reminder(valid_to: &str, now: i64, generated: bool) -> bool {
    let today = now.div_euclid(86_400);
    day_of(valid_to)
        .is_some_and(|last| last >= today && (generated || last - today <= REMINDER_WITHIN_DAYS))
}

/// The file name the calendar file is offered under.
pub fn calendar_file_name(reminder: &Reminder<'_>) -> String {
    let name: String = reminder
        .organization
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches(['-', '.']);
    if name.is_empty() {
        "certificate-renewal.ics".to_owned()
    } else {
        format!("certificate-renewal-{name}.ics")
    }
}

/// The calendar file (RFC 5545): one all-day event thirty days before the
/// certificate expires (today, when that day has passed), naming the
/// organization, the application and the thumbprint, with an alarm at the
/// start of the day. `now` (Unix seconds) stamps it. `None` when
/// `valid_to` is not a date.
pub fn calendar(reminder: &Reminder<'_>, now: i64) -> Option<String> {
    let last = day_of(reminder.valid_to)?;
    let today = now.div_euclid(86_400);
    let day = (last - REMINDER_DAYS_BEFORE).max(today);
    let organization = match reminder.organization.trim() {
        "" => "your Microsoft 365 organization",
        name => name,
    };
    let expires = day_in_words(last);
    let mut description = format!(
        "The certificate the Veeam Backup for Microsoft 365 server signs in to {organization} with expires on {expires}. Backups of the organization fail from then on.\n\n"
    );
    if let Some(app) = reminder.application_id.filter(|a| !a.trim().is_empty()) {
        description.push_str(&format!("Application ID: {app}\n"));
    }
    description.push_str(&format!(
        "Certificate thumbprint (SHA-1): {}\nSubject: {}\n\n\
         To renew: make a new certificate; upload its .cer to the application in the Microsoft Entra admin center (App registrations, the application, Certificates & secrets) beside the current one; give the backup server the new .pfx (Edit organization); check that backups run; then remove the old certificate.",
        reminder.thumbprint, reminder.subject
    ));
    let summary = format!("Renew the backup certificate of {organization}");
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//m365-org-wizard//Certificate renewal reminder//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!(
            "UID:renew-{}-{}@m365-org-wizard",
            reminder.thumbprint.to_ascii_lowercase(),
            compact_date(last)
        ),
        format!("DTSTAMP:{}", utc_stamp(now)),
        format!("DTSTART;VALUE=DATE:{}", compact_date(day)),
        format!("DTEND;VALUE=DATE:{}", compact_date(day + 1)),
        format!("SUMMARY:{}", text(&summary)),
        format!("DESCRIPTION:{}", text(&description)),
        "TRANSP:TRANSPARENT".to_owned(),
        "BEGIN:VALARM".to_owned(),
        "ACTION:DISPLAY".to_owned(),
        format!("DESCRIPTION:{}", text(&summary)),
        "TRIGGER;RELATED=START:PT0S".to_owned(),
        "END:VALARM".to_owned(),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    Some(lines.iter().map(|l| fold(l)).collect())
}

/// `YYYYMMDD`.
fn compact_date(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}{m:02}{d:02}")
}

/// A DATE-TIME in UTC: `YYYYMMDDTHHMMSSZ`.
fn utc_stamp(now: i64) -> String {
    let secs = now.rem_euclid(86_400);
    format!(
        "{}T{:02}{:02}{:02}Z",
        compact_date(now.div_euclid(86_400)),
        secs / 3_600,
        secs / 60 % 60,
        secs % 60
    )
}

/// A TEXT value escaped (RFC 5545 §3.3.11): backslash, semicolon, comma
/// and line breaks.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line folded at 75 octets (RFC 5545 §3.1), never inside a
/// UTF-8 sequence, each piece ended by CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-12-06T06:51:16Z.
    const NOW: i64 = 1_796_539_876;

    fn reminder<'a>(organization: &'a str, valid_to: &'a str) -> Reminder<'a> {
        Reminder {
            organization,
            application_id: Some("5f3a2b1c-0d4e-4f60-8a7b-9c8d7e6f5a4b"),
            thumbprint: "3F2504E04F8911D39A0C0305E82C3301AB12CD34",
            subject: "CN=Veeam Backup for Microsoft 365 - contoso.onmicrosoft.com, O=Contoso; Ltd\\",
            valid_to,
        }
    }

    #[test]
    fn now_is_the_sixth_of_december() {
        assert_eq!(day_in_words(NOW / 86_400), "6 December 2026");
    }

    #[test]
    fn expiry_in_words_at_every_distance() {
        let cases = [
            ("2028-12-06", "valid until 6 December 2028, in 2 years"),
            ("2029-12-05", "valid until 5 December 2029, in 3 years"),
            ("2028-11-25", "valid until 25 November 2028, in 2 years"),
            ("2028-06-06", "valid until 6 June 2028, in 18 months"),
            ("2027-12-06", "valid until 6 December 2027, in 12 months"),
            ("2027-06-06", "valid until 6 June 2027, in 6 months"),
            ("2026-12-26", "valid until 26 December 2026, in 20 days"),
            ("2026-12-08", "valid until 8 December 2026, in 2 days"),
            ("2026-12-07", "valid until tomorrow, 7 December 2026"),
            ("2026-12-06", "valid until today, 6 December 2026"),
            ("2026-12-05", "expired on 5 December 2026, 1 day ago"),
            ("2026-03-01", "expired on 1 March 2026, 9 months ago"),
        ];
        for (date, want) in cases {
            assert_eq!(expiry_in_words(date, NOW).as_deref(), Some(want), "{date}");
        }
        for bad in ["", "2026-02-30", "2026-13-01", "not a date", "2026-12"] {
            assert_eq!(expiry_in_words(bad, NOW), None, "{bad}");
        }
    }

    #[test]
    fn reminders_for_generated_or_expiring_within_a_year() {
        assert!(offers_reminder("2029-12-06", NOW, true));
        assert!(!offers_reminder("2029-12-06", NOW, false));
        assert!(offers_reminder("2027-12-06", NOW, false));
        assert!(!offers_reminder("2027-12-07", NOW, false));
        assert!(offers_reminder("2026-12-06", NOW, false));
        assert!(!offers_reminder("2026-12-05", NOW, true));
        assert!(!offers_reminder("soon", NOW, true));
    }

    #[test]
    fn file_names_keep_only_safe_characters() {
        assert_eq!(
            calendar_file_name(&reminder("contoso.onmicrosoft.com", "2028-12-06")),
            "certificate-renewal-contoso.onmicrosoft.com.ics"
        );
        assert_eq!(
            calendar_file_name(&reminder("../a b", "2028-12-06")),
            "certificate-renewal-a-b.ics"
        );
        assert_eq!(
            calendar_file_name(&reminder("", "2028-12-06")),
            "certificate-renewal.ics"
        );
    }

    #[test]
    fn the_file_follows_rfc_5545() {
        let ics = calendar(&reminder("contoso.onmicrosoft.com", "2028-12-06"), NOW).unwrap();
        // CRLF everywhere, no bare LF or CR.
        assert!(ics.ends_with("\r\n"));
        assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count());
        assert_eq!(ics.matches('\r').count(), ics.matches("\r\n").count());
        for line in ics.split("\r\n") {
            // Folded at 75 octets; continuation lines start with a space.
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded = ics.replace("\r\n ", "");
        let lines: Vec<&str> = unfolded.split("\r\n").collect();
        assert!(
            lines.iter().any(|l| l.len() > 75),
            "the description must need folding"
        );
        // UTC stamp, and the all-day event thirty days before expiry.
        assert!(lines.contains(&"DTSTAMP:20261206T065116Z"));
        assert!(lines.contains(&"DTSTART;VALUE=DATE:20281106"));
        assert!(lines.contains(&"DTEND;VALUE=DATE:20281107"));
        // Escaped text: commas, semicolons, backslashes and line breaks.
        let description = lines
            .iter()
            .find(|l| l.starts_with("DESCRIPTION:The"))
            .unwrap();
        assert!(description.contains("O=Contoso\\; Ltd\\\\"));
        assert!(description.contains("365 - contoso.onmicrosoft.com\\, O="));
        assert!(description.contains("\\n\\nApplication ID: 5f3a2b1c"));
        assert!(description.contains("3F2504E04F8911D39A0C0305E82C3301AB12CD34"));
        assert!(!description.contains('\n'));
        // Nothing secret can be in it: the reminder holds no secret at all.
    }

    #[test]
    fn a_reminder_already_due_falls_today() {
        let ics = calendar(&reminder("contoso.onmicrosoft.com", "2026-12-20"), NOW).unwrap();
        assert!(ics.contains("DTSTART;VALUE=DATE:20261206\r\n"));
        assert_eq!(calendar(&reminder("x", "someday"), NOW), None);
    }

    #[test]
    fn folding_never_splits_a_character() {
        let line = format!("SUMMARY:{}", "é".repeat(100));
        let folded = fold(&line);
        for piece in folded.split("\r\n") {
            assert!(piece.len() <= 75);
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
    }

    /// Read back by a well-kept parser (the `icalendar` crate's): the
    /// values come back unescaped and unfolded as they went in.
    #[test]
    fn a_parser_reads_it_back() {
        use icalendar::{Calendar, Component};
        let r = reminder("contoso.onmicrosoft.com", "2028-12-06");
        let ics = calendar(&r, NOW).unwrap();
        let parsed: Calendar = ics.parse().expect("icalendar parses the file");
        let events: Vec<_> = parsed
            .components
            .iter()
            .filter_map(|c| c.as_event())
            .collect();
        assert_eq!(events.len(), 1);
        let event = events[0];
        assert_eq!(
            event.get_summary(),
            Some("Renew the backup certificate of contoso.onmicrosoft.com")
        );
        let description = event.get_description().unwrap();
        assert!(description.contains(
            "Subject: CN=Veeam Backup for Microsoft 365 - contoso.onmicrosoft.com, O=Contoso; Ltd\\"
        ));
        assert!(description.contains(
            "\nCertificate thumbprint (SHA-1): 3F2504E04F8911D39A0C0305E82C3301AB12CD34\n"
        ));
        match event.get_start() {
            Some(icalendar::DatePerhapsTime::Date(day)) => {
                assert_eq!(day.to_string(), "2028-11-06")
            }
            other => panic!("an all-day start, not {other:?}"),
        }
    }
}
