//! The suite's contract events, recognised and decoded from the chain's
//! journal: which contract emitted an event (by address) and which of its
//! event types it is (by signature topic) give the type to decode.

use drink::AccountId32;
use ink::scale::Decode;

use crate::chain::Logged;

/// One decoded event of the suite, with where it happened.
#[derive(Debug, Clone)]
pub struct Happened {
    /// Block, index in the block, block time.
    pub block: u64,
    pub index: u32,
    pub time_ms: u64,
    /// What happened.
    pub event: SuiteEvent,
}

/// The events the publication reads, by subject, the registry's role
/// changes (which the portal reads to say who may do what) and the
/// governor's scheduled changes (which the portal lists while they wait
/// out their delay); the publication folds nothing from the last two.
/// Surplus deposits carry nothing about a procurement and are left out.
#[derive(Debug, Clone)]
pub enum SuiteEvent {
    Tender(tender::events::TenderChange),
    Bid(tender::events::BidChange),
    Funds(budget::events::FundsChange),
    Line(budget::events::LineChange),
    Treasury(budget::events::TreasuryChange),
    Evaluation(evaluation::events::Change),
    Agreement { agreement: u32, tender: u32, by: AccountId32, change: escrow::events::Change },
    Registry(access_control::events::Change),
    Governor { id: u32, change: governor::events::Change },
}

/// Which of the suite's contracts emitted an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emitter {
    Registry,
    Tender,
    Budget,
    Evaluation,
    Escrow,
    Governor,
}

impl Emitter {
    /// The emitter for a contract name of the suite's table.
    pub fn named(name: &str) -> Option<Emitter> {
        match name {
            "access_control" => Some(Emitter::Registry),
            "tender" => Some(Emitter::Tender),
            "budget" => Some(Emitter::Budget),
            "evaluation" => Some(Emitter::Evaluation),
            "escrow" => Some(Emitter::Escrow),
            "governor" => Some(Emitter::Governor),
            _ => None,
        }
    }
}

/// Decodes `data` as `E` if `signature` is `E`'s signature topic.
fn as_event<E: ink::env::Event + Decode>(signature: &[u8; 32], data: &[u8]) -> Option<Result<E, String>> {
    (E::SIGNATURE_TOPIC.as_ref() == Some(signature)).then(|| E::decode(&mut &data[..]).map_err(|e| e.to_string()))
}

/// The suite event `logged` records, if it is one the publication reads.
/// An event of a known type that does not decode is an error: the bundles
/// and this tool disagree, and the history would be wrong.
pub fn decode(logged: &Logged, emitter: Emitter) -> Result<Option<SuiteEvent>, String> {
    let Some(signature) = logged.topics.first() else {
        return Ok(None);
    };
    let data = &logged.data[..];
    let where_ = || format!("event {} of block {}", logged.index, logged.block);
    let event = match emitter {
        Emitter::Registry => as_event::<access_control::events::RegistryEvent>(signature, data)
            .transpose()
            .map_err(|e| format!("{}: RegistryEvent: {e}", where_()))?
            .map(|e| SuiteEvent::Registry(e.change)),
        Emitter::Tender => {
            if let Some(e) = as_event::<tender::events::TenderEvent>(signature, data) {
                Some(SuiteEvent::Tender(e.map_err(|e| format!("{}: TenderEvent: {e}", where_()))?.change))
            } else if let Some(e) = as_event::<tender::events::BidEvent>(signature, data) {
                Some(SuiteEvent::Bid(e.map_err(|e| format!("{}: BidEvent: {e}", where_()))?.change))
            } else {
                None
            }
        }
        Emitter::Budget => {
            if let Some(e) = as_event::<budget::events::FundsEvent>(signature, data) {
                Some(SuiteEvent::Funds(e.map_err(|e| format!("{}: FundsEvent: {e}", where_()))?.change))
            } else if let Some(e) = as_event::<budget::events::LineEvent>(signature, data) {
                Some(SuiteEvent::Line(e.map_err(|e| format!("{}: LineEvent: {e}", where_()))?.change))
            } else if let Some(e) = as_event::<budget::events::TreasuryEvent>(signature, data) {
                Some(SuiteEvent::Treasury(e.map_err(|e| format!("{}: TreasuryEvent: {e}", where_()))?.change))
            } else {
                None
            }
        }
        Emitter::Evaluation => as_event::<evaluation::events::EvaluationEvent>(signature, data)
            .transpose()
            .map_err(|e| format!("{}: EvaluationEvent: {e}", where_()))?
            .map(|e| SuiteEvent::Evaluation(e.change)),
        Emitter::Escrow => as_event::<escrow::events::AgreementEvent>(signature, data)
            .transpose()
            .map_err(|e| format!("{}: AgreementEvent: {e}", where_()))?
            .map(|e| SuiteEvent::Agreement {
                agreement: e.agreement,
                tender: e.tender,
                by: crate::chain::from_ink(&e.by),
                change: e.change,
            }),
        Emitter::Governor => as_event::<governor::events::GovernorEvent>(signature, data)
            .transpose()
            .map_err(|e| format!("{}: GovernorEvent: {e}", where_()))?
            .map(|e| SuiteEvent::Governor { id: e.id, change: e.change }),
    };
    Ok(event)
}

/// The journal's events of the suite's contracts, decoded, in order.
/// `contracts` names the suite's contracts by address.
pub fn decode_all(journal: &[Logged], contracts: &[(String, AccountId32)]) -> Result<Vec<Happened>, String> {
    let mut out = Vec::with_capacity(journal.len());
    for logged in journal {
        let Some(emitter) = contracts.iter().find(|(_, a)| *a == logged.emitter).and_then(|(name, _)| Emitter::named(name)) else {
            continue;
        };
        if let Some(event) = decode(logged, emitter)? {
            out.push(Happened { block: logged.block, index: logged.index, time_ms: logged.time_ms, event });
        }
    }
    Ok(out)
}
