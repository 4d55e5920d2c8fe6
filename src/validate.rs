//! Stage 2, validate: the checks that need more than one field — references
//! between files, formats of the filing numbers, attachments, slugs, and the
//! session figures — each reported with the file and position it concerns.
//!
//! Field-level problems (types, unknown fields, bad keywords) were already
//! reported by [`crate::load::decode`]; this stage adds to the same list, so one
//! run reports everything.
//!
//! The personal-data check (E049, [`personal_data`]) is its own file: it reads
//! every published text, where the others compare fields.

mod memo;
mod personal_data;

use memo::Check;
pub use memo::Memo;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::base_url::{BaseUrl, is_http_url};
use crate::content::filing::{PoliceNumber, safe_link, valid_icp, valid_site_code};
use crate::content::fold::number_key;
use crate::content::placeholder;
use crate::content::{Disclosure, Prose, SiteConfig};

use crate::diagnostic::{Diagnostic, Diagnostics, IoFailure, Problem};
use crate::load::{Content, LoadedRecord, Located};
use crate::model::Categories;
use crate::model::figures::{self, Counts, Disagreement, Facts};
use crate::model::slug::valid_slug;
use crate::model::taxonomy::{TaxonomyKind, slug_for};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Runs every cross-file check, adding to `diags`. `languages` are the
/// languages the embedded theme has labels for (the caller asks the theme:
/// this stage comes before rendering and does not reach into it).
pub fn validate(content: &Content, languages: &[&'static str], diags: &mut Diagnostics) {
    validate_with(content, languages, None, None, diags);
}

/// [`validate`] and then [`check_placeholders`], as a build runs them, each
/// record's text read back once for the two scans of it ([`ReadOnce`]);
/// with a `memo`, reusing the per-record results kept from the last run for
/// the records that did not change (`serve`; see [`memo`]). Reports the same
/// diagnostics in the same order as the two alone.
pub fn validate_all(
    content: &Content,
    languages: &[&'static str],
    strict: bool,
    memo: Option<&Memo>,
    diags: &mut Diagnostics,
) {
    if let Some(memo) = memo {
        memo.begin(content, strict);
    }
    let read_once = ReadOnce::new(strict);
    validate_with(content, languages, memo, Some(&read_once), diags);
    check_placeholders_with(content, strict, memo, Some(&read_once), diags);
    if let Some(memo) = memo {
        memo.end();
    }
}

/// The diagnostics of one per-record `check` for every record, in order:
/// from `memo` where it holds them, else computed (in parallel).
fn per_record(
    content: &Content,
    memo: Option<&Memo>,
    check: Check,
    compute: impl Fn(&LoadedRecord) -> Diagnostics + Sync,
) -> Vec<Diagnostics> {
    match memo {
        Some(memo) => memo.per_record(check, &content.records, compute),
        None => content.records.par_iter().map(|r| compute(r)).collect(),
    }
}

fn validate_with(
    content: &Content,
    languages: &[&'static str],
    memo: Option<&Memo>,
    read_once: Option<&ReadOnce>,
    diags: &mut Diagnostics,
) {
    if let Some(site) = &content.site {
        check_site(site, &content.root, languages, diags);
    }
    // The site's categories, when `site.yaml` gave a list that decoded whole:
    // records are checked against it. Without one, figures count by the
    // default list and record categories are not judged.
    let categories = content
        .site
        .as_ref()
        .filter(|s| !s.is_broken("categories"))
        .map(|s| Categories::new(&s.value.categories, &s.value.language));
    check_records(content, categories.as_ref(), memo, diags);
    check_numbers(content, memo, diags);
    let counting = categories
        .unwrap_or_else(|| Categories::new(&crate::content::default_categories(), "zh-CN"));
    check_figures(content, &counting, memo, diags);
    if let Some(site) = &content.site {
        check_slugs(content, site, diags);
    }
    personal_data::check(content, memo, read_once, diags);
}

fn check_site(
    site: &Located<SiteConfig>,
    root: &Path,
    languages: &[&'static str],
    diags: &mut Diagnostics,
) {
    let c = &site.value;
    // A field already reported as wrong holds a stand-in: check only the others.
    let ok = |field: &str| !site.is_broken(field);
    if ok("filing.icp") && !valid_icp(&c.filing.icp) {
        diags.push(site.diagnostic(
            Problem::BadIcp {
                value: c.filing.icp.clone(),
            },
            "filing.icp",
        ));
    }
    if ok("filing.police") && PoliceNumber::parse(&c.filing.police).is_none() {
        diags.push(site.diagnostic(
            Problem::BadPolice {
                value: c.filing.police.clone(),
            },
            "filing.police",
        ));
    }
    if ok("filing.site_code") && !valid_site_code(&c.filing.site_code) {
        diags.push(site.diagnostic(
            Problem::BadSiteCode {
                value: c.filing.site_code.clone(),
            },
            "filing.site_code",
        ));
    }
    if c.base_url.trim().is_empty() {
        // Optional: the site is built without what needs an absolute address.
        diags.push(Diagnostic::in_file(Problem::NoBaseUrl, &site.source.name));
    } else if ok("base_url") && BaseUrl::parse(&c.base_url).is_none() {
        diags.push(site.diagnostic(
            Problem::BadBaseUrl {
                value: c.base_url.clone(),
            },
            "base_url",
        ));
    }
    for (i, link) in c.nav.iter().enumerate() {
        if !safe_link(&link.url) {
            diags.push(site.diagnostic(
                Problem::BadLink {
                    value: link.url.clone(),
                },
                &format!("nav[{i}].url"),
            ));
        }
    }
    for (field, value) in [
        ("government_mark_url", &c.government_mark_url),
        ("error_report_url", &c.error_report_url),
    ] {
        if let Some(url) = value
            && !is_http_url(url)
        {
            diags.push(site.diagnostic(Problem::BadLink { value: url.clone() }, field));
        }
    }
    if c.theme != "default"
        && !(valid_slug(&c.theme) && root.join("themes").join(&c.theme).is_dir())
    {
        diags.push(site.diagnostic(
            Problem::UnknownTheme {
                theme: c.theme.clone(),
            },
            "theme",
        ));
    }
    // Checked here as well as when the theme loads, so that it is reported with
    // every other mistake and points at the line. Labels come from the embedded
    // theme, the site's `labels/` or the chosen theme's `labels/`.
    let labels = format!("labels/{}.yaml", c.language);
    let has_labels = languages.contains(&c.language.as_str())
        || root.join(&labels).is_file()
        || root.join("themes").join(&c.theme).join(&labels).is_file();
    if ok("language") && !has_labels {
        let problem = Problem::UnknownLanguage {
            value: c.language.clone(),
            allowed: languages.to_vec(),
        };
        diags.push(site.diagnostic(problem, "language"));
    }
    for (term, slug) in &c.slugs {
        if !valid_slug(slug) {
            let problem = Problem::BadSlug {
                term: term.clone(),
                slug: slug.clone(),
            };
            diags.push(site.diagnostic(problem, &format!("slugs.{term}")));
        }
    }
}

/// Each record against the site's sessions and categories, then its
/// attachments against the disk (never kept in a memo: a file may appear or go
/// without the record changing).
fn check_records(
    content: &Content,
    categories: Option<&Categories>,
    memo: Option<&Memo>,
    diags: &mut Diagnostics,
) {
    let known = &content.session_files;
    let found = per_record(content, memo, Check::Fields, |r| {
        let mut found = Diagnostics::new();
        check_record(r, known, categories, &mut found);
        found
    });
    for (r, found) in content.records.iter().zip(found) {
        diags.extend(found);
        check_attachments(content, r, diags);
    }
}

/// The checks of one record that read nothing but the record, the session
/// files found and the site's categories.
fn check_record(
    r: &LoadedRecord,
    known: &[String],
    categories: Option<&Categories>,
    diags: &mut Diagnostics,
) {
    let f = &r.file;
    let v = &f.value;
    // Which texts are there is known without reading them back.
    let outline = v.prose.outline();
    // A field already reported as wrong holds a stand-in: check only the others.
    let ok = |field: &str| !f.is_broken(field);
    if ok("session") && !known.contains(&v.session) {
        let problem = Problem::UnknownSession {
            session: v.session.clone(),
            known: known.to_vec(),
        };
        diags.push(f.diagnostic(problem, "session"));
    }
    if !ok("status") || !ok("status_reason") {
        // Nothing to compare.
    } else if let Some(id) = &v.status {
        match categories.map(|c| (c, c.lookup(id))) {
            Some((c, None)) => {
                let guesses = c.guesses(id);
                let problem = if guesses.is_empty() {
                    Problem::UnknownCategory {
                        value: id.clone(),
                        known: c.ids(),
                    }
                } else {
                    Problem::AmbiguousCategory {
                        value: id.clone(),
                        guesses: guesses.into_iter().map(|i| c.described(i)).collect(),
                    }
                };
                diags.push(f.diagnostic(problem, "status"));
            }
            Some((c, Some(i))) if c.get(i).not_feasible && !outline.has_status_reason => {
                let problem = Problem::MissingStatusReason {
                    category: c.get(i).wording.clone(),
                };
                diags.push(f.diagnostic(problem, "status"));
            }
            _ => {}
        }
    } else if outline.has_status_reason {
        diags.push(f.diagnostic(Problem::ReasonWithoutCategory, "status_reason"));
    }
    if ok("replied") && ok("replied_on") && v.replied == Some(false) && v.replied_on.is_some() {
        diags.push(f.diagnostic(Problem::RepliedContradiction, "replied"));
    }
    if ok("assigned_on")
        && ok("replied_on")
        && let (Some(assigned), Some(replied)) = (v.assigned_on, v.replied_on)
        && replied < assigned
    {
        let problem = Problem::RepliedBeforeAssigned {
            assigned: assigned.to_string(),
            replied: replied.to_string(),
        };
        diags.push(f.diagnostic(problem, "replied_on"));
    }
    if ok("disclosure") && outline.has_disclosure_reason && v.disclosure != Disclosure::SummaryOnly
    {
        diags.push(f.diagnostic(Problem::DisclosureReasonUnused, "disclosure_reason"));
    }
    if ok("host_unit")
        && ok("draft")
        && ok("disclosure")
        && v.host_unit.is_none()
        && !v.draft
        && v.disclosure != Disclosure::Withheld
    {
        // A missing field has no place of its own: point where E011 would.
        diags.push(f.diagnostic(Problem::MissingHostUnit, ""));
    }
    if r.imported
        && ok("draft")
        && ok("disclosure")
        && !v.draft
        && v.disclosure == Disclosure::Withheld
    {
        diags.push(f.diagnostic(Problem::ImportedWithheld, "disclosure"));
    }
}

/// A record's attachments: each must exist inside the site folder.
fn check_attachments(content: &Content, r: &LoadedRecord, diags: &mut Diagnostics) {
    let f = &r.file;
    let ok = |field: &str| !f.is_broken(field);
    let v = &f.value;
    // A wrong item is dropped from the list, so indices match positions
    // only when none was.
    let attachments = if ok("attachments") {
        v.attachments.as_slice()
    } else {
        &[]
    };
    for (i, a) in attachments.iter().enumerate() {
        let field = format!("attachments[{i}].file");
        if let Some(problem) = attachment_problem(&content.root, &r.dir, &a.file) {
            diags.push(f.diagnostic(problem, &field));
        }
    }
}

/// The error when a record's text cannot be read back from the spill file
/// ([`crate::content::spill`]): the disk under the temporary file failed.
fn unreadable_text<T>(file: &Located<T>, e: crate::error::Error) -> Diagnostic {
    let failure = e
        .io_failure()
        .unwrap_or(IoFailure::of(&std::io::ErrorKind::Other.into()));
    Diagnostic::in_file(Problem::Unreadable { failure }, &file.source.name)
}

/// Values that still hold a stand-in `init` or `new` wrote
/// ([`crate::content::placeholder`]): errors when `strict` (`build`: a fake
/// filing number must not be published), warnings otherwise (`check`,
/// `serve`, while the site is being filled in). Drafts and withheld records
/// publish nothing and are not checked. `base_url` is checked like the rest:
/// a scaffold address (`example.gov.cn`) would put a made-up host in every
/// canonical link, the sitemap and the feed.
pub fn check_placeholders(content: &Content, strict: bool, diags: &mut Diagnostics) {
    check_placeholders_with(content, strict, None, None, diags);
}

fn check_placeholders_with(
    content: &Content,
    strict: bool,
    memo: Option<&Memo>,
    read_once: Option<&ReadOnce>,
    diags: &mut Diagnostics,
) {
    if let Some(site) = &content.site {
        let c = &site.value;
        let contact = c.contact.clone().unwrap_or_default();
        let fields = vec![
            ("title".into(), Some(c.title.as_str())),
            ("base_url".into(), Some(c.base_url.as_str())),
            ("description".into(), c.description.as_deref()),
            ("owner".into(), Some(c.owner.as_str())),
            ("operator".into(), Some(c.operator.as_str())),
            ("filing.icp".into(), Some(c.filing.icp.as_str())),
            ("filing.police".into(), Some(c.filing.police.as_str())),
            ("filing.site_code".into(), Some(c.filing.site_code.as_str())),
            ("contact.phone".into(), contact.phone.as_deref()),
            ("contact.email".into(), contact.email.as_deref()),
            ("contact.address".into(), contact.address.as_deref()),
            ("copyright".into(), c.copyright.as_deref()),
        ];
        placeholder_scan(site, fields, strict, diags);
    }
    for s in &content.sessions {
        let v = &s.file.value;
        let fields = vec![
            ("body".into(), Some(v.body.as_str())),
            ("name".into(), Some(v.name.as_str())),
            ("overview".into(), v.overview.as_deref()),
            ("methods".into(), v.methods.as_deref()),
            ("shortcomings".into(), v.shortcomings.as_deref()),
            ("next_steps".into(), v.next_steps.as_deref()),
        ];
        placeholder_scan(&s.file, fields, strict, diags);
    }
    let found = per_record(content, memo, Check::Placeholders, |r| {
        if let Some(found) = read_once.and_then(|texts| texts.take(r)) {
            return found;
        }
        let v = &r.file.value;
        if v.draft || v.disclosure == Disclosure::Withheld {
            return Diagnostics::new();
        }
        match v.prose.read() {
            Ok(prose) => record_placeholders(r, &prose, strict),
            Err(e) => {
                let mut found = Diagnostics::new();
                found.push(unreadable_text(&r.file, e));
                found
            }
        }
    });
    for found in found {
        diags.extend(found);
    }
}

/// Adds a stand-in diagnostic for each of `fields` that holds one.
fn placeholder_scan<T>(
    file: &Located<T>,
    fields: Vec<(String, Option<&str>)>,
    strict: bool,
    diags: &mut Diagnostics,
) {
    for (field, value) in fields {
        let Some(value) = value else { continue };
        if let Some(marker) = placeholder::find(value) {
            let problem = Problem::Placeholder {
                field: field.clone(),
                value: value.trim().to_string(),
                marker,
                strict,
            };
            diags.push(file.diagnostic(problem, &field));
        }
    }
}

/// The stand-ins in one record's published fields.
fn record_placeholders(r: &LoadedRecord, prose: &Prose, strict: bool) -> Diagnostics {
    let mut found = Diagnostics::new();
    let v = &r.file.value;
    if v.draft || v.disclosure == Disclosure::Withheld {
        return found;
    }
    let mut fields: Vec<(String, Option<&str>)> = vec![
        ("title".into(), Some(v.title.as_str())),
        ("lead_official".into(), v.lead_official.as_deref()),
        ("host_unit".into(), v.host_unit.as_deref()),
        ("status_reason".into(), prose.status_reason.as_deref()),
        ("request".into(), prose.request.as_deref()),
        ("summary".into(), prose.summary.as_deref()),
        ("reply".into(), prose.reply.as_deref()),
    ];
    for (name, list) in [("co_units", &v.co_units), ("topics", &v.topics)] {
        for (i, item) in list.iter().enumerate() {
            fields.push((format!("{name}[{i}]"), Some(item.as_str())));
        }
    }
    for (i, o) in prose.outcomes.iter().enumerate() {
        fields.push((format!("outcomes[{i}].heading"), o.heading.as_deref()));
        fields.push((format!("outcomes[{i}].text"), Some(o.text.as_str())));
    }
    placeholder_scan(&r.file, fields, strict, &mut found);
    found
}

/// Stand-in findings made while another check had a record's text in hand
/// (the personal-data scan), kept for [`check_placeholders_with`]: a build's
/// text waits in the spill file, and reading it back twice for the two scans
/// was a sixth of all the reading back.
struct ReadOnce {
    strict: bool,
    found: std::sync::Mutex<FxHashMap<usize, Diagnostics>>,
}

impl ReadOnce {
    fn new(strict: bool) -> ReadOnce {
        ReadOnce {
            strict,
            found: Default::default(),
        }
    }

    /// Scans `r` for stand-ins with its text `prose`, for later.
    fn keep(&self, r: &LoadedRecord, prose: &Prose) {
        let found = record_placeholders(r, prose, self.strict);
        let mut kept = self.found.lock().unwrap_or_else(|e| e.into_inner());
        kept.insert(std::ptr::from_ref(r) as usize, found);
    }

    /// The findings kept for `r`.
    fn take(&self, r: &LoadedRecord) -> Option<Diagnostics> {
        let mut kept = self.found.lock().unwrap_or_else(|e| e.into_inner());
        kept.remove(&(std::ptr::from_ref(r) as usize))
    }
}

/// Within a session an official number is unique: two files for one number
/// (a re-import that did not read `第４号`, a copied file) would publish one
/// proposal twice and count it twice. Drafts count too: publishing them would
/// make the duplicate. Numbers are compared by [`number_key`], so `第４号`, `4`
/// and `0004` are one; records of different kinds keep their own sequences.
fn check_numbers(content: &Content, memo: Option<&Memo>, diags: &mut Diagnostics) {
    // Each record's number as compared; `None`: nothing to compare.
    let key_of = |r: &LoadedRecord| {
        let f = &r.file;
        if ["number", "session", "kind"].iter().any(|x| f.is_broken(x)) {
            return None;
        }
        f.value.number.as_deref().and_then(number_key)
    };
    let keys = match memo {
        Some(memo) => memo.number_keys(&content.records, key_of),
        None => content.records.par_iter().map(|r| key_of(r)).collect(),
    };
    let mut seen: FxHashMap<(&str, crate::content::Kind, &str), &str> = FxHashMap::default();
    for (r, key) in content.records.iter().zip(&keys) {
        let Some(key) = key else {
            continue;
        };
        let f = &r.file;
        let v = &f.value;
        match seen.entry((v.session.as_str(), v.kind, key.as_str())) {
            std::collections::hash_map::Entry::Occupied(first) => {
                let problem = Problem::DuplicateNumber {
                    number: v.number.clone().unwrap_or_default(),
                    other: format!("content/proposals/{}.yaml", first.get()),
                };
                diags.push(f.diagnostic(problem, "number"));
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(r.id.as_str());
            }
        }
    }
}

/// An attachment must be a relative path without `..`, name an existing file,
/// and (after following symlinks) stay inside the site folder.
pub fn attachment_problem(root: &Path, dir: &Path, file: &str) -> Option<Problem> {
    let outside = || {
        Some(Problem::AttachmentOutside {
            file: file.to_string(),
        })
    };
    let path = Path::new(file);
    let escapes = path.is_absolute()
        || file.starts_with('/')
        || file.starts_with('\\')
        || file.contains(':')
        || path
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)) && c.as_os_str() != ".")
        || file.split(['/', '\\']).any(|part| part == "..");
    if escapes {
        return outside();
    }
    let full = dir.join(path);
    if !full.is_file() {
        return Some(Problem::AttachmentMissing {
            file: file.to_string(),
        });
    }
    match (full.canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(root)) if real.starts_with(&root) => None,
        (Ok(_), Ok(_)) => outside(),
        _ => Some(Problem::AttachmentMissing {
            file: file.to_string(),
        }),
    }
}

