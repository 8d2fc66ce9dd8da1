//! Connection health, natively: both sync-state shapes, the jobs, every
//! state with Microsoft's own words, the order and counts, the CSV, and the
//! wait for the server's proof after a fix.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test is meant to panic

use pretty_assertions::assert_eq;
use wizard_core::answers::AuthMethod;
use wizard_core::health::*;
use wizard_core::server::ApiError;

const EXPIRED: &str = "Failed to synchronize organization: AADSTS700027: Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: '9F3A6C1E2B4D8F7A0C5E9B3D1F6A8C2E4B7D0F19', Found key 'Start=11/26/2025 18:56:32, End=11/25/2026 23:59:59', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '3f2b8c61-7d4e-4a95-b0c3-9e1f5a7d2c48'.] Trace ID: 0f3c9a7e Correlation ID: 8d21f0c4 Timestamp: 2026-12-01 03:12:09Z";
const EXPIRED_NO_END: &str = "AADSTS700027: Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: 'AB12']";
const NOT_FOUND: &str = "AADSTS700027: Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '1D9C6F3A8E27']";
const CONSENT: &str = "AADSTS65001: The user or administrator has not consented to use the application with ID '3f2b' named 'Veeam Backup for Microsoft 365'. Send an interactive authorization request for this user and resource.";
const GRAPH_403: &str = "Microsoft Graph: Insufficient privileges to complete the operation. Authorization_RequestDenied";
const APP_MISSING: &str =
    "AADSTS700016: Application with identifier '3f2b' was not found in the directory 'Contoso'.";
const TENANT_MISSING: &str = "AADSTS90002: Tenant 'contoso.onmicrosoft.com' not found. Check to make sure you have the correct tenant ID.";
const CONDITIONAL: &str = "AADSTS53003: Access has been blocked by Conditional Access policies.";

fn failed(words: &str) -> Health {
    let report = SyncReport {
        last: Some(LastSync {
            succeeded: Some(false),
            ended: Some(1_764_558_729),
            error: Some(words.to_owned()),
        }),
        running: false,
    };
    classify(AuthMethod::AppOnly, &Reading::Report(report), None)
}

#[test]
fn times_in_every_format_the_server_writes() {
    let t = 1_764_558_729; // 2025-12-01T03:12:09Z
    for text in [
        "2025-12-01T03:12:09Z",
        "2025-12-01T03:12:09.1234567Z",
        "2025-12-01T04:12:09+01:00",
        "2025-11-30T22:12:09-05:00",
        "2025-12-01 03:12:09",
        "12/1/2025 3:12:09 AM",
        "12/01/2025 03:12:09",
    ] {
        assert_eq!(parse_time(text), Some(t), "{text}");
    }
    assert_eq!(parse_time("12/1/2025 3:12:09 PM"), Some(t + 12 * 3600));
    for bad in [
        "",
        "yesterday",
        "2025-02-30T00:00:00Z",
        "13/01/2025 00:00:00",
        "2025-12-01T25:00:00Z",
        &"9".repeat(200),
    ] {
        assert_eq!(parse_time(bad), None, "{bad}");
    }
    assert_eq!(time_in_words(t), "1 December 2025, 03:12 UTC");
    assert_eq!(key_end(EXPIRED).map(iso_day).as_deref(), Some("2026-11-25"));
    assert_eq!(key_end(EXPIRED_NO_END), None);
    assert_eq!(key_end("End=99/99/2026 00:00:00"), None);
}

