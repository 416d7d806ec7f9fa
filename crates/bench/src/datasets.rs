//! The graphs the benchmark runs on: the two real ones from `shared/data` and generated
//! ones, cached by seed in `bench-data/` so a second run reads instead of generating.

use crate::generate::{self, generate};
use anyhow::{Context, Result, bail, ensure};
use std::collections::HashMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Members are `0..vertices`; contacts are undirected, `a < b`, sorted, without repeats.
pub struct Dataset {
    pub name: String,
    /// The seed it was generated from; `None` for real graphs.
    pub seed: Option<u64>,
    pub vertices: u32,
    pub contacts: Vec<(u32, u32)>,
}

impl Dataset {
    /// A name for files and databases: the data set, and its seed if generated.
    pub fn key(&self) -> String {
        match self.seed {
            Some(seed) => format!("{}-{seed}", self.name),
            None => self.name.clone(),
        }
    }

    pub fn is_generated(&self) -> bool {
        self.seed.is_some()
    }

    /// A hash of the contacts, so a database loaded from other contacts is not reused.
    pub fn fingerprint(&self) -> i64 {
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        for &(a, b) in &self.contacts {
            h = (h ^ (u64::from(a) << 32 | u64::from(b))).wrapping_mul(0x0100_0000_01b3);
        }
        h as i64
    }
}

/// Which graph to run on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Facebook,
    Ldbc,
    Generated(u32),
}

impl Source {
    pub fn parse(text: &str) -> Result<Self> {
        Ok(match text {
            "facebook" | "fb" => Self::Facebook,
            "ldbc" => Self::Ldbc,
            _ => {
                let (digits, unit) = text.split_at(text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len()));
                let number: u32 = digits.parse().with_context(|| format!("unknown data set {text:?}"))?;
                match unit {
                    "" => Self::Generated(number),
                    "k" => Self::Generated(number * 1_000),
                    "m" => Self::Generated(number * 1_000_000),
                    _ => bail!("unknown data set {text:?} (facebook, ldbc, or a size such as 65k or 1m)"),
                }
            }
        })
    }

    pub fn name(self) -> String {
        match self {
            Self::Facebook => "facebook".into(),
            Self::Ldbc => "ldbc-sf0.1".into(),
            Self::Generated(n) if n % 1_000_000 == 0 => format!("gen-{}m", n / 1_000_000),
            Self::Generated(n) if n % 1_000 == 0 => format!("gen-{}k", n / 1_000),
            Self::Generated(n) => format!("gen-{n}"),
        }
    }
}

pub fn load(source: Source, seed: u64, data: &Path, cache: &Path) -> Result<Dataset> {
    let name = source.name();
    match source {
        Source::Facebook => facebook(&data.join("snap-ego-facebook/facebook_combined.txt"), name),
        Source::Ldbc => ldbc(&data.join("ldbc-sf0.1"), name),
        Source::Generated(members) => {
            let file = cache.join(format!("{name}-{seed}.edges"));
            let contacts = match read_edges(&file, members) {
                Ok(contacts) => {
                    println!("  read {} from the cache", file.display());
                    contacts
                }
                Err(_) => {
                    let contacts = generate(members, seed);
                    write_edges(&file, members, &contacts)?;
                    println!("  generated and cached in {}", file.display());
                    contacts
                }
            };
            Ok(Dataset { name, seed: Some(seed), vertices: members, contacts })
        }
    }
}

/// SNAP's edge list: two header lines (`0 0`, then nodes and edges), then `a b` per line.
fn facebook(file: &Path, name: String) -> Result<Dataset> {
    let text = fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let mut lines = text.lines().skip(1);
    let header = lines.next().context("no header")?;
    let nodes: u32 = header.split_whitespace().next().context("no node count")?.parse()?;
    let mut contacts = Vec::new();
    for line in lines {
        let mut ends = line.split_whitespace().map(str::parse::<u32>);
        let (Some(a), Some(b)) = (ends.next(), ends.next()) else { continue };
        contacts.push((a?, b?));
    }
    Ok(Dataset { name, seed: None, vertices: nodes, contacts: normalised(contacts) })
}

