//! `gongkai serve` (本地预览): build the site, serve the output folder on
//! 127.0.0.1 only, watch the content folder and `static/` beside it, rebuild
//! on every change with the ordinary (incremental) build, and reload the
//! open pages. Diagnostics print in the terminal and show as an overlay on
//! the page.
//!
//! The files on disk are exactly those `gongkai build` writes (same output
//! folder, same guard: only a site gongkai built is replaced); the reload
//! script is added by the server to the HTML it sends ([`http`]), never to a
//! file. Each build publishes a [`live::State`] that the pages follow over
//! server-sent events.

mod http;
mod live;

use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::error::{Error, Result};
use live::{Live, State};

/// What `gongkai serve` was asked to do.
pub struct ServeOptions {
    /// The content folder (holds `site.toml`).
    pub content: PathBuf,
    /// The output folder, built and served (as `gongkai build --out`).
    pub out: PathBuf,
    /// The port on 127.0.0.1 (0: any free port).
    pub port: u16,
    /// Publish data with errors, each disputed figure carrying a 核验提示.
    pub publish_as_is: bool,
}

/// What the watcher and Ctrl-C tell the rebuild loop.
enum Message {
    /// A file changed; the instant of the earliest change of the batch.
    Changed(Instant),
    /// Ctrl-C: stop after the build under way (if any).
    Stop,
}

/// What the server threads share: the folder served, the live state, and
/// the gate that keeps file reads and the build's swap of the folder apart
/// (a folder with open files cannot be renamed on Windows).
pub(crate) struct Shared {
    root: PathBuf,
    live: Live,
    gate: RwLock<()>,
}

/// Run `gongkai serve` until Ctrl-C: the first build, the server, the
/// watcher, then one rebuild per batch of changes.
pub fn run(opts: &ServeOptions) -> Result<()> {
    let listener = bind(opts.port)?;
    let address = listener.local_addr().map_err(|source| Error::Read { path: "127.0.0.1".into(), source })?;
    let shared = Arc::new(Shared { root: opts.out.clone(), live: Live::default(), gate: RwLock::new(()) });
    let first = build(opts, &shared, None)?;
    if !first && !opts.out.join("index.html").is_file() {
        eprintln!("网站尚未生成：改正上面的错误后会自动重新构建（或加 --publish-as-is）。");
    }
    let server = Arc::clone(&shared);
    std::thread::spawn(move || http::accept(listener, server));

    let (tx, rx) = mpsc::channel();
    let changes = tx.clone();
    let mut watcher = new_debouncer(Duration::from_millis(50), None, move |result: DebounceEventResult| {
        if let Ok(events) = result {
            let earliest = events.iter().filter(|e| !matches!(e.event.kind, EventKind::Access(_))).map(|e| e.time).min();
            if let Some(at) = earliest {
                let _ = changes.send(Message::Changed(at));
            }
        }
    })
    .map_err(|e| watch_error(&opts.content, e))?;
    watcher.watch(&opts.content, RecursiveMode::Recursive).map_err(|e| watch_error(&opts.content, e))?;
    let statics = crate::load::static_dir(&opts.content).filter(|d| d.is_dir());
    if let Some(dir) = &statics {
        watcher.watch(dir, RecursiveMode::Recursive).map_err(|e| watch_error(dir, e))?;
    }
    ctrlc::set_handler(move || {
        let _ = tx.send(Message::Stop);
    })
    .map_err(|e| Error::Usage(format!("无法接管 Ctrl-C：{e}")))?;

    let watched = match &statics {
        Some(dir) => format!("{} 和 {}", opts.content.display(), dir.display()),
        None => opts.content.display().to_string(),
    };
    eprintln!("预览地址：http://{address}/ （只在本机可访问）");
    eprintln!("正在监视 {watched}：保存改动后自动重新构建，打开的页面随之刷新。按 Ctrl-C 停止。");
    while let Ok(message) = rx.recv() {
        let Message::Changed(mut since) = message else { break };
        // Changes that arrived during the previous build: one rebuild for all.
        let mut stop = false;
        for more in rx.try_iter() {
            match more {
                Message::Changed(at) => since = since.min(at),
                Message::Stop => stop = true,
            }
        }
        if stop {
            break;
        }
        if let Err(e) = build(opts, &shared, Some(since)) {
            eprintln!("错误：{e}");
        }
    }
    eprintln!("已停止预览。{} 保留最后一次构建的结果。", opts.out.display());
    Ok(())
}

/// Listen on 127.0.0.1 (never on other interfaces); a port in use gets a
/// plain message naming another.
fn bind(port: u16) -> Result<TcpListener> {
    TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            Error::Usage(format!("端口 {port} 已被占用（可能已有一个预览在运行）。换一个端口，例如：gongkai serve --port {}", port.wrapping_add(1).max(1024)))
        } else {
            Error::Read { path: format!("127.0.0.1:{port}").into(), source: e }
        }
    })
}

fn watch_error(path: &std::path::Path, e: notify_debouncer_full::notify::Error) -> Error {
    Error::Usage(format!("无法监视 {} 的改动：{e}", path.display()))
}

/// Build once, print what the terminal needs, and publish the state to the
/// pages. `since` is when the change that caused it was written: the time
/// from it to the reload event is printed. Returns whether the site was
/// written.
fn build(opts: &ServeOptions, shared: &Shared, since: Option<Instant>) -> Result<bool> {
    let started = Instant::now();
    let build = crate::BuildOptions { content: opts.content.clone(), out: opts.out.clone(), publish_as_is: opts.publish_as_is, zip: false, progress: false };
    let gate = shared.gate.write().unwrap_or_else(|p| p.into_inner());
    let outcome = match crate::build(&build) {
        Ok(outcome) => outcome,
        Err(e) if since.is_some() => {
            shared.live.publish(State::failed(e.to_string()));
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    for d in &outcome.report.diagnostics {
        eprintln!("{}", d.human());
    }
    let state = State::of(&outcome);
    shared.live.publish(state);
    drop(gate);
    let (errors, warnings) = (outcome.report.errors(), outcome.report.warnings());
    let took = started.elapsed().as_millis();
    match (outcome.pages, since) {
        (Some(n), None) => eprintln!("已生成 {n} 个页面到 {}（{errors} 个错误，{warnings} 个警告；{took} 毫秒）", opts.out.display()),
        (Some(n), Some(at)) => {
            eprintln!("已重新构建 {n} 个页面（{errors} 个错误，{warnings} 个警告）：从保存到通知页面刷新 {} 毫秒（构建 {took} 毫秒）", at.elapsed().as_millis())
        }
        (None, _) => eprintln!("未生成网站：{errors} 个错误，{warnings} 个警告；页面上显示的是上一次生成的网站。"),
    }
    Ok(outcome.pages.is_some())
}
