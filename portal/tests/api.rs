//! The portal's API and pages on stores filled from real procurements (the
//! demo, and seeded procurements of every ending) in SQLite and, when the
//! test script started one, PostgreSQL: every number a tender page shows
//! equals what the contracts report; bad requests get a 4xx saying why;
//! the OCDS downloads validate; the pages speak both languages.

mod common;

use axum::http::StatusCode;
use common::*;
use drink::Ss58Codec;
use portal::store::Store;
use serde_json::Value;

fn amount(v: &Value) -> u128 {
    v.as_str().and_then(|a| a.parse().ok()).unwrap_or_else(|| panic!("not an amount: {v}"))
}

/// Every tender, line, payment and vendor the API reports against the
/// contracts' own answers.
async fn check_against_chain(world: &mut World, store: &Store) {
    let tenders = world.suite.tenders();
    let escrow = world.suite.escrow();
    let treasury = world.suite.treasury();
    let count = tenders.tender_count(&mut world.s).unwrap();
    let listed = json(store, "/api/tenders?per_page=100").await;
    assert_eq!(listed["total"], u64::from(count), "every tender is listed");
    let mut paid_to: std::collections::BTreeMap<String, u128> = Default::default();
    for id in 0..count {
        let api = json(store, &format!("/api/tenders/{id}")).await;
        let row = &api["tender"];
        let on_chain = tenders.tender(&mut world.s, id).unwrap().unwrap();
        assert_eq!(amount(&row["estimate"]), on_chain.estimate, "tender {id}: estimate");
        assert_eq!(row["deadline_ms"], on_chain.submission_deadline, "tender {id}: deadline");
        assert_eq!(row["bids"], u64::from(on_chain.bidders), "tender {id}: bids standing");
        let status = match on_chain.status {
            tender::TenderStatus::Open => "active",
            tender::TenderStatus::Cancelled => "cancelled",
            tender::TenderStatus::Unsuccessful => "unsuccessful",
            tender::TenderStatus::Awarded { .. } => "complete",
        };
        // An open tender whose award has been concluded is "complete".
        if status != "active" {
            assert_eq!(row["status"], status, "tender {id}: status");
        }
        let agreement = (0..escrow.agreement_count(&mut world.s).unwrap())
            .filter_map(|a| escrow.agreement(&mut world.s, a).unwrap().map(|x| (a, x)))
            .find(|(_, a)| a.tender == id);
        match (&on_chain.status, agreement) {
            (tender::TenderStatus::Awarded { winner }, Some((_, a))) => {
                assert_eq!(row["winner"], deploy::chain::from_ink(winner).to_ss58check(), "tender {id}: winner");
                assert_eq!(amount(&row["awarded"]), a.price, "tender {id}: awarded = the agreement's price");
                let commitment = treasury.commitment(&mut world.s, a.commitment).unwrap().unwrap();
                assert_eq!(amount(&row["paid"]), commitment.released, "tender {id}: paid = what the budget released");
                let payments: u128 = api["payments"].as_array().unwrap().iter().map(|p| amount(&p["amount"])).sum();
                assert_eq!(payments, commitment.released, "tender {id}: its payments");
                *paid_to.entry(deploy::chain::from_ink(&a.vendor).to_ss58check()).or_default() += commitment.released;
            }
            _ => {
                assert_eq!(row["winner"], Value::Null, "tender {id}: no award in force");
                assert_eq!(amount(&row["paid"]), 0, "tender {id}: nothing paid");
            }
        }
        assert!(api["timeline"].as_array().is_some_and(|t| !t.is_empty()), "tender {id} has a timeline");
        assert_eq!(api["ocds"]["ocid"], row["ocid"]);
    }
    for line in json(store, "/api/lines").await["items"].as_array().unwrap() {
        let id = u32::try_from(line["line"].as_u64().unwrap()).unwrap();
        let l = treasury.line(&mut world.s, id).unwrap().unwrap();
        assert_eq!(
            (amount(&line["appropriated"]), amount(&line["reserved"]), amount(&line["committed"]), amount(&line["paid"])),
            (l.appropriated, l.reserved, l.committed, l.released),
            "line {id}"
        );
    }
    for vendor in json(store, "/api/vendors").await["items"].as_array().unwrap() {
        let id = vendor["id"].as_str().unwrap();
        assert_eq!(amount(&vendor["paid"]), paid_to.get(id).copied().unwrap_or(0), "vendor {id}: paid");
    }
}

