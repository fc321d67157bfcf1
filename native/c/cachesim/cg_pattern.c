/* The access patterns of the simulator, executed for real, for valgrind's cachegrind:
 *
 *   valgrind --tool=cachegrind --cache-sim=yes --D1=49152,12,64 --LL=1048576,8,64 \
 *            --cachegrind-out-file=cg.out ./cg_pattern col 512
 *
 * Each walk is its own non-inlined function reading a buffer aligned to 2 MiB, so the per-function
 * counts in cg.out (fn=walk_*) are exactly the walk's data reads, and the addresses agree with the
 * simulator's (base 0) modulo 2 MiB — enough for identical set indices. The buffer is first written
 * sequentially by fill() (the simulator replays that as a warm-up before it counts).
 *
 * Usage: cg_pattern row|col N            sum an N x N matrix of doubles
 *        cg_pattern strided SPAN STRIDE  one pass, one read every STRIDE bytes
 *        cg_pattern random SPAN COUNT    COUNT reads of random doubles (seed 1, the simulator's generator) */
#define _POSIX_C_SOURCE 200112L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))

static NOINLINE void fill(double *buf, uint64_t elems) {
    for (uint64_t i = 0; i < elems; i++) buf[i] = (double)(i & 1023);
}

static NOINLINE double walk_rows(const double *m, uint64_t n) {
    double sum = 0;
    for (uint64_t i = 0; i < n; i++)
        for (uint64_t j = 0; j < n; j++) sum += m[i * n + j];
    return sum;
}

static NOINLINE double walk_cols(const double *m, uint64_t n) {
    double sum = 0;
    for (uint64_t j = 0; j < n; j++)
        for (uint64_t i = 0; i < n; i++) sum += m[i * n + j];
    return sum;
}

static NOINLINE double walk_strided(const double *buf, uint64_t span, uint64_t stride) {
    double sum = 0;
    const unsigned char *base = (const unsigned char *)buf;
    for (uint64_t off = 0; off < span; off += stride) sum += *(const double *)(base + off);
    return sum;
}

static uint64_t splitmix(uint64_t *s) {
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static NOINLINE double walk_random(const double *buf, uint64_t elems, uint64_t count) {
    double sum = 0;
    uint64_t s = 1;
    for (uint64_t i = 0; i < count; i++) sum += buf[splitmix(&s) % elems];
    return sum;
}

static int usage(void) {
    fprintf(stderr, "usage: cg_pattern row|col N | strided SPAN STRIDE | random SPAN COUNT\n");
    return 2;
}

int main(int argc, char **argv) {
    if (argc != 3 && argc != 4) return usage();
    const char *kind = argv[1];
    uint64_t a = strtoull(argv[2], NULL, 10), b = argc == 4 ? strtoull(argv[3], NULL, 10) : 0;
    int matrix = strcmp(kind, "row") == 0 || strcmp(kind, "col") == 0;
    if (a == 0 || (matrix && argc != 3) || (!matrix && (argc != 4 || b == 0))) return usage();
    uint64_t bytes = matrix ? a * a * sizeof(double) : a;
    double *buf = NULL;
    if (posix_memalign((void **)&buf, 1 << 21, bytes) != 0) {
        fprintf(stderr, "cg_pattern: cannot allocate %llu bytes\n", (unsigned long long)bytes);
        return 1;
    }
    fill(buf, bytes / sizeof(double));
    double sum;
    if (strcmp(kind, "row") == 0) sum = walk_rows(buf, a);
    else if (strcmp(kind, "col") == 0) sum = walk_cols(buf, a);
    else if (strcmp(kind, "strided") == 0) sum = walk_strided(buf, a, b);
    else if (strcmp(kind, "random") == 0) sum = walk_random(buf, a / sizeof(double), b);
    else {
        free(buf);
        return usage();
    }
    printf("%s: sum %.0f, buffer at %p\n", kind, sum, (void *)buf);
    free(buf);
    return 0;
}
