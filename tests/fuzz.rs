//! Fuzz loop: the `init` example or the bundled demo with one to three
//! random mutations — a byte flipped, a line deleted, duplicated, swapped
//! or cut, a token from a dictionary of hostile input inserted — then the
//! real binary's `check` and `build` (one case in three with `--zip`).
//! Whatever the input:
//!
//! - neither panics, dies of a signal or hangs, and both exit 0 or 1;
//! - a non-zero exit says why in Chinese (each diagnostic's message too);
//! - a build leaves no `.building-*` or `.partial` beside its output, and
//!   the output folder is absent or complete (`gongkai verify` passes);
//! - no output file names the folder it was built in.
//!
//! Seeded and repeatable: case `i` of a run is made by a generator seeded
//! with `seed + i`, so a failing case replays alone from the seed printed
//! with it. Environment:
//!
//! - `GONGKAI_FUZZ_SECONDS` — time budget (default 20; `scripts/test` runs 60);
//! - `GONGKAI_FUZZ_SEED` — the run's seed (default fixed);
//! - `GONGKAI_FUZZ_CASE` — run only the case with this seed;
//! - `GONGKAI_FUZZ_SKIP` — comma-separated classes of input to leave out
//!   while another branch fixes them: `depth` (Markdown nested thousands
//!   deep), `control` (NUL and other control characters), `encoding` (bytes
//!   that are not UTF-8). The default leaves nothing out.

mod common;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Hostile fragments to insert. Long ones are built in [`token`].
const TOKENS: &[&str] = &[
    "\"",
    "\"\"\"",
    "'''",
    "[[",
    "]]",
    "[",
    "]",
    "{",
    "}",
    "{{",
    "}}",
    "=",
    "#",
    "+++",
    "\n",
    "\r\n",
    "\u{FEFF}",
    "\u{0}",
    "\u{7}",
    "\u{1b}",
    "1e400",
    "-0",
    "+1",
    "99999999999999999999999999999999",
    "0.000000000000000000000000000001",
    "１２３",
    "nan",
    "inf",
    "true",
    "1979-05-27T07:32:00Z",
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "&#34;",
    "=HYPERLINK(\"http://x\")",
    "{{ final-accounts.overview.total | 万元 }}",
    "{{ final-accounts.overview | change }}",
    "| 万元",
    "\u{F8F0}",
    "\u{F8F1}",
    "\u{F8F2}",
    "[[term]]\nname = \"基本支出\"\ndefinition = \"x\"\n",
    "[overview]\n",
    "unit = \"元\"\n",
    "name = \"\"\n",
];

/// Tokens that nest Markdown thousands deep (class `depth`), repeated 3,000–20,000 times.
const DEEP: &[&str] = &[">", "- ", "*", "[", "> - "];

/// One edit of one file, as printed for a failing case.
#[derive(Debug, Clone)]
enum Mutation {
    FlipByte {
        at: usize,
        xor: u8,
    },
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Truncate(usize),
    Insert {
        at: usize,
        token: String,
    },
    /// Bytes that are not UTF-8.
    InsertBytes {
        at: usize,
        bytes: Vec<u8>,
    },
}

/// The classes of input a run leaves out (`GONGKAI_FUZZ_SKIP`).
struct Skip(Vec<String>);

impl Skip {
    const CLASSES: [&str; 3] = ["depth", "control", "encoding"];

    fn from_env() -> Self {
        let v: Vec<String> =
            std::env::var("GONGKAI_FUZZ_SKIP").unwrap_or_default().split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        if let Some(bad) = v.iter().find(|s| !Self::CLASSES.contains(&s.as_str())) {
            panic!("GONGKAI_FUZZ_SKIP: no class {bad:?} ({})", Self::CLASSES.join(", "));
        }
        Skip(v)
    }

    fn has(&self, class: &str) -> bool {
        self.0.iter().any(|s| s == class)
    }
}

fn token(rng: &mut fastrand::Rng, skip: &Skip) -> String {
    match rng.usize(0..10) {
        // At the start of a line, where Markdown nests.
        0 if !skip.has("depth") => format!("\n{}深\n", DEEP[rng.usize(0..DEEP.len())].repeat(rng.usize(3000..20_000))),
        1 => "很长的一行".repeat(rng.usize(1000..40_000)),
        _ => TOKENS[rng.usize(0..TOKENS.len())].to_string(),
    }
}

