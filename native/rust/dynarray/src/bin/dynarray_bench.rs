//! Push/get throughput of `DynArray<u64>` beside the standard `Vec<u64>`, in one process and one run.
//! Usage: dynarray-bench [n] [reps]   (defaults 1000000 5). Prints one line per implementation:
//!   impl=<name> n=<n> push_ns=<ns per push> get_ns=<ns per indexed read> checksum=<sum of reads>
//! Each figure is the best of `reps` repetitions, in CPU time of this thread (on a shared machine, time
//! spent waiting for a core is not the array's cost); labs/1.3 parses the lines.

use sm_dynarray::DynArray;
use std::mem::ManuallyDrop;

#[repr(C)]
struct Timespec {
    tv_sec: i64,
    tv_nsec: i64,
}

extern "C" {
    // From the C library std already links; no crate needed.
    fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
}

const CLOCK_THREAD_CPUTIME_ID: i32 = 3; // Linux

/// Hides a value from the optimiser, so the pushes and reads are not folded away.
/// (`std::hint::black_box` would do, but it is stable only from Rust 1.66; the crate builds on 1.63.)
fn black_box<T>(value: T) -> T {
    let value = ManuallyDrop::new(value);
    // SAFETY: a volatile read of a valid, initialised value makes a bitwise copy the compiler must
    // really perform; the original is wrapped in ManuallyDrop, so the copy is the only owner left.
    unsafe { std::ptr::read_volatile(&*value) }
}

fn thread_cpu_ns() -> f64 {
    let mut ts = Timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: ts is a valid, writable timespec with the C layout (two 64-bit fields on 64-bit Linux).
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    ts.tv_sec as f64 * 1e9 + ts.tv_nsec as f64
}

trait Array {
    fn empty() -> Self;
    fn push_value(&mut self, v: u64);
    fn at(&self, i: usize) -> u64;
}

impl Array for DynArray<u64> {
    fn empty() -> Self {
        DynArray::new()
    }
    fn push_value(&mut self, v: u64) {
        self.push(v)
    }
    fn at(&self, i: usize) -> u64 {
        self[i]
    }
}

impl Array for Vec<u64> {
    fn empty() -> Self {
        Vec::new()
    }
    fn push_value(&mut self, v: u64) {
        self.push(v)
    }
    fn at(&self, i: usize) -> u64 {
        self[i]
    }
}

fn measure<A: Array>(n: usize, reps: usize) -> (f64, f64, u64) {
    let (mut best_push, mut best_get, mut checksum) = (f64::MAX, f64::MAX, 0);
    for _ in 0..reps {
        let start = thread_cpu_ns();
        let mut a = A::empty();
        for i in 0..n as u64 {
            a.push_value(black_box(i));
        }
        let pushed = thread_cpu_ns() - start;
        let a = black_box(a);
        let start = thread_cpu_ns();
        let mut sum = 0u64;
        for i in 0..n {
            sum = sum.wrapping_add(a.at(i));
        }
        let read = thread_cpu_ns() - start;
        checksum = black_box(sum);
        best_push = best_push.min(pushed / n as f64);
        best_get = best_get.min(read / n as f64);
    }
    (best_push, best_get, checksum)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parse = |i: usize, default: usize| -> usize {
        args.get(i).map(|s| s.parse().unwrap_or_else(|_| panic!("argument {} ('{s}') is not a positive integer", i + 1))).unwrap_or(default)
    };
    let (n, reps) = (parse(0, 1_000_000), parse(1, 5));
    assert!(n > 0 && reps > 0, "n and reps must be positive");
    // Alternate the two so neither always runs on a warmer machine.
    let mut results = [(f64::MAX, f64::MAX, 0u64); 2];
    for _ in 0..2 {
        let d = measure::<DynArray<u64>>(n, reps);
        let v = measure::<Vec<u64>>(n, reps);
        results[0] = (results[0].0.min(d.0), results[0].1.min(d.1), d.2);
        results[1] = (results[1].0.min(v.0), results[1].1.min(v.1), v.2);
    }
    for (name, (push, get, sum)) in ["rust_dynarray", "rust_vec"].iter().zip(results) {
        println!("impl={name} n={n} push_ns={push:.3} get_ns={get:.3} checksum={sum}");
    }
}
