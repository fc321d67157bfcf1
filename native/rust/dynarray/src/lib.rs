//! `DynArray<T>`: the C dynamic array of `native/c/dynarray` rewritten in Rust, on raw allocation
//! (`std::alloc`) rather than on `Vec`, so that the unsafe core is visible and small.
//!
//! The type owns one heap block of `cap` slots of which the first `len` are initialised, exactly
//! like the C struct. What changes is who enforces the rules the C comments only state:
//!
//! * "pointers are invalidated by a push": a `&T` borrowed from the array keeps the array borrowed,
//!   so `push` (which needs `&mut self`) does not compile while it lives (E0502);
//! * "free exactly once": `Drop` frees the block when the owner goes out of scope; moving the array
//!   moves the ownership, and using it after the move does not compile (E0382);
//! * "check the index": `Index` and `get` are bounds-checked (a panic or `None`, never a stray read);
//! * "no concurrent mutation": `&mut` is unique, so two threads cannot push at once (E0499), and the
//!   array is `Send`/`Sync` only when its elements are.
//!
//! Every `unsafe` block states why it is sound (`SAFETY:`). Miri cannot run on this machine (its
//! component is not installed offline); the comments carry the reasoning Miri would check — pointer
//! provenance stays with the one allocation, no read of uninitialised slots, no double drop — and the
//! `dynarray-selfcheck` binary runs the whole surface under valgrind (see labs/1.3) for the heap side.

mod into_iter;

use std::alloc::{self, Layout};
use std::fmt;
use std::marker::PhantomData;
use std::mem;
use std::ops::{Deref, DerefMut, Index, IndexMut};
use std::ptr::{self, NonNull};
use std::slice::{self, SliceIndex};

pub use into_iter::IntoIter;

/// Why a `try_reserve` could not grow the array. The array is unchanged in both cases — the
/// Rust counterpart of the C version's `DA_ERR_OVERFLOW` and `DA_ERR_NOMEM` return codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReserveError {
    /// `capacity * size_of::<T>()` would exceed `isize::MAX` bytes.
    CapacityOverflow,
    /// The allocator returned null for this layout.
    AllocFailed { size: usize, align: usize },
}

impl fmt::Display for ReserveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReserveError::CapacityOverflow => write!(f, "capacity overflow: the block would exceed isize::MAX bytes"),
            ReserveError::AllocFailed { size, align } => write!(f, "allocation of {size} bytes (align {align}) failed"),
        }
    }
}

impl std::error::Error for ReserveError {}

/// The same counters as the C version's `da_counters`: the raw material of amortised cost.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GrowthStats {
    /// Times the capacity was raised.
    pub grows: u64,
    /// Live elements the allocator had to preserve at those grows.
    pub elements_copied: u64,
}

/// A growable array of `T` on one heap block, growing by a factor of 2 (minimum capacity 4).
pub struct DynArray<T> {
    /// Start of the block; dangling (but aligned and non-null) while nothing is allocated.
    ptr: NonNull<T>,
    /// Slots in the block. For zero-sized `T` this is `usize::MAX`: such values need no memory.
    cap: usize,
    /// Initialised slots: `ptr[0..len]`. Invariant: `len <= cap`.
    len: usize,
    stats: GrowthStats,
    /// Tells the drop checker that a `DynArray<T>` owns (and drops) values of type `T`.
    _owns: PhantomData<T>,
}

// SAFETY: DynArray<T> owns its elements like Vec<T>: moving it to another thread moves the Ts
// (needs T: Send), sharing &DynArray<T> shares &T (needs T: Sync). The raw pointer is what makes
// the compiler refuse these impls by default; no interior mutability hides behind it.
unsafe impl<T: Send> Send for DynArray<T> {}
unsafe impl<T: Sync> Sync for DynArray<T> {}

const MIN_NON_ZERO_CAP: usize = 4;

impl<T> DynArray<T> {
    const IS_ZST: bool = mem::size_of::<T>() == 0;

    /// An empty array; allocates nothing.
    pub const fn new() -> Self {
        DynArray {
            ptr: NonNull::dangling(),
            cap: if Self::IS_ZST { usize::MAX } else { 0 },
            len: 0,
            stats: GrowthStats { grows: 0, elements_copied: 0 },
            _owns: PhantomData,
        }
    }

