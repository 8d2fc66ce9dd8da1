//! The device-code sign-in, walked as a table: each row is the events a
//! component would feed in (with the time) and the effect each must ask for.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test is meant to panic

use wizard_core::machines::device_code::{
    CHECK_EVERY_MS, Command, DeviceCode, DeviceCodeMachine, Event, MAX_BACKOFF_MS, Phase,
};
use wizard_core::server::ApiError;

fn code(user_code: &str, expires_in: u64) -> DeviceCode {
    DeviceCode {
        user_code: user_code.into(),
        verification_url: "https://microsoft.com/devicelogin".into(),
        message: format!("To sign in, enter the code {user_code}."),
        expires_in,
    }
}

mod common;

use Command::*;
use Event::*;

fn issued(c: &str, expires_in: u64, now: u64) -> Event {
    CodeIssued {
        code: code(c, expires_in),
        now,
    }
}

/// A row: its name, the events with the effect each must ask for, and the
/// phase the machine ends in (by its kind).
type Case = (
    &'static str,
    Vec<(Event, Option<Command>)>,
    fn(&Phase) -> bool,
);

const C: u64 = CHECK_EVERY_MS;

/// Code ABC issued at 0 and signed in at its first check.
fn signed_in_abc() -> Vec<(Event, Option<Command>)> {
    vec![
        (Shown { now: 0 }, Some(RequestCode)),
        (issued("ABC", 900, 0), Some(WakeAt(C))),
        (Woke { now: C }, Some(Check("ABC".into()))),
        (
            Checked {
                authenticated: true,
                now: C,
            },
            Some(Proceed {
                user_code: "ABC".into(),
                move_on: true,
            }),
        ),
    ]
}

#[test]
fn every_transition() {
    let cases: Vec<Case> = [
        every_transition_1(),
        every_transition_2(),
        every_transition_3(),
        every_transition_4(),
    ]
    .concat();
    for (name, steps, ends) in cases {
        let mut machine = DeviceCodeMachine::default();
        common::check_steps(name, steps, |event| machine.handle(event));
        assert!(ends(machine.phase()), "{name}: ended {:?}", machine.phase());
    }
}

/// Rows 1 of 4 of [`every_transition`]'s table.
fn every_transition_1() -> Vec<Case> {
    vec![
        (
            "request, wait, signed in",
            vec![
                (Shown { now: 0 }, Some(RequestCode)),
                (issued("ABC", 900, 100), Some(WakeAt(100 + C))),
                (Woke { now: 100 + C }, Some(Check("ABC".into()))),
                (
                    Checked {
                        authenticated: false,
                        now: 100 + C,
                    },
                    Some(WakeAt(100 + 2 * C)),
                ),
                (Woke { now: 100 + 2 * C }, Some(Check("ABC".into()))),
                (
                    Checked {
                        authenticated: true,
                        now: 100 + 2 * C,
                    },
                    Some(Proceed {
                        user_code: "ABC".into(),
                        move_on: true,
                    }),
                ),
            ],
            |p| matches!(p, Phase::SignedIn { user_code } if user_code == "ABC"),
        ),
        (
            "an early timer only waits on",
            vec![
                (Shown { now: 0 }, Some(RequestCode)),
                (issued("ABC", 900, 0), Some(WakeAt(C))),
                (Woke { now: C - 1 }, Some(WakeAt(C))),
            ],
            |p| matches!(p, Phase::Waiting { .. }),
        ),
        (
            "never two checks at once",
            vec![
                (Shown { now: 0 }, Some(RequestCode)),
                (issued("ABC", 900, 0), Some(WakeAt(C))),
                (Woke { now: C }, Some(Check("ABC".into()))),
                (Woke { now: C + 1 }, None),
                (Woke { now: 3 * C }, None),
                (
                    Checked {
                        authenticated: false,
                        now: 3 * C,
                    },
                    Some(WakeAt(4 * C)),
                ),
            ],
            |p| matches!(p, Phase::Waiting { .. }),
        ),
    ]
}

/// Rows 2 of 4 of [`every_transition`]'s table.
fn every_transition_2() -> Vec<Case> {
    vec![
        (
            "failed checks back off, doubling up to the cap, then recover",
            vec![
                (Shown { now: 0 }, Some(RequestCode)),
                (issued("ABC", 3600, 0), Some(WakeAt(C))),
                (Woke { now: C }, Some(Check("ABC".into()))),
                (CheckFailed { now: C }, Some(WakeAt(C + 2 * C))),
                (Woke { now: 3 * C }, Some(Check("ABC".into()))),
                (CheckFailed { now: 3 * C }, Some(WakeAt(3 * C + 4 * C))),
                (Woke { now: 7 * C }, Some(Check("ABC".into()))),
                (CheckFailed { now: 7 * C }, Some(WakeAt(7 * C + 8 * C))),
                (Woke { now: 15 * C }, Some(Check("ABC".into()))),
                (
                    CheckFailed { now: 15 * C },
                    Some(WakeAt(15 * C + MAX_BACKOFF_MS)),
                ),
                (
                    Woke {
                        now: 15 * C + MAX_BACKOFF_MS,
                    },
                    Some(Check("ABC".into())),
                ),
                (
                    Checked {
                        authenticated: false,
                        now: 15 * C + MAX_BACKOFF_MS,
                    },
                    Some(WakeAt(16 * C + MAX_BACKOFF_MS)),
                ),
            ],
            |p| matches!(p, Phase::Waiting { .. }),
        ),
        (
            "the code expires while waiting; a new one is asked for",
            vec![
                (Shown { now: 0 }, Some(RequestCode)),
                (issued("ABC", 12, 0), Some(WakeAt(C))),
                (Woke { now: C }, Some(Check("ABC".into()))),
                (
                    Checked {
                        authenticated: false,
                        now: C,
                    },
                    Some(WakeAt(2 * C)),
                ),
                (Woke { now: 2 * C }, Some(Check("ABC".into()))),
                (
                    Checked {
                        authenticated: false,
                        now: 2 * C,
                    },
                    Some(WakeAt(12_000)),
                ),
                (Woke { now: 12_000 }, None),
                (NewCode, Some(RequestCode)),
                (issued("DEF", 900, 13_000), Some(WakeAt(13_000 + C))),
            ],
            |p| matches!(p, Phase::Waiting { code, .. } if code.user_code == "DEF"),
        ),
    ]
}

