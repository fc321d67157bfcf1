//! Records the compiler cargo uses for this crate (cargo gives build scripts its path in `RUSTC`), so
//! that `tests/compile_fail.rs` runs that same rustc, not whichever `rustc` comes first on PATH: the
//! proofs must hold for the compiler that built the crate (Debian's 1.63 and a current one are both
//! checked).
fn main() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    println!("cargo:rustc-env=SM_DYNARRAY_RUSTC={rustc}");
    println!("cargo:rerun-if-env-changed=RUSTC");
    println!("cargo:rerun-if-changed=build.rs");
}
