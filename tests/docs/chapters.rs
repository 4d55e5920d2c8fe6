//! The documentation says what the program does, and holds together:
//!
//! - the diagnostics chapter (`docs/diagnostics.md`) lists every code gongkai
//!   can print, and no other — webmasters look codes up there;
//! - the import chapter (`docs/import.md`) lists every spreadsheet header the
//!   importer knows, in the row of its field;
//! - every relative link in `README*.md` and `docs/**/*.md` names a file that
//!   exists, and its `#anchor`, if any, a heading of that file;
//! - the README, the front door, stays under 15 KB;
//! - messages and the files `init` writes point webmasters to chapters that
//!   exist, never to the README;
//! - the YAML examples of the content reference (`docs/content.md`) — the full
//!   record, the session file, the `site.yaml` fragments — build as written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use gongkai::diagnostic::{Lang, Problem};
use gongkai::import::columns::Field;

use crate::support::{Fixture, read_repo as read, repo};

/// The repository root.
fn root() -> PathBuf {
    repo("")
}

/// The codes (`E012`, `W001`) written in a text.
fn codes_in(text: &str) -> BTreeSet<String> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3))
        .filter(|&i| {
            matches!(bytes[i], b'E' | b'W')
                && bytes[i + 1..i + 4].iter().all(u8::is_ascii_digit)
                && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
                && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_alphanumeric())
        })
        .map(|i| text[i..i + 4].to_string())
        .collect()
}

#[test]
fn the_diagnostics_chapter_lists_every_code() {
    let listed = codes_in(&read("docs/diagnostics.md"));
    let catalogue = Problem::catalogue();
    let missing: Vec<String> = catalogue
        .iter()
        .filter(|p| !listed.contains(p.code()))
        .map(|p| format!("{}  {}", p.code(), p.message(Lang::En)))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/diagnostics.md lacks {} code(s):\n{}",
        missing.len(),
        missing.join("\n")
    );
    let known: BTreeSet<&str> = catalogue.iter().map(|p| p.code()).collect();
    let stale: Vec<&String> = listed
        .iter()
        .filter(|c| !known.contains(c.as_str()))
        .collect();
    assert!(
        stale.is_empty(),
        "docs/diagnostics.md lists codes gongkai never prints: {stale:?}"
    );
}

#[test]
fn the_import_chapter_lists_every_header() {
    let chapter = read("docs/import.md");
    // `| `title` | 标题、案由、… |` → title → {标题, 案由, …}
    let rows: BTreeMap<String, BTreeSet<String>> = chapter
        .lines()
        .filter_map(|line| {
            let mut cells = line.split('|').map(str::trim).skip(1);
            let field = cells.next()?.strip_prefix('`')?.strip_suffix('`')?;
            let names = cells.next()?.split('、').map(str::to_string).collect();
            Some((field.to_string(), names))
        })
        .collect();
    for (field, names) in Field::all_headers() {
        let listed = rows
            .get(field.name())
            .unwrap_or_else(|| panic!("docs/import.md has no row for `{}`", field.name()));
        let names: BTreeSet<String> = names.iter().map(|n| n.to_string()).collect();
        assert_eq!(
            listed,
            &names,
            "docs/import.md's headers for `{}`",
            field.name()
        );
    }
}

#[test]
fn the_readme_is_under_15_kb() {
    let bytes = std::fs::metadata(root().join("README.md")).unwrap().len();
    assert!(bytes < 15 * 1024, "README.md has {bytes} bytes");
}

/// `README*.md` at the root and every `.md` file under `docs/`.
fn markdown_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("README") && name.ends_with(".md")
        })
        .collect();
    walk(&root().join("docs"), &mut out);
    out.sort();
    out
}

/// The text outside fenced code blocks, with inline code spans blanked, so
/// that code showing Markdown is not read as links or headings.
fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            out.push('\n');
            continue;
        }
        if fenced {
            out.push('\n');
            continue;
        }
        let mut in_code = false;
        for c in line.chars() {
            if c == '`' {
                in_code = !in_code;
            }
            out.push(if in_code || c == '`' { ' ' } else { c });
        }
        out.push('\n');
    }
    out
}

/// The link targets of a Markdown text: `[text](target)`, `![alt](target)`,
/// and `src="…"` / `href="…"` of inline HTML.
fn links(text: &str) -> Vec<String> {
    let text = prose(text);
    let mut out = Vec::new();
    for (i, _) in text.match_indices("](") {
        let rest = &text[i + 2..];
        if let Some(end) = rest.find(')') {
            out.push(rest[..end].trim().to_string());
        }
    }
    for attr in ["src=\"", "href=\""] {
        for (i, _) in text.match_indices(attr) {
            let rest = &text[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_string());
            }
        }
    }
    out
}

