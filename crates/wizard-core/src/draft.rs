//! The non-secret draft as sessionStorage keeps it, so a reload loses only
//! the secrets. `Wizard` holds no secret, so none can be written here.
//!
//! Reading is forgiving: a missing or unreadable member keeps its default,
//! so a draft from an older version of the page still restores what it can.
//! The names are those the page has always written.

use crate::body::{Region, Services};
use crate::credentials::{AppCredentialKind, AppRoute, AuthMethod, CredentialsDraft};
use crate::flow::{Step, Wizard};
use crate::json::{Json, ObjectWriter};

const STEPS: [(Step, &str); 7] = [
    (Step::Services, "Services"),
    (Step::RegionAndMethod, "RegionAndMethod"),
    (Step::AppCredentials, "AppCredentials"),
    (Step::SharePointCredentials, "SharePointCredentials"),
    (Step::MicrosoftSignIn, "MicrosoftSignIn"),
    (Step::Review, "Review"),
    (Step::Finish, "Finish"),
];
const METHODS: [(AuthMethod, &str); 3] = [
    (AuthMethod::AppOnly, "AppOnly"),
    (AuthMethod::Modern, "Modern"),
    (AuthMethod::Basic, "Basic"),
];
const ROUTES: [(AppRoute, &str); 2] = [(AppRoute::New, "New"), (AppRoute::Existing, "Existing")];
const KINDS: [(AppCredentialKind, &str); 2] = [
    (AppCredentialKind::Secret, "Secret"),
    (AppCredentialKind::Certificate, "Certificate"),
];

fn name_of<T: PartialEq + Copy>(table: &[(T, &'static str)], value: T) -> &'static str {
    table
        .iter()
        .find(|(v, _)| *v == value)
        .map_or("", |(_, name)| name)
}

fn value_of<T: Copy>(table: &[(T, &'static str)], json: Option<&Json>) -> Option<T> {
    let name = json?.as_str()?;
    table.iter().find(|(_, n)| *n == name).map(|(v, _)| *v)
}

fn services_json(s: Services) -> String {
    ObjectWriter::new()
        .bool("exchange", s.exchange)
        .bool("sharepoint", s.sharepoint)
        .bool("teams", s.teams)
        .bool("teams_chats", s.teams_chats)
        .finish()
}

fn credentials_json(d: &CredentialsDraft) -> String {
    ObjectWriter::new()
        .string("application_id", &d.application_id)
        .string("username", &d.username)
        .bool("grant_roles", d.grant_roles)
        .string("app_credential", name_of(&KINDS, d.app_credential))
        .bool("pfx_aes", d.pfx_aes)
        .string("organization_name", &d.organization_name)
        .string("route", name_of(&ROUTES, d.route))
        .string("application_name", &d.application_name)
        .bool("configure_application", d.configure_application)
        .finish()
}

fn read_services(json: Option<&Json>) -> Services {
    let mut s = Services::default();
    if let Some(json) = json {
        let flag = |key, default| json.get(key).and_then(Json::as_bool).unwrap_or(default);
        s = Services {
            exchange: flag("exchange", s.exchange),
            sharepoint: flag("sharepoint", s.sharepoint),
            teams: flag("teams", s.teams),
            teams_chats: flag("teams_chats", s.teams_chats),
        };
    }
    s
}

fn read_credentials(json: Option<&Json>, default: CredentialsDraft) -> CredentialsDraft {
    let mut d = default;
    let Some(json) = json else { return d };
    if let Some(id) = json.str_of("application_id") {
        d.application_id = id.to_owned();
    }
    if let Some(user) = json.str_of("username") {
        d.username = user.to_owned();
    }
    if let Some(name) = json.str_of("organization_name") {
        d.organization_name = name.to_owned();
    }
    if let Some(name) = json.str_of("application_name") {
        d.application_name = name.to_owned();
    }
    d.route = value_of(&ROUTES, json.get("route")).unwrap_or(d.route);
    d.configure_application = json
        .get("configure_application")
        .and_then(Json::as_bool)
        .unwrap_or(d.configure_application);
    d.grant_roles = json
        .get("grant_roles")
        .and_then(Json::as_bool)
        .unwrap_or(d.grant_roles);
    d.app_credential = value_of(&KINDS, json.get("app_credential")).unwrap_or(d.app_credential);
    d.pfx_aes = json
        .get("pfx_aes")
        .and_then(Json::as_bool)
        .unwrap_or(d.pfx_aes);
    d
}

impl Wizard {
    /// The draft's text for sessionStorage.
    pub fn to_draft(&self) -> String {
        ObjectWriter::new()
            .string("step", name_of(&STEPS, self.step))
            .raw("services", &services_json(self.services))
            .string("region", self.region.wire())
            .string("method", name_of(&METHODS, self.method))
            .bool("same_credentials", self.same_credentials)
            .raw("primary", &credentials_json(&self.primary))
            .raw("sharepoint", &credentials_json(&self.sharepoint))
            .finish()
    }

    /// A saved draft, if `text` is a JSON object; members it lacks (or
    /// cannot be read) keep their defaults.
    pub fn from_draft(text: &str) -> Option<Wizard> {
        let json = Json::parse(text).ok()?;
        json.as_object()?;
        let defaults = Wizard::default();
        Some(Wizard {
            step: value_of(&STEPS, json.get("step")).unwrap_or(defaults.step),
            services: read_services(json.get("services")),
            region: json
                .str_of("region")
                .and_then(Region::from_wire)
                .unwrap_or(defaults.region),
            method: value_of(&METHODS, json.get("method")).unwrap_or(defaults.method),
            same_credentials: json
                .get("same_credentials")
                .and_then(Json::as_bool)
                .unwrap_or(defaults.same_credentials),
            primary: read_credentials(json.get("primary"), defaults.primary.clone()),
            sharepoint: read_credentials(json.get("sharepoint"), defaults.sharepoint.clone()),
            server: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::Target;

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
    fn partial_or_damaged_drafts_keep_the_defaults() {
        let partial = Wizard::from_draft(r#"{"region":"Germany","method":7,"step":"Nowhere"}"#)
            .expect("an object restores");
        assert_eq!(partial.region(), Region::Germany);
        assert_eq!(partial.method(), AuthMethod::AppOnly);
        assert_eq!(partial.step(), Step::Services);
        assert_eq!(
            partial,
            Wizard::from_draft(r#"{"region":"Germany"}"#).unwrap()
        );
        // Restored as saved, rules or not: Next then says what to fix.
        let germany = Wizard {
            region: Region::Germany,
            ..Wizard::default()
        };
        assert_eq!(partial, germany, "the rest is the defaults, per step");
        for bad in ["", "[]", "\"x\"", "{", "null"] {
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
