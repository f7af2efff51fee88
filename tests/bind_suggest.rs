//! `gongkai bind --suggest FILE.md` end to end: on the `init` example
//! with a narrative restating data figures, the figures that agree with
//! exactly one data figure are proposed as `{{ }}` bindings (a unified
//! diff on stdout), `--write` applies them to that file only, and `check`
//! afterwards reports the same diagnostics while the page shows them bound
//! and verified. A figure that disagrees, a decrease, an unresolved count
//! and a figure several data figures agree with are never proposed; a
//! file outside the content folder, or changed since it was read, is not
//! written.

mod common;

use std::fs;

use common::{LIVELIHOOD_MD, check_json, example_with_narrative, gongkai};

/// 400.00 agrees with several data figures (classes and 公开表 rows), 减少
/// 100.00 is a decrease, 120户 names nothing, 121.00 contradicts the data:
/// only 33.33%, 120.00万元 and 300.00万元 are proposed.
const BODY: &str = "一般公共服务支出400.00万元，占本年财政拨款支出33.33%，比上年减少100.00万元。最低生活保障金120.00万元，走访困难家庭120户。\n\n基本支出300.00万元。最低生活保障金121.00万元。";

const LINE_6: &str = "+一般公共服务支出400.00万元，占本年财政拨款支出{{ 33.33 = final-accounts.general_budget.classes[一般公共服务支出].share_pct | % }}，比上年减少100.00万元。最低生活保障金{{ 120.00 = final-accounts.livelihood[最低生活保障金].amount | 万元 }}，走访困难家庭120户。\n";
const LINE_8: &str = "+基本支出{{ 300.00 = final-accounts.expenditure.items[基本支出].amount | 万元 }}。最低生活保障金121.00万元。\n";

/// (code, line, field) of every diagnostic: what `check` reports, columns aside.
fn reported(content: &std::path::Path) -> Vec<(String, u64, String)> {
    check_json(content).into_iter().map(|d| (d.code.clone(), d.line, d.field.clone())).collect()
}

#[test]
fn agreeing_figures_are_proposed_and_write_applies_them_with_no_new_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let content = example_with_narrative(dir.path(), BODY);
    let md = content.join(LIVELIHOOD_MD);
    let before = fs::read_to_string(&md).unwrap();
    let diags = reported(&content);
    assert_eq!(diags, [("E-PROSE".to_string(), 8, "正文：最低生活保障金".to_string())]);

    let args = ["bind", "--suggest", md.to_str().unwrap(), "--content", content.to_str().unwrap()];
    let o = gongkai(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let diff = String::from_utf8(o.stdout).unwrap();
    assert!(diff.starts_with("--- a/units/example/2024/livelihood.md\n+++ b/units/example/2024/livelihood.md\n"), "{diff}");
    assert!(diff.contains(LINE_6) && diff.contains(LINE_8), "{diff}");
    assert_eq!(diff.matches("{{").count(), 3, "{diff}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("建议把 3 个正文数字改为引用"));
    // Printing changes nothing.
    assert_eq!(fs::read_to_string(&md).unwrap(), before);

    let o = gongkai(&[&args[..], &["--write"]].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let after = fs::read_to_string(&md).unwrap();
    assert!(after.contains(&LINE_6[1..]) && after.contains(&LINE_8[1..]), "{after}");
    assert_eq!(reported(&content), diags, "no new diagnostic once bound");
    // Nothing left to propose.
    let o = gongkai(&args);
    assert!(o.stdout.is_empty() && String::from_utf8_lossy(&o.stderr).contains("没有引用建议"));

    // The page shows the three as bound, verified figures with their data's source.
    let out = dir.path().join("public");
    assert!(gongkai(&["build", "-q", "--publish-as-is", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]).status.success());
    let page = fs::read_to_string(out.join("units/example/2024/final-accounts/index.html")).unwrap();
    let narrative = &page[page.find("<div class=narrative>").unwrap()..];
    let narrative = &narrative[..narrative.find("</div>").unwrap()];
    assert_eq!(narrative.matches("<span class=bound ").count(), 3, "{narrative}");
    let src = "units/example/2024/final-accounts.toml:92";
    assert!(narrative.contains(&format!("<span class=bound data-src={src}>120.00万元</span>")), "{narrative}");
}

#[test]
fn a_figure_that_disagrees_is_never_proposed() {
    let dir = tempfile::tempdir().unwrap();
    let content = example_with_narrative(dir.path(), "最低生活保障金150.00万元。一般公共服务支出比上年减少100.00万元。");
    let md = content.join(LIVELIHOOD_MD);
    let before = fs::read_to_string(&md).unwrap();
    let o = gongkai(&["bind", "--suggest", md.to_str().unwrap(), "--content", content.to_str().unwrap(), "--write"]);
    assert!(o.status.success());
    assert!(o.stdout.is_empty(), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(String::from_utf8_lossy(&o.stderr).contains("没有可以确定对应数据且与之一致的正文数字，没有引用建议"));
    assert_eq!(fs::read_to_string(&md).unwrap(), before);
}

#[test]
fn only_a_narrative_inside_the_content_folder_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let content = example_with_narrative(dir.path(), BODY);
    let outside = dir.path().join("livelihood.md");
    fs::copy(content.join(LIVELIHOOD_MD), &outside).unwrap();
    let before = fs::read_to_string(&outside).unwrap();
    let o = gongkai(&["bind", "--suggest", outside.to_str().unwrap(), "--content", content.to_str().unwrap(), "--write"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("不在内容目录"), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(fs::read_to_string(&outside).unwrap(), before);
    // A data file of the content folder is not a narrative.
    let toml = content.join("units/example/2024/final-accounts.toml");
    let o = gongkai(&["bind", "--suggest", toml.to_str().unwrap(), "--content", content.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("不是叙述文件"));
}

#[test]
fn a_file_changed_since_it_was_read_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let content = example_with_narrative(dir.path(), BODY);
    let md = content.join(LIVELIHOOD_MD);
    let proposed = gongkai::suggest_bindings(&content, &md).unwrap();
    assert_eq!(proposed.count, 3);
    let edited = fs::read_to_string(&md).unwrap() + "\n作者刚刚加的一句。\n";
    fs::write(&md, &edited).unwrap();
    let refused = proposed.write().expect_err("a changed file is not written").to_string();
    assert!(refused.contains("在读取之后被改动过，没有写入"), "{refused}");
    assert_eq!(fs::read_to_string(&md).unwrap(), edited);
}
