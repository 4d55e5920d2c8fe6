//! Sessions as templates see them: the report's prose, its figures as a table,
//! and the same numbers as charts.
//!
//! The figures follow docs/content.md (统计数字) and docs/pages.md (数字怎么显示). Where the records cover the
//! session (and, for a rate or the not-feasible count, every record states its
//! fact), the counts and rates are the session's and agree with the declared
//! ones, which validation checked. Where they do not, the declared figures are
//! the official ones, shown as declared, with how many records are published
//! individually — and no rate computed from the records is shown beside them,
//! since it would describe a handful of records as if it described the
//! session. A session that declares nothing shows the rates of its published
//! records, each labelled with how many records it is computed from. Which
//! rate is shown is decided once, in the model ([`crate::model::figures::rates`]).

use std::collections::BTreeMap;

use serde::Serialize;

use super::{RecordCard, Viewer};
use crate::model::Kind;
use crate::model::figures::{Fact, declared_of_kind, format_rate};
use crate::model::{Basis, Session};
use crate::render::chart::{self, Bar};
use crate::text::markdown;

/// A session in the list of sessions.
#[derive(Clone, Debug, Serialize)]
pub struct SessionCard {
    pub href: String,
    pub title: String,
    pub year: i32,
    /// `2019年`.
    pub year_text: String,
    /// `公开7件`.
    pub published: Option<String>,
    pub summary: Option<String>,
}

/// The session report page.
#[derive(Clone, Debug, Serialize)]
pub struct SessionView<'a> {
    pub title: String,
    pub year: i32,
    pub year_text: String,
    /// Overview first; then methods, shortcomings and next steps.
    pub overview: Option<ProseSection>,
    pub sections: Vec<ProseSection>,
    pub figures: FiguresView,
    pub charts: Vec<ChartView>,
    pub records: Vec<RecordCard<'a>>,
}

/// One part of the report, Markdown rendered with headings below the `h2`.
#[derive(Clone, Debug, Serialize)]
pub struct ProseSection {
    pub id: &'static str,
    pub title: String,
    pub html: String,
}

/// The figures table, and the sentence that says what it covers.
#[derive(Clone, Debug, Serialize)]
pub struct FiguresView {
    pub caption: String,
    pub head: [String; 2],
    pub rows: Vec<FigureRow>,
    /// Where the figures come from (the report, or every record).
    pub source: Option<String>,
    /// `共办理55件，其中7件单独公开办理结果。`
    pub published: String,
    /// A few rows for the home page: total and rates.
    pub headline: Vec<FigureRow>,
    /// Why a rate the published records state is not shown: the session
    /// declares figures, and its records are not the whole session.
    pub not_computed: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FigureRow {
    pub key: String,
    pub label: String,
    pub value: String,
    /// Where a rate comes from, when it is not the session's own:
    /// `根据本站公开的 15 件记录计算`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A chart and the table with its numbers.
#[derive(Clone, Debug, Serialize)]
pub struct ChartView {
    pub id: String,
    pub title: String,
    /// Inline SVG, already escaped.
    pub svg: String,
    pub caption: String,
    pub head: [String; 2],
    pub rows: Vec<FigureRow>,
}

/// How many units the units chart shows at most; the table lists the same ones.
const TOP_UNITS: usize = 12;

impl<'a> Viewer<'a> {
    pub fn session_title(&self, s: &Session) -> String {
        format!("{}{}", s.body, s.name)
    }

    pub fn session_card(&self, s: &Session) -> SessionCard {
        let published = s.records.len();
        SessionCard {
            href: self.links.href(&s.path),
            title: self.session_title(s),
            year: s.year,
            year_text: self.fill("year.name", &[("year", &s.year.to_string())]),
            published: (published > 0)
                .then(|| self.fill("session.published", &[("count", &published.to_string())])),
            summary: s
                .overview
                .as_deref()
                .map(|m| super::excerpt(&markdown::to_text(m), 120)),
        }
    }

    pub fn session(&self, s: &Session) -> SessionView<'a> {
        let prose = |id: &'static str, text: &Option<String>| {
            text.as_deref().map(|m| ProseSection {
                id,
                title: self.label(&format!("session.{id}")),
                html: markdown::to_html(m, 3),
            })
        };
        let sections = [
            ("methods", &s.methods),
            ("shortcomings", &s.shortcomings),
            ("next_steps", &s.next_steps),
        ]
        .into_iter()
        .filter_map(|(id, text)| prose(id, text))
        .collect();
        let records = s
            .records
            .iter()
            .map(|i| self.card(&self.site.records[*i]))
            .collect();
        SessionView {
            title: self.session_title(s),
            year: s.year,
            year_text: self.fill("year.name", &[("year", &s.year.to_string())]),
            overview: prose("overview", &s.overview),
            sections,
            figures: self.figures(s),
            charts: self.charts(s),
            records,
        }
    }

