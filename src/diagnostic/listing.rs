//! How a run's diagnostics are listed: in one stable order, at most ten of
//! each code on the terminal (then one line per code with the rest's count),
//! or all of them (`--verbose`, and `check --format json` for editors and CI).
//!
//! An imported register can give thousands of records the same warning. Ten of
//! them say what to fix; thousands of snippets bury the errors and used to cost
//! the build a third of its time, each reading and parsing its file again. So
//! the places of [`Diagnostic::deferred`] diagnostics are found only for those
//! shown, and each file is read and parsed once for all its diagnostics.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{Diagnostic, Lang, Lines, Pos, Severity};

/// How many diagnostics of one code the terminal shows in full without `--verbose`.
pub const SHOWN_PER_CODE: usize = 10;

/// Finds fields in a file's text, parsing it once: the place of each of
/// `fields` (paths such as `status` or `outcomes[1].date`), `None` for a field
/// not written there.
pub type FindFields = fn(text: &str, fields: &[&str]) -> Vec<Option<Pos>>;

/// The diagnostics a terminal shows, and how many it leaves out.
#[derive(Debug)]
pub struct Shown {
    /// Shown in full: located, sorted by file, line and column.
    pub items: Vec<Diagnostic>,
    /// For each code with more than were shown, in code order: how many more.
    pub more: Vec<(&'static str, usize)>,
}

/// The order diagnostics are listed in: file, place, then code. A diagnostic
/// still to be located sorts by its field's path within its file.
fn key(
    d: &Diagnostic,
) -> (
    Option<&String>,
    Option<Pos>,
    Option<&str>,
    &'static str,
    Severity,
) {
    let field = d.deferred.as_ref().map(|x| x.field.as_str());
    (d.file.as_ref(), d.pos, field, d.code(), d.severity())
}

/// Sorts, and drops true repeats: several fields missing from one mapping
/// share a place and a code, and each must be listed.
pub(super) fn sort_and_dedup(items: &mut Vec<Diagnostic>) {
    items.sort_by(|a, b| key(a).cmp(&key(b)));
    items.dedup_by(|a, b| key(a) == key(b) && a.problem == b.problem);
}

/// Finds the place and source line of every deferred diagnostic in `items`,
/// reading and parsing each file once for all the diagnostics about it.
/// A file that cannot be read any more (deleted since) leaves its diagnostics
/// at its first line, without a snippet.
pub(super) fn locate(items: &mut [Diagnostic]) {
    let mut files: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
    for (i, d) in items.iter().enumerate() {
        if let Some(deferred) = &d.deferred {
            files.entry(deferred.origin.clone()).or_default().push(i);
        }
    }
    for (origin, indices) in files {
        let deferred: Vec<_> = indices
            .iter()
            .filter_map(|&i| items[i].deferred.take())
            .collect();
        let Some(find) = deferred.first().map(|d| d.find) else {
            continue;
        };
        let text = std::fs::read_to_string(&origin).unwrap_or_default();
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let fields: Vec<&str> = deferred.iter().map(|d| d.field.as_str()).collect();
        let found = find(text, &fields);
        let lines = Lines::new(text);
        for (n, &i) in indices.iter().enumerate() {
            let pos = found.get(n).copied().flatten().unwrap_or(Pos::new(1, 1, 0));
            items[i].pos = Some(pos);
            let line = lines.line(pos.line).map(super::MaskedLine::new);
            items[i].snippet = line.map(|line| super::Snippet::new(&line, pos));
        }
    }
}

/// At most `per_code` diagnostics of each code, the first by file, line and
/// column; only these are located. Every file that holds one of a code's first
/// `per_code` (in file order) is located whole for that code, since within a
/// file the order is known only once the places are.
pub(super) fn shown(mut items: Vec<Diagnostic>, per_code: usize) -> Shown {
    sort_and_dedup(&mut items);
    // Per code: how many taken so far, how many in all, the last one taken.
    let mut state: BTreeMap<&'static str, (usize, usize, Option<usize>)> = BTreeMap::new();
    let mut candidate = vec![false; items.len()];
    for i in 0..items.len() {
        let st = state.entry(items[i].code()).or_insert((0, 0, None));
        st.1 += 1;
        let same_file =
            st.2.is_some_and(|j| items[j].file.is_some() && items[j].file == items[i].file);
        if st.0 < per_code || same_file {
            candidate[i] = true;
            st.0 += 1;
            st.2 = Some(i);
        }
    }
    let mut chosen: Vec<Diagnostic> = items
        .into_iter()
        .zip(candidate)
        .filter_map(|(d, c)| c.then_some(d))
        .collect();
    locate(&mut chosen);
    chosen.sort_by(|a, b| key(a).cmp(&key(b)));
    let mut taken: BTreeMap<&'static str, usize> = BTreeMap::new();
    chosen.retain(|d| {
        let n = taken.entry(d.code()).or_default();
        *n += 1;
        *n <= per_code
    });
    let more = state
        .into_iter()
        .filter_map(|(code, (_, total, _))| {
            // `taken` counted every candidate, shown or not.
            let shown = taken.get(code).copied().unwrap_or(0).min(per_code);
            (total > shown).then_some((code, total - shown))
        })
        .collect();
    Shown {
        items: chosen,
        more,
    }
}

/// `W002 还有 9,035 处，--verbose 列出全部`: the line for the diagnostics of
/// one code that were not shown.
pub fn more_line(code: &str, more: usize, lang: Lang) -> String {
    let n = thousands(more);
    match lang {
        Lang::Zh => format!("{code} 还有 {n} 处，--verbose 列出全部"),
        Lang::En => format!("{code}: {n} more; --verbose lists them all"),
    }
}

/// `9035` → `9,035`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One diagnostic as one line of JSON (`check --format json`):
/// `{"code", "severity", "file", "line", "column", "length", "message", "hint"}`.
/// `file`, `line` and `column` are `null` where the diagnostic has none;
/// `message` is what is wrong and `hint` what to do (`null` if it says nothing).
pub fn json_line(d: &Diagnostic, lang: Lang) -> String {
    let d = d.located();
    // Masked as on the terminal: the JSON goes to CI logs and editors.
    let text = crate::personal_data::mask_text(&d.problem.message(lang)).into_owned();
    let (message, hint) = match text.split_once(" — ") {
        Some((m, h)) => (m, Some(h)),
        None => (text.as_str(), None),
    };
    let severity = match d.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    serde_json::json!({
        "code": d.code(),
        "severity": severity,
        "file": d.file,
        "line": d.pos.map(|p| p.line),
        "column": d.pos.map(|p| p.col),
        "length": d.pos.map(|p| p.len),
        "message": message,
        "hint": hint,
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::super::{Diagnostics, Problem, Source};
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(9035), "9,035");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(
            more_line("W002", 9035, Lang::Zh),
            "W002 还有 9,035 处，--verbose 列出全部"
        );
    }

    fn finds_line_of_field(text: &str, fields: &[&str]) -> Vec<Option<Pos>> {
        fields
            .iter()
            .map(|f| {
                text.lines()
                    .position(|l| l.starts_with(&format!("{f}:")))
                    .map(|i| Pos::new(i as u32 + 1, 1, f.chars().count() as u32))
            })
            .collect()
    }

    /// Twelve files with a deferred W005, two with a located W001 each; the
    /// first ten W005 by file are shown, located, and the rest counted.
    #[test]
    fn at_most_per_code_are_shown_and_only_they_are_located() {
        let dir = tempfile::tempdir().unwrap();
        let mut diags = Diagnostics::new();
        for i in (0..12).rev() {
            let path = dir.path().join(format!("{i:02}.yaml"));
            std::fs::write(&path, "kind: proposal\ndisclosure_reason: x\n").unwrap();
            diags.push(Diagnostic::deferred(
                Problem::DisclosureReasonUnused,
                format!("{i:02}.yaml"),
                &path,
                "disclosure_reason",
                finds_line_of_field,
            ));
        }
        for name in ["05.yaml", "00.yaml"] {
            let source = Source::new(name, "title: x\n");
            diags.push(Diagnostic::at(
                Problem::MissingHostUnit,
                &source,
                Pos::new(1, 1, 0),
            ));
        }
        let shown = diags.shown(SHOWN_PER_CODE);
        assert_eq!(shown.more, vec![("W005", 2)]);
        let heads: Vec<String> = shown.items.iter().map(|d| d.headline(Lang::En)).collect();
        assert_eq!(heads.len(), 12);
        assert!(
            heads[0].starts_with("00.yaml:1:1: warning[W001]"),
            "{heads:?}"
        );
        assert!(
            heads[1].starts_with("00.yaml:2:1: warning[W005]"),
            "{heads:?}"
        );
        assert!(
            heads[11].starts_with("09.yaml:2:1: warning[W005]"),
            "{heads:?}"
        );
        assert!(shown.items.iter().all(Diagnostic::is_located));
        assert!(
            shown.items[1]
                .render(Lang::En)
                .contains("2 | disclosure_reason: x")
        );
    }

    /// More than `per_code` of a code in one file: all its candidates are
    /// located, the first ten by line shown, the rest counted.
    #[test]
    fn many_of_a_code_in_one_file_are_cut_by_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        let text: String = (0..26).map(|i| format!("f{i:02}: 1\n")).collect();
        std::fs::write(&path, &text).unwrap();
        let mut diags = Diagnostics::new();
        for i in (0..26).rev() {
            diags.push(Diagnostic::deferred(
                Problem::DisclosureReasonUnused,
                "a.yaml",
                &path,
                format!("f{i:02}"),
                finds_line_of_field,
            ));
        }
        let shown = diags.shown(SHOWN_PER_CODE);
        assert_eq!(shown.more, vec![("W005", 16)]);
        let lines: Vec<u32> = shown.items.iter().map(|d| d.pos.unwrap().line).collect();
        assert_eq!(lines, (1..=10).collect::<Vec<u32>>());
    }

