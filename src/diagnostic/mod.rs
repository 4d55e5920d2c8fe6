//! Diagnostics: every mistake found in the content, with where it is and what to do.
//!
//! A diagnostic is a [`Problem`] (what is wrong, with a stable code such as `E012`)
//! plus a place (file, line, column). Loading and validation collect them all and
//! report them together, so a webmaster fixes every mistake in one pass instead of
//! one per run. The first line of each is `file:line:col: error[E012]: message`,
//! which editors and CI logs turn into a link; below it we draw the source line with
//! a caret. We draw that snippet ourselves (about thirty lines with `unicode-width`
//! for the double-width Chinese characters) rather than through miette, because our
//! first line must keep the exact `file:line:col:` form and the messages are ours.
//!
//! A diagnostic never repeats personal data: the message and the source line
//! under it show any mobile number, ID number or e-mail address masked
//! ([`crate::personal_data::mask_text`]), so a log or a shared screenshot of
//! the errors does not publish what the check was there to keep out.

mod io;
mod listing;
mod problem;
mod register;
mod syntax;
pub use io::IoFailure;
pub use listing::{FindFields, SHOWN_PER_CODE, Shown, json_line, more_line};
pub use problem::Figure;
pub use register::{RegisterLimit, Unreadable};
pub use syntax::{SyntaxCause, YamlLimit};

pub use problem::{Problem, ValueType};

use std::fmt::Write as _;
use std::sync::Arc;

use unicode_width::UnicodeWidthStr;

/// The language of messages: Chinese for webmasters by default, English on request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// `--lang` wins; otherwise `LANG=en*` selects English; otherwise Chinese.
    pub fn detect(flag: Option<Lang>) -> Lang {
        flag.unwrap_or_else(|| match std::env::var("LANG") {
            Ok(v) if v.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Zh,
        })
    }

    /// Picks the text for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Whether a diagnostic stops the build.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a source file: 1-based line and column (in characters), and the
/// length of the offending text in characters (0 when unknown).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
    pub len: u32,
}

impl Pos {
    pub fn new(line: u32, col: u32, len: u32) -> Pos {
        Pos { line, col, len }
    }
}

/// One content file's display name (relative to the site root, `/`-separated)
/// and text, shared by all diagnostics about it so each can draw its snippet.
#[derive(Clone, Debug)]
pub struct Source {
    pub name: String,
    pub text: Arc<str>,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Source {
        Source {
            name: name.into(),
            text: text.into(),
        }
    }

    /// The text of 1-based line `n`, without its line end. Scans the text:
    /// for several diagnostics about one file, see [`Lines`].
    pub fn line(&self, n: u32) -> Option<&str> {
        let line = self.text.lines().nth((n as usize).checked_sub(1)?)?;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// Where each line of a text starts, found once for all the diagnostics about
/// it: a file with thirty errors is not scanned thirty times.
pub struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Lines<'t> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .filter(|&i| i < text.len())
            .collect();
        Lines { text, starts }
    }

    /// The text the lines are of.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Where line `n` (1-based) starts, in bytes.
    pub fn start(&self, n: u32) -> Option<usize> {
        self.starts.get((n as usize).checked_sub(1)?).copied()
    }

    /// Line `n` (1-based), without its line end (`\n` or `\r\n`).
    pub fn line(&self, n: u32) -> Option<&'t str> {
        let start = self.start(n)?;
        let line = self.text[start..].split('\n').next().unwrap_or("");
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// One mistake, located.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub problem: Problem,
    /// The file, relative to the site root; `None` for problems with no file.
    pub file: Option<String>,
    /// The place in the file; `None` for a whole file, and for a
    /// [`Diagnostic::deferred`] one until it is located.
    pub pos: Option<Pos>,
    /// The source line at `pos` as the snippet shows it.
    snippet: Option<Snippet>,
    /// Set while the place is still to be found (see [`Diagnostic::deferred`]).
    deferred: Option<Box<Deferred>>,
}

/// A source line with any personal data in it masked: the line may hold the
/// very number a message must not repeat (E049). Every snippet is cut from
/// one, and this is the only way to make one. Masking keeps the character
/// count, so columns stay where they were.
pub struct MaskedLine {
    text: String,
    /// Its length in characters.
    chars: usize,
    /// Where every [`MARK_EVERY`]-th character starts, so that a window of a
    /// long line is found without reading the line from its start.
    marks: Vec<usize>,
}

