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
}
