//! The search index of a small fixture site (tests/fixtures/search), read back
//! with the client's algorithm (`gongkai::search::query`): each query's tokens
//! resolve to exactly the records expected, phrases included; what is not
//! published is not searchable; facets count the matches.

use std::collections::BTreeMap;
use std::path::PathBuf;

use gongkai::pipeline::{self, BuildOptions};
use gongkai::search::encode::{Reader, decompress};
use gongkai::search::query::{
    DirFiles, Filters, MAX_QUERY_CHARS, Searcher, Unit, units, units_within_limit,
};

fn fixture() -> PathBuf {
    crate::support::repo("tests/fixtures/search")
}

fn build(portable: bool) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let mut options = BuildOptions::new(fixture());
    options.render.portable = portable;
    pipeline::build(&options, &out, |_| {}).unwrap();
    (dir, out)
}

struct Site {
    _dir: tempfile::TempDir,
    out: PathBuf,
    searcher: Searcher<DirFiles>,
}

impl Site {
    fn new() -> Site {
        let (dir, out) = build(false);
        let searcher =
            Searcher::new(&crate::support::search_meta(&out), DirFiles(out.clone())).unwrap();
        Site {
            _dir: dir,
            out,
            searcher,
        }
    }

    /// Record ids of the results, best first.
    fn find(&self, query: &str, filters: &[(&str, &str)]) -> Vec<String> {
        let results = self.searcher.search(query, &Filters::parse(filters));
        results
            .docs
            .iter()
            .map(|d| {
                let path = self.searcher.display(*d).unwrap().path;
                path.trim_start_matches("proposals/")
                    .trim_end_matches('/')
                    .to_string()
            })
            .collect()
    }

    fn sorted(&self, query: &str) -> Vec<String> {
        let mut ids = self.find(query, &[]);
        ids.sort();
        ids
    }

    fn counts(
        &self,
        query: &str,
        filters: &[(&str, &str)],
    ) -> BTreeMap<&'static str, BTreeMap<String, u32>> {
        self.searcher.search(query, &Filters::parse(filters)).counts
    }
}

fn map(pairs: &[(&str, u32)]) -> BTreeMap<String, u32> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn queries_resolve_to_exactly_the_expected_records() {
    let site = Site::new();
    // Title, topic and reply; the draft 停车场 record is not indexed.
    assert_eq!(site.sorted("停车"), ["2019/0001", "2019/0003", "2020/0001"]);
    assert_eq!(site.sorted("停"), ["2019/0001", "2019/0003", "2020/0001"]);
    assert_eq!(site.sorted("停车场"), ["2019/0001"]);
    assert_eq!(
        site.sorted("社区食堂"),
        ["2019/0002"],
        "outcome texts are indexed"
    );
    assert_eq!(
        site.sorted("区交通运输局"),
        ["2019/0001", "2020/0001"],
        "host and co-handling units"
    );
    assert_eq!(site.sorted("王委员"), ["2019/0001"], "proposers");
    assert_eq!(
        site.sorted("第7号"),
        ["2020/0001"],
        "numbers: 第, 7 and 号 all match"
    );
    assert_eq!(
        site.sorted("暂不具备开通条件"),
        ["2020/0001"],
        "the reason of a not_feasible reply"
    );
    assert!(
        site.find("停车 充电桩", &[]) == ["2019/0003"],
        "several terms must all match"
    );
    assert!(site.find("星际旅行", &[]).is_empty());
    assert!(site.find("", &[]).is_empty());
    assert!(site.find("，。！", &[]).is_empty());
}

