//! `gongkai import`: a spreadsheet register (CSV or Excel) → one draft record
//! file per row.
//!
//! Offices keep their registers in Excel. The importer finds the heading row —
//! below any title rows ([`heading`]) —, maps each column to a record field by
//! its Chinese or English name ([`columns`]), and writes each row as
//! `content/proposals/<year>/<name>.yaml`
//! in the given session, named after the row's official number (`第12号` →
//! `0012`) or, without one, the next free number. Every record is written with
//! `draft: true` and `disclosure: withheld`: nothing is published until a person
//! has reviewed it and chosen its disclosure. Rows that cannot be mapped are
//! reported as diagnostics at `file:row:column` — the row as the spreadsheet
//! numbers it, title rows above the headings counted — naming the column by the
//! register's own heading (a column headed 办理类别 is 办理类别 in a message,
//! not the canonical 办理结果), and skipped; existing files are never
//! overwritten without `--force`. Run outside a site (no `content/` under
//! `--root`) it stops with E027, as `build` does.
//!
//! An empty cell states nothing: its field is left out of the record, never
//! written as a value (an empty 是否见面 cell is not `met_proposer: false`, an
//! empty 满意度 cell is not `pending`, an empty 办理结果 cell is no category —
//! a draft may lack one). Results are matched against the site's own
//! `categories` (by id, label, meaning or wording), then against the usual
//! words of the default ones (A/B/C, 甲/乙/丙, 已解决…). A 序号 column is
//! recognised and not imported.
//!
//! Personal data stays out here too. A column of contact data (联系电话,
//! 身份证号, 邮箱…, [`columns::is_personal_header`]) is never read, with a
//! warning naming it; a mobile number, ID number or e-mail address in a cell
//! that is imported is an error at that cell (E049, the number masked, as
//! `build` reports it in a record), unless `site.yaml`'s `public_contacts`
//! lists it, and the row is not written: what the site must not publish is
//! better not copied into `content/` at all.

pub mod columns;
pub mod heading;
pub mod register;
pub mod table;
pub mod workbook;
pub mod yaml_out;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use columns::Field;

use crate::content::Kind;
use crate::content::fold::{self, number_key};
use crate::content::record::IMPORTED_MARK;
use crate::diagnostic::{Diagnostic, Diagnostics, Pos, Problem, Source};
use crate::error::Error;
use crate::model::Categories;

/// What `gongkai import` was asked for.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    pub file: PathBuf,
    pub session: String,
    pub root: PathBuf,
    pub force: bool,
    /// The limits `build` holds (`--max-file-size`), held for the register too.
    pub limits: crate::load::Limits,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// The record files written, in row order.
    pub written: Vec<PathBuf>,
    /// Data rows read (not counting the header and empty rows).
    pub rows: usize,
    /// Rows skipped because their file exists.
    pub existing: usize,
    /// Every problem, errors and warnings.
    pub diags: Diagnostics,
    /// The heading row, when one was found (rows were read).
    pub heading: Option<Heading>,
}

/// The row the columns were read from.
#[derive(Debug, Default)]
pub struct Heading {
    /// Its row number in the spreadsheet.
    pub row: usize,
    /// The rows with text above it (a title, 填报单位…), as
    /// [`heading::describe`] shows them; not imported.
    pub above: Vec<String>,
}

/// A row made into a record file's text.
struct Planned {
    row: usize,
    path: PathBuf,
    text: String,
}

