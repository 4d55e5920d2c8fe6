//! Text → search tokens, the same way on both sides: this file at build time and
//! `themes/default/static/js/search.js` (`fold`, `cls`, `runs`) on the query.
//! Any change here must be made there too; `tests/browser/search.test.mjs` runs
//! the client on the fixture that `tests/integration/search_index.rs` checks in Rust.
//!
//! Chinese has no spaces, so there are no words to find: CJK text is split into
//! *runs* of consecutive CJK characters and indexed as its single characters and
//! overlapping bigrams (停车场 → 停 车 场 停车 车场), plus the longer grams of
//! [`super::build`] for phrase matching. Letters and digits form lower-cased words.
//! Everything else (spaces, punctuation, symbols) separates runs.
//!
//! Folding first maps full-width ASCII to ASCII (ＡＢＣ１２３ → abc123, as IMEs
//! produce it) and upper to lower case. It maps each UTF-16 unit to exactly one
//! unit, so an offset in folded text is the same offset in the original — the
//! client relies on that to mark matches in excerpts.
//!
//! Traditional characters are not folded to simplified: the query is folded in
//! the browser, and a character table good enough to be right (OpenCC's has
//! about 4,000 entries) would be larger than the whole search client. Records
//! on mainland government sites are in simplified characters, as are the
//! queries typed with mainland input methods.

/// What a character is to the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// A Han ideograph (or kana, hangul): indexed as characters and bigrams.
    Cjk,
    /// A letter or digit of any other script: part of a word.
    Word,
    /// Anything else: ends a run.
    Separator,
}

/// Folds one character: full-width ASCII to ASCII, ideographic space to space,
/// upper case to lower case where that is one character.
pub fn fold(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if is_cjk(c) {
        return c;
    }
    // Only folds that keep one UTF-16 unit per unit (see the module doc).
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf16() == c.len_utf16() => l,
        _ => c,
    }
}

/// The class of a folded character.
pub fn class(c: char) -> Class {
    if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Separator
    }
}

/// Han ideographs (CJK Unified Ideographs, extensions A–H, compatibility
/// ideographs), 〇, kana and hangul syllables.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3007
        | 0x3040..=0x30FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0x20000..=0x323AF)
}

/// A maximal run of one class in folded text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub cjk: bool,
    /// Folded characters.
    pub chars: Vec<char>,
}

impl Run {
    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }
}

/// Splits text into folded runs of CJK characters and of word characters.
pub fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    for_each_run(text, &mut Vec::new(), |cjk, chars| {
        out.push(Run {
            cjk,
            chars: chars.to_vec(),
        })
    });
    out
}

/// [`fold`] and then [`class`], as one lookup for the characters of Chinese
/// text: the index build's inner loop. Ideographs are checked first; ASCII and
/// the rest of the BMP (the full-width forms and the Chinese punctuation,
/// which separates runs) come from a table made once from [`fold`] and
/// [`class`] themselves, so the two can never disagree (a test compares them on
/// every character). Without it, each `，`, `。` or `“` went through the
/// standard library's case and alphabetic tables, twice.
#[inline(always)]
pub fn fold_class(c: char) -> (char, Class) {
    // The common ideographs first; then the other ranges of `is_cjk`.
    if matches!(c as u32, 0x4E00..=0x9FFF) || is_cjk(c) {
        return (c, Class::Cjk);
    }
    let Some(entry) = bmp_table().get(c as usize) else {
        let c = fold(c);
        return (c, class(c));
    };
    let folded = char::from_u32(entry >> 2).unwrap_or(c);
    let class = match entry & 3 {
        0 => Class::Cjk,
        1 => Class::Word,
        _ => Class::Separator,
    };
    (folded, class)
}

/// `folded << 2 | class` of every BMP character, for [`fold_class`]. A BMP
/// character folds to a BMP character: [`fold`] keeps the UTF-16 length.
fn bmp_table() -> &'static [u32] {
    static TABLE: std::sync::OnceLock<Box<[u32]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..0x1_0000u32)
            .map(|u| {
                // Surrogates are no characters; they never occur in a `str`.
                let Some(c) = char::from_u32(u) else {
                    return (u << 2) | 2;
                };
                let f = fold(c);
                let class = match class(f) {
                    Class::Cjk => 0,
                    Class::Word => 1,
                    Class::Separator => 2,
                };
                ((f as u32) << 2) | class
            })
            .collect()
    })
}

