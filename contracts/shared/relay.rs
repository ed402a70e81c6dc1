//! A callee's refusal passed on, byte for byte, inside the caller's error.
//!
//! When the budget refuses a tender's reservation, the tender answers
//! `Error::Budget(reason)` with the budget's own reason. Decoding that reason
//! into the budget's `Error` and encoding it again costs code in every
//! contract that relays it (the budget's error decoder alone is 1.3 KB of
//! each of tender, escrow and evaluation), and code is what every call of a
//! contract pays to load. [`Relayed`] keeps the callee's encoded reason as
//! it came and writes it back unchanged, so the bytes a client reads are the
//! same as if the caller had decoded and re-encoded it, and metadata
//! describes the field as the callee's error type. A caller that must act on
//! one particular refusal asks [`Relayed::is`].
//!
//! A message whose refusal is relayed is called with [`call`]: its answer
//! must decode into `Result<T, Relayed<E>>`, which the callee's typed call
//! builder (fixed to the callee's own error) cannot do, so the call is built
//! by selector ([`message`]). A selector is a message's name there, not
//! checked by the compiler: the drink tests in `e2e-tests/` make every such
//! call on the real bundles, so a renamed message fails them.

use core::fmt;
use core::marker::PhantomData;

use ink::env::call::utils::EmptyArgumentList;
use ink::env::call::{build_call, ExecutionInput, Selector};
use ink::env::DefaultEnvironment;
use ink::primitives::AccountId;
use ink::scale::{Decode, Encode, Error, Input, Output};

use crate::{Balance, CallError};

/// Most bytes a relayed refusal may have. The largest refusal in the suite
/// is 34 bytes (`MissingRole { role, account }`), 35 once relayed by the
/// tender inside its own error; anything longer is not a refusal of a suite
/// contract and does not decode (the call counts as failed).
pub const MAX_RELAYED: usize = 48;

/// The input of the message whose selector is `selector`
/// (`ink::selector_bytes!("name")`); add its arguments with `push_arg`.
pub fn message(selector: [u8; 4]) -> ExecutionInput<EmptyArgumentList> {
    ExecutionInput::new(Selector::new(selector))
}

/// Calls `input` on the contract at `address` with `value` attached, as the
/// running contract: the answer `T`, the callee's refusal kept encoded, or
/// `Unreachable` (see [`CallError::answer`]).
pub fn call<Args: Encode, T: Decode, E>(
    address: AccountId,
    value: Balance,
    input: ExecutionInput<Args>,
) -> Result<T, CallError<Relayed<E>>> {
    CallError::answer(
        build_call::<DefaultEnvironment>()
            .call(address)
            .transferred_value(value)
            .exec_input(input)
            .returns::<Result<T, Relayed<E>>>()
            .try_invoke(),
    )
}

/// The SCALE encoding of a callee's error `E`, kept as it arrived.
///
/// Encodes as those bytes, so a `Relayed<E>` field encodes exactly as an `E`
/// field would; decodes by taking the rest of the input, so it must be the
/// last field of whatever contains it (a variant of an error enum is). Two
/// relayed refusals are equal when their bytes are (SCALE encodings of
/// these types are canonical).
pub struct Relayed<E> {
    len: u8,
    bytes: [u8; MAX_RELAYED],
    callee: PhantomData<fn() -> E>,
}

impl<E> Relayed<E> {
    /// The encoded refusal.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default()
    }
}

impl<E: Encode> Relayed<E> {
    /// `refusal` encoded, as a callee would have sent it. `None` if it is
    /// longer than [`MAX_RELAYED`] (no error of the suite is).
    pub fn of(refusal: &E) -> Option<Self> {
        refusal.using_encoded(|encoded| {
            let len = u8::try_from(encoded.len()).ok().filter(|n| usize::from(*n) <= MAX_RELAYED)?;
            let mut bytes = [0u8; MAX_RELAYED];
            bytes.get_mut(..encoded.len())?.copy_from_slice(encoded);
            Some(Self { len, bytes, callee: PhantomData })
        })
    }

    /// Whether the callee refused with `refusal`.
    pub fn is(&self, refusal: &E) -> bool {
        refusal.using_encoded(|encoded| encoded == self.as_bytes())
    }
}

impl<E: Decode> Relayed<E> {
    /// The refusal as the callee's error type, for off-chain readers.
    pub fn reason(&self) -> Option<E> {
        E::decode(&mut self.as_bytes()).ok()
    }
}

impl<E> From<E> for Relayed<E>
where
    E: Encode,
{
    /// For tests and stand-ins: the refusal `E` as a callee sends it.
    /// Panics if it is longer than [`MAX_RELAYED`], which no suite error is;
    /// no contract calls it (they receive refusals, see [`call`]).
    #[allow(clippy::expect_used)]
    fn from(refusal: E) -> Self {
        Self::of(&refusal).expect("a suite refusal fits MAX_RELAYED")
    }
}

