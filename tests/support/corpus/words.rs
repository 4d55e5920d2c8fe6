//! The names and phrases records are made of: topics, units, places, subjects,
//! sentences, and the fixed values of the content model.

pub const TOPICS: &[&str] = &[
    "停车设施",
    "养老服务",
    "学前教育",
    "义务教育",
    "医疗卫生",
    "医疗保障",
    "公共交通",
    "新能源汽车",
    "科技创新",
    "营商环境",
    "乡村振兴",
    "城市管理",
    "环境保护",
    "垃圾分类",
    "文化旅游",
    "体育设施",
    "食品安全",
    "住房保障",
    "就业创业",
    "社区治理",
    "水务防汛",
    "道路建设",
    "智慧城市",
    "人才引进",
    "老旧小区改造",
    "农贸市场",
    "消防安全",
    "法治建设",
    "民族宗教",
    "残疾人服务",
];

pub const UNITS: &[&str] = &[
    "区发展和改革局",
    "区教育局",
    "区科技和经济信息化局",
    "区公安分局",
    "区民政局",
    "区司法局",
    "区财政局",
    "区人力资源和社会保障局",
    "区自然资源和规划局",
    "区生态环境分局",
    "区住房和城乡建设局",
    "区交通运输局",
    "区水务和湖泊局",
    "区农业农村局",
    "区商务局",
    "区文化和旅游局",
    "区卫生健康局",
    "区退役军人事务局",
    "区应急管理局",
    "区审计局",
    "区市场监督管理局",
    "区统计局",
    "区医疗保障局",
    "区城市管理执法局",
    "区数据局",
    "区体育局",
    "区残疾人联合会",
    "区总工会",
    "区妇女联合会",
    "区供销合作社",
];

/// Places, for the units and topics beyond the lists above: real sites list
/// street offices, townships, schools and companies among their units, and
/// tag finer topics. Their pinyin differ, so the generated terms get distinct
/// slugs.
pub(super) const PLACES: &[&str] = &[
    "东湖",
    "西城",
    "南山",
    "北塘",
    "青山",
    "白沙",
    "红旗",
    "金桥",
    "银河",
    "汉江",
    "天河",
    "龙泉",
    "凤凰",
    "花园",
    "桃源",
    "梅林",
    "竹林",
    "松柏",
    "石门",
    "沙河",
    "新华",
    "解放",
    "和平",
    "建设",
    "胜利",
    "光明",
    "幸福",
    "团结",
    "友谊",
    "民主",
    "永安",
    "长安",
    "东风",
    "朝阳",
    "向阳",
    "星火",
    "黄家湖",
    "月湖",
    "柳堤",
    "杨园",
];

/// What a generated unit is, after its place (东湖街道办事处).
pub(super) const UNIT_KINDS: &[&str] = &[
    "街道办事处",
    "镇人民政府",
    "卫生院",
    "中学",
    "工业园管理委员会",
    "供电所",
    "派出所",
    "市场监督管理所",
];

/// Where a generated topic applies, before a topic of [`TOPICS`] (农村停车设施).
pub(super) const TOPIC_SCOPES: &[&str] = &[
    "农村",
    "城区",
    "校园",
    "老城",
    "新区",
    "园区",
    "景区",
    "乡镇",
    "滨江",
    "山区",
    "沿河",
    "开发区",
    "背街",
    "商圈",
];

/// Every topic the generator can name: [`TOPICS`], then scoped ones.
pub(super) fn all_topics() -> impl Iterator<Item = String> {
    let scoped = TOPIC_SCOPES.iter().flat_map(|scope| {
        TOPICS
            .iter()
            .filter(move |t| !t.contains(&scope[..3]))
            .map(move |t| format!("{scope}{t}"))
    });
    TOPICS.iter().map(|t| t.to_string()).chain(scoped)
}

