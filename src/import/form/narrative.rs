//! Projects described in words before their tables, as budget disclosures
//! print them (real/09): `1.“文化中心运营专项经费”项目。` then numbered items
//! `(1)项目概述。…` `(2)立项依据。…` `(3)实施主体。…` `(4)起止时间。…`
//! `(5)项目内容。…` `(6)年度预算安排。财政拨款634万元。` `(7)绩效目标。…`,
//! one paragraph each or all in one. Each item goes where the table would
//! put it; an item the language has no place for is a field. A table of
//! the same project later continues it.

use super::super::draft::{Budget, Source, Why};
use super::super::grid::Origin;
use super::super::labels::source_label;
use super::super::values::{amount, convert, party};
use super::Recognizer;

/// `1.“NAME”项目。` at `text`'s start: the name and the rest.
fn heading(text: &str) -> Option<(String, &str)> {
    let digits = text.find(|c: char| !c.is_ascii_digit())?;
    if digits == 0 {
        return None;
    }
    let rest = text[digits..].strip_prefix(['.', '、', '．'])?.trim_start();
    let rest = rest.strip_prefix('“')?;
    // A name is short: looking no further keeps a long paragraph linear.
    let (close, _) = rest.char_indices().take(100).find(|(_, c)| *c == '”')?;
    let (name, rest) = (&rest[..close], &rest[close + '”'.len_utf8()..]);
    let rest = rest.strip_prefix("项目")?;
    // `“智慧城市”项目建设…` is a name, not a description's heading.
    if !(rest.is_empty()
        || rest.starts_with(['。', '.', '：', ':', '(', '（'])
        || rest.starts_with(char::is_whitespace))
    {
        return None;
    }
    let rest = rest.trim_start_matches(['。', '.', '：', ':']);
    (!name.trim().is_empty()).then(|| (name.trim().to_string(), rest))
}

/// The start of an item `(k)` / `（k）` at byte `i`: its number's end.
fn item_at(text: &str, i: usize) -> Option<usize> {
    let r = text[i..].strip_prefix(['(', '（'])?;
    let digits = r.find(|c: char| !c.is_ascii_digit())?;
    if digits == 0 || digits > 2 {
        return None;
    }
    let close = r[digits..].chars().next()?;
    matches!(close, ')' | '）').then(|| text.len() - r.len() + digits + close.len_utf8())
}

/// The items of a description: (label, text), split at each `(k)LABEL。`.
fn items(text: &str) -> Vec<(String, String)> {
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for (i, _) in text.char_indices() {
        if let Some(end) = item_at(text, i) {
            starts.push((i, end));
        }
    }
    let mut out = Vec::new();
    for (k, (_, end)) in starts.iter().enumerate() {
        let stop = starts.get(k + 1).map_or(text.len(), |s| s.0);
        let body = text[*end..stop].trim();
        let (label, value) = match body.split_once(['。', '：', ':']) {
            Some((l, v)) if l.chars().count() <= 8 => (l.trim(), v.trim()),
            _ => ("", body),
        };
        out.push((label.to_string(), value.to_string()));
    }
    out
}

/// Where a description starts a new project in `text`, by byte offset.
fn headings(text: &str) -> Vec<usize> {
    text.char_indices()
        .filter(|(i, _)| {
            (*i == 0 || text[..*i].ends_with(char::is_whitespace)) && heading(&text[*i..]).is_some()
        })
        .map(|(i, _)| i)
        .collect()
}

impl Recognizer {
    /// Read a paragraph of a description; false when it is none.
    pub(super) fn narrative(&mut self, text: &str, origin: &Origin) -> bool {
        let text = text.trim();
        let starts = headings(text);
        let continues = self.narrative.is_some()
            && starts.first() != Some(&0)
            && item_at(text, 0).is_some()
            && self.project == self.narrative;
        if starts.first() != Some(&0) && !continues {
            return false;
        }
        if continues {
            self.narrative_items(text, origin);
            return true;
        }
        for (k, start) in starts.iter().enumerate() {
            let stop = starts.get(k + 1).copied().unwrap_or(text.len());
            let Some((name, rest)) = heading(&text[*start..stop]) else {
                continue;
            };
            self.new_project();
            self.project().name = Some(name);
            self.narrative = self.project;
            if let Some(i) = self.project {
                self.described.push((i, None));
            }
            self.narrative_items(rest, origin);
        }
        true
    }

