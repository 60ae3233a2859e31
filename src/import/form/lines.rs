//! Lines of the document: paragraphs, and table rows of one cell across.
//! The form's title (its kind and year), the body's name and the body line
//! with its money unit, the body's facts, the texts of 第一部分, headings of
//! projects and of the indicator sections.

use super::super::draft::{Budget, Why};
use super::super::grid::Origin;
use super::super::labels::{label, normalise, Label};
use super::super::values::{self, amount, party};
use super::rows::is_field_name;
use super::{Recognizer, Section, Stage};

impl Recognizer {
    pub(super) fn line(&mut self, text: &str, origin: Origin) {
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if flat.is_empty() {
            return;
        }
        if let Some(t) = values::title(text) {
            self.title(text, t);
            return;
        }
        if flat.starts_with("第一部分") {
            // A table of contents lists the projects' headings before it.
            self.close_project();
            self.project = None;
            self.stage = Stage::PartOne(Section::Other);
            return;
        }
        if flat.starts_with("第二部分") {
            self.stage = Stage::Body;
            return;
        }
        if flat == "目录" || is_chart_caption(&flat) {
            // Our page's table of contents and the captions of its charts
            // (which restate the tables), as a word processor keeps them.
            return;
        }
        if let Some(name) = project_heading(&flat) {
            // Our own heading: the table that follows is this project's.
            self.new_project();
            self.project().name = Some(name);
            self.name_from_heading = true;
            return;
        }
        if self.narrative(text, &origin) {
            return;
        }
        if self.body_line(text) {
            return;
        }
        if self.fact(text) {
            return;
        }
        if self.stage != Stage::BeforeTitle && self.label_line(text, origin.clone()) {
            return;
        }
        match self.stage {
            Stage::BeforeTitle => self.note(Some(origin), text, Why::BeforeForm),
            Stage::Head => self.head_line(text, origin),
            Stage::PartOne(section) => self.part_one(section, text, origin),
            Stage::Body => self.body_heading(&flat, text, origin),
        }
    }

    fn title(&mut self, text: &str, t: values::Title) {
        if self.stage == Stage::BeforeTitle {
            self.stage = Stage::Head;
        }
        // Pages printing one form per project repeat the title: what
        // follows is the next project's.
        if self.stage == Stage::Body && self.project.is_some() {
            self.close_project();
            self.project = None;
        }
        let dept = &mut self.d.department;
        if dept.year.is_none() {
            dept.year = t.year;
        }
        if let Some(form) = t.form {
            if dept.form.is_none() {
                dept.form = Some(form);
                if !t.exact {
                    dept.title = Some(text.trim().to_string());
                    // `武汉市青山区教育局2020年项目支出绩效目标表`: the body
                    // before the year.
                    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                    let body = t
                        .year
                        .and_then(|y| flat.split_once(&format!("{y}年")))
                        .map(|(b, _)| b.to_string())
                        .filter(|b| b.chars().count() >= 2);
                    self.title_body = body;
                }
            }
        }
    }

    /// `430002秦皇岛市北戴河区机关事务管理局 单位：万元` (our tables' line) or
    /// `单位：万元` alone.
    fn body_line(&mut self, text: &str) -> bool {
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let mut found = None;
        for unit in ["万元", "元"] {
            for lead in ["金额单位：", "金额单位:", "单位：", "单位:"] {
                let tail = format!("{lead}{unit}");
                if let Some(head) = flat.strip_suffix(&tail) {
                    found = Some((head.to_string(), if unit == "元" { "元" } else { "万元" }));
                    break;
                }
            }
            if found.is_some() {
                break;
            }
        }
        let Some((head, unit)) = found else {
            return false;
        };
        if self.unit.is_none() {
            self.unit = Some(unit);
        }
        if !head.is_empty() {
            // The body's code glued before its name.
            let known = self.d.department.name.clone();
            match known {
                Some(name) => {
                    if let Some(code) = head.strip_suffix(name.as_str()) {
                        if !code.is_empty() && self.d.department.code.is_none() {
                            self.d.department.code = Some(code.to_string());
                        }
                    }
                }
                None => {
                    let p = party(&head);
                    let split = head
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                        .filter(|i| *i > 0);
                    let (code, name) = match split {
                        Some(i) if p.code.is_none() => {
                            (Some(head[..i].to_string()), head[i..].to_string())
                        }
                        _ => (p.code, p.name),
                    };
                    self.d.department.code = code;
                    self.d.department.name = Some(name);
                }
            }
        }
        true
    }

