//! A deterministic generator of realistic records, for tests and the benchmark.
//!
//! Shared by the tests (`tests/support`) and the benchmark's corpus
//! writer (`examples/corpus.rs` includes this module by path), so both measure and
//! check the same kind of data. Std only; the same seed and knobs always give
//! the same records. Text is assembled from phrase lists so that phrases recur
//! across records (as real proposals do) and phrase queries have non-trivial
//! answers.
//!
//! Real corpora differ from one another in ways that move a build's cost: how
//! long the texts are, how many outcomes a reply lists, how many units and
//! topics there are, how many records are withheld or only summarised, how many
//! make the build warn. [`Knobs`] sets each of these, and [`SHAPES`] names the
//! combinations the benchmark runs, so a figure measured on one lucky shape
//! cannot pass for all of them.
//!
//! The content model is changing (a record states only what is known: outcome
//! states, optional categories, `replied`, the full `reply`…). Each field's
//! written form comes from one small function in `site.rs`.
//!
//! Here: the random numbers and the records. Beside it: `words.rs` (the names
//! and phrases records are made of), `knobs.rs` ([`Knobs`] and [`SHAPES`]),
//! `site.rs` (the records as a gongkai site) and `hugo.rs` (the same records as
//! a Hugo site, and the labels both show).

#![allow(dead_code)]

/// A small, fast, well-mixed PRNG (SplitMix64); deterministic from its seed.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    /// Uniform in `lo..=hi`; draws nothing when the range holds one value, so
    /// a knob at a fixed value leaves the rest of the stream as it was.
    pub fn count(&mut self, (lo, hi): (usize, usize)) -> usize {
        if hi > lo {
            lo + self.below(hi - lo + 1)
        } else {
            lo
        }
    }
}

/// A second stream for record `index`, apart from the main one: decisions
/// drawn here (drafts, warnings, outcome states, the full reply) can be
/// switched on and off without changing anything else about the records —
/// the warning measurement builds the same corpus with and without them.
fn side(seed: u64, index: usize, stream: u64) -> Rng {
    Rng::new(
        seed.wrapping_mul(0xD1B5_4A32_D192_ED03)
            ^ (index as u64 + 1).wrapping_mul(0xA24B_AED4_963E_E407)
            ^ stream.wrapping_mul(0x9FB2_1C65_1E98_DF25),
    )
}

/// The side streams, one per decision.
const WARN: u64 = 1;
const DRAFT: u64 = 2;
const STATES: u64 = 3;
const REPLY: u64 = 4;
const DISCLOSURE_REASON: u64 = 5;
const UNSTATED: u64 = 6;
const REPLIED: u64 = 7;
const ASSIGNED: u64 = 8;
const VARY: u64 = 9;

mod hugo;
mod knobs;
mod site;
mod words;

// Every test binary and the corpus example include this module and each
// uses a part of it (as `dead_code` above says of the items).
#[allow(unused_imports)]
pub use {hugo::*, knobs::*, site::*, words::*};

// ---------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------

/// An outcome's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Done,
    Ongoing,
    Planned,
}

/// One progress item.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// `YYYY-MM`
    pub date: String,
    pub text: String,
    pub state: State,
}

/// What a record states about the reply.
#[derive(Clone, Debug, PartialEq)]
pub enum Replied {
    /// Replied on this date (`YYYY-MM-DD`).
    On(String),
    /// Replied, date not published.
    Yes,
    /// Not replied yet.
    No,
    /// Not stated.
    Unstated,
}

