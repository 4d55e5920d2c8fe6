//! Accountability at a glance: the units table (`/units/`, and each session's
//! by-unit table), a unit's figures per session, and each body's sessions over
//! time — charts with the same numbers in real tables.
//!
//! Every number here comes from the model: unit figures from the one pass in
//! [`crate::model::units`] (published records only), session figures from
//! [`crate::model::Session`] (its counts and the rates [`crate::model::figures::rates`]
//! allows). A rate is shown only over the records that state its fact, with
//! how many that is; where no record states it the cell says "—".

use serde::Serialize;

use super::Viewer;
use crate::model::figures::{Counts, Fact, format_rate};
use crate::model::{Basis, Session, TaxonomyKind, UnitCounts};
use crate::render::chart::{self, Bar, StackRow};

/// A table of figures: a header row, then one row per unit or session. With
/// `sortable`, the theme's script lets the reader sort it by any column.
#[derive(Clone, Debug, Serialize)]
pub struct TableView {
    pub id: String,
    pub caption: String,
    pub columns: Vec<ColumnView>,
    pub rows: Vec<RowView>,
    pub sortable: bool,
    /// A line under the table (what "—" and the rates mean).
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ColumnView {
    pub label: String,
    pub numeric: bool,
    /// `descending` on the column the rows come sorted by (`aria-sort`).
    pub sort: Option<&'static str>,
}

/// A row: its header cell (the unit or session) and its figures, one per
/// column after the first. A figure's column label (shown before the value
/// where the table is read as a list) is the column's: the template reads it
/// from `columns`, not from each cell, since the template engine makes every
/// struct a map of its own. `/units/` of 103,000 units (206 records each naming
/// 500 co-units) held 475 MB of such maps at the build's peak with seven
/// fields a cell, each carrying its label; with three, 218 MB (docs/dev/performance.md).
#[derive(Clone, Debug, Serialize)]
pub struct RowView {
    pub head: HeadView,
    pub cells: Vec<CellView>,
}

/// A row's header cell.
#[derive(Clone, Debug, Serialize)]
pub struct HeadView {
    pub text: String,
    /// A site-relative link (the unit's or session's page).
    pub href: Option<String>,
    /// Small print under the name (a session's records split by category).
    pub note: Option<String>,
    /// What the sorter compares: the name's sort key.
    pub sort: String,
}

/// A figure: a count or a rate.
#[derive(Clone, Debug, Serialize)]
pub struct CellView {
    pub text: String,
    /// Small print under the value: `3件中2件`.
    pub note: Option<String>,
    /// What the sorter compares: a number.
    pub sort: String,
}

/// A chart and the table with its numbers.
#[derive(Clone, Debug, Serialize)]
pub struct FigureView {
    pub id: String,
    pub title: String,
    /// Inline SVG, already escaped.
    pub svg: String,
    pub table: TableView,
}

/// One body's sessions over time (`/sessions/`).
#[derive(Clone, Debug, Serialize)]
pub struct BodyView {
    pub id: String,
    pub title: String,
    pub figure: FigureView,
}

/// A column of a figures table.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Col {
    Hosted,
    Co,
    Category(usize),
    Replied,
    Rate(Fact),
}

impl<'a> Viewer<'a> {
    /// A figure whose sort key is its text: a count.
    fn count_cell(n: u32) -> CellView {
        CellView {
            text: n.to_string(),
            note: None,
            sort: n.to_string(),
        }
    }

    /// "—": no record states the fact (sorted below every rate).
    fn none_cell(&self) -> CellView {
        CellView {
            text: self.label("units.none"),
            note: None,
            sort: "-1".into(),
        }
    }

    /// A row's header cell: a unit's or session's name, linked to its page.
    fn head(&self, text: String, path: &str, sort: String) -> HeadView {
        HeadView {
            text,
            href: Some(self.links.href(path)),
            note: None,
            sort,
        }
    }

    /// A rate cell over the records stating the fact: `67%` with `3件中2件`,
    /// or "—" where none states it.
    fn rate_cell(&self, fact: Fact, c: &Counts) -> CellView {
        let whole = fact.basis(c);
        match fact.rate(c) {
            Some(rate) => {
                let part = match fact {
                    Fact::Reply => c.replied,
                    Fact::Meeting => c.met,
                    Fact::Satisfaction => c.satisfied,
                    Fact::OnTime => c.on_time,
                };
                CellView {
                    text: format_rate(rate),
                    note: Some(self.fill(
                        "units.rate_note",
                        &[("part", &part.to_string()), ("whole", &whole.to_string())],
                    )),
                    sort: format!("{rate:.4}"),
                }
            }
            None => self.none_cell(),
        }
    }

