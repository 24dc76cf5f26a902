//! A small handbook for the search unit tests, shaped like the real one.

use std::path::PathBuf;

use crate::model::rich::{parse, parse_inline};
use crate::model::{DocId, Document, Handbook, Item, Rich, Role};

pub fn rich(md: &str) -> Rich {
    Rich {
        events: parse(md).into_iter().map(|(e, _)| e).collect(),
    }
}

fn items(texts: &[&str]) -> Vec<Item> {
    texts
        .iter()
        .map(|t| Item {
            text: Rich {
                events: parse_inline(t).into_iter().map(|(e, _)| e).collect(),
            },
            items: Vec::new(),
        })
        .collect()
}

/// A role: title, key responsibility, duties (Markdown), authority,
/// qualifications.
pub struct R<'a>(
    pub &'a str,
    pub &'a str,
    pub &'a [&'a str],
    pub &'a str,
    pub &'a [&'a str],
    pub &'a [&'a str],
);

pub fn role(r: R<'_>) -> Role {
    let R(id, title, key, duties, authority, qualifications) = r;
    Role {
        key_responsibility: items(key),
        duties: rich(duties),
        authority: items(authority),
        qualifications: items(qualifications),
        sort_key: id.to_string(),
        file: PathBuf::from(format!("{id}.md")),
        ..Role::for_test(id, title)
    }
}

pub fn document(id: &str, source: &str, title: &str, duties: &str, roles: Vec<Role>) -> Document {
    Document {
        id: DocId::parse(id).unwrap_or_else(|| panic!("bad document id {id}")),
        title: title.to_string(),
        organization: "某公司".to_string(),
        industry: "零售".to_string(),
        source: source.to_string(),
        summary: String::new(),
        external_superiors: Vec::new(),
        control: Default::default(),
        duties: rich(duties),
        roles,
        file: PathBuf::from(format!("{id}/_index.md")),
        lookup: Default::default(),
    }
}

pub fn handbook(documents: Vec<Document>) -> Handbook {
    Handbook {
        title: "手册".to_string(),
        description: String::new(),
        documents,
    }
}

/// Three documents: property operations (department duties and two roles),
/// womenswear shops, an online platform.
pub fn sample() -> Handbook {
    handbook(vec![
        document(
            "01-property",
            "第一篇",
            "运营部岗位职责",
            "1. 制订公司运营方针。\n2. 监督物业的运营工作。\n",
            vec![
                role(R(
                    "bu-zhang",
                    "运营部部长",
                    &[],
                    "1. 负责制定物业服务的制度。\n2. 完成总经理临时交办的工作。\n",
                    &["对公司各项费用支出享有建议权。"],
                    &["教育背景:管理类专业本科以上学历。"],
                )),
                role(R(
                    "zhu-guan",
                    "运营部主管",
                    &[],
                    "1. 协助部长做好检查工作。\n2. 负责监督外判单位的服务质量。\n",
                    &[],
                    &["熟悉ISO9001质量管理体系。"],
                )),
            ],
        ),
        document(
            "04-womenswear",
            "第四篇",
            "女装运营部岗位职责",
            "",
            vec![
                role(R(
                    "zong-jian",
                    "运营总监",
                    &["全面负责公司运营管理,达成销售目标。"],
                    "1. 制定公司运营战略与年度运营计划。\n2. 负责营运团队建设。\n",
                    &[],
                    &[],
                )),
                role(R(
                    "dian-zhang",
                    "店长",
                    &["带领店员完成销售目标。"],
                    "1. 负责店铺综合管理。\n   1. 制定销售计划。\n2. 负责对店员进行业务指导。\n   1. 负责店铺陈列。\n   2. 负责及时盘点了解店铺库存情况。\n",
                    &[],
                    &[],
                )),
                role(R(
                    "fu-dian-zhang",
                    "副店长",
                    &[],
                    "1. 协助店长管理店铺。\n",
                    &[],
                    &[],
                )),
                role(R(
                    "dao-gou",
                    "导购",
                    &[],
                    "1. 做好货品盘点。\n2. 为顾客提供服务。\n",
                    &[],
                    &[],
                )),
            ],
        ),
        document(
            "05-platform",
            "第五篇",
            "平台运营部岗位职责",
            "",
            vec![
                role(R(
                    "coo",
                    "首席运营官",
                    &["全面负责平台运营管理。"],
                    "1. 制定平台运营战略与年度运营计划。\n2. 负责运营团队建设。\n",
                    &[],
                    &[],
                )),
                role(R(
                    "ke-fu-zhu-guan",
                    "客服主管",
                    &["管理客服团队,处理客户投诉。"],
                    "1. 制定客服工作流程。\n2. 处理客户投诉。\n",
                    &[],
                    &[],
                )),
                role(R(
                    "ke-fu",
                    "客服专员",
                    &[],
                    "1. 接待客户咨询。\n2. 记录客户投诉。\n",
                    &[],
                    &[],
                )),
                role(R(
                    "tui-guang",
                    "线上推广专员",
                    &[],
                    "1. 负责公司线上推广。\n2. 抓好微信、微博的日常维护工作。\n",
                    &[],
                    &[],
                )),
                role(R(
                    "ji-shu",
                    "线上推广技术支持",
                    &[],
                    "1. 维护公司网站。\n",
                    &[],
                    &["熟悉PHP、ASP等网站开发语言。"],
                )),
            ],
        ),
    ])
}