/// Runs an import. `Err` only for problems outside the register's rows (no such
/// session, an unwritable folder); row problems are in the report.
pub fn run(options: &ImportOptions) -> Result<ImportReport, Error> {
    let mut report = ImportReport::default();
    // Outside a site there is no session to look for: say so as `build` does.
    if !options.root.join("content").is_dir() {
        report
            .diags
            .push(Diagnostic::general(Problem::NoContentDir {
                root: options.root.display().to_string(),
            }));
        return Ok(report);
    }
    let session = read_session(&options.root, &options.session)?;
    let config = site_config(&options.root);
    let categories = match &config {
        Some(c) if c.categories_ok => Categories::new(&c.value.categories, &c.value.language),
        _ => Categories::new(&crate::content::default_categories(), "zh-CN"),
    };
    let allow = crate::personal_data::Allowlist::new(
        config.iter().flat_map(|c| c.value.allowed_contacts()),
    );
    let display = options.file.display().to_string();
    let table = match register::read(&options.file, options.limits.max_file_bytes) {
        Ok(t) => t,
        Err(problem) => {
            report.diags.push(Diagnostic::in_file(problem, &display));
            return Ok(report);
        }
    };
    let source = Source::new(display.clone(), "");
    let at = |problem: Problem, row: usize, col: usize| {
        Diagnostic::at(problem, &source, Pos::new(row as u32, col as u32, 0))
    };

    let mut rows: Vec<(usize, Vec<String>)> = table
        .rows
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .collect();
    let Some(found) = heading::find(&rows) else {
        report.diags.push(Diagnostic::in_file(
            Problem::ImportMissingColumn {
                fields: vec!["title"],
                names: Field::Title.headers().to_vec(),
                searched: Some(heading::SEARCHED),
            },
            &display,
        ));
        return Ok(report);
    };
    let above = rows[..found]
        .iter()
        .map(|(_, cells)| heading::describe(cells))
        .collect();
    let mut rows = rows.split_off(found).into_iter();
    let (header_row, headers) = rows.next().unwrap_or_default();
    report.heading = Some(Heading {
        row: header_row,
        above,
    });
    let mut columns: BTreeMap<Field, usize> = BTreeMap::new();
    for (i, h) in headers.iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        match Field::from_header(h) {
            Some(f) if !columns.contains_key(&f) => {
                columns.insert(f, i);
            }
            None if columns::is_personal_header(h) => report.diags.push(at(
                Problem::ImportPersonalColumn { column: h.clone() },
                header_row,
                i + 1,
            )),
            _ => report.diags.push(at(
                Problem::ImportUnknownColumn { column: h.clone() },
                header_row,
                i + 1,
            )),
        }
    }
    let missing: Vec<&'static str> = [(Field::Title, "title")]
        .into_iter()
        .filter(|(field, _)| !columns.contains_key(field))
        .map(|(_, name)| name)
        .collect();
    if !missing.is_empty() {
        report.diags.push(at(
            Problem::ImportMissingColumn {
                fields: missing,
                names: Field::Title.headers().to_vec(),
                searched: None,
            },
            header_row,
            1,
        ));
    }
    if report.diags.has_errors() {
        return Ok(report);
    }

    let dir = options.root.join("content/proposals").join(&session.year);
    let mut taken: BTreeSet<String> = existing_names(&dir);
    let numbered = numbered_records(&options.root, &options.session, options.limits);
    let mut planned_names: BTreeMap<String, usize> = BTreeMap::new();
    let mut planned = Vec::new();
    let file_name = options
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for (row, cells) in rows {
        report.rows += 1;
        let cell = |f: Field| -> (&str, usize) {
            match columns.get(&f) {
                Some(&i) => (cells.get(i).map_or("", |c| c.as_str()), i + 1),
                None => ("", 0),
            }
        };
        let mut problems = Vec::new();
        for (&field, &i) in &columns {
            let text = cells.get(i).map_or("", String::as_str);
            if let Some((chars, max)) = table::too_long(field, text) {
                let column = headers[i].clone();
                problems.push(at(
                    Problem::ImportCellTooLong { column, chars, max },
                    row,
                    i + 1,
                ));
            }
            // A 序号 is not imported.
            let scanned = if field == Field::Serial { "" } else { text };
            for found in crate::personal_data::scan(scanned, &allow) {
                let problem = Problem::PersonalData {
                    field: field.name().to_string(),
                    name: format!("登记表“{}”列", headers[i]),
                    what: found.kind,
                    masked: found.masked,
                };
                problems.push(at(problem, row, i + 1));
            }
        }
        let head = |f: Field| {
            columns
                .get(&f)
                .map_or_else(String::new, |&i| headers[i].clone())
        };
        let record = map_row(
            &cell,
            &head,
            &session,
            &categories,
            &file_name,
            row,
            &mut |p, col| problems.push(at(p, row, col)),
        );
        if !problems.is_empty() {
            for p in problems {
                report.diags.push(p);
            }
            continue;
        }
        let Some((number, kind, text)) = record else {
            continue;
        };
        // A number the site has already: that record is this row, whatever
        // its file is called. Updated with --force, else left alone.
        let existing = number
            .as_deref()
            .and_then(number_key)
            .and_then(|key| numbered.get(&(kind, key)));
        if let Some(path) = existing
            && !options.force
        {
            report.existing += 1;
            report.diags.push(at(
                Problem::ImportNumberExists {
                    number: number.clone().unwrap_or_default(),
                    path: crate::fs::display_path(&options.root, path),
                },
                row,
                cell(Field::Number).1.max(1),
            ));
            continue;
        }
        let target = existing.cloned();
        let name = match &target {
            Some(path) => path.to_string_lossy().into_owned(),
            None => match number.as_deref().and_then(columns::name_from_number) {
                Some(n) => n,
                None => next_free(&taken),
            },
        };
        if let Some(first_row) = planned_names.get(&name) {
            report.diags.push(at(
                Problem::ImportDuplicate {
                    name: target
                        .as_deref()
                        .map(|p| crate::fs::display_path(&options.root, p))
                        .unwrap_or_else(|| name.clone()),
                    first_row: *first_row,
                },
                row,
                cell(Field::Number).1.max(1),
            ));
            continue;
        }
        planned_names.insert(name.clone(), row);
        taken.insert(name.clone());
        let path = target.unwrap_or_else(|| dir.join(format!("{name}.yaml")));
        planned.push(Planned { row, path, text });
    }

    for p in planned {
        let path = p.path;
        if path.exists() && !options.force {
            report.existing += 1;
            report.diags.push(at(
                Problem::ImportFileExists {
                    path: crate::fs::display_path(&options.root, &path),
                },
                p.row,
                1,
            ));
            continue;
        }
        if let Some(parent) = path.parent() {
            crate::fs::create_dir_all(parent)?;
        }
        crate::fs::write(&path, p.text.as_bytes())?;
        report.written.push(path);
    }
    Ok(report)
}

