//! Indicator categories: the closed vocabulary of the 2015 and 2021
//! frameworks, with every accepted spelling.

use super::suggest::closest;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framework {
    F2015,
    F2021,
}

impl Framework {
    pub fn name(self) -> &'static str {
        match self {
            Framework::F2015 => "2015",
            Framework::F2021 => "2021",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level1 {
    Cost,
    Output,
    Benefit,
    Satisfaction,
    Input,
    Process,
}

pub struct Level1Def {
    pub id: Level1,
    pub canonical: &'static str,
    pub aliases: &'static [&'static str],
    pub in_2015: bool,
    /// Forms that add 投入指标 and 过程指标 (财政支出绩效目标申报表) name their
    /// level 2 freely, or give none (`投入 "资金到位率"`): any word is one.
    pub open: bool,
}

pub const LEVEL1: &[Level1Def] = &[
    Level1Def {
        id: Level1::Cost,
        canonical: "成本指标",
        aliases: &["成本", "cost", "costs"],
        in_2015: false,
        open: false,
    },
    Level1Def {
        id: Level1::Output,
        canonical: "产出指标",
        aliases: &["产出", "output", "outputs"],
        in_2015: true,
        open: false,
    },
    Level1Def {
        id: Level1::Benefit,
        canonical: "效益指标",
        aliases: &[
            "效益",
            "效果指标",
            "效果",
            "benefit",
            "benefits",
            "effect",
            "effects",
            "outcome",
            "outcomes",
        ],
        in_2015: true,
        open: false,
    },
    Level1Def {
        id: Level1::Satisfaction,
        canonical: "满意度指标",
        aliases: &["满意度", "satisfaction"],
        in_2015: true,
        open: false,
    },
    Level1Def {
        id: Level1::Input,
        canonical: "投入指标",
        aliases: &["投入", "input", "inputs"],
        in_2015: true,
        open: true,
    },
    Level1Def {
        id: Level1::Process,
        canonical: "过程指标",
        aliases: &["过程", "process"],
        in_2015: true,
        open: true,
    },
];

pub struct Level2Def {
    pub canonical: &'static str,
    pub parent: Level1,
    pub aliases: &'static [&'static str],
    pub in_2015: bool,
    pub in_2021: bool,
}

const fn l2(
    canonical: &'static str,
    parent: Level1,
    aliases: &'static [&'static str],
    in_2015: bool,
    in_2021: bool,
) -> Level2Def {
    Level2Def {
        canonical,
        parent,
        aliases,
        in_2015,
        in_2021,
    }
}

pub const LEVEL2: &[Level2Def] = &[
    l2(
        "数量指标",
        Level1::Output,
        &["数量", "quantity"],
        true,
        true,
    ),
    l2("质量指标", Level1::Output, &["质量", "quality"], true, true),
    l2(
        "时效指标",
        Level1::Output,
        &["时效", "timeliness"],
        true,
        true,
    ),
    l2("成本指标", Level1::Output, &["成本", "cost"], true, false),
    l2(
        "经济效益指标",
        Level1::Benefit,
        &["经济效益", "economic"],
        true,
        true,
    ),
    l2(
        "社会效益指标",
        Level1::Benefit,
        &["社会效益", "social"],
        true,
        true,
    ),
    l2(
        "生态效益指标",
        Level1::Benefit,
        &[
            "生态效益",
            "环境效益指标",
            "环境效益",
            "ecological",
            "environmental",
        ],
        true,
        true,
    ),
    l2(
        "可持续影响指标",
        Level1::Benefit,
        &["可持续影响", "sustainability", "sustainable"],
        true,
        true,
    ),
    l2(
        "服务对象满意度指标",
        Level1::Satisfaction,
        &[
            "服务对象满意度",
            "社会公众或服务对象满意度指标",
            "社会公众或服务对象满意度",
            "service",
        ],
        true,
        true,
    ),
    l2(
        "经济成本指标",
        Level1::Cost,
        &["经济成本", "economic"],
        false,
        true,
    ),
    l2(
        "社会成本指标",
        Level1::Cost,
        &["社会成本", "social"],
        false,
        true,
    ),
    l2(
        "生态环境成本指标",
        Level1::Cost,
        &[
            "生态环境成本",
            "生态成本",
            "环境成本",
            "ecological",
            "environmental",
        ],
        false,
        true,
    ),
];

