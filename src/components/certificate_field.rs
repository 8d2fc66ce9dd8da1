//! The application certificate: file picker and drop zone, the file's
//! password, a summary card with the findings, and the .cer download.
//! The files are opened and judged in the certificate worker (crates/cert-worker,
//! through `wizard_core::answers::read_certificate`); this step shows the outcome.

use super::certificate_card::{Card, Origin};
use super::certificate_password::CertificatePassword;
use super::drop_zone::DropZone;
use super::field::{CheckField, Choice, Message, MessageKind, RadioGroup, described_by};
use super::generate_field::GenerateField;
use super::state::Shared;
use crate::files::{self, PickedFile};
use crate::instance::Ids;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wizard_core::answers::{CertificateCard, CertificateOutcome, CertificateState, Field};
use wizard_core::flow::{Answer, Target};
use wizard_core::server::WorkerJob;

/// Where opening stands, for the live status line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Opening {
    Idle,
    Reading,
    Done,
}

/// The files chosen for one certificate field and what opening them gave.
/// The files stay in memory while the step is shown, so a corrected
/// password can reopen them without picking them again.
#[derive(Clone, Copy)]
struct Chosen {
    shared: Shared,
    target: Target,
    picked: StoredValue<Vec<PickedFile>>,
    card: RwSignal<Option<CertificateCard>>,
    opening: RwSignal<Opening>,
}

impl Chosen {
    fn new(shared: Shared, target: Target) -> Self {
        Self {
            shared,
            target,
            picked: StoredValue::new(Vec::new()),
            card: RwSignal::new(None),
            opening: RwSignal::new(Opening::Idle),
        }
    }

    /// Reads a new list of files, then opens them.
    fn take(self, list: Option<web_sys::FileList>) {
        let Some(list) = list.filter(|l| l.length() > 0) else {
            return;
        };
        self.opening.set(Opening::Reading);
        spawn_local(async move {
            match files::read_all(list).await {
                Ok(read) => {
                    self.picked.set_value(read);
                    self.reopen();
                }
                Err(why) => {
                    self.picked.set_value(Vec::new());
                    self.record(CertificateState::Rejected(why), None);
                }
            }
        });
    }

    /// Opens the chosen files (again) in the certificate worker, with the
    /// password and protection as they are now.
    fn reopen(self) {
        if self.picked.with_value(|p| p.is_empty()) {
            return;
        }
        let Shared {
            wizard, secrets, ..
        } = self.shared;
        let target = self.target;
        self.opening.set(Opening::Reading);
        spawn_local(async move {
            let password = secrets.with_untracked(|s| s.of(target).certificate_password.clone());
            let encryption = wizard.with_untracked(|w| w.draft(target).pfx_encryption());
            let answer = self
                .picked
                .with_value(|p| {
                    let slices: Vec<&[u8]> = p.iter().map(|f| f.bytes.as_slice()).collect();
                    // The bytes are copied into the request before it is sent.
                    files::ask_worker(WorkerJob::Choose { encryption }, &slices, password.expose())
                })
                .await;
            let (state, card) = match answer.and_then(|json| CertificateOutcome::from_wire(&json)) {
                Ok(outcome) => outcome.into_state(&password),
                Err(why) => (CertificateState::Rejected(why), None),
            };
            self.record(state, card);
        });
    }

    /// Keeps what opening gave: the field's state, its error, the card.
    fn record(self, state: CertificateState, card: Option<CertificateCard>) {
        let message = match &state {
            CertificateState::Rejected(why) => Some(why.clone()),
            _ => None,
        };
        let target = self.target;
        self.shared
            .secrets
            .update(|s| s.of_mut(target).certificate = state);
        self.shared
            .errors
            .update(|e| e.set(Field::ApplicationCertificate, message));
        self.card.set(card);
        self.opening.set(Opening::Done);
    }

    /// The live status line: what is chosen, or that it is being opened.
    fn status(self) -> String {
        let names = self.picked.with_value(|p| {
            p.iter()
                .map(|f| f.name.clone())
                .collect::<Vec<_>>()
                .join(", ")
        });
        match self.opening.get() {
            Opening::Reading => "Opening the certificate\u{2026}".to_owned(),
            Opening::Done if !names.is_empty() => format!("Chosen: {names}"),
            _ => self
                .shared
                .secrets
                .with(|s| match &s.of(self.target).certificate {
                    CertificateState::Ready(upload) => {
                        format!("Chosen: {} ({})", upload.subject, upload.thumbprint)
                    }
                    // The browser's own file button already says "No file
                    // chosen": the line stays empty rather than say it twice.
                    _ => String::new(),
                }),
        }
    }
}

/// Where the certificate comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The user's files.
    Import,
    /// Generated here.
    Generate,
}

