//! `gongkai import`: a spreadsheet register (CSV or Excel) → one draft record
//! file per row.
//!
//! Offices keep their registers in Excel. The importer reads the header row,
//! maps each column to a record field by its Chinese or English name
//! ([`columns`]), and writes each row as `content/proposals/<year>/<name>.yaml`
//! in the given session, named after the row's official number (`第12号` →
//! `0012`) or, without one, the next free number. Every record is written with
//! `draft: true` and `disclosure: withheld`: nothing is published until a person
//! has reviewed it and chosen its disclosure. Rows that cannot be mapped are
//! reported as diagnostics at `file:row:column` and skipped; existing files are
//! never overwritten without `--force`.

pub mod columns;
pub mod table;
pub mod workbook;
pub mod yaml_out;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use columns::Field;

use crate::content::{Kind, Satisfaction, Status};
use crate::diagnostic::{Diagnostic, Diagnostics, Pos, Problem, Source};
use crate::error::Error;

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
}

/// A row made into a record file's text.
struct Planned {
    row: usize,
    name: String,
    text: String,
}

/// Runs an import. `Err` only for problems outside the register's rows (no such
/// session, an unwritable folder); row problems are in the report.
pub fn run(options: &ImportOptions) -> Result<ImportReport, Error> {
    let session = read_session(&options.root, &options.session)?;
    let display = options.file.display().to_string();
    let mut report = ImportReport::default();
    let table = match table::read(&options.file, options.limits.max_file_bytes) {
        Ok(t) => t,
        Err(problem) => {
            report.diags.push(Diagnostic::in_file(problem, &display));
            return Ok(report);
        }
    };
    let source = Source {
        name: display.clone(),
        text: "".into(),
    };
    let at = |problem: Problem, row: usize, col: usize| {
        Diagnostic::at(problem, &source, Pos::new(row as u32, col as u32, 0))
    };

    let mut rows = table
        .rows
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
    let Some((header_row, headers)) = rows.next() else {
        report.diags.push(Diagnostic::in_file(
            Problem::ImportMissingColumn {
                fields: vec!["title", "status"],
            },
            &display,
        ));
        return Ok(report);
    };
    let mut columns: BTreeMap<Field, usize> = BTreeMap::new();
    for (i, h) in headers.iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        match Field::from_header(h) {
            Some(f) if !columns.contains_key(&f) => {
                columns.insert(f, i);
            }
            _ => report.diags.push(at(
                Problem::ImportUnknownColumn { column: h.clone() },
                header_row,
                i + 1,
            )),
        }
    }
    let missing: Vec<&'static str> = [(Field::Title, "title"), (Field::Status, "status")]
        .into_iter()
        .filter(|(field, _)| !columns.contains_key(field))
        .map(|(_, name)| name)
        .collect();
    if !missing.is_empty() {
        report.diags.push(at(
            Problem::ImportMissingColumn { fields: missing },
            header_row,
            1,
        ));
    }
    if report.diags.has_errors() {
        return Ok(report);
    }

    let dir = options.root.join("content/proposals").join(&session.year);
    let mut taken: BTreeSet<String> = existing_names(&dir);
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
        }
        let record = map_row(
            &cell,
            &session,
            &options.session,
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
        let Some((number, text)) = record else {
            continue;
        };
        let name = match number.as_deref().and_then(columns::name_from_number) {
            Some(n) => n,
            None => next_free(&taken),
        };
        if let Some(first_row) = planned_names.get(&name) {
            report.diags.push(at(
                Problem::ImportDuplicate {
                    name: name.clone(),
                    first_row: *first_row,
                },
                row,
                cell(Field::Number).1.max(1),
            ));
            continue;
        }
        planned_names.insert(name.clone(), row);
        taken.insert(name.clone());
        planned.push(Planned { row, name, text });
    }

    for p in planned {
        let path = dir.join(format!("{}.yaml", p.name));
        if path.exists() && !options.force {
            report.existing += 1;
            report.diags.push(at(
                Problem::ImportFileExists {
                    path: crate::load::display_path(&options.root, &path),
                },
                p.row,
                1,
            ));
            continue;
        }
        crate::fs::create_dir_all(&dir)?;
        crate::fs::write(&path, p.text.as_bytes())?;
        report.written.push(path);
    }
    Ok(report)
}

/// The session's year (its records' folder) and default kind.
struct SessionInfo {
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
    Ok(SessionInfo { year, kind })
}