const MARK_EVERY: usize = 1024;

impl MaskedLine {
    pub fn new(line: &str) -> MaskedLine {
        let text = crate::personal_data::mask_text(line).into_owned();
        let mut marks = Vec::new();
        let mut chars = 0;
        for (at, _) in text.char_indices() {
            if chars % MARK_EVERY == 0 {
                marks.push(at);
            }
            chars += 1;
        }
        MaskedLine { text, chars, marks }
    }

    /// Characters `from..to`, as a terminal shows them ([`visible`]).
    fn window(&self, from: usize, to: usize) -> Vec<char> {
        let mark = (from / MARK_EVERY).min(self.marks.len().saturating_sub(1));
        let at = self.marks.get(mark).copied().unwrap_or(0);
        self.text[at..]
            .chars()
            .skip(from - mark * MARK_EVERY)
            .take(to - from)
            .map(visible)
            .collect()
    }
}

/// A character as a terminal shows it: a tab as a space, a control character
/// as its picture (`U+000B` as `␋`), a C1 control or a noncharacter as `�`. One character for
/// one, so carets stay under the text. Content is pasted from Word, PDFs and
/// web pages: a control character in it is invisible where it does harm (E059,
/// W010), and written raw to a terminal it beeps (`U+0007`) or starts an
/// escape sequence (`U+001B`, `U+009B`) that recolours or rewrites the screen.
fn visible(c: char) -> char {
    match c {
        '\t' => ' ',
        '\0'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        '\u{80}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
        other => other,
    }
}

/// A text as a terminal shows it: every character through [`visible`],
/// except line breaks.
fn visible_text(text: &str) -> std::borrow::Cow<'_, str> {
    let shown = |c: char| if c == '\n' { c } else { visible(c) };
    if text.chars().all(|c| shown(c) == c) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().map(shown).collect())
}

/// The source line under a diagnostic as it is shown, cut when the diagnostic
/// is made: a long line only as a window around the mark, so each diagnostic
/// on a million-character line costs a few hundred bytes and the time to read
/// them, not a copy of the line (a table of numbers pasted on one line made as
/// many copies of it as it had numbers).
#[derive(Clone, Debug)]
struct Snippet {
    /// The text shown, tabs as spaces, "…" where the line was cut.
    line: String,
    /// The display width of what precedes the mark (where the carets start).
    before: usize,
    /// The display width of the mark, at least 1.
    mark: usize,
}

impl Snippet {
    /// The three lines: margin, numbered source line, marks.
    fn draw(&self, number: u32, out: &mut String) {
        let number = number.to_string();
        let gutter = " ".repeat(number.len());
        let pad = " ".repeat(self.before);
        let carets = "^".repeat(self.mark);
        let _ = write!(
            out,
            "{gutter} |\n{number} | {}\n{gutter} | {pad}{carets}",
            self.line
        );
    }

    fn new(line: &MaskedLine, pos: Pos) -> Snippet {
        let len = line.chars;
        let col = (pos.col.saturating_sub(1) as usize).min(len);
        let mark_end = (col + pos.len.max(1) as usize).min(len);
        // A long line is shown as a window around the mark, so a
        // million-character title does not flood the terminal.
        let (start, end) = if len > SNIPPET_WIDTH {
            (
                col.saturating_sub(SNIPPET_CONTEXT),
                mark_end.min(col + SNIPPET_WIDTH / 2).max(col) + SNIPPET_CONTEXT,
            )
        } else {
            (0, len)
        };
        let end = end.min(len);
        let chars = line.window(start, end);
        let lead = if start > 0 { "…" } else { "" };
        let tail = if end < len { "…" } else { "" };
        let before: String = lead
            .chars()
            .chain(chars[..col - start].iter().copied())
            .collect();
        let marked: String = chars[col - start..mark_end.min(end).max(col) - start]
            .iter()
            .collect();
        let shown: String = chars.iter().collect();
        Snippet {
            line: format!("{lead}{shown}{tail}"),
            before: before.width(),
            mark: marked.width().max(1),
        }
    }
}

/// A field of a file whose text was let go after loading: read the file again
/// and find the field in it, only if the diagnostic is shown.
#[derive(Clone, Debug)]
struct Deferred {
    origin: std::path::PathBuf,
    field: String,
    find: FindFields,
}

