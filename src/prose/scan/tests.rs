//! Tests of the prose scanner on sentences of the seed disclosures
//! (/work/shared/seeds/*.txt).

use super::*;

/// (number as written, unit, name, change) of every figure found.
fn found(text: &str) -> Vec<(String, &'static str, String, Option<Direction>)> {
    scan(text).into_iter().map(|f| (f.text, f.unit.label(), f.name, f.change)).collect()
}

fn one(text: &str, unit: &'static str, name: &str) -> (String, &'static str, String, Option<Direction>) {
    (text.to_string(), unit, name.to_string(), None)
}

#[test]
fn amounts_shares_and_changes_of_a_final_accounts_sentence() {
    // seed 002: 部门决算 一般公共预算财政拨款支出.
    let s = "2023年度本年支出合计39985.83万元，比上年减少1,170.82万元，下降2.84%，其中：一般公共服务支出11724.11万元，占本年财政拨款支出29.33%。";
    assert_eq!(
        found(s),
        [
            one("39985.83", "万元", "本年支出"),
            ("1,170.82".into(), "万元", "本年支出".into(), Some(Direction::Down)),
            ("2.84".into(), "%", "本年支出".into(), Some(Direction::Down)),
            one("11724.11", "万元", "一般公共服务支出"),
            one("29.33", "%", "一般公共服务支出"),
        ]
    );
    let f = &scan(s)[1];
    assert_eq!(f.value, Decimal::new(117082, 2));
    assert_eq!(&s[f.start..f.end], "1,170.82万元");
}

#[test]
fn counts_with_their_measure_words() {
    // seed 004: 月坛 绩效评价.
    let s = "月坛街道的街道级河长共巡河2747人次，走访困难家庭120户，回收淘汰处置居民个人车辆1322辆，自查隐患616项，已整改616项，整改率100%。";
    assert_eq!(
        found(s),
        [
            one("2747", "人次", "月坛街道的街道级河长共巡河"),
            one("120", "户", "走访困难家庭"),
            one("1322", "辆", "回收淘汰处置居民个人车辆"),
            one("616", "项", "自查隐患"),
            one("616", "项", "已整改"),
            one("100", "%", "整改率"),
        ]
    );
}

#[test]
fn dates_years_ordinals_document_numbers_and_ranges_are_not_figures() {
    let s = "依据《北京市预算绩效管理办法》（京财绩效〔2019〕2129号），从2020年3月启动第七次全国人口普查，第3次会议于12月31日召开，1.项目概况，历时3个月，预算执行率50%-90%为34个。";
    assert_eq!(found(s), [one("34", "个", "")]);
}

#[test]
fn full_width_digits_and_spaces_before_the_unit() {
    let f = scan("公务接待费支出１２．５ 万元");
    assert_eq!((f[0].text.as_str(), f[0].value, f[0].unit), ("１２．５", Decimal::new(125, 1), ProseUnit::TenThousandYuan));
    assert_eq!(f[0].name, "公务接待费支出");
}

#[test]
fn bindings_code_and_headings_are_skipped() {
    let s = "# 一、2023年度3项工作\n评价项目{{ evaluation.self_evaluation.projects }}个，`12个` 另有走访5户。\n```\n7个\n```\n";
    assert_eq!(found(s), [one("5", "户", "另有走访")]);
}

#[test]
fn bounds_and_estimates_are_marked() {
    let f = scan("其他人员巡河人数超过7200人次，项目预算执行率100%以上16个。");
    assert!(f[0].approximate, "超过 7200");
    assert_eq!(f[0].name, "其他人员巡河人数");
    assert!(f[1].approximate, "100%以上");
    assert!(!f[2].approximate);
}

#[test]
fn connecting_words_are_not_part_of_the_name() {
    assert_eq!(name_of("预算执行率为").0, "预算执行率");
    assert_eq!(name_of("“三公”经费财政拨款支出").0, "三公经费财政拨款支出");
    assert_eq!(name_of("其中基本支出").0, "基本支出");
    assert_eq!(name_of("一般公共服务支出比上年增加"), ("一般公共服务支出".to_string(), Some(Direction::Up)));
}

#[test]
fn a_count_named_by_the_noun_after_its_measure_word() {
    // seed 004: “在56个社区的……”: nothing before 56 names it.
    let f = &scan("在56个社区的楼门院开展宣传。")[0];
    assert_eq!((f.name.as_str(), f.named_after), ("社区", true));
    // A name before it wins: 走访困难家庭120户.
    let f = &scan("走访困难家庭120户。")[0];
    assert_eq!((f.name.as_str(), f.named_after), ("走访困难家庭", false));
    // The noun ends at a joining word or punctuation, six characters at most.
    assert_eq!(scan("由3名社工和2名志愿者组成")[0].name, "社工");
    assert_eq!(scan("共6个社区服务站点开展活动")[0].name, "社区服务站点");
    // 分 followed by 析 is no score: 从表4分析看出; 下表25个项目 is a count.
    assert!(scan("从表4分析看出，见图2分布。").is_empty());
    assert_eq!(scan("选取了下表25个项目作为跟踪项目")[0].text, "25");
}
