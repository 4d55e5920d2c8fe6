//! A deterministic generator of realistic records, for tests and the benchmark.
//!
//! Shared by the tests (`tests/support`) and the benchmark's corpus
//! writer (`examples/corpus.rs` includes this file by path), so both measure and
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
//! written form comes from one small function below.

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

pub const TOPICS: &[&str] = &[
    "停车设施",
    "养老服务",
    "学前教育",
    "义务教育",
    "医疗卫生",
    "医疗保障",
    "公共交通",
    "新能源汽车",
    "科技创新",
    "营商环境",
    "乡村振兴",
    "城市管理",
    "环境保护",
    "垃圾分类",
    "文化旅游",
    "体育设施",
    "食品安全",
    "住房保障",
    "就业创业",
    "社区治理",
    "水务防汛",
    "道路建设",
    "智慧城市",
    "人才引进",
    "老旧小区改造",
    "农贸市场",
    "消防安全",
    "法治建设",
    "民族宗教",
    "残疾人服务",
];

pub const UNITS: &[&str] = &[
    "区发展和改革局",
    "区教育局",
    "区科技和经济信息化局",
    "区公安分局",
    "区民政局",
    "区司法局",
    "区财政局",
    "区人力资源和社会保障局",
    "区自然资源和规划局",
    "区生态环境分局",
    "区住房和城乡建设局",
    "区交通运输局",
    "区水务和湖泊局",
    "区农业农村局",
    "区商务局",
    "区文化和旅游局",
    "区卫生健康局",
    "区退役军人事务局",
    "区应急管理局",
    "区审计局",
    "区市场监督管理局",
    "区统计局",
    "区医疗保障局",
    "区城市管理执法局",
    "区数据局",
    "区体育局",
    "区残疾人联合会",
    "区总工会",
    "区妇女联合会",
    "区供销合作社",
];

/// Places, for the units and topics beyond the lists above: real sites list
/// street offices, townships, schools and companies among their units, and
/// tag finer topics. Their pinyin differ, so the generated terms get distinct
/// slugs.
const PLACES: &[&str] = &[
    "东湖",
    "西城",
    "南山",
    "北塘",
    "青山",
    "白沙",
    "红旗",
    "金桥",
    "银河",
    "汉江",
    "天河",
    "龙泉",
    "凤凰",
    "花园",
    "桃源",
    "梅林",
    "竹林",
    "松柏",
    "石门",
    "沙河",
    "新华",
    "解放",
    "和平",
    "建设",
    "胜利",
    "光明",
    "幸福",
    "团结",
    "友谊",
    "民主",
    "永安",
    "长安",
    "东风",
    "朝阳",
    "向阳",
    "星火",
    "黄家湖",
    "月湖",
    "柳堤",
    "杨园",
];

/// What a generated unit is, after its place (东湖街道办事处).
const UNIT_KINDS: &[&str] = &[
    "街道办事处",
    "镇人民政府",
    "卫生院",
    "中学",
    "工业园管理委员会",
    "供电所",
    "派出所",
    "市场监督管理所",
];

/// Where a generated topic applies, before a topic of [`TOPICS`] (农村停车设施).
const TOPIC_SCOPES: &[&str] = &[
    "农村",
    "城区",
    "校园",
    "老城",
    "新区",
    "园区",
    "景区",
    "乡镇",
    "滨江",
    "山区",
    "沿河",
    "开发区",
    "背街",
    "商圈",
];

/// Every topic the generator can name: [`TOPICS`], then scoped ones.
fn all_topics() -> impl Iterator<Item = String> {
    let scoped = TOPIC_SCOPES.iter().flat_map(|scope| {
        TOPICS
            .iter()
            .filter(move |t| !t.contains(&scope[..3]))
            .map(move |t| format!("{scope}{t}"))
    });
    TOPICS.iter().map(|t| t.to_string()).chain(scoped)
}

/// Every unit the generator can name: [`UNITS`], then street offices,
/// townships and the like.
fn all_units() -> impl Iterator<Item = String> {
    let placed = UNIT_KINDS
        .iter()
        .flat_map(|kind| PLACES.iter().map(move |place| format!("{place}{kind}")));
    UNITS.iter().map(|u| u.to_string()).chain(placed)
}

