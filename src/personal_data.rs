//! Finds personal data in a published text: mainland mobile numbers, resident
//! ID numbers and e-mail addresses.
//!
//! Why: a reply quotes a member's mobile number, a scanned register leaves an
//! ID number in a field, an e-mail address slips into a summary — and the site
//! would publish it to everyone. Every text that reaches an output goes through
//! [`scan`]; each [`Finding`] carries a masked form (138****5678) that a message
//! may show, because the message itself must not repeat the number. Numbers a
//! site may publish (a hotline, an office address) are listed in `site.yaml`'s
//! `public_contacts` and given to [`Allowlist::new`].
//!
//! # What counts
//!
//! **Mobile numbers**: 11 digits, `1` then `3`–`9`, written
//! - plain: `13812345678`;
//! - grouped 3-4-4 with the same separator twice: `138-1234-5678`,
//!   `138 1234 5678` (separators: `-`, `－`, `–`, `—`, space, ideographic
//!   space `　`, no-break space); other groupings (`1381234 5678`) are not
//!   recognised;
//! - with a country prefix: `+86`/`＋86` (joined or separated),
//!   `0086` (joined or separated), `86-` (a hyphen after a bare `86`);
//!   `8613812345678` without `+` is a 13-digit number, not a mobile;
//! - in full-width digits (`１３８１２３４５６７８`), which input methods
//!   produce in full-width mode.
//!
//! **Resident ID numbers** (GB 11643): 17 digits and a check character (a
//! digit, or `X`/`x`/`Ｘ`/`ｘ`), plain or grouped 6-8-4; the first two
//! digits a province code (including 71, 81–83 of the residence permits),
//! positions 7–14 a real date from 1900 to 2099 (a fixed range, not the
//! clock: the same text gives the same result every year), and the ISO 7064
//! MOD 11-2 check character right. An 18-digit filing or order number fails
//! the check ten times in eleven, and the date and province tests most of the
//! rest. The old 15-digit numbers are not recognised: they carry no check
//! character, so any 15-digit count would match.
//!
//! **E-mail addresses**: ASCII `local@domain.tld` (local part of
//! `A-Za-z0-9._%+-`, at most 64 bytes; domain of two or more labels, the last
//! alphabetic); the full-width `＠` too, as an input method in full-width
//! mode writes it. A mobile number used as the local part (`13812345678@139.com`)
//! is reported once, as the address.
//!
//! # What does not count
//!
//! A number is one token: it is not reported when a letter, digit or `_`
//! touches it (`SN13812345678`, a 12-digit run), when it is part of a decimal
//! (`0.13812345678`), when a hyphen joins it to another number
//! (`2019-13812345678`, a compound filing number), or — for a grouped form —
//! when the same separator continues it (`138 1234 5678 9012`). A mobile-shaped
//! number followed by a unit of money or count (元 万 亿 余 多 千 百 个 件 人 次
//! 户 名 吨 米), directly or after one space, is an amount. Anything inside a
//! URL (`scheme://…` up to the first space, quote, bracket or non-ASCII
//! character) is an identifier of a page, not a contact. Landlines (`027-84851234`), hotlines (`12345`), dates
//! (`20190922`), money (`1127万元`), 14-digit filing numbers and the
//! 统一社会信用代码 (letters, or a date that is not one) are never reported.
//!
//! # Normalised and masked forms
//!
//! A finding's normalised form is its number in ASCII digits without prefix or
//! separators (`13812345678`; an ID's check character as upper-case `X`), or
//! the address in ASCII lower case. An allowlist entry is normalised by
//! scanning it with this same scanner, so `138-1234-5678` in `public_contacts`
//! allows `+86 13812345678` in a text. The masked form keeps the mobile's first
//! 3 and last 4 digits (`138****5678`), the ID's first 4 (province and city) and
//! last 4 (`4201**********123X`, the common way to print one), and the
//! address's first character and domain (`z***@example.com`).
//!
//! # Speed
//!
//! One pass over the bytes, eight at a time: a word with no ASCII digit, `:`
//! (a URL may start), `@` or 0xEF (the lead byte of full-width forms) is
//! skipped whole, and CJK text has none of them. Only digit runs, `@` and
//! `://` are looked at closer. Nothing is allocated unless something is
//! found. Measured with
//! `cargo run --release --example personal_data_speed -- SEED_REPORT 200`
//! (the demo's source report, 14 KB of Chinese with 82 figures and dates,
//! repeated to 200 MiB and scanned line by line): 1.9–3.4 GB/s of CPU time
//! across runs on the shared 2-core build machine (a byte-at-a-time loop over a
//! lookup table did 0.4–1.0 GB/s), the same with its punctuation made
//! full-width; so the ~300 MB of a 100,000-record site cost 0.1–0.15 s of one core.