/// `site.yaml`, when it can be read; `check` reports why when not.
struct SiteYaml {
    value: crate::content::SiteConfig,
    /// Whether its `categories` decoded whole.
    categories_ok: bool,
}

/// Reads `site.yaml`: its categories (the default four when it lists none or
/// cannot be read) and its public contacts.
fn site_config(root: &Path) -> Option<SiteYaml> {
    let path = root.join("content/site.yaml");
    let text = std::fs::read_to_string(&path).ok()?;
    let source = Source::new("content/site.yaml", text);
    let node = crate::yaml::parse(&source.text).ok()?;
    let mut diags = Diagnostics::new();
    let site = crate::load::decode::decode_site(&source, &node, &mut diags)?;
    Some(SiteYaml {
        categories_ok: !site.is_broken("categories"),
        value: site.value,
    })
}

/// The category a cell names (see [`Categories::lookup`]): a record file
/// and a register accept the same words.
fn category(text: &str, categories: &Categories) -> Option<usize> {
    categories.lookup(text)
}

/// The session's year (its records' folder) and default kind.
struct SessionInfo {
    id: String,
    year: String,
    kind: Kind,
}

fn read_session(root: &Path, id: &str) -> Result<SessionInfo, Error> {
    let dir = root.join("content/sessions");
    let path = dir.join(format!("{id}.yaml"));
    if !crate::load::valid_name(id) || !path.is_file() {
        let mut known: Vec<String> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| Some(e.file_name().to_str()?.strip_suffix(".yaml")?.to_string()))
            .collect();
        known.sort();
        return Err(Error::NoSuchSession {
            id: id.to_string(),
            known,
        });
    }
    let text = crate::fs::read_to_string(&path)?;
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
            .map(|v| v.trim().trim_matches('"').to_string())
    };
    let year = field("year")
        .filter(|y| crate::load::valid_name(y))
        .unwrap_or_else(|| "records".into());
    // A people's congress session holds deputies' suggestions; a CPPCC one, proposals.
    let kind = if field("body").is_some_and(|b| b.contains("人大")) {
        Kind::Suggestion
    } else {
        Kind::Proposal
    };
    Ok(SessionInfo {
        id: id.to_string(),
        year,
        kind,
    })
}

