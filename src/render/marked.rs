//! Disputed prose figures (正文数字 with `E-PROSE` or `E-PROSE-TWICE`,
//! [`crate::prose`]) marked on their report page as disputed bound figures
//! are: before the Markdown hand-off, the narrative's segments are split at
//! each such figure, which becomes a [`Segment::Figure`] with a
//! [`Verdict::Prose`] whose 核验提示 says in plain Chinese what is wrong and
//! which side (正文 or 数据); [`super::markdown::segments_to_html`] then wraps
//! it as it wraps a bound figure. Nothing reads the HTML back.

use std::ops::Range;

use crate::model::Narrative;
use crate::model::bound::{BoundFigure, Segment, Verdict};
use crate::prose::ProseFigure;
use crate::source::SourceMap;

/// The segments of narrative `n` with its disputed prose figures marked;
/// `None` when it has none (then it renders as before).
pub fn segments(n: &Narrative, map: Option<&SourceMap>, prose: &[ProseFigure]) -> Option<Vec<Segment>> {
    let file = &map?.file(n.file).display;
    let marks: Vec<(&ProseFigure, &crate::prose::ProseMark)> = prose.iter().filter(|f| &f.file == file).filter_map(|f| Some((f, f.mark.as_ref()?))).collect();
    if marks.is_empty() {
        return None;
    }
    let whole = [Segment::Text(n.body.clone())];
    let segments: &[Segment] = if n.segments.is_empty() { &whole } else { &n.segments };
    let ranges = body_ranges(&n.body, segments)?;
    let mut out = vec![];
    for (segment, r) in segments.iter().zip(ranges) {
        let Segment::Text(_) = segment else {
            out.push(segment.clone());
            continue;
        };
        let mut from = r.start;
        for (f, m) in marks.iter().filter(|(_, m)| r.start <= m.range.start && m.range.end <= r.end) {
            if m.range.start > from {
                out.push(Segment::Text(n.body[from..m.range.start].to_string()));
            }
            let verdict = Verdict::Prose { anchor: m.anchor.clone(), note: m.note.clone() };
            out.push(Segment::Figure(BoundFigure {
                text: n.body[m.range.clone()].to_string(),
                suffix: String::new(),
                src: format!("{}:{}", f.file, f.line),
                verdict,
            }));
            from = m.range.end;
        }
        if r.end > from {
            out.push(Segment::Text(n.body[from..r.end].to_string()));
        }
    }
    Some(out)
}

/// The byte range of `body` each segment stands for: a text segment is
/// the body as written, a figure its `{{ … }}` (to the first `}}`, as
/// `bind` reads it). `None` if they do not line up.
fn body_ranges(body: &str, segments: &[Segment]) -> Option<Vec<Range<usize>>> {
    let mut at = 0;
    segments
        .iter()
        .map(|s| {
            let start = at;
            match s {
                Segment::Text(t) => at += body.get(at..)?.starts_with(t.as_str()).then_some(t.len())?,
                Segment::Figure(_) => at += body.get(at..)?.starts_with("{{").then_some(2)? + body.get(at + 2..)?.find("}}")? + 2,
            }
            Some(start..at)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_line_up_with_the_body_they_came_from() {
        let f = |t: &str| Segment::Figure(BoundFigure { text: t.into(), suffix: String::new(), src: String::new(), verdict: Verdict::Agrees });
        let body = "甲{{ 1 = a.b }}乙{{ c.d | 万元 }}";
        let segments = [Segment::Text("甲".into()), f("1"), Segment::Text("乙".into()), f("2")];
        assert_eq!(body_ranges(body, &segments), Some(vec![0..3, 3..16, 16..19, 19..body.len()]));
        assert_eq!(body_ranges(body, &[Segment::Text("丙".into())]), None);
    }
}
