//! A session: one meeting of a CPPCC or people's congress (九届三次会议) and the
//! government's report on handling its proposals. One file per session under
//! `content/sessions/<id>.yaml`.

use schemars::JsonSchema;
use serde::Serialize;

/// One session file.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "gongkai session")]
pub struct SessionFile {
    /// The body whose session it is: 区政协 or 区人大.
    pub body: String,
    /// The year the proposals were handled, e.g. 2019.
    pub year: i32,
    /// The session's name, e.g. 九届三次会议.
    pub name: String,
    /// 基本办理情况: the report's overview, Markdown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overview: Option<String>,
    /// 主要做法: working methods, Markdown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub methods: Option<String>,
    /// 存在不足: shortcomings, Markdown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shortcomings: Option<String>,
    /// 下步打算: next steps, Markdown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_steps: Option<String>,
    /// The official figures the report declares.
    #[serde(default, skip_serializing_if = "Declared::is_empty")]
    pub declared: Declared,
}

/// Figures as the official report declares them. Counts are whole numbers; rates
/// are percentages (`100` for 100%).
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Declared {
    /// 建议案 handled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommendations: Option<u32>,
    /// 提案 handled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposals: Option<u32>,
    /// 人大代表建议 handled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestions: Option<u32>,
    /// 重点督办件 among them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<u32>,
    /// Records that cannot be solved for now (C 类).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_feasible: Option<u32>,
    /// 办复率, percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_rate: Option<f64>,
    /// 见面率, percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting_rate: Option<f64>,
    /// 满意和基本满意率, percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub satisfaction_rate: Option<f64>,
}

impl Declared {
    /// True when the session declares no figure at all.
    pub fn is_empty(&self) -> bool {
        *self == Declared::default()
    }
}