/// LDBC's pipe-separated CSVs with a header row: persons in `Person.csv`, "knows" split
/// over `Person_knows_Person.csv` and `Person_knows_Person_1.csv`. Person ids are large,
/// so members are numbered in id order.
fn ldbc(dir: &Path, name: String) -> Result<Dataset> {
    let column = |file: &str, columns: usize| -> Result<Vec<Vec<u64>>> {
        let text = fs::read_to_string(dir.join(file)).with_context(|| format!("reading {file}"))?;
        text.lines()
            .skip(1)
            .filter(|l| !l.is_empty())
            .map(|l| l.split('|').take(columns).map(|f| Ok(f.parse::<u64>()?)).collect())
            .collect()
    };
    let mut ids: Vec<u64> = column("Person.csv", 1)?.into_iter().map(|r| r[0]).collect();
    ids.sort_unstable();
    let index: HashMap<u64, u32> = ids.iter().enumerate().map(|(i, &id)| (id, i as u32)).collect();
    let mut contacts = Vec::new();
    for file in ["Person_knows_Person.csv", "Person_knows_Person_1.csv"] {
        for row in column(file, 2)? {
            let (Some(&a), Some(&b)) = (index.get(&row[0]), index.get(&row[1])) else {
                bail!("{file}: a knows edge names a person not in Person.csv");
            };
            contacts.push((a, b));
        }
    }
    Ok(Dataset { name, seed: None, vertices: ids.len() as u32, contacts: normalised(contacts) })
}

fn normalised(mut contacts: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    contacts.retain(|(a, b)| a != b);
    for c in &mut contacts {
        *c = (c.0.min(c.1), c.0.max(c.1));
    }
    contacts.sort_unstable();
    contacts.dedup();
    contacts
}

// ---- the cache file ----
//
// `KONTORG1`, the generator's version and the member count (u32 LE each), the contact
// count (u64 LE), then for every
// member `v` in order: how many contacts `w > v` it has, and the gaps between them
// (starting from `v`), all as LEB128 varints: about 3 bytes a contact instead of 8.

const MAGIC: &[u8; 8] = b"KONTORG1";

fn write_edges(file: &Path, vertices: u32, contacts: &[(u32, u32)]) -> Result<()> {
    if let Some(dir) = file.parent() {
        fs::create_dir_all(dir)?;
    }
    // Written aside and renamed, so an interrupted run never leaves half a file behind.
    let partial = file.with_extension("partial");
    let mut out = BufWriter::with_capacity(1 << 20, fs::File::create(&partial)?);
    out.write_all(MAGIC)?;
    out.write_all(&generate::VERSION.to_le_bytes())?;
    out.write_all(&vertices.to_le_bytes())?;
    out.write_all(&(contacts.len() as u64).to_le_bytes())?;
    let mut rest = contacts;
    for v in 0..vertices {
        let count = rest.partition_point(|&(a, _)| a == v);
        let (mine, later) = rest.split_at(count);
        varint(&mut out, count as u64)?;
        let mut previous = v;
        for &(_, w) in mine {
            varint(&mut out, u64::from(w - previous))?;
            previous = w;
        }
        rest = later;
    }
    ensure!(rest.is_empty(), "contacts name members beyond {vertices}");
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    fs::rename(&partial, file)?;
    Ok(())
}

fn varint(out: &mut impl Write, mut value: u64) -> std::io::Result<()> {
    let mut bytes = [0u8; 10];
    let mut len = 0;
    loop {
        let low = (value & 0x7f) as u8;
        value >>= 7;
        bytes[len] = low | if value == 0 { 0 } else { 0x80 };
        len += 1;
        if value == 0 {
            return out.write_all(&bytes[..len]);
        }
    }
}

fn read_edges(file: &Path, expected_vertices: u32) -> Result<Vec<(u32, u32)>> {
    let bytes = fs::read(file)?;
    ensure!(bytes.len() >= 24 && &bytes[..8] == MAGIC, "not a contacts file");
    let version = u32::from_le_bytes(bytes[8..12].try_into()?);
    let vertices = u32::from_le_bytes(bytes[12..16].try_into()?);
    let count = u64::from_le_bytes(bytes[16..24].try_into()?) as usize;
    ensure!(version == generate::VERSION, "made by another version of the generator");
    ensure!(vertices == expected_vertices, "member count differs");
    let mut at = 24;
    let mut next = || -> Result<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *bytes.get(at).context("file ends early")?;
            at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        bail!("a varint runs too long")
    };
    let mut contacts = Vec::with_capacity(count);
    for v in 0..vertices {
        let mut w = v;
        for _ in 0..next()? {
            w += next()? as u32;
            contacts.push((v, w));
        }
    }
    ensure!(contacts.len() == count, "contact count differs");
    Ok(contacts)
}

/// The workspace's `bench-data/` directory (git-ignored).
pub fn cache_dir(root: &Path) -> PathBuf {
    root.join("bench-data")
}
