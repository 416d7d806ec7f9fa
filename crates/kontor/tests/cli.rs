//! The operator's command line, run as the program it is: `kontor admin` on a data
//! directory, read as an operator reads it.

use kontor_store::testing::sqlite::TempDir;
use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `kontor --data-dir DIR ARGS`, with `stdin` typed in; its exit and what it said.
fn kontor(dir: &TempDir, args: &[&str], stdin: &str) -> (bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kontor"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(args)
        .env("KONTOR_LOG", "error")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kontor runs");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), said)
}

#[test]
fn admin_tasks_change_members_and_answer_in_sentences() {
    let dir = TempDir::new();
    let create = |name: &str, email: &str| {
        kontor(&dir, &["admin", "create-admin", "--name", name, "--email", email], "Sieben Zwerge hinter Bergen\n")
    };
    let (ok, said) = create("Olga Adam", "olga@example.org");
    assert!(ok && said.contains("Admin Olga Adam <olga@example.org> created."), "{said}");
    let (ok, said) = create("Paul Quast", "paul@example.org");
    assert!(ok, "{said}");

    let (ok, said) = kontor(&dir, &["admin", "demote", "paul@example.org"], "");
    assert!(ok && said.contains("Paul Quast <paul@example.org> is no longer an administrator."), "{said}");
    let (ok, said) = kontor(&dir, &["admin", "demote", "olga@example.org"], "");
    assert!(!ok, "the last administrator stays");
    assert!(said.contains("Nothing was changed: The last admin cannot step down"), "a sentence, not a code: {said}");
    let (ok, said) = kontor(&dir, &["admin", "promote", "paul@example.org"], "");
    assert!(ok && said.contains("Paul Quast <paul@example.org> is now an administrator."), "{said}");
    let (ok, said) = kontor(&dir, &["admin", "suspend", "paul@example.org"], "");
    assert!(ok && said.contains("is suspended"), "{said}");
    let (ok, said) = kontor(&dir, &["admin", "suspend", "PAUL@example.org "], "");
    assert!(ok, "the address as typed, in any case: {said}");
    let (ok, said) = kontor(&dir, &["admin", "reinstate", "paul@example.org"], "");
    assert!(ok && said.contains("Paul Quast <paul@example.org> can log in again."), "{said}");
    let (ok, said) = kontor(&dir, &["admin", "reinstate", "paul@example.org"], "");
    assert!(!ok && said.contains("This member is not suspended."), "{said}");
    let (ok, said) = kontor(&dir, &["admin", "promote", "nobody@example.org"], "");
    assert!(!ok && said.contains("No member has the address nobody@example.org."), "{said}");
    let (ok, said) = create("Rita Roth", "rita@example.org");
    assert!(ok, "{said}");
    let (ok, said) =
        kontor(&dir, &["admin", "create-admin", "--name", "Tom", "--email", "tom@example.org"], "kontor12345\n");
    assert!(!ok && said.contains("mostly your name, your e-mail address or the site's name"), "{said}");
}
