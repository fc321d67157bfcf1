/*
 * journal — an append-only journal that survives crashes (goal 1.1.1-2).
 *
 *   journal --dir DIR [--count N] [--batch B] [--payload P] [--checkpoint-every K] [--rate R]
 *           [--seed S] [--verify-all] [--fault segv-null|segv-stack|sigbus --fault-after M]
 *
 * Appends records (length, CRC-32C, seq, payload) to DIR/journal.dat in batches; after each batch it
 * fsyncs and only then prints "ack seq=… offset=…" — an acknowledged record is durable. Every K
 * batches it writes DIR/checkpoint (the state at a record boundary, atomically replaced).
 *
 * On start it recovers: loads the checkpoint, replays the records after it, and stops at the first
 * torn or corrupt one (CRC, length, seq); that tail is copied to DIR/discarded-<offset>.<n>.bin
 * and truncated away. It prints one "recovered …" line saying what it kept and what it discarded,
 * then fsyncs and checkpoints what it replayed, so the next recovery starts from there.
 *
 * Signals: SIGTERM/SIGINT finish the batch, checkpoint and exit 0; SIGHUP reopens DIR/journal.log
 * (after a rename by logrotate); SIGSEGV/SIGBUS, handled on an alternate stack so that a stack
 * overflow is caught too, write DIR/crash.marker and exit 128+signal. Handlers only set flags, write
 * one byte to a self-pipe, or (crash) use open/write/fsync/close/_exit — all async-signal-safe.
 *
 * Every file it creates in DIR (journal.dat, the running marker, a quarantined tail, the checkpoint, the
 * crash marker) is followed by an fsync of DIR itself: fsync of a file makes its bytes durable, not its name.
 *
 * Exit codes: 0 done or stopped by signal, 2 usage or I/O error, 3 corruption that recovery must not
 * repair by itself (a checkpointed record is damaged, or the journal is shorter than the checkpoint).
 *
 * --planted-bug skip-dir-fsync leaves those directory fsyncs out (journal.dat, running, quarantine):
 * the bug the fsync-order test (tests/test_journal_fsync_order.c) must catch.
 */
#define _GNU_SOURCE
#include "journal_format.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- state shared with the signal handlers ------------------------------------------------ */

static volatile sig_atomic_t stop_signal;  /* SIGTERM or SIGINT, once received */
static volatile sig_atomic_t reopen_log;   /* SIGHUP received */
static int wake_pipe[2] = { -1, -1 };      /* self-pipe: wakes a sleeping main loop */
static volatile uint64_t crash_seq;        /* last record written, for the crash marker */
static char crash_marker_path[4096];
static char crash_dir_path[4096];         /* DIR, synced after the crash marker is written */
static int planted_skip_dir_fsync;        /* --planted-bug skip-dir-fsync */
static char altstack[64 * 1024];

typedef struct {
    const char *dir;
    long long count; /* records to append this run; -1 = until signalled */
    unsigned batch;
    unsigned payload;
    unsigned checkpoint_every;
    double rate; /* batches per second; 0 = as fast as possible */
    uint64_t seed;
    int verify_all;
    const char *fault;
    long long fault_after;
} options;

typedef struct {
    int fd;
    int log_fd;
    char log_path[4096];
    uint64_t last_seq;
    uint64_t offset;
    int64_t state;
} journal;

static void die(int code, const char *format, ...) __attribute__((noreturn, format(printf, 2, 3)));