#[test]
fn phrases_match_only_where_the_characters_stand_together() {
    let site = Site::new();
    // 2019/0002 has 养老 and 驿站, and even 养老服务 — but not 养老服务驿站.
    assert_eq!(site.sorted("养老"), ["2019/0001", "2019/0002"]);
    assert_eq!(site.sorted("驿站"), ["2019/0001", "2019/0002"]);
    assert_eq!(site.sorted("养老服务"), ["2019/0001", "2019/0002"]);
    assert_eq!(site.sorted("养老服务驿站"), ["2019/0001"]);
    assert_eq!(site.sorted("养老服务驿"), ["2019/0001"]);
    assert_eq!(site.sorted("务驿站"), ["2019/0001"]);
    assert!(site.find("驿站养老", &[]).is_empty(), "order matters");
    assert!(site.find("养老驿站", &[]).is_empty(), "adjacency matters");
    // Longer than six characters: overlapping windows.
    assert_eq!(site.sorted("在社区设立养老服务驿站"), ["2019/0001"]);
    assert!(site.find("在社区设立养老服务中心", &[]).is_empty());
}

#[test]
fn queries_split_into_units_as_documented() {
    let trie = |k: &str, r: &str| Unit::Trie(k.into(), r.into());
    assert_eq!(units("养老服务驿站"), [trie("养老服", "务驿站")]);
    assert_eq!(units("养老服"), [trie("养老服", "")]);
    assert_eq!(units("停车 停车"), [Unit::List("停车".into())]);
    assert_eq!(
        units("ＩＣＰ 备案"),
        [Unit::List("icp".into()), Unit::List("备案".into())]
    );
    // Longer runs: 6-character windows every four characters, plus the last
    // six; units sorted by key.
    assert_eq!(
        units("在社区设立养老服务驿站"),
        [
            trie("养老服", "务驿站"),
            trie("在社区", "设立养"),
            trie("立养老", "服务驿"),
        ]
    );
}

/// A paragraph pasted into the box is searched by its first 64 characters of
/// runs (src/search/query.rs, MAX_QUERY_CHARS): a CJK run is cut there, a word
/// that would cross it is left out, and the client is told.
#[test]
fn a_long_query_is_searched_by_its_first_64_characters() {
    assert_eq!(
        MAX_QUERY_CHARS, 64,
        "search.js's MAX_QUERY and docs/search.md say 64"
    );
    let long: String = "养老服务驿站".repeat(20);
    let first: String = long.chars().take(64).collect();
    let (cut_units, cut) = units_within_limit(&long);
    assert!(cut);
    assert_eq!((cut_units, false), units_within_limit(&first));
    assert!(units(&long).len() <= 64 / 4 + 1, "{:?}", units(&long));
    // Spaces and punctuation are not counted.
    let spaced: String = first.chars().flat_map(|c| [c, ' ', '，']).collect();
    assert!(!units_within_limit(&spaced).1);
    assert!(units_within_limit(&format!("{spaced}停")).1);
    // A word crossing the limit is left out whole; a query of one long word
    // is kept whole.
    let words = format!("{} abcdefgh", "养".repeat(60));
    assert_eq!(units_within_limit(&words), (units(&"养".repeat(60)), true));
    let word = "a".repeat(100);
    assert_eq!(
        units_within_limit(&word),
        (vec![Unit::List(word.clone())], false)
    );

    // A reply pasted whole, then words found nowhere: the record it came from,
    // and `cut` for the client's note.
    let summary = "区交通运输局会同各街道对辖区停车资源进行了全面摸排，\
        新建公共停车场两处，增加停车泊位八百余个，并在老旧小区推行错时共享停车，\
        缓解了居民停车难的问题。";
    let f = crate::support::Fixture::with_record(&format!(
        "{}summary: {summary}\n",
        crate::support::RECORD
    ));
    let out = f.path("out");
    f.build_into(&out).assert_exit(0);
    let searcher = Searcher::new(&crate::support::search_meta(&out), DirFiles(out)).unwrap();
    let pasted = format!("{summary}{}", "这些文字不在任何记录里".repeat(100));
    let found = searcher.search(&pasted, &Filters::default());
    assert_eq!(found.docs, [0]);
    assert!(found.cut);
    assert!(found.files.len() <= 20, "{} files read", found.files.len());
    let short = searcher.search("停车泊位", &Filters::default());
    assert_eq!((short.docs, short.cut), (vec![0], false));
    assert!(
        searcher
            .search(&"这些文字不在任何记录里".repeat(10), &Filters::default())
            .docs
            .is_empty()
    );
}

