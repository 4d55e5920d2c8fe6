//! Stage 4, render: pages from Tera templates, and the theme's static files.
//!
//! Pages are rendered in parallel, each in one task that renders, minifies and
//! hands the result to the [`Output`] — so memory stays flat however many pages
//! there are. Data shared by every page (site identity, labels, navigation,
//! asset names) goes into Tera's global context once; each page's context holds
//! only its own view.

pub mod chart;
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
    /// With exactly one trailing slash.
    base_url: String,
    /// SiteDomain: the host of `base_url`.
    domain: String,
    /// `zh_CN`, for Open Graph.
    locale: String,
    description: Option<&'a str>,
    owner: &'a str,
    operator: &'a str,
    filing: &'a crate::content::Filing,
    police_code: &'a str,
    contact: Option<&'a crate::content::Contact>,
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
    ) -> Result<Renderer<'a>, Error> {
        let mut tera = templates(theme)?;
        let c = &site.config;
        let base_url = pages::base_url(site);
        let domain = base_url
            .split_once("://")
            .map(|(_, rest)| rest)
            .unwrap_or(&base_url)
            .split(['/', '?', '#'])
            .next()
            .unwrap_or_default()
            .to_string();
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
            base_url,
            domain,
            locale: c.language.replace('-', "_"),
            description: c.description.as_deref(),
            owner: &c.owner,
            operator: &c.operator,
            filing: &c.filing,
            police_code: crate::validate::police_code(&c.filing.police).unwrap_or_default(),
            contact: c.contact.as_ref(),
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
        for f in &self.theme.statics {
            out.put(&self.theme.assets[&f.name], &f.bytes)?;
            files += 1;
        }
        files += crate::output::write_all(self.site, &self.theme.labels, out)?;
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
        .map_err(|e| template_error("", e))?;
    Ok(tera)
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

/// Minifies a rendered page with minify-html-onepass.
///
/// The one-pass variant of minify-html (same project) rewrites the page as it
/// reads it instead of building a tree of it first. With minify-html, minifying
/// was the largest single cost of rendering (60% of a build in the prototype of
/// PERFORMANCE-NOTES.md, 20% of the render stage with the first theme); the
/// one-pass variant is 2.6–3× faster. Its output differs in one way: it also
/// drops closing tags that HTML lets a page omit (`</p>`, `</li>`), which
/// browsers and validators read the same. CSS in `<style>` is minified; pages
/// carry no inline script (they run under a CSP without `'unsafe-inline'`).
///
/// It refuses malformed HTML (a closing tag that does not match, say) where
/// minify-html would guess: such a page is written as rendered, unminified,
/// rather than failing the build over whitespace.
pub fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html_onepass::Cfg {
        minify_css: true,
        minify_js: false,
    };
    escape_lt(minify_html_onepass::copy(html, &cfg).unwrap_or_else(|_| html.to_vec()))
}

/// The minifier writes `<` unescaped where HTML allows it: inside quoted
/// attribute values (and minify-html also in the text of `<title>`, which ends
/// only at `</title>`). That is valid, but validators and security scanners
/// rightly flag a raw `<script>` in a page, so the entity goes back there.
fn escape_lt(html: Vec<u8>) -> Vec<u8> {
    if !html.contains(&b'<') {
        return html;
    }
    let mut out = Vec::with_capacity(html.len() + 64);
    let mut i = 0;
    let mut in_tag = false;
    let mut quote: Option<u8> = None;
    let mut in_title = false;
    while i < html.len() {
        let b = html[i];
        match (in_tag, quote) {
            (true, Some(q)) => {
                if b == q {
                    quote = None;
                }
                if b == b'<' {
                    out.extend_from_slice(b"&lt;");
                    i += 1;
                    continue;
                }
            }
            (true, None) => match b {
                b'"' | b'\'' if out.last() == Some(&b'=') => quote = Some(b),
                b'>' => in_tag = false,
                _ => {}
            },
            (false, _) => {
                if b == b'<' {
                    if in_title && !html[i..].starts_with(b"</title>") {
                        out.extend_from_slice(b"&lt;");
                        i += 1;
                        continue;
                    }
                    in_title = html[i..].starts_with(b"<title>");
                    in_tag = true;
                }
            }
        }
        out.push(b);
        i += 1;
    }
    out
}

/// Labels as a map, for code that needs one outside templates.
pub type Labels = BTreeMap<String, String>;

#[cfg(test)]
mod tests {
    use super::escape_lt;
    use super::minify;

    #[test]
    fn minifies_whitespace_and_css() {
        let page = b"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n  <style> p { color : red ; } </style>\n</head>\n<body>\n  <p class=\"a\">  \xe5\x85\xac\xe5\xbc\x80  </p>\n</body>\n</html>\n";
        let out = String::from_utf8(minify(page)).unwrap();
        assert!(out.len() < page.len(), "{out}");
        assert!(out.contains("<p class=a>\u{516c}\u{5f00}"), "{out}");
        assert!(out.contains("p{color:red}"), "{out}");
        assert!(!out.contains("\n"), "{out}");
    }

    #[test]
    fn malformed_pages_are_kept_as_rendered() {
        let page = b"<main><p>text</div></main>";
        assert_eq!(minify(page), page.to_vec());
    }

    #[test]
    fn less_than_is_escaped_in_titles_and_attribute_values() {
        let html =
            br#"<title>a<b>&x</title><meta content='a<b' name=x><p title="<i>">t &lt; u</p>"#;
        assert_eq!(
            String::from_utf8(escape_lt(html.to_vec())).unwrap(),
            r#"<title>a&lt;b>&x</title><meta content='a&lt;b' name=x><p title="&lt;i>">t &lt; u</p>"#
        );
    }

    #[test]
    fn minified_pages_keep_hostile_text_escaped() {
        let page = "<!DOCTYPE html><html><head><title>&lt;script&gt;x&lt;/script&gt;</title>\
            <meta name=\"d\" content=\"&lt;script&gt;\"></head><body><p>&lt;script&gt;</p></body></html>";
        let out = String::from_utf8(super::minify(page.as_bytes())).unwrap();
        assert!(!out.contains("<script"), "{out}");
    }
}
