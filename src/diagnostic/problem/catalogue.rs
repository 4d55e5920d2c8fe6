//! One example of every [`Problem`]: the code list of docs/diagnostics.md
//! and the tests that check every code and message are made from it.

use super::{Figure, IoFailure, Problem, RegisterLimit, SyntaxCause, ValueType, YamlLimit};

impl Problem {
    /// One example of every problem, for the code list of docs/diagnostics.md and its test.
    pub fn catalogue() -> Vec<Problem> {
        use Problem::*;
        let s = String::new;
        vec![
            Syntax {
                cause: SyntaxCause::Structure,
            },
            EmptyFile,
            NotMapping {
                field: s(),
                found: ValueType::List,
            },
            DuplicateKey { key: s() },
            InputLimit {
                limit: YamlLimit::Depth,
            },
            FileTooLarge { size: 0, limit: 0 },
            Unreadable {
                failure: IoFailure::of(&std::io::Error::from(std::io::ErrorKind::PermissionDenied)),
            },
            NotUtf8,
            WalkFailed {
                failure: IoFailure::LOOP,
            },
            MultipleDocuments,
            NotRegularFile,
            TooManyErrors { more: 0 },
            FullWidthColon {
                key: s(),
                value: s(),
            },
            FullWidthSpace,
            Tab,
            NoSpaceAfterColon {
                key: s(),
                value: s(),
            },
            BlockIndent {
                header: s(),
                expected: 0,
                found: 0,
            },
            UnclosedQuote {
                open: '"',
                chinese_close: None,
            },
            ListIndent {
                found: 0,
                expected: None,
            },
            Indentation {
                found: 0,
                above: s(),
                above_indent: 0,
            },
            ColonInValue { key: s() },
            ControlCharacter {
                ch: '\u{0B}',
                more: 0,
            },
            UnknownField {
                field: s(),
                allowed: vec![],
            },
            MissingField { field: s() },
            UnknownValue {
                field: s(),
                value: s(),
                allowed: vec![],
            },
            WrongType {
                field: s(),
                expected: ValueType::Text,
                found: ValueType::List,
                value: s(),
            },
            BadDate {
                field: s(),
                value: s(),
                partial: false,
            },
            EmptyValue { field: s() },
            OutOfRange {
                field: s(),
                value: s(),
                range: "",
            },
            BadName { name: s() },
            ReservedName { name: s() },
            UnknownSession {
                session: s(),
                known: vec![],
            },
            MissingStatusReason { category: s() },
            AttachmentOutside { file: s() },
            AttachmentMissing { file: s() },
            MissingSiteFile,
            NoContentDir { root: s() },
            MisplacedFile { name: s() },
            LinkOutside { name: s() },
            BadIcp { value: s() },
            BadPolice { value: s() },
            BadSiteCode { value: s() },
            BadBaseUrl { value: s() },
            SlugClash {
                slug: s(),
                first: s(),
                second: s(),
            },
            BadSlug {
                term: s(),
                slug: s(),
            },
            BadLink { value: s() },
            UnknownTheme { theme: s() },
            UnknownLanguage {
                value: s(),
                allowed: vec![],
            },
            ThemeFileIgnored {
                name: s(),
                moved_to: Some(s()),
            },
            FigureExceeded {
                what: Figure::Key,
                records: 0,
                declared: 0,
            },
            FigureMismatch {
                what: Figure::Key,
                computed: s(),
                declared: s(),
            },
            TextTooLong {
                field: s(),
                chars: 0,
                max: 0,
            },
            RetiredField {
                field: s(),
                replacement: s(),
            },
            UnknownCategory {
                value: s(),
                known: vec![],
            },
            AmbiguousCategory {
                value: s(),
                guesses: vec![],
            },
            DuplicateCategory { id: s() },
            BadCategoryId { id: s() },
            RepliedContradiction,
            RepliedBeforeAssigned {
                assigned: s(),
                replied: s(),
            },
            DuplicateNumber {
                number: s(),
                other: s(),
            },
            Placeholder {
                field: s(),
                value: s(),
                marker: "某某",
                strict: true,
            },
            Placeholder {
                field: s(),
                value: s(),
                marker: "某某",
                strict: false,
            },
            PersonalData {
                field: s(),
                name: s(),
                what: crate::personal_data::Kind::Mobile,
                masked: s(),
            },
            MissingHostUnit,
            ReasonWithoutCategory,
            DisclosureReasonUnused,
            NoBaseUrl,
            IgnoredFile { name: s() },
            BidiControl { field: s() },
            ControlInText { field: s() },
            BrokenLink {
                page: s(),
                target: s(),
            },
            BrokenFragment {
                page: s(),
                target: s(),
            },
            LinkOutsideSite {
                page: s(),
                target: s(),
            },
            MissingTitle { page: s() },
            ImportUnreadable {
                reason: crate::diagnostic::Unreadable::Damaged,
            },
            ImportMissingColumn {
                fields: vec!["title"],
                names: vec!["标题"],
                searched: None,
            },
            ImportMissingValue { column: s() },
            ImportBadValue {
                column: s(),
                value: s(),
                expected: s(),
            },
            ImportDuplicate {
                name: s(),
                first_row: 0,
            },
            ImportNeedsReason {
                column: s(),
                category: s(),
            },
            ImportLimit {
                limit: RegisterLimit::Cells { max: 0 },
            },
            ImportCellTooLong {
                column: s(),
                chars: 0,
                max: 0,
            },
            ImportedWithheld,
            ImportUnknownColumn { column: s() },
            ImportFileExists { path: s() },
            ImportNumberExists {
                number: s(),
                path: s(),
            },
            ImportPersonalColumn { column: s() },
        ]
    }
}
