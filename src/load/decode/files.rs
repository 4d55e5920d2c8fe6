//! One `decode_*` function for each kind of file (`site.yaml`, a session, a
//! record), each asking the [`Decoder`] for its fields one by one: their list
//! is the file kind's complete field list (the module comment of
//! `decode/mod.rs` says why).

use std::collections::{BTreeMap, BTreeSet};

use super::{Decoder, Located};
use crate::content::spill::Stored;
use crate::content::{
    self, Attachment, Category, Contact, Declared, Disclosure, Filing, Kind, NavLink, Outcome,
    OutcomeState, Prose, RecordFile, Satisfaction, SessionFile, SiteConfig,
};
use crate::diagnostic::{Diagnostics, Problem, Source};
use crate::yaml::{Node, Value};

/// Decodes `content/site.yaml`.
pub fn decode_site(
    source: &Source,
    node: &Node,
    diags: &mut Diagnostics,
) -> Option<Located<SiteConfig>> {
    let mut d = Decoder::new(source, diags);
    let site = (|| {
        let mut f = d.mapping(node, "")?;
        let title = d.required_text(&mut f, "title");
        // Optional: without it the site is built with relative links only (W009).
        let base_url = d.optional_text(&mut f, "base_url");
        let language = d
            .optional_text(&mut f, "language")
            .unwrap_or_else(content::site::default_language);
        let theme = d
            .optional_text(&mut f, "theme")
            .unwrap_or_else(content::site::default_theme);
        let description = d.optional_text(&mut f, "description");
        let owner = d.required_text(&mut f, "owner");
        let operator = d.required_text(&mut f, "operator");
        let filing = match d.get(&mut f, "filing") {
            Some(n) => decode_filing(&mut d, n),
            None => {
                d.missing(&f, "filing");
                None
            }
        }
        .unwrap_or_else(|| Filing {
            icp: String::new(),
            police: String::new(),
            site_code: String::new(),
        });
        let contact = d
            .get(&mut f, "contact")
            .and_then(|n| decode_contact(&mut d, n));
        let nav = d.list(&mut f, "nav", |d, n, path| {
            let mut g = d.mapping(n, &path)?;
            let title = d.required_text(&mut g, "title");
            let url = d.required_text(&mut g, "url");
            d.close(g);
            Some(NavLink {
                title: title?,
                url: url?,
            })
        });
        let copyright = d.optional_text(&mut f, "copyright");
        let given = f
            .entries
            .iter()
            .any(|(k, n)| k.text == "categories" && n.value != Value::Null);
        let mut seen = BTreeSet::new();
        let listed = d.list(&mut f, "categories", |d, n, path| {
            decode_category(d, n, path, &mut seen)
        });
        let categories = if given {
            listed
        } else {
            content::default_categories()
        };
        d.retired(&mut f, "status_labels", status_labels_replacement);
        let public_contacts = d.text_list(&mut f, "public_contacts");
        let slugs = d
            .text_map(&mut f, "slugs")
            .into_iter()
            .map(|(k, v, _)| (k, v))
            .collect();
        let government_mark_url = d.optional_text(&mut f, "government_mark_url");
        let error_report_url = d.optional_text(&mut f, "error_report_url");
        let feed_entries = d.count(&mut f, "feed_entries");
        let reply_within_days = d
            .days(&mut f, "reply_within_days")
            .unwrap_or(content::site::DEFAULT_REPLY_WITHIN_DAYS);
        d.close(f);
        Some(SiteConfig {
            title: title.unwrap_or_default(),
            base_url: base_url.unwrap_or_default(),
            language,
            theme,
            description,
            owner: owner.unwrap_or_default(),
            operator: operator.unwrap_or_default(),
            filing,
            contact,
            nav,
            copyright,
            categories,
            public_contacts,
            slugs,
            government_mark_url,
            error_report_url,
            feed_entries,
            reply_within_days,
        })
    })();
    d.finish(site)
}

/// One of `site.yaml`'s `categories`. Its id must be a URL part
/// (`/status/<id>/`) and unique; `seen` holds the ids before it.
fn decode_category(
    d: &mut Decoder<'_>,
    node: &Node,
    path: String,
    seen: &mut BTreeSet<String>,
) -> Option<Category> {
    let mut f = d.mapping(node, &path)?;
    let id = d.required_text(&mut f, "id");
    let label = d.required_text(&mut f, "label");
    let meaning = d.optional_text(&mut f, "meaning");
    let not_feasible = d.flag(&mut f, "not_feasible");
    d.close(f);
    let id = id?;
    let pos = d.positions.get(&format!("{path}.id")).copied();
    if !valid_category_id(&id) {
        d.report(
            Problem::BadCategoryId { id: id.clone() },
            pos.unwrap_or(node.pos),
        );
    } else if !seen.insert(id.clone()) {
        d.report(
            Problem::DuplicateCategory { id: id.clone() },
            pos.unwrap_or(node.pos),
        );
    }
    Some(Category {
        id,
        label: label?,
        meaning,
        not_feasible,
    })
}

