//! The site-wide pages — home (`index.html`), 专业名词解释, each unit's page,
//! each unit/year's year page with its `data.json`, the 数据核验 pages,
//! 项目索引 and search — as opposed to the report kinds' own pages
//! (`reports/<kind>/render.rs`) and site-wide pages (the registry's
//! `site_pages`: 成本定额's 单项定额一览). `render/mod.rs` only walks the
//! site and calls these.

pub mod checks;
pub mod history;
pub mod home;
pub mod peers;
pub mod projects;
pub mod search;
pub mod trends;
pub mod year;

use super::page::{SiteInfo, crumb, link};
use super::route::Route;
use super::view::Frame;
use crate::model::Unit;

/// The frame of a site-wide page (`<folder>/index.html`): 首页 › `title`.
pub fn site_frame(info: &SiteInfo, folder: &str, title: &str) -> Frame {
    let here = Route::site(folder);
    info.frame(&here, title.into(), vec![link("首页", &here, &Route::index()), crumb(title, None)])
}

/// Links from the page at `here` to each year page of `unit`.
pub fn year_links(unit: &Unit, here: &Route) -> Vec<(u16, String)> {
    unit.years.iter().map(|y| (y.year, here.href_to(&Route::year(&unit.slug, y.year)))).collect()
}
