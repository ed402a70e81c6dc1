//! The public server: a read-only JSON API (described by OpenAPI at
//! `/api/openapi.json`) and pages for people, from the store. It holds no
//! keys and signs nothing. Every bad request gets a 4xx with a message
//! saying what was wrong.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use deploy::money::Currency;
use serde_json::{json, Value};

use crate::i18n::Lang;
use crate::queries::{TenderFilter, MAX_PER_PAGE};
use crate::store::Store;

/// What every handler reads.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    /// The OCDS packages as last built, with the block they were built at:
    /// a package of every release is large, so it is built once per new
    /// block, one build at a time, and served from here in between.
    pub packages: std::sync::Arc<tokio::sync::Mutex<Packages>>,
    /// The node the wallet page's dry runs and signed calls go to (a
    /// WebSocket URL the users' browsers can reach), if any.
    pub node: Option<String>,
}

/// Built OCDS packages (see [`App::packages`]).
#[derive(Default)]
pub struct Packages {
    releases: Option<(Option<u64>, axum::body::Bytes)>,
    records: Option<(Option<u64>, axum::body::Bytes)>,
}

impl App {
    /// The server's state over `store`.
    pub fn new(store: Store) -> App {
        App { store, packages: Default::default(), node: None }
    }

    /// The same, with the node the wallet page talks to.
    pub fn with_node(mut self, node: Option<String>) -> App {
        self.node = node;
        self
    }
}

/// A refusal or failure, as the API and the pages report it.
#[derive(Debug)]
pub struct Problem {
    pub status: StatusCode,
    pub message: String,
}

impl Problem {
    fn bad(message: impl Into<String>) -> Problem {
        Problem { status: StatusCode::BAD_REQUEST, message: message.into() }
    }
    fn missing(message: impl Into<String>) -> Problem {
        Problem { status: StatusCode::NOT_FOUND, message: message.into() }
    }
}

impl From<String> for Problem {
    fn from(message: String) -> Problem {
        Problem { status: StatusCode::INTERNAL_SERVER_ERROR, message }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message, "status": self.status.as_u16() }))).into_response()
    }
}

/// The parameters of the tender list, in the API and on its page.
pub const TENDER_LIST: [&str; 6] = ["status", "line", "deadline_before", "q", "page", "per_page"];

/// A request's query parameters, read with the API's rules and refusals.
pub struct Params(HashMap<String, String>);

impl From<HashMap<String, String>> for Params {
    /// The parameters as given, names unchecked.
    fn from(query: HashMap<String, String>) -> Params {
        Params(query)
    }
}

impl Params {
    /// The parameters, refused if one is not among `allowed`.
    pub fn check(query: HashMap<String, String>, allowed: &[&str]) -> Result<Params, Problem> {
        if let Some(unknown) = query.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(Problem::bad(format!("unknown parameter {unknown:?}; this path takes {}", allowed.join(", "))));
        }
        Ok(Params(query))
    }

    fn text(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str).filter(|v| !v.is_empty())
    }

    fn number(&self, name: &str) -> Result<Option<u64>, Problem> {
        self.text(name).map(|v| v.parse::<u64>().map_err(|_| Problem::bad(format!("{name} must be a whole number, not {v:?}")))).transpose()
    }

    /// `page` (from 1) and `per_page` (1 to 100, default 20).
    pub fn page(&self) -> Result<(u64, u64), Problem> {
        let page = self.number("page")?.unwrap_or(1);
        let per_page = self.number("per_page")?.unwrap_or(20);
        if page == 0 || page > 1_000_000 {
            return Err(Problem::bad("page counts from 1 (at most 1000000)"));
        }
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(Problem::bad(format!("per_page must be 1 to {MAX_PER_PAGE}")));
        }
        Ok((page, per_page))
    }

    /// `tender`, a tender id, if given.
    pub fn tender(&self) -> Result<Option<u32>, Problem> {
        self.number("tender")?.map(|t| u32::try_from(t).map_err(|_| Problem::bad("tender is too large"))).transpose()
    }

    /// The tender list's filters.
    pub fn filter(&self) -> Result<TenderFilter, Problem> {
        let status = self.text("status").map(String::from);
        if let Some(s) = &status {
            if !["active", "complete", "cancelled", "unsuccessful"].contains(&s.as_str()) {
                return Err(Problem::bad(format!("status is one of active, complete, cancelled, unsuccessful, not {s:?}")));
            }
        }
        let line = self.number("line")?.map(|l| u32::try_from(l).map_err(|_| Problem::bad("line is too large"))).transpose()?;
        let deadline_before = match self.text("deadline_before") {
            None => None,
            Some(v) => Some(date_ms(v).ok_or_else(|| Problem::bad(format!("deadline_before is a date as YYYY-MM-DD, not {v:?}")))?),
        };
        let search = self.text("q").map(|q| q.chars().take(100).collect());
        Ok(TenderFilter { status, line, deadline_before, search })
    }
}

