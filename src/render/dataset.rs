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

/// `data.json` of one unit/year.
pub fn year_json(site: &Site, unit: &Unit, year: &Year) -> String {
    let mut files = Map::new();
    for (name, id) in crate::reports::year_sources(year) {
        if let Some(d) = site.documents.get(id) {
            files.insert(name, table(d));
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
