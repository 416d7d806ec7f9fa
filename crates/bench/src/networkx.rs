//! The same distances from networkx (`scripts/bench-networkx.py`), in a virtual
//! environment under `bench-data/venv` that is made on first use.

use crate::datasets::Dataset;
use crate::measure::Samples;
use anyhow::{Context, Result, bail, ensure};
use kontor_graph::Vertex;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct NxRun {
    pub distances: Vec<Option<u8>>,
    pub samples: Samples,
}

/// The venv's python, making the venv and installing networkx if need be.
pub fn python(cache: &Path) -> Result<PathBuf> {
    let venv = cache.join("venv");
    let python = venv.join("bin/python");
    let ready = |p: &Path| Command::new(p).args(["-c", "import networkx"]).output().is_ok_and(|o| o.status.success());
    if ready(&python) {
        return Ok(python);
    }
    println!("  making {} with networkx", venv.display());
    let made = Command::new("python3").args(["-m", "venv"]).arg(&venv).status().context("running python3 -m venv")?;
    ensure!(made.success(), "python3 -m venv failed");
    let pip = venv.join("bin/pip");
    let installed = Command::new(&pip).args(["install", "--quiet", "networkx"]).status().context("running pip")?;
    ensure!(installed.success() && ready(&python), "pip install networkx failed");
    Ok(python)
}

pub fn run(python: &Path, script: &Path, cache: &Path, data: &Dataset, pairs: &[(Vertex, Vertex)]) -> Result<NxRun> {
    let edges = cache.join(format!("{}.txt", data.key()));
    if !edges.exists() {
        let mut text = String::with_capacity(data.contacts.len() * 12);
        for &(a, b) in &data.contacts {
            let _ = writeln!(text, "{a} {b}");
        }
        fs::write(&edges, text)?;
    }
    let pairs_file = cache.join(format!("{}.pairs", data.key()));
    let mut text = String::new();
    for &(a, b) in pairs {
        let _ = writeln!(text, "{a} {b}");
    }
    fs::write(&pairs_file, text)?;
    let output = Command::new(python).arg(script).arg(&edges).arg(&pairs_file).output()?;
    if !output.status.success() {
        bail!("networkx script failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    let mut distances = Vec::with_capacity(pairs.len());
    let mut samples = Samples::default();
    // Lines: `a b distance|none microseconds`, in the order of the pairs.
    for (line, &(a, b)) in String::from_utf8(output.stdout)?.lines().zip(pairs) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        ensure!(fields.len() == 4 && fields[0] == a.to_string() && fields[1] == b.to_string(), "bad line {line:?}");
        distances.push(if fields[2] == "none" { None } else { Some(fields[2].parse()?) });
        samples.0.push((fields[3].parse::<f64>()? * 1_000.0) as u64);
    }
    ensure!(distances.len() == pairs.len(), "networkx answered {} of {} pairs", distances.len(), pairs.len());
    Ok(NxRun { distances, samples })
}
