//! The device-code sign-in ("Log in to Microsoft 365") as a pure machine:
//! the backup server asks Microsoft for a code, a Global Administrator
//! enters it at the verification page, and the page asks the server every
//! few seconds whether the sign-in happened.
//!
//! Like the send machine, it performs nothing: events in (the step shown or
//! left, answers, timers), at most one command out, which the component
//! carries out. Time is given with each event (milliseconds since any fixed
//! start), so the table test needs no clock.

use crate::server::ApiError;
use crate::server::Region;
use serde::{Deserialize, Serialize};

/// How often the server is asked while the code is waiting.
pub const CHECK_EVERY_MS: u64 = 5_000;
/// The longest wait between checks after failures (doubling from
/// [`CHECK_EVERY_MS`]).
pub const MAX_BACKOFF_MS: u64 = 60_000;

/// The code the backup server got from Microsoft (`POST /DeviceCode`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "DeviceCodeAnswer")]
pub struct DeviceCode {
    /// What the administrator types at the verification page.
    pub user_code: String,
    /// Where to type it.
    pub verification_url: String,
    /// Microsoft's own sentence about it, shown as given.
    pub message: String,
    /// Seconds the code stays valid.
    pub expires_in: u64,
}

/// `RESTDeviceCodeResponse` as the server writes it; members the API may
/// add are ignored.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DeviceCodeAnswer {
    user_code: String,
    verification_url: Option<String>,
    message: Option<String>,
    expires_in: u64,
}

impl TryFrom<DeviceCodeAnswer> for DeviceCode {
    type Error = &'static str;

    /// A verification address that is not `https://` is dropped: it is
    /// shown as a link, and a link from a server's answer must not be able
    /// to run script. A blank code is no code.
    fn try_from(answer: DeviceCodeAnswer) -> Result<Self, Self::Error> {
        let url = answer.verification_url.unwrap_or_default();
        let safe = url
            .get(..8)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
            && !url.chars().any(|c| c.is_whitespace() || c.is_control());
        let user_code = answer.user_code.trim().to_owned();
        if user_code.is_empty() {
            return Err("the device code is blank");
        }
        Ok(DeviceCode {
            user_code,
            verification_url: if safe { url } else { String::new() },
            message: answer.message.unwrap_or_default(),
            expires_in: answer.expires_in,
        })
    }
}

/// The body of `POST /DeviceCode` (`RESTDeviceCodeRequest`): the cloud
/// whose Microsoft sign-in page the code is for.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CodeRequest {
    target_region: Region,
}

/// The body of `POST /DeviceCode/check` (`RESTDeviceCodeCheckRequest`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CheckRequest<'a> {
    user_code: &'a str,
}

/// The JSON text of `POST /DeviceCode` for `region`.
pub fn code_request(region: Region) -> String {
    crate::server::to_text(&CodeRequest {
        target_region: region,
    })
}

/// The JSON text of `POST /DeviceCode/check` for `code`.
pub fn check_request(code: &str) -> String {
    crate::server::to_text(&CheckRequest { user_code: code })
}

/// `RESTDeviceCodeCheckResponse`: whether the administrator has signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct CheckAnswer {
    /// True once a Global Administrator signed in with the code.
    pub authenticated: bool,
}

