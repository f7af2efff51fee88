//! First steps: `gongkai new unit` and `gongkai new year` write what a new
//! unit or year needs, every figure and passage to fill in left as "待填";
//! `check` then reports each of them (E-TODO, file:line and field) and
//! nothing else; every command and option has its help text; `init`,
//! `build` and a `check` without a content folder say what to do next.

mod common;

use std::fs;

use common::{Diag, check_json, gongkai};

fn run(args: &[&str]) -> String {
    let o = gongkai(args);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{args:?}: {stderr}");
    stderr
}

/// The diagnostics of files below `prefix` (a path inside the content folder).
fn below<'a>(diags: &'a [Diag], prefix: &str) -> Vec<&'a Diag> {
    diags.iter().filter(|d| d.file.contains(prefix)).collect()
}

fn assert_only_todo(diags: &[&Diag]) {
    assert!(!diags.is_empty(), "check names nothing to fill");
    for d in diags {
        assert_eq!(d.code, "E-TODO", "only the blanks are reported: {d:#?}");
        assert!(d.line > 0);
    }
}

/// Every diagnostic of a new year is about a blank (E-TODO; a count kept
/// from last year, `total = 52 # 待填`, is one of them), or was found in the
/// year it was copied from (`earlier`) at the same field: what is kept as
/// written — 成本定额's unit values and expressions — keeps its findings.
fn assert_only_blanks(diags: &[&Diag], earlier: &[&Diag]) {
    assert!(diags.iter().any(|d| d.code == "E-TODO"), "check names nothing to fill");
    let place = |d: &Diag| (d.file.rsplit_once("/20").map(|(_, rest)| rest[3..].to_string()).unwrap_or_default(), d.code.clone(), d.field.clone());
    let before: std::collections::BTreeSet<_> = earlier.iter().map(|d| place(d)).collect();
    for d in diags.iter().filter(|d| d.code != "E-TODO") {
        assert!(before.contains(&place(d)), "only the blanks, and what was found last year, are reported: {d:#?}");
    }
}

#[test]
fn a_new_year_of_each_demo_report_lists_only_what_to_fill() {
    let dir = tempfile::tempdir().unwrap();
    let content = common::demo_copy(dir.path());
    let c = content.to_str().unwrap();
    // 部门决算 + 绩效评价 (xinjiekou), 绩效评价 + 成本 (yuetan), 绩效跟踪 (desheng, and baizhifang's workbook).
    for (unit, from) in [("xinjiekou", "2023"), ("yuetan", "2023"), ("desheng", "2016"), ("baizhifang", "2020")] {
        let said = run(&["new", "year", unit, "2025", "--content", c]);
        assert!(said.contains(&format!("按 {from} 年度的结构")), "{said}");
        assert!(said.contains("gongkai check"), "{said}");
    }
    let said = run(&["new", "year", "jinsong", "2030", "--from", "2021", "--content", c]);
    assert!(said.contains("按 2021 年度的结构"), "{said}");
    assert!(content.join("units/yuetan/2025/cost/relief-service-station.toml").is_file());
    let blanked = fs::read_to_string(content.join("units/xinjiekou/2025/final-accounts.toml")).unwrap();
    assert!(blanked.contains("\"待填\""));

    let diags = check_json(&content);
    for (unit, year, from) in [("xinjiekou", "2025", "2023"), ("yuetan", "2025", "2023"), ("desheng", "2025", "2016"), ("jinsong", "2030", "2021")] {
        let found = below(&diags, &format!("units/{unit}/{year}/"));
        assert_only_blanks(&found, &below(&diags, &format!("units/{unit}/{from}/")));
        assert!(found.iter().any(|d| !d.field.is_empty()), "fields are named: {found:#?}");
    }
    // A year's narrative keeps its headings; its text is to fill.
    let md = fs::read_to_string(content.join("units/yuetan/2025/overview.md")).unwrap();
    assert!(md.starts_with("+++") && md.contains("\n待填\n"), "{md}");
    // (白纸坊's projects are in its workbook, which is not copied: its new
    // year says so, E-REFERENCE.)
    // Nothing is overwritten.
    let o = gongkai(&["new", "year", "xinjiekou", "2025", "--content", c]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("已存在"));
    // A count keeps last year's value, marked, and is listed to check:
    // 月坛's 监控项目 total, 新街口's 车辆数.
    let evaluation = fs::read_to_string(content.join("units/yuetan/2025/evaluation.toml")).unwrap();
    assert!(evaluation.lines().any(|l| l.starts_with("total = ") && l.ends_with(" # 待填")), "{evaluation}");
    for (file, field) in [("units/yuetan/2025/evaluation.toml", "monitoring.total"), ("units/xinjiekou/2025/final-accounts.toml", "vehicles")] {
        let listed = below(&diags, file);
        assert!(listed.iter().any(|d| d.code == "E-TODO" && d.field.ends_with(field) && d.message.contains("上一年度")), "{field}: {listed:#?}");
    }
    // No load error among the blanks, so the reports of earlier years are
    // checked as they were, beside the new years.
    let before = common::demo_check_json();
    let old = diags.iter().filter(|d| !["2025/", "2030/"].iter().any(|y| d.file.contains(y))).count();
    assert_eq!(old, before.len(), "the earlier years' diagnostics are unchanged");
}