use std::ops::Range;

/// What was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A mainland mobile number.
    Mobile,
    /// An 18-digit resident ID number with a valid check character.
    IdNumber,
    /// An e-mail address.
    Email,
}

/// One piece of personal data in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    /// Byte range in the scanned text; always on character boundaries.
    pub range: Range<usize>,
    /// The number in ASCII digits without prefix or separators, or the address
    /// in lower case. It is the personal data itself: compare it, never print it.
    pub normalised: String,
    /// What a message may show: `138****5678`, `4201**********123X`, `z***@example.com`.
    pub masked: String,
}

/// Numbers and addresses that may be published (`public_contacts`).
#[derive(Clone, Debug, Default)]
pub struct Allowlist {
    /// Normalised forms, sorted, without duplicates.
    entries: Vec<Box<str>>,
}

impl Allowlist {
    /// Normalises each entry by scanning it: every number or address found in
    /// an entry is allowed. An entry with none (`12345`, `027-84851234`) can
    /// never match a finding and is left out.
    pub fn new<S: AsRef<str>>(entries: impl IntoIterator<Item = S>) -> Self {
        let none = Allowlist::default();
        let mut list: Vec<Box<str>> = entries
            .into_iter()
            .flat_map(|e| scan(e.as_ref(), &none))
            .map(|f| f.normalised.into_boxed_str())
            .collect();
        list.sort();
        list.dedup();
        Allowlist { entries: list }
    }

    /// Whether a finding is allowed: for findings made with an empty list and
    /// filtered later (a cache that outlives a change of `public_contacts`).
    pub fn allows(&self, finding: &Finding) -> bool {
        self.contains(finding.normalised.as_bytes())
    }

    /// Whether a normalised form is allowed.
    fn contains(&self, normalised: &[u8]) -> bool {
        self.entries
            .binary_search_by(|e| e.as_bytes().cmp(normalised))
            .is_ok()
    }
}

/// Every mobile number, ID number and e-mail address in `text` that `allow`
/// does not list, sorted by position, never overlapping.
pub fn scan(text: &str, allow: &Allowlist) -> Vec<Finding> {
    let mut s = Scanner {
        b: text.as_bytes(),
        allow,
        out: Vec::new(),
        last_end: 0,
        last_email_end: 0,
    };
    s.run();
    s.out
}

/// `text` with every mobile number, ID number and e-mail address masked where
/// it stands, for a line a message quotes (the source line under a
/// diagnostic): the digits a [`Finding`]'s masked form hides become `*`, and
/// so does an address's local part after its first character. Nothing else
/// changes, and each masked character is one character as before, so a caret
/// drawn under the line still stands where it did. Nothing is allowed: a line
/// shown in a message has no reason to show even a public number whole.
pub fn mask_text(text: &str) -> std::borrow::Cow<'_, str> {
    let found = scan(text, &Allowlist::default());
    if found.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for f in &found {
        out.push_str(&text[last..f.range.start]);
        mask_in_place(f.kind, &text[f.range.clone()], &mut out);
        last = f.range.end;
    }
    out.push_str(&text[last..]);
    std::borrow::Cow::Owned(out)
}