    /// Several deferred diagnostics about one file: found with one reading.
    #[test]
    fn one_reading_locates_every_field_of_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, "\u{feff}a: 1\nb: 2\nc: 3\n").unwrap();
        fn count_calls(text: &str, fields: &[&str]) -> Vec<Option<Pos>> {
            CALLS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            finds_line_of_field(text, fields)
        }
        static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let mut diags = Diagnostics::new();
        for field in ["c", "a", "zzz"] {
            diags.push(Diagnostic::deferred(
                Problem::DisclosureReasonUnused,
                "a.yaml",
                &path,
                field,
                count_calls,
            ));
        }
        let sorted = diags.sorted();
        assert_eq!(CALLS.load(std::sync::atomic::Ordering::SeqCst), 1);
        let places: Vec<_> = sorted.iter().map(|d| d.pos.unwrap().line).collect();
        // A field not found points at the first line, as before.
        assert_eq!(places, vec![1, 1, 3]);
        assert!(sorted[2].render(Lang::En).ends_with("3 | c: 3\n  | ^"));
    }

    #[test]
    fn a_json_line_parses_with_message_and_hint_apart() {
        let source = Source::new("content/a.yaml", "title: x\n");
        let d = Diagnostic::at(Problem::MissingHostUnit, &source, Pos::new(1, 1, 5));
        let v: serde_json::Value = serde_json::from_str(&json_line(&d, Lang::Zh)).unwrap();
        assert_eq!(v["code"], "W001");
        assert_eq!(v["severity"], "warning");
        assert_eq!(v["file"], "content/a.yaml");
        assert_eq!(v["line"], 1);
        assert_eq!(v["column"], 1);
        assert_eq!(v["length"], 5);
        let full = Problem::MissingHostUnit.message(Lang::Zh);
        assert_eq!(
            format!(
                "{} — {}",
                v["message"].as_str().unwrap(),
                v["hint"].as_str().unwrap()
            ),
            full
        );
        let general = Diagnostic::general(Problem::MissingHostUnit);
        let v: serde_json::Value = serde_json::from_str(&json_line(&general, Lang::En)).unwrap();
        assert!(v["file"].is_null() && v["line"].is_null());
    }
}
