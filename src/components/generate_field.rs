//! "Generate a new self-signed certificate": the subject, the validity, the
//! key size and the .pfx password, then "Generate". The certificate worker
//! makes the key pair with WebCrypto and builds the certificate and .pfx in
//! Rust; the lifecycle (idle, generating, generated, failed, replacing only
//! after the user said so) is wizard-core's `GenerationMachine`.

use super::certificate_card::{Card, Origin};
use super::certificate_password::CertificatePassword;
use super::field::{Choice, RadioGroup, TextField};
use super::state::Shared;
use crate::files;
use crate::instance::Ids;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wizard_core::answers::{AppRoute, CertificateOutcome, CertificateState, Field, Secret};
use wizard_core::flow::{Target, application_name_of, default_application_name_of};
use wizard_core::machines::generation::{
    Command, Event, Generated, GenerationChoice, GenerationMachine, KeySize, Phase,
};
use wizard_core::server::WorkerJob;

/// What the generation inputs hold, for this field only; their errors are
/// the machine's.
#[derive(Clone, Copy)]
struct Inputs {
    choice: RwSignal<GenerationChoice>,
    confirmation: RwSignal<Secret>,
    machine: RwSignal<GenerationMachine>,
    /// The user typed a subject: it no longer follows the suggestion.
    subject_typed: RwSignal<bool>,
}

impl Inputs {
    /// The error the machine found at `field` on the last "Generate".
    fn error(self, field: Field) -> Signal<Option<String>> {
        let machine = self.machine;
        Signal::derive(move || machine.with(|m| m.error(field).map(str::to_owned)))
    }
}

/// The generation half of a certificate field.
#[component]
pub fn GenerateField(
    /// Whose credentials it edits.
    target: Target,
) -> impl IntoView {
    let shared = expect_context::<Shared>();
    let secrets = shared.secrets;
    let holding =
        secrets.with_untracked(|s| matches!(s.of(target).certificate, CertificateState::Ready(_)));
    let machine = RwSignal::new(GenerationMachine::holding(holding));
    let inputs = Inputs {
        choice: RwSignal::new(GenerationChoice {
            subject: suggested_subject(shared, target),
            ..GenerationChoice::default()
        }),
        confirmation: RwSignal::new(Secret::default()),
        machine,
        subject_typed: RwSignal::new(false),
    };
    // The suggestion names the organization, which may be typed after this
    // field appears: it follows until the user types a subject of their own.
    Effect::new(move |_| {
        shared.wizard.track();
        if inputs.subject_typed.get_untracked() {
            return;
        }
        let suggested = suggested_subject(shared, target);
        if inputs.choice.with_untracked(|c| c.subject != suggested) {
            inputs.choice.update(|c| c.subject = suggested);
        }
    });
    let run = move |event: Event| {
        if let Some(Command::Generate(choice)) = machine.try_update(|m| m.handle(event)).flatten() {
            generate(shared, target, choice, machine);
        }
    };
    let on_generate = move |_| {
        run(Event::Generate {
            choice: inputs.choice.get_untracked(),
            password: secrets.with_untracked(|s| s.of(target).certificate_password.clone()),
            confirmation: inputs.confirmation.get_untracked(),
        });
    };
    let phase = Memo::new(move |_| machine.with(|m| m.phase().clone()));
    let status = move || machine.with(GenerationMachine::status);
    view! {
        <GenerationInputs target=target inputs=inputs />
        <button
            type="button"
            class="m365w-button m365w-primary"
            disabled=move || matches!(phase.get(), Phase::Generating { .. })
            on:click=on_generate
        >
            "Generate"
        </button>
        <Show when=move || phase.get() == Phase::ConfirmingReplace>
            <div class="m365w-notice" role="alert">
                <p>
                    "A certificate is already chosen for this application. Generating a new one replaces it and its key: upload the new .cer to Microsoft Entra ID, or the backup server cannot sign in with it."
                </p>
                <button type="button" class="m365w-button m365w-primary" on:click=move |_| run(Event::ConfirmReplace)>
                    "Replace it"
                </button>
                <button type="button" class="m365w-button m365w-secondary" on:click=move |_| run(Event::KeepCurrent)>
                    "Keep the current one"
                </button>
            </div>
        </Show>
        <p class="m365w-status" role="status">{status}</p>
        {move || machine.with(|m| m.generated().cloned()).map(|g| view! {
            <Card card=g.card origin=Origin::Generated target=target pfx_base64=g.pfx_base64 />
        })}
    }
}

