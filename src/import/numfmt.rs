//! How a workbook shows its numbers: the number format of each numeric
//! cell, read from the parts calamine does not expose (`xl/styles.xml`, the
//! worksheets' `s` attributes). A budget cell holding 78 under the format
//! `0.00` is the amount `78.00` of the table; 0.95 under `0%` is `95%`.
//!
//! Only what a number's digits need is read: the decimals a format pads to,
//! and whether it shows a percentage. A number never loses digits to its
//! format (78.5 under `0` stays 78.5: the cell holds it, only the screen
//! rounds it). Dates, text and scientific formats are left to calamine.
//! Any part that cannot be read leaves its numbers as calamine gives them.

use quick_xml::events::{BytesStart, Event};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// What a number format does to the digits of a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Display {
    /// The decimals the format pads to.
    pub decimals: u32,
    /// The format shows the number times 100 with `%`.
    pub percent: bool,
}

/// The numeric cells of each worksheet (by name) whose format is not
/// General: their value as stored and how it is shown. At most `limit`
/// cells in all.
pub type Shown = HashMap<String, HashMap<(u32, u32), (String, Display)>>;

/// Read the formats of a workbook's numeric cells.
pub fn read(bytes: &[u8], limit: usize) -> Shown {
    let mut out = Shown::new();
    let part = |name: &str| super::parts::zip_part(bytes, name).ok();
    let Some(styles) = part("xl/styles.xml") else {
        return out;
    };
    let styles = cell_styles(&styles);
    if styles.iter().all(Option::is_none) {
        return out;
    }
    let (Some(book), Some(rels)) = (part("xl/workbook.xml"), part("xl/_rels/workbook.xml.rels"))
    else {
        return out;
    };
    let targets = relationships(&rels);
    let mut left = limit;
    for (name, id) in sheets(&book) {
        let Some(target) = targets.get(&id) else {
            continue;
        };
        let path = match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("xl/{target}"),
        };
        let Some(xml) = part(&path) else { continue };
        let cells = numeric_cells(&xml, &styles, &mut left);
        if !cells.is_empty() {
            out.insert(name, cells);
        }
    }
    out
}

/// The text a number is shown as: padded to the format's decimals, never
/// cut below the digits it holds (Excel keeps 15 significant digits).
pub fn show(raw: &str, d: Display) -> Option<String> {
    let raw = raw.trim();
    let mut v = raw
        .parse::<Decimal>()
        .or_else(|_| Decimal::from_scientific(raw))
        .ok()?;
    if d.percent {
        v = v.checked_mul(Decimal::ONE_HUNDRED)?;
    }
    let mut v = v.round_sf(15).unwrap_or(v).normalize();
    let scale = v.scale().max(d.decimals.min(28));
    v.rescale(scale);
    Some(if d.percent {
        format!("{v}%")
    } else {
        v.to_string()
    })
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let k: &str = a.key.as_ref();
        let local = k.rsplit(':').next().unwrap_or(k);
        (local == key || k == key).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        })
    })
}

/// What `walk` meets in a part.
enum Item<'a, 'e> {
    /// A start or empty (`true`) element.
    Element(&'a BytesStart<'e>, bool),
    /// Text between elements.
    Text(&'a str),
    /// The end of a `<v>` element.
    EndValue,
}

/// Every element, text and end of value of a part, in order.
fn walk(xml: &str, mut f: impl FnMut(Item<'_, '_>)) {
    let mut r = quick_xml::Reader::from_str(xml);
    r.config_mut().check_end_names = false;
    loop {
        match r.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e)) => f(Item::Element(&e, false)),
            Ok(Event::Empty(e)) => f(Item::Element(&e, true)),
            Ok(Event::End(e)) if e.local_name().as_ref() == "v" => f(Item::EndValue),
            Ok(Event::Text(t)) => f(Item::Text(&t.xml10_content())),
            _ => {}
        }
    }
}

/// For each cell style (`cellXfs` index), what its number format does.
fn cell_styles(xml: &str) -> Vec<Option<Display>> {
    let mut custom: HashMap<u32, String> = HashMap::new();
    let mut xfs: Vec<u32> = Vec::new();
    let mut in_cell_xfs = false;
    walk(xml, |item| {
        let Item::Element(e, empty) = item else {
            return;
        };
        match e.local_name().as_ref() {
            "numFmt" => {
                if let (Some(id), Some(code)) = (attr(e, "numFmtId"), attr(e, "formatCode")) {
                    if let Ok(id) = id.parse() {
                        custom.insert(id, code);
                    }
                }
            }
            "cellXfs" => in_cell_xfs = !empty,
            "cellStyleXfs" | "dxfs" | "cellStyles" => in_cell_xfs = false,
            "xf" if in_cell_xfs => {
                xfs.push(
                    attr(e, "numFmtId")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0),
                );
            }
            _ => {}
        }
    });
    xfs.iter()
        .map(|id| match custom.get(id) {
            Some(code) => display(code),
            None => builtin(*id),
        })
        .collect()
}

/// Excel's built-in number formats that show plain or percent numbers.
fn builtin(id: u32) -> Option<Display> {
    let (decimals, percent) = match id {
        1 | 3 | 37 | 38 => (0, false),
        2 | 4 | 39 | 40 => (2, false),
        9 => (0, true),
        10 => (2, true),
        _ => return None,
    };
    Some(Display { decimals, percent })
}

