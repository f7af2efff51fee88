//! Markdown narrative files: TOML front matter between `+++` lines, then
//! the Markdown body.

/// Split a narrative file into (front matter text, its byte offset, body).
/// `None` when the file does not start with a `+++` line or never closes it.
pub fn split(text: &str) -> Option<(&str, usize, &str)> {
    let rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    let skipped = text.len() - rest.len();
    let first_end = rest.find('\n')?;
    if rest[..first_end].trim_end() != "+++" {
        return None;
    }
    let start = first_end + 1;
    let mut pos = start;
    for line in rest[start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &rest[start..pos];
            let body = &rest[pos + line.len()..];
            return Some((front, skipped + start, body));
        }
        pos += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn splits_front_matter() {
        let (front, at, body) = split("+++\ntitle = \"x\"\n+++\n正文\n").unwrap();
        assert_eq!(front, "title = \"x\"\n");
        assert_eq!(at, 4);
        assert_eq!(body, "正文\n");
        assert!(split("no front matter").is_none());
        assert!(split("+++\ntitle = 1\n").is_none());
    }
}
