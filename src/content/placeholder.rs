//! The stand-in values `gongkai init` and `gongkai new` write where only the
//! webmaster knows the value: a fake filing number, `example.gov.cn` (in an
//! address or an e-mail), 某某局,
//! 示例主题, "关于……的建议". A site must not publish them — a false filing
//! number on a government site is a legal fault — so `build` refuses them
//! until replaced (E066) and `check` and `serve` warn (W007).
//!
//! The scaffold files (`src/cmd/scaffold/`) write only stand-ins this list
//! detects, and a test checks every one of them is found, so the two cannot
//! drift apart.

/// The filing numbers the scaffold writes: well-formed, and false.
pub const ICP: &str = "京ICP备00000000号-1";
pub const POLICE: &str = "京公网安备 11000000000000号";
pub const SITE_CODE: &str = "1100000000";

/// Text that marks a value as a stand-in wherever it appears: eight zeros (the
/// fake filing numbers and telephone), the documentation addresses (the site
/// address `https://www.example.gov.cn/…` and the e-mail), the 某某
/// places and offices the scaffold names, and 示例. (A bare 某某 is not one:
/// records anonymise names as 王某某, and a reply may address 王某某委员.)
pub const MARKERS: &[&str] = &[
    "00000000",
    "example@example.gov.cn",
    "//example.gov.cn",
    "//www.example.gov.cn",
    "某某区",
    "某某局",
    "某某路",
    "某某政协",
    "某某人大",
    "某某会议",
    "示例",
];

/// The words a stand-in title or text is made of around its `……`.
const SKELETON: &[&str] = &["关于", "的建议案", "的建议", "建议"];

/// The stand-in a value holds, if it holds one: a marker, or `……` with
/// nothing but the scaffold's own words around it ("关于……的建议", "……").
/// A real text that quotes with an ellipsis ("建议加快……建设") is not one.
pub fn find(text: &str) -> Option<&'static str> {
    // memmem, not `str::contains`: eleven passes over a million-character
    // summary cost a tenth of a second in the debug build the limits tests run.
    // Its searchers are built once: every field of every record is checked.
    // A marker holding one of the `GUARDS` is looked for only where its guard
    // is: four passes over a text with no stand-in, not eleven (the eleven
    // were 2.3% of a `long-text` build's instructions).
    const GUARDS: [&str; 2] = ["example.gov.cn", "某某"];
    struct Searchers {
        markers: Vec<(memchr::memmem::Finder<'static>, Option<usize>)>,
        guards: Vec<memchr::memmem::Finder<'static>>,
        ellipsis: memchr::memmem::Finder<'static>,
    }
    static SEARCHERS: std::sync::LazyLock<Searchers> = std::sync::LazyLock::new(|| Searchers {
        markers: MARKERS
            .iter()
            .map(|m| {
                let guard = GUARDS.iter().position(|g| m.contains(g));
                (memchr::memmem::Finder::new(m.as_bytes()), guard)
            })
            .collect(),
        guards: GUARDS
            .iter()
            .map(|g| memchr::memmem::Finder::new(g.as_bytes()))
            .collect(),
        ellipsis: memchr::memmem::Finder::new("…".as_bytes()),
    });
    let s = &*SEARCHERS;
    let bytes = text.as_bytes();
    let mut guarded: [Option<bool>; GUARDS.len()] = [None; GUARDS.len()];
    for (marker, (finder, guard)) in MARKERS.iter().zip(&s.markers) {
        if let Some(g) = *guard
            && !*guarded[g].get_or_insert_with(|| s.guards[g].find(bytes).is_some())
        {
            continue;
        }
        if finder.find(bytes).is_some() {
            return Some(marker);
        }
    }
    s.ellipsis.find(bytes)?;
    let mut rest = text.replace('…', "");
    for word in SKELETON {
        rest = rest.replace(word, "");
    }
    rest.trim().is_empty().then_some("……")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The guarded search finds what a plain search in list order finds,
    /// for every marker and pair of markers, among other text.
    #[test]
    fn guarded_search_agrees_with_a_plain_one() {
        let plain = |t: &str| MARKERS.iter().copied().find(|m| t.contains(m));
        for a in MARKERS {
            for b in MARKERS
                .iter()
                .chain(&["某某", "example.gov.cn", "王某某委员"])
            {
                for text in [format!("答复{a}和{b}。"), format!("{b}{a}"), b.to_string()] {
                    if let Some(m) = plain(&text) {
                        assert_eq!(find(&text), Some(m), "{text}");
                    } else {
                        assert_eq!(find(&text), None, "{text}");
                    }
                }
            }
        }
    }

    #[test]
    fn stand_ins_are_found_and_real_text_is_not() {
        for text in [
            ICP,
            POLICE,
            SITE_CODE,
            "example@example.gov.cn",
            "某某局",
            "某某区政协",
            "示例主题",
            "关于……的建议",
            "建议……",
            "……",
            "010-00000000",
            "https://www.example.gov.cn/jytabl/",
            "https://example.gov.cn/",
            "http://www.example.gov.cn",
        ] {
            assert!(find(text).is_some(), "{text}");
        }
        for text in [
            "鄂ICP备2022016438号-1",
            "区交通运输局",
            "建议加快……建设",
            "关于加快停车场建设的建议",
            "张三",
            "王某某委员：",
            "jytabl@example.gov.cn",
            "https://zwgk.hannan.gov.cn/jytabl/",
        ] {
            assert_eq!(find(text), None, "{text}");
        }
    }

    /// Every value the scaffold files write in place of a real one is found.
    #[test]
    fn the_scaffold_writes_only_stand_ins_this_list_finds() {
        let files = [
            include_str!("../cmd/scaffold/site.yaml"),
            include_str!("../cmd/scaffold/session.yaml"),
            include_str!("../cmd/scaffold/record.yaml"),
        ];
        // The values that are real (choices with a default, the session's
        // id and year filled in by `new`), not stand-ins.
        let real = [
            "zh-CN",
            "default",
            "proposal",
            "public",
            "{session}",
            "{year}",
            "{name}",
            "{body}",
            "true",
            "done",
            "\"2019-07\"",
            "|",
            "公开区人民政府办理人大代表建议和政协委员提案的结果。",
            // A heading that reads as real; left to the webmaster (not detected).
            "已完成的工作",
        ];
        let mut found = 0;
        for file in files {
            for line in file.lines() {
                let line = line.trim_start().trim_start_matches("- ");
                if line.starts_with('#') || line.is_empty() {
                    continue;
                }
                let value = match line.split_once(": ") {
                    Some((_, v)) => v.trim(),
                    None if line.ends_with(':') => continue,
                    None => line,
                };
                if real.contains(&value) {
                    continue;
                }
                assert!(find(value).is_some(), "a stand-in not on the list: {line}");
                found += 1;
            }
        }
        assert!(found >= 12, "{found}");
    }
}
