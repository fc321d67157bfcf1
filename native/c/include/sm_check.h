/* The checks of the native ctest programs. Plain C, no framework: a failed check prints its file,
 * line and expression (and, for the F forms, a printf-style message) and the program carries on;
 * check_summary() prints the tally and gives the exit status, 0 only when every check held.
 * Include it in exactly one translation unit of a test program. */
#ifndef SM_CHECK_H
#define SM_CHECK_H

#include <stdarg.h>
#include <stdio.h>

static int check_count, check_failures;

static inline void check_failed(const char *file, int line, const char *expr)
{
    check_failures++;
    fprintf(stderr, "%s:%d: CHECK(%s) failed\n", file, line, expr);
}

__attribute__((format(printf, 4, 5)))
static inline void check_failedf(const char *file, int line, const char *expr, const char *fmt, ...)
{
    check_failures++;
    fprintf(stderr, "%s:%d: CHECK(%s) failed: ", file, line, expr);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* CHECK(cond): counts the check; reports it if cond is false. */
#define CHECK(cond)                                                       \
    do {                                                                  \
        check_count++;                                                    \
        if (!(cond)) check_failed(__FILE__, __LINE__, #cond);             \
    } while (0)

/* CHECKF(cond, fmt, ...): the same, with a message saying what was seen. */
#define CHECKF(cond, ...)                                                 \
    do {                                                                  \
        check_count++;                                                    \
        if (!(cond)) check_failedf(__FILE__, __LINE__, #cond, __VA_ARGS__); \
    } while (0)

/* REQUIREF(cond, fmt, ...): CHECKF that also returns from the (void) test function on failure,
 * for checks whose failure makes the rest of the test meaningless. */
#define REQUIREF(cond, ...)                                               \
    do {                                                                  \
        check_count++;                                                    \
        if (!(cond)) {                                                    \
            check_failedf(__FILE__, __LINE__, #cond, __VA_ARGS__);        \
            return;                                                       \
        }                                                                 \
    } while (0)

/* Prints "<suite>: N checks, F failed" and returns the exit status for main. */
static inline int check_summary(const char *suite)
{
    printf("%s: %d checks, %d failed\n", suite, check_count, check_failures);
    return check_failures == 0 ? 0 : 1;
}

#endif