#[test]
fn a_new_unit_and_its_first_year_name_every_blank_and_build_once_filled() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let c = content.to_str().unwrap();
    let said = run(&["init", c]);
    assert!(said.contains(&format!("gongkai check --content {c}")) && said.contains("gongkai build --content"), "{said}");

    let said = run(&["new", "unit", "beiyuan", "--content", c]);
    assert!(said.contains("new year beiyuan"), "{said}");
    let said = run(&["new", "year", "beiyuan", "2025", "--content", c]);
    assert!(said.contains("示例的部门决算"), "{said}");
    let diags = check_json(&content);
    let unit = below(&diags, "units/beiyuan/unit.toml");
    assert_only_todo(&unit);
    let fields: Vec<&str> = unit.iter().map(|d| d.field.as_str()).collect();
    assert_eq!(fields, ["name", "short_name", "region", "duties", "setup"]);
    let year = below(&diags, "units/beiyuan/2025/");
    assert_only_todo(&year);
    assert!(year.iter().any(|d| d.field == "overview.total" && d.file.ends_with("final-accounts.toml")), "{year:#?}");
    assert_eq!(diags.len(), unit.len() + year.len(), "the example's own year stays clean: {diags:#?}");

    // `build` publishes nothing while anything is to fill.
    let out = dir.path().join("public");
    let o = gongkai(&["build", "--content", c, "--out", out.to_str().unwrap(), "--publish-as-is"]);
    assert!(!o.status.success() && !out.exists());

    // Filled in (here: the example's own values), it builds and says what to open.
    fs::remove_dir_all(content.join("units/beiyuan")).unwrap();
    let said = run(&["build", "--content", c, "--out", out.to_str().unwrap()]);
    assert!(said.contains(&out.join("index.html").display().to_string()), "{said}");
    // A site without 单项定额 has no 单项定额一览 in its header (the demo's has).
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("glossary/index.html") && !home.contains("norms/index.html"), "{home}");

    let o = gongkai(&["new", "unit", "Bei Yuan", "--content", c]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("小写字母"));
}

#[test]
fn check_without_a_content_folder_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai")).arg("check").current_dir(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(stderr.contains("--content") && stderr.contains("gongkai init"), "{stderr}");
}

/// Every command, and every argument and option of each, has its help text.
#[test]
fn every_command_and_option_is_explained() {
    let top = String::from_utf8(gongkai(&["--help"]).stdout).unwrap();
    let commands = ["build", "serve", "check", "bind", "init", "new", "import", "template", "verify"];
    for c in commands {
        let line = top.lines().find(|l| l.trim_start().starts_with(&format!("{c} "))).unwrap_or_else(|| panic!("{c} not listed: {top}"));
        assert!(line.contains('/'), "{c} has its 中文 / English description: {line}");
    }
    let mut helps: Vec<Vec<&str>> = commands.iter().map(|c| vec![*c]).collect();
    helps.push(vec!["new", "unit"]);
    helps.push(vec!["new", "year"]);
    for args in helps {
        let o = gongkai(&[args.as_slice(), &["--help"]].concat());
        assert!(o.status.success(), "{args:?}");
        let help = String::from_utf8_lossy(&o.stdout).into_owned();
        let mut section = "";
        for line in help.lines() {
            if !line.starts_with(' ') {
                section = line;
                continue;
            }
            if !matches!(section, "Arguments:" | "Options:" | "Commands:") {
                continue;
            }
            // `  --content <CONTENT>  内容目录… [default: content]`: the text after the name.
            let entry = line.trim();
            let explained = entry.split_once("  ").map(|(_, rest)| rest.trim()).unwrap_or("");
            let explained = explained.split("[default:").next().unwrap_or("").trim();
            assert!(!explained.is_empty(), "{args:?}: no help for “{entry}”\n{help}");
        }
    }
}