/// Writes `raw`, one finding as written, masked character for character.
fn mask_in_place(kind: Kind, raw: &str, out: &mut String) {
    let (len, head, tail) = match kind {
        Kind::Email => {
            let at = raw.find(['@', '＠']).unwrap_or(raw.len());
            let mut local = raw[..at].chars();
            out.extend(local.next());
            out.extend(local.map(|_| '*'));
            out.push_str(&raw[at..]);
            return;
        }
        Kind::Mobile => (11, 3, 4),
        Kind::IdNumber => (18, 4, 4),
    };
    // The number is the last `len` digits (an ID's last one may be X); any
    // before them are a country prefix (+86, 0086), shown as written.
    let is_digit =
        |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || "XxＸｘ".contains(c);
    let total = raw.chars().filter(|&c| is_digit(c)).count();
    let first = total.saturating_sub(len);
    let mut i: usize = 0;
    for c in raw.chars() {
        if !is_digit(c) {
            out.push(c);
            continue;
        }
        let k = i.wrapping_sub(first);
        i += 1;
        out.push(if i > first && k >= head && k < len - tail {
            '*'
        } else {
            c
        });
    }
}

/// Whether a byte may start something: ASCII digits, `:` (between them: a
/// URL's `://`), `@`, and 0xEF, the lead byte of full-width digits and `＠`.
/// None of them is a UTF-8 continuation byte, so each is a character's start.
fn is_trigger(c: u8) -> bool {
    matches!(c, b'0'..=b':' | b'@' | 0xEF)
}

/// The position of the next byte at or after `i` that [`is_trigger`], eight
/// bytes at a time: CJK text has none, so most words are skipped whole.
fn next_trigger(b: &[u8], mut i: usize) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    while let Some(word) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(word.try_into().expect("8 bytes"));
        // ASCII bytes in 0x30..=0x40 (the low seven bits never carry over).
        let low = w & !HI;
        let ascii = (low + LO * 0x50) & !(low + LO * 0x3F) & !w & HI;
        // Bytes equal to 0xEF: exact for the lowest one, which is all we use.
        let ef = w ^ (LO * 0xEF);
        let ef = ef.wrapping_sub(LO) & !ef & HI;
        let hits = ascii | ef;
        if hits != 0 {
            let k = i + (hits.trailing_zeros() / 8) as usize;
            // `;` to `?` share the range; they are rare enough to step over.
            if is_trigger(b[k]) {
                return Some(k);
            }
            i = k + 1;
            continue;
        }
        i += 8;
    }
    b.get(i..)?
        .iter()
        .position(|&c| is_trigger(c))
        .map(|k| i + k)
}

/// Characters after a mobile-shaped number that make it an amount or a count.
const QUANTITY: &[char] = &[
    '元', '万', '亿', '余', '多', '千', '百', '个', '件', '人', '次', '户', '名', '吨', '米',
];

/// Longest run of digits kept: an ID number's 18.
const RUN_MAX: usize = 18;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sep {
    Hyphen,
    Space,
}

/// What is on one side of a run of digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    /// Nothing that matters (CJK, punctuation, the end of the text).
    Free,
    /// A `+`/`＋` of this many bytes right before the digits.
    Plus(usize),
    /// A letter, `_`, or the other half of a decimal number.
    Blocked,
    /// A unit of money or count after the digits.
    Quantity,
    /// One separator, then more digits.
    Joined(Sep),
}

/// A maximal run of digits (ASCII or full-width), with an `X` right after it.
#[derive(Clone, Copy, Debug)]
struct Run {
    start: usize,
    end: usize,
    /// Number of digits (may exceed `RUN_MAX`; only the first `RUN_MAX` are kept).
    len: usize,
    digits: [u8; RUN_MAX],
    x: bool,
    left: Side,
}

impl Run {
    const EMPTY: Run = Run {
        start: 0,
        end: 0,
        len: 0,
        digits: [0; RUN_MAX],
        x: false,
        left: Side::Free,
    };

    /// Exactly `len` digits and no `X`.
    fn plain(&self, len: usize) -> bool {
        self.len == len && !self.x
    }

    fn is(&self, digits: &[u8]) -> bool {
        self.plain(digits.len()) && &self.digits[..digits.len()] == digits
    }
}

struct Scanner<'a> {
    b: &'a [u8],
    allow: &'a Allowlist,
    out: Vec<Finding>,
    /// End of the last match, reported or allowed: no match starts before it.
    last_end: usize,
    /// End of the last e-mail address: no local part reaches back over it.
    last_email_end: usize,
}