/// A category id: lower-case ASCII letters, digits, `-` and `_`, starting with
/// a letter or digit (the default ids include `in_progress`).
fn valid_category_id(id: &str) -> bool {
    id.len() <= 64
        && id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// The `categories` list that says what an old `status_labels` said: the
/// default categories, each label replaced as `status_labels` replaced it
/// (its meaning kept unless the new label already says it).
fn status_labels_replacement(node: &Node) -> String {
    let overrides: BTreeMap<&str, String> = match &node.value {
        Value::Map(entries) => entries
            .iter()
            .map(|(k, v)| (k.text.as_str(), v.value.scalar_text()))
            .collect(),
        _ => BTreeMap::new(),
    };
    let items: Vec<String> = content::default_categories()
        .into_iter()
        .map(|c| {
            let (label, meaning) = match overrides.get(c.id.as_str()) {
                Some(label) if c.meaning.as_deref().is_some_and(|m| label.contains(m)) => {
                    (label.clone(), None)
                }
                Some(label) => (label.clone(), c.meaning.clone()),
                None => (c.label.clone(), c.meaning.clone()),
            };
            let mut item = format!("{{id: {}, label: {}", c.id, flow_scalar(&label));
            if let Some(m) = meaning {
                item.push_str(&format!(", meaning: {}", flow_scalar(&m)));
            }
            if c.not_feasible {
                item.push_str(", not_feasible: true");
            }
            item.push('}');
            item
        })
        .collect();
    format!("categories: [{}]", items.join(", "))
}

/// A value inside a YAML flow mapping: plain when safe, else double-quoted.
fn flow_scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.starts_with(|c: char| c.is_whitespace() || "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !text.ends_with(char::is_whitespace)
        && !text.contains([',', '[', ']', '{', '}', '#', ':', '"']);
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_default()
    }
}

fn decode_filing(d: &mut Decoder<'_>, node: &Node) -> Option<Filing> {
    let mut f = d.mapping(node, "filing")?;
    let icp = d.required_text(&mut f, "icp");
    let police = d.required_text(&mut f, "police");
    let site_code = d.required_text(&mut f, "site_code");
    d.close(f);
    Some(Filing {
        icp: icp.unwrap_or_default(),
        police: police.unwrap_or_default(),
        site_code: site_code.unwrap_or_default(),
    })
}

fn decode_contact(d: &mut Decoder<'_>, node: &Node) -> Option<Contact> {
    let mut f = d.mapping(node, "contact")?;
    let contact = Contact {
        phone: d.optional_text(&mut f, "phone"),
        email: d.optional_text(&mut f, "email"),
        address: d.optional_text(&mut f, "address"),
    };
    d.close(f);
    Some(contact)
}

/// Decodes a session file.
pub fn decode_session(
    source: &Source,
    node: &Node,
    diags: &mut Diagnostics,
) -> Option<Located<SessionFile>> {
    let mut d = Decoder::new(source, diags);
    let session = (|| {
        let mut f = d.mapping(node, "")?;
        let body = d.required_text(&mut f, "body");
        let year = d.year(&mut f, "year");
        let name = d.required_text(&mut f, "name");
        let overview = d.optional_text(&mut f, "overview");
        let methods = d.optional_text(&mut f, "methods");
        let shortcomings = d.optional_text(&mut f, "shortcomings");
        let next_steps = d.optional_text(&mut f, "next_steps");
        let declared = match d.get(&mut f, "declared") {
            Some(Node {
                value: Value::Null, ..
            })
            | None => Some(Declared::default()),
            Some(n) => decode_declared(&mut d, n),
        };
        d.close(f);
        Some(SessionFile {
            body: body.unwrap_or_default(),
            // A stand-in year (the session's year is only used by the model).
            year: year.unwrap_or(1949),
            name: name.unwrap_or_default(),
            overview,
            methods,
            shortcomings,
            next_steps,
            declared: declared.unwrap_or_default(),
        })
    })();
    d.finish(session)
}