/// One generated record, with everything a site file needs.
#[derive(Clone, Debug)]
pub struct Record {
    /// `2019/zx-0001`
    pub id: String,
    pub session: String,
    pub year: i32,
    pub kind: &'static str,
    pub number: String,
    pub title: String,
    pub proposers: Vec<String>,
    pub key: bool,
    pub host_unit: String,
    pub co_units: Vec<String>,
    pub topics: Vec<String>,
    /// A category id; `None`: not stated.
    pub status: Option<&'static str>,
    /// Why: with `not_feasible`.
    pub status_reason: Option<String>,
    pub replied: Replied,
    /// `YYYY-MM-DD`, February to April of the session's year: before every
    /// reply date (May to October), some of them more than 90 days before.
    pub assigned_on: Option<String>,
    pub met_proposer: Option<bool>,
    pub satisfaction: Option<&'static str>,
    /// `public` mostly; some `summary_only` and `withheld`.
    pub disclosure: &'static str,
    /// With `summary_only`: why the full reply is not published.
    pub disclosure_reason: Option<String>,
    /// Markdown.
    pub request: String,
    /// Markdown, paragraphs.
    pub summary: String,
    /// The full reply letter, Markdown, when the knobs ask for it.
    pub reply: Option<String>,
    pub outcomes: Vec<Outcome>,
    pub draft: bool,
    /// Carries the field the build warns about ([`warning_yaml`]).
    pub warns: bool,
}

impl Record {
    /// The reply date, when the record states one.
    pub fn replied_on(&self) -> Option<&str> {
        match &self.replied {
            Replied::On(date) => Some(date),
            _ => None,
        }
    }
}

/// One session per body and year.
#[derive(Clone, Debug)]
pub struct Session {
    pub id: String,
    pub body: &'static str,
    pub year: i32,
    pub name: String,
}

/// The year of the latest session.
pub const LAST_YEAR: i32 = 2023;

/// The sessions of the typical corpus (2016–2023, both bodies).
pub fn sessions() -> Vec<Session> {
    sessions_for(&Knobs::typical())
}

pub fn sessions_for(k: &Knobs) -> Vec<Session> {
    let mut out = Vec::new();
    let years = k.years.max(1) as i32;
    for i in 0..years {
        let year = LAST_YEAR - years + 1 + i;
        out.push(Session {
            id: format!("{year}-zx"),
            body: "区政协",
            year,
            name: format!("九届{}次会议", i + 1),
        });
        if k.bodies >= 2 {
            out.push(Session {
                id: format!("{year}-rd"),
                body: "区人大",
                year,
                name: format!("十八届{}次会议", i + 1),
            });
        }
    }
    out
}

fn fill(template: &str, subject: &str, rng: &mut Rng) -> String {
    template
        .replace("{s}", subject)
        .replace("{n}", &(50 + rng.below(950)).to_string())
        .replace("{m}", &(2 + rng.below(60)).to_string())
        .replace("{k}", &(1 + rng.below(20)).to_string())
        .replace("{p}", &(3 + rng.below(40)).to_string())
}

/// Paragraphs about `subject`, `len` characters; `lists` percent of them
/// numbered points (一是……), as reply letters set them out.
fn paragraphs(subject: &str, len: Len, lists: usize, rng: &mut Rng) -> String {
    let target = if len.max == 0 {
        1 // `sentence`: one
    } else if len.max > len.min {
        len.min + rng.below(len.max - len.min)
    } else {
        len.min
    };
    let mut text = String::new();
    let mut para_len = 0;
    while text.chars().count() < target {
        if lists > 0 && para_len == 0 && rng.chance(lists) {
            let points = 2 + rng.below(POINTS.len() - 1);
            for (i, point) in POINTS[..points].iter().enumerate() {
                let s = fill(rng.pick(SENTENCES), subject, rng);
                text.push_str(&format!("{}. {point}{s}\n", i + 1));
            }
            text.push('\n');
            continue;
        }
        let template = rng.pick(SENTENCES);
        let about = if rng.chance(70) {
            subject
        } else {
            rng.pick(SUBJECTS)
        };
        let s = fill(template, about, rng);
        para_len += s.chars().count();
        text.push_str(&s);
        if para_len > 150 && rng.chance(40) {
            text.push_str("\n\n");
            para_len = 0;
        }
    }
    text.trim_end().to_string()
}

