//! Diagnostic codes (诊断代码): every code gongkai reports, with its string,
//! severity, whether it is a disputed figure and its meaning, in one table.
//!
//! The strings are a stable public interface (`check --format json`,
//! docs/diagnostics.schema.json, the human output `错误[E-FIGURE]`). The
//! table 诊断代码一览 in docs/content-format.md lists exactly these codes,
//! with the same severity and meaning; a test below holds the two together.

use std::fmt;

use serde::{Serialize, Serializer};

use super::Severity;

/// One line per code: `Variant = "CODE", severity, disputed figure, "含义"`.
/// The meaning is also the variant's doc comment.
macro_rules! codes {
    ($($variant:ident = $code:literal, $severity:ident, $disputed:literal, $meaning:literal;)*) => {
        /// A diagnostic code (诊断代码); serialises as its string (`E-FIGURE`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $(#[doc = $meaning] $variant,)*
        }

        impl Code {
            /// Every code, in the order of the table 诊断代码一览.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as printed and in JSON (`E-FIGURE`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// 严重程度: `E-…` codes are errors, `W-…` codes warnings.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// Is this error a contradiction between figures the source
            /// states (which `--publish-as-is` may publish, flagged) rather
            /// than a structural problem?
            pub fn is_disputed_figure(self) -> bool {
                match self {
                    $(Code::$variant => $disputed,)*
                }
            }

            /// 含义: what the code means, in Chinese (the table's third column).
            pub fn description(self) -> &'static str {
                match self {
                    $(Code::$variant => $meaning,)*
                }
            }
        }
    };
}

