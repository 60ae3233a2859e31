//! Who a satisfaction indicator asks (服务对象满意度, 辖区内群众满意度): the
//! subjects any project may name, which say nothing about copying a template.

/// Stock service objects that say nothing about a particular project.
const GENERIC: &[&str] = &[
    "服务对象",
    "社会公众",
    "群众",
    "公众",
    "受益群众",
    "受益对象",
    "服务群众",
    "使用单位",
    "使用人员",
    "使用者",
    "用户",
    "受众",
    "观众",
    "游客",
    "读者",
    "师生",
    "学生",
    "家长",
    "学生家长",
    "教师",
    "老人",
    "儿童",
    "企业",
    "农户",
    "参与人员",
    "干部职工",
    "职工",
    "社会",
    "群众对象",
    "相关单位",
    "相关部门",
    "各部门",
    "单位",
    "人员",
    "对象",
    "市民",
    "居民",
    "村民",
    "辖区居民",
    "辖区群众",
    "人民群众",
    "社会各界",
];

/// People named by where they live or stand: 辖区内群众, 项目区农户, 全县居民.
const PEOPLE: &[&str] = &[
    "群众", "居民", "村民", "市民", "公众", "农户", "住户", "家庭", "学生", "家长",
];

/// Words that place those people: 辖区内, 本村, 项目区, 周边 …
const PLACE_ENDINGS: &[&str] = &[
    "内", "区", "村", "镇", "乡", "县", "市", "省", "社区", "地", "周边", "沿线", "范围",
];

/// `查档群众` → `查档`: what precedes a word for people, when the subject
/// ends with one. Such a subject names the project's own public by what
/// they do there.
pub(crate) fn activity_of_people(subject: &str) -> Option<&str> {
    PEOPLE
        .iter()
        .chain(GENERIC)
        .filter_map(|p| subject.strip_suffix(p))
        .find(|rest| !rest.is_empty())
}

/// Whether a satisfaction subject is one any project may name: a stock
/// word (服务对象, 群众), or people named by a place (辖区内群众).
pub(crate) fn is_natural_beneficiary(subject: &str) -> bool {
    if GENERIC.contains(&subject) {
        return true;
    }
    PEOPLE.iter().any(|p| {
        subject.strip_suffix(p).is_some_and(|place| {
            let place = place.trim_end_matches('的');
            !place.is_empty()
                && (GENERIC.contains(&place) || PLACE_ENDINGS.iter().any(|e| place.ends_with(e)))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beneficiaries_named_by_place_are_natural() {
        for s in [
            "服务对象",
            "辖区群众",
            "辖区内群众",
            "项目区农户",
            "全县居民",
            "本村村民",
            "周边群众",
        ] {
            assert!(is_natural_beneficiary(s), "{s}");
        }
        for s in ["参培住院医师", "患者", "参训教师", "群众", "住院医师群众"] {
            assert_eq!(is_natural_beneficiary(s), GENERIC.contains(&s), "{s}");
        }
        assert!(is_natural_beneficiary("师生") && !is_natural_beneficiary("患者"));
    }

    #[test]
    fn people_named_by_what_they_do() {
        assert_eq!(activity_of_people("查档群众"), Some("查档"));
        assert_eq!(activity_of_people("参训人员"), Some("参训"));
        assert_eq!(activity_of_people("参培住院医师"), None);
        assert_eq!(activity_of_people("群众"), None);
    }
}