/// Every unit the generator can name: [`UNITS`], then street offices,
/// townships and the like.
pub(super) fn all_units() -> impl Iterator<Item = String> {
    let placed = UNIT_KINDS
        .iter()
        .flat_map(|kind| PLACES.iter().map(move |place| format!("{place}{kind}")));
    UNITS.iter().map(|u| u.to_string()).chain(placed)
}

/// The first `n` topics (at least one).
pub fn topic_names(n: usize) -> Vec<String> {
    all_topics().take(n.max(1)).collect()
}

/// The first `n` units (at least one).
pub fn unit_names(n: usize) -> Vec<String> {
    all_units().take(n.max(1)).collect()
}

pub(super) const SUBJECTS: &[&str] = &[
    "停车泊位",
    "养老服务驿站",
    "社区食堂",
    "幼儿园学位",
    "家庭医生签约",
    "公交线路",
    "充电桩",
    "科技企业孵化器",
    "政务服务窗口",
    "高标准农田",
    "背街小巷",
    "雨污分流管网",
    "垃圾分类投放点",
    "全民健身步道",
    "农贸市场",
    "老旧小区加装电梯",
    "人才公寓",
    "慢性病长期处方",
    "校园周边交通",
    "社区卫生服务中心",
    "智慧停车平台",
    "公共厕所",
    "城市绿道",
    "消防通道",
    "学生课后服务",
    "居家养老服务",
    "医共体",
    "夜间经济",
    "口袋公园",
];

pub(super) const VERBS: &[&str] = &[
    "加快推进",
    "进一步完善",
    "统筹规划",
    "大力发展",
    "切实加强",
    "优化提升",
    "规范管理",
    "加大投入建设",
];

pub(super) const SENTENCES: &[&str] = &[
    "委员建议{s}纳入年度重点工作，我们高度重视，组织相关部门专题研究。",
    "今年以来，区里投入资金{n}万元，新建和改造{s}{m}处，惠及群众约{k}万人。",
    "针对{s}布局不均衡的问题，我们开展了全面摸排，形成了问题清单和任务清单。",
    "目前已完成{s}建设{m}个，其余项目正在按计划推进，预计明年底前全部完工。",
    "我们会同街道、社区召开座谈会{m}次，广泛听取居民对{s}的意见和建议。",
    "下一步，将把{s}纳入城市更新规划，分年度实施，确保群众看得见、摸得着。",
    "由于受土地、资金等条件限制，部分{s}项目暂时无法实施，已纳入中长期规划。",
    "区卫生健康局牵头制定了{s}工作方案，明确了责任分工和时间节点。",
    "通过引入社会资本参与{s}运营，形成了政府引导、市场运作的长效机制。",
    "截至目前，全区共有{s}{m}个，较去年增加{p}%，群众满意度明显提升。",
    "我们将继续加强与委员的沟通联系，及时通报{s}办理进展，接受监督。",
    "在{s}方面，已出台专项扶持政策，对符合条件的项目给予最高{n}万元补贴。",
];

/// How numbered points of a reply open (一是……).
pub(super) const POINTS: &[&str] = &["一是", "二是", "三是", "四是", "五是"];

/// Weighted: most proposers are satisfied.
pub(super) const SATISFACTIONS: &[&str] = &[
    "satisfied",
    "satisfied",
    "basically_satisfied",
    "dissatisfied",
    "pending",
];

pub const STATUSES: &[&str] = &["solved", "in_progress", "not_feasible", "reference"];

/// Why a `summary_only` record's full reply is not published.
pub(super) const DISCLOSURE_REASONS: &[&str] = &[
    "答复涉及个人信息，全文不予公开。",
    "答复涉及第三方合法权益，全文不予公开。",
    "答复涉及正在研究的政策措施，全文暂不公开。",
];

/// The text of the field that makes the build warn (see [`warning_yaml`]).
pub const WARNING_TEXT: &str = "部分事项已纳入明年工作计划，将分步实施。";
