//! Reading tools and chart captions on the demo site (issue M item 10): the
//! 大/中/小 switch and 打印 button are in every page's header, hidden until
//! the script runs; every chart has a visible title, a message computed from
//! its data and a 资料来源 line; the pages citizens read carry no English
//! program name but the footer's one credit.

use std::fs;

mod common;

use common::{files, page, site, text};

const FA: &str = "units/xinjiekou/2023/final-accounts/index.html";

#[test]
fn every_page_has_the_reading_tools_hidden_without_script() {
    let pages: Vec<_> = files(site()).into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")).collect();
    assert!(pages.len() > 50, "{}", pages.len());
    for p in &pages {
        let html = fs::read_to_string(p).unwrap();
        let at =
            html.find("class=reading-tools").or_else(|| html.find("class=\"reading-tools\"")).unwrap_or_else(|| panic!("{}: no reading tools", p.display()));
        let tools = &html[at..at + html[at..].find("</div></div>").expect("tools end")];
        assert!(tools.contains(" hidden"), "{}: the tools must be hidden without JavaScript", p.display());
        for (size, label) in [("l", "大"), ("m", "中"), ("s", "小")] {
            assert!(tools.contains(&format!("data-size={size}")) && tools.contains(&format!(">{label}</button>")), "{}: {label}", p.display());
        }
        assert!(tools.matches("aria-pressed").count() == 3 && tools.contains(">打印</button>"), "{}", p.display());
        assert!(html.contains("static/reading.js"), "{}", p.display());
    }
    assert!(site().join("static/reading.js").is_file());
}

#[test]
fn charts_have_title_message_and_source() {
    let html = page(FA);
    let figures: Vec<&str> = html.split("<figure class=chart-pair>").skip(1).map(|s| &s[..s.find("</figure>").unwrap()]).collect();
    assert_eq!(figures.len(), 5);
    for f in &figures {
        assert!(f.starts_with("<figcaption class=chart-caption><span class=chart-title>"), "{}", &f[..200]);
        assert!(f.contains("<span class=chart-message>"), "{}", &f[..200]);
        assert!(text(f).contains("资料来源：2023年度北京市西城区新街口街道办事处部门决算（原文 "), "{}", text(f));
    }
    let t = text(&html);
    // Computed from the data: 29,189.97 of 39,985.83 is 73.00% (the original writes 73%).
    assert!(t.contains("项目支出最多，占73.00%"), "expenditure message");
    assert!(t.contains("决算数最高的是社会保障和就业支出，16,570.18万元"), "general budget message");
    assert!(t.contains("（原文 一般公共预算财政拨款支出决算情况）"));
    let tracking = text(&page("units/desheng/2016/tracking/index.html"));
    assert!(tracking.contains("支出比例最低的是24号院养老服务中心设备购置经费（0%），最高的是综合治理经费（184.33%）"), "rate message");
    let cost = text(&page("units/yuetan/2023/cost/relief-service-station/index.html"));
    assert!(cost.contains("最高的是白纸坊街道，7.93万元/月；本单位（月坛街道）3.49万元/月，排第3位"), "peers message");
}

#[test]
fn public_pages_name_the_program_only_in_the_footer_credit() {
    for p in files(site()).into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")) {
        let html = fs::read_to_string(&p).unwrap();
        // The footer's credit line, once, and the generator meta tag.
        let body = html.replace("由 gongkai 0.1.0 生成", "").replace("content=\"gongkai 0.1.0\"", "").replace("content=gongkai 0.1.0", "");
        let t = text(&body);
        assert!(!t.contains("gongkai"), "{}: {}", p.display(), &t[t.find("gongkai").unwrap().saturating_sub(60)..][..120]);
        assert_eq!(html.matches("由 gongkai ").count(), 1, "{}", p.display());
    }
}