fn check_figures(
    content: &Content,
    categories: &Categories,
    memo: Option<&Memo>,
    diags: &mut Diagnostics,
) {
    // Counted from complete records. With incomplete ones in a session the
    // counts are only a lower bound: "more than declared" still holds, but
    // comparisons with a covering session's figures would mislead.
    let within = content
        .site
        .as_ref()
        .map_or(crate::content::site::DEFAULT_REPLY_WITHIN_DAYS, |s| {
            s.value.reply_within_days
        });
    // What each record adds to its session's counts; `None`: not counted.
    let facts_of = |r: &LoadedRecord| {
        let v = &r.file.value;
        (r.file.is_complete() && !v.draft).then(|| Facts::of_file(v, categories, within))
    };
    let facts = match memo {
        Some(memo) => memo.facts(&content.records, facts_of),
        None => content.records.par_iter().map(|r| facts_of(r)).collect(),
    };
    let mut counts: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut incomplete: BTreeSet<&str> = BTreeSet::new();
    for (r, facts) in content.records.iter().zip(&facts) {
        let v = &r.file.value;
        if !r.file.is_complete() {
            incomplete.insert(v.session.as_str());
        } else if let Some(facts) = facts {
            counts
                .entry(v.session.as_str())
                .or_default()
                .add_facts(facts, categories);
        }
    }
    for s in content
        .sessions
        .iter()
        .filter(|s| !s.file.is_broken("declared"))
    {
        let c = counts.get(s.id.as_str()).cloned().unwrap_or_default();
        let partial = incomplete.contains(s.id.as_str());
        for problem in figures::check(&c, &s.file.value.declared) {
            if partial && matches!(problem, Disagreement::Mismatch { .. }) {
                continue;
            }
            let (what, problem) = match problem {
                Disagreement::Exceeded {
                    what,
                    records,
                    declared,
                } => (
                    what,
                    Problem::FigureExceeded {
                        what,
                        records,
                        declared,
                    },
                ),
                Disagreement::Mismatch {
                    what,
                    computed,
                    declared,
                } => (
                    what,
                    Problem::FigureMismatch {
                        what,
                        computed,
                        declared,
                    },
                ),
            };
            diags.push(
                s.file
                    .diagnostic(problem, &format!("declared.{}", what.field())),
            );
        }
    }
}

