//! The common grid every reader produces: the document's blocks in order,
//! free paragraphs and tables. A table is a dense matrix of slots: each
//! position is the origin of a cell, covered by a merged cell that starts
//! above or to the left, or empty (a ragged row). A merged cell's text is
//! held once, at its origin.

/// Where a block or cell came from, for the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Table `table` (1-based), row and column (1-based) of a Word or HTML
    /// table.
    Table {
        table: usize,
        row: usize,
        col: usize,
    },
    /// A spreadsheet cell: the sheet's name and the cell's address (`B3`).
    Sheet { sheet: String, cell: String },
    /// Free paragraph `n` (1-based) of the document.
    Paragraph { n: usize },
}

/// A paragraph outside the tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Para {
    /// The text; line breaks inside the paragraph are `\n`.
    pub text: String,
    pub origin: Origin,
}

/// A cell of a table: its text (one `\n` per line break or paragraph) and
/// where it starts and how far it spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    /// The spreadsheet address, when the grid comes from one.
    pub address: Option<String>,
}

/// One position of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// No cell here (a row shorter than the table).
    Empty,
    /// Cell `n` of `Table::cells` starts here.
    Origin(usize),
    /// Cell `n` covers this position from a row above or a column left.
    Covered(usize),
}

/// A table with every merge resolved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// 1-based number of the table in the document (the sheet's number in a
    /// workbook).
    pub number: usize,
    /// The sheet's name, for a spreadsheet.
    pub sheet: Option<String>,
    pub cells: Vec<Cell>,
    /// `slots[row][col]`; every row has `width` slots.
    pub slots: Vec<Vec<Slot>>,
    pub width: usize,
}

/// A cell as it occupies one row: where it starts, or a row it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placed<'a> {
    pub cell: &'a Cell,
    /// Index of the cell in `Table::cells`.
    pub index: usize,
    /// The cell starts in this row.
    pub first: bool,
}

impl Table {
    pub fn rows(&self) -> usize {
        self.slots.len()
    }

    /// Every distinct cell occupying `row`, left to right.
    pub fn row(&self, row: usize) -> Vec<Placed<'_>> {
        let mut out: Vec<Placed<'_>> = Vec::new();
        for slot in self.slots.get(row).into_iter().flatten() {
            let (index, first) = match *slot {
                Slot::Empty => continue,
                Slot::Origin(i) => (i, true),
                Slot::Covered(i) => (i, false),
            };
            if out.last().is_some_and(|p| p.index == index) {
                continue;
            }
            if let Some(cell) = self.cells.get(index) {
                out.push(Placed {
                    cell,
                    index,
                    first: first || cell.row == row,
                });
            }
        }
        out
    }

    /// The cell occupying (`row`, `col`), origin or covering.
    pub fn at(&self, row: usize, col: usize) -> Option<&Cell> {
        match self.slots.get(row)?.get(col)? {
            Slot::Origin(i) | Slot::Covered(i) => self.cells.get(*i),
            Slot::Empty => None,
        }
    }

    /// Where a cell is, for the report.
    pub fn origin(&self, cell: &Cell) -> Origin {
        match (&self.sheet, &cell.address) {
            (Some(sheet), Some(address)) => Origin::Sheet {
                sheet: sheet.clone(),
                cell: address.clone(),
            },
            _ => Origin::Table {
                table: self.number,
                row: cell.row + 1,
                col: cell.col + 1,
            },
        }
    }
}

/// A block of the document, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Para(Para),
    Table(Table),
}

/// What a reader gives: the document's blocks in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grid {
    pub blocks: Vec<Block>,
}

/// The largest table a reader builds: past this many positions further
/// rows are dropped (a hostile span cannot exhaust memory).
pub const MAX_SLOTS: usize = 4_000_000;
/// The widest span taken from a file; wider ones are cut to it.
pub const MAX_SPAN: usize = 1000;

/// A cell as a reader finds it, before merges are resolved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawCell {
    pub text: String,
    pub row_span: usize,
    pub col_span: usize,
    /// Word's `w:vMerge` without `restart`: this cell continues the one
    /// above.
    pub continues: bool,
    /// Columns skipped before this cell (Word's `w:gridBefore`).
    pub skip_before: usize,
    pub address: Option<String>,
}

