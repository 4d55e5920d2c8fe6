//! Whitespace-only HTML minification.
//!
//! What a page's templates leave behind is indentation and blank lines; this
//! pass collapses each run of whitespace to one character (a newline if the
//! run held one, else a space), inside tags too, and drops HTML comments. It
//! never touches what a browser reads differently: text inside `<pre>`,
//! `<textarea>`, `<script>` and `<style>`, attribute values, character
//! references, optional tags.
//!
//! Why not minify-html: it (and its one-pass variant, used here before)
//! also rewrites entities and quoting, to the shortest form HTML allows. The
//! hostile-content test found values that then read differently — `&gt`
//! written without its `;` before a letter inside an attribute is not a
//! reference there, so a title `<b>x` in a `content="…"` came back as
//! `&gtx` — and html-validate flagged the rest. Those rewrites saved about
//! 6% of a page; whitespace is the rest of the gain, and one pass over the
//! bytes keeps it cheap (no parse, no tree).

/// Elements whose text is kept byte for byte.
const RAW: [&[u8]; 4] = [b"pre", b"textarea", b"script", b"style"];

/// Minifies a rendered page (see the module documentation).
pub fn minify(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    let mut i = 0;
    while i < html.len() {
        let b = html[i];
        if b == b'<' {
            if html[i..].starts_with(b"<!--") {
                i = find(html, i + 4, b"-->").map_or(html.len(), |end| end + 3);
                continue;
            }
            i = copy_tag(html, i, &mut out);
            // After the start tag of a raw element, copy up to its end tag.
            if let Some(name) = raw_element(&out) {
                let end = find_end_tag(html, i, name).unwrap_or(html.len());
                out.extend_from_slice(&html[i..end]);
                i = end;
            }
        } else if b.is_ascii_whitespace() {
            let start = i;
            while i < html.len() && html[i].is_ascii_whitespace() {
                i += 1;
            }
            let newline = html[start..i].contains(&b'\n');
            out.push(if newline { b'\n' } else { b' ' });
        } else {
            // Text: copied a run at a time (byte by byte, this pass was a
            // twentieth of a build's time).
            let run = html[i..]
                .iter()
                .position(|&c| c == b'<' || c.is_ascii_whitespace())
                .unwrap_or(html.len() - i);
            out.extend_from_slice(&html[i..i + run]);
            i += run;
        }
    }
    out
}

/// Copies the tag starting at `html[start] == b'<'`, collapsing whitespace
/// between attributes and keeping quoted values whole. Returns the index after it.
fn copy_tag(html: &[u8], start: usize, out: &mut Vec<u8>) -> usize {
    let mut i = start;
    let mut quote: Option<u8> = None;
    while i < html.len() {
        let b = html[i];
        match quote {
            Some(q) => {
                // The rest of a quoted value, its closing quote included.
                let end = html[i..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(html.len(), |p| i + p + 1);
                out.extend_from_slice(&html[i..end]);
                quote = None;
                i = end;
                continue;
            }
            None if b == b'"' || b == b'\'' => {
                out.push(b);
                quote = Some(b);
            }
            None if b == b'>' => {
                out.push(b);
                return i + 1;
            }
            None if b.is_ascii_whitespace() => {
                while i + 1 < html.len() && html[i + 1].is_ascii_whitespace() {
                    i += 1;
                }
                // No space before the end of the tag (but before `/`, which
                // would join an unquoted value: `href=x />`).
                if html.get(i + 1) != Some(&b'>') {
                    out.push(b' ');
                }
            }
            None => out.push(b),
        }
        i += 1;
    }
    html.len()
}

/// The name of the raw element whose start tag `out` ends with, if any.
fn raw_element(out: &[u8]) -> Option<&'static [u8]> {
    let tag_start = out.iter().rposition(|&b| b == b'<')?;
    let tag = &out[tag_start + 1..];
    RAW.into_iter().find(|name| {
        tag.len() > name.len()
            && tag[..name.len()].eq_ignore_ascii_case(name)
            && matches!(tag[name.len()], b' ' | b'>' | b'/')
    })
}

/// Where `</name` starts (any case) at or after `from`.
fn find_end_tag(html: &[u8], mut from: usize, name: &[u8]) -> Option<usize> {
    while let Some(at) = find(html, from, b"</") {
        let rest = &html[at + 2..];
        if rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::minify;

    fn min(s: &str) -> String {
        String::from_utf8(minify(s.as_bytes())).unwrap()
    }

    #[test]
    fn whitespace_runs_become_one_character() {
        assert_eq!(
            min("<ul>\n    <li>a  b</li>\n\n    <li>c</li>\n</ul>\n"),
            "<ul>\n<li>a b</li>\n<li>c</li>\n</ul>\n"
        );
        assert_eq!(
            min("<a\n   class=\"x  y\"\n   href='/'  >t</a>"),
            "<a class=\"x  y\" href='/'>t</a>"
        );
        assert_eq!(min("<br  />"), "<br />");
        assert_eq!(min("a<!-- note -->b<!-- unclosed"), "ab");
    }

    #[test]
    fn raw_text_attribute_values_and_references_are_kept() {
        let page = "<pre>  a\n\n  b</pre> <textarea>x  y</textarea>\
            <script src=\"a.js\">  </script><style>p  { }</style>\
            <p title=\"&lt;b&gt;x  &amp;lt;\">&gt;x &amp;gt</p><PRE class=c>  k  </PRE>";
        assert_eq!(min(page), page);
    }

    #[test]
    fn an_unclosed_raw_element_keeps_the_rest() {
        assert_eq!(min("<pre>  a\n  b"), "<pre>  a\n  b");
        assert_eq!(min("<p>a <b"), "<p>a <b");
    }
}
