//! The summary card of a certificate: its details and findings, the .cer
//! for Microsoft Entra ID and, for one generated here, the .pfx.

use super::state::Shared;
use crate::files;
use leptos::prelude::*;
use wizard_core::answers::{AppRoute, CardFinding, CertificateCard, normalize_application_id};
use wizard_core::answers::{
    Reminder, calendar, calendar_file_name, expiry_in_words, offers_reminder,
};
use wizard_core::flow::{Target, organization_of};

/// Where the certificate on the card came from, for the sentence about
/// the .pfx the server receives.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The user's own .pfx or .p12, sent as it is.
    Pfx,
    /// PEM files, built into a .pfx here (AES-256 when `true`).
    Pem(bool),
    /// Generated here; the .pfx bytes (Base64) can be downloaded.
    Generated,
}

/// What the wizard does with the files, by where they came from.
fn origin_note(origin: Origin) -> Option<&'static str> {
    match origin {
        Origin::Pfx => None,
        Origin::Pem(true) => Some(
            "The wizard builds a .pfx from these files (AES-256 with a SHA-256 MAC) and sends it to the server.",
        ),
        Origin::Pem(false) => Some(
            "The wizard builds a .pfx from these files (3DES with a SHA-1 MAC, which every Windows Server imports) and sends it to the server.",
        ),
        Origin::Generated => Some(
            "Generated in this browser: the private key exists only here, in the .pfx the backup server receives, and in the .pfx you download.",
        ),
    }
}

/// The card's findings, each marked a problem or a warning in words.
#[component]
fn Findings(
    /// What the reader found.
    findings: Vec<CardFinding>,
) -> impl IntoView {
    (!findings.is_empty()).then(|| {
        let items = findings
            .into_iter()
            .map(|finding| {
                let (class, prefix) = if finding.blocking {
                    ("m365w-finding m365w-finding-error", "Problem: ")
                } else {
                    ("m365w-finding m365w-finding-warning", "Warning: ")
                };
                view! {
                    <li class=class>
                        <span class="m365w-finding-label">{prefix}</span>
                        {finding.message}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="m365w-findings">{items}</ul> }
    })
}

/// The certificate's details, its findings and the .cer download.
#[component]
pub fn Card(
    /// What to show.
    card: CertificateCard,
    /// Where it came from.
    origin: Origin,
    /// Whose credentials it is for (the reminder names their organization
    /// and application).
    target: Target,
    /// The .pfx (Base64) to offer for safekeeping: a generated certificate's.
    #[prop(optional)]
    pfx_base64: Option<String>,
) -> impl IntoView {
    let rows = [
        ("Subject", card.subject.clone()),
        ("Issuer", card.issuer.clone()),
        ("Valid", format!("{} to {}", card.valid_from, card.valid_to)),
        ("Thumbprint (SHA-1)", card.sha1_thumbprint.clone()),
        ("Key", card.key.clone()),
        ("Serial number", card.serial.clone()),
        ("Certificates in the file", card.certificates.to_string()),
    ];
    let shared = expect_context::<Shared>();
    let now = unix_now();
    let expiry = expiry_in_words(&card.valid_to, now).map(|words| sentence(&words));
    let reminder = offers_reminder(&card.valid_to, now, origin == Origin::Generated)
        .then(|| view! { <ReminderButton card=card.clone() target=target /> });
    // The server uploads the certificate itself after the device-code
    // sign-in: a new application, or the grant box.
    let registered_by_server = move || shared.wizard.with(|w| w.needs_microsoft_sign_in());
    let stem = cer_name(&card.subject);
    let pfx = pfx_base64.and_then(|b64| certificate::base64::decode(b64.as_bytes()));
    view! {
        <section class="m365w-card" aria-label="Certificate details">
            <dl class="m365w-card-list">
                {rows
                    .into_iter()
                    .map(|(term, value)| view! {
                        <div class="m365w-card-row">
                            <dt>{term}</dt>
                            <dd>{value}</dd>
                        </div>
                    })
                    .collect_view()}
            </dl>
            {expiry.map(|text| view! { <p class="m365w-expiry">{text}</p> })}
            <Findings findings=card.findings.clone() />
            {origin_note(origin).map(|text| view! { <p class="m365w-hint">{text}</p> })}
            <p class="m365w-hint">
                {move || if registered_by_server() {
                    "The backup server registers this certificate with the application in Microsoft Entra ID after the sign-in with a code: nothing to upload by hand. Keep the .cer for your records."
                } else {
                    "Upload the .cer to the application in Microsoft Entra ID, under Certificates & secrets: the backup server signs in with this certificate."
                }}
            </p>
            <DownloadButton
                label="Download .cer for Entra ID"
                name=format!("{stem}.cer")
                bytes=card.cer.clone()
                mime="application/pkix-cert"
            />
            {reminder}
            {pfx.map(|bytes| view! {
                <DownloadButton
                    label="Download .pfx"
                    name=format!("{stem}.pfx")
                    bytes=bytes
                    mime="application/x-pkcs12"
                />
            })}
        </section>
    }
}

/// Now, in Unix seconds, by the browser's clock.
fn unix_now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// "valid until …" as a sentence of its own.
fn sentence(words: &str) -> String {
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// "Add a renewal reminder to your calendar": an .ics built when clicked,
/// so it names the organization and application as they are then.
#[component]
fn ReminderButton(card: CertificateCard, target: Target) -> impl IntoView {
    let wizard = expect_context::<Shared>().wizard;
    let download = move |_| {
        let (organization, application_id) = wizard.with_untracked(|w| {
            let draft = w.draft(target);
            // A new application's ID is known only once the server made it.
            let id = (w.route() == AppRoute::Existing
                || w.method() != wizard_core::answers::AuthMethod::AppOnly)
                .then(|| normalize_application_id(&draft.application_id).ok())
                .flatten();
            (organization_of(draft).unwrap_or_default(), id)
        });
        let reminder = Reminder {
            organization: &organization,
            application_id: application_id.as_deref(),
            thumbprint: &card.sha1_thumbprint,
            subject: &card.subject,
            valid_to: &card.valid_to,
        };
        if let Some(ics) = calendar(&reminder, unix_now()) {
            files::download(
                &calendar_file_name(&reminder),
                ics.as_bytes(),
                "text/calendar",
            );
        }
    };
    view! {
        <button type="button" class="m365w-button m365w-secondary" on:click=download>
            "Add a renewal reminder to your calendar"
        </button>
    }
}

/// A button that offers `bytes` as the file `name`.
#[component]
fn DownloadButton(
    label: &'static str,
    name: String,
    bytes: Vec<u8>,
    mime: &'static str,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="m365w-button m365w-secondary"
            on:click=move |_| {
                files::download(&name, &bytes, mime);
            }
        >
            {label}
        </button>
    }
}

/// A file name from the subject's common name.
fn cer_name(subject: &str) -> String {
    let cn = subject
        .split(',')
        .find_map(|part| part.strip_prefix("CN="))
        .unwrap_or("certificate");
    let clean: String = cn
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if clean.is_empty() {
        "certificate".to_owned()
    } else {
        clean
    }
}
