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
///
/// Text between tags is skipped a run at a time with `memchr`'s vector
/// search for the next `<`, space or newline; the three rarer whitespace
/// characters (tab, carriage return, form feed) are looked for once per
/// stretch instead of at every byte. Byte by byte, this pass was 7% of a
/// build; its output is the same (a test compares it with the byte loop).
pub fn minify(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    let mut rare = Rare::default();
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
            let common =
                memchr::memchr3(b'<', b' ', b'\n', &html[i..]).map_or(html.len(), |p| i + p);
            let end = common.min(rare.next(html, i));
            out.extend_from_slice(&html[i..end]);
            i = end;
        }
    }
    out
}

/// Where the next tab, carriage return or form feed is, remembered until
/// the scan passes it.
#[derive(Default)]
struct Rare {
    /// The position found last, and from where it was looked for.
    found: Option<(usize, usize)>,
}

impl Rare {
    /// The first tab, carriage return or form feed at or after `from` (the
    /// end of `html` if none).
    fn next(&mut self, html: &[u8], from: usize) -> usize {
        match self.found {
            Some((searched_from, at)) if searched_from <= from && from <= at => at,
            _ => {
                let at = memchr::memchr3(b'\t', b'\r', 0x0c, &html[from..])
                    .map_or(html.len(), |p| from + p);
                self.found = Some((from, at));
                at
            }
        }
    }
}

/// Copies the tag starting at `html[start] == b'<'`, collapsing whitespace
/// between attributes and keeping quoted values whole. Returns the index after it.
fn copy_tag(html: &[u8], start: usize, out: &mut Vec<u8>) -> usize {
    let mut i = start;
    while i < html.len() {
        let b = html[i];
        match b {
            b'"' | b'\'' => {
                // The quoted value, its closing quote included.
                let end = memchr::memchr(b, &html[i + 1..]).map_or(html.len(), |p| i + 1 + p + 1);
                out.extend_from_slice(&html[i..end]);
                i = end;
            }
            b'>' => {
                out.push(b);
                return i + 1;
            }
            _ if b.is_ascii_whitespace() => {
                while i + 1 < html.len() && html[i + 1].is_ascii_whitespace() {
                    i += 1;
                }
                // No space before the end of the tag (but before `/`, which
                // would join an unquoted value: `href=x />`).
                if html.get(i + 1) != Some(&b'>') {
                    out.push(b' ');
                }
                i += 1;
            }
            _ => {
                // A name or an unquoted value, up to what ends it.
                let run = html[i..]
                    .iter()
                    .position(|&c| matches!(c, b'"' | b'\'' | b'>') || c.is_ascii_whitespace())
                    .unwrap_or(html.len() - i);
                out.extend_from_slice(&html[i..i + run]);
                i += run;
            }
        }
    }
    html.len()
}

/// The name of the raw element whose start tag `out` ends with, if any.
fn raw_element(out: &[u8]) -> Option<&'static [u8]> {
    let tag_start = memchr::memrchr(b'<', out)?;
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
    memchr::memmem::find(haystack.get(from..)?, needle).map(|p| from + p)
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

    /// The byte-by-byte pass this module used before `memchr`: the
    /// reference the faster pass must agree with.
    mod reference {
        use super::super::{RAW, find_end_tag};

        pub fn minify(html: &[u8]) -> Vec<u8> {
            let mut out = Vec::new();
            let mut i = 0;
            while i < html.len() {
                let b = html[i];
                if b == b'<' {
                    if html[i..].starts_with(b"<!--") {
                        i = html[i + 4..]
                            .windows(3)
                            .position(|w| w == b"-->")
                            .map_or(html.len(), |p| i + 4 + p + 3);
                        continue;
                    }
                    i = copy_tag(html, i, &mut out);
                    let tag = &out[out.iter().rposition(|&b| b == b'<').unwrap() + 1..];
                    let raw = RAW.into_iter().find(|name| {
                        tag.len() > name.len()
                            && tag[..name.len()].eq_ignore_ascii_case(name)
                            && matches!(tag[name.len()], b' ' | b'>' | b'/')
                    });
                    if let Some(name) = raw {
                        let end = find_end_tag(html, i, name).unwrap_or(html.len());
                        out.extend_from_slice(&html[i..end]);
                        i = end;
                    }
                } else if b.is_ascii_whitespace() {
                    let start = i;
                    while i < html.len() && html[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    out.push(if html[start..i].contains(&b'\n') {
                        b'\n'
                    } else {
                        b' '
                    });
                } else {
                    out.push(b);
                    i += 1;
                }
            }
            out
        }

        fn copy_tag(html: &[u8], start: usize, out: &mut Vec<u8>) -> usize {
            let mut i = start;
            let mut quote: Option<u8> = None;
            while i < html.len() {
                let b = html[i];
                match quote {
                    Some(q) => {
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
    }

    /// Random pages built from the pieces the minifier reacts to: the fast
    /// pass gives exactly what the byte loop gives.
    #[test]
    fn the_fast_pass_agrees_with_the_byte_loop() {
        const PIECES: [&str; 26] = [
            "<",
            ">",
            "<!--",
            "-->",
            "\"",
            "'",
            " ",
            "  ",
            "\n",
            "\t",
            "\r",
            "\x0c",
            "pre",
            "<pre>",
            "</pre>",
            "<PRE class=c>",
            "<script>",
            "</script>",
            "<p ",
            "a=",
            "/",
            "中文",
            "text",
            "<textarea>",
            "</",
            "<style >",
        ];
        let mut next = crate::test_rng::xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let len = next(40);
            let page: String = (0..len).map(|_| PIECES[next(PIECES.len())]).collect();
            assert_eq!(
                min(&page),
                String::from_utf8(reference::minify(page.as_bytes())).unwrap(),
                "{page:?}"
            );
        }
    }

    #[test]
    fn an_unclosed_raw_element_keeps_the_rest() {
        assert_eq!(min("<pre>  a\n  b"), "<pre>  a\n  b");
        assert_eq!(min("<p>a <b"), "<p>a <b");
    }
}
