//! The architecture rule: data flows one way, and so do the imports.
//!
//! The allowed arrows between the top-level modules of `src/` are written once,
//! as the "Allowed imports" table of docs/dev/architecture.md, beside the
//! explanation of why. This test parses that table, reads every `crate::` path
//! in `src/` (in code and in doc comments; `use crate::{a, b::{c, d}}` groups and
//! `pub(crate) use` included), and fails on each arrow the table does not
//! allow, naming the file and line. It also fails when a top-level module is
//! missing from the table (or the table names one that is gone), and when the
//! table itself allows a cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const CHAPTER: &str = "docs/dev/architecture.md";
const HEADING: &str = "## Allowed imports";

/// The table: each module's layer, and what it may use (layer names expanded).
#[derive(Debug)]
struct Rules {
    layer: BTreeMap<String, String>,
    allowed: BTreeMap<String, BTreeSet<String>>,
}

/// Reads the first table under [`HEADING`]: `| module | layer | may use |`,
/// where *may use* lists modules in backticks and layer names without.
fn parse_rules(markdown: &str) -> Result<Rules, String> {
    let start = markdown
        .find(HEADING)
        .ok_or_else(|| format!("{CHAPTER} has no `{HEADING}` section"))?;
    let rows: Vec<Vec<String>> = markdown[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2) // the header and the |---| line
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect();
    if rows.is_empty() {
        return Err(format!("no table under `{HEADING}` in {CHAPTER}"));
    }
    let unquote = |s: &str| s.trim().trim_matches('`').to_string();
    let mut layer = BTreeMap::new();
    let mut wanted: Vec<(String, Vec<(String, bool)>)> = Vec::new();
    for row in &rows {
        let [module, row_layer, uses] = &row[..] else {
            return Err(format!("a row of the table has not three cells: {row:?}"));
        };
        let module = unquote(module);
        if layer.insert(module.clone(), row_layer.clone()).is_some() {
            return Err(format!("`{module}` has two rows"));
        }
        let names = uses
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| (unquote(n), n.starts_with('`')))
            .collect();
        wanted.push((module, names));
    }
    let mut allowed = BTreeMap::new();
    for (module, names) in wanted {
        let mut set = BTreeSet::new();
        for (name, is_module) in names {
            if is_module {
                if !layer.contains_key(&name) {
                    return Err(format!("`{module}` may use `{name}`, which has no row"));
                }
                set.insert(name);
            } else {
                let members: Vec<&String> = layer
                    .iter()
                    .filter(|(_, l)| **l == name)
                    .map(|(m, _)| m)
                    .collect();
                if members.is_empty() {
                    return Err(format!(
                        "`{module}` may use layer {name}, which has no module"
                    ));
                }
                set.extend(members.into_iter().filter(|m| **m != module).cloned());
            }
        }
        allowed.insert(module, set);
    }
    Ok(Rules { layer, allowed })
}