/// The first `n` topics (at least one).
pub fn topic_names(n: usize) -> Vec<String> {
    all_topics().take(n.max(1)).collect()
}

/// The first `n` units (at least one).
pub fn unit_names(n: usize) -> Vec<String> {
    all_units().take(n.max(1)).collect()
}

const SUBJECTS: &[&str] = &[
    "停车泊位",
    "养老服务驿站",
    "社区食堂",
    "幼儿园学位",
    "家庭医生签约",
    "公交线路",
    "充电桩",
    "科技企业孵化器",
    "政务服务窗口",
    "高标准农田",
    "背街小巷",
    "雨污分流管网",
    "垃圾分类投放点",
    "全民健身步道",
    "农贸市场",
    "老旧小区加装电梯",
    "人才公寓",
    "慢性病长期处方",
    "校园周边交通",
    "社区卫生服务中心",
    "智慧停车平台",
    "公共厕所",
    "城市绿道",
    "消防通道",
    "学生课后服务",
    "居家养老服务",
    "医共体",
    "夜间经济",
    "口袋公园",
];

const VERBS: &[&str] = &[
    "加快推进",
    "进一步完善",
    "统筹规划",
    "大力发展",
    "切实加强",
    "优化提升",
    "规范管理",
    "加大投入建设",
];

const SENTENCES: &[&str] = &[
    "委员建议{s}纳入年度重点工作，我们高度重视，组织相关部门专题研究。",
    "今年以来，区里投入资金{n}万元，新建和改造{s}{m}处，惠及群众约{k}万人。",
    "针对{s}布局不均衡的问题，我们开展了全面摸排，形成了问题清单和任务清单。",
    "目前已完成{s}建设{m}个，其余项目正在按计划推进，预计明年底前全部完工。",
    "我们会同街道、社区召开座谈会{m}次，广泛听取居民对{s}的意见和建议。",
    "下一步，将把{s}纳入城市更新规划，分年度实施，确保群众看得见、摸得着。",
    "由于受土地、资金等条件限制，部分{s}项目暂时无法实施，已纳入中长期规划。",
    "区卫生健康局牵头制定了{s}工作方案，明确了责任分工和时间节点。",
    "通过引入社会资本参与{s}运营，形成了政府引导、市场运作的长效机制。",
    "截至目前，全区共有{s}{m}个，较去年增加{p}%，群众满意度明显提升。",
    "我们将继续加强与委员的沟通联系，及时通报{s}办理进展，接受监督。",
    "在{s}方面，已出台专项扶持政策，对符合条件的项目给予最高{n}万元补贴。",
];

/// How numbered points of a reply open (一是……).
const POINTS: &[&str] = &["一是", "二是", "三是", "四是", "五是"];

/// Weighted: most proposers are satisfied.
const SATISFACTIONS: &[&str] = &[
    "satisfied",
    "satisfied",
    "basically_satisfied",
    "dissatisfied",
    "pending",
];

pub const STATUSES: &[&str] = &["solved", "in_progress", "not_feasible", "reference"];

/// Why a `summary_only` record's full reply is not published.
const DISCLOSURE_REASONS: &[&str] = &[
    "答复涉及个人信息，全文不予公开。",
    "答复涉及第三方合法权益，全文不予公开。",
    "答复涉及正在研究的政策措施，全文暂不公开。",
];

/// The text of the field that makes the build warn (see [`warning_yaml`]).
pub const WARNING_TEXT: &str = "部分事项已纳入明年工作计划，将分步实施。";

// ---------------------------------------------------------------------------
// Knobs and shapes
// ---------------------------------------------------------------------------

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

