//! Ways around the site: the main navigation, breadcrumbs and pagination.

use serde::Serialize;

use super::Viewer;

/// One main-navigation link. `key` names the section it leads to, so a page
/// marks its own section with `aria-current`.
#[derive(Clone, Debug, Serialize)]
pub struct NavItem {
    pub title: String,
    /// Site-relative, or an absolute `https://` address when `external`.
    pub href: String,
    pub key: String,
    pub external: bool,
}

/// The main navigation: `site.yaml`'s `nav`, else every column the site has.
/// A column with nothing in it is not generated, so it is not linked either.
pub fn nav_items(v: &Viewer<'_>, sections: &[&'static str]) -> Vec<NavItem> {
    let config = &v.site.config;
    if !config.nav.is_empty() {
        return config
            .nav
            .iter()
            .map(|link| {
                let external = link.url.starts_with("http://") || link.url.starts_with("https://");
                let path = link.url.trim_start_matches("./");
                NavItem {
                    title: link.title.clone(),
                    href: if external {
                        link.url.clone()
                    } else {
                        v.links.href(path)
                    },
                    key: if external {
                        String::new()
                    } else {
                        section_of(path).to_string()
                    },
                    external,
                }
            })
            .collect();
    }
    sections
        .iter()
        .map(|key| NavItem {
            title: v.label(&format!("nav.{key}")),
            href: v.links.href(&section_path(key)),
            key: key.to_string(),
            external: false,
        })
        .collect()
}

/// The folder of a section: `""` for home, `proposals/` and so on.
pub fn section_path(key: &str) -> String {
    if key == "home" {
        String::new()
    } else {
        format!("{key}/")
    }
}

/// The section a site path belongs to: its first folder (`home` for the root).
fn section_of(path: &str) -> &str {
    match path.split('/').next() {
        None | Some("") | Some("index.html") => "home",
        Some(first) => first,
    }
}

/// One breadcrumb; the last (the page itself) has no link.
#[derive(Clone, Debug, Serialize)]
pub struct Crumb {
    pub title: String,
    pub href: Option<String>,
}

/// Page links of a paginated list.
#[derive(Clone, Debug, Serialize)]
pub struct Pager {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub items: Vec<PagerItem>,
    /// `第2页，共5页`.
    pub status: String,
}

/// A page number, or a gap (`number: None`) between distant pages.
#[derive(Clone, Debug, Serialize)]
pub struct PagerItem {
    pub number: Option<usize>,
    pub href: Option<String>,
    pub current: bool,
    /// `第2页`, for screen readers.
    pub label: String,
}

/// The pager of page `index` (0-based) of `total` pages whose folders
/// `folder(i)` gives; `None` when there is only one page.
pub fn pager(
    v: &Viewer<'_>,
    index: usize,
    total: usize,
    folder: impl Fn(usize) -> String,
) -> Option<Pager> {
    if total <= 1 {
        return None;
    }
    let href = |i: usize| v.links.href(&folder(i));
    // First, last, and two either side of the current page; gaps elsewhere.
    let shown = |i: usize| i == 0 || i + 1 == total || i.abs_diff(index) <= 2;
    let mut items = Vec::new();
    for i in 0..total {
        if shown(i) {
            items.push(PagerItem {
                number: Some(i + 1),
                href: Some(href(i)),
                current: i == index,
                label: v.fill("pagination.page", &[("n", &(i + 1).to_string())]),
            });
        } else if items.last().is_some_and(|p: &PagerItem| p.number.is_some()) {
            items.push(PagerItem {
                number: None,
                href: None,
                current: false,
                label: String::new(),
            });
        }
    }
    Some(Pager {
        current: index + 1,
        total,
        prev: (index > 0).then(|| href(index - 1)),
        next: (index + 1 < total).then(|| href(index + 1)),
        items,
        status: v.fill(
            "pagination.status",
            &[
                ("current", &(index + 1).to_string()),
                ("total", &total.to_string()),
            ],
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::section_of;

    #[test]
    fn sections_are_first_folders() {
        assert_eq!(section_of(""), "home");
        assert_eq!(section_of("index.html"), "home");
        assert_eq!(section_of("proposals/"), "proposals");
        assert_eq!(section_of("topics/xue-qian/"), "topics");
    }
}
