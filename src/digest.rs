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

/// A writer that passes bytes on to `out` and adds each to `hash` (a
/// SHA-256 or an HMAC), so that a large file is hashed as it is written
/// instead of being held whole to hash it.
pub struct Tee<W, H> {
    /// Where the bytes go.
    pub out: W,
    /// What they are added to.
    pub hash: H,
}

impl<W: std::io::Write, H: sha2::digest::Update> std::io::Write for Tee<W, H> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
