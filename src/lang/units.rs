//! Units of measure used in indicator target values (指标值) and their dimensions.
//!
//! The built-in table holds the units a finance officer expects to see in a Chinese budget
//! performance-target sheet (percent, money, counts, durations, physical measures, scores).
//! A sheet may declare more units (`define-unit 床日 count`). Compound units such as `元/亩`
//! or `人/年` are resolved one level deep into [`Dimension::Per`].

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::suggest::distance_chars;

/// The physical or accounting dimension of a unit.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dimension {
    /// %, ‰, 百分点.
    Percent,
    /// 个, 人次, 套 …
    Count,
    /// 元, 万元 …
    Money,
    /// 天, 个月, 工作日 …
    Time,
    /// 米, 公里 …
    Length,
    /// 平方米, 亩 …
    Area,
    /// 吨, 千克 …
    Mass,
    /// 立方米, 升 …
    Volume,
    /// 千瓦时 …
    Energy,
    /// 分 (a score).
    Score,
    /// A compound unit `A/B`, e.g. `元/亩` is `Per(Money, Area)`.
    Per(Box<Dimension>, Box<Dimension>),
}

impl Dimension {
    /// The English name of the dimension; compound dimensions read `money/area`.
    pub fn name(&self) -> String {
        match self {
            Dimension::Percent => "percent".to_string(),
            Dimension::Count => "count".to_string(),
            Dimension::Money => "money".to_string(),
            Dimension::Time => "time".to_string(),
            Dimension::Length => "length".to_string(),
            Dimension::Area => "area".to_string(),
            Dimension::Mass => "mass".to_string(),
            Dimension::Volume => "volume".to_string(),
            Dimension::Energy => "energy".to_string(),
            Dimension::Score => "score".to_string(),
            Dimension::Per(a, b) => format!("{}/{}", a.name(), b.name()),
        }
    }

    /// The Chinese name of the dimension (`define-unit` takes it too);
    /// compound dimensions read `金额/面积`.
    pub fn chinese_name(&self) -> String {
        match self {
            Dimension::Percent => "百分比".to_string(),
            Dimension::Count => "数量".to_string(),
            Dimension::Money => "金额".to_string(),
            Dimension::Time => "时间".to_string(),
            Dimension::Length => "长度".to_string(),
            Dimension::Area => "面积".to_string(),
            Dimension::Mass => "重量".to_string(),
            Dimension::Volume => "体积".to_string(),
            Dimension::Energy => "能量".to_string(),
            Dimension::Score => "分值".to_string(),
            Dimension::Per(a, b) => format!("{}/{}", a.chinese_name(), b.chinese_name()),
        }
    }

    /// Parses a dimension word as written in `define-unit`: the English names of
    /// [`Dimension::name`] or a Chinese name. Compound dimensions are not accepted.
    pub fn parse(word: &str) -> Option<Dimension> {
        let w = word.trim();
        let lower = w.to_ascii_lowercase();
        let d = match lower.as_str() {
            "percent" | "percentage" | "百分比" | "百分率" | "比率" | "比例" => {
                Dimension::Percent
            }
            "count" | "number" | "数量" | "计数" | "个数" => Dimension::Count,
            "money" | "amount" | "金额" | "资金" => Dimension::Money,
            "time" | "duration" | "时间" | "时长" | "期限" => Dimension::Time,
            "length" | "distance" | "长度" | "距离" | "里程" => Dimension::Length,
            "area" | "面积" => Dimension::Area,
            "mass" | "weight" | "重量" | "质量" => Dimension::Mass,
            "volume" | "体积" | "容积" => Dimension::Volume,
            "energy" | "能量" | "能耗" | "电量" => Dimension::Energy,
            "score" | "points" | "分值" | "分数" | "得分" => Dimension::Score,
            _ => return None,
        };
        Some(d)
    }