#[test]
fn every_state_in_words_with_its_fix() {
    let expired = failed(EXPIRED);
    assert_eq!(expired.label, "Certificate expired on 25 November 2026");
    assert_eq!(expired.expiry.as_deref(), Some("2026-11-25"));
    assert_eq!(expired.fix, Some(Fix::RenewCertificate { register: false }));
    assert_eq!(expired.reason.as_deref(), Some(EXPIRED));
    assert_eq!(expired.checked, Some(1_764_558_729));
    assert!(expired.needs_attention());
    let table: [(&str, &str, Option<Fix>); 7] = [
        (
            EXPIRED_NO_END,
            "Certificate expired",
            Some(Fix::RenewCertificate { register: false }),
        ),
        (
            NOT_FOUND,
            "Certificate not registered in Entra ID",
            Some(Fix::RenewCertificate { register: true }),
        ),
        (CONSENT, "Consent missing", Some(Fix::GrantPermissions)),
        (
            GRAPH_403,
            "Permissions missing",
            Some(Fix::GrantPermissions),
        ),
        (APP_MISSING, "Application not found", None),
        (TENANT_MISSING, "Tenant not found", None),
        (CONDITIONAL, "Blocked by Conditional Access", None),
    ];
    for (words, label, fix) in table {
        let health = failed(words);
        assert_eq!((health.label.as_str(), health.fix), (label, fix), "{words}");
        assert_eq!(health.kind, StateKind::Refused);
        assert!(health.meaning.is_some());
    }
    let unknown_words = failed("Something nobody has seen.");
    assert_eq!(unknown_words.label, "Connection failed");
    assert_eq!(
        unknown_words.reason.as_deref(),
        Some("Something nobody has seen.")
    );
    assert_eq!(
        failed("").reason.as_deref(),
        Some("The backup server gave no reason.")
    );
}

#[test]
fn legacy_checking_unknown_and_connected() {
    let ok = SyncReport {
        last: Some(LastSync {
            succeeded: Some(true),
            ended: Some(5),
            error: None,
        }),
        running: false,
    };
    let connected = classify(AuthMethod::AppOnly, &Reading::Report(ok.clone()), None);
    assert_eq!(
        (connected.kind, connected.label.as_str()),
        (StateKind::Connected, "Connected")
    );
    assert!(!connected.needs_attention());
    for method in [AuthMethod::Modern, AuthMethod::Basic] {
        let legacy = classify(method, &Reading::Report(ok.clone()), None);
        assert_eq!(
            legacy.label,
            "Legacy authentication: move to modern app-only"
        );
        assert_eq!(legacy.fix, Some(Fix::MoveToAppOnly));
        assert!(legacy.needs_attention());
    }
    let running = SyncReport {
        last: None,
        running: true,
    };
    let checking = classify(AuthMethod::AppOnly, &Reading::Report(running), None);
    assert_eq!(
        (checking.kind, checking.label.as_str()),
        (StateKind::Checking, "Checking\u{2026}")
    );
    for (reading, reason) in [
        (
            Reading::Report(SyncReport::default()),
            "has not synced this organization",
        ),
        (Reading::Absent, "reported no sync state"),
        (Reading::Failed("refused: 500".into()), "refused: 500"),
        (Reading::NotKept, "REST API v6"),
    ] {
        let health = classify(AuthMethod::AppOnly, &reading, None);
        assert_eq!(health.label, "Unknown");
        assert!(
            health.reason.as_deref().unwrap().contains(reason),
            "{health:?}"
        );
        assert!(!health.needs_attention());
    }
    let strange = SyncReport {
        last: Some(LastSync {
            succeeded: None,
            ended: None,
            error: None,
        }),
        running: false,
    };
    assert_eq!(
        classify(AuthMethod::AppOnly, &Reading::Report(strange), None).label,
        "Unknown"
    );
}

