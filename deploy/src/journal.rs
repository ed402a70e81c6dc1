//! A chain's journal of contract events as a file (JSON Lines): what the
//! embedded demo leaves behind so the portal can index it after the
//! sandbox is gone. The first line says what the file is and the chain's
//! currency; each further line is one event: block, index, block time,
//! the extrinsic's index (null on the sandbox), emitter, topics and data
//! (hex).

use drink::AccountId32;
use serde_json::{json, Value};

use crate::chain::{hex, Logged};
use crate::money::Currency;

/// The first line's `format`.
pub const FORMAT: &str = "procurement-suite journal 1";

/// The file's text for `journal`, on a chain whose currency is `money`.
pub fn to_text(journal: &[Logged], money: &Currency, chain: &str) -> String {
    let mut out =
        json!({ "format": FORMAT, "chain": chain, "currency": { "symbol": money.symbol, "decimals": money.decimals } }).to_string();
    out.push('\n');
    for l in journal {
        let topics: Vec<String> = l.topics.iter().map(|t| hex(t)).collect();
        let line = json!({
            "block": l.block, "index": l.index, "time_ms": l.time_ms, "extrinsic": l.extrinsic,
            "emitter": hex(l.emitter.as_ref()), "topics": topics, "data": hex(&l.data),
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

fn bytes(value: &Value, what: &str, line: usize) -> Result<Vec<u8>, String> {
    let text = value.as_str().filter(|t| t.starts_with("0x")).ok_or_else(|| format!("journal line {line}: {what} is not 0x-hex"))?;
    crate::chain::unhex(text).ok_or_else(|| format!("journal line {line}: {what} is not hex"))
}

/// The currency and the events of a journal file's text.
pub fn parse(text: &str) -> Result<(Currency, Vec<Logged>), String> {
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let (_, head) = lines.next().ok_or("the journal file is empty")?;
    let head: Value = serde_json::from_str(head).map_err(|e| format!("journal line 1: {e}"))?;
    if head["format"] != FORMAT {
        return Err(format!("not a journal file of this suite (format {})", head["format"]));
    }
    let money = Currency {
        symbol: head["currency"]["symbol"].as_str().unwrap_or("UNIT").to_string(),
        decimals: u8::try_from(head["currency"]["decimals"].as_u64().unwrap_or(0)).map_err(|e| e.to_string())?,
    };
    let mut journal = Vec::new();
    for (n, line) in lines {
        let n = n + 1;
        let v: Value = serde_json::from_str(line).map_err(|e| format!("journal line {n}: {e}"))?;
        let number = |key: &str| v[key].as_u64().ok_or_else(|| format!("journal line {n}: {key} is not a number"));
        let emitter: [u8; 32] =
            bytes(&v["emitter"], "emitter", n)?.try_into().map_err(|_| format!("journal line {n}: emitter is not 32 bytes"))?;
        let mut topics = Vec::new();
        for t in v["topics"].as_array().into_iter().flatten() {
            topics.push(<[u8; 32]>::try_from(bytes(t, "topic", n)?).map_err(|_| format!("journal line {n}: a topic is not 32 bytes"))?);
        }
        journal.push(Logged {
            block: number("block")?,
            index: u32::try_from(number("index")?).map_err(|e| e.to_string())?,
            time_ms: number("time_ms")?,
            extrinsic: v["extrinsic"].as_u64().map(|e| u32::try_from(e).map_err(|e| e.to_string())).transpose()?,
            emitter: AccountId32::new(emitter),
            topics,
            data: bytes(&v["data"], "data", n)?,
        });
    }
    Ok((money, journal))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_round_trips_and_a_stranger_file_is_refused() {
        let journal = vec![Logged {
            block: 3,
            index: 1,
            time_ms: 9,
            extrinsic: Some(2),
            emitter: AccountId32::new([7; 32]),
            topics: vec![[1; 32], [2; 32]],
            data: vec![0, 255],
        }];
        let money = Currency::sandbox();
        let (back_money, back) = parse(&to_text(&journal, &money, "sandbox")).unwrap();
        assert_eq!((back_money, back), (money, journal));
        assert!(parse("{\"format\":\"other\"}\n").unwrap_err().contains("not a journal file"));
        assert!(parse("").is_err());
    }
}
