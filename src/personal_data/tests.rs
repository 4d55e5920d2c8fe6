//! Tests of the detector: each kind of number and address found, normalised
//! and masked; the look-alikes webmasters would see left alone (amounts,
//! counts, other groupings, URLs); the allowlist; byte ranges in mixed text;
//! odd inputs.

use super::*;

/// A synthetic ID number: `body` (17 digits) and its computed check
/// character. Tests build every ID this way, in prefectures that do not
/// exist (119999, 129999), so none can be a person's.
fn id(body: &str) -> String {
    let d: [u8; 17] = body.as_bytes().try_into().expect("17 digits");
    format!("{body}{}", check_char(&d) as char)
}

/// A synthetic ID number whose check character is `X`.
fn id_with_x() -> String {
    (0..1000)
        .map(|n| id(&format!("11999919000101{n:03}")))
        .find(|s| s.ends_with('X'))
        .expect("one in eleven ends in X")
}

/// Every wrong check character for `body`.
fn wrong_ids(body: &str) -> Vec<String> {
    let right = id(body);
    "0123456789X"
        .chars()
        .map(|c| format!("{body}{c}"))
        .filter(|s| *s != right)
        .collect()
}

/// ASCII digits and letters → full-width.
fn fw(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            c => c,
        })
        .collect()
}

fn none() -> Allowlist {
    Allowlist::default()
}

/// (kind, matched text) of every finding, checking ranges on the way.
fn found(text: &str) -> Vec<(Kind, &str)> {
    let findings = scan(text, &none());
    check_invariants(text, &findings);
    findings
        .iter()
        .map(|f| (f.kind, &text[f.range.clone()]))
        .collect()
}

fn check_invariants(text: &str, findings: &[Finding]) {
    let mut end = 0;
    for f in findings {
        assert!(
            f.range.start >= end,
            "sorted, not overlapping: {findings:?}"
        );
        assert!(f.range.start < f.range.end && f.range.end <= text.len());
        assert!(text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end));
        assert!(!f.masked.contains(&f.normalised), "{f:?}");
        end = f.range.end;
    }
}

fn one(text: &str) -> Finding {
    let findings = scan(text, &none());
    check_invariants(text, &findings);
    assert_eq!(findings.len(), 1, "{text:?}: {findings:?}");
    findings.into_iter().next().unwrap()
}

#[test]
fn plain_mobile_is_found_normalised_and_masked() {
    let text = "联系电话13812345678。";
    let f = one(text);
    assert_eq!(f.kind, Kind::Mobile);
    assert_eq!(&text[f.range.clone()], "13812345678");
    assert_eq!(f.normalised, "13812345678");
    assert_eq!(f.masked, "138****5678");
    for second in '3'..='9' {
        let n = format!("1{second}012345678");
        assert_eq!(found(&n), [(Kind::Mobile, n.as_str())]);
    }
    for not in ["10012345678", "11012345678", "12812345678", "23812345678"] {
        assert_eq!(found(not), [], "{not}");
    }
}

#[test]
fn grouped_mobile_with_each_separator() {
    for sep in ["-", " ", "－", "　", "–", "—", "\u{a0}"] {
        let number = format!("138{sep}1234{sep}5678");
        let text = format!("手机：{number}，请回电");
        let f = one(&text);
        assert_eq!(
            (f.kind, &text[f.range.clone()]),
            (Kind::Mobile, number.as_str())
        );
        assert_eq!(f.normalised, "13812345678");
        assert_eq!(f.masked, "138****5678");
    }
}

#[test]
fn other_groupings_and_mixed_separators_are_not_mobiles() {
    for text in [
        "138-1234 5678",
        "138 1234-5678",
        "1381234 5678",
        "1381 234 5678",
        "13 8123 45678",
    ] {
        assert_eq!(found(text), [], "{text}");
    }
}

#[test]
fn country_prefixes_belong_to_the_number() {
    for text in [
        "+8613812345678",
        "+86 13812345678",
        "+86-13812345678",
        "+86-138-1234-5678",
        "+86 138 1234 5678",
        "＋８６ １３８１２３４５６７８",
        "＋86 138-1234-5678",
        "0086 13812345678",
        "0086-138 1234 5678",
        "008613812345678",
        "86-13812345678",
        "86-138-1234-5678",
    ] {
        let whole = format!("电话{text}。");
        let f = one(&whole);
        assert_eq!(&whole[f.range.clone()], text);
        assert_eq!(f.normalised, "13812345678", "{text}");
        assert_eq!(f.masked, "138****5678");
    }
    // A bare 86 and a space: the number alone; joined without +: a 13-digit number.
    assert_eq!(found("86 13812345678"), [(Kind::Mobile, "13812345678")]);
    assert_eq!(found("8613812345678"), []);
    assert_eq!(found("+86138123456789"), []);
}

