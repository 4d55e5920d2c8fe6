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
    /// The reply category (办理结果). The label shown for each is set in `site.yaml`.
    pub enum Status {
        /// A: 已解决或基本解决 — solved or basically solved.
        Solved = "solved",
        /// B: 正在解决或列入计划解决 — being solved or planned.
        InProgress = "in_progress",
        /// C: 因条件限制暂不能解决 — cannot be solved for now; needs `status_reason`.
        NotFeasible = "not_feasible",
        /// 留作参考 — kept for reference, where a locality uses a fourth class.
        Reference = "reference",
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
        /// 待反馈 — no feedback yet (the default).
        Pending = "pending",
    }
}

keyword_enum! {
    /// How much of the record is published.
    pub enum Disclosure {
        /// 主动公开: the full page.
        Public = "public",
        /// Metadata and status only; request, summary, outcomes and attachments are withheld.
        SummaryOnly = "summary_only",
        /// Never written to any output file; counted only in the session's totals and rates.
        Withheld = "withheld",
    }
}

// Written out because the enum comes from a macro that does not take `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for Satisfaction {
    fn default() -> Self {
        Satisfaction::Pending
    }
}