/// A cycle the table allows, if any (as the modules around it).
fn cycle(allowed: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        m: &str,
        allowed: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == m) {
            let mut around = path[i..].to_vec();
            around.push(m.to_string());
            return Some(around);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for next in allowed.get(m).into_iter().flatten() {
            if let Some(c) = visit(next, allowed, done, path) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    allowed
        .keys()
        .find_map(|m| visit(m, allowed, &mut done, &mut Vec::new()))
}

/// The top-level module a file under `src/` belongs to (`render/views.rs` →
/// `render`, `validate.rs` → `validate`); `None` for the crate roots.
fn top_module(rel: &str) -> Option<String> {
    let first = rel.split('/').next()?;
    if rel == "lib.rs" || rel == "main.rs" {
        return None;
    }
    Some(first.strip_suffix(".rs").unwrap_or(first).to_string())
}

/// Every `crate::` path of `text`, as (line, first segment): one per name of a
/// `crate::{…}` group, however nested.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let bytes = text.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let line_at = |i: usize| text[..i].bytes().filter(|b| *b == b'\n').count() + 1;
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("crate::") {
        let start = from + at;
        from = start + "crate::".len();
        if start > 0 && ident(bytes[start - 1]) {
            continue; // `foo_crate::`, not the crate root
        }
        let rest = &text[from..];
        if rest.starts_with('{') {
            // The names at depth one of the group, each with its own line.
            let mut depth = 0;
            let mut expect_name = true;
            for (i, c) in rest.char_indices() {
                match c {
                    '{' => {
                        depth += 1;
                        expect_name = depth == 1;
                    }
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => expect_name = true,
                    c if expect_name && depth == 1 && (c.is_ascii_alphabetic() || c == '_') => {
                        let name: String = rest[i..]
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                            .collect();
                        found.push((line_at(from + i), name));
                        expect_name = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push((line_at(start), name));
            }
        }
    }
    found
}

/// Each arrow of `files` (path under `src/`, text) the rules do not allow.
fn violations(files: &[(String, String)], rules: &Rules) -> Vec<String> {
    let mut out = Vec::new();
    for (path, text) in files {
        let Some(from) = top_module(path) else {
            continue;
        };
        let Some(allowed) = rules.allowed.get(&from) else {
            out.push(format!(
                "src/{path}: module `{from}` has no row in the table of {CHAPTER}"
            ));
            continue;
        };
        for (line, to) in crate_paths(text) {
            if to != from && rules.layer.contains_key(&to) && !allowed.contains(&to) {
                out.push(format!(
                    "src/{path}:{line}: `{from}` ({}) may not use `{to}` ({}); see `{HEADING}` in {CHAPTER}",
                    rules.layer[&from], rules.layer[&to]
                ));
            }
        }
    }
    out
}

fn read_src(dir: &Path, rel: &str, files: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let rel = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        if path.is_dir() {
            read_src(&path, &rel, files);
        } else if rel.ends_with(".rs") {
            files.push((rel, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

fn rules() -> Rules {
    let chapter = crate::support::read_repo(CHAPTER);
    parse_rules(&chapter).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn src_follows_the_allowed_imports() {
    let rules = rules();
    let mut files = Vec::new();
    read_src(&crate::support::repo("src"), "", &mut files);
    assert!(files.len() > 50, "read {} files", files.len());

    let modules: BTreeSet<String> = files.iter().filter_map(|(p, _)| top_module(p)).collect();
    let rows: BTreeSet<String> = rules.layer.keys().cloned().collect();
    let stale: Vec<&String> = rows.difference(&modules).collect();
    assert!(
        stale.is_empty(),
        "{CHAPTER} has rows for modules that are gone: {stale:?}"
    );

    let found = violations(&files, &rules);
    assert!(
        found.is_empty(),
        "{} import(s) against the architecture:\n{}",
        found.len(),
        found.join("\n")
    );
    if let Some(c) = cycle(&rules.allowed) {
        panic!("the table of {CHAPTER} allows a cycle: {}", c.join(" → "));
    }
}

/// The checker itself, on a made-up file set: it must catch what it is for.
#[test]
fn a_forbidden_import_is_named_by_file_and_line() {
    let rules = rules();
    let files = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect()
    };
    let allowed = files(&[
        (
            "render/mod.rs",
            "use crate::model::Site;\nuse crate::text::markdown;\n",
        ),
        (
            "output/mod.rs",
            "use crate::{render, search::Plan, data};\n",
        ),
        (
            "validate.rs",
            "use crate::model::{Categories, slug::valid_slug};\n",
        ),
        (
            "render/views/x.rs",
            "use super::super::Renderer;\nuse crate::render::chart;\n",
        ),
        ("lib.rs", "pub mod render;\n"),
    ]);
    assert_eq!(violations(&allowed, &rules), Vec::<String>::new());

    // A sibling producer, the face, a later stage: each caught, with its line.
    let wrong = files(&[
        (
            "search/document.rs",
            "//! Text.\n\nuse crate::render::markdown;\n",
        ),
        (
            "validate.rs",
            "use crate::{\n    content::Kind,\n    render::{theme, Labels},\n};\n",
        ),
        (
            "render/mod.rs",
            "pub(crate) use crate::output::write_site;\n",
        ),
        ("serve/rebuild.rs", "fn f() { crate::cmd::run(); }\n"),
        (
            "model/mod.rs",
            "/// Read by [`crate::render`].\npub struct Site;\n",
        ),
        (
            "load/mod.rs",
            "use crate::{self as root, model::{Site, Kind}};\n",
        ),
    ]);
    let found = violations(&wrong, &rules);
    let expected = [
        "src/search/document.rs:3: `search` (producers) may not use `render` (producers)",
        "src/validate.rs:3: `validate` (validate) may not use `render` (producers)",
        "src/render/mod.rs:1: `render` (producers) may not use `output` (output)",
        "src/serve/rebuild.rs:1: `serve` (face) may not use `cmd` (face)",
        "src/model/mod.rs:1: `model` (model) may not use `render` (producers)",
        "src/load/mod.rs:1: `load` (input) may not use `model` (model)",
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for (f, e) in found.iter().zip(expected) {
        assert!(f.starts_with(e), "{f}\n  expected: {e}");
    }

    // A new top-level module must be given a row.
    let new = files(&[("shortcut.rs", "use crate::model::Site;\n")]);
    assert_eq!(
        violations(&new, &rules),
        [format!(
            "src/shortcut.rs: module `shortcut` has no row in the table of {CHAPTER}"
        )]
    );
}

#[test]
fn crate_paths_reads_groups_and_lines() {
    let text = "use crate::a::b;\nuse crate::{\n    c,\n    d::{e, f::{g, h}},\n    self,\n};\nlet x = my_crate::z;\n$crate::m!();\n";
    assert_eq!(
        crate_paths(text),
        [
            (1, "a".to_string()),
            (3, "c".to_string()),
            (4, "d".to_string()),
            (5, "self".to_string()),
            (8, "m".to_string()),
        ]
    );
}

#[test]
fn a_table_that_allows_a_cycle_is_refused() {
    let table = "## Allowed imports\n\n| module | layer | may use |\n|---|---|---|\n\
        | `a` | low | `b` |\n| `b` | low | `c` |\n| `c` | low | `a` |\n| `d` | high | low |\n";
    let rules = parse_rules(table).unwrap();
    assert_eq!(rules.allowed["d"].len(), 3);
    assert_eq!(
        cycle(&rules.allowed),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let acyclic = table.replace("| `c` | low | `a` |", "| `c` | low | |");
    assert_eq!(cycle(&parse_rules(&acyclic).unwrap().allowed), None);
    assert!(parse_rules("## Allowed imports\n\nno table\n").is_err());
    assert!(parse_rules(&table.replace("| `d` | high | low |", "| `d` | high | `zz` |")).is_err());
}
