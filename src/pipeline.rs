//! The build, stage by stage: load → validate → model → render → write.
//!
//! Each stage is a function returning a `Result`, timed for `--verbose`. Content
//! errors from load and validate are collected together; if there are any, the
//! build stops before rendering, and the output folder is never touched.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::load::{self, Limits};
use crate::model::{ModelOptions, Site};
use crate::render::{RenderOptions, RenderStats, Renderer, Theme};
use crate::validate;
use crate::write::{self, DirOutput, Output, Staging};

/// Everything that selects what a build does.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The site folder, holding `content/`.
    pub root: PathBuf,
    /// Replaces `site.yaml`'s `base_url`.
    pub base_url: Option<String>,
    pub model: ModelOptions,
    pub render: RenderOptions,
    pub limits: Limits,
    /// Whether a stand-in value from `init` or `new` is an error (E066, `build`)
    /// or a warning (W007, `check` and `serve`, while the site is filled in).
    pub placeholders_are_errors: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            base_url: None,
            model: ModelOptions::default(),
            render: RenderOptions::default(),
            limits: Limits::default(),
            placeholders_are_errors: false,
        }
    }
}

/// How long each stage took.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    pub stages: Vec<(&'static str, Duration)>,
}

impl Timings {
    fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.stages.push((stage, start.elapsed()));
        out
    }
}

/// A loaded, validated site model, with the warnings found on the way.
pub struct Model {
    pub site: Site,
    pub theme: Theme,
    pub warnings: Diagnostics,
    /// Draft records found, waiting for review (in no output).
    pub drafts: usize,
}

/// Load, validate and build the model. Content errors come back as
/// [`Error::Content`] holding every diagnostic (warnings included).
pub fn model(options: &BuildOptions, timings: &mut Timings) -> Result<Model, Error> {
    model_with(options, timings, None)
}

/// [`model`], reusing decoded files from `cache` when given (`serve`), and
/// reading only the files that may have changed since its last use.
pub fn model_with(
    options: &BuildOptions,
    timings: &mut Timings,
    cache: Option<(&load::Cache, &load::Changed)>,
) -> Result<Model, Error> {
    let (mut content, mut diags) = timings.time("load", || match cache {
        Some((cache, changed)) => load::load_cached(&options.root, options.limits, cache, changed),
        None => load::load(&options.root, options.limits),
    });
    if let (Some(site), Some(url)) = (content.site.as_mut(), &options.base_url) {
        site.value.base_url = url.clone();
    }
    timings.time("validate", || {
        validate::validate(&content, &mut diags);
        validate::check_placeholders(&content, options.placeholders_are_errors, &mut diags);
    });
    if diags.has_errors() {
        return Err(Error::Content(diags));
    }
    let (theme_name, language) = match &content.site {
        Some(s) => (s.value.theme.clone(), s.value.language.clone()),
        None => return Err(Error::Content(diags)),
    };
    let theme = timings.time("theme", || {
        Theme::load(&options.root, &theme_name, &language)
    })?;
    let drafts = content
        .records
        .iter()
        .filter(|r| r.file.value.draft)
        .count();
    let site = timings
        .time("model", || Site::build(content, &options.model))
        .ok_or_else(|| Error::Content(diags.clone()))?;
    Ok(Model {
        site,
        theme,
        warnings: diags,
        drafts,
    })
}

/// Renders a model into an output.
pub fn render(
    model: &Model,
    options: &BuildOptions,
    out: &dyn Output,
    timings: &mut Timings,
) -> Result<RenderStats, Error> {
    let renderer = Renderer::new(&model.site, &model.theme, options.render.clone())?;
    timings.time("render", || renderer.render_all(out))
}

/// What a finished build reports.
pub struct BuildReport {
    pub records: usize,
    /// Draft records waiting for review.
    pub drafts: usize,
    pub sessions: usize,
    pub stats: RenderStats,
    pub warnings: Diagnostics,
    pub timings: Timings,
}

/// A full build into `output`: staged, then swapped in only if everything succeeded.
pub fn build(
    options: &BuildOptions,
    output: &Path,
    on_wait: impl FnOnce(&Path),
) -> Result<BuildReport, Error> {
    build_watched(options, output, on_wait, &NoProgress)
}

/// Told how a build is getting on (the progress bar of `gongkai build`).
pub trait Progress: Sync {
    /// Rendering starts: this many pages will be written.
    fn start(&self, pages: usize);
    /// One file was written.
    fn file(&self, path: &str);
}

struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: usize) {}
    fn file(&self, _: &str) {}
}

/// [`build`], telling `progress` how it is getting on.
pub fn build_watched(
    options: &BuildOptions,
    output: &Path,
    on_wait: impl FnOnce(&Path),
    progress: &dyn Progress,
) -> Result<BuildReport, Error> {
    write::check_output_dir(&options.root, output)?;
    let mut timings = Timings::default();
    let model = model(options, &mut timings)?;
    let staging = Staging::begin(output, on_wait)?;
    progress.start(crate::render::pages::all(&model.site).len());
    let out = Watched {
        inner: DirOutput::new(staging.path()),
        progress,
    };
    let stats = render(&model, options, &out, &mut timings)?;
    timings.time("write", || staging.commit())?;
    Ok(BuildReport {
        records: model.site.records.len(),
        drafts: model.drafts,
        sessions: model.site.sessions.len(),
        stats,
        warnings: model.warnings,
        timings,
    })
}

/// An output that reports each file to a callback before storing it.
struct Watched<'a, O: Output> {
    inner: O,
    progress: &'a dyn Progress,
}

impl<O: Output> Output for Watched<'_, O> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        self.inner.put(path, bytes)?;
        self.progress.file(path);
        Ok(())
    }

    fn copy(&self, path: &str, from: &Path) -> Result<(), Error> {
        self.inner.copy(path, from)?;
        self.progress.file(path);
        Ok(())
    }

    fn put_streamed(&self, path: &str, write: write::Streamed<'_>) -> Result<(), Error> {
        self.inner.put_streamed(path, write)?;
        self.progress.file(path);
        Ok(())
    }
}