    fn narrative_items(&mut self, text: &str, origin: &Origin) {
        for (label, value) in items(text) {
            // Texts as written; names and terms without their full stop.
            let stated = value.trim().to_string();
            let value = stated.trim_end_matches(['。', '.']).to_string();
            if value.is_empty() {
                continue;
            }
            match label.as_str() {
                "实施主体" | "实施单位" => self.project().agency = Some(party(&value)),
                "起止时间" | "实施期限" | "项目期" => self.project().term = Some(value),
                "项目内容" | "资金用途" => self.project().purpose = Some(stated),
                "绩效目标" | "年度绩效目标" => self.project().goals.push(stated),
                "年度预算安排" | "预算安排" | "年度预算" => match budget(&value) {
                    Some((b, unit)) => {
                        let to = *self.unit.get_or_insert(unit);
                        let b = in_unit(b, unit, to);
                        self.project().budget = Some(b);
                        let i = self.project;
                        if let Some(d) = self.described.iter_mut().find(|d| Some(d.0) == i) {
                            d.1 = Some(stated);
                        }
                    }
                    None => self.project().fields.push((label, stated)),
                },
                "" => self.note(Some(origin.clone()), &value, Why::UnknownParagraph),
                _ => self.project().fields.push((label, stated)),
            }
        }
    }
}

/// `财政拨款634万元` or `634万元，其中财政拨款600万元…`: a total with one
/// source; `None` for anything else.
fn budget(text: &str) -> Option<(Budget, &'static str)> {
    let at = text.find(|c: char| c.is_ascii_digit())?;
    let (name, tail) = text.split_at(at);
    let a = amount(tail).ok()??;
    let unit = a.unit?;
    let name = name.trim();
    let sources = match source_label(name) {
        Some(s) => vec![Source {
            name: s,
            amount: a.number.clone(),
            ..Source::default()
        }],
        None if name.is_empty() => Vec::new(),
        None => return None,
    };
    Some((
        Budget {
            total: Some(a.number),
            sources,
            partial: false,
        },
        unit,
    ))
}

/// The budget's amounts, read in `from`, in the sheet's unit `to`.
fn in_unit(mut b: Budget, from: &str, to: &str) -> Budget {
    if from != to {
        b.total = b.total.map(|n| convert(&n, from, to));
        for s in &mut b.sources {
            s.amount = convert(&s.amount, from, to);
        }
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_of_projects() {
        assert_eq!(
            heading("1.“文化中心运营专项经费”项目。 (1)项目概述。"),
            Some(("文化中心运营专项经费".to_string(), " (1)项目概述。"))
        );
        assert_eq!(heading("1.5万元"), None);
        assert_eq!(heading("1、“智慧城市”项目建设绩效目标表"), None);
        let it = items("(1)项目概述。主要用于运营。 (4)起止时间。2025年1月1日-2025年12月31日 (6)年度预算安排。财政拨款634万元。");
        assert_eq!(
            it,
            [
                ("项目概述".to_string(), "主要用于运营。".to_string()),
                (
                    "起止时间".to_string(),
                    "2025年1月1日-2025年12月31日".to_string()
                ),
                ("年度预算安排".to_string(), "财政拨款634万元。".to_string()),
            ]
        );
        let (b, unit) = budget("财政拨款306.18万元").unwrap();
        assert_eq!((b.total.as_deref(), unit), (Some("306.18"), "万元"));
        assert_eq!(b.sources[0].name, "财政拨款");
        assert!(budget("另行安排").is_none());
    }
}
