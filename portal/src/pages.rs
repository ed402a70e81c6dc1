//! The pages people read: semantic HTML rendered on the server (readable
//! without JavaScript, which the pages do not use), one stylesheet, labels
//! on every control, pictures as SVG with a text equivalent beside them.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use deploy::money::Currency;
use serde_json::Value;

use crate::i18n::Lang;
use crate::queries::{Tender, MAX_PER_PAGE};
use crate::server::{currency, html, lang_of, tender_id, App, Params, Problem, TENDER_LIST};

/// Text safe inside HTML.
pub fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

const STYLE: &str = "\
:root{color-scheme:light;--fg:#1a1a1a;--muted:#4a4a4a;--link:#0b4fa8;--line:#d0d0d0;--bg:#fff;--soft:#f3f5f8;--flag:#8a1c00}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK SC',sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--link)}a:focus,button:focus,input:focus,select:focus{outline:3px solid #f5a000;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
header{background:#12355b;color:#fff;padding:12px 16px}header a{color:#fff}header .site{font-weight:700;font-size:1.15rem;text-decoration:none}
nav ul{list-style:none;margin:8px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}nav a[aria-current=page]{font-weight:700;text-decoration:underline}
.lang{float:right}main{max-width:1100px;margin:0 auto;padding:16px}h1{font-size:1.6rem;margin:.4em 0}h2{font-size:1.25rem;margin-top:1.6em}
.table{overflow-x:auto}table{border-collapse:collapse;width:100%;margin:8px 0}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--soft)}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
form.filters{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:flex-end;background:var(--soft);padding:12px;border-radius:6px}
form.filters label{display:flex;flex-direction:column;font-size:.9rem;color:var(--muted)}input,select,button{font:inherit;padding:6px 8px;border:1px solid #767676;border-radius:4px;background:#fff;color:var(--fg)}
button{background:#12355b;color:#fff;border-color:#12355b;cursor:pointer}button:disabled{background:#8a97a8;border-color:#8a97a8;cursor:not-allowed}form#act input,form#act textarea{width:100%;max-width:42em;font:14px/1.4 ui-monospace,monospace}#act-events li{overflow-wrap:anywhere;font-size:.9rem}.result{font-weight:600;overflow-wrap:anywhere}form#seal input[type=text],form#rules input[type=text],form#roles input[type=text]{width:100%;max-width:36em}.result.ok{color:#0b6b2e}.result.refused{color:#8a1c00}.muted{color:var(--muted)}.flag{color:var(--flag);font-weight:600}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
ol.timeline{list-style:none;padding:0;border-left:3px solid #12355b;margin-left:8px}ol.timeline li{position:relative;padding:4px 0 10px 16px}
ol.timeline li::before{content:'';position:absolute;left:-8px;top:10px;width:13px;height:13px;border-radius:50%;background:#12355b}
ol.timeline time{display:block;font-size:.9rem;color:var(--muted)}svg text{font:12px system-ui,sans-serif}
.pager{display:flex;gap:16px;align-items:center}footer{max-width:1100px;margin:24px auto;padding:0 16px;color:var(--muted);font-size:.9rem}
@media (max-width:600px){body{font-size:15px}.lang{float:none;display:block;margin-bottom:4px}th,td{padding:4px}}
";

/// A whole page: header with the site's sections and the language switch,
/// the body, a footer.
pub fn layout(lang: Lang, title: &str, path: &str, body: &str) -> String {
    let nav: String = [
        ("/tenders", "tenders"),
        ("/lines", "lines"),
        ("/payments", "payments"),
        ("/vendors", "vendors"),
        ("/flags", "flags"),
        ("/changes", "changes"),
        ("/open-data", "open_data"),
        ("/wallet", "wallet"),
    ]
    .iter()
    .map(|(href, key)| {
        let current = if path.starts_with(href) { " aria-current=\"page\"" } else { "" };
        format!("<li><a href=\"{href}?lang={}\"{current}>{}</a></li>", lang.code(), lang.t(key))
    })
    .collect();
    let other = lang.other();
    format!(
        "<!doctype html><html lang=\"{code}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · {site}</title><style>{STYLE}</style></head><body>\
         <a class=\"skip\" href=\"#main\">{skip}</a>\
         <header><a class=\"lang\" href=\"{path}?lang={other_code}\" hreflang=\"{other_code}\" lang=\"{other_code}\" aria-label=\"{language}: {other_name}\">{other_name}</a>\
         <a class=\"site\" href=\"/tenders?lang={code}\">{site}</a><nav aria-label=\"{site}\"><ul>{nav}</ul></nav></header>\
         <main id=\"main\">{body}</main><footer>{intro}</footer></body></html>",
        code = lang.code(),
        title = esc(title),
        site = lang.t("site"),
        skip = lang.t("skip"),
        other_code = other.code(),
        other_name = other.name(),
        language = lang.t("language"),
        intro = lang.t("intro"),
    )
}

/// A table: its column headings (`true` for a number column, right
/// aligned) and its body's rows.
fn table(columns: &[(&str, bool)], rows: &str) -> String {
    let head: String = columns
        .iter()
        .map(
            |(name, number)| {
                if *number {
                    format!("<th scope=\"col\" class=\"num\">{name}</th>")
                } else {
                    format!("<th scope=\"col\">{name}</th>")
                }
            },
        )
        .collect();
    format!("<div class=\"table\"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>")
}

/// A chain date as people read it (UTC).
pub fn date(ms: u64) -> String {
    let ms = i64::try_from(ms).unwrap_or(i64::MAX);
    chrono::DateTime::from_timestamp_millis(ms).map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()).unwrap_or_default()
}

fn amount(money: &Currency, text: &str) -> String {
    text.parse::<u128>().map(|a| money.show(a)).unwrap_or_else(|_| esc(text))
}

fn flags_of(lang: Lang, flags: &Value) -> String {
    let Some(map) = flags.as_object().filter(|m| !m.is_empty()) else {
        return String::new();
    };
    map.keys().map(|code| format!("<span class=\"flag\" title=\"{}\">{code}</span>", esc(&lang.flag(code)))).collect::<Vec<_>>().join(" ")
}

fn tender_rows(lang: Lang, money: &Currency, items: &[Tender]) -> String {
    items
        .iter()
        .map(|t| {
            format!(
                "<tr><td><a href=\"/tenders/{id}?lang={l}\">{title}</a><br><span class=\"muted\">{ocid}</span></td><td>{status}</td><td>{line}</td>\
                 <td class=\"num\">{estimate}</td><td>{deadline}</td><td class=\"num\">{bids}</td><td class=\"num\">{awarded}</td><td>{flags}</td></tr>",
                id = t.tender,
                l = lang.code(),
                title = esc(&t.title),
                ocid = esc(&t.ocid),
                status = lang.status(&t.status),
                line = esc(&t.line_code),
                estimate = amount(money, &t.estimate),
                deadline = date(t.deadline_ms),
                bids = t.bids,
                awarded = t.awarded.as_deref().map(|a| amount(money, a)).unwrap_or_else(|| lang.t("none").to_string()),
                flags = flags_of(lang, &t.flags),
            )
        })
        .collect()
}

/// `/tenders`: the list with its filters.
pub async fn tenders(State(app): State<App>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    let lang = lang_of(&q, &headers);
    html(tenders_page(&app, lang, q).await, lang)
}

async fn tenders_page(app: &App, lang: Lang, mut q: HashMap<String, String>) -> Result<(StatusCode, String), Problem> {
    q.remove("lang");
    let params = Params::check(q.clone(), &TENDER_LIST)?;
    let filter = params.filter()?;
    let (page, per_page) = params.page()?;
    let (items, total) = app.store.tenders(&filter, page, per_page).await?;
    let lines = app.store.lines().await?;
    let money = currency(&app.store).await?;
    let t = |k| lang.t(k);
    let selected = |v: &str, current: Option<&str>| if Some(v) == current { " selected" } else { "" };
    let statuses: String = ["active", "complete", "unsuccessful", "cancelled"]
        .iter()
        .map(|s| format!("<option value=\"{s}\"{}>{}</option>", selected(s, filter.status.as_deref()), lang.status(s)))
        .collect();
    let line_options: String = lines
        .iter()
        .map(|l| {
            format!(
                "<option value=\"{}\"{}>{}</option>",
                l.line,
                selected(&l.line.to_string(), filter.line.map(|x| x.to_string()).as_deref()),
                esc(&l.code)
            )
        })
        .collect();
    let value = |k: &str| q.get(k).map(|v| esc(v)).unwrap_or_default();
    let pages = total.div_ceil(per_page).max(1);
    let link = |p: u64| {
        let mut params: Vec<String> =
            q.iter().filter(|(k, _)| k.as_str() != "page").map(|(k, v)| format!("{}={}", k, urlencode(v))).collect();
        params.push(format!("page={p}"));
        params.push(format!("lang={}", lang.code()));
        format!("/tenders?{}", params.join("&amp;"))
    };
    let mut pager = String::new();
    if page > 1 {
        pager.push_str(&format!("<a href=\"{}\" rel=\"prev\">{}</a>", link(page - 1), t("previous")));
    }
    pager.push_str(&format!("<span>{} {page} {} {pages}</span>", t("page"), t("of")));
    if page < pages {
        pager.push_str(&format!("<a href=\"{}\" rel=\"next\">{}</a>", link(page + 1), t("next")));
    }
    let body = format!(
        "<h1>{title}</h1><p>{intro}</p>\
         <form class=\"filters\" method=\"get\" action=\"/tenders\" role=\"search\"><input type=\"hidden\" name=\"lang\" value=\"{l}\">\
         <label for=\"f-q\">{search}<input id=\"f-q\" name=\"q\" type=\"search\" value=\"{qv}\" maxlength=\"100\"></label>\
         <label for=\"f-status\">{status}<select id=\"f-status\" name=\"status\"><option value=\"\">{any}</option>{statuses}</select></label>\
         <label for=\"f-line\">{line}<select id=\"f-line\" name=\"line\"><option value=\"\">{any}</option>{line_options}</select></label>\
         <label for=\"f-deadline\">{deadline_before}<input id=\"f-deadline\" name=\"deadline_before\" type=\"date\" value=\"{dv}\"></label>\
         <button type=\"submit\">{filter}</button></form>\
         <p aria-live=\"polite\"><strong>{total}</strong> {results}</p>\
         <div class=\"table\"><table><caption class=\"skip\">{title}</caption><thead><tr><th scope=\"col\">{tender}</th><th scope=\"col\">{status}</th>\
         <th scope=\"col\">{line}</th><th scope=\"col\" class=\"num\">{estimate}</th><th scope=\"col\">{deadline}</th><th scope=\"col\" class=\"num\">{bids}</th>\
         <th scope=\"col\" class=\"num\">{awarded}</th><th scope=\"col\">{flags}</th></tr></thead><tbody>{rows}</tbody></table></div>\
         <nav class=\"pager\" aria-label=\"{page}\">{pager}</nav>",
        title = t("tenders"),
        intro = t("intro"),
        l = lang.code(),
        search = t("search"),
        qv = value("q"),
        status = t("status"),
        any = t("any"),
        line = t("line"),
        deadline_before = t("deadline_before"),
        dv = value("deadline_before"),
        filter = t("filter"),
        results = t("results"),
        tender = t("tender"),
        estimate = t("estimate"),
        deadline = t("deadline"),
        bids = t("bids"),
        awarded = t("awarded"),
        flags = t("flags"),
        page = t("page"),
        rows = tender_rows(lang, &money, &items),
    );
    let _ = MAX_PER_PAGE;
    Ok((StatusCode::OK, layout(lang, t("tenders"), "/tenders", &body)))
}

/// Percent-encoding for a query value.
fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// The stages of a procurement as a picture: which are done.
fn stages_svg(lang: Lang, done: usize) -> String {
    let names: [&str; 6] = match lang {
        Lang::En => ["Published", "Bids", "Evaluation", "Award", "Agreement", "Paid"],
        Lang::Zh => ["发布", "投标", "评标", "授标", "合同", "付款"],
    };
    let mut parts = String::new();
    for (i, name) in names.iter().enumerate() {
        let x = 10 + i * 110;
        let fill = if i < done { "#12355b" } else { "#ffffff" };
        let text = if i < done { "#ffffff" } else { "#1a1a1a" };
        parts.push_str(&format!(
            "<rect x=\"{x}\" y=\"8\" width=\"100\" height=\"32\" rx=\"16\" fill=\"{fill}\" stroke=\"#12355b\" stroke-width=\"2\"/>\
             <text x=\"{}\" y=\"29\" text-anchor=\"middle\" fill=\"{text}\">{name}</text>",
            x + 50
        ));
    }
    let label = names.iter().take(done).copied().collect::<Vec<_>>().join(" → ");
    format!(
        "<svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 680 48\" width=\"100%\" style=\"max-width:680px\">{parts}</svg>",
        esc(&label)
    )
}

/// `/tenders/{id}`: one tender's whole story.
pub async fn tender(
    State(app): State<App>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let lang = lang_of(&q, &headers);
    html(tender_page(&app, lang, &id).await, lang)
}

async fn tender_page(app: &App, lang: Lang, id: &str) -> Result<(StatusCode, String), Problem> {
    let id = tender_id(id)?;
    let (row, compiled) =
        app.store.tender(id).await?.ok_or_else(|| Problem { status: StatusCode::NOT_FOUND, message: format!("no tender {id}") })?;
    let money = currency(&app.store).await?;
    let timeline = app.store.timeline(id).await?;
    let t = |k| lang.t(k);
    let show = |v: &Value| v.as_str().map(|a| amount(&money, a)).unwrap_or_default();
    let when = |v: &Value| v.as_u64().map(date).unwrap_or_default();
    let kinds: Vec<&str> = timeline.iter().map(|s| s.kind.as_str()).collect();
    let done = if kinds.contains(&"paid") {
        6
    } else if kinds.contains(&"offered") {
        5
    } else if kinds.contains(&"awarded") {
        4
    } else if kinds.contains(&"committee") {
        3
    } else if kinds.contains(&"bid_sealed") {
        2
    } else {
        1
    };
    let steps: String = timeline
        .iter()
        .map(|step| {
            let mut text = esc(&crate::timeline::words(&step.kind, &step.detail, lang, &show, &when));
            if let Some(payment) = step.detail["payment"].as_str() {
                text = format!("<a href=\"/payments?tender={id}&amp;lang={}#payment-{}\">{text}</a>", lang.code(), esc(payment));
            }
            // Where the chain recorded it: `block-extrinsic`, as explorers
            // name an extrinsic (the block alone on the sandbox).
            let place = match step.extrinsic {
                Some(e) => format!("{}-{e}", step.block),
                None => step.block.to_string(),
            };
            format!(
                "<li><time datetime=\"{}\">{}</time>{text} <span class=\"muted\">· {} {place}</span></li>",
                deploy::ocds::rfc3339(step.time_ms),
                date(step.time_ms),
                lang.t("block")
            )
        })
        .collect();
    let bids: String = compiled["bids"]["details"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|b| {
            format!(
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(b["tenderers"][0]["name"].as_str().unwrap_or_default()),
                esc(b["status"].as_str().unwrap_or_default()),
                b["value"]["chainAmount"].as_str().map(|a| amount(&money, a)).unwrap_or_else(|| "—".into()),
                b["rank"].as_u64().map(|r| r.to_string()).unwrap_or_else(|| "—".into()),
            )
        })
        .collect();
    let milestones: String = compiled["contracts"][0]["milestones"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| {
            format!(
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                esc(m["title"].as_str().unwrap_or_default()),
                esc(m["dueDate"].as_str().unwrap_or_default().get(..10).unwrap_or_default()),
                m["value"]["chainAmount"].as_str().map(|a| amount(&money, a)).unwrap_or_default(),
                esc(m["status"].as_str().unwrap_or_default()),
            )
        })
        .collect();
    let flags: String = row
        .flags
        .as_object()
        .into_iter()
        .flatten()
        .map(|(code, value)| format!("<li><span class=\"flag\">{code}</span> {} ({value})</li>", esc(&lang.flag(code))))
        .collect();
    let body = format!(
        "<p><a href=\"/tenders?lang={l}\">← {tenders}</a></p><h1>{title}</h1>{stages}\
         <h2>{summary}</h2><dl class=\"facts\"><dt>{ocid_t}</dt><dd>{ocid}</dd><dt>{status_t}</dt><dd>{status}</dd><dt>{line_t}</dt><dd>{line}</dd>\
         <dt>{estimate_t}</dt><dd>{estimate}</dd><dt>{deadline_t}</dt><dd>{deadline}</dd><dt>{bids_t}</dt><dd>{bids_n}</dd>\
         <dt>{winner_t}</dt><dd>{winner}</dd><dt>{awarded_t}</dt><dd>{awarded}</dd><dt>{paid_t}</dt><dd>{paid}</dd></dl>\
         <h2>{flags_t}</h2>{flag_list}\
         <h2 id=\"timeline\">{timeline_t}</h2><ol class=\"timeline\">{steps}</ol>\
         <h2>{bids_t}</h2><div class=\"table\"><table><thead><tr><th scope=\"col\">{vendor_t}</th><th scope=\"col\">{status_t}</th><th scope=\"col\" class=\"num\">{amount_t}</th><th scope=\"col\" class=\"num\">#</th></tr></thead><tbody>{bids}</tbody></table></div>\
         {milestone_table}\
         <p><a href=\"/api/tenders/{id}\">JSON</a> · <a href=\"/ocds/record-package.json\">OCDS</a></p>",
        l = lang.code(),
        tenders = t("tenders"),
        title = esc(&row.title),
        stages = stages_svg(lang, done),
        summary = t("summary"),
        ocid_t = t("ocid"),
        ocid = esc(&row.ocid),
        status_t = t("status"),
        status = lang.status(&row.status),
        line_t = t("line"),
        line = esc(&row.line_code),
        estimate_t = t("estimate"),
        estimate = amount(&money, &row.estimate),
        deadline_t = t("deadline"),
        deadline = date(row.deadline_ms),
        bids_t = t("bids"),
        bids_n = row.bids,
        winner_t = t("winner"),
        winner = compiled["awards"]
            .as_array()
            .and_then(|a| a.iter().find(|a| a["status"] == "active"))
            .and_then(|a| a["suppliers"][0]["name"].as_str())
            .map(esc)
            .unwrap_or_else(|| t("none").into()),
        awarded_t = t("awarded"),
        awarded = row.awarded.as_deref().map(|a| amount(&money, a)).unwrap_or_else(|| t("none").into()),
        paid_t = t("paid"),
        paid = amount(&money, &row.paid),
        flags_t = t("flags"),
        flag_list = if flags.is_empty() { format!("<p>{}</p>", t("no_flags")) } else { format!("<ul>{flags}</ul>") },
        timeline_t = t("timeline"),
        vendor_t = t("vendor"),
        amount_t = t("amount"),
        milestone_table = if milestones.is_empty() {
            String::new()
        } else {
            format!(
                "<h2>{}</h2><div class=\"table\"><table><thead><tr><th scope=\"col\">#</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>{milestones}</tbody></table></div>",
                t("milestones"),
                t("due"),
                t("amount"),
                t("status")
            )
        },
    );
    Ok((StatusCode::OK, layout(lang, &row.title, &format!("/tenders/{id}"), &body)))
}

/// `/lines`: each budget line's money, as a table and a chart.
pub async fn lines(State(app): State<App>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    let lang = lang_of(&q, &headers);
    html(lines_page(&app, lang).await, lang)
}

async fn lines_page(app: &App, lang: Lang) -> Result<(StatusCode, String), Problem> {
    let money = currency(&app.store).await?;
    let lines = app.store.lines().await?;
    let t = |k| lang.t(k);
    let n = |s: &str| s.parse::<u128>().unwrap_or(0);
    let mut rows = String::new();
    let mut charts = String::new();
    for l in &lines {
        let (appropriated, reserved, committed, paid) = (n(&l.appropriated), n(&l.reserved), n(&l.committed), n(&l.paid));
        let free = appropriated.saturating_sub(reserved).saturating_sub(committed).saturating_sub(paid);
        rows.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&l.code),
            money.show(appropriated),
            money.show(paid),
            money.show(committed),
            money.show(reserved),
            money.show(free)
        ));
        let total = appropriated.max(1) as f64;
        let parts = [
            (paid, "#12355b", t("paid")),
            (committed, "#2f7ec7", t("committed")),
            (reserved, "#f5a000", t("reserved")),
            (free, "#d9dde3", t("available")),
        ];
        let mut x = 0.0;
        let mut bars = String::new();
        let mut legend = String::new();
        for (i, (value, colour, name)) in parts.iter().enumerate() {
            let w = 600.0 * (*value as f64) / total;
            bars.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"0\" width=\"{w:.1}\" height=\"28\" fill=\"{colour}\"><title>{name}: {}</title></rect>",
                money.show(*value)
            ));
            x += w;
            legend.push_str(&format!(
                "<rect x=\"{}\" y=\"40\" width=\"12\" height=\"12\" fill=\"{colour}\" stroke=\"#555\"/><text x=\"{}\" y=\"51\">{name}</text>",
                i * 150,
                i * 150 + 18
            ));
        }
        let label = format!(
            "{}: {} {}, {} {}, {} {}, {} {}",
            l.code,
            t("paid"),
            money.show(paid),
            t("committed"),
            money.show(committed),
            t("reserved"),
            money.show(reserved),
            t("available"),
            money.show(free)
        );
        charts.push_str(&format!(
            "<figure><figcaption>{}</figcaption><svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 600 56\" width=\"100%\" style=\"max-width:600px\">{bars}{legend}</svg></figure>",
            esc(&l.code),
            esc(&label)
        ));
    }
    let columns = [
        (t("line"), false),
        (t("appropriated"), true),
        (t("paid"), true),
        (t("committed"), true),
        (t("reserved"), true),
        (t("available"), true),
    ];
    let body = format!("<h1>{}</h1>{}<h2>{}</h2>{charts}", t("lines"), table(&columns, &rows), t("money_chart"));
    Ok((StatusCode::OK, layout(lang, t("lines"), "/lines", &body)))
}

