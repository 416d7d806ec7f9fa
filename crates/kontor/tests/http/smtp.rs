//! A real SMTP listener for tests: it speaks enough of RFC 5321 for lettre to deliver,
//! and keeps every message it accepts.

use base64::Engine;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Clone, Debug)]
pub struct Mail {
    pub to: Vec<String>,
    pub data: String,
}

impl Mail {
    /// The decoded text of all parts (quoted-printable and base64 undone).
    pub fn text(&self) -> String {
        let mut out = String::new();
        // Parts end at the boundary the headers name, not at any line starting with
        // "--" (a text part's signature starts with "-- ").
        let boundary = self
            .data
            .split("boundary=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map_or_else(|| "\r\n--".to_owned(), |b| format!("\r\n--{b}"));
        for part in self.data.split(boundary.as_str()) {
            let Some((head, body)) = part.split_once("\r\n\r\n") else {
                continue;
            };
            let head = head.to_ascii_lowercase();
            if head.contains("content-transfer-encoding: base64") {
                let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
                let compact = compact.trim_end_matches('-');
                if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(compact) {
                    out.push_str(&String::from_utf8_lossy(&bytes));
                }
            } else if head.contains("content-transfer-encoding: quoted-printable") {
                out.push_str(&decode_qp(body));
            } else {
                out.push_str(body);
            }
            out.push('\n');
        }
        out
    }

    pub fn subject(&self) -> String {
        self.data.lines().find_map(|l| l.strip_prefix("Subject: ")).unwrap_or("").to_owned()
    }

    /// The first link in the mail whose path starts with `prefix`, as a path.
    pub fn link(&self, prefix: &str) -> String {
        let text = self.text();
        let start = text.find(prefix).unwrap_or_else(|| panic!("no {prefix} link in:\n{text}"));
        text[start..].split(|c: char| c.is_whitespace() || c == '"' || c == '<').next().unwrap_or("").to_owned()
    }
}

fn decode_qp(body: &str) -> String {
    let joined = body.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Clone, Default)]
pub struct SmtpServer {
    pub port: u16,
    inbox: Arc<Mutex<Vec<Mail>>>,
    /// While set, every recipient is refused with 550, as a broken mailbox would.
    rejecting: Arc<std::sync::atomic::AtomicBool>,
}

impl SmtpServer {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("binding the SMTP listener");
        let server = Self { port: listener.local_addr().expect("address").port(), ..Self::default() };
        let inbox = server.inbox.clone();
        let rejecting = server.rejecting.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let (inbox, rejecting) = (inbox.clone(), rejecting.clone());
                tokio::spawn(async move {
                    let _ = session(socket, inbox, rejecting).await;
                });
            }
        });
        server
    }

    pub fn reject(&self, on: bool) {
        self.rejecting.store(on, std::sync::atomic::Ordering::SeqCst);
    }

    /// Takes the messages received so far.
    pub fn take(&self) -> Vec<Mail> {
        std::mem::take(&mut *self.inbox.lock().expect("inbox"))
    }
}

async fn session(
    socket: tokio::net::TcpStream,
    inbox: Arc<Mutex<Vec<Mail>>>,
    rejecting: Arc<std::sync::atomic::AtomicBool>,
) -> std::io::Result<()> {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 test.local ESMTP ready\r\n").await?;
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") {
            b"250-test.local\r\n250 8BITMIME\r\n"
        } else if command.starts_with("HELO")
            || command.starts_with("MAIL FROM")
            || command.starts_with("RSET")
            || command.starts_with("NOOP")
        {
            b"250 OK\r\n"
        } else if command.starts_with("RCPT TO") && rejecting.load(std::sync::atomic::Ordering::SeqCst) {
            b"550 mailbox unavailable\r\n"
        } else if command.starts_with("RCPT TO") {
            to.push(line.trim_end()[8..].trim().trim_matches(['<', '>']).to_owned());
            b"250 OK\r\n"
        } else if command == "DATA" {
            write.write_all(b"354 go ahead\r\n").await?;
            let mut data = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line).await? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" {
                    break;
                }
                data.push_str(line.strip_prefix('.').filter(|_| line.starts_with("..")).unwrap_or(&line));
            }
            inbox.lock().expect("inbox").push(Mail { to: std::mem::take(&mut to), data });
            b"250 queued\r\n"
        } else if command == "QUIT" {
            write.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            b"502 not implemented\r\n"
        };
        write.write_all(reply).await?;
    }
}
