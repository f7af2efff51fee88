//! The route table: where each page lives in the built site, and the one
//! function that writes a relative link from one page to another. Pages
//! never concatenate `../` by hand; a link always names its file
//! (`index.html`), never a bare folder, so the site reads from disk without
//! a server.

/// A page's (or file's) place in the site: the folders from the output
/// root, the file name, and an optional fragment (`#…`) for links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    dirs: Vec<String>,
    file: String,
    fragment: Option<String>,
}

impl Route {
    /// A file at `path` (`a/b/c.html`) below the output root.
    fn at(path: &str) -> Self {
        let mut parts: Vec<String> = path.split('/').map(str::to_string).collect();
        let file = parts.pop().unwrap_or_default();
        Route { dirs: parts, file, fragment: None }
    }

    /// The home page, `index.html`.
    pub fn index() -> Self {
        Route::at("index.html")
    }

    /// A site-wide page in its own folder: `glossary`, `search`, `projects`,
    /// `checks` (全站数据核验), `norms` (单项定额一览).
    pub fn site(folder: &str) -> Self {
        Route::at(&format!("{folder}/index.html"))
    }

    /// A unit's page, `units/<unit>/index.html`.
    pub fn unit(unit: &str) -> Self {
        Route::at(&format!("units/{unit}/index.html"))
    }

    /// A unit/year's page, `units/<unit>/<year>/index.html`.
    pub fn year(unit: &str, year: u16) -> Self {
        Route::year_file(unit, year, "index.html")
    }

    /// A file in a unit/year's folder (`data.json`).
    pub fn year_file(unit: &str, year: u16, file: &str) -> Self {
        Route::at(&format!("units/{unit}/{year}/{file}"))
    }

    /// A report of a unit/year, `units/<unit>/<year>/<folder>/index.html`:
    /// `final-accounts`, `tracking`, `evaluation`, `cost` (the year's
    /// 成本定额 list) and `checks` (the year's 数据核验).
    pub fn report(unit: &str, year: u16, folder: &str) -> Self {
        Route::year_file(unit, year, &format!("{folder}/index.html"))
    }

    /// A page below this page's folder: `path` relative to it
    /// (`projects/3.html` below a report, `<slug>/index.html` below `cost`).
    pub fn below(&self, path: &str) -> Self {
        let mut r = Route::at(path);
        r.dirs.splice(0..0, self.dirs.iter().cloned());
        r
    }

    /// The same page, linked at `#fragment`.
    pub fn with_fragment(mut self, fragment: &str) -> Self {
        self.fragment = Some(fragment.to_string());
        self
    }

    /// The path from the output root (`units/a/2023/index.html`), without fragment.
    pub fn path(&self) -> String {
        let mut p = String::new();
        for d in &self.dirs {
            p.push_str(d);
            p.push('/');
        }
        p.push_str(&self.file);
        p
    }

    /// The way up from this page to the output root: `""`, `"../"`, `"../../"` …
    pub fn root(&self) -> String {
        "../".repeat(self.dirs.len())
    }

    /// The relative link from this page to `to`: up to the folders both
    /// share, then down to `to`'s file (and its fragment).
    pub fn href_to(&self, to: &Route) -> String {
        let common = self.dirs.iter().zip(&to.dirs).take_while(|(a, b)| a == b).count();
        let mut href = "../".repeat(self.dirs.len() - common);
        for d in &to.dirs[common..] {
            href.push_str(d);
            href.push('/');
        }
        href.push_str(&to.file);
        if let Some(f) = &to.fragment {
            href.push('#');
            href.push_str(f);
        }
        href
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(Route::index().path(), "index.html");
        assert_eq!(Route::site("norms").path(), "norms/index.html");
        assert_eq!(Route::unit("a").path(), "units/a/index.html");
        assert_eq!(Route::year("a", 2023).path(), "units/a/2023/index.html");
        assert_eq!(Route::report("a", 2023, "tracking").below("projects/3.html").path(), "units/a/2023/tracking/projects/3.html");
        assert_eq!(Route::year("a", 2023).root(), "../../../");
        assert_eq!(Route::index().root(), "");
    }

    #[test]
    fn same_folder() {
        assert_eq!(Route::year("a", 2023).href_to(&Route::year_file("a", 2023, "data.json")), "data.json");
        assert_eq!(Route::index().href_to(&Route::index()), "index.html");
    }

    #[test]
    fn deeper() {
        assert_eq!(Route::index().href_to(&Route::year("a", 2023)), "units/a/2023/index.html");
        assert_eq!(Route::year("a", 2023).href_to(&Route::report("a", 2023, "cost")), "cost/index.html");
        let cost = Route::report("a", 2023, "cost");
        assert_eq!(cost.href_to(&cost.below("relief/index.html")), "relief/index.html");
    }

    #[test]
    fn shallower_and_across() {
        let project = Route::report("a", 2023, "tracking").below("projects/3.html");
        assert_eq!(project.href_to(&Route::index()), "../../../../../index.html");
        assert_eq!(project.href_to(&Route::report("a", 2023, "tracking")), "../index.html");
        assert_eq!(project.href_to(&Route::year("a", 2023)), "../../index.html");
        assert_eq!(project.href_to(&Route::report("a", 2023, "evaluation").below("projects/x.html")), "../../evaluation/projects/x.html");
        assert_eq!(Route::unit("a").href_to(&Route::site("norms")), "../../norms/index.html");
        assert_eq!(Route::unit("a").href_to(&Route::unit("b")), "../b/index.html");
    }

    #[test]
    fn fragment() {
        let norm = Route::report("a", 2023, "cost").below("relief/index.html").with_fragment("norm-3");
        assert_eq!(Route::site("norms").href_to(&norm), "../units/a/2023/cost/relief/index.html#norm-3");
        assert_eq!(norm.path(), "units/a/2023/cost/relief/index.html");
    }
}