/// The anchors of a Markdown file's headings, as GitHub and mdBook make them:
/// lower case, letters (any script), digits, `-` and `_` kept, spaces turned
/// into `-`, everything else dropped; a repeated anchor gets `-1`, `-2`, ….
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen = BTreeMap::<String, usize>::new();
    let mut out = BTreeSet::new();
    for line in prose(text).lines() {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if hashes == 0 || hashes > 6 || !line[hashes..].starts_with(' ') {
            continue;
        }
        let heading = line[hashes..].trim().trim_end_matches('#').trim();
        let slug: String = heading
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect();
        let n = seen.entry(slug.clone()).or_insert(0);
        out.insert(if *n == 0 {
            slug.clone()
        } else {
            format!("{slug}-{n}")
        });
        *n += 1;
    }
    out
}

#[test]
fn relative_links_in_the_docs_resolve() {
    let files = markdown_files();
    assert!(files.len() > 10, "{files:?}");
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let name = file.strip_prefix(root()).unwrap().display().to_string();
        for target in links(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            checked += 1;
            if target.starts_with('/') {
                broken.push(format!("{name}: {target} (not relative)"));
                continue;
            }
            let (path, anchor) = match target.split_once('#') {
                Some((p, a)) => (p, Some(a)),
                None => (target.as_str(), None),
            };
            let resolved = if path.is_empty() {
                file.clone()
            } else {
                file.parent().unwrap().join(path)
            };
            if !resolved.exists() {
                broken.push(format!("{name}: {target} (no such file)"));
                continue;
            }
            if let Some(anchor) = anchor {
                let heads = std::fs::read_to_string(&resolved)
                    .map(|t| anchors(&t))
                    .unwrap_or_default();
                if !heads.contains(anchor) {
                    broken.push(format!("{name}: {target} (no such heading)"));
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} links found");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn anchors_are_made_as_github_makes_them() {
    let text = "# 指南\n## 2. 替换示例值\n## 站点文件 site.yaml\n## 三态事实：写明的才说\n\
                ## Where the time and memory go\n## Search\n## Search\n```\n# not a heading\n```\n";
    let got = anchors(text);
    for want in [
        "指南",
        "2-替换示例值",
        "站点文件-siteyaml",
        "三态事实写明的才说",
        "where-the-time-and-memory-go",
        "search",
        "search-1",
    ] {
        assert!(got.contains(want), "{want} in {got:?}");
    }
    assert!(!got.contains("not-a-heading"));
}

/// The `docs/….md` paths in a text.
fn doc_paths(text: &str) -> Vec<&str> {
    text.match_indices("docs/")
        .map(|(i, _)| {
            let rest = &text[i..];
            let end = rest.find(".md").map_or(rest.len(), |e| e + 3);
            &rest[..end]
        })
        .collect()
}

#[test]
fn messages_and_scaffolds_point_to_chapters_that_exist() {
    let mut texts: Vec<(String, String)> = Problem::catalogue()
        .iter()
        .flat_map(|p| {
            [Lang::Zh, Lang::En].map(|lang| (format!("{} ({lang:?})", p.code()), p.message(lang)))
        })
        .collect();
    for scaffold in ["site", "session", "record"] {
        let file = format!("src/cmd/scaffold/{scaffold}.yaml");
        texts.push((file.clone(), read(&file)));
    }
    let mut pointers = 0;
    for (what, text) in &texts {
        assert!(
            !text.contains("README"),
            "{what} points to the README; name its chapter in docs/ instead: {text}"
        );
        for path in doc_paths(text) {
            pointers += 1;
            assert!(
                root().join(path).is_file(),
                "{what} names {path}, which does not exist"
            );
        }
    }
    // E002, E013 (en and zh), W070 (en and zh) and site.yaml's header at least.
    assert!(pointers >= 7, "{pointers} pointers into docs/");
}

/// The ```` ```yaml ```` blocks of a Markdown text, in order.
fn yaml_blocks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut block: Option<String> = None;
    for line in text.lines() {
        let fence = line.trim_start().starts_with("```");
        match (&mut block, fence) {
            (None, true) if line.trim() == "```yaml" => block = Some(String::new()),
            (Some(body), true) => {
                out.push(std::mem::take(body));
                block = None;
            }
            (Some(body), false) => {
                body.push_str(line);
                body.push('\n');
            }
            _ => {}
        }
    }
    out
}

/// The value of a top-level `key: value` line, comment dropped.
fn top_value<'a>(yaml: &'a str, key: &str) -> Option<&'a str> {
    yaml.lines().find_map(|l| {
        let v = l.strip_prefix(key)?.strip_prefix(':')?;
        Some(v.split(" #").next().unwrap_or("").trim())
    })
}