#[test]
fn full_width_digits_are_found_with_byte_ranges() {
    let number = fw("13812345678");
    let text = format!("手机{number}号码");
    let f = one(&text);
    assert_eq!(f.range, "手机".len().."手机".len() + 33);
    assert_eq!(f.normalised, "13812345678");
    assert_eq!(f.masked, "138****5678");
    // Full-width digits mixed with ASCII are still digits of one run.
    assert_eq!(found("１３８12345678"), [(Kind::Mobile, "１３８12345678")]);
}

#[test]
fn a_number_touching_letters_digits_or_a_decimal_point_is_not_one() {
    for text in [
        "138123456789",
        "113812345678",
        "SN13812345678",
        "13812345678abc",
        "_13812345678",
        "ｂ13812345678",
        "13812345678ｂ",
        "0.13812345678",
        "13812345678.5",
        "１．１３８１２３４５６７８",
        "１３８１２３４５６７８．５",
        "2019-13812345678",
        "13812345678-01",
        "138-1234-5678-9012",
        "0138-1234-5678",
        "138 1234 5678 9012",
        "9 138 1234 5678",
        "13812345678x",
    ] {
        assert_eq!(found(text), [], "{text}");
    }
}

#[test]
fn numbers_beside_spaces_and_punctuation_are_found() {
    assert_eq!(
        found("13812345678 13912345678"),
        [(Kind::Mobile, "13812345678"), (Kind::Mobile, "13912345678")]
    );
    assert_eq!(
        found("13812345678、139-1234-5678/137 1234 5678"),
        [
            (Kind::Mobile, "13812345678"),
            (Kind::Mobile, "139-1234-5678"),
            (Kind::Mobile, "137 1234 5678")
        ]
    );
    for text in [
        "tel:13812345678",
        "(13812345678)",
        "13812345678转8001",
        "13812345678.",
    ] {
        assert_eq!(found(text), [(Kind::Mobile, "13812345678")], "{text}");
    }
    // A dot that ends a sentence is not a decimal point.
    assert_eq!(found("2.5 13812345678"), [(Kind::Mobile, "13812345678")]);
}

#[test]
fn amounts_and_counts_are_not_mobiles() {
    for text in [
        "投资13800000000元",
        "15000000000余人次",
        "１３８０００００００００万",
        "共13800000000人",
        "13800000000 元",
    ] {
        assert_eq!(found(text), [], "{text}");
    }
}

#[test]
fn false_positives_webmasters_would_see() {
    let filing = wrong_ids("42011320190922000")[0].clone();
    let text = format!(
        "今年以来，投入资金400余万元，为18家基层医疗机构引进48名医护专技人才；\
             总投资1127万元，2019年9月22日（20190922）开工。鄂公网安备42011302000122号。\
             咨询电话：027-84851234，(027)84851234，02784851234，市民热线12345，\
             客服400-123-4567。详见https://www.wh.gov.cn/zwgk/13812345678/t20190922_1234567.shtml，\
             或http://example.gov.cn/a?id=13812345678&mail=zhang@example.com。\
             增长3.1415926535%，编号1381234567813812345678，备案号{filing}。\
             统一社会信用代码91420100MA4K5C1X2R、124201004412345678。\
             微博@武汉发布，13:45:00，1/2，第12届。"
    );
    let findings = scan(&text, &none());
    assert_eq!(findings, []);
    assert_eq!(findings.capacity(), 0, "nothing found, nothing allocated");
}

#[test]
fn valid_id_numbers_are_found_and_masked() {
    let n = id("11999919000101001");
    let text = format!("身份证号{n}。");
    let f = one(&text);
    assert_eq!(
        (f.kind, &text[f.range.clone()]),
        (Kind::IdNumber, n.as_str())
    );
    assert_eq!(f.normalised, n);
    assert_eq!(f.masked, format!("1199**********{}", &n[14..]));
    assert_eq!(f.masked.len(), 18);

    let x = id_with_x();
    let lower = x.to_lowercase();
    let f = one(&format!("证件{lower}，"));
    assert_eq!(f.normalised, x, "x is normalised to X");
    assert!(f.masked.ends_with('X'));
    let full = fw(&x);
    let text = format!("证件{full}，");
    let f = one(&text);
    assert_eq!(&text[f.range.clone()], full);
    assert_eq!(f.normalised, x);
    let full_lower = fw(&lower);
    assert_eq!(one(&full_lower).normalised, x);
}