#[test]
fn full_width_and_latin_fold() {
    let site = Site::new();
    for q in [
        "abc123",
        "ＡＢＣ１２３",
        "ABC123",
        "ICP",
        "ｉｃｐ",
        "bus LINE",
    ] {
        assert_eq!(site.sorted(q), ["2020/0001"], "{q}");
    }
    assert!(site.find("abc", &[]).is_empty(), "words match whole");
}

#[test]
fn unpublished_text_is_not_searchable_and_not_in_any_file() {
    let site = Site::new();
    // summary_only: found by metadata and its summary, never by the withheld
    // full reply or request.
    assert_eq!(site.sorted("充电桩"), ["2019/0003"]);
    assert_eq!(site.sorted("分批新增"), ["2019/0003"]);
    assert_eq!(site.sorted("新能源汽车"), ["2019/0003"]);
    assert!(site.find("内部测算", &[]).is_empty());
    assert!(site.find("三百个", &[]).is_empty());
    // withheld and draft: nothing.
    for q in ["撤回", "撤回件", "保密", "区保密局", "草稿"] {
        assert!(site.find(q, &[]).is_empty(), "{q}");
    }
    for entry in walkdir::WalkDir::new(site.out.join("search")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let mut bytes = std::fs::read(entry.path()).unwrap();
            if entry.path().extension().is_some_and(|e| e == "bin") {
                bytes = decompress(&bytes).expect("index files are zlib data");
            }
            let text = String::from_utf8_lossy(&bytes);
            for secret in ["撤回", "保密", "内部测算", "草稿"] {
                assert!(
                    !text.contains(secret),
                    "{} holds {secret}",
                    entry.path().display()
                );
            }
        }
    }
}

#[test]
fn facets_count_the_matches_of_the_current_query() {
    let site = Site::new();
    let c = site.counts("停车", &[]);
    assert_eq!(c["status"], map(&[("solved", 2), ("not_feasible", 1)]));
    assert_eq!(c["year"], map(&[("2019", 2), ("2020", 1)]));
    assert_eq!(c["session"], map(&[("2019-zx", 2), ("2020-rd", 1)]));
    assert_eq!(
        c["kind"],
        map(&[("proposal", 1), ("recommendation", 1), ("suggestion", 1)])
    );
    assert_eq!(c["key"], map(&[("1", 1)]));
    assert_eq!(
        c["topic"],
        map(&[("停车设施", 2), ("公共交通", 1), ("新能源汽车", 1)])
    );
    assert_eq!(
        c["unit"],
        map(&[
            ("区城市管理执法局", 1),
            ("区发展和改革局", 1),
            ("区交通运输局", 1)
        ])
    );
}

#[test]
fn filters_narrow_the_results_and_counts_stay_disjunctive() {
    let site = Site::new();
    assert_eq!(
        site.find("停车", &[("status", "solved")]).len(),
        2,
        "status=solved keeps the two solved records"
    );
    let mut solved = site.find("停车", &[("status", "solved")]);
    solved.sort();
    assert_eq!(solved, ["2019/0001", "2019/0003"]);
    let c = site.counts("停车", &[("status", "solved")]);
    // The status facet still counts the other statuses (to switch to them)...
    assert_eq!(c["status"], map(&[("solved", 2), ("not_feasible", 1)]));
    // ...while the other facets count only the solved matches.
    assert_eq!(c["year"], map(&[("2019", 2)]));
    assert_eq!(
        site.find("停车", &[("status", "solved"), ("status", "not_feasible")])
            .len(),
        3,
        "values of one facet are alternatives"
    );
    assert_eq!(site.find("停车", &[("year", "2020")]), ["2020/0001"]);
    assert_eq!(site.find("停车", &[("key", "1")]), ["2019/0001"]);
    assert_eq!(site.find("停车", &[("topic", "新能源汽车")]), ["2019/0003"]);
    assert_eq!(
        site.find("停车", &[("unit", "区交通运输局")]),
        ["2020/0001"]
    );
    assert!(
        site.find("停车", &[("status", "solved"), ("year", "2020")])
            .is_empty()
    );
    // Filters alone list every record that passes them, newest first.
    assert_eq!(site.find("", &[("status", "in_progress")]), ["2019/0002"]);
    assert_eq!(
        site.find("", &[("session", "2019-zx")]),
        ["2019/0003", "2019/0002", "2019/0001"]
    );
}