/// Midnight UTC of `YYYY-MM-DD`, in ms.
fn date_ms(text: &str) -> Option<u64> {
    let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    u64::try_from(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis()).ok()
}

/// The router of the whole portal.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/", get(|| async { Redirect::to("/tenders") }))
        .route("/api/openapi.json", get(openapi))
        .route("/api/tenders", get(api_tenders))
        .route("/api/tenders/{id}", get(api_tender))
        .route("/api/lines", get(api_lines))
        .route("/api/accounts/{address}", get(api_account))
        .route("/api/payments", get(api_payments))
        .route("/api/vendors", get(api_vendors))
        .route("/api/flags", get(api_flags))
        .route("/api/changes", get(api_changes))
        .route("/ocds/release-package.json", get(release_package))
        .route("/ocds/record-package.json", get(record_package))
        .route("/tenders", get(crate::pages::tenders))
        .route("/tenders/{id}", get(crate::pages::tender))
        .route("/lines", get(crate::pages::lines))
        .route("/payments", get(crate::pages::payments))
        .route("/vendors", get(crate::pages::vendors))
        .route("/flags", get(crate::pages::flags))
        .route("/changes", get(crate::pages::changes))
        .route("/open-data", get(crate::pages::open_data))
        .route("/wallet", get(crate::pages::wallet))
        .route("/wallet/wallet.mjs", get(wallet_script))
        .route("/wallet/metadata/{contract}", get(wallet_metadata))
        .fallback(|| async { Problem::missing("no such page or API path; see /api/openapi.json") })
        .with_state(app)
}

/// A path's tender id.
pub fn tender_id(text: &str) -> Result<u32, Problem> {
    text.parse::<u32>().map_err(|_| Problem::bad(format!("a tender id is a whole number, not {text:?}")))
}

async fn api_tenders(State(app): State<App>, Query(q): Query<HashMap<String, String>>) -> Result<Json<Value>, Problem> {
    let p = Params::check(q, &TENDER_LIST)?;
    let (page, per_page) = p.page()?;
    let (items, total) = app.store.tenders(&p.filter()?, page, per_page).await?;
    Ok(Json(json!({ "items": items, "page": page, "per_page": per_page, "total": total })))
}