fn decode_declared(d: &mut Decoder<'_>, node: &Node) -> Option<Declared> {
    let mut f = d.mapping(node, "declared")?;
    let declared = Declared {
        recommendations: d.count(&mut f, "recommendations"),
        proposals: d.count(&mut f, "proposals"),
        suggestions: d.count(&mut f, "suggestions"),
        key: d.count(&mut f, "key"),
        not_feasible: d.count(&mut f, "not_feasible"),
        reply_rate: d.rate(&mut f, "reply_rate"),
        meeting_rate: d.rate(&mut f, "meeting_rate"),
        satisfaction_rate: d.rate(&mut f, "satisfaction_rate"),
    };
    d.close(f);
    Some(declared)
}

/// Decodes a record file.
pub fn decode_record(
    source: &Source,
    node: &Node,
    diags: &mut Diagnostics,
) -> Option<Located<RecordFile>> {
    let mut d = Decoder::new(source, diags);
    let record = (|| {
        let mut f = d.mapping(node, "")?;
        let kind = d.required_keyword(&mut f, "kind", Kind::parse_printed, Kind::printed_keywords);
        let session = d.required_text(&mut f, "session");
        let title = d.required_text(&mut f, "title");
        // Published as folded (`第４号` → `第4号`): one number, one spelling.
        let number = d
            .optional_text(&mut f, "number")
            .map(|n| content::fold::number(&n));
        let index_no = d.optional_text(&mut f, "index_no");
        let proposers = d.text_list(&mut f, "proposers");
        let key = d.flag(&mut f, "key");
        let lead_official = d.optional_text(&mut f, "lead_official");
        let host_unit = d.optional_text(&mut f, "host_unit");
        let co_units = d.text_list(&mut f, "co_units");
        let topics = d.text_list(&mut f, "topics");
        let status = d.optional_text(&mut f, "status");
        let status_reason = d.optional_text(&mut f, "status_reason");
        let assigned_on = d.date(&mut f, "assigned_on");
        let replied = d.optional_flag(&mut f, "replied");
        let replied_on = d.date(&mut f, "replied_on");
        let met_proposer = d.optional_flag(&mut f, "met_proposer");
        let satisfaction = d.keyword(
            &mut f,
            "satisfaction",
            Satisfaction::parse_printed,
            Satisfaction::printed_keywords,
        );
        let disclosure = d.required_keyword(
            &mut f,
            "disclosure",
            Disclosure::parse,
            Disclosure::keywords,
        );
        let disclosure_reason = d.optional_text(&mut f, "disclosure_reason");
        let request = d.optional_text(&mut f, "request");
        let summary = d.optional_text(&mut f, "summary");
        let reply = d.optional_text(&mut f, "reply");
        let outcomes = d.list(&mut f, "outcomes", decode_outcome);
        let published_on = d.date(&mut f, "published_on");
        let draft = d.flag(&mut f, "draft");
        let attachments = d.list(&mut f, "attachments", |d, n, path| {
            let mut g = d.mapping(n, &path)?;
            let title = d.required_text(&mut g, "title");
            let file = d.required_text(&mut g, "file");
            d.close(g);
            Some(Attachment {
                title: title?,
                file: file?,
            })
        });
        d.close(f);
        // Stand-ins for wrong required fields; `broken` names them.
        Some(RecordFile {
            kind: kind.unwrap_or(Kind::Proposal),
            session: session.unwrap_or_default(),
            title: title.unwrap_or_default(),
            number,
            index_no,
            proposers,
            key,
            lead_official,
            host_unit,
            co_units,
            topics,
            status,
            assigned_on,
            replied,
            replied_on,
            met_proposer,
            satisfaction,
            disclosure: disclosure.unwrap_or(Disclosure::Withheld),
            prose: Stored::new(Prose {
                status_reason,
                disclosure_reason,
                request,
                summary,
                reply,
                outcomes,
            }),
            published_on,
            draft,
            attachments,
        })
    })();
    d.finish(record)
}

fn decode_outcome(d: &mut Decoder<'_>, node: &Node, path: String) -> Option<Outcome> {
    let mut f = d.mapping(node, &path)?;
    let date = d.partial_date(&mut f, "date");
    let heading = d.optional_text(&mut f, "heading");
    let text = d.required_text(&mut f, "text");
    let state = d.keyword(&mut f, "state", OutcomeState::parse, OutcomeState::keywords);
    d.retired(&mut f, "planned", |node| match node.value {
        Value::Bool(false) => "state: done / state: ongoing".into(),
        _ => "state: planned".into(),
    });
    d.close(f);
    Some(Outcome {
        date,
        heading,
        text: text?,
        state,
    })
}
