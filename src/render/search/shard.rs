//! The search index, split so that no page ever loads one huge file: a
//! small `search-index.js` (how many shards of each kind) and, in
//! `search/`, plain scripts the search page adds as `<script>` tags when a
//! query needs them (a script loads from `file://`, a fetch does not):
//!
//! - `search/docs-<i>.js` — the entries themselves (`[title, context,
//!   text, href]`, one a line, numbered across the site in order), cut
//!   into runs of about [`DOC_SHARD_BYTES`];
//! - `search/chars-<k>.js` — for each character and each pair of adjacent
//!   characters of the entries (as the search normalises them: lower case,
//!   no white space or thousands separators), the numbers of the entries
//!   holding it (delta-coded); a key is in shard [`slot`] of it.
//!
//! A query loads the shards of its words' adjacent pairs (of the character
//! itself for a one-character word), intersects their lists and loads only
//! the entry runs its candidates are in, where each candidate is matched by
//! substring and given its snippet. Pairs, not single characters, so that a
//! phrase whose characters are all common but which is itself rare (出支,
//! the reverse of 支出) has few candidates and loads few entry runs: with
//! single characters such a query loaded every run of the site.

use std::collections::HashMap;

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

/// The key of an index list: a character, or a pair of adjacent ones.
type Key = (char, Option<char>);

/// The shard of key `(a, b)` among `shards`: `(a × 65599 + b) mod shards`
/// over code points (`b` = 0 for a single character), exact in
/// JavaScript's numbers too (search.js computes the same).
pub fn slot((a, b): Key, shards: usize) -> usize {
    ((a as u64 * 65599 + b.map_or(0, |b| b as u64)) % shards as u64) as usize
}

/// The keys of one normalised text: its characters and adjacent pairs, once each.
fn keys(text: &[char]) -> Vec<Key> {
    let mut out: Vec<Key> = text.iter().map(|&c| (c, None)).chain(text.windows(2).map(|w| (w[0], Some(w[1])))).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// One index list as it grows: the deltas written so far (as they go into
/// the file) and the last entry number, so that a list costs about the
/// bytes it is written in, not a word per entry.
#[derive(Default)]
struct List {
    text: String,
    last: usize,
}

impl List {
    /// Add entry `n` (greater than every entry added before).
    fn push(&mut self, n: usize) {
        use std::fmt::Write as _;
        if self.text.is_empty() {
            let _ = write!(self.text, "{n}");
        } else {
            let _ = write!(self.text, ",{}", n - self.last);
        }
        self.last = n;
    }
}

/// Make the files of the index, path and content, from the index lines of
/// every page (`[title, context, text, href],`) in site order, handing each
/// to `put` as soon as it is complete: the entry runs as the lines come,
/// then the key shards one by one, then `search-index.js`. Nothing of the
/// index is held twice: what is held is the key lists, about the size of
/// the key shards.
pub fn index_files<'a, E>(lines: impl Iterator<Item = &'a str>, mut put: impl FnMut(String, String) -> Result<(), E>) -> Result<(), E> {
    let (mut docs_at, mut run) = (vec![0usize], String::new());
    let mut postings: HashMap<Key, List> = HashMap::new();
    let mut n = 0;
    for line in lines.flat_map(str::lines).filter(|l| l.starts_with('[')) {
        let [title, context, text, _]: [String; 4] = serde_json::from_str(line.trim_end_matches(',')).unwrap_or_default();
        let chars: Vec<char> = normal(&format!("{title} {context} {text}")).collect();
        for key in keys(&chars) {
            postings.entry(key).or_default().push(n);
        }
        if run.len() >= DOC_SHARD_BYTES {
            let (path, js) = docs_file(docs_at.len() - 1, &run);
            put(path, js)?;
            run.clear();
            docs_at.push(n);
        }
        run.push_str(line);
        run.push('\n');
        n += 1;
    }
    let (path, js) = docs_file(docs_at.len() - 1, &run);
    put(path, js)?;
    drop(run);
    let bytes: usize = postings.values().map(|l| l.text.len() + 12).sum();
    let shards = bytes.div_ceil(CHAR_SHARD_BYTES).next_power_of_two().clamp(1, 4096);
    // Shard by shard, each in key order; each list is dropped once written.
    let mut lists: Vec<(usize, Key, String)> = postings.into_iter().map(|(key, l)| (slot(key, shards), key, l.text)).collect();
    lists.sort_unstable_by_key(|&(k, key, _)| (k, key));
    let mut lists = lists.into_iter().peekable();
    for k in 0..shards {
        let mut js = format!("gongkaiShard(\"c\",{k},{{\n");
        while let Some((_, (a, b), list)) = lists.next_if(|(at, _, _)| *at == k) {
            let name: String = std::iter::once(a).chain(b).collect();
            js.push_str(&js_string(&name));
            js.push_str(":\"");
            js.push_str(&list);
            js.push_str("\",\n");
        }
        js.push_str("});\n");
        put(format!("search/chars-{k}.js"), js)?;
    }
    let starts = docs_at.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
    let manifest = format!(
        "// gongkai search index: the shards search/chars-<k>.js (character or pair of characters → entries) and search/docs-<i>.js (entries from docs[i]), loaded on demand\nwindow.GONGKAI_SEARCH = {{\"entries\":{n},\"chars\":{shards},\"docs\":[{starts}]}};\n"
    );
    put("search-index.js".into(), manifest)
}