#[test]
fn ranking_weighs_fields_and_breaks_ties_by_date() {
    let site = Site::new();
    // 2019/0001: 停车 in the title, topic and reply; 2019/0003 in a topic only;
    // 2020/0001 once in the reply.
    assert_eq!(
        site.find("停车", &[]),
        ["2019/0001", "2019/0003", "2020/0001"]
    );
    // 养老: in 2019/0002's title; only in 2019/0001's reply.
    assert_eq!(site.find("养老", &[]), ["2019/0002", "2019/0001"]);
}

#[test]
fn a_small_site_is_one_index_file_and_one_display_file() {
    let site = Site::new();
    let mut files: Vec<String> = walkdir::WalkDir::new(site.out.join("search"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&site.out)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["search/i/0.bin", "search/index.html", "search/r/0.bin"]
    );
    // A query reads the index file, and the display file (which it shows
    // anyway) serves as the doc table: the index holds no facet data.
    let results = site.searcher.search("养老服务驿站", &Filters::default());
    assert_eq!(results.files, ["search/i/0.bin", "search/r/0.bin"]);
}

#[test]
fn the_index_is_deterministic() {
    let (_a, one) = build(false);
    let (_b, two) = build(false);
    for entry in walkdir::WalkDir::new(one.join("search")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&one).unwrap();
            assert_eq!(
                std::fs::read(entry.path()).unwrap(),
                std::fs::read(two.join(rel)).unwrap(),
                "{}",
                rel.display()
            );
        }
    }
}

#[test]
fn portable_builds_write_the_index_as_scripts() {
    let (_dir, out) = build(true);
    let shard = std::fs::read_to_string(out.join("search/i/0.js")).unwrap();
    assert!(
        shard.starts_with("gongkaiShard(\"search/i/0.js\",\""),
        "{shard:.60}"
    );
    assert!(!out.join("search/i/0.bin").exists());
    let meta = crate::support::search_meta(&out);
    assert!(meta.contains("\"portable\":true"), "{meta}");
    let html = std::fs::read_to_string(out.join("search/index.html")).unwrap();
    assert!(
        html.contains("proposals/index.html"),
        "fallback links end in index.html"
    );
}

/// Browsers without `DecompressionStream` load `js/inflate.js`: the search page
/// names it (root-relative, fingerprinted) and the build writes it, in normal
/// and portable builds alike; no page loads it by itself.
#[test]
fn the_search_page_names_the_inflate_fallback() {
    let theme = std::fs::read(crate::support::repo("themes/default/static/js/inflate.js")).unwrap();
    for portable in [false, true] {
        let (_dir, out) = build(portable);
        let html = std::fs::read_to_string(out.join("search/index.html")).unwrap();
        let at = html
            .find("data-inflate=\"")
            .expect("the search page names inflate.js")
            + "data-inflate=\"".len();
        let path = &html[at..at + html[at..].find('"').unwrap()];
        assert!(
            path.starts_with("static/js/inflate.") && path.ends_with(".js"),
            "{path}"
        );
        assert_eq!(std::fs::read(out.join(path)).unwrap(), theme, "{path}");
        assert_eq!(
            html.matches("js/inflate.").count(),
            1,
            "named once, in data-inflate: no script tag loads it"
        );
    }
}

