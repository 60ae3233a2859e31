//! Qualitative grades (好, 良好, 合格, 满意 …) and their order: the one list
//! the target reader recognises and the diff ranks.

use std::cmp::Ordering;

/// Grade scales, lowest first; words on one step share a rank. Every word a
/// target may use as a grade is on some scale.
pub(crate) const SCALES: &[&[&[&str]]] = &[
    &[&["差"], &["较差"], &["一般"], &["较好"], &["好"], &["很好"]],
    &[
        &["差"],
        &["中", "中等"],
        &["良", "良好", "优良"],
        &["优", "优秀"],
    ],
    &[&["不合格"], &["合格"]],
    &[&["不达标"], &["达标"]],
    &[&["不及格"], &["及格"]],
    &[
        &["不满意"],
        &["基本满意"],
        &["较满意"],
        &["满意"],
        &["非常满意"],
    ],
];

/// Every grade word, each once, in scale order.
pub(crate) fn words() -> impl Iterator<Item = &'static str> {
    SCALES
        .iter()
        .flat_map(|scale| scale.iter().flat_map(|step| step.iter().copied()))
        .enumerate()
        .filter(|(i, w)| {
            // 差 stands on two scales: yield it once.
            !SCALES
                .iter()
                .flat_map(|scale| scale.iter().flat_map(|step| step.iter()))
                .take(*i)
                .any(|earlier| earlier == w)
        })
        .map(|(_, w)| w)
}

/// Endings of an indicator name that states its own qualitative target
/// (`生态修复功能提高`, `服务质量明显改善`): a form that prints no 指标值.
const STATEMENT_ENDINGS: &[&str] = &[
    "提高", "提升", "改善", "增强", "增加", "降低", "减少", "优化", "加强", "完善", "好转", "达标",
    "明显", "显著", "有效", "稳定", "持续",
];

/// Whether an indicator's name is itself the whole qualitative statement.
pub(crate) fn is_statement(name: &str) -> bool {
    let name = name.trim();
    name.chars().count() > STATEMENT_ENDINGS[0].chars().count()
        && STATEMENT_ENDINGS.iter().any(|e| name.ends_with(e))
}

fn rank(scale: &[&[&str]], g: &str) -> Option<usize> {
    scale.iter().position(|step| step.contains(&g))
}

/// Compares two grades on the first scale holding both: the new grade
/// against the old; `None` when no scale holds both.
pub fn order(old: &str, new: &str) -> Option<Ordering> {
    SCALES
        .iter()
        .find_map(|s| Some(rank(s, new)?.cmp(&rank(s, old)?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_once() {
        let all: Vec<&str> = words().collect();
        assert_eq!(all.len(), 24);
        for (i, w) in all.iter().enumerate() {
            assert!(!all[..i].contains(w), "{w} twice");
        }
    }

    #[test]
    fn ordered_within_a_scale_only() {
        assert_eq!(order("良好", "优秀"), Some(Ordering::Greater));
        assert_eq!(order("良", "良好"), Some(Ordering::Equal));
        assert_eq!(order("好", "差"), Some(Ordering::Less));
        assert_eq!(order("合格", "满意"), None);
    }
}
