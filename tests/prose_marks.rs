//! Disputed prose figures on the report page: a planted contradiction of
//! the prose with the data (`E-PROSE`) and within a paragraph
//! (`E-PROSE-TWICE`) each carries a 核验提示 beside the figure, as a
//! disputed bound figure does, saying in plain Chinese which side is
//! wrong and linking to its row on the 数据核验 page, which links back.
//! (The demo has none; its pages are unchanged.)

mod common;

use std::fs;

use common::{example_with_narrative, gongkai};

#[test]
fn a_disputed_prose_figure_is_marked_on_its_report_page() {
    let dir = tempfile::tempdir().unwrap();
    let body = "最低生活保障金{{ 120.00 = final-accounts.livelihood[最低生活保障金].amount | 万元 }}，其中**本年**最低生活保障金150.00万元。\n\n全年走访困难家庭120户，其中，走访困难家庭150户。";
    let content = example_with_narrative(dir.path(), body);
    let out = dir.path().join("public");
    let o = gongkai(&["build", "-q", "--publish-as-is", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = fs::read_to_string(out.join("units/example/2024/final-accounts/index.html")).unwrap();
    let checks = fs::read_to_string(out.join("units/example/2024/checks/index.html")).unwrap();
    let notes: Vec<&str> = page.split("<span class=\"disputed error\" id=fig-").skip(1).collect();
    assert_eq!(notes.len(), 2, "{page}");
    let expect = [
        ("units/example/2024/livelihood.md:6>150.00万元</span>", "正文中的数字有误：报告数据为 120.00万元"),
        ("units/example/2024/livelihood.md:8>150户</span>", "本段前面写作“120户”，两处不一致，无法判断哪一处正确"),
    ];
    for (note, (figure, says)) in notes.iter().zip(expect) {
        let anchor = &note[..note.find('>').unwrap()];
        let note = &note[..note.find("</span></span>").unwrap()];
        assert!(note.contains(&format!("<span class=val data-src={figure}")), "{note}");
        assert!(note.contains(&format!("<strong>核验提示</strong>：{says}（<a href=../checks/index.html#check-{anchor}>核验详情</a>）")), "{note}");
        assert!(checks.contains(&format!("final-accounts/index.html#fig-{anchor}")), "the 数据核验 page links to fig-{anchor}");
    }
    // The bound figure beside them is still bound and verified.
    assert!(page.contains(">120.00万元</span>，其中<strong>本年</strong>最低生活保障金<span class=\"disputed error\""), "{page}");
}