/// Maps one row: `Some((number, file text))`, or problems reported through `problem`.
fn map_row<'c>(
    cell: &dyn Fn(Field) -> (&'c str, usize),
    session: &SessionInfo,
    session_id: &str,
    file_name: &str,
    row: usize,
    problem: &mut dyn FnMut(Problem, usize),
) -> Option<(Option<String>, String)> {
    let (title, title_col) = cell(Field::Title);
    if title.is_empty() {
        problem(Problem::ImportMissingValue { field: "title" }, title_col);
    }
    let (status_text, status_col) = cell(Field::Status);
    let status = if status_text.is_empty() {
        problem(Problem::ImportMissingValue { field: "status" }, status_col);
        None
    } else {
        let s = columns::status(status_text);
        if s.is_none() {
            problem(
                Problem::ImportBadValue {
                    field: "status",
                    value: status_text.to_string(),
                    expected: "A/B/C、甲/乙/丙、已解决或基本解决、正在解决或列入计划、因条件限制暂不能解决、留作参考",
                },
                status_col,
            );
        }
        s
    };
    let (reason, _) = cell(Field::StatusReason);
    if status == Some(Status::NotFeasible) && reason.is_empty() {
        problem(Problem::ImportNeedsReason, status_col);
    }
    let (kind_text, kind_col) = cell(Field::Kind);
    let kind = if kind_text.is_empty() {
        Some(session.kind)
    } else {
        let k = columns::kind(kind_text);
        if k.is_none() {
            problem(
                Problem::ImportBadValue {
                    field: "kind",
                    value: kind_text.into(),
                    expected: "提案、建议案、建议",
                },
                kind_col,
            );
        }
        k
    };
    let mut flag = |field: Field, name: &'static str| {
        let (text, col) = cell(field);
        columns::yes_no(text).unwrap_or_else(|| {
            problem(
                Problem::ImportBadValue {
                    field: name,
                    value: text.into(),
                    expected: "是/否、√/×、yes/no",
                },
                col,
            );
            false
        })
    };
    let key = flag(Field::Key, "key");
    let met = flag(Field::MetProposer, "met_proposer");
    let (sat_text, sat_col) = cell(Field::Satisfaction);
    let satisfaction = columns::satisfaction(sat_text).unwrap_or_else(|| {
        problem(
            Problem::ImportBadValue {
                field: "satisfaction",
                value: sat_text.into(),
                expected: "满意、基本满意、不满意、待反馈",
            },
            sat_col,
        );
        Satisfaction::Pending
    });
    let mut date = |field: Field, name: &'static str| {
        let (text, col) = cell(field);
        if text.is_empty() {
            return None;
        }
        let d = columns::date(text);
        if d.is_none() {
            problem(
                Problem::ImportBadValue {
                    field: name,
                    value: text.into(),
                    expected: "2019-09-22、2019/9/22 或 2019年9月22日",
                },
                col,
            );
        }
        d
    };
    let replied_on = date(Field::RepliedOn, "replied_on");
    let published_on = date(Field::PublishedOn, "published_on");
    let (Some(status), Some(kind), false) = (status, kind, title.is_empty()) else {
        return None;
    };

    let text_of = |f: Field| cell(f).0.replace("\r\n", "\n");
    let mut out = format!(
        "# 由 gongkai import 从 {file_name} 第 {row} 行导入，尚未审核，不会发布。\n\
         # 审核后：删除 draft: true 一行，并把 disclosure 改为 public（全文公开）或 summary_only（只公开摘要）。\n"
    );
    yaml_out::field(&mut out, "kind", kind.as_str());
    // Session ids are [a-z0-9-]: plain unless all digits (which YAML reads as a number).
    if session_id.bytes().all(|b| b.is_ascii_digit()) {
        out.push_str(&format!("session: \"{session_id}\"\n"));
    } else {
        out.push_str(&format!("session: {session_id}\n"));
    }
    yaml_out::field(&mut out, "title", &text_of(Field::Title));
    let number = Some(text_of(Field::Number)).filter(|n| !n.is_empty());
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
    optional(&mut out, "number", Field::Number);
    optional(&mut out, "index_no", Field::IndexNo);
    optional_list(&mut out, "proposers", Field::Proposers);
    out.push_str(&format!("key: {key}\n"));
    optional(&mut out, "lead_official", Field::LeadOfficial);
    optional(&mut out, "host_unit", Field::HostUnit);
    optional_list(&mut out, "co_units", Field::CoUnits);
    optional_list(&mut out, "topics", Field::Topics);
    yaml_out::field(&mut out, "status", status.as_str());
    if status == Status::NotFeasible {
        optional(&mut out, "status_reason", Field::StatusReason);
    }
    if let Some(d) = replied_on {
        out.push_str(&format!("replied_on: {d}\n"));
    }
    out.push_str(&format!("met_proposer: {met}\n"));
    yaml_out::field(&mut out, "satisfaction", satisfaction.as_str());
    optional(&mut out, "request", Field::Request);
    optional(&mut out, "summary", Field::Summary);
    if let Some(d) = published_on {
        out.push_str(&format!("published_on: {d}\n"));
    }
    out.push_str("draft: true\ndisclosure: withheld\n");
    Some((number, out))
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
