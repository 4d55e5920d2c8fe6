//! The personal-data check (E049): no mobile number, resident ID number or
//! e-mail address reaches an output unless `site.yaml` lists it in
//! `public_contacts`.
//!
//! Why here: a reply quoting a member's mobile number is a content mistake
//! like any other, so it is reported with every other one, at the file, line
//! and column of the number, before anything is written. What is scanned is
//! what is published and nothing else: a record through
//! [`crate::model::published::published_texts`] (nothing of a withheld record
//! or a draft, and of a `summary_only` one only what 摘要公开 shows — a test
//! there keeps that list equal to what [`crate::model::published::publish`]
//! lets out), every text of a session, and the texts of `site.yaml` that pages
//! show. `site.yaml`'s own `contact` is the site's published contact, so its
//! numbers and addresses count as listed.
//!
//! The message shows the number masked (138****5678), never whole; the source
//! line printed under it is masked too ([`crate::diagnostic`]).
//!
//! Cost: the detector reads 2–3 GB/s ([`crate::personal_data`]); records are
//! scanned in parallel, and a file is read again for its positions only when
//! something was found in it (record files let go of their text after loading).

use crate::content::{SessionFile, SiteConfig};
use crate::diagnostic::{Diagnostic, Diagnostics, Lines, MaskedLine, Pos, Problem};
use crate::load::{Content, Located};
use crate::model::published::{TextField, published_texts};
use crate::personal_data::{Allowlist, Finding, scan};

/// Scans every published text, adding an E049 for each number or address found.
/// With `memo`, a record's findings are kept for the next run (`serve`, see
/// [`super::memo`]).
/// With `read_once`, each record's stand-in scan is made too while its text
/// is in hand (see [`super::ReadOnce`]).
pub(super) fn check(
    content: &Content,
    memo: Option<&super::Memo>,
    read_once: Option<&super::ReadOnce>,
    diags: &mut Diagnostics,
) {
    // Without a readable `public_contacts` every hotline it lists would be
    // reported: the check waits until site.yaml's own errors are fixed.
    let Some(site) = content
        .site
        .as_ref()
        .filter(|s| !s.is_broken("public_contacts") && !s.is_broken("contact"))
    else {
        return;
    };
    let c = &site.value;
    let allow = Allowlist::new(c.allowed_contacts());

    report(site, &site_texts(c), &allow, diags);
    for s in &content.sessions {
        report(&s.file, &session_texts(&s.file.value), &allow, diags);
    }
    let found = super::per_record(content, memo, super::Check::PersonalData, |r| {
        let prose = match r.file.value.prose.read() {
            Ok(prose) => prose,
            Err(e) => {
                let mut out = Diagnostics::new();
                out.push(super::unreadable_text(&r.file, e));
                return out;
            }
        };
        if let Some(read_once) = read_once {
            read_once.keep(r, &prose);
        }
        let mut texts = Vec::new();
        published_texts(&r.file.value, &prose, |field, text| {
            texts.push((field, text));
        });
        let mut found = Vec::new();
        for (field, text) in texts {
            let f = scan(text, &allow);
            if !f.is_empty() {
                found.push((field.path(), record_field_zh(field), text, f));
            }
        }
        let mut out = Diagnostics::new();
        if !found.is_empty() {
            for d in diagnostics(&r.file, &found) {
                out.push(d);
            }
        }
        out
    });
    for found in found {
        diags.extend(found);
    }
}

/// One text to scan: its field path, its Chinese name, the text.
type Text<'a> = (String, String, &'a str);

