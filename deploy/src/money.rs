//! Amounts as people read them: in the chain's currency, with its decimals
//! and symbol (`16.5 UNIT`), not as the integer of the smallest unit a
//! contract stores (`165000000000`).

/// The chain's native currency as its users name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    /// Its ticker, e.g. `UNIT` or `DOT`.
    pub symbol: String,
    /// How many decimal places the smallest unit is below one whole unit.
    pub decimals: u8,
}

impl Currency {
    /// The embedded sandbox's currency: drink's runtime names none, so the
    /// suite's figures use a 10-decimal `UNIT` (the release policy's default
    /// automatic limit of 1 000 units is 10^13 of the smallest unit).
    pub fn sandbox() -> Currency {
        Currency { symbol: "UNIT".into(), decimals: 10 }
    }

    /// The currency a node reports in its `system_properties`
    /// (`tokenSymbol`, `tokenDecimals`; a chain with several tokens lists
    /// the native one first). `None` if it reports neither.
    pub fn from_properties(properties: &serde_json::Map<String, serde_json::Value>) -> Option<Currency> {
        let first = |key: &str| match properties.get(key) {
            Some(serde_json::Value::Array(values)) => values.first().cloned(),
            other => other.cloned(),
        };
        let symbol = first("tokenSymbol").and_then(|v| v.as_str().map(str::to_string));
        let decimals = first("tokenDecimals").and_then(|v| v.as_u64()).and_then(|d| u8::try_from(d).ok());
        match (symbol, decimals) {
            (None, None) => None,
            (symbol, decimals) => Some(Currency { symbol: symbol.unwrap_or_else(|| "units".into()), decimals: decimals.unwrap_or(0) }),
        }
    }

    /// `amount` of the smallest unit in whole units: `16.5 UNIT`,
    /// `1 250 000 UNIT`, `0.000000001 UNIT`; trailing zeros of the fraction
    /// are left out, thousands are grouped with spaces.
    pub fn show(&self, amount: u128) -> String {
        let (whole, fraction) = self.split(amount);
        let mut text = grouped(whole, ' ');
        if let Some(digits) = fraction {
            text.push('.');
            text.push_str(&digits);
        }
        format!("{text} {}", self.symbol)
    }

    /// `amount` in whole units as a plain decimal, neither grouped nor
    /// named: `16.5`, `1250000`, `0.000000001` (what machine-readable
    /// publications write).
    pub fn decimal(&self, amount: u128) -> String {
        match self.split(amount) {
            (whole, Some(digits)) => format!("{whole}.{digits}"),
            (whole, None) => whole.to_string(),
        }
    }

    /// Whole units, and the digits of the fraction without trailing zeros
    /// (`None` if there is no fraction).
    fn split(&self, amount: u128) -> (u128, Option<String>) {
        let scale = 10u128.checked_pow(u32::from(self.decimals));
        let (whole, fraction) = match scale {
            Some(scale) => (amount / scale, amount % scale),
            // More decimals than a u128 holds: every amount is below one unit.
            None => (0, amount),
        };
        let digits = (fraction != 0).then(|| {
            let digits = format!("{fraction:0width$}", width = usize::from(self.decimals));
            digits.trim_end_matches('0').to_string()
        });
        (whole, digits)
    }
}

/// `n` with its thousands set apart by `separator`: 1250000 and ' ' give
/// "1 250 000".
pub fn grouped(n: u128, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_in_whole_units() {
        let unit = Currency::sandbox();
        assert_eq!(unit.show(165_000_000_000), "16.5 UNIT");
        assert_eq!(unit.show(500_000_000_000), "50 UNIT");
        assert_eq!(unit.show(12_500_000_000_000_000), "1 250 000 UNIT");
        assert_eq!(unit.show(1), "0.0000000001 UNIT");
        assert_eq!(unit.show(0), "0 UNIT");
        let whole = Currency { symbol: "units".into(), decimals: 0 };
        assert_eq!(whole.show(1_234), "1 234 units");
        let extreme = Currency { symbol: "X".into(), decimals: 60 };
        assert_eq!(extreme.show(u128::MAX).split('.').next(), Some("0"));
        // The same figures, plain, for machine-readable publications.
        assert_eq!(unit.decimal(165_000_000_000), "16.5");
        assert_eq!(unit.decimal(12_500_000_000_000_000), "1250000");
        assert_eq!(unit.decimal(1), "0.0000000001");
        assert_eq!(unit.decimal(0), "0");
    }

    #[test]
    fn a_nodes_properties_name_its_currency() {
        let parse = |json: &str| Currency::from_properties(&serde_json::from_str(json).unwrap());
        assert_eq!(
            parse(r#"{"tokenSymbol":"DOT","tokenDecimals":10,"ss58Format":0}"#),
            Some(Currency { symbol: "DOT".into(), decimals: 10 })
        );
        assert_eq!(
            parse(r#"{"tokenSymbol":["KAR","KUSD"],"tokenDecimals":[12,12]}"#),
            Some(Currency { symbol: "KAR".into(), decimals: 12 })
        );
        assert_eq!(parse(r#"{"tokenDecimals":12}"#), Some(Currency { symbol: "units".into(), decimals: 12 }));
        assert_eq!(parse(r#"{"ss58Format":42}"#), None);
    }
}
