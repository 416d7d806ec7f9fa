//! Every message a page or handler names by a literal key exists in both languages: a
//! missing key fails here, not as a raw key on a page.

use std::collections::BTreeSet;
use std::path::Path;

/// The message ids a Fluent file defines (a line starting with a lowercase id and `=`).
fn message_ids(ftl: &str) -> BTreeSet<&str> {
    ftl.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim()))
        .collect()
}

/// The literal keys in `source` passed to the translation calls (`t("…")`, `n("…", …)`,
/// `key("…")`, `s("…", …)`, `t_static("…")`, `t_count("…", …)`, `t_args("…", …)`).
fn literal_keys(source: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for call in [".t(\"", ".n(\"", ".key(\"", ".s(\"", ".t_static(\"", ".t_count(\"", ".t_args(\""] {
        for (at, _) in source.match_indices(call) {
            let rest = &source[at + call.len()..];
            let Some(end) = rest.find('"') else { continue };
            let key = &rest[..end];
            // A message id: lowercase words joined by hyphens (a format string is not one).
            if !key.is_empty()
                && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
            {
                keys.push(key.to_owned());
            }
        }
    }
    keys
}

fn files(dir: &Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("reading a source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

#[test]
fn every_literal_message_key_exists_in_both_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    files(&root.join("templates"), "html", &mut sources);
    files(&root.join("src"), "rs", &mut sources);
    files(&root.join("../core/src"), "rs", &mut sources);
    let languages = [
        ("de", message_ids(include_str!("../../core/locales/de/main.ftl"))),
        ("en", message_ids(include_str!("../../core/locales/en/main.ftl"))),
    ];
    let mut checked = 0;
    let mut missing = Vec::new();
    for path in &sources {
        let source = std::fs::read_to_string(path).expect("reading a source file");
        // Comments show calls as examples.
        let source: String =
            source.lines().filter(|l| !l.trim_start().starts_with("//")).flat_map(|l| [l, "\n"]).collect();
        for key in literal_keys(&source) {
            checked += 1;
            for (lang, ids) in &languages {
                if !ids.contains(key.as_str()) {
                    missing.push(format!("{lang} in {}: {key}", path.display()));
                }
            }
        }
    }
    assert!(checked > 300, "only {checked} keys found: the scan is broken");
    assert!(missing.is_empty(), "messages missing:\n{}", missing.join("\n"));
}

#[test]
fn the_scan_finds_keys_and_only_keys() {
    let found = literal_keys(
        r#"{{ c.tr.t("nav-home") }} {{ c.tr.n("requests-waiting", n) }} x.t("{}-{}") lang.t_args("mail-footer", &a)"#,
    );
    assert_eq!(found, ["nav-home", "requests-waiting", "mail-footer"]);
}
