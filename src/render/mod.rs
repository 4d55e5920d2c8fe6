//! Stage 4, render: pages from Tera templates, and the theme's static files.
//!
//! The renderer makes one page at a time ([`Page::render`]); which pages the
//! site has is [`pages::all`], and the output stage (`output::SiteFiles`)
//! renders them in parallel, each in one task that renders, minifies and puts
//! the result into its sink — so memory stays flat however many pages there
//! are. Data shared by every page (site identity, labels, navigation,
//! asset names) goes into Tera's global context once; each page's context holds
//! only its own view.

pub mod chart;
pub mod chrome;
pub mod minify;
pub mod pages;
mod tera_error;
pub mod theme;
pub mod url;
pub mod views;

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostic::Lang;
use crate::error::Error;
use crate::model::{PoliceNumber, Site};
pub use minify::minify;
pub use pages::Page;
pub use theme::Theme;
use url::Links;

/// How pages are rendered.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    /// Links end in `index.html` (for reading from disk).
    pub portable: bool,
    /// Minify HTML (off in `serve` for speed).
    pub minify: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            portable: false,
            minify: true,
        }
    }
}

/// What the search page embeds (the index plan and facet names, as JSON):
/// made by the search producer, asked for only when the search page is
/// rendered. The renderer takes it from its caller, so that render and search
/// stay siblings that never call each other.
pub type SearchMeta<'a> = &'a (dyn Fn() -> String + Sync);

/// The renderer: templates compiled once, shared data in the global context.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub options: RenderOptions,
    pub lang: Lang,
    tera: tera::Tera,
    search_meta: SearchMeta<'a>,
    chrome: chrome::ChromeCache,
}

/// The site identity every page shows (header, footer, meta tags).
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    language: &'a str,
    /// With exactly one trailing slash; empty without `base_url`.
    base_url: &'a str,
    /// SiteDomain: the host of `base_url`.
    domain: &'a str,
    /// `zh_CN`, for Open Graph.
    locale: String,
    description: Option<&'a str>,
    owner: &'a str,
    operator: &'a str,
    filing: &'a crate::model::Filing,
    police_code: &'a str,
    contact: Option<&'a crate::model::Contact>,
    /// `tel:` link of the contact phone, only when it is a dialable number.
    phone_href: Option<String>,
    copyright: String,
    government_mark_url: Option<&'a str>,
    error_report_url: Option<&'a str>,
}