static void die(int code, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fputs("journal: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
    exit(code);
}

static uint64_t now_us(int clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void log_line(journal *j, const char *format, ...) __attribute__((format(printf, 2, 3)));

static void log_line(journal *j, const char *format, ...)
{
    if (j->log_fd < 0)
        return;
    char line[1024];
    int n = snprintf(line, sizeof line, "%" PRIu64 " pid=%d ", now_us(CLOCK_REALTIME) / 1000u, (int)getpid());
    va_list args;
    va_start(args, format);
    n += vsnprintf(line + n, sizeof line - (size_t)n - 1, format, args);
    va_end(args);
    if (n > (int)sizeof line - 2)
        n = (int)sizeof line - 2;
    line[n++] = '\n';
    if (write(j->log_fd, line, (size_t)n) < 0) {
        /* The log is advisory; the journal and stdout carry the facts. */
    }
}

static void open_log(journal *j)
{
    j->log_fd = open(j->log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (j->log_fd < 0)
        die(2, "cannot open log %s: %s", j->log_path, strerror(errno));
}

/* ---- signal handlers ---------------------------------------------------------------------- */

static void wake_main_loop(void)
{
    int saved = errno;
    if (write(wake_pipe[1], "!", 1) < 0) {
        /* The pipe is full: the main loop has a wake-up pending already. */
    }
    errno = saved;
}

/* Helpers that only exercise regions call are marked unused: a stubbed region must still build with -Werror. */
#define EXERCISE_HELPER __attribute__((unused))

EXERCISE_HELPER static size_t append_text(char *buffer, size_t at, const char *text)
{
    while (*text)
        buffer[at++] = *text++;
    return at;
}

EXERCISE_HELPER static size_t append_number(char *buffer, size_t at, uint64_t value)
{
    char digits[20];
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + value % 10u);
        value /= 10u;
    } while (value > 0);
    while (n > 0)
        buffer[at++] = digits[--n];
    return at;
}

static void on_stop_signal(int signal_number)
{
    /* Only what is async-signal-safe: record the signal in a sig_atomic_t flag and wake the main loop through the
       self-pipe; the main loop does the rest. */
    stop_signal = signal_number;
    wake_main_loop();
}

static void on_hangup(int signal_number)
{
    (void)signal_number;
    reopen_log = 1;
    wake_main_loop();
}

static void on_crash(int signal_number)
{
    /* EXERCISE 1.1.1-2c: running on the alternate stack, write "signal=N seq=S" to the crash marker with
       open/write/fsync/close only (no stdio, no malloc), fsync the folder, then leave with _exit(128 + signal)
       (tests: JournalTests.A_crash_signal*) */
    char line[64];
    size_t n = append_text(line, 0, "signal=");
    n = append_number(line, n, (uint64_t)signal_number);
    n = append_text(line, n, " seq=");
    n = append_number(line, n, crash_seq);
    line[n++] = '\n';
    int fd = open(crash_marker_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0) {
        if (write(fd, line, n) < 0) {
            /* Nothing more can be done from here. */
        }
        fsync(fd);
        close(fd);
        int dir = open(crash_dir_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC); /* the marker's name, too */
        if (dir >= 0) {
            fsync(dir);
            close(dir);
        }
    }
    _exit(128 + signal_number);
    /* END EXERCISE */
}

static void install_handlers(void)
{
    if (pipe(wake_pipe) < 0)
        die(2, "pipe: %s", strerror(errno));
    for (int i = 0; i < 2; i++) {
        fcntl(wake_pipe[i], F_SETFL, fcntl(wake_pipe[i], F_GETFL) | O_NONBLOCK);
        fcntl(wake_pipe[i], F_SETFD, FD_CLOEXEC);
    }

    stack_t stack = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
    if (sigaltstack(&stack, NULL) < 0)
        die(2, "sigaltstack: %s", strerror(errno));

    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    action.sa_handler = on_stop_signal;
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    action.sa_handler = on_hangup;
    sigaction(SIGHUP, &action, NULL);

    action.sa_flags = SA_ONSTACK | SA_RESETHAND;
    action.sa_handler = on_crash;
    sigaction(SIGSEGV, &action, NULL);
    sigaction(SIGBUS, &action, NULL);

    signal(SIGPIPE, SIG_IGN); /* a reader that went away must not kill us mid-batch */
}

static void drain_wake_pipe(void)
{
    char buffer[64];
    while (read(wake_pipe[0], buffer, sizeof buffer) > 0) {
    }
}

/* Sleeps until the deadline (CLOCK_MONOTONIC µs) or until a signal arrives through the self-pipe. */
static void wait_until(uint64_t deadline_us)
{
    for (;;) {
        if (stop_signal || reopen_log)
            return;
        uint64_t now = now_us(CLOCK_MONOTONIC);
        if (now >= deadline_us)
            return;
        uint64_t left = deadline_us - now;
        struct timespec timeout = { .tv_sec = (time_t)(left / 1000000u), .tv_nsec = (long)(left % 1000000u) * 1000 };
        struct pollfd p = { .fd = wake_pipe[0], .events = POLLIN };
        int rc = ppoll(&p, 1, &timeout, NULL);
        if (rc > 0)
            drain_wake_pipe();
    }
}

/* ---- injected crashes (--fault) ----------------------------------------------------------- */

static volatile uint64_t recursion_budget = UINT64_MAX;

static int overflow_stack(volatile char *previous)
{
    volatile char frame[4096];
    frame[0] = previous != NULL ? (char)(previous[0] + 1) : 0;
    if (recursion_budget-- == 0)
        return frame[0];
    return overflow_stack(frame) + frame[100]; /* not a tail call: every level keeps its frame */
}

/* A real null-pointer store (UBSan's null check would report it before the CPU faults). */
__attribute__((no_sanitize("null"), noinline)) static void store_through_null(void)
{
    volatile int *volatile nowhere = NULL;
    *nowhere = 42;
}

static void trigger_fault(journal *j, const char *fault, const char *dir)
{
    log_line(j, "fault %s at seq=%" PRIu64, fault, j->last_seq);
    if (strcmp(fault, "segv-null") == 0) {
        store_through_null();
    } else if (strcmp(fault, "segv-stack") == 0) {
        overflow_stack(NULL);
    } else if (strcmp(fault, "sigbus") == 0) {
        /* Touching a mapped page that lies past the end of its file raises SIGBUS. */
        char path[4096];
        snprintf(path, sizeof path, "%s/bus.tmp", dir);
        int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0)
            die(2, "cannot create %s: %s", path, strerror(errno));
        volatile char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (page == MAP_FAILED)
            die(2, "mmap: %s", strerror(errno));
        unlink(path);
        page[0] = 1;
    }
    die(2, "fault '%s' did not crash the process", fault);
}