/// The subject the field starts with: the new application's name, or for
/// an existing one the default name after the organization.
fn suggested_subject(shared: Shared, target: Target) -> String {
    shared.wizard.with_untracked(|w| match w.route() {
        AppRoute::New => application_name_of(w.draft(target)),
        AppRoute::Existing => default_application_name_of(w.draft(target)),
    })
}

/// Asks the worker for the key pair, certificate and .pfx as `choice` says,
/// records the certificate as the field's, and tells the machine.
fn generate(
    shared: Shared,
    target: Target,
    choice: GenerationChoice,
    machine: RwSignal<GenerationMachine>,
) {
    let Shared {
        wizard, secrets, ..
    } = shared;
    let password = secrets.with_untracked(|s| s.of(target).certificate_password.clone());
    let encryption = wizard.with_untracked(|w| w.draft(target).pfx_encryption());
    let job = WorkerJob::Generate {
        subject: choice.subject.trim().to_owned(),
        years: choice.years,
        bits: choice.key_size.bits(),
        encryption,
    };
    spawn_local(async move {
        let answer = files::ask_worker(job, &[], password.expose()).await;
        let outcome = answer.and_then(|json| CertificateOutcome::from_wire(&json));
        let result = match outcome {
            Ok(outcome) => {
                let pfx_base64 = outcome.pfx_base64.clone().unwrap_or_default();
                match outcome.into_state(&password) {
                    (state @ CertificateState::Ready(_), Some(card)) => {
                        secrets.try_update(|s| s.of_mut(target).certificate = state);
                        shared
                            .errors
                            .try_update(|e| e.set(Field::ApplicationCertificate, None));
                        Ok(Generated { card, pfx_base64 })
                    }
                    (CertificateState::Rejected(why), _) => Err(why),
                    _ => Err("The worker gave no certificate. Try again.".to_owned()),
                }
            }
            Err(why) => Err(why),
        };
        machine.try_update(|m| m.handle(Event::Finished(result)));
    });
}

/// Subject name, validity, key size, the password and its confirmation.
#[component]
fn GenerationInputs(target: Target, inputs: Inputs) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let choice = inputs.choice;
    let years: Vec<Choice<u8>> = [(1u8, "1 year"), (2, "2 years"), (3, "3 years")]
        .into_iter()
        .map(|(n, label)| Choice::new(n, ids.id(&format!("generate-years-{n}")), label))
        .collect();
    let sizes: Vec<Choice<KeySize>> = KeySize::ALL
        .into_iter()
        .map(|size| {
            let label = match size {
                KeySize::Rsa2048 => "RSA 2048 bits",
                KeySize::Rsa3072 => "RSA 3072 bits",
                KeySize::Rsa4096 => "RSA 4096 bits",
            };
            Choice::new(
                size,
                ids.id(&format!("generate-size-{}", size.bits())),
                label,
            )
        })
        .collect();
    view! {
        <TextField
            id=ids.id("generate-subject")
            label="Subject name"
            hint="The certificate's name (CN), as Microsoft Entra ID lists it under Certificates & secrets."
            value=Signal::derive(move || choice.with(|c| c.subject.clone()))
            on_input=move |v| {
                inputs.subject_typed.set(true);
                choice.update(|c| c.subject = v);
            }
            on_change=|_| ()
            error=inputs.error(Field::ApplicationCertificate)
            autocomplete="off"
        />
        <RadioGroup
            id=ids.id("generate-years-group")
            name=ids.id("generate-years")
            legend="Valid for"
            choices=years
            chosen=Signal::derive(move || choice.with(|c| c.years))
            on_choose=move |n| choice.update(|c| c.years = n)
        />
        <RadioGroup
            id=ids.id("generate-size-group")
            name=ids.id("generate-size")
            legend="Key size"
            hint=Some("2048 bits is what Microsoft Entra ID and every backup server take, and the quickest to make.")
            choices=sizes
            chosen=Signal::derive(move || choice.with(|c| c.key_size))
            on_choose=move |size| choice.update(|c| c.key_size = size)
        />
        <CertificatePassword
            target=target
            hint="Protects the new .pfx. The backup server receives it with the file; keep it with the .pfx you download."
            on_change=Callback::new(|()| ())
            autocomplete="new-password"
        />
        <TextField
            id=ids.id("certificate-confirm")
            label="Confirm password"
            value=Signal::derive(move || inputs.confirmation.with(|p| p.expose().to_owned()))
            on_input=move |v| inputs.confirmation.set(Secret::new(v))
            on_change=|_| ()
            error=inputs.error(Field::AppPassword)
            secret=true
            autocomplete="new-password"
        />
    }
}
