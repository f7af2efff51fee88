//! A report's data file as written (数据文件原文结构): the tree of keys and
//! values of one TOML file, every value with its literal text and its byte
//! range. The loader parses each report file into one [`Document`] once;
//! binding (`{{ … }}` references) and `data.json` both read it, so neither
//! parses TOML again.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::source::{FileId, SourceMap};

/// A value as written (原文取值).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string, decoded.
    String(String),
    /// An integer, as written less `_` separators (`1_000` is `1000`).
    Integer(String),
    /// A float, as written (`1.50` keeps its two decimals).
    Float(String),
    /// `true` or `false`.
    Boolean(bool),
    /// A date or time, as TOML writes it.
    Datetime(String),
    /// A list.
    Array(Vec<Node>),
    /// A table.
    Table(Table),
}

/// A value and where it is written in its file (byte range).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Its byte range in the file.
    pub span: Range<usize>,
}

/// A table: keys and values, sorted by key (as the TOML parser gives them).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Its entries, sorted by key.
    pub entries: Vec<(String, Node)>,
}

impl Table {
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// One data file as written: its top-level table.
pub type Document = Table;

/// The documents of the report files, by file; parsed once by the loader.
#[derive(Debug, Default)]
pub struct Documents {
    by_file: BTreeMap<FileId, Document>,
}

impl Documents {
    /// Parse every file of `files` in `map` (a file that is not valid TOML
    /// has no document; the loader has reported it).
    pub fn parse(map: &SourceMap, files: impl Iterator<Item = FileId>) -> Self {
        Documents { by_file: files.filter_map(|id| parse(&map.file(id).text).map(|d| (id, d))).collect() }
    }

    /// Give file `id` a document made from what the loader read rather than
    /// parsed from TOML (a 自评表 workbook, see
    /// [`crate::load::workbook::form_document`]).
    pub fn insert(&mut self, id: FileId, document: Document) {
        self.by_file.insert(id, document);
    }

    /// The document of file `id`, if it parsed.
    pub fn get(&self, id: FileId) -> Option<&Document> {
        self.by_file.get(&id)
    }
}

impl Documents {
    /// The field path (`general_budget.classes[1].share_pct`) of the value
    /// written at `span`, for the reviewer view (审核模式) of the pages.
    ///
    /// The path is spelled only once the value is found: this runs for every
    /// stated figure on every page, so the search itself allocates nothing
    /// but the steps of the one path found.
    pub fn field_at(&self, span: crate::source::Span) -> Option<String> {
        let (start, end) = (span.start as usize, span.end as usize);
        let mut steps = vec![];
        if !leaf_in(self.get(span.file)?, start, end, &mut steps) {
            return None;
        }
        let mut path = String::new();
        for step in steps.into_iter().rev() {
            match step {
                Step::Key(k) if path.is_empty() => path.push_str(k),
                Step::Key(k) => {
                    path.push('.');
                    path.push_str(k);
                }
                Step::Item(i) => path.push_str(&format!("[{i}]")),
            }
        }
        Some(path)
    }
}

/// One step of a field path: a key of a table or an item of a list.
enum Step<'a> {
    Key(&'a str),
    Item(usize),
}

/// Whether a leaf value of `t` holds `start..end` (the first in key order);
/// if so, its steps below `t` are pushed onto `steps`, last step first.
fn leaf_in<'a>(t: &'a Table, start: usize, end: usize, steps: &mut Vec<Step<'a>>) -> bool {
    t.entries.iter().any(|(k, node)| leaf_at(node, start, end, steps) && push(steps, Step::Key(k)))
}

/// [`leaf_in`] for any value: a table, a list, or the leaf itself.
fn leaf_at<'a>(node: &'a Node, start: usize, end: usize, steps: &mut Vec<Step<'a>>) -> bool {
    match &node.value {
        Value::Table(t) => leaf_in(t, start, end, steps),
        Value::Array(items) => items.iter().enumerate().any(|(i, n)| leaf_at(n, start, end, steps) && push(steps, Step::Item(i))),
        _ => node.span.start <= start && end <= node.span.end,
    }
}

fn push<'a>(steps: &mut Vec<Step<'a>>, step: Step<'a>) -> bool {
    steps.push(step);
    true
}

/// The document of a TOML text, or `None` when it is not valid TOML.
pub fn parse(text: &str) -> Option<Document> {
    DeTable::parse(text).ok().map(|t| table(t.get_ref()))
}

fn table(t: &DeTable) -> Table {
    Table { entries: t.iter().map(|(k, v)| (k.get_ref().to_string(), Node { value: value(v.get_ref()), span: v.span() })).collect() }
}

fn value(v: &DeValue) -> Value {
    match v {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => Value::Integer(i.as_str().to_string()),
        DeValue::Float(f) => Value::Float(f.as_str().to_string()),
        DeValue::Boolean(b) => Value::Boolean(*b),
        DeValue::Datetime(d) => Value::Datetime(d.to_string()),
        DeValue::Array(a) => Value::Array(a.iter().map(|x| Node { value: value(x.get_ref()), span: x.span() }).collect()),
        DeValue::Table(t) => Value::Table(table(t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_written_text_and_place() {
        let text = "unit = \"万元\"\n[overview]\ntotal = 1.50\ncount = 1_000\n";
        let d = parse(text).unwrap();
        let keys: Vec<&str> = d.entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["overview", "unit"]);
        let Value::Table(o) = &d.get("overview").unwrap().value else { panic!("overview is a table") };
        let total = o.get("total").unwrap();
        assert_eq!(total.value, Value::Float("1.50".into()));
        assert_eq!(&text[total.span.clone()], "1.50");
        assert_eq!(o.get("count").unwrap().value, Value::Integer("1000".into()));
        assert!(parse("a = ").is_none());
    }

    #[test]
    fn a_written_value_names_its_field() {
        let text = "[general_budget]\n[[general_budget.classes]]\nshare_pct = 1\n[[general_budget.classes]]\nname = \"国防\"\nshare_pct = 0.71\n";
        let mut map = SourceMap::new(std::path::Path::new("c"));
        let id = map.add(std::path::Path::new("c/a.toml"), text.into());
        let docs = Documents::parse(&map, std::iter::once(id));
        let at = text.find("0.71").unwrap() as u32;
        let span = crate::source::Span { file: id, start: at, end: at + 4 };
        assert_eq!(docs.field_at(span).as_deref(), Some("general_budget.classes[1].share_pct"));
    }
}
