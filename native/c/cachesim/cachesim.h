/*
 * cachesim: a trace-driven simulator of a cache hierarchy (goal 4.5-1).
 *
 * Each level has a size, a block size and an associativity (1 = direct-mapped, 0 = fully
 * associative), a replacement policy (LRU, FIFO, random) and a write policy (write-back or
 * write-through, write-allocate or no-write-allocate). Levels are chained L1 -> L2 (-> L3) ->
 * memory. The CPU's accesses ("demand" accesses) enter L1; a miss fetches the block from the
 * next level, which counts that fetch as its own demand access. Dirty evictions (write-back) and
 * forwarded writes (write-through) travel down off the demand path: they change the contents and
 * the write traffic of the lower levels but are not counted as their accesses — the convention
 * valgrind's cachegrind uses for its LL statistics, so the two can be compared.
 *
 * Misses are split into the three Cs (Hill): compulsory (first reference to the block at this
 * level), capacity (a fully associative LRU cache of the same size would also miss) and conflict
 * (the rest: the block was evicted only because of the set mapping or the replacement policy).
 *
 * AMAT is measured: every demand access adds the hit latency of each level it probes and the
 * memory latency if it reaches memory; AMAT = that total / CPU accesses. For the usual two-level
 * write-allocate case this equals t1 + m1 * (t2 + m2 * t_mem) with local miss rates.
 */
#ifndef SM_CACHESIM_H
#define SM_CACHESIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SM_CACHE_MAX_LEVELS 4

typedef enum sm_replacement { SM_REPL_LRU = 0, SM_REPL_FIFO = 1, SM_REPL_RANDOM = 2 } sm_replacement;
typedef enum sm_write_policy { SM_WRITE_BACK = 0, SM_WRITE_THROUGH = 1 } sm_write_policy;

typedef struct sm_cache_config {
    uint64_t size_bytes;     /* total data capacity */
    uint32_t block_bytes;    /* power of two */
    uint32_t associativity;  /* ways per set; 1 = direct-mapped; 0 = fully associative */
    int32_t replacement;     /* sm_replacement */
    int32_t write_policy;    /* sm_write_policy */
    int32_t write_allocate;  /* 1: a write miss fetches the block; 0: it is forwarded to the next level */
    double hit_latency;      /* cost of probing this level (cycles or ns: the caller's unit) */
    uint64_t seed;           /* for random replacement */
} sm_cache_config;

typedef struct sm_cache_stats {
    uint64_t accesses;       /* demand accesses that reached this level */
    uint64_t reads;
    uint64_t writes;
    uint64_t hits;
    uint64_t misses;
    uint64_t read_misses;
    uint64_t write_misses;
    uint64_t compulsory;     /* 3C split of misses (zero unless classification is on) */
    uint64_t capacity;
    uint64_t conflict;
    uint64_t evictions;
    uint64_t writebacks;     /* dirty blocks this level sent down */
    uint64_t writes_forwarded; /* write-through / no-allocate writes this level sent down */
} sm_cache_stats;

typedef struct sm_hierarchy_stats {
    uint64_t cpu_accesses;
    uint64_t memory_reads;   /* block fetches that reached memory */
    uint64_t memory_writes;  /* writebacks and forwarded writes that reached memory */
    double total_latency;
    double amat;             /* total_latency / cpu_accesses */
    uint64_t served_by[SM_CACHE_MAX_LEVELS + 1]; /* demand accesses satisfied by level i (last: memory) */
} sm_hierarchy_stats;

typedef struct sm_hierarchy sm_hierarchy;

/* Creates the hierarchy; on a bad configuration returns NULL and writes the reason to err. */
sm_hierarchy *sm_hierarchy_create(const sm_cache_config *levels, int level_count, double memory_latency,
                                  int classify_3c, char *err, size_t err_len);
void sm_hierarchy_destroy(sm_hierarchy *h);

/* One CPU access of `size` bytes at `addr`; an access spanning blocks touches each block once.
 * Returns the index of the level that served the (last) block: 0 = L1 ... level_count = memory. */
