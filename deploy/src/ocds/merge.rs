//! OCDS merging: releases of one ocid, in date order, compiled into the
//! compiled release a record carries.
//!
//! The rules of OCDS 1.1 merging: objects merge field by field; a `null`
//! removes a field; an array whose items are all objects with an `id`
//! merges item by item on that `id` (a new `id` is appended); any other
//! array replaces the earlier one. `id`, `date` and `tag` belong to each
//! release and are set on the compiled release afterwards.

use serde_json::{Map, Value};

/// Merges `release` into `compiled`.
pub fn merge_into(compiled: &mut Map<String, Value>, release: &Map<String, Value>) {
    for (key, value) in release {
        if matches!(key.as_str(), "id" | "date" | "tag") {
            continue;
        }
        merge_field(compiled, key, value);
    }
}

fn merge_field(into: &mut Map<String, Value>, key: &str, value: &Value) {
    match value {
        Value::Null => {
            into.remove(key);
        }
        Value::Object(fields) => {
            let slot = into.entry(key.to_string()).or_insert_with(|| Value::Object(Map::new()));
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            if let Value::Object(existing) = slot {
                for (k, v) in fields {
                    merge_field(existing, k, v);
                }
            }
        }
        Value::Array(items) if identified(items) => {
            let slot = into.entry(key.to_string()).or_insert_with(|| Value::Array(Vec::new()));
            if !matches!(slot, Value::Array(existing) if identified(existing)) {
                *slot = Value::Array(Vec::new());
            }
            if let Value::Array(existing) = slot {
                for item in items {
                    let id = &item["id"];
                    match existing.iter_mut().find(|e| &e["id"] == id) {
                        Some(Value::Object(earlier)) => {
                            if let Value::Object(fields) = item {
                                for (k, v) in fields {
                                    merge_field(earlier, k, v);
                                }
                            }
                        }
                        _ => existing.push(strip_nulls(item)),
                    }
                }
            }
        }
        other => {
            into.insert(key.to_string(), strip_nulls(other));
        }
    }
}

/// Whether every item is an object with an `id` (an empty array is not:
/// it replaces).
fn identified(items: &[Value]) -> bool {
    !items.is_empty() && items.iter().all(|i| i.get("id").is_some_and(|id| !id.is_null()))
}

/// `value` without `null` fields (a new value has nothing to remove).
pub fn strip_nulls(value: &Value) -> Value {
    match value {
        Value::Object(fields) => {
            Value::Object(fields.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), strip_nulls(v))).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(strip_nulls).collect()),
        other => other.clone(),
    }
}

/// Fields an item keeps in a release even when unchanged: its identifier,
/// and what the schema requires beside it (a contract's `awardID`, a
/// statistic's `measure`).
const KEPT: [&str; 3] = ["id", "awardID", "measure"];

/// What a release must carry for `new` to replace `old` once merged
/// (`None` if nothing changed): changed fields of objects, removed ones as
/// `null`, new or changed items of identified arrays, anything else whole.
pub fn changed(old: Option<&Value>, new: &Value) -> Option<Value> {
    let Some(old) = old else {
        return Some(new.clone());
    };
    match (old, new) {
        (Value::Object(before), Value::Object(after)) => {
            let mut out = Map::new();
            for (key, value) in after {
                if let Some(change) = changed(before.get(key), value) {
                    out.insert(key.clone(), change);
                }
            }
            for key in before.keys().filter(|k| !after.contains_key(*k)) {
                out.insert(key.clone(), Value::Null);
            }
            if out.is_empty() {
                return None;
            }
            for key in KEPT {
                if let Some(value) = after.get(key) {
                    out.entry(key.to_string()).or_insert_with(|| value.clone());
                }
            }
            Some(Value::Object(out))
        }
        (Value::Array(before), Value::Array(after)) if identified(after) && identified(before) => {
            let items: Vec<Value> =
                after.iter().filter_map(|item| changed(before.iter().find(|b| b.get("id") == item.get("id")), item)).collect();
            (!items.is_empty()).then_some(Value::Array(items))
        }
        _ => (old != new).then(|| new.clone()),
    }
}

/// The compiled release of `releases` (all of one ocid, in order):
/// merged, with the last release's date and the `compiled` tag.
pub fn compile(releases: &[Map<String, Value>]) -> Option<Map<String, Value>> {
    let last = releases.last()?;
    let mut compiled = Map::new();
    for release in releases {
        merge_into(&mut compiled, release);
    }
    let ocid = last.get("ocid").and_then(Value::as_str).unwrap_or_default().to_string();
    compiled.insert("id".into(), Value::String(format!("{ocid}-compiled-{}", last.get("id").and_then(Value::as_str).unwrap_or_default())));
    compiled.insert("date".into(), last.get("date").cloned().unwrap_or(Value::Null));
    compiled.insert("tag".into(), serde_json::json!(["compiled"]));
    Some(compiled)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn objects_merge_and_null_removes() {
        let a = obj(json!({"ocid": "x", "id": "1", "tender": {"status": "active", "title": "t", "value": {"amount": 1}}}));
        let b = obj(json!({"ocid": "x", "id": "2", "tender": {"status": "complete", "title": null}}));
        let c = compile(&[a, b]).unwrap();
        assert_eq!(c["tender"], json!({"status": "complete", "value": {"amount": 1}}));
        assert_eq!(c["id"], json!("x-compiled-2"));
        assert_eq!(c["tag"], json!(["compiled"]));
    }

    #[test]
    fn identified_arrays_merge_by_id_others_replace() {
        let a = obj(
            json!({"ocid": "x", "id": "1", "awards": [{"id": "a1", "status": "pending", "value": 5}], "tender": {"submissionMethod": ["a", "b"]}}),
        );
        let b = obj(
            json!({"ocid": "x", "id": "2", "awards": [{"id": "a1", "status": "cancelled"}, {"id": "a2", "status": "pending"}], "tender": {"submissionMethod": ["c"]}}),
        );
        let c = compile(&[a, b]).unwrap();
        assert_eq!(c["awards"], json!([{"id": "a1", "status": "cancelled", "value": 5}, {"id": "a2", "status": "pending"}]));
        assert_eq!(c["tender"]["submissionMethod"], json!(["c"]));
    }

    #[test]
    fn a_change_merged_gives_the_new_state() {
        let old = json!({"tender": {"id": "t", "status": "active", "title": "x"},
            "awards": [{"id": "a1", "status": "pending", "value": 5}],
            "contracts": [{"id": "c", "awardID": "a1", "status": "pending"}]});
        let new = json!({"tender": {"id": "t", "status": "complete"},
            "awards": [{"id": "a1", "status": "pending", "value": 5}, {"id": "a2", "status": "pending"}],
            "contracts": [{"id": "c", "awardID": "a1", "status": "active"}]});
        let change = changed(Some(&old), &new).unwrap();
        assert_eq!(change["tender"], json!({"id": "t", "status": "complete", "title": null}));
        assert_eq!(change["awards"], json!([{"id": "a2", "status": "pending"}]), "unchanged items are left out");
        assert_eq!(change["contracts"], json!([{"id": "c", "awardID": "a1", "status": "active"}]), "a contract keeps its awardID");
        let mut state = obj(old.clone());
        merge_into(&mut state, &obj(change));
        assert_eq!(Value::Object(state), new);
        assert_eq!(changed(Some(&new), &new), None);
    }

    #[test]
    fn nothing_to_compile_is_none() {
        assert!(compile(&[]).is_none());
    }
}
