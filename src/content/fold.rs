//! Full-width input, folded. A Chinese input method types `第４号`, `１２`,
//! `２０２３年７月３日` and `Ｂ类` as easily as their ASCII forms; they mean the same
//! and are read the same. Numbers and dates are folded before they are read,
//! and keywords before they are matched; prose (titles, replies) is never
//! folded, since its full-width punctuation (，。（）) is correct Chinese.

use std::borrow::Cow;

/// Full-width ASCII (U+FF01–U+FF5E) as ASCII, the ideographic space (U+3000)
/// as a space; every other character unchanged. (NFKC does the same for this
/// range; the rest of NFKC is not wanted here.)
pub fn fold_width(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_wide) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\u{3000}' => ' ',
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                c => c,
            })
            .collect(),
    )
}

fn is_wide(c: char) -> bool {
    matches!(c, '\u{3000}' | '\u{FF01}'..='\u{FF5E}')
}

/// An official number as published: folded and trimmed (`第４号` → `第4号`).
pub fn number(text: &str) -> String {
    fold_width(text).trim().to_string()
}

/// What makes two official numbers the same number: its digits as a number
/// when it has any (`第4号`, `４`, `0004` and `提案第4号` are one), else its
/// text without spaces. `None` for an empty number.
pub fn number_key(text: &str) -> Option<String> {
    let folded = fold_width(text);
    let digits: String = folded.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        let trimmed = digits.trim_start_matches('0');
        return Some(if trimmed.is_empty() { "0" } else { trimmed }.to_string());
    }
    let text: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_ascii_only() {
        assert_eq!(fold_width("第４号"), "第4号");
        assert_eq!(fold_width("２０２３年７月３日"), "2023年7月3日");
        assert_eq!(fold_width("Ｂ类"), "B类");
        assert_eq!(fold_width("１２"), "12");
        assert_eq!(fold_width("关于（停车）的建议，"), "关于(停车)的建议,");
        assert!(matches!(fold_width("第4号"), Cow::Borrowed(_)));
        assert_eq!(fold_width("a\u{3000}b"), "a b");
    }

    #[test]
    fn numbers_are_one_number_however_written() {
        for same in ["第４号", "4", "0004", "提案第4号", " 第 4 号 "] {
            assert_eq!(number_key(same).as_deref(), Some("4"), "{same}");
        }
        assert_ne!(number_key("第12号"), number_key("第1号"));
        assert_eq!(number_key("甲"), Some("甲".into()));
        assert_eq!(number_key("  "), None);
        assert_eq!(number("第１２号 "), "第12号");
    }
}
