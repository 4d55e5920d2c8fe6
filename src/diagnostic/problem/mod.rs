//! Every problem gongkai reports, with its stable code and its message in
//! Chinese and English. Codes never change meaning once released;
//! docs/diagnostics.md lists them (a test keeps that list complete).
//!
//! Each message says what is wrong, then after " — " what to do.

mod catalogue;
mod message;

use super::{IoFailure, Lang, RegisterLimit, Severity, SyntaxCause, YamlLimit};

/// The YAML value types a field can expect or find, named for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    Text,
    Bool,
    Integer,
    Number,
    List,
    Mapping,
    Null,
}

impl ValueType {
    fn name(self, lang: Lang) -> &'static str {
        match self {
            ValueType::Text => lang.pick("文本", "text"),
            ValueType::Bool => lang.pick("true 或 false", "true or false"),
            ValueType::Integer => lang.pick("整数", "a whole number"),
            ValueType::Number => lang.pick("数字", "a number"),
            ValueType::List => lang.pick("列表（每项以 - 开头）", "a list (items start with -)"),
            ValueType::Mapping => lang.pick("键值对（字段: 值）", "a mapping (field: value)"),
            ValueType::Null => lang.pick("空值", "nothing"),
        }
    }
}

/// What is wrong. Each variant has one code.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Problem {
    // --- Reading files -------------------------------------------------------
    /// E001: the YAML parser refused the text, for a cause with no code of its
    /// own (those are E050–E059).
    Syntax { cause: SyntaxCause },
    /// E002: a file with nothing in it.
    EmptyFile,
    /// E003: a list or a single value where a mapping belongs.
    NotMapping { field: String, found: ValueType },
    /// E004: a key written twice in one mapping.
    DuplicateKey { key: String },
    /// E005: the YAML breaks a safety budget (aliases, nesting, size).
    InputLimit { limit: YamlLimit },
    /// E006: a file over the size cap.
    FileTooLarge { size: u64, limit: u64 },
    /// E007: the file could not be read.
    Unreadable { failure: IoFailure },
    /// E008: the file is not UTF-8.
    NotUtf8,
    /// E009: walking `content/` failed (symlink loop, unreadable folder).
    WalkFailed { failure: IoFailure },
    /// E017: more than one YAML document (`---`) in one file.
    MultipleDocuments,
    /// E018: a `.yaml` entry that is not a regular file (a pipe, a device, a socket),
    /// which reading would block on or never finish.
    NotRegularFile,
    /// E019: more field errors in one file than are worth listing.
    TooManyErrors { more: usize },

    // --- YAML mistakes found by looking at the line (yaml/syntax.rs) ------------
    /// E050: a full-width colon `：` after a field name (a Chinese input method's colon).
    FullWidthColon { key: String, value: String },
    /// E051: a full-width space `　` where YAML needs an ASCII space.
    FullWidthSpace,
    /// E052: a tab where YAML needs spaces.
    Tab,
    /// E053: `field:value`, no space after the colon.
    NoSpaceAfterColon { key: String, value: String },
    /// E054: a line of a `|` or `>` text indented less than the text's first line.
    BlockIndent {
        header: String,
        expected: usize,
        found: usize,
    },
    /// E055: a quote that is never closed, or closed with a Chinese quote.
    UnclosedQuote {
        open: char,
        chinese_close: Option<char>,
    },
    /// E056: a `-` list item out of line with its list, or where no list can be.
    ListIndent {
        found: usize,
        expected: Option<usize>,
    },
    /// E057: a line indented out of line with the line above.
    Indentation {
        found: usize,
        above: String,
        above_indent: usize,
    },
    /// E058: `: ` inside a value, which YAML reads as the start of another field.
    ColonInValue { key: String },
    /// E059: a character YAML does not allow anywhere in a file (a control
    /// character such as Word's manual line break U+000B, pasted with the
    /// text); `more` is how many others the file holds.
    ControlCharacter { ch: char, more: usize },

    // --- Fields ----------------------------------------------------------------
    /// E010: a field that does not exist here.
    UnknownField {
        field: String,
        allowed: Vec<&'static str>,
    },
    /// E011: a required field is absent.
    MissingField { field: String },
    /// E012: a keyword field holds an unknown keyword.
    UnknownValue {
        field: String,
        value: String,
        allowed: Vec<&'static str>,
    },
    /// E013: a value of the wrong type.
    WrongType {
        field: String,
        expected: ValueType,
        found: ValueType,
        value: String,
    },
    /// E014: a date that is not a real `YYYY-MM-DD` (or, for outcomes, `YYYY`/`YYYY-MM`).
    BadDate {
        field: String,
        value: String,
        partial: bool,
    },
    /// E015: an empty text where text is required.
    EmptyValue { field: String },
    /// E016: a number out of its range (a negative count, a rate over 100).
    OutOfRange {
        field: String,
        value: String,
        range: &'static str,
    },

    // --- Files and references ----------------------------------------------------
    /// E020: a file or folder name outside `[a-z0-9-]`.
    BadName { name: String },
    /// E021: a folder named `page` under `content/proposals/` (pagination uses it).
    ReservedName { name: String },
    /// E022: `session:` names no session file.
    UnknownSession { session: String, known: Vec<String> },
    /// E023: a record in a `not_feasible` category without `status_reason`;
    /// `category` is the category's wording (C类（因条件限制暂不能解决）).
    MissingStatusReason { category: String },
    /// E024: an attachment path that leaves the site folder.
    AttachmentOutside { file: String },
    /// E025: an attachment file that does not exist.
    AttachmentMissing { file: String },
    /// E026: no `content/site.yaml`.
    MissingSiteFile,
    /// E027: no `content/` folder under the site root.
    NoContentDir { root: String },
    /// E028: a YAML file with the `.yml` extension, or in the wrong place.
    MisplacedFile { name: String },
    /// E029: a symlink in the site (content, templates, static files, labels,
    /// themes) that leads outside the site folder: neither `build` nor `serve`
    /// reads through it, so a link cannot publish a file from elsewhere.
    LinkOutside { name: String },

    // --- site.yaml ---------------------------------------------------------------
    /// E030: a malformed ICP number.
    BadIcp { value: String },
    /// E031: a malformed public-security filing number.
    BadPolice { value: String },
    /// E032: a malformed 网站标识码.
    BadSiteCode { value: String },
    /// E033: `base_url` is not an absolute http(s) URL.
    BadBaseUrl { value: String },
    /// E034: two terms share one slug.
    SlugClash {
        slug: String,
        first: String,
        second: String,
    },
    /// E035: a slug override outside `[a-z0-9-]`.
    BadSlug { term: String, slug: String },
    /// E036: a link that is neither a site path nor an http(s)/mailto address.
    BadLink { value: String },
    /// E037: `theme:` names no theme.
    UnknownTheme { theme: String },
    /// E038: a `language` tag gongkai has no labels for.
    UnknownLanguage {
        value: String,
        allowed: Vec<&'static str>,
    },
    /// E039: a theme file in a place gongkai does not read: a component in the
    /// old flat `templates/components/` folder, or a file in `components/<name>/`
    /// not named `<name>.html`, `<name>.css` or `examples.yaml`. An override
    /// that silently does nothing is worse than an error; `moved_to` is where
    /// the file belongs, when that is clear.
    ThemeFileIgnored {
        name: String,
        moved_to: Option<String>,
    },

    // --- Figures -----------------------------------------------------------------
    /// E040: more records than the session declares.
    FigureExceeded {
        what: Figure,
        records: u32,
        declared: u32,
    },
    /// E041: the records cover the session but a count or rate differs from the declared one.
    FigureMismatch {
        what: Figure,
        computed: String,
        declared: String,
    },
    /// E043: a field a later version renamed or replaced; `replacement` is
    /// its new form, written as YAML (`state: planned`).
    RetiredField { field: String, replacement: String },
    /// E044: `status` names no category of the site.
    UnknownCategory { value: String, known: Vec<String> },
    /// E065: `status` is no category's id or printed form, but part of some
    /// (`计划解决`); `guesses` are those categories, each as
    /// `in_progress（B类 正在解决或列入计划解决）`.
    AmbiguousCategory { value: String, guesses: Vec<String> },
    /// E045: two categories in `site.yaml` with one `id`.
    DuplicateCategory { id: String },
    /// E046: a category `id` outside lower-case letters, digits, `-` and `_`.
    BadCategoryId { id: String },
    /// E047: `replied: false` (尚未办复) beside a `replied_on` date.
    RepliedContradiction,
    /// E048: the reply date `replied_on` falls before the assignment date `assigned_on`.
    RepliedBeforeAssigned { assigned: String, replied: String },
    /// E064: two records of one session with the same official number
    /// (`第4号`, `４`, `0004` are one number); `other` is the first file.
    DuplicateNumber { number: String, other: String },
    /// E066 (in `build`) / W007 (in `check` and `serve`): a value still holds a
    /// stand-in that `init` or `new` wrote (see `content/placeholder.rs`).
    Placeholder {
        field: String,
        value: String,
        marker: &'static str,
        strict: bool,
    },
    /// E049: a mobile number, a resident ID number or an e-mail address in a
    /// text that reaches an output (or in a register cell `import` reads) and
    /// that `public_contacts` does not list. `field` is the field (`reply`,
    /// `outcomes[1].text`), `name` what the webmaster calls it (答复全文, or
    /// 登记表“答复函”列); `masked` is all a message shows of the number.
    PersonalData {
        field: String,
        name: String,
        what: crate::personal_data::Kind,
        masked: String,
    },
    /// E042: a one-line text (a title, a name, a unit) longer than a line can be.
    TextTooLong {
        field: String,
        chars: usize,
        max: usize,
    },

    // --- Rendered pages (`gongkai check`) -------------------------------------------
    /// E060: a link or asset reference in a page names no file of the site.
    BrokenLink { page: String, target: String },
    /// E061: a `#fragment` link names no element id of its target page.
    BrokenFragment { page: String, target: String },
    /// E062: a reference climbs out of the site (`../` above its root, a path outside base_url).
    LinkOutsideSite { page: String, target: String },
    /// E063: a page without a `<title>`.
    MissingTitle { page: String },

    // --- Spreadsheet import (`gongkai import`) ------------------------------------
    /// E070: the spreadsheet cannot be read.
    ImportUnreadable { reason: super::Unreadable },
    /// E071: no column for fields every record needs. `names` are the
    /// headings that would have been taken for them; `searched` is how many
    /// rows were looked through when no row was a heading row at all (`None`:
    /// the heading row was found, and lacks the column).
    ImportMissingColumn {
        fields: Vec<&'static str>,
        names: Vec<&'static str>,
        searched: Option<usize>,
    },
    /// E072: a row leaves a needed field empty; `column` is the register's own heading.
    ImportMissingValue { column: String },
    /// E073: a cell's value cannot be turned into the field's value; `column`
    /// is the register's own heading (办理类别, not the canonical 办理结果).
    ImportBadValue {
        column: String,
        value: String,
        expected: String,
    },
    /// E074: two rows would be written to the same record file.
    ImportDuplicate { name: String, first_row: usize },
    /// E075: a row in a `not_feasible` category (暂不能解决) without a reason
    /// column or value; `category` is the category's wording, `column` the
    /// register's heading of the result column.
    ImportNeedsReason { column: String, category: String },
    /// E076: the register breaks a safety limit (size, parts, cells…).
    ImportLimit { limit: RegisterLimit },
    /// E077: a cell longer than the one-line text its field can hold.
    ImportCellTooLong {
        column: String,
        chars: usize,
        max: usize,
    },

    // --- Warnings ----------------------------------------------------------------
    /// W001: a record without `host_unit`.
    MissingHostUnit,
    /// W002: `status_reason` on a record that states no category (`status`).
    ReasonWithoutCategory,
    /// W003: a file in `content/` that gongkai does not read.
    IgnoredFile { name: String },
    /// W004: invisible text-direction controls (U+202A–U+202E, U+2066–U+2069)
    /// in a text; they are removed, since they can make a title read on the
    /// page differently from the file (a spoofing trick, or pasted debris).
    BidiControl { field: String },
    /// W010: control characters in a text, written as escapes in quotes
    /// (`"\v"`, `"\u000b"`, as `gongkai import` writes a cell that held one);
    /// they are removed: HTML shows them as boxes, XML (the feed, the site
    /// map) refuses the whole file over one, and a CSV reader may cut the text.
    ControlInText { field: String },
    /// W005: `disclosure_reason` on a record that is not `summary_only`,
    /// where it explains nothing and is not shown.
    DisclosureReasonUnused,
    /// W009: `site.yaml` gives no `base_url`: the site is built with relative
    /// links, and what needs an absolute address (canonical links, the XML
    /// sitemap, the Atom feed, SiteDomain) is left out — never a made-up host.
    NoBaseUrl,
    /// W008: a record from `import`, no longer a draft, still `withheld`: it
    /// vanishes from the site, which is seldom what removing `draft` meant.
    ImportedWithheld,
    /// W070: a spreadsheet column that `import` does not know.
    ImportUnknownColumn { column: String },
    /// W006: a row's official number is already a record's of the session; the
    /// row was skipped (`--force` updates that record from the register).
    ImportNumberExists { number: String, path: String },
    /// W071: the record file for a row exists already; the row was skipped.
    ImportFileExists { path: String },
    /// W072: a register column of personal contact data (联系电话, 身份证号,
    /// 邮箱…), which `import` leaves out.
    ImportPersonalColumn { column: String },
}