    /// The figures table of a session (see the module doc for what is shown).
    pub fn figures(&self, s: &Session) -> FiguresView {
        let d = &s.declared;
        let c = &s.counts;
        let covers = s.covers;
        let published = s.records.len();
        let mut rows = Vec::new();
        let mut row = |key: &'static str, value: String, note: Option<String>| {
            rows.push(FigureRow {
                key: key.to_string(),
                label: self.label(&format!("figures.{key}")),
                value,
                note,
            })
        };
        let declared_total: Option<u32> = Kind::ALL
            .iter()
            .filter_map(|k| declared_of_kind(d, *k))
            .reduce(|a, b| a + b);
        for (key, kind) in [
            ("recommendations", Kind::Recommendation),
            ("proposals", Kind::Proposal),
            ("suggestions", Kind::Suggestion),
        ] {
            if let Some(n) = declared_of_kind(d, kind) {
                row(key, self.count(n), None);
            }
        }
        if let Some(total) = declared_total
            && Kind::ALL
                .iter()
                .filter(|k| declared_of_kind(d, **k).is_some())
                .count()
                > 1
        {
            row("total", self.count(total), None);
        }
        // A count from the records only where they are the whole session (and,
        // for categories, every record states one).
        let counted = |declared: Option<u32>, computed: u32, stated: bool| {
            declared.or((covers && stated && computed > 0).then_some(computed))
        };
        if let Some(n) = counted(d.key, c.key, true) {
            row("key", self.count(n), None);
        }
        if let Some(n) = counted(d.not_feasible, c.not_feasible, c.no_category == 0) {
            row("not_feasible", self.count(n), None);
        }
        for (fact, rate) in Fact::ALL.iter().zip(&s.rates) {
            let Some(rate) = rate else { continue };
            let mut note = match rate.basis {
                Basis::Published { records } => {
                    Some(self.fill("figures.from_published", &[("count", &records.to_string())]))
                }
                Basis::Declared | Basis::Session => None,
            };
            if *fact == Fact::OnTime {
                // Never declared: always say what it counts.
                let rule = self.on_time_rule();
                note = Some(match note {
                    Some(n) => format!("{n}{}{rule}", self.label("figures.note_separator")),
                    None => rule,
                });
            }
            row(fact.key(), format_rate(rate.value), note);
        }
        row("published", self.count(published), None);