impl Scanner<'_> {
    fn run(&mut self) {
        let b = self.b;
        let mut i = 0;
        while let Some(t) = next_trigger(b, i) {
            i = match b[t] {
                b'0'..=b'9' => self.group(t),
                b':' => self.url(t),
                b'@' => self.email(t, 1),
                _ => match (b.get(t + 1), b.get(t + 2)) {
                    (Some(0xBC), Some(0x90..=0x99)) => self.group(t),
                    (Some(0xBC), Some(0xA0)) => self.email(t, 3),
                    _ => t + 3,
                },
            };
        }
    }

    /// At `:`: if it is a URL's `://`, the position after the URL.
    fn url(&self, i: usize) -> usize {
        let b = self.b;
        let scheme = i > 0 && b[i - 1].is_ascii_alphabetic();
        if !(scheme && b.get(i + 1) == Some(&b'/') && b.get(i + 2) == Some(&b'/')) {
            return i + 1;
        }
        let mut j = i + 3;
        while j < b.len() && is_url_byte(b[j]) {
            j += 1;
        }
        j
    }

    /// A group of runs joined by single separators, from its first digit;
    /// returns the position after it. Patterns are matched as each run ends.
    fn group(&mut self, start: usize) -> usize {
        let b = self.b;
        let mut ring = [Run::EMPTY; 4];
        let mut count = 0;
        let mut pos = start;
        let mut left = left_side(b, start);
        loop {
            let mut run = Run {
                start: pos,
                left,
                ..Run::EMPTY
            };
            while let Some((d, w)) = digit_at(b, pos) {
                if run.len < RUN_MAX {
                    run.digits[run.len] = d;
                }
                run.len += 1;
                pos += w;
            }
            if let Some(w) = x_at(b, pos) {
                run.x = true;
                pos += w;
            }
            run.end = pos;
            let join = join_at(b, pos);
            let right = match join {
                Some((sep, _)) => Side::Joined(sep),
                None => right_side(b, pos),
            };
            ring[count % 4] = run;
            count += 1;
            self.match_runs(&ring, count, right);
            match join {
                Some((sep, w)) => {
                    pos += w;
                    left = Side::Joined(sep);
                }
                None => return pos,
            }
        }
    }

    /// Patterns ending at the last run of `ring` (`count` runs so far).
    fn match_runs(&mut self, ring: &[Run; 4], count: usize, right: Side) {
        let back = |k: usize| (k < count.min(4)).then(|| &ring[(count - 1 - k) % 4]);
        let r0 = back(0).expect("a run was just pushed");

        // Three runs with the same separator twice: 3-4-4 mobile, 6-8-4 ID.
        if let (Some(r2), Some(r1)) = (back(2), back(1))
            && let (Side::Joined(s1), Side::Joined(s2)) = (r1.left, r0.left)
            && s1 == s2
        {
            let sep = Some(s1);
            if r2.plain(3) && r1.plain(4) && r0.plain(4) {
                let mut d = [0u8; 11];
                d[..3].copy_from_slice(&r2.digits[..3]);
                d[3..7].copy_from_slice(&r1.digits[..4]);
                d[7..].copy_from_slice(&r0.digits[..4]);
                if is_mobile(&d) && right_ok(right, sep, true) {
                    if let Some(p) = back(3)
                        && let Some(s) = prefix_start(p, r2.left)
                        && left_ok(p.left, sep)
                    {
                        self.emit(Kind::Mobile, s..r0.end, &d);
                    } else if left_ok(r2.left, sep) {
                        self.emit(Kind::Mobile, r2.start..r0.end, &d);
                    }
                }
                return;
            }
            let last_ok = r0.plain(4) || (r0.len == 3 && r0.x);
            if r2.plain(6) && r1.plain(8) && last_ok {
                let mut d = [0u8; 18];
                d[..6].copy_from_slice(&r2.digits[..6]);
                d[6..14].copy_from_slice(&r1.digits[..8]);
                d[14..14 + r0.len].copy_from_slice(&r0.digits[..r0.len]);
                if r0.x {
                    d[17] = b'X';
                }
                if is_id(&d) && left_ok(r2.left, sep) && right_ok(right, sep, false) {
                    self.emit(Kind::IdNumber, r2.start..r0.end, &d);
                }
                return;
            }
        }

        // One run.
        if r0.plain(11) {
            let d: [u8; 11] = r0.digits[..11].try_into().expect("11 digits");
            if is_mobile(&d) && right_ok(right, None, true) {
                if let Some(p) = back(1)
                    && let Some(s) = prefix_start(p, r0.left)
                    && left_ok(p.left, None)
                {
                    self.emit(Kind::Mobile, s..r0.end, &d);
                } else if left_ok(r0.left, None) {
                    self.emit(Kind::Mobile, r0.start..r0.end, &d);
                }
            }
        } else if r0.plain(13) && r0.digits.starts_with(b"86") {
            let d: [u8; 11] = r0.digits[2..13].try_into().expect("11 digits");
            if let Side::Plus(w) = r0.left
                && is_mobile(&d)
                && right_ok(right, None, true)
            {
                self.emit(Kind::Mobile, r0.start - w..r0.end, &d);
            }
        } else if r0.plain(15) && r0.digits.starts_with(b"0086") {
            let d: [u8; 11] = r0.digits[4..15].try_into().expect("11 digits");
            if is_mobile(&d) && left_ok(r0.left, None) && right_ok(right, None, true) {
                self.emit(Kind::Mobile, r0.start..r0.end, &d);
            }
        } else if r0.plain(18) || (r0.len == 17 && r0.x) {
            let mut d = r0.digits;
            if r0.x {
                d[17] = b'X';
            }
            if is_id(&d) && left_ok(r0.left, None) && right_ok(right, None, false) {
                self.emit(Kind::IdNumber, r0.start..r0.end, &d);
            }
        }
    }

    /// At `@` (or `＠`, `w` bytes): an address around it, or the position after it.
    fn email(&mut self, at: usize, w: usize) -> usize {
        let b = self.b;
        let floor = self.last_email_end;
        let mut s = at;
        while s > floor && is_local_byte(b[s - 1]) {
            s -= 1;
            if at - s > 64 {
                return at + w;
            }
        }
        while s < at && matches!(b[s], b'.' | b'-' | b'+') {
            s += 1;
        }
        let local = &b[s..at];
        if local.is_empty() || local.ends_with(b".") || local.windows(2).any(|p| p == b"..") {
            return at + w;
        }
        let d0 = at + w;
        let mut e = d0;
        while e < b.len() && (b[e].is_ascii_alphanumeric() || matches!(b[e], b'-' | b'.')) {
            e += 1;
            if e - d0 > 253 {
                return at + w;
            }
        }
        while e > d0 && matches!(b[e - 1], b'.' | b'-') {
            e -= 1;
        }
        if !is_domain(&b[d0..e]) {
            return at + w;
        }
        // A number inside the address (its local part) is the address.
        while self.out.last().is_some_and(|f| f.range.end > s) {
            self.out.pop();
        }
        let mut norm = Vec::with_capacity(local.len() + 1 + e - d0);
        norm.extend(local.iter().map(u8::to_ascii_lowercase));
        norm.push(b'@');
        norm.extend(b[d0..e].iter().map(u8::to_ascii_lowercase));
        self.last_end = self.last_end.max(e);
        self.last_email_end = e;
        if !self.allow.contains(&norm) {
            let masked = mask(Kind::Email, &norm);
            let normalised = String::from_utf8(norm).expect("ASCII");
            self.out.push(Finding {
                kind: Kind::Email,
                range: s..e,
                normalised,
                masked,
            });
        }
        e
    }

    /// Reports a number unless it overlaps the last match or is allowed.
    fn emit(&mut self, kind: Kind, range: Range<usize>, digits: &[u8]) {
        if range.start < self.last_end {
            return;
        }
        self.last_end = range.end;
        if self.allow.contains(digits) {
            return;
        }
        let normalised = String::from_utf8(digits.to_vec()).expect("ASCII digits");
        self.out.push(Finding {
            kind,
            range,
            masked: mask(kind, digits),
            normalised,
        });
    }
}