    /// True for `Per(..)`.
    pub fn is_compound(&self) -> bool {
        matches!(self, Dimension::Per(_, _))
    }
}

const PERCENT_UNITS: &[&str] = &["%", "‰", "百分点", "个百分点"];

const MONEY_UNITS: &[&str] = &[
    "元",
    "万元",
    "亿元",
    "千元",
    "百元",
    "十万元",
    "百万元",
    "千万元",
    "角",
    "万美元",
    "美元",
];

const COUNT_UNITS: &[&str] = &[
    "个",
    "次",
    "人次",
    "批次",
    "人",
    "户",
    "辆",
    "台",
    "套",
    "项",
    "件",
    "场",
    "期",
    "篇",
    "株",
    "家",
    "所",
    "份",
    "本",
    "册",
    "处",
    "座",
    "条",
    "张",
    "部",
    "名",
    "位",
    "块",
    "间",
    "栋",
    "幢",
    "棵",
    "头",
    "只",
    "批",
    "类",
    "门",
    "课时",
    "学时",
    "床",
    "张床",
    "家次",
    "户次",
    "人天",
    "人日",
    "人月",
    "个次",
    "项次",
    "起",
    "宗",
    "单",
    "笔",
    "幅",
    "首",
    "期次",
    "支",
    "队",
    "组",
    "村",
    "校",
    "园",
    "网点",
    "台次",
    "辆次",
    "车次",
    "架次",
    "班次",
    "场次",
    "篇次",
    "份次",
    "册次",
    "套次",
    "处次",
    "所次",
    "床日",
    "例",
    "例次",
    "尾",
    "羽",
    "匹",
    "对",
    "双",
    "箱",
    "袋",
    "瓶",
    "盒",
    "包",
    "片",
    "粒",
    "剂",
    "台套",
    "口",
    "眼",
    "座次",
    "节",
    "节次",
    "堂",
    "课",
    "门次",
    "届",
    "轮",
    "件次",
    "万人",
    "万人次",
    "万户",
    "万株",
    "万册",
    "万份",
    "万只",
    "万头",
    "万次",
    "万件",
    "万个",
    "千人",
    "千人次",
    "亿人次",
    "个点",
    "条次",
    "家庭",
    "学校",
    "所学校",
    "个村",
    "乡镇",
    "个乡镇",
    "镇",
    "社区",
    "个社区",
    "栋楼",
    "项目",
    "个项目",
    "张次",
    "人/次",
    "样",
    "样次",
    "批样",
    "车",
    "辆车",
    "艘",
    "架",
    "盏",
    "根",
    "把",
    "副",
    "顶",
    "面",
    "卷",
    "片区",
    "平台",
    "系统",
    "个人",
    "枚",
    // Less common, ranked after the rest for "did you mean".
    "种",
];

const TIME_UNITS: &[&str] = &[
    "天",
    "日",
    "个月",
    "月",
    "年",
    "工作日",
    "个工作日",
    "小时",
    "个小时",
    "分钟",
    "周",
    "个周",
    "星期",
    "个星期",
    "季度",
    "个季度",
    "秒",
    "学期",
    "个学期",
    "学年",
    "周年",
    "自然日",
    "个自然日",
    "h",
    "min",
    "s",
    "d",
];

const LENGTH_UNITS: &[&str] = &[
    "米",
    "公里",
    "千米",
    "厘米",
    "毫米",
    "延米",
    "延长米",
    "里",
    "km",
    "m",
    "cm",
    "mm",
];

const AREA_UNITS: &[&str] = &[
    "平方米",
    "亩",
    "公顷",
    "平方公里",
    "平方千米",
    "㎡",
    "m²",
    "m2",
    "平米",
    "平方",
    "万亩",
    "万平方米",
    "千亩",
    "km²",
    "km2",
    "hm²",
    "hm2",
    "万公顷",
];

const MASS_UNITS: &[&str] = &[
    "吨", "千克", "公斤", "克", "斤", "万吨", "千吨", "毫克", "kg", "t", "g", "mg",
];