/// `/payments`: every payment, each with its own anchor.
pub async fn payments(State(app): State<App>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    let lang = lang_of(&q, &headers);
    html(payments_page(&app, lang, &q).await, lang)
}

async fn payments_page(app: &App, lang: Lang, q: &HashMap<String, String>) -> Result<(StatusCode, String), Problem> {
    let params = Params::from(q.clone());
    let (page, _) = params.page()?;
    let tender = params.tender()?;
    let money = currency(&app.store).await?;
    let (items, total) = app.store.payments(tender, page, MAX_PER_PAGE).await?;
    let t = |k| lang.t(k);
    let rows: String = items
        .iter()
        .map(|p| {
            format!(
                "<tr id=\"payment-{id}\"><td>{date}</td><td><a href=\"/tenders/{tender}?lang={l}\">{ocid}</a></td><td>{payee}</td><td>{purpose}</td><td class=\"num\">{amount}</td></tr>",
                id = esc(&p.id),
                date = date(p.time_ms),
                tender = p.tender,
                l = lang.code(),
                ocid = esc(&p.ocid),
                payee = esc(&p.payee_name),
                purpose = esc(&p.purpose),
                amount = amount(&money, &p.amount)
            )
        })
        .collect();
    let columns = [(t("date"), false), (t("tender"), false), (t("payee"), false), (t("purpose"), false), (t("amount"), true)];
    let body = format!("<h1>{}</h1><p>{total}</p>{}", t("payments"), table(&columns, &rows));
    Ok((StatusCode::OK, layout(lang, t("payments"), "/payments", &body)))
}

