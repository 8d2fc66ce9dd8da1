//! "Download CSV": the list as filtered, RFC 4180 (CRLF, quoted where a
//! field needs it), UTF-8 with a byte-order mark so spreadsheet programs
//! read the names right. A cell that starts like a formula is prefixed with
//! an apostrophe: the server's words are not the spreadsheet's to run.

/// One organization's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRow<'a> {
    /// The organization's name.
    pub name: &'a str,
    /// Its authentication method.
    pub method: &'a str,
    /// Its state in words.
    pub state: &'a str,
    /// Why, in the server's words.
    pub reason: &'a str,
    /// The key's last day (`YYYY-MM-DD`), where Microsoft gave it.
    pub expiry: &'a str,
    /// The certificate thumbprint the server holds.
    pub thumbprint: &'a str,
    /// When the server last checked (`YYYY-MM-DDTHH:MM:SSZ`).
    pub checked: &'a str,
}

const HEADER: [&str; 7] = [
    "Organization",
    "Authentication method",
    "State",
    "Reason",
    "Certificate expiry",
    "Certificate thumbprint",
    "Last checked",
];

/// The whole file.
pub fn write_csv(rows: &[CsvRow<'_>]) -> String {
    let mut out = String::from("\u{feff}");
    line(&mut out, &HEADER);
    for r in rows {
        line(
            &mut out,
            &[
                r.name,
                r.method,
                r.state,
                r.reason,
                r.expiry,
                r.thumbprint,
                r.checked,
            ],
        );
    }
    out
}

fn line(out: &mut String, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        cell(out, field);
    }
    out.push_str("\r\n");
}

fn cell(out: &mut String, field: &str) {
    let formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quoted = formula || field.contains([',', '"', '\r', '\n']);
    if quoted {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in field.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quoted {
        out.push('"');
    }
}