/// `search/docs-<i>.js` holding the entry lines `run`.
fn docs_file(i: usize, run: &str) -> (String, String) {
    (format!("search/docs-{i}.js"), format!("// [title, context, text, href]\ngongkaiShard(\"d\",{i},[\n{run}]);\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Every file of the index of `lines`, `search-index.js` first.
    fn all_files(lines: &str) -> Vec<(String, String)> {
        let mut files = vec![];
        index_files::<()>(std::iter::once(lines), |path, js| {
            files.push((path, js));
            Ok(())
        })
        .unwrap();
        files.rotate_right(1);
        files
    }

    #[test]
    fn entries_and_character_lists() {
        let lines = "[\"公务接待\",\"\",\"\",\"a.html\"],\n[\"接待\",\"\",\"1,200\",\"b.html\"],\n";
        let files: BTreeMap<String, String> = all_files(lines).into_iter().collect();
        assert_eq!(files["search-index.js"].lines().nth(1), Some("window.GONGKAI_SEARCH = {\"entries\":2,\"chars\":1,\"docs\":[0]};"));
        assert!(files["search/docs-0.js"].contains("gongkaiShard(\"d\",0,[\n[\"公务接待\",\"\",\"\",\"a.html\"],\n[\"接待\""), "{files:?}");
        let chars = &files["search/chars-0.js"];
        // 接 is in entries 0 and 1 (0, then +1); 公 only in 0; the number without its separator.
        assert!(chars.contains("\"接\":\"0,1\"") && chars.contains("\"公\":\"0\"") && chars.contains("\"2\":\"1\""), "{chars}");
        assert!(!chars.contains("\",\""), "{chars}");
        // Pairs of adjacent characters too: 接待 in both, 务接 in the first, 00 in the number.
        assert!(chars.contains("\"接待\":\"0,1\"") && chars.contains("\"务接\":\"0\"") && chars.contains("\"00\":\"1\""), "{chars}");
    }

    /// The entries a query's keys name, as search.js finds them: each key
    /// looked up in the shard its slot names.
    fn candidates(files: &[(String, String)], shards: usize, word: &str) -> Vec<usize> {
        let chars: Vec<char> = normal(word).collect();
        let keys: Vec<Key> = if chars.len() == 1 { vec![(chars[0], None)] } else { chars.windows(2).map(|w| (w[0], Some(w[1]))).collect() };
        let lists = keys.iter().map(|&key| {
            let text: String = std::iter::once(key.0).chain(key.1).collect();
            let shard = &files.iter().find(|(p, _)| *p == format!("search/chars-{}.js", slot(key, shards))).unwrap().1;
            let line = shard.lines().find_map(|l| l.strip_prefix(&format!("{}:\"", js_string(&text))));
            let mut last = 0;
            line.map(|l| {
                l.trim_end_matches("\",")
                    .split(',')
                    .map(|d| {
                        last += d.parse::<usize>().unwrap();
                        last
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
        });
        lists.reduce(|a, b| a.into_iter().filter(|n| b.contains(n)).collect()).unwrap_or_default()
    }

    #[test]
    fn a_rare_phrase_of_common_characters_has_few_candidates_and_shards_stay_small() {
        // 3000 entries that all hold 支 and 出 (as 支出); one also holds 出支.
        let line =
            |i: usize| format!("[\"项目{i}\",\"\",\"{}{}\",\"p{i}.html\"],\n", "公务接待费支出情况说明".repeat(20), if i == 1234 { "收出支" } else { "" });
        let lines: String = (0..3000).map(line).collect();
        let files = all_files(&lines);
        let shards = files.iter().filter(|(p, _)| p.starts_with("search/chars-")).count();
        assert!(shards > 1 && files[0].1.contains(&format!("\"chars\":{shards}")), "{shards} key shards");
        assert_eq!(candidates(&files, shards, "出支"), vec![1234], "only the entry holding the phrase");
        assert_eq!(candidates(&files, shards, "支出").len(), 3000);
        assert_eq!(candidates(&files, shards, "收").len(), 1);
        // A number, through its digit pairs: 项目2999, and the few with the same pairs (项目299, 项目2990 …).
        let number = candidates(&files, shards, "项目2999");
        assert!(number.contains(&2999) && number.len() < 20, "{number:?}");
        // No key shard is much larger than its target, unless one key's list alone is.
        for (p, js) in files.iter().filter(|(p, _)| p.starts_with("search/chars-")) {
            let longest = js.lines().map(str::len).max().unwrap_or(0);
            assert!(js.len() < 2 * CHAR_SHARD_BYTES + longest, "{p}: {} bytes", js.len());
        }
    }

    #[test]
    fn a_large_index_is_split() {
        let line = |i: usize| format!("[\"项目{i}\",\"\",\"{}\",\"p{i}.html\"],\n", "公务接待费支出情况说明".repeat(20));
        let lines: String = (0..3000).map(line).collect();
        let files = all_files(&lines);
        let docs = files.iter().filter(|(p, _)| p.starts_with("search/docs-")).count();
        assert!(docs >= 4, "{docs} entry shards");
        assert!(files.iter().all(|(_, js)| js.len() < 2 * DOC_SHARD_BYTES), "a shard is too big");
        let (_, manifest) = &files[0];
        assert!(manifest.contains("\"entries\":3000"), "{manifest}");
    }
}