/// Rows 3 of 4 of [`every_transition`]'s table.
fn every_transition_3() -> Vec<Case> {
    vec![
        (
            "expiry during a poll: a late 'not yet' changes nothing",
            vec![
                (Shown { now: 0 }, Some(RequestCode)),
                (issued("ABC", 7, 0), Some(WakeAt(C))),
                (Woke { now: C }, Some(Check("ABC".into()))),
                (Woke { now: 7_000 }, None),
                (
                    Checked {
                        authenticated: false,
                        now: 7_500,
                    },
                    None,
                ),
            ],
            |p| *p == Phase::Expired,
        ),
        (
            "the code request fails; Try again asks again",
            vec![
                (Shown { now: 0 }, Some(RequestCode)),
                (CodeRefused(ApiError::ServerFailure { status: 503 }), None),
                (Woke { now: 10 }, None),
                (NewCode, Some(RequestCode)),
                (issued("ABC", 900, 20), Some(WakeAt(20 + C))),
            ],
            |p| matches!(p, Phase::Waiting { .. }),
        ),
        (
            "leaving stops the checks; a late answer after leaving is ignored",
            vec![
                (Shown { now: 0 }, Some(RequestCode)),
                (issued("ABC", 900, 0), Some(WakeAt(C))),
                (Woke { now: C }, Some(Check("ABC".into()))),
                (Left, None),
                (
                    Checked {
                        authenticated: true,
                        now: C + 10,
                    },
                    None,
                ),
                (Woke { now: 2 * C }, None),
            ],
            |p| *p == Phase::Left,
        ),
        (
            "coming back within the code's life resumes it and checks at once",
            vec![
                (Shown { now: 0 }, Some(RequestCode)),
                (issued("ABC", 900, 0), Some(WakeAt(C))),
                (Left, None),
                (Shown { now: 60_000 }, Some(Check("ABC".into()))),
                (
                    Checked {
                        authenticated: true,
                        now: 60_100,
                    },
                    Some(Proceed {
                        user_code: "ABC".into(),
                        move_on: true,
                    }),
                ),
            ],
            |p| matches!(p, Phase::SignedIn { .. }),
        ),
    ]
}

/// Rows 4 of 4 of [`every_transition`]'s table.
fn every_transition_4() -> Vec<Case> {
    vec![
        (
            "coming back after the code ran out asks for a new one",
            vec![
                (Shown { now: 0 }, Some(RequestCode)),
                (issued("ABC", 60, 0), Some(WakeAt(C))),
                (Left, None),
                (Shown { now: 61_000 }, Some(RequestCode)),
            ],
            |p| *p == Phase::Requesting,
        ),
        (
            "a code answer after leaving is not shown",
            vec![
                (Shown { now: 0 }, Some(RequestCode)),
                (Left, None),
                (issued("ABC", 900, 10), None),
            ],
            |p| *p == Phase::Left,
        ),
        (
            "signed in, shown again (Back then Next): moves straight on",
            signed_in_abc()
                .into_iter()
                .chain([
                    (Left, None),
                    (
                        Shown { now: 2 * C },
                        Some(Proceed {
                            user_code: "ABC".into(),
                            move_on: false,
                        }),
                    ),
                ])
                .collect(),
            |p| matches!(p, Phase::SignedIn { .. }),
        ),
        (
            "New code does nothing while a code is good",
            vec![
                (Shown { now: 0 }, Some(RequestCode)),
                (NewCode, None),
                (issued("ABC", 900, 0), Some(WakeAt(C))),
                (NewCode, None),
                (Shown { now: 1 }, None),
            ],
            |p| matches!(p, Phase::Waiting { .. }),
        ),
        (
            "a signed-in code the server refused later is given up for a new one",
            signed_in_abc()
                .into_iter()
                .chain([
                    (NewCode, Some(RequestCode)),
                    (issued("DEF", 900, C + 1), Some(WakeAt(2 * C + 1))),
                ])
                .collect(),
            |p| matches!(p, Phase::Waiting { code, .. } if code.user_code == "DEF"),
        ),
    ]
}

#[test]
fn the_countdown_is_whole_seconds_left() {
    let mut m = DeviceCodeMachine::default();
    m.handle(Shown { now: 0 });
    m.handle(issued("ABC", 900, 1_000));
    assert_eq!(m.seconds_left(1_000), Some(900));
    assert_eq!(m.seconds_left(1_500), Some(899));
    assert_eq!(m.seconds_left(901_000), Some(0));
    assert_eq!(DeviceCodeMachine::default().seconds_left(0), None);
}
