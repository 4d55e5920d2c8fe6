//! The theme: templates, static files and UI labels, looked up file by file.
//!
//! Each file is taken from the first of three places that has it: the site's own
//! folder (`templates/`, `static/`, `labels/` beside `content/`), then
//! `themes/<theme>/` in the site, then the default theme embedded in the binary.
//! So a webmaster overrides one template or one stylesheet without copying the
//! rest, and `gongkai build` works anywhere with no theme files on disk.
//!
//! CSS and JS files are fingerprinted (`css/site.css` → `static/css/site.3f2a9c1e.css`)
//! so a server may cache them forever; templates find the fingerprinted name in
//! the `assets` map.
//!
//! Components live one to a folder, as in GOV.UK Frontend: `components/<name>/`
//! holds `<name>.html` (one Tera component), `<name>.css` and `examples.yaml`
//! (named examples of its arguments, rendered by `tests/integration/components.rs`). The
//! templates join the page templates; the CSS files are appended, in component
//! name order, to `css/site.css`, so a page loads one stylesheet and a site
//! overrides a component's look or markup by overriding one file. The examples
//! are for the tests and the docs, not the build. A file in a place gongkai
//! does not read (the old flat `templates/components/`, a misnamed file in a
//! component folder) is an error (E039), not an override that silently does nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diagnostic::{Diagnostic, Diagnostics, Problem, Source};
use crate::error::Error;
use crate::hash::fnv1a;
use crate::yaml::{self, Value};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The stylesheet every page loads; component CSS is appended to it.
pub const SITE_CSS: &str = "css/site.css";

/// The theme section of the components, one folder each.
pub const COMPONENTS: &str = "components";

/// The file in a component's folder with its named examples.
pub const EXAMPLES: &str = "examples.yaml";

/// One theme file, from wherever it was found.
#[derive(Clone, Debug)]
pub struct ThemeFile {
    /// Relative to its section folder: `base.html`, `css/site.css`.
    pub name: String,
    pub bytes: Vec<u8>,
    /// Where it came from, for error messages: a path, or `(embedded)/…`.
    pub origin: String,
}

/// A theme, resolved: every file of each section with overrides applied.
#[derive(Clone, Debug)]
pub struct Theme {
    pub templates: Vec<ThemeFile>,
    pub statics: Vec<ThemeFile>,
    /// UI labels for the site's language (flat `key: text`).
    pub labels: BTreeMap<String, String>,
    /// Static file name → output path (fingerprinted for CSS and JS).
    pub assets: BTreeMap<String, String>,
}

impl Theme {
    /// Resolves the theme `name` for a site at `root`, with labels for `language`.
    pub fn load(root: &Path, name: &str, language: &str) -> Result<Theme, Error> {
        let site = SiteFolder::new(root);
        let mut layers: Vec<Layer> = vec![Layer::Disk(root.to_path_buf(), site.clone())];
        if name != "default" {
            layers.push(Layer::Disk(root.join("themes").join(name), site));
        }
        layers.push(Layer::Embedded);

        misplaced(&layers)?;
        let mut templates = collect(&layers, "templates")?;
        let mut component_css = Vec::new();
        for mut f in collect(&layers, COMPONENTS)? {
            f.name = format!("{COMPONENTS}/{}", f.name);
            if f.name.ends_with(".html") {
                templates.push(f);
            } else if f.name.ends_with(".css") {
                component_css.push(f);
            }
        }
        let mut statics = collect(&layers, "static")?;
        if let Some(site_css) = statics.iter_mut().find(|f| f.name == SITE_CSS) {
            for css in &component_css {
                site_css
                    .bytes
                    .extend_from_slice(format!("\n/* {} */\n", css.name).as_bytes());
                site_css.bytes.extend_from_slice(&css.bytes);
            }
        }
        let label_files = collect(&layers, "labels")?;
        let file = format!("{language}.yaml");
        let mut labels = BTreeMap::new();
        // Default labels first, then each override on top, so a site file may
        // change a single label.
        for layer in layers.iter().rev() {
            if let Some(f) = layer.file("labels", &file)? {
                labels.extend(parse_labels(&f)?);
            }
        }
        if labels.is_empty() {
            let allowed: Vec<&'static str> = available_languages();
            let _ = label_files;
            let diag = Diagnostic::in_file(
                Problem::UnknownLanguage {
                    value: language.to_string(),
                    allowed,
                },
                "content/site.yaml",
            );
            let mut diags = Diagnostics::new();
            diags.push(diag);
            return Err(Error::Content(diags));
        }
        let assets = statics
            .iter()
            .map(|f| (f.name.clone(), asset_path(&f.name, &f.bytes)))
            .collect();
        Ok(Theme {
            templates,
            statics,
            labels,
            assets,
        })
    }
}