    /// `主管部门：…`, `部门预算总额：…`, `填报单位：…`, `填报日期：…`,
    /// `审核意见：…`: the body's facts.
    fn fact(&mut self, text: &str) -> bool {
        let Some((key, value)) = text.split_once(['：', ':']) else {
            return false;
        };
        let key: String = key.chars().filter(|c| !c.is_whitespace()).collect();
        let value = value.trim().to_string();
        match key.as_str() {
            "主管部门" => self.dept().supervisor = Some(party(&value)),
            "部门预算总额" => {
                let budget = self.department_budget(&value);
                self.dept().budget = budget;
            }
            "填报单位" => self.dept().filer = Some(value),
            "单位名称" | "部门名称" | "预算单位" if self.d.department.name.is_none() => {
                self.dept().name = Some(value)
            }
            "单位编码" | "部门编码" | "单位代码" if self.d.department.code.is_none() => {
                self.dept().code = Some(value)
            }
            "填报日期" => self.dept().date = Some(value),
            "审核意见" if self.project.is_none() => self.dept().review = Some(value),
            _ => return false,
        }
        true
    }

    /// `项目责任人：张三`, `单位(盖章)：` printed as lines around the
    /// project's table: the leader of the project that follows (or is
    /// open), the filer. A label of the form with nothing after it states
    /// nothing.
    fn label_line(&mut self, text: &str, origin: Origin) -> bool {
        let Some((key, value)) = text.split_once(['：', ':']) else {
            return false;
        };
        let value = value.trim();
        let Some(l) = label(&normalise(key).text) else {
            return false;
        };
        match l {
            _ if value.is_empty() => {}
            Label::Leader => match self.project {
                Some(i)
                    if self.stage == Stage::Body
                        && self.d.projects[i].leader.is_none()
                        && self.d.projects[i].indicators.is_empty() =>
                {
                    let (name, phone) = values::leader(value);
                    let p = &mut self.d.projects[i];
                    p.leader = Some(name);
                    p.phone = phone.or(p.phone.take());
                }
                _ => self.pending_leader = Some((value.to_string(), origin)),
            },
            Label::Filer => self.dept().filer = Some(value.to_string()),
            Label::FilingDate => self.dept().date = Some(value.to_string()),
            _ => return false,
        }
        true
    }

    /// `100万元（财政资金 60，其他资金 40）` as our head prints it.
    fn department_budget(&mut self, text: &str) -> Option<Budget> {
        let (head, detail) = match text.split_once('（') {
            Some((h, d)) => (h, Some(d.trim_end_matches('）'))),
            None => (text, None),
        };
        let a = amount(head).ok().flatten()?;
        if self.unit.is_none() {
            self.unit = a.unit;
        }
        let mut budget = Budget {
            total: Some(a.number),
            ..Default::default()
        };
        if let Some(d) = detail {
            if let Some((partial, sources)) = values::source_detail(&format!("资金来源：{d}"))
            {
                budget.partial = partial;
                budget.sources = sources;
            }
        }
        Some(budget)
    }

    fn head_line(&mut self, text: &str, origin: Origin) {
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if self.d.department.name.is_none()
            && !flat.contains(['：', ':'])
            && flat.chars().count() <= 40
        {
            self.d.department.name = Some(text.trim().to_string());
            return;
        }
        if let Some((k, v)) = field(text) {
            self.d.department.fields.push((k, v));
            return;
        }
        self.note(Some(origin), text, Why::UnknownParagraph);
    }

