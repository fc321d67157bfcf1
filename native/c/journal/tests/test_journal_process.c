/* Drives the real journal program (path in argv[1]) with signals: clean runs, SIGTERM/SIGINT
 * checkpoints, SIGKILL, SIGHUP log reopening, SIGSEGV/SIGBUS crash markers (including a stack
 * overflow, which needs the alternate signal stack), torn tails and refused corruption. */
#define _GNU_SOURCE
#include "journal_format.h"
#include "sm_check.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *program;
static char root[] = "/tmp/journal-process-XXXXXX";

typedef struct {
    pid_t pid;
    int out; /* the child's stdout */
    int err; /* the child's stderr */
    char text[1 << 16];
    size_t length;
    char errors[4096];
    size_t error_length;
} child;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void start(child *c, const char *dir, ...)
{
    const char *argv[32];
    int n = 0;
    argv[n++] = program;
    argv[n++] = "--dir";
    argv[n++] = dir;
    va_list args;
    va_start(args, dir);
    for (const char *a; (a = va_arg(args, const char *)) != NULL && n < 31;)
        argv[n++] = a;
    va_end(args);
    argv[n] = NULL;

    int out[2], err[2];
    if (pipe(out) < 0 || pipe(err) < 0) {
        perror("pipe");
        exit(2);
    }
    memset(c, 0, sizeof *c);
    c->pid = fork();
    if (c->pid == 0) {
        dup2(out[1], 1);
        dup2(err[1], 2);
        close(out[0]);
        close(out[1]);
        close(err[0]);
        close(err[1]);
        execv(program, (char *const *)argv);
        perror(program);
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    c->out = out[0];
    c->err = err[0];
}

/* Reads what the child has printed, for at most timeout_s; returns 0 at end of output. */
static int pump(child *c, double timeout_s)
{
    struct pollfd p[2] = { { .fd = c->out, .events = POLLIN }, { .fd = c->err, .events = POLLIN } };
    int rc = poll(p, 2, (int)(timeout_s * 1000));
    if (rc <= 0)
        return 1;
    int open_streams = 0;
    if (p[1].revents) {
        ssize_t n = read(c->err, c->errors + c->error_length, sizeof c->errors - 1 - c->error_length);
        if (n > 0) {
            c->error_length += (size_t)n;
            open_streams = 1;
        }
    }
    if (p[0].revents) {
        ssize_t n = read(c->out, c->text + c->length, sizeof c->text - 1 - c->length);
        if (n > 0) {
            c->length += (size_t)n;
            open_streams = 1;
        }
    }
    c->text[c->length] = '\0';
    c->errors[c->error_length] = '\0';
    return open_streams;
}

static int count_lines_starting(const child *c, const char *prefix)
{
    int n = 0;
    size_t len = strlen(prefix);
    for (const char *line = c->text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        if (strncmp(line, prefix, len) == 0)
            n++;
    return n;
}

/* Waits (with a deadline) until the child has printed at least `count` lines starting with prefix. */
static int wait_for_lines(child *c, const char *prefix, int count, double timeout_s)
{
    double deadline = now_s() + timeout_s;
    while (count_lines_starting(c, prefix) < count) {
        if (now_s() > deadline)
            return 0;
        if (pump(c, 0.1) == 0 && count_lines_starting(c, prefix) < count)
            return 0; /* output closed */
    }
    return 1;
}

static int finish(child *c)
{
    double deadline = now_s() + 20;
    while (pump(c, 0.2) != 0 && now_s() < deadline) {
    }
    int status;
    waitpid(c->pid, &status, 0);
    close(c->out);
    close(c->err);
    return status;
}

/* The value of key=… on the last line that starts with prefix, or -1. */
static long long last_value(const child *c, const char *prefix, const char *key)
{
    long long value = -1;
    size_t len = strlen(prefix);
    char pattern[64];
    snprintf(pattern, sizeof pattern, " %s=", key);
    for (const char *line = c->text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncmp(line, prefix, len) != 0)
            continue;
        const char *end = strchr(line, '\n');
        const char *at = strstr(line, pattern);
        if (at != NULL && (end == NULL || at < end))
            value = strtoll(at + strlen(pattern), NULL, 10);
    }
    return value;
}

static int has_text(const child *c, const char *text)
{
    return strstr(c->text, text) != NULL;
}

static void make_dir(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", root, name);
    mkdir(out, 0755);
}

static int run_to_end(child *c, const char *dir, ...)
{
    /* Only short argument lists are used here: --count N plus an optional flag. */
    va_list args;
    va_start(args, dir);
    const char *a[6] = { NULL };
    for (int i = 0; i < 5 && (a[i] = va_arg(args, const char *)) != NULL; i++) {
    }
    va_end(args);
    start(c, dir, a[0], a[1], a[2], a[3], a[4], NULL);
    return finish(c);
}

static void test_clean_run_and_restart(void)
{
    char dir[256];
    make_dir(dir, sizeof dir, "clean");
    child c;
    int status = run_to_end(&c, dir, "--count", "100", "--batch", "10", NULL);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d, stderr: %s", status, c.errors);
    CHECKF(last_value(&c, "exit", "seq") == 100, "exit line: %s", c.text);
    CHECKF(count_lines_starting(&c, "ack") == 10, "expected 10 acks: %s", c.text);

    status = run_to_end(&c, dir, "--count", "0", "--verify-all", NULL);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "restart status %d: %s", status, c.errors);
    CHECKF(has_text(&c, "previous_run=clean"), "%s", c.text);
    CHECKF(last_value(&c, "recovered", "last_seq") == 100 && last_value(&c, "recovered", "replayed") == 0
              && last_value(&c, "recovered", "discarded_bytes") == 0,
        "%s", c.text);
}

