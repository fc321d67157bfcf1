/* The medium heap: boundary tags with immediate coalescing.
 *
 * A medium segment's arena (after its 64 KiB header page) is tiled by blocks. Each block starts
 * with a 16-byte header: its size with two flags (ALLOC: in use; PREV_ALLOC: the block before it
 * is in use) and a tag (a checksum of address and size, to notice an overwritten header). A free
 * block also keeps free-list links in its payload and its size in its last 8 bytes (the footer),
 * so the block after it can find its start. A zero-size allocated "epilogue" header ends the arena.
 *
 * Freeing looks at both neighbours in O(1) — the next block by adding the size, the previous one
 * through its footer when PREV_ALLOC is clear — and merges them: two free blocks are never adjacent.
 * Free blocks sit on segregated lists, four per power of two (as in TLSF). Allocation takes the
 * best fit among a few blocks of the request's own list, else the first block of the next non-empty
 * list (any of which fits), and splits off the rest if it can stand as a block. */
#define _GNU_SOURCE
#include "alloc_internal.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define ARENA_SIZE (SEG_SIZE - M_ARENA_OFFSET - M_HEADER)

static inline mblock *mnext(const mblock *b) { return (mblock *)((char *)b + msize(b)); }
static inline mblock *arena_start(medium_segment *ms) { return (mblock *)((char *)ms + M_ARENA_OFFSET); }
static inline size_t *footer_of(mblock *b) { return (size_t *)((char *)b + msize(b) - sizeof(size_t)); }

/* List index: the power of two of the size, then which quarter of that power it falls in. */
static inline int bin_of(size_t size) {
    int k = 63 - __builtin_clzll((unsigned long long)size);
    int quarter = (int)((size >> (k - 2)) & 3);
    int b = k * 4 + quarter;
    return b < M_NBINS ? b : M_NBINS - 1;
}

static void bin_insert(mblock *b) {
    int k = bin_of(msize(b));
    b->prev_free = NULL;
    b->next_free = g.bins[k];
    if (g.bins[k]) g.bins[k]->prev_free = b;
    g.bins[k] = b;
    g.medium_free_bytes += msize(b);
    g.medium_free_blocks++;
}

static void bin_remove(mblock *b) {
    int k = bin_of(msize(b));
    if (b->prev_free) b->prev_free->next_free = b->next_free;
    else g.bins[k] = b->next_free;
    if (b->next_free) b->next_free->prev_free = b->prev_free;
    g.medium_free_bytes -= msize(b);
    g.medium_free_blocks--;
}

/* Writes a free block's header, tag and footer (flags: only PREV_ALLOC may be set). */
static void make_free(mblock *b, size_t size, size_t prev_alloc) {
    b->size_flags = size | prev_alloc;
    b->tag = mtag(b, size);
    *footer_of(b) = size;
}

static inline uint64_t *starts_word(const void *payload, uint64_t *bit) {
    medium_segment *ms = (medium_segment *)((uintptr_t)payload & ~(uintptr_t)SEG_MASK);
    uint64_t slot = ((uintptr_t)payload & SEG_MASK) >> 4;
    *bit = (uint64_t)1 << (slot & 63);
    return &ms->starts[slot >> 6];
}

static medium_segment *medium_segment_new(void) {
    medium_segment *ms = (medium_segment *)map_segment(SEG_SIZE, SEG_MEDIUM);
    if (ms == NULL) return NULL;
    mblock *first = arena_start(ms);
    make_free(first, ARENA_SIZE, M_PREV_ALLOC); /* nothing before the first block */
    mblock *epilogue = mnext(first);
    epilogue->size_flags = M_ALLOC; /* size 0, in use, previous (first) free */
    epilogue->tag = mtag(epilogue, 0);
    SM_POISON(first, SEG_SIZE - M_ARENA_OFFSET); /* the whole arena, headers included, until blocks are handed out */
    bin_insert(first);
    g.medium_empty_segments++;
    return ms;
}

static mblock *find_fit(size_t need) {
    int k = bin_of(need);
    /* The request's own list mixes smaller and larger blocks: best fit among its first few. */
    mblock *best = NULL;
    int looked = 0;
    for (mblock *b = g.bins[k]; b && looked < 16; b = b->next_free, looked++)
        if (msize(b) >= need && (best == NULL || msize(b) < msize(best))) best = b;
    if (best) return best;
    for (k++; k < M_NBINS; k++)
        if (g.bins[k]) return g.bins[k]; /* every block of a higher list is big enough */
    return NULL;
}

