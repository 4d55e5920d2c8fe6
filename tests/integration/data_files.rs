//! The machine-readable outputs, read back with real parsers: open data (JSON
//! with serde_json, CSV with the csv crate), the Atom feed and the sitemap (XML
//! with roxmltree), robots.txt — checked field by field against the fixture in
//! `tests/fixtures/outputs`, whose withheld, draft and summary-only records
//! carry `LEAK-` markers that must reach no output file.

use std::collections::BTreeMap;
use std::path::PathBuf;

use gongkai::data::records::{BOM, csv_columns};
use gongkai::data::sitemap::{self, MAX_URLS, Url};
use gongkai::pipeline::{self, BuildOptions};
use serde_json::Value;

use crate::support::file_text;

const BASE: &str = "https://www.gongkai.test/jytabl/";

fn fixture() -> PathBuf {
    crate::support::repo("tests/fixtures/outputs")
}

/// Builds the fixture into a fresh folder; returns every output file by path.
fn build() -> BTreeMap<String, Vec<u8>> {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    pipeline::build(&BuildOptions::new(fixture()), &out, |_| {})
        .unwrap_or_else(|e| panic!("fixture build failed: {e:?}"));
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&out).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// The keys of a JSON object in the order written.
struct KeyOrder(Vec<String>);

impl<'de> serde::Deserialize<'de> for KeyOrder {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = KeyOrder;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<KeyOrder, A::Error> {
                let mut keys = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    keys.push(k);
                }
                Ok(KeyOrder(keys))
            }
        }
        d.deserialize_map(Visitor)
    }
}

