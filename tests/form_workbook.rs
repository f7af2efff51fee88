//! 项目支出绩效自评表工作簿: a 自评表 kept as the spreadsheet it is filled
//! in, `projects/<slug>.xlsx`, with a `projects/<slug>.toml` beside it
//! holding only `weights_sum_to_100` and `text` (docs/content-format.md
//! §3.7.7). The workbooks here are CREATED IN THE TEST from the demo's
//! 新街口 2023 form with rust_xlsxwriter ([`form_book`]), laid out as the
//! real form is (merged labels and values), so the same form gives the same
//! page and findings — only the places change to `file!sheet!cell`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Diag, check_json, copy_dir, findings};
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use toml_edit::{DocumentMut, Item, Table};

/// The demo's form, without `.toml`.
const FORM: &str = "units/xinjiekou/2023/projects/party-service-fund";

/// The demo's form TOML.
fn form_toml() -> DocumentMut {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content").join(format!("{FORM}.toml"));
    fs::read_to_string(path).unwrap().parse().unwrap()
}

/// A key's text as written (a string's content, a number's literal); empty when absent.
fn written(t: &Table, key: &str) -> String {
    match t.get(key).and_then(Item::as_value) {
        Some(v) => v.as_str().map_or_else(|| v.to_string().split('#').next().unwrap_or_default().trim().to_string(), str::to_string),
        None => String::new(),
    }
}

/// Write `text` at (row, col): a number as a number, the rest as text.
fn put(ws: &mut Worksheet, row: u32, col: u16, text: &str) {
    if text.is_empty() {
        return;
    }
    match text.parse::<f64>() {
        Ok(n) => ws.write_number(row, col, n).map(|_| ()),
        Err(_) => ws.write_string(row, col, text).map(|_| ()),
    }
    .unwrap();
}

/// How [`form_book`] lays the form out.
#[derive(Clone, Copy, Default)]
struct Layout {
    /// Another title row above, and everything one column to the right;
    /// 主管部门 and 实施单位 with their values below them, not beside.
    moved: bool,
    /// Leave out the 主管部门 label (its value stays).
    without_department: bool,
}

