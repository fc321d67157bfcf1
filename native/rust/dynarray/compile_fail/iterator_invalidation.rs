//! bug class: iterator invalidation — C walks the block with da_next() while pushing into the same array.
//! rust: the iterator borrows the array for the whole loop; a push inside the loop needs `&mut`.
//! expect: E0502
use sm_dynarray::DynArray;

pub fn duplicate_ones(a: &mut DynArray<i32>) {
    #[cfg(bug)]
    for x in a.iter() {
        if *x == 1 {
            a.push(1);
        }
    }
    #[cfg(not(bug))]
    {
        // fixed: count first, then push once the iteration (and its borrow) has ended
        let ones = a.iter().filter(|x| **x == 1).count();
        for _ in 0..ones {
            a.push(1);
        }
    }
}
