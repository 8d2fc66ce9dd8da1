//! The non-secret draft as sessionStorage keeps it, so a reload loses only
//! the secrets. `Wizard` holds no secret, so none can be written here.
//!
//! The draft is [`Wizard`]'s own serde form (its derives in `wizard.rs`): a
//! member it lacks keeps its default, so a draft from an older version of
//! the page still restores; a member this page does not know, or one of the
//! wrong type, refuses the whole draft, which then starts afresh. The names
//! are those the page has always written.

use crate::flow::Wizard;

impl Wizard {
    /// The draft's text for sessionStorage.
    pub fn to_draft(&self) -> String {
        crate::server::to_text(self)
    }

    /// A saved draft, if `text` is one this page wrote (or an earlier one).
    pub fn from_draft(text: &str) -> Option<Wizard> {
        crate::server::from_object(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{AppCredentialKind, AuthMethod};
    use crate::flow::{Step, Target};
    use crate::server::{Region, Services};

    fn answered() -> Wizard {
        let mut w = Wizard::default();
        w.set_method(AuthMethod::Modern);
        w.set_services(Services::WITH_TEAMS);
        w.set_region(Region::UsGovernment);
        w.set_same_credentials(false);
        let d = w.draft_mut(Target::SharePoint);
        d.username = "sp \"quoted\" \\ é@contoso.com".into();
        d.app_credential = AppCredentialKind::Certificate;
        d.pfx_aes = true;
        d.grant_roles = false;
        w
    }

    #[test]
    fn a_draft_comes_back_as_it_was() {
        let w = answered();
        assert_eq!(Wizard::from_draft(&w.to_draft()), Some(w));
        assert_eq!(
            Wizard::from_draft(&Wizard::default().to_draft()),
            Some(Wizard::default())
        );
    }

    #[test]
    fn drafts_written_by_earlier_pages_still_restore() {
        // Exactly what the serde-derived writer of earlier versions wrote.
        let earlier = r#"{"step":"SharePointCredentials","services":{"exchange":true,"sharepoint":true,"teams":true,"teams_chats":false},"region":"USGovernment","method":"Modern","same_credentials":false,"primary":{"application_id":"","username":"","grant_roles":false,"app_credential":"Secret","pfx_aes":false},"sharepoint":{"application_id":"","username":"sp \"quoted\" \\ é@contoso.com","grant_roles":false,"app_credential":"Certificate","pfx_aes":true}}"#;
        let mut expected = answered();
        expected.step = Step::SharePointCredentials;
        assert_eq!(Wizard::from_draft(earlier), Some(expected));
    }

    #[test]
    fn partial_drafts_keep_the_defaults_and_damaged_ones_are_refused() {
        let partial = Wizard::from_draft(r#"{"region":"Germany"}"#).expect("an object restores");
        // Restored as saved, rules or not: Next then says what to fix.
        let germany = Wizard {
            region: Region::Germany,
            ..Wizard::default()
        };
        assert_eq!(partial, germany, "the rest is the defaults, per step");
        let sharepoint_only = Wizard::from_draft(r#"{"sharepoint":{"username":"a@b.c"}}"#)
            .expect("a partial block restores");
        assert_eq!(sharepoint_only.sharepoint.username, "a@b.c");
        // A draft is ours: what this page would not have written is refused.
        for bad in [
            "",
            "[]",
            "\"x\"",
            "{",
            "null",
            r#"{"region":"Germany","method":7}"#,
            r#"{"step":"Nowhere"}"#,
            r#"{"region":"Atlantis"}"#,
            r#"{"password":"x"}"#,
            r#"{"primary":{"application_secret":"x"}}"#,
        ] {
            assert_eq!(Wizard::from_draft(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_draft_holds_no_secret_fields() {
        let text = answered().to_draft();
        for word in ["secret\"", "password", "certificate_password", "pfx_base64"] {
            assert!(!text.contains(word), "{word} in {text}");
        }
    }
}
