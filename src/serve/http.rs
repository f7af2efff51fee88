//! The preview server of `gongkai serve` (预览服务器): a small HTTP/1.1 server
//! on a loopback socket (std `TcpListener`, one thread per connection, one
//! request per connection). It serves only files below the output folder
//! (no `..`, no link out of it), with their content type; to HTML it adds
//! the reload script and lets that script open the event stream (the
//! page's Content-Security-Policy gains `connect-src 'self'`) — in the
//! response only, never in the file. `/__gongkai/` holds the script, its
//! stylesheet and the event stream of [`super::live`].

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::Shared;

const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");

/// Accept connections until the process ends, each on its own thread.
pub fn accept(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming().flatten() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            let _ = handle(stream, &shared);
        });
    }
}

/// A response: status line, content type, body.
struct Response {
    status: &'static str,
    kind: &'static str,
    body: Vec<u8>,
    location: Option<String>,
}

impl Response {
    fn text(status: &'static str, message: &str) -> Self {
        Response { status, kind: "text/plain; charset=utf-8", body: message.as_bytes().to_vec(), location: None }
    }
}

fn handle(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.by_ref().take(8192).read_line(&mut line)?;
    // The headers are not needed; read them so the client sees a clean close.
    let mut header = String::new();
    while reader.by_ref().take(8192).read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return send(&mut stream, Response::text("405 Method Not Allowed", "只支持 GET。"), false);
    }
    let path = target.split(['?', '#']).next().unwrap_or("");
    if path == "/__gongkai/events" {
        return events(&mut stream, shared);
    }
    let response = respond(path, shared);
    send(&mut stream, response, method == "HEAD")
}

/// The response to a GET of `path` (still percent-encoded).
fn respond(path: &str, shared: &Shared) -> Response {
    match path {
        "/__gongkai/live.js" => return Response { status: "200 OK", kind: "text/javascript; charset=utf-8", body: LIVE_JS.into(), location: None },
        "/__gongkai/live.css" => return Response { status: "200 OK", kind: "text/css; charset=utf-8", body: LIVE_CSS.into(), location: None },
        _ => {}
    }
    let Some(rel) = decode(path) else { return Response::text("400 Bad Request", "地址无法解读。") };
    let Some(file) = resolve(&shared.root, &rel) else { return Response::text("403 Forbidden", "只能访问网站文件夹里的文件。") };
    let _reading = shared.gate.read().unwrap_or_else(|p| p.into_inner());
    if file.is_dir() {
        return Response { location: Some(format!("/{}/", path.trim_start_matches('/'))), ..Response::text("301 Moved Permanently", "") };
    }
    let inside = match (file.canonicalize(), shared.root.canonicalize()) {
        (Ok(f), Ok(root)) => f.starts_with(root),
        _ => true, // missing: answered below
    };
    if !inside {
        return Response::text("403 Forbidden", "只能访问网站文件夹里的文件。");
    }
    match std::fs::read(&file) {
        Ok(bytes) => {
            let kind = content_type(&file);
            let body = if kind.starts_with("text/html") { inject(&String::from_utf8_lossy(&bytes), shared.live.site()).into_bytes() } else { bytes };
            Response { status: "200 OK", kind, body, location: None }
        }
        Err(_) => {
            let page = "<!doctype html><html lang=zh-CN><head><meta charset=utf-8><title>找不到页面</title></head><body><h1>找不到页面</h1><p>网站里没有这个页面（可能尚未生成：看终端或下方的核验结果）。<a href=/index.html>回到首页</a></p></body></html>";
            Response { status: "404 Not Found", kind: "text/html; charset=utf-8", body: inject(page, shared.live.site()).into_bytes(), location: None }
        }
    }
}

/// The file below `root` named by the decoded path `rel`, or `None` when
/// it would leave `root` (`..`, a drive or root prefix, a backslash).
pub(crate) fn resolve(root: &Path, rel: &str) -> Option<PathBuf> {
    let mut file = root.to_path_buf();
    let parts: Vec<&str> = rel.trim_start_matches('/').split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        if *part == ".." || *part == "." || part.contains(['\\', ':', '\0']) {
            return None;
        }
        if part.is_empty() {
            if i + 1 == parts.len() {
                file.push("index.html");
            }
            continue;
        }
        file.push(part);
    }
    Some(file)
}

/// Percent-decode a path (UTF-8), or `None` when it is not valid.
pub(crate) fn decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type of a site file, by its extension.
fn content_type(file: &Path) -> &'static str {
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xls" => "application/vnd.ms-excel",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// A served HTML page: its Content-Security-Policy also allows the event
/// stream (`connect-src 'self'`), and the reload script, told which build
/// the page comes from, is added before `</body>`.
pub(crate) fn inject(html: &str, site: u64) -> String {
    let mut page = html.replacen("default-src 'none';", "default-src 'none'; connect-src 'self';", 1);
    let script = format!("<script src=/__gongkai/live.js data-site={site}></script>");
    match page.rfind("</body>") {
        Some(at) => page.insert_str(at, &script),
        None => page.push_str(&script),
    }
    page
}

fn send(stream: &mut TcpStream, r: Response, head_only: bool) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        r.status,
        r.kind,
        r.body.len()
    );
    if let Some(to) = &r.location {
        head.push_str(&format!("Location: {to}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&r.body)?;
    }
    stream.flush()
}

/// The event stream: the current state at once, then each new one; a
/// comment every 15 s finds a closed page (the write fails) and ends the
/// thread.
fn events(stream: &mut TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n")?;
    let mut seen = 0;
    loop {
        match shared.live.wait_newer(seen, Duration::from_secs(15)) {
            Some(state) => {
                seen = state.build;
                let json = serde_json::to_string(&state).unwrap_or_default();
                stream.write_all(format!("event: state\ndata: {json}\n\n").as_bytes())?;
            }
            None => stream.write_all(b": \n\n")?,
        }
        stream.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        let root = Path::new("/site");
        assert_eq!(resolve(root, "/"), Some(root.join("index.html")));
        assert_eq!(resolve(root, "/units/a/"), Some(root.join("units/a/index.html")));
        assert_eq!(resolve(root, "/static/style.css"), Some(root.join("static/style.css")));
        for bad in ["/../etc/passwd", "/units/../../x", "/a\\..\\b", "/C:/x", "/./x"] {
            assert_eq!(resolve(root, bad), None, "{bad}");
        }
        assert_eq!(decode("/%E9%99%84%E4%BB%B6.pdf").as_deref(), Some("/附件.pdf"));
        assert_eq!(decode("/%2e%2e/x").as_deref(), Some("/../x"));
        assert_eq!(decode("/%zz"), None);
    }

    #[test]
    fn only_the_response_gains_the_script() {
        let page = "<head><meta content=\"default-src 'none'; script-src 'self'\"></head><body><p>x</p></body></html>";
        let served = inject(page, 3);
        assert!(served.contains("default-src 'none'; connect-src 'self'; script-src 'self'"));
        assert!(served.ends_with("<p>x</p><script src=/__gongkai/live.js data-site=3></script></body></html>"));
    }
}