/// `/vendors`: what each vendor bid, won and was paid.
pub async fn vendors(State(app): State<App>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    let lang = lang_of(&q, &headers);
    html(vendors_page(&app, lang).await, lang)
}

async fn vendors_page(app: &App, lang: Lang) -> Result<(StatusCode, String), Problem> {
    let money = currency(&app.store).await?;
    let t = |k| lang.t(k);
    let rows: String = app
        .store
        .vendors()
        .await?
        .iter()
        .map(|v| {
            format!(
                "<tr><th scope=\"row\">{}<br><span class=\"muted\">{}</span></th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&v.name),
                esc(&v.id),
                v.bids,
                v.won,
                amount(&money, &v.awarded),
                amount(&money, &v.paid)
            )
        })
        .collect();
    let columns = [(t("vendor"), false), (t("bids"), true), (t("won"), true), (t("awarded"), true), (t("paid"), true)];
    let body = format!("<h1>{}</h1>{}", t("vendors"), table(&columns, &rows));
    Ok((StatusCode::OK, layout(lang, t("vendors"), "/vendors", &body)))
}

/// `/flags`: the red flags of every tender and organization.
pub async fn flags(State(app): State<App>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    let lang = lang_of(&q, &headers);
    html(flags_page(&app, lang).await, lang)
}

