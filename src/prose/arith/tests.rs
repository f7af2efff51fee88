//! Tests of in-sentence arithmetic on computations of the seed disclosures
//! (/work/shared/seeds/*.txt, 004's cost analysis and 001's projects).

use super::*;

/// (computation as written, computed, agrees) of every computation.
fn read_all(text: &str) -> Vec<(String, String, bool)> {
    calcs(text).into_iter().map(|c| (c.written, c.computed.to_string(), c.agrees)).collect()
}

#[test]
fn products_sums_and_named_terms_of_the_cost_analysis() {
    let s = "2023年由2名社工开展小组活动4次（8人次\\*800元=6400元），总成本为小组活动6400元+社区活动6400元=12800元。个案帮扶总成本为48000+24000=72000元";
    assert_eq!(
        read_all(s),
        [
            ("8人次*800元=6400元".to_string(), "6400".to_string(), true),
            ("6400元+社区活动6400元=12800元".to_string(), "12800".to_string(), true),
            ("48000+24000=72000元".to_string(), "72000".to_string(), true),
        ]
    );
    let c = &calcs(s)[0];
    assert_eq!((&s[c.start..c.end], c.unit.as_str()), ("6400元", "元"));
}

#[test]
fn a_wrong_result_computes_to_what_the_operands_give() {
    assert_eq!(read_all("入户评估劳务费总价为200元*2人*483人次=193000元。"), [("200元*2人*483人次=193000元".to_string(), "193200".to_string(), false)]);
    assert_eq!(read_all("合计1.5万元+3000元=1.8万元"), [("1.5万元+3000元=1.8万元".to_string(), "1.8".to_string(), true)]);
    assert!(!read_all("合计1.5万元+3000元=1.9万元")[0].2);
    assert_eq!(read_all("支出9840.48-840.48=9000万元，A×B=C=9001万元")[0], ("9840.48-840.48=9000万元".to_string(), "9000".to_string(), true));
}

#[test]
fn a_percentage_is_compared_at_its_written_decimals() {
    let s = "2023年三公经费控制率=（2023年三公经费实际支出数0.43万元÷三公经费年初预算数6.96万元）*100%=6.18%。";
    // Brackets are not read.
    assert!(read_all(s).is_empty(), "{:?}", read_all(s));
    assert_eq!(read_all("0.43万元÷6.96万元×100%=6.18%"), [("0.43万元÷6.96万元×100%=6.18%".to_string(), "6.18".to_string(), true)]);
    assert_eq!(read_all("256人÷273人×100%=93.78%"), [("256人÷273人×100%=93.78%".to_string(), "93.77".to_string(), false)]);
}

#[test]
fn chains_of_equals_are_each_checked() {
    assert_eq!(
        read_all("3人×120次×100元=36000元=3.6万元=3.7万元"),
        [
            ("3人×120次×100元=36000元".to_string(), "36000".to_string(), true),
            ("3人×120次×100元=36000元=3.6万元".to_string(), "3.6".to_string(), true),
            ("3人×120次×100元=36000元=3.6万元=3.7万元".to_string(), "3.6".to_string(), false),
        ]
    );
}

#[test]
fn not_computations() {
    // A rate's unit between an operator and `=`, a range, a formula without figures, dates.
    for s in [
        "城管队雇用保安40人×12月×4000元/月*人=1920000元",
        "预算执行率50%-90%",
        "结转结余率=结转结余总额/调整预算数x100%",
        "2022年-2023年度申报的预算金额分别为41.83万元、41.85万元",
        "按照区县医疗救助金总金额1450人*710元*12*15%。",
        "小组活动6400人次+社区活动6400元=12800元",
    ] {
        assert!(read_all(s).is_empty(), "{s}");
    }
}
