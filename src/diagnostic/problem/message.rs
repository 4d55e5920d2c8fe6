//! The text of every [`Problem`], in Chinese and English: what is wrong,
//! then after " — " what to do. (The variants and their codes are in
//! `problem/mod.rs`; this file is the one a translator or a reviewer of the
//! wording reads.)

use super::{Lang, Problem, RegisterLimit, ValueType, did_you_mean};

impl Problem {
    /// The message: what is wrong — what to do.
    pub fn message(&self, lang: Lang) -> String {
        use Problem::*;
        let zh = lang == Lang::Zh;
        match self {
            Syntax { cause } => {
                let (what, todo) = cause.explain(lang);
                pick(
                    zh,
                    format!("YAML 语法错误：{what} — {todo}"),
                    format!("YAML syntax error: {what} — {todo}"),
                )
            }
            EmptyFile => pick(
                zh,
                "文件是空的 — 请按 docs/content.md 中的示例填写内容，或删除此文件".into(),
                "the file is empty — fill it in as in the examples of docs/content.md, or delete it".into(),
            ),
            NotMapping { field, found } => {
                let at = if field.is_empty() { String::new() } else { format!("“{field}” ") };
                let at_en = if field.is_empty() { "this file".to_string() } else { format!("\"{field}\"") };
                pick(
                    zh,
                    format!("{at}这里应是{}，实际是{} — 请写成“字段: 值”的形式，不要以 - 开头", ValueType::Mapping.name(lang), found.name(lang)),
                    format!("{at_en} should be {}, found {} — write `field: value` lines, without a leading -", ValueType::Mapping.name(lang), found.name(lang)),
                )
            }
            DuplicateKey { key } => pick(
                zh,
                format!("字段 \"{key}\" 重复出现 — 每个字段只能写一次，请删除多余的一处"),
                format!("the key \"{key}\" appears twice — each field may appear once; delete the extra one"),
            ),
            InputLimit { limit } => pick(
                zh,
                format!("文件超出安全限制：{} — 请不要大量使用别名（& 和 *）或过深的嵌套", limit.explain(lang)),
                format!("the file exceeds a safety limit: {} — avoid many aliases (& and *) and deep nesting", limit.explain(lang)),
            ),
            FileTooLarge { size, limit } => pick(
                zh,
                format!("文件有 {size} 字节，超过上限 {limit} 字节 — 记录文件应只含文字，附件请另存为文件；确需更大的文件，可用 --max-file-size 调高上限（单位 MiB）"),
                format!("the file has {size} bytes, over the limit of {limit} — a record holds text only; keep attachments as separate files, or raise the limit with --max-file-size (in MiB)"),
            ),
            Unreadable { failure } => pick(
                zh,
                format!("无法读取文件：{} — {}", failure.what(lang), failure.hint(lang).unwrap_or("请检查文件权限")),
                format!("cannot read the file: {} — {}", failure.what(lang), failure.hint(lang).unwrap_or("check its permissions")),
            ),
            NotUtf8 => pick(
                zh,
                "文件不是 UTF-8 编码 — 请另存为 UTF-8（记事本“另存为”中选择 UTF-8）".into(),
                "the file is not UTF-8 — save it as UTF-8".into(),
            ),
            WalkFailed { failure } => pick(
                zh,
                format!("无法遍历文件夹：{} — {}", failure.what(lang), failure.hint(lang).unwrap_or("请检查是否有循环的符号链接或无权限的文件夹")),
                format!("cannot walk the folder: {} — {}", failure.what(lang), failure.hint(lang).unwrap_or("look for a symlink loop or an unreadable folder")),
            ),
            MultipleDocuments => pick(
                zh,
                "文件中有多个 YAML 文档（用 --- 分隔） — 一个文件只写一份内容，请删除 --- 或把后面的部分另存为新文件".into(),
                "the file holds more than one YAML document (separated by ---) — keep one per file; delete the --- or move the rest into a new file".into(),
            ),
            // `field` is a path (`outcomes[0].dat`); compare only its last name.
            NotRegularFile => pick(
                zh,
                "这不是普通文件（而是管道、设备或套接字），无法读取 — 请删除它，或换成普通的 .yaml 文件".into(),
                "this is not a regular file (a pipe, device or socket) and cannot be read — delete it or replace it with an ordinary .yaml file".into(),
            ),
            TooManyErrors { more } => pick(
                zh,
                format!("此文件还有 {more} 处错误未列出 — 请先改正上面列出的错误，再检查一次"),
                format!("{more} more errors in this file are not listed — fix the ones above, then check again"),
            ),
            FullWidthColon { key, value } => pick(
                zh,
                format!("“{key}”后面是中文全角冒号“：” — 字段名后要用英文半角冒号，再加一个空格：{}", format!("{key}: {value}").trim_end()),
                format!("the colon after \"{key}\" is a full-width colon (：) — use an ASCII colon and a space: {}", format!("{key}: {value}").trim_end()),
            ),
            FullWidthSpace => pick(
                zh,
                "这里有一个全角空格（中文输入法打出的空格） — 缩进和冒号后的空格只能用英文半角空格，请删掉它，改打半角空格".into(),
                "this is a full-width space (typed with a Chinese input method) — indentation and the space after a colon must be ASCII spaces; replace it".into(),
            ),
            Tab => pick(
                zh,
                "这里有一个 Tab 字符（制表符） — YAML 只能用空格缩进，请把 Tab 换成空格（每层通常 2 个）".into(),
                "this is a tab — YAML indents with spaces only; replace it with spaces (usually 2 per level)".into(),
            ),
            NoSpaceAfterColon { key, value } => pick(
                zh,
                format!("“{key}:”的冒号后面缺少空格 — 请在冒号后加一个空格：{key}: {value}"),
                format!("the colon of \"{key}:\" is not followed by a space — add one: {key}: {value}"),
            ),
            BlockIndent { header, expected, found } => pick(
                zh,
                format!("这一行缩进 {found} 个空格，少于“{header}”下面多行文字第一行的 {expected} 个 — 这段文字的每一行都要至少缩进 {expected} 个空格（空行不限）；不属于这段文字的行，要与“{header}”左边对齐"),
                format!("this line is indented {found} spaces, less than the {expected} of the first line of the text under \"{header}\" — indent every line of that text by at least {expected} spaces (blank lines aside); a line that is not part of it starts in the column of \"{header}\""),
            ),
            UnclosedQuote { open, chinese_close: None } => pick(
                zh,
                format!("从这里开始的引号 {open} 没有结束 — 请在这个值的末尾补上 {open}；如果不需要引号，把开头的 {open} 也删掉"),
                format!("the quote {open} opened here is never closed — add {open} at the end of the value, or delete this one if no quotes are needed"),
            ),
            UnclosedQuote { open, chinese_close: Some(close) } => pick(
                zh,
                format!("引号 {open} 开始的文字，结尾却是中文引号 {close} — 结尾的引号要和开头一样用英文 {open}；或者把两个引号都删掉"),
                format!("the text opened with {open} ends with the Chinese quote {close} — close it with {open} as it opens, or drop both quotes"),
            ),
            ListIndent { found, expected: Some(expected) } => pick(
                zh,
                format!("列表项“-”缩进 {found} 个空格，上面的列表项缩进 {expected} 个 — 同一列表各项的 - 要上下对齐"),
                format!("this list item's - is indented {found} spaces, the item above {expected} — the dashes of one list stand in one column"),
            ),
            ListIndent { expected: None, .. } => pick(
                zh,
                "这里的列表项“-”不属于任何列表：上面的字段已经写了值 — 列表要写在冒号后面空着的字段下面，每项一行，比字段多缩进 2 个空格".into(),
                "this list item belongs to no list: the field above already has a value — write a list under a field with nothing after its colon, one item a line, indented 2 spaces more than the field".into(),
            ),
            Indentation { found, above, above_indent } => pick(
                zh,
                format!("这一行缩进 {found} 个空格，与上一行的“{above}”（缩进 {above_indent} 个）没有对齐 — 同一层的字段要左边对齐；只有冒号后面空着、在下面几行写内容的字段，下一行才要多缩进"),
                format!("this line is indented {found} spaces, out of line with \"{above}\" above it ({above_indent}) — fields of one level start in one column; only after a field with nothing after its colon does the next line indent further"),
            ),
            ColonInValue { key } => pick(
                zh,
                format!("“{key}”的值里有“冒号加空格”，会被当成另一个字段 — 请给整个值加上引号，如 {key}: \"……\"；或把值里的冒号改成中文冒号“：”"),
                format!("the value of \"{key}\" holds a colon and a space, which starts another field — put the whole value in quotes, as in {key}: \"…\", or use a full-width colon (：) in the text"),
            ),
            ControlCharacter { ch, more } => {
                let code = format!("U+{:04X}", *ch as u32);
                let (name_zh, name_en) = control_name(*ch);
                let (more_zh, more_en) = match more {
                    0 => (String::new(), String::new()),
                    n => (format!("；本文件另有 {n} 处，也要删掉"), format!("; the file has {n} more, to delete as well")),
                };
                let (line_zh, line_en) = if *ch == '\u{0B}' {
                    ("；原来是换行的，删掉后按回车", "; where it was a line break, press Enter after")
                } else {
                    ("", "")
                };
                pick(
                    zh,
                    format!("这里有一个看不见的控制字符 {code}（{name_zh}），YAML 文件中不能有{more_zh} — 多数编辑器不显示它（下面的原文里标成 {shown}）：把光标移到这一列，按 Delete 键删掉{line_zh}；从 Word、PDF 或网页复制的文字常带这种字符", shown = crate::diagnostic::visible(*ch)),
                    format!("an invisible control character {code} ({name_en}) is here, which a YAML file cannot hold{more_en} — most editors do not show it (the line below marks it {shown}): put the cursor at this column and press Delete{line_en}; text copied from Word, PDFs or web pages often carries such characters", shown = crate::diagnostic::visible(*ch)),
                )
            }
            UnknownField { field, allowed } => match did_you_mean(field.rsplit('.').next().unwrap_or(field), allowed) {
                Some(s) => pick(
                    zh,
                    format!("未知字段 \"{field}\" — 是不是想写 \"{s}\"？"),
                    format!("unknown field \"{field}\" — did you mean \"{s}\"?"),
                ),
                None => pick(
                    zh,
                    format!("未知字段 \"{field}\" — 可用字段：{}", allowed.join(", ")),
                    format!("unknown field \"{field}\" — allowed fields: {}", allowed.join(", ")),
                ),
            },
            MissingField { field } => {
                // `outcomes[2].text` → the line to add is `text: …`, inside that item.
                let (item, name) = match field.rsplit_once('.') {
                    Some((item, name)) => (Some(item), name),
                    None => (None, field.as_str()),
                };
                match (zh, item) {
                    (true, None) => format!("缺少必填字段 \"{field}\" — 请添加一行 {name}: …"),
                    (true, Some(item)) => format!("缺少必填字段 \"{field}\" — 请在 {item} 中添加一行 {name}: …"),
                    (false, None) => format!("missing required field \"{field}\" — add a line `{name}: …`"),
                    (false, Some(item)) => format!("missing required field \"{field}\" — add a line `{name}: …` inside {item}"),
                }
            }
            UnknownValue { field, value, allowed } => {
                let hint = did_you_mean(value, allowed);
                let list = allowed.join(", ");
                // The list first, as the example prints it; the guess after it.
                match (zh, hint) {
                    (true, Some(s)) => format!("未知的{} \"{value}\" — 可用值：{list}；是不是想写 \"{s}\"？", field_label(field)),
                    (true, None) => format!("未知的{} \"{value}\" — 可用值：{list}", field_label(field)),
                    (false, Some(s)) => format!("unknown value \"{value}\" for {field} — allowed: {list}; did you mean \"{s}\"?"),
                    (false, None) => format!("unknown value \"{value}\" for {field} — allowed: {list}"),
                }
            }
            WrongType { field, expected, found, value } => {
                let bool_hint = *expected == ValueType::Bool;
                pick(
                    zh,
                    format!(
                        "字段 \"{field}\" 应为{}{}，实际是{}{} — {}",
                        if expected.name(lang).starts_with(|c: char| c.is_ascii()) { " " } else { "" },
                        expected.name(lang),
                        found.name(lang),
                        quoted(value),
                        if bool_hint { "请写 true 或 false，也可写 是 或 否（yes、no 不算）" } else { "请按 docs/content.md 中的示例修改" }
                    ),
                    format!(
                        "\"{field}\" should be {}, found {}{} — {}",
                        expected.name(lang),
                        found.name(lang),
                        quoted(value),
                        if bool_hint { "write true or false, or 是 or 否 (yes and no do not count)" } else { "see the examples in docs/content.md" }
                    ),
                )
            }
            BadDate { field, value, partial } => {
                let format_zh = if *partial { "YYYY、YYYY-MM 或 YYYY-MM-DD，如 2019、2019-07 或 2019-09-22" } else { "YYYY-MM-DD，如 2019-09-22" };
                let format_en = if *partial { "YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2019, 2019-07 or 2019-09-22" } else { "YYYY-MM-DD, e.g. 2019-09-22" };
                pick(
                    zh,
                    format!("字段 \"{field}\" 的日期 \"{value}\" 无效 — 请写成 {format_zh}，且须是 1900–2999 年间真实存在的日期"),
                    format!("\"{value}\" is not a valid date for \"{field}\" — write {format_en}, a real calendar date from 1900 to 2999"),
                )
            }
            EmptyValue { field } => pick(
                zh,
                format!("字段 \"{field}\" 不能为空 — 请填写内容，或删除这一行"),
                format!("\"{field}\" must not be empty — fill it in or delete the line"),
            ),
            OutOfRange { field, value, range } => pick(
                zh,
                format!("字段 \"{field}\" 的值 {value} 超出范围 — 应在 {range} 之间"),
                format!("\"{field}\" is {value}, out of range — it must be within {range}"),
            ),
            BadName { name } => pick(
                zh,
                format!("文件或文件夹名 \"{name}\" 不合规 — 只能使用小写英文字母、数字和 -，例如 2019/0003.yaml"),
                format!("the file or folder name \"{name}\" is not allowed — use lower-case letters, digits and - only, e.g. 2019/0003.yaml"),
            ),
            ReservedName { name } => pick(
                zh,
                format!("名称 \"{name}\" 是保留名（分页地址 /proposals/page/N/ 要用） — 请给这个文件或文件夹换一个名称"),
                format!("the name \"{name}\" is reserved (pagination uses /proposals/page/N/) — rename this file or folder"),
            ),
            UnknownSession { session, known } => {
                let hint = did_you_mean(session, known);
                let list = if known.is_empty() { lang.pick("（无）", "(none)").to_string() } else { known.join(", ") };
                match (zh, hint) {
                    (true, Some(s)) => format!("找不到会议 \"{session}\"（content/sessions/{session}.yaml 不存在） — 是不是想写 \"{s}\"？"),
                    (true, None) => format!("找不到会议 \"{session}\"（content/sessions/{session}.yaml 不存在） — 已有的会议：{list}"),
                    (false, Some(s)) => format!("no session \"{session}\" (content/sessions/{session}.yaml does not exist) — did you mean \"{s}\"?"),
                    (false, None) => format!("no session \"{session}\" (content/sessions/{session}.yaml does not exist) — existing sessions: {list}"),
                }
            }
            MissingStatusReason { category } => pick(
                zh,
                format!("办理结果为“{category}”，但没有填写 status_reason — 请添加一行 status_reason: …，写明原因（答复中怎么说就怎么写）"),
                format!("the category is \"{category}\" but status_reason is missing — add a line `status_reason: …` with the reason the reply gives"),
            ),
            AttachmentOutside { file } => pick(
                zh,
                format!("附件 \"{file}\" 指向站点文件夹之外 — 请把附件放在记录文件旁边，不要使用 ..、绝对路径或指向外部的链接"),
                format!("the attachment \"{file}\" points outside the site folder — keep it beside the record, without .., absolute paths or outside symlinks"),
            ),
            AttachmentMissing { file } => pick(
                zh,
                format!("找不到附件文件 \"{file}\" — 请把文件放在记录文件旁边，或修正文件名"),
                format!("the attachment \"{file}\" does not exist — put it beside the record file or correct the name"),
            ),
            MissingSiteFile => pick(
                zh,
                "缺少站点文件 content/site.yaml — 运行 gongkai init 可生成带说明的示例".into(),
                "content/site.yaml is missing — `gongkai init` writes an annotated example".into(),
            ),
            NoContentDir { root } => pick(
                zh,
                format!("在 {root} 下找不到 content 文件夹 — 请用 --root 指定站点文件夹，或运行 gongkai init 新建站点"),
                format!("no content folder under {root} — point --root at the site folder, or run `gongkai init`"),
            ),
            MisplacedFile { name } => pick(
                zh,
                format!("文件 \"{name}\" 不在约定位置或扩展名不对 — 记录放在 content/proposals/ 下，会议放在 content/sessions/ 下，扩展名用 .yaml"),
                format!("\"{name}\" is misplaced or misnamed — records go under content/proposals/, sessions under content/sessions/, with the .yaml extension"),
            ),
            LinkOutside { name } => pick(
                zh,
                format!("\"{name}\" 是指向站点文件夹之外的链接，不会被读取 — 请把文件复制到站点文件夹内，不要链接外部文件"),
                format!("\"{name}\" is a link to outside the site folder and is not read — copy the file into the site folder instead of linking to it"),
            ),
            BadIcp { value } => pick(
                zh,
                format!("ICP 备案号 \"{value}\" 格式不正确 — 应为“省份简称ICP备数字号”，可带 -序号，如 鄂ICP备2022016438号-1"),
                format!("the ICP number \"{value}\" is malformed — it reads <province>ICP备<digits>号, optionally -<n>, e.g. 鄂ICP备2022016438号-1"),
            ),
            BadPolice { value } => pick(
                zh,
                format!("公安机关备案号 \"{value}\" 格式不正确 — 应为“省份简称公网安备 14位数字号”，如 鄂公网安备 42011302000122号"),
                format!("the public-security filing number \"{value}\" is malformed — it reads <province>公网安备 <14 digits>号, e.g. 鄂公网安备 42011302000122号"),
            ),
            BadSiteCode { value } => pick(
                zh,
                format!("网站标识码 \"{value}\" 格式不正确 — 应为 10 位数字，或 bm 加 8 位数字"),
                format!("the site code \"{value}\" is malformed — it is ten digits, or bm and eight digits"),
            ),
            BadBaseUrl { value } => pick(
                zh,
                format!("base_url \"{value}\" 不是完整的网址 — 请写成 https://www.example.gov.cn/ 的形式（以 http:// 或 https:// 开头，不带 ? 或 #，也不带用户名和密码）"),
                format!("base_url \"{value}\" is not an absolute address — write it like https://www.example.gov.cn/ (http:// or https://, without ? or #, and without a user name or password)"),
            ),
            SlugClash { slug, first, second } => pick(
                zh,
                format!("“{first}”和“{second}”的网址名都是 \"{slug}\" — 请在 site.yaml 的 slugs 中为其中一个指定不同的网址名"),
                format!("\"{first}\" and \"{second}\" both get the slug \"{slug}\" — give one of them its own slug under `slugs` in site.yaml"),
            ),
            BadSlug { term, slug } => pick(
                zh,
                format!("“{term}”的网址名 \"{slug}\" 不合规 — 只能使用小写英文字母、数字和 -"),
                format!("the slug \"{slug}\" for \"{term}\" is not allowed — use lower-case letters, digits and - only"),
            ),
            BadLink { value } => pick(
                zh,
                format!("链接 \"{value}\" 无效或不安全 — 请使用站内路径（如 proposals/）或 http(s):// 地址"),
                format!("the link \"{value}\" is invalid or unsafe — use a site path such as proposals/ or an http(s):// address"),
            ),
            UnknownTheme { theme } => pick(
                zh,
                format!("找不到主题 \"{theme}\" — 请使用 default，或在站点的 themes/{theme}/ 下放置主题"),
                format!("no theme \"{theme}\" — use default, or put a theme in themes/{theme}/"),
            ),
            UnknownLanguage { value, allowed } => pick(
                zh,
                format!("不支持的语言 \"{value}\" — 可用值：{}", allowed.join(", ")),
                format!("unsupported language \"{value}\" — allowed: {}", allowed.join(", ")),
            ),
            ThemeFileIgnored { name, moved_to: Some(to) } => pick(
                zh,
                format!("主题文件 \"{name}\" 不会被读取 — 组件一个文件夹一个，请把它移到 {to}"),
                format!("the theme file \"{name}\" is not read — each component has its own folder; move it to {to}"),
            ),
            ThemeFileIgnored { name, moved_to: None } => pick(
                zh,
                format!("主题文件 \"{name}\" 不会被读取 — 组件文件夹 components/<组件名>/ 里只能放 <组件名>.html、<组件名>.css 和 examples.yaml"),
                format!("the theme file \"{name}\" is not read — a component folder components/<name>/ holds only <name>.html, <name>.css and examples.yaml"),
            ),
            FigureExceeded { what, records, declared } => pick(
                zh,
                format!("会议声明的{}为 {declared}，但记录中有 {records} 件 — 请核对 declared 中的数字或多出的记录", what.name(lang)),
                format!("the session declares {declared} {}, but the records hold {records} — check the declared figure or the extra records", what.name(lang)),
            ),
            FigureMismatch { what, computed, declared } => pick(
                zh,
                format!("记录已覆盖会议的全部件数，但按记录算出的{}为 {computed}，与声明的 {declared} 不符 — 请核对记录或 declared 中的数字", what.name(lang)),
                format!("the records cover the whole session, but their {} is {computed}, not the declared {declared} — check the records or the declared figure", what.name(lang)),
            ),
            TextTooLong { field, chars, max } => pick(
                zh,
                format!("{field} 有 {chars} 个字，超过一行文字的上限 {max} 字 — 请精简；长篇内容写在 summary、request 等正文字段中"),
                format!("{field} has {chars} characters, over the {max} a one-line text may have — shorten it; long text belongs in summary, request and the other body fields"),
            ),
            RetiredField { field, replacement } => pick(
                zh,
                format!("字段 \"{field}\" 已停用 — 请改写为：{replacement}"),
                format!("the field \"{field}\" is no longer used — write it as: {replacement}"),
            ),
            UnknownCategory { value, known } => {
                let hint = did_you_mean(value, known);
                let list = if known.is_empty() { lang.pick("（无）", "(none)").to_string() } else { known.join(", ") };
                match (zh, hint) {
                    (true, Some(s)) => format!("site.yaml 的 categories 中没有 id 为 \"{value}\" 的办理结果分类 — 是不是想写 \"{s}\"？可用值：{list}"),
                    (true, None) => format!("site.yaml 的 categories 中没有 id 为 \"{value}\" 的办理结果分类 — 可用值：{list}；或在 categories 中添加这个分类"),
                    (false, Some(s)) => format!("no category with id \"{value}\" in site.yaml's categories — did you mean \"{s}\"? Allowed: {list}"),
                    (false, None) => format!("no category with id \"{value}\" in site.yaml's categories — allowed: {list}; or add the category there"),
                }
            }
            AmbiguousCategory { value, guesses } => pick(
                zh,
                format!("看不出办理结果 \"{value}\" 是哪一类 — 是不是想写 {}？可写分类的 id，或网站上印的名称（如 B类）", guesses.join(" 或 ")),
                format!("cannot tell which category \"{value}\" is — did you mean {}? Write the category's id, or its name as the site prints it (such as B类)", guesses.join(" or ")),
            ),
            DuplicateCategory { id } => pick(
                zh,
                format!("办理结果分类的 id \"{id}\" 出现了两次 — 每个分类的 id 必须不同，请改掉其中一个"),
                format!("the category id \"{id}\" appears twice — each category needs its own id; change one of them"),
            ),
            BadCategoryId { id } => pick(
                zh,
                format!("办理结果分类的 id \"{id}\" 不合规 — 只能使用小写英文字母、数字、- 和 _（它是网址 /status/<id>/ 的一部分），如 solved、jia"),
                format!("the category id \"{id}\" is not allowed — use lower-case letters, digits, - and _ only (it is part of the address /status/<id>/), e.g. solved"),
            ),
            RepliedContradiction => pick(
                zh,
                "replied: false 表示尚未办复，但同时填写了办复日期 replied_on — 已办复的请删去 replied: false，尚未办复的请删去 replied_on".into(),
                "replied: false says not replied yet, but replied_on gives a reply date — if it was replied to, delete replied: false; if not, delete replied_on".into(),
            ),
            RepliedBeforeAssigned { assigned, replied } => pick(
                zh,
                format!("办复日期 replied_on（{replied}）早于交办日期 assigned_on（{assigned}） — 请对照原件核对两个日期：办复只能在交办之后"),
                format!("the reply date replied_on ({replied}) is before the assignment date assigned_on ({assigned}) — check both dates against the source: a reply comes after the assignment"),
            ),
            DuplicateNumber { number, other } => pick(
                zh,
                format!("同一会议中已有编号为 \"{number}\" 的记录：{other} — 一个编号只能有一件记录；请删去重复的文件，或改正其中一件的编号（第４号、4、0004 算同一个编号）"),
                format!("{other} already has the number \"{number}\" in this session — one number, one record; delete the duplicate file or correct one of the numbers (第４号, 4 and 0004 are one number)"),
            ),
            Placeholder { field, value, marker, strict } => {
                let value = if value.chars().count() > 40 { format!("{}…", value.chars().take(40).collect::<String>()) } else { value.clone() };
                match (zh, strict) {
                    (true, true) => format!("{field} 还是新建站点时写的示例值 \"{value}\"（含“{marker}”），不能发布 — 请换成真实内容（备案号等须与备案信息一致），再生成网站"),
                    (true, false) => format!("{field} 还是新建站点时写的示例值 \"{value}\"（含“{marker}”） — 请换成真实内容；换好之前 gongkai build 会报错"),
                    (false, true) => format!("{field} still holds the stand-in \"{value}\" (with “{marker}”) written by init or new, which must not be published — replace it with the real value (filing numbers as filed), then build"),
                    (false, false) => format!("{field} still holds the stand-in \"{value}\" (with “{marker}”) written by init or new — replace it with the real value; gongkai build refuses it until then"),
                }
            }
            PersonalData { field, name, what, masked } => {
                use crate::personal_data::Kind;
                let (what_zh, what_en) = match what {
                    Kind::Mobile => ("手机号码", "a mobile number"),
                    Kind::IdNumber => ("身份证号码", "a resident ID number"),
                    Kind::Email => ("电子邮箱地址", "an e-mail address"),
                };
                let (todo_zh, todo_en) = match what {
                    Kind::IdNumber => (
                        "身份证号码不能公开，请删除",
                        "ID numbers must not be published: delete it",
                    ),
                    _ => (
                        "个人的联系方式不能公开，请删除；如果这是对外公布的热线、办公电话或单位邮箱，请把它列入 site.yaml 的 public_contacts",
                        "personal contact details must not be published: delete it; if it is an official public hotline, office number or address, list it in public_contacts in site.yaml",
                    ),
                };
                pick(
                    zh,
                    format!("{name}（{field}）中有{what_zh} {masked} — {todo_zh}"),
                    format!("{field} contains {what_en}, {masked} — {todo_en}"),
                )
            }
            BrokenLink { page, target } => pick(
                zh,
                format!("页面 {page} 中的链接 \"{target}\" 指向不存在的文件 — 请检查内容中的 Markdown 链接、生成这个链接的模板（templates/ 中的覆盖文件）或 site.yaml 中的 nav 链接"),
                format!("the page {page} links to \"{target}\", which is not a file of the site — check the Markdown links in the content, the template that writes the link (an override in templates/) or the nav links in site.yaml"),
            ),
            BrokenFragment { page, target } => pick(
                zh,
                format!("页面 {page} 中的链接 \"{target}\" 指向的锚点（# 之后的部分）在目标页面中不存在 — 请检查模板中的 id"),
                format!("the page {page} links to \"{target}\", but the target page has no element with that id — check the ids in the templates"),
            ),
            LinkOutsideSite { page, target } => pick(
                zh,
                format!("页面 {page} 中的链接 \"{target}\" 超出了网站范围 — 站内链接应使用相对路径，不要用 ../ 越过网站根目录，也不要写 base_url 之外的绝对路径"),
                format!("the page {page} links to \"{target}\", outside the site — internal links are relative; do not climb above the site root with ../ or use absolute paths outside base_url"),
            ),
            MissingTitle { page } => pick(
                zh,
                format!("页面 {page} 没有 <title> 标题 — 请在模板的 <head> 中写 <title>，读屏软件和搜索引擎都需要它"),
                format!("the page {page} has no <title> — put a <title> in the template's <head>; screen readers and search engines need it"),
            ),
            ImportUnreadable { reason } => pick(
                zh,
                format!("无法读取登记表：{} — 请用 Excel 或 WPS 打开它，另存为 .xlsx 或 .csv（UTF-8 或 GBK 编码）后再导入", reason.explain(lang)),
                format!("cannot read the register: {} — open it in Excel or WPS, save it as .xlsx or .csv (UTF-8 or GBK) and import again", reason.explain(lang)),
            ),
            ImportLimit { limit } => {
                let what = limit.explain(lang);
                let sized = matches!(limit, RegisterLimit::FileSize { .. } | RegisterLimit::PartSize { .. } | RegisterLimit::Text { .. });
                match (zh, sized) {
                    (true, true) => format!("登记表超出安全限制：{what} — 请确认文件来源可靠，只保留登记表这一张工作表，另存为 .xlsx 或 .csv 后再导入；确需导入更大的文件，可用 --max-file-size 调高上限（单位 MiB）"),
                    (true, false) => format!("登记表超出安全限制：{what} — 请确认文件来源可靠，只保留登记表这一张工作表和其中的数据，另存为 .xlsx 或 .csv 后再导入"),
                    (false, true) => format!("the register exceeds a safety limit: {what} — make sure it comes from a trusted source, keep only the register's sheet, save it as .xlsx or .csv and import again; to import a larger file, raise the limit with --max-file-size (in MiB)"),
                    (false, false) => format!("the register exceeds a safety limit: {what} — make sure it comes from a trusted source, keep only the register's sheet and its data, save it as .xlsx or .csv and import again"),
                }
            }
            ImportCellTooLong { column, chars, max } => pick(
                zh,
                format!("“{column}”这一格有 {chars} 个字，超过一行文字的上限 {max} 字 — 请在登记表中精简；长篇内容请放在“提案内容”“办理情况”这类正文列中"),
                format!("the cell under \"{column}\" has {chars} characters, over the {max} a one-line text may have — shorten it in the register; long texts belong in body columns such as 提案内容 and 办理情况"),
            ),
            ImportMissingColumn { fields, names, searched } => {
                let wanted: String = fields.iter().map(|f| format!("“{}”", import_field_zh(f))).collect();
                let names = names.join("、");
                match (zh, searched) {
                    (true, None) => format!(
                        "列标题行中没有{wanted}列 — 请在这一行加上这一列，列标题写 {names} 中的一个"
                    ),
                    (true, Some(n)) => format!(
                        "登记表前 {n} 行中找不到列标题行 — 导入按列标题认列，要找的是含有{wanted}列的一行，列标题写 {names} 中的一个（其他列如 提案号、主办单位、办理结果，见 docs/import.md）；请确认登记表在前 {n} 行内有这样一行"
                    ),
                    (false, None) => format!(
                        "the heading row has no column for {} — add one headed {}",
                        fields.join(" or "),
                        names,
                    ),
                    (false, Some(n)) => format!(
                        "no heading row in the register's first {n} rows — columns are known by their headings; looked for a row with a {} column headed one of {} (other columns: see docs/import.md)",
                        fields.join(" or "),
                        names,
                    ),
                }
            }
            ImportMissingValue { column } => pick(
                zh,
                format!("这一行的“{column}”是空的 — 请在登记表中补上后重新导入"),
                format!("this row leaves \"{column}\" empty — fill it in and import again"),
            ),
            ImportBadValue { column, value, expected } => pick(
                zh,
                format!("“{column}”的值 \"{value}\" 无法识别 — 应为：{expected}"),
                format!("cannot read \"{value}\" under \"{column}\" — expected: {expected}"),
            ),
            ImportDuplicate { name, first_row } => pick(
                zh,
                format!("这一行与第 {first_row} 行都要写入 {name}.yaml — 请检查两行的编号是否重复"),
                format!("this row and row {first_row} would both be written to {name}.yaml — check their numbers for a duplicate"),
            ),
            ImportNeedsReason { column, category } => pick(
                zh,
                format!("“{column}”为“{category}”，但没有写原因 — 请在登记表中加“暂不能解决原因”列并填写"),
                format!("\"{column}\" is \"{category}\" but no reason is given — add a column 暂不能解决原因 (status_reason) and fill it in"),
            ),
            ImportedWithheld => pick(
                zh,
                "这件记录由 gongkai import 导入，已不是草稿，但公开方式仍是 withheld（不公开），网站上不会显示它 — 要公开，请把 disclosure 改为 public 或 summary_only（或用 gongkai publish --disclosure 发布草稿）；确实不公开的，删去文件开头“由 gongkai import 从……导入”那行注释即不再提示".into(),
                "this record came from gongkai import and is no longer a draft, but its disclosure is still withheld, so the site does not show it — to publish it, set disclosure to public or summary_only (or publish drafts with gongkai publish --disclosure); if it is meant to stay unpublished, delete the file's first comment line (由 gongkai import 从……导入) and this warning goes".into(),
            ),
            ImportUnknownColumn { column } => pick(
                zh,
                format!("不认识的列 \"{column}\"，未导入 — 如需导入，请把列标题改为 docs/import.md 中列出的名称之一"),
                format!("unknown column \"{column}\", not imported — to import it, head it with one of the names listed in docs/import.md"),
            ),
            ImportNumberExists { number, path } => pick(
                zh,
                format!("编号 \"{number}\" 已有记录 {path}，这一行未导入，不会重复建档 — 如要用登记表的内容更新这件记录，请加 --force"),
                format!("the number \"{number}\" is already {path}'s; this row was skipped, so no second file is made — add --force to update that record from the register"),
            ),
            ImportFileExists { path } => pick(
                zh,
                format!("{path} 已存在，这一行未导入 — 如要用登记表覆盖它，请加 --force"),
                format!("{path} exists already; this row was skipped — add --force to overwrite it from the register"),
            ),
            ImportPersonalColumn { column } => pick(
                zh,
                format!("“{column}”列是个人联系方式，未导入 — 个人联系方式不在网站上公开，这一列无需处理；也不要把其中的号码抄进其他列"),
                format!("the column \"{column}\" holds personal contact details and was not imported — they are never published; nothing to do, but do not copy them into another column"),
            ),
            MissingHostUnit => pick(
                zh,
                "没有填写主办单位 host_unit — 建议填写，市民可按单位查找".into(),
                "no host_unit — recommended, so citizens can find records by unit".into(),
            ),
            ReasonWithoutCategory => pick(
                zh,
                "填写了 status_reason，但没有填写办理结果分类 status — 说明会照样显示，但不对应任何分类；请补上 status，或核对这段说明".into(),
                "status_reason is given but no category (status) — the reason is shown, but explains no category; add the status, or check the reason".into(),
            ),
            NoBaseUrl => pick(
                zh,
                "没有填写 base_url（网站正式发布的完整地址）：网站照常生成，站内链接都是相对的；规范链接（canonical）、站点地图 sitemap.xml、订阅 atom.xml 和 SiteDomain 标签要写完整地址，这次都没有生成 — 知道正式地址后，在 site.yaml 中写上 base_url: https://…/（或构建时加 --base-url）".into(),
                "no base_url (the address the site is published at): the site is built with relative links; canonical links, sitemap.xml, atom.xml and the SiteDomain tag need the absolute address and were left out — once the address is known, add base_url: https://…/ to site.yaml (or build with --base-url)".into(),
            ),
            DisclosureReasonUnused => pick(
                zh,
                "填写了 disclosure_reason，但公开方式不是 summary_only — 不公开全文的理由只在摘要公开时显示，这里不会显示；请核对 disclosure".into(),
                "disclosure_reason is given but disclosure is not summary_only — the reason for withholding the full reply is shown only with summary_only, so it is not shown here; check disclosure".into(),
            ),
            IgnoredFile { name } => pick(
                zh,
                format!("content 中的 \"{name}\" 不会被使用 — 如无用处可删除"),
                format!("\"{name}\" in content is not used — delete it if it is not needed"),
            ),
            BidiControl { field } => pick(
                zh,
                format!("{field} 含有改变文字方向的不可见控制字符（如 U+202E），已删除 — 这类字符会让网页上的文字顺序与文件中不同，请从原文中去掉"),
                format!("{field} contains invisible text-direction controls (such as U+202E), which were removed — they make text read differently on the page than in the file; remove them from the source"),
            ),
            ControlInText { field } => pick(
                zh,
                format!("{field} 含有看不见的控制字符（如 \\v、\\u000b 这样的转义写出的 U+000B），已删除 — 网页会把它显示成方框，订阅和站点地图会因它整个读不出来；请从原文中去掉（多是从 Word 复制来的换行符，要换行请写成真正的换行）"),
                format!("{field} contains invisible control characters (such as U+000B, written as an escape like \\v or \\u000b), which were removed — a page shows them as boxes and a feed or site map cannot be read at all with one; remove them from the source (mostly Word's line breaks: write a real line break instead)"),
            ),
        }
    }
}

