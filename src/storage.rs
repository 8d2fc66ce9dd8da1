//! The non-secret draft in sessionStorage, so a reload loses nothing but the
//! secrets. `Wizard` cannot hold a secret, so none can be written here.

use wizard_core::Wizard;

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The saved draft under `key`, if one exists and still parses.
pub fn load(key: &str) -> Option<Wizard> {
    let text = session()?.get_item(key).ok()??;
    Wizard::from_draft(&text)
}

/// Saves the draft; storage being full or disabled is not worth an error.
pub fn save(key: &str, wizard: &Wizard) {
    if let Some(storage) = session() {
        let _ = storage.set_item(key, &wizard.to_draft());
    }
}

/// Forgets the draft.
pub fn clear(key: &str) {
    if let Some(storage) = session() {
        let _ = storage.remove_item(key);
    }
}
