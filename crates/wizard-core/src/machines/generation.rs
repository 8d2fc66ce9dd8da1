//! Generating the application's certificate in the browser, as a pure
//! machine: the choices (key size, validity), the check of the subject and
//! the two passwords with the errors each field shows, the lifecycle (idle,
//! generating, generated, failed, and replacing a certificate already
//! generated only once the user has confirmed it), the certificate it made
//! and the sentence the field's status line says. The component asks the
//! certificate worker to do the work and feeds the result back.

use crate::answers::CertificateCard;
use crate::answers::Secret;
use crate::answers::{Field, FieldErrors};

/// RSA key size (WebCrypto `modulusLength`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeySize {
    /// 2048 bits: what Entra ID and every backup server accept; fastest.
    #[default]
    Rsa2048,
    /// 3072 bits.
    Rsa3072,
    /// 4096 bits.
    Rsa4096,
}

impl KeySize {
    /// Every size, in the order offered.
    pub const ALL: [KeySize; 3] = [KeySize::Rsa2048, KeySize::Rsa3072, KeySize::Rsa4096];

    /// The size in bits.
    pub fn bits(self) -> u32 {
        match self {
            KeySize::Rsa2048 => 2048,
            KeySize::Rsa3072 => 3072,
            KeySize::Rsa4096 => 4096,
        }
    }
}

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerationChoice {
    /// The subject's common name.
    pub subject: String,
    /// 1, 2 (default) or 3 years.
    pub years: u8,
    /// The key size.
    pub key_size: KeySize,
}

impl Default for GenerationChoice {
    fn default() -> Self {
        Self {
            subject: String::new(),
            years: 2,
            key_size: KeySize::default(),
        }
    }
}

/// Checks the choice and the .pfx password with its confirmation; every
/// problem at its field.
fn check_generation(
    choice: &GenerationChoice,
    password: &Secret,
    confirmation: &Secret,
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::default();
    let subject = choice.subject.trim();
    errors.set(
        Field::ApplicationCertificate,
        (subject.is_empty() || subject.chars().count() > 64).then(|| {
            "Enter the certificate's subject name, 1 to 64 characters: the application's name, for example.".to_owned()
        }),
    );
    let password_problem = if password.is_empty() {
        Some(
            "Enter a password to protect the new .pfx: the backup server needs it to open the file.",
        )
    } else if password.expose() != confirmation.expose() {
        Some("The two passwords are not the same. Type the password again in Confirm password.")
    } else {
        None
    };
    errors.set(Field::AppPassword, password_problem.map(str::to_owned));
    if !(1..=3).contains(&choice.years) {
        errors.set(
            Field::ApplicationCertificate,
            Some("Choose a validity of 1, 2 or 3 years.".to_owned()),
        );
    }
    errors.into_result()
}

/// Where generation stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Phase {
    /// Nothing generated yet.
    #[default]
    Idle,
    /// A certificate exists; generating again would replace its key: the
    /// page asks first.
    ConfirmingReplace,
    /// The worker is generating (`replacing` when one existed).
    Generating {
        /// A certificate generated earlier is being replaced.
        replacing: bool,
    },
    /// Done (`replaced` when it took the place of an earlier one).
    Generated {
        /// It replaced a certificate generated earlier.
        replaced: bool,
    },
    /// The worker could not generate; its message.
    Failed(String),
}

/// A certificate the worker generated: its card and the .pfx (Base64).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// What the card shows.
    pub card: CertificateCard,
    /// The .pfx, protected by the password, for the download.
    pub pfx_base64: String,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// "Generate" with the inputs as they stand; the machine checks them.
    Generate {
        /// The subject, validity and key size.
        choice: GenerationChoice,
        /// "Certificate password".
        password: Secret,
        /// "Confirm password".
        confirmation: Secret,
    },
    /// "Replace it" after the warning.
    ConfirmReplace,
    /// "Keep the current one".
    KeepCurrent,
    /// The worker's answer.
    Finished(Result<Generated, String>),
}

/// What the component must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Ask the worker to generate a key pair and certificate as chosen.
    Generate(GenerationChoice),
}

/// The certificate-generation lifecycle of one certificate field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GenerationMachine {
    phase: Phase,
    /// A certificate was generated before the current attempt.
    have_one: bool,
    /// What the last "Generate" found wrong with the inputs.
    errors: FieldErrors,
    /// The choice being generated, or last generated.
    choice: GenerationChoice,
    /// The certificate generated last, while it stands.
    generated: Option<Generated>,
}

impl GenerationMachine {
    /// The machine of a field that already holds a certificate (imported or
    /// generated): generating asks before replacing it.
    pub fn holding(certificate: bool) -> Self {
        Self {
            have_one: certificate,
            ..Self::default()
        }
    }

