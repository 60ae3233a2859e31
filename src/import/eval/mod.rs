//! Import of self-evaluation (项目支出绩效自评表) and monitoring
//! (项目支出绩效运行监控表) forms: the recognizer reads the grid by the
//! labels these forms print (`labels`) into a draft (`draft`), and the
//! writer (`write`) prints it as an `evaluation` or `monitoring` document.
//!
//! The grid, the sheet's label and value readers and its indicator block
//! are shared with the target sheet's import: an evaluation's indicator
//! table is a sheet's (levels, name, target, 分值) with more columns
//! (实际完成值, 得分, 偏差原因 …), which the block reads as fields and this
//! module places.

pub mod draft;
pub(super) mod labels;
mod read;
pub mod write;

use super::grid::{Block, Grid};
use super::labels::normalise;
pub use read::{evaluated, recognise};

/// Whether the grid holds a self-evaluation or monitoring form: a title
/// naming one, or a label only these forms print (实际完成值, 得分, 全年执行数,
/// 评价结论, 完成可能性 …).
pub fn is_form(grid: &Grid) -> bool {
    grid.blocks.iter().any(|b| match b {
        Block::Para(p) => labels::is_title(&p.text),
        Block::Table(t) => t
            .cells
            .iter()
            .any(|c| labels::is_title(&c.text) || labels::unique(&normalise(&c.text).text)),
    })
}
