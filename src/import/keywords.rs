//! The words the importer recognizes: section keywords, rank words in role
//! titles, organization and department suffixes, industries.
//!
//! All tables are written in Simplified. Input may be in either script, and
//! the conversion engine must not be needed to read structure, so text is
//! matched after [`fold`], which maps the Traditional forms of the characters
//! these tables use to Simplified, one character for one character.

/// Traditional → Simplified for the characters of the tables below. Each pair
/// has the same UTF-8 length (a unit test checks), so byte offsets found in
/// folded text are valid in the original.
const FOLD: &[(char, char)] = &[
    ('職', '职'),
    ('責', '责'),
    ('崗', '岗'),
    ('關', '关'),
    ('鍵', '键'),
    ('權', '权'),
    ('條', '条'),
    ('級', '级'),
    ('總', '总'),
    ('經', '经'),
    ('監', '监'),
    ('長', '长'),
    ('區', '区'),
    ('組', '组'),
    ('領', '领'),
    ('專', '专'),
    ('員', '员'),
    ('導', '导'),
    ('購', '购'),
    ('團', '团'),
    ('業', '业'),
    ('飲', '饮'),
    ('裝', '装'),
    ('臺', '台'),
    ('門', '门'),
    ('協', '协'),
    ('報', '报'),
    ('負', '负'),
    ('匯', '汇'),
    ('審', '审'),
    ('準', '准'),
    ('辦', '办'),
    ('決', '决'),
    ('無', '无'),
    ('說', '说'),
    ('運', '运'),
    ('營', '营'),
    ('務', '务'),
    ('場', '场'),
    ('銷', '销'),
    ('財', '财'),
    ('資', '资'),
    ('術', '术'),
    ('與', '与'),
    ('個', '个'),
    ('內', '内'),
    ('歷', '历'),
    ('發', '发'),
    ('號', '号'),
    ('學', '学'),
    ('對', '对'),
    ('屬', '属'),
    ('晉', '晋'),
    ('標', '标'),
    ('點', '点'),
    ('環', '环'),
    ('碼', '码'),
    ('稱', '称'),
    ('績', '绩'),
    ('編', '编'),
    ('設', '设'),
    ('識', '识'),
    ('質', '质'),
    ('驗', '验'),
    ('係', '系'),
    ('圖', '图'),
    ('攬', '揽'),
    ('紀', '纪'),
    ('線', '线'),
    ('遞', '递'),
    ('劑', '剂'),
    ('單', '单'),
    ('後', '后'),
    ('藥', '药'),
    ('訟', '讼'),
    ('訴', '诉'),
    ('賠', '赔'),
    ('險', '险'),
    ('項', '项'),
    ('駕', '驾'),
    ('廣', '广'),
    ('採', '采'),
    ('樓', '楼'),
    ('盤', '盘'),
    ('種', '种'),
    ('聞', '闻'),
    ('農', '农'),
    ('養', '养'),
    ('夥', '伙'),
    ('攝', '摄'),
    ('練', '练'),
    ('輯', '辑'),
    ('兒', '儿'),
    ('園', '园'),
    ('視', '视'),
    ('體', '体'),
    ('記', '记'),
    ('變', '变'),
    ('倉', '仓'),
    ('備', '备'),
    ('儲', '储'),
    ('問', '问'),
    ('執', '执'),
    ('實', '实'),
    ('寫', '写'),
    ('師', '师'),
    ('幹', '干'),
    ('廚', '厨'),
    ('廠', '厂'),
    ('廳', '厅'),
    ('擬', '拟'),
    ('時', '时'),
    ('書', '书'),
    ('會', '会'),
    ('機', '机'),
    ('檢', '检'),
    ('櫃', '柜'),
    ('測', '测'),
    ('潔', '洁'),
    ('牀', '床'),
    ('產', '产'),
    ('祕', '秘'),
    ('納', '纳'),
    ('維', '维'),
    ('網', '网'),
    ('臨', '临'),
    ('藝', '艺'),
    ('處', '处'),
    ('衛', '卫'),
    ('衞', '卫'),
    ('計', '计'),
    ('診', '诊'),
    ('試', '试'),
    ('説', '说'),
    ('護', '护'),
    ('貸', '贷'),
    ('賓', '宾'),
    ('車', '车'),
    ('軟', '软'),
    ('輸', '输'),
    ('醫', '医'),
    ('鉗', '钳'),
    ('銀', '银'),
    ('間', '间'),
    ('隊', '队'),
    ('電', '电'),
    ('顧', '顾'),
    ('飯', '饭'),
    ('館', '馆'),
    ('製', '制'),
    ('節', '节'),
    ('訂', '订'),
    ('錄', '录'),
];