    /// An empty array with room for at least `capacity` elements. Panics on capacity overflow.
    pub fn with_capacity(capacity: usize) -> Self {
        let mut a = Self::new();
        a.reserve_exact(capacity);
        a
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn capacity(&self) -> usize {
        self.cap
    }

    pub fn growth_stats(&self) -> GrowthStats {
        self.stats
    }

    /// Appends `value`, growing the block geometrically when it is full. Amortised O(1).
    pub fn push(&mut self, value: T) {
        if self.len == self.cap {
            self.grow_for_one();
        }
        // EXERCISE 1.3-5b: write the value into the first uninitialised slot, then count it (tests: RustUnitTests.Push_insert_remove)
        // SAFETY: len < cap now, so ptr.add(len) is inside the block (or a ZST no-op offset);
        // the slot is uninitialised, so `write` (which does not drop the old contents) is right.
        unsafe { ptr::write(self.ptr.as_ptr().add(self.len), value) };
        self.len += 1;
        // END EXERCISE
    }

    /// Removes and returns the last element, or `None` when empty.
    pub fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        // SAFETY: slot `len` was initialised and is now outside 0..len, so it is read (moved out)
        // exactly once and never dropped by us again.
        Some(unsafe { ptr::read(self.ptr.as_ptr().add(self.len)) })
    }

    /// Inserts at `index`, shifting the tail right. Panics if `index > len`.
    pub fn insert(&mut self, index: usize, value: T) {
        assert!(index <= self.len, "insertion index (is {index}) should be <= len (is {})", self.len);
        if self.len == self.cap {
            self.grow_for_one();
        }
        // EXERCISE 1.3-5b: shift the tail one slot right (the ranges overlap: ptr::copy, not copy_nonoverlapping), then write the value (tests: RustUnitTests.Push_insert_remove)
        // SAFETY: index <= len < cap. Source index..len and destination index+1..len+1 are inside
        // the block; `copy` is memmove. After it, slot `index` holds a bitwise duplicate that is
        // overwritten with `write` without being dropped, so nothing is dropped twice.
        unsafe {
            let at = self.ptr.as_ptr().add(index);
            ptr::copy(at, at.add(1), self.len - index);
            ptr::write(at, value);
        }
        self.len += 1;
        // END EXERCISE
    }

    /// Removes and returns the element at `index`, shifting the tail left. Panics if out of bounds.
    pub fn remove(&mut self, index: usize) -> T {
        assert!(index < self.len, "removal index (is {index}) should be < len (is {})", self.len);
        // EXERCISE 1.3-5b: move the element out, then close the gap by shifting the tail left (tests: RustUnitTests.Push_insert_remove)
        // SAFETY: index < len: the slot is initialised and read exactly once; the tail
        // index+1..len moves down over it and the now-duplicated last slot leaves 0..len.
        unsafe {
            self.len -= 1;
            let at = self.ptr.as_ptr().add(index);
            let value = ptr::read(at);
            ptr::copy(at.add(1), at, self.len - index);
            value
        }
        // END EXERCISE
    }

    /// Drops every element; keeps the block.
    pub fn clear(&mut self) {
        self.truncate(0);
    }

    /// Drops the elements from `new_len` on; keeps the block.
    pub fn truncate(&mut self, new_len: usize) {
        if new_len >= self.len {
            return;
        }
        // EXERCISE 1.3-5c: drop the elements from new_len on, shortening the array first so that a panicking destructor cannot cause a double drop (tests: RustUnitTests.Drops)
        let tail_len = self.len - new_len;
        // Shorten first: if a destructor panics, the remaining ones are not run twice.
        self.len = new_len;
        // SAFETY: slots new_len..new_len+tail_len were initialised and are no longer in 0..len.
        unsafe {
            let tail = ptr::slice_from_raw_parts_mut(self.ptr.as_ptr().add(new_len), tail_len);
            ptr::drop_in_place(tail);
        }
        // END EXERCISE
    }

    /// Makes room for `additional` more elements (growing geometrically). Panics on overflow.
    pub fn reserve(&mut self, additional: usize) {
        if let Err(e) = self.try_reserve(additional) {
            reserve_failed(e);
        }
    }

