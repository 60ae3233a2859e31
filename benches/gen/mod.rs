//! Deterministic generator of realistic performance-target sheets, for the
//! benchmarks only (not a user command).
//!
//! Two modes:
//! - [`sheet`]: a synthetic sheet of any number of projects, with varied names,
//!   agencies, categories in every accepted spelling (canonical, short,
//!   variant, English), units from every dimension, every target form, nested
//!   fund sources, comments, plans, goals, periods, text blocks, weights, and
//!   some 2021-framework sheets in 元. [`next_year`] gives an edited copy (for
//!   `diff`), [`batch`] a set of files of varied sizes.
//! - [`grow`]: the bundled sample grown to N projects by repeating its
//!   projects with distinct codes, as the checker does.
//!
//! The same arguments always give the same bytes. [`assert_checks`] compiles a
//! text and panics on any error.
#![allow(dead_code)]

use std::fmt::Write;

/// A small, fast, deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

// ---------------------------------------------------------------- vocabulary

const PLACES: &[&str] = &[
    "秦皇岛市北戴河区",
    "石家庄市长安区",
    "保定市莲池区",
    "邯郸市丛台区",
    "唐山市路北区",
    "廊坊市广阳区",
    "沧州市运河区",
    "衡水市桃城区",
    "邢台市信都区",
    "张家口市桥东区",
    "承德市双桥区",
    "某县",
    "某市",
];

const BODIES: &[&str] = &[
    "机关事务管理局",
    "教育局",
    "卫生健康局",
    "农业农村局",
    "民政局",
    "自然资源和规划局",
    "生态环境分局",
    "文化广电和旅游局",
    "交通运输局",
    "住房和城乡建设局",
    "人力资源和社会保障局",
    "水务局",
    "应急管理局",
    "市场监督管理局",
];

const AGENCIES: &[&str] = &[
    "第一中学",
    "第二小学",
    "人民医院",
    "疾病预防控制中心",
    "社会福利院",
    "农业技术推广站",
    "图书馆",
    "文化馆",
    "公路管理站",
    "水利工程管理所",
    "环境监测站",
    "综合执法大队",
    "机关服务中心",
];

/// Object of a project (what the money is for), the beneficiaries mentioned
/// in its purpose (so that satisfaction indicators about them are related),
/// and a count unit for its quantity indicators.
const OBJECTS: &[(&str, &str, &str)] = &[
    ("办公楼维修改造", "各使用单位", "处"),
    ("公务用车运行维护", "各部门", "辆"),
    ("职工食堂运行保障", "就餐职工", "人次"),
    ("义务教育学校公用经费", "学生家长", "人"),
    ("农村饮水安全工程", "农村居民", "处"),
    ("高标准农田建设", "种植户", "亩"),
    ("城乡居民医疗救助", "救助对象", "人次"),
    ("基层医疗卫生机构设备购置", "就诊患者", "台"),
    ("老年人助餐服务", "老年人", "人"),
    ("图书馆免费开放", "读者", "场次"),
    ("农村公路养护", "沿线群众", "公里"),
    ("河道综合治理", "沿岸居民", "公里"),
    ("大气污染防治", "辖区居民", "个"),
    ("安全生产监督检查", "企业", "家"),
    ("食品安全抽检", "消费者", "批次"),
    ("就业技能培训", "参训人员", "人次"),
    ("信息系统运行维护", "使用人员", "套"),
    ("视频会议室网络租金", "参会部门", "次"),
    ("物业管理", "各部门", "项"),
    ("森林防火", "林区群众", "次"),
    ("残疾人康复服务", "残疾人", "人"),
    ("公共文化活动", "参与群众", "场"),
    ("污水处理设施运行", "周边居民", "座"),
    ("城市绿化养护", "市民", "平方米"),
];

const FUND_TOP: &[&str] = &["财政资金", "其他资金", "单位资金"];
const FUND_FISCAL: &[&str] = &[
    "一般公共预算",
    "政府性基金预算",
    "上级资金",
    "国有资本经营预算",
];
const FUND_OTHER: &[&str] = &["事业收入", "经营收入", "其他收入"];

