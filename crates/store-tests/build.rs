//! Collects the conformance cases: every `pub async fn name(store: StoreHandle)` in the
//! suite's sources is a case, so a new case is written once and never listed by hand.

use std::fmt::Write;

fn main() {
    let mut cases = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir("src").expect("src").filter_map(|e| Some(e.ok()?.path())).collect();
    files.sort();
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "rs")) {
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(path).expect("a source file");
        for line in text.lines() {
            let Some(rest) = line.strip_prefix("pub async fn ") else { continue };
            if let Some(name) = rest.strip_suffix("(store: StoreHandle) {") {
                cases.push(name.to_owned());
            }
        }
    }
    println!("cargo::rerun-if-changed=src");
    let mut out = String::from(
        "/// Every conformance case, collected from the sources by `build.rs`.\n#[macro_export]\n#[doc(hidden)]\nmacro_rules! __conformance_cases {\n    ($make:expr) => {\n        $crate::conformance!(@cases $make;\n",
    );
    for case in &cases {
        let _ = writeln!(out, "            {case},");
    }
    out.push_str("        );\n    };\n}\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("cases.rs");
    std::fs::write(dest, out).expect("writing the cases");
}
