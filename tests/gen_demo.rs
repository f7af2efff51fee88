//! scripts/gen-demo.py end to end: the synthetic content it writes for the
//! benchmarks checks clean without injected errors, and with errors in
//! every identity of the 部门决算公开表 (docs/content-format.md §3.4.1) the
//! checker disputes exactly the figures the script's manifest says each
//! injection puts in dispute — the mutation test of those identities.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::process::Command;

use common::{Severity, check_json};

/// Run scripts/gen-demo.py into `content` (`units` units × 1 year × 5
/// projects), with its 决算 injections written to `manifest`.
fn generate(content: &Path, manifest: &Path, units: &str, errors: &str, seed: &str) {
    let o = Command::new("python3")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["scripts/gen-demo.py", content.to_str().unwrap(), "--units", units, "--years", "1", "--projects", "5"])
        .args(["--errors", errors, "--seed", seed, "--gongkai", env!("CARGO_BIN_EXE_gongkai"), "--manifest", manifest.to_str().unwrap()])
        .output()
        .expect("run python3 scripts/gen-demo.py");
    assert!(o.status.success(), "gen-demo.py failed: {}", String::from_utf8_lossy(&o.stderr));
}

/// One line of the manifest: an injected error in a 决算 identity.
struct Injection {
    /// The 决算 file (relative to the content folder).
    file: String,
    /// The §3.4.1 identity it breaks.
    identity: String,
    /// The figure made wrong.
    field: String,
    /// The fields the checker must dispute because of it.
    expect: Vec<String>,
}

fn manifest(path: &Path) -> Vec<Injection> {
    let text = fs::read_to_string(path).unwrap();
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().unwrap().to_string();
            let expect = v["expect"].as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect();
            Injection { file: s("file"), identity: s("identity"), field: s("field"), expect }
        })
        .collect()
}

#[test]
fn without_errors_the_generated_content_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let (content, list) = (dir.path().join("content"), dir.path().join("injected.jsonl"));
    generate(&content, &list, "2", "0", "1");
    assert!(manifest(&list).is_empty());
    let fa = fs::read_to_string(content.join("units/u0001/2024/final-accounts.toml")).unwrap();
    for kind in ["summary", "income", "expenditure", "appropriation", "general_budget", "basic", "government_fund", "state_capital", "three_public"] {
        assert!(fa.contains(&format!("[tables.{kind}]")), "no [tables.{kind}] in the generated 决算");
    }
    let diags = check_json(&content);
    assert!(diags.is_empty(), "{diags:#?}");
}

/// Every identity gets an injection (--errors 1); for three seeds × six
/// units the disputed 决算 fields are exactly the manifest's (the union of
/// what each injection puts in dispute), each wrong figure is disputed
/// itself — the script picks figures that only the broken identity holds, so
/// a check left out of the checker fails here — and all ten identities of
/// §3.4.1 were broken.
#[test]
fn every_injected_error_is_found_and_nothing_else() {
    let mut identities = BTreeSet::new();
    for seed in ["1", "2", "3"] {
        let dir = tempfile::tempdir().unwrap();
        let (content, list) = (dir.path().join("content"), dir.path().join("injected.jsonl"));
        generate(&content, &list, "6", "1", seed);
        let injections = manifest(&list);
        assert_eq!(injections.len(), 6 * 10, "one injection per identity and unit");
        let mut expected: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for i in &injections {
            expected.entry(i.file.clone()).or_default().extend(i.expect.iter().cloned());
            identities.insert(i.identity.clone());
        }
        let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for d in check_json(&content).iter().filter(|d| d.file.ends_with("final-accounts.toml")) {
            assert!(d.severity == Severity::Error && d.code == "E-FIGURE", "seed {seed}: {d:#?}");
            let file = Path::new(&d.file).strip_prefix(&content).map_or(d.file.clone(), |f| f.to_str().unwrap().to_string());
            found.entry(file).or_default().insert(d.field.clone());
        }
        for i in &injections {
            let disputed = found.get(&i.file).is_some_and(|f| f.contains(&i.field));
            assert!(disputed, "seed {seed}: the wrong figure {} of {} ({}) is not disputed", i.field, i.file, i.identity);
        }
        for (file, want) in &expected {
            let got = found.remove(file).unwrap_or_default();
            let missed: Vec<_> = want.difference(&got).collect();
            let extra: Vec<_> = got.difference(want).collect();
            assert!(missed.is_empty() && extra.is_empty(), "seed {seed}, {file}: not disputed {missed:?}; disputed without an injection {extra:?}");
        }
        assert!(found.is_empty(), "seed {seed}: disputes in files without injections: {found:?}");
    }
    assert_eq!(identities.len(), 10, "{identities:?}");
}