impl<E> Clone for Relayed<E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E> Copy for Relayed<E> {}

impl<E> PartialEq for Relayed<E> {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl<E> Eq for Relayed<E> {}

impl<E: Decode + fmt::Debug> fmt::Debug for Relayed<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason() {
            Some(reason) => reason.fmt(f),
            None => write!(f, "Relayed({:?})", self.as_bytes()),
        }
    }
}

impl<E> Encode for Relayed<E> {
    fn size_hint(&self) -> usize {
        usize::from(self.len)
    }

    fn encode_to<T: Output + ?Sized>(&self, dest: &mut T) {
        dest.write(self.as_bytes());
    }
}

impl<E> Decode for Relayed<E> {
    fn decode<I: Input>(input: &mut I) -> Result<Self, Error> {
        let len = input.remaining_len()?.ok_or("a relayed refusal needs a bounded input")?;
        if len == 0 || len > MAX_RELAYED {
            return Err("not a refusal of a suite contract".into());
        }
        let mut bytes = [0u8; MAX_RELAYED];
        input.read(bytes.get_mut(..len).ok_or("length")?)?;
        Ok(Self { len: u8::try_from(len).map_err(|_| "length")?, bytes, callee: PhantomData })
    }
}

#[cfg(feature = "std")]
impl<E: ink::scale_info::TypeInfo + 'static> ink::scale_info::TypeInfo for Relayed<E> {
    // Described as the callee's error itself: metadata readers decode the
    // field as that type, which is exactly what its bytes are.
    type Identity = E;

    fn type_info() -> ink::scale_info::Type {
        E::type_info()
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;
    use ink::primitives::AccountId;

    /// Stands for a callee's error: unit, field and account variants.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    enum Callee {
        Closed,
        Short { requested: u128, available: u128 },
        Missing { role: u8, account: AccountId },
    }

    /// A caller's error relaying the callee's, and the same error typed.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode)]
    enum Relaying {
        Own,
        Callee(Relayed<Callee>),
    }

    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode)]
    enum Typed {
        Own,
        Callee(Callee),
    }

    fn refusals() -> [Callee; 3] {
        [
            Callee::Closed,
            Callee::Short { requested: u128::MAX, available: 7 },
            Callee::Missing { role: 3, account: AccountId::from([9; 32]) },
        ]
    }

    #[test]
    fn a_relayed_refusal_has_the_bytes_of_the_typed_one_both_ways() {
        for refusal in refusals() {
            let relayed = Relaying::Callee(refusal.clone().into());
            let typed = Typed::Callee(refusal.clone());
            assert_eq!(relayed.encode(), typed.encode());
            assert_eq!(Relaying::decode(&mut &typed.encode()[..]), Ok(relayed.clone()));
            let Relaying::Callee(inner) = Relaying::decode(&mut &typed.encode()[..]).unwrap() else {
                panic!("decodes as the relaying variant");
            };
            assert_eq!(inner.reason(), Some(refusal.clone()));
            assert!(inner.is(&refusal));
            assert_eq!(format!("{inner:?}"), format!("{refusal:?}"));
        }
        assert_eq!(Relaying::Own.encode(), Typed::Own.encode());
    }

    #[test]
    fn is_tells_refusals_apart() {
        let closed = Relayed::from(Callee::Closed);
        assert!(closed.is(&Callee::Closed));
        assert!(!closed.is(&Callee::Short { requested: 0, available: 0 }));
        assert_ne!(closed, Relayed::from(Callee::Short { requested: 0, available: 0 }));
        let short = Relayed::from(Callee::Short { requested: 1, available: 0 });
        assert!(!short.is(&Callee::Short { requested: 2, available: 0 }));
    }

    #[test]
    fn empty_or_oversized_input_is_no_refusal() {
        assert!(Relayed::<Callee>::decode(&mut &[][..]).is_err());
        assert!(Relayed::<Callee>::decode(&mut &[0u8; MAX_RELAYED + 1][..]).is_err());
        assert!(Relayed::<Callee>::decode(&mut &[1u8; MAX_RELAYED][..]).is_ok());
        assert!(Relayed::of(&[0u8; MAX_RELAYED]).is_some());
        assert!(Relayed::of(&[0u8; MAX_RELAYED + 1]).is_none());
    }

    #[test]
    fn metadata_describes_the_field_as_the_callee_error() {
        use ink::scale_info::{meta_type, Registry};
        let mut registry = Registry::new();
        let relayed = registry.register_type(&meta_type::<Relayed<Callee>>());
        let typed = registry.register_type(&meta_type::<Callee>());
        assert_eq!(relayed, typed, "one entry in the registry: the callee's error");
    }
}