codes! {
    Layout = "E-LAYOUT", Error, false, "目录结构问题（目录名、缺 `unit.toml`、不认识的文件或子目录、`projects/` 里的文件名不对）";
    Parse = "E-PARSE", Error, false, "TOML 语法错误、未知字段、缺少必填字段、类型不对、不认识的取值、不是数字（含全角数字或标点、百分号、金额单位、千位逗号位置不对，见 2.1）";
    Empty = "E-EMPTY", Error, false, "文件或前言为空";
    Todo = "E-TODO", Error, false, "还没有填写：`gongkai new year` 或 `new unit` 留下的 `\"待填\"`（TOML 的值）、行尾注释 `# 待填` 的整数（沿用上一年度、待核对的个数）或单独一行的 `待填`（叙述）";
    File = "E-FILE", Error, false, "不能读取的文件：管道、套接字、设备文件，指出内容目录（或 `static/`）的符号链接，断开或成环的链接，没有读取权限";
    Encoding = "E-ENCODING", Error, false, "文件不是 UTF-8 编码（说明可能是 GBK 或 UTF-16）";
    ControlChar = "E-CONTROL-CHAR", Error, false, "TOML 或 Markdown 文件里有控制字符（NUL、BEL 等）";
    FrontMatter = "E-FRONT-MATTER", Error, false, "叙述文件没有 `+++` 前言";
    Duplicate = "E-DUPLICATE", Error, false, "单位名称、内设机构、名词、成本绩效分析的单项定额 `id` 重复";
    Reference = "E-REFERENCE", Error, false, "引用不存在：名词不在 `glossary.toml`、叙述的 `report`/`section` 不对、叙述中 `{{…}}` 引用的文件、路径或格式不对、科室未在 `unit.toml` 声明、绩效跟踪中 `offices.projects`、`project_notes.project` 的项目名、`budget_rows` 的行名或 `restated.field` 不存在、没有重点跟踪项目、成本绩效分析引用的单项定额不存在或 `show` 没有可显示的表";
    Date = "E-DATE", Error, false, "`[publication]` 的发布日期 `date` 不是 `YYYY-MM-DD` 或 `YYYY年M月D日` 写法的日期（见 3.9）";
    Placeholder = "E-PLACEHOLDER", Error, false, "叙述中 `{{…}}` 的括号写错：没有在同一段里闭合、引用为空、多余的 `}}`（见 3.5）";
    // `E-RESERVED-CHAR` (hand-typed U+F8F0–U+F8F2 in a narrative) is gone:
    // bound figures are typed segments, not marker characters in the text,
    // so those characters are ordinary text now.
    Figure = "E-FIGURE", Error, true, "数字与计算不符（含叙述中写出的数字与所引数据不符、小微企业金额大于中小企业金额、中小企业中标金额大于采购总额、其中数大于总数、年中追减大于年初预算与追加之和、比例为负数；绩效评价中得分为负或大于分值、支付金额大于合同金额、自评表分值合计不是 100）";
    Count = "E-COUNT", Error, true, "写明的个数与列出的个数不符——绩效跟踪：`selection.count`、`offices.count`；绩效评价：`self_evaluation.projects`、`monitoring.total` 与各档个数之和，`monitoring.total` 多于部门项目总数 `self_evaluation.all_projects`，`project_tables.count` 与行数；部门决算：`assets.vehicles` 与各类用车之和、`performance.self_evaluation.projects` 与各档评级之和、`performance.problems.found` 与已整改和正在整改之和";
    Structure = "E-STRUCTURE", Error, false, "绩效评价：一级指标没有任何指标，分值和得分无从核对；成本绩效分析：`sections` 中的 `level` 不是 3 或 4";
    Conflict = "E-CONFLICT", Error, true, "绩效跟踪：科室表列出的项目在总表中属于另一个科室（原文两张表不一致）";
    Selection = "E-SELECTION", Error, true, "绩效跟踪：项目的年初预算低于 `selection.threshold`，不应列为重点跟踪项目";
    NormUnit = "E-NORM-UNIT", Error, true, "成本绩效分析：同一定额、压减额或标准在不同处按不同计量单位书写，或预算行的计数单位与所引定额不同（见 3.8.3）";
    Unit = "E-UNIT", Error, false, "成本绩效分析：单项定额没有计量单位";
    Range = "E-RANGE", Error, false, "成本绩效分析：费率小于 0 或大于 100";
    Url = "E-URL", Error, false, "Markdown 中的链接或图片地址不是 http、https、mailto 或相对地址（见第 3 节“文本”）";
    Nesting = "E-NESTING", Error, false, "Markdown 嵌套超过 32 层";
    Colour = "E-COLOUR", Error, false, "`site.toml` 的 `[look]` 中主色 `primary` 或辅色 `accent` 不是 `#rrggbb` 写法的颜色（见 3.1）";
    ZeroBase = "E-ZERO-BASE", Error, true, "比率或增减率的分母为零，或按写出的位数可能为零（如从 0 “增加5.00万元，增长100%”），写出的比率无从成立";
    Cross = "E-CROSS", Error, true, "两份报告对同一数字的写法不一致（见 4.3），说明中写明另一份报告的文件和行";
    Table = "E-TABLE", Error, true, "部门决算公开表：合计、小计或年末结转等单元格空白（未填报），但按其分项或另一张表计算不为 0（见 3.4.1）";
    Rank = "E-RANK", Error, true, "部门决算：情况说明“主要用于”所列的类不是最大的几类——公开表中没有列出的一类比列出的最小一类还大（见 3.4）";
    Workbook = "E-WORKBOOK", Error, false, "部门决算工作簿（`.xlsx`/`.xls`/`.ods`）或公开表 CSV 文件（见 3.4.2）、绩效跟踪工作簿（见 3.6.7）、成本预算明细工作簿（见 3.8.7）、自评表工作簿（见 3.7.7：找不到自评表或某个标签、标签旁没有填写、一个工作簿两张自评表）：打不开（CSV：编码读不了、引号不配对）、横排“三公”经费表多于一行数字、表头认不出、数字格里是文字、合并单元格跨过数字列、同一张表出现两次、与 `[tables]`（`[[projects]]`、`[totals]`、`[offices.subtotal]`）同时填写、金额单位与 `tracking.toml` 不一致、缺 `final-accounts.toml`（`tracking.toml`、同名的 `cost/<slug>.toml`）、明细行写了两处或服务内容、年度对不上";
    Prose = "E-PROSE", Error, true, "叙述正文或数据文件的文字中写出的数字（未用 `{{…}}` 引用）或定性说法（无差异、全部完成……）与数据中同名、同单位的数字不符（见 3.5.2）";
    ProseTwice = "E-PROSE-TWICE", Error, true, "同一份报告的叙述正文前后两次写出同一数字（同名、同单位），数值不同（见 3.5.2）";
    ProseCalc = "E-PROSE-CALC", Error, true, "叙述正文或数据文件的文字中写出的算式（`8人次×800元=6400元`、`48000+24000=72000元`）或合计（“合计X，其中A、B”）按写出的数字计算，与写出的结果不符（见 3.5.2）";
    Rounding = "W-ROUNDING", Warning, false, "舍入差异";
    Contrast = "W-CONTRAST", Warning, false, "`site.toml` 的 `[look]` 中主色或辅色与白色的对比度低于 4.5:1（WCAG 2.1 AA），文字不易看清（见 3.1）";
    LeftoverPlaceholder = "W-TEMPLATE", Warning, false, "文本中留有模板占位符（如 `2023-xxx-`、`××`、`XX年`、`【】`、`xxx`，或模板的两种写法并存，如 `下降（增长）`、`小于（大于）`），应换成实际内容";
    NormExcess = "W-NORM-EXCESS", Warning, false, "成本绩效分析：单价高于所引单项定额（写出每单位超出额和合计）";
    Sheet = "W-SHEET", Warning, false, "部门决算工作簿中认不出是九张公开表中哪一张的工作表、绩效跟踪工作簿中项目表以外的工作表，未读取（见 3.4.2、3.6.7）";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of the table 诊断代码一览 in docs/content-format.md:
    /// (code, severity, meaning).
    fn documented() -> Vec<(String, String, String)> {
        let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/content-format.md")).expect("docs/content-format.md");
        let (_, table) = doc.split_once("诊断代码一览：").expect("the heading 诊断代码一览 in docs/content-format.md");
        table
            .lines()
            .skip_while(|l| !l.starts_with('|'))
            .take_while(|l| l.starts_with('|'))
            .skip(2)
            .map(|row| {
                let cells: Vec<&str> = row.trim().trim_start_matches('|').trim_end_matches('|').split(" | ").map(str::trim).collect();
                assert_eq!(cells.len(), 3, "a row of 诊断代码一览 has three cells: {row}");
                (cells[0].trim_matches('`').to_string(), cells[1].to_string(), cells[2].to_string())
            })
            .collect()
    }

    #[test]
    fn the_documented_table_lists_exactly_the_codes() {
        let rows = documented();
        for code in Code::ALL {
            let row = rows.iter().find(|(c, ..)| c == code.as_str());
            let Some((_, severity, meaning)) = row else { panic!("{code} is missing from 诊断代码一览 in docs/content-format.md") };
            assert_eq!(severity, code.severity().label(), "severity of {code} in 诊断代码一览");
            assert_eq!(meaning, code.description(), "meaning of {code} in 诊断代码一览");
        }
        for (c, ..) in &rows {
            assert!(Code::ALL.iter().any(|code| code.as_str() == c), "诊断代码一览 names {c}, which is not a code (src/check/code.rs)");
        }
        assert_eq!(rows.len(), Code::ALL.len(), "a code is listed twice in 诊断代码一览");
    }

    #[test]
    fn the_documented_disputed_codes_are_the_disputed_codes() {
        let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/content-format.md")).expect("docs/content-format.md");
        let line = doc.lines().find(|l| l.contains("可以被放行")).expect("the list of disputed codes in section 6 of docs/content-format.md");
        let mut named: Vec<&str> = line.split('`').filter(|s| s.starts_with("E-") || s.starts_with("W-")).collect();
        named.sort();
        let mut disputed: Vec<&str> = Code::ALL.iter().filter(|c| c.is_disputed_figure()).map(|c| c.as_str()).collect();
        disputed.sort();
        assert_eq!(named, disputed, "section 6 of docs/content-format.md names the codes --publish-as-is lets through");
    }

    #[test]
    fn every_code_is_described_and_well_formed() {
        for code in Code::ALL {
            assert!(!code.description().trim().is_empty(), "{code} has no description");
            let prefix = match code.severity() {
                Severity::Error => "E-",
                Severity::Warning => "W-",
            };
            assert!(code.as_str().starts_with(prefix), "{code}: the prefix says the severity");
            assert!(!code.is_disputed_figure() || code.severity() == Severity::Error, "{code}: only errors are disputed");
        }
        let mut strings: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        strings.sort();
        strings.dedup();
        assert_eq!(strings.len(), Code::ALL.len(), "two codes share a string");
    }

    #[test]
    fn serialises_as_its_string() {
        assert_eq!(serde_json::to_string(&Code::NormUnit).unwrap(), "\"E-NORM-UNIT\"");
        assert_eq!(Code::Rounding.to_string(), "W-ROUNDING");
    }
}