/// What a control character is, for E059: the ones pasted text brings by name.
fn control_name(ch: char) -> (&'static str, &'static str) {
    match ch {
        '\u{0B}' => (
            "垂直制表符：从 Word 复制来的手动换行",
            "vertical tab: a manual line break copied from Word",
        ),
        '\u{0C}' => ("换页符，Word 中的分页符", "form feed: a page break in Word"),
        '\0' => ("空字符", "null character"),
        '\u{08}' => ("退格符", "backspace"),
        '\u{1B}' => ("转义符 ESC", "escape"),
        '\u{7F}' => ("删除符 DEL", "delete"),
        '\u{80}'..='\u{9F}' => (
            "C1 控制字符，多见于编码转换出错的文字",
            "a C1 control, mostly from text converted with the wrong encoding",
        ),
        '\u{FFFE}' | '\u{FFFF}' => ("非字符", "a noncharacter"),
        _ => ("控制字符", "a control character"),
    }
}

fn pick(zh: bool, zh_text: String, en_text: String) -> String {
    if zh { zh_text } else { en_text }
}

fn quoted(value: &str) -> String {
    if value.is_empty() {
        String::new()
    } else {
        format!(" \"{value}\"")
    }
}

/// The Chinese name of a keyword field, as in 未知的办理结果.
fn field_label(field: &str) -> String {
    match field.rsplit('.').next().unwrap_or(field) {
        "status" => "办理结果".into(),
        "kind" => "类型".into(),
        "satisfaction" => "满意度".into(),
        "disclosure" => "公开方式".into(),
        other => format!("“{other}”取值"),
    }
}

/// The Chinese name of a record field, for import messages.
fn import_field_zh(field: &str) -> &'static str {
    match field {
        "title" => "标题",
        "status" => "办理结果",
        "number" => "编号",
        "replied_on" => "答复日期",
        "published_on" => "发布日期",
        "key" => "重点",
        "met_proposer" => "见面",
        "satisfaction" => "满意度",
        "kind" => "类型",
        _ => "字段",
    }
}
