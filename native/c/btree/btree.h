/* A page-oriented B+tree over 64-bit keys and values, stored in one file through a small page cache.
 *
 * Every node is one fixed-size page (4 KiB by default); the order of the tree follows from the page
 * size: a leaf holds (page_size - 16) / 16 entries, an internal node (page_size - 24) / 16 separators.
 * Inserts split full internal pages on the way down, each split allocating before it changes anything,
 * so an allocation that fails in the middle of an insert loses no entry.
 * Leaves are linked left to right so that range cursors walk them without going back to the root.
 * Page 0 is the file header (root, height, entry count, free list). Nothing reaches the file until
 * the cache evicts a dirty page or btree_sync() is called; there is no write-ahead log, so a crash
 * between syncs can leave the file inconsistent (the LSM tree of the lab is the crash-safe structure).
 */
#ifndef SM_BTREE_H
#define SM_BTREE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Result codes: 0 and 1 are outcomes, negatives are errors (details in btree_last_error). */
#define BT_OK 0
#define BT_NOT_FOUND 1
#define BT_ERR_IO (-1)
#define BT_ERR_CORRUPT (-2)
#define BT_ERR_ARG (-3)
#define BT_ERR_NOMEM (-4)
#define BT_ERR_CACHE_FULL (-5)

#define BT_DEFAULT_PAGE_SIZE 4096u
#define BT_MIN_PAGE_SIZE 128u /* the file header must fit in page 0 */
#define BT_MAX_PAGE_SIZE 65536u

typedef struct btree btree;
typedef struct btree_cursor btree_cursor;

typedef struct btree_stats {
    uint64_t count;          /* entries stored */
    uint32_t height;         /* levels, 1 = the root is a leaf */
    uint32_t page_size;
    uint32_t leaf_capacity;  /* entries per leaf page */
    uint32_t inner_capacity; /* separator keys per internal page */
    uint64_t page_count;     /* pages in the file, header and free pages included */
    uint64_t free_pages;
    uint64_t cache_hits;
    uint64_t cache_misses;
    uint64_t pages_read;     /* preads issued by the cache */
    uint64_t pages_written;  /* pwrites issued by the cache (evictions and syncs) */
} btree_stats;

/* Opens (or creates) the tree in `path`. page_size is used when the file is new (a power of two in
 * [BT_MIN_PAGE_SIZE, BT_MAX_PAGE_SIZE]); an existing file keeps its own. cache_pages >= 16.
 * On failure returns NULL, sets *code (if given) to the error code and writes a message into errbuf (if given);
 * a bad file header is BT_ERR_CORRUPT with a message naming page 0 and the field. */
btree *btree_open(const char *path, uint32_t page_size, uint32_t cache_pages, int *code, char *errbuf, size_t errlen);

/* Writes back every dirty page and the header, then fsyncs. */
int btree_sync(btree *t);

/* Syncs, closes the file and frees the tree (also when the sync fails; its result is returned). */
int btree_close(btree *t);

/* Inserts or replaces. *replaced (optional) is set to 1 when the key existed. */
int btree_insert(btree *t, uint64_t key, uint64_t value, int *replaced);

/* BT_OK and *value, or BT_NOT_FOUND. */
int btree_search(btree *t, uint64_t key, uint64_t *value);

/* BT_OK when the key was removed, BT_NOT_FOUND when absent. Rebalances by borrowing or merging. */
int btree_delete(btree *t, uint64_t key);

void btree_get_stats(const btree *t, btree_stats *out);

/* Walks the whole tree: key order and separator bounds, fill factor of every non-root page, uniform
 * leaf depth, the leaf chain, the entry count and the page accounting (reachable + free + header =
 * page_count). BT_OK, or BT_ERR_CORRUPT with the first violation in errbuf. */
int btree_check(btree *t, char *errbuf, size_t errlen);

/* The message of the last error on this tree. */
const char *btree_last_error(const btree *t);

/* The page the last error names when it was BT_ERR_CORRUPT, else UINT64_MAX. Every node page is validated as it
 * is read from the file (type, key count within [minimum, capacity], link field, unused field, child ids), so a
 * damaged page is reported with its number and offset before any search trusts it. */
uint64_t btree_last_error_page(const btree *t);

/* ---------- test hooks: fault injection and planted bugs (for the tests that prove the checks can fail) ---------- */

/* Page allocation number `nth` from now (1 = the next one), new or from the free list, fails with BT_ERR_NOMEM
 * as if memory or the cache had run out; 0 turns the injection off. It fires once. */
void btree_debug_fail_allocation(btree *t, uint64_t nth);

#define BT_BUG_NONE 0
/* An internal split gives up the upper half of its page before the page that receives it is allocated:
 * a failed allocation in the middle of a split then loses entries. */
#define BT_BUG_SPLIT_BEFORE_ALLOCATING 1
/* Pages are used as read, their headers unchecked: a damaged key count is trusted. */
#define BT_BUG_NO_PAGE_VALIDATION 2
void btree_debug_plant_bug(btree *t, int bug);

/* Range cursors. A cursor stays usable across modifications of the tree: when the tree changed
 * since its last step it re-seeks just past the last key it returned. */
btree_cursor *btree_cursor_open(btree *t);
/* Positions the cursor at the first key >= key. */
int btree_cursor_seek(btree_cursor *c, uint64_t key);
/* Copies up to max entries with key < end_exclusive (use UINT64_MAX and the flag for no bound);
 * returns how many were copied (0 at the end), or a negative error. */
int btree_cursor_next_batch(btree_cursor *c, uint64_t end_exclusive, int unbounded,
                            uint64_t *keys, uint64_t *values, int max);
void btree_cursor_close(btree_cursor *c);

#ifdef __cplusplus
}
#endif

#endif