/// The `id`s of a `categories:` fragment written as flow mappings (`- {id: jia, …}`).
fn category_ids(yaml: &str) -> Vec<&str> {
    yaml.lines()
        .filter_map(|l| {
            let rest = &l[l.find("{id:")? + 4..];
            Some(rest.split([',', '}']).next()?.trim())
        })
        .collect()
}

/// The examples of docs/content.md are what webmasters copy: each must load,
/// validate and build with no diagnostic. The full record example (with the
/// attachment it names) and the session example are built with the plain
/// site.yaml and with each site.yaml fragment (`categories`, `public_contacts`)
/// added to it; on a site with its own categories the record takes the
/// category at the place its `status` has in the defaults (`in_progress` →
/// `yi`), as the chapter tells it to. A field renamed or dropped in the loader,
/// or written wrong in the chapter, fails here.
#[test]
fn the_content_reference_examples_build() {
    let chapter = read("docs/content.md");
    let (mut records, mut sessions, mut fragments) = (Vec::new(), Vec::new(), Vec::new());
    for block in yaml_blocks(&chapter) {
        if top_value(&block, "kind").is_some() {
            records.push(block);
        } else if top_value(&block, "body").is_some() {
            sessions.push(block);
        } else if top_value(&block, "categories").is_some()
            || top_value(&block, "public_contacts").is_some()
        {
            fragments.push(block);
        } else {
            panic!("docs/content.md has a YAML example this test does not build:\n{block}");
        }
    }
    assert_eq!(records.len(), 1, "one full record example");
    assert_eq!(sessions.len(), 1, "one session example");
    assert!(fragments.len() >= 3, "{fragments:?}");
    let (record, session) = (&records[0], &sessions[0]);
    let session_id = top_value(record, "session").unwrap();
    let status = top_value(record, "status").unwrap();
    let defaults = category_ids(&fragments[0]);
    assert_eq!(
        defaults,
        ["solved", "in_progress", "not_feasible", "reference"],
        "the first categories example shows the defaults"
    );
    let place = defaults.iter().position(|id| *id == status).unwrap();

    for fragment in std::iter::once("").chain(fragments.iter().map(String::as_str)) {
        let ids = category_ids(fragment);
        let status = ids.get(place).copied().unwrap_or(status);
        let record = record.replace(
            &format!("\nstatus: {}", top_value(record, "status").unwrap()),
            &format!("\nstatus: {status}"),
        );
        let f = Fixture::empty();
        f.site(&format!("{}{fragment}", crate::support::SITE))
            .session(session_id, session)
            .record("2019/0012", &record);
        for file in record
            .lines()
            .filter_map(|l| l.trim().strip_prefix("file:"))
        {
            f.write(
                &format!("content/proposals/2019/{}", file.trim()),
                "%PDF-1.4\n",
            );
        }
        let run = f.check();
        run.assert_exit(0);
        assert!(
            run.headlines().is_empty(),
            "with the fragment\n{fragment}\n{}",
            run.stderr
        );
        f.build().assert_exit(0);

        // What the example states reaches the page and the open data.
        let data: serde_json::Value =
            serde_json::from_slice(&std::fs::read(f.path("public/data/proposals.json")).unwrap())
                .unwrap();
        let row = &data["records"][0];
        assert_eq!(row["id"], "2019/0012");
        assert_eq!(row["status"], status);
        if fragment.is_empty() {
            assert_eq!(row["status_label"], "B类（正在解决或列入计划解决）");
        }
        let page =
            std::fs::read_to_string(f.path("public/proposals/2019/0012/index.html")).unwrap();
        for shown in [
            row["status_label"].as_str().unwrap(),
            top_value(record.as_str(), "title").unwrap(),
            "答复全文",
            "已完成",
            "正在推进",
            "计划",
            "PDF，1 KB",
        ] {
            assert!(page.contains(shown), "the record page shows {shown}");
        }
    }
}
