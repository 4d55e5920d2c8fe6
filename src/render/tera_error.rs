//! Tera's errors read back into a [`TemplateFailure`]: the template, the
//! place, the marked source line and Tera's words, which `error::template`
//! tells in the reader's language.
//!
//! Tera draws each report (a syntax or rendering error, and each check made
//! after parsing: unknown filters, tests, components, templates) as
//! `error: …`, ` --> file:line:col`, then the source line between two
//! margins, marked under it. The checks come as such reports alone, one
//! after another, so reports are read back from their text, the first one
//! found in the error or its sources.

use crate::diagnostic::Pos;
use crate::error::{Error, TemplateFailure};

/// The error of template `name` (empty when Tera names it).
pub fn template_error(name: &str, e: tera::Error) -> Error {
    let mut failure = TemplateFailure {
        file: name.to_string(),
        ..TemplateFailure::default()
    };
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    while let Some(err) = next {
        if read_report(&err.to_string(), &mut failure) {
            return Error::Template(failure);
        }
        next = err.source();
    }
    // A template named in the error itself: the one that extends or
    // includes what is missing or circular.
    if let tera::ErrorKind::MissingParent { current: tpl, .. }
    | tera::ErrorKind::CircularExtend { tpl, .. }
    | tera::ErrorKind::CircularInclude { tpl, .. } = e.kind()
    {
        failure.file = tpl.clone();
    }
    failure.said = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        failure.said.push_str(": ");
        failure.said.push_str(&s.to_string());
        source = s.source();
    }
    Error::Template(failure)
}

/// Reads the first report drawn in `text` into `failure`; `false`, and
/// `failure` untouched, if `text` does not start with one.
fn read_report(text: &str, failure: &mut TemplateFailure) -> bool {
    let mut lines = text.lines();
    let Some(said) = lines.next().and_then(|l| l.strip_prefix("error: ")) else {
        return false;
    };
    let place = lines.next().and_then(|l| {
        let place = l.trim_start().strip_prefix("--> ")?;
        let (rest, column) = place.rsplit_once(':')?;
        let (file, line) = rest.rsplit_once(':')?;
        Some((
            file,
            line.parse::<usize>().ok()?,
            column.parse::<usize>().ok()?,
        ))
    });
    let Some((file, line, column)) = place else {
        return false;
    };
    failure.said = said.to_string();
    failure.file = file.to_string();
    failure.at = Some((line, column));
    // Drawn again as content diagnostics are (`diagnostic::snippet`): Tera
    // places its marks by character, and a Chinese character takes two
    // columns, so after Chinese text its marks fell short of the place.
    let drawn: Vec<&str> = lines.take(3).collect();
    if let [_, source, marks] = drawn[..]
        && let Some((_, code)) = source.split_once(" | ")
    {
        let len = marks.matches('^').count() as u32;
        let pos = Pos::new(line as u32, column as u32, len);
        failure.snippet = Some(crate::diagnostic::snippet(code, pos));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two reports one after another, as Tera gives the checks after
    /// parsing: the first is read, with its place and its marked line.
    #[test]
    fn the_first_drawn_report_is_read_back() {
        let text = "error: Unknown filter `uper`\n --> record.html:1:19\n  |\n1 | {{ record.title | uper }}\n  |                   ^^^^\n\nerror: Unknown filter `lowr`\n --> list.html:3:9\n";
        let mut failure = TemplateFailure::default();
        assert!(read_report(text, &mut failure));
        assert_eq!(failure.file, "record.html");
        assert_eq!(failure.at, Some((1, 19)));
        assert_eq!(failure.said, "Unknown filter `uper`");
        assert_eq!(
            failure.snippet.as_deref(),
            Some("  |\n1 | {{ record.title | uper }}\n  |                   ^^^^")
        );
        assert!(!read_report("Template 'x.html' not found", &mut failure));
        assert_eq!(failure.file, "record.html");
    }

    /// Chinese before the place: the marks stand under it in a terminal,
    /// where each Chinese character takes two columns.
    #[test]
    fn marks_stand_under_the_place_after_chinese_text() {
        let text = "error: Variable `recrod` is not defined.\n --> record.html:2:10\n  |\n2 | <p>说明：{{ recrod.title }}</p>\n  |          ^^^^^^";
        let mut failure = TemplateFailure::default();
        assert!(read_report(text, &mut failure));
        let snippet = failure.snippet.unwrap();
        let lines: Vec<&str> = snippet.lines().collect();
        assert_eq!(lines[1], "2 | <p>说明：{{ recrod.title }}</p>");
        // "<p>" 3 columns, "说明：" 6, "{{ " 3.
        assert_eq!(lines[2], format!("  | {}^^^^^^", " ".repeat(12)));
    }
}