impl RawCell {
    pub fn text(text: impl Into<String>) -> RawCell {
        RawCell {
            text: text.into(),
            row_span: 1,
            col_span: 1,
            ..RawCell::default()
        }
    }
}

/// The rows of a table read inside a cell, as lines of that cell's text:
/// each row's cells joined by spaces, empty rows left out.
pub fn nested_lines(rows: &[Vec<RawCell>]) -> Vec<String> {
    rows.iter()
        .map(|r| {
            r.iter()
                .filter(|c| !c.continues)
                .map(|c| c.text.replace('\n', " "))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// The table numbered `number` made of `rows`, or none when they hold
/// nothing.
pub fn table_of_rows(number: usize, rows: Vec<Vec<RawCell>>) -> Option<Table> {
    let mut b = TableBuilder::new(number, None);
    for row in rows {
        b.push_row(row);
    }
    (!b.is_empty()).then(|| b.finish())
}

/// Builds a table row by row, placing cells as HTML does: each cell at the
/// first free position of its row, after the cells spanning down from above.
#[derive(Debug, Default)]
pub struct TableBuilder {
    table: Table,
    /// Set when the table grew past `MAX_SLOTS`.
    full: bool,
    /// The row the next `push_row` fills (rows below may exist already,
    /// made by cells spanning down).
    next: usize,
}

impl TableBuilder {
    pub fn new(number: usize, sheet: Option<String>) -> TableBuilder {
        TableBuilder {
            table: Table {
                number,
                sheet,
                ..Table::default()
            },
            full: false,
            next: 0,
        }
    }

    /// Whether any row was added.
    pub fn is_empty(&self) -> bool {
        self.table.slots.is_empty()
    }

    /// Add one row of cells.
    pub fn push_row(&mut self, cells: Vec<RawCell>) {
        if self.full {
            return;
        }
        let r = self.next;
        self.next += 1;
        self.ensure_row(r);
        let mut col = 0;
        for raw in cells {
            col += raw.skip_before.min(MAX_SPAN);
            while matches!(self.slot(r, col), Some(Slot::Covered(_) | Slot::Origin(_))) {
                col += 1;
            }
            let col_span = raw.col_span.clamp(1, MAX_SPAN);
            if raw.continues {
                if let Some(above) = self.continued(r, col) {
                    self.cover(above, r, col, col_span);
                    col += col_span;
                    continue;
                }
            }
            let row_span = raw.row_span.clamp(1, MAX_SPAN);
            if !self.fits(r, col + col_span, row_span) {
                self.full = true;
                return;
            }
            let index = self.table.cells.len();
            self.table.cells.push(Cell {
                text: raw.text,
                row: r,
                col,
                row_span: 1,
                col_span,
                address: raw.address,
            });
            for rr in r..r + row_span {
                self.ensure_row(rr);
                for cc in col..col + col_span {
                    let slot = if rr == r && cc == col {
                        Slot::Origin(index)
                    } else {
                        Slot::Covered(index)
                    };
                    self.set(rr, cc, slot);
                }
            }
            if let Some(c) = self.table.cells.last_mut() {
                c.row_span = row_span;
            }
            col += col_span;
        }
    }

    /// The cell a Word continuation at (`r`, `col`) continues: the one
    /// occupying the same column in the row above, when it starts there.
    fn continued(&self, r: usize, col: usize) -> Option<usize> {
        let prev = r.checked_sub(1)?;
        match self.slot(prev, col)? {
            Slot::Origin(i) | Slot::Covered(i) => {
                let c = self.table.cells.get(i)?;
                (c.col == col).then_some(i)
            }
            Slot::Empty => None,
        }
    }

    /// Extend cell `index` down over row `r`.
    fn cover(&mut self, index: usize, r: usize, col: usize, span: usize) {
        let Some(cell) = self.table.cells.get(index) else {
            return;
        };
        let (from, to) = (cell.col, (cell.col + cell.col_span).max(col + span));
        for cc in from..to {
            if !matches!(self.slot(r, cc), Some(Slot::Origin(_))) {
                self.set(r, cc, Slot::Covered(index));
            }
        }
        if let Some(cell) = self.table.cells.get_mut(index) {
            cell.row_span = r + 1 - cell.row;
        }
    }

    fn fits(&self, r: usize, width: usize, rows: usize) -> bool {
        let w = width.max(self.table.width);
        (r + rows).saturating_mul(w) <= MAX_SLOTS
    }

    fn slot(&self, r: usize, c: usize) -> Option<Slot> {
        self.table.slots.get(r)?.get(c).copied()
    }

    fn ensure_row(&mut self, r: usize) {
        while self.table.slots.len() <= r {
            self.table.slots.push(vec![Slot::Empty; self.table.width]);
        }
    }

    fn set(&mut self, r: usize, c: usize, slot: Slot) {
        if c >= self.table.width {
            self.table.width = c + 1;
            for row in &mut self.table.slots {
                row.resize(c + 1, Slot::Empty);
            }
        }
        if let Some(s) = self.table.slots.get_mut(r).and_then(|row| row.get_mut(c)) {
            *s = slot;
        }
    }

    /// The table, with rows that hold no cell at all dropped at the end.
    pub fn finish(mut self) -> Table {
        while self
            .table
            .slots
            .last()
            .is_some_and(|row| row.iter().all(|s| *s == Slot::Empty))
        {
            self.table.slots.pop();
        }
        self.table
    }
}

/// Whitespace as cells and paragraphs hold it: runs of spaces and tabs are
/// one space, each line trimmed, blank lines at the ends dropped.
pub fn tidy(text: &str) -> String {
    let mut lines: Vec<String> = text
        .split('\n')
        .map(|l| {
            let mut out = String::new();
            for word in l.split(|c: char| c.is_whitespace() && c != '\n') {
                if word.is_empty() {
                    continue;
                }
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(word);
            }
            out
        })
        .collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    lines[start..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, rows: usize, cols: usize) -> RawCell {
        RawCell {
            text: text.into(),
            row_span: rows,
            col_span: cols,
            ..RawCell::default()
        }
    }

    #[test]
    fn spans_are_placed_as_html_places_them() {
        let mut b = TableBuilder::new(1, None);
        b.push_row(vec![cell("a", 2, 1), cell("b", 1, 2)]);
        b.push_row(vec![cell("c", 1, 1), cell("d", 1, 1)]);
        let t = b.finish();
        assert_eq!(t.width, 3);
        let texts: Vec<(&str, bool)> = t
            .row(1)
            .iter()
            .map(|p| (p.cell.text.as_str(), p.first))
            .collect();
        assert_eq!(texts, [("a", false), ("c", true), ("d", true)]);
        assert_eq!(t.at(1, 0).map(|c| c.text.as_str()), Some("a"));
        assert_eq!(t.cells[2].col, 1);
    }

    #[test]
    fn word_continuations_extend_the_cell_above() {
        let mut b = TableBuilder::new(1, None);
        b.push_row(vec![RawCell::text("一级"), RawCell::text("x")]);
        let mut cont = RawCell::text("");
        cont.continues = true;
        b.push_row(vec![cont, RawCell::text("y")]);
        let t = b.finish();
        assert_eq!(t.cells[0].row_span, 2);
        assert_eq!(t.at(1, 0).map(|c| c.text.as_str()), Some("一级"));
        assert_eq!(t.cells.len(), 3);
    }

    #[test]
    fn huge_spans_stop_the_table() {
        let mut b = TableBuilder::new(1, None);
        b.push_row(vec![cell("a", 1_000_000, 1_000_000)]);
        b.push_row(vec![cell("b", 1, 1)]);
        let t = b.finish();
        assert!(t.slots.len() * t.width.max(1) <= MAX_SLOTS);
    }

    #[test]
    fn tidy_collapses_spaces() {
        assert_eq!(tidy("  a \t b \n\n c  \n \n"), "a b\n\nc");
        assert_eq!(tidy("\n\n x"), "x");
    }
}