const VOLUME_UNITS: &[&str] = &[
    "立方米",
    "升",
    "毫升",
    "m³",
    "m3",
    "方",
    "立方",
    "万立方米",
    "万方",
    "L",
    "l",
    "ml",
    "mL",
];

const ENERGY_UNITS: &[&str] = &[
    "千瓦时",
    "度",
    "kWh",
    "kW·h",
    "kwh",
    "万千瓦时",
    "亿千瓦时",
    "兆瓦时",
    "MWh",
    "吨标准煤",
    "吨标煤",
    "万吨标准煤",
    "千克标准煤",
    "焦耳",
    "兆焦",
    "J",
    "MJ",
];

const SCORE_UNITS: &[&str] = &["分"];

/// The longest unit name for which a suggestion is computed (longer inputs get none).
const MAX_SUGGEST_CHARS: usize = 32;

/// A table of known units and their dimensions. Iteration order is deterministic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitTable {
    /// Unit name -> (dimension, rank). The rank is the order of declaration: built-in
    /// units are listed most common first, and suggestions prefer a lower rank on ties.
    units: BTreeMap<String, (Dimension, usize)>,
}

impl Default for UnitTable {
    fn default() -> Self {
        UnitTable::builtin()
    }
}

impl UnitTable {
    /// An empty table (no units at all). Mostly useful in tests.
    pub fn empty() -> UnitTable {
        UnitTable {
            units: BTreeMap::new(),
        }
    }

    /// The built-in table.
    pub fn builtin() -> UnitTable {
        let mut t = UnitTable::empty();
        let groups: [(&[&str], Dimension); 10] = [
            (PERCENT_UNITS, Dimension::Percent),
            (MONEY_UNITS, Dimension::Money),
            (COUNT_UNITS, Dimension::Count),
            (TIME_UNITS, Dimension::Time),
            (LENGTH_UNITS, Dimension::Length),
            (AREA_UNITS, Dimension::Area),
            (MASS_UNITS, Dimension::Mass),
            (VOLUME_UNITS, Dimension::Volume),
            (ENERGY_UNITS, Dimension::Energy),
            (SCORE_UNITS, Dimension::Score),
        ];
        for (names, dim) in groups.iter() {
            for n in names.iter() {
                // `人/次` is listed as a count (it reads "person-times"), so it must not be
                // split as a compound; everything else is a plain name.
                let rank = t.units.len();
                t.units
                    .entry((*n).to_string())
                    .or_insert((dim.clone(), rank));
            }
        }
        t
    }

    /// Declares (or redeclares) a unit. The name is normalised like a unit in a target
    /// (full-width ASCII to ASCII, surrounding whitespace removed).
    pub fn declare(&mut self, name: &str, dim: Dimension) {
        let n = normalize_unit(name);
        if n.is_empty() {
            return;
        }
        let rank = self.units.get(&n).map_or(self.units.len(), |e| e.1);
        self.units.insert(n, (dim, rank));
    }

    /// True when the exact unit (after normalisation) is in the table; compound units are
    /// not split.
    #[cfg(test)]
    pub fn contains(&self, unit: &str) -> bool {
        self.units.contains_key(&normalize_unit(unit))
    }

    /// Every unit with its dimension, in the order of declaration (built-in
    /// units most common first).
    pub fn names(&self) -> Vec<(&str, &Dimension)> {
        let mut all: Vec<(&str, &Dimension, usize)> = self
            .units
            .iter()
            .map(|(n, (d, rank))| (n.as_str(), d, *rank))
            .collect();
        all.sort_by_key(|e| e.2);
        all.into_iter().map(|(n, d, _)| (n, d)).collect()
    }

