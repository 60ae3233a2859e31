//! jixiao against what users would otherwise pick, on the same content, in
//! one run (issue 7). `bash scripts/bench.sh` runs it and summarises.
//!
//! For each input (the sample grown to 0.1× and 1×, about 1.3 and 13 MB, and
//! a synthetic sheet of 13 MB):
//! - `jixiao_json`: sheet text → JSON (SourceFile + parse + check + emit);
//! - `serde_json`: our JSON of that sheet → `serde_json::Value` → JSON again
//!   (pretty, as we write it);
//! - `serde_yaml`: the same value as YAML → `serde_yaml::Value`;
//! - `check`, `html`, `docx`, `fmt` (the last three from a compiled sheet or
//!   the text, without the parse/check).
//!
//! Plus `diff` of two large sheets (compile both, diff, render as text) and a
//! `batch` of 301 files (compile + JSON each, in one thread, as
//! `jixiao build` does today).
//!
//! Set `JIXIAO_BENCH_QUICK=1` for the 0.1× inputs only.

#[path = "gen/mod.rs"]
mod gen;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use jixiao::source::SourceFile;
use std::hint::black_box;
use std::time::Duration;

const BIG: usize = 13_000_000;

fn sample(name: &str) -> String {
    let path = format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("read the sample")
}

fn compile_json(name: &str, text: &str) -> String {
    let file = SourceFile::new(name, text);
    let compiled = jixiao::compile(&file);
    let sheet = compiled.ok().expect("the input has no errors");
    jixiao::emit::json::to_string(sheet)
}

fn sheet_of(text: &str) -> jixiao::model::Sheet {
    let file = SourceFile::new("bench.jx", text);
    let compiled = jixiao::compile(&file);
    compiled.ok().expect("the input has no errors").clone()
}

/// One input size: every job on the same content.
fn jobs(c: &mut Criterion, group: &str, text: &str, big: bool, all: bool) {
    let json = compile_json(group, text);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let yaml = serde_yaml::to_string(&value).unwrap();
    let sheet = sheet_of(text);
    // Same content: the round trip gives our bytes back, keys sorted
    // (serde_json::Value keeps keys in a BTreeMap).
    let back = serde_json::to_string_pretty(&value).unwrap() + "\n";
    assert!(back.len() == json.len(), "serde_json round trip: size");
    let yaml_value: serde_json::Value = serde_yaml::from_str(&yaml).unwrap();
    assert!(yaml_value == value, "YAML round trip");
    eprintln!(
        "{group}: jx {} bytes, json {} bytes, yaml {} bytes, {} projects",
        text.len(),
        json.len(),
        yaml.len(),
        sheet.projects.len()
    );

    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(text.len() as u64));
    if big {
        g.sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(8))
            .sampling_mode(criterion::SamplingMode::Flat);
    } else {
        g.sample_size(20)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3));
    }
    g.bench_function("jixiao_json", |b| {
        b.iter(|| compile_json(group, black_box(text)))
    });
    g.bench_function("serde_json", |b| {
        b.iter(|| {
            let v: serde_json::Value = serde_json::from_str(black_box(&json)).unwrap();
            serde_json::to_string_pretty(&v).unwrap()
        })
    });
    g.bench_function("serde_yaml", |b| {
        b.iter(|| serde_yaml::from_str::<serde_yaml::Value>(black_box(&yaml)).unwrap())
    });
    if all {
        g.bench_function("check", |b| {
            b.iter(|| {
                let file = SourceFile::new(group, black_box(text));
                jixiao::compile(&file).errors
            })
        });
        g.bench_function("html", |b| {
            b.iter(|| jixiao::emit::html::to_string(black_box(&sheet)))
        });
        g.bench_function("docx", |b| {
            b.iter(|| jixiao::emit::docx::to_bytes(black_box(&sheet)))
        });
        g.bench_function("fmt", |b| {
            b.iter(|| {
                jixiao::fmt::format(black_box(text), &jixiao::fmt::Options::default()).unwrap()
            })
        });
    }
    g.finish();
}

fn quick() -> bool {
    std::env::var_os("JIXIAO_BENCH_QUICK").is_some()
}

fn sample_sizes(c: &mut Criterion) {
    let s2020 = sample("beidaihe-2020.jx");
    jobs(
        c,
        "sample-0.1x",
        &gen::grow_to(&s2020, BIG / 10),
        false,
        true,
    );
    if !quick() {
        jobs(c, "sample-1x", &gen::grow_to(&s2020, BIG), true, true);
        jobs(c, "gen-1x", &gen::sheet_of_size(1, BIG), true, false);
    }
}

fn diff_and_batch(c: &mut Criterion) {
    let size = if quick() { BIG / 10 } else { BIG };
    let old = gen::grow_to(&sample("beidaihe-2020.jx"), size);
    let new = gen::grow_to(&sample("beidaihe-2021.jx"), size);
    let mut g = c.benchmark_group("diff");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(10))
        .sampling_mode(criterion::SamplingMode::Flat)
        .throughput(Throughput::Bytes((old.len() + new.len()) as u64));
    let (a, b2) = (sheet_of(&old), sheet_of(&new));
    let d = jixiao::diff::diff(&a, &b2);
    let text = jixiao::diff::render_text(&d, false, jixiao::diag::Lang::En);
    eprintln!(
        "diff: {} + {} bytes, {} bytes of text",
        old.len(),
        new.len(),
        text.len()
    );
    g.bench_with_input(BenchmarkId::new("compile+diff+text", "1x"), &(), |b, _| {
        b.iter(|| {
            let (a, b2) = (sheet_of(black_box(&old)), sheet_of(black_box(&new)));
            let d = jixiao::diff::diff(&a, &b2);
            jixiao::diff::render_text(&d, false, jixiao::diag::Lang::En)
        })
    });
    g.bench_with_input(BenchmarkId::new("diff+text", "1x"), &(), |b, _| {
        b.iter(|| {
            let d = jixiao::diff::diff(black_box(&a), black_box(&b2));
            jixiao::diff::render_text(&d, false, jixiao::diag::Lang::En)
        })
    });
    g.finish();

    let files = if quick() {
        gen::batch(7, 60, 80)
    } else {
        let mut f = gen::batch(7, 300, 80);
        f.push(("sheet-big.jx".to_string(), gen::sheet_of_size(11, BIG)));
        f
    };
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let mut g = c.benchmark_group("batch");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(10))
        .sampling_mode(criterion::SamplingMode::Flat)
        .throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("json-1-thread", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(name, text)| compile_json(name, text).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, sample_sizes, diff_and_batch);
criterion_main!(benches);
