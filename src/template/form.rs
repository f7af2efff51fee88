//! `gongkai template form FILE.xlsx`: a blank 项目支出绩效自评表 — one
//! sheet `自评表` laid out as the real form, with the labels
//! `load::workbook::form` reads (项目名称 … 总分), merged where the form
//! merges them, and an example project whose figures agree (年度资金总额
//! 95.00 ÷ 100.00 = 95.00%, 分值 10 + 50 + 40 = 100 = 得分), so it reads back
//! without findings.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

use super::{bold, money, new_book, titled_sheet};

/// The note row under the form: how to fill it in.
const HOW: &str = "注：示例项目，请换成本项目的内容；标签（项目名称、年初预算数、一级指标、总分等）的文字不要改，位置可以调整；每个三级指标一行，一级指标可以合并单元格；\
     “—”的格（其中各行的分值、得分）照原表保留；执行率写数字（如 95.00）；评价结论和“各项分值合计为 100”写在同名的 projects/<slug>.toml 里。";

/// The 项目资金 rows: name, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分
/// (`None`: blank; `Some("—")`: a dash).
const FUNDS: [(&str, [Option<&str>; 6]); 4] = [
    ("年度资金总额", [Some("100"), Some("100"), Some("95"), Some("10"), Some("95"), Some("10")]),
    ("其中：当年财政拨款", [Some("100"), Some("100"), Some("95"), Some("—"), None, Some("—")]),
    ("上年结转资金", [None, None, None, Some("—"), None, Some("—")]),
    ("其他资金", [None, None, None, Some("—"), None, Some("—")]),
];

/// The example indicators: 一级指标, 二级指标, 三级指标, 年度指标值, 实际完成值, 分值, 得分.
const INDICATORS: [[&str; 7]; 3] = [
    ["产出指标", "数量指标", "示例：服务社区数（个）", "10", "10", "30", "30"],
    ["产出指标", "时效指标", "示例：按计划完成", "好坏", "好", "20", "20"],
    ["效益指标", "社会效益指标", "示例：群众满意率（%）", "95", "98", "40", "40"],
];

/// The 自评表 (see the module doc).
pub(super) fn form_book() -> Result<Workbook, XlsxError> {
    let mut book = new_book()?;
    let (bold, money) = (bold(), money());
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::VerticalCenter);
    let label = bold.clone().set_text_wrap().set_align(FormatAlign::VerticalCenter);
    let rate = Format::new().set_num_format("0.00\"%\"");
    let plain = Format::new();
    let ws = titled_sheet(&mut book, "自评表", "项目支出绩效自评表", None)?;
    ws.merge_range(0, 0, 0, 8, "项目支出绩效自评表", &bold)?;
    ws.set_column_width(0, 12)?;
    for col in 1..=8 {
        ws.set_column_width(col, if col == 3 || col == 8 { 24 } else { 12 })?;
    }
    // 项目名称, 主管部门 and 实施单位, 项目负责人 and 联系电话.
    ws.write_string_with_format(1, 0, "项目名称", &label)?;
    ws.merge_range(1, 1, 1, 8, "示例项目（请换成本项目的名称）", &wrap)?;
    for (row, (a, a_value), (b, b_value)) in
        [(2, ("主管部门", "示例街道办事处"), ("实施单位", "综合办公室")), (3, ("项目负责人", "张三"), ("联系电话", "010-00000000"))]
    {
        ws.write_string_with_format(row, 0, a, &label)?;
        ws.merge_range(row, 1, row, 3, a_value, &wrap)?;
        ws.write_string_with_format(row, 4, b, &label)?;
        ws.merge_range(row, 5, row, 8, b_value, &wrap)?;
    }
    // 项目资金: the label merged down the block, the header beside it.
    ws.merge_range(4, 0, 8, 0, "项目资金\n（万元）", &label)?;
    for (i, title) in ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"].iter().enumerate() {
        ws.write_string_with_format(4, 2 + i as u16, *title, &label)?;
    }
    for (r, (name, cells)) in FUNDS.iter().enumerate() {
        let row = 5 + r as u32;
        ws.write_string(row, 1, *name)?;
        for (i, cell) in cells.iter().enumerate() {
            let col = 2 + i as u16;
            match cell.map(|c| (c, c.parse::<f64>())) {
                Some((_, Ok(n))) => ws.write_number_with_format(
                    row,
                    col,
                    n,
                    if i == 4 {
                        &rate
                    } else if i < 3 {
                        &money
                    } else {
                        &plain
                    },
                )?,
                Some((text, Err(_))) => ws.write_string(row, col, text)?,
                None => ws,
            };
        }
    }
    // 年度总体目标: labels above their values.
    ws.merge_range(9, 0, 10, 0, "年度总体目标", &label)?;
    ws.merge_range(9, 1, 9, 4, "预期目标", &label)?;
    ws.merge_range(9, 5, 9, 8, "实际完成情况", &label)?;
    ws.merge_range(10, 1, 10, 4, "示例：按计划为辖区社区提供服务（请换成本项目的预期目标）", &wrap)?;
    ws.merge_range(10, 5, 10, 8, "示例：已按计划完成（请换成实际完成情况）", &wrap)?;
    // 绩效指标: 一级指标 merged over its rows.
    ws.merge_range(11, 0, 11 + INDICATORS.len() as u32, 0, "绩效指标", &label)?;
    for (i, title) in ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"].iter().enumerate()
    {
        ws.write_string_with_format(11, 1 + i as u16, *title, &label)?;
    }
    ws.merge_range(12, 1, 13, 1, INDICATORS[0][0], &wrap)?;
    for (r, cells) in INDICATORS.iter().enumerate() {
        let row = 12 + r as u32;
        for (i, text) in cells.iter().enumerate().skip(if r < 2 { 1 } else { 0 }) {
            let col = 1 + i as u16;
            match text.parse::<f64>() {
                Ok(n) => ws.write_number(row, col, n)?,
                Err(_) => ws.write_string_with_format(row, col, *text, &wrap)?,
            };
        }
    }
    ws.merge_range(15, 0, 15, 5, "总分", &label)?;
    ws.write_number(15, 6, 100.0)?;
    ws.write_number(15, 7, 100.0)?;
    ws.merge_range(17, 0, 17, 8, HOW, &wrap)?;
    ws.set_row_height(17, 60)?;
    Ok(book)
}
