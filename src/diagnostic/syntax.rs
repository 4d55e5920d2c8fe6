//! What the YAML parser refuses, in a webmaster's words.
//!
//! The parser (granit-parser under serde-saphyr) names its errors in English
//! and in YAML's own terms ("mapping values are not allowed in this context",
//! "simple key expected ':'"), which mean nothing to the person who typed the
//! file. The YAML reader (`yaml/syntax.rs`) sorts every error the parser can report into the
//! causes below, each said in Chinese (or English with `--lang en`) with what to
//! do about it; no text of the library reaches a message. The commonest
//! mistakes (a full-width colon, a tab, bad indentation…) have codes of their
//! own (E050–E059, in [`super::Problem`]); these are the rest, all E001.

use super::Lang;

/// Why a file is not valid YAML, when no more specific code applies (E001).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SyntaxCause {
    /// The file ends inside something unfinished.
    UnexpectedEnd,
    /// A `[` or `{` without its `]` or `}`.
    UnclosedBracket { open: char },
    /// A `[` closed by `}`, or a `{` by `]`.
    MismatchedBracket { open: char, close: char },
    /// A `]` or `}` with no bracket open.
    StrayBracket { close: char },
    /// Items in brackets not separated by `,` (or a misplaced `:` inside them).
    BracketSeparator,
    /// A line starting with `%` (a YAML directive).
    Directive,
    /// A value starting with `!` (a YAML tag).
    Tag,
    /// A value starting with `&` or `*` (a YAML anchor or alias).
    Anchor,
    /// A value starting with a character YAML reserves (`@`, `` ` ``, `-[`).
    ReservedStart { ch: char },
    /// Text after the closing quote of a quoted value.
    TextAfterQuote,
    /// A backslash in double quotes that is no escape YAML knows.
    BadEscape,
    /// A later line of a quoted value indented less than the field.
    QuotedIndent,
    /// A line of a quoted value starts with `---` or `...`.
    DocumentMarkerInQuote,
    /// A byte-order mark (U+FEFF) inside the file.
    ByteOrderMark,
    /// A `#` comment without a space before it.
    CommentSpacing,
    /// A `#` comment line inside a value written over several lines.
    CommentInText,
    /// Text after `|` or `>` on the same line.
    BlockHeader,
    /// A line that is neither `field: value` nor a `-` list item.
    MissingColon,
    /// A `-` list item without a space after the dash.
    NoSpaceAfterDash,
    /// A list or a mapping used as a field name.
    ComplexKey,
    /// `<<` (YAML's merge key) without a mapping after it.
    MergeKey,
    /// `.nan` or `.inf`, which YAML reads as numbers that are none.
    NotANumber,
    /// Anything else the parser refuses: the structure cannot be read.
    Structure,
}

