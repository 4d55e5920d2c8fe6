//! Nothing withheld reaches an output file. Unique markers are planted in every
//! field of a `withheld` record and of a `draft` record (including their ids,
//! dates and attachment files), and in the withheld parts of a `summary_only`
//! record (摘要公开: its full reply, request, outcome headings and texts,
//! attachment files and titles, and status reason); after a build, every output
//! file — pages, search shards (decompressed), JSON, CSV, feed, sitemaps — is
//! read as bytes and searched. The summary_only record's published parts (title,
//! summary, disclosure reason) must be found, so the test fails if its page (or
//! the whole output) went missing instead.

use crate::support::{Fixture, RECORD};

/// A record with a marker in every field that can hold one. `p` prefixes every
/// marker; markers are lower-case ASCII so that slugs and search tokens of a
/// leaked value would still contain them.
fn marked_record(p: &str, disclosure: &str, draft: bool, dates: &Dates) -> String {
    let Dates {
        replied,
        published,
        month,
        ..
    } = dates;
    format!(
        "kind: proposal
session: s1
title: 关于{p}title的建议
number: 第{p}number号
index_no: {p}indexno
proposers:
  - {p}proposer
key: true
lead_official: {p}leadofficial
host_unit: {p}hostunit
co_units:
  - {p}counit
topics:
  - {p}topic
status: not_feasible
status_reason: 因为{p}reason暂不能解决
replied_on: {replied}
met_proposer: true
satisfaction: satisfied
disclosure: {disclosure}
disclosure_reason: 理由{p}disclosurereason说明
request: |
  请求{p}request内容
summary: |
  答复{p}summary内容
reply: |
  全文{p}fullreply内容
outcomes:
  - date: \"{month}\"
    heading: {p}heading
    text: 已完成{p}outcome工作
    state: done
  - text: 预计{p}planned
    state: planned
published_on: {published}
draft: {draft}
attachments:
  - title: {p}attachtitle
    file: {p}file.pdf
"
    )
}

/// Dates unique to one marked record, and how pages write them.
struct Dates {
    replied: &'static str,
    published: &'static str,
    month: &'static str,
    written: [&'static str; 3],
}

const WITHHELD_DATES: Dates = Dates {
    replied: "2003-03-03",
    published: "2005-05-05",
    month: "2011-01",
    written: ["2003年3月3日", "2005年5月5日", "2011年1月"],
};
const DRAFT_DATES: Dates = Dates {
    replied: "2006-06-06",
    published: "2007-07-07",
    month: "2012-02",
    written: ["2006年6月6日", "2007年7月7日", "2012年2月"],
};
/// A summary_only record's reply and publication dates are published; only
/// its outcomes' dates are withheld.
const SUMMARY_ONLY_DATES: Dates = Dates {
    replied: "2008-08-08",
    published: "2009-09-09",
    month: "2013-03",
    written: ["2008年8月8日", "2009年9月9日", "2013年3月"],
};

/// The markers planted by [`marked_record`] with prefix `p`, the attachment's
/// content, and the dates as written in YAML and on pages.
fn markers(p: &str, dates: &Dates) -> Vec<String> {
    let mut m: Vec<String> = [
        "title",
        "number",
        "indexno",
        "proposer",
        "leadofficial",
        "hostunit",
        "counit",
        "topic",
        "reason",
        "disclosurereason",
        "request",
        "summary",
        "fullreply",
        "heading",
        "outcome",
        "planned",
        "attachtitle",
        "file",
        "content",
        "id",
    ]
    .iter()
    .map(|f| format!("{p}{f}"))
    .collect();
    m.extend(
        [dates.replied, dates.published, dates.month]
            .iter()
            .chain(&dates.written)
            .map(|s| s.to_string()),
    );
    m
}

/// The fields a summary_only record withholds, by marker: everything but its
/// metadata, category, summary and disclosure reason.
fn withheld_of_summary_only(p: &str) -> Vec<String> {
    let dates = &SUMMARY_ONLY_DATES;
    [
        "reason",
        "request",
        "fullreply",
        "heading",
        "outcome",
        "planned",
        "attachtitle",
        "file",
        "content",
    ]
    .iter()
    .map(|f| format!("{p}{f}"))
    .chain([dates.month.to_string(), dates.written[2].to_string()])
    .collect()
}

fn find(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn withheld_draft_and_summary_only_fields_reach_no_output_file() {
    let f = Fixture::new();
    f.record("2019/0001", RECORD);
    f.record(
        "2019/wmkid",
        &marked_record("wmk", "withheld", false, &WITHHELD_DATES),
    );
    f.write("content/proposals/2019/wmkfile.pdf", b"%PDF wmkcontent");
    f.record(
        "2019/dmkid",
        &marked_record("dmk", "public", true, &DRAFT_DATES),
    );
    f.write("content/proposals/2019/dmkfile.pdf", b"%PDF dmkcontent");
    f.record(
        "2019/smkid",
        &marked_record("smk", "summary_only", false, &SUMMARY_ONLY_DATES),
    );
    f.write("content/proposals/2019/smkfile.pdf", b"%PDF smkcontent");
    // A public record's attachment is copied: the way attachments leak, if they do.
    f.record(
        "2019/0002",
        &format!("{RECORD}attachments:\n  - title: 答复函\n    file: reply.pdf\n"),
    );
    f.write("content/proposals/2019/reply.pdf", b"%PDF public-reply");

    let mut out = f.built();
    assert!(out.len() > 3, "{:?}", out.keys());
    // The search index files are zlib-compressed: searched as they decompress.
    let mut compressed = 0;
    for (path, bytes) in out.iter_mut() {
        if path.starts_with("search/") && !path.ends_with(".html") {
            *bytes = gongkai::search::encode::decompress(bytes)
                .unwrap_or_else(|| panic!("{path}: not zlib data"));
            compressed += 1;
        }
    }
    assert!(compressed > 0, "no search index file found");

    let mut forbidden = markers("wmk", &WITHHELD_DATES);
    forbidden.extend(markers("dmk", &DRAFT_DATES));
    forbidden.extend(withheld_of_summary_only("smk"));
    let mut leaks = Vec::new();
    for (path, bytes) in &out {
        for m in &forbidden {
            if find(bytes, m) || path.contains(m.as_str()) {
                leaks.push(format!("{m} in {path}"));
            }
        }
    }
    assert!(leaks.is_empty(), "leaked:\n{}", leaks.join("\n"));

    // The summary_only record is published: its page and its metadata are there.
    let page = out
        .get("proposals/2019/smkid/index.html")
        .expect("the summary_only record's page");
    // (The minimal page shows title, status and unit; the theme adds the rest.)
    // 摘要公开: its summary and the reason the full reply is withheld are shown.
    for shown in [
        "smktitle",
        "smkhostunit",
        "smksummary",
        "smkdisclosurereason",
    ] {
        assert!(find(page, shown), "{shown} missing from its page");
    }
    // And the public record's attachment was copied, so the check above could see one.
    assert!(out.values().any(|b| find(b, "public-reply")));
    // The summary_only record's title is in the decompressed search index.
    assert!(
        out.iter()
            .any(|(p, b)| p.starts_with("search/") && !p.ends_with(".html") && find(b, "smktitle")),
        "the search index as read holds published metadata"
    );
}