    /// Number of units in the table.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// True when the table holds no unit.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The dimension of a unit. A compound `A/B` (one level: `元/亩`, `人/年`, `次/年`) gives
    /// `Per(dim A, dim B)` when both sides are known simple units. A unit listed as a whole
    /// (e.g. `人/次`) wins over the split.
    pub fn lookup(&self, unit: &str) -> Option<Dimension> {
        let u = normalize_unit(unit);
        if u.is_empty() {
            return None;
        }
        if let Some((d, _)) = self.units.get(&u) {
            return Some(d.clone());
        }
        let (a, b) = split_compound(&u)?;
        let da = self.simple(a)?;
        let db = self.simple(b)?;
        Some(Dimension::Per(Box::new(da), Box::new(db)))
    }

    fn simple(&self, unit: &str) -> Option<Dimension> {
        match self.units.get(unit) {
            Some((d, _)) if !d.is_compound() => Some(d.clone()),
            _ => None,
        }
    }

    /// The closest known unit to an unknown one, by character edit distance: at most 1 for
    /// units of one or two characters, at most 2 for longer ones. A candidate must share at
    /// least one character with the unknown unit (otherwise every one-character unit would be
    /// "close" to every other). A known unit that is a prefix of the unknown one (`%完成`)
    /// is suggested first. For a compound `A/B`, each unknown side is corrected. Ties are
    /// broken by the smaller distance, then the closer length, then the more common unit
    /// (built-in units are ranked by how common they are, declared units after them).
    /// Returns `None` for a known unit.
    pub fn suggest(&self, unit: &str) -> Option<String> {
        let u = normalize_unit(unit);
        if u.is_empty() || self.lookup(&u).is_some() {
            return None;
        }
        if let Some((a, b)) = split_compound(&u) {
            let fa = if self.simple(a).is_some() {
                Some(a.to_string())
            } else {
                self.suggest_simple(a)
            };
            let fb = if self.simple(b).is_some() {
                Some(b.to_string())
            } else {
                self.suggest_simple(b)
            };
            if let (Some(fa), Some(fb)) = (fa, fb) {
                let s = format!("{}/{}", fa, fb);
                if s != u {
                    return Some(s);
                }
            }
            return None;
        }
        self.suggest_simple(&u)
    }

    fn suggest_simple(&self, u: &str) -> Option<String> {
        let chars: Vec<char> = u.chars().collect();
        if chars.is_empty() || chars.len() > MAX_SUGGEST_CHARS {
            return None;
        }
        // A known unit followed by extra words: `%完成`, `个乡镇全覆盖`. Longest prefix wins.
        let mut best_prefix: Option<&str> = None;
        for k in self.units.keys() {
            if k.chars().count() < chars.len()
                && u.starts_with(k.as_str())
                && best_prefix.is_none_or(|b| k.len() > b.len())
            {
                best_prefix = Some(k.as_str());
            }
        }
        let lower: Vec<char> = chars.iter().flat_map(|c| c.to_lowercase()).collect();
        let limit = if chars.len() <= 2 { 1 } else { 2 };
        let mut best: Option<(usize, usize, usize, &str)> = None;
        for (k, (_, rank)) in self.units.iter() {
            let kc: Vec<char> = k.chars().flat_map(|c| c.to_lowercase()).collect();
            let len_diff = kc.len().abs_diff(lower.len());
            if len_diff > limit {
                continue;
            }
            if !kc.iter().any(|c| lower.contains(c)) {
                continue;
            }
            let d = distance_chars(&lower, &kc);
            if d > limit || k == u {
                continue;
            }
            let key = (d, len_diff, *rank);
            let better = match best {
                None => true,
                Some((bd, bl, br, _)) => key < (bd, bl, br),
            };
            if better {
                best = Some((d, len_diff, *rank, k.as_str()));
            }
        }
        match (best, best_prefix) {
            // A close misspelling of the whole word beats a mere prefix, except when the
            // prefix explains the input at least as well.
            (Some((d, _, _, k)), Some(p)) => {
                let rest = chars.len() - p.chars().count();
                if rest < d {
                    Some(p.to_string())
                } else {
                    Some(k.to_string())
                }
            }
            (Some((_, _, _, k)), None) => Some(k.to_string()),
            (None, Some(p)) => Some(p.to_string()),
            (None, None) => None,
        }
    }

