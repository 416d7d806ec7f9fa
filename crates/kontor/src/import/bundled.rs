//! The demo's data set, carried inside the program: the LDBC subset of
//! `crates/kontor/demo-data` (its README says where it comes from and how it was packed),
//! so that `kontor demo` needs nothing beside the program.

use anyhow::Context;
use std::path::{Path, PathBuf};

/// The gzipped tar of `ldbc-sf0.1/`, 1.3 MB (5.6 MB unpacked).
const LDBC_SF01: &[u8] = include_bytes!("../../demo-data/ldbc-sf0.1.tar.gz");

/// The files the import reads; a directory missing any of them is unpacked again.
const NEEDED: [&str; 3] = ["Person.csv", "Person_knows_Person.csv", "Forum.csv"];

/// Unpacks the bundled data set into `parent/ldbc-sf0.1` (once: a complete copy there is
/// kept) and returns that directory.
pub fn unpack(parent: &Path) -> anyhow::Result<PathBuf> {
    let dir = parent.join("ldbc-sf0.1");
    if NEEDED.iter().all(|f| dir.join(f).is_file()) {
        return Ok(dir);
    }
    std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(LDBC_SF01));
    // `unpack` keeps every entry inside `parent` (no absolute paths, no `..`).
    archive.unpack(parent).with_context(|| format!("unpacking the demo data into {}", parent.display()))?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_data_set_unpacks_whole() {
        let parent = std::env::temp_dir().join(format!("kontor-bundled-{}", std::process::id()));
        let dir = unpack(&parent).unwrap();
        let files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".csv"))
            .collect();
        assert_eq!(files.len(), 17, "all of the data set, forums and tags included: {files:?}");
        let persons = std::fs::read_to_string(dir.join("Person.csv")).unwrap();
        assert_eq!(persons.lines().count(), 1 + 1528, "a header and 1,528 persons");
        // A second call finds the copy and leaves it.
        std::fs::write(dir.join("marker"), "kept").unwrap();
        unpack(&parent).unwrap();
        assert!(dir.join("marker").exists());
        std::fs::remove_dir_all(&parent).unwrap();
    }
}
