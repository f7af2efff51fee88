//! The registry's entries agree with each other on the demo content: the
//! page a kind names for each of its files (`file_pages`, where the 数据核验
//! pages send a reader) is a page that kind makes (`pages`) and shows that
//! file's figures; and every report file of the demo has such a page.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::{ReportKind, derive};
use crate::check::Checker;
use crate::derive::{Ctx, YearFigures};
use crate::render::page::{SiteInfo, YearCx};

#[test]
fn every_file_page_is_a_page_its_kind_makes() {
    let loaded = crate::load::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).expect("the demo content loads");
    assert!(loaded.diagnostics.is_empty(), "the demo loads without diagnostics");
    let site = &loaded.site;
    let tallies = std::collections::BTreeMap::new();
    let info = SiteInfo { site, generator: String::new(), tallies: &tallies, prose: &[], trends: &Default::default() };
    let glossary = site.glossary_index();
    let mut checker = Checker::default();
    let mut derived = vec![];
    for (ui, unit) in site.units.iter().enumerate() {
        for (yi, year) in unit.years.iter().enumerate() {
            let reports = derive(&mut Ctx { map: &site.sources, checker: &mut checker }, year, &glossary);
            derived.push(YearFigures { unit: ui, year: yi, reports });
        }
    }
    let mut seen = BTreeSet::new();
    for figures in &derived {
        let unit = &site.units[figures.unit];
        let year = &unit.years[figures.year];
        for kind in ReportKind::ALL {
            let mut cx = YearCx::new(&info, unit, year, figures, &checker.diagnostics);
            kind.pages(&mut cx).expect("the demo renders");
            let made: BTreeMap<String, &str> = cx.pages.iter().map(|p| (p.path.clone(), p.html.as_str())).collect();
            let files = kind.file_pages(&unit.slug, year);
            // A kind's workbook (部门决算's tables, 绩效跟踪's project list) is one of its files too.
            let books = match kind {
                ReportKind::FinalAccounts => year.reports.final_accounts_workbook.clone(),
                ReportKind::Tracking => year.reports.tracking_workbook.into_iter().collect(),
                _ => vec![],
            };
            assert_eq!(files.len(), kind.sources(year).len() + books.len(), "{kind:?} {}/{}: every file of the kind has its page", unit.slug, year.year);
            for (file, page) in files {
                let name = &site.sources.file(file).display;
                let html = made.get(&page.path()).unwrap_or_else(|| panic!("{kind:?}: {name} points to {}, which {kind:?} does not make", page.path()));
                // The page shows the file's figures: they carry its `data-src`.
                assert!(
                    html.contains(&format!("data-src=\"{name}:")) || html.contains(&format!("data-src=\"{name}!")),
                    "{kind:?}: {} does not show the figures of {name}",
                    page.path()
                );
                seen.insert(kind.spec().title);
            }
        }
    }
    assert_eq!(seen.len(), ReportKind::ALL.len(), "the demo has files of every kind: {seen:?}");
}