    /// True when the unit is a money unit (`元`, `万元`, …).
    #[cfg(test)]
    pub fn is_money_unit(&self, unit: &str) -> bool {
        self.lookup(unit) == Some(Dimension::Money)
    }

    /// True when the unit is a percent-family unit (`%`, `‰`, `个百分点`, …).
    #[cfg(test)]
    pub fn is_percent_unit(&self, unit: &str) -> bool {
        self.lookup(unit) == Some(Dimension::Percent)
    }

    /// True when the unit measures time (`天`, `个月`, `工作日`, …).
    #[cfg(test)]
    pub fn is_time_unit(&self, unit: &str) -> bool {
        self.lookup(unit) == Some(Dimension::Time)
    }

    /// True when the unit counts things (`个`, `人次`, …).
    #[cfg(test)]
    pub fn is_count_unit(&self, unit: &str) -> bool {
        self.lookup(unit) == Some(Dimension::Count)
    }
}

impl UnitTable {
    /// What an unknown unit most likely is: a known unit it stands for, if
    /// any (`M` is `m`, `万` is `万元`, `/株` lacks its `元`), and its
    /// dimension (a length, money, money per plant …; a count otherwise).
    pub fn guess_unknown(&self, unit: &str) -> (Option<String>, Dimension) {
        let known = |u: &str| self.lookup(u).map(|d| (Some(u.to_string()), d));
        // `M`, `KM`, `KG`: a known unit in other letter case.
        if unit.is_ascii() && unit.chars().any(|c| c.is_ascii_alphabetic()) {
            if let Some(found) = known(&unit.to_ascii_lowercase()) {
                return found;
            }
        }
        // `万`, `亿`: an amount of money without its 元.
        if matches!(unit, "万" | "亿" | "千") {
            if let Some(found) = known(&format!("{unit}元")) {
                return found;
            }
        }
        // `百分比`, `百分率`: a share, written %; not 百分点, a difference of
        // shares, which spelling alone would suggest.
        if matches!(unit, "百分比" | "百分率" | "百分数") {
            if let Some(found) = known("%") {
                return found;
            }
        }
        // `/株`: a price per something, its 元 left out.
        if let Some(per) = unit.strip_prefix('/') {
            if let Some(found) = known(&format!("元/{per}")) {
                return found;
            }
        }
        // 元/人年: money per something, not a count.
        let dimension = match unit.split_once('/') {
            Some((num, _)) => Dimension::Per(
                Box::new(self.lookup(num).unwrap_or(Dimension::Count)),
                Box::new(Dimension::Count),
            ),
            None => Dimension::Count,
        };
        (None, dimension)
    }
}

/// Count units a name may end with as `…数` (培训人数 counts 人, 受益户数 户).
const COUNTED_IN_NAMES: &[&str] = &[
    "人", "户", "次", "个", "场", "项", "台", "辆", "件", "套", "所", "家", "名", "篇", "期", "批",
    "株", "棵", "座", "处", "条", "本", "册", "份",
];

/// The count unit an indicator's name says it counts: `培训人数` → 人,
/// `受益户数` → 户; `None` for other names (`维修项目数量` names no unit).
pub fn counted_by_name(name: &str) -> Option<&'static str> {
    let head = name.trim().strip_suffix('数')?;
    COUNTED_IN_NAMES.iter().copied().find(|u| head.ends_with(u))
}