/// Byte offsets of line starts (and the end).
fn line_starts(b: &[u8]) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(b.iter().enumerate().filter(|(_, c)| **c == b'\n').map(|(i, _)| i + 1));
    v
}

fn pick(rng: &mut fastrand::Rng, text: &[u8], skip: &Skip) -> Mutation {
    let n = text.len().max(1);
    let lines = line_starts(text).len();
    match rng.usize(0..8) {
        0 => Mutation::FlipByte { at: rng.usize(0..n), xor: rng.u8(1..=255) },
        1 => Mutation::DeleteLine(rng.usize(0..lines)),
        2 => Mutation::DuplicateLine(rng.usize(0..lines)),
        3 => Mutation::SwapLines(rng.usize(0..lines), rng.usize(0..lines)),
        4 => Mutation::Truncate(rng.usize(0..n)),
        5 if !skip.has("encoding") => Mutation::InsertBytes { at: rng.usize(0..=text.len()), bytes: vec![0xff, 0xfe, 0xc3, 0x28, 0xd6, 0xd0] },
        _ => {
            let token = token(rng, skip);
            // Deep nesting at the end, where a narrative's body is.
            let at = if token.len() > 1000 && token.starts_with('\n') { text.len() } else { rng.usize(0..=text.len()) };
            Mutation::Insert { at, token }
        }
    }
}

/// The line `i` of `b` with its newline, and where it starts.
fn line(b: &[u8], i: usize) -> (usize, Vec<u8>) {
    let starts = line_starts(b);
    let start = starts[i.min(starts.len() - 1)];
    let end = starts.get(i + 1).copied().unwrap_or(b.len());
    (start, b[start..end].to_vec())
}

fn apply(m: &Mutation, b: &mut Vec<u8>) {
    match m {
        Mutation::FlipByte { at, xor } => {
            if let Some(c) = b.get_mut(*at) {
                *c ^= xor;
            }
        }
        Mutation::DeleteLine(i) => {
            let (start, l) = line(b, *i);
            b.drain(start..start + l.len());
        }
        Mutation::DuplicateLine(i) => {
            let (start, l) = line(b, *i);
            b.splice(start..start, l);
        }
        Mutation::SwapLines(i, j) => {
            let (lo, hi) = (*i.min(j), *i.max(j));
            let (s1, l1) = line(b, lo);
            let (s2, l2) = line(b, hi);
            if lo != hi && !l1.is_empty() && !l2.is_empty() {
                b.splice(s2..s2 + l2.len(), l1.clone());
                b.splice(s1..s1 + l1.len(), l2);
            }
        }
        Mutation::Truncate(at) => b.truncate(*at),
        Mutation::Insert { at, token } => {
            let at = (*at).min(b.len());
            b.splice(at..at, token.bytes());
        }
        Mutation::InsertBytes { at, bytes } => {
            let at = (*at).min(b.len());
            b.splice(at..at, bytes.iter().copied());
        }
    }
}

/// How a mutation is printed: long tokens shortened.
fn describe(file: &str, m: &Mutation) -> String {
    let m = match m {
        Mutation::Insert { at, token } if token.chars().count() > 40 => {
            let head: String = token.chars().take(12).collect();
            format!("Insert {{ at: {at}, token: {head:?}… ({} chars) }}", token.chars().count())
        }
        m => format!("{m:?}"),
    };
    format!("{file}: {m}")
}

/// A case: which content, and the edits made to it.
struct Case {
    seed: u64,
    demo: bool,
    /// Build with `--zip` too.
    zip: bool,
    edits: Vec<(String, Mutation)>,
}