/// Maps the Traditional characters of the keyword tables to Simplified and
/// ASCII letters to lowercase; every other character is kept.
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    // Folding runs on every label, title and line the importer looks at.
    static MAP: std::sync::LazyLock<rustc_hash::FxHashMap<char, char>> =
        std::sync::LazyLock::new(|| FOLD.iter().copied().collect());
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    MAP.get(&c).copied().unwrap_or(c)
}

use crate::model::{Fact, Section as PageSection};

/// The part of a role's page a section keyword starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// 职责, 岗位职责, 职责描述: the duties, the page body.
    Duties,
    /// 岗位关键职责
    KeyResponsibility,
    /// 岗位权限
    Authority,
    /// 任职条件, 任职要求
    Qualifications,
    /// 直接上级: names the superior.
    Superior,
    /// 直接下级: names the direct reports.
    Subordinates,
    /// 岗位名称: names the role, and starts it unless the role being read
    /// has no title yet.
    Title,
    /// 岗位目的, 岗位概要
    Purpose,
    /// 工作关系: its items go under its own heading until 内部：/外部：
    /// say which they are.
    Relations,
    /// 内部, 内部关系
    InternalRelations,
    /// 外部, 外部关系
    ExternalRelations,
    /// 工作环境, 工作条件
    Environment,
    /// 考核指标, KPI
    Kpis,
    /// 职业发展, 晋升通道
    Career,
    /// 所属部门, 岗位编号 …: a short value of the role, after its colon.
    Fact(Fact),
    /// 学历, 工作经验 …: a line of the qualifications, kept whole.
    QualificationPart,
    /// 版本号, 生效日期, 编制, 审核, 批准: the document's control block.
    Control(Control),
    /// 修订记录: the document's revision history, text of the document.
    Revisions,
}

/// A fact of a controlled document: which version, in force since when,
/// and who prepared, reviewed and approved it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Control {
    Version,
    Effective,
    PreparedBy,
    ReviewedBy,
    ApprovedBy,
}

impl Control {
    pub const ALL: [Control; 5] = [
        Control::Version,
        Control::Effective,
        Control::PreparedBy,
        Control::ReviewedBy,
        Control::ApprovedBy,
    ];

    /// Its key in a document's front matter.
    pub fn key(self) -> &'static str {
        match self {
            Control::Version => "version",
            Control::Effective => "effective",
            Control::PreparedBy => "prepared_by",
            Control::ReviewedBy => "reviewed_by",
            Control::ApprovedBy => "approved_by",
        }
    }
}

impl Section {
    /// The section of the role's page the items go to; `None` for the
    /// fields that hold no items.
    pub fn page_section(self) -> Option<PageSection> {
        Some(match self {
            Section::Duties => PageSection::Duties,
            Section::KeyResponsibility => PageSection::KeyResponsibility,
            Section::Authority => PageSection::Authority,
            Section::Qualifications | Section::QualificationPart => PageSection::Qualifications,
            Section::Purpose => PageSection::Purpose,
            Section::InternalRelations => PageSection::InternalRelations,
            Section::ExternalRelations => PageSection::ExternalRelations,
            Section::Environment => PageSection::Environment,
            Section::Kpis => PageSection::Kpis,
            Section::Career => PageSection::Career,
            Section::Superior
            | Section::Subordinates
            | Section::Title
            | Section::Relations
            | Section::Fact(_)
            | Section::Control(_)
            | Section::Revisions => return None,
        })
    }
}

/// Section keywords, longest first so that 岗位关键职责 wins over 职责.
pub const SECTION_KEYWORDS: &[(&str, Section)] = &[
    ("岗位关键职责", Section::KeyResponsibility),
    ("岗位职责", Section::Duties),
    ("职责描述", Section::Duties),
    ("岗位权限", Section::Authority),
    ("任职条件", Section::Qualifications),
    ("任职要求", Section::Qualifications),
    ("直接上级", Section::Superior),
    ("直接下级", Section::Subordinates),
    ("职责", Section::Duties),
];

/// The keywords that end a duties heading (`运营部部长职责`)
/// and a job-description title (`店长岗位说明书`).
pub const DUTY_KEYWORDS: &[&str] = &["岗位说明书", "职位说明书", "岗位说明", "岗位职责", "职责"];

/// Seniority of a role, from the word its title ends with; lower is more
/// senior. Used to find a superior when the text names none.
pub type Rank = u8;

