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
mod tests;
