//! Readers of the values forms print: amounts (`1,234.50`, `10000万元`),
//! bodies with codes (`[015001]名称`), numbered goals, titles and years,
//! months and percentages of the spending plan, core marks, the points of
//! a level-1 cell, and the detailed source line of our own tables.

use super::draft::{Party, Source};
use crate::lang::choices::FormKind;
use rust_decimal::Decimal;
use std::str::FromStr;

/// Full-width digits and signs as ASCII.
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '－' => '-',
            '，' => ',',
            _ => c,
        })
        .collect()
}

/// An amount as found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amount {
    /// The number as written, separators removed (`1234.50`).
    pub number: String,
    /// The money unit written after it, if any.
    pub unit: Option<&'static str>,
}

/// Read an amount: `78.00`, `1,234.50`, `10000万元`, `1000元`, `¥12`.
/// `Ok(None)` for a blank cell (or one holding only `/`, `-`, `—`, `无`),
/// `Err(())` for text that is no amount.
pub fn amount(text: &str) -> Result<Option<Amount>, ()> {
    let s: String = ascii_digits(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let s = s.trim_start_matches(['¥', '￥']);
    if matches!(s, "" | "/" | "-" | "—" | "--" | "无" | "——") {
        return Ok(None);
    }
    let (body, unit) = if let Some(b) = s.strip_suffix("万元") {
        (b, Some("万元"))
    } else if let Some(b) = s.strip_suffix('元') {
        (b, Some("元"))
    } else {
        (s, None)
    };
    let number: String = body.chars().filter(|c| *c != ',').collect();
    if !is_decimal(&number) {
        return Err(());
    }
    // Commas only as thousands separators: `1,00` is no amount.
    if body.contains(',') {
        let int = body.split('.').next().unwrap_or("");
        let groups: Vec<&str> = int.trim_start_matches('-').split(',').collect();
        let ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
            && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return Err(());
        }
    }
    Ok(Some(Amount { number, unit }))
}

/// `123`, `-1.50`: digits with at most one point, as the language writes
/// amounts.
pub fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let mut parts = s.split('.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    parts.next().is_none()
        && !int.is_empty()
        && int.len() <= 15
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac
            .is_none_or(|f| !f.is_empty() && f.len() <= 10 && f.bytes().all(|b| b.is_ascii_digit()))
}

/// An amount moved from one money unit to the other (`1000` 元 is `0.1`
/// 万元), exactly.
pub fn convert(number: &str, from: &str, to: &str) -> String {
    let Ok(d) = Decimal::from_str(number) else {
        return number.to_string();
    };
    let ten_k = Decimal::from(10_000);
    let out = match (from, to) {
        ("元", "万元") => d.checked_div(ten_k),
        ("万元", "元") => d.checked_mul(ten_k),
        _ => Some(d),
    };
    out.map_or_else(|| number.to_string(), |d| d.normalize().to_string())
}

/// The sum of amounts, exactly, printed with the most decimals among them.
pub fn sum(numbers: &[&str]) -> Option<String> {
    let mut total = Decimal::ZERO;
    let mut scale = 0;
    for n in numbers {
        let d = Decimal::from_str(n).ok()?;
        scale = scale.max(d.scale());
        total = total.checked_add(d)?;
    }
    let mut t = total;
    t.rescale(scale);
    Some(t.to_string())
}

/// Compare two amounts as numbers.
pub fn cmp(a: &str, b: &str) -> Option<std::cmp::Ordering> {
    Some(Decimal::from_str(a).ok()?.cmp(&Decimal::from_str(b).ok()?))
}

