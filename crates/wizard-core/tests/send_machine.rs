//! The send lifecycle, walked through every fault sequence the end-to-end
//! tests provoke, as a table: each row is the events a component would feed
//! in and the effect each must ask for.
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

/// Feeds `steps` in order, checking each effect; returns the machine.
fn walk(name: &str, steps: Vec<(Event, Option<Command>)>) -> SendMachine {
    let mut machine = SendMachine::default();
    common::check_steps(name, steps, |event| machine.handle(event));
    machine
}

/// A row of the table: its name, the events with the effect each must ask
/// for, and where the machine must end.
type Case = (&'static str, Vec<(Event, Option<Command>)>, Phase);

fn done(outcome: Outcome) -> Phase {
    Phase::Done(outcome)
}

#[test]
fn every_fault_sequence() {
    let cases: Vec<Case> = [
        every_fault_sequence_1(),
        every_fault_sequence_2(),
        every_fault_sequence_3(),
        every_fault_sequence_4(),
        every_fault_sequence_5(),
    ]
    .concat();
    assert!(cases.len() >= 20);
    for (name, steps, phase) in cases {
        let machine = walk(name, steps);
        assert_eq!(machine.phase(), &phase, "{name}");
    }
}

/// Rows 1 of 5 of [`every_fault_sequence`]'s table.
fn every_fault_sequence_1() -> Vec<Case> {
    let held = Start(TokenSupply::Held);
    vec![
        (
            "sign in, send, added",
            vec![
                (Start(TokenSupply::SignIn), None),
                (SignInSubmitted, Some(SignIn)),
                (SignedIn(Ok(())), Some(Send)),
                (Sent(Ok(org())), Some(Complete(org()))),
            ],
            done(Outcome::Added(org())),
        ),
        (
            "a wrong server password keeps the form, then signs in",
            vec![
                (SignInSubmitted, Some(SignIn)),
                (
                    SignedIn(Err(ApiError::SignInRefused {
                        description: "Wrong.".into(),
                    })),
                    None,
                ),
                (SignInSubmitted, Some(SignIn)),
                (SignedIn(Ok(())), Some(Send)),
                (Sent(Ok(org())), Some(Complete(org()))),
            ],
            done(Outcome::Added(org())),
        ),
        (
            "host token, send",
            vec![
                (Start(TokenSupply::Host), Some(AskHostToken)),
                (HostToken(Ok(())), Some(Send)),
                (Sent(Ok(org())), Some(Complete(org()))),
            ],
            done(Outcome::Added(org())),
        ),
        (
            "the host gives no token",
            vec![
                (Start(TokenSupply::Host), Some(AskHostToken)),
                (
                    HostToken(Err(ApiError::HostToken("no session".into()))),
                    None,
                ),
            ],
            Phase::Failed(Failure::Refused(ApiError::HostToken("no session".into()))),
        ),
        (
            "lost answer (connection cut after the work): found by look-up",
            vec![
                (held.clone(), Some(Send)),
                (Sent(Err(lost())), Some(LookUp)),
                (LookedUp(Ok(Some(org()))), Some(Complete(org()))),
            ],
            done(Outcome::FoundAfterLostAnswer(org())),
        ),
        (
            "garbled 201: found by look-up",
            vec![
                (held.clone(), Some(Send)),
                (Sent(Err(ApiError::NotJson { status: 201 })), Some(LookUp)),
                (LookedUp(Ok(Some(org()))), Some(Complete(org()))),
            ],
            done(Outcome::FoundAfterLostAnswer(org())),
        ),
    ]
}

/// Rows 2 of 5 of [`every_fault_sequence`]'s table.
fn every_fault_sequence_2() -> Vec<Case> {
    let held = Start(TokenSupply::Held);
    vec![
        (
            "timeout, then the look-up finds it",
            vec![
                (held.clone(), Some(Send)),
                (Sent(Err(ApiError::Timeout { seconds: 2 })), Some(LookUp)),
                (LookedUp(Ok(Some(org()))), Some(Complete(org()))),
            ],
            done(Outcome::FoundAfterLostAnswer(org())),
        ),
        (
            "stop waiting: nothing added, so sending again adds it once",
            vec![
                (held.clone(), Some(Send)),
                (Sent(Err(ApiError::Cancelled)), Some(LookUp)),
                (LookedUp(Ok(None)), None),
                (held.clone(), Some(Send)),
                (Sent(Ok(org())), Some(Complete(org()))),
            ],
            done(Outcome::Added(org())),
        ),
        (
            "lost answer and a failed look-up: the next attempt looks first",
            vec![
                (held.clone(), Some(Send)),
                (Sent(Err(lost())), Some(LookUp)),
                (LookedUp(Err(ApiError::ServerFailure { status: 503 })), None),
                (held.clone(), Some(LookUp)),
                (LookedUp(Ok(Some(org()))), Some(Complete(org()))),
            ],
            done(Outcome::FoundAfterLostAnswer(org())),
        ),
        (
            "look first, nothing there: send",
            vec![
                (held.clone(), Some(Send)),
                (Sent(Err(ApiError::Timeout { seconds: 2 })), Some(LookUp)),
                (LookedUp(Err(lost())), None),
                (held.clone(), Some(LookUp)),
                (LookedUp(Ok(None)), Some(Send)),
                (Sent(Ok(org())), Some(Complete(org()))),
            ],
            done(Outcome::Added(org())),
        ),
        (
            "the look-up before a resend fails: nothing is sent",
            vec![
                (held.clone(), Some(Send)),
                (Sent(Err(lost())), Some(LookUp)),
                (LookedUp(Err(lost())), None),
                (held.clone(), Some(LookUp)),
                (LookedUp(Err(ApiError::ServerFailure { status: 500 })), None),
            ],
            Phase::Failed(Failure::CheckFailed(ApiError::ServerFailure {
                status: 500,
            })),
        ),
        (
            "401 once: renewed, sent again, added",
            vec![
                (held.clone(), Some(Send)),
                (Sent(Err(ApiError::Unauthorized)), Some(Renew)),
                (Renewed(true), Some(Send)),
                (Sent(Ok(org())), Some(Complete(org()))),
            ],
            done(Outcome::Added(org())),
        ),
    ]
}

/// Rows 3 of 5 of [`every_fault_sequence`]'s table.
fn every_fault_sequence_3() -> Vec<Case> {
    let held = Start(TokenSupply::Held);
    vec![
        (
            "401 twice: the session is over, sign in again",
            vec![
                (held.clone(), Some(Send)),
                (Sent(Err(ApiError::Unauthorized)), Some(Renew)),
                (Renewed(true), Some(Send)),
                (Sent(Err(ApiError::Unauthorized)), Some(ForgetToken)),
                (Start(TokenSupply::SignIn), None),
                (SignInSubmitted, Some(SignIn)),
                (SignedIn(Ok(())), Some(Send)),
                (Sent(Ok(org())), Some(Complete(org()))),
            ],
            done(Outcome::Added(org())),
        ),
        (
            "401 and no renewal possible",
            vec![
                (held.clone(), Some(Send)),
                (Sent(Err(ApiError::Unauthorized)), Some(Renew)),
                (Renewed(false), Some(ForgetToken)),
            ],
            Phase::Failed(Failure::Refused(ApiError::Unauthorized)),
        ),
        (
            "a refusal is shown as given, with no look-up",
            vec![
                (held.clone(), Some(Send)),
                (Sent(Err(refusal("Application ID is not valid."))), None),
            ],
            Phase::Failed(Failure::Refused(refusal("Application ID is not valid."))),
        ),
        (
            "500 and 503 are failures the server reported: no look-up",
            vec![
                (held.clone(), Some(Send)),
                (Sent(Err(ApiError::ServerFailure { status: 503 })), None),
                (held.clone(), Some(Send)),
                (Sent(Err(ApiError::ServerFailure { status: 500 })), None),
                (held.clone(), Some(Send)),
                (Sent(Ok(org())), Some(Complete(org()))),
            ],
            done(Outcome::Added(org())),
        ),
        (
            "502 from a gateway: looked up",
            vec![
                (held.clone(), Some(Send)),
                (
                    Sent(Err(ApiError::ServerFailure { status: 502 })),
                    Some(LookUp),
                ),
                (LookedUp(Ok(None)), None),
            ],
            Phase::Failed(Failure::LostNotAdded(ApiError::ServerFailure {
                status: 502,
            })),
        ),
    ]
}

/// Rows 4 of 5 of [`every_fault_sequence`]'s table.
fn every_fault_sequence_4() -> Vec<Case> {
    let held = Start(TokenSupply::Held);
    vec![
        (
            "504 from a gateway: looked up and found",
            vec![
                (held.clone(), Some(Send)),
                (
                    Sent(Err(ApiError::ServerFailure { status: 504 })),
                    Some(LookUp),
                ),
                (LookedUp(Ok(Some(org()))), Some(Complete(org()))),
            ],
            done(Outcome::FoundAfterLostAnswer(org())),
        ),
        (
            "the browser resent a cut POST: the duplicate refusal leads to the look-up",
            vec![
                (held.clone(), Some(Send)),
                (
                    Sent(Err(refusal(
                        "Organization contoso.onmicrosoft.com has already been added to this backup server.",
                    ))),
                    Some(LookUp),
                ),
                (LookedUp(Ok(Some(org()))), Some(Complete(org()))),
            ],
            done(Outcome::AlreadyOnServer(org())),
        ),
        (
            "a duplicate refusal with nothing matching is shown as given",
            vec![
                (held.clone(), Some(Send)),
                (Sent(Err(refusal("It already exists."))), Some(LookUp)),
                (LookedUp(Ok(None)), None),
            ],
            Phase::Failed(Failure::Refused(refusal("It already exists."))),
        ),
        (
            "exactly once: a second Add while sending, or after success, does nothing",
            vec![
                (held.clone(), Some(Send)),
                (held.clone(), None),
                (SignInSubmitted, None),
                (Sent(Ok(org())), Some(Complete(org()))),
                (held.clone(), None),
                (Sent(Ok(org())), None),
            ],
            done(Outcome::Added(org())),
        ),
        (
            "late answers of another phase are ignored",
            vec![
                (LookedUp(Ok(Some(org()))), None),
                (Renewed(true), None),
                (SignedIn(Ok(())), None),
                (Sent(Ok(org())), None),
            ],
            Phase::Idle,
        ),
    ]
}

/// Rows 5 of 5 of [`every_fault_sequence`]'s table.
fn every_fault_sequence_5() -> Vec<Case> {
    let held = Start(TokenSupply::Held);
    vec![(
        "Back clears a failure but never a send under way",
        vec![
            (held.clone(), Some(Send)),
            (Left, None),
            (Sent(Err(refusal("No."))), None),
            (Left, None),
        ],
        Phase::Idle,
    )]
}

#[test]
fn busy_while_a_request_is_out() {
    let mut m = SendMachine::default();
    assert!(!m.busy());
    m.handle(Start(TokenSupply::Held));
    assert!(m.busy());
    m.handle(Sent(Err(lost())));
    assert!(m.busy(), "checking");
    m.handle(LookedUp(Ok(None)));
    assert!(!m.busy());
}

#[test]
fn failures_say_what_is_safe() {
    assert!(
        Failure::LostNotAdded(lost())
            .to_string()
            .ends_with("The backup server does not have it, so it is safe to send it again.")
    );
    assert!(
        Failure::LostUnchecked {
            error: lost(),
            check: ApiError::Cancelled
        }
        .to_string()
        .contains("never adds it twice")
    );
    assert!(
        Failure::CheckFailed(lost())
            .to_string()
            .contains("Nothing was sent again.")
    );
    assert_eq!(
        Failure::Refused(refusal("Bad ID.")).to_string(),
        "The backup server refused the organization: Bad ID."
    );
}

#[test]
fn duplicates_are_recognised_by_their_refusal() {
    assert!(refusal("Organization x has already been added to this backup server.").is_duplicate());
    assert!(refusal("ALREADY EXISTS").is_duplicate());
    assert!(!refusal("Application ID is not valid.").is_duplicate());
    assert!(!ApiError::ServerFailure { status: 500 }.is_duplicate());
}

/// Saving an edit: `PUT`, then the organization read back must hold what
/// was sent; a lost answer is read back before anything is sent again, a
/// removed organization said plainly, an expired token renewed once.
#[test]
fn every_edit_sequence() {
    let cases: Vec<Case> = [every_edit_sequence_1(), every_edit_sequence_2()].concat();
    for (name, steps, end) in cases {
        let mut machine = SendMachine::for_edit();
        assert!(machine.is_edit());
        // A renewal: the new certificate shows in the organization read back.
        machine.describe(Payload {
            user_code: None,
            provable: true,
        });
        common::check_steps(name, steps, |event| machine.handle(event));
        assert_eq!(machine.phase(), &end, "{name}");
    }
}

/// Rows 1 of 2 of [`every_edit_sequence`]'s table.
fn every_edit_sequence_1() -> Vec<Case> {
    let held = Start(TokenSupply::Held);
    let gone = || ApiError::Rejected {
        status: 404,
        message: "Organization 3f1c was not found.".into(),
        code: None,
    };
    vec![
        (
            "saved, then confirmed by reading it back",
            vec![
                (held.clone(), Some(Send)),
                (Saved(Ok(())), Some(LookUp)),
                (LookedUp(Ok(Some(org()))), Some(Complete(org()))),
            ],
            done(Outcome::Updated(org())),
        ),
        (
            "saved, but the server does not hold what was sent",
            vec![
                (held.clone(), Some(Send)),
                (Saved(Ok(())), Some(LookUp)),
                (LookedUp(Ok(None)), None),
            ],
            Phase::Failed(Failure::NotConfirmed),
        ),
        (
            "the answer lost: read back, saved",
            vec![
                (held.clone(), Some(Send)),
                (Saved(Err(lost())), Some(LookUp)),
                (LookedUp(Ok(Some(org()))), Some(Complete(org()))),
            ],
            done(Outcome::FoundAfterLostAnswer(org())),
        ),
        (
            "the answer lost: read back, not saved, so Try again sends it",
            vec![
                (held.clone(), Some(Send)),
                (Saved(Err(lost())), Some(LookUp)),
                (LookedUp(Ok(None)), None),
                (held.clone(), Some(Send)),
                (Saved(Ok(())), Some(LookUp)),
                (LookedUp(Ok(Some(org()))), Some(Complete(org()))),
            ],
            done(Outcome::Updated(org())),
        ),
        (
            "the answer lost and the read failed: Try again reads first",
            vec![
                (held.clone(), Some(Send)),
                (Saved(Err(lost())), Some(LookUp)),
                (LookedUp(Err(lost())), None),
                (held.clone(), Some(LookUp)),
                (LookedUp(Ok(Some(org()))), Some(Complete(org()))),
            ],
            done(Outcome::FoundAfterLostAnswer(org())),
        ),
        (
            "removed meanwhile: the PUT's 404",
            vec![(held.clone(), Some(Send)), (Saved(Err(gone())), None)],
            Phase::Failed(Failure::Removed),
        ),
        (
            "removed meanwhile: the read back's 404",
            vec![
                (held.clone(), Some(Send)),
                (Saved(Err(lost())), Some(LookUp)),
                (LookedUp(Err(gone())), None),
            ],
            Phase::Failed(Failure::Removed),
        ),
    ]
}

/// Rows 2 of 2 of [`every_edit_sequence`]'s table.
fn every_edit_sequence_2() -> Vec<Case> {
    let held = Start(TokenSupply::Held);
    vec![
        (
            "an expired token is renewed once",
            vec![
                (held.clone(), Some(Send)),
                (Saved(Err(ApiError::Unauthorized)), Some(Renew)),
                (Renewed(true), Some(Send)),
                (Saved(Err(ApiError::Unauthorized)), Some(ForgetToken)),
            ],
            Phase::Failed(Failure::Refused(ApiError::Unauthorized)),
        ),
        (
            "an \"already\" refusal is a refusal when editing, not a duplicate (once read back)",
            vec![
                (held.clone(), Some(Send)),
                (
                    Saved(Err(refusal("Organization is already being edited."))),
                    Some(LookUp),
                ),
                (LookedUp(Ok(None)), None),
            ],
            Phase::Failed(Failure::Refused(refusal(
                "Organization is already being edited.",
            ))),
        ),
    ]
}