/// `text` with `percent` of its Chinese characters replaced by characters of
/// `pool` ([`POOL`]'s).
///
/// Why: the phrase lists make every record out of the same few dozen
/// sentences, so the phrases the search index keeps (every 3 to 6 characters)
/// recur across the whole corpus: 0.01–0.02 distinct phrases per character of
/// text, where real Chinese prose has 0.4–0.7 (the seed report: 0.73 on its
/// 4,329 characters; this repository's Chinese documentation: 0.46). An index
/// that is cheap on the first can be costly on the second. Replacing a share
/// of the characters keeps the texts' lengths, punctuation and layout and
/// brings the phrases' variety to that of real prose (20%: 0.50 on the first
/// 300 records of `typical`, against 0.02 without).
fn vary(text: &str, percent: usize, pool: &[char], rng: &mut Rng) -> String {
    text.chars()
        .map(|c| match c {
            '\u{4E00}'..='\u{9FFF}' if rng.chance(percent) => pool[rng.below(pool.len())],
            c => c,
        })
        .collect()
}

/// Common characters of Chinese prose, for [`vary`]; without 示, 例 and 某,
/// which could make a stand-in value of `init` (示例, 某某区: E066).
const POOL: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车真务具万每目至达走积议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞";

/// A reply letter: salutation, the paragraphs, the closing.
fn reply_letter(r: &Record, subject: &str, len: Len, lists: usize, rng: &mut Rng) -> String {
    let to = r.proposers.first().map_or("各位委员", String::as_str);
    format!(
        "{to}：\n\n您提出的《{}》收悉。经认真研究，现答复如下：\n\n{}\n\n感谢您对我区工作的关心和支持。\n\n{}\n",
        r.title,
        paragraphs(subject, len, lists, rng),
        r.host_unit
    )
}

/// `n` records of the typical shape, deterministic from `seed`.
pub fn generate(n: usize, seed: u64) -> Vec<Record> {
    generate_with(n, seed, &Knobs::typical())
}