impl Diagnostic {
    /// A diagnostic about a place in a source file.
    pub fn at(problem: Problem, source: &Source, pos: Pos) -> Diagnostic {
        let line = source.line(pos.line).map(MaskedLine::new);
        Diagnostic::at_masked_line(problem, source.name.clone(), pos, line.as_ref())
    }

    /// A diagnostic about a place whose line is at hand (a rendered page's):
    /// no copy of the whole text is made for it.
    pub fn at_line(
        problem: Problem,
        file: impl Into<String>,
        pos: Pos,
        line: Option<&str>,
    ) -> Diagnostic {
        let line = line.map(MaskedLine::new);
        Diagnostic::at_masked_line(problem, file, pos, line.as_ref())
    }

    /// [`Diagnostic::at_line`] with the line masked already: for many
    /// diagnostics on one line (a table of numbers pasted on it), masked once.
    pub fn at_masked_line(
        problem: Problem,
        file: impl Into<String>,
        pos: Pos,
        line: Option<&MaskedLine>,
    ) -> Diagnostic {
        Diagnostic {
            problem,
            file: Some(file.into()),
            pos: Some(pos),
            snippet: line.map(|line| Snippet::new(line, pos)),
            deferred: None,
        }
    }

    /// A diagnostic about a field of a file that loading read and then let go
    /// of (record files: they are many, and their text is most of the memory).
    /// Its place is found only when it is shown: the file `origin` is read
    /// again and parsed once for all the diagnostics about it
    /// ([`Diagnostics::locate`]); a build with thousands of warnings that
    /// shows ten of them reads ten files, not thousands. `name` is the file's
    /// display name; `find` gives the place of each field in a text.
    pub fn deferred(
        problem: Problem,
        name: impl Into<String>,
        origin: impl Into<std::path::PathBuf>,
        field: impl Into<String>,
        find: FindFields,
    ) -> Diagnostic {
        Diagnostic {
            problem,
            file: Some(name.into()),
            pos: None,
            snippet: None,
            deferred: Some(Box::new(Deferred {
                origin: origin.into(),
                field: field.into(),
                find,
            })),
        }
    }

    /// A diagnostic about a whole file (or folder), with no position inside it.
    pub fn in_file(problem: Problem, file: impl Into<String>) -> Diagnostic {
        Diagnostic {
            problem,
            file: Some(file.into()),
            pos: None,
            snippet: None,
            deferred: None,
        }
    }

    /// A diagnostic about the site as a whole.
    pub fn general(problem: Problem) -> Diagnostic {
        Diagnostic {
            problem,
            file: None,
            pos: None,
            snippet: None,
            deferred: None,
        }
    }

    pub fn severity(&self) -> Severity {
        self.problem.severity()
    }

    pub fn code(&self) -> &'static str {
        self.problem.code()
    }

    /// Whether its place is still to be found ([`Diagnostic::deferred`]).
    pub fn is_located(&self) -> bool {
        self.deferred.is_none()
    }

    /// This diagnostic with its place found, reading its file if it must.
    fn located(&self) -> std::borrow::Cow<'_, Diagnostic> {
        if self.deferred.is_none() {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut d = self.clone();
        listing::locate(std::slice::from_mut(&mut d));
        std::borrow::Cow::Owned(d)
    }

    /// The first line: `file:line:col: error[E012]: message — hint`.
    pub fn headline(&self, lang: Lang) -> String {
        let this = self.located();
        let this = this.as_ref();
        let mut out = String::new();
        if let Some(file) = &this.file {
            out.push_str(file);
            match this.pos {
                Some(p) => {
                    let _ = write!(out, ":{}:{}: ", p.line, p.col);
                }
                None => out.push_str(": "),
            }
        }
        let level = match self.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // A message quoting a value (a wrong date, an unknown link) shows any
        // personal data in it masked, as the snippet below it does.
        let message = self.problem.message(lang);
        let _ = write!(
            out,
            "{level}[{}]: {}",
            self.code(),
            crate::personal_data::mask_text(&message)
        );
        // A file name or a quoted value may hold a control character.
        match visible_text(&out) {
            std::borrow::Cow::Borrowed(_) => out,
            std::borrow::Cow::Owned(shown) => shown,
        }
    }

    /// The headline, then the source line with a caret under the offending text.
    pub fn render(&self, lang: Lang) -> String {
        let this = self.located();
        let this = this.as_ref();
        let mut out = this.headline(lang);
        if let (Some(pos), Some(snippet)) = (this.pos, &this.snippet) {
            out.push('\n');
            snippet.draw(pos.line, &mut out);
        }
        out
    }
}

