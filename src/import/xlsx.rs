//! Excel (.xlsx) to the grid with calamine: one table per worksheet, each
//! cell at its own address (`B3`), merged regions resolved from the sheet's
//! `mergeCells`. Numbers are printed with the decimals and the percentage
//! of their cell's format (`78.00`, `95%`: see `numfmt`), else as Excel
//! shows them in the General format (`1000`, `0.25`); dates as
//! `2021-01-10`.

use super::error::ImportError;
use super::grid::{Block, Grid, RawCell, Table, TableBuilder, MAX_SLOTS};
use calamine::{DataRef, Reader, Xlsx};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Cursor;

/// Read every worksheet of a workbook.
pub fn read(bytes: &[u8]) -> Result<Grid, ImportError> {
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| ImportError::Damaged(e.to_string()))?;
    let mut grid = Grid::default();
    let names = wb.sheet_names();
    let shown = super::numfmt::read(bytes, MAX_SLOTS);
    let none = HashMap::new();
    for (n, name) in names.iter().enumerate() {
        let cells = sheet_cells(&mut wb, name, shown.get(name).unwrap_or(&none))?;
        let merges = match wb.worksheet_merge_cells(name) {
            Some(Ok(m)) => m,
            // A sheet whose merges cannot be read keeps its cells apart.
            _ => Vec::new(),
        };
        if let Some(table) = table(n + 1, name, &cells, &merges) {
            grid.blocks.push(Block::Table(table));
        }
    }
    Ok(grid)
}

/// The non-empty cells of a sheet by position, read one at a time (a sheet
/// whose used range is far larger than its cells costs nothing).
fn sheet_cells(
    wb: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    shown: &HashMap<(u32, u32), (String, super::numfmt::Display)>,
) -> Result<BTreeMap<(usize, usize), String>, ImportError> {
    let damaged = |e: calamine::XlsxError| ImportError::Damaged(format!("{name}: {e}"));
    let mut reader = wb.worksheet_cells_reader(name).map_err(damaged)?;
    let mut out = BTreeMap::new();
    while let Some(cell) = reader.next_cell().map_err(damaged)? {
        let (r, c) = cell.get_position();
        let value = cell.get_value();
        let formatted = match value {
            DataRef::Float(_) | DataRef::Int(_) => shown
                .get(&(r, c))
                .and_then(|(raw, d)| super::numfmt::show(raw, *d)),
            _ => None,
        };
        let text = super::grid::tidy(&formatted.unwrap_or_else(|| show(value)));
        if !text.is_empty() && out.len() < MAX_SLOTS {
            out.insert((r as usize, c as usize), text);
        }
    }
    Ok(out)
}

/// The sheet as a table from its first row and column (so that addresses
/// hold) to its last non-empty cell, merged regions resolved.
fn table(
    number: usize,
    name: &str,
    cells: &BTreeMap<(usize, usize), String>,
    merges: &[calamine::Dimensions],
) -> Option<Table> {
    let rows = cells.keys().map(|k| k.0).max()? + 1;
    let cols = cells.keys().map(|k| k.1).max()? + 1;
    // Never more positions than a table holds.
    let rows = rows.min(MAX_SLOTS / cols.max(1)).max(1);
    let mut origins: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
    let mut covered: HashSet<(usize, usize)> = HashSet::new();
    for d in merges {
        let (top, left) = (d.start.0 as usize, d.start.1 as usize);
        let (bottom, right) = (
            (d.end.0 as usize).min(rows - 1),
            (d.end.1 as usize).min(cols - 1),
        );
        if top > bottom || left > right || covered.contains(&(top, left)) {
            continue;
        }
        if covered.len() + (bottom - top + 1) * (right - left + 1) > MAX_SLOTS {
            break;
        }
        origins.insert((top, left), (bottom - top + 1, right - left + 1));
        for r in top..=bottom {
            for c in left..=right {
                if (r, c) != (top, left) {
                    covered.insert((r, c));
                }
            }
        }
    }
    let mut b = TableBuilder::new(number, Some(name.to_string()));
    for r in 0..rows {
        let mut row = Vec::new();
        for c in 0..cols {
            if covered.contains(&(r, c)) {
                continue;
            }
            let (row_span, col_span) = origins.get(&(r, c)).copied().unwrap_or((1, 1));
            row.push(RawCell {
                text: cells.get(&(r, c)).cloned().unwrap_or_default(),
                row_span,
                col_span,
                address: Some(address(r, c)),
                ..RawCell::default()
            });
        }
        b.push_row(row);
    }
    (!b.is_empty()).then(|| b.finish())
}

/// `A1` style: column letters and the 1-based row.
pub fn address(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// A cell's value as text.
fn show(d: &DataRef<'_>) -> String {
    match d {
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number(*f),
        DataRef::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        DataRef::DateTime(d) => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if d.is_duration() {
                number(d.as_f64())
            } else if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}:{s:02}")
            }
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
    }
}

/// A float as Excel shows it in the General format: whole numbers without
/// a point, others in the shortest form that reads back the same.
fn number(f: f64) -> String {
    if !f.is_finite() {
        return String::new();
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    // Excel keeps 15 significant digits: 0.1 + 0.2 shows as 0.3.
    let rounded = format!("{f:.15e}");
    let back: f64 = rounded.parse().unwrap_or(f);
    let short = format!("{back}");
    let trimmed: f64 = format!("{:.*}", 15usize.saturating_sub(magnitude(back)), back)
        .parse()
        .unwrap_or(back);
    let t = format!("{trimmed}");
    if t.len() < short.len() {
        t
    } else {
        short
    }
}

fn magnitude(f: f64) -> usize {
    let a = f.abs();
    if a < 1.0 {
        0
    } else {
        (a.log10().floor() as usize) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(address(0, 0), "A1");
        assert_eq!(address(9, 25), "Z10");
        assert_eq!(address(0, 26), "AA1");
        assert_eq!(address(0, 701), "ZZ1");
    }

    #[test]
    fn numbers_as_excel_shows_them() {
        assert_eq!(number(1000.0), "1000");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(1234.5), "1234.5");
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(read(b"not a zip").is_err());
    }
}
