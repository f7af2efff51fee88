//! The whole dataset of a unit/year as one JSON file (`data.json` beside
//! the year page): every data file of the year, key for key as written,
//! with every number kept as the string it is written as (`"1.50"` stays two
//! decimals; JSON numbers would not).

use serde_json::{Map, Value};
use toml::de::{DeTable, DeValue};

use crate::model::{Site, Unit, Year};

fn value(v: &DeValue) -> Value {
    match v {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => Value::String(i.as_str().to_string()),
        DeValue::Float(f) => Value::String(f.as_str().to_string()),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::String(d.to_string()),
        DeValue::Array(a) => Value::Array(a.iter().map(|x| value(x.get_ref())).collect()),
        DeValue::Table(t) => table(t),
    }
}

fn table(t: &DeTable) -> Value {
    Value::Object(t.iter().map(|(k, v)| (k.get_ref().to_string(), value(v.get_ref()))).collect::<Map<_, _>>())
}

/// `data.json` of one unit/year.
pub fn year_json(site: &Site, unit: &Unit, year: &Year) -> String {
    let mut files = Map::new();
    let mut add = |name: String, id| {
        let text = &site.sources.file(id).text;
        if let Ok(t) = DeTable::parse(text) {
            files.insert(name, table(t.get_ref()));
        }
    };
    for (name, id) in crate::reports::year_sources(year) {
        add(name, id);
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