fn json(files: &BTreeMap<String, Vec<u8>>, path: &str) -> Value {
    serde_json::from_str(file_text(files, path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The published records of the fixture, newest first.
const PUBLISHED: [&str; 5] = [
    "2020/0001", // 2020-07-15
    "2019/0002", // published 2019-10-08
    "2019/0001", // 2019-09-22
    "2019/0003", // 2019-08-01, summary_only
    "2019/0004", // undated
];

#[test]
fn proposals_json_holds_every_published_field() {
    let files = build();
    let doc = json(&files, "data/proposals.json");
    assert_eq!(doc["site"]["title"], "测试区建议提案办理结果公开");
    assert_eq!(doc["site"]["url"], BASE);
    let records = doc["records"].as_array().unwrap();
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, PUBLISHED);

    let r = &records[2];
    let expected = serde_json::json!({
        "id": "2019/0001",
        "url": format!("{BASE}proposals/2019/0001/"),
        "disclosure": "public",
        "kind": "recommendation",
        "kind_label": "建议案",
        "session": "2019-zx",
        "session_name": "区政协九届三次会议",
        "year": 2019,
        "number": "第1号",
        "index_no": "011234567/2019-00001",
        "title": "关于推进医联体建设的建议案",
        "proposers": ["王某某", "李某某"],
        "key": true,
        "lead_official": "张副区长",
        "host_unit": "区卫生健康局",
        "co_units": ["区民政局", "区财政局"],
        "topics": ["医疗卫生", "养老服务"],
        "status": "solved",
        "status_label": "A类（已解决或基本解决）",
        "assigned_on": null,
        "replied": true,
        "replied_on": "2019-09-22",
        "handling_days": null,
        "on_time": null,
        "met_proposer": true,
        "satisfaction": "satisfied",
        "published_on": "2019-09-22",
        "summary": "我们高度重视，组织专题研究。\n\n投入资金400余万元，建成医联体3个。",
        "disclosure_reason": null,
        "status_reason": null,
        "request": "建议加快医联体建设，\"让群众少跑腿\"，\n并完善双向转诊。",
        "reply": "王某某、李某某委员：\n\n您提出的建议案收悉，现答复如下。",
        "outcomes": [
            {"date": "2019-07", "heading": "医联体顶层设计", "text": "出台实施方案，明确责任分工。", "state": null},
            {"date": "2020", "heading": null, "text": "预计明年底前实现全覆盖。", "state": "planned"},
        ],
        "attachments": [
            {"title": "答复函", "url": format!("{BASE}proposals/2019/0001/reply.pdf"), "format": "PDF", "bytes": 17},
        ],
    });
    assert_eq!(r, &expected);
    // Key order as written (serde_json's Value would sort it): one record a line.
    let line = file_text(&files, "data/proposals.json")
        .lines()
        .find(|l| l.contains("\"id\":\"2019/0001\""))
        .unwrap()
        .trim_end_matches(',');
    let keys: KeyOrder = serde_json::from_str(line).unwrap();
    assert_eq!(
        keys.0,
        csv_columns(),
        "JSON keys and CSV columns share one order"
    );

    // The undated record: nulls, not missing keys; what it does not state is
    // null, never false or a default.
    let undated = &records[4];
    assert_eq!(undated["replied_on"], Value::Null);
    assert_eq!(undated["replied"], Value::Null);
    assert_eq!(undated["met_proposer"], Value::Null);
    assert_eq!(undated["satisfaction"], Value::Null);
    assert_eq!(undated["published_on"], Value::Null);
    assert_eq!(undated["number"], Value::Null);
    assert_eq!(undated["proposers"], serde_json::json!([]));
    // The category in the same wording as the pages.
    assert_eq!(undated["status_label"], "B类（正在解决或列入计划解决）");
}

#[test]
fn summary_only_records_carry_metadata_only() {
    let files = build();
    let doc = json(&files, "data/proposals.json");
    let r = doc["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "2019/0003")
        .unwrap()
        .as_object()
        .unwrap()
        .clone();
    assert_eq!(r["disclosure"], "summary_only");
    assert_eq!(r["title"], "关于加强校园周边交通管理的建议");
    assert_eq!(r["status"], "not_feasible");
    assert_eq!(r["replied_on"], "2019-08-01");
    // 摘要公开: the summary and why the full reply is withheld are published…
    assert_eq!(r["summary"], "已在校园周边增设护学岗。");
    assert_eq!(r["disclosure_reason"], "答复全文涉及学生个人信息。");
    // …the full reply and the rest are not.
    for withheld in [
        "status_reason",
        "request",
        "reply",
        "outcomes",
        "attachments",
    ] {
        assert!(!r.contains_key(withheld), "{withheld} published: {r:?}");
    }
}

#[test]
fn proposals_csv_opens_in_a_spreadsheet() {
    let files = build();
    let bytes = &files["data/proposals.csv"];
    assert!(bytes.starts_with(BOM), "UTF-8 byte-order mark for Excel");
    let body = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
    assert!(
        body.contains("关于推进医联体建设的建议案"),
        "Chinese intact"
    );
    assert!(body.contains("\r\n"), "CRLF line ends");

    let mut reader = csv::Reader::from_reader(&bytes[BOM.len()..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers, csv_columns());
    assert_eq!(headers[..3], ["id", "url", "disclosure"]);
    let rows: Vec<BTreeMap<String, String>> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            assert_eq!(r.len(), headers.len());
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, PUBLISHED);

    let r = &rows[2];
    assert_eq!(r["url"], format!("{BASE}proposals/2019/0001/"));
    assert_eq!(r["proposers"], "王某某；李某某");
    assert_eq!(r["co_units"], "区民政局；区财政局");
    assert_eq!(r["topics"], "医疗卫生；养老服务");
    assert_eq!(r["key"], "true");
    assert_eq!(r["year"], "2019");
    assert_eq!(r["replied"], "true");
    assert_eq!(r["replied_on"], "2019-09-22");
    assert_eq!(r["status_label"], "A类（已解决或基本解决）");
    assert_eq!(
        r["reply"],
        "王某某、李某某委员：\n\n您提出的建议案收悉，现答复如下。"
    );
    assert_eq!(
        r["request"], "建议加快医联体建设，\"让群众少跑腿\"，\n并完善双向转诊。",
        "quotes and newlines survive quoting"
    );
    assert_eq!(
        r["outcomes"],
        "2019-07 医联体顶层设计：出台实施方案，明确责任分工。；2020 预计明年底前实现全覆盖。（计划）",
        "an outcome's state in words, none where it is not stated"
    );
    assert_eq!(
        r["attachments"],
        format!("答复函 {BASE}proposals/2019/0001/reply.pdf")
    );

    let so = &rows[3];
    assert_eq!(so["disclosure"], "summary_only");
    assert_eq!(so["summary"], "已在校园周边增设护学岗。");
    assert_eq!(so["disclosure_reason"], "答复全文涉及学生个人信息。");
    for withheld in [
        "status_reason",
        "request",
        "reply",
        "outcomes",
        "attachments",
    ] {
        assert_eq!(so[withheld], "", "{withheld} of a summary_only record");
    }
    // Not stated: an empty cell, never "false".
    let undated = &rows[4];
    for unstated in ["replied", "replied_on", "met_proposer", "satisfaction"] {
        assert_eq!(undated[unstated], "", "{unstated} is not stated");
    }
}

#[test]
fn csv_cells_never_start_a_formula() {
    let files = build();
    let bytes = &files["data/proposals.csv"];
    let mut reader = csv::Reader::from_reader(&bytes[BOM.len()..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut injected = None;
    for record in reader.records() {
        let record = record.unwrap();
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula cell {cell:?}"
            );
        }
        if record.get(0) == Some("2019/0002") {
            injected = Some(
                headers
                    .iter()
                    .cloned()
                    .zip(record.iter().map(String::from))
                    .collect::<BTreeMap<_, _>>(),
            );
        }
    }
    let r = injected.expect("the formula-injection record");
    assert_eq!(
        r["title"],
        "'=HYPERLINK(\"http://evil.example/\",\"点我\")关于农贸市场的建议"
    );
    assert_eq!(r["number"], "'+12");
    assert_eq!(r["proposers"], "'+86 王委员；-李委员；@张委员");
    assert_eq!(r["lead_official"], "'-某某");
    assert_eq!(r["host_unit"], "'@区商务局");
    assert_eq!(r["co_units"], "'=区市场监督管理局");
    assert_eq!(r["status_reason"], "'=受土地条件限制");
    assert_eq!(
        r["summary"],
        "'-已纳入中长期规划，逗号, 引号\" 换行\n第二行"
    );

    // JSON is not a spreadsheet: its values stay as written.
    let doc = json(&files, "data/proposals.json");
    let j = doc["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "2019/0002")
        .unwrap();
    assert_eq!(j["proposers"][0], "+86 王委员");
    assert_eq!(j["host_unit"], "@区商务局");
}

#[test]
fn sessions_json_gives_declared_and_computed_figures() {
    let files = build();
    let doc = json(&files, "data/sessions.json");
    let sessions = doc["sessions"].as_array().unwrap();
    let ids: Vec<&str> = sessions.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["2020-rd", "2019-zx"]);

    let rd = &sessions[0];
    assert_eq!(rd["url"], format!("{BASE}sessions/2020-rd/"));
    assert_eq!(rd["body"], "区人大");
    assert_eq!(rd["name"], "十八届五次会议");
    assert_eq!(rd["year"], 2020);
    assert_eq!(rd["declared"]["suggestions"], 2);
    assert_eq!(rd["declared"]["proposals"], Value::Null);
    assert_eq!(rd["declared"]["reply_rate"], 100.0);
    assert_eq!(rd["covers"], true);
    assert_eq!(rd["published"], 1, "the withheld record is not published");
    let c = &rd["computed"];
    assert_eq!(c["records"], 2, "the withheld record is counted");
    assert_eq!(c["suggestions"], 2);
    assert_eq!(c["not_feasible"], 1);
    assert_eq!(
        c["categories"][1],
        serde_json::json!({"id": "in_progress", "label": "B类（正在解决或列入计划解决）", "records": 1})
    );
    assert_eq!(c["no_category"], 0);
    assert_eq!(c["reply_stated"], 2);
    assert_eq!(c["reply_rate"], 100.0);
    assert_eq!(c["meeting_rate"], 100.0);
    assert_eq!(c["satisfaction_rate"], 50.0);

    let zx = &sessions[1];
    assert_eq!(zx["covers"], false);
    assert_eq!(zx["published"], 4, "the draft is not counted");
    assert_eq!(zx["declared"]["proposals"], 54);
    assert_eq!(zx["computed"]["records"], 4);
    assert_eq!(zx["computed"]["recommendations"], 1);
    assert_eq!(zx["computed"]["proposals"], 3);
    assert_eq!(zx["computed"]["key"], 1);
    assert_eq!(
        zx["computed"]["reply_rate"],
        Value::Null,
        "no computed rate for a session the records do not cover"
    );
    assert_eq!(
        zx["from_published"],
        Value::Null,
        "it declares figures: no rate from its published records"
    );
}

/// Checks `value` against a schema, as far as the open-data schema uses JSON
/// Schema: objects (every key declared, required keys present), arrays, enums
/// and consts, `type`, `anyOf`/`oneOf` and `$ref` into `$defs`.
fn conforms(value: &Value, schema: &Value, defs: &Value, at: &str) -> Result<(), String> {
    let schema = resolve(schema, defs);
    if let Some(any) = schema.get("anyOf").or_else(|| schema.get("oneOf")) {
        let options = any.as_array().unwrap();
        return options
            .iter()
            .find(|o| conforms(value, o, defs, at).is_ok())
            .map(|_| ())
            .ok_or_else(|| format!("{at}: {value} fits none of {any}"));
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_f64() => "number",
            Value::Number(_) => "integer",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        let ok = types.contains(&actual) || (actual == "integer" && types.contains(&"number"));
        if !ok {
            return Err(format!("{at}: {actual} where the schema says {t}"));
        }
    }
    if let Some(c) = schema.get("const")
        && c != value
    {
        return Err(format!("{at}: {value} is not {c}"));
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
        && !allowed.contains(value)
    {
        return Err(format!("{at}: {value} not in {allowed:?}"));
    }
    match value {
        Value::Object(map) => {
            let props = schema["properties"]
                .as_object()
                .ok_or_else(|| format!("{at}: no properties in {schema}"))?;
            for (k, v) in map {
                let p = props
                    .get(k)
                    .ok_or_else(|| format!("{at}.{k} is not in the schema"))?;
                conforms(v, p, defs, &format!("{at}.{k}"))?;
            }
            for req in schema["required"].as_array().into_iter().flatten() {
                if !map.contains_key(req.as_str().unwrap()) {
                    return Err(format!("{at}: required {req} missing"));
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                conforms(v, &schema["items"], defs, &format!("{at}[{i}]"))?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn resolve<'a>(schema: &'a Value, defs: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap();
            resolve(&defs[name], defs)
        }
        None => schema,
    }
}

#[test]
fn schema_describes_the_published_files() {
    let files = build();
    let schema = json(&files, "data/schema.json");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["$id"], format!("{BASE}data/schema.json"));
    let defs = &schema["$defs"];
    let one_of = schema["oneOf"].as_array().unwrap();
    assert_eq!(one_of.len(), 3);
    conforms(
        &json(&files, "data/proposals.json"),
        &one_of[0],
        defs,
        "proposals",
    )
    .unwrap();
    conforms(
        &json(&files, "data/sessions.json"),
        &one_of[1],
        defs,
        "sessions",
    )
    .unwrap();
    conforms(&json(&files, "data/units.json"), &one_of[2], defs, "units").unwrap();
    // Keys always written are required; a summary_only record's reply keys are not.
    let required: Vec<&str> = defs["RecordRow"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(required.contains(&"number") && required.contains(&"published_on"));
    assert!(required.contains(&"summary") && required.contains(&"disclosure_reason"));
    assert!(!required.contains(&"reply") && !required.contains(&"attachments"));
    // The schema is strict enough to refuse what is not published.
    let mut wrong = json(&files, "data/proposals.json");
    wrong["records"][0]["disclosure"] = "withheld".into();
    assert!(conforms(&wrong, &one_of[0], defs, "proposals").is_err());
    let mut wrong = json(&files, "data/proposals.json");
    wrong["records"][0]["draft"] = true.into();
    assert!(conforms(&wrong, &one_of[0], defs, "proposals").is_err());
    // The CSV row definition lists every column, in order.
    let csv_def = &defs["CsvRow"];
    let props: Vec<&String> = csv_def["properties"].as_object().unwrap().keys().collect();
    let mut columns = csv_columns();
    let listed = csv_def["description"].as_str().unwrap();
    assert!(listed.contains(&columns.join(", ")), "{listed}");
    columns.sort();
    assert_eq!(props, columns.iter().collect::<Vec<_>>());
    // Not the input schema: the published files have no `disclosure: withheld`
    // and no `draft` field.
    let text = file_text(&files, "data/schema.json");
    assert!(
        !text.contains("withheld\""),
        "withheld is not a published value"
    );
    assert!(!text.contains("\"draft\""));
}

fn xml(files: &BTreeMap<String, Vec<u8>>, path: &str) -> roxmltree::Document<'static> {
    let owned: &'static str = Box::leak(file_text(files, path).to_string().into_boxed_str());
    roxmltree::Document::parse(owned).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    node.children()
        .find(|c| c.has_tag_name((ATOM, name)) || c.has_tag_name(name))
}

fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
    child(node, name)
        .and_then(|c| c.text())
        .unwrap_or_else(|| panic!("no <{name}> text"))
}

#[test]
fn atom_feed_is_valid_and_bounded() {
    let files = build();
    let doc = xml(&files, "atom.xml");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    assert_eq!(child_text(feed, "id"), BASE);
    assert_eq!(child_text(feed, "title"), "测试区建议提案办理结果公开");
    assert_eq!(
        child_text(feed, "subtitle"),
        "公开 <区> 人民政府办理建议 & 提案的结果",
        "hostile text escaped and read back"
    );
    let author = child(feed, "author").expect("a feed author");
    assert_eq!(
        child_text(author, "name"),
        "测试区人民政府办公室 & \"办公室\""
    );
    let links: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "link")))
        .collect();
    let self_link = links
        .iter()
        .find(|l| l.attribute("rel") == Some("self"))
        .expect("rel=self");
    assert_eq!(
        self_link.attribute("href"),
        Some(&*format!("{BASE}atom.xml"))
    );
    assert_eq!(child_text(feed, "updated"), "2020-07-15T00:00:00+08:00");

    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .collect();
    assert_eq!(entries.len(), 3, "feed_entries: 3 bounds the feed");
    let ids: Vec<&str> = entries.iter().map(|e| child_text(*e, "id")).collect();
    let expected: Vec<String> = PUBLISHED[..3]
        .iter()
        .map(|id| format!("{BASE}proposals/{id}/"))
        .collect();
    assert_eq!(ids, expected, "newest first");
    for e in &entries {
        for required in ["id", "title", "updated", "summary"] {
            assert!(child(*e, required).is_some(), "entry without <{required}>");
        }
        let link = child(*e, "link").expect("entry link");
        assert_eq!(link.attribute("href"), Some(child_text(*e, "id")));
        assert!(link.attribute("href").unwrap().starts_with("https://"));
    }
    let first = entries[0];
    assert_eq!(child_text(first, "title"), "关于增设公交线路的建议");
    assert_eq!(child_text(first, "updated"), "2020-07-15T00:00:00+08:00");
    assert_eq!(child_text(first, "published"), "2020-07-15T00:00:00+08:00");
    assert!(child_text(first, "summary").contains("区交通运输局"));
    assert!(child_text(first, "summary").contains("已开通2条线路"));
    assert_eq!(
        child_text(entries[1], "title"),
        "=HYPERLINK(\"http://evil.example/\",\"点我\")关于农贸市场的建议"
    );
    assert_eq!(
        child_text(entries[1], "updated"),
        "2019-10-08T00:00:00+08:00"
    );
    let topics: Vec<&str> = entries[2]
        .children()
        .filter(|c| c.has_tag_name((ATOM, "category")))
        .filter_map(|c| c.attribute("term"))
        .collect();
    assert_eq!(topics, ["医疗卫生", "养老服务"]);
}

#[test]
fn sitemap_lists_every_page_with_content_dates() {
    let files = build();
    let doc = xml(&files, "sitemap.xml");
    let set = doc.root_element();
    assert!(set.has_tag_name(("http://www.sitemaps.org/schemas/sitemap/0.9", "urlset")));
    let urls: BTreeMap<&str, Option<&str>> = set
        .children()
        .filter(|c| c.is_element())
        .map(|u| {
            let loc = child(u, "loc").and_then(|l| l.text()).unwrap();
            (loc, child(u, "lastmod").and_then(|l| l.text()))
        })
        .collect();
    // Every HTML page written is listed, and nothing else.
    let pages: Vec<String> = files
        .keys()
        .filter_map(|p| p.strip_suffix("index.html"))
        .filter(|p| p.is_empty() || p.ends_with('/'))
        .map(|p| format!("{BASE}{p}"))
        .collect();
    let listed: Vec<String> = urls.keys().map(|u| u.to_string()).collect();
    // Each once: the 404 page (path "" like the home page) once made the home
    // page's URL appear twice.
    let entries = set.children().filter(|c| c.is_element()).count();
    assert_eq!(entries, urls.len(), "a URL listed twice");
    let mut pages_sorted = pages.clone();
    pages_sorted.sort();
    assert_eq!(listed, pages_sorted);
    for id in PUBLISHED {
        assert!(
            urls.contains_key(&*format!("{BASE}proposals/{id}/")),
            "{id}"
        );
    }
    let date = |id: &str| urls[&*format!("{BASE}proposals/{id}/")];
    assert_eq!(date("2019/0001"), Some("2019-09-22"));
    assert_eq!(date("2019/0002"), Some("2019-10-08"), "published_on wins");
    assert_eq!(date("2019/0004"), None, "an undated record has no lastmod");
    assert_eq!(urls[BASE], None);
}

#[test]
fn robots_txt_points_to_the_sitemap() {
    let files = build();
    let robots = file_text(&files, "robots.txt");
    let lines: Vec<&str> = robots.lines().collect();
    assert_eq!(lines[0], "User-agent: *");
    assert!(lines.contains(&"Disallow:"));
    assert!(lines.contains(&&*format!("Sitemap: {BASE}sitemap.xml")));
}

#[test]
fn pages_link_the_feed() {
    let files = build();
    let home = file_text(&files, "index.html");
    assert!(
        home.contains("application/atom+xml") && home.contains("atom.xml"),
        "the feed is discoverable from the page head"
    );
}

#[test]
fn sitemap_splits_above_fifty_thousand_urls() {
    // A generated URL list (a 50,001-page build is too slow for the suite); the
    // writer is the same one the build uses.
    let urls: Vec<Url> = (0..MAX_URLS + 1)
        .map(|i| Url {
            loc: format!("{BASE}proposals/{}/{:05}/", 2000 + i % 20, i),
            lastmod: Some(jiff::civil::date(2000 + (i % 20) as i16, 1, 1)),
        })
        .collect();
    let files: BTreeMap<String, Vec<u8>> =
        sitemap::split(&gongkai::base_url::BaseUrl::parse(BASE).unwrap(), &urls)
            .into_iter()
            .collect();
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]
    );
    let index = xml(&files, "sitemap.xml");
    let root = index.root_element();
    assert!(root.has_tag_name((
        "http://www.sitemaps.org/schemas/sitemap/0.9",
        "sitemapindex"
    )));
    let parts: Vec<(&str, &str)> = root
        .children()
        .filter(|c| c.is_element())
        .map(|s| {
            (
                child(s, "loc").and_then(|l| l.text()).unwrap(),
                child(s, "lastmod").and_then(|l| l.text()).unwrap(),
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            (&*format!("{BASE}sitemap-1.xml"), "2019-01-01"),
            (&*format!("{BASE}sitemap-2.xml"), "2000-01-01"),
        ]
    );
    let mut all = Vec::new();
    for (name, expected) in [("sitemap-1.xml", MAX_URLS), ("sitemap-2.xml", 1)] {
        let doc = xml(&files, name);
        let locs: Vec<String> = doc
            .root_element()
            .children()
            .filter(|c| c.is_element())
            .map(|u| child(u, "loc").and_then(|l| l.text()).unwrap().to_string())
            .collect();
        assert_eq!(locs.len(), expected, "{name}");
        all.extend(locs);
    }
    let expected: Vec<String> = urls.iter().map(|u| u.loc.clone()).collect();
    assert_eq!(all, expected, "every URL once, in order");
}

