//! A build that is interrupted (Ctrl+C) or whose content changes under it
//! never leaves a broken site: the output folder is the previous site or the
//! new one, whole.

use crate::fixture;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fixture::is_build_output;

fn handbook(root: &Path, args: &[&str]) -> std::process::Output {
    crate::handbook_command()
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("run handbook")
}

/// A generated handbook large enough that a build takes a while.
fn generated(roles: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    let out = crate::handbook_command()
        .args(["generate", "--roles", roles, "--out"])
        .arg(&site)
        .output()
        .expect("run handbook generate");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, u64> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = fs::read(e.path()).expect("read output");
            let sum = bytes
                .iter()
                .fold(0u64, |h, &b| h.wrapping_mul(31).wrapping_add(b as u64));
            (
                e.path().strip_prefix(dir).expect("inside").to_path_buf(),
                sum,
            )
        })
        .collect()
}

/// The first role file (not `_index.md`) under `content`.
fn first_role_file(content: &Path) -> PathBuf {
    walkdir::WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| {
            e.path().extension().is_some_and(|x| x == "md") && !e.path().ends_with("_index.md")
        })
        .expect("a role file")
        .into_path()
}

/// Every role page the index links to exists: the site is whole.
fn assert_whole(out: &Path) {
    let index = fs::read_to_string(out.join("zh-hans/roles.html")).expect("role index");
    let mut checked = 0;
    for href in index
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
    {
        if href.ends_with(".html") && !href.contains("://") {
            assert!(out.join("zh-hans").join(href).is_file(), "missing {href}");
            checked += 1;
        }
    }
    assert!(checked > 10, "only {checked} links in the role index");
}

