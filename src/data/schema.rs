//! `data/schema.json`: the JSON Schema of the published open-data files (not of
//! the input, which `gongkai schema` prints).
//!
//! Generated with schemars from the row types in [`crate::data`], the same types
//! the files are written from, so a field added there appears here. One
//! generator collects every type into `$defs`; the root accepts either JSON
//! file (`oneOf`), and `CsvRow` describes one row of `proposals.csv`, its
//! columns listed in order in its description.

use schemars::generate::SchemaSettings;

use super::records::{CsvRow, ProposalsFile, RecordRow, ReplyRow, SessionsFile, csv_columns};
use super::units::{self, UnitsFile};
use crate::model::Site;

/// The schema document.
pub fn schema(site: &Site) -> serde_json::Value {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let proposals = generator.subschema_for::<ProposalsFile>();
    let sessions = generator.subschema_for::<SessionsFile>();
    let units_file = generator.subschema_for::<UnitsFile>();
    let csv = generator.subschema_for::<CsvRow>();
    let record = generator.subschema_for::<RecordRow>();
    let mut defs = generator.take_definitions(true);
    require_written_keys(&mut defs, def_name(&record));
    describe(
        &mut defs,
        &proposals,
        "data/proposals.json: every published record.",
    );
    describe(
        &mut defs,
        &sessions,
        "data/sessions.json: each session's declared and computed figures.",
    );
    describe(
        &mut defs,
        &units_file,
        &format!(
            "data/units.json: each unit's figures over the published records, in all and per session. \
             data/units.csv has one row per unit and session (UTF-8 with BOM, CRLF), its columns in order: {} \
             (status_<id>: hosted records in that category; on_time_rate empty where no record states both dates).",
            units::csv_columns(site).join(", ")
        ),
    );
    describe(
        &mut defs,
        &csv,
        &format!(
            "One row of data/proposals.csv (UTF-8 with BOM, CRLF, lists joined with \"；\", \
             cells that would start a formula prefixed with '). Columns in order: {}.",
            csv_columns().join(", ")
        ),
    );
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": super::absolute(site.base_url.as_ref(), "data/schema.json"),
        "title": "gongkai open data",
        "description": "The files under data/: proposals.json, sessions.json and units.json (validate with this schema), proposals.csv and units.csv (see $defs for their rows).",
        "oneOf": [proposals.to_value(), sessions.to_value(), units_file.to_value()],
        "$defs": defs,
    })
}

/// Every key the writers always write is `required` (an absent value is
/// `null`, not a missing key), except a `summary_only` record's reply keys,
/// which are left out for it. schemars leaves `Option` fields optional; this
/// states what the files actually hold.
fn require_written_keys(defs: &mut serde_json::Map<String, serde_json::Value>, record: &str) {
    let reply: Vec<String> = crate::text::json::schema_properties::<ReplyRow>();
    for (name, def) in defs.iter_mut() {
        let Some(def) = def.as_object_mut() else {
            continue;
        };
        let Some(props) = def.get("properties").and_then(|p| p.as_object()) else {
            continue;
        };
        let keys: Vec<serde_json::Value> = props
            .keys()
            .filter(|k| name != record || !reply.contains(k))
            .map(|k| k.as_str().into())
            .collect();
        def.insert("required".into(), keys.into());
    }
}

/// Sets the description of the definition a `$ref` schema points to.
fn describe(
    defs: &mut serde_json::Map<String, serde_json::Value>,
    reference: &schemars::Schema,
    text: &str,
) {
    if let Some(def) = defs
        .get_mut(def_name(reference))
        .and_then(|d| d.as_object_mut())
    {
        def.insert("description".into(), text.into());
    }
}

/// The definition a `$ref` schema points to (`#/$defs/RecordRow` → `RecordRow`).
fn def_name(reference: &schemars::Schema) -> &str {
    reference
        .get("$ref")
        .and_then(|r| r.as_str())
        .and_then(|r| r.rsplit('/').next())
        .unwrap_or_default()
}

/// `data/schema.json`, pretty-printed.
pub fn schema_json(site: &Site) -> Vec<u8> {
    let pretty = serde_json::to_string_pretty(&schema(site)).unwrap_or_default();
    // `<`, `>` and `&` appear only inside strings (JSON's syntax has none), so
    // escaping them in the text gives the same escapes as every other JSON
    // file of the site (see `crate::text::json`): a description may write
    // `status_<id>` without a raw tag character reaching a reader.
    let mut text = pretty
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    text.push('\n');
    text.into_bytes()
}
