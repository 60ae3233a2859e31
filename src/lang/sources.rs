//! Fund sources (资金来源): the usual names, which count as 财政资金 in the
//! official table, and how other plausible names are shaped.

/// Usual fund source names that count under 财政资金 (fiscal funds) in the
/// official table, when written at the top level of a budget.
pub const FISCAL_SOURCES: &[&str] = &[
    "财政资金",
    "财政拨款",
    "一般公共预算",
    "一般公共预算资金",
    "一般公共预算拨款",
    "政府性基金预算",
    "政府性基金",
    "国有资本经营预算",
    "财政专户管理资金",
    "上级资金",
    "上级补助",
    "上级补助资金",
    "本级资金",
    "专项债券",
];

/// Other usual fund source names (they count under 其他资金). Both lists
/// serve to catch misspellings; other names are accepted.
pub const OTHER_SOURCES: &[&str] = &[
    "其他资金",
    "单位资金",
    "自有资金",
    "事业收入",
    "经营收入",
    "其他收入",
    "上年结转",
    "社会资金",
    "其它资金",
    "自筹资金",
];

/// Whether a top-level fund source counts as 财政资金 in the official table:
/// a usual fiscal name, or any name that says it is public money
/// (当年市级财政资金, 中央财政农业生产发展补助资金, 一般公共预算拨款收入).
/// The usual other names (单位资金, 自筹资金, 上年结转 …) never are.
pub fn is_fiscal(name: &str) -> bool {
    const PUBLIC: &[&str] = &["财政", "一般公共预算", "政府性基金", "国有资本经营"];
    FISCAL_SOURCES.contains(&name)
        || (!OTHER_SOURCES.contains(&name) && PUBLIC.iter().any(|w| name.contains(w)))
}

pub(crate) fn known_sources() -> impl Iterator<Item = &'static str> {
    FISCAL_SOURCES.iter().chain(OTHER_SOURCES).copied()
}

/// Government levels that name sources (省级补助, 本级安排).
pub(crate) const SOURCE_LEVELS: &[&str] = &[
    "中央", "省级", "省", "市级", "市", "县级", "县", "区级", "区", "乡镇", "本级", "上级", "地方",
];

/// How the names of fund sources usually end.
pub(crate) const SOURCE_ENDINGS: &[&str] = &[
    "资金", "补助", "安排", "收入", "预算", "拨款", "结转", "结余", "债券", "基金", "经费", "专款",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_names_are_filed_under_their_heading() {
        for fiscal in [
            "财政资金",
            "当年市级财政资金",
            "中央财政农业生产发展补助资金",
            "一般公共预算拨款收入",
            "政府性基金预算",
        ] {
            assert!(is_fiscal(fiscal), "{fiscal}");
        }
        for other in [
            "其他资金",
            "其它资金",
            "自筹资金",
            "单位资金",
            "上年结转",
            "事业收入",
        ] {
            assert!(!is_fiscal(other), "{other}");
        }
    }
}