/// Spellings of each level-1 category: canonical, short, variants, English.
const L1_OUTPUT: &[&str] = &["产出指标", "产出", "output", "outputs"];
const L1_BENEFIT: &[&str] = &[
    "效益指标",
    "效益",
    "效果指标",
    "效果",
    "benefit",
    "effect",
    "outcome",
];
const L1_SATISFACTION: &[&str] = &["满意度指标", "满意度", "satisfaction"];
const L1_COST: &[&str] = &["成本指标", "成本", "cost"];

/// A level-2 category with its spellings and the level 1 it belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum L2 {
    Quantity,
    Quality,
    Timeliness,
    OutputCost,
    Economic,
    Social,
    Ecological,
    Sustainable,
    Service,
    CostEconomic,
    CostSocial,
    CostEcological,
}

impl L2 {
    fn spellings(self) -> &'static [&'static str] {
        match self {
            L2::Quantity => &["数量指标", "数量", "quantity"],
            L2::Quality => &["质量指标", "质量", "quality"],
            L2::Timeliness => &["时效指标", "时效", "timeliness"],
            L2::OutputCost => &["成本指标", "成本", "cost"],
            L2::Economic => &["经济效益指标", "经济效益", "economic"],
            L2::Social => &["社会效益指标", "社会效益", "social"],
            L2::Ecological => &[
                "生态效益指标",
                "生态效益",
                "环境效益",
                "环境效益指标",
                "ecological",
            ],
            L2::Sustainable => &["可持续影响指标", "可持续影响", "sustainability"],
            L2::Service => &[
                "服务对象满意度指标",
                "服务对象满意度",
                "社会公众或服务对象满意度",
                "社会公众或服务对象满意度指标",
                "service",
            ],
            L2::CostEconomic => &["经济成本指标", "经济成本", "economic"],
            L2::CostSocial => &["社会成本指标", "社会成本", "social"],
            L2::CostEcological => &["生态环境成本指标", "生态环境成本", "环境成本", "ecological"],
        }
    }
    fn level1(self) -> &'static [&'static str] {
        match self {
            L2::Quantity | L2::Quality | L2::Timeliness | L2::OutputCost => L1_OUTPUT,
            L2::Economic | L2::Social | L2::Ecological | L2::Sustainable => L1_BENEFIT,
            L2::Service => L1_SATISFACTION,
            L2::CostEconomic | L2::CostSocial | L2::CostEcological => L1_COST,
        }
    }
}

// ---------------------------------------------------------------- the model

#[derive(Clone)]
pub struct Fund {
    pub name: String,
    pub cents: u64,
    pub children: Vec<Fund>,
}

#[derive(Clone)]
pub struct Indicator {
    pub category: String,
    pub name: String,
    pub target: String,
    pub lines: Vec<String>,
}

#[derive(Clone)]
pub struct Project {
    pub comment: Option<String>,
    pub code: String,
    pub name: String,
    pub agency: Option<String>,
    pub budget: Fund,
    pub purpose: Option<String>,
    pub plan: Vec<(u32, String)>,
    pub goals: Vec<String>,
    pub period: Option<(String, Vec<String>)>,
    pub indicators: Vec<Indicator>,
}

pub struct Sheet {
    pub code: String,
    pub name: String,
    pub year: u32,
    /// 元 (true) or 万元 (false).
    pub yuan: bool,
    pub f2021: bool,
    pub units: Vec<(String, String)>,
    pub projects: Vec<Project>,
}