        let total = declared_total.unwrap_or(c.records);
        let published_text = if declared_total.is_some() && !covers {
            self.fill(
                "figures.published_of",
                &[
                    ("total", &total.to_string()),
                    ("published", &published.to_string()),
                ],
            )
        } else {
            self.fill(
                "figures.published_only",
                &[("published", &published.to_string())],
            )
        };
        // The records are the whole session and state every fact the report
        // gives a figure for: the figures shown are the records' too (validation
        // checked that they agree).
        let checked = covers
            && Fact::ALL
                .iter()
                .all(|f| f.declared(d).is_none() || f.stated_by_all(c))
            && (d.not_feasible.is_none() || c.no_category == 0);
        let source = if d.is_empty() {
            None
        } else if checked {
            Some(self.label("figures.from_records"))
        } else {
            Some(self.label("figures.official"))
        };
        let headline_keys: &[&str] = if declared_total.is_some() {
            &["total", "reply_rate", "meeting_rate", "satisfaction_rate"]
        } else {
            &[
                "published",
                "reply_rate",
                "meeting_rate",
                "satisfaction_rate",
            ]
        };
        let mut headline: Vec<FigureRow> = Vec::new();
        if let Some(total) = declared_total {
            headline.push(FigureRow {
                key: "total".into(),
                label: self.label("figures.total"),
                value: self.count(total),
                note: None,
            });
        }
        headline.extend(
            rows.iter()
                .filter(|r| headline_keys.contains(&r.key.as_str()) && r.key != "total")
                .cloned(),
        );
        // The report declares figures but not these rates, and the records are
        // not the whole session: say why the rates the records state are not
        // shown (a handful of records would misdescribe the session).
        let missing: Vec<String> = Fact::ALL
            .iter()
            .zip(&s.rates)
            .filter(|(f, r)| r.is_none() && f.basis(&s.published_counts) > 0)
            .map(|(f, _)| self.label(&format!("figures.{}", f.key())))
            .collect();
        let not_computed = (!d.is_empty() && !covers && !missing.is_empty()).then(|| {
            self.fill(
                "figures.not_computed",
                &[
                    ("rates", &missing.join(&self.label("list.separator"))),
                    ("published", &published.to_string()),
                ],
            )
        });
        // The table sits above a line saying its figures are the report's: the
        // count of records published here is not, so it stays out of that
        // table (the sentence below the table gives it).
        if source.is_some() && !checked {
            rows.retain(|r| r.key != "published");
        }
        FiguresView {
            caption: self.fill("figures.caption", &[("session", &self.session_title(s))]),
            head: [self.label("figures.item"), self.label("figures.value")],
            rows,
            source,
            published: published_text,
            headline,
            not_computed,
        }
    }

    /// What 按期办复率 counts: `交办后 90 天内办复为按期，只计同时注明交办日期和办复日期的记录`.
    pub fn on_time_rule(&self) -> String {
        self.fill(
            "figures.on_time_rule",
            &[("limit", &self.site.config.reply_within_days.to_string())],
        )
    }

    /// Bars by category and by host unit. By category: the session's counts
    /// when the records cover it and each states a category, else the records
    /// published individually that state one. By unit: always the published
    /// records (a unit named only by withheld records must not show up).
    pub fn charts(&self, s: &Session) -> Vec<ChartView> {
        let session = self.session_title(s);
        let members = &s.records;
        let mut charts = Vec::new();

        let categories = &self.site.categories;
        let (status_counts, all) = self.category_split(s);
        let status_desc = if all {
            "chart.status_desc_all"
        } else {
            "chart.status_desc_published"
        };
        let bars: Vec<Bar> = status_counts
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, n)| Bar {
                label: categories.get(i).wording.clone(),
                value: *n,
                variant: categories.get(i).variant.clone(),
            })
            .collect();
        if !bars.is_empty() {
            let total: u32 = bars.iter().map(|b| b.value).sum();
            let desc = self.fill(
                status_desc,
                &[("session", &session), ("total", &total.to_string())],
            );
            charts.push(self.chart(
                "chart-status",
                "chart.status_title",
                &desc,
                "chart.category",
                bars,
            ));
        }

        let mut units: BTreeMap<&str, u32> = BTreeMap::new();
        for i in members {
            if let Some(u) = &self.site.records[*i].host_unit {
                *units.entry(u).or_default() += 1;
            }
        }
        // The records the chart counts: those that name a host unit.
        let with_unit: u32 = units.values().sum();
        let mut units: Vec<(&str, u32)> = units.into_iter().collect();
        units.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let all_units = units.len();
        units.truncate(TOP_UNITS);
        if !units.is_empty() {
            let total = with_unit.to_string();
            let desc = if all_units > units.len() {
                self.fill(
                    "chart.units_top",
                    &[
                        ("session", &session),
                        ("total", &total),
                        ("shown", &units.len().to_string()),
                    ],
                )
            } else {
                self.fill(
                    "chart.units_desc",
                    &[("session", &session), ("total", &total)],
                )
            };
            let bars = units
                .into_iter()
                .map(|(u, n)| Bar {
                    label: u.to_string(),
                    value: n,
                    variant: "unit".into(),
                })
                .collect();
            charts.push(self.chart(
                "chart-units",
                "chart.units_title",
                &desc,
                "chart.unit",
                bars,
            ));
        }
        charts
    }

    fn chart(
        &self,
        id: &str,
        title_key: &str,
        desc: &str,
        first_column: &str,
        bars: Vec<Bar>,
    ) -> ChartView {
        let title = self.label(title_key);
        let svg = chart::bar_chart(self.lang, id, &title, desc, &bars, |n| self.count(n));
        ChartView {
            id: id.to_string(),
            caption: self.fill("chart.table_caption", &[("title", &title)]),
            title,
            svg,
            head: [self.label(first_column), self.label("chart.count")],
            rows: bars
                .into_iter()
                .map(|b| FigureRow {
                    key: b.variant,
                    label: b.label,
                    value: self.count(b.value),
                    note: None,
                })
                .collect(),
        }
    }
}
