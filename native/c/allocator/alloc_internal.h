/* Internal layout of sm_alloc, shared by its source files (not part of the public API). */
#ifndef SM_ALLOC_INTERNAL_H
#define SM_ALLOC_INTERNAL_H

#include <pthread.h>
#include <stdint.h>
#include <stddef.h>

#include "sm_alloc.h"

#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)

/* Marks a static helper that only exercise regions call: when a region is replaced by a stub (the learner's copy
 * of the lab), the helper is then unused, and -Werror must not turn that into a build failure. */
#define EXERCISE_HELPER __attribute__((unused))

/* ---- AddressSanitizer poisoning (the ASan builds define SM_ALLOC_POISON) ----
 * ASan cannot see inside memory this allocator mapped itself: without help, a read of a freed block or a
 * write past the end of one is, to ASan, a valid access to a mapped page. So the allocator tells it what is
 * addressable: the bytes asked for, from the moment they are handed out until they are freed. Everything
 * else in its segments — free and never-used blocks, the slack after a request, medium block headers, a
 * large block's header — is poisoned, and a program touching it gets an ASan "use-after-poison" report.
 * The allocator's own sources are compiled without address instrumentation (as ASan's own allocator is):
 * they are the one code that legitimately reads and writes poisoned memory (free-list links, headers).
 * In every other build these are no-ops. */
#ifdef SM_ALLOC_POISON
#include <sanitizer/asan_interface.h>
#define SM_POISON(p, n) __asan_poison_memory_region((p), (n))
#define SM_UNPOISON(p, n) __asan_unpoison_memory_region((p), (n))
#else
#define SM_POISON(p, n) ((void)(p), (void)(n))
#define SM_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* ---- Address-space layout ---- */
#define SEG_SHIFT 22
#define SEG_SIZE ((size_t)1 << SEG_SHIFT)          /* 4 MiB segments, aligned to their size */
#define SEG_MASK (SEG_SIZE - 1)
#define PAGE_SHIFT 16
#define PAGE_SIZE ((size_t)1 << PAGE_SHIFT)        /* 64 KiB small-object pages */
#define PAGES_PER_SEG (SEG_SIZE / PAGE_SIZE)       /* 64; page 0 holds the segment header */
#define ADDR_BITS 47                               /* user-space addresses on x86-64 / arm64 Linux */
#define SEGMAP_BITS ((uint64_t)1 << (ADDR_BITS - SEG_SHIFT))

/* ---- Size ranges ---- */
#define SMALL_MAX 1024
#define NCLASSES 20
#define MEDIUM_MAX ((size_t)256 * 1024)
#define LARGE_HEADER 64                            /* a large block's user pointer is base + 64 */
#define MAX_REQUEST (SIZE_MAX - ((size_t)1 << 20))

enum { SEG_SMALL = 1, SEG_MEDIUM = 2, SEG_LARGE = 3 };
#define SEG_MAGIC 0x5345474d454e5431ULL            /* stored XOR the segment address */

/* Common header at the start of every segment. */
typedef struct segment {
    uint64_t magic;
    uint32_t kind;
    uint32_t free_page_count;  /* small: unused pages among 1..63 */
    size_t mapped;             /* bytes mapped for this segment */
    struct segment *next, *prev; /* list of the segments of this kind */
    uint64_t free_pages;       /* small: bit i = page i unused */
    uint64_t trimmed_pages;    /* small: bit i = page i given back with madvise */
    size_t large_size;         /* large: bytes usable by the caller */
} segment;

/* ---- Small objects ---- */
#define LIVE_WORDS (PAGE_SIZE / 16 / 64)           /* one bit per 16 bytes of the page */

typedef struct small_page {
    uint16_t cls;
    uint16_t in_partial;       /* on g.partial[cls]: has free-list or never-used blocks */
    uint32_t block_size;       /* 0: page unused */
    uint32_t capacity;         /* blocks in the page */
    uint32_t bump;             /* blocks [bump, capacity) were never handed out */
    uint32_t used;             /* blocks out of the page: live, or parked in a thread cache */
    uint32_t free_count;
    void *free;                /* blocks returned to the page */
    struct small_page *next_partial, *prev_partial;
    uint64_t out[LIVE_WORDS];  /* bit set = the block starting at this 16-byte slot is out of the page
                                  (live, or parked in a thread cache); changed only under g.lock */
} small_page;

typedef struct small_segment {
    segment s;
    /* The class of each page, 64 bytes together in one cache line: the free path reads this line,
     * which stays hot, instead of one page descriptor line per page. */
    uint8_t page_class[PAGES_PER_SEG];
    small_page pages[PAGES_PER_SEG];
} small_segment;

/* ---- Medium objects: boundary tags ---- */
#define M_ALLOC ((size_t)1)
#define M_PREV_ALLOC ((size_t)2)
#define M_FLAGS ((size_t)15)
#define M_HEADER 16
#define M_MIN 48                                   /* header + two links + footer, rounded to 16 */
#define M_NBINS (24 * 4)                           /* 4 lists per power of two (two-level segregated fit) */
#define M_ARENA_OFFSET PAGE_SIZE                   /* the arena starts after the header page */
#define M_TAG 0x4d454449554d424bULL

typedef struct mblock {
    size_t size_flags;         /* block size (header included, multiple of 16) | M_ALLOC | M_PREV_ALLOC */
    uint64_t tag;              /* M_TAG ^ address ^ size: detects an overwritten header */
    struct mblock *next_free;  /* free blocks only (in the payload) */
    struct mblock *prev_free;
} mblock;

