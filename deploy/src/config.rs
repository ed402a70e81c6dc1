//! The deployment config file: who is Admin, and who holds which role.

use std::collections::BTreeMap;
use std::path::Path;

use drink::AccountId32;
use procurement_shared::Role;
use serde::Deserialize;

pub use crate::accounts::{dev_account, resolve_account};

/// The parsed config file (see `deploy/config/demo.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The account that becomes the registry's Admin.
    pub admin: String,
    /// Role name -> accounts to grant it to, in order.
    #[serde(default)]
    pub roles: BTreeMap<String, Vec<String>>,
    /// How the suite's history is published as open-contracting data.
    #[serde(default)]
    pub publication: Publication,
}

/// The `[publication]` section: what the OCDS publisher (`deploy::ocds`)
/// needs that the chain does not say. Every field has a default, so a
/// config without the section publishes too.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Publication {
    /// The publisher's ocid prefix as registered with the Open Contracting
    /// Partnership, without `ocds-` (6 characters). The default `000000`
    /// marks data that is not published under a registered prefix.
    pub prefix: String,
    /// This deployment's name, the ocid's middle part: ocids are
    /// `ocds-<prefix>-<deployment>-<tender>`, unique per suite.
    pub deployment: String,
    /// ISO 4217 code of the amounts, or `XXX` ("no currency"), the code
    /// for a chain's own token. Amounts are whole units of the chain's
    /// currency (its decimals applied); the exact chain amount is kept
    /// beside each as `chainAmount`.
    pub currency: String,
    /// The buyer's name (the authority that holds the registry's Admin).
    pub buyer: String,
    /// The publisher's name, as packages name it.
    pub publisher: String,
    /// Base URI of the publication: packages are `<uri>:releases` and
    /// `<uri>:records`; give each deployment its own.
    pub uri: String,
}

impl Default for Publication {
    fn default() -> Publication {
        Publication {
            prefix: "000000".into(),
            deployment: "sandbox".into(),
            currency: "XXX".into(),
            buyer: "Contracting authority".into(),
            publisher: "Public Procurement Suite".into(),
            uri: "urn:procurement-suite:sandbox".into(),
        }
    }
}

impl Publication {
    /// Checks the fields that end up in identifiers and codes.
    pub fn check(&self) -> Result<(), String> {
        let plain = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if self.prefix.len() != 6 || !self.prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(format!(
                "publication.prefix must be 6 letters or digits (the registered ocid prefix without `ocds-`), not {:?}",
                self.prefix
            ));
        }
        if !plain(&self.deployment) {
            return Err(format!("publication.deployment must be letters, digits or `_`, not {:?}", self.deployment));
        }
        if self.currency.len() != 3 || !self.currency.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(format!(
                "publication.currency must be an ISO 4217 code such as EUR, or XXX for a chain token, not {:?}",
                self.currency
            ));
        }
        if !self.uri.contains(':') {
            return Err(format!("publication.uri must be an absolute URI, not {:?}", self.uri));
        }
        Ok(())
    }
}

/// One grant to perform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The role to grant.
    pub role: Role,
    /// Its name in the config (the account may be a development name).
    pub name: String,
    /// The account to grant it to.
    pub account: AccountId32,
}

impl Config {
    /// Reads and validates a config file.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read config {}: {e}", path.display()))?;
        Config::parse(&text).map_err(|e| format!("config {}: {e}", path.display()))
    }

    /// Parses and validates config text.
    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        config.grants()?;
        config.publication.check()?;
        Ok(config)
    }

    /// The Admin account.
    pub fn admin_account(&self) -> AccountId32 {
        resolve_account(&self.admin)
    }

    /// The accounts the config grants `role`, in file order, as `chain`
    /// names them (on a live node a name is a key, not the sandbox's bytes).
    pub fn holders(&self, chain: &mut impl crate::chain::Chain, role: Role) -> Result<Vec<AccountId32>, String> {
        let mut out = Vec::new();
        for grant in self.grants()?.into_iter().filter(|g| g.role == role) {
            out.push(chain.account(&grant.name)?);
        }
        Ok(out)
    }

    /// The grants the config asks for, in role-id order then file order.
    pub fn grants(&self) -> Result<Vec<Grant>, String> {
        let mut grants = Vec::new();
        for role in Role::ALL {
            let Some(names) = self.roles.get(&role_name(role)) else {
                continue;
            };
            if role == Role::Admin {
                return Err("the Admin role is set by `admin`, not under [roles]".into());
            }
            for name in names {
                grants.push(Grant { role, name: name.clone(), account: resolve_account(name) });
            }
        }
        if let Some(unknown) = self.roles.keys().find(|k| parse_role(k).is_none()) {
            return Err(format!("unknown role {unknown:?}"));
        }
        Ok(grants)
    }
}

/// The role's name as the contracts' metadata spells it.
pub fn role_name(role: Role) -> String {
    format!("{role:?}")
}

/// The role with this name, if any.
pub fn parse_role(name: &str) -> Option<Role> {
    Role::ALL.into_iter().find(|r| role_name(*r) == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use drink::Ss58Codec;

    #[test]
    fn parses_roles_in_role_order() {
        let c = Config::parse("admin = \"gov\"\n[roles]\nVendor = [\"v\"]\nTreasurer = [\"t1\", \"t2\"]\n").unwrap();
        let g = c.grants().unwrap();
        assert_eq!(
            g.iter().map(|g| (g.role, g.name.as_str())).collect::<Vec<_>>(),
            vec![(Role::Treasurer, "t1"), (Role::Treasurer, "t2"), (Role::Vendor, "v")]
        );
        assert_eq!(c.admin_account(), dev_account("gov"));
    }

    #[test]
    fn rejects_unknown_roles_and_admin_grants() {
        assert!(Config::parse("admin = \"gov\"\n[roles]\nMayor = [\"x\"]\n").unwrap_err().contains("Mayor"));
        assert!(Config::parse("admin = \"gov\"\n[roles]\nAdmin = [\"x\"]\n").is_err());
        assert!(Config::parse("admins = \"gov\"\n").is_err());
    }

    #[test]
    fn ss58_addresses_are_taken_as_is() {
        let account = AccountId32::new([7u8; 32]);
        assert_eq!(resolve_account(&account.to_ss58check()), account);
    }

    #[test]
    fn demo_config_is_valid() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/demo.toml");
        let c = Config::load(&path).unwrap();
        assert!(c.grants().unwrap().len() >= 7);
    }
}