/// The content files of a folder, relative, sorted (the order must not
/// depend on the file system for a seed to replay).
fn content_files(root: &Path) -> Vec<String> {
    let mut v: Vec<String> = common::files(root)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml" || e == "md"))
        .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Make the case of `seed` in `content` (a copy of its base).
fn make(seed: u64, init: &Path, demo: &Path, content: &Path, skip: &Skip) -> Case {
    let mut rng = fastrand::Rng::with_seed(seed);
    // The small example mostly (fast); the demo one case in five.
    let is_demo = rng.usize(0..5) == 0;
    let zip = rng.usize(0..3) == 0;
    common::copy_dir(if is_demo { demo } else { init }, content);
    let files = content_files(content);
    let mut edits = vec![];
    for _ in 0..rng.usize(1..=3) {
        // Narratives one time in three: they are few but take the most kinds of input.
        let narratives: Vec<&String> = files.iter().filter(|f| f.ends_with(".md")).collect();
        let rel = match rng.usize(0..3) {
            0 if !narratives.is_empty() => narratives[rng.usize(0..narratives.len())].clone(),
            _ => files[rng.usize(0..files.len())].clone(),
        };
        let path = content.join(&rel);
        let mut bytes = fs::read(&path).unwrap();
        let m = pick(&mut rng, &bytes, skip);
        apply(&m, &mut bytes);
        fs::write(&path, bytes).unwrap();
        edits.push((rel, m));
    }
    Case { seed, demo: is_demo, zip, edits }
}

/// Is any content file outside the classes this run tests (`GONGKAI_FUZZ_SKIP`)?
fn skipped(content: &Path, skip: &Skip) -> bool {
    content_files(content).iter().any(|rel| {
        let b = fs::read(content.join(rel)).unwrap();
        let s = String::from_utf8_lossy(&b);
        (skip.has("encoding") && std::str::from_utf8(&b).is_err())
            || (skip.has("control") && s.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')))
    })
}

/// Exit code (None: killed by a signal or the time limit) and stderr.
fn run(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai")).args(args).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("run gongkai");
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = vec![];
        stderr.read_to_end(&mut s).ok();
        String::from_utf8_lossy(&s).into_owned()
    });
    let limit = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if Instant::now() > limit {
            child.kill().ok();
            child.wait().ok();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let err = reader.join().unwrap();
    match status {
        None => (None, format!("{err}\n{HUNG}")),
        Some(s) => (s.code(), err),
    }
}

/// Added to the stderr of a run stopped by the time limit.
const HUNG: &str = "(stopped by the fuzz loop: still running after 120 s)";

const PANIC: &[&str] = &["panicked", "RUST_BACKTRACE", "stack backtrace", "thread '", "overflowed its stack"];

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Every way one command's outcome breaks the rules.
fn judge(what: &str, (code, err): &(Option<i32>, String), fails: &mut Vec<String>) {
    match code {
        Some(0 | 1) => {}
        Some(c) => fails.push(format!("{what} exited with {c}, expected 0 or 1")),
        None if err.contains(HUNG) => fails.push(format!("{what} hung")),
        None => fails.push(format!("{what} died of a signal")),
    }
    if let Some(p) = PANIC.iter().find(|p| err.contains(*p)) {
        fails.push(format!("{what} panicked ({p:?} on stderr)"));
    }
    if *code != Some(0) && !has_chinese(err) {
        fails.push(format!("{what} failed without saying why in Chinese"));
    }
    for d in err.lines().filter(|l| l.contains(": 错误[") || l.contains(": 警告[")) {
        let message = d.split_once(']').map_or(d, |(_, m)| m);
        if !has_chinese(message) {
            fails.push(format!("{what}: a diagnostic without a Chinese message: {d}"));
        }
    }
}

/// Run one case in `dir`; return every way it fails, and whether `check`
/// found something and `build` built.
fn check_case(dir: &Path, content: &Path, zip: bool) -> (Vec<String>, bool, bool) {
    let mut fails = vec![];
    let c = content.to_str().unwrap();
    let check = run(&["check", "--content", c]);
    judge("check", &check, &mut fails);

    let out = dir.join("out");
    let mut args = vec!["build", "--content", c, "--out", out.to_str().unwrap(), "-q"];
    if zip {
        args.push("--zip");
    }
    let build = run(&args);
    judge("build", &build, &mut fails);
    if build.0 == Some(0) && !out.join("index.html").is_file() {
        fails.push("build exited 0 without index.html".into());
    }
    if zip && build.0 == Some(0) && !out.with_extension("zip").is_file() {
        fails.push("build --zip exited 0 without the zip".into());
    }
    let leftovers: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".building") || n.ends_with(".partial"))
        .collect();
    if !leftovers.is_empty() {
        fails.push(format!("build left {leftovers:?}"));
    }
    if build.0 == Some(0) {
        // Nothing published names the folder it was built in (finding 17).
        let here = dir.to_string_lossy().into_owned();
        let leaks: Vec<PathBuf> = common::files(&out).into_iter().filter(|p| fs::read(p).unwrap().windows(here.len()).any(|w| w == here.as_bytes())).collect();
        if !leaks.is_empty() {
            fails.push(format!("{} output files name the build folder {here}, e.g. {}", leaks.len(), leaks[0].display()));
        }
    }
    if out.exists() {
        let verify = run(&["verify", out.to_str().unwrap()]);
        if verify.0 != Some(0) {
            fails.push(format!("the output folder is there but incomplete (verify: {})", verify.1.trim()));
        }
    }
    if !fails.is_empty() {
        let tail = |s: &str| s.lines().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n    ");
        fails.push(format!("check stderr (end):\n    {}\n  build stderr (end):\n    {}", tail(&check.1), tail(&build.1)));
    }
    (fails, check.0 == Some(1), build.0 == Some(0))
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().map(|v| v.trim().parse().unwrap_or_else(|_| panic!("{name}={v:?} is not a number")))
}