fn parse_range(value: &str) -> Result<(usize, usize), String> {
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

enum Slot<'a> {
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

// ---------------------------------------------------------------------------
// The gongkai site. One function per field whose form the content model
// changes; each returns the YAML lines, or nothing.
// ---------------------------------------------------------------------------

fn yaml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn yaml_block(s: &str) -> String {
    let mut out = String::from("|\n");
    for line in s.lines() {
        out.push_str("  ");
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn yaml_list(v: &[String]) -> String {
    format!(
        "[{}]",
        v.iter().map(|s| yaml_str(s)).collect::<Vec<_>>().join(", ")
    )
}

/// `status:` — the category (an id of the default categories); nothing for
/// a record that states none.
fn status_yaml(status: Option<&str>) -> String {
    status.map_or(String::new(), |s| format!("status: {s}\n"))
}

/// `status_reason:` — with `not_feasible`.
fn status_reason_yaml(r: &Record) -> String {
    r.status_reason.as_deref().map_or(String::new(), |s| {
        format!("status_reason: {}\n", yaml_str(s))
    })
}

/// The reply: `replied_on: DATE`, `replied: true` (no date published),
/// `replied: false`, or nothing (not stated).
fn replied_yaml(replied: &Replied) -> String {
    match replied {
        Replied::On(date) => format!("replied_on: {date}\n"),
        Replied::Yes => "replied: true\n".into(),
        Replied::No => "replied: false\n".into(),
        Replied::Unstated => String::new(),
    }
}

/// `met_proposer:`; nothing when not stated.
fn met_proposer_yaml(met: Option<bool>) -> String {
    met.map_or(String::new(), |m| format!("met_proposer: {m}\n"))
}

/// `satisfaction:`; nothing when not stated.
fn satisfaction_yaml(satisfaction: Option<&str>) -> String {
    satisfaction.map_or(String::new(), |s| format!("satisfaction: {s}\n"))
}

/// `disclosure_reason:` — why a `summary_only` record's full reply is not published.
fn disclosure_reason_yaml(reason: Option<&str>) -> String {
    reason.map_or(String::new(), |s| {
        format!("disclosure_reason: {}\n", yaml_str(s))
    })
}

/// `reply:` — the full reply (Markdown).
fn reply_yaml(reply: Option<&str>) -> String {
    reply.map_or(String::new(), |s| format!("reply: {}", yaml_block(s)))
}

/// An outcome's state.
fn outcome_state_yaml(state: State) -> &'static str {
    match state {
        State::Planned => "    state: planned\n",
        State::Done => "    state: done\n",
        State::Ongoing => "    state: ongoing\n",
    }
}

/// The field that makes the build warn, for records that carry one: a
/// `disclosure_reason` on a record that is not `summary_only` (W005). It is
/// not shown, so the output is byte for byte the same as without it.
pub fn warning_yaml(r: &Record) -> Option<String> {
    (r.warns && r.disclosure != "summary_only")
        .then(|| format!("disclosure_reason: {}\n", yaml_str(WARNING_TEXT)))
}

/// `draft: true`
fn draft_yaml(draft: bool) -> &'static str {
    if draft { "draft: true\n" } else { "" }
}

/// The record as a gongkai YAML file.
pub fn record_yaml(r: &Record) -> String {
    let mut y = String::new();
    y.push_str(&format!(
        "kind: {}\nsession: {}\ntitle: {}\nnumber: {}\n",
        r.kind,
        r.session,
        yaml_str(&r.title),
        yaml_str(&r.number)
    ));
    y.push_str(&format!(
        "proposers: {}\nkey: {}\nhost_unit: {}\n",
        yaml_list(&r.proposers),
        r.key,
        yaml_str(&r.host_unit)
    ));
    if !r.co_units.is_empty() {
        y.push_str(&format!("co_units: {}\n", yaml_list(&r.co_units)));
    }
    y.push_str(&format!("topics: {}\n", yaml_list(&r.topics)));
    y.push_str(&status_yaml(r.status));
    y.push_str(&status_reason_yaml(r));
    y.push_str(&warning_yaml(r).unwrap_or_default());
    y.push_str(&replied_yaml(&r.replied));
    if let Some(date) = &r.assigned_on {
        y.push_str(&format!("assigned_on: {date}\n"));
    }
    y.push_str(&met_proposer_yaml(r.met_proposer));
    y.push_str(&satisfaction_yaml(r.satisfaction));
    y.push_str(&format!("disclosure: {}\n", r.disclosure));
    y.push_str(&disclosure_reason_yaml(r.disclosure_reason.as_deref()));
    y.push_str(draft_yaml(r.draft));
    y.push_str(&format!("request: {}", yaml_block(&r.request)));
    y.push_str(&format!("summary: {}", yaml_block(&r.summary)));
    y.push_str(&reply_yaml(r.reply.as_deref()));
    if !r.outcomes.is_empty() {
        y.push_str("outcomes:\n");
        for o in &r.outcomes {
            y.push_str(&format!(
                "  - date: \"{}\"\n    text: {}\n",
                o.date,
                yaml_str(&o.text)
            ));
            y.push_str(outcome_state_yaml(o.state));
        }
    }
    y
}

pub const SITE_YAML: &str = "title: 江城区建议提案办理结果公开\nbase_url: https://www.gongkai.test/\nowner: 江城区人民政府办公室\noperator: 江城区政务服务数据管理局\nfiling:\n  icp: 京ICP备20260001号-1\n  police: 京公网安备 11010502000001号\n  site_code: \"1101050001\"\n";

/// `site.yaml`, without `categories:` (the four defaults). A shape could list
/// another grading (甲/乙/丙), with `status` ids to match.
fn site_yaml() -> String {
    SITE_YAML.to_string()
}

pub fn session_yaml(s: &Session) -> String {
    format!(
        "body: {}\nyear: {}\nname: {}\noverview: |\n  {}{}办理情况。\n",
        s.body, s.year, s.name, s.body, s.name
    )
}

/// Writes a complete gongkai site (`content/`) for typical `records` under `root`.
pub fn write_site(root: &std::path::Path, records: &[Record]) -> std::io::Result<()> {
    write_site_with(root, records, &Knobs::typical())
}

/// Writes a complete gongkai site (`content/`) for `records` generated with `k`.
pub fn write_site_with(
    root: &std::path::Path,
    records: &[Record],
    k: &Knobs,
) -> std::io::Result<()> {
    let content = root.join("content");
    std::fs::create_dir_all(content.join("sessions"))?;
    std::fs::write(content.join("site.yaml"), site_yaml())?;
    for s in sessions_for(k) {
        std::fs::write(
            content.join("sessions").join(format!("{}.yaml", s.id)),
            session_yaml(&s),
        )?;
    }
    let mut made = std::collections::BTreeSet::new();
    for r in records {
        let path = content.join("proposals").join(format!("{}.yaml", r.id));
        if let Some(parent) = path.parent()
            && made.insert(parent.to_path_buf())
        {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, record_yaml(r))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// The same records as a Hugo site, for the benchmark's side-by-side build.
//
// Hugo gets the *published* view, as gongkai's renderer does: withheld records
// are not written at all, drafts are marked `draft: true` (Hugo reads and
// skips them, as gongkai does) and `summary_only` records carry what gongkai
// shows of them, so both tools render the same records with the same fields.
// Taxonomies: topics, units (host and co-handling units, like gongkai's unit
// pages), status, years (session years) and sessions (one report page per
// session, its term page). The layouts live in the repository
// (`bench/hugo/layouts`); the corpus example copies them in.
// ---------------------------------------------------------------------------

/// The label gongkai's default theme shows for a status.
pub fn status_label(status: &str) -> &'static str {
    match status {
        "solved" => "已解决或基本解决",
        "in_progress" => "正在解决或列入计划解决",
        "not_feasible" => "因条件限制暂不能解决",
        _ => "留作参考",
    }
}

pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "proposal" => "提案",
        "recommendation" => "建议案",
        _ => "人大代表建议",
    }
}

