//! Offline validation against the OCDS 1.1.5 schemas with the bid extension
//! merged in, formats checked.
//!
//! The schemas are the standard's own files, copied with their licences
//! under `data/ocds/` (`schema-1.1.5/`, `bid-extension/`): the release
//! schema is patched with the extension's `release-schema.json` the way
//! OCDS tools apply extensions (a JSON Merge Patch, RFC 7386), and the
//! package schemas resolve their references to it locally. Nothing is
//! fetched.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// Where the schema files are: `$OCDS_DATA_DIR`, else `data/ocds` at the
/// repository root.
pub fn data_dir() -> PathBuf {
    match std::env::var_os("OCDS_DATA_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("data").join("ocds"),
    }
}

const RELEASE_ID: &str = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json";
const VERSIONED_ID: &str = "https://standard.open-contracting.org/schema/1__1__5/versioned-release-validation-schema.json";

fn read(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Applies a JSON Merge Patch (RFC 7386) to `target`.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(fields) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    if let Value::Object(into) = target {
        for (key, value) in fields {
            if value.is_null() {
                into.remove(key);
            } else {
                merge_patch(into.entry(key.clone()).or_insert(Value::Null), value);
            }
        }
    }
}

/// The validators of one schema set.
pub struct Schemas {
    release: jsonschema::Validator,
    release_package: jsonschema::Validator,
    record_package: jsonschema::Validator,
}

/// What to validate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Release,
    ReleasePackage,
    RecordPackage,
}

impl Schemas {
    /// Loads the schemas from [`data_dir`].
    pub fn load() -> Result<Schemas, String> {
        Schemas::load_from(&data_dir())
    }

    /// Loads the schemas from `dir`.
    pub fn load_from(dir: &Path) -> Result<Schemas, String> {
        let mut release = read(&dir.join("schema-1.1.5/release-schema.json"))?;
        merge_patch(&mut release, &read(&dir.join("bid-extension/release-schema.json"))?);
        let versioned = read(&dir.join("schema-1.1.5/versioned-release-validation-schema.json"))?;
        let resource = |value: &Value| jsonschema::Resource::from_contents(value.clone()).map_err(|e| format!("schema resource: {e}"));
        let build = |schema: &Value, what: &str| -> Result<jsonschema::Validator, String> {
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft4)
                .should_validate_formats(true)
                .with_resource(RELEASE_ID, resource(&release)?)
                .with_resource(VERSIONED_ID, resource(&versioned)?)
                .build(schema)
                .map_err(|e| format!("the {what} schema does not compile: {e}"))
        };
        Ok(Schemas {
            release: build(&release, "release")?,
            release_package: build(&read(&dir.join("schema-1.1.5/release-package-schema.json"))?, "release package")?,
            record_package: build(&read(&dir.join("schema-1.1.5/record-package-schema.json"))?, "record package")?,
        })
    }

    /// Every way `instance` breaks the schema of `kind`: `path: reason`.
    pub fn errors(&self, kind: Kind, instance: &Value) -> Vec<String> {
        let validator = match kind {
            Kind::Release => &self.release,
            Kind::ReleasePackage => &self.release_package,
            Kind::RecordPackage => &self.record_package,
        };
        validator.iter_errors(instance).map(|e| format!("{}: {e}", e.instance_path)).collect()
    }

    /// `Ok` if `instance` is valid, else every error, one per line.
    pub fn check(&self, kind: Kind, instance: &Value) -> Result<(), String> {
        let errors = self.errors(kind, instance);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors.join("\n"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patch_follows_rfc_7386() {
        let mut target = json!({"a": "b", "c": {"d": "e", "f": "g"}});
        merge_patch(&mut target, &json!({"a": "z", "c": {"f": null}, "n": [1]}));
        assert_eq!(target, json!({"a": "z", "c": {"d": "e"}, "n": [1]}));
    }

    fn minimal() -> Value {
        json!({"ocid": "ocds-000000-t-0", "id": "1-0", "date": "2027-01-15T08:00:00Z", "tag": ["tender"], "initiationType": "tender"})
    }

    #[test]
    fn a_minimal_release_is_valid_and_faults_are_found_with_their_path() {
        let schemas = Schemas::load().unwrap();
        assert_eq!(schemas.errors(Kind::Release, &minimal()), Vec::<String>::new());
        let mut bad = minimal();
        bad["date"] = json!("yesterday");
        bad["tag"] = json!(["bidding"]);
        let errors = schemas.errors(Kind::Release, &bad);
        assert!(errors.iter().any(|e| e.starts_with("/date:") && e.contains("date-time")), "{errors:?}");
        assert!(errors.iter().any(|e| e.starts_with("/tag/0:")), "{errors:?}");
    }

    #[test]
    fn the_bid_extension_is_merged_in() {
        let schemas = Schemas::load().unwrap();
        let mut release = minimal();
        release["bids"] = json!({"details": [{"id": "bid-1", "status": "valid"}]});
        assert!(schemas.errors(Kind::Release, &release).is_empty());
        // Only the extension defines bids: a bid without its required id
        // fails, which the core schema alone would not notice.
        release["bids"] = json!({"details": [{"status": "valid"}]});
        assert!(!schemas.errors(Kind::Release, &release).is_empty());
        release["bids"] = json!({"details": [{"id": "bid-1", "status": "sealed"}]});
        let errors = schemas.errors(Kind::Release, &release);
        assert!(errors.iter().any(|e| e.starts_with("/bids/details/0/status")), "{errors:?}");
    }

    #[test]
    fn packages_resolve_the_release_schema_offline() {
        let schemas = Schemas::load().unwrap();
        let package = json!({
            "uri": "urn:procurement-suite:test:releases", "version": "1.1", "publishedDate": "2027-01-15T08:00:00Z",
            "publisher": {"name": "p"}, "releases": [minimal()]
        });
        assert_eq!(schemas.errors(Kind::ReleasePackage, &package), Vec::<String>::new());
        let mut broken = package.clone();
        broken["releases"][0]["initiationType"] = json!("auction");
        assert!(!schemas.errors(Kind::ReleasePackage, &broken).is_empty());
        let records = json!({
            "uri": "urn:procurement-suite:test:records", "version": "1.1", "publishedDate": "2027-01-15T08:00:00Z",
            "publisher": {"name": "p"},
            "records": [{"ocid": "ocds-000000-t-0", "releases": [minimal()], "compiledRelease": minimal()}]
        });
        assert_eq!(schemas.errors(Kind::RecordPackage, &records), Vec::<String>::new());
    }
}
