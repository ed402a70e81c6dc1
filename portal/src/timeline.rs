//! A tender's story in plain words: each event of the suite that concerns a
//! tender becomes an entry (what happened, who, how much), stored at
//! indexing time and told in the reader's language.

use deploy::ocds::decode::{Happened, SuiteEvent};
use deploy::ocds::Style;
use serde_json::{json, Value};

use crate::i18n::Lang;

/// One step of a tender's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub tender: u32,
    pub block: u64,
    pub index: u32,
    pub time_ms: u64,
    /// What kind of step (the event's change name).
    pub kind: &'static str,
    /// Its figures and parties.
    pub detail: Value,
}

/// The timeline entry of an event, if it concerns a tender and a reader.
pub fn entry(h: &Happened, style: &Style) -> Option<Entry> {
    use budget::events::FundsChange;
    use escrow::events::Change as A;
    use evaluation::events::Change as E;
    use tender::events::{BidChange as B, TenderChange as T};
    let who = |a: &ink::primitives::AccountId| style.name_of(&deploy::chain::from_ink(a));
    let money = |amount: u128| json!(amount.to_string());
    let (tender, kind, detail) = match &h.event {
        SuiteEvent::Tender(c) => match c {
            T::TenderPublished(p) => {
                (p.tender, "published", json!({"estimate": money(p.estimate), "deadline": p.submission_deadline, "by": who(&p.officer)}))
            }
            T::TenderAmended(a) => (a.tender, "amended", json!({"amendment": a.amendment, "deadline": a.submission_deadline})),
            T::TenderCancelled(c) => (c.tender, "cancelled", json!({})),
            T::TenderUnsuccessful(u) => (u.tender, "unsuccessful", json!({})),
        },
        SuiteEvent::Bid(c) => match c {
            B::BidCommitted(b) if !b.replaced => (b.tender, "bid_sealed", json!({"bidder": who(&b.bidder), "bond": money(b.bond)})),
            B::BidWithdrawn(b) => (b.tender, "bid_withdrawn", json!({"bidder": who(&b.bidder)})),
            B::BidRevealed(b) => (b.tender, "bid_revealed", json!({"bidder": who(&b.bidder), "price": money(b.price), "valid": b.valid})),
            B::BondForfeited(b) => (b.tender, "bond_forfeited", json!({"bidder": who(&b.bidder), "amount": money(b.amount)})),
            _ => return None,
        },
        SuiteEvent::Evaluation(c) => match c {
            E::CommitteeAppointed(a) => (a.tender, "committee", json!({"members": a.members.len(), "bids": a.bids})),
            E::Declared(d) if d.interest == evaluation::Interest::Conflict => (d.tender, "conflict", json!({"member": who(&d.member)})),
            E::Ranked(r) => (r.tender, "ranked", json!({"round": r.round, "bids": r.ranking.len()})),
            E::ProvisionallyAwarded(a) => {
                (a.tender, "awarded", json!({"winner": who(&a.winner), "price": money(a.price), "standstill_ends": a.standstill_ends}))
            }
            E::Protested(p) => (p.tender, "protested", json!({"bidder": who(&p.bidder), "protest": p.protest})),
            E::ProtestSettled(s) => {
                let state = match s.state {
                    evaluation::ProtestState::Upheld(_) => "upheld",
                    evaluation::ProtestState::Rejected(_) => "rejected",
                    evaluation::ProtestState::Overdue => "overdue",
                    evaluation::ProtestState::Moot => "moot",
                    evaluation::ProtestState::Open => "open",
                };
                (s.tender, "protest_decided", json!({"protest": s.protest, "state": state, "by": who(&s.by)}))
            }
            E::AwardSetAside(s) => (s.tender, "set_aside", json!({"round": s.round, "cause": format!("{:?}", s.cause)})),
            E::Concluded(c) => {
                (c.tender, "concluded", json!({"winner": who(&c.winner), "price": money(c.price), "agreement": c.agreement}))
            }
            E::ClosedUnsuccessful(c) => (c.tender, "unsuccessful", json!({})),
            _ => return None,
        },
        SuiteEvent::Agreement { tender, change, .. } => match change {
            A::Created(c) => (*tender, "offered", json!({"price": money(c.price), "sign_by": c.sign_by})),
            A::Signed(_) => (*tender, "signed", json!({})),
            A::Lapsed(_) => (*tender, "lapsed", json!({})),
            A::Delivered(d) => (*tender, "delivered", json!({"milestone": d.milestone + 1, "days_late": d.days_late})),
            A::Approved(a) => {
                (*tender, "approved", json!({"milestone": a.milestone + 1, "payable": money(a.payable), "deduction": money(a.deduction)}))
            }
            A::Rejected(r) => (*tender, "rejected", json!({"milestone": r.milestone + 1})),
            A::Completed(_) => (*tender, "completed", json!({})),
            A::Terminated(t) => (*tender, "terminated", json!({"default": matches!(t.termination, escrow::Termination::Default { .. })})),
            _ => return None,
        },
        SuiteEvent::Funds(FundsChange::Released(r)) => {
            (r.tender, "paid", json!({"amount": money(r.amount), "to": who(&r.to), "payment": format!("{}-{}", h.block, h.index)}))
        }
        _ => return None,
    };
    Some(Entry { tender, block: h.block, index: h.index, time_ms: h.time_ms, kind, detail })
}

