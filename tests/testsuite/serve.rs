//! `handbook serve`: serves the site on loopback, rebuilds on change, tells the
//! browser to reload, and shows a broken edit as an error while the last good
//! site stays.

use crate::chromium;
use crate::fixture;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use fixture::{Site, AREA_FILE};

/// The server process, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Site) -> Server {
    start_with(site, crate::handbook_command())
}

/// Starts `command` (the binary, with the language it is to speak) as
/// `serve` on a free port.
fn start_with(site: &Site, mut command: std::process::Command) -> Server {
    let mut child = command
        .arg("--root")
        .arg(site.dir.path())
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start handbook serve");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some((_, rest)) = line.split_once("http://") {
                let _ = tx.send(
                    rest.trim_end_matches(|c| c != '/')
                        .trim_end_matches('/')
                        .to_string(),
                );
            }
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("server did not start");
    Server { child, addr }
}

fn get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    response
}

/// Reads server-sent events into a channel, one event (its lines) at a time.
fn events(addr: &str) -> mpsc::Receiver<String> {
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "GET /__handbook/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .expect("send");
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut event = String::new();
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if line.is_empty() {
                if event.starts_with("event:") && tx.send(std::mem::take(&mut event)).is_err() {
                    return;
                }
                event.clear();
            } else {
                event.push_str(&line);
                event.push('\n');
            }
        }
    });
    rx
}

fn next_event(rx: &mpsc::Receiver<String>) -> String {
    rx.recv_timeout(Duration::from_secs(20))
        .expect("no event from the server")
}

/// The next event that is not a reload. On a busy machine a rebuild
/// announces itself twice (the edited pages first, the pages about the whole
/// handbook after), so a reload may still be on its way.
fn next_event_besides_reloads(rx: &mpsc::Receiver<String>) -> String {
    loop {
        let event = next_event(rx);
        if !event.starts_with("event: version") {
            return event;
        }
    }
}

#[test]
fn serves_rebuilds_and_reports_errors() {
    let site = Site::new();
    let server = start(&site);

    let page = get(&server.addr, "/zh-hans/04-demo/yun-ying-qu-zhang.html");
    assert!(
        page.lines().next().is_some_and(|l| l.contains(" 200 ")),
        "{page}"
    );
    assert!(page.contains("运营区长"));
    assert!(
        page.contains("/__handbook/live.js"),
        "live-reload script injected"
    );
    assert!(get(&server.addr, "/__handbook/live.js").contains("EventSource"));
    assert!(get(&server.addr, "/../handbook.yaml")
        .lines()
        .next()
        .is_some_and(|l| l.contains(" 404 ")));

    let rx = events(&server.addr);
    let first = next_event(&rx);
    assert!(first.starts_with("event: version"), "{first}");

    let started = Instant::now();
    site.write(
        AREA_FILE,
        "---\ntitle: 运营区长\nreports_to: yun-ying-zong-jian\n---\n1. 新增的职责。\n",
    );
    let reload = next_event(&rx);
    assert!(
        reload.starts_with("event: version") && reload != first,
        "{reload}"
    );
    eprintln!("rebuild noticed in {:?}", started.elapsed());
    assert!(get(&server.addr, "/zh-hans/04-demo/yun-ying-qu-zhang.html").contains("新增的职责"));

    site.write(
        AREA_FILE,
        "---\ntitle: 运营区长\nreports_to: nobody\n---\n1. 坏的修改。\n",
    );
    let error = next_event_besides_reloads(&rx);
    assert!(error.starts_with("event: build-error"), "{error}");
    assert!(error.contains("yun-ying-qu-zhang.md:3"), "{error}");
    assert!(error.contains("no role with id `nobody`"), "{error}");
    let still = get(&server.addr, "/zh-hans/04-demo/yun-ying-qu-zhang.html");
    assert!(
        still.contains("新增的职责") && !still.contains("坏的修改"),
        "last good site served"
    );

    site.write(
        AREA_FILE,
        "---\ntitle: 运营区长\nreports_to: yun-ying-zong-jian\n---\n1. 修好了。\n",
    );
    let fixed = next_event(&rx);
    assert!(fixed.starts_with("event: version"), "{fixed}");
    assert!(get(&server.addr, "/zh-hans/04-demo/yun-ying-qu-zhang.html").contains("修好了"));
}

/// Without a language chosen, `serve` speaks Chinese: on the terminal and
/// in the message browsers show over the last good page.
#[test]
fn serve_reports_errors_in_chinese_by_default() {
    let site = Site::new();
    let mut command = crate::handbook_command();
    command.env_remove("HANDBOOK_LANG");
    let server = start_with(&site, command);
    let rx = events(&server.addr);
    let first = next_event(&rx);
    assert!(first.starts_with("event: version"), "{first}");
    site.write(
        AREA_FILE,
        "---\ntitle: 运营区长\nreports_to: yun-ying-zong-jain\n---\n1. 坏的修改。\n",
    );
    let error = next_event_besides_reloads(&rx);
    assert!(error.starts_with("event: build-error"), "{error}");
    for part in [
        "最近一次修改有错误",
        "没有文件名为“yun-ying-zong-jain”的岗位",
        "yun-ying-qu-zhang.md 第 3 行",
        "是不是“yun-ying-zong-jian”",
    ] {
        assert!(error.contains(part), "{part}: {error}");
    }
    let shown: Vec<&str> = error.lines().skip(1).collect();
    assert!(!shown.join("\n").contains("error"), "{error}");
}

