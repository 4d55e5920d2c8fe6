//! The input files, as typed Rust values: the public contract of `content/`.
//!
//! These types are what a webmaster writes. Their field names, meanings and
//! defaults are documented in `docs/content.md`, and the JSON Schema printed by
//! `gongkai schema` is generated from them, so the doc comments
//! here are what editors show as completion hints. They are filled by the
//! loader's decoder (`load/decode/`), which checks every field and collects
//! every mistake; nothing here is ever deserialised straight from YAML.
//!
//! No stage after `model` imports this module: a record's `withheld` parts stop
//! at the model, which builds the published view, and the domain words defined
//! here (kind, disclosure, dates…) reach the later stages re-exported by the
//! model (docs/dev/architecture.md). A record's long texts ([`Prose`]) wait in
//! a spill file during a build ([`spill`]); the later stages read them back
//! through the model's published view.

pub mod filing;
pub mod fold;
mod keyword;
pub mod placeholder;
pub(crate) mod record;
mod session;
pub(crate) mod site;
pub mod spill;

pub use keyword::{Disclosure, Kind, OutcomeState, Satisfaction, printed_bool};
pub use record::{Attachment, Outcome, PartialDate, Prose, ProseOutline, RecordFile, Replied};
pub use session::{Declared, SessionFile};
pub use site::{Category, Contact, Filing, NavLink, SiteConfig, default_categories};

/// A calendar date written `YYYY-MM-DD` in the YAML files.
pub type Date = jiff::civil::Date;

/// The JSON Schema of the three input file kinds, keyed by file kind
/// (`site`, `session`, `record`), for editors' YAML completion.
///
/// Each type's schema comes with its own `$defs` (`Category`, `Outcome`, …) and
/// refers to them as `#/$defs/Name`. Nested under the root, those references
/// would resolve against the root document, so the definitions are hoisted into
/// the root's `$defs` beside the three file kinds.
pub fn input_schema() -> serde_json::Value {
    let mut defs = serde_json::Map::new();
    let kinds = [
        ("site", schemars::schema_for!(SiteConfig)),
        ("session", schemars::schema_for!(SessionFile)),
        ("record", schemars::schema_for!(RecordFile)),
    ];
    for (kind, schema) in kinds {
        let mut value = schema.to_value();
        if let Some(object) = value.as_object_mut() {
            object.remove("$schema");
            if let Some(serde_json::Value::Object(nested)) = object.remove("$defs") {
                for (name, def) in nested {
                    // One name, one type: the same definition if two kinds share it.
                    debug_assert!(defs.get(&name).is_none_or(|d| *d == def), "{name}");
                    defs.insert(name, def);
                }
            }
        }
        defs.insert(kind.to_string(), value);
    }
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "gongkai content files",
        "description": "content/site.yaml (site), content/sessions/<id>.yaml (session), content/proposals/<dir>/<name>.yaml (record)",
        "$defs": defs,
        "oneOf": [
            {"$ref": "#/$defs/site"},
            {"$ref": "#/$defs/session"},
            {"$ref": "#/$defs/record"},
        ],
    })
}

/// Named here too: the loader's field lists are tested against it.
pub use crate::text::json::schema_properties;

/// Schema helper: dates are strings in `YYYY-MM-DD` form.
pub(crate) fn date_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "string",
        "format": "date",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    })
}