    /// Where generation stands.
    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    /// The error `field` shows (the subject at `ApplicationCertificate`, the
    /// passwords at `AppPassword`), from the last "Generate".
    pub fn error(&self, field: Field) -> Option<&str> {
        self.errors.get(field)
    }

    /// The certificate generated last, while it stands.
    pub fn generated(&self) -> Option<&Generated> {
        self.generated.as_ref()
    }

    /// What the field's status line says.
    pub fn status(&self) -> Option<String> {
        match &self.phase {
            Phase::Generating { .. } => Some(format!(
                "Generating a {}-bit RSA key and the certificate\u{2026}",
                self.choice.key_size.bits()
            )),
            Phase::Generated { replaced: true } => {
                Some("A new certificate was generated; it replaced the earlier one.".to_owned())
            }
            Phase::Generated { replaced: false } if self.generated.is_some() => {
                Some("The certificate was generated.".to_owned())
            }
            Phase::Failed(why) => Some(format!("The certificate could not be generated: {why}")),
            _ => None,
        }
    }

    /// Takes one event; answers the command it gives, if any.
    pub fn handle(&mut self, event: Event) -> Option<Command> {
        match (event, &self.phase) {
            (Event::Finished(result), Phase::Generating { replacing }) => {
                self.phase = match result {
                    Ok(generated) => {
                        self.have_one = true;
                        self.generated = Some(generated);
                        Phase::Generated {
                            replaced: *replacing,
                        }
                    }
                    // The earlier certificate, if any, still stands.
                    Err(message) => Phase::Failed(message),
                };
                None
            }
            // While the worker works, a click starts nothing: never two key pairs.
            (_, Phase::Generating { .. }) => None,
            (
                Event::Generate {
                    choice,
                    password,
                    confirmation,
                },
                _,
            ) => {
                self.errors = check_generation(&choice, &password, &confirmation)
                    .err()
                    .unwrap_or_default();
                if !self.errors.is_empty() {
                    return None;
                }
                self.choice = choice;
                if self.have_one {
                    self.phase = Phase::ConfirmingReplace;
                    return None;
                }
                self.start()
            }
            (Event::ConfirmReplace, Phase::ConfirmingReplace) => self.start(),
            (Event::KeepCurrent, Phase::ConfirmingReplace) => {
                self.phase = Phase::Generated { replaced: false };
                None
            }
            _ => None,
        }
    }