/// Sends `raw` as the whole request and returns the whole answer.
fn send(addr: &str, raw: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.write_all(raw.as_bytes()).expect("send");
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

fn status(response: &str) -> &str {
    response.lines().next().unwrap_or("")
}

#[test]
fn the_preview_server_answers_only_what_it_should() {
    let site = Site::new();
    let server = start(&site);
    let addr = &server.addr;
    let port = addr.rsplit(':').next().unwrap_or("");

    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        let answer = send(
            addr,
            &format!("{method} /index.html HTTP/1.0\r\nHost: {addr}\r\nContent-Length: 0\r\n\r\n"),
        );
        assert!(status(&answer).contains(" 405 "), "{method}: {answer}");
        assert!(answer.contains("Allow: GET, HEAD"), "{answer}");
    }
    let head = send(
        addr,
        &format!("HEAD /index.html HTTP/1.0\r\nHost: {addr}\r\n\r\n"),
    );
    assert!(status(&head).contains(" 200 "), "{head}");
    assert!(!head.contains("<html"), "HEAD has no body: {head}");

    // DNS rebinding: a page on another domain that resolves to 127.0.0.1.
    for host in [
        "evil.example",
        &format!("evil.example:{port}"),
        "localhost.evil.example",
    ] {
        let answer = send(
            addr,
            &format!("GET /index.html HTTP/1.0\r\nHost: {host}\r\n\r\n"),
        );
        assert!(status(&answer).contains(" 403 "), "{host}: {answer}");
    }
    for host in [
        format!("localhost:{port}"),
        addr.to_string(),
        format!("[::1]:{port}"),
    ] {
        let answer = send(
            addr,
            &format!("GET /index.html HTTP/1.0\r\nHost: {host}\r\n\r\n"),
        );
        assert!(status(&answer).contains(" 200 "), "{host}: {answer}");
    }

    let huge = "x".repeat(64 * 1024);
    let answer = send(
        addr,
        &format!("GET / HTTP/1.0\r\nHost: {addr}\r\nX-Big: {huge}\r\n\r\n"),
    );
    assert!(
        !status(&answer).contains(" 200 "),
        "oversized headers refused: {}",
        status(&answer)
    );

    let folder = send(
        addr,
        &format!("GET /zh-hans/04-demo?x=1 HTTP/1.0\r\nHost: {addr}\r\n\r\n"),
    );
    assert!(status(&folder).contains(" 301 "), "{folder}");
    assert!(
        folder.contains("Location: /zh-hans/04-demo/?x=1"),
        "{folder}"
    );

    // The site's own not-found page, in the script of the folder asked for.
    let missing = get(addr, "/zh-hant/04-demo/gone/missing.html");
    assert!(status(&missing).contains(" 404 "), "{missing}");
    assert!(missing.contains("找不到這個頁面"), "{missing}");
    let missing = get(addr, "/nothing-here.html");
    assert!(status(&missing).contains(" 404 "), "{missing}");
    assert!(missing.contains("找不到这个页面"), "{missing}");

    let evil = send(
        addr,
        &format!("GET /%3Cscript%3Ealert(1)%3C/script%3E HTTP/1.0\r\nHost: {addr}\r\n\r\n"),
    );
    assert!(status(&evil).contains(" 404 "), "{evil}");
    assert!(
        !evil.contains("<script>alert"),
        "echoed address is escaped: {evil}"
    );
}

/// The not-found page at any depth: its styles load, its links lead into its
/// variant, and nothing on it fails to load.
#[test]
fn the_not_found_page_works_at_any_depth() {
    let Some(browser) = chromium::Browser::launch() else {
        return;
    };
    let site = Site::new();
    let server = start(&site);
    for (address, variant) in [
        "/zh-tw/04-demo/gone/deeper/missing.html",
        "/zh-hans/missing.html",
        "/missing.html",
        "/a/b/c/missing",
    ]
    .iter()
    .map(|a| {
        (
            a,
            if a.starts_with("/zh-tw") {
                "zh-tw"
            } else {
                "zh-hans"
            },
        )
    }) {
        let url = format!("http://{}{address}", server.addr);
        let page = browser.open_url(&url);
        let home = page.eval("document.querySelector('.not-found-links a').href");
        let search = page.eval("document.querySelector('.not-found-search').action");
        assert_eq!(
            search,
            serde_json::json!(format!("http://{}/{variant}/search.html", server.addr)),
            "{address}"
        );
        assert_eq!(
            home,
            serde_json::json!(format!("http://{}/{variant}/index.html", server.addr)),
            "{address}"
        );
        let styled = page.eval(
            "[...document.styleSheets].some(s => s.href && s.href.endsWith('/static/style.css') && s.cssRules.length > 0)",
        );
        assert_eq!(
            styled,
            serde_json::json!(true),
            "{address}: style.css not loaded"
        );
        // The page itself is a 404, and Chromium asks for /favicon.ico.
        let errors: Vec<String> = (page.console_errors().into_iter())
            .filter(|e| !e.ends_with(&format!("{url})")) && !e.ends_with("/favicon.ico)"))
            .collect();
        assert!(errors.is_empty(), "{address}: {errors:?}");
    }
}
