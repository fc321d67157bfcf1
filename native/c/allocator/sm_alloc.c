/* sm_alloc: segments, the small-object path with its thread caches, large blocks, and the public
 * entry points. The medium (boundary-tag) heap is in alloc_medium.c, the heap check in alloc_check.c. */
#define _GNU_SOURCE
#include "alloc_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <time.h>

globals g = {.lock = PTHREAD_MUTEX_INITIALIZER};

const uint32_t sm_class_size[NCLASSES] = {16,  32,  48,  64,  80,  96,  112, 128, 160, 192,
                                          224, 256, 320, 384, 448, 512, 640, 768, 896, 1024};
static uint8_t class_of[SMALL_MAX / 16 + 1]; /* (size + 15) / 16 -> class */
static uint32_t cache_limit[NCLASSES];       /* blocks a thread may park per class */
static uint32_t batch[NCLASSES];             /* blocks moved per refill / flush */

static __thread tcache t_cache;
uint64_t cache_key_value = 0x6a09e667f3bcc908ULL;

/* A thread cache's block count is written only by its own thread but read by sm_get_stats on any thread, so
 * every store is atomic: relaxed, a plain store on x86-64 and arm64 (no locked read-modify-write is needed with
 * one writer). SM_PLANT_RACY_CACHE_COUNT (a build of the ThreadSanitizer test only) plants the bug: a plain
 * store, which ThreadSanitizer must report as a data race. */
static inline void cache_count_set(tcache *tc, unsigned cls, uint32_t n) {
#ifdef SM_PLANT_RACY_CACHE_COUNT
    tc->count[cls] = n;
#else
    __atomic_store_n(&tc->count[cls], n, __ATOMIC_RELAXED);
#endif
}
static pthread_key_t cache_key;

static void tcache_teardown(void *arg);
static int ensure_segmap(void);

__attribute__((constructor)) static void sm_init(void) {
    uint64_t seed = 0;
    if (getrandom(&seed, sizeof seed, GRND_NONBLOCK) != (ssize_t)sizeof seed) seed = (uint64_t)(uintptr_t)&seed ^ (uint64_t)time(NULL);
    cache_key_value ^= seed;
    for (unsigned i = 0, c = 0; i <= SMALL_MAX / 16; i++) {
        while (sm_class_size[c] < i * 16) c++;
        class_of[i] = (uint8_t)c;
    }
    for (unsigned c = 0; c < NCLASSES; c++) {
        uint32_t limit = 16384 / sm_class_size[c];
        cache_limit[c] = limit < 16 ? 16 : limit > 256 ? 256 : limit;
        batch[c] = cache_limit[c] / 2;
    }
    pthread_key_create(&cache_key, tcache_teardown);
    ensure_segmap(); /* now, so the free path never sees it appear */
}

/* ------------------------------------------------------------------ errors */

static sm_error_handler error_handler;
static void *error_context;
static uint64_t error_counts[5];

static void default_handler(int status, void *ptr, const char *message, void *context) {
    (void)status;
    (void)context;
    fprintf(stderr, "sm_alloc: %s (pointer %p)\n", message, ptr);
}

void report_error(int status, void *ptr, const char *message) {
    if (status > 0 && status < 5) __atomic_fetch_add(&error_counts[status], 1, __ATOMIC_RELAXED);
    sm_error_handler h = __atomic_load_n(&error_handler, __ATOMIC_ACQUIRE);
    if (h) h(status, ptr, message, error_context);
    else default_handler(status, ptr, message, NULL);
}

void sm_set_error_handler(sm_error_handler handler, void *context) {
    error_context = context;
    __atomic_store_n(&error_handler, handler, __ATOMIC_RELEASE);
}

uint64_t sm_error_count(int status) {
    return status > 0 && status < 5 ? __atomic_load_n(&error_counts[status], __ATOMIC_RELAXED) : 0;
}

void sm_reset_error_counts(void) {
    for (int i = 0; i < 5; i++) __atomic_store_n(&error_counts[i], 0, __ATOMIC_RELAXED);
}

/* ------------------------------------------------------------------ segments */

static int ensure_segmap(void) {
    if (g.segmap) return 0;
    /* 2^25 bits = 4 MiB of address space, reserved lazily: only pages with set bits get backed. */
    void *m = mmap(NULL, SEGMAP_BITS / 8, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED) return -1;
    __atomic_store_n(&g.segmap, (uint64_t *)m, __ATOMIC_RELEASE);
    return 0;
}

