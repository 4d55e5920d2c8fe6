//! A deterministic generator of realistic records, for tests and the benchmark.
//!
//! Shared by the integration tests (`mod support;`) and the benchmark's corpus
//! writer (`examples/corpus.rs` includes this file by path), so both measure and
//! check the same kind of data. Std only; the same seed always gives the same
//! records. Text is assembled from phrase lists so that phrases recur across
//! records (as real proposals do) and phrase queries have non-trivial answers.

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
}

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

/// Weighted: most proposers are satisfied.
const SATISFACTIONS: &[&str] = &[
    "satisfied",
    "satisfied",
    "basically_satisfied",
    "dissatisfied",
    "pending",
];

pub const STATUSES: &[&str] = &["solved", "in_progress", "not_feasible", "reference"];

/// One generated record, with everything a site file needs.
#[derive(Clone, Debug)]
pub struct Record {
    /// `2019/0001`
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
    pub status: &'static str,
    pub status_reason: Option<String>,
    pub replied_on: String,
    pub met_proposer: bool,
    pub satisfaction: &'static str,
    /// `public` mostly; some `summary_only` and `withheld`.
    pub disclosure: &'static str,
    pub request: String,
    /// Markdown, several paragraphs, 300–1,500 characters.
    pub summary: String,
    pub outcomes: Vec<(String, String, bool)>,
}

/// One session per body and year.
#[derive(Clone, Debug)]
pub struct Session {
    pub id: String,
    pub body: &'static str,
    pub year: i32,
    pub name: String,
}

pub const FIRST_YEAR: i32 = 2016;
pub const YEARS: i32 = 8;

