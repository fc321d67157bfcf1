//! bug class: use after ownership transfer — C hands `a.data` to a consumer that frees it, then keeps using `a`.
//! rust: `for x in a` consumes the array (IntoIterator takes it by value); `a` is gone afterwards.
//! expect: E0382
use sm_dynarray::DynArray;

pub fn sum_then_len(a: DynArray<i32>) -> (i32, usize) {
    #[cfg(bug)]
    {
        let mut sum = 0;
        for x in a {
            sum += x;
        }
        (sum, a.len())
    }
    #[cfg(not(bug))]
    {
        // fixed: iterate by reference when the array is still needed
        let mut sum = 0;
        for x in &a {
            sum += x;
        }
        (sum, a.len())
    }
}
