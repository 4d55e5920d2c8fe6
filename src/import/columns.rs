//! Which column holds which record field, read from the header row, and how a
//! cell's text becomes a field's value. Headers are matched after removing
//! spaces, `*` and bracketed notes (`办理结果（A/B/C）`), case-insensitively, against
//! the Chinese names registers use and the field names themselves.

use crate::content::{Date, Kind, Satisfaction};

/// A record field a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// 序号: the register's row counter, recognised and not imported.
    Serial,
    Number,
    Title,
    Kind,
    Proposers,
    HostUnit,
    CoUnits,
    LeadOfficial,
    IndexNo,
    Topics,
    Key,
    Status,
    StatusReason,
    Replied,
    AssignedOn,
    RepliedOn,
    MetProposer,
    Satisfaction,
    Request,
    Summary,
    Reply,
    PublishedOn,
}

/// Header names for each field (normalised: no spaces, lower case).
const HEADERS: &[(Field, &[&str])] = &[
    (Field::Serial, &["序号", "序", "行号", "serial"]),
    (
        Field::Number,
        &[
            "提案号",
            "编号",
            "案号",
            "提案编号",
            "建议编号",
            "文号",
            "number",
            "no",
            "no.",
        ],
    ),
    (
        Field::Title,
        &[
            "标题",
            "案由",
            "题目",
            "提案标题",
            "建议标题",
            "提案名称",
            "建议名称",
            "title",
            "subject",
        ],
    ),
    (Field::Kind, &["类型", "件别", "提案类型", "kind", "type"]),
    (
        Field::Proposers,
        &[
            "提案人",
            "领衔人",
            "提出人",
            "建议人",
            "提案者",
            "代表",
            "委员",
            "proposers",
            "proposer",
        ],
    ),
    (
        Field::HostUnit,
        &[
            "主办单位",
            "主办",
            "承办单位",
            "host_unit",
            "hostunit",
            "host",
        ],
    ),
    (
        Field::CoUnits,
        &["协办单位", "协办", "会办单位", "co_units", "counits"],
    ),
    (Field::LeadOfficial, &["领办领导", "lead_official"]),
    (Field::IndexNo, &["索引号", "index_no"]),
    (
        Field::Topics,
        &[
            "类别",
            "分类",
            "主题",
            "主题分类",
            "topics",
            "topic",
            "category",
        ],
    ),
    (
        Field::Key,
        &[
            "重点",
            "是否重点",
            "重点督办",
            "重点提案",
            "重点督办件",
            "key",
        ],
    ),
    (
        Field::Status,
        &[
            "办理结果",
            "答复类别",
            "办理类别",
            "办理结果类别",
            "结果",
            "status",
            "result",
        ],
    ),
    (
        Field::StatusReason,
        &[
            "暂不能解决原因",
            "不能解决原因",
            "原因",
            "status_reason",
            "reason",
        ],
    ),
    (
        Field::Replied,
        &["是否办复", "办复", "办复情况", "是否答复", "replied"],
    ),
    (
        Field::AssignedOn,
        &["交办日期", "交办时间", "assigned_on", "assignedon"],
    ),
    (
        Field::RepliedOn,
        &[
            "答复日期",
            "办复日期",
            "答复时间",
            "办复时间",
            "办结日期",
            "replied_on",
            "repliedon",
            "reply_date",
        ],
    ),
    (
        Field::MetProposer,
        &[
            "见面",
            "是否见面",
            "见面情况",
            "见面沟通",
            "met_proposer",
            "met",
        ],
    ),
    (
        Field::Satisfaction,
        &[
            "满意度",
            "满意情况",
            "反馈意见",
            "委员意见",
            "代表意见",
            "satisfaction",
        ],
    ),
    (
        Field::Request,
        &["原案摘要", "提案内容", "建议内容", "主要内容", "request"],
    ),
    (
        Field::Summary,
        &["答复摘要", "办理情况", "答复内容", "办理答复", "summary"],
    ),
    (
        Field::Reply,
        &["答复全文", "答复函", "答复函全文", "reply", "full_reply"],
    ),
    (Field::PublishedOn, &["发布日期", "published_on"]),
];