    fn col_label(&self, col: Col) -> String {
        match col {
            Col::Hosted => self.label("units.hosted"),
            Col::Co => self.label("units.co_handled"),
            Col::Category(i) => self.site.categories.get(i).wording.clone(),
            Col::Replied => self.label("units.replied"),
            Col::Rate(f) => self.label(&format!("figures.{}", f.key())),
        }
    }

    fn unit_cells(&self, cols: &[Col], u: &UnitCounts) -> Vec<CellView> {
        cols.iter()
            .map(|col| match col {
                Col::Hosted => Self::count_cell(u.hosted.records),
                Col::Co => Self::count_cell(u.co_handled),
                Col::Category(i) => Self::count_cell(u.hosted.of_category(*i)),
                Col::Replied => Self::count_cell(u.hosted.replied),
                Col::Rate(f) => self.rate_cell(*f, &u.hosted),
            })
            .collect()
    }

    /// The category columns worth a column: those some row counts.
    fn category_cols<'c>(&self, counts: impl Iterator<Item = &'c Counts> + Clone) -> Vec<Col> {
        (0..self.site.categories.len())
            .filter(|i| counts.clone().any(|c| c.of_category(*i) > 0))
            .map(Col::Category)
            .collect()
    }

    /// Every unit's figures — over all sessions, or in one session (index
    /// into `Site::sessions`) — most records hosted first. `None` when no unit
    /// has a published record there.
    pub fn units_table(&self, session: Option<usize>, id: &str) -> Option<TableView> {
        let terms = &self.site.taxonomy(TaxonomyKind::Units).terms;
        let mut rows: Vec<(usize, &UnitCounts)> = self
            .site
            .units
            .iter()
            .enumerate()
            .filter_map(|(t, f)| match session {
                None => Some((t, &f.total)),
                Some(s) => f.in_session(s).map(|c| (t, c)),
            })
            .filter(|(_, c)| c.hosted.records + c.co_handled > 0)
            .collect();
        if rows.is_empty() {
            return None;
        }
        // Without the script: most records hosted first, then most co-handled,
        // then in the units' own (pinyin) order.
        rows.sort_by(|a, b| {
            (b.1.hosted.records, b.1.co_handled, a.0).cmp(&(
                a.1.hosted.records,
                a.1.co_handled,
                b.0,
            ))
        });
        let mut cols = vec![Col::Hosted, Col::Co];
        cols.extend(self.category_cols(rows.iter().map(|(_, c)| &c.hosted)));
        cols.push(Col::Replied);
        cols.push(Col::Rate(Fact::OnTime));
        let unit_label = self.label("units.unit");
        let mut columns = vec![ColumnView {
            label: unit_label.clone(),
            numeric: false,
            sort: None,
        }];
        columns.extend(cols.iter().map(|c| ColumnView {
            label: self.col_label(*c),
            numeric: true,
            sort: (*c == Col::Hosted).then_some("descending"),
        }));
        let rows = rows
            .into_iter()
            .map(|(t, c)| {
                let term = &terms[t];
                let path = super::term_path(TaxonomyKind::Units, &term.slug);
                RowView {
                    head: self.head(term.name.clone(), &path, term.slug.clone()),
                    cells: self.unit_cells(&cols, c),
                }
            })
            .collect();
        let caption = match session {
            None => self.label("units.table_caption"),
            Some(s) => self.fill(
                "units.session_caption",
                &[("session", &self.session_title(&self.site.sessions[s]))],
            ),
        };
        Some(TableView {
            id: id.to_string(),
            caption,
            columns,
            rows,
            sortable: true,
            note: Some(self.on_time_note()),
        })
    }

    fn on_time_note(&self) -> String {
        self.fill(
            "units.note",
            &[("limit", &self.site.config.reply_within_days.to_string())],
        )
    }

    /// A unit's figures per session: a chart of the records it hosted (split
    /// by category) and co-handled, and a table with those numbers and its
    /// rates. `t` is the unit's index in the units taxonomy.
    pub fn unit_figures(&self, t: usize) -> Option<FigureView> {
        let f = self.site.units.get(t)?;
        if f.sessions.is_empty() {
            return None;
        }
        let name = &self.site.taxonomy(TaxonomyKind::Units).terms[t].name;
        let mut cols = vec![Col::Hosted, Col::Co];
        cols.extend(self.category_cols(f.sessions.iter().map(|s| &s.counts.hosted)));
        cols.push(Col::Replied);
        cols.extend(
            Fact::ALL
                .iter()
                .map(|f| Col::Rate(*f))
                .filter(|c| *c != Col::Rate(Fact::Reply)),
        );
        let session_label = self.label("units.session");
        let mut columns = vec![ColumnView {
            label: session_label.clone(),
            numeric: false,
            sort: None,
        }];
        columns.extend(cols.iter().map(|c| ColumnView {
            label: self.col_label(*c),
            numeric: true,
            sort: None,
        }));
        let mut rows = Vec::new();
        let mut stack = Vec::new();
        for us in &f.sessions {
            let s = &self.site.sessions[us.session];
            let title = self.session_title(s);
            rows.push(RowView {
                head: self.head(title.clone(), &s.path, s.year.to_string()),
                cells: self.unit_cells(&cols, &us.counts),
            });
            stack.push(self.unit_stack(title, &us.counts));
        }
        let title = self.label("units.figures_title");
        let split = cols.iter().any(|c| matches!(c, Col::Category(_)));
        let desc = self.fill(
            if split {
                "units.figures_desc_split"
            } else {
                "units.figures_desc"
            },
            &[("unit", name)],
        );
        let id = "unit-figures";
        Some(FigureView {
            id: id.into(),
            svg: chart::stacked_chart(self.lang, id, &title, &desc, &stack),
            title: title.clone(),
            table: TableView {
                id: "unit-figures-table".into(),
                caption: self.fill("chart.table_caption", &[("title", &title)]),
                columns,
                rows,
                sortable: false,
                note: Some(self.on_time_note()),
            },
        })
    }

    /// A chart row: the records hosted, split by category, and co-handled.
    fn unit_stack(&self, label: String, c: &UnitCounts) -> StackRow {
        let cats = &self.site.categories;
        let segments: Vec<Bar> = (0..cats.len())
            .filter(|i| c.hosted.of_category(*i) > 0)
            .map(|i| Bar {
                label: cats.get(i).wording.clone(),
                value: c.hosted.of_category(i),
                variant: cats.get(i).variant.clone(),
            })
            .collect();
        let mut value = self.fill(
            "units.hosted_n",
            &[("count", &c.hosted.records.to_string())],
        );
        if !segments.is_empty() {
            let parts: Vec<String> = segments
                .iter()
                .map(|b| format!("{}{}", b.label, self.count(b.value)))
                .collect();
            value.push_str(&self.fill(
                "units.split",
                &[("parts", &parts.join(&self.label("list.separator")))],
            ));
        }
        if c.co_handled > 0 {
            value.push_str(&self.label("units.value_separator"));
            value.push_str(&self.fill("units.co_n", &[("count", &c.co_handled.to_string())]));
        }
        StackRow {
            label,
            total: c.hosted.records,
            segments,
            value,
        }
    }

    /// Each body's sessions over time, oldest first: a chart of how many
    /// records each session handled and a table with those numbers, the
    /// category split and the rates the session shows.
    pub fn bodies(&self) -> Vec<BodyView> {
        let mut bodies: Vec<&str> = Vec::new();
        for s in self
            .site
            .sessions
            .iter()
            .filter(|s| super::super::pages::has_page(s))
        {
            if !bodies.contains(&s.body.as_str()) {
                bodies.push(&s.body);
            }
        }
        bodies.sort();
        bodies
            .into_iter()
            .enumerate()
            .map(|(b, body)| {
                let mut sessions: Vec<&Session> = self
                    .site
                    .sessions
                    .iter()
                    .filter(|s| s.body == body && super::super::pages::has_page(s))
                    .collect();
                sessions.sort_by(|a, b| a.year.cmp(&b.year).then_with(|| a.id.cmp(&b.id)));
                self.body(b, body, &sessions)
            })
            .collect()
    }

    fn body(&self, b: usize, body: &str, sessions: &[&Session]) -> BodyView {
        let id = format!("body-{}", b + 1);
        let session_label = self.label("units.session");
        let total_label = self.label("figures.total");
        let published_label = self.label("figures.published");
        let splits: Vec<(Vec<u32>, bool)> =
            sessions.iter().map(|s| self.category_split(s)).collect();
        let cats: Vec<usize> = (0..self.site.categories.len())
            .filter(|i| splits.iter().any(|(c, _)| c[*i] > 0))
            .collect();
        let mut columns = vec![
            ColumnView {
                label: session_label.clone(),
                numeric: false,
                sort: None,
            },
            ColumnView {
                label: total_label.clone(),
                numeric: true,
                sort: None,
            },
            ColumnView {
                label: published_label.clone(),
                numeric: true,
                sort: None,
            },
        ];
        columns.extend(cats.iter().map(|i| ColumnView {
            label: self.site.categories.get(*i).wording.clone(),
            numeric: true,
            sort: None,
        }));
        columns.extend(Fact::ALL.iter().map(|f| ColumnView {
            label: self.label(&format!("figures.{}", f.key())),
            numeric: true,
            sort: None,
        }));
        let mut rows = Vec::new();
        let mut bars = Vec::new();
        for (s, (split, all)) in sessions.iter().zip(&splits) {
            let title = self.session_title(s);
            let total = self.session_total(s);
            let mut head = self.head(title.clone(), &s.path, s.year.to_string());
            if !cats.is_empty() {
                let n: u32 = split.iter().sum();
                head.note = Some(if *all {
                    self.fill("sessions.split_all", &[("count", &n.to_string())])
                } else {
                    self.fill("sessions.split_published", &[("count", &n.to_string())])
                });
            }
            let mut cells = vec![Self::count_cell(total), Self::count_cell(s.published)];
            cells.extend(cats.iter().map(|i| Self::count_cell(split[*i])));
            cells.extend(s.rates.iter().map(|rate| match rate {
                Some(r) => CellView {
                    text: format_rate(r.value),
                    note: Some(match r.basis {
                        Basis::Declared => self.label("sessions.declared"),
                        Basis::Session => self.label("sessions.all_records"),
                        Basis::Published { records } => {
                            self.fill("figures.from_published", &[("count", &records.to_string())])
                        }
                    }),
                    sort: format!("{:.4}", r.value),
                },
                None => self.none_cell(),
            }));
            rows.push(RowView { head, cells });
            bars.push(StackRow {
                label: title,
                total,
                segments: vec![],
                value: self.count(total),
            });
        }
        let title = self.fill("sessions.body_title", &[("body", body)]);
        let desc = self.fill("sessions.body_desc", &[("body", body)]);
        let chart_id = format!("{id}-chart");
        let figure = FigureView {
            svg: chart::stacked_chart(self.lang, &chart_id, &title, &desc, &bars),
            id: chart_id,
            title: title.clone(),
            table: TableView {
                id: format!("{id}-table"),
                caption: self.fill("chart.table_caption", &[("title", &title)]),
                columns,
                rows,
                sortable: false,
                note: Some(self.label("sessions.note")),
            },
        };
        BodyView {
            id,
            title: body.to_string(),
            figure,
        }
    }

    /// How many records a session handled: the declared total where the
    /// report gives one, else its records (withheld ones included).
    pub fn session_total(&self, s: &Session) -> u32 {
        crate::model::Kind::ALL
            .iter()
            .filter_map(|k| crate::model::figures::declared_of_kind(&s.declared, *k))
            .reduce(|a, b| a + b)
            .unwrap_or(s.counts.records)
    }

    /// A session's records per category, and whether that is all its records
    /// (they cover the session and each states a category) or only those
    /// published individually that state one. The session page's category
    /// chart uses the same split.
    pub fn category_split(&self, s: &Session) -> (Vec<u32>, bool) {
        let n = self.site.categories.len();
        if s.covers && s.counts.no_category == 0 {
            ((0..n).map(|i| s.counts.of_category(i)).collect(), true)
        } else {
            let mut by = vec![0u32; n];
            for i in &s.records {
                let r = &self.site.records[*i];
                if let Some(c) = r.status.filter(|_| !r.draft) {
                    by[c] += 1;
                }
            }
            (by, false)
        }
    }
}
