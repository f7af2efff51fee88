//! First steps of a new unit or year (新建单位、新建年度): `gongkai new unit
//! <slug>` writes a `unit.toml` to fill in; `gongkai new year <unit> <yyyy>
//! [--from <yyyy>]` copies the structure of an earlier year of the unit (or
//! of the `init` example when it has none) with every figure and every
//! passage of text left as the marker `"待填"` ([`crate::load::todo`]), so
//! that `gongkai check` lists, file:line and field, what is still to fill.
//! Names, headings and settings are kept, the old year in them replaced by
//! the new one. Nothing that exists is overwritten.

use std::fs;
use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Value};

use crate::error::{Error, Result};
use crate::load::todo::MARKER;

/// Keys that are structure, not figures (`no`, `level`, `year`, `id`, 科目编码
/// `code`): kept as written and never marked.
const STRUCTURE: &[&str] = &["no", "level", "year", "id", "code"];

/// Other keys kept as written inside an inline table or a list, where a
/// `# 待填` comment cannot go: whole-number counts (a count cannot be written
/// `"待填"`), and 成本定额's expressions and unit values (`3人*180次`, `800元/份`).
const KEPT: &[&str] = &[
    "count",
    "projects",
    "all_projects",
    "general_equipment",
    "large_equipment",
    "quantity",
    "norm_quantity",
    "formula",
    "restated",
    "value",
    "history",
    "before",
    "after",
    "monthly",
];

/// What `new year` wrote.
pub struct NewYear {
    /// The new year folder.
    pub folder: PathBuf,
    /// The year copied, or `None` when the unit had none (the example's
    /// 部门决算 was used).
    pub from: Option<u16>,
    /// Files written, by their path inside the year folder.
    pub written: Vec<String>,
    /// Values left as `"待填"`.
    pub blanks: usize,
    /// Files not copied (workbooks, attachments): by their path inside the
    /// year folder.
    pub skipped: Vec<String>,
}

/// `gongkai new unit <slug>`: `units/<slug>/unit.toml` with every value to fill in.
pub fn unit(content: &Path, slug: &str) -> Result<PathBuf> {
    require_content(content)?;
    if slug.is_empty() || !slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err(Error::Usage(format!("单位目录名 “{slug}” 只能用小写字母、数字和连字符（它会成为网址的一部分），例如 xinjiekou")));
    }
    let folder = content.join("units").join(slug);
    if folder.exists() {
        return Err(Error::Usage(format!("{} 已存在，未改动。", folder.display())));
    }
    let file = folder.join("unit.toml");
    write(&file, &UNIT.replace("{M}", MARKER))?;
    Ok(file)
}

const UNIT: &str = r#"# 单位信息（格式见 docs/content-format.md）。把每个 "{M}" 换成本单位的内容。
name = "{M}"          # 单位全称，如 北京市西城区人民政府新街口街道办事处
short_name = "{M}"    # 简称，如 新街口街道
region = "{M}"        # 所属地区，如 北京市西城区
duties = "{M}"        # 主要职能
setup = "{M}"         # 机构设置
"#;

