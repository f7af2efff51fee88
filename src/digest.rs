//! SHA-256 as lowercase hex: for the manifest, the build cache, unit/year
//! fingerprints and the anchors of diagnostics.

use sha2::{Digest, Sha256};

pub use sha2::Sha256 as Hasher;

/// Bytes as lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of `data` in lowercase hex.
pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}
