//! The build, stage by stage: load → validate → model → output (the pages,
//! search index and data files, put into a staging folder).
//!
//! Each stage is a function returning a `Result`, timed for `--verbose`. Content
//! errors from load and validate are collected together; if there are any, the
//! build stops before rendering, and the output folder is never touched.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::content::spill::Spill;
use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::load::{self, Limits};
use crate::model::{ModelOptions, Site};
use crate::output::{self, DirSink, SiteFiles, Staging, Written};
use crate::render::{RenderOptions, Theme};
use crate::search;
use crate::sink::{Sink, Streamed, StreamedPair};
use crate::validate;

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
    /// Where the records' prose waits between loading and output: in an
    /// unlinked temporary file in this folder ([`crate::content::spill`]); `None`
    /// keeps it in memory. `build` puts it beside the output folder, `check`
    /// in the system's temporary folder; `serve` keeps it in memory.
    pub spill_dir: Option<PathBuf>,
    /// With a `spill_dir`: a site whose content files total at most this
    /// many bytes keeps its text in memory all the same
    /// ([`load::load_spilling`]); [`KEEP_TEXT_BELOW`] by default, 0 to spill
    /// every site (the spill tests).
    pub keep_text_below: u64,
    /// With a `spill_dir`: the bytes of posting lists the search index may
    /// hold before it writes them to temporary files there
    /// ([`crate::search::spill`]); [`search::spill::BUDGET`] by default, 0 to
    /// spill after every batch of records (the spill tests).
    pub index_budget: u64,
}

/// The content size up to which a build keeps the records' text in memory
/// rather than in a spill file: 48 MiB of YAML, some 12,000 `typical`
/// records, whose text then adds about 20 MiB to the peak (85 → 105 MiB at
/// 10,000). Larger sites spill all of it, and their peak stays as it was.
pub const KEEP_TEXT_BELOW: u64 = 48 << 20;

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            base_url: None,
            model: ModelOptions::default(),
            render: RenderOptions::default(),
            limits: Limits::default(),
            placeholders_are_errors: false,
            spill_dir: None,
            keep_text_below: KEEP_TEXT_BELOW,
            index_budget: search::spill::BUDGET,
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
    model_from(options, timings, cache, None)
}

/// What `serve` keeps from one build to the next, so that a rebuild after an
/// edit decodes only the files that changed ([`load::Cache`]) and checks only
/// the records that changed ([`validate::Memo`]); the result is the same as
/// [`model`]'s.
#[derive(Default)]
pub struct Reuse {
    pub files: load::Cache,
    pub checks: validate::Memo,
}

/// [`model`], reusing what `reuse` kept from the last build, reading only the
/// files that may have `changed` since.
pub fn model_reusing(
    options: &BuildOptions,
    timings: &mut Timings,
    reuse: &Reuse,
    changed: &load::Changed,
) -> Result<Model, Error> {
    model_from(
        options,
        timings,
        Some((&reuse.files, changed)),
        Some(&reuse.checks),
    )
}