pub fn satisfaction_label(satisfaction: &str) -> &'static str {
    match satisfaction {
        "satisfied" => "满意",
        "basically_satisfied" => "基本满意",
        "dissatisfied" => "不满意",
        _ => "待反馈",
    }
}

/// What the record page says about the reply; nothing when not stated.
pub fn replied_label(replied: &Replied) -> Option<String> {
    match replied {
        Replied::On(date) => Some(date.clone()),
        Replied::Yes => Some("已办复".into()),
        Replied::No => Some("尚未办复".into()),
        Replied::Unstated => None,
    }
}

/// What the record page says about an outcome's state.
pub fn state_label(state: State) -> Option<&'static str> {
    match state {
        State::Planned => Some("计划"),
        State::Done => Some("已完成"),
        State::Ongoing => Some("正在推进"),
    }
}

/// Whether a record of this disclosure level publishes its summary
/// (`summary_only` does, with its `disclosure_reason`; its request, full
/// reply, outcomes, attachments and status reason stay out).
pub fn summary_published(disclosure: &str) -> bool {
    disclosure == "public" || disclosure == "summary_only"
}

/// The records a site publishes (neither `withheld` nor drafts).
pub fn published(records: &[Record]) -> impl Iterator<Item = &Record> {
    records
        .iter()
        .filter(|r| r.disclosure != "withheld" && !r.draft)
}