impl Field {
    /// The record field's name (the YAML key).
    pub fn name(self) -> &'static str {
        match self {
            Field::Serial => "serial",
            Field::Number => "number",
            Field::Title => "title",
            Field::Kind => "kind",
            Field::Proposers => "proposers",
            Field::HostUnit => "host_unit",
            Field::CoUnits => "co_units",
            Field::LeadOfficial => "lead_official",
            Field::IndexNo => "index_no",
            Field::Topics => "topics",
            Field::Key => "key",
            Field::Status => "status",
            Field::StatusReason => "status_reason",
            Field::Replied => "replied",
            Field::AssignedOn => "assigned_on",
            Field::RepliedOn => "replied_on",
            Field::MetProposer => "met_proposer",
            Field::Satisfaction => "satisfaction",
            Field::Request => "request",
            Field::Summary => "summary",
            Field::Reply => "reply",
            Field::PublishedOn => "published_on",
        }
    }

    /// The field a header names, if any.
    pub fn from_header(header: &str) -> Option<Field> {
        let h = normalise(header);
        if h.is_empty() {
            return None;
        }
        HEADERS
            .iter()
            .find(|(_, names)| names.contains(&h.as_str()))
            .map(|(f, _)| *f)
    }

    /// The headings taken for this field, for messages.
    pub fn headers(self) -> &'static [&'static str] {
        HEADERS
            .iter()
            .find(|(f, _)| *f == self)
            .map_or(&[], |(_, names)| *names)
    }

    /// Every header name the importer knows, for docs/import.md (tests/docs/chapters.rs compares them).
    pub fn all_headers() -> impl Iterator<Item = (Field, &'static [&'static str])> {
        HEADERS.iter().map(|(f, n)| (*f, *n))
    }
}

/// Whether a heading names a column of personal contact data (联系电话,
/// 手机号码, 身份证号, 电子邮箱, 联系方式, 家庭住址…), which registers keep for
/// the office's own use and a public site never shows. Such a column is not
/// imported, whatever else it holds; a heading naming a record field is
/// matched as that field first.
pub fn is_personal_header(header: &str) -> bool {
    const WORDS: &[&str] = &[
        "电话",
        "手机",
        "身份证",
        "证件号",
        "邮箱",
        "邮件",
        "联系方式",
        "通讯方式",
        "住址",
        "地址",
        "邮编",
        "微信",
        "qq",
    ];
    const NAMES: &[&str] = &[
        "phone",
        "mobile",
        "tel",
        "telephone",
        "email",
        "e-mail",
        "mail",
        "address",
        "id_card",
        "idcard",
        "id_number",
        "contact",
        "wechat",
    ];
    let h = normalise(header);
    WORDS.iter().any(|w| h.contains(w)) || NAMES.contains(&h.as_str())
}

