//! Reading content files safely. gongkai reads only regular files (a pipe
//! named `*.md` would otherwise block a run forever), follows a symbolic
//! link only when its target stays inside the folder being read (so a link
//! cannot publish a private file from elsewhere), accepts only UTF-8 text
//! (naming the likely encoding when a file is GBK or UTF-16), and refuses
//! invisible control characters, which would reach pages and CSV files.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::check::Code;
use crate::check::Diagnostic;
use crate::source::display_path;

/// A listed entry gongkai may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    Dir,
    File,
}

/// A problem with one file, as a diagnostic at its path (line 1).
pub fn problem(path: &Path, code: Code, message: String) -> Diagnostic {
    Diagnostic::at_path(display_path(path), code, String::new(), message)
}

/// What `path` is, if gongkai may read it: a folder, or a regular file,
/// whose real location lies inside `root` (a canonical path; `place` names
/// it in the message).
pub fn inspect(path: &Path, root: &Path, place: &str) -> Result<Node, Diagnostic> {
    let meta = fs::symlink_metadata(path).map_err(|e| problem(path, Code::File, format!("无法读取：{}", crate::error::io_reason(&e))))?;
    let meta = if meta.file_type().is_symlink() {
        let target = fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default();
        let real = fs::canonicalize(path).map_err(|e| {
            let why = if e.kind() == ErrorKind::NotFound { "它指向的文件不存在" } else { "链接成环（链接最终指回自己）" };
            problem(path, Code::File, format!("符号链接 → {target} 无法使用：{why}"))
        })?;
        if !real.starts_with(root) {
            return Err(problem(
                path,
                Code::File,
                format!("符号链接 → {target} 指向{place}之外；为免把{place}以外的文件（可能是私人文件）发布出去，不允许这样的链接，请把文件或目录本身复制进来"),
            ));
        }
        fs::metadata(&real).map_err(|e| problem(path, Code::File, format!("无法读取：{}", crate::error::io_reason(&e))))?
    } else {
        meta
    };
    if meta.is_dir() {
        Ok(Node::Dir)
    } else if meta.is_file() {
        Ok(Node::File)
    } else {
        Err(problem(path, Code::File, "不是普通文件（是管道、套接字或设备文件）；gongkai 只读取普通文件".into()))
    }
}

/// The real location of a folder to read from, for [`inspect`]'s `root`.
pub fn real_root(dir: &Path) -> PathBuf {
    fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// A file that is not acceptable text: the text to show positions in (with
/// U+FFFD for bytes that are not UTF-8), the byte offset of the problem, and
/// the message.
pub struct BadText {
    pub text: String,
    pub at: usize,
    pub code: Code,
    pub message: String,
}

/// UTF-16 without a byte-order mark shows as a zero byte in every other
/// position (the high byte of each ASCII character). `Some(true)` for
/// little-endian, `Some(false)` for big-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    let zeros = |offset: usize| sample.iter().skip(offset).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    // A few stray NULs in a UTF-8 file are control characters, not UTF-16.
    let many = |n: usize| n >= 8 && n * 4 >= pairs;
    if many(odd) && even * 10 <= odd {
        Some(true)
    } else if many(even) && odd * 10 <= even {
        Some(false)
    } else {
        None
    }
}

/// The encoding a file that is not UTF-8 most likely has, if it is one
/// Chinese office software saves in.
fn likely_encoding(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || utf16_without_bom(bytes).is_some() {
        return Some("UTF-16（记事本等软件所说的“Unicode”）");
    }
    // A GBK text decodes as GB18030 and breaks UTF-8 at almost every Chinese
    // character; a UTF-8 text with one damaged byte has far more good
    // multi-byte characters than bad spots.
    let (mut bad, mut good) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    let gb = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes).is_some();
    (gb && bad >= good).then_some("GBK（GB2312、GB18030）")
}

/// Control characters that must not appear: C0 except tab, line feed and
/// carriage return, and DEL.
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
}

/// Decode a content file: UTF-8 (a byte-order mark is fine) without
/// control characters, else what is wrong and where.
pub fn decode(bytes: Vec<u8>) -> Result<String, BadText> {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || utf16_without_bom(&bytes).is_some();
    let text = match (utf16, String::from_utf8(bytes)) {
        (false, Ok(text)) => text,
        (_, result) => {
            let bytes = result.map_or_else(|e| e.into_bytes(), String::into_bytes);
            let at = if utf16 { 0 } else { std::str::from_utf8(&bytes).err().map_or(0, |e| e.valid_up_to()) };
            let message = match likely_encoding(&bytes) {
                Some(enc) => format!("此文件不是 UTF-8 编码，可能是 {enc}；请用编辑器“另存为”UTF-8 编码后再试"),
                None => "此文件不是 UTF-8 编码：这里有一个无法按 UTF-8 读取的字节；请用编辑器“另存为”UTF-8 编码后再试".to_string(),
            };
            let text = if utf16 { String::new() } else { String::from_utf8_lossy(&bytes).into_owned() };
            return Err(BadText { text, at, code: Code::Encoding, message });
        }
    };
    let mut controls = text.char_indices().filter(|(_, c)| is_forbidden_control(*c));
    let found = match controls.next() {
        Some((at, c)) => Some((at, c, controls.count())),
        None => control_reference(&text).map(|(at, c)| (at, c, 0)),
    };
    match found {
        None => Ok(text),
        Some((at, c, more)) => Err(BadText { text, at, code: Code::ControlChar, message: control_message(c, more) }),
    }
}

