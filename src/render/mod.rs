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
        files += crate::search::write_index(self.site, self.options.portable, out)?.files;
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
    conform(minify_html_onepass::copy(html, &cfg).unwrap_or_else(|_| html.to_vec()))
}

/// Puts back what the one-pass minifier leaves out and HTML calls a parse
/// error, though browsers read it: the space between a quoted attribute value
/// and the next attribute (`class="a b"id=x`), and the quotes around an
/// unquoted value with `=` in it (`href=…?code=42…`), and the `;` of character
/// references in text (`&LT` → `&lt;`). It also writes `<` inside
/// attribute values as `&lt;`: valid either way, but validators and security
/// scanners rightly flag a raw `<script>` in a page. One pass over the bytes;
/// text between tags is copied unchanged.
fn conform(html: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len() + html.len() / 64);
    let mut i = 0;
    let mut in_tag = false;
    while i < html.len() {
        let b = html[i];
        if !in_tag {
            if b == b'&'
                && let Some((name, len)) = legacy_reference(&html[i..])
            {
                out.push(b'&');
                out.extend_from_slice(name);
                out.push(b';');
                i += len;
                continue;
            }
            let starts_tag = b == b'<'
                && html
                    .get(i + 1)
                    .is_some_and(|n| n.is_ascii_alphabetic() || *n == b'/' || *n == b'!');
            in_tag = starts_tag;
            out.push(b);
            i += 1;
            continue;
        }
        match b {
            b'>' => {
                in_tag = false;
                out.push(b);
                i += 1;
            }
            b'"' | b'\'' if out.last() == Some(&b'=') => {
                let end = html[i + 1..]
                    .iter()
                    .position(|c| *c == b)
                    .map_or(html.len(), |p| i + 1 + p);
                push_value(&mut out, &html[i + 1..end], b);
                i = end + 1;
                if html
                    .get(i)
                    .is_some_and(|n| !n.is_ascii_whitespace() && *n != b'>' && *n != b'/')
                {
                    out.push(b' ');
                }
            }
            _ if out.last() == Some(&b'=') && !b.is_ascii_whitespace() => {
                let end = html[i..]
                    .iter()
                    .position(|c| c.is_ascii_whitespace() || *c == b'>')
                    .map_or(html.len(), |p| i + p);
                let value = &html[i..end];
                if value.iter().any(|c| b"\"'=<`".contains(c)) {
                    push_value(&mut out, value, b'"');
                } else {
                    out.extend_from_slice(value);
                }
                i = end;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// A character reference in text written the legacy way, without its `;`
/// (`&LT`, which the minifier prefers for being short): the name to write
/// with a `;`, and how many bytes it took.
fn legacy_reference(text: &[u8]) -> Option<(&'static [u8], usize)> {
    const NAMES: [(&[u8], &[u8]); 8] = [
        (b"&QUOT", b"quot"),
        (b"&quot", b"quot"),
        (b"&AMP", b"amp"),
        (b"&amp", b"amp"),
        (b"&LT", b"lt"),
        (b"&lt", b"lt"),
        (b"&GT", b"gt"),
        (b"&gt", b"gt"),
    ];
    NAMES.iter().find_map(|(written, name)| {
        (text.starts_with(written) && text.get(written.len()) != Some(&b';'))
            .then_some((*name, written.len()))
    })
}

/// Writes an attribute value in `quote`s, escaping that quote and `<`.
fn push_value(out: &mut Vec<u8>, value: &[u8], quote: u8) {
    out.push(quote);
    for &c in value {
        match c {
            b'<' => out.extend_from_slice(b"&lt;"),
            b'"' if quote == b'"' => out.extend_from_slice(b"&quot;"),
            b'\'' if quote == b'\'' => out.extend_from_slice(b"&#39;"),
            c => out.push(c),
        }
    }
    out.push(quote);
}

/// Labels as a map, for code that needs one outside templates.
pub type Labels = BTreeMap<String, String>;

#[cfg(test)]
mod tests {
    use super::{conform, minify};

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
    fn attributes_are_written_as_html_wants_them() {
        let html =
            br#"<a class="a b"href=x?c=1 title='a<b'>t &LTb> &amp; &AMPc</a><img alt src=y>"#;
        assert_eq!(
            String::from_utf8(conform(html.to_vec())).unwrap(),
            r#"<a class="a b" href="x?c=1" title='a&lt;b'>t &lt;b> &amp; &amp;c</a><img alt src=y>"#
        );
        // Text, and tags that need nothing, pass unchanged.
        let plain = b"<!DOCTYPE html><p class=x>a = b > c</p><a href=\"/\">x</a>";
        assert_eq!(conform(plain.to_vec()), plain.to_vec());
    }

    #[test]
    fn minified_pages_keep_hostile_text_escaped() {
        let page = "<!DOCTYPE html><html><head><title>&lt;script&gt;x&lt;/script&gt;</title>\
            <meta name=\"d\" content=\"&lt;script&gt;\"></head><body><p>&lt;script&gt;</p></body></html>";
        let out = String::from_utf8(minify(page.as_bytes())).unwrap();
        assert!(!out.contains("<script"), "{out}");
    }
}
