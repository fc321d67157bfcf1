//! bug class: use after realloc — C keeps `int *kept = da_at(&a, 0)` across pushes that move the block.
//! rust: a `&T` into the array keeps the array borrowed; `push` needs `&mut`, so they cannot overlap.
//! expect: E0502
use sm_dynarray::DynArray;

pub fn first_after_growth() -> i32 {
    let mut a: DynArray<i32> = DynArray::new();
    a.push(42);
    #[cfg(bug)]
    let kept = &a[0]; // a reference into the current block...
    for i in 1..=64 {
        a.push(i); // ...kept across pushes that reallocate it
    }
    #[cfg(not(bug))]
    let kept = &a[0]; // fixed: borrow after the last push
    *kept
}
