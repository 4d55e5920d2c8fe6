//! The benchmark compares gongkai and Hugo on "the same work", in several corpus
//! shapes: this checks the generator behind it. Every shape makes a site that
//! builds without errors (warnings only where the shape asks for them), the
//! Hugo site holds exactly the records gongkai publishes with the same fields
//! withheld, the knobs read back what they describe, `varied` repeats its
//! phrases as rarely as real prose, and the warning fields
//! are the only difference between the `warnings` shape and the same corpus
//! without them.

use crate::support::corpus;

use std::collections::BTreeSet;

use corpus::{Knobs, SHAPES};
use gongkai::model::Published;
use gongkai::model::slug::slugify;
use gongkai::output::MemorySink;
use gongkai::pipeline::{self, BuildOptions, Timings};

const RECORDS: usize = 200;

/// Builds the shape's site fully (into memory); returns the build's warning codes.
fn build(records: &[corpus::Record], knobs: &Knobs, root: &std::path::Path) -> Vec<&'static str> {
    corpus::write_site_with(root, records, knobs).unwrap();
    let options = BuildOptions::new(root);
    let mut timings = Timings::default();
    let model = pipeline::model(&options, &mut timings).unwrap_or_else(|e| {
        panic!("the generated site must build: {e}");
    });
    pipeline::render(&model, &options, &MemorySink::new(), &mut timings)
        .unwrap_or_else(|e| panic!("the generated site must render: {e}"));
    model.warnings.iter().map(|d| d.code()).collect()
}

#[test]
fn every_shape_builds_without_errors_and_warns_only_where_asked() {
    for shape in SHAPES {
        let knobs = (shape.knobs)();
        let records = corpus::generate_with(RECORDS, 11, &knobs);
        let dir = tempfile::tempdir().unwrap();
        let codes = build(&records, &knobs, dir.path());
        let warned = records
            .iter()
            .filter(|r| corpus::warning_yaml(r).is_some())
            .count();
        if knobs.warnings == 0 {
            assert!(codes.is_empty(), "{}: warnings {codes:?}", shape.name);
            assert_eq!(warned, 0, "{}", shape.name);
        } else {
            // One warning per record that carries the field, all of one kind.
            assert!(warned > RECORDS / 2, "{}: only {warned} warn", shape.name);
            assert_eq!(codes.len(), warned, "{}", shape.name);
            let kinds: BTreeSet<_> = codes.iter().collect();
            assert_eq!(kinds.len(), 1, "{}: {kinds:?}", shape.name);
        }
    }
}

#[test]
fn hugo_site_holds_exactly_gongkai_published_records_in_every_shape() {
    for shape in SHAPES {
        let knobs = (shape.knobs)();
        let records = corpus::generate_with(RECORDS, 11, &knobs);
        let dir = tempfile::tempdir().unwrap();
        let gongkai_root = dir.path().join("gongkai");
        let hugo_root = dir.path().join("hugo");
        corpus::write_site_with(&gongkai_root, &records, &knobs).unwrap();
        corpus::write_hugo_site_with(&hugo_root, &records, &knobs).unwrap();

        let model = pipeline::model(&BuildOptions::new(&gongkai_root), &mut Timings::default())
            .unwrap_or_else(|e| panic!("the generated gongkai site must build: {e}"));
        let ids = |level: Option<Published>| -> BTreeSet<String> {
            model
                .site
                .records
                .iter()
                .filter(|r| level.is_none_or(|l| r.level == l))
                .map(|r| r.id.replace('/', "-"))
                .collect()
        };
        let published = ids(None);
        let summary_only = ids(Some(Published::SummaryOnly));

        // Hugo builds what is neither withheld nor a draft (it skips `draft: true`).
        let mut hugo = BTreeSet::new();
        let mut drafts = 0;
        for entry in std::fs::read_dir(hugo_root.join("content/proposals")).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name == "_index.md" {
                continue;
            }
            let id = name.strip_suffix(".md").unwrap().to_string();
            let text =
                std::fs::read_to_string(hugo_root.join("content/proposals").join(&name)).unwrap();
            if text.contains("\ndraft: true\n") {
                drafts += 1;
                continue;
            }
            let body = text.splitn(3, "---\n").nth(2).unwrap_or_default();
            let name = shape.name;
            if summary_only.contains(&id) {
                assert!(
                    !text.contains("\nrequest:"),
                    "{name} {id}: request published"
                );
                assert!(
                    !text.contains("\noutcomes:"),
                    "{name} {id}: outcomes published"
                );
                assert!(
                    !text.contains("\nstatus_reason:"),
                    "{name} {id}: reason published"
                );
                assert!(!body.contains("答复全文"), "{name} {id}: reply published");
                assert_eq!(
                    !body.trim().is_empty(),
                    corpus::summary_published("summary_only"),
                    "{name} {id}: summary"
                );
            } else {
                assert!(!body.trim().is_empty(), "{name} {id}: no summary");
            }
            hugo.insert(id);
        }
        assert_eq!(hugo, published, "{}", shape.name);
        let expected: BTreeSet<String> =
            corpus::published(&records).map(corpus::hugo_name).collect();
        assert_eq!(published, expected, "{}", shape.name);
        // Every shape must exercise every disclosure level for the comparison to mean anything.
        assert!(!summary_only.is_empty(), "{}", shape.name);
        assert!(
            published.len() + drafts < records.len(),
            "{}: no withheld record generated",
            shape.name
        );
        if knobs.drafts > 0 {
            assert!(drafts > 0, "{}: no draft generated", shape.name);
        }
    }
}

