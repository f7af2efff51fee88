//! `gongkai serve`: the preview server builds the site, serves it over HTTP
//! on 127.0.0.1, rebuilds when a content file is saved and tells the open
//! pages over the event stream (reload, or the diagnostics for the
//! overlay); the files on disk stay byte-identical to `gongkai build`'s;
//! nothing outside the output folder is served.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use common::gongkai;

/// Generous: the machine may be busy; no timing is asserted.
const PATIENCE: Duration = Duration::from_secs(300);

/// A running `gongkai serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    stderr: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Wait for a line of the terminal output containing `needle`.
    fn wait_for(&self, needle: &str) -> String {
        loop {
            let line = self.stderr.recv_timeout(PATIENCE).unwrap_or_else(|_| panic!("serve never printed “{needle}”"));
            if line.contains(needle) {
                return line;
            }
        }
    }
}

fn serve(content: &Path, out: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["serve", "--port", "0", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start gongkai serve");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut server = Server { child, port: 0, stderr: rx };
    let line = server.wait_for("预览地址：http://127.0.0.1:");
    server.port = line.split("127.0.0.1:").nth(1).and_then(|rest| rest.split('/').next()).and_then(|p| p.parse().ok()).expect("port");
    server
}

/// A GET over a fresh connection: (status line, headers, body).
fn get(port: u16, path: &str) -> (String, String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = vec![];
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a header block");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let (status, headers) = head.split_once("\r\n").unwrap_or((&head, ""));
    (status.to_string(), headers.to_string(), raw[split + 4..].to_vec())
}

/// The event stream of the pages, read as a page would.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(port: u16) -> Self {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(stream, "GET /__gongkai/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").unwrap();
        Events(BufReader::new(stream))
    }

    /// The next `state` event's data.
    fn next(&mut self) -> serde_json::Value {
        let mut line = String::new();
        loop {
            line.clear();
            assert!(self.0.read_line(&mut line).expect("an event within the timeout") > 0, "the event stream ended");
            if let Some(data) = line.strip_prefix("data: ") {
                return serde_json::from_str(data.trim()).expect("JSON state");
            }
        }
    }

    /// The next state of a build after `build`.
    fn after(&mut self, build: u64) -> serde_json::Value {
        loop {
            let s = self.next();
            if s["build"].as_u64().unwrap() > build {
                return s;
            }
        }
    }
}

fn example() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    assert!(gongkai(&["init", content.to_str().unwrap()]).status.success());
    (dir, content)
}