static void segmap_set(uintptr_t seg, int on) {
    uint64_t idx = seg >> SEG_SHIFT;
    uint64_t bit = (uint64_t)1 << (idx & 63);
    if (on) __atomic_fetch_or(&g.segmap[idx >> 6], bit, __ATOMIC_RELEASE);
    else __atomic_fetch_and(&g.segmap[idx >> 6], ~bit, __ATOMIC_RELEASE);
}

/* Maps `size` bytes aligned to SEG_SIZE: over-map by one segment, then cut off both ends. */
static void *map_aligned(size_t size) {
    size_t span = size + SEG_SIZE;
    char *p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    uintptr_t a = ((uintptr_t)p + SEG_MASK) & ~(uintptr_t)SEG_MASK;
    size_t head = a - (uintptr_t)p, tail = span - head - size;
    if (head) munmap(p, head);
    if (tail) munmap((char *)a + size, tail);
    if ((a >> SEG_SHIFT) >= SEGMAP_BITS) { /* outside the address range the segmap covers */
        munmap((void *)a, size);
        return NULL;
    }
    return (void *)a;
}

static segment **list_of(uint32_t kind) {
    return kind == SEG_SMALL ? &g.small_segs : kind == SEG_MEDIUM ? &g.medium_segs : &g.large_segs;
}

static void account_mapped(int64_t delta) {
    g.mapped += (uint64_t)delta;
    if (g.mapped > g.peak_mapped) g.peak_mapped = g.mapped;
}

segment *map_segment(size_t size, uint32_t kind) {
    if (ensure_segmap() != 0) return NULL;
    segment *s = map_aligned(size);
    if (s == NULL) return NULL;
    SM_UNPOISON(s, size); /* no stale poisoning from an earlier mapping at this address */
    s->magic = SEG_MAGIC ^ (uint64_t)(uintptr_t)s;
    s->kind = kind;
    s->mapped = size;
    segment **list = list_of(kind);
    s->prev = NULL;
    s->next = *list;
    if (*list) (*list)->prev = s;
    *list = s;
    g.segments++;
    account_mapped((int64_t)size);
    segmap_set((uintptr_t)s, 1);
    return s;
}

void unmap_segment(segment *s) {
    segment **list = list_of(s->kind);
    if (s->prev) s->prev->next = s->next; else *list = s->next;
    if (s->next) s->next->prev = s->prev;
    segmap_set((uintptr_t)s, 0);
    g.segments--;
    account_mapped(-(int64_t)s->mapped);
    if (s->kind == SEG_SMALL) g.trimmed -= (uint64_t)__builtin_popcountll(s->trimmed_pages) * PAGE_SIZE;
    s->magic = 0;
    SM_UNPOISON(s, s->mapped); /* the address range may be mapped again by anyone */
    munmap(s, s->mapped);
}

/* ------------------------------------------------------------------ small pages */

static void partial_push(small_page *pg) {
    small_page **head = &g.partial[pg->cls];
    pg->prev_partial = NULL;
    pg->next_partial = *head;
    if (*head) (*head)->prev_partial = pg;
    *head = pg;
    pg->in_partial = 1;
}

static void partial_remove(small_page *pg) {
    if (pg->prev_partial) pg->prev_partial->next_partial = pg->next_partial;
    else g.partial[pg->cls] = pg->next_partial;
    if (pg->next_partial) pg->next_partial->prev_partial = pg->prev_partial;
    pg->next_partial = pg->prev_partial = NULL;
    pg->in_partial = 0;
}

