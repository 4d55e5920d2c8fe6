//! The page `serve` shows in place of every page while the content has errors:
//! each problem with its file:line:col, message and source line, in the
//! webmaster's language. It reloads itself when the files are fixed.

use crate::diagnostic::{Diagnostics, Lang, SHOWN_PER_CODE, more_line};

/// The error page's HTML (the live-reload script is added by the server).
pub fn render(diags: &Diagnostics, message: &str, lang: Lang) -> Vec<u8> {
    let title = lang.pick("网站生成失败", "The site could not be built");
    let hint = lang.pick(
        "请按下列提示修改文件并保存，本页会自动刷新。",
        "Fix the files as listed below and save; this page reloads by itself.",
    );
    let mut items = String::new();
    // As on the terminal, at most ten of each code: the page is made again on
    // every request while the content has errors.
    let shown = diags.clone().shown(SHOWN_PER_CODE);
    for d in &shown.items {
        let text = d.render(lang);
        let (head, rest) = text.split_once('\n').unwrap_or((&text, ""));
        items.push_str("<li><pre><span class=\"location\">");
        items.push_str(&escape(head));
        items.push_str("</span>");
        if !rest.is_empty() {
            items.push('\n');
            items.push_str(&escape(rest));
        }
        items.push_str("</pre></li>\n");
    }
    let mut more = String::new();
    for (code, n) in &shown.more {
        more.push_str("<p>");
        more.push_str(&escape(&more_line(code, *n, lang)));
        more.push_str("</p>\n");
    }
    let html_lang = lang.pick("zh-CN", "en");
    format!(
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">\n\
<title>{title}</title>\n<link rel=\"stylesheet\" href=\"/__gongkai/serve.css\">\n</head>\n\
<body>\n<main>\n<h1>{title}</h1>\n<p>{}</p>\n<p>{hint}</p>\n<ol>\n{items}</ol>\n{more}</main>\n</body>\n</html>\n",
        escape(message)
    )
    .into_bytes()
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
