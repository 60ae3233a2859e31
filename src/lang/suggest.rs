//! "Did you mean": the closest candidate by edit distance over characters.

/// Levenshtein distance over chars, bounded work: O(len(a) * len(b)) with
/// inputs capped at 64 chars (longer words are never suggestions).
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    distance_chars(&a, &b)
}

/// Levenshtein distance over two character slices (callers cap their length).
pub fn distance_chars(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The closest candidate within a distance that makes sense for the word's
/// length; ties go to the earliest candidate, so results are deterministic.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let len = word.chars().count();
    if len == 0 || len > 64 {
        return None;
    }
    let limit = match len {
        1..=2 => 1,
        3..=5 => 2,
        _ => 3,
    };
    let lower = word.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = distance(&lower, &c.to_lowercase());
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_english() {
        assert_eq!(distance("实效", "时效"), 1);
        assert_eq!(closest("实效", ["数量", "时效", "质量"]), Some("时效"));
        assert_eq!(closest("projet", ["project", "plan"]), Some("project"));
        assert_eq!(closest("完全不同的词", ["时效"]), None);
        let a: Vec<char> = "kitten".chars().collect();
        let b: Vec<char> = "sitting".chars().collect();
        assert_eq!(distance_chars(&a, &b), 3);
        assert_eq!(distance_chars(&[], &b), 7);
        assert_eq!(distance_chars(&a, &[]), 6);
    }
}