/* Gives a page of class cls: an unused page of an existing small segment, or of a new one. */
EXERCISE_HELPER static small_page *page_new(unsigned cls) {
    small_segment *ss = NULL;
    for (segment *s = g.small_segs; s; s = s->next) {
        if (s->free_pages) {
            ss = (small_segment *)s;
            break;
        }
    }
    if (ss == NULL) {
        ss = (small_segment *)map_segment(SEG_SIZE, SEG_SMALL);
        if (ss == NULL) return NULL;
        ss->s.free_pages = ~(uint64_t)1; /* pages 1..63 */
        ss->s.free_page_count = PAGES_PER_SEG - 1;
        ss->s.trimmed_pages = ss->s.free_pages; /* never touched: not backed by memory yet */
        g.trimmed += (PAGES_PER_SEG - 1) * PAGE_SIZE;
    }
    unsigned idx = (unsigned)__builtin_ctzll(ss->s.free_pages);
    uint64_t bit = (uint64_t)1 << idx;
    ss->s.free_pages &= ~bit;
    ss->s.free_page_count--;
    if (ss->s.trimmed_pages & bit) { /* the page was given back: it comes back zeroed on first touch */
        ss->s.trimmed_pages &= ~bit;
        g.trimmed -= PAGE_SIZE;
    } else if (g.idle_pages > 0) {
        g.idle_pages--;
    }
    small_page *pg = &ss->pages[idx];
    pg->cls = (uint16_t)cls;
    ss->page_class[idx] = (uint8_t)cls;
    pg->block_size = sm_class_size[cls];
    pg->capacity = (uint32_t)(PAGE_SIZE / pg->block_size);
    pg->bump = 0;
    pg->used = 0;
    pg->free = NULL;
    pg->free_count = 0;
    partial_push(pg);
    SM_POISON((char *)ss + (size_t)idx * PAGE_SIZE, PAGE_SIZE); /* no block of it is handed out yet */
    return pg;
}

/* Unused small pages kept backed by memory, ready for reuse; beyond this they go back to the OS. */
#define IDLE_PAGES_KEPT 16

/* A page whose blocks have all come back: return it to its segment for any class to reuse. */
static void page_release(small_page *pg) {
    if (pg->in_partial) partial_remove(pg);
    small_segment *ss = (small_segment *)((uintptr_t)pg & ~(uintptr_t)SEG_MASK);
    unsigned idx = (unsigned)(pg - ss->pages);
    pg->block_size = 0;
    pg->capacity = 0;
    pg->bump = 0;
    pg->free = NULL;
    pg->free_count = 0;
    ss->s.free_pages |= (uint64_t)1 << idx;
    ss->s.free_page_count++;
    /* Keep a few idle pages for reuse; give the rest back to the OS. */
    if (g.idle_pages >= IDLE_PAGES_KEPT) {
        madvise((char *)ss + (size_t)idx * PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED);
        ss->s.trimmed_pages |= (uint64_t)1 << idx;
        g.trimmed += PAGE_SIZE;
    } else {
        g.idle_pages++;
    }
}

/* Moves up to n blocks of class cls from the pages to the thread cache. Returns how many. */
static unsigned small_refill_locked(tcache *tc, unsigned cls, unsigned n) {
    unsigned got = 0;
    /* EXERCISE 4.5-2b: fill the thread cache from the class's partial pages: their free lists first, then never-used blocks (tests: AllocatorComponentTests.Refill, AllocatorInteropTests) (returns 0) */
    while (got < n) {
        small_page *pg = g.partial[cls];
        if (pg == NULL && (pg = page_new(cls)) == NULL) break;
        while (got < n && pg->free) {
            void *b = pg->free;
            pg->free = *(void **)b;
            pg->free_count--;
            *(void **)b = tc->head[cls];
            ((uint64_t *)b)[1] = parked_key(b);
            tc->head[cls] = b;
            set_out_bit(pg, b, 1);
            pg->used++;
            got++;
        }
        if (got < n && pg->bump < pg->capacity) {
            small_segment *ss = (small_segment *)((uintptr_t)pg & ~(uintptr_t)SEG_MASK);
            uintptr_t page_start = (uintptr_t)ss + (uintptr_t)(pg - ss->pages) * PAGE_SIZE;
            while (got < n && pg->bump < pg->capacity) {
                void *b = (void *)(page_start + (uintptr_t)pg->bump++ * pg->block_size);
                *(void **)b = tc->head[cls];
                ((uint64_t *)b)[1] = parked_key(b);
                tc->head[cls] = b;
                set_out_bit(pg, b, 1);
                pg->used++;
                got++;
            }
        }
        if (pg->free == NULL && pg->bump == pg->capacity) partial_remove(pg);
    }
    /* END EXERCISE */
    cache_count_set(tc, cls, tc->count[cls] + got);
    return got;
}