/// `n` records of the shape `k`, deterministic from `seed`, spread over
/// [`sessions_for`]. The typical knobs give the records of every earlier
/// version of this generator.
pub fn generate_with(n: usize, seed: u64, k: &Knobs) -> Vec<Record> {
    let mut rng = Rng::new(seed);
    let sessions = sessions_for(k);
    let topic_names = topic_names(k.topics);
    let unit_names = unit_names(k.units);
    let mut counters = std::collections::BTreeMap::new();
    let pool: Vec<char> = POOL.chars().collect();
    // The order of the draws below is the order of every earlier version:
    // change it and the typical corpus changes.
    (0..n)
        .map(|index| {
            let session = sessions[rng.below(sessions.len())].clone();
            let counter = counters.entry(session.id.clone()).or_insert(0u32);
            *counter += 1;
            let subject = rng.pick(SUBJECTS);
            let verb = rng.pick(VERBS);
            let kind = if session.body == "区人大" {
                "suggestion"
            } else if rng.chance(3) {
                "recommendation"
            } else {
                "proposal"
            };
            let status = rng.pick(&[
                "solved",
                "solved",
                "solved",
                "in_progress",
                "in_progress",
                "not_feasible",
                "reference",
            ]);
            let topic_count = rng.count(k.topics_per_record);
            let mut topics: Vec<String> = Vec::new();
            while topics.len() < topic_count {
                let t = topic_names[rng.below(topic_names.len())].clone();
                if !topics.contains(&t) {
                    topics.push(t);
                }
            }
            let host_unit = unit_names[rng.below(unit_names.len())].clone();
            let mut co_units: Vec<String> = Vec::new();
            for _ in 0..rng.count(k.co_units) {
                let u = unit_names[rng.below(unit_names.len())].clone();
                // The typical corpus has always let a record name one
                // co-unit twice (1% of its records); it is kept so that its
                // records stay those of every earlier run. Other shapes do not.
                if u != host_unit && (k.co_units.1 <= 2 || !co_units.contains(&u)) {
                    co_units.push(u);
                }
            }
            let month = 5 + rng.below(6);
            let day = 1 + rng.below(28);
            let mut states = side(seed, index, STATES);
            let outcomes = (0..rng.count(k.outcomes))
                .map(|i| {
                    let planned = i == 2 || rng.chance(15);
                    let date = format!(
                        "{}-{:02}",
                        session.year + i32::from(planned),
                        1 + rng.below(12)
                    );
                    let mut text = String::new();
                    for _ in 0..rng.count(k.outcome_sentences) {
                        text.push_str(&fill(rng.pick(SENTENCES), subject, &mut rng));
                    }
                    let state = match (planned, states.chance(30)) {
                        (true, _) => State::Planned,
                        (false, true) => State::Ongoing,
                        (false, false) => State::Done,
                    };
                    Outcome { date, text, state }
                })
                .collect();
            let x = rng.below(100);
            let disclosure = if x < 100 - k.summary_only - k.withheld {
                "public"
            } else if x < 100 - k.withheld {
                "summary_only"
            } else {
                "withheld"
            };
            let id = format!(
                "{}/{}-{:04}",
                session.year,
                if session.body == "区人大" {
                    "rd"
                } else {
                    "zx"
                },
                *counter
            );
            let number = format!("第{}号", *counter);
            let title = format!("关于{verb}{subject}的建议");
            let proposers = (0..1 + rng.below(3))
                .map(|_| {
                    format!(
                        "{}委员",
                        rng.pick(&["王", "李", "张", "刘", "陈", "杨", "赵", "黄"])
                    )
                })
                .collect();
            let key = rng.chance(8);
            let met_proposer = rng.chance(90);
            let satisfaction = rng.pick(SATISFACTIONS);
            let request = if k.request.max == 0 {
                let template = rng.pick(SENTENCES);
                format!("建议{verb}{subject}，{}", fill(template, subject, &mut rng))
            } else {
                format!(
                    "建议{verb}{subject}。\n\n{}",
                    paragraphs(subject, k.request, k.lists, &mut rng)
                )
            };
            let summary = paragraphs(subject, k.summary, k.lists, &mut rng);
            // Each fact left out on its own draw; a reply left undated is
            // one of: not stated, `replied: true`, `replied: false`.
            let mut leave_out = side(seed, index, UNSTATED);
            let mut unstated = || k.unstated > 0 && leave_out.chance(k.unstated);
            let status = (!unstated()).then_some(status);
            let replied = if unstated() {
                let forms = [Replied::Unstated, Replied::Yes, Replied::No];
                forms[side(seed, index, REPLIED).below(forms.len())].clone()
            } else {
                Replied::On(format!("{}-{month:02}-{day:02}", session.year))
            };
            let met_proposer = (!unstated()).then_some(met_proposer);
            let satisfaction = (!unstated()).then_some(satisfaction);
            let mut assigned = side(seed, index, ASSIGNED);
            let assigned_on = (matches!(replied, Replied::On(_))
                && k.assigned > 0
                && assigned.chance(k.assigned))
            .then(|| {
                let (month, day) = (2 + assigned.below(3), 1 + assigned.below(28));
                format!("{}-{month:02}-{day:02}", session.year)
            });
            let mut r = Record {
                id,
                session: session.id.clone(),
                year: session.year,
                kind,
                number,
                title,
                proposers,
                key,
                host_unit,
                co_units,
                topics,
                status,
                // A record that states no category states no reason either.
                status_reason: (status == Some("not_feasible")).then(|| {
                    "受土地和资金条件限制，暂不具备实施条件，已纳入中长期规划。".to_string()
                }),
                replied,
                assigned_on,
                met_proposer,
                satisfaction,
                disclosure,
                disclosure_reason: (disclosure == "summary_only").then(|| {
                    side(seed, index, DISCLOSURE_REASON)
                        .pick(DISCLOSURE_REASONS)
                        .to_string()
                }),
                request,
                summary,
                reply: None,
                outcomes,
                draft: k.drafts > 0 && side(seed, index, DRAFT).chance(k.drafts),
                warns: k.warnings > 0 && side(seed, index, WARN).chance(k.warnings),
            };
            if let Some(len) = k.reply {
                let mut rng = side(seed, index, REPLY);
                r.reply = Some(reply_letter(&r, subject, len, k.lists, &mut rng));
            }
            if k.variety > 0 {
                let mut rng = side(seed, index, VARY);
                let texts = [&mut r.request, &mut r.summary].into_iter();
                let texts = texts.chain(r.reply.as_mut());
                let texts = texts.chain(r.outcomes.iter_mut().map(|o| &mut o.text));
                for text in texts {
                    *text = vary(text, k.variety, &pool, &mut rng);
                }
            }
            r
        })
        .collect()
}