fn report<T>(file: &Located<T>, texts: &[Text<'_>], allow: &Allowlist, diags: &mut Diagnostics) {
    let found: Vec<(String, String, &str, Vec<Finding>)> = texts
        .iter()
        .filter_map(|(path, name, text)| {
            let f = scan(text, allow);
            (!f.is_empty()).then(|| (path.clone(), name.clone(), *text, f))
        })
        .collect();
    if !found.is_empty() {
        for d in diagnostics(file, &found) {
            diags.push(d);
        }
    }
}

/// The diagnostics for the findings in one file, each at its number. The
/// file's lines are found once, each value's numbers located one after the
/// other ([`Locator`]), and a line masked once for all the numbers on it: a
/// file with thousands of numbers (a contact list pasted into a reply) is
/// read a few times, not once per number. (Located number by number, 20,000
/// mobile numbers in a 2 MB file took 10 s; 132 addresses on one 3 MB line,
/// 5 s and 850 MB.)
fn diagnostics<T>(
    file: &Located<T>,
    found: &[(String, String, &str, Vec<Finding>)],
) -> Vec<Diagnostic> {
    file.with_source(|source, pos_of| {
        let lines = Lines::new(&source.text);
        // The last line a number was on, masked.
        let mut masked: Option<(u32, Option<MaskedLine>)> = None;
        let mut out = Vec::new();
        for (path, name, text, findings) in found {
            let value = pos_of(path);
            let mut locator = Locator::new(&lines, value);
            for f in findings {
                let raw = &text[f.range.clone()];
                let pos = locator.find(raw).unwrap_or(value);
                if masked.as_ref().is_none_or(|(line, _)| *line != pos.line) {
                    masked = Some((pos.line, lines.line(pos.line).map(MaskedLine::new)));
                }
                let line = masked.as_ref().and_then(|(_, line)| line.as_ref());
                let problem = Problem::PersonalData {
                    field: path.clone(),
                    name: name.clone(),
                    what: f.kind,
                    masked: f.masked.clone(),
                };
                out.push(Diagnostic::at_masked_line(
                    problem,
                    source.name.clone(),
                    pos,
                    line,
                ));
            }
        }
        out
    })
}

/// Finds where the numbers of one value (as the decoded text has them) stand
/// in the source, in the order they come: within the value written at
/// `value`, its lines, and the lines after it indented deeper than its key (a
/// `|` text, a folded plain text). The search goes on from the last number
/// found, so a number written twice in one text is found twice; lines and
/// columns are counted on from there too, starting at the value's first line
/// (found in the file's [`Lines`]): a value costs its own length, however
/// far down the file it is and however many numbers it holds.
struct Locator<'s> {
    text: &'s str,
    /// Where the value ends (the end of its last line).
    end: usize,
    /// Where the next search starts.
    cursor: usize,
    /// Counted up to `counted`: its line (1-based), where that line begins,
    /// and the characters from there to `counted`.
    counted: usize,
    line: usize,
    line_begin: usize,
    col: usize,
}

impl<'s> Locator<'s> {
    fn new(lines: &Lines<'s>, value: Pos) -> Locator<'s> {
        let text = lines.text();
        let first = value.line.max(1);
        let line_start = lines.start(first).unwrap_or(text.len());
        let line = text[line_start..].split('\n').next().unwrap_or("");
        let start = line_start
            + line
                .char_indices()
                .nth(value.col.saturating_sub(1) as usize)
                .map_or(line.len(), |(i, _)| i);
        // How deep a following line must be indented to belong to this value.
        let before = &line[..start - line_start];
        let min_indent = if before.trim().is_empty() {
            before.chars().count()
        } else {
            let rest = before.trim_start_matches([' ', '-']);
            before.len() - rest.len() + 1
        };
        let mut end = line_start + line.len();
        for next in text[end..].split_inclusive('\n').skip(1) {
            let body = next.trim_end_matches(['\n', '\r']);
            let indent = body.len() - body.trim_start_matches(' ').len();
            if !body.trim().is_empty() && indent < min_indent {
                break;
            }
            end += next.len();
        }
        Locator {
            text,
            end,
            cursor: start,
            counted: line_start,
            line: first as usize,
            line_begin: line_start,
            col: 0,
        }
    }

    /// Where `raw` stands next; `None` when it is not there as written (an
    /// escape in a quoted text, a number broken over lines): the caller then
    /// points at the value.
    fn find(&mut self, raw: &str) -> Option<Pos> {
        let from = self.cursor;
        let at = from
            + self
                .text
                .get(from..self.end.min(self.text.len()))?
                .find(raw)?;
        self.cursor = at + raw.len();
        let gap = &self.text[self.counted..at];
        match gap.rfind('\n') {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', gap.as_bytes()).count();
                self.line_begin = self.counted + last + 1;
                self.col = self.text[self.line_begin..at].chars().count();
            }
            None => self.col += gap.chars().count(),
        }
        self.counted = at;
        Some(Pos::new(
            self.line as u32,
            self.col as u32 + 1,
            raw.chars().count() as u32,
        ))
    }
}

/// What a webmaster calls a record's field.
fn record_field_zh(field: TextField) -> String {
    let item = |what: &str| match field.index {
        Some(i) => format!("第 {} 项{what}", i + 1),
        None => what.to_string(),
    };
    match (field.name, field.part) {
        ("title", _) => "标题".into(),
        ("number", _) => "编号".into(),
        ("index_no", _) => "索引号".into(),
        ("proposers", _) => "提出人".into(),
        ("lead_official", _) => "领办领导".into(),
        ("host_unit", _) => "主办单位".into(),
        ("co_units", _) => "协办单位".into(),
        ("topics", _) => "主题".into(),
        ("summary", _) => "答复摘要".into(),
        ("disclosure_reason", _) => "不公开答复全文的理由".into(),
        ("request", _) => "原案摘要".into(),
        ("reply", _) => "答复全文".into(),
        ("status_reason", _) => "办理结果说明".into(),
        ("outcomes", Some("heading")) => item("办理进展的小标题"),
        ("outcomes", _) => item("办理进展"),
        ("attachments", Some("file")) => item("附件的文件名"),
        ("attachments", _) => item("附件的标题"),
        (other, _) => other.into(),
    }
}