async fn flags_page(app: &App, lang: Lang) -> Result<(StatusCode, String), Problem> {
    let t = |k| lang.t(k);
    let flags: Value = app.store.meta("flags").await?.and_then(|f| serde_json::from_str(&f).ok()).unwrap_or(Value::Null);
    let mut rows = String::new();
    for (ocid, codes) in flags["OCID"].as_object().into_iter().flatten() {
        // The ocid ends with the tender's number.
        let name = match ocid.rsplit('-').next().and_then(|n| n.parse::<u32>().ok()) {
            Some(tender) => format!("<a href=\"/tenders/{tender}?lang={}\">{}</a>", lang.code(), esc(ocid)),
            None => esc(ocid),
        };
        for (code, value) in codes.as_object().into_iter().flatten() {
            rows.push_str(&format!(
                "<tr><td>{name}</td><td><span class=\"flag\">{code}</span> {}</td><td class=\"num\">{value}</td></tr>",
                esc(&lang.flag(code))
            ));
        }
    }
    let mut orgs = String::new();
    for group in ["Buyer", "ProcuringEntity", "Tenderer"] {
        for (id, codes) in flags[group].as_object().into_iter().flatten() {
            for (code, value) in codes.as_object().into_iter().flatten() {
                orgs.push_str(&format!(
                    "<tr><td>{group}</td><td>{}</td><td><span class=\"flag\">{code}</span> {}</td><td class=\"num\">{value}</td></tr>",
                    esc(id),
                    esc(&lang.flag(code))
                ));
            }
        }
    }
    let none = || format!("<p>{}</p>", t("no_flags"));
    let by_tender = [(t("tender"), false), (t("flag"), false), (t("value"), true)];
    let by_organization = [("", false), (t("vendor"), false), (t("flag"), false), (t("value"), true)];
    let body = format!(
        "<h1>{}</h1>{}<h2>{}</h2>{}",
        t("flags"),
        if rows.is_empty() { none() } else { table(&by_tender, &rows) },
        t("overall"),
        if orgs.is_empty() { none() } else { table(&by_organization, &orgs) }
    );
    Ok((StatusCode::OK, layout(lang, t("flags"), "/flags", &body)))
}

