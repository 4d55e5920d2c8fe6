//! Writing a record file: YAML that reads back as exactly the text it was given.
//! Plain scalars where that is unambiguous (easier for a person to edit),
//! double-quoted (JSON escaping, which YAML double quotes accept) otherwise, and
//! literal blocks for text over several lines.

/// One `key: value` line (or block) of a record file.
pub fn field(out: &mut String, key: &str, value: &str) {
    if value.contains('\n') && block_safe(value) {
        out.push_str(key);
        out.push_str(": |-\n");
        for line in value.lines() {
            if !line.is_empty() {
                out.push_str("  ");
                out.push_str(line);
            }
            out.push('\n');
        }
    } else {
        out.push_str(key);
        out.push_str(": ");
        out.push_str(&scalar(value));
        out.push('\n');
    }
}

/// A `key:` with one `- item` line per value.
pub fn list(out: &mut String, key: &str, items: &[String]) {
    out.push_str(key);
    out.push_str(":\n");
    for item in items {
        out.push_str("  - ");
        out.push_str(&scalar(item));
        out.push('\n');
    }
}

/// A single-line scalar: plain when safe, else double-quoted.
pub fn scalar(s: &str) -> String {
    if plain_safe(s) {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
    }
}

/// Text that a plain YAML scalar carries unchanged and as a string.
fn plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let lower = s.to_ascii_lowercase();
    !first.is_whitespace()
        && !s.ends_with(char::is_whitespace)
        && !first.is_ascii_digit()
        && !"-?:,[]{}#&*!|>'\"%@`+.~".contains(first)
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.chars().any(char::is_control)
        && !matches!(
            lower.as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n" | "nan" | "inf"
        )
}

/// Multi-line text a literal block keeps unchanged: no line starts with a
/// space (that would change the indentation), no other control characters.
fn block_safe(s: &str) -> bool {
    !s.starts_with('\n')
        && !s.ends_with('\n')
        && s.lines()
            .all(|l| !l.starts_with([' ', '\t']) && !l.ends_with([' ', '\t']))
        && !s.chars().any(|c| c.is_control() && c != '\n')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{self, Value};

    /// Every value written reads back as the same string.
    #[test]
    fn round_trips_through_the_loader() {
        let values = [
            "关于加快推进停车场建设的建议",
            "第12号",
            "12",
            "2019-09-22",
            "yes",
            "No",
            "- 列表",
            "a: b",
            "标题 # 不是注释",
            "\"引号\"",
            "'单引号'",
            " 前面有空格",
            "后面有冒号:",
            "多行\n第二行\n\n第四行",
            "多行\n  缩进的行",
            "tab\there",
            "@符号",
            "*星号",
            "～全角",
            "null",
        ];
        for v in values {
            let mut text = String::new();
            field(&mut text, "title", v);
            let node = yaml::parse(&text).unwrap_or_else(|e| panic!("{v:?}: {e:?}\n{text}"));
            let Value::Map(entries) = node.value else {
                panic!("{text}")
            };
            assert_eq!(entries.len(), 1, "{text}");
            assert!(
                matches!(&entries[0].1.value, Value::Str(_)),
                "{v:?} did not read back as text: {text}"
            );
            assert_eq!(entries[0].1.value.full_text(), v, "{text}");
        }
    }
}