static void test_stop_signal_checkpoints(int signal_number, const char *reason)
{
    char dir[256];
    make_dir(dir, sizeof dir, reason);
    child c;
    start(&c, dir, "--count", "-1", "--batch", "4", "--rate", "200", "--checkpoint-every", "1000", NULL);
    CHECKF(wait_for_lines(&c, "ack", 3, 10), "no acks: %s %s", c.text, c.errors);
    kill(c.pid, signal_number);
    int status = finish(&c);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: status %d, stderr: %s", reason, status, c.errors);
    char expected[64];
    snprintf(expected, sizeof expected, "exit reason=%s", reason);
    CHECKF(has_text(&c, expected), "%s", c.text);
    long long seq = last_value(&c, "exit", "seq");
    CHECKF(seq > 0 && last_value(&c, "checkpoint", "seq") == seq, "the final checkpoint must cover the last record (%lld): %s", seq, c.text);
    CHECKF(last_value(&c, "ack", "seq") == seq, "the last batch must be acknowledged before exit: %s", c.text);

    int restart = run_to_end(&c, dir, "--count", "0", "--verify-all", NULL);
    CHECKF(WIFEXITED(restart) && WEXITSTATUS(restart) == 0, "restart: %s", c.errors);
    CHECKF(has_text(&c, "previous_run=clean") && last_value(&c, "recovered", "replayed") == 0
              && last_value(&c, "recovered", "last_seq") == seq,
        "after %s nothing is left to replay: %s", reason, c.text);
}