#[test]
fn grouped_id_numbers_6_8_4() {
    let n = id_with_x();
    for sep in [" ", "-", "　"] {
        let grouped = format!("{}{sep}{}{sep}{}", &n[..6], &n[6..14], &n[14..]);
        let text = format!("号码：{grouped}。");
        let f = one(&text);
        assert_eq!(
            (f.kind, &text[f.range.clone()]),
            (Kind::IdNumber, grouped.as_str())
        );
        assert_eq!(f.normalised, n);
    }
    let mixed = format!("{} {}-{}", &n[..6], &n[6..14], &n[14..]);
    assert_eq!(found(&mixed), []);
}

#[test]
fn id_numbers_need_check_digit_date_province_and_boundaries() {
    for body in [
        "11999919000101001",
        "12999919991231123",
        "11999920000229004",
    ] {
        assert_eq!(found(&id(body)).len(), 1, "{body}");
        for wrong in wrong_ids(body) {
            assert_eq!(found(&wrong), [], "{wrong}: wrong check character");
        }
    }
    for body in [
        "11999919001301001", // month 13
        "11999919000132001", // day 32
        "11999919000431001", // 31 April
        "11999919000229001", // 1900 is not a leap year
        "11999918991231001", // 1899
        "11999921000101001", // 2100
        "99010119000101001", // no such province
        "00010119000101001",
    ] {
        assert_eq!(found(&id(body)), [], "{body}");
    }
    let n = id("11999919000101001");
    for text in [
        format!("1{n}"),
        format!("{n}1"),
        format!("{n}X"),
        format!("A{n}"),
        format!("{n}a"),
        format!("0.{n}"),
        format!("2019-{n}"),
    ] {
        assert_eq!(found(&text), [], "{text}");
    }
    // An 18-digit run whose first 17 digits would be an ID with an X is a
    // different number: 17 digits and a wrong last digit.
    let x = id_with_x();
    assert_eq!(found(&format!("{}0", &x[..17])), []);
    assert_eq!(
        found(&format!("{n}元")).len(),
        1,
        "units do not matter to IDs"
    );
}

#[test]
fn e_mail_addresses_are_found_normalised_and_masked() {
    let text = "请发送至Zhang.San@Example.COM。";
    let f = one(text);
    assert_eq!(
        (f.kind, &text[f.range.clone()]),
        (Kind::Email, "Zhang.San@Example.COM")
    );
    assert_eq!(f.normalised, "zhang.san@example.com");
    assert_eq!(f.masked, "z***@example.com");

    let text = "邮箱zhang＠example.com.cn，";
    let f = one(text);
    assert_eq!(&text[f.range.clone()], "zhang＠example.com.cn");
    assert_eq!(f.normalised, "zhang@example.com.cn");
    assert_eq!(f.masked, "z***@example.com.cn");

    for (text, matched) in [
        ("zhang@example.com.", "zhang@example.com"),
        ("mailto:zwfw@wh.gov.cn", "zwfw@wh.gov.cn"),
        ("(li_si+tag@mail.example.org)", "li_si+tag@mail.example.org"),
        (".a@x-y.cn", "a@x-y.cn"),
        ("a@b.cn", "a@b.cn"),
    ] {
        assert_eq!(found(text), [(Kind::Email, matched)], "{text}");
    }
    assert_eq!(one("a@b.cn").masked, "a***@b.cn");
    for text in [
        "a@localhost",
        "a@b.c",
        "a@b.c2",
        "@example.com",
        "zhang@",
        "a..b@x.com",
        "a.@x.com",
        "zhang@-x.com",
        "zhang@x..com",
        "微博@张三",
        "https://zhang@example.com/x",
    ] {
        assert_eq!(found(text), [], "{text}");
    }
    let long_local = format!("{}@example.com", "a".repeat(65));
    assert_eq!(found(&long_local), []);
}

#[test]
fn a_number_used_as_an_address_is_one_finding() {
    let f = one("邮箱13812345678@139.com");
    assert_eq!(f.kind, Kind::Email);
    assert_eq!(f.masked, "1***@139.com");
    assert_eq!(
        found("138-1234-5678.li@example.cn，13912345678"),
        [
            (Kind::Email, "138-1234-5678.li@example.cn"),
            (Kind::Mobile, "13912345678")
        ]
    );
    // Two addresses back to back do not swallow each other.
    assert_eq!(
        found("a@b.com@c.com"),
        [(Kind::Email, "a@b.com")],
        "the second @ has no local part of its own"
    );
}

