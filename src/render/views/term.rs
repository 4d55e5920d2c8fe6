//! Taxonomies as templates see them: a list of terms with their counts.

use serde::Serialize;

use super::{Viewer, term_path};
use crate::model::{Taxonomy, TaxonomyKind, Term};

/// A taxonomy's list page.
#[derive(Clone, Debug, Serialize)]
pub struct TaxonomyView {
    pub key: &'static str,
    pub title: String,
    pub intro: String,
    pub terms: Vec<TermLink>,
}

/// One term: its name, link and how many records it has.
#[derive(Clone, Debug, Serialize)]
pub struct TermLink {
    pub name: String,
    pub href: String,
    pub count: usize,
    /// `共3件`, or for a unit `主办2件，协办1件`.
    pub count_text: String,
    /// For category terms, the style variant (for the status tag's class).
    pub status: Option<String>,
}

impl Viewer<'_> {
    pub fn taxonomy_title(&self, kind: TaxonomyKind) -> String {
        self.label(&format!("terms.{}", kind.folder()))
    }

    pub fn taxonomy(&self, t: &Taxonomy) -> TaxonomyView {
        TaxonomyView {
            key: t.kind.folder(),
            title: self.taxonomy_title(t.kind),
            intro: self.label(&format!("terms.{}_intro", t.kind.folder())),
            terms: t.terms.iter().map(|term| self.term(t.kind, term)).collect(),
        }
    }

    pub fn term(&self, kind: TaxonomyKind, term: &Term) -> TermLink {
        let count = term.entries.len();
        let count_text = if kind == TaxonomyKind::Units {
            let co = term.entries.iter().filter(|e| e.co).count();
            let host = count - co;
            let mut parts = Vec::new();
            if host > 0 {
                parts.push(self.fill("terms.unit_host_count", &[("count", &host.to_string())]));
            }
            if co > 0 {
                parts.push(self.fill("terms.unit_co_count", &[("count", &co.to_string())]));
            }
            parts.join(&self.label("terms.unit_count_separator"))
        } else {
            self.fill("list.count", &[("count", &count.to_string())])
        };
        TermLink {
            name: self.term_name(kind, &term.name),
            href: self.links.href(&term_path(kind, &term.slug)),
            count,
            count_text,
            status: (kind == TaxonomyKind::Status)
                .then(|| self.site.categories.find(&term.name))
                .flatten()
                .map(|i| self.site.categories.get(i).variant.clone()),
        }
    }
}