int sm_hierarchy_access(sm_hierarchy *h, uint64_t addr, uint32_t size, int is_write);

/* Zeroes the statistics but keeps the cache contents (to measure after a warm-up). */
void sm_hierarchy_reset_stats(sm_hierarchy *h);
int sm_hierarchy_level_count(const sm_hierarchy *h);
int sm_hierarchy_level_stats(const sm_hierarchy *h, int level, sm_cache_stats *out);
void sm_hierarchy_totals(const sm_hierarchy *h, sm_hierarchy_stats *out);

/* ---- Address traces ---- */

typedef enum sm_pattern_kind {
    SM_PATTERN_ROW_MAJOR = 0,      /* sum an n x n matrix row by row */
    SM_PATTERN_COLUMN_MAJOR = 1,   /* the same matrix column by column */
    SM_PATTERN_MATMUL_NAIVE = 2,   /* C = A * B, i-j-k loops */
    SM_PATTERN_MATMUL_BLOCKED = 3, /* C = A * B in tile x tile blocks */
    SM_PATTERN_STRIDED = 4,        /* `count` passes over span_bytes, one read every stride_bytes */
    SM_PATTERN_RANDOM = 5,         /* `count` reads at uniformly random elements of span_bytes */
    SM_PATTERN_POINTER_CHASE = 6,  /* `count` steps round a random cycle of span/stride nodes */
    SM_PATTERN_SEQUENTIAL_WRITE = 7, /* write every element of the n x n matrix once (initialisation) */
} sm_pattern_kind;

typedef struct sm_pattern {
    int32_t kind;
    uint32_t n;            /* matrix dimension (elements) */
    uint32_t elem_bytes;   /* matrix element size (8 for double) */
    uint32_t tile;         /* blocked multiply: tile edge in elements */
    uint64_t base;         /* address of the first matrix / buffer (A; B and C follow it) */
    uint64_t span_bytes;   /* strided, random, pointer chase: working-set size */
    uint64_t stride_bytes; /* strided: distance between reads; pointer chase: node size */
    uint64_t count;        /* strided: passes; random and chase: accesses */
    uint64_t seed;
} sm_pattern;

/* Feeds the pattern's accesses to h (or, if h is NULL, only counts them). Returns the number of
 * accesses, or -1 if the pattern is invalid. */
int64_t sm_run_pattern(sm_hierarchy *h, const sm_pattern *p);

/* Runs a trace file. One access per line: "<op> <address>[,<size>]" or "<op> <address> [<size>]",
 * op R/L (read), W/S (write), M (modify: read then write); I (instruction fetch) lines and lines
 * starting with '#', '=' or "--" are skipped; addresses are hex (with or without 0x). Returns the
 * number of accesses, or -1 with "file:line: reason" in err. */
int64_t sm_run_trace_file(sm_hierarchy *h, const char *path, char *err, size_t err_len);

/* ---- The real machine ---- */

/* The order of the pointer-chase cycle: next[i] is the node after node i (a single random cycle
 * through all `nodes`, Sattolo's algorithm). Shared by the simulator and the latency benchmark so
 * both walk the same path. Returns 0, or -1 on bad arguments. */
int sm_chase_order(uint64_t nodes, uint64_t seed, uint64_t *next);

/* Measures this machine: average nanoseconds (CPU time of the calling thread) per dependent load while
 * chasing the cycle through a span_bytes buffer (one node every stride_bytes), after one full warm-up
 * lap. Returns < 0 on error. */
double sm_memlat_ns(uint64_t span_bytes, uint64_t stride_bytes, uint64_t steps, uint64_t seed);

/* Links the chase: stores in node i (the first word of buf + i * stride_bytes) the address of node next[i].
 * Returns 0, or -1 on bad arguments. (sm_memlat_ns calls it; exposed for its tests.) */
int sm_chase_link(unsigned char *buf, uint64_t stride_bytes, const uint64_t *next, uint64_t nodes);

#ifdef __cplusplus
}
#endif

#endif /* SM_CACHESIM_H */
