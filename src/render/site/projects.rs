//! 项目索引 (`projects/index.html`): every project page of the site, by name.

use super::site_frame;
use crate::error::Result;
use crate::render::Page;
use crate::render::page::{ReportPage, SiteInfo};
use crate::render::route::Route;
use crate::render::search;
use crate::render::view::{Block, Section, Table};

/// 项目索引: every project page, by name — the way to find a project without JavaScript.
pub fn pages(info: &SiteInfo) -> Result<Vec<Page>> {
    let rows = search::project_rows(info.site);
    let blocks = if rows.is_empty() {
        vec![Block::Prose("<p>本站尚无项目页面。</p>".into())]
    } else {
        vec![
            Block::Prose(format!("<p>全站 {} 个项目页面（绩效跟踪的重点项目、项目支出绩效自评表、成本绩效分析），按项目名称排序。</p>", rows.len())),
            Block::Table(Table {
                id: "projects-index".into(),
                caption: "项目索引".into(),
                cols: vec!["项目".into(), "单位".into(), "年度".into(), "报告".into(), "科室".into()],
                rows,
            }),
        ]
    };
    let page = ReportPage::plain(
        site_frame(info, "projects", "项目索引"),
        "项目索引".into(),
        vec![],
        vec![Section { id: "projects".into(), title: "全部项目".into(), blocks }],
    );
    page.pages(Route::site("projects").path())
}