/// `/wallet`: sealing a bid, checking a receipt, checking a tender form,
/// all in the browser (the script is `portal/wallet`).
pub async fn wallet(State(app): State<App>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    let lang = lang_of(&q, &headers);
    let publication = crate::server::publication(&app.store).await.unwrap_or(Value::Null);
    let t = |k| lang.t(k);
    let hidden = |name: &str, v: &str| format!("<input type=\"hidden\" name=\"{name}\" value=\"{}\">", esc(v));
    // `id` is `<form>-<name>`: the field's name is what follows the dash.
    let field = |id: &str, label: &str, kind: &str, extra: &str| {
        let name = id.split_once('-').map_or(id, |(_, n)| n);
        format!("<p><label for=\"{id}\">{label}</label><br><input id=\"{id}\" name=\"{name}\" type=\"{kind}\" {extra}></p>")
    };
    let body = format!(
        "<h1>{title}</h1><p>{intro}</p><noscript><p class=\"flag\">{needs_js}</p></noscript>\
         <h2>{connect_title}</h2><p><button type=\"button\" id=\"connect\">{connect_button}</button></p>\
         <p><label for=\"wallet-account\">{account_t}</label><br><select id=\"wallet-account\"></select></p>\
         <p id=\"connect-result\" class=\"result\" role=\"status\" aria-live=\"polite\"></p>\
         <h2>{roles_title}</h2><form id=\"roles\">{who}<button type=\"submit\">{roles_button}</button></form>\
         <div id=\"roles-result\" class=\"result\" role=\"status\" aria-live=\"polite\"></div>\
         <h2 id=\"seal-title\">{seal_title}</h2><form id=\"seal\">{genesis}{contract}\
         {tender}{bidder}{price}{proposal}<p class=\"muted\">{warning}</p><button type=\"submit\">{seal_button}</button></form>\
         <p id=\"seal-result\" class=\"result\" role=\"status\" aria-live=\"polite\"></p>\
         <p id=\"seal-call\" class=\"result\" role=\"status\" aria-live=\"polite\"></p>\
         <h2>{check_title}</h2><form id=\"check\">{receipt}<button type=\"submit\">{check_button}</button></form>\
         <p id=\"check-result\" class=\"result\" role=\"status\" aria-live=\"polite\"></p>\
         <h2>{rules_title}</h2><form id=\"rules\">{line}{estimate}{bond}{bidding}{reveal}{standstill}{price_weight}{quality_weight}{min_quality}{plan}{dossier}<button type=\"submit\">{rules_button}</button></form>\
         <p id=\"rules-result\" class=\"result\" role=\"status\" aria-live=\"polite\"></p>\
         <h2 id=\"act-title\">{act_title}</h2><p class=\"muted\">{act_intro}</p>\
         <form id=\"act\" data-node=\"{node}\" data-contracts=\"{contracts}\" data-symbol=\"{symbol}\" data-decimals=\"{decimals}\">\
         <p><label for=\"act-action\">{action_t}</label><br><select id=\"act-action\" required></select></p>\
         <div id=\"act-fields\"></div>\
         <p id=\"act-value-row\" hidden><label for=\"act-value\">{value_t}</label><br><input id=\"act-value\" inputmode=\"numeric\" autocomplete=\"off\"></p>\
         <button type=\"submit\" id=\"act-check\">{dry_run}</button> <button type=\"button\" id=\"act-send\" disabled>{send}</button></form>\
         <p id=\"act-result\" class=\"result\" role=\"status\" aria-live=\"polite\"></p>\
         <p id=\"act-included\" class=\"result\" role=\"status\" aria-live=\"polite\"></p>\
         <div id=\"act-events\" aria-live=\"polite\"></div>\
         <script type=\"module\" src=\"/wallet/wallet.mjs\"></script>",
        title = t("wallet"),
        intro = t("wallet_intro"),
        needs_js = t("needs_js"),
        seal_title = t("seal_title"),
        roles_title = t("roles_title"),
        connect_title = t("connect_title"),
        connect_button = t("connect_button"),
        account_t = t("account"),
        who = field("roles-account", t("lookup_account"), "text", "required autocomplete=\"off\" spellcheck=\"false\""),
        roles_button = t("roles_button"),
        genesis = hidden("genesis", publication["uri"].as_str().unwrap_or_default()),
        contract = hidden("contract", publication["contracts"]["tender"].as_str().unwrap_or_default()),
        tender = field("seal-tender", t("tender"), "number", "min=\"0\" step=\"1\" required"),
        bidder = field("seal-bidder", t("your_account"), "text", "required autocomplete=\"off\" spellcheck=\"false\""),
        price = field("seal-price", t("price_units"), "text", "inputmode=\"numeric\" pattern=\"[0-9]+\" required"),
        proposal = field("seal-proposal", t("proposal_file"), "file", "required"),
        warning = t("receipt_warning"),
        seal_button = t("seal_button"),
        check_title = t("check_title"),
        receipt = field("check-receipt", t("receipt_file"), "file", "accept=\"application/json,.json\" required"),
        check_button = t("check_button"),
        rules_title = t("rules_title"),
        estimate = field("rules-estimate", t("estimate"), "text", "inputmode=\"numeric\" pattern=\"[0-9]+\" required"),
        bond = field("rules-bond", t("bond"), "text", "inputmode=\"numeric\" pattern=\"[0-9]+\" required"),
        bidding = field("rules-bidding", t("bidding_days"), "number", "min=\"0\" value=\"14\" required"),
        reveal = field("rules-reveal", t("reveal_days"), "number", "min=\"0\" value=\"3\" required"),
        standstill = field("rules-standstill", t("standstill_days"), "number", "min=\"0\" value=\"10\" required"),
        plan = field("rules-milestones", t("plan"), "text", "value=\"30:60, 70:180\" required"),
        rules_button = t("rules_button"),
        line = field("rules-line", t("line_number"), "number", "min=\"0\" step=\"1\""),
        dossier = field("rules-dossier", t("dossier_file"), "file", ""),
        price_weight = field("rules-price_weight", t("price_weight"), "number", "min=\"0\" max=\"100\" value=\"100\" required"),
        quality_weight = field("rules-quality_weight", t("quality_weight"), "number", "min=\"0\" max=\"100\" value=\"0\" required"),
        min_quality = field("rules-min_quality", t("min_quality"), "number", "min=\"0\" max=\"100\" value=\"0\" required"),
        act_title = t("act_title"),
        act_intro = t("act_intro"),
        node = esc(app.node.as_deref().unwrap_or_default()),
        contracts = esc(&publication["contracts"].to_string()),
        symbol = esc(publication["symbol"].as_str().unwrap_or_default()),
        decimals = publication["decimals"].as_u64().unwrap_or(0),
        action_t = t("action"),
        value_t = t("value_attached"),
        dry_run = t("dry_run_button"),
        send = t("send_button"),
    );
    html(Ok((StatusCode::OK, layout(lang, t("wallet"), "/wallet", &body))), lang)
}

