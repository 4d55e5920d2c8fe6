//! The page header and footer, rendered once per section and folder depth
//! instead of once per page.
//!
//! Why: every page carries the same header (site name, search box, elder-mode
//! switch, main navigation) and filing footer; they differ only in the links'
//! way back to the site root (`page.root`) and in which section the navigation
//! marks as current (`page.section`). Rendered by Tera on every page they were
//! about a third of Tera's time, some 6% of a 10,000-record build. So the
//! renderer renders the `site_header` and `site_footer` components once for
//! each (root, section) a page asks for, and `base.html` takes the result as
//! `chrome.header` and `chrome.footer`. The components are still the theme's
//! (a site overriding `components/site_header/` gets its own header), but they
//! see only `page.root` and `page.section` of the page (docs/theme.md). A site
//! whose own `base.html` calls the components directly renders them per page,
//! as before.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::error::Error;

/// The rendered header and footer, for `base.html`.
#[derive(Debug, Serialize)]
pub struct Chrome {
    pub header: String,
    pub footer: String,
}

/// The part of a page the header and footer may read.
#[derive(Serialize)]
struct ChromePage<'a> {
    root: &'a str,
    section: &'a str,
}

/// How the header and footer are called: as `base.html` called them.
const HEADER: &str = "{{ <site_header nav={nav} current={page.section} /> }}";
const FOOTER: &str = "{{ <site_footer /> }}";

/// The header and footer made so far, by root and section. Pages render on
/// several threads, and a site has a few dozen such pairs: a lock is enough.
#[derive(Default)]
pub struct ChromeCache {
    made: Mutex<BTreeMap<(String, String), Arc<Chrome>>>,
}

impl ChromeCache {
    /// The header and footer of a page at `root` in `section`, rendered by
    /// `tera` the first time they are asked for.
    pub fn get(&self, tera: &tera::Tera, root: &str, section: &str) -> Result<Arc<Chrome>, Error> {
        let key = (root.to_string(), section.to_string());
        if let Some(chrome) = self.lock().get(&key) {
            return Ok(Arc::clone(chrome));
        }
        let mut context = tera::Context::new();
        context.insert("page", &ChromePage { root, section });
        let render = |component: &'static str, source: &str| {
            tera.render_str(source, &context, true)
                .map_err(|e| super::tera_error::template_error(component, e))
        };
        let chrome = Arc::new(Chrome {
            header: render("components/site_header", HEADER)?,
            footer: render("components/site_footer", FOOTER)?,
        });
        // Another thread may have made the same pair meanwhile: the same bytes.
        Ok(Arc::clone(self.lock().entry(key).or_insert(chrome)))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<(String, String), Arc<Chrome>>> {
        // A panic while holding the lock leaves a complete map behind.
        self.made.lock().unwrap_or_else(|p| p.into_inner())
    }
}