#[test]
fn withheld_and_draft_data_reaches_no_output_file() {
    let files = build();
    let markers = [
        "LEAK-",
        // The withheld record's and the draft's ids, dates and attachment names.
        "2020/0002",
        "2019/0005",
        "2020-11-11",
        "2020-12-31",
        "2021-03-03",
        "2021-04-04",
        "wh-secret",
        "so-secret",
        "draft-secret",
    ];
    for (path, bytes) in &files {
        let content = String::from_utf8_lossy(bytes);
        for marker in markers {
            assert!(!content.contains(marker), "{marker} leaked into {path}");
        }
        assert!(!path.contains("secret"), "{path} copied");
    }
    for path in [
        "data/proposals.json",
        "data/proposals.csv",
        "data/sessions.json",
        "data/schema.json",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(files.contains_key(path), "{path} was checked");
    }
}

#[test]
fn two_builds_give_identical_files() {
    let a = build();
    let b = build();
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(b[path] == *bytes, "{path} differs between builds");
    }
}

#[test]
fn the_open_data_chapter_lists_the_csv_columns_in_order() {
    // docs/data.md's column table: the rows whose first cell is a number.
    let chapter = std::fs::read_to_string(crate::support::repo("docs/data.md")).unwrap();
    let listed: Vec<String> = chapter
        .lines()
        .filter_map(|l| {
            let mut cells = l.split('|').map(str::trim).skip(1);
            let n = cells.next()?;
            let col = cells.next()?;
            (n.parse::<usize>().is_ok()).then(|| col.trim_matches('`').to_string())
        })
        .collect();
    assert_eq!(listed, csv_columns());
}
