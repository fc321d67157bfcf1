//! bug class: use after free — C reads through a pointer into an array already destroyed.
//! rust: a reference may not outlive the value it borrows from.
//! expect: E0597
use sm_dynarray::DynArray;

pub fn read_after_scope() -> i32 {
    #[cfg(bug)]
    {
        let kept: &i32;
        {
            let a: DynArray<i32> = (0..3).collect();
            kept = &a[0];
        } // a dropped here: its block is freed
        *kept
    }
    #[cfg(not(bug))]
    {
        // fixed: copy the value out while the array is alive
        let kept: i32;
        {
            let a: DynArray<i32> = (0..3).collect();
            kept = a[0];
        }
        kept
    }
}