/// `/changes`: the governor's code and rule changes, announced before they
/// can run, so that anyone sees them coming.
pub async fn changes(State(app): State<App>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    let lang = lang_of(&q, &headers);
    html(changes_page(&app, lang).await, lang)
}

async fn changes_page(app: &App, lang: Lang) -> Result<(StatusCode, String), Problem> {
    let money = currency(&app.store).await?;
    let t = |k| lang.t(k);
    let day = |text: &Value| {
        text.as_str()
            .and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok())
            .map(|d| date(u64::try_from(d.timestamp_millis()).unwrap_or(0)))
            .unwrap_or_default()
    };
    let rows: String = app
        .store
        .changes()
        .await?
        .iter()
        .map(|c| {
            let state = match (lang, c["state"].as_str().unwrap_or_default()) {
                (Lang::En, "pending") => format!("waiting: may run from {}", day(&c["earliest"])),
                (Lang::Zh, "pending") => format!("公示中：{} 起可执行", day(&c["earliest"])),
                (Lang::En, "executed") => format!("in force since {}", day(&c["done"])),
                (Lang::Zh, "executed") => format!("{} 起生效", day(&c["done"])),
                (Lang::En, "cancelled") => format!("cancelled {}", day(&c["done"])),
                (Lang::Zh, "cancelled") => format!("{} 已撤销", day(&c["done"])),
                (Lang::En, _) => "expired without running".to_string(),
                (Lang::Zh, _) => "已过期，未执行".to_string(),
            };
            let migrated = match (lang, c["migratedFrom"].as_i64()) {
                (Lang::En, Some(from)) => format!("<br><span class=\"muted\">storage migrated from version {from}</span>"),
                (Lang::Zh, Some(from)) => format!("<br><span class=\"muted\">存储已自版本 {from} 迁移</span>"),
                _ => String::new(),
            };
            format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td></tr>",
                c["id"],
                esc(&action_words(lang, &money, &c["action"])),
                day(&c["scheduled"]),
                day(&c["earliest"]),
                day(&c["expires"]),
                esc(&state),
                migrated
            )
        })
        .collect();
    let columns = [
        (t("change"), false),
        (t("change_what"), false),
        (t("announced"), false),
        (t("earliest"), false),
        (t("last_moment"), false),
        (t("change_state"), false),
    ];
    let list = if rows.is_empty() { format!("<p>{}</p>", t("no_changes")) } else { table(&columns, &rows) };
    let body = format!("<h1>{}</h1><p>{}</p>{list}", t("changes"), t("changes_intro"));
    Ok((StatusCode::OK, layout(lang, t("changes"), "/changes", &body)))
}