/// `[015001]武汉市青山区教育局`, `【042】名称`, `015001 名称`, or a name.
pub fn party(text: &str) -> Party {
    let t = text.trim();
    for (open, close) in [('[', ']'), ('【', '】'), ('［', '］')] {
        if let Some(rest) = t.strip_prefix(open) {
            if let Some((code, name)) = rest.split_once(close) {
                let name = name.trim();
                if !code.trim().is_empty() && !name.is_empty() {
                    return Party {
                        code: Some(code.trim().to_string()),
                        name: name.to_string(),
                    };
                }
            }
        }
    }
    // `51000021R000000019951-工资性支出`, `219-池州市…`: the 一体化 system's
    // code joined to the name by a hyphen.
    if let Some((code, name)) = t.split_once('-') {
        // A code of digits (`219`), or a long system code of digits and
        // letters, which may run into a name that starts with a year
        // (`…263357-2023年全县…`); a short code only into Chinese. `G20-峰会`
        // is a name.
        let digits = code.len() >= 3 && code.bytes().all(|b| b.is_ascii_digit());
        let long_code = code.len() >= 12
            && code.bytes().all(|b| b.is_ascii_alphanumeric())
            && code.bytes().any(|b| b.is_ascii_digit());
        let chinese_next = name.chars().next().is_some_and(|c| !c.is_ascii());
        if long_code || (digits && chinese_next) {
            return Party {
                code: Some(code.to_string()),
                name: name.trim().to_string(),
            };
        }
    }
    if let Some((code, name)) = t.split_once(' ') {
        let code_like = !code.is_empty()
            && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && code.bytes().any(|b| b.is_ascii_digit());
        if code_like && !name.trim().is_empty() {
            return Party {
                code: Some(code.to_string()),
                name: name.trim().to_string(),
            };
        }
    }
    Party {
        code: None,
        name: t.to_string(),
    }
}

/// `张三（13800000000）` or `张三(1380…)`: the name and the phone.
pub fn leader(text: &str) -> (String, Option<String>) {
    let t = text.trim();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(body) = t.strip_suffix(close) {
            if let Some((name, phone)) = body.rsplit_once(open) {
                if !name.trim().is_empty() && !phone.trim().is_empty() {
                    return (name.trim().to_string(), Some(phone.trim().to_string()));
                }
            }
        }
    }
    (t.to_string(), None)
}

/// The number a numbered line starts with, and the rest: `1、…`, `2.…`,
/// `（3）…`, `(4)…`, `4．…`.
fn numbered_line(line: &str) -> Option<(usize, &str)> {
    let (inner, rest) = if let Some(r) = line.strip_prefix(['（', '(']) {
        let end = r.find(['）', ')'])?;
        let close = r[end..].chars().next()?;
        (&r[..end], &r[end + close.len_utf8()..])
    } else {
        let end = line.find(|c: char| !c.is_ascii_digit())?;
        let rest = &line[end..];
        let sep = rest.chars().next()?;
        if !matches!(sep, '、' | '.' | '．' | ')' | '）') {
            return None;
        }
        // `2.5万元…` is a number, not a numbered line.
        if sep == '.' && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        (&line[..end], &rest[sep.len_utf8()..])
    };
    let n = inner.parse::<usize>().ok()?;
    Some((n, rest))
}

/// Goals as a cell prints them: numbered lines (`1、…` `2、…`) are one
/// goal each, lines that continue a goal join it with a line break; a
/// cell without numbers is one goal.
pub fn numbered(text: &str) -> Vec<String> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let lines: Vec<&str> = text.lines().collect();
    if goal_number(lines[0]).map(|(n, _)| n) != Some(1) {
        return vec![text.to_string()];
    }
    let mut out: Vec<String> = Vec::new();
    for line in lines {
        match goal_number(line) {
            Some((n, rest)) if n == out.len() + 1 => out.push(rest.to_string()),
            _ => {
                if let Some(last) = out.last_mut() {
                    last.push('\n');
                    last.push_str(line);
                }
            }
        }
    }
    out
}

/// A goal's number and text: as `numbered_line`, or `（一）`, `一、`, `①`.
fn goal_number(line: &str) -> Option<(usize, &str)> {
    if let Some(n) = numbered_line(line) {
        return Some(n);
    }
    const CHINESE: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    let first = line.chars().next()?;
    if let Some(i) = ('①'..='⑳').position(|c| c == first) {
        return Some((i + 1, &line[first.len_utf8()..]));
    }
    let (digit, rest) = match line.strip_prefix(['（', '(']) {
        Some(r) => {
            let d = r.chars().next()?;
            let r = r[d.len_utf8()..].strip_prefix(['）', ')'])?;
            (d, r)
        }
        None => (first, line[first.len_utf8()..].strip_prefix('、')?),
    };
    let i = CHINESE.iter().position(|c| *c == digit)?;
    Some((i + 1, rest))
}

/// A paragraph's number and text: `1、text` (measures) or `1.title：text`
/// (objectives).
pub fn numbered_paragraph(text: &str) -> Option<(usize, &str)> {
    numbered_line(text)
}

