/* A page-oriented B+tree: see btree.h for the contract and labs/1.1.4/README.md for the walkthrough. */
#define _POSIX_C_SOURCE 200809L
#include "btree.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE_LEAF 1u
#define PAGE_INNER 2u
#define PAGE_FREE 3u

#define HEADER_MAGIC "SMBTREE1"

/* Marks a static helper that only exercise regions call: when a region is replaced by a stub (the learner's copy
 * of the lab), the helper is then unused, and -Werror must not turn that into a build failure. */
#define EXERCISE_HELPER __attribute__((unused))
#define HEADER_VERSION 1u

/* Every node page starts with this header; keys follow at offset 16. */
typedef struct node_hdr {
    uint16_t type;
    uint16_t n;      /* keys in the page */
    uint32_t unused;
    uint64_t next;   /* leaf: right sibling (0 = none); free page: next free page */
} node_hdr;

/* Page 0 of the file. */
typedef struct file_hdr {
    char magic[8];
    uint32_t page_size;
    uint32_t version;
    uint64_t root;
    uint32_t height;
    uint32_t unused;
    uint64_t count;
    uint64_t page_count;
    uint64_t free_head;
    uint64_t free_pages;
    uint64_t checksum; /* FNV-1a over the bytes above */
} file_hdr;

typedef struct frame {
    uint64_t page_id; /* 0 = frame unused (page 0 is the header, never cached) */
    uint32_t pins;
    uint8_t dirty;
    uint8_t ref;      /* clock bit */
} frame;

struct btree {
    int fd;
    uint32_t page_size, leaf_cap, inner_cap, leaf_min, inner_min;
    uint64_t root, count, page_count, free_head, free_pages;
    uint32_t height;
    uint64_t mod_count; /* bumped by every structural or value change; cursors re-seek when it moved */

    uint32_t nframes, clock_hand;
    uint8_t *mem;
    frame *frames;
    int32_t *page_table;  /* page id -> frame holding it, or -1: one array read finds a cached page */
    uint64_t page_table_len;

    uint64_t cache_hits, cache_misses, pages_read, pages_written;
    char err[256];
    uint64_t err_page; /* the page the last BT_ERR_CORRUPT names (UINT64_MAX: none) */

    /* Test hooks, outside the algorithms they break: fault injection and planted bugs (btree.h). */
    uint64_t fail_alloc_countdown; /* page allocations until one fails; 0 = never */
    int planted_bug;
};

struct btree_cursor {
    btree *t;
    uint64_t leaf;
    int idx;
    int at_end;
    uint64_t mod_count;
    uint64_t start_key;
    uint64_t last_key;
    int has_last;
};

typedef struct split_result {
    int happened;
    uint64_t separator;
    uint64_t right;
} split_result;

/* ---------- small helpers ---------- */

static int fail(btree *t, int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->err, sizeof t->err, fmt, ap);
    va_end(ap);
    t->err_page = UINT64_MAX;
    return code;
}

/* BT_ERR_CORRUPT naming the page, its offset in the file and what is wrong with it. */
static int corrupt(btree *t, uint64_t id, const char *fmt, ...) {
    int at = snprintf(t->err, sizeof t->err, "page %llu at offset %llu: ", (unsigned long long)id,
                      (unsigned long long)(id * (uint64_t)t->page_size));
    va_list ap;
    va_start(ap, fmt);
    if (at > 0 && (size_t)at < sizeof t->err) vsnprintf(t->err + at, sizeof t->err - (size_t)at, fmt, ap);
    va_end(ap);
    t->err_page = id;
    return BT_ERR_CORRUPT;
}

static uint64_t fnv1a(const void *data, size_t len) {
    const uint8_t *p = data;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) { h ^= p[i]; h *= 1099511628211ull; }
    return h;
}

static inline node_hdr *hdr(uint8_t *page) { return (node_hdr *)page; }
static inline uint64_t *keys_of(uint8_t *page) { return (uint64_t *)(page + 16); }
static inline uint64_t *values_of(const btree *t, uint8_t *page) { return (uint64_t *)(page + 16 + 8 * (size_t)t->leaf_cap); }
static inline uint64_t *children_of(const btree *t, uint8_t *page) { return (uint64_t *)(page + 16 + 8 * (size_t)t->inner_cap); }

/* Searching a 4 KiB page: a plain binary search over 255 keys touches ~6 cache lines one after the other,
 * each a dependent memory access. Instead, first compare against every 16th key: those loads do not depend on
 * each other, so their cache misses overlap; the count of samples below the key picks a 16-key run (two
 * adjacent cache lines), searched branch-free. Two rounds of memory latency instead of six. */
#define SEARCH_STRIDE 16

/* Within [lo, lo + len): first index whose key is >= key (or > key when `upper`). */
static inline int search_run(const uint64_t *k, int lo, int len, uint64_t key, int upper) {
    if (len == 0) return lo;
    const uint64_t *base = k + lo;
    while (len > 1) {
        int half = len >> 1;
        base = (upper ? base[half] <= key : base[half] < key) ? base + half : base;
        len -= half;
    }
    return (int)(base - k) + (upper ? *base <= key : *base < key);
}

static inline int page_search(const uint64_t *k, int n, uint64_t key, int upper) {
    int below = 0;
    for (int i = SEARCH_STRIDE - 1; i < n; i += SEARCH_STRIDE) below += upper ? k[i] <= key : k[i] < key;
    int lo = below * SEARCH_STRIDE;
    int len = n - lo < SEARCH_STRIDE ? n - lo : SEARCH_STRIDE;
    return search_run(k, lo, len, key, upper);
}

/* First index whose key is >= key. */
static inline int lower_bound(const uint64_t *k, int n, uint64_t key) { return page_search(k, n, key, 0); }

/* First index whose key is > key: the child of an internal page that covers `key`. */
static inline int upper_bound(const uint64_t *k, int n, uint64_t key) { return page_search(k, n, key, 1); }

/* ---------- page cache: a page table (page id -> frame), clock eviction, pin counts ---------- */

static inline uint8_t *frame_data(const btree *t, int32_t f) { return t->mem + (size_t)f * t->page_size; }

