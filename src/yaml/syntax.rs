//! YAML syntax errors explained: the parser's error turned into a problem a
//! webmaster can act on, with the caret on the real cause.
//!
//! The parser says where it *noticed* something: for `host_unit：区教育局` (a
//! Chinese input method's full-width colon) it says "simple key expected ':'"
//! at the start of the line, or, on the first line, "mapping values are not
//! allowed" at the colon of the *next* line; for a tab it may point at the end
//! of the line above. So we look at the source lines themselves. A light
//! scanner ([`Lines`], in `lines.rs`) tells structure lines from the lines of
//! `|` texts and multi-line quotes; the lines around the error are searched for
//! the mistakes people make (full-width colon or space, a tab, `title:关于`, a
//! `-` or a field out of line, a `|` text indented less than its first line, a
//! quote left open or closed with a Chinese quote); what none of them explains
//! is sorted by the parser's error kind into a [`SyntaxCause`]. Every kind the
//! parser has (granit-parser's `ErrorKind`, serde-saphyr's `Error`) lands on a
//! Chinese message: no text of the library is shown.
//!
//! Some of these mistakes are valid YAML that means something else — a
//! full-width colon makes `host_unit：区教育局` one long text, a list item
//! indented too far joins the item above (`张三 - 李四`). [`TreeCheck`] finds
//! those in a file that parsed: a key holding `：` or starting with a
//! full-width space, and a plain text running over lines whose later lines
//! look like a field or a list item.

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::ErrorKind;
use serde_saphyr::{Error, ExternalMessageSource};

use super::At;
use super::lines::{Entry, Lines, Role};

use crate::diagnostic::{Pos, Problem, SyntaxCause, YamlLimit};

/// The longest value quoted back in a hint, in characters.
const QUOTE_CHARS: usize = 20;

/// `mailto:x@y.cn` in a text is an address, not a field without its space.
const URL_SCHEMES: [&str; 5] = ["mailto", "tel", "sms", "urn", "data"];

/// Explains a parser error on `text`: the problem and where its cause is.
pub fn explain(text: &str, err: &Error) -> (Problem, Pos) {
    let at = err
        .location()
        .map(|l| (l.line() as usize, l.column() as usize))
        .unwrap_or((1, 1));
    let at_pos = Pos::new(at.0 as u32, at.1 as u32, 1);
    let sorted = sort(err);
    // The parser says where the value holding the character starts, which
    // may be lines before it.
    let refused = matches!(
        &sorted,
        Sorted::Parser(ErrorKind::UnexpectedCharacter { character }) if is_forbidden(*character)
    );
    if let Some(found) = control_character(text, if refused { usize::MAX } else { at.0 }) {
        return found;
    }
    match sorted {
        Sorted::Parser(kind) => Lines::scan(text).explain(&kind, at),
        Sorted::Problem(problem) => (problem, at_pos),
        Sorted::Cause(cause) => {
            let cause = match cause {
                SyntaxCause::Structure if matches!(char_at(text, at), Some('[' | '{' | '?')) => {
                    SyntaxCause::ComplexKey
                }
                other => other,
            };
            (Problem::Syntax { cause }, at_pos)
        }
    }
}

/// A character YAML allows nowhere in a file, written raw (not
/// `c-printable`): a control character other than tab and the line breaks,
/// DEL, a C1 control other than U+0085 (YAML's next line), U+FFFE or U+FFFF.
/// A double-quoted escape (`"\v"`, `"\u000b"`) can still put one in a value,
/// and no page, feed or CSV should carry one either (W010, in `load`).
pub fn is_forbidden(c: char) -> bool {
    !matches!(
        c as u32,
        0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0x85 | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..
    )
}

/// E059 at the file's first forbidden character, if there is one on the
/// parser's error line or before it (any line, when the parser's error is that
/// character). The parser reads the file in order and stops at such a
/// character, but says "unexpected character" at the start of the value
/// holding it, and quotes the invisible character in its message; a webmaster
/// needs the line and column, and how many more there are to delete.
fn control_character(text: &str, error_line: usize) -> Option<(Problem, Pos)> {
    let first = text.find(is_forbidden)?;
    let line = text[..first].matches('\n').count() + 1;
    if line > error_line {
        return None;
    }
    let line_start = text[..first].rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..first].chars().count() + 1;
    let ch = text[first..].chars().next()?;
    let more = text[first..].chars().filter(|&c| is_forbidden(c)).count() - 1;
    Some((
        Problem::ControlCharacter { ch, more },
        Pos::new(line as u32, col as u32, 1),
    ))
}