/// Maps one row: `Some((number, file text))`, or problems reported through `problem`.
fn map_row<'c>(
    cell: &dyn Fn(Field) -> (&'c str, usize),
    head: &dyn Fn(Field) -> String,
    session: &SessionInfo,
    categories: &Categories,
    file_name: &str,
    row: usize,
    problem: &mut dyn FnMut(Problem, usize),
) -> Option<(Option<String>, Kind, String)> {
    let (title, title_col) = cell(Field::Title);
    if title.is_empty() {
        problem(
            Problem::ImportMissingValue {
                column: head(Field::Title),
            },
            title_col,
        );
    }
    // A result is optional: a draft may not have one yet.
    let (status_text, status_col) = cell(Field::Status);
    let mut bad_status = false;
    let status = if status_text.is_empty() {
        None
    } else {
        let c = category(status_text, categories);
        if c.is_none() {
            bad_status = true;
            let wordings: Vec<&str> = categories.list.iter().map(|c| c.wording.as_str()).collect();
            problem(
                Problem::ImportBadValue {
                    column: head(Field::Status),
                    value: status_text.to_string(),
                    expected: format!("{}（或分类的 id）", wordings.join("、")),
                },
                status_col,
            );
        }
        c
    };
    let (reason, _) = cell(Field::StatusReason);
    if let Some(i) = status
        && categories.get(i).not_feasible
        && reason.is_empty()
    {
        problem(
            Problem::ImportNeedsReason {
                column: head(Field::Status),
                category: categories.get(i).wording.clone(),
            },
            status_col,
        );
    }
    let (kind_text, kind_col) = cell(Field::Kind);
    let kind = if kind_text.is_empty() {
        Some(session.kind)
    } else {
        let k = columns::kind(kind_text);
        if k.is_none() {
            problem(
                Problem::ImportBadValue {
                    column: head(Field::Kind),
                    value: kind_text.into(),
                    expected: "提案、建议案、建议".into(),
                },
                kind_col,
            );
        }
        k
    };
    // Yes or no where the cell says so; nothing where it is empty.
    let mut flag = |field: Field| -> Option<bool> {
        let (text, col) = cell(field);
        if text.is_empty() {
            return None;
        }
        let value = columns::yes_no(text);
        if value.is_none() {
            problem(
                Problem::ImportBadValue {
                    column: head(field),
                    value: text.into(),
                    expected: "是/否、√/×、yes/no".into(),
                },
                col,
            );
        }
        value
    };
    let key = flag(Field::Key);
    let met = flag(Field::MetProposer);
    let replied = flag(Field::Replied);
    let (sat_text, sat_col) = cell(Field::Satisfaction);
    let satisfaction = if sat_text.is_empty() {
        None
    } else {
        let s = columns::satisfaction(sat_text);
        if s.is_none() {
            problem(
                Problem::ImportBadValue {
                    column: head(Field::Satisfaction),
                    value: sat_text.into(),
                    expected: "满意、基本满意、不满意、待反馈".into(),
                },
                sat_col,
            );
        }
        s
    };
    let mut date = |field: Field| {
        let (text, col) = cell(field);
        if text.is_empty() {
            return None;
        }
        let d = columns::date(text);
        if d.is_none() {
            problem(
                Problem::ImportBadValue {
                    column: head(field),
                    value: text.into(),
                    expected: "2019-09-22、2019/9/22、2019.9.22 或 2019年9月22日".into(),
                },
                col,
            );
        }
        d
    };
    let assigned_on = date(Field::AssignedOn);
    let replied_on = date(Field::RepliedOn);
    let published_on = date(Field::PublishedOn);
    if replied == Some(false) && replied_on.is_some() {
        let (text, col) = cell(Field::Replied);
        problem(
            Problem::ImportBadValue {
                column: head(Field::Replied),
                value: text.into(),
                expected: "已填写办复日期的，应为“是”或留空".into(),
            },
            col,
        );
        return None;
    }
    let (Some(kind), false, false) = (kind, title.is_empty(), bad_status) else {
        return None;
    };

    let text_of = |f: Field| cell(f).0.replace("\r\n", "\n");
    let mut out = format!(
        "{IMPORTED_MARK}{file_name} 第 {row} 行导入，尚未审核，不会发布。\n\
         # 审核后：用 gongkai publish 本文件 --disclosure public（全文公开）或 summary_only（摘要公开）发布。\n\
         # 登记表中空着的项目没有写入：未说明的事实，网站上不显示。\n"
    );
    yaml_out::field(&mut out, "kind", kind.as_str());
    // Session ids are [a-z0-9-]: plain unless all digits (which YAML reads as a number).
    let session_id = &session.id;
    if session_id.bytes().all(|b| b.is_ascii_digit()) {
        out.push_str(&format!("session: \"{session_id}\"\n"));
    } else {
        out.push_str(&format!("session: {session_id}\n"));
    }
    yaml_out::field(&mut out, "title", &text_of(Field::Title));
    // Published folded (`第４号` → `第4号`), as the loader would read it.
    let number = Some(fold::number(cell(Field::Number).0)).filter(|n| !n.is_empty());
    let optional = |out: &mut String, key: &str, f: Field| {
        let v = text_of(f);
        if !v.is_empty() {
            yaml_out::field(out, key, &v);
        }
    };
    let optional_list = |out: &mut String, key: &str, f: Field| {
        let items = columns::list(cell(f).0);
        if !items.is_empty() {
            yaml_out::list(out, key, &items);
        }
    };
    let optional_flag = |out: &mut String, key: &str, value: Option<bool>| {
        if let Some(v) = value {
            out.push_str(&format!("{key}: {v}\n"));
        }
    };
    if let Some(n) = &number {
        yaml_out::field(&mut out, "number", n);
    }
    optional(&mut out, "index_no", Field::IndexNo);
    optional_list(&mut out, "proposers", Field::Proposers);
    optional_flag(&mut out, "key", key);
    optional(&mut out, "lead_official", Field::LeadOfficial);
    optional(&mut out, "host_unit", Field::HostUnit);
    optional_list(&mut out, "co_units", Field::CoUnits);
    optional_list(&mut out, "topics", Field::Topics);
    if let Some(i) = status {
        yaml_out::field(&mut out, "status", &categories.get(i).id);
    }
    optional(&mut out, "status_reason", Field::StatusReason);
    if let Some(d) = assigned_on {
        out.push_str(&format!("assigned_on: {d}\n"));
    }
    match replied_on {
        Some(d) => out.push_str(&format!("replied_on: {d}\n")),
        None => optional_flag(&mut out, "replied", replied),
    }
    optional_flag(&mut out, "met_proposer", met);
    if let Some(s) = satisfaction {
        yaml_out::field(&mut out, "satisfaction", s.as_str());
    }
    optional(&mut out, "request", Field::Request);
    optional(&mut out, "summary", Field::Summary);
    optional(&mut out, "reply", Field::Reply);
    if let Some(d) = published_on {
        out.push_str(&format!("published_on: {d}\n"));
    }
    out.push_str("draft: true\ndisclosure: withheld\n");
    Some((number, kind, out))
}