/* Block sizes are rounded to sixteen steps per power of two (at most 6.25% slack): standard sizes
 * fit each other's holes, and a buffer grown by realloc in small steps moves only once per step. */
static size_t block_size_for(size_t request) {
    size_t need = request + M_HEADER;
    if (need < M_MIN) return M_MIN;
    int k = 63 - __builtin_clzll((unsigned long long)need);
    size_t step = k > 8 ? (size_t)1 << (k - 4) : 16;
    return (need + step - 1) & ~(step - 1);
}

void *medium_alloc_locked(size_t size) {
    size_t need = block_size_for(size);
    mblock *b = find_fit(need);
    if (b == NULL) {
        if (medium_segment_new() == NULL) return NULL;
        b = find_fit(need);
        if (b == NULL) return NULL;
    }
    bin_remove(b);
    if (msize(b) == ARENA_SIZE) g.medium_empty_segments--; /* a whole empty arena is in use again */
    size_t total = msize(b);
    /* EXERCISE 4.5-2c: split the free block when the rest can stand alone as a free block; else hand out all of it (tests: AllocatorComponentTests.Medium_heap, AllocatorInteropTests.Resize*) */
    size_t prev_alloc = b->size_flags & M_PREV_ALLOC;
    if (total - need >= M_MIN) {
        mblock *rest = (mblock *)((char *)b + need);
        make_free(rest, total - need, M_PREV_ALLOC); /* its previous block (b) is now in use */
        bin_insert(rest);
        total = need;
    } else {
        mnext(b)->size_flags |= M_PREV_ALLOC;
    }
    b->size_flags = total | M_ALLOC | prev_alloc;
    b->tag = mtag(b, total);
    /* END EXERCISE */
    void *payload = (char *)b + M_HEADER;
    uint64_t bit;
    *starts_word(payload, &bit) |= bit;
    g.medium_live_blocks++;
    g.medium_live_bytes += total;
    return payload;
}

/* 1 if payload is the start of a live medium block (its start bit is set and its header intact). */
static int validate(void *payload, const char **why, int *status) {
    uintptr_t off = (uintptr_t)payload & SEG_MASK;
    if (off < M_ARENA_OFFSET + M_HEADER || off >= SEG_SIZE - M_HEADER) {
        *status = SM_ERR_INVALID_FREE;
        *why = "invalid free: the pointer is in a medium segment's header, not in a block";
        return 0;
    }
    mblock *b = (mblock *)((char *)payload - M_HEADER);
    uint64_t bit;
    if (!(*starts_word(payload, &bit) & bit)) {
        /* Not a live block. A well-formed free header here means this block was freed before. */
        if (b->tag == mtag(b, msize(b)) && !(b->size_flags & M_ALLOC)) {
            *status = SM_ERR_DOUBLE_FREE;
            *why = "double free: the medium block is already free";
        } else {
            *status = SM_ERR_INVALID_FREE;
            *why = "invalid free: the pointer is not the start of a medium block";
        }
        return 0;
    }
    if (b->tag != mtag(b, msize(b)) || !(b->size_flags & M_ALLOC)) {
        *status = SM_ERR_CORRUPTION;
        *why = "heap corruption: a medium block header was overwritten (buffer overflow?)";
        return 0;
    }
    return 1;
}

int medium_free_locked(void *payload, const char **why) {
    int status = SM_OK;
    if (!validate(payload, why, &status)) return status;
    mblock *b = (mblock *)((char *)payload - M_HEADER);
    mblock *next = mnext(b);
    mblock *prev = NULL;
    if (!(b->size_flags & M_PREV_ALLOC)) prev = (mblock *)((char *)b - *(size_t *)((char *)b - sizeof(size_t)));
    /* Check the neighbours before changing anything, so a corrupt heap is reported, not made worse. */
    if (next->tag != mtag(next, msize(next)) || (prev && (prev->tag != mtag(prev, msize(prev)) || (prev->size_flags & M_ALLOC)))) {
        *why = "heap corruption: a neighbouring medium block header was overwritten (buffer overflow?)";
        return SM_ERR_CORRUPTION;
    }
    uint64_t bit;
    *starts_word(payload, &bit) &= ~bit;
    size_t size = msize(b);
    SM_POISON(payload, size - M_HEADER);
    g.medium_live_blocks--;
    g.medium_live_bytes -= size;
    /* EXERCISE 4.5-2c: coalesce with a free next block and a free previous block, found through its footer (tests: AllocatorComponentTests.Medium_heap) (returns SM_ERR_CORRUPTION) */
    if (!(next->size_flags & M_ALLOC)) {
        bin_remove(next);
        size += msize(next);
    }
    if (prev) {
        bin_remove(prev);
        size += msize(prev);
        b = prev;
    }
    make_free(b, size, M_PREV_ALLOC); /* the block before a free block is always in use */
    mnext(b)->size_flags &= ~M_PREV_ALLOC;
    /* END EXERCISE */
    medium_segment *ms = (medium_segment *)((uintptr_t)b & ~(uintptr_t)SEG_MASK);
    if (size == ARENA_SIZE) {
        /* The arena is empty. Keep up to two empty arenas mapped: a working set that swings across a
         * segment boundary would otherwise map, fault in and unmap 4 MiB on every swing (glibc's trim
         * threshold is there for the same reason). A third goes back to the OS; sm_trim releases all. */
        if (g.medium_empty_segments >= 2) {
            unmap_segment(&ms->s);
            return SM_OK;
        }
        g.medium_empty_segments++;
    }
    bin_insert(b);
    return SM_OK;
}