/// An entry in words, amounts shown by `show`, dates by `date`.
pub fn words(kind: &str, d: &Value, lang: Lang, show: &dyn Fn(&Value) -> String, date: &dyn Fn(&Value) -> String) -> String {
    let s = |key: &str| d[key].as_str().unwrap_or_default().to_string();
    let n = |key: &str| d[key].as_u64().unwrap_or_default();
    match (lang, kind) {
        (Lang::En, "published") => {
            format!("Published by {} with an estimate of {}; bids sealed until {}", s("by"), show(&d["estimate"]), date(&d["deadline"]))
        }
        (Lang::Zh, "published") => format!("{} 发布招标，预算 {}；密封投标截止 {}", s("by"), show(&d["estimate"]), date(&d["deadline"])),
        (Lang::En, "amended") => format!("Amendment {}: bids now sealed until {}", n("amendment"), date(&d["deadline"])),
        (Lang::Zh, "amended") => format!("第 {} 次修改：投标截止改为 {}", n("amendment"), date(&d["deadline"])),
        (Lang::En, "cancelled") => "Cancelled by the procurement officer".into(),
        (Lang::Zh, "cancelled") => "采购官员取消了招标".into(),
        (Lang::En, "unsuccessful") => "Closed without an agreement".into(),
        (Lang::Zh, "unsuccessful") => "招标未成功，未签订合同".into(),
        (Lang::En, "bid_sealed") => format!("{} sealed a bid (bond {})", s("bidder"), show(&d["bond"])),
        (Lang::Zh, "bid_sealed") => format!("{} 提交密封投标（保证金 {}）", s("bidder"), show(&d["bond"])),
        (Lang::En, "bid_withdrawn") => format!("{} withdrew its bid", s("bidder")),
        (Lang::Zh, "bid_withdrawn") => format!("{} 撤回投标", s("bidder")),
        (Lang::En, "bid_revealed") => format!(
            "{} revealed a price of {}{}",
            s("bidder"),
            show(&d["price"]),
            if d["valid"] == true { "" } else { " (invalid: outside the estimate or the plan)" }
        ),
        (Lang::Zh, "bid_revealed") => {
            format!(
                "{} 公开报价 {}{}",
                s("bidder"),
                show(&d["price"]),
                if d["valid"] == true { "" } else { "（无效：超出预算或付款计划）" }
            )
        }
        (Lang::En, "bond_forfeited") => format!("{} never revealed: its bond of {} went to the treasury", s("bidder"), show(&d["amount"])),
        (Lang::Zh, "bond_forfeited") => format!("{} 未公开报价：保证金 {} 归入国库", s("bidder"), show(&d["amount"])),
        (Lang::En, "committee") => format!("A committee of {} took {} valid bid(s) to evaluate", n("members"), n("bids")),
        (Lang::Zh, "committee") => format!("{} 人评标委员会受理 {} 份有效投标", n("members"), n("bids")),
        (Lang::En, "conflict") => format!("{} declared a conflict of interest and stood down", s("member")),
        (Lang::Zh, "conflict") => format!("{} 申报利益冲突并回避", s("member")),
        (Lang::En, "ranked") => format!("Ranking published (round {}, {} bid(s))", n("round"), n("bids")),
        (Lang::Zh, "ranked") => format!("公布排名（第 {} 轮，{} 份投标）", n("round"), n("bids")),
        (Lang::En, "awarded") => {
            format!("Provisionally awarded to {} at {}; standstill until {}", s("winner"), show(&d["price"]), date(&d["standstill_ends"]))
        }
        (Lang::Zh, "awarded") => format!("暂定授予 {}，价格 {}；停顿期至 {}", s("winner"), show(&d["price"]), date(&d["standstill_ends"])),
        (Lang::En, "protested") => format!("{} protested the award (protest {})", s("bidder"), n("protest")),
        (Lang::Zh, "protested") => format!("{} 对授标提出异议（异议 {}）", s("bidder"), n("protest")),
        (Lang::En, "protest_decided") => format!("Protest {} {} by {}", n("protest"), s("state"), s("by")),
        (Lang::Zh, "protest_decided") => format!("异议 {} 已裁决：{}（{}）", n("protest"), zh_state(&s("state")), s("by")),
        (Lang::En, "set_aside") => format!("Award of round {} set aside ({})", n("round"), s("cause")),
        (Lang::Zh, "set_aside") => format!("第 {} 轮授标被撤销（{}）", n("round"), s("cause")),
        (Lang::En, "concluded") => format!("Award concluded: {} committed to {}", show(&d["price"]), s("winner")),
        (Lang::Zh, "concluded") => format!("授标生效：{} 承诺支付给 {}", show(&d["price"]), s("winner")),
        (Lang::En, "offered") => format!("Agreement of {} offered; to be signed by {}", show(&d["price"]), date(&d["sign_by"])),
        (Lang::Zh, "offered") => format!("提供合同 {}；须在 {} 前签署", show(&d["price"]), date(&d["sign_by"])),
        (Lang::En, "signed") => "The vendor signed the agreement".into(),
        (Lang::Zh, "signed") => "供应商签署合同".into(),
        (Lang::En, "lapsed") => "The vendor did not sign in time: the offer lapsed".into(),
        (Lang::Zh, "lapsed") => "供应商未按时签署：要约失效".into(),
        (Lang::En, "delivered") => match n("days_late") {
            0 => format!("Milestone {} delivered", n("milestone")),
            late => format!("Milestone {} delivered {late} day(s) late", n("milestone")),
        },
        (Lang::Zh, "delivered") => match n("days_late") {
            0 => format!("里程碑 {} 已交付", n("milestone")),
            late => format!("里程碑 {} 已交付（迟延 {late} 天）", n("milestone")),
        },
        (Lang::En, "approved") => format!("Milestone {} approved: {} payable", n("milestone"), show(&d["payable"])),
        (Lang::Zh, "approved") => format!("里程碑 {} 验收通过：应付 {}", n("milestone"), show(&d["payable"])),
        (Lang::En, "rejected") => format!("Milestone {} rejected by the Inspector", n("milestone")),
        (Lang::Zh, "rejected") => format!("里程碑 {} 被检查员拒收", n("milestone")),
        (Lang::En, "completed") => "Agreement completed; retention released".into(),
        (Lang::Zh, "completed") => "合同履行完毕；质保金已释放".into(),
        (Lang::En, "terminated") => {
            if d["default"] == true {
                "Agreement terminated for the vendor's default".into()
            } else {
                "Agreement terminated for convenience".into()
            }
        }
        (Lang::Zh, "terminated") => {
            if d["default"] == true {
                "因供应商违约终止合同".into()
            } else {
                "因便利终止合同".into()
            }
        }
        (Lang::En, "paid") => format!("The treasury paid {} to {}", show(&d["amount"]), s("to")),
        (Lang::Zh, "paid") => format!("国库向 {} 支付 {}", s("to"), show(&d["amount"])),
        (_, other) => other.to_string(),
    }
}

fn zh_state(state: &str) -> &'static str {
    match state {
        "upheld" => "支持",
        "rejected" => "驳回",
        "overdue" => "逾期未决",
        "moot" => "无需裁决",
        _ => "待定",
    }
}
