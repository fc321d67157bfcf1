/* The heap checker: walks every segment and verifies the allocator's invariants (see sm_heap_check). */
#define _GNU_SOURCE
#include "alloc_internal.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define FAIL(...)                                                        \
    do {                                                                 \
        snprintf(r->message, sizeof r->message, __VA_ARGS__);            \
        r->status = SM_ERR_CORRUPTION;                                   \
        goto done;                                                       \
    } while (0)

/* Scratch state per small page, kept outside the heap so checking never disturbs it. */
typedef struct page_scratch {
    uint64_t seen[LIVE_WORDS]; /* blocks met on a free list or in a thread cache */
    uint32_t cached;           /* of which in thread caches */
    uint32_t on_partial;
} page_scratch;

static int live_bit(const small_page *pg, unsigned slot) { return out_bit(pg, slot); }

int sm_heap_check(sm_check_report *report) {
    sm_check_report local;
    sm_check_report *r = report ? report : &local;
    memset(r, 0, sizeof *r);
    lock();
    size_t nsegs = 0;
    for (segment *s = g.small_segs; s; s = s->next) nsegs++;
    size_t scratch_bytes = (nsegs ? nsegs : 1) * PAGES_PER_SEG * sizeof(page_scratch);
    page_scratch *scratch = mmap(NULL, scratch_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint64_t live_medium = 0, live_large = 0;
    small_segment **index = NULL;
    if (scratch == MAP_FAILED) {
        scratch = NULL;
        FAIL("heap check: no memory for its scratch space");
    }
    index = (small_segment **)mmap(NULL, (nsegs ? nsegs : 1) * sizeof *index, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (index == MAP_FAILED) {
        index = NULL;
        FAIL("heap check: no memory for its scratch space");
    }

    /* 1. Small segments: headers, page bookkeeping, live bits and the pages' own free lists. */
    size_t si = 0;
    for (segment *s = g.small_segs; s; s = s->next, si++) {
        small_segment *ss = (small_segment *)s;
        index[si] = ss;
        if (s->magic != (SEG_MAGIC ^ (uint64_t)(uintptr_t)s) || s->kind != SEG_SMALL || !segmap_test((uintptr_t)s))
            FAIL("small segment %p: bad header or not registered", (void *)s);
        if (s->free_pages & 1) FAIL("small segment %p: the header page is marked free", (void *)s);
        if ((unsigned)__builtin_popcountll(s->free_pages) != s->free_page_count)
            FAIL("small segment %p: free page count %u, bitmap says %d", (void *)s, s->free_page_count, __builtin_popcountll(s->free_pages));
        for (unsigned p = 1; p < PAGES_PER_SEG; p++) {
            small_page *pg = &ss->pages[p];
            page_scratch *sc = &scratch[si * PAGES_PER_SEG + p];
            int unused = (int)((s->free_pages >> p) & 1);
            uintptr_t start = (uintptr_t)ss + (uintptr_t)p * PAGE_SIZE;
            if (unused) {
                if (pg->block_size != 0) FAIL("small page %p: marked unused but has block size %u", (void *)start, pg->block_size);
                for (unsigned w = 0; w < LIVE_WORDS; w++)
                    if (pg->out[w]) FAIL("small page %p: unused but has blocks out", (void *)start);
                continue;
            }
            if (pg->cls >= NCLASSES || ss->page_class[p] != pg->cls || pg->block_size != sm_class_size[pg->cls] || pg->capacity != PAGE_SIZE / pg->block_size || pg->bump > pg->capacity)
                FAIL("small page %p: inconsistent class %u / block size %u / capacity %u / bump %u", (void *)start, pg->cls, pg->block_size, pg->capacity, pg->bump);
            uint64_t live = 0;
            for (unsigned slot = 0; slot < PAGE_SIZE / 16; slot++) {
                if (!live_bit(pg, slot)) continue;
                uintptr_t off = (uintptr_t)slot * 16;
                if (off % pg->block_size != 0 || off / pg->block_size >= pg->bump)
                    FAIL("small page %p: out bit at offset %lu is not the start of a handed-out block", (void *)start, (unsigned long)off);
                live++;
            }
            uint32_t on_list = 0;
            for (void *b = pg->free; b; b = *(void **)b) {
                uintptr_t a = (uintptr_t)b;
                if (a < start || a >= start + PAGE_SIZE || (a - start) % pg->block_size != 0 || (a - start) / pg->block_size >= pg->bump)
                    FAIL("small page %p: free-list entry %p is not a handed-out block of this page", (void *)start, b);
                unsigned slot = (unsigned)((a - start) >> 4);
                if (live_bit(pg, slot)) FAIL("small page %p: block %p is on the free list but marked out of the page", (void *)start, b);
                if (sc->seen[slot >> 6] >> (slot & 63) & 1) FAIL("small page %p: block %p is on the free list twice (cycle)", (void *)start, b);
                sc->seen[slot >> 6] |= (uint64_t)1 << (slot & 63);
                on_list++;
                r->free_blocks_checked++;
            }
            if (on_list != pg->free_count) FAIL("small page %p: free count %u, free list holds %u", (void *)start, pg->free_count, on_list);
            r->blocks_checked += live;
        }
    }

    /* 2. Thread caches: every parked block is a free block of a page of the right class, met once. */
    for (tcache *tc = g.caches; tc; tc = tc->next) {
        for (unsigned c = 0; c < NCLASSES; c++) {
            uint32_t n = 0;
            for (void *b = tc->head[c]; b; b = *(void **)b) {
                if (++n > tc->count[c]) FAIL("thread cache %p, class %u: more blocks than its count %u (cycle?)", (void *)tc, c, tc->count[c]);
                segment *s = segment_of(b);
                if (s == NULL || s->kind != SEG_SMALL) FAIL("thread cache %p: block %p is not in a small segment", (void *)tc, b);
                size_t k = 0;
                while (k < nsegs && index[k] != (small_segment *)s) k++;
                if (k == nsegs) FAIL("thread cache %p: block %p is in a segment missing from the list", (void *)tc, b);
                unsigned p = (unsigned)(((uintptr_t)b >> PAGE_SHIFT) & (PAGES_PER_SEG - 1));
                small_page *pg = &index[k]->pages[p];
                uintptr_t off = (uintptr_t)b & (PAGE_SIZE - 1);
                if (pg->block_size == 0 || pg->cls != c || off % pg->block_size != 0 || off / pg->block_size >= pg->bump)
                    FAIL("thread cache %p, class %u: %p is not a handed-out block of that class", (void *)tc, c, b);
                unsigned slot = (unsigned)(off >> 4);
                page_scratch *sc = &scratch[k * PAGES_PER_SEG + p];
                if (!live_bit(pg, slot) || !is_parked(b)) FAIL("thread cache %p: block %p is cached but not marked as parked out of its page", (void *)tc, b);
                if (sc->seen[slot >> 6] >> (slot & 63) & 1) FAIL("block %p is cached twice or also on a page free list", b);
                sc->seen[slot >> 6] |= (uint64_t)1 << (slot & 63);
                sc->cached++;
                r->free_blocks_checked++;
            }
            if (n != tc->count[c]) FAIL("thread cache %p, class %u: count %u, list holds %u", (void *)tc, c, tc->count[c], n);
        }
    }

    /* 3. Partial lists: exactly the pages with blocks to give. Then every page's blocks add up. */
    for (unsigned c = 0; c < NCLASSES; c++) {
        for (small_page *pg = g.partial[c]; pg; pg = pg->next_partial) {
            segment *s = segment_of(pg);
            size_t k = 0;
            while (k < nsegs && index[k] != (small_segment *)s) k++;
            if (s == NULL || k == nsegs) FAIL("partial list %u: %p is not a page descriptor of a small segment", c, (void *)pg);
            unsigned p = (unsigned)(pg - index[k]->pages);
            if (p == 0 || p >= PAGES_PER_SEG || pg->cls != c || !pg->in_partial || pg->block_size == 0)
                FAIL("partial list %u: page descriptor %p does not belong there", c, (void *)pg);
            if (scratch[k * PAGES_PER_SEG + p].on_partial++) FAIL("partial list %u: page %p listed twice", c, (void *)pg);
        }
    }
    for (size_t k = 0; k < nsegs; k++) {
        for (unsigned p = 1; p < PAGES_PER_SEG; p++) {
            small_page *pg = &index[k]->pages[p];
            page_scratch *sc = &scratch[k * PAGES_PER_SEG + p];
            if (pg->block_size == 0) continue;
            uint32_t out = 0;
            for (unsigned w = 0; w < LIVE_WORDS; w++) out += (uint32_t)__builtin_popcountll(pg->out[w]);
            if (pg->used != out)
                FAIL("small page %p: %u blocks out by its count, %u by its bits", (void *)((char *)index[k] + (size_t)p * PAGE_SIZE), pg->used, out);
            if (out < sc->cached || out + pg->free_count + (pg->capacity - pg->bump) != pg->capacity)
                FAIL("small page %p: out (live + cached) + free + never used != capacity", (void *)((char *)index[k] + (size_t)p * PAGE_SIZE));
            int has_room = pg->free_count > 0 || pg->bump < pg->capacity;
            if (has_room != (sc->on_partial != 0) || has_room != (pg->in_partial != 0))
                FAIL("small page %p: %s blocks to give but %s on the partial list", (void *)((char *)index[k] + (size_t)p * PAGE_SIZE),
                     has_room ? "has" : "has no", sc->on_partial ? "is" : "is not");
        }
    }

    /* 4. Medium arenas and free lists. */
    if (check_medium_locked(r, &live_medium) != SM_OK) goto done;

    /* 5. Large blocks. */
    for (segment *s = g.large_segs; s; s = s->next) {
        if (s->magic != (SEG_MAGIC ^ (uint64_t)(uintptr_t)s) || s->kind != SEG_LARGE || !segmap_test((uintptr_t)s) ||
            s->large_size + LARGE_HEADER != s->mapped)
            FAIL("large block %p: bad header or not registered", (void *)((char *)s + LARGE_HEADER));
        live_large++;
        r->blocks_checked++;
    }
    if (live_large != g.large_live_blocks) FAIL("large blocks: %llu counted, %llu found", (unsigned long long)g.large_live_blocks, (unsigned long long)live_large);

    r->status = SM_OK;
done:
    if (scratch) munmap(scratch, scratch_bytes);
    if (index) munmap(index, (nsegs ? nsegs : 1) * sizeof *index);
    unlock();
    return r->status;
}
