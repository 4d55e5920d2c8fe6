//! The site's files: one list, each path with the producer that makes it.
//!
//! [`SiteFiles`] is what `build`, `serve` and `check` share. A file whose name
//! is known from the model alone — every page, every static file of the theme,
//! every attachment — is one [`Entry`]: its path and its [`Producer`]. The
//! files made together from the whole model — the search index, the open data
//! with the feed, sitemaps and robots.txt — are a [`Group`]: their exact names
//! (how many search shards, whether the sitemap is split) are known only once
//! they are made, so the list holds the group and the names it claims
//! ([`Group::owns`]), and the group's producer makes all of its files.
//!
//! `build` writes the whole list ([`SiteFiles::write_once`]); `serve` looks a
//! requested path up in it ([`SiteFiles::find`]) and makes just that file, or
//! its group once; `check` writes it into memory and scans the pages. In all
//! three the search page comes after the search index: it carries the plan
//! the index was written with, whose shard count depends on the index's keys.

use std::path::PathBuf;
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::error::Error;
use crate::model::Site;
use crate::render::{Page, RenderOptions, Renderer, Theme, pages};
use crate::sink::Sink;

/// What a build wrote, for its summary line.
#[derive(Clone, Copy, Debug, Default)]
pub struct Written {
    /// HTML pages.
    pub pages: usize,
    /// Every file, pages included.
    pub files: usize,
}

/// What making a group gave: how many files, and for the search index the
/// plan they follow, which the search page carries.
#[derive(Clone, Copy, Debug, Default)]
pub struct GroupWritten {
    pub files: usize,
    pub plan: Option<crate::search::Plan>,
}

/// Every file of one site (see the module doc).
#[derive(Debug)]
pub struct SiteFiles {
    /// The pages (in the page list's order, which the sitemap keeps), then the
    /// theme's static files, then the attachments.
    entries: Vec<Entry>,
    /// How many of `entries` are pages (they come first).
    pages: usize,
    /// The groups, each made whole.
    groups: Vec<Group>,
    /// Indexes into `entries`, sorted by path: made on the first lookup
    /// (`serve`), never by a build, which only walks the list.
    by_path: OnceLock<Vec<u32>>,
}

/// One file whose name is known before it is made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Site-relative, `/`-separated: `proposals/2019/0003/index.html`.
    pub path: String,
    pub producer: Producer,
}

/// What makes one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Producer {
    /// A page, rendered from its template.
    Page(Page),
    /// A static file of the theme: index into `Theme::statics`.
    Static(usize),
    /// A record's attachment: the file on disk, copied as it is.
    Attachment(PathBuf),
}

/// Files made together, from the whole model at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// The search index: every file under `search/` but the search page
    /// ([`crate::search::write_index`]).
    Search,
    /// The open data under `data/`, the Atom feed, the XML sitemaps and
    /// robots.txt ([`crate::data::write_all`]).
    Data,
}

impl Group {
    /// Every group, in the order a build makes them.
    pub const ALL: [Group; 2] = [Group::Search, Group::Data];

    /// Whether a file at `path` would be one of this group's: the names it
    /// claims. What a group makes is always among them; whether a claimed name
    /// exists is known once the group is made (the feed and sitemaps need a
    /// `base_url`; the number of search shards depends on the records). A name
    /// no group claims is answered without making any — a browser's
    /// `/favicon.ico` at 10,000 records would otherwise take seconds.
    pub fn owns(self, path: &str) -> bool {
        match self {
            Group::Search => path.starts_with("search/"),
            Group::Data => {
                path.starts_with("data/")
                    || path == crate::data::feed::PATH
                    || path == crate::data::robots::PATH
                    || (path.starts_with("sitemap")
                        && path.ends_with(".xml")
                        && !path.contains('/'))
            }
        }
    }

