//! Cross-report checks, end to end: two reports of the same unit that state
//! the same figure differently give an E-CROSS naming both sources.

mod common;

use std::fs;
use std::path::Path;

use common::{copy_dir, gongkai};


fn check_lines(content: &Path) -> Vec<String> {
    let o = gongkai(&["check", "--content", content.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    err.lines().map(str::to_string).collect()
}

#[test]
fn the_demo_reports_agree_with_each_other() {
    let o = gongkai(&["check", "--format", "json"]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("E-CROSS"), "新街口 2023: 决算 and 绩效评价 state the same 支出");
}

#[test]
fn evaluation_execution_must_match_the_final_accounts() {
    // 新街口 2023: move 0.18万元 from 项目支出 to 基本支出 in the 决算 only
    // (the total stays 39985.83); the evaluation's parts now disagree with it.
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content")), &content);
    let fa = content.join("units/xinjiekou/2023/final-accounts.toml");
    let text = fs::read_to_string(&fa).unwrap().replacen("amount = 10795.86", "amount = 10795.68", 1).replacen("amount = 29189.97", "amount = 29190.15", 1);
    fs::write(&fa, text).unwrap();
    let cross: Vec<String> = check_lines(&content).into_iter().filter(|l| l.contains("E-CROSS")).collect();
    assert_eq!(cross.len(), 2, "{cross:#?}");
    assert!(cross[0].contains("evaluation.toml:43:") && cross[0].contains("execution.parts[0].actual"), "{}", cross[0]);
    assert!(cross[0].contains("本报告写作 10795.86万元，部门决算支出中的基本支出（") && cross[0].contains("final-accounts.toml:70）为 10795.68万元"), "{}", cross[0]);
    assert!(cross[1].contains("evaluation.toml:48:") && cross[1].contains("29190.15"), "{}", cross[1]);
}

#[test]
fn prior_year_figures_must_match_that_years_final_accounts() {
    // The init example's 2024 决算 says 上年 1000.00; a 2023 决算 totalling 1200.00 contradicts it.
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    assert!(gongkai(&["init", content.to_str().unwrap()]).status.success());
    fs::create_dir_all(content.join("units/example/2023")).unwrap();
    fs::copy(content.join("units/example/2024/final-accounts.toml"), content.join("units/example/2023/final-accounts.toml")).unwrap();
    let lines = check_lines(&content);
    let cross: Vec<&String> = lines.iter().filter(|l| l.contains("错误[")).collect();
    assert_eq!(cross.len(), 2, "{lines:#?}");
    assert!(cross[0].contains("2024/final-accounts.toml:8:") && cross[0].contains("E-CROSS") && cross[0].contains("overview.prior"), "{}", cross[0]);
    assert!(cross[0].contains("2023年度部门决算的收支总计（") && cross[0].contains("2023/final-accounts.toml:7）为 1200.00万元"), "{}", cross[0]);
    assert!(cross[1].contains("appropriation.prior"), "{}", cross[1]);
}

#[test]
fn an_evaluation_project_row_must_match_the_tracking_report() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    assert!(gongkai(&["init", content.to_str().unwrap()]).status.success());
    let year = content.join("units/example/2024");
    fs::write(year.join("tracking.toml"), "unit = \"元\"\n[[projects]]\nname = \"社区养老服务\"\nbudget = 1000000.00\nactual = 950000.00\n").unwrap();
    let eval = |actual: &str| format!("unit = \"万元\"\n[[project_tables]]\ntitle = \"重点项目\"\n[[project_tables.rows]]\nname = \"社区养老服务\"\nbudget = 100.00\nactual = {actual}\n");
    fs::write(year.join("evaluation.toml"), eval("95.00")).unwrap();
    assert!(check_lines(&content).iter().all(|l| !l.contains("E-CROSS")), "95.00万元 = 950000.00元");
    fs::write(year.join("evaluation.toml"), eval("59.00")).unwrap();
    let lines = check_lines(&content);
    let cross: Vec<&String> = lines.iter().filter(|l| l.contains("E-CROSS")).collect();
    assert_eq!(cross.len(), 1, "{lines:#?}");
    assert!(cross[0].contains("evaluation.toml:7:") && cross[0].contains("本报告写作 59.00万元，绩效跟踪报告中“社区养老服务”的实际支出（") && cross[0].contains("tracking.toml:5）为 95.00万元"), "{}", cross[0]);
}