/// The certificate field of a credentials step: import files, or generate
/// a new self-signed certificate in the browser.
#[component]
pub fn CertificateField(
    /// Whose credentials it edits.
    target: Target,
) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let source = RwSignal::new(Source::Import);
    let offered = generation_offered();
    let choices = vec![
        Choice::new(
            Source::Import,
            ids.id("certificate-import"),
            "Import a .pfx, .p12 or PEM files",
        ),
        Choice::new(
            Source::Generate,
            ids.id("certificate-generate"),
            "Generate a new self-signed certificate",
        )
        .hint(Some(offered.err().unwrap_or(
            "A new key pair and certificate, made in this browser; you upload its .cer to the application in Microsoft Entra ID.",
        )))
        .disabled(offered.is_err()),
    ];
    view! {
        <RadioGroup
            id=ids.id("certificate-source-group")
            name=ids.id("certificate-source")
            legend="Application certificate"
            choices=choices
            chosen=source
            on_choose=move |choice| source.set(choice)
        />
        {move || match source.get() {
            Source::Import => view! { <ImportField target=target /> }.into_any(),
            Source::Generate => view! { <GenerateField target=target /> }.into_any(),
        }}
    }
}

/// Whether this page can generate a key pair: WebCrypto's key generation
/// exists only in a secure context (HTTPS, or plain HTTP on loopback).
fn generation_offered() -> Result<(), &'static str> {
    let secure = web_sys::window().is_some_and(|w| w.is_secure_context());
    if secure {
        Ok(())
    } else {
        Err(
            "Not available here: the browser generates keys only on pages served over HTTPS (or from this computer). Import a certificate instead.",
        )
    }
}

/// Importing the user's files: the picker, the password and the card.
#[component]
fn ImportField(
    /// Whose credentials it edits.
    target: Target,
) -> impl IntoView {
    let shared = expect_context::<Shared>();
    let wizard = shared.wizard;
    let chosen = Chosen::new(shared, target);
    let card = chosen.card;
    view! {
        <FilePicker chosen=chosen />
        <CertificatePassword
            target=target
            hint="The password the file was exported with. For PEM files, the key's password if it has one, and the password that will protect the .pfx the wizard builds for the server."
            on_change=Callback::new(move |()| chosen.reopen())
            autocomplete="off"
        />
        {move || card.get().map(|c| {
            let origin = if !c.built_pfx {
                Origin::Pfx
            } else {
                Origin::Pem(wizard.with_untracked(|w| w.draft(target).pfx_aes))
            };
            view! { <Card card=c origin=origin target=target /> }
        })}
        {move || card.with(|c| c.as_ref().is_some_and(|c| c.built_pfx)).then(|| view! { <PfxProtection chosen=chosen /> })}
    }
}

/// The file input inside its drop zone, with the hint, error and status.
#[component]
fn FilePicker(chosen: Chosen) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let errors = chosen.shared.errors;
    let id = ids.id(Field::ApplicationCertificate.key());
    let zone = DropZone::new();
    let error = Signal::derive(move || {
        errors.with(|e| e.get(Field::ApplicationCertificate).map(str::to_owned))
    });
    let hint = "A .pfx or .p12 file with the private key, or a PEM certificate with its key file (select both). Drop the files here or choose them.";
    let (hint_id, error_id, status_id) = (
        format!("{id}-hint"),
        format!("{id}-error"),
        format!("{id}-status"),
    );
    let described = {
        let id = id.clone();
        let status_id = status_id.clone();
        move || {
            let base = described_by(&id, true, false, error.get().is_some()).unwrap_or_default();
            format!("{base} {status_id}")
        }
    };
    view! {
        <div
            class="m365w-field m365w-dropzone"
            class:m365w-field-error=move || error.get().is_some()
            class:m365w-dropzone-active=move || zone.active()
            on:dragenter=move |ev: web_sys::DragEvent| zone.enter(&ev)
            on:dragover=move |ev: web_sys::DragEvent| zone.over(&ev)
            on:dragleave=move |_| zone.leave()
            on:drop=move |ev: web_sys::DragEvent| chosen.take(zone.drop(&ev))
        >
            <label class="m365w-label" for=id.clone()>"Certificate"</label>
            <p class="m365w-hint" id=hint_id>{hint}</p>
            <Message id=error_id kind=MessageKind::Error text=error />
            <input
                class="m365w-file"
                type="file"
                id=id.clone()
                name=id.clone()
                multiple=true
                accept=".pfx,.p12,.pem,.crt,.cer,.der,.key"
                aria-describedby=described
                aria-invalid=move || error.get().is_some().then_some("true")
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    chosen.take(input.files());
                }
            />
            <p class="m365w-file-status" id=status_id aria-live="polite">{move || chosen.status()}</p>
        </div>
    }
}

/// AES-256 or 3DES for a .pfx the wizard builds from PEM files.
#[component]
fn PfxProtection(chosen: Chosen) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let (wizard, target) = (chosen.shared.wizard, chosen.target);
    view! {
        <CheckField
            id=ids.id("certificate-aes")
            label="Protect the new .pfx with AES-256 instead of 3DES"
            hint=Signal::derive(|| Some("For backup servers on Windows Server 2019 or later. Windows Server 2016 and earlier import only 3DES."))
            checked=Signal::derive(move || wizard.with(|w| w.draft(target).pfx_aes))
            on_toggle=move |on| {
                wizard.update(|w| w.set_answer(target, Answer::PfxAes(on)));
                chosen.reopen();
            }
        />
    }
}
