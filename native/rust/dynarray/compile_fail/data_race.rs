//! bug class: data race — two C threads call da_push on one array without a lock (lost writes, double realloc).
//! rust: `&mut` is unique; two threads cannot both hold it.
//! expect: E0499
use sm_dynarray::DynArray;
use std::sync::Mutex;

pub fn push_from_two_threads() -> usize {
    #[cfg(bug)]
    {
        let mut a: DynArray<i32> = DynArray::new();
        std::thread::scope(|s| {
            s.spawn(|| a.push(1));
            s.spawn(|| a.push(2));
        });
        a.len()
    }
    #[cfg(not(bug))]
    {
        // fixed: a Mutex hands the unique access to one thread at a time
        let a: Mutex<DynArray<i32>> = Mutex::new(DynArray::new());
        std::thread::scope(|s| {
            s.spawn(|| a.lock().unwrap().push(1));
            s.spawn(|| a.lock().unwrap().push(2));
        });
        let n = a.lock().unwrap().len();
        n
    }
}