/// How many yuan one unit of a money unit is worth (`元` = 1, `万元` = 10000), for the
/// built-in money units. `None` for anything else.
pub fn money_factor(unit: &str) -> Option<Decimal> {
    let f: i64 = match normalize_unit(unit).as_str() {
        "角" => return Some(Decimal::new(1, 1)),
        "元" => 1,
        "百元" => 100,
        "千元" => 1_000,
        "万元" => 10_000,
        "十万元" => 100_000,
        "百万元" => 1_000_000,
        "千万元" => 10_000_000,
        "亿元" => 100_000_000,
        _ => return None,
    };
    Some(Decimal::from(f))
}

/// Normalises a unit as written: surrounding whitespace removed, full-width ASCII forms
/// (`％`, `／`, `ｋｍ`) mapped to ASCII, and `·`-like dots unified.
pub fn normalize_unit(unit: &str) -> String {
    unit.trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{2022}' | '\u{00B7}' | '\u{30FB}' | '\u{2027}' => '·',
            _ => c,
        })
        .collect()
}

/// Splits `A/B` at its only slash; `None` when there is no slash, more than one, or an
/// empty side.
fn split_compound(u: &str) -> Option<(&str, &str)> {
    let i = u.find('/')?;
    let a = u.get(..i)?;
    let b = u.get(i + 1..)?;
    if a.is_empty() || b.is_empty() || b.contains('/') {
        return None;
    }
    Some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_units_are_guessed() {
        let t = UnitTable::builtin();
        assert_eq!(t.guess_unknown("M"), (Some("m".into()), Dimension::Length));
        assert_eq!(
            t.guess_unknown("万"),
            (Some("万元".into()), Dimension::Money)
        );
        let (s, d) = t.guess_unknown("/株");
        assert_eq!(s.as_deref(), Some("元/株"));
        assert_eq!(d.name(), "money/count");
        assert_eq!(t.guess_unknown("校次"), (None, Dimension::Count));
        assert_eq!(t.guess_unknown("百分比").0.as_deref(), Some("%"));
        assert_eq!(t.guess_unknown("元/人年").1.name(), "money/count");
    }

    #[test]
    fn dimension_names_and_parse() {
        assert_eq!(Dimension::Money.name(), "money");
        assert_eq!(
            Dimension::Per(Box::new(Dimension::Money), Box::new(Dimension::Area)).name(),
            "money/area"
        );
        assert_eq!(Dimension::parse("count"), Some(Dimension::Count));
        assert_eq!(Dimension::parse("Count"), Some(Dimension::Count));
        assert_eq!(Dimension::parse("重量"), Some(Dimension::Mass));
        assert_eq!(Dimension::parse("质量"), Some(Dimension::Mass));
        assert_eq!(Dimension::parse("能耗"), Some(Dimension::Energy));
        assert_eq!(Dimension::parse("分值"), Some(Dimension::Score));
        assert_eq!(Dimension::parse("百分比"), Some(Dimension::Percent));
        assert_eq!(Dimension::parse("money/area"), None);
        assert_eq!(Dimension::parse(""), None);
        for d in [
            Dimension::Percent,
            Dimension::Count,
            Dimension::Money,
            Dimension::Time,
            Dimension::Length,
            Dimension::Area,
            Dimension::Mass,
            Dimension::Volume,
            Dimension::Energy,
            Dimension::Score,
        ] {
            assert_eq!(Dimension::parse(&d.name()), Some(d.clone()));
        }
    }

    #[test]
    fn builtin_lookup() {
        let t = UnitTable::builtin();
        assert_eq!(t.lookup("%"), Some(Dimension::Percent));
        assert_eq!(t.lookup("％"), Some(Dimension::Percent));
        assert_eq!(t.lookup("‰"), Some(Dimension::Percent));
        assert_eq!(t.lookup("万元"), Some(Dimension::Money));
        assert_eq!(t.lookup("人次"), Some(Dimension::Count));
        assert_eq!(t.lookup("个月"), Some(Dimension::Time));
        assert_eq!(t.lookup("工作日"), Some(Dimension::Time));
        assert_eq!(t.lookup("公里"), Some(Dimension::Length));
        assert_eq!(t.lookup("亩"), Some(Dimension::Area));
        assert_eq!(t.lookup("m²"), Some(Dimension::Area));
        assert_eq!(t.lookup("吨"), Some(Dimension::Mass));
        assert_eq!(t.lookup("m³"), Some(Dimension::Volume));
        assert_eq!(t.lookup("kWh"), Some(Dimension::Energy));
        assert_eq!(t.lookup("ｋｍ"), Some(Dimension::Length));
        assert_eq!(t.lookup("分"), Some(Dimension::Score));
        assert_eq!(t.lookup("床日"), Some(Dimension::Count));
        assert_eq!(t.lookup("嗯嗯"), None);
        assert_eq!(t.lookup(""), None);
        assert!(t.is_money_unit("元"));
        assert!(!t.is_money_unit("%"));
        assert!(t.is_percent_unit("％"));
        assert!(t.is_time_unit("天"));
        assert!(t.is_count_unit("个"));
    }

    #[test]
    fn compound_lookup() {
        let t = UnitTable::builtin();
        assert_eq!(
            t.lookup("元/亩"),
            Some(Dimension::Per(
                Box::new(Dimension::Money),
                Box::new(Dimension::Area)
            ))
        );
        assert_eq!(
            t.lookup("人/年"),
            Some(Dimension::Per(
                Box::new(Dimension::Count),
                Box::new(Dimension::Time)
            ))
        );
        assert_eq!(
            t.lookup("元／人"),
            Some(Dimension::Per(
                Box::new(Dimension::Money),
                Box::new(Dimension::Count)
            ))
        );
        // listed as a whole
        assert_eq!(t.lookup("人/次"), Some(Dimension::Count));
        // only one level, no empty sides
        assert_eq!(t.lookup("元/亩/年"), None);
        assert_eq!(t.lookup("元/"), None);
        assert_eq!(t.lookup("/亩"), None);
        assert_eq!(t.lookup("/"), None);
        assert_eq!(t.lookup("元/嗯"), None);
    }

    #[test]
    fn declare_units() {
        let mut t = UnitTable::builtin();
        assert_eq!(t.lookup("公里数"), None);
        t.declare("床位日", Dimension::Count);
        assert_eq!(t.lookup("床位日"), Some(Dimension::Count));
        assert_eq!(
            t.lookup("元/床位日"),
            Some(Dimension::Per(
                Box::new(Dimension::Money),
                Box::new(Dimension::Count)
            ))
        );
        t.declare("  ", Dimension::Count);
        assert!(!t.contains(""));
        let mut e = UnitTable::empty();
        assert!(e.is_empty());
        e.declare("个", Dimension::Count);
        assert_eq!(e.len(), 1);
        assert!(e.contains("个"));
    }

    #[test]
    fn suggestions() {
        let t = UnitTable::builtin();
        assert_eq!(t.suggest("人吹"), Some("人次".to_string()));
        assert_eq!(t.suggest("平房米"), Some("平方米".to_string()));
        assert_eq!(t.suggest("KWH"), Some("kWh".to_string()));
        assert_eq!(t.suggest("%完成"), Some("%".to_string()));
        assert_eq!(t.suggest("元/平房米"), Some("元/平方米".to_string()));
        assert_eq!(t.suggest("元/畝"), None);
        assert_eq!(t.suggest("万元"), None);
        assert_eq!(t.suggest("嗯"), None);
        assert_eq!(t.suggest(""), None);
        let long: String = "啊".repeat(10_000);
        assert_eq!(t.suggest(&long), None);
        // deterministic
        assert_eq!(t.suggest("人吹"), t.suggest("人吹"));
    }

    #[test]
    fn money_factors() {
        assert_eq!(money_factor("万元"), Some(Decimal::from(10_000)));
        assert_eq!(money_factor("元"), Some(Decimal::from(1)));
        assert_eq!(money_factor("%"), None);
    }
}