#[test]
fn an_edit_is_rebuilt_and_the_page_told_to_reload() {
    let (dir, content) = example();
    let out = dir.path().join("public");
    let server = serve(&content, &out);

    // The page as served: the reload script and the stream's permission added.
    let (status, headers, body) = get(server.port, "/index.html");
    assert!(status.contains("200"), "{status}");
    assert!(headers.contains("Content-Type: text/html; charset=utf-8"), "{headers}");
    let served = String::from_utf8(body).unwrap();
    assert!(served.contains("<script src=/__gongkai/live.js data-site=1></script></body>"), "{served}");
    assert!(served.contains("connect-src 'self'"));
    // … but not the file: it is exactly what `build` writes.
    let clean = dir.path().join("clean");
    assert!(gongkai(&["build", "--content", content.to_str().unwrap(), "--out", clean.to_str().unwrap()]).status.success());
    for f in common::files(&clean) {
        let rel = f.strip_prefix(&clean).unwrap();
        assert_eq!(fs::read(&f).unwrap(), fs::read(out.join(rel)).unwrap(), "{} differs from build's", rel.display());
    }
    assert!(!fs::read_to_string(out.join("index.html")).unwrap().contains("__gongkai"));
    let (status, headers, _) = get(server.port, "/__gongkai/live.js");
    assert!(status.contains("200") && headers.contains("text/javascript"), "{status} {headers}");

    let mut events = Events::open(server.port);
    let first = events.next();
    assert_eq!((first["build"].as_u64(), first["site"].as_u64(), first["errors"].as_u64()), (Some(1), Some(1), Some(0)), "{first}");

    // Save a narrative: the site is rebuilt, the page told to reload, and
    // the page served has the new text.
    let narrative = content.join("units/example/2024/livelihood.md");
    let text = fs::read_to_string(&narrative).unwrap();
    fs::write(&narrative, format!("{text}\n低保工作由民生保障办公室负责（预览测试）。\n")).unwrap();
    // (A save may reach the watcher in more than one batch: wait for the
    // build that has the new text.)
    // (A page: the search index holds the text too.)
    let with_text =
        || common::files(&out).into_iter().find(|p| p.extension().is_some_and(|e| e == "html") && fs::read_to_string(p).is_ok_and(|t| t.contains("预览测试")));
    let mut rebuilt = events.after(1);
    while !(rebuilt["written"] == true && with_text().is_some()) {
        rebuilt = events.after(rebuilt["build"].as_u64().unwrap());
    }
    let site = rebuilt["site"].as_u64().unwrap();
    assert!(site > 1);
    server.wait_for("从保存到通知页面刷新");
    let page = with_text().expect("a page with the new text");
    let rel = page.strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/");
    let (status, _, body) = get(server.port, &format!("/{rel}"));
    let body = String::from_utf8(body).unwrap();
    assert!(status.contains("200") && body.contains("预览测试"), "{status}");
    // The page names the build it comes from (a later save may have rebuilt again).
    let served_site: u64 = body.split("data-site=").nth(1).and_then(|r| r.split('>').next()).and_then(|n| n.parse().ok()).expect("data-site");
    assert!(served_site >= site, "{served_site} < {site}");

    // A mistake: nothing is written, the pages get the diagnostic for the overlay.
    let accounts = content.join("units/example/2024/final-accounts.toml");
    let data = fs::read_to_string(&accounts).unwrap();
    fs::write(&accounts, data.replacen("total = 1200.00", "total = \"一千二百\"", 1)).unwrap();
    let mut broken = events.after(rebuilt["build"].as_u64().unwrap());
    while broken["errors"] == 0 {
        broken = events.after(broken["build"].as_u64().unwrap());
    }
    assert_eq!(broken["written"].as_bool(), Some(false), "{broken}");
    assert!(broken["site"].as_u64().unwrap() >= site, "{broken}");
    let item = &broken["items"][0];
    assert_eq!(item["severity"], "错误", "{broken}");
    assert!(item["place"].as_str().unwrap().contains("final-accounts.toml:"), "{broken}");
    server.wait_for("final-accounts.toml:");
}

#[test]
fn nothing_outside_the_site_is_served() {
    let (dir, content) = example();
    let out = dir.path().join("public");
    fs::write(dir.path().join("secret.txt"), "不该被看到").unwrap();
    let server = serve(&content, &out);
    for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/units/%2E%2E/%2E%2E/secret.txt", "/..%2Fsecret.txt", "/..%5Csecret.txt", "/static/../../secret.txt"]
    {
        let (status, _, body) = get(server.port, path);
        assert!(status.contains("403"), "{path}: {status}");
        assert!(!String::from_utf8_lossy(&body).contains("不该被看到"), "{path}");
    }
    let (status, headers, _) = get(server.port, "/static/style.css");
    assert!(status.contains("200") && headers.contains("Content-Type: text/css"), "{status} {headers}");
    let (status, headers, _) = get(server.port, "/manifest.json");
    assert!(status.contains("200") && headers.contains("Content-Type: application/json"), "{status} {headers}");
    let (status, headers, _) = get(server.port, "/units");
    assert!(status.contains("301") && headers.contains("Location: /units/"), "{status} {headers}");
    let (status, _, body) = get(server.port, "/no/such/page.html");
    assert!(status.contains("404") && String::from_utf8_lossy(&body).contains("找不到页面"), "{status}");
    let (status, _, _) = get(server.port, "/");
    assert!(status.contains("200"), "{status}");
}

#[test]
fn a_port_in_use_is_named() {
    let (_dir, content) = example();
    let taken = TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let o = gongkai(&["serve", "--port", &port, "--content", content.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("端口 {port} 已被占用")) && stderr.contains("--port"), "{stderr}");
}