/// Rank words: a title is a role title when it ends with one. The first
/// that a title ends with counts, so a longer word comes before the shorter
/// one it ends with (副总经理 before 总经理, 护士长 before 护士).
pub const RANK_WORDS: &[(&str, Rank)] = &[
    // The head of the organization and their deputies.
    ("副总经理", 1),
    ("副董事长", 1),
    ("副总裁", 1),
    ("副院长", 1),
    ("副校长", 1),
    ("副行长", 1),
    ("副局长", 1),
    ("副厂长", 1),
    ("副园长", 1),
    ("副社长", 1),
    ("副台长", 1),
    ("副理事长", 1),
    ("董事长", 0),
    ("总经理", 0),
    ("总裁", 0),
    ("院长", 0),
    ("校长", 0),
    ("行长", 0),
    ("局长", 0),
    ("园长", 0),
    ("社长", 0),
    ("台长", 0),
    ("理事长", 0),
    ("监事长", 1),
    ("合伙人", 1),
    ("总编辑", 1),
    ("主编", 2),
    ("机长", 2),
    ("厂长", 0),
    // Heads of departments.
    ("总工程师", 1),
    ("总会计师", 1),
    ("总监", 1),
    ("部长", 1),
    ("处长", 1),
    ("官", 1),
    // Managers and heads of units.
    ("经理", 2),
    ("主管", 2),
    ("区长", 2),
    ("主任", 2),
    ("科长", 2),
    ("护士长", 2),
    ("厨师长", 2),
    ("总厨", 2),
    ("站长", 2),
    ("所长", 2),
    ("负责人", 2),
    // Leaders of teams.
    ("店长", 3),
    ("组长", 3),
    ("领班", 3),
    ("班长", 3),
    ("队长", 3),
    ("督导", 3),
    ("管家", 3),
    // Staff.
    ("专员", 4),
    ("支持", 4),
    ("助理", 4),
    ("文员", 4),
    ("导购", 4),
    ("店员", 4),
    ("员", 4),
    ("工程师", 4),
    ("师", 4),
    ("护士", 4),
    ("医生", 4),
    ("司机", 4),
    ("会计", 4),
    ("出纳", 4),
    ("保安", 4),
    ("前台", 4),
    ("秘书", 4),
    ("顾问", 4),
    ("代表", 4),
    ("干事", 4),
    ("科员", 4),
    ("电工", 4),
    ("焊工", 4),
    ("钳工", 4),
    ("维修工", 4),
    ("操作工", 4),
    ("保洁工", 4),
    ("普工", 4),
    ("技工", 4),
    ("记者", 4),
    ("编辑", 4),
    ("编导", 4),
    ("摄像", 4),
    ("主播", 4),
    ("教练", 4),
    ("收银", 4),
];

/// Whether a folded name is an organization or one of its units (仓储部,
/// 客服中心, 某公司) rather than a role.
pub fn names_unit(name: &str) -> bool {
    name.is_empty()
        || (UNIT_SUFFIXES.iter())
            .chain(ORGANIZATION_SUFFIXES)
            .any(|unit| name.ends_with(unit))
}

/// Endings of a unit's name within an organization (仓储部, 客服中心, 德育处).
pub const UNIT_SUFFIXES: &[&str] = &["部", "中心", "科", "处", "室", "站", "组"];

/// Whether folded `text`, written as it is, is `folded` (no allocation:
/// this compares every title of a document with names many times).
pub fn folds_to(text: &str, folded: &str) -> bool {
    text.chars().map(fold_char).eq(folded.chars())
}

/// Rank words that never end a title: `会员` is a customer.
const NOT_TITLES: &[&str] = &["会员", "人员", "成员", "学员", "员工"];

/// Superiors that usually have no page of their own in a department's
/// handbook: a mention of one in a role's text names an external superior.
pub const EXTERNAL_TITLES: &[&str] = &["董事长", "总经理", "副总经理", "总裁"];

/// The rank of a folded title, if it ends with a rank word.
pub fn rank_of(folded_title: &str) -> Option<Rank> {
    if NOT_TITLES.iter().any(|w| folded_title.ends_with(w)) {
        return None;
    }
    RANK_WORDS
        .iter()
        .find(|(word, _)| folded_title.ends_with(word))
        .map(|(_, rank)| *rank)
}

/// Words before a title that make it the role's superior (`协助部长`,
/// `交公司总经理审定`, `向总经理负责`).
pub const SUPERIOR_CUES_BEFORE: &[&str] = &["协助", "交由", "呈交", "上报", "交", "向", "经", "报"];

