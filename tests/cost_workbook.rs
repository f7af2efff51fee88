//! 成本预算明细工作簿: a 成本绩效分析's budget lines kept in
//! `cost/<slug>.xlsx` beside `cost/<slug>.toml` without
//! `[[budgets.services.lines]]` (docs/content-format.md §3.8.6). The
//! workbooks here are CREATED IN THE TEST from the demo's 月坛 2023 TOML
//! with rust_xlsxwriter ([`convert`]), so the same lines give the same
//! figures and findings — only their places change to `file!sheet!cell`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Diag, check_json, copy_dir, findings, gongkai};
use rust_xlsxwriter::Workbook;
use toml_edit::{DocumentMut, Item, Value};

/// The demo's cost analysis.
const COST: &str = "units/yuetan/2023/cost/relief-service-station";

/// The columns [`convert`] writes: heading and the line's key (服务内容 is the service's name).
const COLUMNS: &[(&str, &str)] =
    &[("服务内容", ""), ("成本类别", "item"), ("工作内容", "description"), ("数量", "quantity"), ("单位", "unit"), ("单价", "price"), ("金额", "amount")];

/// A value's text as written in the TOML (a string's content, a number's literal).
fn written(v: &Value) -> String {
    match v.as_str() {
        Some(s) => s.to_string(),
        None => v.to_string().split('#').next().unwrap_or_default().trim().to_string(),
    }
}

/// The demo's cost TOML without what cells cannot hold on a line
/// (`restated`, `norm`, `norm_quantity`): the baseline both runs share.
fn plain_toml() -> DocumentMut {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content").join(format!("{COST}.toml"));
    let mut doc: DocumentMut = fs::read_to_string(path).unwrap().parse().unwrap();
    for budget in doc["budgets"].as_array_of_tables_mut().unwrap().iter_mut() {
        for service in budget["services"].as_array_of_tables_mut().unwrap().iter_mut() {
            for line in service["lines"].as_array_of_tables_mut().unwrap().iter_mut() {
                for key in ["restated", "norm", "norm_quantity"] {
                    line.remove(key);
                }
            }
        }
    }
    doc
}

/// The workbook holding the lines of `doc` (one sheet per budget, named
/// `<year>年`; the service's name only on its first line), and `doc` without them.
fn convert(mut doc: DocumentMut) -> (Vec<u8>, String) {
    let mut book = Workbook::new();
    for budget in doc["budgets"].as_array_of_tables_mut().unwrap().iter_mut() {
        let ws = book.add_worksheet();
        ws.set_name(format!("{}年", budget["year"].as_integer().unwrap())).unwrap();
        ws.write_string(0, 0, budget["title"].as_str().unwrap()).unwrap();
        ws.write_string(1, 0, "单位：元").unwrap();
        for (c, (title, _)) in COLUMNS.iter().enumerate() {
            ws.write_string(2, c as u16, *title).unwrap();
        }
        let mut row = 3;
        for service in budget["services"].as_array_of_tables_mut().unwrap().iter_mut() {
            let name = service["name"].as_str().unwrap().to_string();
            let lines = service.remove("lines").unwrap();
            for (i, line) in lines.as_array_of_tables().unwrap().iter().enumerate() {
                if i == 0 {
                    ws.write_string(row, 0, &name).unwrap();
                }
                for (c, (_, key)) in COLUMNS.iter().enumerate().skip(1) {
                    let value = match *key {
                        "amount" => line.get("amount").or(line.get("formula")),
                        k => line.get(k),
                    };
                    let Some(text) = value.and_then(Item::as_value).map(written) else { continue };
                    // A whole number as a number (calamine gives it back as written), the rest as text.
                    match text.parse::<i64>() {
                        Ok(n) => ws.write_number(row, c as u16, n as f64).map(|_| ()),
                        Err(_) => ws.write_string(row, c as u16, &text).map(|_| ()),
                    }
                    .unwrap();
                }
                row += 1;
            }
            ws.write_string(row, 1, "小计").unwrap();
            row += 1;
        }
    }
    (book.save_to_buffer().unwrap(), doc.to_string())
}

