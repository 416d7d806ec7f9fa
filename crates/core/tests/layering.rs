//! Domains without back-and-forth: which top-level modules of the core import each other
//! (`crate::<module>` in their sources, tests left out), and the cycles among them.
//!
//! `crate::Kontor` and the like count for the module lib.rs re-exports them from. No module
//! may be in a cycle: the domains form layers (accounts and the site at the bottom, then
//! profiles, network, notifications, ticker, contacts), and only the node (`kontor`),
//! its derived state and the store's sum of repositories see all of them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The `crate::` modules each top-level module's sources name.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = BTreeMap::new();
    for entry in std::fs::read_dir(&src).expect("the core's sources") {
        let path = entry.expect("an entry").path();
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        if name == "lib" || !(path.is_dir() || path.extension().is_some_and(|e| e == "rs")) {
            continue;
        }
        let mut named = BTreeSet::new();
        for file in sources(&path) {
            let text = std::fs::read_to_string(&file).expect("a source file");
            // Unit tests may reach anywhere.
            let text = text.split("#[cfg(test)]").next().unwrap_or_default();
            named.extend(crate_paths(text));
        }
        modules.insert(name, named);
    }
    // `crate::Kontor` names the module `kontor`: what lib.rs re-exports counts where it lives.
    let reexports = reexports(&std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs"));
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    for (name, named) in modules.iter_mut() {
        *named = named.iter().map(|n| reexports.get(n).cloned().unwrap_or_else(|| n.clone())).collect();
        named.retain(|n| names.contains(n) && n != name);
    }
    modules
}

/// Each item lib.rs re-exports (`pub use module::{A, B};`), with the module it comes from.
fn reexports(lib: &str) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for line in lib.lines() {
        let Some(path) = line.trim().strip_prefix("pub use ").and_then(|l| l.strip_suffix(';')) else { continue };
        let Some((module, items)) = path.split_once("::") else { continue };
        for item in items.trim_start_matches('{').trim_end_matches('}').split(',') {
            found.insert(segment(item.trim()), module.to_owned());
        }
    }
    found
}

fn sources(path: &Path) -> Vec<std::path::PathBuf> {
    if path.is_file() {
        return vec![path.to_owned()];
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).expect("a module folder") {
        files.extend(sources(&entry.expect("an entry").path()));
    }
    files
}

/// The first segment after every `crate::`, and each item of `use crate::{a, b::c}`.
fn crate_paths(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = group.split('}').next().unwrap_or_default();
            for item in group.split(',') {
                found.insert(segment(item.trim()));
            }
        } else {
            found.insert(segment(rest));
        }
    }
    found
}

fn segment(path: &str) -> String {
    path.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

/// Every module in a cycle: the strongly connected components with more than one module.
fn in_cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<String> {
    let reaches = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_owned()];
        while let Some(m) = todo.pop() {
            for next in graph.get(&m).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reach: BTreeMap<&String, BTreeSet<String>> = graph.keys().map(|m| (m, reaches(m))).collect();
    graph.keys().filter(|m| reach[m].iter().any(|n| n != *m && reach[n].contains(*m))).cloned().collect()
}

#[test]
fn no_module_is_in_an_import_cycle_and_no_domain_reaches_for_the_node() {
    let graph = imports();
    assert!(graph.contains_key("privacy") && graph["ticker"].contains("privacy"), "the scan reads the sources");
    let cycles = in_cycles(&graph);
    assert!(cycles.is_empty(), "modules in an import cycle: {cycles:?}\n{graph:#?}");
    // The node wires the domains together; they receive what they need (their `needs.rs`)
    // and never reach for the node, its derived state or the whole store.
    for (module, named) in &graph {
        if ["kontor", "derived", "store", "lib"].contains(&module.as_str()) {
            continue;
        }
        let reached: Vec<_> = named.iter().filter(|n| ["kontor", "derived", "store"].contains(&n.as_str())).collect();
        assert!(reached.is_empty(), "{module} reaches {reached:?}");
    }
}

#[test]
fn the_scan_finds_paths_in_use_groups_and_inline() {
    let found = crate_paths("use crate::{accounts::Account, ids};\nfn f() { crate::ticker::x(); }");
    let lib = reexports("pub use kontor::{Config, Kontor};\npub use store::StoreHandle;\nmod x;");
    assert_eq!(lib["Kontor"], "kontor");
    assert_eq!(lib["StoreHandle"], "store");
    assert_eq!(found, ["accounts", "ids", "ticker"].map(String::from).into_iter().collect());
    let graph: BTreeMap<String, BTreeSet<String>> = [("a", vec!["b"]), ("b", vec!["a", "c"]), ("c", vec![])]
        .into_iter()
        .map(|(m, n)| (m.to_owned(), n.into_iter().map(String::from).collect()))
        .collect();
    assert_eq!(in_cycles(&graph), ["a", "b"].map(String::from).into_iter().collect());
}