/// Site-relative links every page needs (portable-aware).
#[derive(Serialize)]
struct Paths {
    home: String,
    proposals: String,
    search: String,
    sitemap: String,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        options: RenderOptions,
        search_meta: SearchMeta<'a>,
    ) -> Result<Renderer<'a>, Error> {
        Ok(Renderer::with_templates(
            site,
            theme,
            options,
            templates(theme)?,
            search_meta,
        ))
    }

    /// [`Renderer::new`] with the theme's templates already compiled
    /// ([`templates`]): `serve` compiles them once and renders pages one by one.
    pub fn with_templates(
        site: &'a Site,
        theme: &'a Theme,
        options: RenderOptions,
        mut tera: tera::Tera,
        search_meta: SearchMeta<'a>,
    ) -> Renderer<'a> {
        let c = &site.config;
        let base_url = site.base_url.as_ref();
        let labels = &theme.labels;
        let copyright = c.copyright.clone().unwrap_or_else(|| {
            labels
                .get("footer.copyright")
                .map(|t| t.replace("{owner}", &c.owner))
                .unwrap_or_else(|| c.owner.clone())
        });
        let view = SiteView {
            title: &c.title,
            language: &c.language,
            base_url: base_url.map_or("", |b| b.as_str()),
            domain: base_url.map_or("", |b| b.host()),
            locale: c.language.replace('-', "_"),
            description: c.description.as_deref(),
            owner: &c.owner,
            operator: &c.operator,
            filing: &c.filing,
            police_code: site.police.as_ref().map_or("", PoliceNumber::code),
            contact: c.contact.as_ref(),
            phone_href: c
                .contact
                .as_ref()
                .and_then(|c| c.phone.as_deref())
                .and_then(phone_href),
            copyright,
            government_mark_url: c.government_mark_url.as_deref(),
            error_report_url: c.error_report_url.as_deref(),
        };
        let lang = if c.language.starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        };
        let links = Links {
            portable: options.portable,
        };
        let viewer = views::Viewer {
            site,
            links,
            lang,
            labels: &theme.labels,
        };
        let nav = views::nav_items(&viewer, &pages::sections(site));
        let paths = Paths {
            home: links.href(""),
            proposals: links.href("proposals/"),
            search: links.href("search/"),
            sitemap: links.href("sitemap/"),
        };
        let global = tera.global_context();
        global.insert("site", &view);
        global.insert("labels", &theme.labels);
        global.insert("assets", &theme.assets);
        global.insert("nav", &nav);
        global.insert("paths", &paths);
        Renderer {
            site,
            theme,
            options,
            lang,
            tera,
            search_meta,
            chrome: chrome::ChromeCache::default(),
        }
    }

    /// The header and footer of a page at `root` in `section` ([`chrome`]).
    pub fn chrome(
        &self,
        root: &str,
        section: &str,
    ) -> Result<std::sync::Arc<chrome::Chrome>, Error> {
        self.chrome.get(&self.tera, root, section)
    }

    /// What the search page embeds ([`SearchMeta`]).
    pub fn search_meta(&self) -> String {
        (self.search_meta)()
    }

    pub fn links(&self) -> Links {
        Links {
            portable: self.options.portable,
        }
    }

    pub fn viewer(&self) -> views::Viewer<'_> {
        views::Viewer {
            site: self.site,
            links: self.links(),
            lang: self.lang,
            labels: &self.theme.labels,
        }
    }

    /// Renders one template with a page context; minifies if asked.
    pub fn render_template(
        &self,
        template: &str,
        context: &tera::Context,
    ) -> Result<Vec<u8>, Error> {
        thread_local! {
            /// The page before minification, kept per thread between pages:
            /// a fresh buffer for each page was a fresh allocation that the
            /// system zeroed, and `Tera::render` checked it as UTF-8 again
            /// (5% of a build with long replies, which only Tera writes into).
            static PAGE: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
        }
        let render = |buffer: &mut Vec<u8>| -> Result<Vec<u8>, Error> {
            buffer.clear();
            self.tera
                .render_to(template, context, &mut *buffer)
                .map_err(|e| tera_error::template_error(template, e))?;
            Ok(if self.options.minify {
                minify(buffer)
            } else {
                buffer.clone()
            })
        };
        PAGE.with(|page| match page.try_borrow_mut() {
            Ok(mut buffer) => {
                let out = render(&mut buffer);
                // A hostile million-character record must not keep its page
                // alive for the rest of the build.
                if buffer.capacity() > KEEP_PAGE_CAPACITY {
                    *buffer = Vec::new();
                }
                out
            }
            // A template rendered while another renders on this thread.
            Err(_) => render(&mut Vec::new()),
        })
    }
}

/// The largest page buffer [`Renderer::render_template`] keeps between pages.
const KEEP_PAGE_CAPACITY: usize = 1 << 20;

/// The theme's templates and components compiled into one Tera instance.
/// Components (`{% component %}`) are global to it, so a page template uses
/// any of them; they read shared data (`labels`, `site`, `page`) as implicit
/// `@` arguments from the page that calls them.
pub fn templates(theme: &Theme) -> Result<tera::Tera, Error> {
    let mut tera = tera::Tera::new();
    let sources: Vec<(String, String)> = theme
        .templates
        .iter()
        .map(|f| {
            (
                f.name.clone(),
                String::from_utf8_lossy(&f.bytes).into_owned(),
            )
        })
        .collect();
    tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        .map_err(|e| tera_error::template_error("", e))?;
    Ok(tera)
}

/// A `tel:` URL for a phone number written with digits, spaces, `+`, `-` and
/// brackets (`027-8489 1234`, `(027) 84891234`); anything else (an extension
/// in words, two numbers, pasted junk) is shown as text without a link.
fn phone_href(phone: &str) -> Option<String> {
    let dialable = phone.len() <= 40
        && phone.bytes().any(|b| b.is_ascii_digit())
        && phone
            .bytes()
            .all(|b| b.is_ascii_digit() || b" +-()".contains(&b));
    dialable.then(|| {
        let digits: String = phone.chars().filter(|c| !" ()".contains(*c)).collect();
        format!("tel:{digits}")
    })
}

/// Labels as a map, for code that needs one outside templates.
pub type Labels = BTreeMap<String, String>;

#[cfg(test)]
mod tests {
    use super::phone_href;

    #[test]
    fn only_dialable_phone_numbers_become_links() {
        assert_eq!(
            phone_href("027-8489 1234").as_deref(),
            Some("tel:027-84891234")
        );
        assert_eq!(
            phone_href("(027) 84891234").as_deref(),
            Some("tel:02784891234")
        );
        assert_eq!(
            phone_href("+86 27 8489 1234").as_deref(),
            Some("tel:+862784891234")
        );
        for text in ["027-1<script>", "84891234 转 8001", "工作日 9:00", "", "--"] {
            assert_eq!(phone_href(text), None, "{text}");
        }
    }
}