/// Where the sign-in stands, as the step shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Phase {
    /// Not started.
    #[default]
    Idle,
    /// The code request is out.
    Requesting,
    /// The code is shown; the page checks for the sign-in.
    Waiting {
        /// The code.
        code: DeviceCode,
        /// When it stops being valid.
        expires_at: u64,
    },
    /// A Global Administrator signed in with this code.
    SignedIn {
        /// The code the organization request carries (`userCode`).
        user_code: String,
    },
    /// The code ran out before anyone signed in: "Get a new code".
    Expired,
    /// The server could not give a code; its message, and "Try again".
    Failed(ApiError),
    /// The step was left; a code still valid is resumed on return.
    Left,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The step is shown (first time, or again).
    Shown {
        /// Now.
        now: u64,
    },
    /// `POST /DeviceCode` answered.
    CodeIssued {
        /// The code.
        code: DeviceCode,
        /// Now.
        now: u64,
    },
    /// `POST /DeviceCode` failed.
    CodeRefused(ApiError),
    /// A timer the machine asked for fired.
    Woke {
        /// Now.
        now: u64,
    },
    /// `POST /DeviceCode/check` answered.
    Checked {
        /// Whether the sign-in happened.
        authenticated: bool,
        /// Now.
        now: u64,
    },
    /// `POST /DeviceCode/check` failed (network, 5xx…).
    CheckFailed {
        /// Now.
        now: u64,
    },
    /// "Get a new code" or "Try again".
    NewCode,
    /// The step was left, or the wizard unmounted.
    Left,
}

/// What the component must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `POST /DeviceCode` with the region.
    RequestCode,
    /// `POST /DeviceCode/check` with this code.
    Check(String),
    /// Wake the machine at this time (one timer at a time: a new one
    /// replaces the old).
    WakeAt(u64),
    /// Signed in: carry `user_code` into the request; `move_on` to Review
    /// when the sign-in was seen just now (shown again later, after Back
    /// from Review, the step stays so the person can read it).
    Proceed {
        /// The code the administrator signed in with.
        user_code: String,
        /// Go on to the next step.
        move_on: bool,
    },
}

/// The device-code sign-in of one wizard.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeviceCodeMachine {
    phase: Phase,
    /// A code kept across leaving the step, with its expiry.
    kept: Option<(DeviceCode, u64)>,
    /// A check is out: never two at once.
    checking: bool,
    /// Consecutive failed checks, for the back-off.
    failures: u32,
    /// When the next check is due.
    next_check: u64,
}

impl DeviceCodeMachine {
    /// Where the sign-in stands.
    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    /// Seconds left on the shown code at `now` (for the countdown).
    pub fn seconds_left(&self, now: u64) -> Option<u64> {
        match &self.phase {
            Phase::Waiting { expires_at, .. } => Some(expires_at.saturating_sub(now) / 1000),
            _ => None,
        }
    }

    /// Takes one event; answers the command it gives, if any.
    pub fn handle(&mut self, event: Event) -> Option<Command> {
        match event {
            Event::Shown { now } => self.shown(now),
            Event::CodeIssued { code, now } => self.issued(code, now),
            Event::CodeRefused(error) => {
                if self.phase != Phase::Requesting {
                    return None;
                }
                self.phase = Phase::Failed(error);
                None
            }
            Event::Woke { now } => self.woke(now),
            Event::Checked { authenticated, now } => self.checked(authenticated, now),
            Event::CheckFailed { now } => self.check_failed(now),
            // A signed-in code can be given up too: the server refused it
            // when the organization was sent (used, or expired meanwhile).
            Event::NewCode => match self.phase {
                Phase::Expired | Phase::Failed(_) | Phase::SignedIn { .. } => self.request(),
                _ => None,
            },
            Event::Left => {
                if !matches!(self.phase, Phase::SignedIn { .. }) {
                    self.phase = Phase::Left;
                    self.checking = false;
                }
                None
            }
        }
    }

    fn request(&mut self) -> Option<Command> {
        self.kept = None;
        self.checking = false;
        self.failures = 0;
        self.phase = Phase::Requesting;
        Some(Command::RequestCode)
    }

    fn shown(&mut self, now: u64) -> Option<Command> {
        match &self.phase {
            Phase::Idle | Phase::Left => match self.kept.clone() {
                Some((code, expires_at)) if now < expires_at => {
                    self.phase = Phase::Waiting { code, expires_at };
                    self.next_check = now;
                    self.woke(now)
                }
                _ => self.request(),
            },
            Phase::SignedIn { user_code } => Some(Command::Proceed {
                user_code: user_code.clone(),
                move_on: false,
            }),
            _ => None,
        }
    }

