//! Knobs and shapes

use super::*;

/// A text length in characters, drawn uniformly from `min..max` (`min` alone
/// when they are equal). `max == 0` means one sentence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Len {
    pub min: usize,
    pub max: usize,
}

/// The named lengths: `sentence` (one sentence of ~40 characters), `short`,
/// `medium` (the reply summaries of the typical corpus) and `long` (a reply
/// letter of several pages).
pub const LENGTHS: &[(&str, Len)] = &[
    ("sentence", Len { min: 0, max: 0 }),
    ("short", Len { min: 40, max: 200 }),
    (
        "medium",
        Len {
            min: 300,
            max: 1_500,
        },
    ),
    (
        "long",
        Len {
            min: 2_000,
            max: 6_000,
        },
    ),
];

impl Len {
    fn parse(value: &str) -> Result<Len, String> {
        if let Some((_, len)) = LENGTHS.iter().find(|(name, _)| *name == value) {
            return Ok(*len);
        }
        let (min, max) = parse_range(value)?;
        Ok(Len { min, max })
    }
    fn show(self) -> String {
        match LENGTHS.iter().find(|(_, len)| *len == self) {
            Some((name, _)) => name.to_string(),
            None => format!("{}-{}", self.min, self.max),
        }
    }
}

pub(super) fn parse_range(value: &str) -> Result<(usize, usize), String> {
    let number = |s: &str| {
        s.trim()
            .parse::<usize>()
            .map_err(|_| format!("not a number or range: {value:?}"))
    };
    let (lo, hi) = match value.split_once('-') {
        Some((lo, hi)) => (number(lo)?, number(hi)?),
        None => (number(value)?, number(value)?),
    };
    if lo > hi {
        return Err(format!("empty range: {value:?}"));
    }
    Ok((lo, hi))
}

/// Everything a corpus can vary. Percentages are of all records.
#[derive(Clone, Debug, PartialEq)]
pub struct Knobs {
    /// The reply summary (答复摘要).
    pub summary: Len,
    /// What the proposal asked for (原案摘要).
    pub request: Len,
    /// The full reply letter (答复全文); `None`: not written.
    pub reply: Option<Len>,
    /// Outcomes (办理进展) per record.
    pub outcomes: (usize, usize),
    /// Sentences per outcome.
    pub outcome_sentences: (usize, usize),
    /// Percent of the paragraphs of long texts written as numbered lists.
    pub lists: usize,
    /// Distinct topics and units in the corpus.
    pub topics: usize,
    pub units: usize,
    /// Topics, and co-handling units (协办单位), per record.
    pub topics_per_record: (usize, usize),
    pub co_units: (usize, usize),
    /// Percent `summary_only`, `withheld`, and `draft: true`.
    pub summary_only: usize,
    pub withheld: usize,
    pub drafts: usize,
    /// Percent of records given a field the build warns about: [`warning_yaml`].
    pub warnings: usize,
    /// Years of sessions (the last is 2023), and bodies (1: 区政协; 2: and 区人大).
    pub years: usize,
    pub bodies: usize,
    /// Percent of records that leave out, each on its own draw, the category,
    /// the reply date (stating instead no reply fact, `replied: true` or
    /// `replied: false`), the meeting and the satisfaction.
    pub unstated: usize,
    /// Percent of the records with a reply date that also state when the
    /// proposal was assigned (`assigned_on`, 交办日期): the handling-time figures.
    pub assigned: usize,
    /// Percent of the Chinese characters of the long texts (request, summary,
    /// reply, outcomes) replaced by one drawn from [`POOL`]: see [`vary`].
    pub variety: usize,
}

impl Knobs {
    /// The typical corpus: the records every earlier benchmark run measured.
    pub fn typical() -> Knobs {
        Knobs {
            summary: Len {
                min: 300,
                max: 1_500,
            },
            request: Len { min: 0, max: 0 },
            reply: None,
            outcomes: (0, 3),
            outcome_sentences: (1, 1),
            lists: 0,
            topics: 30,
            units: 30,
            topics_per_record: (1, 3),
            co_units: (0, 2),
            summary_only: 10,
            withheld: 5,
            drafts: 0,
            warnings: 0,
            years: 8,
            bodies: 2,
            unstated: 0,
            assigned: 80,
            variety: 0,
        }
    }

