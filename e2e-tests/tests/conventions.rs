//! The suite's conventions, checked on the contracts' sources so they hold
//! as the suite grows (docs/ARCHITECTURE.md, "How a contract is built" and
//! "Events"): every contract has the same parts; a message is guard, load,
//! rule, write, emit, in at most 40 lines; refusals are `ensure!` lines;
//! no message takes a bare `bool`; every event is a subject's event carrying
//! a `change`, or a contract's surplus event.

use std::fs;
use std::path::{Path, PathBuf};

/// The longest message, counted from its `fn` line to its closing brace.
const MAX_MESSAGE_LINES: usize = 40;

/// The role book is the one exception to the parts: a 130-line store of
/// role sets that only the registry writes, with its errors and tests in
/// `lib.rs`.
const STORES: [&str; 1] = ["role_book"];

fn contracts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("contracts")
}

/// Every contract crate: a directory under `contracts/` whose `lib.rs` has
/// an `#[ink::contract]` module.
fn contracts() -> Vec<(String, PathBuf)> {
    let mut found: Vec<(String, PathBuf)> = fs::read_dir(contracts_dir())
        .expect("contracts/ is readable")
        .filter_map(|entry| {
            let dir = entry.ok()?.path();
            let lib = fs::read_to_string(dir.join("lib.rs")).ok()?;
            let name = dir.file_name()?.to_string_lossy().into_owned();
            lib.contains("#[ink::contract]").then_some((name, dir))
        })
        .collect();
    found.sort();
    found
}

fn source(dir: &Path, file: &str) -> String {
    fs::read_to_string(dir.join(file)).unwrap_or_default()
}

/// `(name, first line number, lines)` of every message and constructor in
/// `lib`: from the `fn` line to the closing brace at the same indentation.
fn messages(lib: &str) -> Vec<(String, usize, Vec<String>)> {
    let lines: Vec<&str> = lib.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_start().starts_with("#[ink(message") || lines[i].trim_start().starts_with("#[ink(constructor") {
            let mut start = i;
            while !lines[start].contains(" fn ") {
                start += 1;
            }
            let indent = lines[start].len() - lines[start].trim_start().len();
            let name = lines[start].split(" fn ").nth(1).and_then(|rest| rest.split(['(', '<']).next()).unwrap_or("?").to_string();
            let mut end = start + 1;
            while !(lines[end].starts_with(&" ".repeat(indent)) && lines[end][indent..].starts_with('}')) {
                end += 1;
            }
            found.push((name, start + 1, lines[start..=end].iter().map(|l| l.to_string()).collect()));
            i = end;
        }
        i += 1;
    }
    found
}

#[test]
fn every_contract_has_the_parts_the_architecture_names() {
    let all = contracts();
    assert!(all.len() >= 6, "found {all:?}");
    let calls: Vec<String> = all.iter().map(|(_, dir)| source(dir, "calls.rs")).collect();
    for (name, dir) in &all {
        if STORES.contains(&name.as_str()) {
            continue;
        }
        for part in ["lib.rs", "errors.rs", "events.rs", "tests.rs", "calls.rs"] {
            assert!(dir.join(part).exists(), "contracts/{name} has no {part}");
        }
        // A client exactly when another contract calls this one.
        let called = calls.iter().any(|c| c.contains(&format!("{name}::client")));
        assert_eq!(dir.join("client.rs").exists(), called, "contracts/{name}: client.rs iff another contract's calls.rs uses it");
    }
}

#[test]
fn every_message_is_at_most_forty_lines() {
    let mut long = Vec::new();
    for (name, dir) in contracts() {
        for (message, line, body) in messages(&source(&dir, "lib.rs")) {
            if body.len() > MAX_MESSAGE_LINES {
                long.push(format!("contracts/{name}/lib.rs:{line} {message}: {} lines", body.len()));
            }
        }
    }
    assert!(long.is_empty(), "messages over {MAX_MESSAGE_LINES} lines (move the rule into a plain module):\n{}", long.join("\n"));
}

#[test]
fn no_message_takes_a_bare_bool() {
    let mut bare = Vec::new();
    for (name, dir) in contracts() {
        for (message, line, body) in messages(&source(&dir, "lib.rs")) {
            let signature: String = body.iter().take_while(|l| !l.trim_end().ends_with('{')).chain(body.iter().take(1)).cloned().collect();
            let params = signature.split("->").next().unwrap_or("");
            // The role book's `set_paused(paused)` is a store written by the
            // registry alone; everything else says what it means.
            if params.contains(": bool") && !(name == "role_book" && message == "set_paused") {
                bare.push(format!("contracts/{name}/lib.rs:{line} {message}"));
            }
        }
    }
    assert!(bare.is_empty(), "messages taking a bare bool (use an enum that says what it means):\n{}", bare.join("\n"));
}

#[test]
fn refusals_are_ensure_lines() {
    let mut found = Vec::new();
    for (name, dir) in contracts() {
        for file in ["lib.rs", "rules.rs", "ledger.rs", "books.rs", "committee.rs", "protests.rs", "policy.rs", "bonds.rs"] {
            let text = source(&dir, file);
            let lines: Vec<&str> = text.lines().collect();
            for (i, window) in lines.windows(3).enumerate() {
                let is_if = window[0].trim_start().starts_with("if ") && !window[0].contains("let ") && window[0].trim_end().ends_with('{');
                if is_if && window[1].trim_start().starts_with("return Err(") && window[2].trim() == "}" {
                    found.push(format!("contracts/{name}/{file}:{}", i + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "three-line refusals (write `ensure!(rule, Error::X);`):\n{}", found.join("\n"));
}

#[test]
fn every_event_carries_a_change_or_books_a_surplus() {
    let mut odd = Vec::new();
    for (name, dir) in contracts() {
        for file in ["events.rs", "lib.rs"] {
            let text = source(&dir, file);
            let lines: Vec<&str> = text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                if line.trim() != "#[ink::event]" && line.trim() != "#[ink(event)]" {
                    continue;
                }
                let header = lines[i + 1..].iter().find(|l| l.contains("pub struct")).copied().unwrap_or("");
                let event = header.split("pub struct ").nth(1).and_then(|r| r.split([' ', '{']).next()).unwrap_or("?");
                let body: Vec<&str> = lines[i + 1..].iter().take_while(|l| l.trim() != "}").copied().collect();
                let carries_change = body.iter().any(|l| l.trim_start().starts_with("pub change: "));
                if !carries_change && !event.ends_with("SurplusDeposited") {
                    odd.push(format!("contracts/{name}/{file}:{} {event}", i + 1));
                }
            }
        }
    }
    assert!(odd.is_empty(), "events outside the suite's one design:\n{}", odd.join("\n"));
}

/// The checks above must see something: a parser that finds no message
/// would pass them all.
#[test]
fn the_checks_see_the_messages() {
    let tender = contracts().into_iter().find(|(name, _)| name == "tender").expect("the tender contract");
    let found = messages(&source(&tender.1, "lib.rs"));
    let names: Vec<&str> = found.iter().map(|(n, _, _)| n.as_str()).collect();
    for expected in ["new", "publish", "commit_bid", "reveal_bid", "award", "settle_winner_bond"] {
        assert!(names.contains(&expected), "{names:?}");
    }
    let award = found.iter().find(|(n, _, _)| n == "award").expect("award");
    assert!(award.2[0].contains("funding: Funding"), "{:?}", award.2[0]);
}
