//! Markdown narrative files: TOML front matter between `+++` lines, then
//! the Markdown body, in which an HTML comment `<!-- … -->` is a note to
//! the editors (注释): [`blank_comments`] empties it before anything reads
//! the body, so neither its `{{ }}` nor its figures are looked at, and the
//! renderer drops it.

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

/// `body` with the inside of every HTML comment (`<!--` to the next `-->`,
/// or to the end when never closed) replaced by spaces, one per byte, line
/// breaks kept: the same length and lines, so positions in the file stay
/// right, with `<!--` and `-->` kept for the renderer to drop.
pub fn blank_comments(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find("<!--") {
        let inside = &rest[open + 4..];
        let (blank, close) = match inside.find("-->") {
            Some(end) => (&inside[..end], "-->"),
            None => (inside, ""),
        };
        out.push_str(&rest[..open + 4]);
        for c in blank.chars() {
            match c {
                '\n' | '\r' => out.push(c),
                _ => out.extend(std::iter::repeat_n(' ', c.len_utf8())),
            }
        }
        out.push_str(close);
        rest = &inside[blank.len() + close.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{blank_comments, split};

    #[test]
    fn comments_are_blanked_in_place() {
        let body = "甲<!-- {{ a.b }} 注 -->乙\n<!--\n多行\n-->\n丙 <!-- 未闭合 {{ x }}";
        let blank = blank_comments(body);
        assert_eq!(blank.len(), body.len());
        assert_eq!(blank.lines().count(), body.lines().count());
        assert!(blank.starts_with("甲<!--") && blank.contains("-->乙\n<!--\n") && blank.contains("丙 <!--"), "{blank}");
        assert!(!blank.contains("{{") && !blank.contains('注') && !blank.contains("多行") && !blank.contains("未闭合"), "{blank}");
        assert_eq!(blank_comments("无注释 {{ a }}"), "无注释 {{ a }}");
    }

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
