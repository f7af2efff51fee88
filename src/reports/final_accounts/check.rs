//! 部门决算's structure checks: every 名词 it lists (`glossary`) is
//! explained in `glossary.toml`.

use crate::check::{Checker, Code, Diagnostic, Severity};
use crate::model::{Site, Year};

/// The 名词 `year`'s 部门决算 lists must be in the site's glossary.
pub fn glossary(site: &Site, checker: &mut Checker, year: &Year) {
    let Some(fa) = &year.reports.final_accounts else { return };
    let terms = site.glossary_index();
    for (i, t) in fa.glossary.iter().enumerate() {
        if !terms.contains_key(t.value.as_str()) {
            checker.push(Diagnostic::new(
                &site.sources,
                t.span,
                Severity::Error,
                Code::Reference,
                format!("glossary[{i}]"),
                format!("名词 “{}” 不在 glossary.toml 中", t.value),
            ));
        }
    }
}
