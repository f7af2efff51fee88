//! The whole dataset of a unit/year as one JSON file (`data.json` beside
//! the year page): every data file of the year, key for key as written,
//! with every number kept as the string it is written as (`"1.50"` stays two
//! decimals; JSON numbers would not). It is written from the documents the
//! loader parsed ([`crate::model::document`]), not from the TOML text.

use serde_json::{Map, Value as Json};

use crate::model::document::{Node, Table, Value};
use crate::model::{Site, Unit, Year};

fn value(n: &Node) -> Json {
    match &n.value {
        Value::String(s) | Value::Integer(s) | Value::Float(s) | Value::Datetime(s) => Json::String(s.clone()),
        Value::Boolean(b) => Json::Bool(*b),
        Value::Array(a) => Json::Array(a.iter().map(value).collect()),
        Value::Table(t) => table(t),
    }
}

fn table(t: &Table) -> Json {
    Json::Object(t.entries.iter().map(|(k, v)| (k.clone(), value(v))).collect::<Map<_, _>>())
}

/// A figure as `data.json` writes it: its text as written.
fn figure(f: &Option<crate::number::Figure>) -> Option<Json> {
    f.as_ref().map(|f| Json::String(f.text.clone()))
}

/// The project list of a 绩效跟踪 read from its workbook, put into its
/// `tracking` document as if `tracking.toml` wrote it (`projects`, with the
/// `[[project_notes]]` given to them, and the 合计 row as `totals`).
fn workbook_projects(t: &crate::reports::tracking::model::Tracking, doc: &mut Map<String, Json>) {
    doc.remove("project_notes");
    let text = |s: &Option<String>| s.as_ref().map(|s| Json::String(s.clone()));
    let projects = t.projects.iter().map(|p| {
        let restated: Vec<Json> = p.restated.iter().map(|r| serde_json::json!({"table": r.table, "field": r.field.value, "value": r.value.text})).collect();
        let fields = [
            ("no", p.no.map(|n| Json::String(n.to_string()))),
            ("office", p.office.as_ref().map(|o| Json::String(o.value.clone()))),
            ("name", Some(Json::String(p.name.value.clone()))),
            ("code", text(&p.code)),
            ("function_code", text(&p.function_code)),
            ("function_name", text(&p.function_name)),
            ("budget", Some(Json::String(p.budget.text.clone()))),
            ("added", figure(&p.added)),
            ("cut", figure(&p.cut)),
            ("adjusted", figure(&p.adjusted)),
            ("actual", figure(&p.actual)),
            ("rate_pct", figure(&p.rate_pct)),
            ("findings", text(&p.findings)),
            ("restated", (!restated.is_empty()).then_some(Json::Array(restated))),
        ];
        Json::Object(fields.into_iter().filter_map(|(k, v)| Some((k.to_string(), v?))).collect())
    });
    doc.insert("projects".into(), Json::Array(projects.collect()));
    if let Some(totals) = &t.totals {
        let fields = [
            ("budget", &totals.budget),
            ("added", &totals.added),
            ("cut", &totals.cut),
            ("adjusted", &totals.adjusted),
            ("actual", &totals.actual),
            ("rate_pct", &totals.rate_pct),
        ];
        let row = fields.into_iter().filter_map(|(k, v)| Some((k.to_string(), figure(v)?))).collect();
        doc.entry("totals").or_insert(Json::Object(row));
    }
}

/// The budget lines a 成本绩效分析 reads from its workbook `cost/<slug>.xlsx`,
/// put into its `cost/<slug>` document as if `[[budgets.services.lines]]`
/// wrote them (a service whose lines the TOML writes keeps them as written).
fn workbook_lines(cost: &crate::reports::cost::model::Cost, doc: &mut Map<String, Json>) {
    let Some(Json::Array(budgets)) = doc.get_mut("budgets") else { return };
    for (budget, b) in cost.analysis.budgets.iter().zip(budgets) {
        let Some(Json::Array(services)) = b.get_mut("services") else { continue };
        for (service, s) in budget.services.iter().zip(services) {
            if let Json::Object(s) = s
                && !s.contains_key("lines")
            {
                s.insert("lines".into(), Json::Array(service.lines.iter().map(line).collect()));
            }
        }
    }
}

/// One budget line as `[[budgets.services.lines]]` writes it.
fn line(l: &crate::reports::cost::model::Line) -> Json {
    let text = |s: &Option<String>| s.as_ref().map(|s| Json::String(s.clone()));
    let fields = [
        ("item", Some(Json::String(l.item.clone()))),
        ("description", text(&l.description)),
        ("unit", text(&l.unit)),
        ("quantity", Some(Json::String(l.quantity.text.clone()))),
        ("price", Some(Json::String(l.price.text.clone()))),
        ("amount", figure(&l.amount)),
        ("formula", l.formula.as_ref().map(|f| Json::String(f.text.clone()))),
    ];
    Json::Object(fields.into_iter().filter_map(|(k, v)| Some((k.to_string(), v?))).collect())
}

/// `data.json` of one unit/year.
pub fn year_json(site: &Site, unit: &Unit, year: &Year) -> String {
    let mut files = Map::new();
    for (name, id) in crate::reports::year_sources(year) {
        if let Some(d) = site.documents.get(id) {
            files.insert(name, table(d));
        }
    }
    if let (Some(t), Some(_), Some(Json::Object(doc))) = (&year.reports.tracking, year.reports.tracking_workbook, files.get_mut("tracking")) {
        workbook_projects(t, doc);
    }
    for cost in year.reports.costs.iter().filter(|c| c.workbook.is_some()) {
        if let Some(Json::Object(doc)) = files.get_mut(&crate::reports::ReportKind::Cost.reference(&cost.slug)) {
            workbook_lines(cost, doc);
        }
    }
    let doc = serde_json::json!({
        "unit": unit.slug,
        "name": unit.profile.name,
        "year": year.year,
        "generator": crate::generator(),
        "note": "每个数字都是原文写法的字符串（保留小数位）；键名见 docs/content-format.md",
        "files": files,
    });
    super::format::script_safe(serde_json::to_string_pretty(&doc).unwrap_or_default()) + "\n"
}