/// The 自评表 of `doc` laid out as the real form is (see the module doc).
fn form_book(doc: &DocumentMut, layout: Layout) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("自评表").unwrap();
    let f = Format::new();
    let (top, left) = if layout.moved { (2u32, 1u16) } else { (1, 0) };
    let c = |n: u16| left + n;
    ws.merge_range(0, c(0), 0, c(8), "项目支出绩效自评表", &f).unwrap();
    if layout.moved {
        ws.merge_range(1, c(0), 1, c(8), "（2023年度）", &f).unwrap();
    }
    let mut r = top;
    ws.write_string(r, c(0), "项目名称").unwrap();
    ws.merge_range(r, c(1), r, c(8), &written(doc, "name"), &f).unwrap();
    r += 1;
    if layout.moved {
        ws.merge_range(r, c(0), r, c(3), "主管部门", &f).unwrap();
        ws.merge_range(r, c(4), r, c(8), "实施单位", &f).unwrap();
        ws.merge_range(r + 1, c(0), r + 1, c(3), &written(doc, "department"), &f).unwrap();
        ws.merge_range(r + 1, c(4), r + 1, c(8), &written(doc, "implementer"), &f).unwrap();
        r += 2;
    } else {
        if !layout.without_department {
            ws.write_string(r, c(0), "主管部门").unwrap();
        }
        ws.merge_range(r, c(1), r, c(3), &written(doc, "department"), &f).unwrap();
        ws.write_string(r, c(4), "实施单位").unwrap();
        ws.merge_range(r, c(5), r, c(8), &written(doc, "implementer"), &f).unwrap();
        r += 1;
    }
    ws.write_string(r, c(0), "项目负责人").unwrap();
    ws.merge_range(r, c(1), r, c(3), &written(doc, "manager"), &f).unwrap();
    ws.write_string(r, c(4), "联系电话").unwrap();
    ws.merge_range(r, c(5), r, c(8), &written(doc, "phone"), &f).unwrap();
    r += 1;
    // 项目资金: the label merged down over the block, the header beside it.
    let funds = doc["funds"].as_array_of_tables().unwrap();
    ws.merge_range(r, c(0), r + funds.len() as u32, c(0), "项目资金\n（万元）", &f).unwrap();
    for (i, title) in ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"].iter().enumerate() {
        ws.write_string(r, c(2 + i as u16), *title).unwrap();
    }
    for row in funds {
        r += 1;
        ws.write_string(r, c(1), written(row, "name")).unwrap();
        for (i, key) in ["initial", "full_year", "executed", "max", "rate_pct", "score"].iter().enumerate() {
            let text = written(row, key);
            match *key {
                "rate_pct" if !text.is_empty() => ws.write_string(r, c(2 + i as u16), format!("{text}%")).map(|_| ()).unwrap(),
                // The 其中 rows show “—” for 分值 and 得分.
                "max" | "score" if text.is_empty() && written(row, "name") != "年度资金总额" => {
                    ws.write_string(r, c(2 + i as u16), "—").map(|_| ()).unwrap()
                }
                _ => put(ws, r, c(2 + i as u16), &text),
            }
        }
    }
    r += 1;
    ws.merge_range(r, c(0), r + 1, c(0), "年度总体目标", &f).unwrap();
    ws.merge_range(r, c(1), r, c(4), "预期目标", &f).unwrap();
    ws.merge_range(r, c(5), r, c(8), "实际完成情况", &f).unwrap();
    ws.merge_range(r + 1, c(1), r + 1, c(4), &written(doc, "goal_expected"), &f).unwrap();
    ws.merge_range(r + 1, c(5), r + 1, c(8), &written(doc, "goal_actual"), &f).unwrap();
    r += 2;
    // 绩效指标: 一级指标 merged down over its rows.
    let indicators: Vec<&Table> = doc["indicators"].as_array_of_tables().unwrap().iter().collect();
    ws.merge_range(r, c(0), r + indicators.len() as u32, c(0), "绩效指标", &f).unwrap();
    for (i, title) in ["一级指标", "二级指标", "三级指标", "年度\n指标值", "实际\n完成值", "分值", "得分", "偏差原因分析及改进措施"].iter().enumerate()
    {
        ws.write_string(r, c(1 + i as u16), *title).unwrap();
    }
    let first = r + 1;
    for (i, ind) in indicators.iter().enumerate() {
        let row = first + i as u32;
        let level1 = written(ind, "level1");
        let starts = i == 0 || written(indicators[i - 1], "level1") != level1;
        let span = indicators[i..].iter().take_while(|x| written(x, "level1") == level1).count() as u32;
        if starts && span > 1 {
            ws.merge_range(row, c(1), row + span - 1, c(1), &level1, &f).unwrap();
        } else if starts {
            ws.write_string(row, c(1), &level1).unwrap();
        }
        for (k, key) in ["level2", "name", "target", "actual", "max", "score", "deviation"].iter().enumerate() {
            put(ws, row, c(2 + k as u16), &written(ind, key));
        }
    }
    r = first + indicators.len() as u32;
    ws.merge_range(r, c(0), r, c(5), "总分", &f).unwrap();
    put(ws, r, c(6), &written(doc, "total_max"));
    put(ws, r, c(7), &written(doc, "total_score"));
    book.save_to_buffer().unwrap()
}

/// The TOML beside the workbook: what the sheet has no cell for.
fn notes(doc: &DocumentMut) -> String {
    format!("weights_sum_to_100 = {}\ntext = {}\n", doc["weights_sum_to_100"], doc["text"].as_value().unwrap().to_string().trim())
}

/// The demo copied to a temporary folder with the form as the TOML `toml`
/// alone, or — given `book` — as the workbook with `toml` beside it.
fn demo_with(toml: &str, book: Option<&[u8]>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &content);
    fs::write(content.join(format!("{FORM}.toml")), toml).unwrap();
    // Its narrative binds the form's figures (the binding test copies it back).
    fs::remove_file(content.join("units/xinjiekou/2023/forms.md")).unwrap();
    if let Some(book) = book {
        fs::write(content.join(format!("{FORM}.xlsx")), book).unwrap();
    }
    (dir, content)
}

/// The diagnostics of the form's files.
fn of_form(diags: &[Diag]) -> Vec<Diag> {
    diags.iter().filter(|d| d.file.contains(FORM)).cloned().collect()
}

