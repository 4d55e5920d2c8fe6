//! The files `init` and `new` write: the stand-in site, session and record
//! (the YAML files beside this one, with `{placeholders}`), and the one way
//! they are written — never over an existing file.

use std::path::Path;

use crate::error::Error;
use crate::fs;

pub const SITE: &str = include_str!("site.yaml");
pub(crate) const SESSION: &str = include_str!("session.yaml");
pub const RECORD: &str = include_str!("record.yaml");

/// Writes a file that must not exist yet, creating its folder.
pub fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::File::options()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::FileExists {
                path: path.to_path_buf(),
            },
            _ => Error::io(path, e),
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| Error::io(path, e))
}

/// A session file: `body` and `name` as given, else read from an id such as
/// `2019-zx-9-3` (政协, 九届三次会议) or `2020-rd-17-4` (人大); what the id does
/// not say is left a stand-in (某某) that `build` refuses until replaced.
/// Nothing is made up: no overview sentence, no figure.
pub fn session_text(id: &str, year: i32, name: Option<&str>, body: Option<&str>) -> String {
    let parts: Vec<&str> = id.split('-').collect();
    let at = parts
        .iter()
        .position(|p| matches!(*p, "zx" | "rd" | "zhengxie" | "renda"));
    let derived_body = at.map(|i| match parts[i] {
        "zx" | "zhengxie" => "某某区政协",
        _ => "某某区人大",
    });
    let numbers = at.and_then(|i| {
        let term: u32 = parts.get(i + 1)?.parse().ok()?;
        let meeting: u32 = parts.get(i + 2)?.parse().ok()?;
        Some(format!(
            "{}届{}次会议",
            chinese_number(term)?,
            chinese_number(meeting)?
        ))
    });
    let quote = crate::import::yaml_out::scalar;
    let body = body
        .map(quote)
        .unwrap_or_else(|| derived_body.unwrap_or("某某区人大或政协").into());
    let name = name
        .map(quote)
        .unwrap_or_else(|| numbers.unwrap_or_else(|| "某某会议".into()));
    SESSION
        .replace("{year}", &year.to_string())
        .replace("{body}", &body)
        .replace("{name}", &name)
}

/// 1–99 in Chinese numerals: 9 → 九, 14 → 十四, 21 → 二十一.
fn chinese_number(n: u32) -> Option<String> {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    Some(match n {
        1..=9 => DIGITS[n as usize].to_string(),
        10..=19 => format!("十{}", DIGITS[(n % 10) as usize]),
        20..=99 => format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            DIGITS[(n % 10) as usize]
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_names_come_from_the_id_or_stay_stand_ins() {
        let text = session_text("2019-zx-9-3", 2019, None, None);
        assert!(text.contains("\nname: 九届三次会议\n"), "{text}");
        assert!(text.contains("\nbody: 某某区政协\n"), "{text}");
        assert!(text.contains("\nyear: 2019\n"));
        assert!(!text.contains("共承办"), "no made-up sentence");
        let text = session_text("2020-rd-17-4", 2020, None, Some("区人大"));
        assert!(text.contains("\nname: 十七届四次会议\n"), "{text}");
        assert!(text.contains("\nbody: 区人大\n"), "{text}");
        let text = session_text("session-1", 2021, Some("二届一次会议"), None);
        assert!(text.contains("\nname: 二届一次会议\n"));
        assert_eq!(chinese_number(21).as_deref(), Some("二十一"));
        assert_eq!(chinese_number(10).as_deref(), Some("十"));
    }
}
