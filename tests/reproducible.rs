//! Reproducible output: the same content gives the same bytes whatever
//! folder it sits in and whatever folder gongkai runs from, and no output
//! file names a path of the building machine (`data-src`, the 数据核验
//! pages and their anchors, CSV, data.json, the search index, the manifest
//! and the zip all name content files by their path inside the content
//! folder). Terminal diagnostics still show paths the user can open.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// Run the real binary from `cwd`.
fn gongkai_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai")).args(args).current_dir(cwd).output().expect("run gongkai")
}

/// Copy the demo (content/ as `dir/name`, and the static/ beside it) into `dir`.
fn demo_in(dir: &Path, name: &str) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_dir(&repo.join("content"), &dir.join(name));
    common::copy_dir(&repo.join("static"), &dir.join("static"));
}

/// Every file below `root` as (path relative to `root`, bytes), sorted.
fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> =
        common::files(root).into_iter().map(|p| (p.strip_prefix(root).unwrap().to_string_lossy().into_owned(), fs::read(&p).unwrap())).collect();
    v.sort();
    v
}

#[test]
fn same_content_same_bytes_from_any_folder_and_no_machine_path() {
    let tmp = tempfile::tempdir().unwrap();
    let tmp = tmp.path();
    // Two copies at different depths, the content folders named differently;
    // two output folders of the same name (the zip's top folder is named
    // after it) at different depths.
    let a = tmp.join("a");
    let b = tmp.join("deep/er/b");
    demo_in(&a, "content");
    demo_in(&b, "预算 内容");
    let (out_a, out_b) = (tmp.join("o1/site"), tmp.join("o2/x/y/site"));
    let elsewhere = tmp.join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();

    // One built with a relative --content from inside its copy, the other
    // with an absolute --content from an unrelated working directory.
    let o = gongkai_in(&a, &["build", "--content", "content", "--out", out_a.to_str().unwrap(), "--zip", "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = gongkai_in(&elsewhere, &["build", "--content", b.join("预算 内容").to_str().unwrap(), "--out", out_b.to_str().unwrap(), "--zip", "-q"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    // The terminal still names files as the user can open them.
    assert!(stderr.contains(&format!("{}/units/", b.join("预算 内容").display())), "terminal diagnostics should keep openable paths:\n{stderr}");

    let (ta, tb) = (tree(&out_a), tree(&out_b));
    assert!(ta.len() > 100, "only {} files built", ta.len());
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&ta), names(&tb), "the two builds made different files");
    let differ: Vec<&str> = ta.iter().zip(&tb).filter(|(x, y)| x.1 != y.1).map(|(x, _)| x.0.as_str()).collect();
    assert!(differ.is_empty(), "{} files differ between the two builds, e.g. {:?}", differ.len(), &differ[..differ.len().min(10)]);
    assert!(fs::read(out_a.with_extension("zip")).unwrap() == fs::read(out_b.with_extension("zip")).unwrap(), "the zips differ");

    // No output file names the build machine's folders.
    let tmp_s = tmp.to_string_lossy().into_owned();
    let forbidden = [tmp_s.as_str(), "/tmp", "/home", "/root", env!("CARGO_MANIFEST_DIR")];
    let zips = [out_a.with_extension("zip"), out_b.with_extension("zip")];
    let outputs = common::files(&out_a).into_iter().chain(common::files(&out_b)).chain(zips);
    let mut leaks = vec![];
    for p in outputs {
        let bytes = fs::read(&p).unwrap();
        for f in forbidden {
            if bytes.windows(f.len()).any(|w| w == f.as_bytes()) {
                leaks.push(format!("{} contains {f:?}", p.display()));
            }
        }
    }
    assert!(leaks.is_empty(), "{} machine paths published:\n{}", leaks.len(), leaks[..leaks.len().min(20)].join("\n"));
}
