//! The government site's conventions (issue M item 10): the 信息公开 block
//! above each report's title, the footer's identifiers, the unit's 联系方式
//! and 附件, on `tests/fixtures/conventions` (every field set) and on the
//! demo (none set); and the diagnostics of a bad 发布日期, a missing
//! attachment and a stray file in `attachments/`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Diag, Severity, build_content as build, check_json, copy_dir, gongkai, mutated_copy, only_code, read_page as read, text};

/// The fixture's content folder (its `static/` lies beside it).
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/conventions/content");
const REPORT: &str = "units/example/2024/final-accounts.toml";
const PDF: &str = "2024年度部门决算 原文.pdf";

/// The fixture copied with `edits` made in its `file`, its `static/` beside it.
fn edited(file: &str, edits: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let (dir, content) = mutated_copy(Path::new(FIXTURE), file, edits);
    copy_dir(&Path::new(FIXTURE).with_file_name("static"), &dir.path().join("static"));
    (dir, content)
}

/// The text of the 信息公开 block of a page ("" when it has none).
fn meta_block(html: &str) -> String {
    html.split_once("class=gov-meta>").map(|(_, rest)| text(rest.split("</section>").next().unwrap_or(""))).unwrap_or_default()
}

#[test]
fn every_field_set_is_shown_where_a_government_site_shows_it() {
    let (_dir, site) = build(Path::new(FIXTURE));
    let report = read(&site, "units/example/2024/final-accounts/index.html");
    let block = meta_block(&report);
    // Each key with its value, in the order gov.cn lists them; 信息来源 from site.toml, 发布机构 from unit.toml.
    let expected = "索引号000014348/2025-00123发布机构示例街道办事处财政保障组文号示财预〔2025〕12号发布日期2025年9月12日信息来源示例区财政局\
                    联系电话010-66181234地址示例市示例区示例路27号邮编100032电子邮箱czbz@example.gov.cn";
    assert_eq!(block, expected);
    assert!(report.find("class=gov-meta") < report.find("<h1>"), "the block stands above the title");
    assert!(report.contains("href=tel:010-66181234"), "the phone number dials");
    // The attachment: listed with type and size, its link reaching the copy, byte for byte.
    assert!(report.contains(&format!("<a download href=../attachments/2024年度部门决算%20原文.pdf>{PDF}</a> <span class=muted>（PDF 文件，1 KB）</span>")));
    let original = fs::read(Path::new(FIXTURE).join("units/example/2024/attachments").join(PDF)).unwrap();
    assert_eq!(fs::read(site.join("units/example/2024/attachments").join(PDF)).unwrap(), original);
    let year = read(&site, "units/example/2024/index.html");
    assert!(year.contains(&format!("href=attachments/2024年度部门决算%20原文.pdf>{PDF}</a>")), "the year page lists it too");
    // The footer on a page three folders down: identifiers, and the emblem linked from that depth.
    let footer = report.split("<footer").nth(1).unwrap();
    for want in [
        "主办单位：示例区人民政府",
        "承办单位：示例区财政局信息中心",
        "网站标识码：1101020001",
        "ICP备案号：京ICP备05012345号",
        "公网安备案号：京公网安备 11010202000001号",
    ] {
        assert!(text(footer).contains(want), "{want}: {footer}");
    }
    assert!(footer.contains("src=../../../../static/emblem.png"), "{footer}");
    assert!(read(&site, "index.html").contains("src=static/emblem.png"));
    assert!(site.join("static/emblem.png").is_file());
    // The unit page's 联系方式.
    let unit = text(&read(&site, "units/example/index.html"));
    assert!(unit.contains("联系方式联系电话010-66181234地址示例市示例区示例路27号邮编100032电子邮箱czbz@example.gov.cn"), "{unit}");
    // The 数据核验 page is no report page: no block.
    assert_eq!(meta_block(&read(&site, "units/example/2024/checks/index.html")), "");
}

