//! The indicators' settings file, in the format of the Open Contracting
//! Partnership's indicator tool (Cardinal): INI, a section per enabled
//! indicator (`[R018]`), its properties under it, global properties before
//! any section, exclusions under `[exclusions]`, and per-method thresholds of
//! R003 under `[R003.procurement_method_details]`. A section enables its
//! indicator even when empty; a missing section disables it. The suite's
//! own indicators (`S01`...) are configured the same way.

use std::collections::{BTreeMap, BTreeSet};

/// Parsed settings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// Global properties (before any section).
    pub global: BTreeMap<String, String>,
    /// Section -> its properties. Every enabled indicator has a section.
    pub sections: BTreeMap<String, BTreeMap<String, String>>,
}

/// The default settings: every indicator the suite computes, with the
/// methodology's defaults.
pub const DEFAULT: &str = "\
; Integrity indicators computed on the suite's OCDS data (see docs/ARCHITECTURE.md).
; Cardinal's format: a section enables an indicator; properties override defaults.
[R003]
[R018]
[R024]
[R028]
[R035]
[R036]
[R038]
[R058]
; Outliers need others to be outliers of: R024, R038 and R058 are computed
; when at least this many processes (or organizations) are compared.
[population]
minimum = 5
; The suite's own indicators.
[S01]
threshold = 0.95
[S02]
[S03]
[S04]
[S05]
[S06]
";

impl Settings {
    /// Parses settings text; a line that is neither a section, a property,
    /// a comment nor blank is an error naming it.
    pub fn parse(text: &str) -> Result<Settings, String> {
        let mut settings = Settings::default();
        let mut section: Option<String> = None;
        for (number, raw) in text.lines().enumerate() {
            let line = strip_comment(raw).trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let name = name.trim().to_string();
                settings.sections.entry(name.clone()).or_default();
                section = Some(name);
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err(format!("settings line {}: expected `[section]` or `key = value`, found {raw:?}", number + 1));
            };
            let (key, value) = (key.trim().to_string(), value.trim().to_string());
            match &section {
                Some(name) => settings.sections.entry(name.clone()).or_default().insert(key, value),
                None => settings.global.insert(key, value),
            };
        }
        Ok(settings)
    }

    /// Reads a settings file.
    pub fn load(path: &std::path::Path) -> Result<Settings, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
        Settings::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Whether `code`'s section is present.
    pub fn enabled(&self, code: &str) -> bool {
        self.sections.contains_key(code)
    }

    /// A property of `section`.
    pub fn get(&self, section: &str, key: &str) -> Option<&str> {
        self.sections.get(section)?.get(key).map(String::as_str)
    }

    /// A number property, or `default`; a value that is not a number is an
    /// error.
    pub fn number(&self, section: &str, key: &str) -> Result<Option<f64>, String> {
        self.get(section, key).map(|v| v.parse::<f64>().map_err(|_| format!("[{section}] {key} must be a number, not {v:?}"))).transpose()
    }

    /// A pipe-separated list property (empty if absent).
    pub fn list(&self, section: Option<&str>, key: &str) -> BTreeSet<String> {
        let value = match section {
            Some(section) => self.get(section, key),
            None => self.global.get(key).map(String::as_str),
        };
        value.map(|v| v.split('|').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()).unwrap_or_default()
    }
}

/// A line without its comment: `;` or `#` starting the line, or after
/// whitespace.
fn strip_comment(line: &str) -> &str {
    let trimmed = line.trim_start();
    if trimmed.starts_with(';') || trimmed.starts_with('#') {
        return "";
    }
    let cut = line
        .char_indices()
        .find(|(i, c)| (*c == '#' || *c == ';') && line[..*i].ends_with(char::is_whitespace))
        .map_or(line.len(), |(i, _)| i);
    &line[..cut]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_properties_comments_and_globals() {
        let s = Settings::parse(
            "currency = USD\n; a comment\n[R003]\nthreshold = 15 # default\n[R003.procurement_method_details]\nx = 5\n[R018]\n",
        )
        .unwrap();
        assert_eq!(s.global.get("currency").map(String::as_str), Some("USD"));
        assert_eq!(s.get("R003", "threshold"), Some("15"));
        assert_eq!(s.get("R003.procurement_method_details", "x"), Some("5"));
        assert!(s.enabled("R018") && !s.enabled("R024"));
        assert!(Settings::parse("[R003]\nthreshold\n").unwrap_err().contains("line 2"));
        assert!(s.number("R003", "threshold").unwrap() == Some(15.0));
        let bad = Settings::parse("[R024]\nthreshold = lots\n").unwrap();
        assert!(bad.number("R024", "threshold").is_err());
    }

    #[test]
    fn lists_are_pipe_separated() {
        let s = Settings::parse("no_price_comparison_procurement_methods = A|B \n[R018]\nprocurement_methods = open|selective\n").unwrap();
        assert_eq!(s.list(None, "no_price_comparison_procurement_methods").len(), 2);
        assert!(s.list(Some("R018"), "procurement_methods").contains("selective"));
    }

    #[test]
    fn the_default_settings_enable_every_indicator() {
        let s = Settings::parse(DEFAULT).unwrap();
        for code in super::super::CODES {
            assert!(s.enabled(code), "{code}");
        }
    }
}
