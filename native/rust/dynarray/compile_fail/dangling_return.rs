//! bug class: returning a pointer into a local array — C returns da_at(&local, 0) and the caller reads freed memory.
//! rust: a function cannot return a reference to a value it owns and drops.
//! expect: E0515
use sm_dynarray::DynArray;

#[cfg(bug)]
pub fn first_of_fresh_array() -> &'static i32 {
    let a: DynArray<i32> = (0..3).collect();
    &a[0]
}

#[cfg(not(bug))]
pub fn first_of_fresh_array() -> i32 {
    let a: DynArray<i32> = (0..3).collect();
    a[0] // fixed: return the value, not a reference into the dying block
}