/// A site of long replies written in few words: its text plans hundreds of
/// shards, but its keys would fill fewer, and its index (a few kilobytes)
/// fills one part's worth: the index writes 16 (`search::shards::shard_count`,
/// `sized_count`). The search page carries the plan the index was written
/// with, and search still finds every record.
#[test]
fn long_text_in_few_words_is_no_more_shards_than_its_keys_fill() {
    let records = 30;
    let summary = "养老服务驿站方便老人就近用餐。".repeat(7_000);
    let dir = site_of_summaries(&vec![summary; records]);
    let options = BuildOptions::new(dir.path());
    let model = pipeline::model(&options, &mut pipeline::Timings::default()).unwrap();
    let planned = gongkai::search::Plan::new(&model.site, false).shards;
    let out = dir.path().join("public");
    pipeline::build(&options, &out, |_| {}).unwrap();
    // `serve` makes its search page after the index too, with the same plan.
    let preview = gongkai::serve::preview::Preview::new(model, options.render.clone()).unwrap();
    let served = preview.get("search/index.html").unwrap().unwrap();
    let built = std::fs::read(out.join("search/index.html")).unwrap();
    assert!(
        served == built,
        "serve's search page differs from the build's"
    );

    let meta = crate::support::search_meta(&out);
    let plan: serde_json::Value = serde_json::from_str(&meta).unwrap();
    let shards = plan["plan"]["shards"].as_u64().unwrap() as u32;
    let files: Vec<Vec<u8>> = (0..)
        .map_while(|i| std::fs::read(out.join(format!("search/i/{i}.bin"))).ok())
        .collect();
    assert_eq!(
        files.len() as u32,
        shards,
        "one file per shard of the page's plan"
    );
    let keys: u64 = files
        .iter()
        .map(|f| Reader::new(&decompress(f).unwrap()).u64())
        .sum();
    assert!(
        planned > 3 * shards,
        "{planned} shards planned for the text, {shards} written for {keys} keys"
    );
    assert!(shards <= gongkai::search::shards::shard_count(planned, keys as usize));
    assert_eq!(shards, 16, "the fewest shards written part by part");
    let searcher = Searcher::new(&meta, DirFiles(out.clone())).unwrap();
    let found = searcher.search("养老服务驿站", &Filters::default());
    assert_eq!(found.docs.len(), records);
    assert_eq!(
        searcher.search("就近用餐", &Filters::default()).docs.len(),
        records
    );
    assert!(searcher.search("停车", &Filters::default()).docs.is_empty());
}

/// A small site of very long records: its display data is one file (one
/// group of all its records), but its text is tokenised in more than one
/// batch, since a batch holds at most `BATCH_CHARS` characters (20 records
/// of a million characters each, in one batch, held gigabytes of terms). The
/// group's display file is written whole once its last record is analysed,
/// and every record is found with its own display data.
#[test]
fn a_small_site_of_long_records_is_indexed_in_batches_with_one_display_file() {
    let records = 8;
    // 600,000 characters each: 4.8 million, over the 4 Mi a batch may hold.
    let summaries: Vec<String> = (1..=records)
        .map(|i| {
            format!(
                "第{i}件记录的独有短语。{}",
                "养老服务驿站方便老人就近用餐。".repeat(40_000)
            )
        })
        .collect();
    let dir = site_of_summaries(&summaries);
    let out = dir.path().join("public");
    pipeline::build(&BuildOptions::new(dir.path()), &out, |_| {}).unwrap();
    let meta = crate::support::search_meta(&out);
    let plan: serde_json::Value = serde_json::from_str(&meta).unwrap();
    assert_eq!(plan["plan"]["display_group"], records);
    let displays: Vec<_> = std::fs::read_dir(out.join("search/r")).unwrap().collect();
    assert_eq!(displays.len(), 1, "one display file");
    let searcher = Searcher::new(&meta, DirFiles(out.clone())).unwrap();
    for i in 1..=records {
        let found = searcher.search(&format!("第{i}件记录"), &Filters::default());
        assert_eq!(found.docs.len(), 1, "record {i}");
        let shown = searcher.display(found.docs[0]).unwrap();
        assert_eq!(shown.path, format!("proposals/2019/{i:04}/"), "record {i}");
    }
    assert_eq!(
        searcher.search("就近用餐", &Filters::default()).docs.len(),
        records
    );
}

