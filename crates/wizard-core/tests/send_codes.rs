//! The send machine and the device code a request carries: the server uses
//! a code once, so it never goes out twice (send_machine.rs walks every
//! other fault sequence).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test is meant to panic

use send_common::{lost, org, refusal};
use wizard_core::machines::send::{
    Command, Event, Failure, Outcome, Payload, Phase, SendMachine, TokenSupply,
};
use wizard_core::server::ApiError;

mod send_common;

use Command::*;
use Event::*;

mod common;

fn done(outcome: Outcome) -> Phase {
    Phase::Done(outcome)
}

/// A row: its name, whether it edits, what the request carries, the events
/// with the effect each asks for, where the machine ends, and whether a new
/// code is then needed.
type CodeCase = (
    &'static str,
    bool,
    Payload,
    Vec<(Event, Option<Command>)>,
    Phase,
    bool,
);

/// A request carrying a device code: the server uses a code once, so a
/// refusal is read back (it may answer the browser's own repeat of a
/// request whose answer was lost), and the code is never sent again once a
/// request carrying it may have reached the server; only a 401, given at
/// the door, leaves it unused.
#[test]
fn a_device_code_goes_out_once() {
    let cases: Vec<CodeCase> = [
        a_device_code_goes_out_once_1(),
        a_device_code_goes_out_once_2(),
    ]
    .concat();
    for (name, editing, payload, steps, end, new_code) in cases {
        let mut machine = if editing {
            SendMachine::for_edit()
        } else {
            SendMachine::default()
        };
        machine.describe(payload);
        common::check_steps(name, steps, |event| machine.handle(event));
        assert_eq!(machine.phase(), &end, "{name}");
        assert_eq!(machine.needs_new_code(), new_code, "{name}");
    }
}

/// Rows 1 of 2 of [`a_device_code_goes_out_once`]'s table.
fn a_device_code_goes_out_once_1() -> Vec<CodeCase> {
    let held = Start(TokenSupply::Held);
    let used = || refusal("The device code ABCD2345E has already been used.");
    let with_code = |provable| Payload {
        user_code: Some("ABCD2345E".into()),
        provable,
    };
    vec![
        (
            "edit: the repeat refused, the organization holds the new certificate",
            true,
            with_code(true),
            vec![
                (held.clone(), Some(Send)),
                (Saved(Err(used())), Some(LookUp)),
                (LookedUp(Ok(Some(org()))), Some(Complete(org()))),
            ],
            done(Outcome::HeldDespiteRefusal(org())),
            false,
        ),
        (
            "edit: refused and not saved; Try again would spend the code twice",
            true,
            with_code(true),
            vec![
                (held.clone(), Some(Send)),
                (Saved(Err(used())), Some(LookUp)),
                (LookedUp(Ok(None)), None),
                (held.clone(), None),
            ],
            Phase::Failed(Failure::CodeSpent),
            true,
        ),
        (
            "edit: refused, and the read back failed: the refusal stands, the next attempt reads first",
            true,
            with_code(true),
            vec![
                (held.clone(), Some(Send)),
                (Saved(Err(used())), Some(LookUp)),
                (LookedUp(Err(lost())), None),
                (held.clone(), Some(LookUp)),
                (LookedUp(Ok(Some(org()))), Some(Complete(org()))),
            ],
            done(Outcome::FoundAfterLostAnswer(org())),
            false,
        ),
        (
            "edit: the answer lost and nothing saved: the code is still spent",
            true,
            with_code(true),
            vec![
                (held.clone(), Some(Send)),
                (Saved(Err(lost())), Some(LookUp)),
                (LookedUp(Ok(None)), None),
            ],
            Phase::Failed(Failure::LostNotAdded(lost())),
            true,
        ),
        (
            "edit: a 401 is refused at the door, so the renewed token sends the same code",
            true,
            with_code(true),
            vec![
                (held.clone(), Some(Send)),
                (Saved(Err(ApiError::Unauthorized)), Some(Renew)),
                (Renewed(true), Some(Send)),
                (Saved(Ok(())), Some(LookUp)),
                (LookedUp(Ok(Some(org()))), Some(Complete(org()))),
            ],
            done(Outcome::Updated(org())),
            false,
        ),
    ]
}

/// Rows 2 of 2 of [`a_device_code_goes_out_once`]'s table.
fn a_device_code_goes_out_once_2() -> Vec<CodeCase> {
    let held = Start(TokenSupply::Held);
    let used = || refusal("The device code ABCD2345E has already been used.");
    let with_code = |provable| Payload {
        user_code: Some("ABCD2345E".into()),
        provable,
    };
    vec![
        (
            "edit: a grant alone cannot be read back, so a refusal is said as given",
            true,
            with_code(false),
            vec![(held.clone(), Some(Send)), (Saved(Err(used())), None)],
            Phase::Failed(Failure::Refused(used())),
            true,
        ),
        (
            "edit: a grant alone whose answer was lost is not claimed either way",
            true,
            with_code(false),
            vec![(held.clone(), Some(Send)), (Saved(Err(lost())), None)],
            Phase::Failed(Failure::LostUnprovable(lost())),
            true,
        ),
        (
            "add: the repeat refused for its used code, the organization found",
            false,
            with_code(false),
            vec![
                (held.clone(), Some(Send)),
                (Sent(Err(used())), Some(LookUp)),
                (LookedUp(Ok(Some(org()))), Some(Complete(org()))),
            ],
            done(Outcome::HeldDespiteRefusal(org())),
            false,
        ),
        (
            "add: refused and not added: a new code, never the same one",
            false,
            with_code(false),
            vec![
                (held.clone(), Some(Send)),
                (
                    Sent(Err(refusal("The application name is taken."))),
                    Some(LookUp),
                ),
                (LookedUp(Ok(None)), None),
            ],
            Phase::Failed(Failure::Refused(refusal("The application name is taken."))),
            true,
        ),
    ]
}

/// A new sign-in gives a new code, which goes out although the old one is
/// spent; the old one never goes out again.
#[test]
fn a_new_code_sends_again() {
    let mut machine = SendMachine::for_edit();
    let payload = |code: &str| Payload {
        user_code: Some(code.into()),
        provable: true,
    };
    machine.describe(payload("ABCD2345E"));
    assert_eq!(machine.handle(Start(TokenSupply::Held)), Some(Send));
    assert_eq!(
        machine.handle(Saved(Err(refusal("Refused.")))),
        Some(LookUp)
    );
    assert_eq!(machine.handle(LookedUp(Ok(None))), None);
    assert!(machine.needs_new_code());
    machine.handle(Left);
    machine.describe(payload("WXYZ6789K"));
    assert!(!machine.needs_new_code());
    assert_eq!(machine.handle(Start(TokenSupply::Held)), Some(Send));
    assert_eq!(machine.handle(Saved(Ok(()))), Some(LookUp));
    assert_eq!(
        machine.handle(LookedUp(Ok(Some(org())))),
        Some(Complete(org()))
    );
    // Back to the old code (a stale draft, say): refused before any request.
    let mut again = SendMachine::for_edit();
    again.describe(payload("ABCD2345E"));
    assert_eq!(again.handle(Start(TokenSupply::Held)), Some(Send));
    assert_eq!(again.handle(Saved(Err(lost()))), Some(LookUp));
    assert_eq!(again.handle(LookedUp(Ok(None))), None);
    assert_eq!(again.handle(Start(TokenSupply::Held)), None);
    assert_eq!(again.phase(), &Phase::Failed(Failure::CodeSpent));
}