/// `gongkai new year <unit> <yyyy> [--from <yyyy>]`.
pub fn year(content: &Path, unit: &str, year: u16, from: Option<u16>) -> Result<NewYear> {
    require_content(content)?;
    let unit_dir = content.join("units").join(unit);
    if !unit_dir.join("unit.toml").is_file() {
        return Err(Error::Usage(format!("找不到单位 {unit}（{} 里没有 unit.toml）。先用 gongkai new unit {unit} 新建单位。", unit_dir.display())));
    }
    let folder = unit_dir.join(year.to_string());
    if folder.exists() {
        return Err(Error::Usage(format!("{} 已存在，未改动。", folder.display())));
    }
    let years = years_of(&unit_dir);
    let from = match from {
        Some(f) if years.contains(&f) => Some(f),
        Some(f) => return Err(Error::Usage(format!("单位 {unit} 没有 {f} 年度（有：{}）", list(&years)))),
        None => years.iter().copied().filter(|&y| y < year).max().or_else(|| years.iter().copied().max()),
    };
    let sources: Vec<(String, Vec<u8>)> = match from {
        Some(f) => files_below(&unit_dir.join(f.to_string()))?,
        None => super::example_year().map(|(rel, text)| (rel.to_string(), text.as_bytes().to_vec())).collect(),
    };
    let (old, new) = (from.unwrap_or(super::EXAMPLE_YEAR).to_string(), year.to_string());
    let mut done = NewYear { folder: folder.clone(), from, written: vec![], blanks: 0, skipped: vec![] };
    for (rel, bytes) in sources {
        let text = String::from_utf8(bytes).ok();
        let blanked = match text {
            Some(t) if rel.ends_with(".toml") => blank_toml(&t, &old, &new),
            Some(t) if rel.ends_with(".md") => Some(blank_narrative(&t, &old, &new)),
            _ => None,
        };
        match blanked {
            Some((text, n)) => {
                write(&folder.join(&rel), &text)?;
                done.blanks += n;
                done.written.push(rel);
            }
            None => done.skipped.push(rel),
        }
    }
    if done.written.is_empty() {
        fs::create_dir_all(&folder).map_err(|source| Error::Write { path: folder.clone(), source })?;
    }
    Ok(done)
}

fn require_content(content: &Path) -> Result<()> {
    if content.join("site.toml").is_file() { Ok(()) } else { Err(Error::NoContent(content.to_path_buf())) }
}

fn list(years: &[u16]) -> String {
    if years.is_empty() { "无".into() } else { years.iter().map(u16::to_string).collect::<Vec<_>>().join("、") }
}

/// The unit's year folders (four-digit names), in order.
fn years_of(unit_dir: &Path) -> Vec<u16> {
    let mut years: Vec<u16> = fs::read_dir(unit_dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().filter(|n| n.len() == 4).and_then(|n| n.parse().ok()))
        .collect();
    years.sort_unstable();
    years
}

/// Every file below `dir`: path inside it (with `/`) and bytes, sorted.
fn files_below(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).map_err(|source| Error::Read { path: d.clone(), source })?.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                let bytes = fs::read(&path).map_err(|source| Error::Read { path: path.clone(), source })?;
                out.push((rel.to_string_lossy().replace('\\', "/"), bytes));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(p) = path.parent() {
        fs::create_dir_all(p).map_err(|source| Error::Write { path: p.to_path_buf(), source })?;
    }
    fs::write(path, text).map_err(|source| Error::Write { path: path.to_path_buf(), source })
}

/// A report's TOML with every figure and passage of text as `"待填"` and
/// the old year replaced in what is kept; `None` when it is not TOML.
pub fn blank_toml(text: &str, old: &str, new: &str) -> Option<(String, usize)> {
    let mut doc: DocumentMut = text.parse().ok()?;
    let mut count = 0;
    blank_table(doc.as_table_mut(), old, new, &mut count);
    Some((doc.to_string(), count))
}

fn blank_table(table: &mut toml_edit::Table, old: &str, new: &str, count: &mut usize) {
    for (key, item) in table.iter_mut() {
        let key = key.get().to_string();
        match item {
            Item::Table(t) => blank_table(t, old, new, count),
            Item::ArrayOfTables(a) => a.iter_mut().for_each(|t| blank_table(t, old, new, count)),
            Item::Value(v) if matches!(v, Value::Integer(_)) && !STRUCTURE.contains(&key.as_str()) => mark_kept(v, count),
            Item::Value(v) => blank_value(v, &key, old, new, count),
            Item::None => {}
        }
    }
}