/* Turns the tail of b beyond `keep` bytes into a free block, merged with a free successor. */
static void release_tail(mblock *b, size_t keep) {
    size_t total = msize(b);
    mblock *rest = (mblock *)((char *)b + keep);
    mblock *after = (mblock *)((char *)b + total);
    size_t rest_size = total - keep;
    if (!(after->size_flags & M_ALLOC)) {
        bin_remove(after);
        rest_size += msize(after);
    }
    b->size_flags = keep | (b->size_flags & M_FLAGS);
    b->tag = mtag(b, keep);
    make_free(rest, rest_size, M_PREV_ALLOC);
    mnext(rest)->size_flags &= ~M_PREV_ALLOC;
    bin_insert(rest);
}

/* After an in-place resize from a block of `before` bytes: only the `size` bytes asked for are addressable. */
static void *repoison(void *payload, size_t before, size_t after, size_t size) {
    SM_POISON(payload, (before > after ? before : after) - M_HEADER);
    SM_UNPOISON(payload, size);
    return payload;
}

void *medium_resize_in_place_locked(void *payload, size_t size) {
    mblock *b = (mblock *)((char *)payload - M_HEADER);
    size_t need = block_size_for(size), cur = msize(b);
    if (need <= cur) {
        if (cur - need >= M_MIN) {
            release_tail(b, need);
            g.medium_live_bytes -= cur - need;
        }
        return repoison(payload, cur, msize(b), size);
    }
    mblock *next = mnext(b);
    if ((next->size_flags & M_ALLOC) || cur + msize(next) < need) return NULL;
    /* Grow into the free block that follows. */
    bin_remove(next);
    size_t total = cur + msize(next);
    b->size_flags = total | (b->size_flags & M_FLAGS);
    b->tag = mtag(b, total);
    mnext(b)->size_flags |= M_PREV_ALLOC;
    if (total - need >= M_MIN) release_tail(b, need);
    g.medium_live_bytes += msize(b) - cur;
    return repoison(payload, cur, msize(b), size);
}

size_t medium_usable(const void *payload) {
    const char *why;
    int status;
    if (!validate((void *)payload, &why, &status)) return 0;
    return msize((const mblock *)((const char *)payload - M_HEADER)) - M_HEADER;
}

uint64_t medium_trim_locked(void) {
    uint64_t released = 0;
    segment *next;
    for (segment *s = g.medium_segs; s; s = next) {
        next = s->next;
        mblock *first = arena_start((medium_segment *)s);
        if (!(first->size_flags & M_ALLOC) && msize(first) == ARENA_SIZE) {
            bin_remove(first);
            g.medium_empty_segments--;
            released += s->mapped;
            unmap_segment(s);
        }
    }
    /* Inside big free blocks, pages between the links and the footer can go back to the OS. */
    for (int k = 0; k < M_NBINS; k++) {
        for (mblock *b = g.bins[k]; b; b = b->next_free) {
            uintptr_t lo = ((uintptr_t)b + sizeof(mblock) + 4095) & ~(uintptr_t)4095;
            uintptr_t hi = ((uintptr_t)b + msize(b) - sizeof(size_t)) & ~(uintptr_t)4095;
            if (hi > lo) {
                madvise((void *)lo, hi - lo, MADV_DONTNEED);
                released += hi - lo;
            }
        }
    }
    return released;
}

#define FAIL(...)                                                        \
    do {                                                                 \
        snprintf(r->message, sizeof r->message, __VA_ARGS__);            \
        r->status = SM_ERR_CORRUPTION;                                   \
        return SM_ERR_CORRUPTION;                                        \
    } while (0)