/// A parser error sorted: the scanner's own kind, or one that needs no look at the lines.
enum Sorted {
    Parser(ErrorKind),
    Problem(Problem),
    Cause(SyntaxCause),
}

fn sort(err: &Error) -> Sorted {
    use Sorted::*;
    let limit = |limit| Problem(crate::diagnostic::Problem::InputLimit { limit });
    match err {
        Error::ExternalMessage { source, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => Parser(scan.kind().clone()),
            _ => Cause(SyntaxCause::Structure),
        },
        Error::AliasError { error, .. } | Error::WithSnippet { error, .. } => sort(error),
        Error::DuplicateMappingKey { key, .. } => {
            Problem(crate::diagnostic::Problem::DuplicateKey {
                key: key.clone().unwrap_or_default(),
            })
        }
        Error::MultipleDocuments { .. } => Problem(crate::diagnostic::Problem::MultipleDocuments),
        Error::Budget { breach, .. } => limit(match breach {
            BudgetBreach::Depth { .. } => YamlLimit::Depth,
            BudgetBreach::Aliases { .. }
            | BudgetBreach::Anchors { .. }
            | BudgetBreach::AliasAnchorRatio { .. }
            | BudgetBreach::RecordedAnchorEvents { .. }
            | BudgetBreach::RecordedAnchorBytes { .. } => YamlLimit::Aliases,
            BudgetBreach::ScalarBytes { .. } | BudgetBreach::InputBytes { .. } => {
                YamlLimit::TextSize
            }
            _ => YamlLimit::Nodes,
        }),
        Error::AliasReplayCounterOverflow { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => limit(YamlLimit::Aliases),
        Error::UnknownAnchor { .. } => Cause(SyntaxCause::Anchor),
        Error::Eof { .. } => Cause(SyntaxCause::UnexpectedEnd),
        Error::MergeValueNotMapOrSeqOfMaps { .. } | Error::MergeKeyNotAllowed { .. } => {
            Cause(SyntaxCause::MergeKey)
        }
        Error::NonFiniteFloat { .. } => Cause(SyntaxCause::NotANumber),
        Error::InvalidBinaryBase64 { .. }
        | Error::BinaryNotUtf8 { .. }
        | Error::TaggedScalarCannotDeserializeIntoString { .. }
        | Error::InvalidScalar { .. } => Cause(SyntaxCause::Tag),
        _ => Cause(SyntaxCause::Structure),
    }
}

/// The cause of a scanner error that looking at the lines did not explain better.
fn cause_of(kind: &ErrorKind, text_at: Option<char>) -> Result<SyntaxCause, YamlLimit> {
    use ErrorKind as K;
    use SyntaxCause::*;
    Ok(match kind {
        K::UnexpectedEofFlowSequence => UnclosedBracket { open: '[' },
        K::UnexpectedEofFlowMapping | K::UnexpectedEofImplicitFlowMapping => {
            UnclosedBracket { open: '{' }
        }
        K::UnclosedFlowCollection { open } => UnclosedBracket { open: *open },
        K::MismatchedFlowCollectionEnd { open, close } => MismatchedBracket {
            open: *open,
            close: *close,
        },
        K::MisplacedFlowCollectionEnd => StrayBracket {
            close: text_at.filter(|c| matches!(c, ']' | '}')).unwrap_or(']'),
        },
        K::ExpectedFlowMappingSeparator
        | K::ExpectedFlowSequenceSeparator
        | K::FlowMappingValueAdjacentCollection
        | K::InvalidColonPlacement
        | K::InvalidFlowScalarIndent
        | K::BlockEntryInFlowCollection => BracketSeparator,
        K::UnexpectedEofBlockSequence | K::UnexpectedEofBlockMapping | K::UnexpectedEof => {
            UnexpectedEnd
        }
        K::DuplicateVersionDirective
        | K::UnsupportedYamlMajorVersion
        | K::DuplicateTagDirective
        | K::ExpectedDocumentStart
        | K::MissingDocumentEndBeforeDirective
        | K::InvalidDirectiveTerminator
        | K::DirectiveDisallowed
        | K::MissingYamlVersionSeparator
        | K::MissingDirectiveName
        | K::InvalidDirectiveName
        | K::DirectiveByteLimitExceeded { .. }
        | K::TooManyReservedDirectiveParams { .. }
        | K::YamlVersionTooLong
        | K::MissingYamlVersion
        | K::InvalidTagDirectiveTerminator => Directive,
        K::ExpectedTagBang
        | K::ExpectedTagDirectiveBang
        | K::InvalidGlobalTagCharacter
        | K::UndeclaredTagHandle
        | K::InvalidTagTerminator
        | K::MissingTagUri
        | K::UnclosedVerbatimTag
        | K::InvalidTagEscape
        | K::InvalidTagUtf8LeadingByte
        | K::InvalidTagUtf8TrailingByte
        | K::InvalidTagUtf8 => Tag,
        K::UnknownAnchor | K::MissingAnchorOrAliasName => Anchor,
        K::AnchorCountOverflow => return Err(YamlLimit::Aliases),
        K::RecursionLimitExceeded => return Err(YamlLimit::Depth),
        K::UnexpectedCharacter { character } => ReservedStart { ch: *character },
        K::PlainScalarStartsWithDashFlowIndicator => ReservedStart { ch: '-' },
        K::InvalidTrailingSingleQuotedScalar | K::InvalidTrailingDoubleQuotedScalar => {
            TextAfterQuote
        }
        K::UnknownQuotedScalarEscape
        | K::InvalidQuotedScalarHexEscape
        | K::InvalidLowSurrogateHexEscape
        | K::InvalidLowSurrogate
        | K::MissingLowSurrogate
        | K::UnpairedLowSurrogate
        | K::InvalidUnicodeEscape => BadEscape,
        K::InvalidQuotedScalarIndent => QuotedIndent,
        K::DocumentIndicatorInQuotedScalar => DocumentMarkerInQuote,
        K::BomInsideDocument => ByteOrderMark,
        K::CommentNotSeparated | K::ExpectedWhitespace => CommentSpacing,
        K::CommentInterceptedScalar => CommentInText,
        K::ZeroBlockScalarIndent | K::InvalidBlockScalarHeader => BlockHeader,
        K::SimpleKeyExpected | K::InvalidSimpleKey => MissingColon,
        K::InvalidBlockEntryWhitespace => NoSpaceAfterDash,
        K::MappingKeyNotAllowed => ComplexKey,
        // Indentation and structure the lines did not explain, the input
        // adapter's own errors (a string has none), and kinds added later.
        _ => Structure,
    })
}

impl<'a> Lines<'a> {
    /// Explains a scanner error the parser reported at `(line, col)` (1-based).
    fn explain(&self, kind: &ErrorKind, (line, col): (usize, usize)) -> (Problem, Pos) {
        let i = line
            .saturating_sub(1)
            .min(self.lines.len().saturating_sub(1));
        let at = Pos::new(i as u32 + 1, col as u32, 1);
        if let ErrorKind::UnclosedQuotedScalar = kind {
            return self.unclosed_quote(i, col.saturating_sub(1));
        }
        if matches!(
            kind,
            ErrorKind::InvalidTrailingDoubleQuotedScalar
                | ErrorKind::InvalidTrailingSingleQuotedScalar
                | ErrorKind::DocumentIndicatorInQuotedScalar
        ) && let Role::Quoted { opened } = self.roles[i]
        {
            // A quote closed lines later, by accident: the one that opened it
            // was meant to close on its own line.
            let line = self.line(opened);
            let e = Entry::parse(line);
            let from = e.key.map_or(e.rest_col, |(_, colon, _)| colon + 1);
            let q_col = line
                .chars()
                .enumerate()
                .skip(from)
                .find(|(_, c)| *c == '"' || *c == '\'')
                .map_or(from, |(c, _)| c);
            return self.unclosed_quote(opened, q_col);
        }
        if let Some(found) = self.mistake_near(i) {
            return found;
        }
        use ErrorKind as K;
        // Inside brackets, a missing `]` shows only lines later, where the
        // next field's colon does not fit in a list.
        if matches!(
            kind,
            K::ExpectedFlowSequenceSeparator
                | K::ExpectedFlowMappingSeparator
                | K::InvalidColonPlacement
                | K::FlowMappingValueAdjacentCollection
                | K::InvalidFlowScalarIndent
                | K::BlockEntryInFlowCollection
                | K::UnexpectedEofFlowSequence
                | K::UnexpectedEofFlowMapping
                | K::UnexpectedEofImplicitFlowMapping
                | K::UnclosedFlowCollection { .. }
        ) && let Some((j, c, open)) = self.open_bracket(i, col)
            && j < i
        {
            let cause = SyntaxCause::UnclosedBracket { open };
            return (
                Problem::Syntax { cause },
                Pos::new(j as u32 + 1, c as u32 + 1, 1),
            );
        }
        match kind {
            K::TabNotAllowed
            | K::TabInBlockIndentation
            | K::TabAtBlockScalarStart
            | K::TabInIndentation
            | K::TabInPlainScalar => {
                let tab = [i, i + 1].into_iter().find_map(|j| {
                    let from = if j == i { col.saturating_sub(1) } else { 0 };
                    let c = self.line(j).chars().skip(from).position(|c| c == '\t')?;
                    Some(Pos::new(j as u32 + 1, (from + c + 1) as u32, 1))
                });
                (Problem::Tab, tab.unwrap_or(at))
            }
            K::MappingValueNotAllowed => {
                let e = Entry::parse(self.line(i));
                match e.key {
                    Some((key, colon, _)) if col > colon + 1 => (
                        Problem::ColonInValue {
                            key: key.to_string(),
                        },
                        at,
                    ),
                    _ => self.out_of_line(i).unwrap_or_else(|| structure(at)),
                }
            }
            K::ExpectedBlockMappingKey
            | K::ExpectedBlockSequenceEntry
            | K::InvalidIndentation
            | K::InvalidBlockScalarIndent
            | K::SimpleKeyExpected
            | K::InvalidSimpleKey
            | K::BlockSequenceEntryNotAllowed
            | K::MappingKeyNotAllowed
            | K::ExpectedDocumentStart => {
                if matches!(kind, K::ExpectedDocumentStart)
                    && self.lines[..=i].iter().any(|l| l.starts_with('%'))
                {
                    return self.directive(i, at);
                }
                self.out_of_line(i).unwrap_or_else(|| {
                    let cause = cause_of(kind, None).unwrap_or(SyntaxCause::Structure);
                    (Problem::Syntax { cause }, at)
                })
            }
            _ => {
                let here = self.line(i).chars().nth(col.saturating_sub(1));
                match cause_of(kind, here) {
                    // The directive itself, not where the parser noticed it.
                    Ok(SyntaxCause::Directive) => self.directive(i, at),
                    Ok(cause) => (Problem::Syntax { cause }, at),
                    Err(limit) => (Problem::InputLimit { limit }, at),
                }
            }
        }
    }

    /// The innermost bracket still open at `(i, col)` (`col` 1-based): its
    /// line and column (0-based) and the bracket.
    fn open_bracket(&self, i: usize, col: usize) -> Option<(usize, usize, char)> {
        let mut stack: Vec<(usize, usize, char)> = Vec::new();
        let mut quote: Option<char> = None;
        for j in 0..=i.min(self.lines.len().saturating_sub(1)) {
            let line = self.line(j);
            let start = if stack.is_empty() {
                // Only a value that starts with a bracket opens one.
                if !self.is_structure(j) {
                    continue;
                }
                let e = Entry::parse(line);
                let value = e.key.map_or(e.rest, |(_, _, value)| value);
                if !value.starts_with(['[', '{']) {
                    continue;
                }
                line.chars().count() - value.chars().count()
            } else {
                0
            };
            let mut prev = ' ';
            for (k, c) in line.chars().enumerate().skip(start) {
                if j == i && k + 1 >= col {
                    break;
                }
                if let Some(q) = quote {
                    if c == q {
                        quote = None;
                    }
                } else {
                    match c {
                        '"' | '\'' => quote = Some(c),
                        '[' | '{' => stack.push((j, k, c)),
                        ']' | '}' => {
                            stack.pop();
                            if stack.is_empty() {
                                break;
                            }
                        }
                        '#' if prev == ' ' => break,
                        _ => {}
                    }
                }
                prev = c;
            }
        }
        stack.last().copied()
    }

    /// A `%` line: the last one up to line `i`, not where the parser noticed it.
    fn directive(&self, i: usize, at: Pos) -> (Problem, Pos) {
        let line = (0..=i).rev().find(|&j| self.line(j).starts_with('%'));
        let at = line.map_or(at, |j| Pos::new(j as u32 + 1, 1, 1));
        let cause = SyntaxCause::Directive;
        (Problem::Syntax { cause }, at)
    }

    /// A quote opened at `(i, col)` (0-based) and never closed; the caret on
    /// a Chinese quote that was meant to close it, if the line has one.
    fn unclosed_quote(&self, i: usize, col: usize) -> (Problem, Pos) {
        let line = self.line(i);
        let open = line
            .chars()
            .nth(col)
            .filter(|c| *c == '"' || *c == '\'')
            .unwrap_or('"');
        let chinese: &[char] = if open == '"' {
            &['”', '“']
        } else {
            &['’', '‘']
        };
        let close = line
            .chars()
            .enumerate()
            .skip(col + 1)
            .filter(|(_, c)| chinese.contains(c))
            .last();
        match close {
            Some((c, ch)) => (
                Problem::UnclosedQuote {
                    open,
                    chinese_close: Some(ch),
                },
                Pos::new(i as u32 + 1, c as u32 + 1, 1),
            ),
            None => (
                Problem::UnclosedQuote {
                    open,
                    chinese_close: None,
                },
                Pos::new(i as u32 + 1, col as u32 + 1, 1),
            ),
        }
    }

    /// A typing mistake on the line the parser stopped at, on the lines it
    /// read as part of the same entry just before, or a tab or full-width
    /// space starting the next line (the parser looks one line ahead).
    fn mistake_near(&self, i: usize) -> Option<(Problem, Pos)> {
        if self.is_structure(i)
            && let Some(found) = mistake(self.line(i), i, false)
        {
            return Some(found);
        }
        for j in (0..i).rev() {
            if !self.is_structure(j) {
                continue;
            }
            if let Some(found) = mistake(self.line(j), j, false) {
                return Some(found);
            }
            let e = Entry::parse(self.line(j));
            if e.key.is_some() || e.dash.is_some() {
                break;
            }
        }
        let next = i + 1;
        if self.is_structure(next) || self.roles.get(next) == Some(&Role::Block) {
            return leading_mistake(self.line(next), next);
        }
        None
    }

    /// A line out of line: under a `|` text, a list item, a line without a
    /// colon, or a field indented unlike the one above.
    fn out_of_line(&self, i: usize) -> Option<(Problem, Pos)> {
        let e = Entry::parse(self.line(i));
        let start = Pos::new(i as u32 + 1, e.indent as u32 + 1, 1);
        if let Some(b) = self.ended[i]
            && let Some(expected) = b.content
            && (e.indent > b.parent || (e.key.is_none() && e.dash.is_none()))
        {
            let header = Entry::parse(self.line(b.header));
            return Some((
                Problem::BlockIndent {
                    header: shorten(header.rest),
                    expected,
                    found: e.indent,
                },
                start,
            ));
        }
        if let Some(dash) = e.dash {
            let dash_pos = Pos::new(i as u32 + 1, dash as u32 + 1, 1);
            return Some((
                Problem::ListIndent {
                    found: dash,
                    expected: self.list_above(i, dash),
                },
                dash_pos,
            ));
        }
        if e.key.is_none() {
            let cause = if e.rest.starts_with('-') {
                SyntaxCause::NoSpaceAfterDash
            } else {
                SyntaxCause::MissingColon
            };
            return Some((Problem::Syntax { cause }, start));
        }
        // The field or list item above (a text's continued lines are not one).
        let above = (0..i)
            .rev()
            .filter(|&j| self.is_structure(j))
            .map(|j| Entry::parse(self.line(j)))
            .find(|a| a.key.is_some() || a.dash.is_some())?;
        let (name, col) = match (above.key, above.dash) {
            (Some((key, _, _)), _) => (key.to_string(), above.content_col()),
            (None, Some(dash)) => (format!("- {}", above.rest), dash),
            (None, None) => return None,
        };
        // Aligned with it, yet refused: a field beside a list item, which
        // no count of spaces explains.
        (col != e.indent).then(|| {
            (
                Problem::Indentation {
                    found: e.indent,
                    above: shorten(&name),
                    above_indent: col,
                },
                start,
            )
        })
    }

    /// The column of the list a `-` at `col` on line `i` was meant to join:
    /// the nearest list item above, unless a line less indented comes first.
    fn list_above(&self, i: usize, col: usize) -> Option<usize> {
        for j in (0..i).rev() {
            if !self.is_structure(j) {
                continue;
            }
            let e = Entry::parse(self.line(j));
            if let Some(dash) = e.dash {
                return (dash != col).then_some(e.indent.min(dash));
            }
            if e.indent <= col {
                return None;
            }
        }
        None
    }
}

fn structure(at: Pos) -> (Problem, Pos) {
    (
        Problem::Syntax {
            cause: SyntaxCause::Structure,
        },
        at,
    )
}

/// A tab or full-width space in a line's indentation.
fn leading_mistake(line: &str, i: usize) -> Option<(Problem, Pos)> {
    for (col, c) in line.chars().enumerate() {
        let problem = match c {
            ' ' => continue,
            '\t' => Problem::Tab,
            '\u{3000}' => Problem::FullWidthSpace,
            _ => return None,
        };
        return Some((problem, Pos::new(i as u32 + 1, col as u32 + 1, 1)));
    }
    None
}

/// The typing mistakes a line can show by itself: a tab or full-width space
/// in its indentation, `key：value`, `key:value`, `-item`. With `strict`, only
/// those that cannot be text (for lines a parse accepted as text).
fn mistake(line: &str, i: usize, strict: bool) -> Option<(Problem, Pos)> {
    if !strict && let Some(found) = leading_mistake(line, i) {
        return Some(found);
    }
    let e = Entry::parse(line);
    let n = i as u32 + 1;
    let rest = e.rest;
    // A field name: ASCII letters, digits, `_`, `.`, `-`; lower case when strict.
    let name_len = rest
        .char_indices()
        .find(|&(k, c)| {
            !(c.is_ascii_lowercase()
                || c == '_'
                || (k > 0 && (c.is_ascii_digit() || c == '.' || c == '-'))
                || (!strict && c.is_ascii_alphabetic()))
        })
        .map_or(rest.len(), |(k, _)| k);
    if name_len > 0 {
        let key = &rest[..name_len];
        let after = &rest[name_len..];
        let spaced = after.trim_start_matches(' ');
        let col = |s: &str| (e.rest_col + rest[..rest.len() - s.len()].chars().count()) as u32 + 1;
        if let Some(value) = spaced.strip_prefix('：') {
            return Some((
                Problem::FullWidthColon {
                    key: key.to_string(),
                    value: shorten(value.trim_start_matches([' ', '\u{3000}'])),
                },
                Pos::new(n, col(spaced), 1),
            ));
        }
        if let Some(value) = after.strip_prefix(':')
            && let Some(first) = value.chars().next()
            && !matches!(first, ' ' | '\t' | '/' | ':')
            && !(strict && URL_SCHEMES.contains(&key))
        {
            if first == '\u{3000}' {
                return Some((Problem::FullWidthSpace, Pos::new(n, col(value), 1)));
            }
            return Some((
                Problem::NoSpaceAfterColon {
                    key: key.to_string(),
                    value: shorten(value),
                },
                Pos::new(n, col(after), 1),
            ));
        }
    }
    if !strict
        && e.key.is_none()
        && let Some(after) = rest.strip_prefix('-')
        && let Some(first) = after.chars().next()
    {
        let col = e.rest_col as u32 + 1;
        if first == '\u{3000}' {
            return Some((Problem::FullWidthSpace, Pos::new(n, col + 1, 1)));
        }
        if !(first == '-' || first == ' ' || first == '\t' || first.is_ascii_digit()) {
            return Some((
                Problem::Syntax {
                    cause: SyntaxCause::NoSpaceAfterDash,
                },
                Pos::new(n, col, 1),
            ));
        }
    }
    None
}

/// A value quoted back in a hint: at most [`QUOTE_CHARS`] characters.
fn shorten(text: &str) -> String {
    let text = text.trim();
    let mut out: String = text.chars().take(QUOTE_CHARS).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

fn char_at(text: &str, (line, col): (usize, usize)) -> Option<char> {
    text.split('\n')
        .nth(line.checked_sub(1)?)?
        .chars()
        .nth(col.checked_sub(1)?)
}

/// Mistakes in a file that parsed, found while its tree is built (see the
/// module doc): the first one found, if any.
pub struct TreeCheck<'a> {
    text: &'a str,
    /// Scanned when a text first runs over several lines.
    lines: Option<Lines<'a>>,
    pub found: Option<(Problem, Pos)>,
}

impl<'a> TreeCheck<'a> {
    pub fn new(text: &'a str) -> TreeCheck<'a> {
        TreeCheck {
            text,
            lines: None,
            found: None,
        }
    }

    /// Whether the file's lines were classified ([`Lines::scan`]).
    #[cfg(test)]
    pub fn scanned_lines(&self) -> bool {
        self.lines.is_some()
    }

    fn lines(&mut self) -> &Lines<'a> {
        let text = self.text;
        self.lines.get_or_insert_with(|| Lines::scan(text))
    }

    /// A mapping key: `host_unit：区教育局: …` or one starting with a full-width space.
    pub fn key(&mut self, key: &str, loc: At) {
        if self.found.is_some() {
            return;
        }
        let (line, col) = (loc.line, loc.col);
        if key.starts_with('\u{3000}') {
            self.found = Some((Problem::FullWidthSpace, Pos::new(line, col, 1)));
        } else if let Some((name, value)) = key.split_once('：') {
            let offset = name.chars().count() as u32;
            self.found = Some((
                Problem::FullWidthColon {
                    key: name.trim().to_string(),
                    value: shorten(value),
                },
                Pos::new(line, col + offset, 1),
            ));
        }
    }

    /// A text value: when it is plain (unquoted, no `|`) and runs over
    /// several lines, a later line that looks like a field or a list item
    /// was meant as one; so was the first line of a file that is one text.
    pub fn text(&mut self, loc: At, root: bool) {
        if self.found.is_none() {
            self.found = self.text_mistake(loc, root);
        }
    }

    /// [`TreeCheck::text`] for a value the parser says is quoted or a block
    /// (`|`, `>`): its lines are text, so only what the first one starts
    /// with is looked at. The same answer, without classifying every line
    /// of the file ([`Lines::scan`], 1.3% of a `long-text` build): a block's
    /// first line is never a structure line, and a quoted value starts with
    /// its quote.
    pub fn quoted_or_block_text(&mut self, loc: At) {
        if self.found.is_none() {
            self.found = self.first_line_mistake(loc).flatten();
        }
    }

    /// What the first line of a text value shows: `Some(Some(_))` a mistake,
    /// `Some(None)` that the value is quoted or a block (nothing to find),
    /// `None` that its lines must be looked at.
    fn first_line_mistake(&self, loc: At) -> Option<Option<(Problem, Pos)>> {
        let Some((start, len)) = loc.bytes else {
            return Some(None);
        };
        let Some(source) = self.text.get(start..start + len) else {
            return Some(None);
        };
        if source.starts_with(['"', '\'', '|', '>']) {
            return Some(None);
        }
        if source.starts_with("-\u{3000}") {
            let found = (Problem::FullWidthSpace, Pos::new(loc.line, loc.col + 1, 1));
            return Some(Some(found));
        }
        None
    }

    fn text_mistake(&mut self, loc: At, root: bool) -> Option<(Problem, Pos)> {
        if let Some(found) = self.first_line_mistake(loc) {
            return found;
        }
        let (start, len) = loc.bytes?;
        let source = self.text.get(start..start + len)?;
        let line = loc.line;
        let more = memchr::memchr_iter(b'\n', source.as_bytes()).count();
        if !root && more == 0 {
            return None;
        }
        let first = (line as usize).checked_sub(1)?;
        let lines = self.lines();
        // A `|` or `>` text's lines are what they say.
        if !lines.is_structure(first) {
            return None;
        }
        if root && let Some(found) = mistake(lines.line(first), first, true) {
            return Some(found);
        }
        for i in first + 1..=first + more {
            let line = lines.line(i);
            if let Some(dash) = Entry::parse(line).dash {
                let item = Entry::parse(lines.line(first));
                let expected = match (item.dash, item.key) {
                    (Some(col), None) if col != dash => Some(col),
                    _ => None,
                };
                return Some((
                    Problem::ListIndent {
                        found: dash,
                        expected,
                    },
                    Pos::new(i as u32 + 1, dash as u32 + 1, 1),
                ));
            }
            if let Some(found) = mistake(line, i, true) {
                return Some(found);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_long_values() {
        assert_eq!(shorten("区教育局"), "区教育局");
        assert_eq!(shorten(&"长".repeat(30)), format!("{}…", "长".repeat(20)));
    }
}
