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
/// each file handed to `put` as soon as it is made; then the search page.
pub fn pages<'k>(info: &SiteInfo, searched: impl Iterator<Item = &'k str>, mut put: impl FnMut(Page) -> Result<()>) -> Result<Page> {
    index_files(searched, |path, js| put(Page::file(path, js.into_bytes())))?;
    render(&SearchPage { frame: site_frame(info, "search", "搜索") }, Route::site("search").path())
}