static int write_page(btree *t, uint64_t id, const uint8_t *data) {
    off_t off = (off_t)(id * t->page_size);
    size_t done = 0;
    while (done < t->page_size) {
        ssize_t w = pwrite(t->fd, data + done, t->page_size - done, off + (off_t)done);
        if (w < 0) {
            if (errno == EINTR) continue;
            return fail(t, BT_ERR_IO, "pwrite of page %llu at offset %lld failed: %s", (unsigned long long)id, (long long)off, strerror(errno));
        }
        done += (size_t)w;
    }
    t->pages_written++;
    return BT_OK;
}

static int read_page(btree *t, uint64_t id, uint8_t *data) {
    off_t off = (off_t)(id * t->page_size);
    size_t done = 0;
    while (done < t->page_size) {
        ssize_t r = pread(t->fd, data + done, t->page_size - done, off + (off_t)done);
        if (r < 0) {
            if (errno == EINTR) continue;
            return fail(t, BT_ERR_IO, "pread of page %llu at offset %lld failed: %s", (unsigned long long)id, (long long)off, strerror(errno));
        }
        if (r == 0) return corrupt(t, id, "lies past the end of the file");
        done += (size_t)r;
    }
    t->pages_read++;
    return BT_OK;
}

static inline int32_t table_lookup(const btree *t, uint64_t id) { return id < t->page_table_len ? t->page_table[id] : -1; }

static void table_remove(btree *t, int32_t f) { t->page_table[t->frames[f].page_id] = -1; }

/* Maps the frame's page; grows the table (doubling) when the file has grown past it. */
static int table_insert(btree *t, int32_t f) {
    uint64_t id = t->frames[f].page_id;
    if (id >= t->page_table_len) {
        uint64_t len = t->page_table_len ? t->page_table_len : 1024;
        while (len <= id) len *= 2;
        int32_t *grown = realloc(t->page_table, len * sizeof(int32_t));
        if (!grown) return fail(t, BT_ERR_NOMEM, "out of memory for a page table of %llu entries", (unsigned long long)len);
        memset(grown + t->page_table_len, 0xff, (len - t->page_table_len) * sizeof(int32_t));
        t->page_table = grown;
        t->page_table_len = len;
    }
    t->page_table[id] = f;
    return BT_OK;
}

/* A frame to (re)use: an unused one, or the first unpinned one the clock hand finds with its bit clear. */
static int32_t cache_victim(btree *t) {
    for (uint32_t step = 0; step < 2 * t->nframes + 1; step++) {
        int32_t f = (int32_t)(t->clock_hand++ % t->nframes);
        frame *fr = &t->frames[f];
        if (fr->page_id == 0) return f;
        if (fr->pins) continue;
        if (fr->ref) { fr->ref = 0; continue; }
        if (fr->dirty) {
            int rc = write_page(t, fr->page_id, frame_data(t, f));
            if (rc < 0) return rc;
            fr->dirty = 0;
        }
        table_remove(t, f);
        fr->page_id = 0;
        return f;
    }
    return fail(t, BT_ERR_CACHE_FULL, "all %u cache frames are pinned", t->nframes);
}

/* Every field of a node page's header, checked as the page comes from the file, so that a bad value is
 * reported with the page number instead of steering a search outside the page: the type, the key count
 * against the capacity and (except at the root) the minimum fill, the link field (a leaf's right sibling,
 * a free page's successor, nothing for an internal page), the unused field, and an internal page's children. */
static int validate_page(btree *t, uint64_t id, uint8_t *page) {
    const node_hdr *h = hdr(page);
    int is_root = id == t->root;
    switch (h->type) {
    case PAGE_LEAF:
        if (h->n > t->leaf_cap) return corrupt(t, id, "leaf holds %u keys, above its capacity %u", h->n, t->leaf_cap);
        if (!is_root && h->n < t->leaf_min) return corrupt(t, id, "leaf holds %u keys, below the minimum %u of a non-root leaf", h->n, t->leaf_min);
        if (h->next == id || h->next >= t->page_count)
            return corrupt(t, id, "right-sibling link %llu is not another page of the file (page_count %llu)", (unsigned long long)h->next, (unsigned long long)t->page_count);
        break;
    case PAGE_INNER: {
        if (h->n > t->inner_cap) return corrupt(t, id, "internal page holds %u keys, above its capacity %u", h->n, t->inner_cap);
        uint32_t min = is_root ? 1 : t->inner_min;
        if (h->n < min) return corrupt(t, id, "internal page holds %u keys, below the minimum %u%s", h->n, min, is_root ? " of an internal root" : "");
        if (h->next != 0) return corrupt(t, id, "internal page has link field %llu (expected 0)", (unsigned long long)h->next);
        const uint64_t *c = children_of(t, page);
        for (int i = 0; i <= h->n; i++)
            if (c[i] == 0 || c[i] == id || c[i] >= t->page_count)
                return corrupt(t, id, "child %d points to page %llu, not another page of the file (page_count %llu)", i, (unsigned long long)c[i], (unsigned long long)t->page_count);
        break;
    }
    case PAGE_FREE:
        if (h->n != 0) return corrupt(t, id, "free page has key count %u (expected 0)", h->n);
        if (h->next == id || h->next >= t->page_count)
            return corrupt(t, id, "free-list link %llu is not another page of the file (page_count %llu)", (unsigned long long)h->next, (unsigned long long)t->page_count);
        break;
    default:
        return corrupt(t, id, "type %u (expected 1 leaf, 2 internal or 3 free)", h->type);
    }
    if (h->unused != 0) return corrupt(t, id, "unused header field is %u (expected 0)", h->unused);
    return BT_OK;
}

/* Pins page `id` in the cache (reading it if needed) and returns its frame. */
static int32_t cache_fetch(btree *t, uint64_t id) {
    if (id == 0 || id >= t->page_count)
        return fail(t, BT_ERR_CORRUPT, "page id %llu is outside the file (page_count %llu)", (unsigned long long)id, (unsigned long long)t->page_count);
    int32_t hit = table_lookup(t, id);
    if (hit >= 0) {
        t->frames[hit].pins++;
        t->frames[hit].ref = 1;
        t->cache_hits++;
        return hit;
    }
    t->cache_misses++;
    int32_t f = cache_victim(t);
    if (f < 0) return f;
    int rc = read_page(t, id, frame_data(t, f));
    if (rc < 0) return rc;
    if (t->planted_bug != BT_BUG_NO_PAGE_VALIDATION && (rc = validate_page(t, id, frame_data(t, f))) < 0) return rc;
    t->frames[f] = (frame){.page_id = id, .pins = 1, .dirty = 0, .ref = 1};
    if ((rc = table_insert(t, f)) < 0) { t->frames[f].page_id = 0; return rc; }
    return f;
}

