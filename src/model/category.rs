//! Reply categories (办理结果分类) as the site publishes them.
//!
//! Places grade replies differently (A/B/C, A/B/C/D, 甲/乙/丙), so the list comes
//! from `site.yaml`'s `categories` ([`crate::content::Category`]). Each category
//! has one wording, made by [`wording`] when the model is built and stored in
//! [`Category::wording`]; the record page, tags, charts, term pages, search
//! facets, JSON, CSV and the Atom feed all print that field, so no output words
//! a category differently from another.

use std::collections::HashMap;

use serde::Serialize;

use crate::content;

/// One category of the site.
#[derive(Clone, Debug, Serialize)]
pub struct Category {
    /// What records write in `status`; the page is `/status/<id>/`.
    pub id: String,
    pub label: String,
    pub meaning: Option<String>,
    /// Counts toward the declared `not_feasible` figure; needs a `status_reason`.
    pub not_feasible: bool,
    /// The one wording every output prints (see [`wording`]).
    pub wording: String,
    /// The style variant of its tag and chart bar (`cat-1` …): the colour only
    /// repeats the words, by the category's place in the list.
    pub variant: String,
}

/// The site's categories in their listed order, looked up by id.
#[derive(Clone, Debug, Default)]
pub struct Categories {
    pub list: Vec<Category>,
    index: HashMap<String, usize>,
}

/// How many tag colours the theme has; later categories reuse them in turn.
pub const VARIANTS: usize = 4;

impl Categories {
    /// The categories of `site.yaml`, worded in the site's `language`.
    pub fn new(config: &[content::Category], language: &str) -> Categories {
        let list: Vec<Category> = config
            .iter()
            .enumerate()
            .map(|(i, c)| Category {
                id: c.id.clone(),
                label: c.label.clone(),
                meaning: c.meaning.clone(),
                not_feasible: c.not_feasible,
                wording: wording(&c.label, c.meaning.as_deref(), language),
                variant: format!("cat-{}", i % VARIANTS + 1),
            })
            .collect();
        let index = list
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        Categories { list, index }
    }

    /// The index of the category with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn get(&self, i: usize) -> &Category {
        &self.list[i]
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The category a text names, as a record or a register may write it:
    /// its id, its label, its meaning or its wording as the site prints them
    /// (compared after folding full-width letters, without spaces, brackets
    /// and 类: `B类`, `Ｂ`, `正在解决或列入计划解决`), else the default category
    /// its usual words name (已解决, 乙, 列入计划…), when the site has that id.
    /// `None` when it names none, or more than one.
    pub fn lookup(&self, text: &str) -> Option<usize> {
        if let Some(i) = self.find(text) {
            return Some(i);
        }
        let folded = crate::content::fold::fold_width(text);
        let raw = folded.trim();
        if raw.is_empty() {
            return None;
        }
        let key = category_key(raw);
        let hits: Vec<usize> = (0..self.list.len())
            .filter(|&i| {
                let c = &self.list[i];
                c.id == raw.to_ascii_lowercase()
                    || c.wording == raw
                    || c.label == raw
                    || c.meaning.as_deref() == Some(raw)
                    || (!key.is_empty() && category_key(&c.label) == key)
            })
            .collect();
        match hits.as_slice() {
            [one] => Some(*one),
            [] => self.find(default_category(raw)?),
            _ => None,
        }
    }

    /// The categories a text that [`Categories::lookup`] does not take may
    /// have meant: those whose label, meaning or wording holds it or is held
    /// by it (`计划解决` → B类, `解决` → A类, B类 and C类), for a did-you-mean.
    pub fn guesses(&self, text: &str) -> Vec<usize> {
        let folded = crate::content::fold::fold_width(text);
        let raw: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
        if raw.is_empty() {
            return Vec::new();
        }
        (0..self.list.len())
            .filter(|&i| {
                let c = &self.list[i];
                [Some(&c.label), c.meaning.as_ref(), Some(&c.wording)]
                    .into_iter()
                    .flatten()
                    .any(|w| {
                        w.contains(&raw) || (raw.chars().count() > 1 && raw.contains(w.as_str()))
                    })
            })
            .collect()
    }

    /// A category named for a did-you-mean: its id, then how the site prints
    /// it, `in_progress（B类 正在解决或列入计划解决）`.
    pub fn described(&self, i: usize) -> String {
        let c = &self.list[i];
        match &c.meaning {
            Some(m) if !c.label.contains(m.as_str()) => format!("{}（{} {m}）", c.id, c.label),
            _ => format!("{}（{}）", c.id, c.label),
        }
    }

    /// Every id, in order (for hints).
    pub fn ids(&self) -> Vec<String> {
        self.list.iter().map(|c| c.id.clone()).collect()
    }
}