#[test]
fn jobs_add_a_failed_backup_on_every_version() {
    let failed_job = JobSummary {
        failed: true,
        failed_at: parse_time("2026-12-06T22:00:00Z"),
        last_backup: parse_time("2026-11-28T22:00:00Z"),
    };
    let ok = SyncReport {
        last: Some(LastSync {
            succeeded: Some(true),
            ended: Some(5),
            error: None,
        }),
        running: false,
    };
    let backup = classify(AuthMethod::AppOnly, &Reading::Report(ok), Some(&failed_job));
    assert_eq!(
        (backup.kind, backup.label.as_str()),
        (
            StateKind::BackupFailed,
            "Last backup failed on 6 December 2026"
        )
    );
    assert!(backup.needs_attention());
    let v6 = classify(AuthMethod::AppOnly, &Reading::NotKept, Some(&failed_job));
    assert_eq!(v6.label, "Last backup failed on 6 December 2026");
    assert!(
        v6.reason
            .unwrap()
            .contains("The last successful backup was on 28 November 2026.")
    );
    let good = JobSummary {
        failed: false,
        failed_at: None,
        last_backup: parse_time("2026-12-06T22:00:00Z"),
    };
    let v6 = classify(AuthMethod::AppOnly, &Reading::NotKept, Some(&good));
    assert_eq!(
        (v6.kind, v6.label.as_str()),
        (
            StateKind::Connected,
            "Last backup succeeded on 6 December 2026"
        )
    );
    let refused = classify(
        AuthMethod::AppOnly,
        &Reading::Report(SyncReport {
            last: Some(LastSync {
                succeeded: Some(false),
                ended: None,
                error: Some(CONSENT.into()),
            }),
            running: false,
        }),
        Some(&failed_job),
    );
    assert_eq!(refused.label, "Consent missing");
    assert_eq!(
        refused.note.as_deref(),
        Some("Last backup failed on 6 December 2026")
    );
}

