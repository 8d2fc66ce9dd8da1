//! Prints what the wizard sees in a certificate file, as one JSON object.
//!
//! `cargo run -p certificate --example inspect -- FILE [--password P] [--key KEYFILE]`
//!
//! Exits 0 whether or not the file opens; `ok` says which. Exit 2 means the
//! command line itself was wrong or a file could not be read.

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(usage) => {
            eprintln!("{usage}\nusage: inspect FILE [--password P] [--key KEYFILE]");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<String, String> {
    let mut files = Vec::new();
    let mut password = String::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--password" => password = args.next().ok_or("--password needs a value")?,
            "--key" => files.push(args.next().ok_or("--key needs a file")?),
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}")),
            _ => files.insert(0, arg),
        }
    }
    if files.is_empty() {
        return Err("no file given".into());
    }
    let contents = files
        .iter()
        .map(|f| std::fs::read(f).map_err(|e| format!("{f}: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    let slices: Vec<&[u8]> = contents.iter().map(Vec::as_slice).collect();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Ok(certificate::report_json(&certificate::open(
        &slices, &password, now,
    )))
}
