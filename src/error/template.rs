//! A theme template's error, in the reader's language.
//!
//! Why: Tera words its errors in English ("Variable `x` is not defined"), and
//! a webmaster who overrides one template reads Chinese. The render stage
//! turns a `tera::Error` into a [`TemplateFailure`] (`render::template_error`):
//! where it is, the source line with its marks, and what Tera said, sorted
//! into the cases below by the words Tera uses. Each case is worded here in
//! both languages; English keeps Tera's own message, and a case not known
//! here is told only by its place, which the source line shows.

use crate::diagnostic::Lang;

/// Where a template failed and what Tera said of it.
#[derive(Debug, Default)]
pub struct TemplateFailure {
    /// The template's name (`record.html`), or empty when Tera gave none.
    pub file: String,
    /// Line and column, from 1.
    pub at: Option<(usize, usize)>,
    /// The source line and the marks under it, drawn as a content
    /// diagnostic's are (`diagnostic::snippet`).
    pub snippet: Option<String>,
    /// Tera's message, in English.
    pub said: String,
}

/// What Tera's message says, sorted by its words.
#[derive(Debug, PartialEq, Eq)]
enum Said<'a> {
    Unexpected {
        found: &'a str,
    },
    EndOfInput,
    NoVariable {
        name: &'a str,
        available: Option<&'a str>,
    },
    NoValue {
        name: &'a str,
    },
    NoField {
        name: &'a str,
        available: Option<&'a str>,
    },
    Unknown {
        thing: &'static str,
        name: &'a str,
    },
    NotIterable {
        kind: &'a str,
    },
    NotComparable {
        a: &'a str,
        b: &'a str,
    },
    NoBlock {
        name: &'a str,
    },
    Unclosed {
        name: &'a str,
    },
    Mismatch {
        close: &'a str,
        open: &'a str,
    },
    NoParent {
        parent: &'a str,
    },
    Circular {
        chain: &'a str,
    },
    WrongType {
        expected: &'a str,
        actual: &'a str,
    },
    NoArgument {
        name: &'a str,
    },
    Other,
}

/// The text between the first two `quote`s after `after` in `s`.
fn quoted<'a>(s: &'a str, after: &str, quote: char) -> Option<&'a str> {
    let rest = s.split_once(after)?.1;
    let rest = rest.strip_prefix(quote)?;
    Some(rest.split_once(quote)?.0)
}