/// The records of a session that have an official number, by kind and
/// [`number_key`]: where a row with that number already lives. Read loosely
/// (`check` judges the files); a file that cannot be read is not listed.
fn numbered_records(
    root: &Path,
    session: &str,
    limits: crate::load::Limits,
) -> BTreeMap<(Kind, String), PathBuf> {
    let mut found = BTreeMap::new();
    let walker = walkdir::WalkDir::new(root.join("content/proposals")).sort_by_file_name();
    for entry in walker.into_iter().flatten() {
        let path = entry.path();
        if !entry.file_type().is_file()
            || path.extension().is_none_or(|e| e != "yaml")
            || entry
                .metadata()
                .map_or(true, |m| m.len() > limits.max_file_bytes)
        {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let Ok(node) = crate::yaml::parse(&text) else {
            continue;
        };
        let crate::yaml::Value::Map(entries) = &node.value else {
            continue;
        };
        let field = |name: &str| {
            entries
                .iter()
                .find(|(k, _)| k.text == name)
                .map(|(_, v)| v.value.scalar_text())
        };
        if field("session").as_deref() != Some(session) {
            continue;
        }
        let kind = field("kind")
            .and_then(|k| Kind::parse(k.trim()))
            .unwrap_or(Kind::Proposal);
        if let Some(key) = field("number").as_deref().and_then(number_key) {
            found
                .entry((kind, key))
                .or_insert_with(|| path.to_path_buf());
        }
    }
    found
}

/// Record names already in a folder.
fn existing_names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some(e.file_name().to_str()?.strip_suffix(".yaml")?.to_string()))
        .collect()
}

/// The next four-digit name after the highest numeric one taken.
fn next_free(taken: &BTreeSet<String>) -> String {
    let next = taken
        .iter()
        .filter_map(|s| s.parse::<u64>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    format!("{next:04}")
}