async fn api_tender(
    State(app): State<App>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Value>, Problem> {
    Params::check(q, &[])?;
    let id = tender_id(&id)?;
    let (tender, compiled) = app.store.tender(id).await?.ok_or_else(|| Problem::missing(format!("no tender {id}")))?;
    let timeline: Vec<Value> = app
        .store
        .timeline(id)
        .await?
        .into_iter()
        .map(|s| {
            json!({ "time_ms": s.time_ms, "date": deploy::ocds::rfc3339(s.time_ms), "kind": s.kind, "detail": s.detail, "block": s.block, "extrinsic": s.extrinsic })
        })
        .collect();
    let (payments, _) = app.store.payments(Some(id), 1, MAX_PER_PAGE).await?;
    Ok(Json(json!({ "tender": tender, "timeline": timeline, "payments": payments, "ocds": compiled })))
}

async fn api_account(
    State(app): State<App>,
    headers: HeaderMap,
    Path(address): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Value>, Problem> {
    let lang = lang_of(&q, &headers);
    Params::check(q, &["lang"])?;
    use drink::Ss58Codec;
    let account =
        drink::AccountId32::from_ss58check(&address).map_err(|_| Problem::bad(format!("{address:?} is not an account address (SS58)")))?;
    let id = account.to_ss58check();
    let roles = app.store.roles_of(&id).await?;
    let actions: Vec<Value> = roles.iter().map(|r| json!({ "role": r, "may": lang.role_actions(r) })).collect();
    Ok(Json(json!({ "account": id, "roles": roles, "actions": actions })))
}

async fn api_lines(State(app): State<App>, Query(q): Query<HashMap<String, String>>) -> Result<Json<Value>, Problem> {
    Params::check(q, &[])?;
    Ok(Json(json!({ "items": app.store.lines().await? })))
}

async fn api_payments(State(app): State<App>, Query(q): Query<HashMap<String, String>>) -> Result<Json<Value>, Problem> {
    let p = Params::check(q, &["tender", "page", "per_page"])?;
    let (page, per_page) = p.page()?;
    let (items, total) = app.store.payments(p.tender()?, page, per_page).await?;
    Ok(Json(json!({ "items": items, "page": page, "per_page": per_page, "total": total })))
}

async fn api_vendors(State(app): State<App>, Query(q): Query<HashMap<String, String>>) -> Result<Json<Value>, Problem> {
    Params::check(q, &[])?;
    Ok(Json(json!({ "items": app.store.vendors().await? })))
}

async fn api_changes(State(app): State<App>, Query(q): Query<HashMap<String, String>>) -> Result<Json<Value>, Problem> {
    Params::check(q, &[])?;
    Ok(Json(json!({ "items": app.store.changes().await? })))
}

async fn api_flags(State(app): State<App>, Query(q): Query<HashMap<String, String>>) -> Result<Json<Value>, Problem> {
    Params::check(q, &[])?;
    let flags = app.store.meta("flags").await?.and_then(|f| serde_json::from_str(&f).ok()).unwrap_or(json!({}));
    Ok(Json(flags))
}

/// The publication's settings the indexer recorded.
pub async fn publication(store: &Store) -> Result<Value, Problem> {
    Ok(store.meta("publication").await?.and_then(|p| serde_json::from_str(&p).ok()).unwrap_or(json!({})))
}

/// The currency amounts are shown in.
pub async fn currency(store: &Store) -> Result<Currency, Problem> {
    let p = publication(store).await?;
    Ok(Currency {
        symbol: p["symbol"].as_str().unwrap_or("UNIT").to_string(),
        decimals: u8::try_from(p["decimals"].as_u64().unwrap_or(0)).unwrap_or(0),
    })
}

fn package(p: &Value, kind: &str, items: Vec<Value>) -> Value {
    let uri = p["uri"].as_str().unwrap_or("urn:procurement-suite").trim_end_matches([':', '/']);
    let mut package = json!({
        "uri": format!("{uri}:{kind}"),
        "version": deploy::ocds::VERSION,
        "extensions": [deploy::ocds::BID_EXTENSION],
        "publishedDate": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "publisher": { "name": p["publisher"].as_str().unwrap_or("Public Procurement Suite") },
    });
    package[kind] = Value::Array(items);
    package
}

fn download(body: axum::body::Bytes, name: &str) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json".to_string()), (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\""))],
        body,
    )
        .into_response()
}