/// The masked form of a normalised number or address.
fn mask(kind: Kind, n: &[u8]) -> String {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    match kind {
        Kind::Mobile => format!("{}****{}", text(&n[..3]), text(&n[7..])),
        Kind::IdNumber => format!("{}**********{}", text(&n[..4]), text(&n[14..])),
        Kind::Email => {
            let at = n.iter().position(|&c| c == b'@').unwrap_or(0);
            format!("{}***{}", text(&n[..1]), text(&n[at..]))
        }
    }
}

/// 11 digits that a mainland mobile number may be.
fn is_mobile(d: &[u8; 11]) -> bool {
    d[0] == b'1' && (b'3'..=b'9').contains(&d[1])
}

/// Province codes of GB/T 2260, with 71 (Taiwan) and 81–83 (residence permits).
const PROVINCES: &[u8] = &[
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
];

/// 17 ASCII digits and a check character (digit or `X`) that pass GB 11643.
fn is_id(d: &[u8; 18]) -> bool {
    let num = |r: Range<usize>| {
        d[r].iter()
            .fold(0u32, |acc, &c| acc * 10 + u32::from(c - b'0'))
    };
    if !PROVINCES.contains(&(num(0..2) as u8)) {
        return false;
    }
    let (year, month, day) = (num(6..10), num(10..12), num(12..14));
    if !(1900..=2099).contains(&year) || !(1..=12).contains(&month) || day == 0 {
        return false;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day > days {
        return false;
    }
    check_char(d[..17].try_into().expect("17 digits")) == d[17]
}

/// The ISO 7064 MOD 11-2 check character of GB 11643.
fn check_char(d: &[u8; 17]) -> u8 {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = d
        .iter()
        .zip(WEIGHTS)
        .map(|(&c, w)| u32::from(c - b'0') * w)
        .sum();
    CHECK[(sum % 11) as usize]
}

/// A digit (ASCII or full-width) at `i`: its ASCII value and width in bytes.
fn digit_at(b: &[u8], i: usize) -> Option<(u8, usize)> {
    match *b.get(i)? {
        c @ b'0'..=b'9' => Some((c, 1)),
        0xEF => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0xBC), Some(&c @ 0x90..=0x99)) => Some((b'0' + (c - 0x90), 3)),
            _ => None,
        },
        _ => None,
    }
}

