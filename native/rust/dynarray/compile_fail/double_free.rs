//! bug class: double free — C calls da_destroy(&a) (or free(a.data)) twice on the same block.
//! rust: `drop(a)` moves `a`; a second use of a moved value does not compile.
//! expect: E0382
use sm_dynarray::DynArray;

pub fn release_twice() {
    let a: DynArray<i32> = (0..3).collect();
    drop(a);
    #[cfg(bug)]
    drop(a);
}