static void test_sigkill_keeps_acknowledged_records(void)
{
    char dir[256];
    make_dir(dir, sizeof dir, "kill");
    child c;
    start(&c, dir, "--count", "-1", "--batch", "4", NULL);
    CHECKF(wait_for_lines(&c, "ack", 5, 10), "no acks: %s", c.errors);
    kill(c.pid, SIGKILL);
    int status = finish(&c);
    CHECKF(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status %d", status);
    long long acked = last_value(&c, "ack", "seq");

    int restart = run_to_end(&c, dir, "--count", "0", "--verify-all", NULL);
    CHECKF(WIFEXITED(restart) && WEXITSTATUS(restart) == 0, "restart: %s", c.errors);
    CHECKF(has_text(&c, "previous_run=killed"), "%s", c.text);
    CHECKF(last_value(&c, "recovered", "last_seq") >= acked, "acknowledged %lld, recovered %s", acked, c.text);
}

static void test_sighup_reopens_the_log(void)
{
    char dir[256], log[300], rotated[300];
    make_dir(dir, sizeof dir, "hup");
    snprintf(log, sizeof log, "%s/journal.log", dir);
    snprintf(rotated, sizeof rotated, "%s/journal.log.1", dir);
    child c;
    start(&c, dir, "--count", "-1", "--batch", "2", "--rate", "100", NULL);
    CHECKF(wait_for_lines(&c, "ack", 1, 10), "no acks");
    CHECKF(rename(log, rotated) == 0, "rename: %s", strerror(errno));
    kill(c.pid, SIGHUP);
    double deadline = now_s() + 10;
    int reopened = 0;
    while (!reopened && now_s() < deadline) {
        FILE *f = fopen(log, "r");
        if (f != NULL) {
            char line[512];
            while (fgets(line, sizeof line, f))
                if (strstr(line, "log reopened on SIGHUP"))
                    reopened = 1;
            fclose(f);
        }
        pump(&c, 0.02);
    }
    CHECKF(reopened, "journal.log was not recreated after SIGHUP");
    kill(c.pid, SIGTERM);
    int status = finish(&c);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d", status);
}

static void test_crash_signal_writes_marker(const char *fault, int signal_number)
{
    char dir[256], marker[300];
    make_dir(dir, sizeof dir, fault);
    snprintf(marker, sizeof marker, "%s/crash.marker", dir);
    child c;
    start(&c, dir, "--count", "-1", "--batch", "8", "--fault", fault, "--fault-after", "20", NULL);
    int status = finish(&c);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 128 + signal_number, "%s: status %d (exited %d), stderr: %s", fault, status,
        WIFEXITED(status) ? WEXITSTATUS(status) : -1, c.errors);
    FILE *f = fopen(marker, "r");
    int sig = 0;
    unsigned long long seq = 0;
    CHECKF(f != NULL && fscanf(f, "signal=%d seq=%llu", &sig, &seq) == 2, "%s: no crash marker", fault);
    if (f)
        fclose(f);
    CHECKF(sig == signal_number && seq == 20, "%s: marker says signal=%d seq=%llu", fault, sig, seq);

    int restart = run_to_end(&c, dir, "--count", "0", "--verify-all", NULL);
    CHECKF(WIFEXITED(restart) && WEXITSTATUS(restart) == 0, "restart: %s", c.errors);
    char expected[64];
    snprintf(expected, sizeof expected, "previous_run=crashed crash_signal=%d", signal_number);
    CHECKF(has_text(&c, expected), "%s", c.text);
    /* The 20 records were written to the kernel before the crash: a process crash loses none of them. */
    CHECKF(last_value(&c, "recovered", "last_seq") == 20, "%s", c.text);
    CHECKF(access(marker, F_OK) != 0, "the marker must be cleared once reported");
}

static void test_torn_tail_is_quarantined_and_truncated(void)
{
    char dir[256], path[300];
    make_dir(dir, sizeof dir, "torn");
    child c;
    int status = run_to_end(&c, dir, "--count", "50", "--payload", "32", NULL);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d", status);
    const long long record = JOURNAL_HEADER_SIZE + 32, valid = 50 * record;

    /* Half a record at the end, as a kill between the header write and the payload write leaves it. */
    uint8_t payload[32], bytes[JOURNAL_HEADER_SIZE + 32];
    journal_make_payload(payload, 32, 1, 51);
    journal_encode(bytes, 51, payload, 32);
    snprintf(path, sizeof path, "%s/journal.dat", dir);
    int fd = open(path, O_WRONLY | O_APPEND);
    CHECKF(fd >= 0 && write(fd, bytes, 30) == 30, "append");
    close(fd);

    status = run_to_end(&c, dir, "--count", "0", "--verify-all", NULL);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "restart: %s", c.errors);
    CHECKF(last_value(&c, "recovered", "last_seq") == 50 && last_value(&c, "recovered", "discarded_bytes") == 30
              && last_value(&c, "recovered", "discarded_records") == 1 && has_text(&c, "stop=short-payload"),
        "%s", c.text);
    struct stat st;
    CHECKF(stat(path, &st) == 0 && st.st_size == valid, "journal.dat must be truncated to %lld bytes", valid);
    char quarantined[320];
    snprintf(quarantined, sizeof quarantined, "%s/discarded-%lld.0.bin", dir, valid);
    CHECKF(stat(quarantined, &st) == 0 && st.st_size == 30, "the torn tail must be kept in %s", quarantined);
}