/// The package of `kind` as of the store's last block: the cached one if
/// nothing was stored since, else built now (one build at a time).
async fn cached_package(app: &App, kind: &'static str) -> Result<axum::body::Bytes, Problem> {
    let mut packages = app.packages.lock().await;
    let block = app.store.last_block().await?;
    let slot = if kind == "releases" { &mut packages.releases } else { &mut packages.records };
    if let Some((built_at, body)) = slot.as_ref() {
        if *built_at == block {
            return Ok(body.clone());
        }
    }
    let items = if kind == "releases" { app.store.releases().await? } else { app.store.records().await? };
    if items.is_empty() {
        return Err(Problem::missing("nothing published yet"));
    }
    let body = axum::body::Bytes::from(package(&publication(&app.store).await?, kind, items).to_string());
    *slot = Some((block, body.clone()));
    Ok(body)
}

async fn release_package(State(app): State<App>) -> Result<Response, Problem> {
    Ok(download(cached_package(&app, "releases").await?, "release-package.json"))
}

async fn record_package(State(app): State<App>) -> Result<Response, Problem> {
    Ok(download(cached_package(&app, "records").await?, "record-package.json"))
}

/// Where the wallet page's script is: `$PORTAL_ASSETS/wallet.mjs`, else
/// `portal/wallet/dist/wallet.mjs` (written by `npm run build` there).
pub fn wallet_script_path() -> std::path::PathBuf {
    match std::env::var_os("PORTAL_ASSETS") {
        Some(dir) => std::path::PathBuf::from(dir).join("wallet.mjs"),
        None => std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("wallet/dist/wallet.mjs"),
    }
}

/// The wallet pages' script. The build writes it gzipped beside it too
/// (about a third of its million bytes, most of them the ecosystem's type
/// registry): a browser that takes gzip gets that file as it is.
async fn wallet_script(headers: HeaderMap) -> Result<Response, Problem> {
    let path = wallet_script_path();
    let takes_gzip = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.split(';').next().map(str::trim) == Some("gzip")));
    let kind = (header::CONTENT_TYPE, "text/javascript; charset=utf-8");
    let vary = (header::VARY, "accept-encoding");
    let cache = (header::CACHE_CONTROL, "public, max-age=300");
    if takes_gzip {
        if let Ok(zipped) = tokio::fs::read(path.with_extension("mjs.gz")).await {
            return Ok(([kind, vary, cache, (header::CONTENT_ENCODING, "gzip")], zipped).into_response());
        }
    }
    let script = tokio::fs::read_to_string(&path)
        .await
        .map_err(|_| Problem::missing(format!("the wallet script is not built: npm run build in portal/wallet ({})", path.display())))?;
    Ok(([kind, vary, cache], script).into_response())
}

/// The metadata of a suite contract, from its bundle (`bundles/<name>.contract`,
/// its code left out): what the wallet pages encode calls with.
async fn wallet_metadata(Path(contract): Path<String>) -> Result<Response, Problem> {
    if !deploy::suite::SUITE.iter().any(|spec| spec.name == contract) {
        return Err(Problem::missing(format!("no suite contract is called {contract:?}")));
    }
    let path = deploy::chain::bundles_dir().join(format!("{contract}.contract"));
    let text = tokio::fs::read_to_string(&path)
        .await
        .map_err(|_| Problem::missing(format!("the bundle of {contract} is not built: bash scripts/build.sh ({})", path.display())))?;
    let mut bundle: Value =
        serde_json::from_str(&text).map_err(|e| Problem::from(format!("the bundle of {contract} does not parse: {e}")))?;
    if let Some(source) = bundle.get_mut("source").and_then(Value::as_object_mut) {
        source.remove("wasm");
    }
    Ok(Json(bundle).into_response())
}

