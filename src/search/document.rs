//! What of a published record is searchable, and with what weight.
//!
//! Four fields, weighted title > topics > units, proposers and number > the
//! reply text: a query found in a title says more about the record than the
//! same query found once in a long reply. A `summary_only` record has no reply
//! in its published view (`reply: None`), so it is found by its metadata and
//! its reply summary only; withheld records never reach this stage.
//!
//! The per-document weight of a term is BM25F's combined term frequency:
//! `Σ weight(field) · tf(field) / norm(field)`, where only the reply text is
//! length-normalised (`1 − b + b · length / average length`) — the other
//! fields are a few words each. It is computed here, at build time, and stored
//! quantised ([`quantise`]), so the client needs no document lengths.

use crate::model::PublishedRecord;
use crate::model::published::PublishedText;
use crate::text::markdown;

/// The searchable fields, in weight order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title = 0,
    Topics = 1,
    /// Number, index number, proposers, lead official, host and co-handling units.
    Meta = 2,
    /// The reply summary; and for `public` records the request, the full
    /// reply, outcomes and the category's reason.
    Body = 3,
}

/// Field weights, indexed by [`Field`].
pub const WEIGHTS: [f32; 4] = [10.0, 5.0, 3.0, 1.0];

/// BM25's length-normalisation strength for the reply text.
pub const B: f32 = 0.75;

/// Weights are stored as `round(weight · SCALE)`, at least 1.
pub const SCALE: f32 = 4.0;

/// How many characters of reply text the display data keeps for excerpts.
pub const EXCERPT_SOURCE_CHARS: usize = 1_000;

/// The searchable text of a record, one string per [`Field`] (parts joined by
/// a newline, which separates runs like any punctuation).
#[derive(Clone, Debug, Default)]
pub struct Document {
    pub fields: [String; 4],
}

/// Builds the searchable text of a record from its published view and text
/// ([`PublishedRecord::text`], read once for the record).
pub fn document(r: &PublishedRecord, text: &PublishedText) -> Document {
    let mut meta: Vec<&str> = Vec::new();
    meta.extend(r.number.as_deref());
    meta.extend(r.index_no.as_deref());
    meta.extend(r.proposers.iter().map(String::as_str));
    meta.extend(r.lead_official.as_deref());
    meta.extend(r.host_unit.as_deref());
    meta.extend(r.co_units.iter().map(String::as_str));
    // The texts' plain text, a newline between each two, made in one string.
    let mut body = Body::default();
    if let Some(summary) = text.summary.as_deref() {
        body.markdown(summary);
    }
    if let Some(reply) = &text.reply {
        if let Some(request) = reply.request.as_deref() {
            body.markdown(request);
        }
        if let Some(full) = reply.full_text.as_deref() {
            body.markdown(full);
        }
        for o in reply.outcomes.iter() {
            if let Some(heading) = &o.heading {
                body.plain(heading);
            }
            body.markdown(&o.text);
        }
        if let Some(reason) = reply.status_reason.as_deref() {
            body.plain(reason);
        }
    }
    Document {
        fields: [
            r.title.clone(),
            r.topics.join("\n"),
            meta.join("\n"),
            body.text,
        ],
    }
}

/// The body field as it is made: parts joined by a newline.
#[derive(Default)]
struct Body {
    text: String,
    parts: usize,
}

impl Body {
    fn next(&mut self) {
        if self.parts > 0 {
            self.text.push('\n');
        }
        self.parts += 1;
    }

    fn markdown(&mut self, source: &str) {
        self.next();
        markdown::push_text(&mut self.text, source);
    }

    fn plain(&mut self, text: &str) {
        self.next();
        self.text.push_str(text);
    }
}

/// The length of a record's reply text as written (Markdown, in characters):
/// close enough to the plain text's length for BM25's normalisation, and known
/// before any Markdown is parsed, so the average is one cheap pass.
pub fn body_length(r: &PublishedRecord) -> usize {
    r.text_chars()
}

/// The contribution of one occurrence in each field, for a document whose reply
/// text has `body_length` characters against an average of `average`.
pub fn contributions(body_length: usize, average: f32) -> [f32; 4] {
    let norm = 1.0 - B + B * (body_length as f32 / average.max(1.0));
    [WEIGHTS[0], WEIGHTS[1], WEIGHTS[2], WEIGHTS[3] / norm]
}

/// A weight as stored: scaled, rounded (half away from zero), at least 1.
///
/// Rounded by hand: `f32::round` is a call into the C library on the base
/// x86-64 target, made for each of the index's tens of millions of terms
/// (0.7% of a `long-text` build's instructions). For `x >= 0`, `x as u32` is
/// its floor (or `u32::MAX`), and `x` less its floor is exact, so the result
/// is `x.round() as u32`'s for every `f32`, as a test checks.
pub fn quantise(weight: f32) -> u32 {
    let x = weight * SCALE;
    let floor = x as u32;
    let rounded = if x - floor as f32 >= 0.5 {
        floor.saturating_add(1)
    } else {
        floor
    };
    rounded.max(1)
}

/// The first [`EXCERPT_SOURCE_CHARS`] characters of the reply text.
pub fn excerpt_source(doc: &Document) -> &str {
    let body = &doc.fields[Field::Body as usize];
    match body.char_indices().nth(EXCERPT_SOURCE_CHARS) {
        Some((i, _)) => &body[..i],
        None => body,
    }
}

#[cfg(test)]
mod tests {
    use super::{SCALE, quantise};

    /// The same as `f32::round`, on every kind of value.
    #[test]
    fn quantised_weights_are_rounded_half_away_from_zero() {
        let old = |w: f32| ((w * SCALE).round() as u32).max(1);
        let mut values = vec![
            0.0,
            -0.0,
            0.1,
            0.125,
            0.124_999_99,
            0.375,
            0.625,
            f32::MIN_POSITIVE,
            -1.0,
            -0.3,
            1e9,
            1.1e9,
            4.3e9,
            f32::MAX,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
        ];
        // Halves and their neighbours, and a sweep of ordinary weights.
        for i in 0..4_000u32 {
            let half = (i as f32 + 0.5) / SCALE;
            values.extend([
                half,
                f32::from_bits(half.to_bits() - 1),
                f32::from_bits(half.to_bits() + 1),
            ]);
            values.push(i as f32 * 0.013_7);
        }
        for bits in (0..u32::MAX).step_by(65_521) {
            values.push(f32::from_bits(bits));
        }
        for w in values {
            assert_eq!(quantise(w), old(w), "{w:e}");
        }
    }
}
