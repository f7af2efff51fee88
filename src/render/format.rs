//! Text made safe for pages: HTML escaping and script-safe JSON. Numbers
//! are formatted by [`crate::number::format`], which binding uses too.

/// Escape text for HTML.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// JSON text made safe to hold anywhere a page or script could put it:
/// `<`, `>` and `&` (which can only occur inside JSON strings) written as
/// `\u003c`, `\u003e`, `\u0026`, so that no `</script>` or `<img` appears
/// in the search index or a data file, whatever the content says.
pub fn script_safe(json: String) -> String {
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}
