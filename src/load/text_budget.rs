//! Which records keep their text in memory when a build spills text
//! ([`crate::content::spill`]): as many as fit a budget that the site's size
//! decides, before any file is decoded.
//!
//! Why a budget and not all or nothing. The spill file keeps the peak flat on
//! a large site, but it costs every record a write and one read per stage that
//! needs its text (the checks, the record page, the index, the open data): 9%
//! of the CPU of a 10,000-record `long-text` build (272 MB of YAML; alternating
//! runs, wall 3.19 → 2.89 s, peak 79 → 341 MiB with none spilled). A site that
//! fits in memory need not pay that; one that does not fit keeps what fits.
//!
//! What fits. With all text spilled, the peak grows about linearly with the
//! site, roughly 35 MiB + 2.7 KiB a record + 6% of the content's bytes (the
//! records' metadata, the index, the pages in flight; measured at 10,000 and
//! 100,000 `typical` and `long-text` records: 80, 286 and 432 MiB). Text kept in
//! memory adds about its own size. The budget is [`MEMORY`] less a generous
//! estimate of that growth — 3 KiB a record and an eighth of the content — so
//! with any budget above zero the peak stays near 420 MiB at most, under the
//! 512 MiB a build may use at 100,000 records; where the estimate leaves
//! nothing (100,000 `typical` or `long-text` records), everything spills as
//! before.
//!
//! Which records. The first record files in path order whose sizes add up to
//! at most the budget: decided before decoding, so a large site never holds
//! text it has to spill later, and the same site always keeps the same ones.
//! The output is the same whichever records keep their text.

/// The memory the estimate and the kept text may take together.
pub const MEMORY: u64 = 384 << 20;

/// The growth of the peak estimated per record file, beyond its text.
const PER_RECORD: u64 = 3 << 10;

/// The bytes of record files whose text stays in memory, for a site of
/// `records` record files totalling `content_bytes`.
pub fn text_budget(records: usize, content_bytes: u64) -> u64 {
    MEMORY
        .saturating_sub(PER_RECORD.saturating_mul(records as u64))
        .saturating_sub(content_bytes / 8)
}

/// For each file of `sizes` (in path order, `None` for a file that is not a
/// record): whether its text goes to the spill file. The first records that fit
/// `budget` stay in memory; from the first that does not, all spill.
pub fn spills(sizes: &[Option<u64>], budget: u64) -> Vec<bool> {
    let mut kept = 0u64;
    let mut full = false;
    sizes
        .iter()
        .map(|size| match size {
            None => false,
            Some(size) => {
                full = full || kept.saturating_add(*size) > budget;
                if !full {
                    kept += size;
                }
                full
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: u64 = 1_000_000;

    #[test]
    fn a_site_that_fits_keeps_all_its_text_and_a_large_one_none() {
        // 10,000 `typical` (34 MB) and `long-text` (272 MB) records fit.
        assert!(text_budget(10_000, 34 * MB) > 34 * MB);
        assert!(text_budget(10_000, 272 * MB) > 272 * MB);
        // At 100,000 `long-text` records (2.7 GB) nothing does; `typical`
        // (340 MB) keeps less than a sixth.
        assert_eq!(text_budget(100_000, 2_720 * MB), 0);
        assert!(text_budget(100_000, 340 * MB) < 56 * MB);
        // More content or more records never leaves more room.
        assert!(text_budget(30_000, 816 * MB) < text_budget(10_000, 272 * MB));
        assert!(text_budget(20_000, 34 * MB) < text_budget(10_000, 34 * MB));
        assert_eq!(text_budget(usize::MAX, u64::MAX), 0);
    }

    #[test]
    fn the_first_records_that_fit_stay_and_the_rest_spill() {
        let sizes = [None, Some(40), Some(50), None, Some(5), Some(10)];
        assert_eq!(spills(&sizes, 0), [false, true, true, false, true, true]);
        assert_eq!(
            spills(&sizes, 95),
            [false, false, false, false, false, true]
        );
        // Once one does not fit, a smaller one after it spills too: the kept
        // records are a prefix.
        assert_eq!(spills(&sizes, 60), [false, false, true, false, true, true]);
        assert_eq!(spills(&sizes, 105), [false; 6]);
        assert_eq!(spills(&sizes, u64::MAX), [false; 6]);
    }
}