/* ---- recovery ----------------------------------------------------------------------------- */

static void path_in(char *out, size_t size, const char *dir, const char *name)
{
    if (snprintf(out, size, "%s/%s", dir, name) >= (int)size)
        die(2, "path too long: %s/%s", dir, name);
}

/* Makes the names just created (or removed) in DIR durable; `what` says which, for the error. */
static void sync_dir(const char *dir, const char *what)
{
    if (planted_skip_dir_fsync)
        return;
    if (journal_fsync_directory(dir) < 0)
        die(2, "cannot fsync the folder %s after %s: %s", dir, what, strerror(errno));
}

/* Copies the bytes about to be truncated into DIR/discarded-<offset>.<n>.bin and fsyncs it:
   a torn tail is removed from the journal, but never silently thrown away. */
EXERCISE_HELPER static void quarantine_tail(int fd, const char *dir, uint64_t from, uint64_t to, char *saved_as, size_t saved_size)
{
    int out = -1;
    for (int n = 0; out < 0 && n < 1000; n++) {
        char name[128];
        snprintf(name, sizeof name, "discarded-%" PRIu64 ".%d.bin", from, n);
        path_in(saved_as, saved_size, dir, name);
        out = open(saved_as, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (out < 0 && errno != EEXIST)
            die(2, "cannot create %s: %s", saved_as, strerror(errno));
    }
    if (out < 0)
        die(2, "too many discarded-%" PRIu64 ".*.bin files in %s", from, dir);
    uint8_t buffer[8192];
    for (uint64_t at = from; at < to;) {
        ssize_t n = pread(fd, buffer, (size_t)((to - at) < sizeof buffer ? (to - at) : sizeof buffer), (off_t)at);
        if (n <= 0)
            die(2, "cannot read the journal tail at offset %" PRIu64 ": %s", at, n < 0 ? strerror(errno) : "unexpected end");
        if (write(out, buffer, (size_t)n) != n)
            die(2, "cannot write %s: %s", saved_as, strerror(errno));
        at += (uint64_t)n;
    }
    if (fsync(out) < 0 || close(out) < 0)
        die(2, "cannot sync %s: %s", saved_as, strerror(errno));
    /* The copy's name must be durable before the journal is truncated: else a power cut could lose both. */
    sync_dir(dir, "quarantining the tail");
}

static const char *previous_run(const char *dir, int *crash_signal)
{
    char path[4096];
    *crash_signal = 0;
    path_in(path, sizeof path, dir, "crash.marker");
    FILE *marker = fopen(path, "r");
    if (marker != NULL) {
        if (fscanf(marker, "signal=%d", crash_signal) != 1)
            *crash_signal = -1;
        fclose(marker);
        return "crashed";
    }
    path_in(path, sizeof path, dir, "running");
    return access(path, F_OK) == 0 ? "killed" : "clean";
}

static void write_checkpoint(journal *j, const options *o);

static void recover(journal *j, const options *o)
{
    uint64_t started = now_us(CLOCK_MONOTONIC);
    int crash_signal;
    const char *previous = previous_run(o->dir, &crash_signal);

    journal_checkpoint checkpoint = { 0, 0, 0 };
    int rc = journal_checkpoint_read(o->dir, &checkpoint);
    const char *checkpoint_status = "ok";
    if (rc == 1) {
        checkpoint_status = "none";
    } else if (rc == -2) {
        /* The journal is the source of truth: a damaged checkpoint only costs a longer replay. */
        checkpoint_status = "corrupt-ignored";
        memset(&checkpoint, 0, sizeof checkpoint);
    } else if (rc < 0) {
        die(2, "cannot read %s/checkpoint: %s", o->dir, strerror(errno));
    }

    struct stat st;
    if (fstat(j->fd, &st) < 0)
        die(2, "fstat journal.dat: %s", strerror(errno));
    if (checkpoint.offset > (uint64_t)st.st_size)
        die(3, "%s/checkpoint covers records up to seq %" PRIu64 " (offset %" PRIu64 "), but journal.dat holds only %lld bytes: "
               "checkpointed records are missing; restore the journal from a backup",
            o->dir, checkpoint.seq, checkpoint.offset, (long long)st.st_size);

    journal_scan_result scan;
    if (o->verify_all) {
        if (journal_scan(j->fd, 0, 1, &scan) < 0)
            die(2, "cannot read journal.dat: %s", strerror(errno));
        if (scan.valid_end < checkpoint.offset)
            die(3, "%s/journal.dat: record at offset %" PRIu64 " (seq %" PRIu64 ") is damaged (%s), but the checkpoint covers it "
                   "(up to offset %" PRIu64 "): refusing to truncate acknowledged records",
                o->dir, scan.valid_end, scan.last_seq + 1, journal_stop_reason_name(scan.stop), checkpoint.offset);
    }

    char saved_as[4096] = "";
    /* EXERCISE 1.1.1-2d: replay from the checkpoint; if the scan stopped at a torn or corrupt record, quarantine
       the tail, truncate the journal to the last valid record and fsync it (tests: JournalTests.A_record_with_a_bad_CRC*,
       JournalTests.SIGKILL*) */
    if (journal_scan(j->fd, checkpoint.offset, checkpoint.seq + 1, &scan) < 0)
        die(2, "cannot read journal.dat: %s", strerror(errno));
    if (scan.discarded_bytes > 0) {
        quarantine_tail(j->fd, o->dir, scan.valid_end, scan.file_size, saved_as, sizeof saved_as);
        if (ftruncate(j->fd, (off_t)scan.valid_end) < 0 || fsync(j->fd) < 0)
            die(2, "cannot truncate journal.dat to %" PRIu64 ": %s", scan.valid_end, strerror(errno));
    }
    j->last_seq = scan.last_seq;
    j->offset = scan.valid_end;
    j->state = checkpoint.state + scan.state_delta;
    /* END EXERCISE */

    if (o->verify_all) {
        journal_scan_result full;
        if (journal_scan(j->fd, 0, 1, &full) < 0)
            die(2, "cannot read journal.dat: %s", strerror(errno));
        if (full.last_seq != j->last_seq || full.state_delta != j->state)
            die(3, "%s: the checkpoint (seq %" PRIu64 ", state %" PRId64 ") disagrees with the journal: a full replay gives seq %" PRIu64 ", state %" PRId64,
                o->dir, checkpoint.seq, checkpoint.state, full.last_seq, full.state_delta);
    }
    crash_seq = j->last_seq;

    uint64_t elapsed = now_us(CLOCK_MONOTONIC) - started;
    printf("recovered previous_run=%s crash_signal=%d checkpoint=%s checkpoint_seq=%" PRIu64 " replayed=%" PRIu64
           " last_seq=%" PRIu64 " state=%" PRId64 " offset=%" PRIu64 " discarded_bytes=%" PRIu64 " discarded_records=%" PRIu64
           " stop=%s recovery_us=%" PRIu64 "\n",
        previous, crash_signal, checkpoint_status, checkpoint.seq, scan.records, j->last_seq, j->state, j->offset,
        scan.discarded_bytes, scan.discarded_records, journal_stop_reason_name(scan.stop), elapsed);
    fflush(stdout);
    log_line(j, "recovered previous_run=%s last_seq=%" PRIu64 " discarded_bytes=%" PRIu64 " quarantined=%s",
        previous, j->last_seq, scan.discarded_bytes, saved_as[0] ? saved_as : "-");

    /* Make what was replayed durable and checkpoint it, so the next recovery does not replay it again
       (records written but never fsync'd by the previous run become durable only here). */
    if (scan.records > 0 || scan.discarded_bytes > 0) {
        if (fdatasync(j->fd) < 0)
            die(2, "fdatasync journal.dat: %s", strerror(errno));
        write_checkpoint(j, o);
    }

    char path[4096];
    path_in(path, sizeof path, o->dir, "crash.marker");
    unlink(path);
    path_in(path, sizeof path, o->dir, "running");
    int running = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (running < 0)
        die(2, "cannot create %s: %s", path, strerror(errno));
    close(running);
    /* The marker (and the crash marker's removal) must be on disk before the first record: after a power
       cut, "running" is how the next start knows this run did not end cleanly. */
    sync_dir(o->dir, "creating the running marker");
}

/* ---- appending ---------------------------------------------------------------------------- */

EXERCISE_HELPER static void write_all(int fd, const uint8_t *data, size_t length)
{
    while (length > 0) {
        ssize_t n = write(fd, data, length);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            die(2, "write to journal.dat failed: %s", strerror(errno));
        }
        data += n;
        length -= (size_t)n;
    }
}