    /// Long reply letters (the `long-text` shape).
    pub fn long_text() -> Knobs {
        Knobs {
            summary: Len::parse("long").unwrap(),
            request: Len::parse("medium").unwrap(),
            outcomes: (3, 10),
            reply: Some(Len::parse("long").unwrap()),
            outcome_sentences: (1, 3),
            lists: 30,
            ..Knobs::typical()
        }
    }

    /// The knobs of a named shape (see [`SHAPES`]).
    pub fn shape(name: &str) -> Option<Knobs> {
        SHAPES.iter().find(|s| s.name == name).map(|s| (s.knobs)())
    }

    /// Sets one knob from its command-line form (`--outcomes 4-10`).
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let mut slots = self.slots();
        let Some((_, _, slot)) = slots.iter_mut().find(|(n, _, _)| *n == name) else {
            return Err(format!("no knob {name:?}"));
        };
        let percent = |v: &str| match v.trim_end_matches('%').parse::<usize>() {
            Ok(p) if p <= 100 => Ok(p),
            _ => Err(format!("{name}: not a percentage: {v:?}")),
        };
        match slot {
            Slot::Len(len) => **len = Len::parse(value)?,
            Slot::MaybeLen(len) => {
                **len = if value == "off" {
                    None
                } else {
                    Some(Len::parse(value)?)
                }
            }
            Slot::Range(range) => **range = parse_range(value)?,
            Slot::Count(count) => **count = parse_range(value)?.0.max(1),
            Slot::Percent(p) => **p = percent(value)?,
        }
        let check = self.check();
        check.map_err(|e| format!("{name}: {e}"))
    }

    /// Each knob: its name, what it sets, its value as `set` takes it.
    pub fn describe(&self) -> Vec<(&'static str, &'static str, String)> {
        let mut copy = self.clone();
        copy.slots()
            .into_iter()
            .map(|(name, help, slot)| {
                let value = match slot {
                    Slot::Len(len) => len.show(),
                    Slot::MaybeLen(len) => len.map_or("off".into(), |l| l.show()),
                    Slot::Range((lo, hi)) if lo == hi => lo.to_string(),
                    Slot::Range((lo, hi)) => format!("{lo}-{hi}"),
                    Slot::Count(count) => count.to_string(),
                    Slot::Percent(p) => format!("{p}%"),
                };
                (name, help, value)
            })
            .collect()
    }

    fn slots(&mut self) -> Vec<(&'static str, &'static str, Slot<'_>)> {
        vec![
            (
                "summary",
                "reply summary length (sentence, short, medium, long or MIN-MAX characters)",
                Slot::Len(&mut self.summary),
            ),
            ("request", "request length", Slot::Len(&mut self.request)),
            (
                "reply",
                "full reply length, or off",
                Slot::MaybeLen(&mut self.reply),
            ),
            (
                "outcomes",
                "outcomes per record (N or MIN-MAX)",
                Slot::Range(&mut self.outcomes),
            ),
            (
                "outcome-sentences",
                "sentences per outcome",
                Slot::Range(&mut self.outcome_sentences),
            ),
            (
                "lists",
                "share of paragraphs written as numbered lists",
                Slot::Percent(&mut self.lists),
            ),
            ("topics", "distinct topics", Slot::Count(&mut self.topics)),
            ("units", "distinct units", Slot::Count(&mut self.units)),
            (
                "topics-per-record",
                "topics per record",
                Slot::Range(&mut self.topics_per_record),
            ),
            (
                "co-units",
                "co-handling units per record",
                Slot::Range(&mut self.co_units),
            ),
            (
                "summary-only",
                "share of summary_only records",
                Slot::Percent(&mut self.summary_only),
            ),
            (
                "withheld",
                "share of withheld records",
                Slot::Percent(&mut self.withheld),
            ),
            ("drafts", "share of drafts", Slot::Percent(&mut self.drafts)),
            (
                "warnings",
                "share of records with a field the build warns about",
                Slot::Percent(&mut self.warnings),
            ),
            (
                "years",
                "years of sessions, ending in 2023",
                Slot::Count(&mut self.years),
            ),
            (
                "bodies",
                "1: 区政协 only; 2: 区政协 and 区人大",
                Slot::Count(&mut self.bodies),
            ),
            (
                "unstated",
                "share leaving out, each on its own draw, the category, the reply date (then not stated, replied: true or false), the meeting, the satisfaction",
                Slot::Percent(&mut self.unstated),
            ),
            (
                "assigned",
                "share of the records with a reply date that state assigned_on (off in corpora for gongkai before issue 15: 0)",
                Slot::Percent(&mut self.assigned),
            ),
            (
                "variety",
                "share of the long texts' Chinese characters replaced at random, so that phrases recur as rarely as in real letters (0: the phrase lists alone)",
                Slot::Percent(&mut self.variety),
            ),
        ]
    }

    fn check(&self) -> Result<(), String> {
        if self.summary_only + self.withheld > 100 {
            return Err("summary-only + withheld over 100%".into());
        }
        if self.bodies > 2 {
            return Err("at most 2 bodies".into());
        }
        if self.topics_per_record.1 > self.topics || self.co_units.1 >= self.units {
            return Err("more terms per record than terms".into());
        }
        if self.years > 50 {
            return Err("at most 50 years".into());
        }
        let (topics, units) = (all_topics().count(), all_units().count());
        if self.topics > topics || self.units > units {
            return Err(format!("at most {topics} topics and {units} units"));
        }
        Ok(())
    }
}

