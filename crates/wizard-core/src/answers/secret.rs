//! A string that must never be shown, stored or logged.

use serde::Deserialize;
use std::fmt;
use zeroize::Zeroize;

/// Holds a password, application secret or token.
///
/// `Debug` prints `***`, there is deliberately no `Display`, and the bytes are
/// zeroised when the value is dropped. The only way to read it is
/// [`Secret::expose`], so every place that does is easy to find (the request
/// body, which must carry it to the server, is one).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret's value, for the one place that has to send it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True when nothing was entered.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

/// Read from the server's answers (tokens). There is deliberately no
/// `Serialize`: the request body writes its secrets through `expose` field
/// by field, so no other document can carry one by mistake.
impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(from: D) -> Result<Self, D::Error> {
        String::deserialize(from).map(Secret)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let secret = Secret::new("hunter2-very-secret");
        assert_eq!(format!("{secret:?}"), "***");
        assert_eq!(format!("{:?}", Some(secret.clone())), "Some(***)");
    }
}
