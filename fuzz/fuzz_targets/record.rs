//! Record parsing and validation: the bytes become `content/proposals/2019/0001.yaml`
//! of a small site on tmpfs, which goes through load → validate → model; every
//! diagnostic is drawn in both languages; a record that passes is rendered.
//! Nothing may panic, whatever the bytes.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use gongkai::diagnostic::Lang;
use gongkai::pipeline::{self, BuildOptions, Timings};
use gongkai::output::MemorySink;
use libfuzzer_sys::fuzz_target;

// The demo site's own site and session files, so records name a real session.
const SITE: &str = include_str!("../../content/site.yaml");
const SESSION: &str = include_str!("../../content/sessions/zx-9-3.yaml");

fn site() -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        // scripts/fuzz names a folder it removes afterwards; run by hand,
        // the site is left in tmpfs or the temporary folder.
        let base = match std::env::var_os("GONGKAI_FUZZ_TMP") {
            Some(dir) => PathBuf::from(dir),
            None if std::path::Path::new("/dev/shm").is_dir() => PathBuf::from("/dev/shm"),
            None => std::env::temp_dir(),
        };
        let root = base.join(format!("gongkai-fuzz-record-{}", std::process::id()));
        std::fs::create_dir_all(root.join("content/sessions")).unwrap();
        std::fs::create_dir_all(root.join("content/proposals/2019")).unwrap();
        std::fs::write(root.join("content/site.yaml"), SITE).unwrap();
        std::fs::write(root.join("content/sessions/zx-9-3.yaml"), SESSION).unwrap();
        root
    })
}

fuzz_target!(|data: &[u8]| {
    let root = site();
    std::fs::write(root.join("content/proposals/2019/0001.yaml"), data).unwrap();
    let options = BuildOptions::new(root.clone());
    match pipeline::model(&options, &mut Timings::default()) {
        Ok(model) => {
            for d in model.warnings.iter() {
                let _ = d.render(Lang::Zh);
            }
            let out = MemorySink::new();
            pipeline::render(&model, &options, &out, &mut Timings::default())
                .expect("a record that validates renders");
        }
        Err(gongkai::Error::Content(diags)) => {
            assert!(diags.has_errors(), "a content failure names an error");
            for d in diags.iter() {
                let _ = d.render(Lang::Zh);
                let _ = d.render(Lang::En);
            }
        }
        Err(e) => panic!("not a content error: {e}"),
    }
});
