//! The fast reader against serde-saphyr's ([`super::parse`] against
//! [`super::super::parse_through_serde`]), on generated, demo and hand-written files.
use super::super::syntax::TreeCheck;
use super::super::{Node, parse_through_serde};
use super::surely_text;
use crate::diagnostic::{Pos, Problem};

#[path = "../../tests/support/corpus/mod.rs"]
mod corpus;

/// The fast path's answer, `None` where it leaves the file to serde.
fn fast(text: &str) -> Option<Result<Node, (Problem, Pos)>> {
    let mut check = TreeCheck::new(text);
    let node = super::parse(text, &mut check)?;
    Some(match check.found {
        Some(found) => Err(found),
        None => Ok(node),
    })
}

/// Whether `text`'s literal scalars were read from a stubbed copy, every
/// stub confirmed by the parser (`super::super::stub`).
fn stubbed(text: &str) -> bool {
    let mut check = TreeCheck::new(text);
    let Some(mut stubs) = super::super::stub::stub(text) else {
        return false;
    };
    super::parse_from(&stubs.text, Some(&mut stubs.regions), &mut check).is_some()
        && stubs.regions.all_taken()
}

/// Whether the fast path took `text`; panics where it differs from serde's.
fn same(text: &str) -> bool {
    match fast(text) {
        Some(answer) => {
            assert_eq!(answer, parse_through_serde(text), "{text}");
            true
        }
        None => false,
    }
}

/// Every file of every corpus shape: the same tree, and nearly all of
/// them through the fast path (else its speed-up is gone unnoticed).
#[test]
fn generated_files_read_the_same_and_fast() {
    for shape in corpus::SHAPES {
        let knobs = (shape.knobs)();
        let records = corpus::generate_with(150, 5, &knobs);
        let mut texts: Vec<String> = records.iter().map(corpus::record_yaml).collect();
        texts.extend(records.iter().filter_map(corpus::warning_yaml));
        let taken = texts.iter().filter(|t| same(t)).count();
        // The record files (not the one-line snippets that make warnings).
        let stubbed = texts[..records.len()].iter().filter(|t| stubbed(t)).count();
        // Session files state their year as a number: serde reads those.
        for session in corpus::sessions_for(&knobs) {
            same(&corpus::session_yaml(&session));
        }
        assert!(
            taken * 100 >= texts.len() * 95,
            "{}: {taken} of {}",
            shape.name,
            texts.len()
        );
        // Their bodies are read without the parser walking them.
        assert!(
            stubbed * 100 >= records.len() * 95,
            "{}: {stubbed} of {} stubbed",
            shape.name,
            records.len()
        );
    }
}

/// The demo site's files (content/), hand-written.
#[test]
fn the_demo_site_reads_the_same() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut n = 0;
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            same(&text);
            n += 1;
        }
    }
    assert!(n > 5, "{n} files");
}