impl SyntaxCause {
    /// What is wrong and what to do, for E001's message.
    pub(super) fn explain(self, lang: Lang) -> (String, String) {
        use SyntaxCause::*;
        let zh = lang == Lang::Zh;
        let (what, todo): (String, String) = match self {
            UnexpectedEnd => pair(
                zh,
                (
                    "文件在这里意外结束，前面有没写完的内容",
                    "请检查前面的方括号、花括号和引号是否都成对",
                ),
                (
                    "the file ends in the middle of something",
                    "check that every bracket and quote above is closed",
                ),
            ),
            UnclosedBracket { open } => {
                let close = closing(open);
                if zh {
                    (
                        format!("从这里开始的“{open}”没有配对的“{close}”"),
                        format!(
                            "请在末尾补上“{close}”；列表也可以不用括号，改成每项一行、以 - 开头"
                        ),
                    )
                } else {
                    (
                        format!("the \"{open}\" opened here is never closed with \"{close}\""),
                        format!(
                            "add the \"{close}\"; a list can also be written one item a line, each starting with -"
                        ),
                    )
                }
            }
            MismatchedBracket { open, close } => {
                let want = closing(open);
                if zh {
                    (
                        format!("“{open}”却用“{close}”结束"),
                        format!("“{open}”要用“{want}”结束"),
                    )
                } else {
                    (
                        format!("\"{open}\" is closed with \"{close}\""),
                        format!("close \"{open}\" with \"{want}\""),
                    )
                }
            }
            StrayBracket { close } => {
                if zh {
                    (
                        format!("多出一个“{close}”，前面没有与它配对的括号"),
                        "请删除它；文字里需要括号时，请给整个值加上引号".to_string(),
                    )
                } else {
                    (
                        format!("a stray \"{close}\" with no bracket open"),
                        "delete it; if the text needs it, put the whole value in quotes"
                            .to_string(),
                    )
                }
            }
            BracketSeparator => pair(
                zh,
                (
                    "方括号或花括号里的各项之间缺少英文逗号“,”",
                    "各项之间用英文逗号加空格分隔，如 [交通, 停车]；检查是否用了中文逗号“，”；文字里有冒号或逗号时，请给这一项加上引号",
                ),
                (
                    "the items in brackets are not separated by commas",
                    "separate them with \", \" as in [交通, 停车]; put an item that holds a colon or comma in quotes",
                ),
            ),
            Directive => pair(
                zh,
                (
                    "以 % 开头的行是 YAML 的指令，内容文件用不到",
                    "请删除这一行；如果 % 是文字的一部分，请给整个值加上引号",
                ),
                (
                    "a line starting with % is a YAML directive, which gongkai files do not use",
                    "delete the line; if the % is part of a text, put the whole value in quotes",
                ),
            ),
            Tag => pair(
                zh,
                (
                    "以 ! 开头的值在 YAML 中是“标签”",
                    "如果 ! 是文字的一部分，请给整个值加上引号，如 \"!重要\"",
                ),
                (
                    "a value starting with ! is a YAML tag",
                    "if the ! is part of the text, put the whole value in quotes, as in \"!重要\"",
                ),
            ),
            Anchor => pair(
                zh,
                (
                    "以 & 或 * 开头的值在 YAML 中是“锚点”或“别名”",
                    "如果 & 或 * 是文字的一部分，请给整个值加上引号，如 \"*注\"",
                ),
                (
                    "a value starting with & or * is a YAML anchor or alias",
                    "if the & or * is part of the text, put the whole value in quotes",
                ),
            ),
            ReservedStart { ch } => {
                if zh {
                    (
                        format!("值不能以“{ch}”开头"),
                        "请给整个值加上引号".to_string(),
                    )
                } else {
                    (
                        format!("a value cannot start with \"{ch}\""),
                        "put the whole value in quotes".to_string(),
                    )
                }
            }
            TextAfterQuote => pair(
                zh,
                (
                    "引号结束后，同一行还有文字",
                    "引号要包住整个值，如 \"关于……\"；文字本身含有引号时，外面改用另一种引号（单引号 ' 或双引号 \"），或删掉外面的引号",
                ),
                (
                    "there is text after the closing quote",
                    "the quotes must enclose the whole value; if the text itself holds quotes, enclose it in the other kind, or drop the outer quotes",
                ),
            ),
            BadEscape => pair(
                zh,
                (
                    "双引号里的反斜杠“\\”后面不是 YAML 认识的转义",
                    "要写反斜杠本身，请写成 \\\\，或把双引号换成单引号",
                ),
                (
                    "a backslash in double quotes starts no escape YAML knows",
                    "write a backslash as \\\\, or use single quotes",
                ),
            ),
            QuotedIndent => pair(
                zh,
                (
                    "引号里的文字换行后，下一行缩进不够",
                    "续写的行要比字段名多缩进；长文字建议写成 | 多行文字",
                ),
                (
                    "a quoted text continues on a line indented too little",
                    "indent the continued lines more than the field; long texts read better as a | block",
                ),
            ),
            DocumentMarkerInQuote => pair(
                zh,
                (
                    "引号里的文字有一行以 --- 或 ... 开头，YAML 会把它当成文件分隔线",
                    "请在这几个字符前加空格，或改用 | 多行文字",
                ),
                (
                    "a line of a quoted text starts with --- or ..., which YAML reads as a document marker",
                    "indent it, or write the text as a | block",
                ),
            ),
            ByteOrderMark => pair(
                zh,
                (
                    "文件中间有一个看不见的字节顺序标记（BOM，U+FEFF），多半是粘贴时带进来的",
                    "请删除这个字符：在编辑器里删掉光标所在位置前后的内容，再重新输入",
                ),
                (
                    "an invisible byte-order mark (U+FEFF) sits inside the file, most likely pasted in",
                    "delete it: erase the text around it and type it again",
                ),
            ),
            CommentSpacing => pair(
                zh,
                (
                    "注释符号 # 前面要有空格",
                    "在 # 前加一个空格；如果 # 是文字的一部分，请给整个值加上引号",
                ),
                (
                    "a # comment must be preceded by a space",
                    "add a space before the #; if it is part of the text, put the whole value in quotes",
                ),
            ),
            CommentInText => pair(
                zh,
                (
                    "分几行写的文字中间插了一行 # 注释",
                    "请把注释移到这段文字的前面或后面，或把文字写成 | 多行文字",
                ),
                (
                    "a # comment line interrupts a text written over several lines",
                    "move the comment before or after the text, or write the text as a | block",
                ),
            ),
            BlockHeader => pair(
                zh,
                (
                    "“|”或“>”后面同一行不能写文字",
                    "文字从下一行开始写，每行都比字段名多缩进 2 个空格",
                ),
                (
                    "nothing may follow | or > on its line",
                    "start the text on the next line, indented 2 spaces more than the field",
                ),
            ),
            MissingColon => pair(
                zh,
                (
                    "这一行既不是“字段: 值”，也不是以 - 开头的列表项",
                    "字段名后要有英文冒号和一个空格；如果这一行是上一行文字的延续，请把整段文字写成 | 多行文字，或写在同一行",
                ),
                (
                    "this line is neither `field: value` nor a list item starting with -",
                    "follow the field name with a colon and a space; if the line continues the text above, write the text as a | block or on one line",
                ),
            ),
            NoSpaceAfterDash => pair(
                zh,
                (
                    "列表项的“-”后面缺少空格",
                    "请在 - 后面加一个空格，如“- 区财政局”",
                ),
                (
                    "the - of a list item is not followed by a space",
                    "add a space after the -, as in \"- 区财政局\"",
                ),
            ),
            ComplexKey => pair(
                zh,
                (
                    "字段名只能是文字，这里却是列表或映射",
                    "字段名写在行首，后面跟英文冒号和空格；值是列表时写在冒号后面",
                ),
                (
                    "a field name must be text, not a list or mapping",
                    "write the field name first, then a colon and a space; a list goes after the colon",
                ),
            ),
            MergeKey => pair(
                zh,
                (
                    "“<<”在 YAML 中是合并键，后面必须是映射",
                    "内容文件用不到 <<，请删除这一行；如果 << 是文字，请加引号",
                ),
                (
                    "<< is YAML's merge key and must be followed by a mapping",
                    "gongkai files do not need <<; delete the line, or quote it if it is text",
                ),
            ),
            NotANumber => pair(
                zh,
                (
                    "“.nan”“.inf”在 YAML 中表示特殊的数字，这里不能用",
                    "如果这是文字，请加上引号",
                ),
                (
                    "\".nan\" and \".inf\" are special numbers in YAML and are not allowed here",
                    "if this is text, put it in quotes",
                ),
            ),
            Structure => pair(
                zh,
                (
                    "这里的结构无法识别",
                    "请检查缩进（用空格，不用 Tab；同一层要对齐）、冒号后的空格和引号是否成对",
                ),
                (
                    "the structure cannot be read here",
                    "check the indentation (spaces, not tabs; one level in one column), the space after each colon, and paired quotes",
                ),
            ),
        };
        (what, todo)
    }

