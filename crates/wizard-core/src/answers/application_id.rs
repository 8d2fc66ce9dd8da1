//! The Microsoft Entra ID application ID: a GUID, accepted in the forms people paste.

use std::fmt;

/// Why an Application ID was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplicationIdError {
    /// Nothing was entered.
    Empty,
    /// A character that cannot be part of a GUID.
    InvalidCharacter(char),
    /// The right characters, but not 32 hexadecimal digits.
    WrongDigitCount(usize),
    /// 32 digits, but hyphens in the wrong places.
    WrongGrouping,
}

impl fmt::Display for ApplicationIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str(
                "Enter the Application ID. It is on the application's Overview page in the Azure portal.",
            ),
            Self::InvalidCharacter(c) => write!(
                f,
                "The Application ID can only contain the digits 0-9, the letters a-f and hyphens, \
                 but it contains \u{201c}{c}\u{201d}. Copy the \u{201c}Application (client) ID\u{201d} from the Azure portal."
            ),
            Self::WrongDigitCount(n) => write!(
                f,
                "The Application ID has 32 hexadecimal digits, but this one has {n}. \
                 Check that you copied all of it, like 00000000-0000-0000-0000-000000000000."
            ),
            Self::WrongGrouping => f.write_str(
                "The Application ID's hyphens are misplaced. Use the form 00000000-0000-0000-0000-000000000000.",
            ),
        }
    }
}

impl std::error::Error for ApplicationIdError {}

/// Checks an Application ID and returns it normalised: lowercase, hyphenated,
/// without braces or surrounding spaces.
///
/// Accepts what people paste: `{…}` (as PowerShell and the registry show GUIDs),
/// any letter case, surrounding spaces, and 32 digits without hyphens.
pub fn normalize_application_id(input: &str) -> Result<String, ApplicationIdError> {
    let mut text = input.trim();
    if let Some(inner) = text.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
        text = inner.trim();
    }
    if text.is_empty() {
        return Err(ApplicationIdError::Empty);
    }
    if let Some(bad) = text.chars().find(|c| !c.is_ascii_hexdigit() && *c != '-') {
        return Err(ApplicationIdError::InvalidCharacter(bad));
    }
    let digits: String = text.chars().filter(|c| *c != '-').collect();
    if digits.len() != 32 {
        return Err(ApplicationIdError::WrongDigitCount(digits.len()));
    }
    let hyphens: Vec<usize> = text.match_indices('-').map(|(i, _)| i).collect();
    if !hyphens.is_empty() && hyphens != [8, 13, 18, 23] {
        return Err(ApplicationIdError::WrongGrouping);
    }
    let d = digits.to_ascii_lowercase();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &d[0..8],
        &d[8..12],
        &d[12..16],
        &d[16..20],
        &d[20..32]
    ))
}

/// True when the text is shaped like a GUID in any accepted form.
///
/// Used to warn that an "application secret" is probably the secret's *ID*,
/// which the Azure portal shows beside the value.
pub fn looks_like_guid(input: &str) -> bool {
    normalize_application_id(input).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90";

    #[test]
    fn accepts_the_forms_people_paste() {
        for input in [
            ID,
            "0B5F2A4E-7C1D-4E8A-9F3B-2D6C8E1A7B90",
            "{0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90}",
            "  {0B5F2A4E-7c1d-4e8a-9f3b-2d6c8e1a7b90}  ",
            "{ 0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90 }",
            "\t0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90\n",
            "0b5f2a4e7c1d4e8a9f3b2d6c8e1a7b90",
        ] {
            assert_eq!(
                normalize_application_id(input).as_deref(),
                Ok(ID),
                "{input:?}"
            );
        }
    }

    #[test]
    fn refuses_with_a_specific_reason() {
        let cases: &[(&str, ApplicationIdError)] = &[
            ("", ApplicationIdError::Empty),
            ("   ", ApplicationIdError::Empty),
            ("{}", ApplicationIdError::Empty),
            (
                "0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b9g",
                ApplicationIdError::InvalidCharacter('g'),
            ),
            (
                "0b5f2a4e 7c1d-4e8a-9f3b-2d6c8e1a7b90",
                ApplicationIdError::InvalidCharacter(' '),
            ),
            (
                "0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b9",
                ApplicationIdError::WrongDigitCount(31),
            ),
            (
                "0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b900",
                ApplicationIdError::WrongDigitCount(33),
            ),
            (
                "0b5f2a4e7-c1d-4e8a-9f3b-2d6c8e1a7b90",
                ApplicationIdError::WrongGrouping,
            ),
            (
                "{0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90",
                ApplicationIdError::InvalidCharacter('{'),
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(
                normalize_application_id(input).as_ref(),
                Err(expected),
                "{input:?}"
            );
        }
    }

    #[test]
    fn messages_say_what_to_do() {
        let msg = ApplicationIdError::WrongDigitCount(31).to_string();
        assert!(msg.contains("32") && msg.contains("31"), "{msg}");
        let msg = ApplicationIdError::InvalidCharacter('x').to_string();
        assert!(msg.contains("\u{201c}x\u{201d}"), "{msg}");
    }

    #[test]
    fn never_panics_on_odd_unicode() {
        for input in [
            "{",
            "}",
            "{{}}",
            "é",
            "🦀-🦀",
            "\u{0}",
            "-".repeat(40).as_str(),
        ] {
            let _ = normalize_application_id(input);
        }
    }
}