#[test]
fn mutated_content_never_crashes_and_never_half_builds() {
    let seconds = env_u64("GONGKAI_FUZZ_SECONDS").unwrap_or(20);
    let seed = env_u64("GONGKAI_FUZZ_SEED").unwrap_or(20_260_401);
    let only = env_u64("GONGKAI_FUZZ_CASE");
    let skip = Skip::from_env();
    eprintln!("fuzz: seed {seed}, {seconds} s{}", if skip.0.is_empty() { String::new() } else { format!(", leaving out {:?}", skip.0) });

    // The two bases, made once.
    let bases = tempfile::tempdir().unwrap();
    let init = bases.path().join("init");
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai")).args(["init", init.to_str().unwrap()]).output().unwrap();
    assert!(o.status.success(), "init: {}", String::from_utf8_lossy(&o.stderr));
    let demo: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");

    let replay_skip = if skip.0.is_empty() { String::new() } else { format!(" GONGKAI_FUZZ_SKIP={}", skip.0.join(",")) };
    let end = Instant::now() + Duration::from_secs(seconds);
    let (mut cases, mut left_out, mut failed, mut found, mut built) = (0, 0, vec![], 0, 0);
    for i in 0.. {
        let case_seed = only.unwrap_or(seed.wrapping_add(i));
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        let case = make(case_seed, &init, &demo, &content, &skip);
        if skipped(&content, &skip) {
            left_out += 1;
        } else {
            cases += 1;
            let (fails, f, b) = check_case(dir.path(), &content, case.zip);
            (found, built) = (found + f as usize, built + b as usize);
            if !fails.is_empty() {
                let edits: Vec<String> = case.edits.iter().map(|(f, m)| format!("  {}", describe(f, m))).collect();
                failed.push(format!(
                    "case {} (replay: GONGKAI_FUZZ_CASE={}{replay_skip} cargo test --release --test fuzz), {}{} with:\n{}\n{}",
                    case.seed,
                    case.seed,
                    if case.demo { "the demo" } else { "the init example" },
                    if case.zip { ", built with --zip," } else { "" },
                    edits.join("\n"),
                    fails.iter().map(|f| format!("  - {f}")).collect::<Vec<_>>().join("\n")
                ));
            }
        }
        if only.is_some() || Instant::now() > end || failed.len() >= 5 {
            break;
        }
    }
    eprintln!("fuzz: {cases} cases run ({found} with errors found by check, {built} built), {left_out} left out, {} failed", failed.len());
    assert!(cases > 0 || only.is_some(), "no case ran");
    assert!(failed.is_empty(), "seed {seed}: {} failing cases:\n\n{}", failed.len(), failed.join("\n\n"));
}
