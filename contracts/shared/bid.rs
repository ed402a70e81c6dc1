//! The sealed-bid commitment: the hash a vendor commits to before the
//! submission deadline and opens by revealing its parts.
//!
//! ```text
//! commitment = BLAKE2b-256( BID_DOMAIN
//!                         ++ tender id   (u32, little endian)
//!                         ++ bidder      (32-byte account id)
//!                         ++ price       (u128, little endian)
//!                         ++ proposal    (32-byte hash of the proposal document)
//!                         ++ salt        (32 secret random bytes) )
//! ```
//!
//! The domain tag keeps these hashes apart from any other hash of the same
//! bytes; the tender id and bidder bind a commitment to one tender and one
//! account, so it cannot be replayed elsewhere or copied by a rival; the salt
//! keeps a low-entropy price from being guessed. Every field is fixed size,
//! so the preimage is unambiguous. The same function runs in the contract and
//! in a vendor's wallet tool.

use crate::TenderId;

/// Domain tag, first bytes of every bid commitment preimage.
pub const BID_DOMAIN: &[u8; 22] = b"ink-procurement/bid/v1";

/// Length of the preimage in bytes.
pub const BID_PREIMAGE_LEN: usize = 22 + 4 + 32 + 16 + 32 + 32;

/// The exact bytes that are hashed.
pub fn bid_preimage(tender: TenderId, bidder: &[u8; 32], price: u128, proposal: &[u8; 32], salt: &[u8; 32]) -> [u8; BID_PREIMAGE_LEN] {
    let mut out = [0u8; BID_PREIMAGE_LEN];
    let parts: [&[u8]; 6] = [BID_DOMAIN, &tender.to_le_bytes(), bidder, &price.to_le_bytes(), proposal, salt];
    let mut at = 0usize;
    for part in parts {
        let end = at.saturating_add(part.len());
        if let Some(slot) = out.get_mut(at..end) {
            // An element-wise copy cannot panic, so no panic location (with
            // the checkout's path in it) ends up in a contract's Wasm.
            for (byte, value) in slot.iter_mut().zip(part) {
                *byte = *value;
            }
        }
        at = end;
    }
    out
}

/// The commitment a vendor submits for this bid.
pub fn bid_commitment(tender: TenderId, bidder: &[u8; 32], price: u128, proposal: &[u8; 32], salt: &[u8; 32]) -> [u8; 32] {
    let mut out = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(&bid_preimage(tender, bidder, price, proposal, salt), &mut out);
    out
}

/// A vendor's bid as its wallet keeps it until the reveal: the price, the
/// proposal document's hash and the secret salt. The one type every
/// off-chain party (the demo, the checked stage, a vendor's wallet, the
/// tests) seals, commits and reveals with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SealedBid {
    /// The price offered.
    pub price: u128,
    /// Hash of the proposal document.
    pub proposal: [u8; 32],
    /// Secret random bytes; without them the bid cannot be revealed.
    pub salt: [u8; 32],
}

impl SealedBid {
    /// The commitment `bidder` submits for this bid in `tender`.
    pub fn commitment(&self, tender: TenderId, bidder: &[u8; 32]) -> [u8; 32] {
        bid_commitment(tender, bidder, self.price, &self.proposal, &self.salt)
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;

    #[test]
    fn preimage_layout_is_fixed() {
        let p = bid_preimage(0x0403_0201, &[7; 32], 0x11, &[8; 32], &[9; 32]);
        assert_eq!(&p[..22], BID_DOMAIN);
        assert_eq!(&p[22..26], &[1, 2, 3, 4]);
        assert_eq!(&p[26..58], &[7; 32]);
        assert_eq!(p[58], 0x11);
        assert_eq!(&p[59..74], &[0; 15]);
        assert_eq!(&p[74..106], &[8; 32]);
        assert_eq!(&p[106..138], &[9; 32]);
    }

    #[test]
    fn a_sealed_bid_commits_to_its_parts() {
        let bid = SealedBid { price: 100, proposal: [2; 32], salt: [3; 32] };
        assert_eq!(bid.commitment(1, &[1; 32]), bid_commitment(1, &[1; 32], 100, &[2; 32], &[3; 32]));
    }

    #[test]
    fn every_field_changes_the_commitment() {
        let base = bid_commitment(1, &[1; 32], 100, &[2; 32], &[3; 32]);
        assert_ne!(base, bid_commitment(2, &[1; 32], 100, &[2; 32], &[3; 32]));
        assert_ne!(base, bid_commitment(1, &[4; 32], 100, &[2; 32], &[3; 32]));
        assert_ne!(base, bid_commitment(1, &[1; 32], 101, &[2; 32], &[3; 32]));
        assert_ne!(base, bid_commitment(1, &[1; 32], 100, &[5; 32], &[3; 32]));
        assert_ne!(base, bid_commitment(1, &[1; 32], 100, &[2; 32], &[6; 32]));
        assert_eq!(base, bid_commitment(1, &[1; 32], 100, &[2; 32], &[3; 32]));
    }
}