/// An amount in hundredths of the sheet's unit, written with two decimals.
fn money(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn percent(rng: &mut Rng, whole: u64) -> String {
    // Half of the plans write two decimals, as in the published sheets.
    if rng.chance(50) {
        format!("{whole}.00%")
    } else {
        format!("{whole}%")
    }
}

/// Split `total` into `n` positive parts (n ≤ total).
fn split(rng: &mut Rng, total: u64, n: usize) -> Vec<u64> {
    let n = n.min(total.max(1) as usize).max(1);
    let mut parts = Vec::with_capacity(n);
    let mut left = total;
    for i in 0..n {
        let rest = (n - i - 1) as u64;
        let part = if rest == 0 {
            left
        } else {
            let max = left - rest;
            rng.range(1.max(max / 4), max.max(1)).min(max)
        };
        parts.push(part);
        left -= part;
    }
    parts
}

fn funds(rng: &mut Rng, total: u64, depth: u32) -> Vec<Fund> {
    // Most projects have one source, some two or three, some nested.
    let n = match rng.below(10) {
        0..=5 => 1,
        6..=8 => 2,
        _ => 3,
    };
    let parts = split(rng, total, n);
    let names: Vec<&str> = if depth == 0 {
        FUND_TOP.to_vec()
    } else if rng.chance(70) {
        FUND_FISCAL.to_vec()
    } else {
        FUND_OTHER.to_vec()
    };
    let start = rng.below(names.len() as u64) as usize;
    parts
        .into_iter()
        .enumerate()
        .map(|(i, cents)| {
            let children = if depth == 0 && rng.chance(30) {
                funds(rng, cents, 1)
            } else {
                Vec::new()
            };
            Fund {
                name: names[(start + i) % names.len()].to_string(),
                cents,
                children,
            }
        })
        .collect()
}

fn target(rng: &mut Rng, l2: L2, year: u32, unit: &str, yuan: bool) -> String {
    // Not 88 or 99: doubled digits next to 以上 read as a merged spelling (E601).
    let pct = rng.pick(&[80, 85, 90, 92, 95, 96, 98, 90, 95]);
    let money_unit = if yuan { "元" } else { "万元" };
    match l2 {
        L2::Quantity => {
            let n = rng.range(2, 2000);
            match rng.below(6) {
                0 => format!("≥{n}{unit}"),
                1 => format!(">= {n}{unit}"),
                2 => format!("={n}{unit}"),
                3 => format!("不低于{n}{unit}"),
                4 => format!("{n}{unit}"),
                _ => format!("≥ {n}{unit}"),
            }
        }
        L2::Quality => match rng.below(7) {
            0 => format!("≥{pct}%"),
            1 => "100%".to_string(),
            2 => format!("{pct}%及以上"),
            3 => format!(">= {pct} %"),
            4 => "合格".to_string(),
            5 => "达标".to_string(),
            _ => format!("＞{pct}%"),
        },
        L2::Timeliness => match rng.below(7) {
            0 => format!("{year}年12月底前"),
            1 => format!("{year}-{:02}-{:02}", rng.range(6, 12), rng.range(1, 28)),
            2 => format!("{}天以内", rng.range(5, 60)),
            3 => format!("≤{}个工作日", rng.range(3, 20)),
            4 => format!("{year}.{:02}-{year}.12", rng.range(1, 6)),
            5 => format!("{year}年{}月底前", rng.range(6, 12)),
            _ => "100%".to_string(),
        },
        L2::OutputCost | L2::CostEconomic => {
            let n = rng.range(1, 500);
            match rng.below(4) {
                0 => format!("≤{n}{money_unit}"),
                1 => format!("不高于{n}{money_unit}"),
                2 => format!("≤ {n}元/人"),
                _ => format!("≤{n}元/亩"),
            }
        }
        L2::Economic => match rng.below(5) {
            0 => format!("≥{}%", rng.range(1, 20)),
            1 => "稳步提高".to_string(),
            2 => format!("≥{}万元", rng.range(10, 900)),
            3 => "\"有所增长\"".to_string(),
            _ => "显著".to_string(),
        },
        L2::Social => match rng.below(7) {
            0 => "显著提升".to_string(),
            1 => "是".to_string(),
            2 => "好".to_string(),
            3 => "\"应保尽保\"".to_string(),
            4 => format!("≥{pct}%"),
            5 => "有效改善".to_string(),
            _ => "较好".to_string(),
        },
        L2::Ecological => match rng.below(5) {
            0 => format!("≥{}%", rng.range(20, 60)),
            1 => "达标".to_string(),
            2 => format!("≤{}吨", rng.range(10, 500)),
            3 => format!("{}%-{}%", rng.range(30, 50), rng.range(60, 80)),
            _ => "持续改善".to_string(),
        },
        L2::Sustainable => match rng.below(6) {
            0 => format!("≥{pct}%"),
            1 => format!("≥{}年", rng.range(2, 10)),
            2 => "长期".to_string(),
            3 => "持续改善".to_string(),
            4 => "\"长期 稳定 运行\"".to_string(),
            _ => "优".to_string(),
        },
        L2::Service => match rng.below(6) {
            0 => format!("≥{pct}%"),
            1 => format!("{pct}%以上"),
            2 => format!("{}%-{}%", rng.range(80, 88), rng.range(90, 98)),
            3 => format!(">= {pct}%"),
            4 => format!("不低于{pct}%"),
            _ => "≥90%".to_string(),
        },
        L2::CostSocial => match rng.below(3) {
            0 => "无".to_string(),
            1 => "否".to_string(),
            _ => "\"无明显社会成本\"".to_string(),
        },
        L2::CostEcological => match rng.below(3) {
            0 => "无".to_string(),
            1 => "\"不产生 环境成本\"".to_string(),
            _ => "否".to_string(),
        },
    }
}

fn indicator_name(rng: &mut Rng, l2: L2, object: &str, subject: &str) -> String {
    let s = match l2 {
        L2::Quantity => rng.pick(&["完成数量", "覆盖数量", "服务数量", "实施数量", "保障数量"]),
        L2::Quality => rng.pick(&[
            "验收合格率",
            "资金使用合规率",
            "完成质量",
            "达标率",
            "覆盖率",
        ]),
        L2::Timeliness => rng.pick(&["完成时间", "资金到位率", "拨付及时性", "完成及时率"]),
        L2::OutputCost | L2::CostEconomic => rng.pick(&["成本控制", "单位成本", "预算控制数"]),
        L2::Economic => rng.pick(&["经济效益", "节约资金", "带动增收"]),
        L2::Social => rng.pick(&["社会效益", "保障水平", "服务能力提升", "群众获得感"]),
        L2::Ecological => rng.pick(&["生态环境改善", "节能减排", "绿化覆盖"]),
        L2::Sustainable => rng.pick(&["长期使用性", "可持续运行", "长效机制"]),
        L2::Service => return format!("{subject}满意度"),
        L2::CostSocial => "社会成本",
        L2::CostEcological => "生态环境影响",
    };
    format!("{object}{s}")
}

fn description(rng: &mut Rng, object: &str, subject: &str) -> String {
    match rng.below(5) {
        0 => format!("实际完成{object}任务占计划任务的比例。"),
        1 => format!("反映{object}资金的使用和管理情况。"),
        2 => format!("{subject}对{object}工作的满意程度。"),
        3 => format!("保障{object}工作顺利进行，提高“{object}”的服务水平。"),
        _ => format!("按照年初计划完成{object}，确保资金安全、规范、有效使用。"),
    }
}

fn project(rng: &mut Rng, sheet: &Sheet, index: usize) -> Project {
    let (object, subject, count_unit) = OBJECTS[rng.below(OBJECTS.len() as u64) as usize];
    let year = sheet.year;
    let name = match rng.below(5) {
        0 => format!("{object}经费"),
        1 => format!("{year}年{object}项目"),
        2 => format!("“{object}”专项资金"),
        3 => format!("{object}补助"),
        _ => object.to_string(),
    };
    let code = format!(
        "{}-{:02}{:02}-{}-{:05}",
        &sheet.code[..3.min(sheet.code.len())],
        rng.range(1, 30),
        rng.range(1, 12),
        ["JBN", "XMF", "ZXZ", "SJB"][rng.below(4) as usize],
        index
    );
    // Budget: small to large, in hundredths of the unit.
    let total = if sheet.yuan {
        rng.range(5_000, 500_000) * 100 * 10
    } else {
        rng.range(50, 50_000)
    };
    let budget = Fund {
        name: String::new(),
        cents: total,
        children: funds(rng, total, 0),
    };
    let agency = rng
        .chance(25)
        .then(|| format!("{}{}", rng.pick(PLACES), rng.pick(AGENCIES)));
    let purpose = rng.chance(95).then(|| {
        format!(
            "用于{year}年{object}，服务{subject}，{}",
            rng.pick(&[
                "保障工作正常运转。",
                "提高资金使用效益。",
                "按合同支付相关费用。",
                "确保各项任务按期完成。",
            ])
        )
    });
    // Cumulative plan: increasing months, non-decreasing percentages, 100 at the end.
    let mut plan = Vec::new();
    let checkpoints: &[u32] = match rng.below(5) {
        0 => &[12],
        1 => &[3, 6, 9, 12],
        2 => &[3, 6, 10, 12],
        3 => &[6, 12],
        _ => &[3, 6, 9, 11, 12],
    };
    let mut last = 0;
    for (i, &m) in checkpoints.iter().enumerate() {
        let p = if i + 1 == checkpoints.len() {
            100
        } else {
            let left = (checkpoints.len() - i) as u64;
            last + rng.range(0, (100 - last) / left)
        };
        plan.push((m, percent(rng, p)));
        last = p;
    }
    let goals = (0..rng.range(1, 3))
        .map(|_| match rng.below(4) {
            0 => format!("资金到位及时，保障{object}顺利实施。"),
            1 => format!("资金全部用于{object}支出。"),
            2 => format!("提升{subject}的获得感和满意度。"),
            _ => format!("完成年度{object}任务，提高管理水平。"),
        })
        .collect();
    let period = rng.chance(8).then(|| {
        (
            format!("{year}-{}年", year + 2),
            vec![format!("三年内全面完成{object}任务。")],
        )
    });
    // Indicators: output, benefit and satisfaction always; 2021 also cost.
    let mut kinds: Vec<L2> = Vec::new();
    if sheet.f2021 {
        kinds.push(rng.pick(&[L2::CostEconomic, L2::CostSocial, L2::CostEcological]));
    }
    let outputs: &[L2] = if sheet.f2021 {
        &[L2::Quantity, L2::Quality, L2::Timeliness]
    } else {
        &[L2::Quantity, L2::Quality, L2::Timeliness, L2::OutputCost]
    };
    for _ in 0..rng.range(1, 3) {
        kinds.push(rng.pick(outputs));
    }
    for _ in 0..rng.range(1, 2) {
        kinds.push(rng.pick(&[L2::Economic, L2::Social, L2::Ecological, L2::Sustainable]));
    }
    kinds.push(L2::Service);
    let weighted = rng.chance(20);
    let weights = split(rng, 100, kinds.len());
    let mut indicators: Vec<Indicator> = Vec::new();
    for (k, &l2) in kinds.iter().enumerate() {
        let l1 = rng.pick(l2.level1());
        let c2 = rng.pick(l2.spellings());
        let mut name = indicator_name(rng, l2, object, subject);
        if indicators.iter().any(|i| i.name == name) {
            name = format!("{name}（{}）", k + 1);
        }
        let mut lines = Vec::new();
        if rng.chance(70) {
            lines.push(format!("desc \"{}\"", description(rng, object, subject)));
        }
        if rng.chance(15) {
            lines.push(format!(
                "basis \"{}\"",
                rng.pick(&["计划标准", "行业标准", "历史标准", "其他标准"])
            ));
        }
        if weighted {
            lines.push(format!("weight {}", weights[k]));
        }
        if rng.chance(8) && l2 == L2::Quantity {
            lines.push(format!("last {}{count_unit}", rng.range(1, 1000)));
        }
        if rng.chance(5) {
            lines.push("explain \"完成率＝实际完成数÷计划完成数×100%。\"".to_string());
        }
        if rng.chance(5) {
            lines.push("scoring \"达到目标得满分，每低1个百分点扣1分。\"".to_string());
        }
        if rng.chance(5) {
            lines.push("core".to_string());
        }
        indicators.push(Indicator {
            category: format!("{l1}.{c2}"),
            name,
            target: target(rng, l2, year, count_unit, sheet.yuan),
            lines,
        });
    }
    let comment = rng
        .chance(60)
        .then(|| format!("{}、{}绩效目标表", index + 1, name));
    Project {
        comment,
        code,
        name,
        agency,
        budget,
        purpose,
        plan,
        goals,
        period,
        indicators,
    }
}

/// A synthetic sheet model: `projects` projects, framework and unit chosen by
/// the seed (one seed in four gives a 2021-framework sheet in 元).
pub fn model(seed: u64, projects: usize) -> Sheet {
    let mut rng = Rng::new(seed);
    let f2021 = seed % 4 == 3;
    let code = format!("{}", rng.range(110_000, 659_999));
    let name = format!("{}{}", rng.pick(PLACES), rng.pick(BODIES));
    let mut sheet = Sheet {
        code,
        name,
        year: if f2021 { 2021 } else { 2020 },
        yuan: f2021,
        f2021,
        units: Vec::new(),
        projects: Vec::with_capacity(projects),
    };
    if rng.chance(30) {
        sheet.units.push(("校次".to_string(), "count".to_string()));
    }
    for i in 0..projects {
        let p = project(&mut rng, &sheet, i);
        sheet.projects.push(p);
    }
    sheet
}

fn write_fund(out: &mut String, f: &Fund, indent: usize) {
    let pad = "  ".repeat(indent);
    match f.children.len() {
        0 => {
            let _ = writeln!(out, "{pad}{} {}", f.name, money(f.cents));
        }
        1 if f.children[0].children.is_empty() => {
            let c = &f.children[0];
            let _ = writeln!(
                out,
                "{pad}{} {} {{ {} {} }}",
                f.name,
                money(f.cents),
                c.name,
                money(c.cents)
            );
        }
        _ => {
            let _ = writeln!(out, "{pad}{} {} {{", f.name, money(f.cents));
            for c in &f.children {
                write_fund(out, c, indent + 1);
            }
            let _ = writeln!(out, "{pad}}}");
        }
    }
}

/// The sheet as `.jx` text, in the canonical layout of `jixiao fmt`.
pub fn render(sheet: &Sheet) -> String {
    let mut out = String::with_capacity(sheet.projects.len() * 1400 + 2000);
    let _ = writeln!(out, "// {}年部门预算绩效信息 — {}", sheet.year, sheet.name);
    out.push_str("// Generated for the benchmarks (benches/gen): not a real document.\n\n");
    let _ = writeln!(out, "department \"{}\" \"{}\" {{", sheet.code, sheet.name);
    let _ = writeln!(out, "  year {}", sheet.year);
    let _ = writeln!(out, "  unit {}", if sheet.yuan { "元" } else { "万元" });
    let _ = writeln!(
        out,
        "  framework {}",
        if sheet.f2021 { "2021" } else { "2015" }
    );
    out.push_str("}\n");
    for (name, dim) in &sheet.units {
        let _ = writeln!(out, "\ndefine-unit {name} {dim}");
    }
    out.push_str("\noverall {\n");
    if sheet.yuan {
        out.push_str("  summary \"\"\"\n    统筹推进本部门各项工作，保障机构正常运转。\n    加强预算绩效管理，提高财政资金使用效益。\n    \"\"\"\n");
    } else {
        out.push_str(
            "  summary \"主要负责本部门各项业务工作的组织实施和监督管理，保障机关正常运转。\"\n",
        );
    }
    out.push_str("  objective \"规章制度\" \"组织制定实施本单位各项规章制度。\"\n");
    out.push_str(
        "  objective \"资产管理\" \"加强国有资产管理，维护国有资产安全、完整和正常运行。\"\n",
    );
    out.push_str("  measure \"加强预算执行监控，按月通报支出进度。\" // 保障措施\n");
    if sheet.units.is_empty() {
        out.push_str("}\n");
    } else {
        out.push_str("\n  indicator 产出.数量 \"督导检查覆盖\" ≥84校次 {\n    desc \"全年开展督导检查的校次。\"\n  }\n}\n");
    }
    for p in &sheet.projects {
        out.push('\n');
        if let Some(c) = &p.comment {
            let _ = writeln!(out, "// {c}");
        }
        let _ = writeln!(out, "project \"{}\" \"{}\" {{", p.code, p.name);
        if let Some(a) = &p.agency {
            let _ = writeln!(out, "  agency \"{a}\"");
        }
        let mut budget = p.budget.clone();
        budget.name = "budget".to_string();
        write_fund(&mut out, &budget, 1);
        if let Some(purpose) = &p.purpose {
            let _ = writeln!(out, "  purpose \"{purpose}\"");
        }
        out.push_str("  plan");
        for (i, (m, pct)) in p.plan.iter().enumerate() {
            let sep = if i + 1 < p.plan.len() { "," } else { "" };
            let _ = write!(out, " {m}月 {pct}{sep}");
        }
        out.push('\n');
        for g in &p.goals {
            let _ = writeln!(out, "  goal \"{g}\"");
        }
        if let Some((text, goals)) = &p.period {
            let _ = writeln!(out, "  period \"{text}\" {{");
            for g in goals {
                let _ = writeln!(out, "    goal \"{g}\"");
            }
            out.push_str("  }\n");
        }
        out.push('\n');
        for ind in &p.indicators {
            let head = format!(
                "  indicator {} \"{}\" {}",
                ind.category, ind.name, ind.target
            );
            if ind.lines.is_empty() {
                let _ = writeln!(out, "{head}");
            } else {
                let _ = writeln!(out, "{head} {{");
                for l in &ind.lines {
                    let _ = writeln!(out, "    {l}");
                }
                out.push_str("  }\n");
            }
        }
        out.push_str("}\n");
    }
    out
}

/// A synthetic sheet of `projects` projects.
pub fn sheet(seed: u64, projects: usize) -> String {
    render(&model(seed, projects))
}

/// How many projects make a sheet of about `bytes` bytes with this seed.
pub fn projects_for(seed: u64, bytes: usize) -> usize {
    let probe = 200;
    let head = sheet(seed, 0).len();
    let per = (sheet(seed, probe).len() - head) / probe;
    (bytes.saturating_sub(head) / per).max(1)
}

/// A synthetic sheet of about `bytes` bytes.
pub fn sheet_of_size(seed: u64, bytes: usize) -> String {
    sheet(seed, projects_for(seed, bytes))
}

/// The sheet of [`sheet`]`(seed, projects)` a year later, edited as finance
/// staff do: budgets changed, targets tightened, projects renamed, dropped and
/// added. For benchmarking `diff`.
pub fn next_year(seed: u64, projects: usize) -> String {
    let mut s = model(seed, projects);
    let mut rng = Rng::new(seed.wrapping_mul(31).wrapping_add(7));
    let mut extra = model(seed.wrapping_add(1000), projects / 20 + 1);
    let mut kept = Vec::with_capacity(s.projects.len());
    for (i, mut p) in std::mem::take(&mut s.projects).into_iter().enumerate() {
        match rng.below(100) {
            0..=1 => continue, // dropped
            2..=11 => {
                // Budget up by a tenth, all in the first source.
                let add = p.budget.cents / 10;
                p.budget.cents += add;
                let mut f = &mut p.budget;
                while !f.children.is_empty() {
                    f.cents += if f.name.is_empty() { 0 } else { add };
                    f = &mut f.children[0];
                }
                if !f.name.is_empty() {
                    f.cents += add;
                }
            }
            12..=21 => {
                if let Some(ind) = p.indicators.first_mut() {
                    ind.target = match ind.target.as_str() {
                        "100%" => "≥99%".to_string(),
                        _ => "100%".to_string(),
                    };
                    // A percentage on a quantity or cost indicator is only a warning.
                }
            }
            22..=24 => p.name = format!("{}（调整）", p.name),
            _ => {}
        }
        kept.push(p);
        if i % 20 == 19 {
            if let Some(mut np) = extra.projects.pop() {
                np.code = format!("{}-N", np.code);
                kept.push(np);
            }
        }
    }
    s.projects = kept;
    s.year += 1;
    render(&s)
}

/// `files` sheets for a batch, of varied sizes up to `max_projects` (the last
/// one is the largest), named `sheet-NNN.jx`.
pub fn batch(seed: u64, files: usize, max_projects: usize) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    (0..files)
        .map(|i| {
            let n = if i + 1 == files {
                max_projects
            } else {
                rng.range(1, (max_projects / 4).max(1) as u64) as usize
            };
            (format!("sheet-{i:03}.jx"), sheet(seed + i as u64 + 1, n))
        })
        .collect()
}

