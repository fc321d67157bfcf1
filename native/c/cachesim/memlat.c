/* The working-set latency benchmark: dependent loads round a random cycle (so neither the
 * out-of-order core nor the prefetchers can hide the latency), one node per cache line, for a
 * growing buffer. Where the buffer outgrows a cache level the time per load steps up. */
#define _DEFAULT_SOURCE
#include "cachesim.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <string.h>
#include <time.h>

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); /* a stalled load is CPU time; waiting for a core is not */
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Keeps the final pointer observable so the chase cannot be optimised away. */
static void *volatile sink;

/* Stores in node i (the first word of buf + i * stride) the address of node next[i]: following the pointers from
 * node 0 then visits the nodes in the cycle's order, each load depending on the one before. 0, or -1 on bad input. */
int sm_chase_link(unsigned char *buf, uint64_t stride_bytes, const uint64_t *next, uint64_t nodes) {
    if (buf == NULL || next == NULL || stride_bytes < sizeof(void *)) return -1;
    /* EXERCISE 4.5-1d: link node i to node next[i] with a pointer stored in the node, so each load depends on the one before (tests: CacheSimulatorComponentTests.Chase_cycle) */
    for (uint64_t i = 0; i < nodes; i++) *(void **)(buf + i * stride_bytes) = buf + next[i] * stride_bytes;
    return 0;
    /* END EXERCISE */
}

double sm_memlat_ns(uint64_t span_bytes, uint64_t stride_bytes, uint64_t steps, uint64_t seed) {
    if (stride_bytes < sizeof(void *) || span_bytes < stride_bytes || steps == 0) return -1.0;
    uint64_t nodes = span_bytes / stride_bytes;
    unsigned char *buf = NULL;
    /* Aligned like the simulator's base address 0, so set indices agree with the prediction. */
    if (posix_memalign((void **)&buf, 1 << 21, nodes * stride_bytes) != 0) return -2.0;
    /* Ask for 2 MiB pages (transparent huge pages): with 4 KiB pages a large random walk also
     * misses the TLB on almost every load — in a VM a two-dimensional page walk — and that cost
     * would be mixed into the cache plateaus. The kernel may ignore the hint; that is fine. */
    madvise(buf, nodes * stride_bytes, MADV_HUGEPAGE);
    uint64_t *next = malloc(nodes * sizeof *next);
    if (next == NULL || sm_chase_order(nodes, seed, next) != 0) {
        free(next);
        free(buf);
        return -2.0;
    }
    int linked = sm_chase_link(buf, stride_bytes, next, nodes);
    free(next);
    if (linked != 0) {
        free(buf);
        return -3.0;
    }

    void **p = (void **)buf;
    for (uint64_t i = 0; i < nodes; i++) p = *p; /* warm-up lap: every node touched once */
    double start = now_ns();
    for (uint64_t i = 0; i < steps; i++) p = *p;
    double elapsed = now_ns() - start;
    sink = p;
    free(buf);
    return elapsed / (double)steps;
}