async fn check_requests(store: &Store) {
    for (uri, status, says) in [
        ("/api/tenders?status=sealed", StatusCode::BAD_REQUEST, "status is one of"),
        ("/api/tenders?per_page=101", StatusCode::BAD_REQUEST, "per_page must be 1 to 100"),
        ("/api/tenders?page=0", StatusCode::BAD_REQUEST, "page counts from 1"),
        ("/api/tenders?line=x", StatusCode::BAD_REQUEST, "line must be a whole number"),
        ("/api/tenders?deadline_before=tomorrow", StatusCode::BAD_REQUEST, "YYYY-MM-DD"),
        ("/api/tenders?colour=red", StatusCode::BAD_REQUEST, "unknown parameter"),
        ("/api/tenders/abc", StatusCode::BAD_REQUEST, "a tender id is a whole number"),
        ("/api/tenders/999999", StatusCode::NOT_FOUND, "no tender 999999"),
        ("/api/payments?tender=-1", StatusCode::BAD_REQUEST, "tender must be a whole number"),
        ("/nowhere", StatusCode::NOT_FOUND, "openapi"),
        ("/tenders/999999", StatusCode::NOT_FOUND, "no tender 999999"),
        ("/wallet/metadata/yardstick", StatusCode::NOT_FOUND, "no suite contract"),
    ] {
        let (got, body) = get(store, uri).await;
        assert_eq!(got, status, "{uri}: {body}");
        assert!(body.contains(says), "{uri}: {body}");
    }
    // The wallet pages encode calls from the bundles' metadata, served
    // without the code.
    let metadata = json(store, "/wallet/metadata/tender").await;
    assert!(metadata["spec"]["messages"].as_array().is_some_and(|m| m.iter().any(|m| m["label"] == "commit_bid")));
    assert!(metadata["source"].get("wasm").is_none() && metadata["source"]["hash"].is_string(), "the code is left out, its hash kept");
    // A search is a parameter: quotes and wildcards are text, not SQL.
    let hostile = json(store, "/api/tenders?q=%27%20OR%201%3D1%20--%25").await;
    assert_eq!(hostile["total"], 0);
    let spec = json(store, "/api/openapi.json").await;
    assert_eq!(spec["openapi"], "3.0.3");
    for path in [
        "/api/tenders",
        "/api/tenders/{id}",
        "/api/lines",
        "/api/payments",
        "/api/vendors",
        "/api/flags",
        "/api/changes",
        "/ocds/release-package.json",
    ] {
        assert!(spec["paths"].get(path).is_some(), "{path} is described");
    }
    // The downloads are valid OCDS.
    let schemas = deploy::ocds::schema::Schemas::load().unwrap();
    let releases = json(store, "/ocds/release-package.json").await;
    schemas.check(deploy::ocds::schema::Kind::ReleasePackage, &releases).unwrap();
    let records = json(store, "/ocds/record-package.json").await;
    schemas.check(deploy::ocds::schema::Kind::RecordPackage, &records).unwrap();
}

