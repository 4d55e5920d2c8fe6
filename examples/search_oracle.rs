//! The brute-force answer to search queries, for the benchmark's recall and
//! precision (`bench/search.mjs --oracle`):
//!
//!   cargo run --release --example search_oracle -- SITE_DIR 停车,养老服务驿站 > oracle.json
//!
//! prints `{"停车": ["2019/zx-0001", …], …}`: the ids of the published records
//! whose plain text — published fields only, Markdown rendered and stripped of
//! tags, full-width folded — contains the query. Independent of the index: it
//! scans every record's text.

#[path = "../tests/support/plain.rs"]
mod plain;

use std::collections::BTreeMap;

use gongkai::model::PublishedRecord;
use gongkai::pipeline::{self, BuildOptions, Timings};
use gongkai::search::tokenize::fold_str;
use plain::plain;

fn text(r: &PublishedRecord) -> String {
    let mut parts: Vec<String> = vec![r.title.clone()];
    parts.extend(r.number.clone());
    parts.extend(r.index_no.clone());
    parts.extend(r.proposers.iter().cloned());
    parts.extend(r.lead_official.clone());
    parts.extend(r.host_unit.clone());
    parts.extend(r.co_units.iter().cloned());
    parts.extend(r.topics.iter().cloned());
    let t = r.text().expect("the records' text");
    parts.extend(t.summary.as_deref().map(plain));
    if let Some(reply) = &t.reply {
        parts.extend(reply.request.as_deref().map(plain));
        parts.extend(reply.full_text.as_deref().map(plain));
        for o in reply.outcomes.iter() {
            parts.extend(o.heading.clone());
            parts.push(plain(&o.text));
        }
        parts.extend(reply.status_reason.as_deref().map(str::to_owned));
    }
    fold_str(&parts.join("\n"))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(root), Some(queries)) = (args.first(), args.get(1)) else {
        eprintln!("usage: search_oracle SITE_DIR QUERY[,QUERY…]");
        std::process::exit(2);
    };
    let model = match pipeline::model(&BuildOptions::new(root), &mut Timings::default()) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{root}: {e}");
            std::process::exit(1);
        }
    };
    let texts: Vec<(&str, String)> = model
        .site
        .records
        .iter()
        .map(|r| (r.id.as_str(), text(r)))
        .collect();
    let answers: BTreeMap<&str, Vec<&str>> = queries
        .split(',')
        .filter(|q| !q.is_empty())
        .map(|q| {
            let folded = fold_str(q);
            let ids = texts
                .iter()
                .filter(|(_, t)| t.contains(&folded))
                .map(|(id, _)| *id)
                .collect();
            (q, ids)
        })
        .collect();
    println!("{}", serde_json::to_string(&answers).unwrap_or_default());
}
