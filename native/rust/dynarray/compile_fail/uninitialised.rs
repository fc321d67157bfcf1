//! bug class: use of an uninitialised array — C declares `dynarray a;` and calls da_push(&a, ...) without da_init.
//! rust: every binding must be definitely initialised before it is used.
//! expect: E0381
use sm_dynarray::DynArray;

pub fn length_of_nothing() -> usize {
    #[cfg(bug)]
    let a: DynArray<i32>;
    #[cfg(not(bug))]
    let a: DynArray<i32> = DynArray::new();
    a.len()
}