/// The Hugo page name of a record: its id with `/` replaced (`2019-zx-0001`).
pub fn hugo_name(r: &Record) -> String {
    r.id.replace('/', "-")
}

/// The record as a Hugo content file: YAML front matter, the summary (and the
/// full reply) as body. `None` for a withheld record.
pub fn record_hugo(r: &Record) -> Option<String> {
    record_hugo_in(r, &sessions())
}

fn record_hugo_in(r: &Record, sessions: &[Session]) -> Option<String> {
    if r.disclosure == "withheld" {
        return None;
    }
    let full = r.disclosure == "public";
    let session = sessions
        .iter()
        .find(|s| s.id == r.session)
        .map(|s| format!("{}{}", s.body, s.name))
        .unwrap_or_default();
    // Each unit once, as gongkai files a record once under a unit.
    let mut units = vec![r.host_unit.clone()];
    for u in &r.co_units {
        if !units.contains(u) {
            units.push(u.clone());
        }
    }
    let mut y = String::from("---\n");
    // Hugo orders and dates pages by `date`: the reply date, or the end of the
    // session's year when the record states none.
    let date = r
        .replied_on()
        .map_or(format!("{}-12-31", r.year), str::to_string);
    y.push_str(&format!(
        "title: {}\ndate: {date}\nnumber: {}\nkind: {}\nsession: {}\nsessions: [\"{}\"]\n",
        yaml_str(&r.title),
        yaml_str(&r.number),
        kind_label(r.kind),
        yaml_str(&session),
        r.session
    ));
    if r.draft {
        y.push_str("draft: true\n");
    }
    y.push_str(&format!(
        "proposers: {}\nkey: {}\nhost_unit: {}\nco_units: {}\n",
        yaml_list(&r.proposers),
        r.key,
        yaml_str(&r.host_unit),
        yaml_list(&r.co_units)
    ));
    // `status` is the taxonomy; `category` the same label as one value, which
    // the session page groups by.
    let status: Vec<String> = r
        .status
        .map(|s| status_label(s).to_string())
        .into_iter()
        .collect();
    y.push_str(&format!(
        "topics: {}\nunits: {}\nstatus: {}\nyears: [\"{}\"]\n",
        yaml_list(&r.topics),
        yaml_list(&units),
        yaml_list(&status),
        r.year
    ));
    if let Some(label) = status.first() {
        y.push_str(&format!("category: {}\n", yaml_str(label)));
    }
    if let Some(replied) = replied_label(&r.replied) {
        y.push_str(&format!("replied: {}\n", yaml_str(&replied)));
    }
    if let Some(met) = r.met_proposer {
        y.push_str(&format!(
            "met_proposer: {}\n",
            if met { "已见面" } else { "未见面" }
        ));
    }
    if let Some(s) = r.satisfaction {
        y.push_str(&format!("satisfaction: {}\n", satisfaction_label(s)));
    }
    y.push_str(&format!("summary_only: {}\n", !full));
    if !full
        && summary_published(r.disclosure)
        && let Some(reason) = &r.disclosure_reason
    {
        y.push_str(&format!("disclosure_reason: {}\n", yaml_str(reason)));
    }
    if full {
        if let Some(reason) = &r.status_reason {
            y.push_str(&format!("status_reason: {}\n", yaml_str(reason)));
        }
        y.push_str(&format!("request: {}", yaml_block(&r.request)));
        if !r.outcomes.is_empty() {
            y.push_str("outcomes:\n");
            for o in &r.outcomes {
                y.push_str(&format!(
                    "  - date: \"{}\"\n    text: {}\n",
                    o.date,
                    yaml_str(&o.text)
                ));
                if let Some(label) = state_label(o.state) {
                    y.push_str(&format!("    state: {label}\n"));
                }
            }
        }
    }
    y.push_str("---\n");
    if summary_published(r.disclosure) {
        y.push_str(&r.summary);
        y.push('\n');
    }
    if let (true, Some(reply)) = (full, &r.reply) {
        y.push_str("\n## 答复全文\n\n");
        y.push_str(reply);
        y.push('\n');
    }
    Some(y)
}

