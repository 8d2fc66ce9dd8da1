//! Generating the application's certificate: the key pair by WebCrypto
//! (RSASSA-PKCS1-v1_5 with SHA-256, seeded by the system), the certificate's
//! structure in Rust (`certificate::generate`), signed by WebCrypto, then
//! read back like any chosen file so the card, the findings and the .pfx
//! come from the same code.

use certificate::generate::{CertificateRequest, assemble, check_private_key, to_be_signed};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wizard_core::answers::{CertificateOutcome, PfxEncryption, Secret, outcome_of};
use zeroize::Zeroizing;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Generation {
    /// The subject's common name.
    pub subject: String,
    /// Years of validity: 1, 2 or 3.
    pub years: u8,
    /// RSA key size: 2048, 3072 or 4096.
    pub bits: u32,
}

/// The global scope's `crypto` (a worker's, or a window's in the tests):
/// the one way this crate reaches WebCrypto.
pub(crate) fn crypto() -> Result<web_sys::Crypto, String> {
    js_sys::Reflect::get(&js_sys::global(), &"crypto".into())
        .ok()
        .and_then(|c| c.dyn_into::<web_sys::Crypto>().ok())
        .ok_or_else(|| {
            "This browser offers no Web Crypto here. Open the page over HTTPS (or on this computer) to generate a certificate.".to_owned()
        })
}

fn failed(step: &str) -> impl Fn(JsValue) -> String + '_ {
    move |_| format!("The browser could not {step}. Reload the page and generate again.")
}

async fn promised(
    promise: Result<js_sys::Promise, JsValue>,
    step: &str,
) -> Result<JsValue, String> {
    let promise = promise.map_err(failed(step))?;
    JsFuture::from(promise).await.map_err(failed(step))
}

fn bytes(value: &JsValue) -> Vec<u8> {
    js_sys::Uint8Array::new(value).to_vec()
}

/// A new key pair and its self-signed certificate, as the certificate
/// field's outcome: the card, and the .pfx protected by `password`.
pub async fn generate(
    generation: &Generation,
    password: &Secret,
    now: i64,
    encryption: PfxEncryption,
) -> CertificateOutcome {
    match build(generation, password, now, encryption).await {
        Ok(outcome) => outcome,
        Err(why) => CertificateOutcome::refusal(why),
    }
}

async fn build(
    generation: &Generation,
    password: &Secret,
    now: i64,
    encryption: PfxEncryption,
) -> Result<CertificateOutcome, String> {
    // The request is checked before a key pair is made for nothing.
    let probe = CertificateRequest {
        common_name: generation.subject.clone(),
        serial: [0; 16],
        now,
        years: generation.years,
    };
    certificate::generate::check_request(&probe).map_err(|e| e.to_string())?;
    let crypto = crypto()?;
    let subtle = crypto.subtle();
    let (public, private) = key_pair(&subtle, generation.bits).await?;
    let spki = bytes(&promised(subtle.export_key("spki", &public), "export the public key").await?);
    let pkcs8 = Zeroizing::new(bytes(
        &promised(
            subtle.export_key("pkcs8", &private),
            "export the private key",
        )
        .await?,
    ));
    check_private_key(&pkcs8).map_err(|e| e.to_string())?;
    let mut serial = [0u8; 16];
    crypto
        .get_random_values_with_u8_array(&mut serial)
        .map_err(failed("supply random numbers"))?;
    let request = CertificateRequest {
        common_name: generation.subject.clone(),
        serial,
        now,
        years: generation.years,
    };
    let tbs = to_be_signed(&request, &spki).map_err(|e| e.to_string())?;
    let signature = promised(
        subtle.sign_with_str_and_u8_array("RSASSA-PKCS1-v1_5", &private, &tbs),
        "sign the certificate",
    )
    .await?;
    let certificate = assemble(&tbs, &bytes(&signature)).map_err(|e| e.to_string())?;
    // Read back like chosen files: the same card, findings and .pfx writer.
    let opened = certificate::open(&[&certificate, &pkcs8], "", now);
    let mut random_ok = true;
    let outcome = outcome_of(opened, password, encryption, &mut |buf| {
        random_ok &= crypto.get_random_values_with_u8_array(buf).is_ok();
    });
    if random_ok {
        Ok(outcome)
    } else {
        Err("This browser could not supply random numbers to protect the new .pfx.".to_owned())
    }
}

/// A new RSA key pair from WebCrypto: RSASSA-PKCS1-v1_5 of `bits`, e =
/// 65537, SHA-256; extractable once, only so the private key can go into
/// the .pfx.
async fn key_pair(
    subtle: &web_sys::SubtleCrypto,
    bits: u32,
) -> Result<(web_sys::CryptoKey, web_sys::CryptoKey), String> {
    let algorithm = js_sys::Object::new();
    for (name, value) in [
        ("name", JsValue::from_str("RSASSA-PKCS1-v1_5")),
        ("modulusLength", JsValue::from(bits)),
        (
            "publicExponent",
            js_sys::Uint8Array::from(&[1u8, 0, 1][..]).into(),
        ),
        ("hash", JsValue::from_str("SHA-256")),
    ] {
        js_sys::Reflect::set(&algorithm, &name.into(), &value)
            .map_err(failed("describe the key pair"))?;
    }
    let usages = js_sys::Array::of2(&"sign".into(), &"verify".into());
    let pair = promised(
        subtle.generate_key_with_object(&algorithm, true, &usages),
        "generate a key pair",
    )
    .await?;
    let key = |name: &str| {
        js_sys::Reflect::get(&pair, &name.into())
            .ok()
            .and_then(|k| k.dyn_into::<web_sys::CryptoKey>().ok())
            .ok_or_else(|| {
                "The browser gave no key pair. Reload the page and generate again.".to_owned()
            })
    };
    Ok((key("publicKey")?, key("privateKey")?))
}