pub fn sessions() -> Vec<Session> {
    let mut out = Vec::new();
    for i in 0..YEARS {
        let year = FIRST_YEAR + i;
        out.push(Session {
            id: format!("{year}-zx"),
            body: "区政协",
            year,
            name: format!("九届{}次会议", i + 1),
        });
        out.push(Session {
            id: format!("{year}-rd"),
            body: "区人大",
            year,
            name: format!("十八届{}次会议", i + 1),
        });
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

fn paragraphs(subject: &str, min_chars: usize, rng: &mut Rng) -> String {
    let target = min_chars + rng.below(1_200);
    let mut text = String::new();
    let mut para_len = 0;
    while text.chars().count() < target {
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

/// `n` records, deterministic from `seed`, spread over [`sessions`].
pub fn generate(n: usize, seed: u64) -> Vec<Record> {
    let mut rng = Rng::new(seed);
    let sessions = sessions();
    let mut counters = std::collections::BTreeMap::new();
    (0..n)
        .map(|_| {
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
            let topic_count = 1 + rng.below(3);
            let mut topics: Vec<String> = Vec::new();
            while topics.len() < topic_count {
                let t = rng.pick(TOPICS).to_string();
                if !topics.contains(&t) {
                    topics.push(t);
                }
            }
            let host_unit = rng.pick(UNITS).to_string();
            let co_units: Vec<String> = (0..rng.below(3))
                .map(|_| rng.pick(UNITS).to_string())
                .filter(|u| *u != host_unit)
                .collect();
            let month = 5 + rng.below(6);
            let day = 1 + rng.below(28);
            let outcomes = (0..rng.below(4))
                .map(|i| {
                    let planned = i == 2 || rng.chance(15);
                    let date = format!(
                        "{}-{:02}",
                        session.year + i32::from(planned),
                        1 + rng.below(12)
                    );
                    let template = rng.pick(SENTENCES);
                    (date, fill(template, subject, &mut rng), planned)
                })
                .collect();
            let disclosure = match rng.below(100) {
                0..=84 => "public",
                85..=94 => "summary_only",
                _ => "withheld",
            };
            Record {
                id: format!(
                    "{}/{}-{:04}",
                    session.year,
                    if session.body == "区人大" {
                        "rd"
                    } else {
                        "zx"
                    },
                    *counter
                ),
                session: session.id.clone(),
                year: session.year,
                kind,
                number: format!("第{}号", *counter),
                title: format!("关于{verb}{subject}的建议"),
                proposers: (0..1 + rng.below(3))
                    .map(|_| {
                        format!(
                            "{}委员",
                            rng.pick(&["王", "李", "张", "刘", "陈", "杨", "赵", "黄"])
                        )
                    })
                    .collect(),
                key: rng.chance(8),
                host_unit,
                co_units,
                topics,
                status,
                status_reason: (status == "not_feasible").then(|| {
                    "受土地和资金条件限制，暂不具备实施条件，已纳入中长期规划。".to_string()
                }),
                replied_on: format!("{}-{month:02}-{day:02}", session.year),
                met_proposer: rng.chance(90),
                satisfaction: rng.pick(SATISFACTIONS),
                disclosure,
                request: {
                    let template = rng.pick(SENTENCES);
                    format!("建议{verb}{subject}，{}", fill(template, subject, &mut rng))
                },
                summary: paragraphs(subject, 300, &mut rng),
                outcomes,
            }
        })
        .collect()
}

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

/// The record as a gongkai YAML file.
pub fn record_yaml(r: &Record) -> String {
    let list = |v: &[String]| {
        format!(
            "[{}]",
            v.iter().map(|s| yaml_str(s)).collect::<Vec<_>>().join(", ")
        )
    };
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
        list(&r.proposers),
        r.key,
        yaml_str(&r.host_unit)
    ));
    if !r.co_units.is_empty() {
        y.push_str(&format!("co_units: {}\n", list(&r.co_units)));
    }
    y.push_str(&format!(
        "topics: {}\nstatus: {}\n",
        list(&r.topics),
        r.status
    ));
    if let Some(reason) = &r.status_reason {
        y.push_str(&format!("status_reason: {}\n", yaml_str(reason)));
    }
    y.push_str(&format!(
        "replied_on: {}\nmet_proposer: {}\nsatisfaction: {}\ndisclosure: {}\n",
        r.replied_on, r.met_proposer, r.satisfaction, r.disclosure
    ));
    y.push_str(&format!("request: {}", yaml_block(&r.request)));
    y.push_str(&format!("summary: {}", yaml_block(&r.summary)));
    if !r.outcomes.is_empty() {
        y.push_str("outcomes:\n");
        for (date, text, planned) in &r.outcomes {
            y.push_str(&format!(
                "  - date: \"{date}\"\n    text: {}\n",
                yaml_str(text)
            ));
            let state = if *planned { "planned" } else { "done" };
            y.push_str(&format!("    state: {state}\n"));
        }
    }
    y
}

pub const SITE_YAML: &str = "title: 某某区建议提案办理结果公开\nbase_url: https://www.example.gov.cn/\nowner: 某某区人民政府办公室\noperator: 某某区政务服务数据管理局\nfiling:\n  icp: 京ICP备00000000号-1\n  police: 京公网安备 11000000000000号\n  site_code: \"1100000000\"\n";

pub fn session_yaml(s: &Session) -> String {
    format!(
        "body: {}\nyear: {}\nname: {}\noverview: |\n  {}{}办理情况。\n",
        s.body, s.year, s.name, s.body, s.name
    )
}

/// Writes a complete gongkai site (`content/`) for `records` under `root`.
pub fn write_site(root: &std::path::Path, records: &[Record]) -> std::io::Result<()> {
    let content = root.join("content");
    std::fs::create_dir_all(content.join("sessions"))?;
    std::fs::write(content.join("site.yaml"), SITE_YAML)?;
    for s in sessions() {
        std::fs::write(
            content.join("sessions").join(format!("{}.yaml", s.id)),
            session_yaml(&s),
        )?;
    }
    for r in records {
        let path = content.join("proposals").join(format!("{}.yaml", r.id));
        if let Some(parent) = path.parent() {
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
// are not written at all and `summary_only` records carry their summary but no
// request, outcomes or status reason, so both tools render the same records with the
// same fields. Taxonomies: topics, units (host and co-handling units, like
// gongkai's unit pages), status and years (session years). The layouts live in
// the repository (`bench/hugo/layouts`); the corpus example copies them in.
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

/// The records a site publishes (everything but `withheld`).
pub fn published(records: &[Record]) -> impl Iterator<Item = &Record> {
    records.iter().filter(|r| r.disclosure != "withheld")
}

/// The Hugo page name of a record: its id with `/` replaced (`2019-zx-0001`).
pub fn hugo_name(r: &Record) -> String {
    r.id.replace('/', "-")
}

/// The record as a Hugo content file: YAML front matter, the summary as body.
/// `None` for a withheld record.
pub fn record_hugo(r: &Record) -> Option<String> {
    if r.disclosure == "withheld" {
        return None;
    }
    let full = r.disclosure == "public";
    let list = |v: &[String]| {
        format!(
            "[{}]",
            v.iter().map(|s| yaml_str(s)).collect::<Vec<_>>().join(", ")
        )
    };
    let session = sessions()
        .into_iter()
        .find(|s| s.id == r.session)
        .map(|s| format!("{}{}", s.body, s.name))
        .unwrap_or_default();
    let mut units = vec![r.host_unit.clone()];
    units.extend(r.co_units.iter().cloned());
    let mut y = String::from("---\n");
    y.push_str(&format!(
        "title: {}\ndate: {}\nnumber: {}\nkind: {}\nsession: {}\n",
        yaml_str(&r.title),
        r.replied_on,
        yaml_str(&r.number),
        kind_label(r.kind),
        yaml_str(&session)
    ));
    y.push_str(&format!(
        "proposers: {}\nkey: {}\nhost_unit: {}\nco_units: {}\n",
        list(&r.proposers),
        r.key,
        yaml_str(&r.host_unit),
        list(&r.co_units)
    ));
    y.push_str(&format!(
        "topics: {}\nunits: {}\nstatus: [{}]\nyears: [\"{}\"]\n",
        list(&r.topics),
        list(&units),
        yaml_str(status_label(r.status)),
        r.year
    ));
    y.push_str(&format!(
        "replied_on: {}\nmet_proposer: {}\nsatisfaction: {}\nsummary_only: {}\n",
        r.replied_on,
        r.met_proposer,
        satisfaction_label(r.satisfaction),
        !full
    ));
    if full {
        if let Some(reason) = &r.status_reason {
            y.push_str(&format!("status_reason: {}\n", yaml_str(reason)));
        }
        y.push_str(&format!("request: {}", yaml_block(&r.request)));
        if !r.outcomes.is_empty() {
            y.push_str("outcomes:\n");
            for (date, text, planned) in &r.outcomes {
                y.push_str(&format!(
                    "  - date: \"{date}\"\n    text: {}\n    planned: {planned}\n",
                    yaml_str(text)
                ));
            }
        }
    }
    y.push_str("---\n");
    // The summary is published at both levels (摘要公开 included).
    y.push_str(&r.summary);
    y.push('\n');
    Some(y)
}

/// Hugo's configuration: the same site, 50 records a page, the four taxonomies,
/// minified output is asked for on the command line (`hugo --minify`). Feeds
/// only for the home page (gongkai writes one `atom.xml`). `paginate` is the
/// setting of Hugo ≤ 0.127 (Debian's), `pagination.pagerSize` of later ones.
pub const HUGO_CONFIG: &str = "baseURL: https://www.example.gov.cn/
languageCode: zh-CN
defaultContentLanguage: zh
title: 某某区建议提案办理结果公开
hasCJKLanguage: true
paginate: 50
pagination:
  pagerSize: 50
taxonomies:
  topic: topics
  unit: units
  status: status
  year: years
outputs:
  home: [HTML, RSS]
  section: [HTML]
  taxonomy: [HTML]
  term: [HTML]
params:
  owner: 某某区人民政府办公室
  operator: 某某区政务服务数据管理局
  icp: 京ICP备00000000号-1
  police: 京公网安备 11000000000000号
  police_code: \"11000000000000\"
  site_code: \"1100000000\"
";

/// Writes the Hugo site (`config.yaml`, `content/`) for `records` under `root`;
/// the layouts are added by the caller.
pub fn write_hugo_site(root: &std::path::Path, records: &[Record]) -> std::io::Result<()> {
    let dir = root.join("content").join("proposals");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(root.join("config.yaml"), HUGO_CONFIG)?;
    std::fs::write(dir.join("_index.md"), "---\ntitle: 建议提案\n---\n")?;
    for r in records {
        if let Some(text) = record_hugo(r) {
            std::fs::write(dir.join(format!("{}.md", hugo_name(r))), text)?;
        }
    }
    Ok(())
}