    /// Makes room for exactly `additional` more elements. Panics on overflow.
    pub fn reserve_exact(&mut self, additional: usize) {
        let wanted = self.len.checked_add(additional).unwrap_or_else(|| reserve_failed(ReserveError::CapacityOverflow));
        if wanted > self.cap {
            if let Err(e) = self.set_capacity(wanted) {
                reserve_failed(e);
            }
        }
    }

    /// Like `reserve`, but reports failure instead of panicking; the array is unchanged on error.
    pub fn try_reserve(&mut self, additional: usize) -> Result<(), ReserveError> {
        let wanted = self.len.checked_add(additional).ok_or(ReserveError::CapacityOverflow)?;
        if wanted <= self.cap {
            return Ok(());
        }
        let doubled = self.cap.saturating_mul(2).max(MIN_NON_ZERO_CAP);
        self.set_capacity(wanted.max(doubled))
    }

    /// Shrinks the block to exactly `len` slots (frees it when empty).
    pub fn shrink_to_fit(&mut self) {
        if Self::IS_ZST || self.cap == self.len {
            return;
        }
        if let Err(e) = self.resize_block(self.len, false) {
            reserve_failed(e);
        }
    }

    pub fn as_slice(&self) -> &[T] {
        self
    }

    pub fn as_mut_slice(&mut self) -> &mut [T] {
        self
    }

    fn grow_for_one(&mut self) {
        if Self::IS_ZST {
            // cap is usize::MAX: len == cap means usize::MAX values already pushed.
            reserve_failed(ReserveError::CapacityOverflow);
        }
        let new_cap = self.cap.saturating_mul(2).max(MIN_NON_ZERO_CAP);
        if let Err(e) = self.set_capacity(new_cap) {
            reserve_failed(e);
        }
    }

    fn set_capacity(&mut self, new_cap: usize) -> Result<(), ReserveError> {
        if Self::IS_ZST {
            return if new_cap <= self.cap { Ok(()) } else { Err(ReserveError::CapacityOverflow) };
        }
        self.resize_block(new_cap, true)
    }

    /// Moves the elements to a block of exactly `new_cap` slots (`new_cap >= len`), the one place
    /// that calls the allocator. On error nothing has changed.
    fn resize_block(&mut self, new_cap: usize, counts_as_grow: bool) -> Result<(), ReserveError> {
        debug_assert!(new_cap >= self.len && !Self::IS_ZST);
        // EXERCISE 1.3-5a: allocate, grow or free the block with std::alloc, keeping the old block on failure (tests: RustUnitTests.Resize_block)
        let new_layout = Layout::array::<T>(new_cap).map_err(|_| ReserveError::CapacityOverflow)?;
        let new_ptr = if self.cap == 0 {
            // SAFETY: new_cap > len >= 0 here (cap == 0 implies len == 0, and callers ask for more),
            // so the layout has non-zero size, as `alloc` requires.
            unsafe { alloc::alloc(new_layout) }
        } else if new_cap == 0 {
            // SAFETY: the block was allocated with exactly this layout (cap slots of T); len == 0,
            // so no initialised element is lost. After this, ptr must not be used for reads.
            unsafe { alloc::dealloc(self.ptr.as_ptr().cast(), Layout::array::<T>(self.cap).unwrap_unchecked()) };
            self.ptr = NonNull::dangling();
            self.cap = 0;
            return Ok(());
        } else {
            // SAFETY: ptr was allocated by this allocator with the old layout; new size is non-zero
            // and (checked by Layout::array) does not overflow isize. realloc preserves the first
            // min(old, new) bytes, which include all len initialised elements.
            unsafe { alloc::realloc(self.ptr.as_ptr().cast(), Layout::array::<T>(self.cap).unwrap_unchecked(), new_layout.size()) }
        };
        let new_ptr = match NonNull::new(new_ptr.cast::<T>()) {
            Some(p) => p,
            // realloc failure leaves the old block valid and owned by us: the array is unchanged.
            None => return Err(ReserveError::AllocFailed { size: new_layout.size(), align: new_layout.align() }),
        };
        if counts_as_grow {
            self.stats.grows += 1;
            self.stats.elements_copied += self.len as u64;
        }
        self.ptr = new_ptr;
        self.cap = new_cap;
        Ok(())
        // END EXERCISE
    }
}

