//! The search index, split so that no page ever loads one huge file: a
//! small `search-index.js` (how many shards of each kind) and, in
//! `search/`, plain scripts the search page adds as `<script>` tags when a
//! query needs them (a script loads from `file://`, a fetch does not):
//!
//! - `search/docs-<i>.js` — the entries themselves (`[title, context,
//!   text, href]`, one a line, numbered across the site in order), cut
//!   into runs of about [`DOC_SHARD_BYTES`];
//! - `search/chars-<k>.js` — for each character of the entries (as the
//!   search normalises them: lower case, no white space or thousands
//!   separators), the numbers of the entries holding it (delta-coded); a
//!   character is in shard `code point % shards`.
//!
//! A query loads the shards of its characters, intersects their lists and
//! loads only the entry runs its candidates are in, where each candidate
//! is matched by substring and given its snippet.

use std::collections::BTreeMap;

use super::js_string;

/// About how many bytes of entries one `docs-<i>.js` holds.
pub const DOC_SHARD_BYTES: usize = 128 * 1024;

/// About how many bytes of character lists one `chars-<k>.js` holds at most
/// (the shard count is the power of two that keeps them near it).
pub const CHAR_SHARD_BYTES: usize = 64 * 1024;

/// A text as the search compares it (search.js's `norm`): lower case,
/// without white space and thousands separators.
pub fn normal(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().flat_map(char::to_lowercase).filter(|c| !c.is_whitespace() && *c != ',' && *c != '，')
}

/// The files of the index, path and content, from the index lines of every
/// page (`[title, context, text, href],`) in site order.
pub fn index_files<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
    let (mut files, mut docs_at, mut run) = (vec![], vec![0usize], String::new());
    let mut postings: BTreeMap<char, Vec<usize>> = BTreeMap::new();
    let mut n = 0;
    for line in lines.flat_map(str::lines).filter(|l| l.starts_with('[')) {
        let [title, context, text, _]: [String; 4] = serde_json::from_str(line.trim_end_matches(',')).unwrap_or_default();
        let mut chars: Vec<char> = normal(&format!("{title} {context} {text}")).collect();
        chars.sort_unstable();
        chars.dedup();
        for c in chars {
            postings.entry(c).or_default().push(n);
        }
        if run.len() >= DOC_SHARD_BYTES {
            files.push(docs_file(docs_at.len() - 1, &run));
            run.clear();
            docs_at.push(n);
        }
        run.push_str(line);
        run.push('\n');
        n += 1;
    }
    files.push(docs_file(docs_at.len() - 1, &run));
    let lists: Vec<(char, String)> = postings.into_iter().map(|(c, ids)| (c, deltas(&ids))).collect();
    let bytes: usize = lists.iter().map(|(_, l)| l.len() + 8).sum();
    let shards = bytes.div_ceil(CHAR_SHARD_BYTES).next_power_of_two().clamp(1, 4096);
    for k in 0..shards {
        let mut js = format!("gongkaiShard(\"c\",{k},{{\n");
        for (c, list) in lists.iter().filter(|(c, _)| *c as usize % shards == k) {
            js.push_str(&format!("{}:\"{list}\",\n", js_string(&c.to_string())));
        }
        js.push_str("});\n");
        files.push((format!("search/chars-{k}.js"), js));
    }
    let starts = docs_at.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
    let manifest = format!(
        "// gongkai search index: the shards search/chars-<k>.js (character → entries) and search/docs-<i>.js (entries from docs[i]), loaded on demand\nwindow.GONGKAI_SEARCH = {{\"entries\":{n},\"chars\":{shards},\"docs\":[{starts}]}};\n"
    );
    files.insert(0, ("search-index.js".into(), manifest));
    files
}

/// `search/docs-<i>.js` holding the entry lines `run`.
fn docs_file(i: usize, run: &str) -> (String, String) {
    (format!("search/docs-{i}.js"), format!("// [title, context, text, href]\ngongkaiShard(\"d\",{i},[\n{run}]);\n"))
}

/// Ascending numbers as the differences from the one before, comma-separated (`3,5,9` → `3,2,4`).
fn deltas(ids: &[usize]) -> String {
    let mut last = 0;
    let parts: Vec<String> = ids
        .iter()
        .map(|&id| {
            let d = id - last;
            last = id;
            d.to_string()
        })
        .collect();
    parts.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_and_character_lists() {
        let lines = "[\"公务接待\",\"\",\"\",\"a.html\"],\n[\"接待\",\"\",\"1,200\",\"b.html\"],\n";
        let files: BTreeMap<String, String> = index_files(std::iter::once(lines)).into_iter().collect();
        assert_eq!(files["search-index.js"].lines().nth(1), Some("window.GONGKAI_SEARCH = {\"entries\":2,\"chars\":1,\"docs\":[0]};"));
        assert!(files["search/docs-0.js"].contains("gongkaiShard(\"d\",0,[\n[\"公务接待\",\"\",\"\",\"a.html\"],\n[\"接待\""), "{files:?}");
        let chars = &files["search/chars-0.js"];
        // 接 is in entries 0 and 1 (0, then +1); 公 only in 0; the number without its separator.
        assert!(chars.contains("\"接\":\"0,1\"") && chars.contains("\"公\":\"0\"") && chars.contains("\"2\":\"1\""), "{chars}");
        assert!(!chars.contains("\",\""), "{chars}");
    }

    #[test]
    fn a_large_index_is_split() {
        let line = |i: usize| format!("[\"项目{i}\",\"\",\"{}\",\"p{i}.html\"],\n", "公务接待费支出情况说明".repeat(20));
        let lines: String = (0..3000).map(line).collect();
        let files = index_files(std::iter::once(lines.as_str()));
        let docs = files.iter().filter(|(p, _)| p.starts_with("search/docs-")).count();
        assert!(docs >= 4, "{docs} entry shards");
        assert!(files.iter().all(|(_, js)| js.len() < 2 * DOC_SHARD_BYTES), "a shard is too big");
        let (_, manifest) = &files[0];
        assert!(manifest.contains("\"entries\":3000"), "{manifest}");
    }
}
