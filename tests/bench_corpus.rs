//! The benchmark compares gongkai and Hugo on "the same work": this checks that
//! the Hugo site written from the shared corpus holds exactly the records
//! gongkai's published view holds, with the same fields withheld.

#[path = "support/corpus.rs"]
mod corpus;

use std::collections::BTreeSet;

use gongkai::model::Published;
use gongkai::pipeline::{self, BuildOptions, Timings};

#[test]
fn hugo_site_holds_exactly_gongkai_published_records() {
    let records = corpus::generate(300, 11);
    let dir = tempfile::tempdir().unwrap();
    let gongkai_root = dir.path().join("gongkai");
    let hugo_root = dir.path().join("hugo");
    corpus::write_site(&gongkai_root, &records).unwrap();
    corpus::write_hugo_site(&hugo_root, &records).unwrap();

    let model = pipeline::model(&BuildOptions::new(&gongkai_root), &mut Timings::default())
        .unwrap_or_else(|e| panic!("the generated gongkai site must build: {e}"));
    let published: BTreeSet<String> = model
        .site
        .records
        .iter()
        .map(|r| r.id.replace('/', "-"))
        .collect();
    let summary_only: BTreeSet<String> = model
        .site
        .records
        .iter()
        .filter(|r| r.level == Published::SummaryOnly)
        .map(|r| r.id.replace('/', "-"))
        .collect();

    let mut hugo = BTreeSet::new();
    for entry in std::fs::read_dir(hugo_root.join("content/proposals")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name == "_index.md" {
            continue;
        }
        let id = name.strip_suffix(".md").unwrap().to_string();
        let text =
            std::fs::read_to_string(hugo_root.join("content/proposals").join(&name)).unwrap();
        let body = text.splitn(3, "---\n").nth(2).unwrap_or_default();
        if summary_only.contains(&id) {
            assert!(!text.contains("\nrequest:"), "{id}: request published");
            assert!(!text.contains("\noutcomes:"), "{id}: outcomes published");
            assert!(!text.contains("\nstatus_reason:"), "{id}: reason published");
        }
        // The summary is published at both levels, as gongkai's pages show it.
        assert!(!body.trim().is_empty(), "{id}: record without summary");
        hugo.insert(id);
    }

    assert_eq!(hugo, published);
    // The corpus must exercise every disclosure level for the comparison to mean anything.
    assert!(!summary_only.is_empty());
    assert!(
        published.len() < records.len(),
        "no withheld record generated"
    );
}

#[test]
fn hugo_site_configures_the_same_pagination_and_taxonomies() {
    let config = corpus::HUGO_CONFIG;
    assert!(config.contains(&format!("paginate: {}", gongkai::render::pages::PAGE_SIZE)));
    assert!(config.contains(&format!("pagerSize: {}", gongkai::render::pages::PAGE_SIZE)));
    for taxonomy in ["topics", "units", "status", "years"] {
        assert!(config.contains(&format!(": {taxonomy}\n")), "{taxonomy}");
    }
}