static inline void unpin(btree *t, int32_t f) { t->frames[f].pins--; }
static inline void mark_dirty(btree *t, int32_t f) { t->frames[f].dirty = 1; }

/* A new, zeroed, pinned and dirty page of the given type: from the free list if possible. */
static int32_t page_alloc(btree *t, uint16_t type, uint64_t *id_out) {
    uint64_t id;
    int32_t f;
    if (t->fail_alloc_countdown != 0 && --t->fail_alloc_countdown == 0)
        return fail(t, BT_ERR_NOMEM, "page allocation failed (injected by btree_debug_fail_allocation)");
    if (t->free_head != 0) {
        id = t->free_head;
        f = cache_fetch(t, id);
        if (f < 0) return f;
        node_hdr *h = hdr(frame_data(t, f));
        if (h->type != PAGE_FREE) {
            unpin(t, f);
            return corrupt(t, id, "on the free list with type %u (expected 3 free)", h->type);
        }
        t->free_head = h->next;
        t->free_pages--;
    } else {
        f = cache_victim(t);
        if (f < 0) return f;
        id = t->page_count++;
        t->frames[f] = (frame){.page_id = id, .pins = 1, .dirty = 1, .ref = 1};
        int rc = table_insert(t, f);
        if (rc < 0) { t->frames[f].page_id = 0; t->page_count--; return rc; }
    }
    memset(frame_data(t, f), 0, t->page_size);
    hdr(frame_data(t, f))->type = type;
    mark_dirty(t, f);
    *id_out = id;
    return f;
}

/* Puts a pinned page on the free list (the caller still unpins it). */
static void page_free(btree *t, int32_t f) {
    uint8_t *p = frame_data(t, f);
    memset(p, 0, t->page_size);
    hdr(p)->type = PAGE_FREE;
    hdr(p)->next = t->free_head;
    t->free_head = t->frames[f].page_id;
    t->free_pages++;
    mark_dirty(t, f);
}

/* ---------- open, sync, close ---------- */

static int write_header(btree *t) {
    uint8_t *buf = calloc(1, t->page_size);
    if (!buf) return fail(t, BT_ERR_NOMEM, "out of memory for the header page");
    file_hdr h = {.page_size = t->page_size, .version = HEADER_VERSION, .root = t->root, .height = t->height,
                  .count = t->count, .page_count = t->page_count, .free_head = t->free_head, .free_pages = t->free_pages};
    memcpy(h.magic, HEADER_MAGIC, 8);
    h.checksum = fnv1a(&h, offsetof(file_hdr, checksum));
    memcpy(buf, &h, sizeof h);
    int rc = write_page(t, 0, buf);
    free(buf);
    return rc;
}

_Static_assert(sizeof(file_hdr) <= BT_MIN_PAGE_SIZE, "the file header must fit in the smallest page");

static int valid_page_size(uint32_t s) { return s >= BT_MIN_PAGE_SIZE && s <= BT_MAX_PAGE_SIZE && (s & (s - 1)) == 0; }

static void set_geometry(btree *t, uint32_t page_size) {
    t->page_size = page_size;
    t->leaf_cap = (page_size - 16) / 16;  /* 16-byte header + key and value per entry */
    t->inner_cap = (page_size - 24) / 16; /* 16-byte header + n keys + n+1 children */
    t->leaf_min = t->leaf_cap / 2;
    /* inner_cap is even: a full internal page splits into cap/2 and cap/2 - 1 keys around the middle one. */
    t->inner_min = (t->inner_cap - 1) / 2;
}

/* The first field of the file header that cannot be right, or NULL when all can. */
static const char *header_problem(const file_hdr *h, uint64_t file_size) {
    if (h->checksum != fnv1a(h, offsetof(file_hdr, checksum))) return "checksum does not match the header's bytes";
    if (h->version != HEADER_VERSION) return "unknown format version (expected 1)";
    if (!valid_page_size(h->page_size)) return "page size is not a power of two in [128, 65536]";
    if (h->page_count < 2) return "page count below 2 (the header and a root)";
    if (file_size / h->page_size < h->page_count) return "page count exceeds the pages in the file";
    if (h->root == 0 || h->root >= h->page_count) return "root is not a page of the file";
    if (h->height == 0 || h->height >= h->page_count) return "height is 0 or exceeds the node pages of the file";
    if (h->free_head >= h->page_count) return "free-list head is not a page of the file";
    if (h->free_pages > h->page_count - 2) return "free page count exceeds the pages that can be free";
    if ((h->free_head == 0) != (h->free_pages == 0)) return "free-list head and free page count disagree";
    return NULL;
}

static void destroy(btree *t) {
    if (!t) return;
    if (t->fd >= 0) close(t->fd);
    free(t->mem);
    free(t->frames);
    free(t->page_table);
    free(t);
}

/* Reports why btree_open failed (message and code) and frees what it had built; returns NULL. */
static btree *open_failed(btree *t, int *code_out, int code, char *errbuf, size_t errlen, const char *fmt, ...) {
    if (errbuf && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(errbuf, errlen, fmt, ap);
        va_end(ap);
    }
    if (code_out) *code_out = code;
    destroy(t);
    return NULL;
}

