/* cachesim: run the simulator on a trace file or a generated pattern from the command line.
 *
 *   cachesim --l1 32K:64:8 --l2 1M:64:8:lru:wb:wa:12 --mem 200 --pattern col --n 512
 *   cachesim --l1 4K:16:1:fifo --trace accesses.txt
 *
 * A level is SIZE:BLOCK:WAYS[:lru|fifo|random[:wb|wt[:wa|nwa[:LATENCY]]]] (WAYS 0 = fully
 * associative; SIZE takes K/M/G). Prints key=value lines: one block per level, then the totals. */
#include "cachesim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_size(const char *s, uint64_t *out) {
    char *end = NULL;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s) return -1;
    switch (*end) {
    case 'K': case 'k': v <<= 10; end++; break;
    case 'M': case 'm': v <<= 20; end++; break;
    case 'G': case 'g': v <<= 30; end++; break;
    default: break;
    }
    if (*end != '\0' && *end != ':') return -1;
    *out = v;
    return 0;
}

static int parse_level(const char *spec, sm_cache_config *c, double default_latency) {
    char buf[128];
    if (strlen(spec) >= sizeof buf) return -1;
    strcpy(buf, spec);
    memset(c, 0, sizeof *c);
    c->replacement = SM_REPL_LRU;
    c->write_policy = SM_WRITE_BACK;
    c->write_allocate = 1;
    c->hit_latency = default_latency;
    c->seed = 1;
    char *save = NULL;
    int field = 0;
    for (char *tok = strtok_r(buf, ":", &save); tok; tok = strtok_r(NULL, ":", &save), field++) {
        uint64_t v = 0;
        switch (field) {
        case 0: if (parse_size(tok, &c->size_bytes) != 0) return -1; break;
        case 1: if (parse_size(tok, &v) != 0) return -1; c->block_bytes = (uint32_t)v; break;
        case 2: if (parse_size(tok, &v) != 0) return -1; c->associativity = (uint32_t)v; break;
        case 3:
            if (strcmp(tok, "lru") == 0) c->replacement = SM_REPL_LRU;
            else if (strcmp(tok, "fifo") == 0) c->replacement = SM_REPL_FIFO;
            else if (strcmp(tok, "random") == 0) c->replacement = SM_REPL_RANDOM;
            else return -1;
            break;
        case 4:
            if (strcmp(tok, "wb") == 0) c->write_policy = SM_WRITE_BACK;
            else if (strcmp(tok, "wt") == 0) c->write_policy = SM_WRITE_THROUGH;
            else return -1;
            break;
        case 5:
            if (strcmp(tok, "wa") == 0) c->write_allocate = 1;
            else if (strcmp(tok, "nwa") == 0) c->write_allocate = 0;
            else return -1;
            break;
        case 6: c->hit_latency = strtod(tok, NULL); break;
        default: return -1;
        }
    }
    return field >= 3 ? 0 : -1;
}

static int usage(const char *why) {
    if (why) fprintf(stderr, "cachesim: %s\n", why);
    fprintf(stderr,
            "usage: cachesim --l1 SPEC [--l2 SPEC] [--l3 SPEC] [--mem LATENCY] [--no-3c]\n"
            "                (--trace FILE | --pattern row|col|matmul|blocked|strided|random|chase\n"
            "                 [--n N] [--tile T] [--span BYTES] [--stride BYTES] [--count N] [--seed S])\n"
            "  SPEC = SIZE:BLOCK:WAYS[:lru|fifo|random[:wb|wt[:wa|nwa[:LATENCY]]]]  (WAYS 0 = fully associative)\n");
    return 2;
}

int main(int argc, char **argv) {
    sm_cache_config levels[SM_CACHE_MAX_LEVELS];
    int count = 0, classify = 1;
    double mem = 100;
    const char *trace = NULL, *pattern = NULL;
    sm_pattern p = {0, 256, 8, 16, 0, 1 << 20, 64, 1, 1};
    const double default_latency[] = {4, 14, 50, 100};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--no-3c") == 0) { classify = 0; continue; }
        if (v == NULL) return usage("missing value");
        i++;
        uint64_t x = 0;
        if (strncmp(a, "--l", 3) == 0 && a[3] >= '1' && a[3] <= '4' && a[4] == '\0') {
            int li = a[3] - '1';
            if (li != count) return usage("levels must be given in order --l1, --l2, ...");
            if (parse_level(v, &levels[count], default_latency[li]) != 0) return usage("bad level specification");
            count++;
        } else if (strcmp(a, "--mem") == 0) mem = strtod(v, NULL);
        else if (strcmp(a, "--trace") == 0) trace = v;
        else if (strcmp(a, "--pattern") == 0) pattern = v;
        else if (parse_size(v, &x) != 0) return usage("bad number");
        else if (strcmp(a, "--n") == 0) p.n = (uint32_t)x;
        else if (strcmp(a, "--tile") == 0) p.tile = (uint32_t)x;
        else if (strcmp(a, "--span") == 0) p.span_bytes = x;
        else if (strcmp(a, "--stride") == 0) p.stride_bytes = x;
        else if (strcmp(a, "--count") == 0) p.count = x;
        else if (strcmp(a, "--seed") == 0) p.seed = x;
        else return usage("unknown option");
    }
    if (count == 0) return usage("at least --l1 is needed");
    if ((trace == NULL) == (pattern == NULL)) return usage("give exactly one of --trace and --pattern");

    char err[512];
    sm_hierarchy *h = sm_hierarchy_create(levels, count, mem, classify, err, sizeof err);
    if (h == NULL) {
        fprintf(stderr, "cachesim: %s\n", err);
        return 1;
    }
    int64_t n;
    if (trace) {
        n = sm_run_trace_file(h, trace, err, sizeof err);
    } else {
        static const char *names[] = {"row", "col", "matmul", "blocked", "strided", "random", "chase"};
        p.kind = -1;
        for (int k = 0; k < 7; k++)
            if (strcmp(pattern, names[k]) == 0) p.kind = k;
        if (p.kind < 0) {
            sm_hierarchy_destroy(h);
            return usage("unknown pattern");
        }
        n = sm_run_pattern(h, &p);
        if (n < 0) snprintf(err, sizeof err, "invalid parameters for pattern %s", pattern);
    }
    if (n < 0) {
        fprintf(stderr, "cachesim: %s\n", err);
        sm_hierarchy_destroy(h);
        return 1;
    }
    for (int li = 0; li < count; li++) {
        sm_cache_stats s;
        sm_hierarchy_level_stats(h, li, &s);
        printf("L%d.accesses=%llu L%d.hits=%llu L%d.misses=%llu L%d.miss_rate=%.6f L%d.compulsory=%llu "
               "L%d.capacity=%llu L%d.conflict=%llu L%d.writebacks=%llu\n",
               li + 1, (unsigned long long)s.accesses, li + 1, (unsigned long long)s.hits, li + 1,
               (unsigned long long)s.misses, li + 1, s.accesses ? (double)s.misses / (double)s.accesses : 0.0, li + 1,
               (unsigned long long)s.compulsory, li + 1, (unsigned long long)s.capacity, li + 1,
               (unsigned long long)s.conflict, li + 1, (unsigned long long)s.writebacks);
    }
    sm_hierarchy_stats t;
    sm_hierarchy_totals(h, &t);
    printf("accesses=%llu memory_reads=%llu memory_writes=%llu amat=%.4f\n", (unsigned long long)t.cpu_accesses,
           (unsigned long long)t.memory_reads, (unsigned long long)t.memory_writes, t.amat);
    sm_hierarchy_destroy(h);
    return 0;
}