/// The sample grown to `projects` projects: its header (department, overall)
/// once, then its projects repeated in order, each with its comments, the
/// copies given distinct codes (`CODE-K00001`, …).
pub fn grow(sample: &str, projects: usize) -> String {
    let lines: Vec<&str> = sample.split_inclusive('\n').collect();
    let is_project =
        |l: &str| l.starts_with("project ") || l.starts_with("项目 ") || l.starts_with("项目\t");
    let first = lines
        .iter()
        .position(|l| is_project(l))
        .expect("the sample has a project");
    // Own-line comments right above the first project belong to it.
    let mut start = first;
    while start > 0 && lines[start - 1].starts_with("//") {
        start -= 1;
    }
    let header: String = lines[..start].concat();
    // Chunks: leading comments and blank lines, the project line, up to its `}`.
    let mut chunks: Vec<(Vec<&str>, &str, Vec<&str>)> = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    let mut i = start;
    while i < lines.len() {
        let l = lines[i];
        if is_project(l) {
            let mut body = Vec::new();
            i += 1;
            while i < lines.len() && !lines[i].starts_with('}') {
                body.push(lines[i]);
                i += 1;
            }
            if i < lines.len() {
                body.push(lines[i]);
            }
            chunks.push((std::mem::take(&mut pending), l, body));
        } else {
            pending.push(l);
        }
        i += 1;
    }
    assert!(!chunks.is_empty());
    let avg = sample.len() / chunks.len();
    let mut out = String::with_capacity(header.len() + projects * (avg + 16));
    out.push_str(&header);
    for k in 0..projects {
        let (comments, line, body) = &chunks[k % chunks.len()];
        let copy = k / chunks.len();
        if k > 0 && k % chunks.len() == 0 {
            out.push('\n'); // between the last project of a round and the next
        }
        for c in comments {
            out.push_str(c);
        }
        if copy == 0 {
            out.push_str(line);
        } else {
            // project "CODE" → project "CODE-K00001"
            let q1 = line.find('"').expect("a quoted code");
            let q2 = q1 + 1 + line[q1 + 1..].find('"').expect("a closing quote");
            out.push_str(&line[..q2]);
            let _ = write!(out, "-K{copy:05}");
            out.push_str(&line[q2..]);
        }
        for b in body {
            out.push_str(b);
        }
    }
    for c in &pending {
        out.push_str(c);
    }
    out
}

/// The sample grown to about `bytes` bytes (see [`grow`]).
pub fn grow_to(sample: &str, bytes: usize) -> String {
    let one = grow(sample, 100).len() - grow(sample, 0).len();
    let head = grow(sample, 0).len();
    grow(sample, (bytes.saturating_sub(head) * 100 / one).max(1))
}

/// Compile `text` and panic, with the first diagnostics, if it has errors.
/// Returns the number of warnings.
pub fn assert_checks(name: &str, text: &str) -> usize {
    let file = jixiao::source::SourceFile::new(name, text);
    let compiled = jixiao::compile(&file);
    if compiled.errors > 0 {
        let first: Vec<String> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .take(5)
            .map(|d| format!("{d:?}"))
            .collect();
        panic!(
            "{name}: {} errors, first: {}",
            compiled.errors,
            first.join("\n")
        );
    }
    assert!(compiled.ok().is_some(), "{name}: no sheet");
    compiled.warnings
}
