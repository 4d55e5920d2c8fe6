//! A build keeps the records' long texts in a spill file between loading and
//! output (src/content/spill.rs), and the search index's lists in spill files
//! when they outgrow a budget (src/search/spill.rs); `serve` keeps both in
//! memory. Both must make the same files, byte for byte, and report the same
//! problems at the same places.

use std::collections::BTreeMap;

use gongkai::error::Error;
use gongkai::output::MemorySink;
use gongkai::pipeline::{self, BuildOptions, Timings};

use crate::support::corpus;
use crate::support::{Fixture, RECORD, files};

/// A public record with text in every field that is spilled: status reason,
/// request, summary, reply, outcomes (heading, text, date and state, and one
/// with nothing but its text).
const PUBLIC: &str = "kind: proposal
session: s1
title: 关于加快停车场建设的建议
status: not_feasible
status_reason: 受用地指标限制，**暂不具备**条件。
disclosure: public
host_unit: 区交通运输局
replied_on: 2019-09-22
request: |
  建议：
  1. 利用边角地建设停车场；
  2. 错峰共享。
summary: 已新增停车位 *1200* 个。
reply: |
  ## 一、总体情况

  经研究，答复如下：……

  - 新建停车场 3 处
  - 改造 [路口](https://www.gongkai.test/x) 5 个
outcomes:
  - date: 2019-10
    heading: 新建停车场
    text: 已完成 3 处，共 400 个车位。
    state: done
  - text: 错峰共享在推进。
  - date: '2020'
    text: 计划再建 2 处。
    state: planned
";

/// A summary-only record: its reason for withholding is spilled too, and its
/// request and reply, never published, with it.
const SUMMARY_ONLY: &str = "kind: suggestion
session: s1
title: 关于增设公交线路的建议
status: solved
disclosure: summary_only
disclosure_reason: 涉及尚未公开的规划。
host_unit: 区交通运输局
replied_on: 2019-08-01
summary: 已调整 2 条线路。
request: 不公开的原案。
reply: 不公开的答复全文。
";

/// The site of the texts above, three records without any long text (one
/// with empty ones), and `n` generated records.
fn site(n: usize) -> Fixture {
    let f = Fixture::empty();
    corpus::write_site(f.root(), &corpus::generate(n, 23)).unwrap();
    f.write(
        "content/sessions/s1.yaml",
        "body: 区政协\nyear: 2019\nname: 九届三次会议\n",
    );
    f.record("2019/a001", PUBLIC);
    f.record("2019/a002", SUMMARY_ONLY);
    f.record("2019/a003", RECORD);
    f.record(
        "2019/a004",
        &format!("{RECORD}summary: ''\nrequest: ''\nreply: ''\n"),
    );
    f
}

fn options(f: &Fixture, spill: bool) -> BuildOptions {
    let mut o = BuildOptions::new(f.root());
    o.base_url = Some("https://www.gongkai.test/".into());
    o.spill_dir = spill.then(|| f.path("spill"));
    // All of it in the file: these sites are far below the default allowance.
    o.keep_text_below = 0;
    // And the search index's lists written out after every batch of records
    // and merged back at the end (src/search/spill.rs).
    o.index_budget = 0;
    o
}

/// Every file of the site, rendered into memory with the text in memory.
fn in_memory(f: &Fixture) -> BTreeMap<String, Vec<u8>> {
    let options = options(f, false);
    let mut timings = Timings::default();
    let model = pipeline::model(&options, &mut timings).unwrap();
    let memory = MemorySink::new();
    pipeline::render(&model, &options, &memory, &mut timings).unwrap();
    memory.into_files()
}

fn assert_same(built: &BTreeMap<String, Vec<u8>>, rendered: &BTreeMap<String, Vec<u8>>) {
    let paths = |m: &BTreeMap<String, Vec<u8>>| -> Vec<String> { m.keys().cloned().collect() };
    assert_eq!(paths(built), paths(rendered));
    for (path, bytes) in built {
        assert!(bytes == &rendered[path], "{path} differs");
    }
}

#[test]
fn a_build_with_the_text_spilled_writes_what_a_render_in_memory_writes() {
    let f = site(300);
    let out = f.path("public");
    let report = pipeline::build(&options(&f, true), &out, |_| {}).unwrap();
    assert!(report.records > 250, "{} records", report.records);
    let built = files(&out);
    let rendered = in_memory(&f);
    assert_same(&built, &rendered);
    // The texts did reach the files, and what is withheld did not.
    let page = String::from_utf8_lossy(&built["proposals/2019/a001/index.html"]).into_owned();
    for text in [
        "暂不具备",
        "错峰共享",
        "总体情况",
        "计划再建",
        "已新增停车位",
    ] {
        assert!(page.contains(text), "{text}");
    }
    let json = String::from_utf8_lossy(&built["data/proposals.json"]).into_owned();
    assert!(json.contains("涉及尚未公开的规划"));
    assert!(!json.contains("不公开的答复全文"));
    // Nothing is left beside the output: the spill file was unlinked at once.
    let left: Vec<_> = std::fs::read_dir(f.path("spill")).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Where the text of each record waits: all of it in memory when the site's
/// content files are small enough, all of it in the file when they are not;
/// the files are the same either way.
#[test]
fn a_small_site_keeps_its_text_in_memory_and_a_large_one_spills_it_all() {
    let f = site(300);
    let in_file = |keep_below: u64| -> Vec<bool> {
        let mut options = options(&f, true);
        options.keep_text_below = keep_below;
        let model = pipeline::model(&options, &mut Timings::default()).unwrap();
        let mut found: Vec<bool> = model
            .site
            .records
            .iter()
            .map(|r| r.text_in_file())
            .collect();
        found.dedup();
        found
    };
    assert_eq!(in_file(0), [true]);
    // 64 KiB: a few records' worth, not the site's.
    assert_eq!(in_file(64 * 1024), [true]);
    assert_eq!(in_file(64 << 20), [false]);

    let out = f.path("public");
    let mut options = options(&f, true);
    options.keep_text_below = 64 << 20;
    pipeline::build(&options, &out, |_| {}).unwrap();
    assert_same(&files(&out), &in_memory(&f));
}

/// `gongkai build` keeps a small site's text in memory (within the default
/// allowance): the same files again.
#[test]
fn the_command_writes_the_same_files() {
    let f = site(40);
    let built = f.built();
    // `gongkai build` uses the site's own base_url, the in-memory render here too.
    let options = BuildOptions::new(f.root());
    let mut timings = Timings::default();
    let model = pipeline::model(&options, &mut timings).unwrap();
    let memory = MemorySink::new();
    pipeline::render(&model, &options, &memory, &mut timings).unwrap();
    assert_same(&built, &memory.into_files());
}

/// The checks that read the text back report what they report in memory, at
/// the same file, line and column.
#[test]
fn problems_in_spilled_text_keep_their_place() {
    let f = site(0);
    f.record(
        "2019/a005",
        &PUBLIC.replace("已完成 3 处", "联系 13812345678 已完成 3 处"),
    );
    let diags = |spill: bool| -> Vec<String> {
        match pipeline::model(&options(&f, spill), &mut Timings::default()) {
            Err(Error::Content(d)) => d
                .sorted()
                .iter()
                .map(|d| d.render(gongkai::diagnostic::Lang::Zh))
                .collect(),
            Err(e) => panic!("{e}"),
            Ok(_) => panic!("no problem found"),
        }
    };
    let spilled = diags(true);
    assert_eq!(spilled, diags(false));
    let all = spilled.join("\n");
    assert!(
        all.contains("content/proposals/2019/a005.yaml:24:14: error[E049]"),
        "{all}"
    );
}