/// `line`, the `pos.line`-th of some text that is not content (a template's),
/// drawn as a diagnostic's source line is: between two margins, the place
/// marked under it by display width, control characters shown, personal
/// data masked, a long line cut to a window around the place.
pub fn snippet(line: &str, pos: Pos) -> String {
    let mut out = String::new();
    Snippet::new(&MaskedLine::new(line), pos).draw(pos.line, &mut out);
    out
}

/// Lines longer than this many characters are shown as a window around the mark…
const SNIPPET_WIDTH: usize = 120;
/// …with this many characters of context on each side.
const SNIPPET_CONTEXT: usize = 30;

/// All diagnostics of one run, sorted by file and position so output is stable.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity() == Severity::Error)
    }

    /// Errors found, including those a [`Problem::TooManyErrors`] stands for.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .map(|d| match d.problem {
                Problem::TooManyErrors { more } => more,
                _ => 1,
            })
            .sum()
    }

    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity() == Severity::Warning)
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, then position, then code: the order they are printed
    /// in; every one located (each file read once, see [`Diagnostics::locate`]).
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.locate();
        listing::sort_and_dedup(&mut self.items);
        self.items
    }

    /// Finds the place of every [`Diagnostic::deferred`] one, reading and
    /// parsing each of their files once.
    pub fn locate(&mut self) {
        listing::locate(&mut self.items);
    }

    /// Keeps only the diagnostics `keep` says yes to (warnings go with `--quiet`).
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    /// What the terminal shows: sorted, at most `per_code` of each code in
    /// full, and how many more of each (see [`Shown`]). Only the diagnostics
    /// shown are located.
    pub fn shown(self, per_code: usize) -> Shown {
        listing::shown(self.items, per_code)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_aligns_caret_under_wide_characters() {
        let source = Source::new("content/a.yaml", "title: 停车\nstatus: resolved\n");
        let d = Diagnostic::at(
            Problem::UnknownValue {
                field: "status".into(),
                value: "resolved".into(),
                allowed: vec!["solved", "in_progress"],
            },
            &source,
            Pos::new(2, 9, 8),
        );
        let text = d.render(Lang::Zh);
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[0].starts_with("content/a.yaml:2:9: error[E012]: 未知的办理结果 \"resolved\""),
            "{text}"
        );
        assert_eq!(lines[2], "2 | status: resolved");
        assert_eq!(lines[3], "  |         ^^^^^^^^");
    }

    /// A window found through the line's marks is the one read from the
    /// line's start, for marks anywhere on lines long and short, with tabs.
    #[test]
    fn a_snippet_is_cut_from_the_whole_line() {
        let mut next = crate::test_rng::xorshift(0x2545_f491_4f6c_dd1d);
        let alphabet: Vec<char> = "停车a1\t场 ，".chars().collect();
        for _ in 0..300 {
            let len = [next(200), next(5_000)][next(2)];
            let line: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            let pos = Pos::new(1, next(len + 10) as u32, next(200) as u32);
            let marked = MaskedLine::new(&line);
            let unmarked = MaskedLine {
                marks: vec![0],
                ..MaskedLine::new(&line)
            };
            let [a, b] = [&marked, &unmarked].map(|line| {
                let s = Snippet::new(line, pos);
                (s.line, s.before, s.mark)
            });
            assert_eq!(a, b, "{pos:?} on a line of {len}");
        }
    }

    #[test]
    fn long_lines_are_shown_as_a_window_around_the_mark() {
        let long = format!("title: {}x{}\n", "停".repeat(1000), "车".repeat(1000));
        let source = Source::new("content/a.yaml", long);
        let d = Diagnostic::at(
            Problem::EmptyValue {
                field: "title".into(),
            },
            &source,
            Pos::new(1, 1008, 1),
        );
        let text = d.render(Lang::En);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[2],
            format!("1 | …{}x{}…", "停".repeat(30), "车".repeat(30))
        );
        // The caret stands under the x: "…" is one column, each 停 two.
        assert_eq!(lines[3], format!("  | {}^", " ".repeat(61)));
    }
}