btree *btree_open(const char *path, uint32_t page_size, uint32_t cache_pages, int *code, char *errbuf, size_t errlen) {
    if (code) *code = BT_OK;
    if (!path) return open_failed(NULL, code, BT_ERR_ARG, errbuf, errlen, "path is NULL");
    if (cache_pages < 16) return open_failed(NULL, code, BT_ERR_ARG, errbuf, errlen, "cache_pages must be at least 16 (got %u)", cache_pages);
    btree *t = calloc(1, sizeof *t);
    if (!t) return open_failed(NULL, code, BT_ERR_NOMEM, errbuf, errlen, "out of memory");
    t->err_page = UINT64_MAX;
    t->fd = open(path, O_RDWR | O_CREAT, 0644);
    if (t->fd < 0) return open_failed(t, code, BT_ERR_IO, errbuf, errlen, "cannot open '%s': %s", path, strerror(errno));
    struct stat st;
    if (fstat(t->fd, &st) != 0) return open_failed(t, code, BT_ERR_IO, errbuf, errlen, "cannot stat '%s': %s", path, strerror(errno));
    int fresh = st.st_size == 0;
    if (fresh) {
        if (!valid_page_size(page_size))
            return open_failed(t, code, BT_ERR_ARG, errbuf, errlen, "page size %u is not a power of two in [%u, %u]", page_size, BT_MIN_PAGE_SIZE, BT_MAX_PAGE_SIZE);
        set_geometry(t, page_size);
    } else {
        file_hdr h;
        ssize_t r = pread(t->fd, &h, sizeof h, 0);
        if (r != (ssize_t)sizeof h || memcmp(h.magic, HEADER_MAGIC, 8) != 0)
            return open_failed(t, code, BT_ERR_CORRUPT, errbuf, errlen, "'%s' is not a B-tree file: bad magic at offset 0 (expected %s)", path, HEADER_MAGIC);
        const char *bad = header_problem(&h, (uint64_t)st.st_size);
        if (bad) return open_failed(t, code, BT_ERR_CORRUPT, errbuf, errlen, "'%s': page 0 at offset 0 (the file header): %s", path, bad);
        set_geometry(t, h.page_size);
        t->root = h.root;
        t->height = h.height;
        t->count = h.count;
        t->page_count = h.page_count;
        t->free_head = h.free_head;
        t->free_pages = h.free_pages;
    }
    t->nframes = cache_pages;
    t->mem = aligned_alloc(64, (size_t)cache_pages * t->page_size);
    t->frames = calloc(cache_pages, sizeof(frame));
    if (!t->mem || !t->frames)
        return open_failed(t, code, BT_ERR_NOMEM, errbuf, errlen, "out of memory for a cache of %u pages of %u bytes", cache_pages, t->page_size);
    if (fresh) {
        t->page_count = 1; /* the header */
        t->height = 1;
        int32_t f = page_alloc(t, PAGE_LEAF, &t->root);
        if (f < 0) return open_failed(t, code, f, errbuf, errlen, "%s", t->err);
        unpin(t, f);
        int rc = btree_sync(t);
        if (rc != BT_OK) return open_failed(t, code, rc, errbuf, errlen, "%s", t->err);
    }
    return t;
}

int btree_sync(btree *t) {
    for (uint32_t f = 0; f < t->nframes; f++) {
        if (t->frames[f].page_id != 0 && t->frames[f].dirty) {
            int rc = write_page(t, t->frames[f].page_id, frame_data(t, (int32_t)f));
            if (rc < 0) return rc;
            t->frames[f].dirty = 0;
        }
    }
    int rc = write_header(t);
    if (rc < 0) return rc;
    if (fsync(t->fd) != 0) return fail(t, BT_ERR_IO, "fsync failed: %s", strerror(errno));
    return BT_OK;
}

int btree_close(btree *t) {
    if (!t) return BT_ERR_ARG;
    int rc = btree_sync(t);
    destroy(t);
    return rc;
}

/* ---------- search ---------- */

int btree_search(btree *t, uint64_t key, uint64_t *value) {
    uint64_t pid = t->root;
    for (;;) {
        int32_t f = cache_fetch(t, pid);
        if (f < 0) return f;
        uint8_t *p = frame_data(t, f);
        node_hdr *h = hdr(p);
        uint64_t *k = keys_of(p);
        if (h->type == PAGE_LEAF) {
            int i = lower_bound(k, h->n, key);
            int found = i < h->n && k[i] == key;
            if (found && value) *value = values_of(t, p)[i];
            unpin(t, f);
            return found ? BT_OK : BT_NOT_FOUND;
        }
        if (h->type != PAGE_INNER) {
            unpin(t, f);
            return corrupt(t, pid, "type %u on a search path", h->type);
        }
        pid = children_of(t, p)[upper_bound(k, h->n, key)];
        unpin(t, f);
    }
}

/* ---------- insert: descend to the leaf; full internal pages on the way split first, top down ----------
 *
 * A split that has started must not fail halfway: with bottom-up splitting, a leaf already split whose parent
 * then cannot get a page for its own split would leave the leaf's upper half reachable from nowhere. So every
 * split obtains its pages before it changes anything, and a leaf splits only into a parent that has room: when
 * the parent is full, the run of full internal pages above it is split first, from its top down, each split
 * one complete step from a valid tree to another. A failed allocation then loses no entry. */

static int insert_leaf(btree *t, uint64_t pid, int32_t f, uint64_t key, uint64_t value, int *replaced, split_result *out) {
    uint8_t *p = frame_data(t, f);
    node_hdr *h = hdr(p);
    uint64_t *k = keys_of(p), *v = values_of(t, p);
    int n = h->n;
    int i = lower_bound(k, n, key);
    if (i < n && k[i] == key) {
        v[i] = value;
        *replaced = 1;
        mark_dirty(t, f);
        return BT_OK;
    }
    /* EXERCISE 1.1.4-1a: insert into a leaf page, splitting it in two halves when it is full; the new page is allocated before anything changes (tests: BTreeTests.Native_insert_tests, BTreeTests.OneMillionMixedOperationsMatchSortedDictionary) */
    if ((uint32_t)n < t->leaf_cap) {
        memmove(k + i + 1, k + i, (size_t)(n - i) * 8);
        memmove(v + i + 1, v + i, (size_t)(n - i) * 8);
        k[i] = key;
        v[i] = value;
        h->n = (uint16_t)(n + 1);
        mark_dirty(t, f);
        return BT_OK;
    }
    uint64_t rid;
    int32_t rf = page_alloc(t, PAGE_LEAF, &rid);
    if (rf < 0) return rf;
    uint8_t *r = frame_data(t, rf);
    uint64_t *rk = keys_of(r), *rv = values_of(t, r);
    int mid = (n + 1) / 2; /* entries the left page keeps out of n + 1 */
    if (i < mid) {
        int moved = n - (mid - 1);
        memcpy(rk, k + mid - 1, (size_t)moved * 8);
        memcpy(rv, v + mid - 1, (size_t)moved * 8);
        memmove(k + i + 1, k + i, (size_t)(mid - 1 - i) * 8);
        memmove(v + i + 1, v + i, (size_t)(mid - 1 - i) * 8);
        k[i] = key;
        v[i] = value;
        hdr(r)->n = (uint16_t)moved;
    } else {
        int moved = n - mid, j = i - mid;
        memcpy(rk, k + mid, (size_t)j * 8);
        memcpy(rv, v + mid, (size_t)j * 8);
        rk[j] = key;
        rv[j] = value;
        memcpy(rk + j + 1, k + i, (size_t)(n - i) * 8);
        memcpy(rv + j + 1, v + i, (size_t)(n - i) * 8);
        hdr(r)->n = (uint16_t)(moved + 1);
    }
    h->n = (uint16_t)mid;
    hdr(r)->next = h->next;
    h->next = rid;
    mark_dirty(t, f);
    *out = (split_result){.happened = 1, .separator = rk[0], .right = rid};
    unpin(t, rf);
    (void)pid;
    return BT_OK;
    /* END EXERCISE */
}