/// Whether the character ending right before `end` is a digit.
fn digit_before(b: &[u8], end: usize) -> bool {
    (end >= 1 && b[end - 1].is_ascii_digit())
        || (end >= 3
            && b[end - 3] == 0xEF
            && b[end - 2] == 0xBC
            && (0x90..=0x99).contains(&b[end - 1]))
}

/// An ID's check character `X`, `x`, `Ｘ` or `ｘ` at `i`: its width.
fn x_at(b: &[u8], i: usize) -> Option<usize> {
    match (b.get(i)?, b.get(i + 1), b.get(i + 2)) {
        (b'X' | b'x', _, _) => Some(1),
        (0xEF, Some(0xBC), Some(0xB8)) | (0xEF, Some(0xBD), Some(0x98)) => Some(3),
        _ => None,
    }
}

/// One separator at `i` followed by a digit: its kind and width.
fn join_at(b: &[u8], i: usize) -> Option<(Sep, usize)> {
    let (sep, w) = match (b.get(i)?, b.get(i + 1), b.get(i + 2)) {
        (b'-', _, _) => (Sep::Hyphen, 1),
        (b' ', _, _) => (Sep::Space, 1),
        (0xC2, Some(0xA0), _) => (Sep::Space, 2),
        (0xE3, Some(0x80), Some(0x80)) => (Sep::Space, 3),
        (0xEF, Some(0xBC), Some(0x8D)) => (Sep::Hyphen, 3),
        (0xE2, Some(0x80), Some(0x93 | 0x94)) => (Sep::Hyphen, 3),
        _ => return None,
    };
    digit_at(b, i + w).map(|_| (sep, w))
}

/// A full-width Latin letter in the three bytes at `i` (a lead byte 0xEF).
fn fullwidth_letter(b: &[u8], i: usize) -> bool {
    matches!(
        (b.get(i + 1), b.get(i + 2)),
        (Some(0xBC), Some(0xA1..=0xBA)) | (Some(0xBD), Some(0x81..=0x9A))
    )
}