typedef struct medium_segment {
    segment s;
    uint64_t starts[(SEG_SIZE / 16) / 64];         /* bit set = a live block's payload starts here */
} medium_segment;

/* ---- Thread cache ---- */
typedef struct tcache {
    void *head[NCLASSES];
    uint32_t count[NCLASSES];
    /* Blocks this thread may park per class. All zero until the cache is registered (and again
     * after thread exit), so the first free takes the slow path, which registers it: one
     * comparison on the fast path does both jobs. */
    uint32_t limit[NCLASSES];
    int registered;
    /* Decay: classes that went through no slow path in the last DECAY_TICKS slow paths are flushed,
     * so blocks of a size the program stopped using do not pin their pages. */
    uint32_t slow_ticks;
    uint32_t touched;          /* bit c: class c had a slow path in this window */
    struct tcache *next, *prev;
} tcache;

/* ---- Global state (under g.lock unless noted) ---- */
typedef struct globals {
    pthread_mutex_t lock;
    uint64_t *segmap;          /* one bit per possible segment address; read without the lock */
    small_page *partial[NCLASSES];
    segment *small_segs, *medium_segs, *large_segs;
    uint64_t medium_empty_segments; /* medium segments whose arena is one free block (see medium_free_locked) */
    mblock *bins[M_NBINS];
    tcache *caches;
    uint64_t mapped, peak_mapped, trimmed;
    uint64_t idle_pages;       /* unused small pages still backed by memory (not trimmed) */
    uint64_t segments;
    uint64_t medium_live_blocks, medium_live_bytes, medium_free_bytes, medium_free_blocks;
    uint64_t large_live_blocks, large_live_bytes;
    uintptr_t recent_large[64]; /* recently unmapped large blocks: tells a double free from a stray pointer */
    unsigned recent_large_next;
} globals;

extern globals g;
extern const uint32_t sm_class_size[NCLASSES];

static inline void lock(void) { pthread_mutex_lock(&g.lock); }
static inline void unlock(void) { pthread_mutex_unlock(&g.lock); }

static inline int segmap_test(uintptr_t seg) {
    uint64_t *map = __atomic_load_n(&g.segmap, __ATOMIC_ACQUIRE);
    uint64_t idx = seg >> SEG_SHIFT;
    if (UNLIKELY(map == NULL || idx >= SEGMAP_BITS)) return 0;
    return (int)((__atomic_load_n(&map[idx >> 6], __ATOMIC_RELAXED) >> (idx & 63)) & 1);
}

/* The segment holding ptr if it is one of ours, else NULL. Never dereferences a foreign pointer. */
static inline segment *segment_of(const void *ptr) {
    uintptr_t a = (uintptr_t)ptr;
    uintptr_t seg = a & ~(uintptr_t)SEG_MASK;
    return segmap_test(seg) ? (segment *)seg : NULL;
}

static inline small_page *small_page_of(const void *ptr) {
    uintptr_t a = (uintptr_t)ptr;
    small_segment *s = (small_segment *)(a & ~(uintptr_t)SEG_MASK);
    return &s->pages[(a >> PAGE_SHIFT) & (PAGES_PER_SEG - 1)];
}

/* A small block parked in a thread cache holds cache_key ^ its address in its second word. */
extern uint64_t cache_key_value;
static inline uint64_t parked_key(const void *b) { return cache_key_value ^ (uint64_t)(uintptr_t)b; }
static inline int is_parked(const void *b) { return ((const uint64_t *)b)[1] == parked_key(b); }

static inline int out_bit(const small_page *pg, unsigned slot) {
    return (int)((__atomic_load_n(&pg->out[slot >> 6], __ATOMIC_RELAXED) >> (slot & 63)) & 1);
}

/* Only under g.lock: the one writer, so a plain read-modify-write (relaxed, for concurrent readers) suffices. */
static inline void set_out_bit(small_page *pg, const void *b, int on) {
    unsigned slot = (unsigned)(((uintptr_t)b & (PAGE_SIZE - 1)) >> 4);
    uint64_t w = __atomic_load_n(&pg->out[slot >> 6], __ATOMIC_RELAXED);
    uint64_t bit = (uint64_t)1 << (slot & 63);
    __atomic_store_n(&pg->out[slot >> 6], on ? (w | bit) : (w & ~bit), __ATOMIC_RELAXED);
}

static inline size_t msize(const mblock *b) { return b->size_flags & ~M_FLAGS; }
static inline uint64_t mtag(const mblock *b, size_t size) { return M_TAG ^ (uint64_t)(uintptr_t)b ^ (uint64_t)size; }

/* Shared between the source files (all called with g.lock held unless noted). */
segment *map_segment(size_t size, uint32_t kind);      /* registers it in the segmap and the lists */
void unmap_segment(segment *s);
void *medium_alloc_locked(size_t size);
int medium_free_locked(void *ptr, const char **why);  /* returns sm_status */
void *medium_resize_in_place_locked(void *ptr, size_t size); /* ptr must be live; NULL if it cannot */
size_t medium_usable(const void *ptr);
uint64_t medium_trim_locked(void);
int check_medium_locked(sm_check_report *r, uint64_t *live_blocks);
void report_error(int status, void *ptr, const char *message); /* without the lock */

#endif
