//! A 自评表 read from its workbook as the document a `projects/<slug>.toml`
//! would be ([`crate::model::document::Document`]): the same keys, each
//! figure with its text as read and its cell's place in the cell listing.
//! With it, narrative bindings `{{ projects/<slug>.funds[0].executed }}`
//! and `data.json` read a workbook form exactly as a TOML one — from the
//! loaded form, not by parsing any file again.

use crate::model::document::{Document, Node, Table, Value};
use crate::number::Figure;
use crate::reports::form::model::{FormIndicator, FundsRow, ProjectForm};

/// A text value (it has no single cell: placed at the start of the file).
fn text(s: &str) -> Node {
    Node { value: Value::String(s.to_string()), span: 0..0 }
}

/// A figure as written: its text (`"-"` for 未填报 as TOML writes it) at its cell.
fn figure(f: &Figure) -> Node {
    let value = if f.value.is_some() { Value::Float(f.text.clone()) } else { Value::String(f.text.clone()) };
    Node { value, span: f.span.start as usize..f.span.end as usize }
}

/// A table of the entries that are there, sorted by key (as the TOML parser gives them).
fn table(entries: Vec<(&str, Option<Node>)>) -> Node {
    let mut entries: Vec<(String, Node)> = entries.into_iter().filter_map(|(k, v)| Some((k.to_string(), v?))).collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Node { value: Value::Table(Table { entries }), span: 0..0 }
}

/// One `[[funds]]` row.
fn funds_row(r: &FundsRow) -> Node {
    table(vec![
        ("name", Some(text(&r.name))),
        ("initial", r.initial.as_ref().map(figure)),
        ("full_year", r.full_year.as_ref().map(figure)),
        ("executed", r.executed.as_ref().map(figure)),
        ("max", r.max.as_ref().map(figure)),
        ("rate_pct", r.rate_pct.as_ref().map(figure)),
        ("score", r.score.as_ref().map(figure)),
    ])
}

/// One `[[indicators]]` row.
fn indicator(i: &FormIndicator) -> Node {
    table(vec![
        ("level1", Some(text(&i.level1))),
        ("level2", Some(text(&i.level2))),
        ("name", Some(text(&i.name))),
        ("target", Some(text(&i.target))),
        ("actual", Some(text(&i.actual))),
        ("max", Some(figure(&i.max))),
        ("score", Some(figure(&i.score))),
        ("deviation", i.deviation.as_deref().map(text)),
    ])
}

/// The document of a form read from a workbook, keyed as `projects/<slug>.toml` (docs §3.7.3).
pub fn document(form: &ProjectForm) -> Document {
    let list = |nodes: Vec<Node>| Some(Node { value: Value::Array(nodes), span: 0..0 });
    let Node { value: Value::Table(t), .. } = table(vec![
        ("name", Some(text(&form.name))),
        ("department", Some(text(&form.department))),
        ("implementer", form.implementer.as_deref().map(text)),
        ("manager", form.manager.as_deref().map(text)),
        ("phone", form.phone.as_deref().map(text)),
        ("unit", Some(text(form.unit.label()))),
        ("funds", list(form.funds.iter().map(funds_row).collect())),
        ("goal_expected", form.goal_expected.as_deref().map(text)),
        ("goal_actual", form.goal_actual.as_deref().map(text)),
        ("indicators", list(form.indicators.iter().map(indicator).collect())),
        ("total_max", form.total_max.as_ref().map(figure)),
        ("total_score", form.total_score.as_ref().map(figure)),
    ]) else {
        return Document::default();
    };
    t
}
