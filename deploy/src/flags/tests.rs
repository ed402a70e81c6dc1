//! The indicators against the indicator tool's own fixtures: for each
//! `Rnnn[-setting-value...].jsonl` (compiled releases), the flags of
//! `Rnnn[...].expected`. A fixture's name names its non-default settings, as
//! the tool's tests read them: `R003-threshold-10` is `[R003] threshold =
//! 10`; `R003-procurement_methods-open+selective` a pipe-separated list;
//! `R003-procurement_method_details-x-5-y-10` the per-method table. Every
//! fixture also runs with the two global settings its tests use: prices of
//! the method details `NPC` are not compared, and processes of `EXC` are
//! excluded (each fixture has a process of each, which must not be flagged).

use super::*;
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    crate::ocds::schema::data_dir().join("cardinal-fixtures")
}

/// The settings a fixture's name stands for.
fn settings_for(name: &str) -> Settings {
    let mut parts: Vec<String> = name.replace('+', "|").split('-').map(String::from).collect();
    let code = parts.remove(0);
    let text = match parts.len() {
        0 | 1 => format!("[{code}]\n"),
        2 => format!("[{code}]\n{} = {}\n", parts[0], parts[1]),
        _ => {
            let field = parts.remove(0);
            let pairs: Vec<String> = parts.chunks(2).map(|p| format!("{} = {}", p[0], p[1])).collect();
            format!("[{code}]\n[{code}.{field}]\n{}\n", pairs.join("\n"))
        }
    };
    let global = "no_price_comparison_procurement_methods = NPC\n[exclusions]\nprocurement_method_details = EXC\n";
    Settings::parse(&format!("{global}{text}")).unwrap()
}

fn releases(path: &std::path::Path) -> Vec<Map<String, Value>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<Value>(l).unwrap().as_object().cloned().unwrap_or_default())
        .collect()
}

fn expected(path: &std::path::Path) -> Results {
    let text = std::fs::read_to_string(path).unwrap();
    if text.trim().is_empty() {
        return Results::new();
    }
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_fixture_gives_the_tools_flags() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".jsonl").map(String::from))
        .collect();
    names.sort();
    assert!(names.len() >= 12, "fixtures missing: {names:?}");
    for name in names {
        let settings = settings_for(&name);
        let got = Indicators::run(&settings, &releases(&fixtures().join(format!("{name}.jsonl")))).unwrap();
        let want = expected(&fixtures().join(format!("{name}.expected")));
        assert_eq!(got, want, "fixture {name}");
    }
}

#[test]
fn outliers_need_the_population_the_settings_ask_for() {
    let bids = |ocid: &str, second: f64| {
        release(serde_json::json!({"ocid": ocid, "bids": {"details": [
            {"status": "valid", "tenderers": [{"id": "W"}], "value": {"amount": 100.0, "currency": "XXX"}},
            {"status": "valid", "tenderers": [{"id": "L"}], "value": {"amount": second, "currency": "XXX"}}
        ]}, "awards": [{"status": "active", "suppliers": [{"id": "W"}]}]}))
    };
    let set: Vec<_> = [110.0, 111.0, 112.0, 110.5, 111.5, 300.0].iter().enumerate().map(|(i, s)| bids(&i.to_string(), *s)).collect();
    let open = Settings::parse("[R058]\n").unwrap();
    assert!(Indicators::run(&open, &set).unwrap()["OCID"].contains_key("5"));
    let guarded = Settings::parse("[population]\nminimum = 7\n[R058]\n").unwrap();
    assert!(!Indicators::run(&guarded, &set).unwrap().contains_key("OCID"));
    let enough = Settings::parse("[population]\nminimum = 6\n[R058]\n").unwrap();
    assert_eq!(Indicators::run(&enough, &set).unwrap()["OCID"].keys().collect::<Vec<_>>(), ["5"]);
}

#[test]
fn quantiles_follow_definition_8() {
    // Hyndman and Fan's definition 8 on 1..=4: h = (4 + 1/3) p + 1/3.
    let v = [4.0, 1.0, 3.0, 2.0];
    assert!((quantile(&v, 0.25) - (1.0 + (1.0 / 3.0 + 13.0 / 12.0 - 1.0))).abs() < 1e-12);
    assert!((quantile(&v, 0.5) - 2.5).abs() < 1e-12);
    assert_eq!(quantile(&[7.0], 0.75), 7.0);
    assert!(quantile(&[], 0.5).is_nan());
}

fn release(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap()
}

#[test]
fn cancelled_and_excluded_processes_are_not_flagged() {
    let settings = Settings::parse("[exclusions]\nprocurement_method_details = Lottery\n[R018]\n").unwrap();
    let single = |ocid: &str, status: &str, details: &str| {
        release(
            serde_json::json!({"ocid": ocid, "tender": {"status": status, "numberOfTenderers": 1, "procurementMethod": "open", "procurementMethodDetails": details}}),
        )
    };
    let got =
        Indicators::run(&settings, &[single("a", "active", "X"), single("b", "cancelled", "X"), single("c", "active", "Lottery")]).unwrap();
    assert_eq!(got["OCID"].keys().collect::<Vec<_>>(), ["a"]);
}

#[test]
fn suite_indicators_read_the_award_and_the_conduct() {
    let settings = Settings::parse(settings::DEFAULT).unwrap();
    let near = release(serde_json::json!({
        "ocid": "n", "tender": {"value": {"amount": 100.0, "currency": "XXX"}},
        "awards": [{"id": "1", "status": "active", "value": {"amount": 97.0, "currency": "XXX"}}]
    }));
    let far = release(serde_json::json!({
        "ocid": "f", "tender": {"value": {"amount": 100.0, "currency": "XXX"}},
        "awards": [{"id": "1", "status": "active", "value": {"amount": 80.0, "currency": "XXX"}}]
    }));
    let mut got = Indicators::run(&settings, &[near, far]).unwrap();
    assert_eq!(got["OCID"]["n"]["S01"], 0.97);
    assert!(!got["OCID"].contains_key("f"));
    let c = Conduct { conflicts: 1, upheld_protests: 2, late_deliveries: 0, rejections: 1, terminated: true };
    conduct(&settings, &mut got, &BTreeMap::from([("f".to_string(), c)]));
    let f = &got["OCID"]["f"];
    assert_eq!((f["S02"], f["S04"], f["S05"], f["S06"]), (2.0, 1.0, 1.0, 1.0));
    assert!(!f.contains_key("S03"));
    let text = summary(&got, &["n".into(), "f".into(), "quiet".into()]);
    assert!(text.contains("n: S01 awarded near the estimate (0.97)"), "{text}");
    assert!(text.contains("quiet: no red flags"), "{text}");
}