/// A whole number (a count: 车辆数, 监控项目个数 …) cannot be written
/// `"待填"`: it keeps last year's value and gets the marker as a comment at
/// the end of its line (`count = 11 # 待填`), which `check` lists all the
/// same ([`crate::load::todo`]).
fn mark_kept(value: &mut Value, count: &mut usize) {
    let suffix = value.decor().suffix().and_then(|s| s.as_str()).unwrap_or("").to_string();
    // After a comment already there, so deleting `# 待填` leaves it whole.
    value.decor_mut().set_suffix(format!("{} # {MARKER}", suffix.trim_end()));
    *count += 1;
}

fn blank_value(value: &mut Value, key: &str, old: &str, new: &str, count: &mut usize) {
    if STRUCTURE.contains(&key) || KEPT.contains(&key) {
        return;
    }
    let blank = match &*value {
        Value::Integer(_) | Value::Float(_) => true,
        Value::String(s) => is_figure(s.value()) || is_passage(s.value()),
        Value::Array(_) | Value::InlineTable(_) | Value::Boolean(_) | Value::Datetime(_) => false,
    };
    if blank {
        let decor = value.decor().clone();
        *value = Value::from(MARKER);
        *value.decor_mut() = decor;
        *count += 1;
        return;
    }
    let renamed = match &*value {
        Value::String(s) if s.value().contains(old) => Some(s.value().replace(old, new)),
        _ => None,
    };
    if let Some(text) = renamed {
        let decor = value.decor().clone();
        *value = Value::from(text);
        *value.decor_mut() = decor;
        return;
    }
    match value {
        Value::Array(a) => a.iter_mut().for_each(|v| blank_value(v, key, old, new, count)),
        Value::InlineTable(t) => t.iter_mut().for_each(|(k, v)| {
            let k = k.get().to_string();
            blank_value(v, &k, old, new, count)
        }),
        _ => {}
    }
}

/// A figure written as a string (`"41.12"`, `"1,210.00"`); `-` (not
/// reported) is kept.
fn is_figure(s: &str) -> bool {
    matches!(crate::number::parse_literal(s), Ok(Some(_)))
}

/// A passage of last year's text: more than one line, or a sentence with
/// figures in it.
fn is_passage(s: &str) -> bool {
    s.trim().contains('\n') || (s.chars().count() > 40 && s.chars().any(|c| c.is_ascii_digit()))
}

/// A narrative with its front matter and headings kept (the old year
/// replaced) and each heading's text replaced by a `待填` line.
pub fn blank_narrative(text: &str, old: &str, new: &str) -> (String, usize) {
    let (front, body) = match text.strip_prefix("+++").and_then(|rest| rest.split_once("\n+++")) {
        Some((front, body)) => (format!("+++{front}\n+++\n"), body.trim_start_matches(['\r', '\n'])),
        None => (String::new(), text),
    };
    let mut out = front.replace(old, new);
    let headings: Vec<String> = body.lines().filter(|l| l.starts_with('#')).map(|l| l.replace(old, new)).collect();
    for h in &headings {
        out.push_str(&format!("{h}\n\n{MARKER}\n\n"));
    }
    if headings.is_empty() {
        out.push_str(MARKER);
        out.push('\n');
    }
    let out = out.trim_end().to_string() + "\n";
    (out, headings.len().max(1))
}

#[cfg(test)]
mod tests {
    use super::blank_toml;

    #[test]
    fn a_whole_number_keeps_its_value_and_any_comment_and_is_marked_after_it() {
        let (text, blanks) = blank_toml("vehicles = 1 # 原文如此\npeople = 12\nyear = 2023\namount = 3.50\n", "2023", "2024").unwrap();
        assert_eq!(text, "vehicles = 1 # 原文如此 # 待填\npeople = 12 # 待填\nyear = 2023\namount = \"待填\"\n");
        assert_eq!(blanks, 3);
        // Deleting the marker leaves valid TOML with the old comment.
        let filled = text.replace(" # 待填", "");
        assert!(filled.parse::<toml_edit::DocumentMut>().is_ok(), "{filled}");
    }
}
