//! How the suite's other contracts call the escrow, across contracts: the
//! evaluation offers agreements and reads whether they were signed. A call
//! that fails as a call is `Unreachable`; a refused offer comes back as a
//! [`Refusal`], the escrow's error kept encoded, through
//! `procurement_shared::relay::call`.

use ink::codegen::TraitCallBuilder;
use ink::env::call::FromAccountId;
use ink::primitives::AccountId;
use procurement_shared::contracting::{AgreementParams, Signature};
use procurement_shared::ports::AgreementPort;
use procurement_shared::relay::{self, message};
use procurement_shared::{AgreementId, CallError, Relayed};

use crate::escrow::EscrowRef;
use crate::{AgreementState, Error};

/// The escrow's refusal as a calling contract relays it in its own error.
pub type Refusal = Relayed<Error>;

/// The escrow as other contracts see it.
pub struct Agreements;

fn escrow(address: AccountId) -> EscrowRef {
    FromAccountId::from_account_id(address)
}

impl AgreementPort for Agreements {
    type Refusal = Refusal;

    /// `create(params)` as the calling contract (which must hold
    /// `EvaluationService`); the new agreement.
    fn create(address: AccountId, params: AgreementParams) -> Result<AgreementId, CallError<Refusal>> {
        let input = message(ink::selector_bytes!("create")).push_arg(params);
        relay::call(address, 0, input)
    }

    /// Whether agreement `agreement` was signed; an agreement that does not
    /// exist is `Unreachable` (the caller holds its id from `create`).
    fn signature(address: AccountId, agreement: AgreementId) -> Result<Signature, CallError<Refusal>> {
        match escrow(address).call().agreement(agreement).try_invoke() {
            Ok(Ok(Some(a))) => Ok(match a.state {
                AgreementState::Offered => Signature::Pending,
                AgreementState::Lapsed => Signature::Lapsed,
                _ => Signature::Signed,
            }),
            _ => Err(CallError::Unreachable),
        }
    }
}
