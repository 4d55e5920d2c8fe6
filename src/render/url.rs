//! Links between pages. Every internal link is relative, so one `public/` works
//! under any path on any server; `--portable` links end in `index.html` so the
//! site also works opened straight from disk (file://).

/// How links are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Links {
    pub portable: bool,
}

impl Links {
    /// The link to a site folder (`proposals/2019/0003/`) or file, relative to the
    /// site root; the template puts `root` in front.
    pub fn href(self, site_path: &str) -> String {
        if self.portable && (site_path.is_empty() || site_path.ends_with('/')) {
            format!("{site_path}index.html")
        } else {
            site_path.to_string()
        }
    }
}

/// The output file of a page folder: `proposals/2019/0003/` → `proposals/2019/0003/index.html`.
pub fn page_file(site_path: &str) -> String {
    format!("{site_path}index.html")
}

/// The prefix from a page's output file back to the site root: `../../../` for
/// `proposals/2019/0003/index.html`, `./` at the top.
pub fn root_prefix(output_file: &str) -> String {
    let depth = output_file.matches('/').count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links() {
        assert_eq!(root_prefix("index.html"), "./");
        assert_eq!(root_prefix("proposals/2019/0003/index.html"), "../../../");
        assert_eq!(Links { portable: false }.href("proposals/"), "proposals/");
        assert_eq!(
            Links { portable: true }.href("proposals/"),
            "proposals/index.html"
        );
        assert_eq!(Links { portable: true }.href(""), "index.html");
        assert_eq!(
            Links { portable: true }.href("data/proposals.csv"),
            "data/proposals.csv"
        );
    }
}