/* Inserts separator `sep` and its right child into internal page p (which has room) after child index i. */
static void inner_insert_at(btree *t, uint8_t *p, int i, uint64_t sep, uint64_t right) {
    node_hdr *h = hdr(p);
    uint64_t *k = keys_of(p), *c = children_of(t, p);
    int n = h->n;
    memmove(k + i + 1, k + i, (size_t)(n - i) * 8);
    memmove(c + i + 2, c + i + 1, (size_t)(n - i) * 8);
    k[i] = sep;
    c[i + 1] = right;
    h->n = (uint16_t)(n + 1);
}

/* Makes the pinned, fresh internal page (frame rootf, page root_id) the new root over the old one and `right`. */
static void grow_root(btree *t, int32_t rootf, uint64_t root_id, uint64_t sep, uint64_t right) {
    uint8_t *p = frame_data(t, rootf);
    hdr(p)->n = 1;
    keys_of(p)[0] = sep;
    children_of(t, p)[0] = t->root;
    children_of(t, p)[1] = right;
    mark_dirty(t, rootf);
    t->root = root_id;
    t->height++;
}

/* Splits the full internal page `pid` ahead of an insert that would overflow it: the keys above the middle move
 * to a new page and the middle key goes up into `parent_id`, which has room, or into a new root (parent_id 0).
 * Every page the split needs is obtained before the first byte changes, so a failure (no memory, no free cache
 * frame, a failed eviction) returns with the tree exactly as it was. */
static int split_inner(btree *t, uint64_t parent_id, uint64_t pid) {
    int32_t pf = -1, f = -1, rf = -1, nf = -1;
    uint64_t rid = 0, nid = 0;
    int rc = BT_OK;
    if (parent_id != 0 && (pf = cache_fetch(t, parent_id)) < 0) return pf;
    if ((f = cache_fetch(t, pid)) < 0) { rc = f; f = -1; goto out; }
    uint8_t *p = frame_data(t, f);
    node_hdr *h = hdr(p);
    if (h->type != PAGE_INNER || h->n < t->inner_cap) goto out; /* nothing to split: the next descent goes on */
    int n = h->n, mid = n / 2;
    uint64_t sep = keys_of(p)[mid];
    if (t->planted_bug == BT_BUG_SPLIT_BEFORE_ALLOCATING) {
        h->n = (uint16_t)mid; /* planted: the page gives up its upper half before the page receiving it exists */
        mark_dirty(t, f);
    }
    if ((rf = page_alloc(t, PAGE_INNER, &rid)) < 0) { rc = rf; rf = -1; goto out; }
    if (parent_id == 0 && (nf = page_alloc(t, PAGE_INNER, &nid)) < 0) {
        rc = nf;
        nf = -1;
        page_free(t, rf); /* back to the free list: the tree is as it was */
        goto out;
    }
    /* From here on nothing can fail. */
    uint8_t *r = frame_data(t, rf);
    int right_n = n - mid - 1;
    memcpy(keys_of(r), keys_of(p) + mid + 1, (size_t)right_n * 8);
    memcpy(children_of(t, r), children_of(t, p) + mid + 1, (size_t)(right_n + 1) * 8);
    hdr(r)->n = (uint16_t)right_n;
    h->n = (uint16_t)mid;
    mark_dirty(t, f);
    if (parent_id == 0) {
        grow_root(t, nf, nid, sep, rid);
    } else {
        uint8_t *pp = frame_data(t, pf);
        inner_insert_at(t, pp, upper_bound(keys_of(pp), hdr(pp)->n, sep), sep, rid);
        mark_dirty(t, pf);
    }
    t->mod_count++;
out:
    if (nf >= 0) unpin(t, nf);
    if (rf >= 0) unpin(t, rf);
    if (f >= 0) unpin(t, f);
    if (pf >= 0) unpin(t, pf);
    return rc;
}

/* insert_descend's answer when the leaf must split but its parent is full (not an error; never returned to callers). */
#define NEEDS_INNER_SPLIT 2

/* One descent from the root to the key's leaf, holding only the current page and its parent. Replaces, inserts,
 * or splits the leaf into its parent when the parent has room (a full root leaf gets its new root first).
 * Otherwise changes nothing and names the page to split first: the top of the run of full internal pages that
 * ends at the leaf's parent (*split_pid, with its parent *split_parent, 0 for the root). */
static int insert_descend(btree *t, uint64_t key, uint64_t value, int *replaced, uint64_t *split_pid, uint64_t *split_parent) {
    uint64_t pid = t->root, parent = 0, run_top = 0, run_parent = 0;
    int32_t pf = -1;
    int child_index = 0, parent_full = 0, rc;
    for (;;) {
        int32_t f = cache_fetch(t, pid);
        if (f < 0) { rc = f; break; }
        uint8_t *p = frame_data(t, f);
        node_hdr *h = hdr(p);
        if (h->type == PAGE_INNER) {
            int full = h->n >= t->inner_cap;
            if (full && !parent_full) { run_top = pid; run_parent = parent; }
            parent_full = full;
            child_index = upper_bound(keys_of(p), h->n, key);
            uint64_t child = children_of(t, p)[child_index];
            if (pf >= 0) unpin(t, pf);
            pf = f;
            parent = pid;
            pid = child;
            continue;
        }
        if (h->type != PAGE_LEAF) { unpin(t, f); rc = corrupt(t, pid, "type %u on an insert path", h->type); break; }
        int i = lower_bound(keys_of(p), h->n, key);
        int splits = !(i < h->n && keys_of(p)[i] == key) && h->n >= t->leaf_cap;
        if (splits && parent_full) {
            unpin(t, f);
            *split_pid = run_top;
            *split_parent = run_parent;
            rc = NEEDS_INNER_SPLIT;
            break;
        }
        int32_t rootf = -1;
        uint64_t root_id = 0;
        if (splits && pf < 0 && (rootf = page_alloc(t, PAGE_INNER, &root_id)) < 0) { unpin(t, f); rc = rootf; break; }
        split_result s = {0};
        rc = insert_leaf(t, pid, f, key, value, replaced, &s);
        if (rc >= 0 && s.happened) {
            if (rootf >= 0) grow_root(t, rootf, root_id, s.separator, s.right);
            else {
                inner_insert_at(t, frame_data(t, pf), child_index, s.separator, s.right);
                mark_dirty(t, pf);
            }
        } else if (rootf >= 0) {
            page_free(t, rootf); /* the leaf did not split after all (or could not): the new root goes back */
        }
        if (rootf >= 0) unpin(t, rootf);
        unpin(t, f);
        break;
    }
    if (pf >= 0) unpin(t, pf);
    return rc;
}