fn model_from(
    options: &BuildOptions,
    timings: &mut Timings,
    cache: Option<(&load::Cache, &load::Changed)>,
    memo: Option<&validate::Memo>,
) -> Result<Model, Error> {
    let (mut content, mut diags) = timings.time("load", || match (cache, &options.spill_dir) {
        (Some((cache, changed)), _) => Ok(load::load_cached(
            &options.root,
            options.limits,
            cache,
            changed,
        )),
        (None, Some(dir)) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            let spill = Spill::new_in(dir)?;
            load::load_spilling(
                &options.root,
                options.limits,
                &spill,
                options.keep_text_below,
            )
        }
        (None, None) => Ok(load::load(&options.root, options.limits)),
    })?;
    if let (Some(site), Some(url)) = (content.site.as_mut(), &options.base_url) {
        site.value.base_url = url.clone();
    }
    timings.time("validate", || {
        let languages = crate::render::theme::available_languages();
        let strict = options.placeholders_are_errors;
        validate::validate_all(&content, &languages, strict, memo, &mut diags);
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

/// Makes every file of a model's site into `out` (pages, search index, data
/// files, attachments: the list of [`output::SiteFiles`]).
pub fn render(
    model: &Model,
    options: &BuildOptions,
    out: &dyn Sink,
    timings: &mut Timings,
) -> Result<Written, Error> {
    timings.time("render", || {
        output::write_site(&model.site, &model.theme, &options.render, out)
    })
}

/// What a finished build reports.
pub struct BuildReport {
    pub records: usize,
    /// Draft records waiting for review.
    pub drafts: usize,
    pub sessions: usize,
    pub stats: Written,
    pub warnings: Diagnostics,
    pub timings: Timings,
}

/// A full build into the folder `out_dir`: staged, then swapped in only if
/// everything succeeded.
pub fn build(
    options: &BuildOptions,
    out_dir: &Path,
    on_wait: impl FnOnce(&Path),
) -> Result<BuildReport, Error> {
    build_with_progress(options, out_dir, on_wait, &NoProgress)
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
pub fn build_with_progress(
    options: &BuildOptions,
    out_dir: &Path,
    on_wait: impl FnOnce(&Path),
    progress: &dyn Progress,
) -> Result<BuildReport, Error> {
    output::check_output_dir(&options.root, out_dir)?;
    let mut timings = Timings::default();
    let mut model = model(options, &mut timings)?;
    let staging = Staging::begin(out_dir, on_wait)?;
    let files = SiteFiles::new(&model.site, &model.theme);
    progress.start(files.page_count());
    let out = Counted {
        inner: DirSink::new(staging.path()),
        progress,
    };
    let stats = timings.time("render", || {
        // The model is the build's own: the search index, made last, lets go
        // of the records' text as it takes it in.
        let spill = options.spill_dir.clone().map(|dir| search::SpillTo {
            dir,
            budget: options.index_budget,
        });
        let (site, theme) = (&mut model.site, &model.theme);
        files.write_once(site, theme, &options.render, spill, &out)
    })?;
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

/// A sink that tells `progress` of each file after storing it.
struct Counted<'a, S: Sink> {
    inner: S,
    progress: &'a dyn Progress,
}

impl<S: Sink> Sink for Counted<'_, S> {
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

    fn put_streamed(&self, path: &str, write: Streamed<'_>) -> Result<(), Error> {
        self.inner.put_streamed(path, write)?;
        self.progress.file(path);
        Ok(())
    }

    fn put_streamed_pair(&self, paths: [&str; 2], write: StreamedPair<'_>) -> Result<(), Error> {
        self.inner.put_streamed_pair(paths, write)?;
        for path in paths {
            self.progress.file(path);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::output::{Found, MemorySink};

    /// The list of a site's files, on a fixture with attachments, a feed and
    /// sitemaps: every file a build writes is named once, by its entry or by
    /// the one group that makes it.
    #[test]
    fn the_list_names_every_file_a_build_writes_once() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/outputs");
        let options = BuildOptions::new(root);
        let model = model(&options, &mut Timings::default()).unwrap();
        let (site, theme) = (&model.site, &model.theme);
        let files = SiteFiles::new(site, theme);

        let entries: Vec<&str> = files.entries().iter().map(|e| e.path.as_str()).collect();
        let unique: BTreeSet<&str> = entries.iter().copied().collect();
        assert_eq!(unique.len(), entries.len(), "a path listed twice");
        let attachments = files
            .entries()
            .iter()
            .filter(|e| matches!(e.producer, output::Producer::Attachment(_)))
            .count();
        assert!(attachments > 0, "the fixture has attachments");

        let out = MemorySink::new();
        let written = files.write(site, theme, &options.render, &out).unwrap();
        let built = out.into_files();
        assert_eq!(written.files, built.len());
        assert_eq!(written.pages, files.page_count());
        for path in &entries {
            assert!(built.contains_key(*path), "{path} listed but not written");
        }
        let mut made = BTreeSet::new();
        for &group in files.groups() {
            let out = MemorySink::new();
            files
                .write_group(group, site, theme, options.render.portable, &out)
                .unwrap();
            for path in out.into_files().into_keys() {
                assert_eq!(files.find(&path), Some(Found::Group(group)), "{path}");
                assert!(!unique.contains(path.as_str()), "{path} listed and made");
                assert!(made.insert(path), "made by two groups");
            }
        }
        for shard in ["search/i/0.bin", "sitemap.xml", "atom.xml", "robots.txt"] {
            assert!(made.contains(shard), "{shard}");
        }
        let listed: BTreeSet<String> = unique.iter().map(|p| p.to_string()).collect();
        let all: BTreeSet<String> = listed.union(&made).cloned().collect();
        assert_eq!(all, built.into_keys().collect::<BTreeSet<_>>());
    }
}
