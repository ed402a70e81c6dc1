//! How the suite's other contracts call the escrow, across contracts: the
//! evaluation offers agreements and reads whether they were signed. A call
//! that fails as a call is `Unreachable`; a refused offer comes back as a
//! [`Refusal`], the escrow's error kept encoded (see
//! `procurement_shared::relay`), so that call is built by selector.
//! A selector is the message's name here, not checked by the compiler: the
//! drink tests in `e2e-tests/` make every one of these calls on the real
//! bundles, so a renamed message fails them.

use ink::codegen::TraitCallBuilder;
use ink::env::call::{build_call, ExecutionInput, FromAccountId, Selector};
use ink::env::DefaultEnvironment;
use ink::primitives::AccountId;
use procurement_shared::contracting::{AgreementParams, Signature};
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

impl Agreements {
    /// `create(params)` as the calling contract (which must hold
    /// `EvaluationService`); the new agreement.
    pub fn create(address: AccountId, params: AgreementParams) -> Result<AgreementId, CallError<Refusal>> {
        let input = ExecutionInput::new(Selector::new(ink::selector_bytes!("create"))).push_arg(params);
        CallError::answer(build_call::<DefaultEnvironment>().call(address).exec_input(input).returns().try_invoke())
    }

    /// Whether agreement `agreement` was signed; an agreement that does not
    /// exist is `Unreachable` (the caller holds its id from `create`).
    pub fn signature(address: AccountId, agreement: AgreementId) -> Result<Signature, CallError<Refusal>> {
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
