//! Follow-up link tokens (`docs/links.md`): the inbox and the app know a token only by its
//! hash, the lowercase hex of SHA-256 over the token's UTF-8 bytes.

/// The hash under which the inbox keeps a link token.
pub fn token_hash(token: &str) -> String {
    asi_protocol::sha256_hex(token.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_sha256_hex() {
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