/// Languages the embedded theme has labels for.
pub fn available_languages() -> Vec<&'static str> {
    let mut langs: Vec<&'static str> = DEFAULT_THEME
        .get_dir("labels")
        .map(|d| {
            d.files()
                .filter_map(|f| f.path().file_stem()?.to_str())
                .collect()
        })
        .unwrap_or_default();
    langs.sort();
    langs
}

/// Where a component's file goes: `name/name.html`, `name/name.css` and
/// `name/examples.yaml` (relative to `components/`) are its files; anything
/// else is not read.
fn component_file(rel: &str) -> bool {
    match rel.split_once('/') {
        Some((component, file)) => {
            !component.is_empty()
                && (file == EXAMPLES
                    || file == format!("{component}.html")
                    || file == format!("{component}.css"))
        }
        None => false,
    }
}

/// Refuses theme files a site placed where they are not read (E039), all of
/// them at once: components in the old flat `templates/components/` folder,
/// CSS among the templates, misnamed files in `components/`.
fn misplaced(layers: &[Layer]) -> Result<(), Error> {
    let mut diags = Diagnostics::new();
    for layer in layers {
        let Layer::Disk(dir, site) = layer else {
            continue;
        };
        let shown = |section: &str, name: &str| {
            crate::fs::display_path(&site.root, &dir.join(section).join(name))
        };
        let relocated = |old: &str| {
            // templates/components/<name>.<ext> → components/<name>/<name>.<ext>
            let file = old.strip_prefix("components/")?;
            let (stem, ext) = file.rsplit_once('.')?;
            (!stem.contains('/') && (ext == "html" || ext == "css")).then(|| {
                let dir = dir.join(COMPONENTS).join(stem).join(file);
                crate::fs::display_path(&site.root, &dir)
            })
        };
        for name in layer.names("templates")? {
            if name.starts_with("components/") || name.ends_with(".css") {
                let name_shown = shown("templates", &name);
                diags.push(Diagnostic::in_file(
                    Problem::ThemeFileIgnored {
                        name: name_shown.clone(),
                        moved_to: relocated(&name),
                    },
                    name_shown,
                ));
            }
        }
        for name in layer.names(COMPONENTS)? {
            if !component_file(&name) {
                let name_shown = shown(COMPONENTS, &name);
                diags.push(Diagnostic::in_file(
                    Problem::ThemeFileIgnored {
                        name: name_shown.clone(),
                        moved_to: None,
                    },
                    name_shown,
                ));
            }
        }
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(Error::Content(diags))
    }
}

enum Layer {
    /// A folder of the site, which its files must not lead out of.
    Disk(PathBuf, SiteFolder),
    Embedded,
}

/// The site folder as given (for messages) and with its symlinks resolved.
#[derive(Clone)]
struct SiteFolder {
    root: PathBuf,
    real: PathBuf,
}