/// The language a request asks for.
pub fn lang_of(q: &HashMap<String, String>, headers: &HeaderMap) -> Lang {
    Lang::choose(q.get("lang").map(String::as_str), headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
}

/// A page or its problem as HTML.
pub fn html(result: Result<(StatusCode, String), Problem>, lang: Lang) -> Response {
    match result {
        Ok((status, body)) => (status, Html(body)).into_response(),
        Err(problem) => {
            let title = if problem.status == StatusCode::NOT_FOUND { lang.t("not_found") } else { lang.t("bad_request") };
            let body =
                crate::pages::layout(lang, title, "/tenders", &format!("<h1>{}</h1><p>{}</p>", title, crate::pages::esc(&problem.message)));
            (problem.status, Html(body)).into_response()
        }
    }
}

async fn openapi() -> Json<Value> {
    let page = json!([
        { "name": "page", "in": "query", "schema": { "type": "integer", "minimum": 1, "default": 1 } },
        { "name": "per_page", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 20 } }
    ]);
    let error = json!({ "description": "Bad request: what was wrong is in `error`", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } });
    let ok = |what: &str| json!({ "description": what, "content": { "application/json": { "schema": { "type": "object" } } } });
    let mut tender_params = page.as_array().cloned().unwrap_or_default();
    tender_params.extend([
        json!({ "name": "status", "in": "query", "schema": { "type": "string", "enum": ["active", "complete", "cancelled", "unsuccessful"] } }),
        json!({ "name": "line", "in": "query", "schema": { "type": "integer", "minimum": 0 }, "description": "budget line id" }),
        json!({ "name": "deadline_before", "in": "query", "schema": { "type": "string", "format": "date" }, "description": "bids due before this day (UTC)" }),
        json!({ "name": "q", "in": "query", "schema": { "type": "string", "maxLength": 100 }, "description": "words in the title or ocid" }),
    ]);
    let mut payment_params = page.as_array().cloned().unwrap_or_default();
    payment_params.push(json!({ "name": "tender", "in": "query", "schema": { "type": "integer", "minimum": 0 } }));
    Json(json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Public procurement portal API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Read-only. Amounts are decimal text in the chain's smallest unit; times are ms since the Unix epoch. Lists are paginated (at most 100 per page)."
        },
        "paths": {
            "/api/tenders": { "get": { "summary": "Tenders, newest first, filtered", "parameters": tender_params, "responses": { "200": ok("A page of tenders with the total"), "400": error } } },
            "/api/tenders/{id}": { "get": { "summary": "One tender: its row, timeline, payments and compiled OCDS release", "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "integer", "minimum": 0 } }], "responses": { "200": ok("The tender"), "400": error, "404": error } } },
            "/api/accounts/{address}": { "get": { "summary": "The roles an account holds and what each lets it do (the actions the wallet page offers it)", "parameters": [{ "name": "address", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "lang", "in": "query", "schema": { "type": "string", "enum": ["en", "zh"] } }], "responses": { "200": ok("The account's roles"), "400": error } } },
            "/api/lines": { "get": { "summary": "Budget lines: appropriated, reserved, committed, paid", "responses": { "200": ok("Every line") } } },
            "/api/payments": { "get": { "summary": "Payments to vendors, newest first", "parameters": payment_params, "responses": { "200": ok("A page of payments"), "400": error } } },
            "/api/vendors": { "get": { "summary": "Vendors: bids, awards won, amounts awarded and paid", "responses": { "200": ok("Every vendor") } } },
            "/api/flags": { "get": { "summary": "Red flags by group (OCID, Buyer, ProcuringEntity, Tenderer), identifier and indicator", "responses": { "200": ok("The flags") } } },
            "/api/changes": { "get": { "summary": "The governor's code and rule changes: every pending one (with its earliest and last moment) and the 50 most recent that ran or were cancelled", "responses": { "200": ok("The changes, newest first") } } },
            "/ocds/release-package.json": { "get": { "summary": "OCDS 1.1.5 release package of every release", "responses": { "200": ok("Release package"), "404": error } } },
            "/ocds/record-package.json": { "get": { "summary": "OCDS 1.1.5 record package, a record per tender", "responses": { "200": ok("Record package"), "404": error } } }
        },
        "components": { "schemas": { "Error": { "type": "object", "required": ["error", "status"], "properties": { "error": { "type": "string" }, "status": { "type": "integer" } } } } }
    }))
}