fn session_texts(s: &SessionFile) -> Vec<Text<'_>> {
    let mut out: Vec<Text<'_>> = vec![
        ("body".into(), "届别机构".into(), &s.body),
        ("name".into(), "会议名称".into(), &s.name),
    ];
    for (path, name, text) in [
        ("overview", "基本办理情况", &s.overview),
        ("methods", "主要做法", &s.methods),
        ("shortcomings", "存在不足", &s.shortcomings),
        ("next_steps", "下步打算", &s.next_steps),
    ] {
        if let Some(t) = text {
            out.push((path.into(), name.into(), t));
        }
    }
    out
}

/// The texts of `site.yaml` that pages show (`contact` aside: it is published
/// on purpose). Filing numbers are checked against their own formats, and
/// addresses (`base_url`, links) are not texts a reader sees.
fn site_texts(c: &SiteConfig) -> Vec<Text<'_>> {
    let mut out: Vec<Text<'_>> = vec![
        ("title".into(), "网站名称".into(), &c.title),
        ("owner".into(), "主办单位".into(), &c.owner),
        ("operator".into(), "承办单位".into(), &c.operator),
    ];
    if let Some(t) = &c.description {
        out.push(("description".into(), "网站简介".into(), t));
    }
    if let Some(t) = &c.copyright {
        out.push(("copyright".into(), "版权行".into(), t));
    }
    for (i, link) in c.nav.iter().enumerate() {
        out.push((
            format!("nav[{i}].title"),
            "导航链接的文字".into(),
            &link.title,
        ));
    }
    for (i, cat) in c.categories.iter().enumerate() {
        out.push((
            format!("categories[{i}].label"),
            "办理结果分类的名称".into(),
            &cat.label,
        ));
        if let Some(m) = &cat.meaning {
            out.push((
                format!("categories[{i}].meaning"),
                "办理结果分类的含义".into(),
                m,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, value: Pos, raw: &str) -> Option<(u32, u32, u32)> {
        let found = Locator::new(&Lines::new(text), value).find(raw);
        found.map(|p| (p.line, p.col, p.len))
    }

    #[test]
    fn a_number_is_found_inside_a_block_text() {
        let text =
            "title: 标题\nreply: |\n  第一段。\n\n  电话13812345678。\nsummary: 13812345678\n";
        assert_eq!(at(text, Pos::new(2, 8, 1), "13812345678"), Some((5, 5, 11)));
        // Not in this value: the next field is not searched.
        assert_eq!(at(text, Pos::new(1, 8, 2), "13812345678"), None);
        assert_eq!(
            at(text, Pos::new(6, 10, 11), "13812345678"),
            Some((6, 10, 11))
        );
    }

    #[test]
    fn a_number_in_a_list_item_and_a_repeated_number() {
        let text =
            "outcomes:\n  - text: >\n      a 13812345678\n      b 13812345678\n    state: done\n";
        let lines = Lines::new(text);
        let mut locator = Locator::new(&lines, Pos::new(2, 11, 1));
        let first = locator.find("13812345678").unwrap();
        let second = locator.find("13812345678").unwrap();
        assert_eq!((first.line, first.col), (3, 9));
        assert_eq!((second.line, second.col), (4, 9));
        assert_eq!(locator.find("13812345678"), None);
    }

    /// Lines and columns counted on from one number to the next are those
    /// counted from the start of the text, on lines of every length, with
    /// numbers several to a line, one to a line, and lines between them.
    #[test]
    fn positions_counted_on_are_positions_counted_afresh() {
        let mut next = crate::test_rng::xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..200 {
            let mut text = String::from("summary: |\n");
            let mut numbers = Vec::new();
            for _ in 0..1 + next(30) {
                text.push_str("  ");
                for _ in 0..next(4) {
                    let number = format!("13{:09}", next(1_000_000_000));
                    text.push_str(&"停车场".repeat(next(5)));
                    text.push_str(&number);
                    text.push('，');
                    numbers.push(number);
                }
                text.push_str(if next(3) == 0 { "\n\n" } else { "\n" });
            }
            let lines = Lines::new(&text);
            let mut locator = Locator::new(&lines, Pos::new(1, 10, 1));
            for number in &numbers {
                let pos = locator.find(number).unwrap();
                // Afresh: the line and column of the byte where it starts.
                let at = locator.cursor - number.len();
                let line = text[..at].matches('\n').count() + 1;
                let begin = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let col = text[begin..at].chars().count() + 1;
                assert_eq!((pos.line, pos.col), (line as u32, col as u32), "{text}");
                assert_eq!(&text[at..locator.cursor], number);
            }
        }
    }
}