impl SiteFolder {
    fn new(root: &Path) -> SiteFolder {
        SiteFolder {
            root: root.to_path_buf(),
            real: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// Refuses a theme file that is (or sits in a folder that is) a symlink to
    /// outside the site: a template or stylesheet linked from elsewhere would
    /// publish whatever file it points to.
    fn check(&self, path: &Path) -> Result<(), Error> {
        if crate::fs::resolves_inside(path, &[&self.real]) {
            return Ok(());
        }
        let name = crate::fs::display_path(&self.root, path);
        let mut diags = Diagnostics::new();
        diags.push(Diagnostic::in_file(
            Problem::LinkOutside { name: name.clone() },
            name,
        ));
        Err(Error::Content(diags))
    }
}

impl Layer {
    fn file(&self, section: &str, name: &str) -> Result<Option<ThemeFile>, Error> {
        match self {
            Layer::Disk(dir, site) => {
                let path = dir.join(section).join(name);
                if path.is_file() {
                    site.check(&path)?;
                    let bytes = crate::fs::read(&path)?;
                    Ok(Some(ThemeFile {
                        name: name.to_string(),
                        bytes,
                        origin: path.display().to_string(),
                    }))
                } else {
                    Ok(None)
                }
            }
            Layer::Embedded => Ok(DEFAULT_THEME
                .get_file(format!("{section}/{name}"))
                .map(|f| ThemeFile {
                    name: name.to_string(),
                    bytes: f.contents().to_vec(),
                    origin: format!("(embedded default theme)/{section}/{name}"),
                })),
        }
    }

    /// Every file name under `section`, `/`-separated, relative to it.
    fn names(&self, section: &str) -> Result<Vec<String>, Error> {
        let mut names = Vec::new();
        match self {
            Layer::Disk(dir, _) => {
                let base = dir.join(section);
                if base.is_dir() {
                    for entry in walkdir::WalkDir::new(&base)
                        .follow_links(false)
                        .sort_by_file_name()
                    {
                        let entry = entry.map_err(|e| {
                            let path = e.path().unwrap_or(&base).to_path_buf();
                            Error::io(&path, e.into())
                        })?;
                        if entry.file_type().is_file() {
                            let rel = entry.path().strip_prefix(&base).unwrap_or(entry.path());
                            let name = rel
                                .iter()
                                .map(|s| s.to_string_lossy())
                                .collect::<Vec<_>>()
                                .join("/");
                            if !name.split('/').any(|p| p.starts_with('.')) {
                                names.push(name);
                            }
                        }
                    }
                }
            }
            Layer::Embedded => {
                if let Some(dir) = DEFAULT_THEME.get_dir(section) {
                    embedded_names(dir, section, &mut names);
                }
            }
        }
        Ok(names)
    }
}

fn embedded_names(dir: &Dir<'static>, section: &str, out: &mut Vec<String>) {
    for f in dir.files() {
        if let Ok(rel) = f.path().strip_prefix(section) {
            out.push(
                rel.iter()
                    .map(|s| s.to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
            );
        }
    }
    for d in dir.dirs() {
        embedded_names(d, section, out);
    }
}

/// The union of a section's files over all layers, the first layer winning.
fn collect(layers: &[Layer], section: &str) -> Result<Vec<ThemeFile>, Error> {
    let mut names = std::collections::BTreeSet::new();
    for layer in layers {
        names.extend(layer.names(section)?);
    }
    let mut files = Vec::new();
    for name in names {
        for layer in layers {
            if let Some(f) = layer.file(section, &name)? {
                files.push(f);
                break;
            }
        }
    }
    Ok(files)
}

fn parse_labels(file: &ThemeFile) -> Result<BTreeMap<String, String>, Error> {
    let text = String::from_utf8_lossy(&file.bytes);
    let source = Source::new(file.origin.clone(), text.as_ref());
    let node = yaml::parse(&text).map_err(|(problem, pos)| {
        let mut d = Diagnostics::new();
        d.push(Diagnostic::at(problem, &source, pos));
        Error::Content(d)
    })?;
    let mut out = BTreeMap::new();
    if let Value::Map(entries) = node.value {
        for (k, v) in entries {
            out.insert(k.text, v.value.full_text());
        }
    }
    Ok(out)
}

/// `css/site.css` → `static/css/site.<8 hex>.css` for CSS and JS; others unchanged.
fn asset_path(name: &str, bytes: &[u8]) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if ext == "css" || ext == "js" => {
            format!("static/{stem}.{:08x}.{ext}", (fnv1a(bytes) >> 32) as u32)
        }
        _ => format!("static/{name}"),
    }
}
