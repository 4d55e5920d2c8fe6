//! Stage 4, render: pages from Tera templates, and the theme's static files.
//!
//! Pages are rendered in parallel, each in one task that renders, minifies and
//! hands the result to the [`Output`] — so memory stays flat however many pages
//! there are. Data shared by every page (site identity, labels, navigation,
//! asset names) goes into Tera's global context once; each page's context holds
//! only its own view.

pub mod markdown;
pub mod pages;
pub mod theme;
pub mod url;
pub mod views;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::Lang;
use crate::error::Error;
use crate::model::Site;
use crate::write::Output;
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

/// What a render produced, for the build summary.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderStats {
    pub pages: usize,
    pub files: usize,
}

/// The renderer: templates compiled once, shared data in the global context.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub options: RenderOptions,
    pub lang: Lang,
    tera: tera::Tera,
}

/// The site identity every page shows (header, footer, meta tags).
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    language: &'a str,
    base_url: &'a str,
    description: Option<&'a str>,
    owner: &'a str,
    operator: &'a str,
    filing: &'a crate::content::Filing,
    police_code: &'a str,
    contact: Option<&'a crate::content::Contact>,
    copyright: Option<&'a str>,
    government_mark_url: Option<&'a str>,
    error_report_url: Option<&'a str>,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        options: RenderOptions,
    ) -> Result<Renderer<'a>, Error> {
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
            .map_err(|e| template_error("", e))?;
        let c = &site.config;
        let view = SiteView {
            title: &c.title,
            language: &c.language,
            base_url: &c.base_url,
            description: c.description.as_deref(),
            owner: &c.owner,
            operator: &c.operator,
            filing: &c.filing,
            police_code: crate::validate::police_code(&c.filing.police).unwrap_or_default(),
            contact: c.contact.as_ref(),
            copyright: c.copyright.as_deref(),
            government_mark_url: c.government_mark_url.as_deref(),
            error_report_url: c.error_report_url.as_deref(),
        };
        let global = tera.global_context();
        global.insert("site", &view);
        global.insert("labels", &theme.labels);
        global.insert("assets", &theme.assets);
        let lang = if c.language.starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        };
        Ok(Renderer {
            site,
            theme,
            options,
            lang,
            tera,
        })
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
        let html = self
            .tera
            .render(template, context)
            .map_err(|e| template_error(template, e))?;
        Ok(if self.options.minify {
            minify(html.as_bytes())
        } else {
            html.into_bytes()
        })
    }

    /// Renders every page and static file into `out`.
    pub fn render_all(&self, out: &dyn Output) -> Result<RenderStats, Error> {
        let pages = pages::all(self.site);
        pages.par_iter().try_for_each(|page| {
            let (path, bytes) = page.render(self)?;
            out.put(&path, &bytes)
        })?;
        let mut files = pages.len();
        files += crate::search::write_index(self.site, self.options.portable, out)?.files;
        for f in &self.theme.statics {
            out.put(&self.theme.assets[&f.name], &f.bytes)?;
            files += 1;
        }
        for r in &self.site.records {
            for a in r.reply.iter().flat_map(|reply| &reply.attachments) {
                out.copy(&a.path, &a.source)?;
                files += 1;
            }
        }
        Ok(RenderStats {
            pages: pages.len(),
            files,
        })
    }
}

fn template_error(name: &str, e: tera::Error) -> Error {
    let mut detail = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        detail.push_str(": ");
        detail.push_str(&s.to_string());
        source = s.source();
    }
    Error::Template {
        name: name.to_string(),
        detail,
    }
}

/// Minifies HTML (and the CSS and JS inside it) with minify-html.
pub fn minify(html: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = true;
    cfg.minify_js = false;
    minify_html::minify(html, &cfg)
}

/// Labels as a map, for code that needs one outside templates.
pub type Labels = BTreeMap<String, String>;