/// A year written `2020年`, `2020年度`, `(2025年度)` or `2020年度)`.
pub fn year_in(text: &str) -> Option<i32> {
    let t = ascii_digits(text);
    let b = t.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && t[i + 4..].starts_with('年')
        {
            let y: i32 = t[i..i + 4].parse().ok()?;
            if (1990..=2100).contains(&y) {
                return Some(y);
            }
        }
        i += 1;
    }
    None
}

/// What a title line says: the form it names, the year, and whether the
/// line is exactly the title the form prints (so that no `title` need be
/// written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Title {
    pub form: Option<FormKind>,
    pub year: Option<i32>,
    pub exact: bool,
}

/// Read a line as the form's title, when it is one: `2020年部门预算绩效信息`,
/// `项目支出绩效目标表（2025年度）`, `项目支出绩效目标表`,
/// `财政支出绩效目标申报表`, or a year line `(2025年度)`.
pub fn title(text: &str) -> Option<Title> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let year = year_in(&t);
    if let Some(y) = year {
        if t == format!("{y}年部门预算绩效信息") {
            return Some(Title {
                form: Some(FormKind::Disclosure),
                year,
                exact: true,
            });
        }
        let bare = t
            .trim_start_matches(['(', '（'])
            .trim_end_matches([')', '）']);
        if bare == format!("{y}年度") || bare == format!("{y}年") {
            return Some(Title {
                form: None,
                year,
                exact: true,
            });
        }
    }
    const FORMS: &[(&str, FormKind)] = &[
        ("部门整体绩效目标表", FormKind::WholeBody),
        ("部门整体支出绩效目标表", FormKind::WholeBody),
        ("部门整体绩效目标申报表", FormKind::WholeBody),
        ("绩效目标申报表", FormKind::Application),
        ("绩效目标审批表", FormKind::Approval),
        ("绩效目标批复表", FormKind::Reply),
        ("项目支出绩效目标表", FormKind::Publication),
        ("部门预算绩效信息", FormKind::Disclosure),
    ];
    // The title ends with the form's name, or with the year after it; a
    // web page's `标题 项目支出绩效目标表3 文号` is no title.
    let head = match year {
        Some(y) => t
            .strip_suffix(&format!("（{y}年度）"))
            .or_else(|| t.strip_suffix(&format!("({y}年度)")))
            .unwrap_or(&t),
        None => &t,
    };
    let (_, form) = FORMS.iter().find(|(w, _)| head.ends_with(w))?;
    // A heading of our own document (`1、…绩效目标表`) is no title.
    if numbered_line(&t).is_some() || head.chars().count() > 40 {
        return None;
    }
    let exact = match year {
        Some(y) => {
            t == format!("{}（{y}年度）", form.title()) || t == format!("{}({y}年度)", form.title())
        }
        None => t == form.title(),
    };
    Some(Title {
        form: Some(*form),
        year,
        exact,
    })
}

