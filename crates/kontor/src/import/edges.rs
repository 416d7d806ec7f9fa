//! A plain edge list (`a b` per line, numbers, as SNAP publishes graphs such as
//! `../shared/data/snap-ego-facebook`): every number becomes a member, every line a
//! confirmed contact. For benchmarks and trials, not for real people.

use super::Progress;
use anyhow::{Context, bail};
use kontor_core::Kontor;
use kontor_core::accounts::{AccountState, DisplayName, Email, NewAccount, Role};
use kontor_core::i18n::Lang;
use kontor_core::ids::MemberId;
use kontor_core::imports::ImportedMember;
use kontor_core::profiles::Profile;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// The contacts in `text` after `header_lines` lines; `#` and `%` start comments.
pub fn parse(text: &str, header_lines: usize) -> anyhow::Result<Vec<(u64, u64)>> {
    let mut edges = Vec::new();
    for (n, line) in text.lines().enumerate().skip(header_lines) {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with('%') {
            continue;
        }
        let mut parts = line.split_whitespace().map(str::parse::<u64>);
        match (parts.next(), parts.next()) {
            (Some(Ok(a)), Some(Ok(b))) => edges.push((a, b)),
            _ => bail!("line {}: expected two numbers, found {line:?}", n + 1),
        }
    }
    Ok(edges)
}

fn email(id: u64) -> anyhow::Result<Email> {
    Email::parse(&format!("member-{id}@{}", super::ldbc::EMAIL_DOMAIN)).map_err(|e| anyhow::anyhow!("{}", e.code))
}

/// Imports the edge list in `file`; returns how many members and contacts were added.
pub async fn import(kontor: &Kontor, file: &Path, header_lines: usize) -> anyhow::Result<(u64, u64)> {
    let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let edges = parse(&text, header_lines)?;
    let ids: BTreeSet<u64> = edges.iter().flat_map(|&(a, b)| [a, b]).collect();
    let now = kontor.now();
    let mut progress = Progress::new("Importing members", ids.len());
    let mut added = 0;
    let ids: Vec<u64> = ids.into_iter().collect();
    for chunk in ids.chunks(500) {
        let mut batch = Vec::with_capacity(chunk.len());
        for &id in chunk {
            let name = DisplayName::parse(&format!("Member {id}")).map_err(|e| anyhow::anyhow!("{}", e.code))?;
            let account = NewAccount {
                id: MemberId::new(),
                email: email(id)?,
                name,
                password_hash: None,
                lang: Lang::En,
                state: AccountState::Invited,
                role: Role::Member,
                created_at: now,
                terms_accepted_at: None,
            };
            batch.push(ImportedMember { account, profile: Profile::default() });
        }
        added += kontor.imports().members(batch).await.map_err(|e| anyhow::anyhow!("import failed: {e}"))?;
        progress.advance(chunk.len());
    }
    let mut key_of = HashMap::new();
    for &id in &ids {
        if let Some(c) = kontor.store().credentials_by_email(&email(id)?).await? {
            key_of.insert(id, c.account.key);
        }
    }
    let contacts: Vec<_> = edges.iter().filter_map(|(a, b)| Some((*key_of.get(a)?, *key_of.get(b)?, now))).collect();
    let mut progress = Progress::new("Importing contacts", contacts.len());
    let mut connected = 0;
    for batch in contacts.chunks(5_000) {
        connected += kontor.imports().contacts(batch).await.map_err(|e| anyhow::anyhow!("import failed: {e}"))?;
        progress.advance(batch.len());
    }
    Ok((added, connected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_edge_lists_and_says_where_they_are_wrong() {
        assert_eq!(parse("0 0\n4 2\n# note\n1 2\n\n2\t3\n", 2).unwrap(), vec![(1, 2), (2, 3)]);
        let error = parse("1 2\n3 x\n", 0).unwrap_err().to_string();
        assert!(error.contains("line 2"), "{error}");
    }

    #[test]
    fn reads_the_shared_facebook_graph() {
        let file =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/snap-ego-facebook/facebook_combined.txt");
        let Ok(text) = std::fs::read_to_string(&file) else {
            // The graph is not carried with Kontor: it lives beside the checkout.
            eprintln!("skipped: {} is not there", file.display());
            return;
        };
        let edges = parse(&text, 2).unwrap();
        assert_eq!(edges.len(), 88_234);
        assert_eq!(edges.iter().flat_map(|&(a, b)| [a, b]).collect::<BTreeSet<_>>().len(), 4_039);
    }
}