/// Words after a title that make it the role's superior (`总经理临时交办`).
pub const SUPERIOR_CUES_AFTER: &[&str] = &[
    "临时交办",
    "交办",
    "审核",
    "审定",
    "审批",
    "批准",
    "裁决",
    "负责",
    "汇报",
];

/// Words that may stand between a cue and the title (`交公司总经理审定`).
pub const SUPERIOR_FILLERS: &[&str] = &["公司", "部门", "上级"];

/// Suffixes of an organization's name on a line of its own.
pub const ORGANIZATION_SUFFIXES: &[&str] = &[
    "集团",
    "公司",
    "企业",
    "医院",
    "卫生院",
    "学校",
    "中学",
    "小学",
    "大学",
    "学院",
    "银行",
    "分行",
    "支行",
    "酒店",
    "宾馆",
    "饭店",
    "委员会",
    "幼儿园",
    "事务所",
    "律所",
    "诊所",
    "合作社",
    "电视台",
    "研究院",
    "研究所",
    "协会",
    "博物馆",
    "图书馆",
    "文物馆",
    "纪念馆",
    "美术馆",
    "养老院",
    "养老服务中心",
    "康养中心",
    "照料中心",
    "养护中心",
    "敬老院",
    "福利院",
    "办事处",
    "局",
];

/// Department names and their English slug words.
pub const DEPARTMENTS: &[(&str, &str)] = &[
    ("运营部", "operations"),
    ("市场部", "marketing"),
    ("销售部", "sales"),
    ("财务部", "finance"),
    ("人力资源部", "human-resources"),
    ("行政部", "administration"),
    ("技术部", "technology"),
    ("客服部", "customer-service"),
    ("仓储部", "warehouse"),
    ("物流部", "logistics"),
    ("生产部", "production"),
    ("质量部", "quality"),
    ("品质部", "quality"),
    ("采购部", "purchasing"),
    ("研发部", "research"),
    ("信息部", "it"),
    ("工程部", "engineering"),
    ("护理部", "nursing"),
    ("教务部", "academic-affairs"),
    ("前厅部", "front-office"),
    ("客房部", "housekeeping"),
];

/// An industry the importer can recognize from keywords in a document.
#[derive(Debug, PartialEq, Eq)]
pub struct Industry {
    /// Folded keywords; ASCII ones are lowercase.
    pub keywords: &'static [&'static str],
    /// The `industry` value written to `_index.md`.
    pub name: &'static str,
    /// The first word of the document's folder slug.
    pub slug: &'static str,
    /// The `organization` written when the text names none.
    pub generic_organization: &'static str,
}