static void test_damage_under_the_checkpoint_is_refused(void)
{
    char dir[256], path[300];
    make_dir(dir, sizeof dir, "refuse");
    child c;
    int status = run_to_end(&c, dir, "--count", "40", NULL);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d", status);
    snprintf(path, sizeof path, "%s/journal.dat", dir);
    int fd = open(path, O_RDWR);
    uint8_t b;
    const off_t at = 3 * (JOURNAL_HEADER_SIZE + 32) + JOURNAL_HEADER_SIZE + 9; /* inside record 4's payload */
    CHECKF(pread(fd, &b, 1, at) == 1, "pread");
    b ^= 0x04;
    CHECKF(pwrite(fd, &b, 1, at) == 1, "pwrite");
    close(fd);

    status = run_to_end(&c, dir, "--count", "0", "--verify-all", NULL);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 3, "damage under the checkpoint must exit 3, got %d", status);
    CHECKF(strstr(c.errors, "offset 156 (seq 4)") && strstr(c.errors, "crc-mismatch") && strstr(c.errors, "refusing"),
        "the error must name the record: %s", c.errors);
    struct stat st;
    CHECKF(stat(path, &st) == 0 && st.st_size == 40 * (JOURNAL_HEADER_SIZE + 32), "nothing may be truncated");

    /* A journal shorter than its checkpoint: checkpointed records are gone, which is not a torn tail. */
    CHECKF(truncate(path, 100) == 0, "truncate");
    status = run_to_end(&c, dir, "--count", "0", NULL);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 3 && strstr(c.errors, "checkpointed records are missing"),
        "status %d: %s", status, c.errors);
}

static void test_bad_arguments_are_named(void)
{
    char dir[256];
    make_dir(dir, sizeof dir, "usage");
    child c;
    int status = run_to_end(&c, dir, "--batch", "0", NULL);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 2 && strstr(c.errors, "--batch expects an integer in [1,"), "%s", c.errors);
    status = run_to_end(&c, dir, "--fault", "sigfpe", NULL);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 2 && strstr(c.errors, "segv-null, segv-stack or sigbus"), "%s", c.errors);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_journal_process PATH_TO_JOURNAL\n");
        return 2;
    }
    program = argv[1];
    if (mkdtemp(root) == NULL) {
        perror("mkdtemp");
        return 2;
    }
    test_clean_run_and_restart();
    test_stop_signal_checkpoints(SIGTERM, "sigterm");
    test_stop_signal_checkpoints(SIGINT, "sigint");
    test_sigkill_keeps_acknowledged_records();
    test_sighup_reopens_the_log();
    test_crash_signal_writes_marker("segv-null", SIGSEGV);
    test_crash_signal_writes_marker("segv-stack", SIGSEGV);
    test_crash_signal_writes_marker("sigbus", SIGBUS);
    test_torn_tail_is_quarantined_and_truncated();
    test_damage_under_the_checkpoint_is_refused();
    test_bad_arguments_are_named();

    char command[512];
    snprintf(command, sizeof command, "rm -rf '%s'", root);
    if (system(command) != 0)
        fprintf(stderr, "could not remove %s\n", root);
    return check_summary("journal process");
}