    /// One example of every cause, for tests and the catalogue.
    pub fn all() -> Vec<SyntaxCause> {
        use SyntaxCause::*;
        vec![
            UnexpectedEnd,
            UnclosedBracket { open: '[' },
            MismatchedBracket {
                open: '[',
                close: '}',
            },
            StrayBracket { close: ']' },
            BracketSeparator,
            Directive,
            Tag,
            Anchor,
            ReservedStart { ch: '@' },
            TextAfterQuote,
            BadEscape,
            QuotedIndent,
            DocumentMarkerInQuote,
            ByteOrderMark,
            CommentSpacing,
            CommentInText,
            BlockHeader,
            MissingColon,
            NoSpaceAfterDash,
            ComplexKey,
            MergeKey,
            NotANumber,
            Structure,
        ]
    }
}

/// Which safety limit a YAML file broke (E005).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum YamlLimit {
    /// Nesting deeper than any content needs.
    Depth,
    /// More values in one file than any content has.
    Nodes,
    /// Too many aliases (`*name`) or anchors (`&name`), or their expansion.
    Aliases,
    /// More text in one file than the limit.
    TextSize,
}

impl YamlLimit {
    pub(super) fn explain(self, lang: Lang) -> &'static str {
        match self {
            YamlLimit::Depth => lang.pick("嵌套超过 16 层", "nested more than 16 levels deep"),
            YamlLimit::Nodes => lang.pick("值超过 20,000 个", "more than 20,000 values"),
            YamlLimit::Aliases => lang.pick(
                "别名（*）或锚点（&）过多，或展开后过大",
                "too many aliases (*) or anchors (&), or too large when expanded",
            ),
            YamlLimit::TextSize => lang.pick("文字总量超过 16 MiB", "more than 16 MiB of text"),
        }
    }
}

fn pair(zh: bool, zh_text: (&str, &str), en_text: (&str, &str)) -> (String, String) {
    let (a, b) = if zh { zh_text } else { en_text };
    (a.to_string(), b.to_string())
}

fn closing(open: char) -> char {
    match open {
        '{' => '}',
        _ => ']',
    }
}