    /// The position of this group in [`Group::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// What a path of the site is made by ([`SiteFiles::find`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found<'a> {
    /// A file of the list.
    Entry(&'a Entry),
    /// A name one group claims: make the group to know whether it is there.
    Group(Group),
}

impl SiteFiles {
    /// The list of `site`'s files with `theme`.
    pub fn new(site: &Site, theme: &Theme) -> SiteFiles {
        let pages = pages::all(site);
        let page_count = pages.len();
        let mut entries: Vec<Entry> = pages
            .into_iter()
            .map(|p| Entry {
                path: p.file(site),
                producer: Producer::Page(p),
            })
            .collect();
        entries.extend(theme.statics.iter().enumerate().map(|(i, f)| Entry {
            path: theme.assets[&f.name].clone(),
            producer: Producer::Static(i),
        }));
        entries.extend(
            site.records
                .iter()
                .flat_map(|r| r.reply.iter().flat_map(|reply| &reply.attachments))
                .map(|a| Entry {
                    path: a.path.clone(),
                    producer: Producer::Attachment(a.source.clone()),
                }),
        );
        SiteFiles {
            entries,
            pages: page_count,
            groups: Group::ALL.to_vec(),
            by_path: OnceLock::new(),
        }
    }

    /// The files whose names are known: pages first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The groups of files made together.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// How many pages the site has.
    pub fn page_count(&self) -> usize {
        self.pages
    }

    /// The pages, in the page list's order.
    pub fn pages(&self) -> impl Iterator<Item = &Page> {
        self.entries[..self.pages]
            .iter()
            .map(|e| match &e.producer {
                Producer::Page(p) => p,
                _ => unreachable!("the pages come first"),
            })
    }

    /// What makes the file at `path`: an entry of the list, else the group
    /// claiming the name; `None` when the site can have no such file.
    pub fn find(&self, path: &str) -> Option<Found<'_>> {
        let sorted = self.by_path.get_or_init(|| {
            let mut sorted: Vec<u32> = (0..self.entries.len() as u32).collect();
            sorted.sort_unstable_by(|&a, &b| {
                self.entries[a as usize]
                    .path
                    .cmp(&self.entries[b as usize].path)
            });
            sorted
        });
        if let Ok(i) =
            sorted.binary_search_by(|&i| self.entries[i as usize].path.as_str().cmp(path))
        {
            return Some(Found::Entry(&self.entries[sorted[i] as usize]));
        }
        self.groups
            .iter()
            .find(|g| g.owns(path))
            .map(|&g| Found::Group(g))
    }

    /// Writes every file of the list into `sink`: the pages, static files and
    /// attachments in parallel, each put into the sink as soon as it is made
    /// (so memory stays flat however many pages there are), and beside them
    /// the groups, one after the other; the search page last, since it
    /// carries the plan the index was written with.
    ///
    /// The groups run beside the pages rather than after them: the open data
    /// streams its files on one thread (a second of a 10,000-record build
    /// with long replies on one core while the other idled); run beside the
    /// pages, rayon's other workers keep rendering pages meanwhile.
    pub fn write(
        &self,
        site: &Site,
        theme: &Theme,
        options: &RenderOptions,
        sink: &dyn Sink,
    ) -> Result<Written, Error> {
        let embed = self.embed(site, theme, options.portable);
        let tera = crate::render::templates(theme)?;
        let (entries, groups) = rayon::join(
            || self.write_entries(site, theme, options, tera.clone(), sink),
            || self.write_groups(site, theme, options.portable, sink),
        );
        let (group_files, plan) = groups?;
        let search_page = self.write_search_page(site, theme, options, tera, &embed, plan, sink)?;
        Ok(Written {
            pages: self.pages,
            files: entries? + group_files + search_page,
        })
    }

    /// [`SiteFiles::write`] for a build, which needs the site's text no more
    /// afterwards: the same files, with the search index made last, letting go
    /// of each record's text as soon as it is indexed
    /// ([`crate::search::write_index_forgetting`]). So the index, some 200 MB
    /// at 100,000 records, never sits beside all of the text: that was the
    /// build's peak. The site keeps its metadata. With `spill`, the index
    /// writes its lists to temporary files when they outgrow its budget
    /// ([`crate::search::spill`]).
    pub fn write_once(
        &self,
        site: &mut Site,
        theme: &Theme,
        options: &RenderOptions,
        spill: Option<crate::search::SpillTo>,
        sink: &dyn Sink,
    ) -> Result<Written, Error> {
        // Taken before the index forgets the records' names.
        let embed = self.embed(site, theme, options.portable);
        let tera = crate::render::templates(theme)?;
        let others = self.groups_but_search();
        let shared: &Site = site;
        let (entries, groups) = rayon::join(
            || self.write_entries(shared, theme, options, tera.clone(), sink),
            || self.write_these(&others, shared, theme, options.portable, sink),
        );
        let mut files = entries? + groups?;
        let mut plan = None;
        if self.groups.contains(&Group::Search) {
            let made = crate::search::write_index_forgetting(site, options.portable, spill, sink)?;
            files += made.files;
            plan = Some(made.plan);
        }
        files += self.write_search_page(site, theme, options, tera, &embed, plan, sink)?;
        Ok(Written {
            pages: self.pages,
            files,
        })
    }