/// Industries in tie-break order: the one whose keywords occur most often in a
/// document wins; on a tie, the earlier one (more specific words first).
pub const INDUSTRIES: &[Industry] = &[
    Industry {
        keywords: &["餐饮"],
        name: "餐饮",
        slug: "catering",
        generic_organization: "某餐饮企业",
    },
    Industry {
        keywords: &["物业"],
        name: "物业管理",
        slug: "property",
        generic_organization: "某物业管理公司",
    },
    Industry {
        keywords: &["女装"],
        name: "女装零售",
        slug: "womenswear",
        generic_organization: "某女装品牌",
    },
    Industry {
        keywords: &["app", "平台", "微信"],
        name: "互联网平台",
        slug: "platform",
        generic_organization: "某互联网平台公司",
    },
    Industry {
        keywords: &["门店"],
        name: "连锁零售",
        slug: "store",
        generic_organization: "某连锁门店企业",
    },
    Industry {
        keywords: &["仓储", "配送", "运输"],
        name: "物流",
        slug: "logistics",
        generic_organization: "某物流公司",
    },
    Industry {
        keywords: &["医院", "病区", "护理", "门诊", "检验", "临床", "患者"],
        name: "医疗",
        slug: "hospital",
        generic_organization: "某医院",
    },
    Industry {
        keywords: &["学校", "教学", "学生", "教务"],
        name: "教育",
        slug: "school",
        generic_organization: "某学校",
    },
    Industry {
        keywords: &["银行", "信贷", "柜面", "储蓄"],
        name: "银行",
        slug: "bank",
        generic_organization: "某银行",
    },
    Industry {
        keywords: &["软件", "研发", "测试", "代码"],
        name: "软件",
        slug: "software",
        generic_organization: "某软件公司",
    },
    Industry {
        keywords: &["酒店", "客房", "前厅"],
        name: "酒店",
        slug: "hotel",
        generic_organization: "某酒店",
    },
    Industry {
        keywords: &["政府", "机关", "公务", "政务", "人社局", "街道办"],
        name: "政府机关",
        slug: "government",
        generic_organization: "某机关单位",
    },
    Industry {
        keywords: &["养老", "护理员", "老人", "长者"],
        name: "养老服务",
        slug: "elderly-care",
        generic_organization: "某养老机构",
    },
    Industry {
        keywords: &["快递", "快件", "派件", "揽收"],
        name: "快递",
        slug: "courier",
        generic_organization: "某快递公司",
    },
    Industry {
        keywords: &["影院", "影厅", "放映", "影片"],
        name: "影院",
        slug: "cinema",
        generic_organization: "某影院",
    },
    Industry {
        keywords: &["律师", "律所", "诉讼", "法律顾问"],
        name: "法律服务",
        slug: "legal",
        generic_organization: "某律师事务所",
    },
    Industry {
        keywords: &["汽车", "整车", "试驾", "售后服务站"],
        name: "汽车销售",
        slug: "automotive",
        generic_organization: "某汽车销售服务公司",
    },
    Industry {
        keywords: &["保险", "理赔", "保单", "核保"],
        name: "保险",
        slug: "insurance",
        generic_organization: "某保险公司",
    },
    Industry {
        keywords: &["施工", "工地", "监理", "项目部"],
        name: "建筑",
        slug: "construction",
        generic_organization: "某建筑公司",
    },
    Industry {
        keywords: &["药品", "制药", "gmp", "药剂"],
        name: "医药",
        slug: "pharmaceutical",
        generic_organization: "某制药企业",
    },
    Industry {
        keywords: &["种植", "养殖", "农技", "农产品", "合作社", "农资"],
        name: "农业",
        slug: "agriculture",
        generic_organization: "某农业合作社",
    },
    Industry {
        keywords: &["新闻", "采编", "节目", "广播", "电视台"],
        name: "广播电视",
        slug: "broadcasting",
        generic_organization: "某广播电视台",
    },
    Industry {
        keywords: &["航班", "值机", "机场", "旅客", "民航"],
        name: "民航",
        slug: "aviation",
        generic_organization: "某航空公司",
    },
    Industry {
        keywords: &["楼盘", "置业", "售楼", "房产", "按揭"],
        name: "房地产",
        slug: "real-estate",
        generic_organization: "某房地产公司",
    },
    Industry {
        keywords: &["生产", "车间", "工艺", "产线"],
        name: "制造",
        slug: "manufacturing",
        generic_organization: "某制造企业",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character of the tables, written in Traditional (Taiwan and
    /// Hong Kong forms too), folds back: a label in a Big5 file is a label.
    #[test]
    fn every_traditional_form_of_the_tables_folds() {
        use crate::convert::{Converter, OpenccConfig};
        let mut words: Vec<&str> = Vec::new();
        words.extend(crate::import::labels::LABELS.iter().map(|(w, _)| *w));
        words.extend(RANK_WORDS.iter().map(|(w, _)| *w));
        words.extend(SECTION_KEYWORDS.iter().map(|(w, _)| *w));
        words.extend(DUTY_KEYWORDS);
        words.extend(ORGANIZATION_SUFFIXES);
        words.extend(NOT_TITLES);
        words.extend(INDUSTRIES.iter().flat_map(|i| i.keywords));
        let mut missing = std::collections::BTreeSet::new();
        for config in [OpenccConfig::S2t, OpenccConfig::S2tw, OpenccConfig::S2hk] {
            let converter = Converter::new(config);
            for c in words.iter().flat_map(|w| w.chars()) {
                for t in converter.convert(&c.to_string()).chars() {
                    if t != c && fold_char(t) != c {
                        missing.insert(format!("('{t}', '{c}')"));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "add to FOLD: {missing:?}");
    }

    #[test]
    fn folding_keeps_byte_offsets() {
        for (traditional, simplified) in FOLD {
            assert_eq!(
                traditional.len_utf8(),
                simplified.len_utf8(),
                "{traditional}"
            );
        }
    }

    #[test]
    fn folds_traditional_keywords() {
        assert_eq!(fold("崗位關鍵職責"), "岗位关键职责");
        assert_eq!(fold("直接上級:總經理"), "直接上级:总经理");
        assert_eq!(fold("APP用戶"), "app用戶");
    }

    #[test]
    fn ranks_titles() {
        assert_eq!(rank_of("运营部部长"), Some(1));
        assert_eq!(rank_of("首席运营官"), Some(1));
        assert_eq!(rank_of("线上推广技术支持"), Some(4));
        assert_eq!(rank_of("运营部"), None);
    }
}
