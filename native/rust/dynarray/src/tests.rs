//! Unit tests: the same behaviours as the C tests (native/c/dynarray/test_dynarray.c), plus the
//! ownership properties only Rust can state: each element is dropped exactly once, whatever path
//! (pop, remove, truncate, into_iter, early drop of an iterator, panic) it leaves by.

use super::*;
use std::cell::Cell;
use std::rc::Rc;

/// Counts its drops in a shared cell: a leak leaves the count short, a double drop makes it too high.
#[derive(Clone)]
struct Tracked {
    value: i32,
    drops: Rc<Cell<usize>>,
}

impl Drop for Tracked {
    fn drop(&mut self) {
        self.drops.set(self.drops.get() + 1);
    }
}

fn tracked(n: i32, drops: &Rc<Cell<usize>>) -> DynArray<Tracked> {
    (0..n).map(|value| Tracked { value, drops: drops.clone() }).collect()
}

#[test]
fn push_and_index_many() {
    let mut a = DynArray::new();
    for i in 0..10_000 {
        a.push(i);
    }
    assert_eq!(a.len(), 10_000);
    assert!(a.capacity() >= 10_000);
    assert!((0..10_000).all(|i| a[i as usize] == i));
    assert_eq!(a.get(10_000), None);
    assert_eq!(a.first(), Some(&0));
    assert_eq!(a.last(), Some(&9_999));
}

#[test]
#[should_panic(expected = "index out of bounds")]
fn index_past_the_end_panics_instead_of_reading_stray_memory() {
    let a: DynArray<i32> = (0..3).collect();
    let _ = a[3];
}

#[test]
fn pop_returns_in_reverse_and_none_when_empty() {
    let mut a: DynArray<i64> = (0..5).collect();
    for i in (0..5).rev() {
        assert_eq!(a.pop(), Some(i));
    }
    assert_eq!(a.pop(), None);
}

#[test]
fn insert_and_remove_shift_the_tail() {
    let mut a = DynArray::new();
    a.insert(0, 1);
    a.insert(1, 3);
    a.insert(1, 2);
    a.insert(0, 0);
    assert_eq!(a.as_slice(), &[0, 1, 2, 3]);
    assert_eq!(a.remove(1), 1);
    assert_eq!(a.remove(2), 3);
    assert_eq!(a.remove(0), 0);
    assert_eq!(a.as_slice(), &[2]);
    for i in 0..1000 {
        a.insert(0, i);
    }
    assert_eq!(a.len(), 1001);
    assert_eq!((a[0], a[999], a[1000]), (999, 0, 2));
}

#[test]
#[should_panic(expected = "insertion index (is 2) should be <= len (is 1)")]
fn insert_past_len_panics() {
    let mut a = DynArray::new();
    a.push(1);
    a.insert(2, 5);
}

#[test]
#[should_panic(expected = "removal index (is 0) should be < len (is 0)")]
fn remove_from_empty_panics() {
    let mut a: DynArray<u8> = DynArray::new();
    a.remove(0);
}

#[test]
fn index_mut_and_deref_mut_write_through() {
    let mut a: DynArray<i32> = (0..4).collect();
    a[2] = 20;
    a.as_mut_slice()[3] = 30;
    for x in &mut a {
        *x += 1;
    }
    a.sort_unstable_by(|x, y| y.cmp(x)); // any slice method, through DerefMut
    assert_eq!(a.as_slice(), &[31, 21, 2, 1]);
}

#[test]
fn reserve_and_shrink_to_fit() {
    let mut a: DynArray<u32> = DynArray::new();
    a.reserve_exact(1000);
    assert_eq!(a.capacity(), 1000);
    let grows = a.growth_stats().grows;
    for i in 0..1000 {
        a.push(i);
    }
    assert_eq!(a.growth_stats().grows, grows, "reserved: no growth while filling");
    a.truncate(100);
    a.shrink_to_fit();
    assert_eq!((a.len(), a.capacity(), a[99]), (100, 100, 99));
    a.clear();
    a.shrink_to_fit();
    assert_eq!(a.capacity(), 0);
    a.push(7);
    assert_eq!(a[0], 7);
}