pub(super) enum Slot<'a> {
    Len(&'a mut Len),
    MaybeLen(&'a mut Option<Len>),
    Range(&'a mut (usize, usize)),
    Count(&'a mut usize),
    Percent(&'a mut usize),
}

/// A named corpus shape the benchmark runs.
pub struct Shape {
    pub name: &'static str,
    /// What it stands for, for the benchmark's report.
    pub about: &'static str,
    pub knobs: fn() -> Knobs,
}

/// The shapes, `typical` first. Each differs from `typical` the way real
/// corpora differ; `long-text` and `long-varied` are the adversarial ones for
/// gongkai (its search index, open data and excerpts grow with the text,
/// Hugo's work per page much less; the index most with text that does not
/// repeat itself), `warnings` the one for its diagnostics.
pub const SHAPES: &[Shape] = &[
    Shape {
        name: "typical",
        about: "the corpus of every earlier run: summaries of 300–1,500 characters, 0–3 outcomes, 30 topics, 30 units, 8 years",
        knobs: Knobs::typical,
    },
    Shape {
        name: "long-text",
        about: "long replies: summaries and full reply letters of 2,000–6,000 characters with numbered points, long requests, 3–10 outcomes of 1–3 sentences",
        knobs: Knobs::long_text,
    },
    Shape {
        name: "many-terms",
        about: "a city-wide site: 400 topics, 300 units (street offices, townships, schools), 2–6 topics and 0–4 co-units a record, 12 years",
        knobs: || Knobs {
            topics: 400,
            units: 300,
            topics_per_record: (2, 6),
            co_units: (0, 4),
            years: 12,
            ..Knobs::typical()
        },
    },
    Shape {
        name: "terse",
        about: "a register, not letters: summaries of 40–200 characters, 0–1 outcomes, one topic, 30% summary_only, 15% withheld, 5% drafts, 30% leaving out each fact",
        knobs: || Knobs {
            summary: Len::parse("short").unwrap(),
            outcomes: (0, 1),
            topics_per_record: (1, 1),
            co_units: (0, 1),
            summary_only: 30,
            withheld: 15,
            drafts: 5,
            unstated: 30,
            ..Knobs::typical()
        },
    },
    Shape {
        name: "varied",
        about: "typical records whose texts vary as real prose does: 20% of their Chinese characters replaced at random, so that a phrase of 3–6 characters rarely recurs (0.5 distinct phrases per character, as in real Chinese text; the phrase lists alone give 0.02)",
        knobs: || Knobs {
            variety: 20,
            ..Knobs::typical()
        },
    },
    Shape {
        name: "long-varied",
        about: "`long-text` records whose texts vary as `varied`'s do: full reply letters of real prose, some 8,000 characters a record, the hardest case for the search index (every phrase that does not recur is an entry of its own)",
        knobs: || Knobs {
            variety: 20,
            ..Knobs::long_text()
        },
    },
    Shape {
        name: "warnings",
        about: "typical records over 10 years, 90% of them with a field the build warns about (W005), as in an imported register",
        knobs: || Knobs {
            warnings: 90,
            years: 10,
            ..Knobs::typical()
        },
    },
];