/* Returns n cached blocks of class cls to their pages (n <= count). */
static void small_flush_locked(tcache *tc, unsigned cls, unsigned n) {
    for (unsigned i = 0; i < n && tc->head[cls]; i++) {
        void *b = tc->head[cls];
        tc->head[cls] = *(void **)b;
        cache_count_set(tc, cls, tc->count[cls] - 1);
        small_page *pg = small_page_of(b);
        *(void **)b = pg->free;
        pg->free = b;
        set_out_bit(pg, b, 0);
        pg->free_count++;
        pg->used--;
        if (pg->used == 0) page_release(pg);
        else if (!pg->in_partial) partial_push(pg);
    }
}

/* ------------------------------------------------------------------ thread caches */

static void tcache_register(tcache *tc) {
    lock();
    tc->prev = NULL;
    tc->next = g.caches;
    if (g.caches) g.caches->prev = tc;
    g.caches = tc;
    tc->registered = 1;
    for (unsigned c = 0; c < NCLASSES; c++) tc->limit[c] = cache_limit[c];
    unlock();
    pthread_setspecific(cache_key, tc); /* non-NULL: the destructor runs at thread exit */
}

static void tcache_flush_all_locked(tcache *tc) {
    for (unsigned c = 0; c < NCLASSES; c++) small_flush_locked(tc, c, tc->count[c]);
}

static void tcache_teardown(void *arg) {
    tcache *tc = arg;
    lock();
    tcache_flush_all_locked(tc);
    if (tc->prev) tc->prev->next = tc->next; else g.caches = tc->next;
    if (tc->next) tc->next->prev = tc->prev;
    tc->registered = 0;
    for (unsigned c = 0; c < NCLASSES; c++) tc->limit[c] = 0; /* a later free registers it again */
    unlock();
}

void sm_thread_flush(void) {
    tcache *tc = &t_cache;
    if (!tc->registered) return;
    lock();
    tcache_flush_all_locked(tc);
    unlock();
}

/* ------------------------------------------------------------------ the small path */

#define DECAY_TICKS 64

/* Called with the lock held on every slow path of class cls. */
static void note_slow_path_locked(tcache *tc, unsigned cls) {
    tc->touched |= 1u << cls;
    if (++tc->slow_ticks % DECAY_TICKS != 0) return;
    for (unsigned c = 0; c < NCLASSES; c++)
        if (!(tc->touched & (1u << c)) && tc->count[c] > 0) small_flush_locked(tc, c, tc->count[c]);
    tc->touched = 0;
}

EXERCISE_HELPER static __attribute__((noinline)) void *small_alloc_slow(unsigned cls) {
    tcache *tc = &t_cache;
    if (!tc->registered) tcache_register(tc);
    lock();
    note_slow_path_locked(tc, cls);
    unsigned got = small_refill_locked(tc, cls, batch[cls]);
    unlock();
    if (got == 0) {
        errno = ENOMEM;
        return NULL;
    }
    void *b = tc->head[cls];
    tc->head[cls] = *(void **)b;
    cache_count_set(tc, cls, tc->count[cls] - 1);
    ((uint64_t *)b)[1] = 0; /* no longer parked */
    return b;
}

/* The cache of a class went over its limit (or the thread's cache is not registered yet). */
EXERCISE_HELPER static __attribute__((noinline)) void small_cache_overflow(unsigned cls) {
    tcache *tc = &t_cache;
    if (!tc->registered) tcache_register(tc);
    if (tc->count[cls] <= tc->limit[cls]) return;
    lock();
    note_slow_path_locked(tc, cls);
    small_flush_locked(tc, cls, batch[cls]);
    unlock();
}

/* Why a small free failed: a pointer inside a block or in no block at all, or a block already free. */
static __attribute__((noinline)) int small_free_error(small_page *pg, void *ptr) {
    uintptr_t offset = (uintptr_t)ptr & (PAGE_SIZE - 1);
    unsigned slot = (unsigned)(offset >> 4);
    if (pg->block_size == 0 || offset % pg->block_size != 0 || offset / pg->block_size >= pg->bump) {
        report_error(SM_ERR_INVALID_FREE, ptr, "invalid free: the pointer is not the start of a block from sm_malloc");
        return SM_ERR_INVALID_FREE;
    }
    if (out_bit(pg, slot)) {
        report_error(SM_ERR_DOUBLE_FREE, ptr, "double free: the block is already free (parked in a thread cache)");
    } else {
        report_error(SM_ERR_DOUBLE_FREE, ptr, "double free: the block is already free (back on its page)");
    }
    return SM_ERR_DOUBLE_FREE;
}

