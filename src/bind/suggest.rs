//! Bindings proposed for a narrative's plain prose figures (引用建议,
//! `gongkai bind --suggest FILE.md`): each figure of the prose that
//! resolves by its name to exactly one data figure it agrees with
//! ([`crate::prose::resolve::agreeing`]) becomes a `{{ }}` binding that
//! keeps the figure as written — `一般公共服务支出400.00万元` →
//! `一般公共服务支出{{ 400.00 = final-accounts.general_budget.classes[一般公共服务支出].amount | 万元 }}`.
//! A binding is proposed only when binding it would itself verify (the
//! reference resolves to that very data figure and [`super::check_stated`]
//! finds nothing), so applying every proposal adds no diagnostic. Not
//! proposed: approximate figures, decreases (the prose writes them
//! positive, the data negative), amounts in 亿元 and 个百分点 (no binding
//! format writes them).

use std::collections::BTreeMap;
use std::ops::Range;

use crate::check::{Broken, Checker};
use crate::model::Site;
use crate::model::bound::Verdict;
use crate::model::document::Document;
use crate::prose::resolve::{Candidate, agreeing, candidates};
use crate::prose::scan::{Direction, Found, ProseUnit, scan};
use crate::source::{FileId, SourceMap};

/// One proposed binding.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The byte range of the narrative file it replaces (the figure, and its
    /// unit when the binding writes the unit).
    pub range: Range<usize>,
    /// The binding that replaces it (`{{ 400.00 = … | 万元 }}`).
    pub binding: String,
}

/// The bindings proposed for the narrative file `file` of `site` (none when
/// it is not a narrative), in text order. `broken` are the data figures that
/// fail their own checks (see `lib.rs`, `broken_figures`): bindings to them
/// would not verify, so none is proposed.
pub fn suggest(site: &Site, broken: &BTreeMap<(u32, u32, u32), Broken>, file: FileId) -> Vec<Suggestion> {
    let map = &site.sources;
    let Some((year, n)) = site.units.iter().flat_map(|u| &u.years).find_map(|y| Some((y, y.narratives.iter().find(|n| n.file == file)?))) else {
        return vec![];
    };
    let sources: Vec<(String, FileId, Option<&Document>)> = super::sources(year).into_iter().map(|(name, id)| (name, id, site.documents.get(id))).collect();
    let files: Vec<(String, FileId, &Document)> = sources.iter().filter_map(|(name, id, doc)| Some((name.clone(), *id, (*doc)?))).collect();
    let all = candidates(map, &files);
    let offset = map.file(n.file).text.len() - n.body.len();
    let mut scratch = Checker::default();
    scratch.broken = broken.clone();
    scan(&n.body)
        .iter()
        .filter_map(|f| {
            let (inner, range, c) = binding_for(f, &n.body, &all)?;
            verifies(map, &sources, &mut scratch, &inner, c)
                .then(|| Suggestion { range: offset + range.start..offset + range.end, binding: format!("{{{{{inner}}}}}") })
        })
        .collect()
}

/// The inside of the binding proposed for prose figure `f` of `body`, and
/// the byte range of `body` it replaces, and the data figure it binds;
/// `None` when none is proposed.
fn binding_for<'c>(f: &Found, body: &str, all: &'c [Candidate]) -> Option<(String, Range<usize>, &'c Candidate)> {
    if f.approximate || f.change == Some(Direction::Down) {
        return None;
    }
    let [c] = agreeing(f, all)[..] else { return None };
    let number_end = f.start + f.text.len();
    // The unit filter, when the binding writes the unit (then it replaces the unit too).
    let filter = match f.unit {
        ProseUnit::Yuan => Some("元"),
        ProseUnit::TenThousandYuan => Some("万元"),
        ProseUnit::Percent if body[number_end..f.end].contains('%') => Some("%"),
        ProseUnit::Percent | ProseUnit::Count(_) => None,
        ProseUnit::HundredMillionYuan | ProseUnit::PercentagePoint => return None,
    };
    Some(match filter {
        Some(unit) => (format!(" {} = {} | {unit} ", f.text, c.path), f.start..f.end, c),
        None => (format!(" {} = {} ", f.text, c.path), f.start..number_end, c),
    })
}

/// Would the binding `inner` verify: bind to the data figure `c` it was
/// made for, and agree with it without a diagnostic (舍入差异 included)?
fn verifies(map: &SourceMap, sources: &[(String, FileId, Option<&Document>)], scratch: &mut Checker, inner: &str, c: &Candidate) -> bool {
    let Ok(Some((stated, rest))) = super::stated_prefix(inner) else { return false };
    let Ok((written, src, data)) = super::bind_one(map, sources, rest) else { return false };
    if data != c.figure.span {
        return false;
    }
    let before = scratch.diagnostics.len();
    let verdict = super::check_stated(map, scratch, &stated, (&written, data), &src, inner);
    verdict == Verdict::Agrees && scratch.diagnostics.len() == before
}

/// `text` with each suggestion applied (they are in order and do not overlap).
pub fn apply(text: &str, suggestions: &[Suggestion]) -> String {
    let mut out = String::with_capacity(text.len() + suggestions.len() * 64);
    let mut at = 0;
    for s in suggestions {
        out.push_str(&text[at..s.range.start]);
        out.push_str(&s.binding);
        at = s.range.end;
    }
    out.push_str(&text[at..]);
    out
}