#[test]
fn the_demo_sets_none_and_shows_only_the_publisher_and_its_workbook() {
    let site = common::site();
    let tracking = read(site, "units/baizhifang/2020/tracking/index.html");
    assert_eq!(meta_block(&tracking), "发布机构北京市西城区人民政府白纸坊街道办事处");
    assert!(!tracking.contains("site-ids") && !tracking.contains("emblem"), "no footer identifiers when none is set");
    assert!(!text(&read(site, "units/baizhifang/index.html")).contains("联系方式"));
    // The 绩效跟踪工作簿 read as data is a 附件 of its report and year.
    let book = "绩效跟踪.xlsx";
    assert!(tracking.contains(&format!("<a download href=../attachments/{book}>{book}</a> <span class=muted>（Excel 工作簿，")));
    assert!(read(site, "units/baizhifang/2020/index.html").contains(&format!("href=attachments/{book}>")));
    let original = fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/units/baizhifang/2020").join(book)).unwrap();
    assert_eq!(fs::read(site.join("units/baizhifang/2020/attachments").join(book)).unwrap(), original);
    // A report without attachments lists none.
    assert!(!read(site, "units/xinjiekou/2023/final-accounts/index.html").contains("id=attachments"));
}

#[test]
fn a_date_not_written_as_a_date_is_an_error_at_its_line() {
    for bad in ["2025-9-12", "2025年2月30日", "二〇二五年九月"] {
        let (_dir, content) = edited(REPORT, &[("\"2025年9月12日\"", &format!("\"{bad}\""))]);
        only_code(&check_json(&content), "E-DATE").assert_is(Severity::Error, "E-DATE", REPORT, 7, "publication.date", bad);
    }
    let (_dir, content) = edited("units/example/unit.toml", &[("[publication]\n", "[publication]\ndate = \"2025/09/12\"\n")]);
    only_code(&check_json(&content), "E-DATE").assert_is(Severity::Error, "E-DATE", "units/example/unit.toml", 6, "publication.date", "2025/09/12");
}

#[test]
fn a_named_attachment_must_be_in_the_folder() {
    let (_dir, content) = edited(REPORT, &[(PDF, "2024年度决算.pdf")]);
    let d: Diag = only_code(&check_json(&content), "E-REFERENCE");
    d.assert_is(Severity::Error, "E-REFERENCE", REPORT, 10, "publication.attachments", "2024年度决算.pdf");
    assert!(d.message.contains(PDF), "names what the folder holds: {d:?}");
}

#[test]
fn attachments_hold_documents_only() {
    let (_dir, content) = edited(REPORT, &[]);
    let folder = content.join("units/example/2024/attachments");
    fs::write(folder.join("说明.txt"), "x").unwrap();
    fs::create_dir(folder.join("more")).unwrap();
    fs::write(folder.join("表.XLSX"), "not read as data").unwrap();
    let diags = check_json(&content);
    let layout: Vec<&Diag> = diags.iter().filter(|d| d.code == "E-LAYOUT").collect();
    assert_eq!(layout.len(), 2, "{diags:#?}");
    assert!(layout.iter().any(|d| d.file.ends_with("attachments/说明.txt") && d.message.contains(".pdf")), "{layout:#?}");
    assert!(layout.iter().any(|d| d.file.ends_with("attachments/more") && d.message.contains("子目录")), "{layout:#?}");
    // Elsewhere in the year folder a stray file is still refused.
    fs::write(content.join("units/example/2024/原文.pdf"), "x").unwrap();
    assert!(check_json(&content).iter().any(|d| d.code == "E-LAYOUT" && d.file.ends_with("2024/原文.pdf")));
}

#[test]
fn a_missing_emblem_is_named() {
    let (_dir, content) = edited("site.toml", &[("static/emblem.png", "static/missing.png")]);
    only_code(&check_json(&content), "E-REFERENCE").assert_is(Severity::Error, "E-REFERENCE", "site.toml", 13, "identity.emblem", "static/missing.png");
}

#[test]
fn a_file_someone_put_among_the_attachments_is_not_overwritten() {
    let (dir, site) = build(Path::new(FIXTURE));
    let foreign = site.join("units/example/2024/attachments/另存.pdf");
    fs::write(&foreign, "someone's").unwrap();
    let o = gongkai(&["build", "--content", FIXTURE, "--out", site.to_str().unwrap()]);
    assert!(!o.status.success(), "a build over a site with a file it did not write is refused");
    assert_eq!(fs::read_to_string(&foreign).unwrap(), "someone's");
    drop(dir);
}