impl<'a> Said<'a> {
    fn of(message: &'a str) -> Said<'a> {
        let m = message;
        let listed = |label: &str| m.split_once(label).map(|(_, l)| l.trim());
        if let Some(rest) = m.strip_prefix("Found ") {
            return match rest.split_once(" but ") {
                Some((found, _)) => Said::Unexpected { found },
                None => Said::Other,
            };
        }
        if m.starts_with("Unexpected end of input") {
            return Said::EndOfInput;
        }
        if m.starts_with("Variable `") {
            let Some(name) = quoted(m, "Variable ", '`') else {
                return Said::Other;
            };
            return if m.contains("value is undefined") {
                Said::NoValue { name }
            } else {
                Said::NoVariable {
                    name,
                    available: listed("Available variables:"),
                }
            };
        }
        if m.starts_with("Field `") {
            return match quoted(m, "Field ", '`') {
                Some(name) => Said::NoField {
                    name,
                    available: listed("Available fields:"),
                },
                None => Said::Other,
            };
        }
        for (word, thing) in [
            ("filter", "过滤器"),
            ("test", "测试"),
            ("function", "函数"),
            ("component", "组件"),
            ("template", "模板"),
        ] {
            if let Some(name) = quoted(m, &format!("Unknown {word} "), '`') {
                return Said::Unknown { thing, name };
            }
        }
        if let Some(kind) = quoted(m, "Iteration not possible on type ", '`') {
            return Said::NotIterable { kind };
        }
        if let (Some(a), Some(b)) = (quoted(m, "Cannot compare ", '`'), quoted(m, " with ", '`')) {
            return Said::NotComparable { a, b };
        }
        if let Some(name) = quoted(m, "Block ", '`') {
            return Said::NoBlock { name };
        }
        if let Some(name) = quoted(m, "Unclosed component ", '\'') {
            return Said::Unclosed { name };
        }
        if let (Some(close), Some(open)) = (
            quoted(m, "Closing tag ", '\''),
            quoted(m, "opening tag ", '\''),
        ) {
            return Said::Mismatch { close, open };
        }
        if let Some(parent) = quoted(m, " is inheriting from ", '\'') {
            return Said::NoParent { parent };
        }
        if let Some(name) = quoted(m, "Template ", '\'').filter(|_| m.ends_with("not found")) {
            return Said::Unknown {
                thing: "模板",
                name,
            };
        }
        if let Some(name) = quoted(m, "Component ", '\'').filter(|_| m.ends_with("not found")) {
            return Said::Unknown {
                thing: "组件",
                name,
            };
        }
        if m.starts_with("Circular ") {
            let chain = m
                .split_once("chain: ")
                .map_or("", |(_, c)| c.trim_matches('`'));
            return Said::Circular { chain };
        }
        if let (Some(expected), Some(actual)) =
            (quoted(m, "expected ", '`'), quoted(m, " but got ", '`'))
        {
            return Said::WrongType { expected, actual };
        }
        if let Some(name) = quoted(m, "Missing keyword argument ", '`') {
            return Said::NoArgument { name };
        }
        Said::Other
    }

    /// The case in Chinese: what is wrong, and what to do.
    fn zh(&self) -> (String, &'static str) {
        const PAIRS: &str = "请检查标签是否成对（如 {% if %} 与 {% endif %}）、括号和引号是否闭合";
        const NAMES: &str = "请检查名称的拼写";
        match self {
            Said::Unexpected { found } => (format!("这里不应出现 {found}"), PAIRS),
            Said::EndOfInput => ("模板在这里意外结束".into(), PAIRS),
            Said::NoVariable { name, available } => (
                match available {
                    Some(list) => format!("没有名为 {name} 的变量（可用的变量：{list}）"),
                    None => format!("没有名为 {name} 的变量"),
                },
                NAMES,
            ),
            Said::NoValue { name } => (
                format!("变量 {name} 没有值"),
                "请先用 {% if %} 判断它是否有值，或用 default 过滤器给出默认值",
            ),
            Said::NoField { name, available } => (
                match available {
                    Some(list) => format!("没有名为 {name} 的字段（可用的字段：{list}）"),
                    None => format!("没有名为 {name} 的字段"),
                },
                NAMES,
            ),
            Said::Unknown { thing, name } => (format!("没有名为 {name} 的{thing}"), NAMES),
            Said::NotIterable { kind } => (
                format!("类型为 {kind} 的值不能用在 for 循环里"),
                "请确认循环的是列表",
            ),
            Said::NotComparable { a, b } => {
                (format!("不能比较 {a} 和 {b}"), "请确认比较的两边类型相同")
            }
            Said::NoBlock { name } => (format!("上级模板中没有名为 {name} 的 block"), NAMES),
            Said::Unclosed { name } => (format!("组件 {name} 没有结束标签"), PAIRS),
            Said::Mismatch { close, open } => {
                (format!("结束标签 {close} 与开始标签 {open} 不对应"), PAIRS)
            }
            Said::NoParent { parent } => (
                format!("继承的上级模板 {parent} 不存在"),
                "请检查 extends 后面的模板名",
            ),
            Said::Circular { chain } => (
                format!("模板的继承或包含绕回了自己：{chain}"),
                "请去掉其中一处 extends 或 include",
            ),
            Said::WrongType { expected, actual } => (
                format!("值的类型不对：应为 {expected}，实为 {actual}"),
                "请检查传给过滤器或函数的值",
            ),
            Said::NoArgument { name } => (format!("缺少参数 {name}"), "请补上这个参数"),
            Said::Other => (
                "模板引擎无法处理这里".into(),
                "请对照文档 docs/theme.md 和默认主题中的同名模板检查这一处",
            ),
        }
    }
}

impl TemplateFailure {
    pub fn message(&self, lang: Lang) -> String {
        let file = if self.file.is_empty() {
            lang.pick("（未知）", "(unknown)")
        } else {
            &self.file
        };
        let mut out = match (lang, self.at) {
            (Lang::Zh, at) => {
                let (what, hint) = Said::of(&self.said).zh();
                let at = at.map_or(String::new(), |(l, c)| format!(" 第 {l} 行第 {c} 列"));
                format!("模板 {file}{at}：{what} — {hint}")
            }
            (Lang::En, Some((l, c))) => format!("template {file}:{l}:{c}: {}", self.said),
            (Lang::En, None) => format!("template {file}: {}", self.said),
        };
        if let Some(snippet) = &self.snippet {
            out.push('\n');
            out.push_str(snippet);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tera's messages, as Tera 2 words them, sorted into their cases.
    #[test]
    fn teras_words_are_sorted_into_cases() {
        let cases = [
            (
                "Found `%}` but expected one of: integer, float, string, bool, ident, `-`, `not`, `<`, `{`, `[` or `(`",
                Said::Unexpected { found: "`%}`" },
            ),
            ("Unexpected end of input", Said::EndOfInput),
            (
                "Variable `nosuch` is not defined. Available variables: page, site",
                Said::NoVariable {
                    name: "nosuch",
                    available: Some("page, site"),
                },
            ),
            (
                "Variable `x` is not defined.",
                Said::NoVariable {
                    name: "x",
                    available: None,
                },
            ),
            (
                "Variable `x` exists but its value is undefined",
                Said::NoValue { name: "x" },
            ),
            (
                "Field `titel` is not defined. Available fields: title, url",
                Said::NoField {
                    name: "titel",
                    available: Some("title, url"),
                },
            ),
            (
                "Unknown filter `uper`",
                Said::Unknown {
                    thing: "过滤器",
                    name: "uper",
                },
            ),
            (
                "Unknown component `card`",
                Said::Unknown {
                    thing: "组件",
                    name: "card",
                },
            ),
            (
                "Unknown template `x.html`",
                Said::Unknown {
                    thing: "模板",
                    name: "x.html",
                },
            ),
            (
                "Iteration not possible on type `String`",
                Said::NotIterable { kind: "String" },
            ),
            (
                "Cannot compare `1` with `a`",
                Said::NotComparable { a: "1", b: "a" },
            ),
            (
                "Block `main` is not defined in any parent template",
                Said::NoBlock { name: "main" },
            ),
            ("Unclosed component 'card'", Said::Unclosed { name: "card" }),
            (
                "Closing tag 'b' doesn't match opening tag 'a'",
                Said::Mismatch {
                    close: "b",
                    open: "a",
                },
            ),
            (
                "Template 'record.html' is inheriting from 'nope.html', which doesn't exist or isn't loaded.",
                Said::NoParent {
                    parent: "nope.html",
                },
            ),
            (
                "Template 'x.html' not found",
                Said::Unknown {
                    thing: "模板",
                    name: "x.html",
                },
            ),
            (
                "Component 'card' not found",
                Said::Unknown {
                    thing: "组件",
                    name: "card",
                },
            ),
            (
                "Circular extend detected for template 'a.html'. Inheritance chain: `[\"a.html\", \"b.html\"]`",
                Said::Circular {
                    chain: "[\"a.html\", \"b.html\"]",
                },
            ),
            (
                "Invalid type for the value, expected `number` but got `string`",
                Said::WrongType {
                    expected: "number",
                    actual: "string",
                },
            ),
            (
                "Missing keyword argument `n`",
                Said::NoArgument { name: "n" },
            ),
            ("Something Tera may say one day", Said::Other),
        ];
        for (message, case) in cases {
            let said = Said::of(message);
            assert_eq!(said, case, "{message}");
            let (what, hint) = said.zh();
            // Only names from the template and Tera's own tokens are Latin.
            for word in [
                "not",
                "defined",
                "Found",
                "expected",
                "Unknown",
                "Available",
            ] {
                assert!(
                    !what.contains(word) && !hint.contains(word),
                    "{what} — {hint}"
                );
            }
        }
    }

    #[test]
    fn a_failure_reads_with_its_place_and_source_line() {
        let failure = TemplateFailure {
            file: "record.html".into(),
            at: Some((1, 4)),
            snippet: Some("  |\n1 | {{ nosuch.field }}\n  |    ^^^^^^".into()),
            said: "Variable `nosuch` is not defined. Available variables: page, site".into(),
        };
        let zh = failure.message(Lang::Zh);
        assert!(
            zh.starts_with("模板 record.html 第 1 行第 4 列：没有名为 nosuch 的变量（可用的变量：page, site） — 请检查名称的拼写\n"),
            "{zh}"
        );
        assert!(zh.ends_with("^^^^^^"), "{zh}");
        let en = failure.message(Lang::En);
        assert!(
            en.starts_with("template record.html:1:4: Variable `nosuch` is not defined."),
            "{en}"
        );
    }
}
