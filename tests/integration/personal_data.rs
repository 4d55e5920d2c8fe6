//! Personal data stays out (E049): a mobile number, a resident ID number with
//! a valid check digit and an e-mail address in a published text are errors at
//! the file, line and column of the number, naming the field, the number
//! masked — and no output of the run (headline or source line, `build` or
//! `check`) repeats it. What is not published (withheld records, drafts, the
//! parts of a `summary_only` record 摘要公开 keeps back) is not checked; what
//! `public_contacts` or the site's `contact` lists builds.

use crate::support::Fixture;

const MOBILE: &str = "13812345678";
const EMAIL: &str = "zhang.san@example.com";

/// A synthetic ID number (prefecture 119999 does not exist): 17 digits and
/// their ISO 7064 MOD 11-2 check character.
fn id_number() -> String {
    let body = "11999919900307123";
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{body}{check}")
}

/// The site: one public record with each kind of data in a different field,
/// a session with one, and records whose data is not published.
fn site() -> Fixture {
    let f = Fixture::new();
    let id = id_number();
    f.record(
        "2019/0001",
        &format!(
            "kind: proposal
session: s1
title: 关于加快停车场建设的建议
disclosure: public
host_unit: 区交通运输局
proposers: [王某某 {id}]
reply: |
  来信收悉。
  联系人：张某，电话 {MOBILE}。
outcomes:
  - heading: 核实
    text: 已请 {EMAIL} 核实
"
        ),
    );
    // Withheld: published nowhere, so not checked.
    f.record(
        "2019/0002",
        &format!(
            "kind: proposal
session: s1
title: 关于增设公交站的建议 {MOBILE}
disclosure: withheld
reply: 电话 {MOBILE}
"
        ),
    );
    // 摘要公开: the full reply, request, outcomes and reason stay out of every
    // output, so only the summary and disclosure_reason are checked.
    f.record(
        "2019/0003",
        &format!(
            "kind: proposal
session: s1
title: 关于修缮公园的建议
disclosure: summary_only
disclosure_reason: 涉及个人信息，可致电 {MOBILE} 依申请公开
request: 请联系 {EMAIL}
reply: 电话 {MOBILE}，身份证 {id}
status_reason: 电话 {MOBILE}
outcomes:
  - text: 电话 {MOBILE}
"
        ),
    );
    // A draft is in no output.
    f.record(
        "2019/0004",
        &format!(
            "kind: proposal
session: s1
title: 关于建设地铁的建议 {MOBILE}
disclosure: public
draft: true
"
        ),
    );
    f.session(
        "s1",
        &format!(
            "body: 区政协
year: 2019
name: 九届三次会议
methods: |
  各承办单位认真办理。
  意见请发至 {EMAIL}。
"
        ),
    );
    f
}

const TODO: &str = "个人的联系方式不能公开，请删除；如果这是对外公布的热线、办公电话或单位邮箱，请把它列入 site.yaml 的 public_contacts";

#[test]
fn each_number_is_an_error_at_its_place_with_its_field_and_masked() {
    let f = site();
    std::fs::create_dir_all(f.path("public")).unwrap();
    std::fs::write(f.path("public/old.html"), "old").unwrap();
    let run = f.build();
    run.assert_exit(1);
    let id = id_number();
    let masked_id = format!("{}**********{}", &id[..4], &id[14..]);
    let expected = [
        format!(
            "content/proposals/2019/0001.yaml:6:17: error[E049]: 提出人（proposers[0]）中有身份证号码 {masked_id} — 身份证号码不能公开，请删除"
        ),
        format!(
            "content/proposals/2019/0001.yaml:9:13: error[E049]: 答复全文（reply）中有手机号码 138****5678 — {TODO}"
        ),
        format!(
            "content/proposals/2019/0001.yaml:12:14: error[E049]: 第 1 项办理进展（outcomes[0].text）中有电子邮箱地址 z***@example.com — {TODO}"
        ),
        format!(
            "content/proposals/2019/0003.yaml:5:31: error[E049]: 不公开答复全文的理由（disclosure_reason）中有手机号码 138****5678 — {TODO}"
        ),
        format!(
            "content/sessions/s1.yaml:6:9: error[E049]: 主要做法（methods）中有电子邮箱地址 z***@example.com — {TODO}"
        ),
    ];
    assert_eq!(
        run.with_code("E049"),
        expected.iter().map(String::as_str).collect::<Vec<_>>(),
        "{}",
        run.stderr
    );
    // Nothing else is wrong with the site.
    let errors = run.headlines().into_iter().filter(|l| l.contains("error["));
    assert_eq!(errors.count(), expected.len(), "{}", run.stderr);
    // The failed build left public/ as it was.
    assert_eq!(
        crate::support::files(&f.path("public"))
            .into_keys()
            .collect::<Vec<_>>(),
        ["old.html"]
    );
    // The source line under the headline is masked where it stands, the caret
    // under the number.
    // (Before it: two spaces, nine characters two columns wide, one space.)
    let snippet = format!(
        "9 |   联系人：张某，电话 138****5678。\n  | {}{}",
        " ".repeat(2 + 9 * 2 + 1),
        "^".repeat(11)
    );
    assert!(run.stderr.contains(&snippet), "{}", run.stderr);
}

#[test]
fn no_output_repeats_the_numbers() {
    let f = site();
    let id = id_number();
    for run in [f.build(), f.check(), f.run(&["check", "--lang", "en"])] {
        assert_ne!(run.code, 0);
        assert_eq!(run.with_code("E049").len(), 5, "{}", run.stderr);
        let all = format!("{}\n{}", run.stdout, run.stderr);
        for raw in [
            MOBILE,
            id.as_str(),
            EMAIL,
            "zhang.san",
            &id[4..14],
            "1234567",
        ] {
            assert!(!all.contains(raw), "{raw} printed:\n{all}");
        }
    }
}

#[test]
fn public_contacts_and_the_sites_contact_may_be_published() {
    let f = Fixture::new();
    f.site(&format!(
        "{}contact:\n  email: zxb@example.gov.cn\npublic_contacts: [\"139-0000-1111\", \"12345\"]\n",
        crate::support::SITE
    ));
    f.record(
        "2019/0001",
        "kind: proposal
session: s1
title: 关于加快停车场建设的建议
disclosure: public
reply: |
  咨询电话 +86 13900001111，或 12345 热线；来信请寄 zxb@example.gov.cn。
",
    );
    let out = f.path("out");
    let run = f.build_into(&out);
    run.assert_exit(0);
    let page = std::fs::read_to_string(out.join("proposals/2019/0001/index.html")).unwrap();
    assert!(page.contains("13900001111"), "{page}");
    assert!(page.contains("zxb@example.gov.cn"), "{page}");
    // Another number in the same text is still an error.
    f.record(
        "2019/0002",
        "kind: proposal
session: s1
title: 关于增设公交站的建议
disclosure: public
summary: 联系 13900001112
",
    );
    let run = f.build_into(&out);
    run.assert_exit(1);
    assert_eq!(
        run.with_code("E049"),
        [format!(
            "content/proposals/2019/0002.yaml:5:13: error[E049]: 答复摘要（summary）中有手机号码 139****1112 — {TODO}"
        )
        .as_str()]
    );
}

#[test]
fn site_texts_are_checked() {
    let f = Fixture::new();
    f.site(&format!(
        "{}copyright: 版权所有 联系 13812345678\n",
        crate::support::SITE
    ));
    let run = f.check();
    run.assert_only(&format!(
        "content/site.yaml:9:20: error[E049]: 版权行（copyright）中有手机号码 138****5678 — {TODO}"
    ));
}