int check_medium_locked(sm_check_report *r, uint64_t *live_blocks) {
    uint64_t free_in_arenas = 0, free_bytes = 0, live = 0, live_bytes = 0, empty_arenas = 0;
    for (segment *s = g.medium_segs; s; s = s->next) {
        medium_segment *ms = (medium_segment *)s;
        if (!(arena_start(ms)->size_flags & M_ALLOC) && msize(arena_start(ms)) == ARENA_SIZE) empty_arenas++;
        char *end = (char *)ms + M_ARENA_OFFSET + ARENA_SIZE;
        int prev_free = 0;
        size_t prev_alloc_expected = M_PREV_ALLOC;
        for (mblock *b = arena_start(ms); (char *)b < end; b = mnext(b)) {
            size_t size = msize(b);
            if (b->tag != mtag(b, size)) FAIL("medium block %p: header tag does not match (overwritten header)", (void *)b);
            if (size < M_MIN || (size & 15) || (char *)b + size > end)
                FAIL("medium block %p: size %zu is not a valid block size inside the arena", (void *)b, size);
            if ((b->size_flags & M_PREV_ALLOC) != prev_alloc_expected)
                FAIL("medium block %p: PREV_ALLOC flag disagrees with the previous block", (void *)b);
            uint64_t bit;
            int started = (*starts_word((char *)b + M_HEADER, &bit) & bit) != 0;
            if (b->size_flags & M_ALLOC) {
                if (!started) FAIL("medium block %p: in use but not registered as a block start", (void *)b);
                live++;
                live_bytes += size;
                prev_free = 0;
                prev_alloc_expected = M_PREV_ALLOC;
            } else {
                if (started) FAIL("medium block %p: free but registered as a live block start", (void *)b);
                if (prev_free) FAIL("medium block %p: two adjacent free blocks (not coalesced)", (void *)b);
                if (*footer_of(b) != size) FAIL("medium block %p: footer %zu does not match size %zu", (void *)b, *footer_of(b), size);
                free_in_arenas++;
                free_bytes += size;
                prev_free = 1;
                prev_alloc_expected = 0;
            }
            r->blocks_checked++;
        }
        mblock *epilogue = (mblock *)end;
        if (epilogue->size_flags != (M_ALLOC | prev_alloc_expected) || epilogue->tag != mtag(epilogue, 0))
            FAIL("medium segment %p: blocks do not end exactly at the epilogue", (void *)ms);
    }
    uint64_t listed = 0;
    for (int k = 0; k < M_NBINS; k++) {
        mblock *prev = NULL;
        for (mblock *b = g.bins[k]; b; prev = b, b = b->next_free) {
            segment *s = segment_of(b);
            if (s == NULL || s->kind != SEG_MEDIUM) FAIL("free list %d: entry %p is not in a medium segment", k, (void *)b);
            if (b->size_flags & M_ALLOC) FAIL("free list %d: entry %p is marked in use", k, (void *)b);
            if (bin_of(msize(b)) != k) FAIL("free list %d: entry %p of size %zu belongs to list %d", k, (void *)b, msize(b), bin_of(msize(b)));
            if (b->prev_free != prev) FAIL("free list %d: back link of %p is broken", k, (void *)b);
            if (++listed > free_in_arenas) FAIL("free lists hold more entries than there are free blocks (a cycle or a stale entry)");
        }
    }
    if (listed != free_in_arenas) FAIL("free lists hold %llu blocks, the arenas %llu", (unsigned long long)listed, (unsigned long long)free_in_arenas);
    if (free_bytes != g.medium_free_bytes || free_in_arenas != g.medium_free_blocks)
        FAIL("medium free accounting: %llu bytes in %llu blocks counted, %llu in %llu found", (unsigned long long)g.medium_free_bytes,
             (unsigned long long)g.medium_free_blocks, (unsigned long long)free_bytes, (unsigned long long)free_in_arenas);
    if (empty_arenas != g.medium_empty_segments)
        FAIL("medium segments: %llu empty arenas counted, %llu found", (unsigned long long)g.medium_empty_segments, (unsigned long long)empty_arenas);
    if (live != g.medium_live_blocks || live_bytes != g.medium_live_bytes)
        FAIL("medium live accounting: %llu blocks counted, %llu found", (unsigned long long)g.medium_live_blocks, (unsigned long long)live);
    r->free_blocks_checked += free_in_arenas;
    *live_blocks += live;
    return SM_OK;
}
