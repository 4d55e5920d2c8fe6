//! The same records as a Hugo site, for the benchmark's side-by-side build.
//!
//! Hugo gets the *published* view, as gongkai's renderer does: withheld records
//! are not written at all, drafts are marked `draft: true` (Hugo reads and
//! skips them, as gongkai does) and `summary_only` records carry what gongkai
//! shows of them, so both tools render the same records with the same fields.
//! Taxonomies: topics, units (host and co-handling units, like gongkai's unit
//! pages), status, years (session years) and sessions (one report page per
//! session, its term page). The layouts live in the repository
//! (`bench/hugo/layouts`); the corpus example copies them in.

use super::*;

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

pub(super) fn record_hugo_in(r: &Record, sessions: &[Session]) -> Option<String> {
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
pub(super) fn session_hugo(s: &Session, rank: usize) -> String {
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