/// What a format code does to a number's digits, from its first section;
/// `None` for General, text, dates and times, and scientific notation.
pub fn display(code: &str) -> Option<Display> {
    // The first section (positive numbers), without quoted literals,
    // escaped characters and bracketed colours or conditions.
    let mut plain = String::new();
    let mut chars = code.chars();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                }
            }
            ';' => break,
            c => plain.push(c),
        }
    }
    let lower = plain.to_ascii_lowercase();
    if lower.trim().is_empty()
        || lower.contains("general")
        || lower.contains('@')
        || lower.contains('e')
        || lower
            .chars()
            .any(|c| matches!(c, 'y' | 'm' | 'd' | 'h' | 's'))
        || !lower.chars().any(|c| matches!(c, '0' | '#' | '?'))
    {
        return None;
    }
    let decimals = match lower.split_once('.') {
        Some((_, frac)) => frac
            .chars()
            .take_while(|c| matches!(c, '0' | '#' | '?' | ','))
            .filter(|c| matches!(c, '0'))
            .count() as u32,
        None => 0,
    };
    Some(Display {
        decimals,
        percent: lower.contains('%'),
    })
}

/// `r:id` of each sheet by name, in the workbook's order.
fn sheets(xml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    walk(xml, |item| {
        if let Item::Element(e, _) = item {
            if e.local_name().as_ref() == "sheet" {
                if let (Some(name), Some(id)) = (attr(e, "name"), attr(e, "id")) {
                    out.push((name, id));
                }
            }
        }
    });
    out
}

/// The target of each relationship by id.
fn relationships(xml: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    walk(xml, |item| {
        if let Item::Element(e, _) = item {
            if e.local_name().as_ref() == "Relationship" {
                if let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target")) {
                    out.insert(id, target);
                }
            }
        }
    });
    out
}

/// The numeric cells of a worksheet with a shown format: 0-based (row,
/// column) to the stored value and its display.
fn numeric_cells(
    xml: &str,
    styles: &[Option<Display>],
    left: &mut usize,
) -> HashMap<(u32, u32), (String, Display)> {
    let mut out = HashMap::new();
    // The cell open now: its position and display, when numeric and shown.
    let mut open: Option<((u32, u32), Display)> = None;
    let mut value = String::new();
    let (mut row, mut col) = (0u32, 0u32);
    let mut in_v = false;
    walk(xml, |item| match item {
        Item::Element(e, empty) => match e.local_name().as_ref() {
            "row" => {
                row = attr(e, "r")
                    .and_then(|r| r.parse::<u32>().ok())
                    .unwrap_or(row + 1);
                col = 0;
            }
            "c" => {
                match attr(e, "r").and_then(|a| position(&a)) {
                    Some((r, c)) => (row, col) = (r + 1, c + 1),
                    None => col += 1,
                }
                let numeric = attr(e, "t").is_none_or(|t| t == "n");
                let shown = attr(e, "s")
                    .and_then(|s| s.parse::<usize>().ok())
                    .and_then(|s| styles.get(s).copied().flatten());
                open = match (numeric, shown, empty) {
                    (true, Some(d), false) => Some(((row.saturating_sub(1), col - 1), d)),
                    _ => None,
                };
            }
            "v" => {
                in_v = !empty;
                value.clear();
            }
            _ => {}
        },
        Item::Text(t) if in_v => value.push_str(t),
        Item::Text(_) => {}
        Item::EndValue => {
            in_v = false;
            if let Some((at, d)) = open.take() {
                if *left > 0 {
                    *left -= 1;
                    out.insert(at, (std::mem::take(&mut value), d));
                }
            }
        }
    });
    out
}

/// `B3` as 0-based (row, column).
fn position(address: &str) -> Option<(u32, u32)> {
    let letters: String = address
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let row: u32 = address[letters.len()..].parse().ok()?;
    let mut col = 0u32;
    for c in letters.chars() {
        col = col
            .checked_mul(26)?
            .checked_add(u32::from(c.to_ascii_uppercase() as u8 - b'A') + 1)?;
    }
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_finance_workbooks_use_them() {
        let two = Some(Display {
            decimals: 2,
            percent: false,
        });
        assert_eq!(display("0.00"), two);
        assert_eq!(display("#,##0.00"), two);
        assert_eq!(display("#,##0.00_);[Red](#,##0.00)"), two);
        assert_eq!(display("\"¥\"#,##0.00"), two);
        assert_eq!(
            display("0.0%"),
            Some(Display {
                decimals: 1,
                percent: true
            })
        );
        assert_eq!(display("General"), None);
        assert_eq!(display("@"), None);
        assert_eq!(display("yyyy-mm-dd"), None);
        assert_eq!(display("0.00E+00"), None);
        assert_eq!(
            builtin(10).map(|d| (d.decimals, d.percent)),
            Some((2, true))
        );
    }

    #[test]
    fn numbers_keep_their_digits_and_take_the_format_decimals() {
        let d = |decimals, percent| Display { decimals, percent };
        assert_eq!(show("78", d(2, false)).as_deref(), Some("78.00"));
        assert_eq!(show("78.5", d(0, false)).as_deref(), Some("78.5"));
        assert_eq!(show("0.95", d(0, true)).as_deref(), Some("95%"));
        assert_eq!(show("0.955", d(1, true)).as_deref(), Some("95.5%"));
        // Excel writes 17 significant digits; it shows 15.
        assert_eq!(
            show("78.099999999999994", d(2, false)).as_deref(),
            Some("78.10")
        );
        assert_eq!(show("1.5E-2", d(3, false)).as_deref(), Some("0.015"));
        assert_eq!(show("x", d(2, false)), None);
    }

    #[test]
    fn positions() {
        assert_eq!(position("A1"), Some((0, 0)));
        assert_eq!(position("AA10"), Some((9, 26)));
        assert_eq!(position("A0"), None);
        assert_eq!(position("1"), None);
    }
}
