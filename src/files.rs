//! Browser glue for certificate files: reading what the user picked or
//! dropped, handing them to the certificate worker, and downloads.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wizard_core::server::WorkerJob;
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

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/worker.js")]
extern "C" {
    #[wasm_bindgen(js_name = askCertificateWorker)]
    fn ask_certificate_worker(
        job: &str,
        files: js_sys::Array,
        password: &str,
        now_ms: f64,
    ) -> js_sys::Promise;
}

/// The certificate worker's answer on its way ([`ask_worker`]).
pub type WorkerAnswer =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<String, String>>>>;

/// [`ask_worker`] as the later steps' module hands it to the page's exports:
/// the job's text is serde's, which the first module does not carry.
pub type AskWorker = fn(WorkerJob, &[&[u8]], &str) -> WorkerAnswer;

/// [`ask_worker`], boxed to be an [`AskWorker`].
pub fn ask_worker_boxed(job: WorkerJob, files: &[&[u8]], password: &str) -> WorkerAnswer {
    Box::pin(ask_worker(job, files, password))
}

/// Asks the certificate worker (crates/cert-worker) to do `job` on `files`.
/// The answer is its JSON text, or why the worker could not answer.
/// The request is sent (and the bytes copied) before this returns, so the
/// future borrows nothing.
pub fn ask_worker(
    job: WorkerJob,
    files: &[&[u8]],
    password: &str,
) -> impl std::future::Future<Output = Result<String, String>> + use<> {
    let array = js_sys::Array::new();
    for bytes in files {
        array.push(&js_sys::Uint8Array::from(*bytes));
    }
    let promise = ask_certificate_worker(&job.to_wire(), array, password, js_sys::Date::now());
    async move { answer_of(JsFuture::from(promise).await) }
}

fn answer_of(
    answer: Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>,
) -> Result<String, String> {
    let answer = answer.map_err(|e| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| {
                "The certificate reader stopped. Reload the page and try again.".to_owned()
            })
    })?;
    answer.as_string().ok_or_else(|| {
        "The certificate reader gave no answer. Reload the page and try again.".to_owned()
    })
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