/// Hugo's configuration: the same site, 50 records a page, the five
/// taxonomies, minified output is asked for on the command line (`hugo
/// --minify`). The feed only for the home page, with the 50 newest records as
/// gongkai's `atom.xml` has. `paginate` and `rssLimit` are the settings of
/// Hugo ≤ 0.127 (Debian's), `pagination.pagerSize` and `services.rss.limit` of
/// later ones.
pub const HUGO_CONFIG: &str = "baseURL: https://www.gongkai.test/
languageCode: zh-CN
defaultContentLanguage: zh
title: 江城区建议提案办理结果公开
hasCJKLanguage: true
paginate: 50
pagination:
  pagerSize: 50
rssLimit: 50
services:
  rss:
    limit: 50
taxonomies:
  topic: topics
  unit: units
  status: status
  year: years
  session: sessions
outputs:
  home: [HTML, RSS]
  section: [HTML]
  taxonomy: [HTML]
  term: [HTML]
params:
  owner: 江城区人民政府办公室
  operator: 江城区政务服务数据管理局
  icp: 京ICP备20260001号-1
  police: 京公网安备 11010502000001号
  police_code: \"11010502000001\"
  site_code: \"1101050001\"
";

/// Hugo's taxonomies (plural names) and the titles of their list pages.
pub const HUGO_TAXONOMY_TITLES: &[(&str, &str)] = &[
    ("topics", "主题分类"),
    ("units", "承办单位"),
    ("status", "办理结果"),
    ("years", "年度"),
    ("sessions", "办理情况报告"),
];

/// A session as the content of its Hugo term page (`content/sessions/<id>/_index.md`):
/// its name, year and order, the overview as body.
fn session_hugo(s: &Session, rank: usize) -> String {
    format!(
        "---\ntitle: {}\nyear: {}\nbody: {}\nrank: {rank}\n---\n{}{}办理情况。\n",
        yaml_str(&format!("{}{}", s.body, s.name)),
        s.year,
        s.body,
        s.body,
        s.name
    )
}

/// Writes the typical Hugo site for `records` under `root`.
pub fn write_hugo_site(root: &std::path::Path, records: &[Record]) -> std::io::Result<()> {
    write_hugo_site_with(root, records, &Knobs::typical())
}

/// Writes the Hugo site (`config.yaml`, `content/`) for `records` generated
/// with `k` under `root`; the layouts are added by the caller.
pub fn write_hugo_site_with(
    root: &std::path::Path,
    records: &[Record],
    k: &Knobs,
) -> std::io::Result<()> {
    let content = root.join("content");
    let dir = content.join("proposals");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(root.join("config.yaml"), HUGO_CONFIG)?;
    std::fs::write(dir.join("_index.md"), "---\ntitle: 建议提案\n---\n")?;
    std::fs::write(
        content.join("sitemap.md"),
        "---\ntitle: 网站地图\nurl: /sitemap/\nlayout: sitemap-page\n---\n",
    )?;
    // The taxonomies' own pages, titled as gongkai titles them.
    for (taxonomy, title) in HUGO_TAXONOMY_TITLES {
        std::fs::create_dir_all(content.join(taxonomy))?;
        std::fs::write(
            content.join(taxonomy).join("_index.md"),
            format!("---\ntitle: {title}\n---\n"),
        )?;
    }
    let sessions = sessions_for(k);
    for (rank, s) in sessions.iter().enumerate() {
        let d = content.join("sessions").join(&s.id);
        std::fs::create_dir_all(&d)?;
        std::fs::write(d.join("_index.md"), session_hugo(s, rank))?;
    }
    for r in records {
        if let Some(text) = record_hugo_in(r, &sessions) {
            std::fs::write(dir.join(format!("{}.md", hugo_name(r))), text)?;
        }
    }
    Ok(())
}
