//! Binds a credentials step's fields to the shared state: values read from
//! and written to the draft or the secrets of one target, checks on leaving
//! a field, and re-checks while an error shows.

use super::state::Shared;
use leptos::prelude::*;
use wizard_core::answers::{AuthMethod, CredentialsDraft, CredentialsSecrets, Field, Secret};
use wizard_core::flow::{Answer, Target};

/// The fields of one credentials step (`target`), for `method`.
#[derive(Clone, Copy)]
pub struct Binding {
    shared: Shared,
    /// Whose credentials the step edits.
    pub target: Target,
    /// The method, fixed while the step is shown.
    pub method: AuthMethod,
}

impl Binding {
    /// The binding of `target`'s step in `shared`.
    pub fn new(shared: Shared, target: Target) -> Self {
        let method = shared.wizard.with_untracked(|w| w.method());
        Self {
            shared,
            target,
            method,
        }
    }

    /// Checks `field` and shows or clears its error.
    pub fn check(self, field: Field) {
        let Shared {
            wizard,
            secrets,
            errors,
            ..
        } = self.shared;
        let message = wizard
            .with_untracked(|w| secrets.with_untracked(|s| w.check_field(self.target, field, s)));
        errors.update(|e| e.set(field, message));
    }

    /// Once an error shows, re-checks on each keystroke so it clears as soon
    /// as the value is right; before that, checks wait for leaving the field.
    pub fn recheck(self, field: Field) {
        if self
            .shared
            .errors
            .with_untracked(|e| e.get(field).is_some())
        {
            self.check(field);
        }
    }

    /// The error `field` shows.
    pub fn error_of(self, field: Field) -> Signal<Option<String>> {
        let errors = self.shared.errors;
        Signal::derive(move || errors.with(|e| e.get(field).map(str::to_owned)))
    }

    /// The advice `field` shows, if any.
    pub fn warning_of(self, field: Field) -> Signal<Option<String>> {
        let Shared {
            wizard, secrets, ..
        } = self.shared;
        Signal::derive(move || {
            wizard.with(|w| {
                secrets.with(|s| {
                    w.warnings(s)
                        .into_iter()
                        .find(|(f, _)| *f == field)
                        .map(|(_, m)| m)
                })
            })
        })
    }

    /// A text answer of the draft.
    pub fn draft_text(self, read: fn(&CredentialsDraft) -> &String) -> Signal<String> {
        let (wizard, target) = (self.shared.wizard, self.target);
        Signal::derive(move || wizard.with(|w| read(w.draft(target)).clone()))
    }

    /// Writes a text answer of the draft (`answer` wraps the value),
    /// re-checking `field`.
    pub fn set_draft(self, field: Field, answer: fn(String) -> Answer) -> Callback<String> {
        Callback::new(move |value: String| {
            self.shared
                .wizard
                .update(|w| w.set_answer(self.target, answer(value)));
            self.recheck(field);
        })
    }

    /// A secret answer, for its input.
    pub fn secret_text(self, read: fn(&CredentialsSecrets) -> &Secret) -> Signal<String> {
        let (secrets, target) = (self.shared.secrets, self.target);
        Signal::derive(move || secrets.with(|s| read(s.of(target)).expose().to_owned()))
    }

    /// Writes a secret answer, re-checking `field`.
    pub fn set_secret(
        self,
        field: Field,
        write: fn(&mut CredentialsSecrets, Secret),
    ) -> Callback<String> {
        Callback::new(move |value: String| {
            self.shared
                .secrets
                .update(|s| write(s.of_mut(self.target), Secret::new(value)));
            self.recheck(field);
        })
    }
}
