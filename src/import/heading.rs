//! Finding the heading row. Registers come as offices keep them: above the
//! row of column headings there is often a merged title row
//! ("2023年区政协提案办理情况一览表"), a "填报单位：…　填报日期：…" row, blank
//! rows. The heading row is the one among the first [`SEARCHED`] rows with
//! text whose cells name the most record fields ([`Field::from_header`]); a
//! title row names none (its one long cell is no heading), a data row seldom
//! more than one (a 重点 or 见面 cell). On a tie the earlier row is taken: the
//! headings come before the data they head.

use super::columns::Field;

/// How many rows with text are looked through for the heading row.
pub const SEARCHED: usize = 10;

/// The heading row among `rows` (rows with text, in order): its index in
/// `rows`, or `None` when none of the first [`SEARCHED`] names any field.
pub fn find(rows: &[(usize, Vec<String>)]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, (_, cells)) in rows.iter().take(SEARCHED).enumerate() {
        let score = score(cells);
        if score > 0 && best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

/// How many different record fields a row's cells name.
fn score(cells: &[String]) -> usize {
    let mut fields: Vec<Field> = cells.iter().filter_map(|c| Field::from_header(c)).collect();
    fields.sort();
    fields.dedup();
    fields.len()
}

/// A row above the heading row, as the webmaster would recognise it: its
/// first cell with text, cut short.
pub fn describe(cells: &[String]) -> String {
    let text = cells
        .iter()
        .find(|c| !c.is_empty())
        .map_or("", String::as_str);
    let line = text.lines().next().unwrap_or("");
    let mut out: String = line.chars().take(30).collect();
    if line.chars().count() > 30 || text.lines().nth(1).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(rows: &[&[&str]]) -> Vec<(usize, Vec<String>)> {
        rows.iter()
            .enumerate()
            .map(|(i, r)| (i + 1, r.iter().map(|c| c.to_string()).collect()))
            .collect()
    }

    #[test]
    fn the_heading_row_is_found_below_title_rows() {
        let t = rows(&[
            &["2023年区政协提案办理情况一览表"],
            &["填报单位：区政府办公室", "", "", "填报日期：2023年12月"],
            &["序号", "提案号", "案由", "主办单位", "办理类别"],
            &["1", "第4号", "关于增设停车位的建议", "区交通运输局", "B类"],
        ]);
        assert_eq!(find(&t), Some(2));
        assert_eq!(describe(&t[0].1), "2023年区政协提案办理情况一览表");
        assert_eq!(describe(&t[1].1), "填报单位：区政府办公室");
    }

    #[test]
    fn the_first_row_wins_a_tie_and_data_rows_do_not_beat_headings() {
        let t = rows(&[&["标题", "重点"], &["关于……", "重点"]]);
        assert_eq!(find(&t), Some(0));
        let t = rows(&[&["提案办理情况", "", "重点"], &["编号", "标题", "重点"]]);
        assert_eq!(find(&t), Some(1), "more fields named");
    }

    #[test]
    fn no_heading_in_the_first_rows_is_none() {
        let mut many: Vec<&[&str]> = vec![&["一览表"]; SEARCHED];
        many.push(&["标题", "提案号"]);
        assert_eq!(
            find(&rows(&many)),
            None,
            "only the first {SEARCHED} are looked at"
        );
        assert_eq!(find(&rows(&[&["备注", "其他"]])), None);
        assert_eq!(find(&[]), None);
        let long = "很长的一段标题文字".repeat(5);
        assert!(describe(&[long]).ends_with('…'));
    }
}
