//! Cross-report checks, end to end: two reports of the same unit that state
//! the same figure differently give an E-CROSS naming both sources.

mod common;

use std::fs;
use std::path::Path;

use common::{Diag, Severity, demo_check_json, errors, gongkai, with_code};

/// The E-CROSS diagnostics of `check --format json` on `content`.
fn cross(content: &Path) -> Vec<Diag> {
    with_code(&common::check_json(content), "E-CROSS").into_iter().cloned().collect()
}

#[test]
fn the_demo_reports_agree_with_each_other() {
    let diags = demo_check_json();
    // The check really ran: the demo's known problems are reported, e.g. the
    // five wrong shares of 新街口 2023's 部门决算 (README), 国防支出 among them.
    let fa: Vec<&Diag> = errors(&diags).into_iter().filter(|d| d.file.ends_with("units/xinjiekou/2023/final-accounts.toml")).collect();
    assert_eq!(fa.len(), 5, "{fa:#?}");
    assert!(fa.iter().all(|d| d.code == "E-FIGURE"), "{fa:#?}");
    let defence = fa.iter().find(|d| d.line == 117).unwrap_or_else(|| panic!("国防支出 share at line 117: {fa:#?}"));
    assert_eq!(
        (defence.field.as_str(), defence.stated.as_deref(), defence.computed.as_deref()),
        ("general_budget.classes[1].share_pct", Some("0.71%"), Some("0.0719%"))
    );
    assert!(with_code(&diags, "E-CROSS").is_empty(), "新街口 2023: 决算 and 绩效评价 state the same 支出: {diags:#?}");
}

#[test]
fn evaluation_execution_must_match_the_final_accounts() {
    // 新街口 2023: move 0.18万元 from 项目支出 to 基本支出 in the 决算 only
    // (the total stays 39985.83); the evaluation's parts now disagree with it.
    let dir = tempfile::tempdir().unwrap();
    let content = common::demo_copy(dir.path());
    let fa = content.join("units/xinjiekou/2023/final-accounts.toml");
    let text = fs::read_to_string(&fa).unwrap().replacen("amount = 10795.86", "amount = 10795.68", 1).replacen("amount = 29189.97", "amount = 29190.15", 1);
    fs::write(&fa, text).unwrap();
    let cross = cross(&content);
    assert_eq!(cross.len(), 2, "{cross:#?}");
    assert!(cross.iter().all(|d| d.severity == Severity::Error && d.file.ends_with("units/xinjiekou/2023/evaluation.toml")), "{cross:#?}");
    assert_eq!((cross[0].line, cross[0].field.as_str()), (43, "execution.parts[0].actual"), "{:#?}", cross[0]);
    assert!(
        cross[0].message.contains("本报告写作 10795.86万元，部门决算支出中的基本支出（")
            && cross[0].message.contains("final-accounts.toml:70）为 10795.68万元"),
        "{:#?}",
        cross[0]
    );
    assert_eq!((cross[1].line, cross[1].field.as_str()), (48, "execution.parts[1].actual"), "{:#?}", cross[1]);
    assert!(cross[1].message.contains("29190.15"), "{:#?}", cross[1]);
}

#[test]
fn prior_year_figures_must_match_that_years_final_accounts() {
    // The init example's 2024 决算 says 上年 1000.00; a 2023 决算 totalling 1200.00 contradicts it.
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    assert!(gongkai(&["init", content.to_str().unwrap()]).status.success());
    fs::create_dir_all(content.join("units/example/2023")).unwrap();
    fs::copy(content.join("units/example/2024/final-accounts.toml"), content.join("units/example/2023/final-accounts.toml")).unwrap();
    let diags = common::check_json(&content);
    let errs = errors(&diags);
    assert_eq!(errs.len(), 2, "{diags:#?}");
    assert!(errs.iter().all(|d| d.code == "E-CROSS" && d.file.ends_with("units/example/2024/final-accounts.toml")), "{errs:#?}");
    assert_eq!((errs[0].line, errs[0].field.as_str()), (8, "overview.prior"), "{:#?}", errs[0]);
    assert!(
        errs[0].message.contains("2023年度部门决算的收支总计（") && errs[0].message.contains("2023/final-accounts.toml:7）为 1200.00万元"),
        "{:#?}",
        errs[0]
    );
    assert_eq!(errs[1].field, "appropriation.prior", "{:#?}", errs[1]);
}

#[test]
fn an_evaluation_project_row_must_match_the_tracking_report() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    assert!(gongkai(&["init", content.to_str().unwrap()]).status.success());
    let year = content.join("units/example/2024");
    fs::write(year.join("tracking.toml"), "unit = \"元\"\n[[projects]]\nname = \"社区养老服务\"\nbudget = 1000000.00\nactual = 950000.00\n").unwrap();
    let eval = |actual: &str| {
        format!(
            "unit = \"万元\"\n[[project_tables]]\ntitle = \"重点项目\"\n[[project_tables.rows]]\nname = \"社区养老服务\"\nbudget = 100.00\nactual = {actual}\n"
        )
    };
    fs::write(year.join("evaluation.toml"), eval("95.00")).unwrap();
    assert!(cross(&content).is_empty(), "95.00万元 = 950000.00元");
    fs::write(year.join("evaluation.toml"), eval("59.00")).unwrap();
    let cross = cross(&content);
    assert_eq!(cross.len(), 1, "{cross:#?}");
    assert!(cross[0].file.ends_with("units/example/2024/evaluation.toml") && cross[0].line == 7, "{:#?}", cross[0]);
    assert!(
        cross[0].message.contains("本报告写作 59.00万元，绩效跟踪报告中“社区养老服务”的实际支出（")
            && cross[0].message.contains("tracking.toml:5）为 95.00万元"),
        "{:#?}",
        cross[0]
    );
}