    fn issued(&mut self, code: DeviceCode, now: u64) -> Option<Command> {
        if self.phase != Phase::Requesting {
            return None;
        }
        let expires_at = now + code.expires_in.saturating_mul(1000);
        self.kept = Some((code.clone(), expires_at));
        self.phase = Phase::Waiting { code, expires_at };
        self.failures = 0;
        self.next_check = now + CHECK_EVERY_MS;
        Some(self.wake_for())
    }

    /// The next timer: the next check or the expiry, whichever is first.
    fn wake_for(&self) -> Command {
        let expires_at = match &self.phase {
            Phase::Waiting { expires_at, .. } => *expires_at,
            _ => self.next_check,
        };
        Command::WakeAt(self.next_check.min(expires_at))
    }

    fn woke(&mut self, now: u64) -> Option<Command> {
        let Phase::Waiting { code, expires_at } = &self.phase else {
            return None;
        };
        if now >= *expires_at {
            self.phase = Phase::Expired;
            self.kept = None;
            self.checking = false;
            return None;
        }
        if self.checking {
            return None;
        }
        if now >= self.next_check {
            self.checking = true;
            return Some(Command::Check(code.user_code.clone()));
        }
        Some(self.wake_for())
    }

    fn checked(&mut self, authenticated: bool, now: u64) -> Option<Command> {
        let Phase::Waiting { code, .. } = &self.phase else {
            return None;
        };
        if !self.checking {
            return None;
        }
        self.checking = false;
        self.failures = 0;
        if authenticated {
            let user_code = code.user_code.clone();
            self.phase = Phase::SignedIn {
                user_code: user_code.clone(),
            };
            return Some(Command::Proceed {
                user_code,
                move_on: true,
            });
        }
        self.next_check = now + CHECK_EVERY_MS;
        self.woke(now)
    }

    fn check_failed(&mut self, now: u64) -> Option<Command> {
        if !matches!(self.phase, Phase::Waiting { .. }) || !self.checking {
            return None;
        }
        self.checking = false;
        self.failures = self.failures.saturating_add(1);
        let backoff = CHECK_EVERY_MS
            .saturating_mul(1 << self.failures.min(6))
            .min(MAX_BACKOFF_MS);
        self.next_check = now + backoff;
        self.woke(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<DeviceCode> {
        serde_json::from_str(text).ok()
    }

    #[test]
    fn answers_are_read_and_links_kept_only_when_https() {
        let code = read(r#"{"userCode":"F3KQ9ZX2L","verificationUrl":"https://microsoft.com/devicelogin","expiresIn":900,"message":"To sign in, use a web browser."}"#).unwrap();
        assert_eq!(code.user_code, "F3KQ9ZX2L");
        assert_eq!(code.verification_url, "https://microsoft.com/devicelogin");
        assert_eq!(code.expires_in, 900);
        for bad in [
            "javascript:alert(1)",
            "http://microsoft.com/devicelogin",
            "https://x y",
            "data:text/html,hi",
            "",
        ] {
            let text = format!(r#"{{"userCode":"A","verificationUrl":{bad:?},"expiresIn":1}}"#);
            assert_eq!(read(&text).unwrap().verification_url, "", "{bad}");
        }
        assert_eq!(read(r#"{"userCode":" ","expiresIn":1}"#), None);
        assert_eq!(read(r#"{"userCode":"A","expiresIn":"soon"}"#), None);
        assert_eq!(
            code_request(Region::UsGovernment),
            r#"{"targetRegion":"USGovernment"}"#
        );
        assert_eq!(check_request("F3\"K"), r#"{"userCode":"F3\"K"}"#);
        let check = |t: &str| serde_json::from_str::<CheckAnswer>(t).ok();
        assert_eq!(
            check(r#"{"authenticated":true}"#),
            Some(CheckAnswer {
                authenticated: true
            })
        );
        assert_eq!(check(r#"{"authenticated":"yes"}"#), None);
    }
}