int btree_insert(btree *t, uint64_t key, uint64_t value, int *replaced) {
    int rep = 0, rc;
    uint64_t split_pid = 0, split_parent = 0;
    /* Each split_inner is a complete step from one valid tree to another; the descent is retried after it. */
    while ((rc = insert_descend(t, key, value, &rep, &split_pid, &split_parent)) == NEEDS_INNER_SPLIT)
        if ((rc = split_inner(t, split_parent, split_pid)) < 0) return rc;
    if (rc < 0) return rc;
    if (!rep) t->count++;
    if (replaced) *replaced = rep;
    t->mod_count++;
    return BT_OK;
}

/* ---------- delete: remove from the leaf, then fix underfull pages by borrowing or merging ---------- */

static uint32_t min_keys(const btree *t, const uint8_t *page) { return ((const node_hdr *)page)->type == PAGE_LEAF ? t->leaf_min : t->inner_min; }

/* Moves one entry from the left sibling into child c[i] of parent p. */
EXERCISE_HELPER static void borrow_from_left(btree *t, uint8_t *p, int i, uint8_t *left, uint8_t *child) {
    uint64_t *pk = keys_of(p), *lk = keys_of(left), *ck = keys_of(child);
    int ln = hdr(left)->n, cn = hdr(child)->n;
    if (hdr(child)->type == PAGE_LEAF) {
        uint64_t *lv = values_of(t, left), *cv = values_of(t, child);
        memmove(ck + 1, ck, (size_t)cn * 8);
        memmove(cv + 1, cv, (size_t)cn * 8);
        ck[0] = lk[ln - 1];
        cv[0] = lv[ln - 1];
        pk[i - 1] = ck[0];
    } else {
        uint64_t *lc = children_of(t, left), *cc = children_of(t, child);
        memmove(ck + 1, ck, (size_t)cn * 8);
        memmove(cc + 1, cc, (size_t)(cn + 1) * 8);
        ck[0] = pk[i - 1];
        cc[0] = lc[ln];
        pk[i - 1] = lk[ln - 1];
    }
    hdr(left)->n = (uint16_t)(ln - 1);
    hdr(child)->n = (uint16_t)(cn + 1);
}

/* Moves one entry from the right sibling into child c[i] of parent p. */
EXERCISE_HELPER static void borrow_from_right(btree *t, uint8_t *p, int i, uint8_t *child, uint8_t *right) {
    uint64_t *pk = keys_of(p), *rk = keys_of(right), *ck = keys_of(child);
    int rn = hdr(right)->n, cn = hdr(child)->n;
    if (hdr(child)->type == PAGE_LEAF) {
        uint64_t *rv = values_of(t, right), *cv = values_of(t, child);
        ck[cn] = rk[0];
        cv[cn] = rv[0];
        memmove(rk, rk + 1, (size_t)(rn - 1) * 8);
        memmove(rv, rv + 1, (size_t)(rn - 1) * 8);
        pk[i] = rk[0];
    } else {
        uint64_t *rc = children_of(t, right), *cc = children_of(t, child);
        ck[cn] = pk[i];
        cc[cn + 1] = rc[0];
        pk[i] = rk[0];
        memmove(rk, rk + 1, (size_t)(rn - 1) * 8);
        memmove(rc, rc + 1, (size_t)rn * 8);
    }
    hdr(right)->n = (uint16_t)(rn - 1);
    hdr(child)->n = (uint16_t)(cn + 1);
}

/* Appends right into left (separator pk[s] between them) and removes pk[s] and c[s + 1] from the parent. */
EXERCISE_HELPER static void merge_into_left(btree *t, uint8_t *p, int s, uint8_t *left, uint8_t *right) {
    uint64_t *pk = keys_of(p), *pc = children_of(t, p), *lk = keys_of(left), *rk = keys_of(right);
    int ln = hdr(left)->n, rn = hdr(right)->n, pn = hdr(p)->n;
    if (hdr(left)->type == PAGE_LEAF) {
        memcpy(lk + ln, rk, (size_t)rn * 8);
        memcpy(values_of(t, left) + ln, values_of(t, right), (size_t)rn * 8);
        hdr(left)->n = (uint16_t)(ln + rn);
        hdr(left)->next = hdr(right)->next;
    } else {
        lk[ln] = pk[s];
        memcpy(lk + ln + 1, rk, (size_t)rn * 8);
        memcpy(children_of(t, left) + ln + 1, children_of(t, right), (size_t)(rn + 1) * 8);
        hdr(left)->n = (uint16_t)(ln + 1 + rn);
    }
    memmove(pk + s, pk + s + 1, (size_t)(pn - s - 1) * 8);
    memmove(pc + s + 1, pc + s + 2, (size_t)(pn - s - 1) * 8);
    hdr(p)->n = (uint16_t)(pn - 1);
}