#[test]
fn both_shapes_read_and_bad_ones_become_reasons() {
    let list = format!(
        r#"[{{"organizationId":"a","lastSyncState":{{"type":"Incremental","result":"Error","startTime":"2026-12-01T03:11:27Z","endTime":"2026-12-01T03:12:09Z","error":{}}},"currentSyncState":null}},
            {{"organizationId":"b","lastSyncState":null,"currentSyncState":{{"type":"Incremental","status":"Running"}}}},
            {{"organizationId":"c"}},
            {{"organizationId":"d","lastSyncState":"<script>alert(1)</script>"}},
            {{"organizationId":"e","lastSyncState":{{"result":"Success","endTime":"12/01/2026 03:12:09"}}}},
            {{"lastSyncState":null}}, 7, null,
            {{"organizationId":"f","status":17}}]"#,
        serde_json::to_string(EXPIRED).unwrap()
    );
    let read = read_sync_list(&list).unwrap();
    let ids: Vec<&str> = read.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e", "f"]);
    let a = read[0].1.clone().unwrap();
    assert_eq!(a.last.as_ref().unwrap().error.as_deref(), Some(EXPIRED));
    assert_eq!(a.last.unwrap().ended, parse_time("2026-12-01T03:12:09Z"));
    assert!(read[1].1.clone().unwrap().running);
    assert_eq!(read[2].1, Ok(SyncReport::default()));
    assert_eq!(read[3].1, Ok(SyncReport::default()));
    assert_eq!(
        read[4].1.clone().unwrap().last.unwrap().succeeded,
        Some(true)
    );
    assert_eq!(read[5].1, Err(SyncReadError::Unrecognised));
    assert_eq!(read_sync_list("<html>"), Err(SyncReadError::NotJson));
    // The documented shape is read typed; it says what the lenient reading says.
    let documented = r#"[{"organizationId":"a","lastSyncState":{"type":"Full","result":"Error","startTime":"2026-12-01T03:11:27Z","endTime":"2026-12-01T03:12:09.5Z","error":"  AADSTS65001: no consent "},"currentSyncState":{"type":"Incremental","status":"Queued"},"_links":{}},{"organizationId":"b","lastSyncState":null}]"#;
    let typed = read_sync_list(documented).unwrap();
    let one = |i: usize| {
        let items: Vec<serde_json::Value> = serde_json::from_str(documented).unwrap();
        read_sync_one(&items[i].to_string())
    };
    assert_eq!(
        typed,
        vec![("a".to_owned(), one(0)), ("b".to_owned(), one(1))]
    );
    assert!(typed[0].1.clone().unwrap().running);
    assert_eq!(read_sync_list("{}"), Err(SyncReadError::Unrecognised));
    // v7's shape.
    let v7 = read_sync_one(r#"{"type":"Incremental","status":"Error","lastSyncTime":"2026-12-01T03:12:09Z","error":"AADSTS65001: not consented"}"#).unwrap();
    assert_eq!(v7.last.as_ref().unwrap().succeeded, Some(false));
    assert_eq!(
        read_sync_one(r#"{"type":null,"status":"None","lastSyncTime":null}"#),
        Ok(SyncReport::default())
    );
    assert_eq!(read_sync_one("[]"), Err(SyncReadError::Unrecognised));
    // Three megabytes of markup: kept short, never more.
    let huge = format!(
        r#"{{"status":"Error","error":"{}"}}"#,
        "<b>x</b>".repeat(400_000)
    );
    let words = read_sync_one(&huge).unwrap().last.unwrap().error.unwrap();
    assert_eq!(words.chars().count(), WORDS_KEPT + 1);
    assert!(words.ends_with('\u{2026}'));
}

#[test]
fn jobs_read_from_a_page_or_an_array() {
    let page = read_jobs(r#"{"offset":0,"limit":2,"results":[
        {"organizationId":"a","lastStatus":"Failed","lastRun":"2026-12-06T22:00:00Z","lastBackup":"2026-11-28T22:00:00Z"},
        {"organizationId":"b","lastStatus":"Success","lastRun":"2026-12-06T22:00:00Z","lastBackup":"2026-12-06T22:00:00Z"}]}"#).unwrap();
    assert!(page.paged);
    assert_eq!(page.count, 2);
    assert!(page.jobs[0].1.failed);
    let array = read_jobs(r#"[{"lastStatus":"Failed","_links":{"organization":{"href":"/v7/Organizations/c/"}}},{"lastStatus":"Success"}]"#).unwrap();
    assert!(!array.paged);
    assert_eq!((array.count, array.jobs.len()), (2, 1));
    assert_eq!(array.jobs[0].0, "c");
    let mut merged = JobSummary::default();
    merged.merge(&page.jobs[1].1);
    merged.merge(&page.jobs[0].1);
    assert!(merged.failed);
    assert_eq!(merged.last_backup, parse_time("2026-12-06T22:00:00Z"));
    assert_eq!(read_jobs("nope"), Err(SyncReadError::NotJson));
    assert_eq!(
        read_jobs(r#"{"items":[]}"#),
        Err(SyncReadError::Unrecognised)
    );
}

#[test]
fn attention_first_and_counted() {
    let ok = SyncReport {
        last: Some(LastSync {
            succeeded: Some(true),
            ended: Some(5),
            error: None,
        }),
        running: false,
    };
    let rows = vec![
        classify(AuthMethod::AppOnly, &Reading::Report(ok.clone()), None),
        failed(CONSENT),
        classify(AuthMethod::AppOnly, &Reading::Waiting, None),
        classify(AuthMethod::Modern, &Reading::Report(ok), None),
        failed(EXPIRED),
    ];
    assert_eq!(attention_order(&rows), [1, 3, 4, 0, 2]);
    assert_eq!(attention_count(&rows), 3);
    assert_eq!(
        attention_summary(2005, 3, 0),
        "3 of 2,005 organizations need attention."
    );
    assert_eq!(
        attention_summary(6, 1, 0),
        "1 of 6 organizations needs attention."
    );
    assert_eq!(
        attention_summary(6, 0, 0),
        "None of 6 organizations needs attention."
    );
    assert_eq!(
        attention_summary(1, 1, 0),
        "The organization needs attention."
    );
    assert_eq!(
        attention_summary(0, 0, 0),
        "The backup server has no organizations yet."
    );
    assert_eq!(
        attention_summary(500, 4, 120),
        "4 of 500 organizations need attention. Reading the states of 120 more\u{2026}"
    );
}

#[test]
fn csv_is_rfc_4180_and_runs_no_formula() {
    let rows = [
        CsvRow {
            name: "contoso.onmicrosoft.com",
            method: "Modern app-only authentication",
            state: "Certificate expired on 25 November 2026",
            reason: "AADSTS700027: \"quoted\", and\r\nbroken",
            expiry: "2026-11-25",
            thumbprint: "9F3A",
            checked: "2026-12-01T03:12:09Z",
        },
        CsvRow {
            name: "=HYPERLINK(\"http://x\")",
            method: "Basic authentication",
            state: "Connected",
            reason: "-1+1",
            expiry: "",
            thumbprint: "",
            checked: "",
        },
    ];
    let text = write_csv(&rows);
    assert_eq!(
        text,
        "\u{feff}Organization,Authentication method,State,Reason,Certificate expiry,Certificate thumbprint,Last checked\r\n\
         contoso.onmicrosoft.com,Modern app-only authentication,Certificate expired on 25 November 2026,\"AADSTS700027: \"\"quoted\"\", and\r\nbroken\",2026-11-25,9F3A,2026-12-01T03:12:09Z\r\n\
         \"'=HYPERLINK(\"\"http://x\"\")\",Basic authentication,Connected,\"'-1+1\",,,\r\n"
    );
}

fn report(succeeded: bool, ended: i64, running: bool) -> SyncReport {
    SyncReport {
        last: Some(LastSync {
            succeeded: Some(succeeded),
            ended: Some(ended),
            error: (!succeeded).then(|| CONSENT.to_owned()),
        }),
        running,
    }
}

/// (baseline, the request's answer, the reads, the verdict)
type Row = (
    Baseline,
    Result<(), ApiError>,
    Vec<Result<SyncReport, ApiError>>,
    Verdict,
);

fn lost() -> ApiError {
    ApiError::Network("Failed to fetch".into())
}

fn gone() -> ApiError {
    ApiError::Rejected {
        status: 404,
        message: "Organization x was not found.".into(),
        code: None,
    }
}

fn wait_rows() -> Vec<Row> {
    vec![
        (
            Baseline::Ended(100),
            Ok(()),
            vec![Ok(report(false, 100, true)), Ok(report(true, 200, false))],
            Verdict::Accepted { at: Some(200) },
        ),
        (
            Baseline::Never,
            Ok(()),
            vec![
                Ok(SyncReport {
                    last: None,
                    running: true,
                }),
                Ok(report(true, 7, false)),
            ],
            Verdict::Accepted { at: Some(7) },
        ),
        (
            Baseline::Ended(100),
            Err(lost()),
            vec![Ok(report(true, 100, false)), Ok(report(false, 150, false))],
            Verdict::Refused(failed(CONSENT)),
        ),
        (
            Baseline::Unknown,
            Ok(()),
            vec![
                Ok(report(true, 1_000 - 61, false)),
                Ok(report(true, 1_000 - 59, false)),
            ],
            Verdict::Accepted { at: Some(941) },
        ),
        (Baseline::Ended(100), Err(gone()), vec![], Verdict::Gone),
        (
            Baseline::Ended(100),
            Err(ApiError::Unauthorized),
            vec![],
            Verdict::SignInAgain,
        ),
        (
            Baseline::Ended(100),
            Ok(()),
            vec![Err(gone())],
            Verdict::Gone,
        ),
        (
            Baseline::Ended(100),
            Ok(()),
            vec![Err(ApiError::Unauthorized)],
            Verdict::SignInAgain,
        ),
        (
            Baseline::Ended(100),
            Ok(()),
            vec![Err(lost()), Err(lost()), Err(lost())],
            Verdict::Failed(lost().to_string()),
        ),
        (
            Baseline::Ended(100),
            Err(ApiError::Rejected {
                status: 400,
                message: "The synchronization type must be Incremental or Full.".into(),
                code: None,
            }),
            vec![],
            Verdict::Failed("x".into()),
        ),
    ]
}

#[test]
fn the_wait_for_proof_after_a_fix() {
    for (n, (baseline, requested, reads, verdict)) in wait_rows().into_iter().enumerate() {
        let mut wait = SyncConfirm::new(1_000, baseline);
        let mut elapsed = 0;
        let mut next = wait.requested(requested, elapsed);
        for read in reads {
            let Next::Read { after_ms } = next else {
                panic!("row {n}: ended early: {next:?}")
            };
            elapsed += after_ms;
            next = wait.read(read, elapsed);
        }
        match (next, verdict) {
            (Next::Done(Verdict::Failed(_)), Verdict::Failed(_)) => {}
            (Next::Done(Verdict::Refused(h)), Verdict::Refused(expected)) => {
                assert_eq!(h.label, expected.label, "row {n}")
            }
            (next, verdict) => assert_eq!(next, Next::Done(verdict), "row {n}"),
        }
    }
}

#[test]
fn a_sync_that_never_ends_is_given_up_after_two_minutes() {
    // A sync that never ends: two minutes, then the wait gives up.
    let mut wait = SyncConfirm::new(1_000, Baseline::Ended(100));
    let mut next = wait.requested(Ok(()), 0);
    let mut elapsed = 0;
    let mut reads = 0;
    while let Next::Read { after_ms } = next {
        elapsed += after_ms;
        reads += 1;
        next = wait.read(Ok(report(true, 100, true)), elapsed);
    }
    assert_eq!(next, Next::Done(Verdict::GaveUp));
    assert_eq!(
        (elapsed, reads),
        (GIVE_UP_AFTER_MS, GIVE_UP_AFTER_MS / POLL_EVERY_MS)
    );
    assert!(Verdict::GaveUp.sentence().contains("two minutes"));
    assert_eq!(
        Verdict::Accepted {
            at: Some(1_764_558_729)
        }
        .sentence(),
        "Microsoft 365 accepted the connection: the backup server synced the organization at 1 December 2025, 03:12 UTC."
    );
}

fn organization(app_only: bool) -> wizard_core::server::ServerOrganization {
    let settings = if app_only {
        r#"{"officeOrganizationName":"contoso.onmicrosoft.com","useApplicationOnlyAuth":true,"applicationId":"3f2b8c61-7d4e-4a95-b0c3-9e1f5a7d2c48","applicationCertificateThumbprint":"9F3A"}"#
    } else {
        r#"{"account":"admin@contoso.onmicrosoft.com","useApplicationOnlyAuth":false,"useMfa":true,"applicationId":"3f2b8c61-7d4e-4a95-b0c3-9e1f5a7d2c48"}"#
    };
    let text = format!(
        r#"{{"id":"c0ffee00-0000-4000-8000-000000000001","name":"contoso.onmicrosoft.com","type":"Office365","region":"Worldwide","isExchangeOnline":true,"isSharePointOnline":false,"exchangeOnlineSettings":{settings}}}"#
    );
    wizard_core::server::read_one(200, &text).unwrap()
}

#[test]
fn each_fix_opens_the_edit_with_its_choices_made() {
    use wizard_core::answers::AppRoute;
    use wizard_core::flow::{Step, Target};
    use wizard_core::server::ApiVersion;
    let v8 = Some(ApiVersion::V8);
    for (fix, grant) in [
        (Fix::RenewCertificate { register: false }, false),
        (Fix::RenewCertificate { register: true }, true),
        (Fix::GrantPermissions, true),
    ] {
        let w = wizard_for_fix(organization(true), fix, v8).unwrap();
        assert_eq!(w.step(), Step::AppCredentials, "{fix:?}");
        assert_eq!(w.edited().unwrap().name, "contoso.onmicrosoft.com");
        assert_eq!(w.route(), AppRoute::Existing);
        assert_eq!(
            w.draft(Target::Primary).configure_application,
            grant,
            "{fix:?}"
        );
        assert_eq!(w.needs_microsoft_sign_in(), grant);
        assert_eq!(w.server_version(), v8);
    }
    let moved = wizard_for_fix(organization(false), Fix::MoveToAppOnly, v8).unwrap();
    assert_eq!(moved.method(), AuthMethod::AppOnly);
    assert_eq!(moved.step(), Step::AppCredentials);
    assert!(moved.method_note(AuthMethod::AppOnly).is_some());
}