/// The demo copied to a temporary folder with the cost TOML `toml` and, if
/// given, the workbook `book` beside it.
fn demo_with(toml: &str, book: Option<&[u8]>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &content);
    fs::write(content.join(format!("{COST}.toml")), toml).unwrap();
    if let Some(book) = book {
        fs::write(content.join(format!("{COST}.xlsx")), book).unwrap();
    }
    (dir, content)
}

/// The diagnostics of the cost analysis's files.
fn of_cost(diags: &[Diag]) -> Vec<Diag> {
    diags.iter().filter(|d| d.file.contains(COST)).cloned().collect()
}

#[test]
fn budget_lines_in_a_workbook_give_the_same_findings_at_their_cells() {
    let plain = plain_toml();
    let (_a, content) = demo_with(&plain.to_string(), None);
    let before = of_cost(&check_json(&content));
    let (book, toml) = convert(plain);
    assert!(!toml.contains("[[budgets.services.lines]]"), "the lines are in the workbook only");
    let (_b, content) = demo_with(&toml, Some(&book));
    let after = of_cost(&check_json(&content));
    assert_eq!(findings(&before), findings(&after), "the same findings from the TOML lines and from the workbook");
    assert!(after.iter().all(|d| !d.file.ends_with(".xlsx")), "faithful lines have no findings of their own: {after:#?}");
}

/// `book` with the cell `(row, col)` of sheet `sheet` replaced by the number `n`.
fn with_number(book: &[u8], sheet: &str, at: (u32, u16), n: f64) -> Vec<u8> {
    use calamine::{Data, Reader};
    let mut read = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(book.to_vec())).unwrap();
    let mut out = Workbook::new();
    for name in read.sheet_names() {
        let range = read.worksheet_range(&name).unwrap();
        let ws = out.add_worksheet();
        ws.set_name(&name).unwrap();
        for (r, c, d) in range.used_cells() {
            let (row, col) = (r as u32, c as u16);
            match d {
                _ if name == sheet && (row, col) == at => ws.write_number(row, col, n).map(|_| ()),
                Data::Float(f) => ws.write_number(row, col, *f).map(|_| ()),
                other => ws.write_string(row, col, other.to_string()).map(|_| ()),
            }
            .unwrap();
        }
    }
    out.save_to_buffer().unwrap()
}

#[test]
fn an_edited_price_is_found_at_its_line_cells() {
    let (book, toml) = convert(plain_toml());
    // 2022年 row 4 (index 3) is 1.需求评估's 入户评估劳务费: 3人*180次 × 200.00 = 108000; 单价 is column F.
    let edited = with_number(&book, "2022年", (3, 5), 210.0);
    let (_dir, content) = demo_with(&toml, Some(&edited));
    let diags = of_cost(&check_json(&content));
    // The line's 金额 cell (G4) states 108000; 3人*180次 × 210 is 113400.
    let amount = diags.iter().find(|d| d.field == "budgets[0].services[0].lines[0].formula").expect("the line's amount is found wrong");
    assert_eq!(amount.cell.as_deref(), Some("2022年!G4"), "{amount:#?}");
    assert!(amount.file.ends_with("relief-service-station.xlsx"), "{amount:#?}");
    assert_eq!(amount.figures(), (Some("108000元"), Some("113400.00元")));
}

