//! The gongkai site. One function per field whose form the content model
//! changes; each returns the YAML lines, or nothing.

use super::*;

pub(super) fn yaml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

pub(super) fn yaml_block(s: &str) -> String {
    let mut out = String::from("|\n");
    for line in s.lines() {
        out.push_str("  ");
        out.push_str(line);
        out.push('\n');
    }
    out
}

pub(super) fn yaml_list(v: &[String]) -> String {
    format!(
        "[{}]",
        v.iter().map(|s| yaml_str(s)).collect::<Vec<_>>().join(", ")
    )
}

/// `status:` — the category (an id of the default categories); nothing for
/// a record that states none.
pub(super) fn status_yaml(status: Option<&str>) -> String {
    status.map_or(String::new(), |s| format!("status: {s}\n"))
}

/// `status_reason:` — with `not_feasible`.
pub(super) fn status_reason_yaml(r: &Record) -> String {
    r.status_reason.as_deref().map_or(String::new(), |s| {
        format!("status_reason: {}\n", yaml_str(s))
    })
}

/// The reply: `replied_on: DATE`, `replied: true` (no date published),
/// `replied: false`, or nothing (not stated).
pub(super) fn replied_yaml(replied: &Replied) -> String {
    match replied {
        Replied::On(date) => format!("replied_on: {date}\n"),
        Replied::Yes => "replied: true\n".into(),
        Replied::No => "replied: false\n".into(),
        Replied::Unstated => String::new(),
    }
}

/// `met_proposer:`; nothing when not stated.
pub(super) fn met_proposer_yaml(met: Option<bool>) -> String {
    met.map_or(String::new(), |m| format!("met_proposer: {m}\n"))
}

/// `satisfaction:`; nothing when not stated.
pub(super) fn satisfaction_yaml(satisfaction: Option<&str>) -> String {
    satisfaction.map_or(String::new(), |s| format!("satisfaction: {s}\n"))
}

/// `disclosure_reason:` — why a `summary_only` record's full reply is not published.
pub(super) fn disclosure_reason_yaml(reason: Option<&str>) -> String {
    reason.map_or(String::new(), |s| {
        format!("disclosure_reason: {}\n", yaml_str(s))
    })
}

/// `reply:` — the full reply (Markdown).
pub(super) fn reply_yaml(reply: Option<&str>) -> String {
    reply.map_or(String::new(), |s| format!("reply: {}", yaml_block(s)))
}

/// An outcome's state.
pub(super) fn outcome_state_yaml(state: State) -> &'static str {
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
pub(super) fn draft_yaml(draft: bool) -> &'static str {
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
pub(super) fn site_yaml() -> String {
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
