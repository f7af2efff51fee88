//! The search page (`search/index.html`) and its index
//! (`search-index.js` and its shards in `search/`), made from what was kept
//! of every page before it.

use askama::Template;

use super::site_frame;
use crate::error::Result;
use crate::render::Page;
use crate::render::page::{SiteInfo, page_templates, render};
use crate::render::route::Route;
use crate::render::search::index_files;
use crate::render::view::Frame;

/// 搜索.
#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    /// The page frame.
    frame: Frame,
}

page_templates!(SearchPage);

/// The search index over the search texts of every page made before it,
/// and the search page.
pub fn pages<'k>(info: &SiteInfo, searched: impl Iterator<Item = &'k str>) -> Result<Vec<Page>> {
    let mut pages: Vec<Page> = index_files(searched).into_iter().map(|(path, js)| Page::file(path, js.into_bytes())).collect();
    pages.push(render(&SearchPage { frame: site_frame(info, "search", "搜索") }, Route::site("search").path())?);
    Ok(pages)
}