/// What people write, and what the fast path must leave to serde.
#[test]
fn edge_cases_read_the_same() {
    let taken = [
        "a: x1\n",
        "a:\tb\n",
        "title: 关于停车的建议 # comment\n# whole line\nkey: true\n",
        "\"quoted key\": 'single'\nb: \"double \\u00e9\"\n",
        "a: [x, \"y\", 'z']\nb: {c: d, e: f}\n",
        "text: first line\n  second line\n  third\n",
        "list:\n  - a\n  - b: c\n    d: e\n  -\n    - nested\n",
        "empty:\nnull1: ~\nnull2: null\nt: True\nf: FALSE\n",
        "reply: |\n  一、总体情况\n\n  经研究。\nkeep: |+\n  x\n\nfold: >-\n  a\n  b\n",
        "a: b\r\nc: d\r\n",
        "---\na: b\n",
        "---\na: b\n...\n",
        "title: x\nhost_unit：区教育局: 是\n",
        "\u{3000}title: x\n",
        "a: 2019-09-22\nb: 2017-zx\nc: (1)\n",
        "a:    spaced   \n",
        "\u{feff}a: b\n",
        "a: \"\\u2028\"\n",
    ];
    let left_out: Vec<&str> = taken.into_iter().filter(|t| !same(t)).collect();
    assert!(left_out.is_empty(), "the fast path left {left_out:?}");
    let left = [
        "a: 2020\n",
        "a: 1x\n",
        "summary: 第一行\n  host_unit: 区教育局\n",
        "proposers:\n  - 张三\n  -\u{3000}李四\n",
        "a: y\n",
        "a: 0127\n",
        "a: yes\n",
        "a: .inf\n",
        "a: -1\n",
        "2019: x\n",
        "true: x\n",
        "~: x\n",
        "a: &x b\nc: *x\n",
        "a: !!str 1\n",
        "base: &b {x: 1}\nc:\n  <<: *b\n",
        "<<: {x: y}\n",
        "a: b\na: c\n",
        "a: b\n---\nc: d\n",
        "- a\n- b\n",
        "just text\n",
        "",
        "a: [b\n",
        "a: b\n c: d\n",
        "[a, b]: c\n",
    ];
    // serde's reader, alone, answers them (an error or a tree).
    let taken: Vec<&str> = left.into_iter().filter(|t| fast(t).is_some()).collect();
    assert!(taken.is_empty(), "the fast path took {taken:?}");
}

/// Texts the parser calls quoted or blocks are not checked line by line (a
/// line in them that looks like a field is text), and reading them does not
/// classify the file's lines; the answer is serde's, mistake or not.
#[test]
fn quoted_and_block_texts_are_not_read_as_structure() {
    let cases = [
        "summary: |\n  第一行\n  host_unit: 区教育局\n  - 一项\n",
        "summary: |-\n  -\u{3000}李四\n  x\n",
        "fold: >\n  a\n  - b\n  c: d\n",
        "a: \"x\n  host_unit: y\"\nb: 'p\n  - q'\n",
        "reply: |\n  一、总体情况\n\n  经研究。\noutcomes:\n  - text: \"已完成\"\n    state: done\n",
    ];
    for text in cases {
        assert!(same(text), "the fast path left {text:?}");
        let mut check = TreeCheck::new(text);
        super::parse(text, &mut check).unwrap();
        assert!(!check.scanned_lines(), "{text:?}");
    }
    // A plain text over several lines is still checked, line by line.
    let plain = "summary: 第一行\n  第二行\n";
    let mut check = TreeCheck::new(plain);
    super::parse(plain, &mut check).unwrap();
    assert!(check.scanned_lines());
}

/// Literal scalars read from a stubbed copy (`stub.rs`): the same tree,
/// positions and problems as serde's, whether the stubs were confirmed or
/// the file was read again whole.
#[test]
fn literal_scalars_read_the_same_stubbed_or_not() {
    let stubbed_ok = [
        "reply: |\n  一、总体情况\n\n  经研究。\n",
        "a: |\n\n\n  leading empty lines\n  x\n\n\nb: c\n",
        "a: |-\n  strip\n\n",
        "a: |\n  less\n    more indented\n  less\n",
        "a: |\n  trailing spaces   \n  # not a comment\n  key: |\nb: c # after\n",
        "outcomes:\n  - heading: 一\n    text: |\n      内容\n    state: done\n  - text: |-\n      二\nend: z\n",
        "a: |\n  文本\nb: |\n  又一段\n  \nc: 2019-01-01\n",
        "a: |\n  x\n# comment\nb: |\n    four\n",
        "title: \"a: |\"\nb: |\n  text\n",
    ];
    for text in stubbed_ok {
        assert!(same(text), "{text}");
        assert!(stubbed(text), "not stubbed: {text}");
    }
    let read_whole = [
        // Not literal, or not a body to stub.
        "a: >\n  folded\n  text\n",
        "a: |+\n  keep\n\n",
        "a: |2\n    indicator\n",
        "a: | # comment\n  x\n",
        // Headers that are not: in a comment, inside quotes.
        "# a: |\nb:\n  c: d\n",
        "a: \"x\n  b: |\n    y\"\n",
        "a: |\n  x: |\n    y\n",
        // Left to the parser: a tab, a control, a missing final break.
        "a: |\n  \tx\n",
        "a: |\n  x\u{7}\n",
        "a: |\n  no break",
        // Errors after and inside.
        "a: |\n  x\nb: [\n",
        "a: |\n  x\n b: c\n",
        "a: |\n    x\n  y\n",
    ];
    for text in read_whole {
        if fast(text).is_some() {
            assert!(same(text), "{text}");
        } else {
            assert!(
                parse_through_serde(text).is_err() || !stubbed(text),
                "{text}"
            );
        }
    }
    // A file whose stubs the parser does not confirm is still read whole.
    assert!(!stubbed("a: \"x\n  b: |\n    y\"\n"));
    assert!(same("a: \"x\n  b: |\n    y\"\n"));
}