    fn start(&mut self) -> Option<Command> {
        self.phase = Phase::Generating {
            replacing: self.have_one,
        };
        Some(Command::Generate(self.choice.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Event::*;

    fn valid() -> GenerationChoice {
        GenerationChoice {
            subject: "Veeam Backup for Microsoft 365 - contoso".into(),
            ..GenerationChoice::default()
        }
    }

    /// "Generate" with inputs that pass.
    fn generate() -> Event {
        Event::Generate {
            choice: valid(),
            password: Secret::new("Pfx-Pw-1"),
            confirmation: Secret::new("Pfx-Pw-1"),
        }
    }

    fn card() -> CertificateCard {
        CertificateCard {
            subject: "CN=Veeam Backup for Microsoft 365 - contoso".into(),
            issuer: "CN=Veeam Backup for Microsoft 365 - contoso".into(),
            serial: "01".into(),
            valid_from: "2026-12-06".into(),
            valid_to: "2028-12-06".into(),
            sha1_thumbprint: "AB".into(),
            sha256_thumbprint: "CD".into(),
            key: "RSA, 2048 bits".into(),
            certificates: 1,
            findings: Vec::new(),
            cer: vec![0x30],
            built_pfx: true,
        }
    }

    /// A row: its name, the events with the effect each asks for, where it ends.
    type Row = (&'static str, Vec<(Event, Option<Command>)>, Phase);

    /// The worker's answer: generated.
    fn ok() -> Event {
        Finished(Ok(Generated {
            card: card(),
            pfx_base64: "MIIK".into(),
        }))
    }

    /// The effect of a valid Generate.
    fn go() -> Option<Command> {
        Some(Command::Generate(valid()))
    }

    #[test]
    fn every_transition() {
        let rows: Vec<Row> = vec![
            (
                "generate",
                vec![(generate(), go()), (ok(), None)],
                Phase::Generated { replaced: false },
            ),
            (
                "a second click while generating starts nothing",
                vec![
                    (generate(), go()),
                    (generate(), None),
                    (ConfirmReplace, None),
                ],
                Phase::Generating { replacing: false },
            ),
            (
                "failure, then a new try",
                vec![
                    (generate(), go()),
                    (Finished(Err("The browser refused.".into())), None),
                    (generate(), go()),
                    (ok(), None),
                ],
                Phase::Generated { replaced: false },
            ),
            (
                "generating again asks first, then replaces",
                vec![
                    (generate(), go()),
                    (ok(), None),
                    (generate(), None),
                    (ConfirmReplace, go()),
                    (ok(), None),
                ],
                Phase::Generated { replaced: true },
            ),
            (
                "keeping the current one changes nothing",
                vec![
                    (generate(), go()),
                    (ok(), None),
                    (generate(), None),
                    (KeepCurrent, None),
                ],
                Phase::Generated { replaced: false },
            ),
            (
                "a late answer when nothing was asked is ignored",
                vec![(ok(), None), (ConfirmReplace, None), (KeepCurrent, None)],
                Phase::Idle,
            ),
            (
                "a failed replacement keeps asking before the next",
                vec![
                    (generate(), go()),
                    (ok(), None),
                    (generate(), None),
                    (ConfirmReplace, go()),
                    (Finished(Err("x".into())), None),
                    (generate(), None),
                ],
                Phase::ConfirmingReplace,
            ),
        ];
        for (name, steps, end) in rows {
            let mut machine = GenerationMachine::default();
            for (i, (event, command)) in steps.into_iter().enumerate() {
                assert_eq!(machine.handle(event), command, "{name}: step {i}");
            }
            assert_eq!(machine.phase(), &end, "{name}");
        }
    }

    #[test]
    fn inputs_that_fail_start_nothing_and_say_where() {
        let mut machine = GenerationMachine::default();
        let mismatch = Event::Generate {
            choice: GenerationChoice::default(),
            password: Secret::new("a"),
            confirmation: Secret::new("b"),
        };
        assert_eq!(machine.handle(mismatch), None);
        assert_eq!(machine.phase(), &Phase::Idle);
        assert!(
            machine
                .error(Field::ApplicationCertificate)
                .unwrap()
                .contains("subject name")
        );
        assert!(
            machine
                .error(Field::AppPassword)
                .unwrap()
                .contains("not the same")
        );
        // Put right, the errors go and the work starts.
        assert!(machine.handle(generate()).is_some());
        assert_eq!(machine.error(Field::AppPassword), None);
    }

    #[test]
    fn the_status_line_follows_the_lifecycle() {
        let mut machine = GenerationMachine::holding(true);
        assert_eq!(machine.status(), None);
        machine.handle(generate());
        // Keeping an imported certificate says nothing was generated.
        machine.handle(KeepCurrent);
        assert_eq!(machine.status(), None);
        machine.handle(Event::Generate {
            choice: GenerationChoice {
                key_size: KeySize::Rsa4096,
                ..valid()
            },
            password: Secret::new("p"),
            confirmation: Secret::new("p"),
        });
        machine.handle(ConfirmReplace);
        assert_eq!(
            machine.status().as_deref(),
            Some("Generating a 4096-bit RSA key and the certificate\u{2026}")
        );
        machine.handle(Finished(Err("The browser refused.".into())));
        assert_eq!(
            machine.status().as_deref(),
            Some("The certificate could not be generated: The browser refused.")
        );
        assert_eq!(machine.generated(), None);
        let mut fresh = GenerationMachine::default();
        fresh.handle(generate());
        fresh.handle(Finished(Ok(Generated {
            card: card(),
            pfx_base64: "MIIK".into(),
        })));
        assert_eq!(
            fresh.status().as_deref(),
            Some("The certificate was generated.")
        );
        assert_eq!(
            fresh.generated().map(|g| g.pfx_base64.as_str()),
            Some("MIIK")
        );
    }

    #[test]
    fn inputs_are_checked_at_their_fields() {
        let choice = GenerationChoice {
            subject: "Veeam Backup for Microsoft 365 - contoso".into(),
            ..GenerationChoice::default()
        };
        let pw = Secret::new("Pfx-Pw-1");
        assert_eq!(check_generation(&choice, &pw, &pw), Ok(()));
        let errors = check_generation(&choice, &pw, &Secret::new("Pfx-Pw-2")).unwrap_err();
        assert!(
            errors
                .get(Field::AppPassword)
                .unwrap()
                .contains("not the same")
        );
        let errors = check_generation(&choice, &Secret::default(), &Secret::default()).unwrap_err();
        assert!(
            errors
                .get(Field::AppPassword)
                .unwrap()
                .contains("Enter a password")
        );
        let nameless = GenerationChoice::default();
        let errors = check_generation(&nameless, &pw, &pw).unwrap_err();
        assert!(
            errors
                .get(Field::ApplicationCertificate)
                .unwrap()
                .contains("subject name")
        );
        let forever = GenerationChoice { years: 9, ..choice };
        assert!(check_generation(&forever, &pw, &pw).is_err());
        assert_eq!(GenerationChoice::default().years, 2);
        assert_eq!(KeySize::default().bits(), 2048);
        assert_eq!(KeySize::ALL.map(KeySize::bits), [2048, 3072, 4096]);
    }
}
