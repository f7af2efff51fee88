//! A narrative once its `{{ … }}` references are bound ([`crate::bind`]):
//! a list of typed segments, plain Markdown text and bound figures. Binding
//! fills it; render alone turns a figure into HTML (its source, its
//! 核验提示 and the link to the 数据核验 page).

/// A piece of a bound narrative.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    /// Markdown source, as the narrative writes it (a reference that
    /// could not be bound stays here as written, `{{ … }}` included).
    Text(String),
    /// A figure bound from the data.
    Figure(BoundFigure),
}

/// A figure a `{{ … }}` reference puts into the prose.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundFigure {
    /// The figure (or phrase) as the page writes it: the data's value in
    /// the requested format, or the prose's own figure when it states one
    /// (`{{ 4197.68 = … }}`).
    pub text: String,
    /// The unit written right after it (`万元`, `%`), or "".
    pub suffix: String,
    /// Where the data states it, `file:line` (for a [`Verdict::Prose`]
    /// figure, where the narrative states it).
    pub src: String,
    /// What checking a figure the prose states against the data found.
    pub verdict: Verdict,
}

/// 核验结果 of a bound figure.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The data's own figure, or a stated figure that agrees with it.
    Agrees,
    /// The prose states a figure that differs from the data by rounding
    /// (舍入差异); `anchor` names its diagnostic (`#check-<anchor>`).
    Rounding { anchor: String },
    /// The prose states a figure the data contradicts (不符).
    Mismatch { anchor: String },
    /// A figure of the prose itself, not bound, that the prose check
    /// disputes (`E-PROSE`, `E-PROSE-TWICE`, [`crate::prose`]): `note` says
    /// in plain Chinese what is wrong and which side; `anchor` names its
    /// diagnostic. Render puts it into the segments before the Markdown
    /// hand-off (`render::marked`).
    Prose { anchor: String, note: String },
}
