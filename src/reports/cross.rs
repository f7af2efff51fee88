//! What one report kind needs of another in the same unit/year: the pages
//! that link a 绩效跟踪 project and its 项目支出绩效自评表 (matched by
//! project name).

use crate::model::Year;
use crate::render::route::Route;
use crate::reports::ReportKind;

/// The 自评表 page of the project named `name` in unit `slug`'s `year`
/// (it lies in its 绩效评价's folder).
pub fn form_page(slug: &str, year: &Year, name: &str) -> Option<Route> {
    let form = year.reports.forms.iter().find(|f| f.form.name == name)?;
    Some(Route::report(slug, year.year, ReportKind::Form.spec().url).below(&super::form::pages::form_href(&form.slug)))
}

/// The 绩效跟踪 project page of the project named `name` in unit `slug`'s
/// `year`.
pub fn tracked_page(slug: &str, year: &Year, name: &str) -> Option<Route> {
    let t = year.reports.tracking.as_ref()?;
    let i = t.projects.iter().position(|p| p.name.value == name)?;
    Some(Route::report(slug, year.year, ReportKind::Tracking.spec().url).below(&super::tracking::pages::project_href(i)))
}
