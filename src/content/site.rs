//! `content/site.yaml`: the site's identity, navigation and the filing footer
//! every Chinese government site must carry.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

/// The site file.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "gongkai site")]
pub struct SiteConfig {
    /// The site's name, e.g. 汉南区建议提案办理结果公开.
    pub title: String,
    /// The absolute address the site is published at, e.g. `https://zwgk.hannan.gov.cn/jytabl/`.
    /// Used only where a format needs an absolute URL (feed, sitemap, canonical link).
    /// Optional (empty: not given): without it those are left out (W009), never
    /// given a made-up host.
    #[serde(default)]
    pub base_url: String,
    /// The page language; `zh-CN` by default.
    #[serde(default = "default_language")]
    pub language: String,
    /// The theme's name: `default`, or a folder under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// A one-sentence description of the site for search engines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// 主办单位: the office that owns the site.
    pub owner: String,
    /// 承办单位: the office that runs it.
    pub operator: String,
    /// The filing numbers shown in the footer.
    pub filing: Filing,
    /// Contact details shown in the footer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// Header navigation links; the default is built from the site's columns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nav: Vec<NavLink>,
    /// The copyright line; the default names the owner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copyright: Option<String>,
    /// The site's own reply categories, in the order the site lists them;
    /// when absent, the four defaults: A类 `solved`, B类 `in_progress`, C类
    /// `not_feasible`, 留作参考 `reference`. Records name one by its `id` in `status`.
    #[serde(default = "default_categories")]
    pub categories: Vec<Category>,
    /// Telephone numbers and e-mail addresses that may appear in published
    /// texts (a hotline, an office address), e.g. `["12345", "027-84851234"]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub public_contacts: Vec<String>,
    /// ASCII slugs for taxonomy terms, overriding the pinyin default: `停车设施: parking`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub slugs: BTreeMap<String, String>,
    /// Where the 党政机关网站标识 links to; the mark is shown only when this is set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub government_mark_url: Option<String>,
    /// The 政府网站找错 link; shown only when set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_report_url: Option<String>,
    /// How many records the Atom feed (`atom.xml`) lists, newest first; 50 when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feed_entries: Option<u32>,
    /// How many days after 交办 (`assigned_on`) a reply is on time (按期办复);
    /// 90 when absent (three months: the CPPCC proposal rules and the deputies
    /// law set three months from assignment).
    #[serde(default = "default_reply_within_days")]
    pub reply_within_days: u32,
}

/// `reply_within_days` when `site.yaml` leaves it out.
pub const DEFAULT_REPLY_WITHIN_DAYS: u32 = 90;

fn default_reply_within_days() -> u32 {
    DEFAULT_REPLY_WITHIN_DAYS
}

/// One reply category (办理结果分类). Places grade replies differently — A/B/C,
/// A/B/C/D, 甲/乙/丙 — so each site lists its own.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Category {
    /// What records write in `status` and what the category's page address
    /// uses (`/status/<id>/`): lower-case letters, digits, `-` and `_`.
    pub id: String,
    /// How the site names it, e.g. A类, 甲类, 留作参考.
    pub label: String,
    /// What it means, e.g. 已解决或基本解决; shown after the label: A类（已解决或基本解决）.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meaning: Option<String>,
    /// Records in this category count toward the session's declared
    /// `not_feasible` figure, and need a `status_reason`.
    #[serde(default)]
    pub not_feasible: bool,
}

impl SiteConfig {
    /// The numbers and addresses the site may publish (the personal-data
    /// check lets them pass): `public_contacts`, and the site's own `contact`,
    /// which the footer publishes on purpose.
    pub fn allowed_contacts(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.public_contacts.iter().map(String::as_str).collect();
        if let Some(k) = &self.contact {
            out.extend(
                [k.phone.as_deref(), k.email.as_deref(), k.address.as_deref()]
                    .into_iter()
                    .flatten(),
            );
        }
        out
    }
}

/// The categories of a site that lists none: A类 已解决或基本解决, B类
/// 正在解决或列入计划解决, C类 因条件限制暂不能解决 (not feasible), 留作参考.
pub fn default_categories() -> Vec<Category> {
    let category = |id: &str, label: &str, meaning: Option<&str>, not_feasible| Category {
        id: id.into(),
        label: label.into(),
        meaning: meaning.map(str::to_string),
        not_feasible,
    };
    vec![
        category("solved", "A类", Some("已解决或基本解决"), false),
        category("in_progress", "B类", Some("正在解决或列入计划解决"), false),
        category("not_feasible", "C类", Some("因条件限制暂不能解决"), true),
        category("reference", "留作参考", None, false),
    ]
}

/// Filing numbers, checked against their formats: a wrong number is a legal fault.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Filing {
    /// ICP 备案号: `<省>ICP备<数字>号` with an optional `-<n>`, e.g. 鄂ICP备2022016438号-1.
    pub icp: String,
    /// 公安机关备案号: `<省>公网安备 <14位数字>号`, e.g. 鄂公网安备 42011302000122号.
    pub police: String,
    /// 网站标识码: ten digits, or `bm` and eight digits.
    pub site_code: String,
}

/// Contact details for the footer; every part optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Contact {
    /// 联系电话.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// 电子邮箱.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// 通讯地址.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// One header link.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct NavLink {
    /// The link text.
    pub title: String,
    /// A site path such as `proposals/` (relative to the site root), or an `https://` address.
    pub url: String,
}

pub(crate) fn default_language() -> String {
    "zh-CN".to_string()
}

pub(crate) fn default_theme() -> String {
    "default".to_string()
}