/// Calls `f(cjk, chars)` for each run of `text`, reusing `buffer` (the index
/// build's inner loop: no allocation per run).
pub fn for_each_run(text: &str, buffer: &mut Vec<char>, mut f: impl FnMut(bool, &[char])) {
    buffer.clear();
    let mut cjk = false;
    for (c, class) in text.chars().map(fold_class) {
        if class == Class::Separator || (!buffer.is_empty() && (class == Class::Cjk) != cjk) {
            if !buffer.is_empty() {
                f(cjk, buffer);
                buffer.clear();
            }
            if class == Class::Separator {
                continue;
            }
        }
        cjk = class == Class::Cjk;
        buffer.push(c);
    }
    if !buffer.is_empty() {
        f(cjk, buffer);
    }
}

/// The tokens of a text as the issue defines them: for CJK runs every single
/// character and every overlapping bigram, for other runs the lower-cased word.
/// (The index also stores longer grams; see [`super::build`].) In text order,
/// each character before the bigram it starts.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for run in runs(text) {
        if !run.cjk {
            out.push(run.text());
            continue;
        }
        for (i, c) in run.chars.iter().enumerate() {
            out.push(c.to_string());
            if let Some(next) = run.chars.get(i + 1) {
                out.push([*c, *next].iter().collect());
            }
        }
    }
    out
}

/// Folds a whole string (the oracle of the tests and the excerpt matcher use it).
pub fn fold_str(text: &str) -> String {
    text.chars().map(fold).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Vec<String> {
        tokens(text)
    }

    #[test]
    fn cjk_is_characters_and_overlapping_bigrams() {
        assert_eq!(t("停车场"), ["停", "停车", "车", "车场", "场"]);
        assert_eq!(t("停"), ["停"]);
        assert_eq!(t(""), Vec::<String>::new());
    }

    #[test]
    fn latin_and_digits_are_lower_cased_words() {
        assert_eq!(t("ICP Filing 2019"), ["icp", "filing", "2019"]);
        assert_eq!(t("PM2.5"), ["pm2", "5"]);
        assert_eq!(t("Ünïcode"), ["ünïcode"]);
    }

    #[test]
    fn punctuation_separates() {
        assert_eq!(t("停车，充电。"), ["停", "停车", "车", "充", "充电", "电"]);
        assert_eq!(t("养老、医疗"), ["养", "养老", "老", "医", "医疗", "疗"]);
        assert_eq!(t("“停车”"), ["停", "停车", "车"]);
        assert_eq!(t("a-b_c"), ["a", "b", "c"]);
        assert_eq!(t("！？…—·"), Vec::<String>::new());
    }

    #[test]
    fn full_width_forms_fold() {
        assert_eq!(t("ＡＢＣ１２３"), ["abc123"]);
        assert_eq!(fold_str("ＡＢＣ１２３"), "abc123");
        assert_eq!(fold('\u{3000}'), ' ');
        assert_eq!(t("停车\u{3000}场"), ["停", "停车", "车", "场"]);
        // Full-width punctuation folds to ASCII punctuation and still separates.
        assert_eq!(t("停车（场）"), ["停", "停车", "车", "场"]);
    }

    #[test]
    fn mixed_scripts_split_into_runs() {
        assert_eq!(
            t("投入500万元建设A级停车场"),
            [
                "投", "投入", "入", "500", "万", "万元", "元", "元建", "建", "建设", "设", "a",
                "级", "级停", "停", "停车", "车", "车场", "场"
            ]
        );
        let r = runs("第12号提案");
        assert_eq!(
            r.iter().map(|r| (r.cjk, r.text())).collect::<Vec<_>>(),
            [
                (true, "第".to_string()),
                (false, "12".to_string()),
                (true, "号提案".to_string())
            ]
        );
    }

    #[test]
    fn folding_keeps_utf16_offsets() {
        for s in ["ＡＢＣ１２３", "İstanbul", "ΣΑΣ", "停车\u{3000}Ａ"] {
            assert_eq!(
                fold_str(s).encode_utf16().count(),
                s.encode_utf16().count(),
                "{s}"
            );
        }
    }

    #[test]
    fn fold_class_is_fold_then_class_on_every_character() {
        for u in 0..=0x10_FFFFu32 {
            if let Some(c) = char::from_u32(u) {
                let f = fold(c);
                assert_eq!(fold_class(c), (f, class(f)), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn extension_ideographs_are_cjk() {
        assert_eq!(t("𠀀𠀁"), ["𠀀", "𠀀𠀁", "𠀁"]);
        assert_eq!(class('〇'), Class::Cjk);
        assert_eq!(class('、'), Class::Separator);
    }
}