/// Record files with random edits where they matter to a literal scalar
/// (spaces, breaks, `|`, `-`, `:`, `#`, tabs, quotes): wherever the fast
/// path answers, stubbed or not, it answers as serde does.
#[test]
fn edited_literal_scalars_read_the_same() {
    let records = corpus::generate_with(12, 2, &(corpus::SHAPES[0].knobs)());
    let pieces = [
        " ", "\n", "  ", "|", "|-", "- ", ": ", "#", "\t", "\"", "x", "文", "\n\n", "\u{85}",
    ];
    // A fixed xorshift: the same edits on every run.
    let mut next = crate::test_rng::xorshift(0x9E37_79B9_7F4A_7C15);
    let (mut answered, mut stubbed_too) = (0, 0);
    for record in &records {
        let text = corpus::record_yaml(record);
        // Edits near the literal scalars' headers and bodies.
        let near: Vec<usize> = text.match_indices(": |").map(|(i, _)| i).collect();
        for _ in 0..250 {
            let mut edited = text.clone();
            for _ in 0..1 + next(3) {
                let around = near[next(near.len())] + next(120);
                let mut at = around.min(edited.len());
                while !edited.is_char_boundary(at) {
                    at -= 1;
                }
                edited.insert_str(at, pieces[next(pieces.len())]);
            }
            if same(&edited) {
                answered += 1;
                stubbed_too += usize::from(stubbed(&edited));
            }
        }
    }
    // The edits leave many files to the fast path, and many stubbed.
    assert!(
        answered > 1000 && stubbed_too > 500,
        "{answered} answered, {stubbed_too} stubbed"
    );
}

/// Many keys: the duplicate found past the first few, and none wrongly.
#[test]
fn a_wide_mapping_reads_the_same() {
    let wide: String = (0..500).map(|i| format!("k{i}: 值{i}\n")).collect();
    assert!(same(&wide));
    let twice = format!("{wide}k250: 又一个\n");
    assert!(
        fast(&twice).is_none(),
        "a duplicate key is serde's to report"
    );
}

#[test]
fn what_is_surely_a_text() {
    for t in [
        "关于加快停车场建设的建议",
        "2019-09-22",
        "2017-zx",
        "2019-09",
        "s1",
        "区教育局",
        "/proposals/",
        "(1)",
    ] {
        assert!(surely_text(t), "{t}");
    }
    for t in [
        "", "2020", "1.5", "1e-5", "1E-5", "+1", "-1", ".5", ".inf", "-.inf", ".NaN", "0x1F",
        "0o17", "yes", "No", "ON", "off", "Y", "n", "True", "null", "inf", "Infinity", "NaN", "~",
    ] {
        assert!(!surely_text(t), "{t}");
    }
}
