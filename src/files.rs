//! Browser glue for certificate files: reading what the user picked or
//! dropped, random bytes for the .pfx the wizard builds, and downloads.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroizing;

/// A file the user gave: its name and bytes, wiped on drop (it may hold a key).
pub struct PickedFile {
    /// The file's name, for the field's status line.
    pub name: String,
    /// The whole file.
    pub bytes: Zeroizing<Vec<u8>>,
}

/// Reads every file of a file list. Files over the reader's cap are refused
/// before their bytes are read, with the reader's own message.
pub async fn read_all(list: web_sys::FileList) -> Result<Vec<PickedFile>, String> {
    let mut out = Vec::new();
    for i in 0..list.length() {
        let Some(file) = list.item(i) else { continue };
        let size = file.size() as usize;
        if size > certificate::MAX_FILE_BYTES {
            return Err(certificate::Error::TooLarge { bytes: size }.to_string());
        }
        let buffer = JsFuture::from(file.array_buffer())
            .await
            .map_err(|_| format!("{} could not be read. Choose it again.", file.name()))?;
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        out.push(PickedFile {
            name: file.name(),
            bytes: Zeroizing::new(bytes),
        });
    }
    Ok(out)
}

/// Fills `buf` from `crypto.getRandomValues`. Without it (never in a browser
/// that runs WebAssembly) the wizard must not build a .pfx with weak salts,
/// so the caller is told.
pub fn random_fill(buf: &mut [u8]) -> bool {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(buf).is_ok())
}

/// Offers `bytes` as a download named `name`.
pub fn download(name: &str, bytes: &[u8], mime: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    web_sys::Url::revoke_object_url(&url).ok()
}

/// Seconds since the Unix epoch, from the browser's clock.
pub fn unix_now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}