/// The session figures named in figure diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    Recommendations,
    Proposals,
    Suggestions,
    Key,
    NotFeasible,
    ReplyRate,
    MeetingRate,
    SatisfactionRate,
}

impl Figure {
    /// The `declared:` field name.
    pub fn field(self) -> &'static str {
        match self {
            Figure::Recommendations => "recommendations",
            Figure::Proposals => "proposals",
            Figure::Suggestions => "suggestions",
            Figure::Key => "key",
            Figure::NotFeasible => "not_feasible",
            Figure::ReplyRate => "reply_rate",
            Figure::MeetingRate => "meeting_rate",
            Figure::SatisfactionRate => "satisfaction_rate",
        }
    }

    fn name(self, lang: Lang) -> &'static str {
        match self {
            Figure::Recommendations => lang.pick("建议案件数", "recommendations"),
            Figure::Proposals => lang.pick("提案件数", "proposals"),
            Figure::Suggestions => lang.pick("人大代表建议件数", "suggestions"),
            Figure::Key => lang.pick("重点督办件数", "key records"),
            Figure::NotFeasible => lang.pick("暂不能解决件数", "not-feasible records"),
            Figure::ReplyRate => lang.pick("办复率", "reply rate"),
            Figure::MeetingRate => lang.pick("见面率", "meeting rate"),
            Figure::SatisfactionRate => lang.pick("满意和基本满意率", "satisfaction rate"),
        }
    }
}

