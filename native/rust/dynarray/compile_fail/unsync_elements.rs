//! bug class: data race through the elements — C shares an array of non-atomically refcounted pointers between threads.
//! rust: DynArray<T> is Send only if T is; Rc's counter is not thread-safe, so the move to another thread is refused.
//! expect: E0277
use sm_dynarray::DynArray;

#[cfg(bug)]
pub fn count_elsewhere() -> usize {
    use std::rc::Rc;
    let a: DynArray<Rc<i32>> = (0..3).map(Rc::new).collect();
    std::thread::spawn(move || a.len()).join().unwrap()
}

#[cfg(not(bug))]
pub fn count_elsewhere() -> usize {
    use std::sync::Arc;
    let a: DynArray<Arc<i32>> = (0..3).map(Arc::new).collect(); // fixed: atomic reference counts
    std::thread::spawn(move || a.len()).join().unwrap()
}