/// `办理结果（A/B/C）*` → `办理结果`; `Replied On` → `repliedon`.
pub fn normalise(header: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in header.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = (depth - 1i32).max(0),
            '*' | '＊' | ':' | '：' => {}
            c if c.is_whitespace() => {}
            c if depth == 0 => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

pub use crate::model::category::{category_key, default_category};

/// 提案/建议案/代表建议, or the field's own words.
pub fn kind(text: &str) -> Option<Kind> {
    Some(match normalise(text).as_str() {
        "提案" | "委员提案" | "政协提案" | "proposal" => Kind::Proposal,
        "建议案" | "recommendation" => Kind::Recommendation,
        "建议" | "代表建议" | "人大代表建议" | "议案" | "suggestion" => {
            Kind::Suggestion
        }
        _ => return None,
    })
}

/// 是/否, √/×, yes/no, true/false, 1/0. An empty cell is none of them: the
/// register does not say, and the caller leaves the field out.
pub fn yes_no(text: &str) -> Option<bool> {
    let t = normalise(text);
    Some(match t.as_str() {
        "否" | "不是" | "无" | "未" | "未见面" | "未办复" | "尚未办复" | "×" | "✗" | "n" | "no"
        | "false" | "0" | "非重点" => false,
        "是" | "有" | "已" | "已见面" | "见面" | "已办复" | "办复" | "√" | "✓" | "✔" | "y"
        | "yes" | "true" | "1" | "重点" | "重点督办" | "重点提案" => true,
        _ => return None,
    })
}

/// 满意/基本满意/不满意/待反馈, or the field's own words. An empty cell is
/// none of them (not stated), not 待反馈.
pub fn satisfaction(text: &str) -> Option<Satisfaction> {
    Some(match normalise(text).as_str() {
        "满意" | "satisfied" => Satisfaction::Satisfied,
        "基本满意" | "basically_satisfied" => Satisfaction::BasicallySatisfied,
        "不满意" | "dissatisfied" => Satisfaction::Dissatisfied,
        "待反馈" | "未反馈" | "待定" | "pending" => Satisfaction::Pending,
        _ => return None,
    })
}

/// `2019-09-22`, `2019/9/22`, `2019.9.22`, `2019年9月22日`, `20190922`, also in
/// full-width digits: the forms a record file accepts too.
pub fn date(text: &str) -> Option<Date> {
    crate::content::record::parse_date_loose(text)
}

/// A list in one cell: names or units separated by 、，,；; / or new lines.
pub fn list(text: &str) -> Vec<String> {
    text.split(['、', '，', ',', '；', ';', '/', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A record file name from an official number: its digits, four wide (`第12号` → `0012`).
pub fn name_from_number(number: &str) -> Option<String> {
    let number = crate::content::fold::fold_width(number);
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let n: u64 = digits.parse().ok()?;
    Some(format!("{n:04}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_chinese_and_english() {
        assert_eq!(Field::from_header("提案号"), Some(Field::Number));
        assert_eq!(Field::from_header(" 案由 "), Some(Field::Title));
        assert_eq!(
            Field::from_header("办理结果（A/B/C）*"),
            Some(Field::Status)
        );
        assert_eq!(Field::from_header("Replied On"), Some(Field::RepliedOn));
        assert_eq!(Field::from_header("replied_on"), Some(Field::RepliedOn));
        assert_eq!(Field::from_header("办复日期"), Some(Field::RepliedOn));
        assert_eq!(Field::from_header("交办日期"), Some(Field::AssignedOn));
        assert_eq!(Field::from_header("交办时间"), Some(Field::AssignedOn));
        assert_eq!(Field::from_header("Title"), Some(Field::Title));
        assert_eq!(Field::from_header("备注"), None);
        assert_eq!(Field::from_header("序号"), Some(Field::Serial));
        assert_eq!(Field::from_header("答复全文"), Some(Field::Reply));
        for personal in [
            "联系电话",
            "手机号码",
            "领衔人手机",
            "身份证号",
            "电子邮箱",
            "联系方式（必填）",
            "通讯地址",
            "E-mail",
            "Phone",
        ] {
            assert!(is_personal_header(personal), "{personal}");
            assert_eq!(Field::from_header(personal), None, "{personal}");
        }
        for other in ["标题", "主办单位", "备注", "领衔人", "联系人"] {
            assert!(!is_personal_header(other), "{other}");
        }
        assert_eq!(Field::from_header("是否办复"), Some(Field::Replied));
    }

    #[test]
    fn results_in_letters_stems_and_words() {
        for (text, want) in [
            ("A", "solved"),
            ("a类", "solved"),
            ("甲类", "solved"),
            ("已解决或基本解决", "solved"),
            ("B", "in_progress"),
            ("乙", "in_progress"),
            ("正在解决或列入计划解决", "in_progress"),
            ("C类", "not_feasible"),
            ("丙", "not_feasible"),
            ("因条件限制暂不能解决", "not_feasible"),
            ("留作参考", "reference"),
        ] {
            assert_eq!(default_category(text), Some(want), "{text}");
        }
        assert_eq!(default_category("待定"), None);
        assert_eq!(category_key("B类（正在解决）"), "b");
    }

    #[test]
    fn dates_in_the_forms_registers_use() {
        for text in [
            "2019-09-22",
            "2019/9/22",
            "2019.09.22",
            "2019年9月22日",
            "20190922",
        ] {
            assert_eq!(
                date(text).map(|d| d.to_string()).as_deref(),
                Some("2019-09-22"),
                "{text}"
            );
        }
        for bad in ["2019-02-30", "九月", "2019/9", ""] {
            assert_eq!(date(bad), None, "{bad}");
        }
    }

    #[test]
    fn lists_names_and_flags() {
        assert_eq!(list("张三、李四，王五"), ["张三", "李四", "王五"]);
        assert_eq!(yes_no("是"), Some(true));
        assert_eq!(yes_no(""), None, "an empty cell states nothing");
        assert_eq!(yes_no("否"), Some(false));
        assert_eq!(satisfaction(""), None, "an empty cell is not 待反馈");
        assert_eq!(yes_no("也许"), None);
        assert_eq!(
            satisfaction("基本满意"),
            Some(Satisfaction::BasicallySatisfied)
        );
        assert_eq!(kind("建议案"), Some(Kind::Recommendation));
        assert_eq!(name_from_number("第12号").as_deref(), Some("0012"));
        assert_eq!(name_from_number("九届三次-0047").as_deref(), Some("0047"));
        assert_eq!(name_from_number("无"), None);
    }
}