/* ------------------------------------------------------------------ large blocks */

static size_t round_to_page(size_t n) { return (n + 4095) & ~(size_t)4095; }

/* A large block's header and the page slack after the size asked for are poisoned; the size asked for is not. */
static void poison_large(segment *s, size_t size) {
    char *user = (char *)s + LARGE_HEADER;
    SM_POISON(s, LARGE_HEADER);
    SM_UNPOISON(user, size);
    SM_POISON(user + size, s->mapped - LARGE_HEADER - size);
}

static void *large_alloc(size_t size) {
    lock();
    segment *s = map_segment(round_to_page(size + LARGE_HEADER), SEG_LARGE);
    if (s) {
        s->large_size = s->mapped - LARGE_HEADER;
        g.large_live_blocks++;
        g.large_live_bytes += s->mapped;
    }
    unlock();
    if (s == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    poison_large(s, size);
    return (char *)s + LARGE_HEADER;
}

static int large_free_locked(segment *s, void *ptr) {
    if ((char *)ptr != (char *)s + LARGE_HEADER) return SM_ERR_INVALID_FREE;
    g.large_live_blocks--;
    g.large_live_bytes -= s->mapped;
    g.recent_large[g.recent_large_next++ % 64] = (uintptr_t)ptr;
    unmap_segment(s);
    return SM_OK;
}

/* Grows or shrinks a large block by remapping its pages: no copy, and the result stays aligned. */
EXERCISE_HELPER static void *large_resize_locked(segment *s, size_t size) {
    size_t old_mapped = s->mapped, new_mapped = round_to_page(size + LARGE_HEADER);
    if (new_mapped == old_mapped) {
        poison_large(s, size);
        return (char *)s + LARGE_HEADER;
    }
    SM_UNPOISON(s, old_mapped); /* the pages may move: no poisoning is left behind at the old address */
    void *moved = mremap(s, old_mapped, new_mapped, 0); /* in place if the space after is free */
    if (moved == MAP_FAILED) {
        /* Reserve an aligned range, then move the pages there (MREMAP_FIXED replaces the reservation). */
        size_t span = new_mapped + SEG_SIZE;
        char *res = mmap(NULL, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (res == MAP_FAILED) {
            poison_large(s, s->large_size); /* unchanged: the caller keeps the old block */
            return NULL;
        }
        uintptr_t target = ((uintptr_t)res + SEG_MASK) & ~(uintptr_t)SEG_MASK;
        moved = mremap(s, old_mapped, new_mapped, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)target);
        if (moved == MAP_FAILED) {
            munmap(res, span);
            poison_large(s, s->large_size);
            return NULL;
        }
        if (target > (uintptr_t)res) munmap(res, target - (uintptr_t)res);
        uintptr_t end = target + new_mapped, res_end = (uintptr_t)res + span;
        if (res_end > end) munmap((void *)end, res_end - end);
        segment *n = moved;
        /* Relink the list entry: the header moved with the pages. */
        if (n->prev) n->prev->next = n; else g.large_segs = n;
        if (n->next) n->next->prev = n;
        segmap_set((uintptr_t)s, 0);
        segmap_set((uintptr_t)n, 1);
        n->magic = SEG_MAGIC ^ (uint64_t)(uintptr_t)n;
        s = n;
    }
    g.large_live_bytes += new_mapped - old_mapped;
    account_mapped((int64_t)new_mapped - (int64_t)old_mapped);
    s->mapped = new_mapped;
    s->large_size = new_mapped - LARGE_HEADER;
    poison_large(s, size);
    return (char *)s + LARGE_HEADER;
}

/* ------------------------------------------------------------------ public API */

static __attribute__((noinline)) void *big_alloc(size_t size) {
    if (size > MAX_REQUEST) {
        errno = ENOMEM;
        return NULL;
    }
    if (size > MEDIUM_MAX) return large_alloc(size);
    lock();
    void *p = medium_alloc_locked(size);
    unlock();
    if (p == NULL) errno = ENOMEM;
    else SM_UNPOISON(p, size);
    return p;
}

/* A block of class cls from this thread's cache, refilled from the pages when empty; NULL when out of memory. */
static inline void *cache_pop(unsigned cls) {
    /* EXERCISE 4.5-2a: pop a block from this thread's cache for the size class (no lock), falling back to a refill (tests: AllocatorComponentTests.Thread_cache, AllocatorInteropTests.NativeBuffers*) */
    tcache *tc = &t_cache;
    void *b = tc->head[cls];
    if (LIKELY(b != NULL)) {
        tc->head[cls] = *(void **)b;
        cache_count_set(tc, cls, tc->count[cls] - 1);
        ((uint64_t *)b)[1] = 0; /* no longer parked: a free of it is legitimate again */
        return b;
    }
    return small_alloc_slow(cls);
    /* END EXERCISE */
}

void *sm_malloc(size_t size) {
    if (LIKELY(size <= SMALL_MAX)) {
        void *b = cache_pop(class_of[(size + 15) >> 4]);
        if (b != NULL) SM_UNPOISON(b, size);
        return b;
    }
    return big_alloc(size);
}

/* What a pointer that is not in any of our segments most likely was. */
static int foreign_pointer(void *ptr) {
    int recent = 0;
    lock();
    for (int i = 0; i < 64; i++) recent |= g.recent_large[i] == (uintptr_t)ptr;
    unlock();
    if (recent) {
        report_error(SM_ERR_DOUBLE_FREE, ptr, "double free: the large block was already freed and unmapped");
        return SM_ERR_DOUBLE_FREE;
    }
    report_error(SM_ERR_INVALID_FREE, ptr, "invalid free: the pointer was not allocated by sm_malloc");
    return SM_ERR_INVALID_FREE;
}

/* Everything but a valid small block: NULL, errors, medium and large blocks. */
static __attribute__((noinline)) int free_slow(void *ptr) {
    if (ptr == NULL) return SM_OK;
    if (((uintptr_t)ptr & 15) != 0) {
        report_error(SM_ERR_INVALID_FREE, ptr, "invalid free: the pointer is not 16-byte aligned, so no block starts there");
        return SM_ERR_INVALID_FREE;
    }
    segment *s = segment_of(ptr);
    if (s == NULL) return foreign_pointer(ptr);
    if (s->kind == SEG_SMALL) return small_free_error(small_page_of(ptr), ptr); /* the fast path refused it */
    const char *why = NULL;
    int status;
    lock();
    if (s->kind == SEG_MEDIUM) {
        status = medium_free_locked(ptr, &why);
    } else {
        status = large_free_locked(s, ptr);
        if (status != SM_OK) why = "invalid free: the pointer points inside a large block";
    }
    unlock();
    if (status != SM_OK) report_error(status, ptr, why);
    return status;
}

/* Parks the freed small block ptr (class cls, 16-byte slot `slot` of page pg) in this thread's cache.
 * 1 if parked; 0 if refused — not out of its page, or parked already — and free_slow then says why. */
static inline int cache_park(small_page *pg, unsigned slot, void *ptr, unsigned cls) {
    /* EXERCISE 4.5-2a: accept the block only if it is out of its page and not already parked, then park it in this thread's cache (tests: AllocatorComponentTests.Thread_cache) (returns 0) */
    if (LIKELY(out_bit(pg, slot) && !is_parked(ptr))) {
        tcache *tc = &t_cache;
        *(void **)ptr = tc->head[cls];
        ((uint64_t *)ptr)[1] = parked_key(ptr);
        tc->head[cls] = ptr;
        cache_count_set(tc, cls, tc->count[cls] + 1);
        if (UNLIKELY(tc->count[cls] > tc->limit[cls])) small_cache_overflow(cls);
        return 1;
    }
    return 0;
    /* END EXERCISE */
}

/* The whole free: the small-block fast path inline, everything else in free_slow. */
static inline int free_impl(void *ptr) {
    uintptr_t a = (uintptr_t)ptr;
    segment *s = (segment *)(a & ~(uintptr_t)SEG_MASK);
    if (LIKELY((a & 15) == 0 && segmap_test((uintptr_t)s) && s->kind == SEG_SMALL)) {
        small_page *pg = small_page_of(ptr);
        unsigned slot = (unsigned)((a & (PAGE_SIZE - 1)) >> 4);
        unsigned cls = ((small_segment *)s)->page_class[(a >> PAGE_SHIFT) & (PAGES_PER_SEG - 1)];
#ifdef SM_ALLOC_POISON
        /* Poisoned while this thread still owns it: once parked, a flush could hand it to another thread. */
        if (out_bit(pg, slot) && !is_parked(ptr)) SM_POISON(ptr, sm_class_size[cls]);
#endif
        if (LIKELY(cache_park(pg, slot, ptr, cls))) return SM_OK;
    }
    return free_slow(ptr);
}

void sm_free(void *ptr) { (void)free_impl(ptr); }

int sm_free_checked(void *ptr) { return free_impl(ptr); }

void *sm_calloc(size_t count, size_t size) {
    if (size != 0 && count > MAX_REQUEST / size) {
        errno = ENOMEM;
        return NULL;
    }
    size_t total = count * size;
    void *p = sm_malloc(total);
    if (p == NULL) return NULL;
    /* Large blocks come straight from mmap, already zero; recycled small and medium ones do not. */
    if (total <= MEDIUM_MAX) memset(p, 0, total);
    return p;
}

/* The usable size of a live block. Under poisoning, asking for it makes all of it addressable: a caller may use
 * every byte sm_usable_size reports (the slack beyond the size asked for is otherwise poisoned). */
static inline size_t usable(const void *ptr, size_t n) {
    SM_UNPOISON(ptr, n);
    return n;
}

size_t sm_usable_size(const void *ptr) {
    if (ptr == NULL || ((uintptr_t)ptr & 15) != 0) return 0;
    segment *s = segment_of(ptr);
    if (s == NULL) return 0;
    if (s->kind == SEG_SMALL) {
        small_page *pg = small_page_of(ptr);
        unsigned slot = (unsigned)(((uintptr_t)ptr & (PAGE_SIZE - 1)) >> 4);
        uintptr_t offset = (uintptr_t)ptr & (PAGE_SIZE - 1);
        int live = pg->block_size != 0 && offset % pg->block_size == 0 && out_bit(pg, slot) && !is_parked(ptr);
        return live ? usable(ptr, pg->block_size) : 0;
    }
    if (s->kind == SEG_LARGE) return (const char *)ptr == (const char *)s + LARGE_HEADER ? usable(ptr, s->large_size) : 0;
    lock();
    size_t n = medium_usable(ptr);
    unlock();
    return usable(ptr, n);
}

/* Moves a block to a new one of `size` bytes; `old` bytes are valid at ptr. */
static void *realloc_by_moving(void *ptr, size_t old, size_t size) {
    void *fresh = sm_malloc(size);
    if (fresh == NULL) return NULL; /* the old block is untouched */
    SM_UNPOISON(ptr, old); /* the copy reads the old block's slack too (memcpy is checked by ASan) */
    memcpy(fresh, ptr, old < size ? old : size);
    sm_free(ptr);
    return fresh;
}

/* Resizes the live small or large block ptr (usable size old, segment s) without moving its contents: a small
 * block stays when the new size still fits its class without wasting more than half of it; a large block has
 * its pages remapped. Returns the block, or NULL when it must move instead. */
static void *resize_in_place(segment *s, void *ptr, size_t old, size_t size) {
    /* EXERCISE 4.5-2d: resize in place when the block allows it: the same size class, or mremap for a large block (tests: AllocatorComponentTests.Realloc_in_place) */
    if (s->kind == SEG_SMALL && size <= old && size > old / 2) return ptr; /* still the right class, or close enough */
    if (s->kind == SEG_LARGE && size > MEDIUM_MAX) {
        lock();
        void *p = large_resize_locked(s, size);
        unlock();
        return p;
    }
    return NULL;
    /* END EXERCISE */
}

void *sm_realloc(void *ptr, size_t size) {
    if (ptr == NULL) return sm_malloc(size);
    if (size == 0) {
        sm_free(ptr);
        return NULL;
    }
    if (size > MAX_REQUEST) {
        errno = ENOMEM;
        return NULL;
    }
    segment *s = ((uintptr_t)ptr & 15) == 0 ? segment_of(ptr) : NULL;
    if (s != NULL && s->kind == SEG_MEDIUM) {
        /* One locked section checks the block and resizes it in place if it can. */
        lock();
        size_t old = medium_usable(ptr);
        void *p = NULL;
        if (old != 0 && size > SMALL_MAX && size <= MEDIUM_MAX) p = medium_resize_in_place_locked(ptr, size);
        unlock();
        if (p) return p;
        if (old != 0) return realloc_by_moving(ptr, old, size);
    } else {
        size_t old = sm_usable_size(ptr);
        if (old != 0) {
            uint32_t kind = s->kind; /* read now: a large block's segment header may move with its pages */
            void *p = resize_in_place(s, ptr, old, size);
            if (p == NULL) return realloc_by_moving(ptr, old, size);
            if (kind == SEG_SMALL) { /* the same block: only the bytes asked for are addressable */
                SM_POISON(p, old);
                SM_UNPOISON(p, size);
            }
            return p;
        }
    }
    /* Not a live block: report it exactly as free would, and leave the pointer alone. */
    (void)sm_free_checked(ptr);
    return NULL;
}

void sm_get_stats(sm_stats *out) {
    if (out == NULL) return;
    memset(out, 0, sizeof *out);
    lock();
    uint64_t small_blocks = 0, small_bytes = 0;
    for (segment *s = g.small_segs; s; s = s->next) {
        small_segment *ss = (small_segment *)s;
        for (unsigned p = 1; p < PAGES_PER_SEG; p++) {
            if (ss->pages[p].block_size == 0) continue;
            uint64_t n = 0;
            for (unsigned w = 0; w < LIVE_WORDS; w++) n += (uint64_t)__builtin_popcountll(__atomic_load_n(&ss->pages[p].out[w], __ATOMIC_RELAXED));
            small_blocks += n; /* out of the page: live or parked, the parked ones are taken off below */
            small_bytes += n * ss->pages[p].block_size;
        }
    }
    for (tcache *tc = g.caches; tc; tc = tc->next) {
        for (unsigned c = 0; c < NCLASSES; c++) {
            uint32_t n = __atomic_load_n(&tc->count[c], __ATOMIC_RELAXED);
            out->cached_blocks += n;
            small_blocks -= n;
            small_bytes -= (uint64_t)n * sm_class_size[c];
        }
    }
    out->mapped_bytes = g.mapped;
    out->peak_mapped_bytes = g.peak_mapped;
    out->resident_estimate = g.mapped - g.trimmed;
    out->small_live_blocks = small_blocks;
    out->medium_live_blocks = g.medium_live_blocks;
    out->large_live_blocks = g.large_live_blocks;
    out->live_blocks = small_blocks + g.medium_live_blocks + g.large_live_blocks;
    out->live_bytes = small_bytes + g.medium_live_bytes + g.large_live_bytes;
    out->segments = g.segments;
    out->medium_free_bytes = g.medium_free_bytes;
    out->medium_free_blocks = g.medium_free_blocks;
    uint64_t largest = 0;
    for (int b = 0; b < M_NBINS; b++)
        for (mblock *m = g.bins[b]; m; m = m->next_free)
            if (msize(m) > largest) largest = msize(m);
    out->largest_medium_free = largest;
    unlock();
}

uint64_t sm_trim(void) {
    uint64_t released = 0;
    lock();
    segment *next;
    for (segment *s = g.small_segs; s; s = next) {
        next = s->next;
        uint64_t fresh = s->free_pages & ~s->trimmed_pages;
        g.idle_pages -= (uint64_t)__builtin_popcountll(fresh);
        if (s->free_page_count == PAGES_PER_SEG - 1) { /* nothing in it: give the whole segment back */
            released += s->mapped - (uint64_t)__builtin_popcountll(s->trimmed_pages) * PAGE_SIZE;
            unmap_segment(s);
            continue;
        }
        for (uint64_t bits = fresh; bits; bits &= bits - 1) {
            unsigned idx = (unsigned)__builtin_ctzll(bits);
            madvise((char *)s + (size_t)idx * PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED);
        }
        s->trimmed_pages |= fresh;
        g.trimmed += (uint64_t)__builtin_popcountll(fresh) * PAGE_SIZE;
        released += (uint64_t)__builtin_popcountll(fresh) * PAGE_SIZE;
    }
    released += medium_trim_locked();
    unlock();
    return released;
}
