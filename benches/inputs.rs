//! Writes the benchmark inputs (`bash scripts/bench.sh` runs it first):
//! the sample grown to 1× and 0.1× (10,000 and 1,000 projects), synthetic
//! sheets of the same sizes, two years of each for `diff`, and a batch.
//! Every sheet is compiled once here and must have no errors.
//!
//! `cargo bench --bench inputs` writes into `$JIXIAO_BENCH_DIR`, default
//! `target/bench-data`.

#[path = "gen/mod.rs"]
mod gen;

use std::path::PathBuf;

/// Size of the 1× inputs: the sample grown to about 13 MB (12,400 projects).
const BIG: usize = 13_000_000;

fn main() {
    let dir = PathBuf::from(
        std::env::var("JIXIAO_BENCH_DIR").unwrap_or_else(|_| "target/bench-data".to_string()),
    );
    let batch_dir = dir.join("batch");
    let _ = std::fs::remove_dir_all(&batch_dir);
    std::fs::create_dir_all(&batch_dir).expect("create the bench folder");
    let root = env!("CARGO_MANIFEST_DIR");
    let s2020 = std::fs::read_to_string(format!("{root}/examples/beidaihe-2020.jx")).unwrap();
    let s2021 = std::fs::read_to_string(format!("{root}/examples/beidaihe-2021.jx")).unwrap();
    let mut files: Vec<(PathBuf, String)> = vec![
        (dir.join("sample-1x.jx"), gen::grow_to(&s2020, BIG)),
        (dir.join("sample-0.1x.jx"), gen::grow_to(&s2020, BIG / 10)),
        (dir.join("sample-next-1x.jx"), gen::grow_to(&s2021, BIG)),
        (dir.join("gen-1x.jx"), gen::sheet_of_size(1, BIG)),
        (dir.join("gen-0.1x.jx"), gen::sheet_of_size(1, BIG / 10)),
        (dir.join("gen-2021-1x.jx"), gen::sheet_of_size(3, BIG)),
        (
            dir.join("gen-next-1x.jx"),
            gen::next_year(1, gen::projects_for(1, BIG)),
        ),
    ];
    // A province's batch: 300 bodies of 1 to 80 projects, and one of 13 MB.
    for (name, text) in gen::batch(7, 300, 80)
        .into_iter()
        .chain([("sheet-big.jx".to_string(), gen::sheet_of_size(11, BIG))])
    {
        files.push((batch_dir.join(name), text));
    }
    let mut batch_bytes = 0;
    for (path, text) in &files {
        let warnings = gen::assert_checks(&path.display().to_string(), text);
        std::fs::write(path, text).expect("write a bench input");
        if path.starts_with(&batch_dir) {
            batch_bytes += text.len();
        } else {
            println!(
                "{:<40} {:>12} bytes  {:>6} warnings",
                path.display(),
                text.len(),
                warnings
            );
        }
    }
    println!(
        "{:<40} {:>12} bytes  {} files",
        batch_dir.display(),
        batch_bytes,
        files
            .iter()
            .filter(|(p, _)| p.starts_with(&batch_dir))
            .count()
    );
}