/// A category's wording: the label with its meaning in brackets,
/// `B类（正在解决或列入计划解决）` (`B (…)` on an English site), or the label alone
/// when there is no meaning or the label already says it (`留作参考`).
///
/// This is the only place a category is put into words: every output prints
/// [`Category::wording`], which this made.
pub fn wording(label: &str, meaning: Option<&str>, language: &str) -> String {
    let label = label.trim();
    match meaning.map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) if label.is_empty() => m.to_string(),
        Some(m) if !label.contains(m) => {
            if language.starts_with("en") {
                format!("{label} ({m})")
            } else {
                format!("{label}（{m}）")
            }
        }
        _ => label.to_string(),
    }
}

/// A cell's text as compared with a category's label: no spaces, brackets or
/// 类/级 (`B类（正在解决）` → `b`, `甲类` → `甲`).
pub fn category_key(text: &str) -> String {
    let t = squash(text).replace(['类', '级'], "");
    t.trim_end_matches('.').to_string()
}

/// The usual words of the four default categories — A/B/C/D, 甲/乙/丙/丁, 一/二/三类
/// and what they mean — as the id of the default category they name
/// (`solved`, `in_progress`, `not_feasible`, `reference`). A site's own
/// categories are matched first (see `import::category`); these stand in for
/// registers written before the site listed its categories.
pub fn default_category(text: &str) -> Option<&'static str> {
    Some(match category_key(text).as_str() {
        "a"
        | "甲"
        | "一"
        | "1"
        | "solved"
        | "已解决"
        | "基本解决"
        | "已解决或基本解决"
        | "解决"
        | "已办结" => "solved",
        "b"
        | "乙"
        | "二"
        | "2"
        | "in_progress"
        | "正在解决"
        | "列入计划"
        | "列入计划解决"
        | "正在解决或列入计划"
        | "正在解决或列入计划解决"
        | "正在办理" => "in_progress",
        "c"
        | "丙"
        | "三"
        | "3"
        | "not_feasible"
        | "暂不能解决"
        | "因条件限制暂不能解决"
        | "因条件限制暂时不能解决"
        | "暂时不能解决"
        | "不能解决" => "not_feasible",
        "d" | "丁" | "reference" | "留作参考" | "参考" | "作为参考" => "reference",
        _ => return None,
    })
}

/// `B类（正在解决）` → `b类`: lower case, without spaces, `*`, colons and
/// bracketed notes (as a register's headers are compared).
fn squash(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in crate::content::fold::fold_width(text).chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = (depth - 1i32).max(0),
            '*' | ':' | '：' => {}
            c if c.is_whitespace() => {}
            c if depth == 0 => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording_puts_the_meaning_after_the_label() {
        assert_eq!(
            wording("B类", Some("正在解决或列入计划解决"), "zh-CN"),
            "B类（正在解决或列入计划解决）"
        );
        assert_eq!(wording("留作参考", None, "zh-CN"), "留作参考");
        assert_eq!(wording("甲类", Some(" "), "zh-CN"), "甲类");
        assert_eq!(
            wording("A类（已解决）", Some("已解决"), "zh-CN"),
            "A类（已解决）"
        );
        assert_eq!(
            wording("Class B", Some("In progress"), "en"),
            "Class B (In progress)"
        );
        assert_eq!(wording("", Some("已解决"), "zh-CN"), "已解决");
    }

    #[test]
    fn categories_are_found_by_id_in_order() {
        let c = Categories::new(&content::default_categories(), "zh-CN");
        assert_eq!(
            c.ids(),
            ["solved", "in_progress", "not_feasible", "reference"]
        );
        assert_eq!(c.find("not_feasible"), Some(2));
        assert!(c.get(2).not_feasible);
        assert_eq!(c.get(0).wording, "A类（已解决或基本解决）");
        assert_eq!(c.get(3).variant, "cat-4");
        assert_eq!(c.find("resolved"), None);
    }

    #[test]
    fn categories_are_found_as_the_site_prints_them() {
        let c = Categories::new(&content::default_categories(), "zh-CN");
        for (text, want) in [
            ("in_progress", 1),
            ("B类", 1),
            ("Ｂ类", 1),
            ("b", 1),
            ("正在解决或列入计划解决", 1),
            ("B类（正在解决或列入计划解决）", 1),
            ("已解决", 0),
            ("留作参考", 3),
            ("C类", 2),
        ] {
            assert_eq!(c.lookup(text), Some(want), "{text}");
        }
        assert_eq!(c.lookup("计划解决"), None);
        assert_eq!(c.guesses("计划解决"), [1]);
        assert_eq!(c.described(1), "in_progress（B类 正在解决或列入计划解决）");
        assert_eq!(c.described(3), "reference（留作参考）");
        assert_eq!(c.guesses("解决").len(), 3);
        // A site with its own labels: 甲 is its first category, and A is not.
        let own = vec![content::Category {
            id: "jia".into(),
            label: "甲类".into(),
            meaning: None,
            not_feasible: false,
        }];
        let c = Categories::new(&own, "zh-CN");
        assert_eq!(c.lookup("甲"), Some(0));
        assert_eq!(c.lookup("A类"), None);
    }
}
