//! AES-GCM through WebCrypto with a non-extractable key: the key can be used by this origin's
//! pages but its bytes can never be read, not even by our own code.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, AesKeyGenParams, CryptoKey, SubtleCrypto};

/// The length of an AES-GCM nonce, in bytes.
pub const IV_LEN: usize = 12;

fn crypto() -> Result<web_sys::Crypto, JsValue> {
    leptos::prelude::window().crypto()
}

fn subtle() -> Result<SubtleCrypto, JsValue> {
    Ok(crypto()?.subtle())
}

/// A new random, non-extractable AES-256-GCM key.
pub async fn new_key() -> Result<CryptoKey, JsValue> {
    let params = AesKeyGenParams::new("AES-GCM", 256);
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let promise = subtle()?.generate_key_with_object(&params, false, &usages)?;
    Ok(JsFuture::from(promise).await?.unchecked_into())
}

/// A fresh random nonce.
pub fn random_iv() -> Result<[u8; IV_LEN], JsValue> {
    let mut iv = [0u8; IV_LEN];
    crypto()?.get_random_values_with_u8_array(&mut iv)?;
    Ok(iv)
}

/// Encrypts `plain` under `key` with nonce `iv`; the result carries the 16-byte tag.
pub async fn encrypt(key: &CryptoKey, iv: &[u8; IV_LEN], plain: &[u8]) -> Result<Vec<u8>, JsValue> {
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(&iv[..]));
    let promise = subtle()?.encrypt_with_object_and_u8_array(&params, key, plain)?;
    Ok(Uint8Array::new(&JsFuture::from(promise).await?).to_vec())
}

/// Decrypts and authenticates; fails on any change to the ciphertext, nonce or key.
pub async fn decrypt(key: &CryptoKey, iv: &[u8], sealed: &[u8]) -> Result<Vec<u8>, JsValue> {
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(iv));
    let promise = subtle()?.decrypt_with_object_and_u8_array(&params, key, sealed)?;
    Ok(Uint8Array::new(&JsFuture::from(promise).await?).to_vec())
}
