//! The non-secret draft in sessionStorage, so a reload loses nothing but the
//! secrets. `Wizard` cannot hold a secret, so none can be written here. The
//! text is read and written by the later steps' module (`Later::read_draft`,
//! `Later::write_draft`): the JSON code stays out of the first visit.

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The text saved under `key`, if any.
pub fn load(key: &str) -> Option<String> {
    session()?.get_item(key).ok()?
}

/// Saves the draft's text; storage being full or disabled is not worth an
/// error.
pub fn save(key: &str, text: &str) {
    if let Some(storage) = session() {
        let _ = storage.set_item(key, text);
    }
}

/// Forgets the draft.
pub fn clear(key: &str) {
    if let Some(storage) = session() {
        let _ = storage.remove_item(key);
    }
}