#[test]
fn try_reserve_reports_overflow_and_leaves_the_array_unchanged() {
    let mut a: DynArray<u64> = (0..10).collect();
    let cap = a.capacity();
    assert_eq!(a.try_reserve(usize::MAX), Err(ReserveError::CapacityOverflow));
    assert_eq!(a.try_reserve(usize::MAX / 8), Err(ReserveError::CapacityOverflow)); // > isize::MAX bytes
    assert_eq!((a.len(), a.capacity(), a[9]), (10, cap, 9));
}

#[test]
fn growth_matches_the_c_version() {
    // Doubling from 4: capacities 4, 8, ..., 1024 for 1000 pushes: 9 grows, 4+8+...+512 = 1020 copies,
    // the same numbers the C test checks for its factor-2 array.
    let mut a = DynArray::new();
    for i in 0..1000 {
        a.push(i);
    }
    assert_eq!(a.capacity(), 1024);
    assert_eq!(a.growth_stats(), GrowthStats { grows: 9, elements_copied: 1020 });
}

#[test]
fn every_element_is_dropped_exactly_once() {
    let drops = Rc::new(Cell::new(0));
    {
        let mut a = tracked(100, &drops);
        drop(a.pop()); // 1
        drop(a.remove(10)); // 2
        a.truncate(50); // 2 + 48 = 50
        assert_eq!(drops.get(), 50);
        let b = a.clone(); // 50 clones share the counter
        drop(b); // 100
        assert_eq!(drops.get(), 100);
    } // a's 50 remaining: 150
    assert_eq!(drops.get(), 150);
}

#[test]
fn into_iter_moves_out_and_drops_the_rest() {
    let drops = Rc::new(Cell::new(0));
    let a = tracked(10, &drops);
    let mut it = a.into_iter();
    let first = it.next().unwrap();
    let last = it.next_back().unwrap();
    assert_eq!((first.value, last.value, it.len()), (0, 9, 8));
    drop(it); // the 8 not yielded are dropped with the block
    assert_eq!(drops.get(), 8);
    drop((first, last));
    assert_eq!(drops.get(), 10);
}

#[test]
fn owned_and_borrowed_iteration() {
    let a: DynArray<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
    let joined: String = (&a).into_iter().map(String::as_str).collect();
    assert_eq!(joined, "abc");
    let owned: Vec<String> = a.into_iter().rev().collect();
    assert_eq!(owned, ["c", "b", "a"]);
}

#[test]
fn a_panicking_destructor_does_not_cause_a_double_drop() {
    struct Bomb(Rc<Cell<usize>>, bool);
    impl Drop for Bomb {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
            if self.1 {
                panic!("boom");
            }
        }
    }
    let drops = Rc::new(Cell::new(0));
    let mut a = DynArray::new();
    for i in 0..5 {
        a.push(Bomb(drops.clone(), i == 2));
    }
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| a.truncate(0)));
    assert!(result.is_err());
    // drop_in_place on a slice keeps dropping after a panic; len was set first, so nothing runs twice.
    assert_eq!(drops.get(), 5);
    assert_eq!(a.len(), 0);
}

#[test]
fn zero_sized_elements_never_allocate() {
    let mut a = DynArray::new();
    for _ in 0..1000 {
        a.push(());
    }
    assert_eq!((a.len(), a.capacity()), (1000, usize::MAX));
    assert_eq!(a.growth_stats().grows, 0);
    assert_eq!(a.pop(), Some(()));
    assert_eq!(a.into_iter().count(), 999);
}

#[test]
fn shared_between_threads_for_reading_and_moved_for_writing() {
    let mut a: DynArray<u64> = (1..=1000).collect();
    // &DynArray<u64> is Send because u64 is Sync: scoped threads may read concurrently.
    let (left, right) = std::thread::scope(|s| {
        let l = s.spawn(|| a[..500].iter().sum::<u64>());
        let r = s.spawn(|| a[500..].iter().sum::<u64>());
        (l.join().unwrap(), r.join().unwrap())
    });
    assert_eq!(left + right, 500_500);
    // Mutation needs the unique &mut: after the readers are joined it is available again.
    a.push(1001);
    let moved = std::thread::spawn(move || a.len()).join().unwrap();
    assert_eq!(moved, 1001);
}
