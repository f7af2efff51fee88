//! Reading content safely, end to end: a pipe named `*.md` cannot hang a
//! run, every file in a foreign encoding is listed (not just the first), a
//! `static/` link out of the folder is never published while links inside
//! it are, and a UTF-8 byte-order mark and CRLF line ends stay accepted.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A fresh `init` content folder in a temporary folder.
fn init() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    assert!(common::gongkai(&["init", content.to_str().unwrap()]).status.success());
    (dir, content)
}

/// Run gongkai with a time limit; `None` when it had to be killed.
fn run_within(args: &[&str], limit: Duration) -> Option<(i32, String)> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai")).args(args).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
            return Some((status.code().unwrap_or(-1), err));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    None
}

fn diagnostics(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains(": 错误[")).collect()
}

#[test]
fn a_pipe_named_md_is_reported_not_read() {
    let (_dir, content) = init();
    let pipe = content.join("units/example/2024/notes.md");
    assert!(Command::new("mkfifo").arg(&pipe).status().unwrap().success());
    let c = content.to_str().unwrap();
    let out = content.parent().unwrap().join("out");
    for args in [vec!["check", "--content", c], vec!["build", "--content", c, "--out", out.to_str().unwrap()]] {
        let (rc, err) = run_within(&args, Duration::from_secs(30)).unwrap_or_else(|| panic!("{} hung on a FIFO", args[0]));
        assert_eq!(rc, 1, "{err}");
        let d = diagnostics(&err);
        assert_eq!(d.len(), 1, "{err}");
        assert!(d[0].contains("notes.md:1:1: 错误[E-FILE]") && d[0].contains("不是普通文件"), "{err}");
    }
}

/// Re-save a file of `content` in another encoding.
fn recode(content: &Path, rel: &str, encode: impl Fn(&str) -> Vec<u8>) {
    let path = content.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, encode(&text)).unwrap();
}

#[test]
fn every_file_in_a_foreign_encoding_is_listed() {
    let (_dir, content) = init();
    recode(&content, "units/example/unit.toml", |t| encoding_rs::GBK.encode(t).0.into_owned());
    recode(&content, "units/example/2024/final-accounts.toml", |t| encoding_rs::GB18030.encode(t).0.into_owned());
    recode(&content, "units/example/2024/livelihood.md", |t| [0xFF, 0xFE].into_iter().chain(t.encode_utf16().flat_map(u16::to_le_bytes)).collect());
    let o = common::gongkai(&["check", "--content", content.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    let d = diagnostics(&err);
    assert_eq!(d.len(), 3, "{err}");
    assert!(d.iter().all(|l| l.contains("错误[E-ENCODING] 此文件不是 UTF-8 编码，可能是")), "{err}");
    assert_eq!(d.iter().filter(|l| l.contains("GBK")).count(), 2, "{err}");
    assert_eq!(d.iter().filter(|l| l.contains("livelihood.md:1:1") && l.contains("UTF-16")).count(), 1, "{err}");
    assert!(!err.contains("stream did not contain valid UTF-8"), "{err}");
}

#[test]
fn static_links_out_of_the_folder_are_refused_and_links_inside_kept() {
    let (dir, content) = init();
    let stat = dir.path().join("static");
    fs::create_dir_all(stat.join("img")).unwrap();
    fs::write(stat.join("img/logo.svg"), "<svg/>").unwrap();
    std::os::unix::fs::symlink("img", stat.join("images")).unwrap();
    let out = dir.path().join("out");
    let build = |out: &Path| common::gongkai(&["build", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let o = build(&out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(fs::read_to_string(out.join("static/images/logo.svg")).unwrap(), "<svg/>");

    std::os::unix::fs::symlink("/etc/passwd", stat.join("passwd")).unwrap();
    let out2 = dir.path().join("out2");
    let o = build(&out2);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("static/passwd:1:1: 错误[E-FILE]") && err.contains("static 目录之外"), "{err}");
    assert!(!out2.exists(), "nothing is written when a link leads out of static/");
}

#[test]
fn a_link_inside_the_content_folder_is_read() {
    let (_dir, content) = init();
    let year = content.join("units/example/2024");
    fs::rename(year.join("livelihood.md"), content.join("shared.md")).unwrap();
    std::os::unix::fs::symlink("../../../shared.md", year.join("livelihood.md")).unwrap();
    let o = common::gongkai(&["check", "--content", content.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
}

#[test]
fn a_byte_order_mark_and_crlf_stay_accepted() {
    let (_dir, content) = init();
    for f in common::files(&content) {
        let text = fs::read_to_string(&f).unwrap();
        fs::write(&f, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
    }
    let o = common::gongkai(&["check", "--content", content.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("0 个错误，0 个警告"), "{err}");
}