#[cold]
#[track_caller]
fn reserve_failed(e: ReserveError) -> ! {
    match e {
        ReserveError::AllocFailed { size, align } => {
            // Same behaviour as Vec: out-of-memory goes to the global OOM handler.
            alloc::handle_alloc_error(Layout::from_size_align(size, align).expect("layout was valid when requested"))
        }
        ReserveError::CapacityOverflow => panic!("DynArray: capacity overflow"),
    }
}

impl<T> Drop for DynArray<T> {
    fn drop(&mut self) {
        // EXERCISE 1.3-5c: drop the live elements exactly once, then free the block with the layout it was allocated with (tests: RustUnitTests.Drops)
        // SAFETY: 0..len are initialised and dropped exactly once here (len is never read again).
        // The block was allocated with cap slots of T; ZSTs and cap == 0 never allocated.
        unsafe {
            ptr::drop_in_place(ptr::slice_from_raw_parts_mut(self.ptr.as_ptr(), self.len));
            if !Self::IS_ZST && self.cap > 0 {
                alloc::dealloc(self.ptr.as_ptr().cast(), Layout::array::<T>(self.cap).unwrap_unchecked());
            }
        }
        // END EXERCISE
    }
}

impl<T> Deref for DynArray<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        // SAFETY: ptr is non-null and aligned (dangling only when len == 0, which from_raw_parts
        // allows), 0..len are initialised, and the returned slice borrows self, so no push can
        // move the block while it lives — the compile-time form of "pointers are invalidated".
        unsafe { slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }
}

impl<T> DerefMut for DynArray<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        // SAFETY: as in deref; &mut self guarantees this is the only live view of the elements.
        unsafe { slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

impl<T, I: SliceIndex<[T]>> Index<I> for DynArray<T> {
    type Output = I::Output;

    /// Bounds-checked: an index past `len` panics instead of reading stray memory.
    fn index(&self, index: I) -> &I::Output {
        Index::index(&**self, index)
    }
}

impl<T, I: SliceIndex<[T]>> IndexMut<I> for DynArray<T> {
    fn index_mut(&mut self, index: I) -> &mut I::Output {
        IndexMut::index_mut(&mut **self, index)
    }
}

impl<T> Default for DynArray<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Clone> Clone for DynArray<T> {
    fn clone(&self) -> Self {
        let mut copy = DynArray::with_capacity(self.len);
        // If a clone panics, `copy` holds only fully cloned elements and drops them: no leak, no double drop.
        for item in self.iter() {
            copy.push(item.clone());
        }
        copy
    }
}

impl<T: fmt::Debug> fmt::Debug for DynArray<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: PartialEq> PartialEq for DynArray<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T> FromIterator<T> for DynArray<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut a = DynArray::new();
        a.extend(iter);
        a
    }
}

impl<T> Extend<T> for DynArray<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        let iter = iter.into_iter();
        self.reserve(iter.size_hint().0);
        for item in iter {
            self.push(item);
        }
    }
}

impl<T> IntoIterator for DynArray<T> {
    type Item = T;
    type IntoIter = IntoIter<T>;

    fn into_iter(self) -> IntoIter<T> {
        let me = mem::ManuallyDrop::new(self);
        // SAFETY: ownership of the block and of the len initialised elements passes to IntoIter;
        // ManuallyDrop stops our own Drop from freeing them a second time.
        unsafe { IntoIter::from_raw(me.ptr, me.cap, me.len) }
    }
}

impl<'a, T> IntoIterator for &'a DynArray<T> {
    type Item = &'a T;
    type IntoIter = slice::Iter<'a, T>;

    fn into_iter(self) -> slice::Iter<'a, T> {
        self.iter()
    }
}

impl<'a, T> IntoIterator for &'a mut DynArray<T> {
    type Item = &'a mut T;
    type IntoIter = slice::IterMut<'a, T>;

    fn into_iter(self) -> slice::IterMut<'a, T> {
        self.iter_mut()
    }
}

#[cfg(test)]
mod tests;