/// `3月底`, `3月`, `3月末`: the month.
pub fn month(text: &str) -> Option<u32> {
    let t: String = ascii_digits(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let head = t
        .strip_suffix("月底")
        .or_else(|| t.strip_suffix("月末"))
        .or_else(|| t.strip_suffix('月'))?;
    let head = head.trim_start_matches("截至").trim_start_matches("截止");
    let m: u32 = head.parse().ok()?;
    (1..=12).contains(&m).then_some(m)
}

/// A percentage of the plan: `25.00`, `25%`, `25.00％`.
pub fn percent(text: &str) -> Option<String> {
    let t: String = ascii_digits(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let t = t.trim_end_matches(['%', '％']);
    is_decimal(t).then(|| t.to_string())
}

/// `★★★name`: the number of stars and the name.
pub fn core_mark(name: &str) -> (usize, &str) {
    let rest = name.trim_start_matches('★');
    let stars = (name.len() - rest.len()) / '★'.len_utf8();
    (stars, rest)
}

/// `成本指标（0-20分）`: the level name and its points (`0-20`).
pub fn level_points(text: &str) -> (String, Option<String>) {
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(body) = text.strip_suffix(close) {
            if let Some((name, points)) = body.rsplit_once(open) {
                if let Some(p) = points.strip_suffix('分') {
                    let ok = p.split('-').all(is_decimal) && p.split('-').count() <= 2;
                    if ok && !name.is_empty() {
                        return (name.to_string(), Some(p.to_string()));
                    }
                }
            }
        }
    }
    (text.to_string(), None)
}

/// `10分` or `10`: points as a number.
pub fn points(text: &str) -> Option<String> {
    let t: String = ascii_digits(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let t = t.strip_suffix('分').unwrap_or(&t);
    (t.split('-').count() <= 2 && t.split('-').all(is_decimal)).then(|| t.to_string())
}

/// The lines of a short text (a name, a code, a level) joined as one: a
/// break between Chinese characters is only where the cell wrapped.
pub fn one_line(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let joins_tight = match (out.chars().last(), line.chars().next()) {
            (Some(a), Some(b)) => !(a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric()),
            _ => true,
        };
        if !out.is_empty() && !joins_tight {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// The detailed source line our tables print under the use of funds:
/// `资金来源：财政资金 70.00（一般公共预算 50.00，政府性基金预算 20.00），单位资金 5.00`,
/// `资金来源：其中财政资金 200`. The sources and whether they are partial.
pub fn source_detail(line: &str) -> Option<(bool, Vec<Source>)> {
    let rest = line.strip_prefix("资金来源：")?;
    let (partial, rest) = match rest.strip_prefix("其中") {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let chars: Vec<char> = rest.chars().collect();
    let mut at = 0;
    let list = source_list(&chars, &mut at)?;
    (at == chars.len() && !list.is_empty()).then_some((partial, list))
}

fn source_list(cs: &[char], at: &mut usize) -> Option<Vec<Source>> {
    let mut out = Vec::new();
    loop {
        let start = *at;
        while *at < cs.len() && !matches!(cs[*at], '，' | '（' | '）') {
            *at += 1;
        }
        let head: String = cs[start..*at].iter().collect();
        // `上年结转 20 其他资金`: a class stated after the amount.
        let (head, class) = match head.rsplit_once(' ') {
            Some((rest, "财政资金")) => (rest.to_string(), Some("财政资金")),
            Some((rest, "其他资金")) => (rest.to_string(), Some("其他资金")),
            _ => (head.clone(), None),
        };
        let (name, amount) = head.rsplit_once(' ')?;
        if name.is_empty() || !is_decimal(amount) {
            return None;
        }
        let mut s = Source {
            name: name.to_string(),
            amount: amount.to_string(),
            class,
            ..Source::default()
        };
        if cs.get(*at) == Some(&'（') {
            *at += 1;
            let lead: Vec<char> = "其中：".chars().collect();
            if cs[*at..].starts_with(&lead) {
                s.partial = true;
                *at += lead.len();
            }
            s.sources = source_list(cs, at)?;
            if cs.get(*at) != Some(&'）') {
                return None;
            }
            *at += 1;
        }
        out.push(s);
        match cs.get(*at) {
            Some('，') => *at += 1,
            _ => return Some(out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        let a = |s: &str| amount(s).map(|o| o.map(|a| (a.number, a.unit)));
        assert_eq!(a("1,234.50"), Ok(Some(("1234.50".into(), None))));
        assert_eq!(a("10000万元"), Ok(Some(("10000".into(), Some("万元")))));
        assert_eq!(a(" 78.00 "), Ok(Some(("78.00".into(), None))));
        assert_eq!(a("１２"), Ok(Some(("12".into(), None))));
        assert_eq!(a(""), Ok(None));
        assert_eq!(a("/"), Ok(None));
        assert_eq!(a("1,00"), Err(()));
        assert_eq!(a("约50"), Err(()));
        assert_eq!(convert("1000", "元", "万元"), "0.1");
        assert_eq!(convert("1.5", "万元", "元"), "15000");
        assert_eq!(sum(&["70.00", "8"]).as_deref(), Some("78.00"));
    }

    #[test]
    fn parties_and_leaders() {
        assert_eq!(
            party("[015001]武汉市青山区教育局"),
            Party {
                code: Some("015001".into()),
                name: "武汉市青山区教育局".into()
            }
        );
        assert_eq!(party("【042】六安").code.as_deref(), Some("042"));
        assert_eq!(party("某某中心").code, None);
        assert_eq!(
            party("219-池州市贵池区棠溪镇人民政府"),
            Party {
                code: Some("219".into()),
                name: "池州市贵池区棠溪镇人民政府".into()
            }
        );
        assert_eq!(party("51000021R000000019951-工资性支出").name, "工资性支出");
        assert_eq!(party("G20-峰会").code, None);
        assert_eq!(
            party("51092324T000010263357-2023年全县安可替代补助资金项目").name,
            "2023年全县安可替代补助资金项目"
        );
        assert_eq!(party("2023-2025年规划").code, None);
        assert_eq!(
            leader("张三（13800000000）"),
            ("张三".into(), Some("13800000000".into()))
        );
        assert_eq!(leader("李四"), ("李四".into(), None));
    }

    #[test]
    fn numbered_goals() {
        assert_eq!(numbered("1、甲\n2、乙\n丙"), ["甲", "乙\n丙"]);
        assert_eq!(numbered("甲\n乙"), ["甲\n乙"]);
        assert_eq!(numbered("（1）甲\n（2）乙"), ["甲", "乙"]);
        assert_eq!(numbered("2.5万元\n3"), ["2.5万元\n3"]);
        assert!(numbered("").is_empty());
        assert_eq!(numbered("（一）甲；\n（二）乙。"), ["甲；", "乙。"]);
        assert_eq!(numbered("一、甲\n二、乙"), ["甲", "乙"]);
        assert_eq!(numbered("①甲\n②乙"), ["甲", "乙"]);
        // A sub-list under a goal stays in it.
        assert_eq!(numbered("1.甲：\n①子\n2.乙"), ["甲：\n①子", "乙"]);
        assert_eq!(numbered("十分重要\n二、乙"), ["十分重要\n二、乙"]);
    }

    #[test]
    fn titles_and_years() {
        let t = title("2020年部门预算绩效信息").unwrap();
        assert_eq!(
            (t.form, t.year, t.exact),
            (Some(FormKind::Disclosure), Some(2020), true)
        );
        let t = title("项目支出绩效目标表（2025年度）").unwrap();
        assert_eq!(
            (t.form, t.year, t.exact),
            (Some(FormKind::Publication), Some(2025), true)
        );
        let t = title("项目支出绩效目标表").unwrap();
        assert_eq!((t.form, t.exact), (Some(FormKind::Publication), true));
        let t = title("2020年度)").unwrap();
        assert_eq!((t.form, t.year), (None, Some(2020)));
        let t = title("财政支出绩效目标申报表").unwrap();
        assert_eq!((t.form, t.exact), (Some(FormKind::Application), false));
        assert_eq!(title("1、维修费绩效目标表"), None);
        assert_eq!(title("项目名称"), None);
        assert_eq!(title("标 题 项目支出绩效目标表3 文 号"), None);
        let t = title("某局2020年项目支出绩效目标表").unwrap();
        assert_eq!((t.year, t.exact), (Some(2020), false));
        assert_eq!(year_in("发布日期 2020-01-20"), None);
    }

    #[test]
    fn plan_cells_marks_and_points() {
        assert_eq!(month("10月底"), Some(10));
        assert_eq!(month("13月"), None);
        assert_eq!(percent("25.00").as_deref(), Some("25.00"));
        assert_eq!(percent("25%").as_deref(), Some("25"));
        assert_eq!(core_mark("★★★满意度"), (3, "满意度"));
        assert_eq!(
            level_points("成本指标（0-20分）"),
            ("成本指标".into(), Some("0-20".into()))
        );
        assert_eq!(points("10分").as_deref(), Some("10"));
        assert_eq!(
            one_line("打造金安国际网球\n公开赛"),
            "打造金安国际网球公开赛"
        );
        assert_eq!(one_line("GPS\nunit"), "GPS unit");
    }

    #[test]
    fn detail_lines() {
        let (partial, s) = source_detail(
            "资金来源：财政资金 70.00（一般公共预算 50.00，政府性基金预算 20.00），单位资金 5.00，上年结转 3",
        )
        .unwrap();
        assert!(!partial);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].sources[1].name, "政府性基金预算");
        assert_eq!(s[2].amount, "3");
        let (partial, s) = source_detail("资金来源：其中财政资金 200（其中：上级 1）").unwrap();
        assert!(partial && s[0].partial);
        assert_eq!(source_detail("资金来源：乱写"), None);
    }
}
