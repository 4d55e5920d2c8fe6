//! ASCII slugs for taxonomy terms: output paths must be ASCII.
//!
//! The default is the term's pinyin without tones, syllables joined by `-`
//! (停车设施 → `ting-che-she-shi`); ASCII letters and digits are kept, lower-cased;
//! everything else separates. A character with no pinyin (a rare character, a
//! symbol) falls back to `u` and its hexadecimal code point, which is stable.
//! Polyphonic characters take the reading the `pinyin` crate lists first; where
//! that is wrong, or two terms meet in one slug, `site.yaml`'s `slugs` decides.
//!
//! A slug is a folder name, and file systems refuse names over 255 bytes: a
//! slug longer than [`MAX_SLUG`] is cut at a syllable and ends in a hash of
//! the whole term, so long terms stay distinct and stable.

use pinyin::ToPinyin;

/// The default slug of a term.
pub fn slugify(term: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut ascii = String::new();
    let flush = |ascii: &mut String, words: &mut Vec<String>| {
        if !ascii.is_empty() {
            words.push(std::mem::take(ascii));
        }
    };
    for (ch, py) in term.chars().zip(term.to_pinyin()) {
        if ch.is_ascii_alphanumeric() {
            ascii.push(ch.to_ascii_lowercase());
            continue;
        }
        if let Some(folded) = fold_full_width(ch) {
            ascii.push(folded);
            continue;
        }
        flush(&mut ascii, &mut words);
        if let Some(py) = py {
            words.push(py.plain().to_string());
        } else if ch.is_alphanumeric() {
            words.push(format!("u{:x}", ch as u32));
        }
    }
    flush(&mut ascii, &mut words);
    let slug = if words.is_empty() {
        // Only punctuation: still a stable, non-empty slug.
        let hex: Vec<String> = term.chars().map(|c| format!("{:x}", c as u32)).collect();
        format!("u{}", hex.join("-"))
    } else {
        words.join("-")
    };
    shorten(slug, term)
}

/// The longest slug kept whole, in bytes: room for the longest unit names
/// (武汉经济技术开发区（汉南区）城市运行管理中心 is 80) with space to spare.
pub const MAX_SLUG: usize = 120;

/// Cuts a slug over [`MAX_SLUG`] bytes at a `-` and appends a hash of `term`.
fn shorten(slug: String, term: &str) -> String {
    if slug.len() <= MAX_SLUG {
        return slug;
    }
    let keep = MAX_SLUG - 9;
    let cut = slug[..keep].rfind('-').unwrap_or(keep);
    // FNV-1a: stable across builds and platforms, no dependency needed.
    let hash = term.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("{}-{hash:08x}", &slug[..cut])
}

/// Full-width letters and digits (ＡＢＣ１２３) as their ASCII forms.
fn fold_full_width(ch: char) -> Option<char> {
    let c = ch as u32;
    if (0xFF10..=0xFF19).contains(&c)
        || (0xFF21..=0xFF3A).contains(&c)
        || (0xFF41..=0xFF5A).contains(&c)
    {
        char::from_u32(c - 0xFEE0).map(|a| a.to_ascii_lowercase())
    } else {
        None
    }
}

/// A slug written by hand must be lower-case ASCII letters, digits and `-`.
pub fn valid_slug(slug: &str) -> bool {
    crate::load::valid_name(slug) && !slug.starts_with('-') && !slug.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_terms_become_pinyin() {
        assert_eq!(slugify("停车设施"), "ting-che-she-shi");
        assert_eq!(slugify("学前教育"), "xue-qian-jiao-yu");
        assert_eq!(slugify("5G 车路协同"), "5g-che-lu-xie-tong");
        assert_eq!(slugify("ＡＢＣ１２３"), "abc123");
    }

    #[test]
    fn long_terms_are_cut_and_keep_a_hash() {
        let long = "街道办事处".repeat(30);
        let slug = slugify(&long);
        assert!(slug.len() <= MAX_SLUG, "{slug}");
        assert!(valid_slug(&slug), "{slug}");
        assert!(slug.starts_with("jie-dao-ban-shi-chu-jie-dao"), "{slug}");
        let other = slugify(&format!("{long}甲"));
        assert_ne!(slug, other);
        assert_eq!(slug, slugify(&long));
        // Names of real length are kept whole.
        let unit = "武汉经济技术开发区（汉南区）城市运行管理中心";
        assert_eq!(
            slugify(unit),
            "wu-han-jing-ji-ji-shu-kai-fa-qu-han-nan-qu-cheng-shi-yun-xing-guan-li-zhong-xin"
        );
    }

    #[test]
    fn odd_terms_still_get_stable_ascii_slugs() {
        assert_eq!(slugify("（）"), "uff08-ff09");
        assert!(slugify("한국").starts_with('u'));
        for term in ["停车设施", "（）", "a b", "한국", "医联体·医共体"] {
            let s = slugify(term);
            assert!(
                s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{s}"
            );
        }
    }
}