    /// Every group but the search index.
    fn groups_but_search(&self) -> Vec<Group> {
        let others = self.groups.iter().copied();
        others.filter(|g| *g != Group::Search).collect()
    }

    /// Makes every group, the search index last; returns how many files they
    /// made and the plan the index was written with.
    fn write_groups(
        &self,
        site: &Site,
        theme: &Theme,
        portable: bool,
        sink: &dyn Sink,
    ) -> Result<(usize, Option<crate::search::Plan>), Error> {
        let files = self.write_these(&self.groups_but_search(), site, theme, portable, sink)?;
        if !self.groups.contains(&Group::Search) {
            return Ok((files, None));
        }
        let made = crate::search::write_index(site, portable, sink)?;
        Ok((files + made.files, Some(made.plan)))
    }

    /// Makes `groups` one after the other; returns how many files they made.
    fn write_these(
        &self,
        groups: &[Group],
        site: &Site,
        theme: &Theme,
        portable: bool,
        sink: &dyn Sink,
    ) -> Result<usize, Error> {
        groups.iter().try_fold(0, |files, &group| {
            Ok(files + self.write_group(group, site, theme, portable, sink)?.files)
        })
    }

    /// Writes the entries (pages, static files, attachments) but the search
    /// page; returns how many.
    fn write_entries(
        &self,
        site: &Site,
        theme: &Theme,
        options: &RenderOptions,
        tera: tera::Tera,
        sink: &dyn Sink,
    ) -> Result<usize, Error> {
        let no_meta = String::new;
        let renderer = Renderer::with_templates(site, theme, options.clone(), tera, &no_meta);
        let entries = self.entries.par_iter();
        let entries = entries.filter(|e| e.producer != Producer::Page(Page::Search));
        entries
            .map(|e| match &e.producer {
                Producer::Page(page) => {
                    let (_, bytes) = page.render(&renderer)?;
                    sink.put(&e.path, &bytes).map(|()| 1)
                }
                Producer::Static(i) => sink.put(&e.path, &theme.statics[*i].bytes).map(|()| 1),
                Producer::Attachment(source) => sink.copy(&e.path, source).map(|()| 1),
            })
            .try_reduce(|| 0, |a, b| Ok(a + b))
    }

    /// Writes the search page, carrying `plan` (the one the index was written
    /// with; the site's own estimate when the site has no index); returns how
    /// many files that was, 0 or 1.
    #[allow(clippy::too_many_arguments)]
    fn write_search_page(
        &self,
        site: &Site,
        theme: &Theme,
        options: &RenderOptions,
        tera: tera::Tera,
        embed: &crate::search::Embed,
        plan: Option<crate::search::Plan>,
        sink: &dyn Sink,
    ) -> Result<usize, Error> {
        let search = Producer::Page(Page::Search);
        let Some(entry) = self.entries.iter().find(|e| e.producer == search) else {
            return Ok(0);
        };
        let meta = || embed.json(plan.as_ref());
        let renderer = Renderer::with_templates(site, theme, options.clone(), tera, &meta);
        let (_, bytes) = Page::Search.render(&renderer)?;
        sink.put(&entry.path, &bytes)?;
        Ok(1)
    }

    /// What the search page embeds but the index's plan ([`crate::search::Embed`]).
    pub fn embed(&self, site: &Site, theme: &Theme, portable: bool) -> crate::search::Embed {
        let label = |facet: &str, value: &str| {
            let key = format!("{facet}.{value}");
            theme.labels.get(&key).cloned().unwrap_or(key)
        };
        crate::search::Embed::new(site, portable, &label)
    }