/// A scheduled action (as `deploy::govern::action_json` stores it) in words.
fn action_words(lang: Lang, money: &Currency, action: &Value) -> String {
    let text = |key: &str| action[key].as_str().unwrap_or_default().to_string();
    let policy = |p: &Value| {
        let limit = amount(money, p["autoReleaseLimit"].as_str().unwrap_or_default());
        let approvals = &p["approvalsRequired"];
        match lang {
            Lang::En => format!("up to {limit} paid at once, above that {approvals} Treasurer approval(s)"),
            Lang::Zh => format!("{limit} 以内即时支付，超过须 {approvals} 名财务人员批准"),
        }
    };
    let hash = text("codeHash");
    let short = hash.get(..18).unwrap_or(&hash);
    match (lang, action["kind"].as_str().unwrap_or_default()) {
        (Lang::En, "upgrade") => format!("Replace the code of {} with {short}…", text("contract")),
        (Lang::Zh, "upgrade") => format!("将 {} 的代码替换为 {short}…", text("contract")),
        (Lang::En, "declareExclusive") => format!("Make {} and {} exclusive: no account may hold both", text("first"), text("second")),
        (Lang::Zh, "declareExclusive") => format!("设定 {} 与 {} 互斥：任何账户不得同时担任", text("first"), text("second")),
        (Lang::En, "liftExclusive") => format!("Lift the exclusivity of {} and {}", text("first"), text("second")),
        (Lang::Zh, "liftExclusive") => format!("解除 {} 与 {} 的互斥", text("first"), text("second")),
        (Lang::En, "defaultPolicy") => format!("Default payment policy: {}", policy(&action["policy"])),
        (Lang::Zh, "defaultPolicy") => format!("默认付款政策：{}", policy(&action["policy"])),
        (Lang::En, "linePolicy") if action["policy"].is_null() => {
            format!("Budget line {}: back to the default payment policy", action["line"])
        }
        (Lang::Zh, "linePolicy") if action["policy"].is_null() => format!("预算科目 {}：恢复默认付款政策", action["line"]),
        (Lang::En, "linePolicy") => format!("Budget line {}: payment policy {}", action["line"], policy(&action["policy"])),
        (Lang::Zh, "linePolicy") => format!("预算科目 {}：付款政策为{}", action["line"], policy(&action["policy"])),
        (Lang::En, "minDelay") => format!("The minimum delay becomes {} days", action["delayMs"].as_u64().unwrap_or(0) / 86_400_000),
        (Lang::Zh, "minDelay") => format!("最短公示期改为 {} 天", action["delayMs"].as_u64().unwrap_or(0) / 86_400_000),
        (Lang::En, kind) => format!("A change of kind {kind}"),
        (Lang::Zh, kind) => format!("类型为 {kind} 的变更"),
    }
}

/// `/open-data`: the downloads.
pub async fn open_data(headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    let lang = lang_of(&q, &headers);
    let t = |k| lang.t(k);
    let body = format!(
        "<h1>{}</h1><p>{}</p><h2>{}</h2><ul><li><a href=\"/ocds/release-package.json\" download>{}</a></li><li><a href=\"/ocds/record-package.json\" download>{}</a></li>\
         <li><a href=\"/api/openapi.json\">{}</a></li></ul>",
        t("open_data"),
        t("ocds_intro"),
        t("downloads"),
        t("release_package"),
        t("record_package"),
        t("api")
    );
    html(Ok((StatusCode::OK, layout(lang, t("open_data"), "/open-data", &body))), lang)
}