/* Child c[i] of the pinned parent (frame pf) has fewer than the minimum keys: borrow or merge. */
static int rebalance(btree *t, int32_t pf, int i) {
    /* EXERCISE 1.1.4-1b: rebalance an underfull child: borrow from a sibling with spare keys, else merge (tests: BTreeTests.Native_delete_tests, BTreeTests.DeletesBorrowAndMerge*) */
    uint8_t *p = frame_data(t, pf);
    uint64_t *pc = children_of(t, p);
    int pn = hdr(p)->n;
    int32_t cf = cache_fetch(t, pc[i]);
    if (cf < 0) return cf;
    uint8_t *child = frame_data(t, cf);
    int32_t lf = -1, rf = -1;
    int rc = BT_OK;
    if (i > 0) {
        lf = cache_fetch(t, pc[i - 1]);
        if (lf < 0) { rc = lf; lf = -1; goto done; }
        if (hdr(frame_data(t, lf))->n > min_keys(t, frame_data(t, lf))) {
            borrow_from_left(t, p, i, frame_data(t, lf), child);
            mark_dirty(t, lf);
            goto dirty;
        }
    }
    if (i < pn) {
        rf = cache_fetch(t, pc[i + 1]);
        if (rf < 0) { rc = rf; rf = -1; goto done; }
        if (hdr(frame_data(t, rf))->n > min_keys(t, frame_data(t, rf))) {
            borrow_from_right(t, p, i, child, frame_data(t, rf));
            mark_dirty(t, rf);
            goto dirty;
        }
    }
    if (lf >= 0) {
        merge_into_left(t, p, i - 1, frame_data(t, lf), child);
        mark_dirty(t, lf);
        page_free(t, cf);
    } else {
        merge_into_left(t, p, i, child, frame_data(t, rf));
        page_free(t, rf);
    }
dirty:
    mark_dirty(t, cf);
    mark_dirty(t, pf);
done:
    if (lf >= 0) unpin(t, lf);
    if (rf >= 0) unpin(t, rf);
    unpin(t, cf);
    return rc;
    /* END EXERCISE */
}

static int delete_rec(btree *t, uint64_t pid, uint64_t key, int *underflow) {
    *underflow = 0;
    int32_t f = cache_fetch(t, pid);
    if (f < 0) return f;
    uint8_t *p = frame_data(t, f);
    node_hdr *h = hdr(p);
    uint64_t *k = keys_of(p);
    int n = h->n, rc;
    if (h->type == PAGE_LEAF) {
        int i = lower_bound(k, n, key);
        if (i == n || k[i] != key) {
            unpin(t, f);
            return BT_NOT_FOUND;
        }
        uint64_t *v = values_of(t, p);
        memmove(k + i, k + i + 1, (size_t)(n - i - 1) * 8);
        memmove(v + i, v + i + 1, (size_t)(n - i - 1) * 8);
        h->n = (uint16_t)(n - 1);
        *underflow = h->n < t->leaf_min;
        mark_dirty(t, f);
        unpin(t, f);
        return BT_OK;
    }
    if (h->type != PAGE_INNER) {
        unpin(t, f);
        return corrupt(t, pid, "type %u on a delete path", h->type);
    }
    int i = upper_bound(k, n, key);
    int child_underflow;
    rc = delete_rec(t, children_of(t, p)[i], key, &child_underflow);
    if (rc == BT_OK && child_underflow) {
        rc = rebalance(t, f, i);
        *underflow = h->n < t->inner_min;
    }
    unpin(t, f);
    return rc;
}

int btree_delete(btree *t, uint64_t key) {
    int underflow;
    int rc = delete_rec(t, t->root, key, &underflow);
    if (rc != BT_OK) return rc;
    t->count--;
    t->mod_count++;
    /* An internal root left with no key hands the root role to its only child. */
    int32_t f = cache_fetch(t, t->root);
    if (f < 0) return f;
    uint8_t *p = frame_data(t, f);
    if (hdr(p)->type == PAGE_INNER && hdr(p)->n == 0) {
        uint64_t only = children_of(t, p)[0];
        page_free(t, f);
        t->root = only;
        t->height--;
    }
    unpin(t, f);
    return BT_OK;
}

/* ---------- stats, errors ---------- */

void btree_get_stats(const btree *t, btree_stats *out) {
    *out = (btree_stats){.count = t->count, .height = t->height, .page_size = t->page_size, .leaf_capacity = t->leaf_cap,
                         .inner_capacity = t->inner_cap, .page_count = t->page_count, .free_pages = t->free_pages,
                         .cache_hits = t->cache_hits, .cache_misses = t->cache_misses, .pages_read = t->pages_read,
                         .pages_written = t->pages_written};
}

const char *btree_last_error(const btree *t) { return t ? t->err : "tree is NULL"; }

uint64_t btree_last_error_page(const btree *t) { return t ? t->err_page : UINT64_MAX; }

/* ---------- test hooks ---------- */

void btree_debug_fail_allocation(btree *t, uint64_t nth) { t->fail_alloc_countdown = nth; }

void btree_debug_plant_bug(btree *t, int bug) { t->planted_bug = bug; }

/* ---------- invariant checker ---------- */

typedef struct check_state {
    char *errbuf;
    size_t errlen;
    uint64_t entries;
    uint64_t pages;
    uint64_t expected_next_leaf; /* the leaf chain must visit leaves in the same order as the walk */
    int seen_leaf;
} check_state;

static int check_fail(check_state *s, const char *fmt, ...) {
    if (s->errbuf && s->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(s->errbuf, s->errlen, fmt, ap);
        va_end(ap);
    }
    return BT_ERR_CORRUPT;
}

