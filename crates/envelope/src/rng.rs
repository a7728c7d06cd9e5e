//! A byte source that hands out fixed bytes, so that test vectors can fix HPKE's ephemeral
//! key material (`ikmE` in RFC 9180) and be reproduced by any implementation.

use std::convert::Infallible;

use rand_core::{TryCryptoRng, TryRng};

pub(crate) struct FixedBytes<'a> {
    bytes: &'a [u8],
}

impl<'a> FixedBytes<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        FixedBytes { bytes }
    }
}

impl TryRng for FixedBytes<'_> {
    type Error = Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        let mut b = [0u8; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        let mut b = [0u8; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        assert!(
            dst.len() <= self.bytes.len(),
            "the fixed ephemeral key material is used up"
        );
        let (now, rest) = self.bytes.split_at(dst.len());
        dst.copy_from_slice(now);
        self.bytes = rest;
        Ok(())
    }
}

impl TryCryptoRng for FixedBytes<'_> {}
