//! The name of the application the backup server registers in Microsoft
//! Entra ID ("Application name" on the app-only step): its limit, its check
//! and its default. A leaf, as the other single-field modules are
//! (`application_id.rs`, `organization_name.rs`, `username.rs`).

/// The longest application name Entra ID takes (its display name limit).
const APPLICATION_NAME_LIMIT: usize = 120;

/// The name a new application gets when none is typed: the vendor's name
/// and the organization's, so the tenant's list of applications says which
/// backup server it serves.
pub fn default_application_name(organization: Option<&str>) -> String {
    match organization.map(str::trim).filter(|o| !o.is_empty()) {
        Some(name) => format!("Veeam Backup for Microsoft 365 - {name}"),
        None => "Veeam Backup for Microsoft 365".to_owned(),
    }
}

/// The error of a typed application name (empty takes the default).
pub fn check_application_name(name: &str) -> Option<String> {
    let name = name.trim();
    if name.chars().count() > APPLICATION_NAME_LIMIT {
        Some(format!(
            "Shorten the application name to {APPLICATION_NAME_LIMIT} characters or fewer: Microsoft Entra ID takes no longer names."
        ))
    } else if name.chars().any(char::is_control) {
        Some("The application name cannot hold line breaks or tabs.".to_owned())
    } else {
        None
    }
}
