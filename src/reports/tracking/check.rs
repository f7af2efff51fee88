//! 绩效跟踪's structure checks: every 科室 it names is declared in its
//! unit's `unit.toml` (`[[offices]]`).

use std::collections::BTreeSet;

use crate::check::{Checker, Code, Diagnostic, Severity};
use crate::model::{Unit, Year};
use crate::source::SourceMap;

/// The 科室 named by `year`'s 绩效跟踪 (projects and office rows) must be
/// declared in `unit`'s `[[offices]]`.
pub fn offices(map: &SourceMap, checker: &mut Checker, unit: &Unit, year: &Year) {
    let Some(t) = &year.reports.tracking else { return };
    let declared: BTreeSet<&str> = unit.profile.offices.iter().map(|o| o.name.as_str()).collect();
    // A section that no project belongs to is reported by the derivation
    // (its name must match the master table's), once.
    let used: BTreeSet<&str> = t.projects.iter().filter_map(|p| p.office.as_ref()).map(|o| o.value.as_str()).collect();
    let sections = t.offices.iter().filter(|o| !o.projects.is_empty() || used.contains(o.name.value.as_str())).map(|o| &o.name);
    let offices = t.projects.iter().filter_map(|p| p.office.as_ref()).chain(sections);
    for o in offices {
        if !declared.contains(o.value.as_str()) {
            checker.push(Diagnostic::new(
                map,
                o.span,
                Severity::Error,
                Code::Reference,
                "office".into(),
                format!(
                    "科室 “{}” 未在 units/{}/unit.toml 的 [[offices]] 中声明{}",
                    o.value,
                    unit.slug,
                    crate::check::did_you_mean(&o.value, declared.iter().copied())
                ),
            ));
        }
    }
}