#[test]
fn the_allowlist_matches_normalised_forms() {
    let n = id_with_x();
    let allow = Allowlist::new([
        "12345",
        "027-84851234",
        "ZWFW@wh.gov.cn",
        "138-1234-5678",
        n.to_lowercase().as_str(),
    ]);
    assert_eq!(
        allow.entries.iter().map(|e| &**e).collect::<Vec<_>>(),
        [n.as_str(), "13812345678", "zwfw@wh.gov.cn"],
        "entries without a number or address are left out; sorted"
    );
    let text = format!(
        "热线12345，电话027-84851234，+86 138 1234 5678，１３８１２３４５６７８，\
             zwfw＠WH.gov.cn，{n}，另：13912345678，li@wh.gov.cn"
    );
    let findings = scan(&text, &allow);
    check_invariants(&text, &findings);
    let got: Vec<_> = findings.iter().map(|f| &text[f.range.clone()]).collect();
    assert_eq!(got, ["13912345678", "li@wh.gov.cn"]);
    let unfiltered = scan(&text, &none());
    let filtered: Vec<_> = unfiltered
        .into_iter()
        .filter(|f| !allow.allows(f))
        .collect();
    assert_eq!(filtered, findings, "filtering later gives the same");
    // An allowed address that contains a number allows the number with it.
    let allow = Allowlist::new(["13812345678@139.com"]);
    assert_eq!(scan("13812345678@139.com", &allow), []);
    assert_eq!(scan("13812345678", &allow).len(), 1);
}

#[test]
fn byte_ranges_in_mixed_cjk_text() {
    let n = id("12999919991231123");
    let text = format!(
        "一、张三（手机{}）反映：邮箱li@example.cn，身份证{n}；办公室027-84851234。",
        fw("138 1234 5678")
    );
    let findings = scan(&text, &none());
    check_invariants(&text, &findings);
    let got: Vec<_> = findings
        .iter()
        .map(|f| (f.kind, &text[f.range.clone()], f.masked.as_str()))
        .collect();
    let masked_id = format!("1299**********{}", &n[14..]);
    assert_eq!(
        got,
        [
            (Kind::Mobile, fw("138 1234 5678").as_str(), "138****5678"),
            (Kind::Email, "li@example.cn", "l***@example.cn"),
            (Kind::IdNumber, n.as_str(), masked_id.as_str()),
        ]
    );
    let start = text.find("１").unwrap();
    assert_eq!(findings[0].range.start, start);
}

#[test]
fn urls_are_skipped_up_to_their_end() {
    assert_eq!(
        found("见https://x.cn/13812345678，电话13912345678"),
        [(Kind::Mobile, "13912345678")]
    );
    assert_eq!(
        found("[链接](http://x.cn/a)13912345678"),
        [(Kind::Mobile, "13912345678")]
    );
    // No scheme, no URL: a colon alone skips nothing.
    assert_eq!(found("://13812345678"), [(Kind::Mobile, "13812345678")]);
}

#[test]
fn odd_inputs_do_not_panic() {
    for text in [
        "",
        "1",
        "+",
        "＋",
        "@",
        "＠",
        ":",
        "://",
        "x://",
        "\u{ef}",
        "１",
        "1-",
        "1 ",
        "138-",
        "138-1234-",
        "1234567890123456789012345678901234567890",
        "86-",
        "+86",
        "０",
        "X",
        "1\u{a0}",
        "1—",
        "a@",
        "@b.cn",
        "１３８．",
    ] {
        check_invariants(text, &scan(text, &none()));
    }
    let long = "1-".repeat(1000);
    assert_eq!(found(&long), []);
    let many = "13812345678 ".repeat(100);
    assert_eq!(found(&many).len(), 100);
}

#[test]
fn mask_text_masks_in_place_keeping_every_column() {
    let id = id("11999919900307123");
    let cases = [
        ("电话13812345678。", "电话138****5678。"),
        ("电话 138-1234-5678 止", "电话 138-****-5678 止"),
        ("+86 13812345678", "+86 138****5678"),
        (
            "００８６１３８１２３４５６７８",
            "００８６１３８****５６７８",
        ),
        (
            "邮箱 zhang.san@example.com 。",
            "邮箱 z********@example.com 。",
        ),
        ("热线 12345，027-84851234", "热线 12345，027-84851234"),
    ];
    for (text, want) in cases {
        assert_eq!(mask_text(text), want, "{text}");
        assert_eq!(mask_text(text).chars().count(), text.chars().count());
    }
    let text = format!("身份证{id}号");
    let masked = mask_text(&text);
    assert_eq!(
        masked,
        format!("身份证{}**********{}号", &id[..4], &id[14..])
    );
    // What is left of a masked text is no longer personal data.
    for (text, _) in cases {
        assert_eq!(found(&mask_text(text)), [], "{text}");
    }
    assert!(matches!(
        mask_text("没有号码"),
        std::borrow::Cow::Borrowed(_)
    ));
}