/// Text that varies as real prose does makes an index several times larger
/// per character than the plan made from the amount of text assumes: the
/// count then follows the index written, so its shards stay near the size a
/// query should download (`search::SHARD_TARGET`), and phrases are still
/// found exactly.
#[test]
fn text_that_varies_gets_shards_sized_from_its_index() {
    // Characters drawn at random from 3,000 common ones: nearly every phrase
    // of three to six characters occurs once.
    let mut seed = 0x9e37_79b9_u32;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed
    };
    let texts: Vec<String> = (0..40)
        .map(|_| {
            (0..6_000)
                .map(|k| {
                    if k % 30 == 29 {
                        '。'
                    } else {
                        char::from_u32(0x4E00 + next() % 3_000).unwrap()
                    }
                })
                .collect()
        })
        .collect();
    let dir = site_of_summaries(&texts);
    let options = BuildOptions::new(dir.path());
    let model = pipeline::model(&options, &mut pipeline::Timings::default()).unwrap();
    let planned = gongkai::search::Plan::new(&model.site, false).shards;
    let out = dir.path().join("public");
    pipeline::build(&options, &out, |_| {}).unwrap();

    let meta = crate::support::search_meta(&out);
    let plan: serde_json::Value = serde_json::from_str(&meta).unwrap();
    let shards = plan["plan"]["shards"].as_u64().unwrap() as u32;
    let bytes: u64 = (0..shards)
        .map(|i| {
            std::fs::metadata(out.join(format!("search/i/{i}.bin")))
                .unwrap()
                .len()
        })
        .sum();
    assert!(
        !out.join(format!("search/i/{shards}.bin")).exists(),
        "one file per shard of the page's plan"
    );
    let mean = bytes / u64::from(shards);
    let target = gongkai::search::SHARD_TARGET;
    assert!(
        shards > 2 * planned && shards.is_multiple_of(16),
        "{planned} shards planned, {shards} written"
    );
    assert!(
        (target / 2..=target * 2).contains(&mean),
        "{shards} shards of {mean} bytes on average"
    );
    let searcher = Searcher::new(&meta, DirFiles(out.clone())).unwrap();
    for (i, text) in texts.iter().enumerate().step_by(7) {
        let phrase: String = text.chars().skip(100 + i).take(6).collect();
        let found = searcher.search(&phrase, &Filters::default());
        assert!(!found.docs.is_empty(), "{phrase}");
        for doc in &found.docs {
            let path = searcher.display(*doc).unwrap().path;
            let number: usize = path
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            assert!(texts[number - 1].contains(&phrase), "{phrase} in {path}");
        }
    }
}

/// A site of the fixture's site file and session, with one public proposal
/// for each of `summaries` (numbered from 1) and nothing else.
fn site_of_summaries(summaries: &[String]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    for file in ["site.yaml", "sessions/2019-zx.yaml"] {
        let to = content.join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fixture().join("content").join(file), to).unwrap();
    }
    std::fs::create_dir_all(content.join("proposals/2019")).unwrap();
    for (i, summary) in (1..).zip(summaries) {
        let yaml = format!(
            "kind: proposal\nsession: 2019-zx\ntitle: 关于养老服务驿站的建议\nnumber: 第{i}号\n\
             proposers: [王委员]\nhost_unit: 区民政局\ntopics: [养老服务]\nstatus: solved\n\
             replied_on: 2019-07-01\ndisclosure: public\nsummary: |\n  {summary}\n"
        );
        std::fs::write(content.join(format!("proposals/2019/{i:04}.yaml")), yaml).unwrap();
    }
    dir
}