static void write_checkpoint(journal *j, const options *o)
{
    journal_checkpoint c = { .seq = j->last_seq, .offset = j->offset, .state = j->state };
    if (journal_checkpoint_write(o->dir, &c) < 0)
        die(2, "cannot write %s/checkpoint: %s", o->dir, strerror(errno));
    printf("checkpoint seq=%" PRIu64 " offset=%" PRIu64 " state=%" PRId64 "\n", c.seq, c.offset, c.state);
    fflush(stdout);
    log_line(j, "checkpoint seq=%" PRIu64 " offset=%" PRIu64, c.seq, c.offset);
}

/* Appends record j->last_seq + 1 as two writes, header then payload, so that a kill between them tears it. */
static void append_record(journal *j, const options *o, uint8_t *record, uint8_t *payload)
{
    /* EXERCISE 1.1.1-2e: encode the next record and append it in two writes (header, then payload), then advance
       the journal's seq, offset and state (tests: JournalTests.SIGKILL*, JournalTests.Experiment*) */
    uint64_t seq = j->last_seq + 1;
    journal_make_payload(payload, o->payload, o->seed, seq);
    journal_encode(record, seq, payload, o->payload);
    write_all(j->fd, record, JOURNAL_HEADER_SIZE);
    write_all(j->fd, record + JOURNAL_HEADER_SIZE, o->payload);
    j->last_seq = seq;
    j->offset += JOURNAL_HEADER_SIZE + o->payload;
    j->state += journal_payload_amount(payload);
    crash_seq = seq;
    /* END EXERCISE */
}