    fn part_one(&mut self, section: Section, text: &str, origin: Origin) {
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(s) = section_heading(&flat) {
            self.stage = Stage::PartOne(s);
            return;
        }
        let o = &mut self.d.overall;
        match section {
            Section::Summary => o.summary.push(text.to_string()),
            Section::Objectives => match values::numbered_paragraph(text) {
                Some((_, rest)) if rest.contains('：') => {
                    let (title, body) = rest.split_once('：').unwrap_or((rest, ""));
                    o.objectives.push((title.to_string(), body.to_string()));
                }
                _ => self.part_one_other(text, origin),
            },
            Section::Measures => match values::numbered_paragraph(text) {
                Some((_, rest)) => o.measures.push(rest.to_string()),
                None => self.part_one_other(text, origin),
            },
            Section::Indicators | Section::Other => self.part_one_other(text, origin),
        }
    }

    /// A line of the first part that is none of its items: a field of the
    /// body (`联系人：…`, printed after 第一部分 in Word), else a note.
    fn part_one_other(&mut self, text: &str, origin: Origin) {
        match field(text) {
            Some((k, v)) => self.d.department.fields.push((k, v)),
            None => self.note(Some(origin), text, Why::UnknownParagraph),
        }
    }

    /// A heading between the rows of a project: 实施期绩效指标, 年度绩效指标
    /// (with its points).
    fn body_heading(&mut self, flat: &str, text: &str, origin: Origin) {
        let (head, points) = values::level_points(flat);
        match head.as_str() {
            "实施期绩效指标" | "长期绩效指标" | "中长期绩效指标" => {
                self.long_term = true
            }
            "年度绩效指标" => {
                self.long_term = false;
                if let Some(p) = points {
                    if self.project.is_some() {
                        self.project().scores.push(("年度绩效指标".into(), p));
                    } else {
                        self.pending_scores.push(("年度绩效指标".into(), p));
                    }
                }
            }
            "绩效项目指标表" | "绩效指标" | "绩效指标表" => {}
            _ => self.note(Some(origin), text, Why::UnknownParagraph),
        }
    }
}

/// The captions of our page's charts: `…资金支出计划（累计%）` and
/// `各项目预算规模（单位：万元，合计 555.74）`, ending the chart's texts.
fn is_chart_caption(flat: &str) -> bool {
    if flat.ends_with("资金支出计划（累计%）") {
        return true;
    }
    flat.rsplit_once("各项目预算规模（单位：")
        .is_some_and(|(_, tail)| tail.ends_with('）') && tail.contains("合计"))
}

/// `1、“创意之家”租赁费绩效目标表`: the project's name.
fn project_heading(flat: &str) -> Option<String> {
    let digits = flat.find(|c: char| !c.is_ascii_digit())?;
    let rest = flat[digits..].strip_prefix('、')?;
    let name = rest.strip_suffix("绩效目标表")?;
    (digits > 0 && !name.is_empty()).then(|| name.to_string())
}

/// `（一）总体绩效目标：` and its kind.
fn section_heading(flat: &str) -> Option<Section> {
    let rest = if let Some(r) = flat.strip_prefix('（') {
        r.split_once('）')?.1
    } else {
        flat.split_once('、')?.1
    };
    let rest = rest.trim_end_matches(['：', ':']);
    Some(match rest {
        "总体绩效目标" => Section::Summary,
        "分项绩效目标" => Section::Objectives,
        "工作保障措施" | "保障措施" => Section::Measures,
        "部门整体绩效指标" | "整体绩效指标" => Section::Indicators,
        _ => return None,
    })
}

/// `联系人：张三`: a named field, when the name is short and plain.
fn field(text: &str) -> Option<(String, String)> {
    let (k, v) = text.split_once(['：', ':'])?;
    let k = k.trim();
    let v = v.trim();
    (is_field_name(k) && !v.is_empty()).then(|| (k.to_string(), v.to_string()))
}
