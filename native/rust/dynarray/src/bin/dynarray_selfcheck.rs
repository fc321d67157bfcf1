//! Runs every path of `DynArray` that touches the heap (growth, shrink, insert/remove shifts,
//! owning iteration stopped early, clone, drop of heap-owning elements), for valgrind's memcheck:
//! `valgrind --leak-check=full --error-exitcode=99 target/release/dynarray-selfcheck`.
//! This is the heap-side stand-in for Miri, which is not installed here. Exits 0 when the
//! results are right; valgrind adds its own verdict on invalid reads, writes and leaks.

use sm_dynarray::DynArray;

fn main() {
    // Everything is dropped inside run(): process::exit would skip the destructors of main's locals.
    let failures = run();
    println!("dynarray-selfcheck: {failures} failures");
    std::process::exit(if failures == 0 { 0 } else { 1 });
}

fn run() -> usize {
    let mut failures = 0;
    let mut check = |ok: bool, what: &str| {
        if !ok {
            eprintln!("selfcheck failed: {what}");
            failures += 1;
        }
    };

    let mut words: DynArray<String> = DynArray::new();
    for i in 0..2000 {
        words.push(format!("word-{i}"));
    }
    words.insert(0, "first".to_string());
    words.insert(1000, "middle".to_string());
    let removed = words.remove(500);
    check(removed == "word-499", "remove takes the element at its index"); // index 0 is "first"
    words.truncate(1500);
    words.shrink_to_fit();
    check(words.capacity() == words.len(), "shrink_to_fit");
    let copy = words.clone();
    check(copy == words, "clone");

    let mut it = copy.into_iter();
    let taken: Vec<String> = it.by_ref().take(10).collect();
    check(taken[0] == "first", "into_iter order");
    drop(it); // the remaining 1490 Strings and the block are freed here

    let mut nested: DynArray<DynArray<u32>> = DynArray::new();
    for i in 0..100u32 {
        nested.push((0..i).collect());
    }
    let total: u32 = nested.iter().map(|inner| inner.iter().sum::<u32>()).sum();
    check(total == (0..100u32).map(|i| i * i.saturating_sub(1) / 2).sum::<u32>(), "nested sums");
    while let Some(inner) = nested.pop() {
        drop(inner);
    }
    nested.shrink_to_fit();

    let mut empty: DynArray<Box<u64>> = DynArray::with_capacity(64);
    empty.push(Box::new(1));
    empty.clear();
    empty.shrink_to_fit();
    check(empty.capacity() == 0, "shrink of an empty array frees the block");
    failures
}