#[test]
fn shapes_differ_from_typical_as_described() {
    let typical = Knobs::typical();
    assert_eq!(SHAPES[0].name, "typical");
    assert_eq!((SHAPES[0].knobs)(), typical);
    let mut names = BTreeSet::new();
    for shape in SHAPES {
        assert!(names.insert(shape.name), "{} twice", shape.name);
        let knobs = (shape.knobs)();
        if shape.name != "typical" {
            assert_ne!(knobs, typical, "{} is typical", shape.name);
        }
        // Each knob's description reads back: setting every described value
        // on the typical knobs gives the shape.
        let mut rebuilt = Knobs::typical();
        for (name, _, value) in knobs.describe() {
            rebuilt
                .set(name, &value)
                .unwrap_or_else(|e| panic!("{name} {value}: {e}"));
        }
        assert_eq!(rebuilt, knobs, "{}", shape.name);
        // The same seed gives the same records; another seed other records.
        let yaml = |seed| -> Vec<String> {
            corpus::generate_with(50, seed, &knobs)
                .iter()
                .map(corpus::record_yaml)
                .collect()
        };
        assert_eq!(yaml(5), yaml(5), "{}", shape.name);
        assert_ne!(yaml(5), yaml(6), "{}", shape.name);
    }
    // What the shapes are for: long texts, many terms, short records.
    let chars = |knobs: &Knobs| -> usize {
        corpus::generate_with(100, 3, knobs)
            .iter()
            .map(|r| {
                r.summary.chars().count()
                    + r.outcomes
                        .iter()
                        .map(|o| o.text.chars().count())
                        .sum::<usize>()
            })
            .sum()
    };
    let shape = |name| Knobs::shape(name).unwrap();
    assert!(chars(&shape("long-text")) > 3 * chars(&typical));
    assert!(chars(&shape("terse")) * 3 < chars(&typical));
    let topics = |knobs: &Knobs| -> usize {
        let records = corpus::generate_with(2_000, 3, knobs);
        records
            .iter()
            .flat_map(|r| &r.topics)
            .collect::<BTreeSet<_>>()
            .len()
    };
    assert!(topics(&shape("many-terms")) > 10 * topics(&typical));
    // `varied` repeats its phrases about as rarely as real prose, `typical` far more
    // often (see `corpus::vary`); its texts are as long as `typical`'s, and
    // `long-varied`'s as `long-text`'s.
    let variety = |knobs: &Knobs| phrase_variety(&corpus::generate_with(300, 3, knobs));
    let (usual, varied) = (variety(&typical), variety(&shape("varied")));
    assert!(usual < 0.05, "typical: {usual}");
    assert!((0.4..0.7).contains(&varied), "varied: {varied}");
    let within = |a: usize, b: usize| a.abs_diff(b) * 10 < b;
    assert!(within(chars(&shape("varied")), chars(&typical)));
    // `long-varied` is `long-text`'s letters with `varied`'s variety.
    let long = variety(&shape("long-varied"));
    assert!((0.4..0.7).contains(&long), "long-varied: {long}");
    assert!(within(
        chars(&shape("long-varied")),
        chars(&shape("long-text"))
    ));
}

/// Distinct phrases of the search index's kind (the 3 to 6 characters from
/// each position of a run of Chinese characters) per Chinese character of the
/// records' long texts. Real Chinese prose has 0.4–0.7.
fn phrase_variety(records: &[corpus::Record]) -> f64 {
    let mut phrases = BTreeSet::new();
    let mut chars = 0;
    for r in records {
        let texts = [&r.request, &r.summary].into_iter().chain(r.reply.as_ref());
        for text in texts.chain(r.outcomes.iter().map(|o| &o.text)) {
            let cjk = |c: &char| ('\u{4E00}'..='\u{9FFF}').contains(c);
            for run in text.split(|c: char| !cjk(&c)).filter(|r| !r.is_empty()) {
                let run: Vec<char> = run.chars().collect();
                chars += run.len();
                for i in 0..run.len().saturating_sub(2) {
                    phrases.insert(run[i..run.len().min(i + 6)].to_vec());
                }
            }
        }
    }
    phrases.len() as f64 / chars.max(1) as f64
}