/* Makes the batch durable, then acknowledges it. */
static void commit_batch(journal *j)
{
    /* EXERCISE 1.1.1-2e: fdatasync the journal and only then print "ack seq=S offset=O": an acknowledged record is
       durable (tests: JournalTests.SIGKILL*) */
    if (fdatasync(j->fd) < 0)
        die(2, "fdatasync journal.dat: %s", strerror(errno));
    printf("ack seq=%" PRIu64 " offset=%" PRIu64 "\n", j->last_seq, j->offset);
    fflush(stdout);
    /* END EXERCISE */
}

static void run(journal *j, const options *o)
{
    size_t record_size = JOURNAL_HEADER_SIZE + o->payload;
    uint8_t *record = malloc(record_size);
    uint8_t *payload = malloc(o->payload);
    if (record == NULL || payload == NULL)
        die(2, "out of memory");
    long long appended = 0;
    unsigned batches = 0;
    uint64_t next_batch = now_us(CLOCK_MONOTONIC);

    /* Batches until --count records or a stop signal; the signal flags are read between batches. */
    while (!stop_signal && (o->count < 0 || appended < o->count)) {
        if (reopen_log) {
            reopen_log = 0;
            close(j->log_fd);
            open_log(j);
            log_line(j, "log reopened on SIGHUP");
        }
        for (unsigned i = 0; i < o->batch && (o->count < 0 || appended < o->count); i++) {
            append_record(j, o, record, payload);
            appended++;
            if (o->fault != NULL && appended == o->fault_after) /* the injected crash (--fault): a test hook */
                trigger_fault(j, o->fault, o->dir);
        }
        commit_batch(j);
        if (++batches % o->checkpoint_every == 0)
            write_checkpoint(j, o);
        if (o->rate > 0) {
            next_batch += (uint64_t)(1e6 / o->rate);
            wait_until(next_batch);
        }
    }
    free(record);
    free(payload);
}

