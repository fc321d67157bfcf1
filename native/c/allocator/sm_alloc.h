/*
 * sm_alloc: a general-purpose allocator (goal 4.5-2), used from C and from C# through P/Invoke.
 *
 * Three size ranges, three strategies:
 *   small  (<= 1024 B)    segregated size classes: 64 KiB pages cut into equal blocks, with a
 *                         per-thread cache of free blocks per class in front (no lock on the fast path)
 *   medium (<= 256 KiB)   a boundary-tag heap: blocks carry size/flag headers, free blocks a footer,
 *                         so a freed block is coalesced with free neighbours at once; segregated
 *                         free lists by power of two, first fit, splitting
 *   large  (> 256 KiB)    one mmap per allocation; realloc moves pages with mremap instead of copying
 *
 * All memory comes in 4 MiB-aligned segments, registered in a bitmap of the address space, so any
 * pointer can be checked before it is trusted: sm_free of a pointer this allocator did not hand out
 * (or already took back) is reported through the error handler and ignored — never a corruption.
 *
 * Guarantees: every pointer is 16-byte aligned; sm_calloc checks n * size for overflow; sizes up
 * to (SIZE_MAX - 1 MiB) are accepted.
 *
 * Thread safety: each thread has its own cache of small blocks (thread-local, no lock, no atomic
 * instruction); everything else — refilling or flushing that cache, medium and large blocks,
 * statistics, the heap check — is serialised by one global mutex. A block may be freed by any
 * thread (it joins that thread's cache).
 *
 * Double frees of small blocks: each page has one bit per 16 bytes saying "this block is out of the
 * page" (live, or parked in a thread cache), changed only under the mutex as blocks move between
 * pages and caches. A block back on its page fails that test for certain. A block parked in a cache
 * carries a key (a per-process random value XOR its address) in its second word, which a second
 * free recognises — wrong only if user data happened to equal that 64-bit value. Two threads freeing
 * the same block at the same instant (a data race in the caller) is not detected.
 * Not supported: fork() while another thread is inside the allocator.
 */
#ifndef SM_ALLOC_H
#define SM_ALLOC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

void *sm_malloc(size_t size);
void sm_free(void *ptr);
void *sm_realloc(void *ptr, size_t size);
void *sm_calloc(size_t count, size_t size);

/* Bytes usable at ptr (>= the size asked for), or 0 if ptr is not a live block. */
size_t sm_usable_size(const void *ptr);

typedef enum sm_status {
    SM_OK = 0,
    SM_ERR_INVALID_FREE = 1, /* not a block from sm_malloc: foreign, interior or misaligned pointer */
    SM_ERR_DOUBLE_FREE = 2,  /* a block that is already free */
    SM_ERR_CORRUPTION = 3,   /* a block header was overwritten (found by free or by the heap check) */
    SM_ERR_NOMEM = 4,
} sm_status;

/* sm_free that returns what happened instead of only reporting it (the C# wrapper uses this). */
int sm_free_checked(void *ptr);

/* Called (under no lock) for every invalid free, double free or corruption found by free/realloc.
 * The default handler prints one line to stderr. Passing NULL restores it. */
typedef void (*sm_error_handler)(int status, void *ptr, const char *message, void *context);
void sm_set_error_handler(sm_error_handler handler, void *context);
/* How many errors of this kind were reported since start (or the last sm_reset_error_counts). */
uint64_t sm_error_count(int status);
void sm_reset_error_counts(void);

typedef struct sm_stats {
    uint64_t mapped_bytes;      /* address space taken from the OS (all segments) */
    uint64_t peak_mapped_bytes;
    uint64_t resident_estimate; /* mapped minus pages given back with madvise */
    uint64_t live_bytes;        /* bytes of live blocks (rounded to their size class / block size) */
    uint64_t live_blocks;
    uint64_t small_live_blocks;
    uint64_t medium_live_blocks;
    uint64_t large_live_blocks;
    uint64_t segments;          /* small + medium + large segments mapped */
    uint64_t cached_blocks;     /* free small blocks parked in thread caches */
    uint64_t medium_free_bytes; /* free space inside medium segments */
    uint64_t medium_free_blocks;
    uint64_t largest_medium_free; /* largest free medium block: small vs total = external fragmentation */
} sm_stats;

/* Counts small blocks from the pages' live bits: O(heap), takes the lock; not for hot loops. */

void sm_get_stats(sm_stats *out);

typedef struct sm_check_report {
    int status;           /* SM_OK or SM_ERR_CORRUPTION */
    uint64_t blocks_checked;
    uint64_t free_blocks_checked;
    char message[256];    /* the first inconsistency found */
} sm_check_report;

/* Walks the whole heap and verifies its invariants: blocks do not overlap and tile every page and
 * arena exactly; every free medium block is coalesced (no two free neighbours) and on the right free
 * list; free-list, thread-cache and live counts add up to every page's capacity; headers are intact.
 * Other threads must not allocate meanwhile (their caches are read). Returns report->status. */
int sm_heap_check(sm_check_report *report);

/* Gives memory back to the OS: unused small pages and the inside of large free medium blocks are
 * madvise(DONTNEED)-ed, completely empty segments unmapped. Returns bytes released. */
uint64_t sm_trim(void);

/* Returns this thread's cached small blocks to the shared pool (also done at thread exit). */
void sm_thread_flush(void);

#ifdef __cplusplus
}
#endif

#endif /* SM_ALLOC_H */
