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
//! reported as diagnostics at `file:row:column` — the row as the spreadsheet
//! numbers it, the header being row 1 — and skipped; existing files are never
//! overwritten without `--force`.
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
pub mod table;
pub mod workbook;
pub mod yaml_out;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use columns::Field;

use crate::content::Kind;
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
    let config = site_config(&options.root);
    let categories = match &config {
        Some(c) if c.categories_ok => Categories::new(&c.value.categories, &c.value.language),
        _ => Categories::new(&crate::content::default_categories(), "zh-CN"),
    };
    let allow = crate::personal_data::Allowlist::new(
        config.iter().flat_map(|c| c.value.allowed_contacts()),
    );
    let display = options.file.display().to_string();
    let mut report = ImportReport::default();
    let table = match table::read(&options.file, options.limits.max_file_bytes) {
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

    let mut rows = table
        .rows
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
    let Some((header_row, headers)) = rows.next() else {
        report.diags.push(Diagnostic::in_file(
            Problem::ImportMissingColumn {
                fields: vec!["title"],
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
        let record = map_row(
            &cell,
            &session,
            &categories,
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
    let node = crate::load::yaml::parse(&source.text).ok()?;
    let mut diags = Diagnostics::new();
    let site = crate::load::decode::decode_site(&source, &node, &mut diags)?;
    Some(SiteYaml {
        categories_ok: !site.is_broken("categories"),
        value: site.value,
    })
}

/// The category a cell names: one of the site's by id, label, meaning or
/// wording (compared without spaces, brackets and 类), else the default
/// category its usual words name, when the site has it.
fn category(text: &str, categories: &Categories) -> Option<usize> {
    let raw = text.trim();
    let key = columns::category_key(raw);
    let by_site = categories.list.iter().position(|c| {
        c.id == raw.to_ascii_lowercase()
            || c.wording == raw
            || c.label == raw
            || c.meaning.as_deref() == Some(raw)
            || (!key.is_empty() && columns::category_key(&c.label) == key)
    });
    by_site.or_else(|| categories.find(columns::default_category(raw)?))
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
    categories: &Categories,
    session_id: &str,
    file_name: &str,
    row: usize,
    problem: &mut dyn FnMut(Problem, usize),
) -> Option<(Option<String>, String)> {
    let (title, title_col) = cell(Field::Title);
    if title.is_empty() {
        problem(Problem::ImportMissingValue { field: "title" }, title_col);
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
                    field: "status",
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
                    field: "kind",
                    value: kind_text.into(),
                    expected: "提案、建议案、建议".into(),
                },
                kind_col,
            );
        }
        k
    };
    // Yes or no where the cell says so; nothing where it is empty.
    let mut flag = |field: Field, name: &'static str| -> Option<bool> {
        let (text, col) = cell(field);
        if text.is_empty() {
            return None;
        }
        let value = columns::yes_no(text);
        if value.is_none() {
            problem(
                Problem::ImportBadValue {
                    field: name,
                    value: text.into(),
                    expected: "是/否、√/×、yes/no".into(),
                },
                col,
            );
        }
        value
    };
    let key = flag(Field::Key, "key");
    let met = flag(Field::MetProposer, "met_proposer");
    let replied = flag(Field::Replied, "replied");
    let (sat_text, sat_col) = cell(Field::Satisfaction);
    let satisfaction = if sat_text.is_empty() {
        None
    } else {
        let s = columns::satisfaction(sat_text);
        if s.is_none() {
            problem(
                Problem::ImportBadValue {
                    field: "satisfaction",
                    value: sat_text.into(),
                    expected: "满意、基本满意、不满意、待反馈".into(),
                },
                sat_col,
            );
        }
        s
    };
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
                    expected: "2019-09-22、2019/9/22 或 2019年9月22日".into(),
                },
                col,
            );
        }
        d
    };
    let replied_on = date(Field::RepliedOn, "replied_on");
    let published_on = date(Field::PublishedOn, "published_on");
    if replied == Some(false) && replied_on.is_some() {
        let (text, col) = cell(Field::Replied);
        problem(
            Problem::ImportBadValue {
                field: "replied",
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
        "# 由 gongkai import 从 {file_name} 第 {row} 行导入，尚未审核，不会发布。\n\
         # 审核后：删除 draft: true 一行，并把 disclosure 改为 public（全文公开）或 summary_only（摘要公开）。\n\
         # 登记表中空着的项目没有写入：未说明的事实，网站上不显示。\n"
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
    let optional_flag = |out: &mut String, key: &str, value: Option<bool>| {
        if let Some(v) = value {
            out.push_str(&format!("{key}: {v}\n"));
        }
    };
    optional(&mut out, "number", Field::Number);
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