impl Problem {
    /// The stable code: `E0xx` for errors, `W0xx` for warnings.
    pub fn code(&self) -> &'static str {
        use Problem::*;
        match self {
            Syntax { .. } => "E001",
            EmptyFile => "E002",
            NotMapping { .. } => "E003",
            DuplicateKey { .. } => "E004",
            InputLimit { .. } => "E005",
            FileTooLarge { .. } => "E006",
            Unreadable { .. } => "E007",
            NotUtf8 => "E008",
            WalkFailed { .. } => "E009",
            UnknownField { .. } => "E010",
            MissingField { .. } => "E011",
            UnknownValue { .. } => "E012",
            WrongType { .. } => "E013",
            BadDate { .. } => "E014",
            EmptyValue { .. } => "E015",
            OutOfRange { .. } => "E016",
            MultipleDocuments => "E017",
            NotRegularFile => "E018",
            TooManyErrors { .. } => "E019",
            FullWidthColon { .. } => "E050",
            FullWidthSpace => "E051",
            Tab => "E052",
            NoSpaceAfterColon { .. } => "E053",
            BlockIndent { .. } => "E054",
            UnclosedQuote { .. } => "E055",
            ListIndent { .. } => "E056",
            Indentation { .. } => "E057",
            ColonInValue { .. } => "E058",
            ControlCharacter { .. } => "E059",
            BadName { .. } => "E020",
            ReservedName { .. } => "E021",
            UnknownSession { .. } => "E022",
            MissingStatusReason { .. } => "E023",
            AttachmentOutside { .. } => "E024",
            AttachmentMissing { .. } => "E025",
            MissingSiteFile => "E026",
            NoContentDir { .. } => "E027",
            MisplacedFile { .. } => "E028",
            LinkOutside { .. } => "E029",
            BadIcp { .. } => "E030",
            BadPolice { .. } => "E031",
            BadSiteCode { .. } => "E032",
            BadBaseUrl { .. } => "E033",
            SlugClash { .. } => "E034",
            BadSlug { .. } => "E035",
            BadLink { .. } => "E036",
            UnknownTheme { .. } => "E037",
            UnknownLanguage { .. } => "E038",
            ThemeFileIgnored { .. } => "E039",
            FigureExceeded { .. } => "E040",
            FigureMismatch { .. } => "E041",
            TextTooLong { .. } => "E042",
            RetiredField { .. } => "E043",
            UnknownCategory { .. } => "E044",
            AmbiguousCategory { .. } => "E065",
            DuplicateCategory { .. } => "E045",
            BadCategoryId { .. } => "E046",
            RepliedContradiction => "E047",
            RepliedBeforeAssigned { .. } => "E048",
            DuplicateNumber { .. } => "E064",
            Placeholder { strict: true, .. } => "E066",
            Placeholder { strict: false, .. } => "W007",
            PersonalData { .. } => "E049",
            BrokenLink { .. } => "E060",
            BrokenFragment { .. } => "E061",
            LinkOutsideSite { .. } => "E062",
            MissingTitle { .. } => "E063",
            ImportUnreadable { .. } => "E070",
            ImportMissingColumn { .. } => "E071",
            ImportMissingValue { .. } => "E072",
            ImportBadValue { .. } => "E073",
            ImportDuplicate { .. } => "E074",
            ImportNeedsReason { .. } => "E075",
            ImportLimit { .. } => "E076",
            ImportCellTooLong { .. } => "E077",
            MissingHostUnit => "W001",
            ReasonWithoutCategory => "W002",
            IgnoredFile { .. } => "W003",
            BidiControl { .. } => "W004",
            ControlInText { .. } => "W010",
            DisclosureReasonUnused => "W005",
            NoBaseUrl => "W009",
            ImportedWithheld => "W008",
            ImportUnknownColumn { .. } => "W070",
            ImportFileExists { .. } => "W071",
            ImportNumberExists { .. } => "W006",
            ImportPersonalColumn { .. } => "W072",
        }
    }

    pub fn severity(&self) -> Severity {
        if self.code().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// The field whose value this problem leaves unusable (`status`,
    /// `filing.icp`, `outcomes[1].date`), for field-level problems. An unknown
    /// field is not one: it spoils no value the file does have.
    pub fn broken_field(&self) -> Option<&str> {
        use Problem::*;
        match self {
            NotMapping { field, .. }
            | MissingField { field }
            | UnknownValue { field, .. }
            | WrongType { field, .. }
            | BadDate { field, .. }
            | EmptyValue { field }
            | OutOfRange { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// The closest candidate to a misspelt word, if it is close enough to be a typo.
pub fn did_you_mean<'a, S: AsRef<str>>(word: &str, candidates: &'a [S]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c.as_ref()), c.as_ref()))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut codes: Vec<&str> = Problem::catalogue().iter().map(|p| p.code()).collect();
        let n = codes.len();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), n, "duplicate codes");
        for c in codes {
            assert!(
                c.len() == 4 && (c.starts_with('E') || c.starts_with('W')),
                "{c}"
            );
        }
    }

    #[test]
    fn every_message_says_what_to_do() {
        for p in Problem::catalogue() {
            for lang in [Lang::Zh, Lang::En] {
                assert!(
                    p.message(lang).contains(" — "),
                    "{} lacks a hint in {lang:?}",
                    p.code()
                );
            }
        }
    }

    #[test]
    fn suggests_close_spellings_only() {
        assert_eq!(
            did_you_mean("resolved", &["solved", "in_progress"]),
            Some("solved")
        );
        assert_eq!(did_you_mean("titel", &["title", "topics"]), Some("title"));
        assert_eq!(did_you_mean("zzz", &["title", "topics"]), None);
    }
}
