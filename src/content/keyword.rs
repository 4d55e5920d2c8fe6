//! The closed vocabularies of a record: each value a lower-case keyword in YAML.
//!
//! One macro defines each enum together with its keyword list, so the decoder's
//! "可用值" hints, the schema's `enum` and the renderer all read the same table.

macro_rules! keyword_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[doc = $doc:literal])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, schemars::JsonSchema)]
        pub enum $name {
            $( $(#[doc = $doc])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The keyword as written in YAML.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the YAML keyword; `None` for anything else.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// All keywords, for hints.
            pub fn keywords() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

keyword_enum! {
    /// What kind of record this is.
    pub enum Kind {
        /// 委员提案: a proposal by CPPCC members.
        Proposal = "proposal",
        /// 建议案: a recommendation adopted by the CPPCC as a body.
        Recommendation = "recommendation",
        /// 人大代表建议: a suggestion by people's congress deputies.
        Suggestion = "suggestion",
    }
}

keyword_enum! {
    /// How far one step of the handling has come (an outcome's `state`).
    /// Absent: the record does not say, and the page shows no tag.
    pub enum OutcomeState {
        /// 已完成: delivered (已建成, 已完成).
        Done = "done",
        /// 正在推进: under way (正在, 推进中).
        Ongoing = "ongoing",
        /// 计划: a promise (拟, 预计, 计划).
        Planned = "planned",
    }
}

keyword_enum! {
    /// The proposer's feedback on the reply.
    pub enum Satisfaction {
        /// 满意
        Satisfied = "satisfied",
        /// 基本满意
        BasicallySatisfied = "basically_satisfied",
        /// 不满意
        Dissatisfied = "dissatisfied",
        /// 待反馈 — stated: the proposer has not given feedback yet. (A record
        /// that does not say leaves `satisfaction` out.)
        Pending = "pending",
    }
}

keyword_enum! {
    /// How much of the record is published.
    pub enum Disclosure {
        /// 主动公开: the full page.
        Public = "public",
        /// 摘要公开: metadata, category, `summary` and `disclosure_reason`; the
        /// full reply, request, outcomes, attachments and status reason are withheld.
        SummaryOnly = "summary_only",
        /// Never written to any output file; counted only in the session's totals and rates.
        Withheld = "withheld",
    }
}

/// The words the site prints for each value, accepted as input beside the
/// keyword (docs/content.md: a value may also be written as the site prints it).
/// Full-width letters are folded first.
macro_rules! printed_words {
    ($name:ident { $($word:literal => $variant:ident),+ $(,)? }) => {
        impl $name {
            /// The keyword, or the word the site prints for it.
            pub fn parse_printed(text: &str) -> Option<Self> {
                let folded = super::fold::fold_width(text);
                let t = folded.trim();
                Self::parse(t).or(match t {
                    $($word => Some($name::$variant),)+
                    _ => None,
                })
            }

            /// Every keyword, then every printed word, for hints.
            pub fn printed_keywords() -> Vec<&'static str> {
                let mut all = Self::keywords();
                all.extend([$($word),+]);
                all
            }
        }
    };
}

printed_words!(Satisfaction {
    "满意" => Satisfied,
    "基本满意" => BasicallySatisfied,
    "不满意" => Dissatisfied,
    "待反馈" => Pending,
});

printed_words!(Kind {
    "提案" => Proposal,
    "委员提案" => Proposal,
    "建议案" => Recommendation,
    "人大代表建议" => Suggestion,
    "代表建议" => Suggestion,
});

/// `是` / `否` as written for a yes-or-no field (`met_proposer: 是`); full-width
/// space around them is trimmed. Nothing else: `yes`/`no` stay refused, being
/// easy to mistype for each other's meaning in YAML's older dialects.
pub fn printed_bool(text: &str) -> Option<bool> {
    match super::fold::fold_width(text).trim() {
        "是" => Some(true),
        "否" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_words_are_values_too() {
        assert_eq!(
            Satisfaction::parse_printed("满意"),
            Some(Satisfaction::Satisfied)
        );
        assert_eq!(
            Satisfaction::parse_printed(" basically_satisfied"),
            Some(Satisfaction::BasicallySatisfied)
        );
        assert_eq!(Satisfaction::parse_printed("很满意"), None);
        assert_eq!(Kind::parse_printed("建议案"), Some(Kind::Recommendation));
        assert_eq!(printed_bool("是"), Some(true));
        assert_eq!(printed_bool("否\u{3000}"), Some(false));
        assert_eq!(printed_bool("yes"), None);
        assert!(Satisfaction::printed_keywords().contains(&"待反馈"));
    }
}
