//! Stage 3, model: the site in memory — published records, sessions with their
//! figures, and taxonomies — built from validated content.
//!
//! This is where the raw input stops. [`Site`] holds only the published view of
//! each record ([`published`]); withheld records and drafts contribute to session
//! counts and nothing else. Every later stage (pages, search, open data, feeds)
//! takes `&Site`.

pub mod category;
pub mod figures;
pub mod published;
pub mod slug;
pub mod taxonomy;
pub mod units;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::base_url::BaseUrl;
use crate::content::Declared;
pub use crate::content::filing::PoliceNumber;
/// The domain words — a record's kind, its disclosure, satisfaction, reply and
/// outcome states, dates — as every stage after this one names them. They are
/// defined with the input files ([`crate::content`]), which load and validate
/// read before a model exists; the pages, the search index and the data files
/// take them from here and never import `content` themselves.
pub use crate::content::{
    Contact, Date, Disclosure, Filing, Kind, Outcome, OutcomeState, PartialDate, Replied,
    Satisfaction, SiteConfig,
};
use crate::load::Content;
pub use category::{Categories, Category};
pub use figures::{Basis, Counts, Rate};
pub use published::{Published, PublishedRecord, Reply};
pub use taxonomy::{Taxonomy, TaxonomyKind, Term};
pub use units::{UnitCounts, UnitFigures};

/// How the model is built.
#[derive(Clone, Debug, Default)]
pub struct ModelOptions {
    /// Show drafts (`serve --drafts`). They are never counted in figures.
    pub include_drafts: bool,
}

/// A session and its figures.
#[derive(Clone, Debug, Serialize)]
pub struct Session {
    pub id: String,
    /// `sessions/<id>/`.
    pub path: String,
    pub body: String,
    pub year: i32,
    pub name: String,
    pub overview: Option<String>,
    pub methods: Option<String>,
    pub shortcomings: Option<String>,
    pub next_steps: Option<String>,
    pub declared: Declared,
    /// Over all non-draft records, withheld included.
    pub counts: Counts,
    /// Over the records published individually (public and summary_only).
    pub published_counts: Counts,
    /// The 办复率, 见面率, 满意和基本满意率 and 按期办复率 the session shows, in
    /// [`figures::Fact::ALL`] order ([`figures::rates`] decides which).
    pub rates: [Option<Rate>; 4],
    /// Whether the records cover every declared kind (see [`figures`]).
    pub covers: bool,
    /// How many records are published individually (public + summary_only).
    pub published: u32,
    /// Indices into `Site::records`, newest first.
    pub records: Vec<usize>,
}

/// The whole site.
#[derive(Clone, Debug)]
pub struct Site {
    /// As `site.yaml` gives it; its `base_url` is the text as written, and
    /// every output reads the parsed address, [`Site::base_url`].
    pub config: SiteConfig,
    /// The address the site is published at, parsed once here; `None` when
    /// `site.yaml` gives none (then nothing states an absolute address: no
    /// host is made up).
    pub base_url: Option<BaseUrl>,
    /// The public-security filing number, parsed once here (validated already).
    pub police: Option<PoliceNumber>,
    /// The reply categories, from `site.yaml` (or the default four).
    pub categories: Categories,
    /// Newest first (see [`record_order`]).
    pub records: Vec<PublishedRecord>,
    /// Newest year first, then by id.
    pub sessions: Vec<Session>,
    /// Topics, units, status, years.
    pub taxonomies: Vec<Taxonomy>,
    /// Each unit's figures, in the units taxonomy's term order ([`units`]).
    pub units: Vec<UnitFigures>,
}

