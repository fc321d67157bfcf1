//! The compile-fail proofs of labs/1.3's C-versus-Rust page. Each file in `compile_fail/` holds one
//! C bug class written against `DynArray`, behind `#[cfg(bug)]`, next to its fix (`#[cfg(not(bug))]`).
//! For every file this test runs rustc twice:
//!   * with `--cfg bug`: it must fail, with exactly the error code named on the file's `expect:` line;
//!   * without it: it must compile — so the failure comes from the bug, not from a typo.
//!
//! Error codes could change between compiler versions, so the proofs run with every distinct rustc
//! this machine has: the one that built the crate, `rustc` on PATH and Debian's `/usr/bin/rustc`
//! (the crate declares rust-version 1.63, Debian 12's). `SM_RUSTC_ALSO` (colon-separated) adds more.

use std::path::{Path, PathBuf};
use std::process::Command;

struct Example {
    path: PathBuf,
    expected: String,
}

fn examples() -> Vec<Example> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("compile_fail");
    let mut found: Vec<Example> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().map_or(false, |x| x == "rs"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("readable example");
            let expected = text
                .lines()
                .find_map(|l| l.strip_prefix("//! expect: "))
                .unwrap_or_else(|| panic!("{}: no '//! expect: E....' line", path.display()))
                .trim()
                .to_string();
            assert!(
                expected.len() == 5 && expected.starts_with('E') && expected[1..].chars().all(|c| c.is_ascii_digit()),
                "{}: '{expected}' is not an error code like E0502",
                path.display()
            );
            Example { path, expected }
        })
        .collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// The rustc that compiled this crate (recorded by build.rs); `RUSTC` at run time overrides it.
fn build_rustc() -> String {
    std::env::var("RUSTC").unwrap_or_else(|_| env!("SM_DYNARRAY_RUSTC").to_string())
}

/// `rustc --version` of a compiler, or None when it cannot be run.
fn rustc_version(rustc: &str) -> Option<String> {
    let out = Command::new(rustc).arg("--version").output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Every distinct compiler to prove against (by version), the crate's own first.
fn compilers() -> Vec<(String, String)> {
    let mut candidates = vec![build_rustc(), "rustc".to_string(), "/usr/bin/rustc".to_string()];
    if let Ok(extra) = std::env::var("SM_RUSTC_ALSO") {
        candidates.extend(extra.split(':').filter(|p| !p.is_empty()).map(str::to_string));
    }
    let mut found: Vec<(String, String)> = Vec::new();
    for (i, path) in candidates.into_iter().enumerate() {
        match rustc_version(&path) {
            Some(version) if !found.iter().any(|(_, v)| *v == version) => found.push((path, version)),
            Some(_) => {}
            None if i == 0 => panic!("the compiler that built the crate ('{path}') cannot be run"),
            None => {}
        }
    }
    found
}

/// Type-checks the library itself into a scratch folder (metadata only: borrow checking needs no code).
fn library_metadata(rustc: &str, scratch: &Path) -> PathBuf {
    let out = scratch.join("libsm_dynarray.rmeta");
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs");
    let status = Command::new(rustc)
        .args(["--edition", "2021", "--crate-type", "lib", "--crate-name", "sm_dynarray", "--emit", "metadata", "-o"])
        .arg(&out)
        .arg(&lib)
        .status()
        .expect("rustc runs");
    assert!(status.success(), "the library itself did not compile with {rustc}");
    out
}

fn compile(rustc: &str, example: &Path, metadata: &Path, scratch: &Path, with_bug: bool) -> (bool, String) {
    let mut cmd = Command::new(rustc);
    cmd.args(["--edition", "2021", "--crate-type", "lib", "--emit", "metadata", "--error-format", "short"])
        .arg("--extern")
        .arg(format!("sm_dynarray={}", metadata.display()))
        .arg("--out-dir")
        .arg(scratch)
        .arg(example);
    if with_bug {
        cmd.args(["--cfg", "bug"]);
    }
    let output = cmd.output().expect("rustc runs");
    (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// The error codes rustc reported, e.g. ["E0502"], from lines like `file.rs:9:5: error[E0502]: ...`.
fn error_codes(stderr: &str) -> Vec<String> {
    let mut codes: Vec<String> = stderr
        .match_indices("error[E")
        .map(|(at, _)| stderr[at + 6..at + 11].to_string())
        .collect();
    codes.dedup();
    codes
}

/// Compiles one example with and without the bug; returns a report line and the problems found.
fn check(rustc: &str, ex: &Example, metadata: &Path, scratch: &Path) -> (String, Vec<String>) {
    let name = ex.path.file_name().unwrap().to_string_lossy().to_string();
    let out = scratch.join(&name);
    std::fs::create_dir_all(&out).expect("scratch folder");
    let mut problems = Vec::new();
    let (ok, stderr) = compile(rustc, &ex.path, metadata, &out, true);
    let codes = error_codes(&stderr);
    if ok {
        problems.push(format!("{name} ({rustc}): compiled with --cfg bug, expected {}", ex.expected));
    } else if codes != [ex.expected.clone()] {
        problems.push(format!("{name} ({rustc}): expected only {}, rustc reported {codes:?}:\n{stderr}", ex.expected));
    }
    let (fixed_ok, fixed_stderr) = compile(rustc, &ex.path, metadata, &out, false);
    if !fixed_ok {
        problems.push(format!("{name} ({rustc}): the fixed variant does not compile:\n{fixed_stderr}"));
    }
    (format!("{name}: bug rejected with {codes:?} (expected {}), fix compiles: {fixed_ok}", ex.expected), problems)
}

/// Runs every proof with one compiler; returns the problems found.
fn prove_with(rustc: &str, version: &str, examples: &[Example], scratch: &Path) -> Vec<String> {
    std::fs::create_dir_all(scratch).expect("scratch folder");
    let metadata = library_metadata(rustc, scratch);
    println!("compiler: {rustc} ({version})");

    // Each rustc is its own process: run one per core.
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    let chunk = (examples.len() + workers - 1) / workers;
    let outcomes: Vec<(String, Vec<String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = examples
            .chunks(chunk)
            .map(|group| {
                let (metadata, scratch) = (&metadata, scratch);
                s.spawn(move || group.iter().map(|ex| check(rustc, ex, metadata, scratch)).collect::<Vec<_>>())
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("a compile-fail worker panicked")).collect()
    });
    let mut problems = Vec::new();
    for (line, found) in outcomes {
        println!("  {line}");
        problems.extend(found);
    }
    problems
}

#[test]
fn every_c_bug_class_is_rejected_with_its_named_error_and_its_fix_compiles() {
    let examples = examples();
    assert!(examples.len() >= 8, "expected at least 8 compile-fail examples, found {}", examples.len());
    let scratch = std::env::temp_dir().join(format!("sm-dynarray-compile-fail-{}", std::process::id()));
    let mut problems = Vec::new();
    for (i, (rustc, version)) in compilers().iter().enumerate() {
        problems.extend(prove_with(rustc, version, &examples, &scratch.join(i.to_string())));
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn error_codes_are_read_from_short_diagnostics() {
    let sample = "a.rs:9:5: error[E0502]: cannot borrow `a` as mutable\na.rs:9:5: error[E0502]: again\nerror: aborting";
    assert_eq!(error_codes(sample), ["E0502"]);
    assert!(error_codes("warning: unused").is_empty());
}