    /// Makes every file of `group` into `sink`.
    pub fn write_group(
        &self,
        group: Group,
        site: &Site,
        theme: &Theme,
        portable: bool,
        sink: &dyn Sink,
    ) -> Result<GroupWritten, Error> {
        match group {
            Group::Search => {
                let made = crate::search::write_index(site, portable, sink)?;
                Ok(GroupWritten {
                    files: made.files,
                    plan: Some(made.plan),
                })
            }
            Group::Data => {
                // The sitemap's pages: every page but the 404 page, which is
                // no address of its own (its path is the home page's).
                let pages: Vec<String> = self
                    .pages()
                    .filter(|p| !matches!(p, Page::NotFound))
                    .map(|p| p.path(site))
                    .collect();
                let files = crate::data::write_all(site, &theme.labels, &pages, sink)?;
                Ok(GroupWritten { files, plan: None })
            }
        }
    }

    #[cfg(test)]
    fn from_parts(entries: Vec<Entry>, groups: Vec<Group>) -> SiteFiles {
        let pages = entries
            .iter()
            .take_while(|e| matches!(e.producer, Producer::Page(_)))
            .count();
        SiteFiles {
            entries,
            pages,
            groups,
            by_path: OnceLock::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> SiteFiles {
        let entry = |path: &str, producer| Entry {
            path: path.to_string(),
            producer,
        };
        SiteFiles::from_parts(
            vec![
                entry("index.html", Producer::Page(Page::Home)),
                entry("search/index.html", Producer::Page(Page::Search)),
                entry("sitemap/index.html", Producer::Page(Page::Sitemap)),
                entry("404.html", Producer::Page(Page::NotFound)),
                entry("static/css/site.0123abcd.css", Producer::Static(0)),
                entry(
                    "proposals/2019/0001/reply.pdf",
                    Producer::Attachment(PathBuf::from("content/proposals/2019/reply.pdf")),
                ),
            ],
            Group::ALL.to_vec(),
        )
    }

    #[test]
    fn a_path_is_found_in_the_list_or_in_the_group_claiming_it() {
        let files = list();
        let entry = |path: &str| match files.find(path) {
            Some(Found::Entry(e)) => Some(e.producer.clone()),
            _ => None,
        };
        assert_eq!(entry("index.html"), Some(Producer::Page(Page::Home)));
        // The search page is a page, though its folder is the search group's.
        assert_eq!(
            entry("search/index.html"),
            Some(Producer::Page(Page::Search))
        );
        assert_eq!(
            entry("sitemap/index.html"),
            Some(Producer::Page(Page::Sitemap))
        );
        assert_eq!(
            entry("static/css/site.0123abcd.css"),
            Some(Producer::Static(0))
        );
        assert!(matches!(
            entry("proposals/2019/0001/reply.pdf"),
            Some(Producer::Attachment(_))
        ));
        for (path, group) in [
            ("search/i/3.bin", Group::Search),
            ("search/r/0.js", Group::Search),
            ("search/d/1.bin", Group::Search),
            ("data/proposals.json", Group::Data),
            ("data/units.csv", Group::Data),
            ("atom.xml", Group::Data),
            ("robots.txt", Group::Data),
            ("sitemap.xml", Group::Data),
            ("sitemap-2.xml", Group::Data),
        ] {
            assert_eq!(files.find(path), Some(Found::Group(group)), "{path}");
        }
        for path in [
            "favicon.ico",
            "apple-touch-icon.png",
            "proposals/2019/0001/x.pdf",
            "proposals/index.html",
            "sitemap/other.xml",
            "index.htm",
        ] {
            assert_eq!(files.find(path), None, "{path}");
        }
    }

    #[test]
    fn no_name_is_claimed_by_two_groups() {
        for path in [
            "search/i/0.bin",
            "data/schema.json",
            "atom.xml",
            "sitemap-1.xml",
        ] {
            let claims = Group::ALL.iter().filter(|g| g.owns(path)).count();
            assert_eq!(claims, 1, "{path}");
        }
    }
}