#[tokio::test]
async fn the_demo_in_sqlite_and_postgres_reads_as_the_contracts_report() {
    let mut world = demo();
    // Beside the demo's policy change (executed): one change cancelled,
    // and an upgrade still waiting out its delay.
    let admin = world.suite.admin.clone();
    let lift = governor::Action::LiftExclusive { first: procurement_shared::Role::Evaluator, second: procurement_shared::Role::Auditor };
    let cancelled = deploy::govern::schedule(&mut world.s, &world.suite, &lift, None).unwrap();
    deploy::govern::cancel(&mut world.s, &world.suite, cancelled).unwrap();
    let code = deploy::govern::upload(&mut world.s, "escrow_drill", &admin).unwrap();
    let upgrade = governor::Action::Upgrade { contract: procurement_shared::SuiteContract::Escrow, code_hash: code };
    let waiting = deploy::govern::schedule(&mut world.s, &world.suite, &upgrade, None).unwrap();
    let mut stores = vec![world.fill(&sqlite("demo"), 10).await];
    if let Some(url) = postgres("portal_demo").await {
        stores.push(world.fill(&url, 10).await);
    } else {
        eprintln!("PostgreSQL: skipped (PORTAL_TEST_POSTGRES is not set; scripts/test.sh sets it)");
    }
    for store in &stores {
        check_against_chain(&mut world, store).await;
        check_requests(store).await;
        let demo = json(store, "/api/tenders/0").await;
        let kinds: Vec<&str> = demo["timeline"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
        for kind in [
            "published",
            "bid_sealed",
            "bid_revealed",
            "bond_forfeited",
            "committee",
            "ranked",
            "awarded",
            "protested",
            "protest_decided",
            "offered",
            "concluded",
            "signed",
            "delivered",
            "approved",
            "paid",
            "completed",
        ] {
            assert!(kinds.contains(&kind), "the demo's timeline tells {kind}: {kinds:?}");
        }
        assert_eq!(demo["tender"]["flags"], serde_json::json!({"R003": 1.0, "S03": 1.0}));
        // The page shows the same figures, in words and both languages.
        let (status, page) = get(store, "/tenders/0?lang=en").await;
        assert_eq!(status, StatusCode::OK);
        for text in [
            "20 UNIT",
            "16.5 UNIT",
            "16.32675 UNIT",
            "vendor-b revealed a price of 16.5 UNIT",
            "Protest 0 rejected by auditor",
            "R003",
            "<html lang=\"en\"",
        ] {
            assert!(page.contains(text), "the page says {text:?}");
        }
        let (_, chinese) = get_with(store, "/tenders/0", Some("zh-CN,zh;q=0.9")).await;
        assert!(
            chinese.contains("<html lang=\"zh\"") && chinese.contains("时间线") && chinese.contains("公开报价 16.5 UNIT"),
            "the browser's Chinese is heard"
        );
        // Who may do what, from the registry's events.
        let account = |name: &str| deploy::accounts::resolve_account(name).to_ss58check();
        for (name, role) in [("vendor-b", "Vendor"), ("officer", "ProcurementOfficer"), ("authority", "Admin"), ("auditor", "Auditor")] {
            let answer = json(store, &format!("/api/accounts/{}", account(name))).await;
            assert_eq!(answer["roles"], serde_json::json!([role]), "{name}");
            assert!(answer["actions"][0]["may"].as_str().is_some_and(|m| !m.is_empty()));
        }
        let vendor = json(store, &format!("/api/accounts/{}?lang=zh", account("vendor-b"))).await;
        assert!(vendor["actions"][0]["may"].as_str().unwrap().contains("密封"), "{vendor}");
        let citizen = json(store, &format!("/api/accounts/{}", account("citizen"))).await;
        assert_eq!(citizen["roles"], serde_json::json!([]));
        let (status, body) = get(store, "/api/accounts/not-an-address").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        // The governor's changes, newest first: what waits, what ran, what
        // was cancelled, each with who and when.
        let changes = json(store, "/api/changes").await;
        let items = changes["items"].as_array().unwrap();
        let states: Vec<(i64, &str, &str)> = items
            .iter()
            .map(|c| (c["id"].as_i64().unwrap(), c["state"].as_str().unwrap(), c["action"]["kind"].as_str().unwrap()))
            .collect();
        assert_eq!(
            states,
            [
                (i64::from(waiting), "pending", "upgrade"),
                (i64::from(cancelled), "cancelled", "liftExclusive"),
                (0, "executed", "linePolicy")
            ]
        );
        let policy = &items[2];
        assert_eq!(policy["action"]["policy"]["autoReleaseLimit"], "50000000000");
        assert_eq!(policy["scheduledBy"], account("authority"));
        assert_eq!(policy["doneBy"], account("citizen"));
        assert_eq!(items[0]["action"]["codeHash"], deploy::chain::hex(code.as_ref()));
        assert!(items[0]["done"].is_null() && items[0]["expires"].as_str().unwrap() > items[0]["earliest"].as_str().unwrap());
        let (status, page) = get(store, "/changes?lang=en").await;
        assert_eq!(status, StatusCode::OK);
        for text in [
            "Budget line 0: payment policy up to 5 UNIT paid at once, above that 2 Treasurer approval(s)",
            "Replace the code of escrow with",
            "waiting: may run from",
            "Lift the exclusivity of Evaluator and Auditor",
            "cancelled",
        ] {
            assert!(page.contains(text), "the changes page says {text:?}");
        }
        let (_, chinese) = get(store, "/changes?lang=zh").await;
        assert!(chinese.contains("变更公示") && chinese.contains("公示中"), "in Chinese too");
        let (status, body) = get(store, "/api/changes?page=2").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        let (_, lines) = get(store, "/lines?lang=en").await;
        assert!(lines.contains("<svg role=\"img\"") && lines.contains("ROADS-2027: Paid 16.32675 UNIT"), "the line's chart with its text");
    }
}

#[tokio::test]
async fn seeded_procurements_in_sqlite_and_postgres_read_as_the_contracts_report() {
    let mut world = scenarios(24);
    let mut stores = vec![world.fill(&sqlite("scenarios"), 7).await];
    if let Some(url) = postgres("portal_scenarios").await {
        stores.push(world.fill(&url, 7).await);
    }
    for store in &stores {
        check_against_chain(&mut world, store).await;
        // Filters and pages.
        let cancelled = json(store, "/api/tenders?status=cancelled&per_page=100").await;
        assert!(cancelled["items"].as_array().unwrap().iter().all(|t| t["status"] == "cancelled"));
        assert_eq!(cancelled["total"], 3, "24 plans, every eighth cancelled");
        let page = json(store, "/api/tenders?per_page=5&page=2").await;
        assert_eq!(page["items"].as_array().unwrap().len(), 5);
        assert_eq!(page["items"][0]["tender"], 18, "newest first: the second page of five starts at 18");
        let search = json(store, "/api/tenders?q=scenarios-12").await;
        assert_eq!(search["total"], 1);
        let due = json(store, "/api/tenders?deadline_before=2027-01-01").await;
        assert_eq!(due["total"], 0, "nothing is due before the chain began");
        let flags = json(store, "/api/flags").await;
        assert!(flags["OCID"].as_object().is_some_and(|f| !f.is_empty()));
    }
    if stores.len() == 2 {
        // The same journal gives the same rows in both databases.
        for uri in ["/api/tenders?per_page=100", "/api/lines", "/api/vendors", "/api/payments?per_page=100", "/api/flags"] {
            assert_eq!(json(&stores[0], uri).await, json(&stores[1], uri).await, "{uri}: SQLite and PostgreSQL agree");
        }
    }
}

#[tokio::test]
async fn the_packages_are_built_once_per_block_and_follow_new_blocks() {
    use axum::body::Body;
    use axum::http::Request;
    use deploy::chain::Chain;
    use tower::ServiceExt;
    let mut world = demo();
    let store = Store::open(&sqlite("packages")).await.unwrap();
    let journal = world.s.journal(1).unwrap();
    let mut indexer = portal::indexer::Indexer::open(store.clone(), world.indexed()).await.unwrap();
    // Up to a few blocks after the tender's publication.
    let tender = world.suite.address("tender").clone();
    let published = journal.iter().find(|l| l.emitter == tender).unwrap().block;
    indexer.ingest(&journal, published + 3).await.unwrap();
    let app = portal::server::App::new(store.clone());
    let fetch = |app: portal::server::App| async move {
        let response =
            portal::server::router(app).oneshot(Request::get("/ocds/release-package.json").body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        axum::body::to_bytes(response.into_body(), 1 << 26).await.unwrap()
    };
    let first = fetch(app.clone()).await;
    let again = fetch(app.clone()).await;
    assert_eq!(first, again, "served from the package built for this block (same publishedDate)");
    let count = |bytes: &axum::body::Bytes| serde_json::from_slice::<Value>(bytes).unwrap()["releases"].as_array().unwrap().len();
    let last = journal.last().unwrap().block;
    indexer.ingest(&journal, last).await.unwrap();
    let later = fetch(app).await;
    assert!(count(&later) > count(&first), "a new block, a new package: {} then {}", count(&first), count(&later));
    assert_eq!(count(&later), 23);
}