impl Site {
    /// Builds the model from content that passed validation. (Content with
    /// errors may hold records with stand-in values; those are left out.)
    pub fn build(mut content: Content, options: &ModelOptions) -> Option<Site> {
        content.records.retain(|r| r.file.is_complete());
        let config = content.site?.value;
        // Validated already: blank or an address.
        let base_url = BaseUrl::parse(config.base_url.trim());
        let police = PoliceNumber::parse(&config.filing.police);
        let categories = Categories::new(&config.categories, &config.language);
        let within = config.reply_within_days;
        let years: BTreeMap<&str, i32> = content
            .sessions
            .iter()
            .map(|s| (s.id.as_str(), s.file.value.year))
            .collect();

        // Keyed by the sessions' ids, so that the records can be moved out.
        let mut counts: BTreeMap<&str, (Counts, Counts)> = BTreeMap::new();
        for r in content.records.iter().filter(|r| !r.file.value.draft) {
            let v = &r.file.value;
            if let Some((id, _)) = years.get_key_value(v.session.as_str()) {
                let (all, published) = counts.entry(*id).or_default();
                all.add(v, &categories, within);
                if v.disclosure != Disclosure::Withheld {
                    published.add(v, &categories, within);
                }
            }
        }

        // In parallel: making every record's published view is the larger part
        // of this stage (and of a `serve` rebuild, which copies their text).
        let loaded = std::mem::take(&mut content.records);
        let mut records: Vec<PublishedRecord> = loaded
            .into_par_iter()
            .filter_map(|r| {
                let year = *years.get(r.file.value.session.as_str())?;
                published::publish(r, year, &categories, within, options.include_drafts)
            })
            .collect();
        records.sort_by(record_order);

        let mut sessions: Vec<Session> = content
            .sessions
            .iter()
            .map(|s| {
                let f = &s.file.value;
                let (counts, published_counts) =
                    counts.get(s.id.as_str()).cloned().unwrap_or_default();
                let members: Vec<usize> = records
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.session == s.id)
                    .map(|(i, _)| i)
                    .collect();
                Session {
                    id: s.id.clone(),
                    path: format!("sessions/{}/", s.id),
                    body: f.body.clone(),
                    year: f.year,
                    name: f.name.clone(),
                    overview: f.overview.clone(),
                    methods: f.methods.clone(),
                    shortcomings: f.shortcomings.clone(),
                    next_steps: f.next_steps.clone(),
                    declared: f.declared.clone(),
                    covers: figures::covers(&counts, &f.declared),
                    published: members.iter().filter(|i| !records[**i].draft).count() as u32,
                    rates: figures::rates(&counts, &published_counts, &f.declared),
                    counts,
                    published_counts,
                    records: members,
                }
            })
            .collect();
        sessions.sort_by(|a, b| b.year.cmp(&a.year).then_with(|| a.id.cmp(&b.id)));

        let taxonomies: Vec<Taxonomy> = TaxonomyKind::ALL
            .iter()
            .map(|k| taxonomy::build(*k, &records, &categories, &config.slugs))
            .collect();
        let session_of: HashMap<&str, usize> = sessions
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let units = units::build(
            &taxonomies[TaxonomyKind::Units as usize],
            &records,
            &categories,
            &session_of,
        );
        drop(session_of);
        Some(Site {
            config,
            base_url,
            police,
            categories,
            records,
            sessions,
            taxonomies,
            units,
        })
    }

    pub fn taxonomy(&self, kind: TaxonomyKind) -> &Taxonomy {
        &self.taxonomies[kind as usize]
    }

    pub fn session(&self, id: &str) -> Option<&Session> {
        self.sessions.iter().find(|s| s.id == id)
    }
}

/// Newest first: by publication date (or the session year when a record has no
/// date), then by id so the order is total and builds are reproducible.
pub fn record_order(a: &PublishedRecord, b: &PublishedRecord) -> std::cmp::Ordering {
    let key = |r: &PublishedRecord| match r.published_on {
        Some(d) => (i32::from(d.year()), d.month(), d.day()),
        None => (r.year, 0, 0),
    };
    key(b).cmp(&key(a)).then_with(|| a.id.cmp(&b.id))
}