#[test]
fn lines_are_written_in_one_place_and_bad_cells_are_named() {
    let plain = plain_toml();
    let (book, _) = convert(plain_toml());
    // Lines in the TOML and in the workbook.
    let (_dir, content) = demo_with(&plain.to_string(), Some(&book));
    let diags = of_cost(&check_json(&content));
    assert!(diags.iter().any(|d| d.code == "E-WORKBOOK" && d.message.contains("只能写在一处") && d.cell.as_deref() == Some("2022年!A4")), "{diags:#?}");
    // A 单价 that is no number.
    let (_, toml) = convert(plain_toml());
    let mut read_back = book.clone();
    {
        use calamine::Reader;
        let mut read = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(book.clone())).unwrap();
        let range = read.worksheet_range("2022年").unwrap();
        assert_eq!(range.get_value((3, 1)).map(|d| d.to_string()).as_deref(), Some("入户评估劳务费"));
        let mut out = Workbook::new();
        let ws = out.add_worksheet();
        ws.set_name("2022年").unwrap();
        for (r, c, d) in range.used_cells() {
            let text = if (r, c) == (3, 5) { "二百元".to_string() } else { d.to_string() };
            ws.write_string(r as u32, c as u16, &text).unwrap();
        }
        read_back = out.save_to_buffer().unwrap_or(read_back);
    }
    let (_dir, content) = demo_with(&toml, Some(&read_back));
    let diags = of_cost(&check_json(&content));
    assert!(diags.iter().any(|d| d.code == "E-WORKBOOK" && d.cell.as_deref() == Some("2022年!F4") && d.message.contains("二百元")), "{diags:#?}");
    // Without lines anywhere: the service is named.
    let (_dir, content) = demo_with(&toml, None);
    let diags = of_cost(&check_json(&content));
    assert!(diags.iter().any(|d| d.code == "E-REFERENCE" && d.message.contains("1.需求评估") && d.message.contains("没有明细行")), "{diags:#?}");
}

#[test]
fn the_template_reads_back_without_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("成本预算明细.xlsx");
    let o = common::gongkai(&["template", "cost", book.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(common::gongkai(&["template", "cost", book.to_str().unwrap()]).status.code(), Some(1), "never overwrites");
    // The template's example service and year, declared in a small cost TOML.
    let toml = "title = \"示例\"\nproject = \"示例项目\"\n\n[[budgets]]\nyear = 2024\ntitle = \"2024年示例项目预算（合同）情况表\"\nunit = \"元\"\n\n\
                [[budgets.services]]\nname = \"1.示例服务\"\n";
    let (_dir, content) = demo_with(toml, Some(&fs::read(&book).unwrap()));
    let diags = of_cost(&check_json(&content));
    assert_eq!(diags, vec![], "the template reads clean");
}

#[test]
fn workbook_lines_are_in_data_json_with_their_columns_decimals() {
    let plain = plain_toml();
    let written: usize = plain["budgets"]
        .as_array_of_tables()
        .unwrap()
        .iter()
        .flat_map(|b| b["services"].as_array_of_tables().unwrap().iter())
        .map(|s| s["lines"].as_array_of_tables().unwrap().len())
        .sum();
    let (book, toml) = convert(plain);
    // 2022年 F4 is 入户评估劳务费's 单价 200.00 (text); as the number 200 it is
    // read with its column's two decimals (30.00, 50.00 … below), 200.00 again.
    let edited = with_number(&book, "2022年", (3, 5), 200.0);
    let (dir, content) = demo_with(&toml, Some(&edited));
    let out = dir.path().join("site");
    let o = gongkai(&["build", "--publish-as-is", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(out.join("units/yuetan/2023/data.json")).unwrap()).unwrap();
    let budgets = json["files"]["cost/relief-service-station"]["budgets"].as_array().unwrap();
    let line = &budgets[0]["services"][0]["lines"][0];
    assert_eq!((line["item"].as_str(), line["quantity"].as_str()), (Some("入户评估劳务费"), Some("3人*180次")), "{line:#}");
    assert_eq!(line["price"].as_str(), Some("200.00"), "the column's decimals: {line:#}");
    let listed: usize = budgets.iter().flat_map(|b| b["services"].as_array().unwrap()).map(|s| s["lines"].as_array().map_or(0, Vec::len)).sum();
    assert_eq!(listed, written, "every line of the workbook is in data.json, as the TOML's would be");
}