/* ---- main --------------------------------------------------------------------------------- */

static long long parse_number(const char *flag, const char *text, long long min, long long max)
{
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max)
        die(2, "%s expects an integer in [%lld, %lld], got '%s'", flag, min, max, text);
    return v;
}

static void usage(void)
{
    fprintf(stderr,
        "usage: journal --dir DIR [--count N (-1: until SIGTERM)] [--batch B] [--payload BYTES]\n"
        "               [--checkpoint-every BATCHES] [--rate BATCHES_PER_S] [--seed S] [--verify-all]\n"
        "               [--fault segv-null|segv-stack|sigbus --fault-after RECORDS] [--planted-bug skip-dir-fsync]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    options o = { .dir = NULL, .count = -1, .batch = 8, .payload = 32, .checkpoint_every = 16, .rate = 0, .seed = 1,
                  .verify_all = 0, .fault = NULL, .fault_after = 1 };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--verify-all") == 0) { o.verify_all = 1; continue; }
        if (v == NULL) usage();
        if (strcmp(a, "--dir") == 0) o.dir = v;
        else if (strcmp(a, "--count") == 0) o.count = parse_number(a, v, -1, 1LL << 40);
        else if (strcmp(a, "--batch") == 0) o.batch = (unsigned)parse_number(a, v, 1, 1 << 20);
        else if (strcmp(a, "--payload") == 0) o.payload = (unsigned)parse_number(a, v, JOURNAL_MIN_PAYLOAD, JOURNAL_MAX_PAYLOAD);
        else if (strcmp(a, "--checkpoint-every") == 0) o.checkpoint_every = (unsigned)parse_number(a, v, 1, 1 << 30);
        else if (strcmp(a, "--rate") == 0) o.rate = (double)parse_number(a, v, 0, 1000000);
        else if (strcmp(a, "--seed") == 0) o.seed = (uint64_t)parse_number(a, v, 0, INT64_MAX);
        else if (strcmp(a, "--fault") == 0) o.fault = v;
        else if (strcmp(a, "--fault-after") == 0) o.fault_after = parse_number(a, v, 1, 1LL << 40);
        else if (strcmp(a, "--planted-bug") == 0 && strcmp(v, "skip-dir-fsync") == 0) planted_skip_dir_fsync = 1;
        else usage();
        i++;
    }
    if (o.dir == NULL)
        usage();
    if (o.fault != NULL && strcmp(o.fault, "segv-null") != 0 && strcmp(o.fault, "segv-stack") != 0 && strcmp(o.fault, "sigbus") != 0)
        die(2, "--fault expects segv-null, segv-stack or sigbus, got '%s'", o.fault);
    if (mkdir(o.dir, 0755) < 0 && errno != EEXIST)
        die(2, "cannot create %s: %s", o.dir, strerror(errno));

    journal j = { .fd = -1, .log_fd = -1 };
    path_in(j.log_path, sizeof j.log_path, o.dir, "journal.log");
    path_in(crash_marker_path, sizeof crash_marker_path, o.dir, "crash.marker");
    if (snprintf(crash_dir_path, sizeof crash_dir_path, "%s", o.dir) >= (int)sizeof crash_dir_path)
        die(2, "path too long: %s", o.dir);
    (void)crc32c(0, "", 0); /* builds the CRC table before any handler can run */
    open_log(&j);
    install_handlers();

    char path[4096];
    path_in(path, sizeof path, o.dir, "journal.dat");
    j.fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (j.fd < 0)
        die(2, "cannot open %s: %s", path, strerror(errno));
    /* A new journal.dat exists after a power cut only if its directory entry was synced. */
    sync_dir(o.dir, "creating journal.dat");

    recover(&j, &o);
    run(&j, &o);

    /* Clean exit, by signal or because --count records were appended: the checkpoint makes the
       next start replay nothing. */
    write_checkpoint(&j, &o);
    const char *reason = stop_signal == SIGTERM ? "sigterm" : stop_signal == SIGINT ? "sigint" : "done";
    printf("exit reason=%s seq=%" PRIu64 " offset=%" PRIu64 " state=%" PRId64 "\n", reason, j.last_seq, j.offset, j.state);
    fflush(stdout);
    log_line(&j, "exit reason=%s seq=%" PRIu64, reason, j.last_seq);
    path_in(path, sizeof path, o.dir, "running");
    unlink(path);
    close(j.fd);
    close(j.log_fd);
    close(wake_pipe[0]);
    close(wake_pipe[1]);
    return 0;
}
