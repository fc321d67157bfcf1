//! The owning iterator: `for x in array` moves the elements out one by one and frees the block
//! when the iterator is dropped, including the elements it never yielded.

use std::alloc::{self, Layout};
use std::marker::PhantomData;
use std::mem;
use std::ptr::{self, NonNull};

pub struct IntoIter<T> {
    buf: NonNull<T>,
    cap: usize,
    /// Elements start..end are still initialised and owned by the iterator.
    start: usize,
    end: usize,
    _owns: PhantomData<T>,
}

// SAFETY: the iterator owns the remaining Ts exactly like the DynArray it came from.
unsafe impl<T: Send> Send for IntoIter<T> {}
unsafe impl<T: Sync> Sync for IntoIter<T> {}

impl<T> IntoIter<T> {
    /// # Safety
    /// `buf` must be a block of `cap` slots of T allocated by the global allocator (or dangling
    /// when nothing was allocated), with 0..len initialised, and the caller must give up ownership.
    pub(crate) unsafe fn from_raw(buf: NonNull<T>, cap: usize, len: usize) -> Self {
        IntoIter { buf, cap, start: 0, end: len, _owns: PhantomData }
    }
}

impl<T> Iterator for IntoIter<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        if self.start == self.end {
            return None;
        }
        // SAFETY: start < end, so the slot is initialised; advancing start first means it is
        // moved out exactly once and excluded from the drop in Drop.
        let value = unsafe { ptr::read(self.buf.as_ptr().add(self.start)) };
        self.start += 1;
        Some(value)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end - self.start;
        (n, Some(n))
    }
}

impl<T> DoubleEndedIterator for IntoIter<T> {
    fn next_back(&mut self) -> Option<T> {
        if self.start == self.end {
            return None;
        }
        self.end -= 1;
        // SAFETY: slot `end` was initialised and is now outside start..end: read exactly once.
        Some(unsafe { ptr::read(self.buf.as_ptr().add(self.end)) })
    }
}

impl<T> ExactSizeIterator for IntoIter<T> {}

impl<T> Drop for IntoIter<T> {
    fn drop(&mut self) {
        // SAFETY: start..end are the elements not yet yielded: dropped once here. The block was
        // allocated with cap slots of T unless T is zero-sized or cap is 0.
        unsafe {
            let rest = ptr::slice_from_raw_parts_mut(self.buf.as_ptr().add(self.start), self.end - self.start);
            ptr::drop_in_place(rest);
            if mem::size_of::<T>() != 0 && self.cap > 0 {
                alloc::dealloc(self.buf.as_ptr().cast(), Layout::array::<T>(self.cap).unwrap_unchecked());
            }
        }
    }
}
