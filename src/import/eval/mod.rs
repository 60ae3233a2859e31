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
        Block::Para(p) => is_title(&p.text),
        Block::Table(t) => t
            .cells
            .iter()
            .any(|c| is_title(&c.text) || unique_label(&normalise(&c.text).text)),
    })
}

/// A title line of the form (not a heading of a project).
fn is_title(text: &str) -> bool {
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    flat.chars().count() <= 60
        && (flat.contains("项目支出绩效自评表") || flat.contains("绩效运行监控表"))
}

fn unique_label(n: &str) -> bool {
    let base = labels::months_head(n).map_or(n, |(_, rest)| rest);
    matches!(
        base,
        "实际完成值"
            | "完成值"
            | "当前完成值"
            | "指标得分"
            | "全年执行数"
            | "预算执行数"
            | "全年预计执行数"
            | "评价结论"
            | "自评结论"
            | "完成可能性"
            | "完成可能性分析"
            | "偏差原因分析及改进措施"
            | "未完成原因分析"
            | "全年预计完成"
    ) || labels::months_head(n).is_some_and(|(_, r)| r == "执行数" || r == "执行率")
}