/// Two terms of one taxonomy must not share a slug: their pages would overwrite
/// each other. Only published records' terms get pages, so only they are checked.
fn check_slugs(content: &Content, site: &Located<SiteConfig>, diags: &mut Diagnostics) {
    let overrides = &site.value.slugs;
    for kind in [TaxonomyKind::Topics, TaxonomyKind::Units] {
        // Each slug's first name.
        let mut seen: FxHashMap<String, &str> = FxHashMap::default();
        // Each name's clash (its slug, and the slug's first name), decided
        // where the name first occurs: a slug's first name never changes
        // after, so every later occurrence has the same outcome. Thousands of
        // records share a few dozen terms: one look-up per name written.
        let mut clashes: FxHashMap<&str, Option<(String, String)>> = FxHashMap::default();
        for r in content.records.iter().filter(|r| r.file.is_complete()) {
            let v = &r.file.value;
            if v.draft || v.disclosure == Disclosure::Withheld {
                continue;
            }
            let (names, field): (Vec<&String>, &str) = match kind {
                TaxonomyKind::Topics => (v.topics.iter().collect(), "topics"),
                _ => (
                    v.host_unit.iter().chain(v.co_units.iter()).collect(),
                    "host_unit",
                ),
            };
            for name in names {
                let clash = clashes.entry(name).or_insert_with(|| {
                    let slug = slug_for(kind, name, overrides);
                    match seen.get(slug.as_str()) {
                        Some(first) if *first != name => Some((slug, first.to_string())),
                        Some(_) => None,
                        None => {
                            seen.insert(slug, name);
                            None
                        }
                    }
                });
                if let Some((slug, first)) = clash {
                    let problem = Problem::SlugClash {
                        slug: slug.clone(),
                        first: first.clone(),
                        second: name.clone(),
                    };
                    diags.push(r.file.diagnostic(problem, field));
                }
            }
        }
    }
}