/* Keys of the subtree must lie in [lo, hi) (has_lo/has_hi say whether the bound exists). */
static int check_rec(btree *t, check_state *s, uint64_t pid, uint32_t depth, int is_root, uint64_t lo, int has_lo, uint64_t hi, int has_hi) {
    int32_t f = cache_fetch(t, pid);
    if (f < 0) return check_fail(s, "page %llu: %s", (unsigned long long)pid, t->err);
    uint8_t *p = frame_data(t, f);
    node_hdr h = *hdr(p);
    int rc = BT_OK;
    s->pages++;
    uint64_t *k = keys_of(p);
    uint32_t cap = h.type == PAGE_LEAF ? t->leaf_cap : t->inner_cap;
    if (h.type != PAGE_LEAF && h.type != PAGE_INNER) { rc = check_fail(s, "page %llu has type %u", (unsigned long long)pid, h.type); goto out; }
    if (h.n > cap) { rc = check_fail(s, "page %llu holds %u keys, capacity %u", (unsigned long long)pid, h.n, cap); goto out; }
    if (!is_root && h.n < min_keys(t, p)) {
        rc = check_fail(s, "page %llu holds %u keys, below the minimum %u", (unsigned long long)pid, h.n, min_keys(t, p));
        goto out;
    }
    if (is_root && h.type == PAGE_INNER && h.n == 0) { rc = check_fail(s, "internal root %llu has no key", (unsigned long long)pid); goto out; }
    for (int i = 0; i < h.n; i++) {
        if (i > 0 && k[i - 1] >= k[i]) { rc = check_fail(s, "page %llu: key[%d]=%llu not above key[%d]=%llu", (unsigned long long)pid, i, (unsigned long long)k[i], i - 1, (unsigned long long)k[i - 1]); goto out; }
        if ((has_lo && k[i] < lo) || (has_hi && k[i] >= hi)) { rc = check_fail(s, "page %llu: key %llu outside its parent's bounds", (unsigned long long)pid, (unsigned long long)k[i]); goto out; }
    }
    if (h.type == PAGE_LEAF) {
        if (depth != t->height) { rc = check_fail(s, "leaf %llu at depth %u, tree height %u", (unsigned long long)pid, depth, t->height); goto out; }
        if (s->seen_leaf && s->expected_next_leaf != pid) { rc = check_fail(s, "leaf chain points to %llu, walk reached %llu", (unsigned long long)s->expected_next_leaf, (unsigned long long)pid); goto out; }
        s->seen_leaf = 1;
        s->expected_next_leaf = h.next;
        s->entries += h.n;
        goto out;
    }
    if (depth >= t->height) { rc = check_fail(s, "internal page %llu at depth %u, tree height %u", (unsigned long long)pid, depth, t->height); goto out; }
    /* Copy what the recursion needs: the frame may be reused once unpinned. */
    int n = h.n;
    uint64_t *kc = malloc((size_t)n * 8 + 8), *cc = malloc((size_t)(n + 1) * 8);
    if (!kc || !cc) { free(kc); free(cc); rc = check_fail(s, "out of memory"); goto out; }
    memcpy(kc, k, (size_t)n * 8);
    memcpy(cc, children_of(t, p), (size_t)(n + 1) * 8);
    unpin(t, f);
    for (int i = 0; i <= n && rc == BT_OK; i++) {
        rc = check_rec(t, s, cc[i], depth + 1, 0, i > 0 ? kc[i - 1] : lo, i > 0 ? 1 : has_lo, i < n ? kc[i] : hi, i < n ? 1 : has_hi);
    }
    free(kc);
    free(cc);
    return rc;
out:
    unpin(t, f);
    return rc;
}

int btree_check(btree *t, char *errbuf, size_t errlen) {
    check_state s = {.errbuf = errbuf, .errlen = errlen};
    int rc = check_rec(t, &s, t->root, 1, 1, 0, 0, 0, 0);
    if (rc != BT_OK) return rc;
    if (s.expected_next_leaf != 0) return check_fail(&s, "the last leaf links to page %llu", (unsigned long long)s.expected_next_leaf);
    if (s.entries != t->count) return check_fail(&s, "leaves hold %llu entries, header says %llu", (unsigned long long)s.entries, (unsigned long long)t->count);
    uint64_t free_seen = 0;
    for (uint64_t id = t->free_head; id != 0; free_seen++) {
        if (free_seen > t->page_count) return check_fail(&s, "the free list has a cycle");
        int32_t f = cache_fetch(t, id);
        if (f < 0) return check_fail(&s, "free page %llu: %s", (unsigned long long)id, t->err);
        node_hdr h = *hdr(frame_data(t, f));
        unpin(t, f);
        if (h.type != PAGE_FREE) return check_fail(&s, "free-list page %llu has type %u", (unsigned long long)id, h.type);
        id = h.next;
    }
    if (free_seen != t->free_pages) return check_fail(&s, "free list holds %llu pages, header says %llu", (unsigned long long)free_seen, (unsigned long long)t->free_pages);
    if (1 + s.pages + free_seen != t->page_count)
        return check_fail(&s, "pages leak: 1 header + %llu reachable + %llu free != %llu in the file", (unsigned long long)s.pages, (unsigned long long)free_seen, (unsigned long long)t->page_count);
    for (uint32_t f = 0; f < t->nframes; f++)
        if (t->frames[f].pins) return check_fail(&s, "frame %u (page %llu) still pinned", f, (unsigned long long)t->frames[f].page_id);
    return BT_OK;
}

/* ---------- cursors ---------- */

btree_cursor *btree_cursor_open(btree *t) {
    btree_cursor *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->t = t;
    c->at_end = 1;
    return c;
}

void btree_cursor_close(btree_cursor *c) { free(c); }

static int cursor_position(btree_cursor *c, uint64_t key) {
    btree *t = c->t;
    uint64_t pid = t->root;
    for (;;) {
        int32_t f = cache_fetch(t, pid);
        if (f < 0) return f;
        uint8_t *p = frame_data(t, f);
        node_hdr *h = hdr(p);
        if (h->type == PAGE_LEAF) {
            c->leaf = pid;
            c->idx = lower_bound(keys_of(p), h->n, key);
            c->at_end = 0;
            unpin(t, f);
            break;
        }
        pid = children_of(t, p)[upper_bound(keys_of(p), h->n, key)];
        unpin(t, f);
    }
    c->mod_count = t->mod_count;
    return BT_OK;
}

int btree_cursor_seek(btree_cursor *c, uint64_t key) {
    c->start_key = key;
    c->has_last = 0;
    return cursor_position(c, key);
}

int btree_cursor_next_batch(btree_cursor *c, uint64_t end_exclusive, int unbounded, uint64_t *keys, uint64_t *values, int max) {
    btree *t = c->t;
    if (max <= 0) return 0;
    if (c->mod_count != t->mod_count && !c->at_end) {
        int rc;
        if (!c->has_last) rc = cursor_position(c, c->start_key);
        else if (c->last_key == UINT64_MAX) { c->at_end = 1; return 0; }
        else rc = cursor_position(c, c->last_key + 1);
        if (rc < 0) return rc;
    }
    int copied = 0;
    while (!c->at_end && copied < max) {
        int32_t f = cache_fetch(t, c->leaf);
        if (f < 0) return f;
        uint8_t *p = frame_data(t, f);
        node_hdr *h = hdr(p);
        uint64_t *k = keys_of(p), *v = values_of(t, p);
        while (c->idx < h->n && copied < max) {
            if (!unbounded && k[c->idx] >= end_exclusive) { c->at_end = 1; break; }
            keys[copied] = k[c->idx];
            values[copied] = v[c->idx];
            copied++;
            c->idx++;
        }
        if (!c->at_end && c->idx >= h->n) {
            if (h->next == 0) c->at_end = 1;
            else { c->leaf = h->next; c->idx = 0; }
        }
        unpin(t, f);
    }
    if (copied > 0) {
        c->last_key = keys[copied - 1];
        c->has_last = 1;
    }
    return copied;
}