/// The text of the form's page in a build of `content`.
fn form_page(content: &Path) -> String {
    let out = content.parent().unwrap().join("site");
    let o = common::gongkai(&["build", "--publish-as-is", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = fs::read_to_string(out.join("units/xinjiekou/2023/evaluation/projects/party-service-fund.html")).unwrap();
    common::spaced_text(&html)
}

#[test]
fn a_form_workbook_gives_the_same_page_and_findings_as_its_toml() {
    let doc = form_toml();
    let (_a, content) = demo_with(&doc.to_string(), None);
    let (before, page_before) = (of_form(&check_json(&content)), form_page(&content));
    let (_b, content) = demo_with(&notes(&doc), Some(&form_book(&doc, Layout::default())));
    let (after, page_after) = (of_form(&check_json(&content)), form_page(&content));
    assert_eq!(findings(&before), findings(&after));
    assert!(page_before.contains("社区党组织服务群众经费") && page_before.contains("92.66"), "{page_before}");
    // The workbook read as data is the page's 附件 (the TOML form has none); otherwise the same page.
    let at = page_after.find(" 附件 party-service-fund.xlsx （Excel 工作簿，").expect("the workbook is listed as 附件");
    let end = at + page_after[at..].find('）').unwrap() + '）'.len_utf8();
    let page_after = format!("{}{}", &page_after[..at], &page_after[end..]);
    let page_after = page_after.replace("party-service-fund.xlsx", "party-service-fund.toml");
    assert_eq!(page_before, page_after, "the same page from the TOML form and from the workbook");
}

/// The demo form with 社区数量's 得分 raised from 10 to 12 (its 分值 is 10).
fn raised_score() -> DocumentMut {
    let mut doc = form_toml();
    doc["indicators"].as_array_of_tables_mut().unwrap().get_mut(0).unwrap()["score"] = toml_edit::value(12);
    doc
}

#[test]
fn an_edited_score_is_reported_at_its_cell_as_in_the_toml() {
    let doc = raised_score();
    let (_a, content) = demo_with(&doc.to_string(), None);
    let before = of_form(&check_json(&content));
    let (_b, content) = demo_with(&notes(&doc), Some(&form_book(&doc, Layout::default())));
    let after = of_form(&check_json(&content));
    assert_eq!(findings(&before), findings(&after), "the same findings: {after:#?}");
    let score = after.iter().find(|d| d.field == "indicators[0].score").expect("the raised score is found");
    assert!(score.file.ends_with("party-service-fund.xlsx"), "{score:#?}");
    // Row 13: title, 3 fact rows, 5 funds rows, 2 goal rows, the indicator header, then 社区数量; 得分 is column H.
    assert_eq!(score.cell.as_deref(), Some("自评表!H13"), "{score:#?}");
    let total = after.iter().find(|d| d.field == "total_score").expect("the 总分 no longer adds up");
    assert_eq!(total.cell.as_deref(), Some("自评表!H19"), "{total:#?}");
}

#[test]
fn labels_are_found_where_they_moved() {
    let doc = raised_score();
    let (_a, content) = demo_with(&notes(&doc), Some(&form_book(&doc, Layout::default())));
    let plain = of_form(&check_json(&content));
    let (_b, content) = demo_with(&notes(&doc), Some(&form_book(&doc, Layout { moved: true, ..Layout::default() })));
    let moved = of_form(&check_json(&content));
    assert_eq!(findings(&plain), findings(&moved));
    // One more title row, one more fact row and one column to the right.
    let score = moved.iter().find(|d| d.field == "indicators[0].score").unwrap();
    assert_eq!(score.cell.as_deref(), Some("自评表!I15"), "{score:#?}");
}

#[test]
fn a_missing_label_is_one_diagnostic() {
    let doc = form_toml();
    let (_a, content) = demo_with(&notes(&doc), Some(&form_book(&doc, Layout { without_department: true, ..Layout::default() })));
    let diags = check_json(&content);
    let form = of_form(&diags);
    assert_eq!(form.len(), 1, "{form:#?}");
    assert_eq!(form[0].code, "E-WORKBOOK");
    assert!(form[0].message.contains("找不到“主管部门”"), "{:#?}", form[0]);
    assert!(form[0].file.ends_with("party-service-fund.xlsx"));
    // Its TOML alone without the workbook still reads as a whole form: notes are no form.
    let (_b, content) = demo_with(&notes(&doc), None);
    let alone = of_form(&check_json(&content));
    assert!(alone.iter().any(|d| d.message.contains("name")), "{alone:#?}");
}

/// `book` with the cell `(row, col)` of its first sheet replaced by the
/// number `n` (every cell copied as it reads, merges left out).
fn with_number(book: &[u8], at: (u32, u16), n: f64) -> Vec<u8> {
    use calamine::{Data, Reader};
    let mut read = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(book.to_vec())).unwrap();
    let name = read.sheet_names()[0].clone();
    let range = read.worksheet_range(&name).unwrap();
    let mut out = Workbook::new();
    let ws = out.add_worksheet();
    ws.set_name(&name).unwrap();
    let (row0, col0) = range.start().unwrap();
    for (r, c, d) in range.used_cells() {
        let (row, col) = (row0 + r as u32, (col0 + c as u32) as u16);
        match d {
            _ if (row, col) == at => ws.write_number(row, col, n).map(|_| ()),
            Data::Float(f) => ws.write_number(row, col, *f).map(|_| ()),
            Data::Int(i) => ws.write_number(row, col, *i as f64).map(|_| ()),
            other => ws.write_string(row, col, other.to_string()).map(|_| ()),
        }
        .unwrap();
    }
    out.save_to_buffer().unwrap()
}

#[test]
fn the_template_reads_back_clean_and_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    assert!(common::gongkai(&["init", content.to_str().unwrap()]).status.success());
    let projects = content.join("units/example/2024/projects");
    fs::create_dir_all(&projects).unwrap();
    let book = projects.join("example.xlsx");
    let o = common::gongkai(&["template", "form", book.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(common::gongkai(&["template", "form", book.to_str().unwrap()]).status.code(), Some(1), "never overwrites");
    fs::write(projects.join("example.toml"), "weights_sum_to_100 = true\ntext = \"示例项目自评得分100分。\"\n").unwrap();
    assert_eq!(check_json(&content), vec![], "the template reads back without diagnostics");
    // It is read: the 总分 得分 (H16) made 90 no longer adds up, found at its cell (merges gone, labels still found).
    let edited = with_number(&fs::read(&book).unwrap(), (15, 7), 90.0);
    fs::write(&book, edited).unwrap();
    let diags = check_json(&content);
    let total = common::only(diags);
    assert_eq!((total.code.as_str(), total.field.as_str(), total.cell.as_deref()), ("E-FIGURE", "total_score", Some("自评表!H16")), "{total:#?}");
    assert!(total.message.starts_with("总分（得分）与计算值不符：写作 90分，按 预算执行率得分 + 各指标得分之和 计算为 100"), "{total:#?}");
}

/// The text of the 绩效评价 page (where `forms.md` binds the form's figures) in a build of `content`.
fn evaluation_page(content: &Path) -> String {
    let out = content.parent().unwrap().join("site");
    let o = common::gongkai(&["build", "--publish-as-is", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    common::text(&fs::read_to_string(out.join("units/xinjiekou/2023/evaluation/index.html")).unwrap())
}

#[test]
fn narrative_bindings_into_a_workbook_form_resolve_as_into_its_toml() {
    // forms.md binds `projects/party-service-fund.funds[其中：当年财政拨款].initial`,
    // `.indicators[…].target`, `.total_score`: with the form in a workbook they
    // resolve against the form as read, to the same figures.
    let forms_md = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/units/xinjiekou/2023/forms.md");
    let doc = form_toml();
    let (_a, toml_content) = demo_with(&doc.to_string(), None);
    fs::copy(&forms_md, toml_content.join("units/xinjiekou/2023/forms.md")).unwrap();
    let (_b, content) = demo_with(&notes(&doc), Some(&form_book(&doc, Layout::default())));
    fs::copy(&forms_md, content.join("units/xinjiekou/2023/forms.md")).unwrap();
    let diags = check_json(&content);
    assert!(diags.iter().all(|d| d.code != "E-REFERENCE"), "{:#?}", diags.iter().filter(|d| d.code == "E-REFERENCE").collect::<Vec<_>>());
    let (page_toml, page_book) = (evaluation_page(&toml_content), evaluation_page(&content));
    assert!(page_book.contains("21个社区，由区财政拨付420万元"), "{page_book}");
    let bound = |page: &str| page.split("个社区，由区财政拨付").nth(1).map(|rest| rest.chars().take(120).collect::<String>());
    assert_eq!(bound(&page_book), bound(&page_toml), "the same figures as from the TOML");
}

#[test]
fn a_misnamed_file_in_projects_names_the_workbook_forms_too() {
    let (_dir, content) = demo_with(&form_toml().to_string(), None);
    fs::write(content.join("units/xinjiekou/2023/projects/自评表.xlsx"), b"").unwrap();
    let d = common::only_code(&check_json(&content), "E-LAYOUT");
    assert!(d.message.contains("自评表.xlsx") && d.message.contains(".toml") && d.message.contains(".xlsx、.xls、.ods"), "{d:#?}");
}
