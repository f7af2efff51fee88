//! Link check of the built demo, from disk: every internal `href` and `src`
//! names an existing file (relative, ending in a file name such as
//! `index.html`), every `#anchor` exists in its target page, and nothing
//! points outside the site.

mod common;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::PathBuf;

/// Attribute values of `name=` in minified HTML (quoted or not).
fn attrs<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let key = format!(" {name}=");
    html.match_indices(&key)
        .map(|(at, k)| {
            let rest = &html[at + k.len()..];
            match rest.strip_prefix('"') {
                Some(q) => &q[..q.find('"').unwrap_or(q.len())],
                None => &rest[..rest.find([' ', '>']).unwrap_or(rest.len())],
            }
        })
        .collect()
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let root = common::site();
    let all: Vec<PathBuf> = common::files(root).into_iter().filter(|p| p.extension().is_some_and(|x| x == "html")).collect();
    assert!(all.len() > 100, "{} pages", all.len());
    let ids: HashMap<PathBuf, HashSet<String>> =
        all.iter().map(|p| (p.canonicalize().unwrap(), attrs(&fs::read_to_string(p).unwrap(), "id").into_iter().map(str::to_string).collect())).collect();
    let (mut links, mut anchors) = (0, 0);
    let mut broken = vec![];
    for page in &all {
        let html = fs::read_to_string(page).unwrap();
        for target in attrs(&html, "href").into_iter().chain(attrs(&html, "src")) {
            links += 1;
            let rel = page.strip_prefix(root).unwrap().display();
            if target.contains("://") || target.starts_with("//") || target.starts_with("mailto:") {
                broken.push(format!("{rel}: external link {target}"));
                continue;
            }
            let (file, anchor) = target.split_once('#').map_or((target, None), |(f, a)| (f, Some(a)));
            let dest = if file.is_empty() { page.clone() } else { page.parent().unwrap().join(file) };
            let Ok(dest) = dest.canonicalize() else {
                broken.push(format!("{rel}: {target} does not exist"));
                continue;
            };
            if !dest.starts_with(root.canonicalize().unwrap()) || dest.is_dir() {
                broken.push(format!("{rel}: {target} is outside the site or a folder"));
                continue;
            }
            if let Some(a) = anchor {
                anchors += 1;
                let known = ids.get(&dest);
                if !known.is_some_and(|s| s.contains(a)) {
                    broken.push(format!("{rel}: {target}: no id “{a}”"));
                }
            }
        }
    }
    println!("{} pages, {links} links, {anchors} with anchors", all.len());
    assert!(broken.is_empty(), "{} broken:\n{}", broken.len(), broken.join("\n"));
    assert!(links > 1000 && anchors > 100);
}