impl Level1Def {
    pub fn in_framework(&self, fw: Framework) -> bool {
        fw == Framework::F2021 || self.in_2015
    }
}

impl Level2Def {
    pub fn in_framework(&self, fw: Framework) -> bool {
        match fw {
            Framework::F2015 => self.in_2015,
            Framework::F2021 => self.in_2021,
        }
    }
}

/// `lower` is `word` in lower case (aliases are), computed once per lookup.
fn spells(word: &str, lower: &str, canonical: &str, aliases: &[&str]) -> bool {
    canonical == word || aliases.contains(&lower)
}

pub fn level1(word: &str) -> Option<&'static Level1Def> {
    let lower = word.to_lowercase();
    LEVEL1
        .iter()
        .find(|d| spells(word, &lower, d.canonical, d.aliases))
}

pub fn level1_def(id: Level1) -> &'static Level1Def {
    LEVEL1.iter().find(|d| d.id == id).unwrap_or(&LEVEL1[1])
}

/// How a level-2 word resolved.
pub enum Level2Lookup {
    Found(&'static Level2Def),
    /// Known, but under another level 1.
    WrongParent(&'static Level2Def),
    Unknown {
        suggestion: Option<&'static str>,
    },
}

/// Resolve a level-2 word under a level 1, preferring the framework's own
/// entries (2015 `产出.成本` and 2021 `成本.…` share words).
pub fn level2(parent: Level1, word: &str, fw: Framework) -> Level2Lookup {
    let lower = word.to_lowercase();
    let matches = |d: &&Level2Def| spells(word, &lower, d.canonical, d.aliases);
    let mut under = LEVEL2.iter().filter(|d| d.parent == parent).filter(matches);
    let first = under.clone().next();
    if let Some(d) = under.find(|d| d.in_framework(fw)).or(first) {
        return Level2Lookup::Found(d);
    }
    if let Some(d) = LEVEL2.iter().filter(matches).find(|d| d.in_framework(fw)) {
        return Level2Lookup::WrongParent(d);
    }
    if let Some(d) = LEVEL2.iter().find(matches) {
        return Level2Lookup::WrongParent(d);
    }
    let candidates = LEVEL2
        .iter()
        .filter(|d| d.parent == parent && d.in_framework(fw))
        .flat_map(|d| std::iter::once(d.canonical).chain(d.aliases.iter().copied()));
    Level2Lookup::Unknown {
        suggestion: closest(word, candidates),
    }
}

pub fn suggest_level1(word: &str) -> Option<&'static str> {
    closest(
        word,
        LEVEL1
            .iter()
            .flat_map(|d| std::iter::once(d.canonical).chain(d.aliases.iter().copied())),
    )
}

/// The short written form of a level-2 name under its level 1, for help texts.
pub fn short(name: &str) -> &str {
    name.strip_suffix("指标").unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_resolve_to_canonical_names() {
        assert_eq!(level1("效果指标").unwrap().canonical, "效益指标");
        assert_eq!(level1("output").unwrap().canonical, "产出指标");
        let Level2Lookup::Found(d) = level2(Level1::Benefit, "环境效益", Framework::F2015)
        else {
            panic!()
        };
        assert_eq!(d.canonical, "生态效益指标");
        let Level2Lookup::Found(d) = level2(Level1::Cost, "economic", Framework::F2021) else {
            panic!()
        };
        assert_eq!(d.canonical, "经济成本指标");
    }

    #[test]
    fn wrong_parent_and_unknown() {
        assert!(matches!(
            level2(Level1::Output, "社会效益", Framework::F2015),
            Level2Lookup::WrongParent(d) if d.parent == Level1::Benefit
        ));
        assert!(matches!(
            level2(Level1::Output, "实效", Framework::F2015),
            Level2Lookup::Unknown {
                suggestion: Some("时效")
            }
        ));
    }
}