/// What is before a group that starts at `start`.
fn left_side(b: &[u8], start: usize) -> Side {
    if start == 0 {
        return Side::Free;
    }
    let c = b[start - 1];
    if c.is_ascii() {
        return match c {
            b'+' => Side::Plus(1),
            b'.' if digit_before(b, start - 1) => Side::Blocked,
            c if c.is_ascii_alphanumeric() || c == b'_' => Side::Blocked,
            _ => Side::Free,
        };
    }
    if start >= 3 && b[start - 3] == 0xEF {
        let i = start - 3;
        return match (b[i + 1], b[i + 2]) {
            (0xBC, 0x8B) => Side::Plus(3),
            (0xBC, 0x8E) if digit_before(b, i) => Side::Blocked,
            _ if fullwidth_letter(b, i) => Side::Blocked,
            _ => Side::Free,
        };
    }
    Side::Free
}

/// What is after a group that ends at `end` (no separator and digit follow).
fn right_side(b: &[u8], end: usize) -> Side {
    let Some(&c) = b.get(end) else {
        return Side::Free;
    };
    if c.is_ascii() {
        return match c {
            b'.' if digit_at(b, end + 1).is_some() => Side::Blocked,
            c if c.is_ascii_alphanumeric() || c == b'_' => Side::Blocked,
            // `13800000000 元`: a unit after one space is still a unit.
            b' ' if b.get(end + 1).is_some_and(|c| !c.is_ascii()) => match right_side(b, end + 1) {
                Side::Quantity => Side::Quantity,
                _ => Side::Free,
            },
            _ => Side::Free,
        };
    }
    if c == 0xEF {
        return match (b.get(end + 1), b.get(end + 2)) {
            (Some(0xBC), Some(0x8E)) if digit_at(b, end + 3).is_some() => Side::Blocked,
            _ if fullwidth_letter(b, end) => Side::Blocked,
            _ => Side::Free,
        };
    }
    // A lead byte: decode the one character (at most 4 bytes) that follows.
    let tail = &b[end..b.len().min(end + 4)];
    let ch = match std::str::from_utf8(tail) {
        Ok(s) => s.chars().next(),
        Err(e) => std::str::from_utf8(&tail[..e.valid_up_to()])
            .ok()
            .and_then(|s| s.chars().next()),
    };
    match ch {
        Some(ch) if QUANTITY.contains(&ch) => Side::Quantity,
        _ => Side::Free,
    }
}

/// Whether a match may start after `side`; `sep` is a grouped form's separator.
fn left_ok(side: Side, sep: Option<Sep>) -> bool {
    match side {
        Side::Free | Side::Plus(_) => true,
        Side::Blocked | Side::Quantity | Side::Joined(Sep::Hyphen) => false,
        Side::Joined(Sep::Space) => sep != Some(Sep::Space),
    }
}

/// Whether a match may end before `side`.
fn right_ok(side: Side, sep: Option<Sep>, mobile: bool) -> bool {
    match side {
        Side::Free | Side::Plus(_) => true,
        Side::Quantity => !mobile,
        Side::Blocked | Side::Joined(Sep::Hyphen) => false,
        Side::Joined(Sep::Space) => sep != Some(Sep::Space),
    }
}

/// If `p` is a country prefix of the number joined to it by `join`: where the
/// match starts. `+86` and `0086` with any separator, a bare `86` only with a hyphen.
fn prefix_start(p: &Run, join: Side) -> Option<usize> {
    if p.is(b"0086") {
        return Some(p.start);
    }
    if p.is(b"86") {
        return match (p.left, join) {
            (Side::Plus(w), _) => Some(p.start - w),
            (_, Side::Joined(Sep::Hyphen)) => Some(p.start),
            _ => None,
        };
    }
    None
}

/// Bytes that may continue a URL after `scheme://`.
fn is_url_byte(c: u8) -> bool {
    (0x21..=0x7E).contains(&c) && !b"\"'<>\\^`{|}()[]".contains(&c)
}

/// Bytes of an address's local part.
fn is_local_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// Two or more labels of letters, digits and inner hyphens; the last alphabetic.
fn is_domain(d: &[u8]) -> bool {
    let mut labels = 0;
    let mut last: &[u8] = &[];
    for label in d.split(|&c| c == b'.') {
        if label.is_empty() || label.len() > 63 || label.starts_with(b"-") || label.ends_with(b"-")
        {
            return false;
        }
        labels += 1;
        last = label;
    }
    labels >= 2 && last.len() >= 2 && last.iter().all(u8::is_ascii_alphabetic)
}

#[cfg(test)]
mod tests {
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
}