#[test]
fn knobs_refuse_what_they_cannot_make() {
    let mut k = Knobs::typical();
    k.set("summary", "long").unwrap();
    assert_eq!(
        k.summary,
        corpus::Len {
            min: 2_000,
            max: 6_000
        }
    );
    k.set("outcomes", "4-10").unwrap();
    assert_eq!(k.outcomes, (4, 10));
    k.set("outcomes", "2").unwrap();
    assert_eq!(k.outcomes, (2, 2));
    k.set("reply", "off").unwrap();
    assert_eq!(k.reply, None);
    for (name, value) in [
        ("summary", "longer"),
        ("outcomes", "10-4"),
        ("withheld", "101"),
        ("topics", "100000"),
        ("units", "1000"),
        ("bodies", "3"),
        ("no-such-knob", "1"),
    ] {
        assert!(
            Knobs::typical().set(name, value).is_err(),
            "{name} {value} accepted"
        );
    }
    let mut k = Knobs::typical();
    k.set("summary-only", "60").unwrap();
    assert!(k.set("withheld", "50").is_err(), "over 100% accepted");
}

#[test]
fn the_warning_fields_are_the_only_difference_from_the_same_corpus_without_them() {
    let with = Knobs::shape("warnings").unwrap();
    let mut without = with.clone();
    without.set("warnings", "0").unwrap();
    let a = corpus::generate_with(300, 9, &with);
    let b = corpus::generate_with(300, 9, &without);
    let mut warned = 0;
    for (a, b) in a.iter().zip(&b) {
        let mut yaml = corpus::record_yaml(a);
        if let Some(line) = corpus::warning_yaml(a) {
            warned += 1;
            yaml = yaml.replacen(&line, "", 1);
        }
        assert_eq!(yaml, corpus::record_yaml(b), "{}", a.id);
    }
    assert!(warned > 200, "{warned} of 300 warn");
}

#[test]
fn generated_terms_have_distinct_slugs() {
    // Two terms with one slug are an error: the generator must never make them.
    let knobs = Knobs::shape("many-terms").unwrap();
    for names in [
        corpus::topic_names(knobs.topics),
        corpus::unit_names(knobs.units),
    ] {
        let slugs: BTreeSet<String> = names.iter().map(|n| slugify(n)).collect();
        assert_eq!(slugs.len(), names.len());
    }
}

#[test]
fn hugo_site_configures_the_same_pagination_and_taxonomies() {
    let config = corpus::HUGO_CONFIG;
    assert!(config.contains(&format!("paginate: {}", gongkai::render::pages::PAGE_SIZE)));
    assert!(config.contains(&format!("pagerSize: {}", gongkai::render::pages::PAGE_SIZE)));
    for (taxonomy, _) in corpus::HUGO_TAXONOMY_TITLES {
        assert!(config.contains(&format!(": {taxonomy}\n")), "{taxonomy}");
    }
    // A layout for each page kind gongkai renders and Hugo must render too.
    let layouts = crate::support::repo("bench/hugo/layouts");
    for file in [
        "index.html",
        "_default/single.html",
        "_default/list.html",
        "_default/terms.html",
        "_default/sitemap-page.html",
        "sessions/term.html",
        "sessions/taxonomy.html",
    ] {
        assert!(layouts.join(file).is_file(), "{file}");
    }
}

#[test]
fn the_corpus_states_handling_times_on_time_and_late() {
    // Issue 15's figures need records stating both dates: most of the typical
    // records do, some replied within 90 days and some later; `--assigned 0`
    // gives the corpus of gongkai before issue 15 (no `assigned_on`).
    let days = |date: &str| {
        let n: Vec<i64> = date.split('-').map(|p| p.parse().unwrap()).collect();
        n[1] * 31 + n[2]
    };
    let records = corpus::generate_with(1_000, 7, &Knobs::typical());
    let stated: Vec<i64> = records
        .iter()
        .filter_map(|r| Some(days(r.replied_on()?) - days(r.assigned_on.as_deref()?)))
        .collect();
    assert!(stated.len() > 700 && stated.len() < 900, "{}", stated.len());
    assert!(
        stated.iter().all(|&d| d > 0),
        "a reply before its assignment"
    );
    assert!(stated.iter().any(|&d| d <= 80) && stated.iter().any(|&d| d > 100));
    let yaml = corpus::record_yaml(records.iter().find(|r| r.assigned_on.is_some()).unwrap());
    assert!(yaml.contains("assigned_on: 2"), "{yaml}");
    let mut off = Knobs::typical();
    off.set("assigned", "0").unwrap();
    assert!(
        corpus::generate_with(1_000, 7, &off)
            .iter()
            .all(|r| r.assigned_on.is_none())
    );
}
