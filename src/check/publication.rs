//! Checks of the 信息公开 metadata: every 发布日期 a real date written as
//! government sites write it (`E-DATE`), every 附件 a report names present
//! in its year's `attachments/`, and `attachments` written only in a report
//! file (`E-REFERENCE`).

use super::{Checker, Code};
use crate::model::Site;
use crate::model::publication::{Publication, valid_date};
use crate::source::{SourceMap, Span};

/// Check the `[publication]` tables of the site, its units and their reports.
pub fn check(site: &Site, checker: &mut Checker) {
    let map = &site.sources;
    date(map, checker, &site.config.publication);
    defaults_only(map, checker, &site.config.publication);
    for unit in &site.units {
        date(map, checker, &unit.profile.publication);
        defaults_only(map, checker, &unit.profile.publication);
        for year in &unit.years {
            for publication in year.publications.values() {
                date(map, checker, publication);
                for name in &publication.attachments {
                    if !year.attachments.iter().any(|a| a.name == name.value) {
                        let have: Vec<&str> = year.attachments.iter().map(|a| a.name.as_str()).collect();
                        let have = if have.is_empty() {
                            "（年度目录里没有 attachments/ 或其中没有文件）".to_string()
                        } else {
                            format!("（attachments/ 里有：{}）", have.join("、"))
                        };
                        checker.error(
                            map,
                            name.span,
                            Code::Reference,
                            "publication.attachments",
                            format!("附件 “{}” 不在本年度目录的 attachments/ 里{have}", name.value),
                        );
                    }
                }
            }
        }
    }
}

fn date(map: &SourceMap, checker: &mut Checker, publication: &Publication) {
    if let Some(d) = publication.date.as_ref().filter(|d| !valid_date(&d.value)) {
        checker.error(
            map,
            d.span,
            Code::Date,
            "publication.date",
            format!("发布日期 “{}” 写法不对：应写成 2024-09-12 或 2024年9月12日，并且是日历上有的日子", d.value),
        );
    }
}

/// `attachments` belongs to a report file, not to the defaults of `site.toml` or `unit.toml`.
fn defaults_only(map: &SourceMap, checker: &mut Checker, publication: &Publication) {
    if let Some(first) = publication.attachments.first() {
        let span: Span = first.span;
        checker.error(
            map,
            span,
            Code::Reference,
            "publication.attachments",
            "附件 attachments 只能写在报告文件的 [publication] 里（它属于一份报告），不能写在 site.toml 或 unit.toml 里".to_string(),
        );
    }
}