/// The message for a control character `c` (and `more` others in the file).
pub fn control_message(c: char, more: usize) -> String {
    let more = if more > 0 { format!("（本文件另有 {more} 处）") } else { String::new() };
    format!("这里有一个看不见的控制字符 U+{:04X}{more}：它会原样进入网页和 CSV 文件，请删除（常见于从其他软件复制粘贴的文字）", c as u32)
}

/// The first Markdown/HTML numeric character reference to a forbidden
/// control character (`&#7;`, `&#x1b;`): Markdown turns it into the
/// character itself, and many TOML strings are Markdown.
fn control_reference(text: &str) -> Option<(usize, char)> {
    text.match_indices("&#").find_map(|(at, _)| {
        let rest = &text[at + 2..];
        let (digits, radix) = match rest.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (rest, 10),
        };
        let end = digits.find(';')?;
        let c = char::from_u32(u32::from_str_radix(&digits[..end], radix).ok()?)?;
        is_forbidden_control(c).then_some((at, c))
    })
}

/// Every file below a project's `static/` folder that may be copied into
/// the site, as paths relative to it (with `/`, sorted), and a diagnostic
/// for each entry that may not: a symbolic link leading outside the folder
/// (or nowhere, or in a loop), a pipe, a socket or a device.
pub fn static_files(dir: &Path) -> (Vec<String>, Vec<Diagnostic>) {
    let root = real_root(dir);
    let (mut files, mut problems) = (vec![], vec![]);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            problems.push(problem(&d, Code::File, "无法读取这个目录".into()));
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            match inspect(&p, &root, " static 目录") {
                // A link to a folder that holds the link would be walked forever.
                Ok(Node::Dir) if real_root(&d).starts_with(real_root(&p)) => {
                    problems.push(problem(&p, Code::File, "符号链接成环：这个目录链接回了包含它的目录".into()));
                }
                Ok(Node::Dir) => stack.push(p),
                Ok(Node::File) => files.push(p.strip_prefix(dir).unwrap_or(&p).to_string_lossy().replace('\\', "/")),
                Err(d) => problems.push(d),
            }
        }
    }
    files.sort();
    problems.sort_by(|a, b| a.file.cmp(&b.file));
    (files, problems)
}

#[cfg(test)]
mod tests {
    use super::decode;
    use crate::check::Code;

    fn problem(bytes: Vec<u8>) -> (usize, Code, String) {
        let bad = decode(bytes).expect_err("a problem");
        (bad.at, bad.code, bad.message)
    }

    #[test]
    fn names_the_encoding_or_the_bad_byte() {
        let text = "# 说明\nname = \"示例街道办事处财政保障组\"\n";
        let (_, code, m) = problem(encoding_rs::GBK.encode(text).0.into_owned());
        assert_eq!(code, Code::Encoding);
        assert!(m.contains("GBK"), "{m}");
        let (at, _, m) = problem(text.encode_utf16().flat_map(u16::to_le_bytes).collect());
        assert!(m.contains("UTF-16") && at == 0, "{m}");
        // UTF-8 Chinese with one damaged byte is not taken for GBK.
        let mut damaged = text.as_bytes().to_vec();
        damaged.insert(20, 0xFF);
        let (at, _, m) = problem(damaged);
        assert!(!m.contains("GBK") && m.contains("UTF-8"), "{m}");
        assert_eq!(at, 20);
        assert_eq!(decode("\u{feff}a = 1\r\n".into()).ok().as_deref(), Some("\u{feff}a = 1\r\n"));
    }

    #[test]
    fn finds_control_characters_but_not_tab_or_line_ends() {
        assert!(decode("a\tb\r\nc\n".into()).is_ok());
        assert!(decode("&#38; &#x4e2d; &#9; &#;".into()).is_ok());
        let (at, _, m) = problem("a\n&#x1B;[31m".into());
        assert!(at == 2 && m.contains("U+001B"), "{m}");
        for c in ['\u{0}', '\u{7}', '\u{1b}', '\u{7f}'] {
            let (at, code, m) = problem(format!("ab\n示{c}x").into_bytes());
            assert_eq!((at, code), (6, Code::ControlChar));
            assert!(m.contains(&format!("U+{:04X}", c as u32)), "{m}");
        }
    }
}
