//! A test inbox: a temporary directory with a database file and a config with one clinic.

#![allow(dead_code)]

use std::path::PathBuf;

use asi_envelope::{Envelope, Metadata, PublicKey, SecretKey, keys, seal};
use asi_inbox::Config;
use sha2::{Digest, Sha256};

pub const TOKEN: &str = "reader-token-for-tests";
/// The reader token of the second clinic, `other`.
pub const OTHER_TOKEN: &str = "other-clinic-reader-token";
/// The demo clinic's retention setting.
pub const RETENTION_DAYS: u32 = 30;

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub struct TestInbox {
    pub dir: PathBuf,
    pub secret: SecretKey,
    pub public: PublicKey,
}

impl TestInbox {
    pub fn new(name: &str) -> TestInbox {
        let dir = std::env::temp_dir().join(format!("asi-inbox-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let (secret, public) = keys::generate();
        TestInbox {
            dir,
            secret,
            public,
        }
    }

    pub fn config_toml(&self, listen: &str) -> String {
        let hash = sha256_hex(TOKEN);
        let (_, other) = keys::generate();
        format!(
            "listen = \"{listen}\"\ndatabase = \"{}\"\nallowed_origins = [\"http://localhost:4173\"]\n\n\
             [[clinics]]\nid = \"demo\"\nname = \"Demo Rusmiddelcenter\"\ncontact = \"70 00 00 00\"\npublic_key = \"{}\"\nreader_token_sha256 = \"{hash}\"\nretention_days = {RETENTION_DAYS}\n\n\
             [[clinics]]\nid = \"other\"\nname = \"Andet center\"\ncontact = \"\"\npublic_key = \"{}\"\nreader_token_sha256 = \"{}\"\n",
            self.dir.join("inbox.sqlite").display(),
            self.public.to_text(),
            other.to_text(),
            sha256_hex(OTHER_TOKEN),
        )
    }

    pub fn config(&self) -> Config {
        let path = self.dir.join("inbox.toml");
        std::fs::write(&path, self.config_toml("127.0.0.1:0")).unwrap();
        Config::load(&path).unwrap()
    }

    pub fn envelope(&self, plaintext: &str) -> Envelope {
        let metadata = Metadata::new(
            &self.public,
            "demo",
            "trivsel",
            "midway",
            "2026-11-25",
            None,
        );
        seal(&self.public, &metadata, plaintext.as_bytes()).unwrap()
    }
}

impl Drop for TestInbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