#[test]
fn ctrl_c_during_a_build_leaves_the_previous_site() {
    let dir = generated("1500");
    let site = dir.path().join("site");
    let first = handbook(&site, &["build"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let out = site.join("output");
    let before = snapshot(&out);
    // Change a title so the next site differs from this one.
    let role = first_role_file(&site.join("content"));
    let text = fs::read_to_string(&role).expect("role");
    fs::write(&role, text.replacen("title: ", "title: 改名", 1)).expect("write role");

    let mut interrupted = 0;
    for delay in [200, 600, 1200] {
        let mut child = crate::handbook_command()
            .arg("--root")
            .arg(&site)
            .arg("build")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start build");
        std::thread::sleep(Duration::from_millis(delay));
        let _ = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let status = child.wait().expect("wait");
        let after = snapshot(&out);
        if status.success() {
            assert_whole(&out);
        } else {
            interrupted += 1;
            assert_eq!(before, after, "an interrupted build changed the output");
        }
    }
    assert!(
        interrupted > 0,
        "no build was interrupted: the test proves nothing"
    );
    let last = handbook(&site, &["build"]);
    assert!(last.status.success());
    assert_whole(&out);
    assert!(
        !site.join(".output.new").exists(),
        "staging folder left behind"
    );
}

#[test]
fn content_changing_during_a_build_never_breaks_the_site() {
    let dir = generated("300");
    let site = dir.path().join("site");
    assert!(handbook(&site, &["build"]).status.success());
    let content = site.join("content");
    let role = first_role_file(&content);
    let original = fs::read_to_string(&role).expect("role");
    let doc = role.parent().expect("doc folder").to_path_buf();
    let stop = Instant::now() + Duration::from_secs(6);
    let writer = std::thread::spawn(move || {
        let mut i = 0u32;
        while Instant::now() < stop {
            // Rewrite a role, half-written sometimes, and add and remove one.
            let text = if i % 3 == 0 {
                original[..original.len() / 2].to_string()
            } else {
                original.replacen("title: ", &format!("title: 第{i}版"), 1)
            };
            let _ = fs::write(&role, text);
            let extra = doc.join("zz-extra-role.md");
            if i % 2 == 0 {
                let _ = fs::write(&extra, "---\ntitle: 临时岗位\n---\n1. 临时职责\n");
            } else {
                let _ = fs::remove_file(&extra);
            }
            i += 1;
            std::thread::sleep(Duration::from_millis(7));
        }
        let _ = fs::write(&role, original);
    });
    let mut builds = 0;
    while Instant::now() < stop {
        let out = handbook(&site, &["build"]);
        let code = out.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "crashed: {:?} {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        assert_whole(&site.join("output"));
        builds += 1;
    }
    writer.join().expect("writer thread");
    assert!(builds >= 2, "only {builds} builds ran");
    let last = handbook(&site, &["build"]);
    assert!(
        last.status.success(),
        "{}",
        String::from_utf8_lossy(&last.stderr)
    );
    assert_whole(&site.join("output"));
}

/// Every file under `root` outside the handbook's own output and its
/// bookkeeping (`.output.*`), hashed.
fn around_output(root: &Path) -> BTreeMap<PathBuf, u64> {
    let mut files = snapshot(root);
    files.retain(|path, _| !is_build_output(path.strip_prefix("site").unwrap_or(path)));
    files
}

/// A small deterministic generator, so a failing round can be replayed
/// from the seed it prints.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn spawn_build(site: &Path) -> std::process::Child {
    crate::handbook_command()
        .arg("--root")
        .arg(site)
        .arg("build")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start build")
}

/// Builds, builds stopped by SIGINT or SIGKILL at random moments, and two
/// builds at once, on a generated handbook whose content changes between
/// rounds. After each round `output/` is exactly the previous site or the
/// new one, and nothing outside the handbook's own output changed.
#[test]
fn random_builds_kills_and_races_keep_a_whole_site() {
    let seed = std::env::var("HANDBOOK_STRESS_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261202);
    println!("seed {seed} (set HANDBOOK_STRESS_SEED to replay)");
    let mut rng = Lcg(seed);
    let dir = generated("400");
    let site = dir.path().join("site");
    fs::create_dir_all(site.join("notes")).expect("mkdir");
    fs::write(site.join("notes/keep.txt"), "用户自己的文件").expect("write");
    fs::write(dir.path().join("beside.txt"), "旁边的文件").expect("write");
    let role = first_role_file(&site.join("content"));
    let original = fs::read_to_string(&role).expect("role");
    // The two contents the rounds switch between, and the site of each.
    let versions = [
        original.clone(),
        original.replacen("title: ", "title: 改名", 1),
    ];
    let mut sites = Vec::new();
    for text in &versions {
        fs::write(&role, text).expect("write role");
        let out = handbook(&site, &["build"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        sites.push(snapshot(&site.join("output")));
    }
    assert_ne!(sites[0], sites[1]);
    let mut current = 1;
    let (mut killed, mut raced) = (0, 0);
    for round in 0..10 {
        let next = 1 - current;
        fs::write(&role, &versions[next]).expect("write role");
        let outside = around_output(dir.path());
        let action = rng.below(4);
        let built = match action {
            0 => handbook(&site, &["build"]).status.success(),
            1 | 2 => {
                let mut child = spawn_build(&site);
                std::thread::sleep(Duration::from_millis(rng.below(700)));
                let signal = if action == 1 { "-INT" } else { "-KILL" };
                let _ = Command::new("kill")
                    .args([signal, &child.id().to_string()])
                    .status();
                let done = child.wait().expect("wait").success();
                killed += usize::from(!done);
                done
            }
            _ => {
                let (mut a, mut b) = (spawn_build(&site), spawn_build(&site));
                let (a, b) = (a.wait().expect("wait"), b.wait().expect("wait"));
                raced += 1;
                assert!(
                    a.success() || b.success(),
                    "round {round}: neither racing build finished"
                );
                true
            }
        };
        let now = snapshot(&site.join("output"));
        if built {
            assert!(
                now == sites[next],
                "round {round} (action {action}): not the new site"
            );
            current = next;
        } else {
            assert!(
                now == sites[current] || now == sites[next],
                "round {round}: a mixed site"
            );
            if now == sites[next] {
                current = next;
            }
        }
        assert!(
            outside == around_output(dir.path()),
            "round {round}: files outside the output changed"
        );
    }
    println!("{killed} builds stopped, {raced} races");
    // The interrupted builds leave nothing in the way of the next one.
    fs::write(&role, &versions[0]).expect("write role");
    assert!(handbook(&site, &["build"]).status.success());
    assert!(snapshot(&site.join("output")) == sites[0]);
}
