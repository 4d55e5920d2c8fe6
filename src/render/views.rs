//! What templates see: small view structs built from the model, with links and
//! dates already written out for the page. Templates never see the domain model
//! (and so never a field the published view left out).
//!
//! Links in views are site-relative (`proposals/2019/0003/`, or
//! `proposals/2019/0003/index.html` with `--portable`); a template puts
//! `page.root` in front, which makes them relative to the page. Text that depends
//! on the site's language comes from the theme's labels file.

mod nav;
mod record;
mod session;
mod term;
mod units;

use std::collections::BTreeMap;

use serde::Serialize;

use super::url::Links;
use crate::diagnostic::Lang;
pub use crate::model::taxonomy::term_path;
use crate::model::{Date, PartialDate};
use crate::model::{Site, TaxonomyKind};
pub use nav::{Crumb, NavItem, Pager, PagerItem, nav_items, pager, section_path};
pub use record::{
    AttachmentView, OutcomeView, RecordCard, RecordView, ReplyView, SummaryRow, TagView,
    summary_excerpt,
};
pub use session::{ChartView, FigureRow, FiguresView, ProseSection, SessionCard, SessionView};
pub use term::{TaxonomyView, TermLink};
pub use units::{BodyView, CellView, ColumnView, FigureView, HeadView, RowView, TableView};

/// A date ready to print: `2019年9月22日` inside `<time datetime="2019-09-22">`.
#[derive(Clone, Debug, Serialize)]
pub struct DateView {
    pub iso: String,
    pub text: String,
}

impl DateView {
    pub fn day(d: Date, lang: Lang) -> DateView {
        Self::partial(PartialDate::Day(d), lang)
    }

    pub fn partial(d: PartialDate, lang: Lang) -> DateView {
        let text = match (d, lang) {
            (PartialDate::Year(y), Lang::Zh) => format!("{y}年"),
            (PartialDate::Month(y, m), Lang::Zh) => format!("{y}年{m}月"),
            (PartialDate::Day(d), Lang::Zh) => {
                format!("{}年{}月{}日", d.year(), d.month(), d.day())
            }
            (other, Lang::En) => other.iso(),
        };
        DateView { iso: d.iso(), text }
    }
}

/// A link inside the site: `href` is site-relative (the template adds `page.root`).
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub href: String,
}

/// A reply category in words, never by colour alone: its one wording
/// ([`crate::model::category::wording`]), as every output prints it.
#[derive(Clone, Debug, Serialize)]
pub struct StatusView {
    /// The style variant (`cat-2`), for the CSS class; the colour only repeats the words.
    pub key: String,
    /// What the page prints: `B类（正在解决或列入计划解决）`.
    pub text: String,
    /// The category's id (`in_progress`).
    pub id: String,
}

/// Builds views with the site's labels and link style.
pub struct Viewer<'a> {
    pub site: &'a Site,
    pub links: Links,
    pub lang: Lang,
    pub labels: &'a BTreeMap<String, String>,
}

impl<'a> Viewer<'a> {
    /// A label from the theme's labels file; the key itself if missing, so a
    /// missing label shows up in review instead of failing the build.
    pub fn label(&self, key: &str) -> String {
        self.labels
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// A label with `{name}` placeholders filled in.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.label(key);
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// `3件` / `3`: a count of records in the site's language.
    pub fn count(&self, n: impl ToString) -> String {
        self.fill("figures.count", &[("count", &n.to_string())])
    }

    /// The category at index `i` of the site's categories, in words.
    pub fn status(&self, i: usize) -> StatusView {
        let c = self.site.categories.get(i);
        StatusView {
            key: c.variant.clone(),
            text: c.wording.clone(),
            id: c.id.clone(),
        }
    }

    /// The display name of a term: the category's wording, `2019年`, or the term itself.
    pub fn term_name(&self, kind: TaxonomyKind, name: &str) -> String {
        match kind {
            TaxonomyKind::Status => self
                .site
                .categories
                .find(name)
                .map(|i| self.site.categories.get(i).wording.clone())
                .unwrap_or_else(|| name.to_string()),
            TaxonomyKind::Years => self.fill("year.name", &[("year", name)]),
            TaxonomyKind::Topics | TaxonomyKind::Units => name.to_string(),
        }
    }

    /// The link to a term's page, if the term has one (it has when a published
    /// record names it).
    pub fn term_link(&self, kind: TaxonomyKind, name: &str) -> Option<Link> {
        let term = self.site.taxonomy(kind).find(name)?;
        Some(Link {
            text: self.term_name(kind, name),
            href: self.links.href(&term_path(kind, &term.slug)),
        })
    }

    /// The date in the site's language.
    pub fn date(&self, d: Date) -> DateView {
        DateView::day(d, self.lang)
    }
}

/// The first `max` characters of a text, with `…` when cut (for descriptions).
/// Reads only as far as it needs to: a summary may be a million characters.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(max * 3 + 3);
    let mut count = 0;
    for word in text.split_whitespace() {
        if count > 0 {
            if count == max {
                out.push('…');
                return out;
            }
            out.push(' ');
            count += 1;
        }
        for c in word.chars() {
            if count == max {
                out.push('…');
                return out;
            }
            out.push(c);
            count += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_count_characters_not_bytes() {
        assert_eq!(excerpt("学前教育示范区", 4), "学前教育…");
        assert_eq!(excerpt("短", 4), "短");
        assert_eq!(excerpt("a \n b", 10), "a b");
        assert_eq!(excerpt("ab cd", 2), "ab…");
        assert_eq!(excerpt("ab cd", 3), "ab …");
        assert_eq!(excerpt("ab cd", 5), "ab cd");
        assert_eq!(excerpt("  ", 5), "");
    }
}
