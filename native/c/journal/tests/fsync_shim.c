/* An LD_PRELOAD shim for test_journal_fsync_order: records, in the order the program makes them, the calls that
 * decide what survives a power cut — files created, fsync/fdatasync (of files and folders), ftruncate, rename,
 * unlink — one line each ("create /abs/path", "fsync /abs/dir", …) appended to the file named by
 * SM_FSYNC_LOG. Each call is passed on to the real one unchanged. Lines are written with one write(2) to an
 * O_APPEND descriptor, so the signal handler's calls are recorded too. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int log_fd = -2; /* -2: not opened yet; -1: no SM_FSYNC_LOG */

static void *real(const char *name)
{
    void *f = dlsym(RTLD_NEXT, name);
    if (!f) {
        static const char msg[] = "fsync_shim: a libc symbol is missing\n";
        if (write(2, msg, sizeof msg - 1) < 0) {
        }
        _exit(97);
    }
    return f;
}

static void record(const char *op, const char *path)
{
    int saved = errno;
    if (log_fd == -2) {
        const char *file = getenv("SM_FSYNC_LOG");
        int (*open_real)(const char *, int, ...) = real("open");
        log_fd = file ? open_real(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644) : -1;
    }
    if (log_fd >= 0) {
        char line[4200];
        int n = snprintf(line, sizeof line, "%s %s\n", op, path);
        if (n > 0 && write(log_fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1) < 0) {
        }
    }
    errno = saved;
}

/* The absolute path behind a descriptor (what it names now, through /proc). */
static void record_fd(const char *op, int fd)
{
    int saved = errno;
    char link[64], target[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    target[n > 0 ? n : 0] = '\0';
    errno = saved;
    record(op, n > 0 ? target : "?");
}

static int opened(const char *path, int flags, int existed, int fd)
{
    if (fd >= 0 && (flags & O_CREAT) && !existed) record_fd("create", fd);
    (void)path;
    return fd;
}

static int exists(const char *path)
{
    int saved = errno;
    struct stat st;
    int rc = stat(path, &st) == 0;
    errno = saved;
    return rc;
}

int open(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    int existed = (flags & O_CREAT) ? exists(path) : 1;
    int (*f)(const char *, int, ...) = real("open");
    return opened(path, flags, existed, f(path, flags, mode));
}

int open64(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    int existed = (flags & O_CREAT) ? exists(path) : 1;
    int (*f)(const char *, int, ...) = real("open64");
    return opened(path, flags, existed, f(path, flags, mode));
}

int fsync(int fd)
{
    record_fd("fsync", fd);
    int (*f)(int) = real("fsync");
    return f(fd);
}

int fdatasync(int fd)
{
    record_fd("fdatasync", fd);
    int (*f)(int) = real("fdatasync");
    return f(fd);
}

int ftruncate(int fd, off_t length)
{
    record_fd("ftruncate", fd);
    int (*f)(int, off_t) = real("ftruncate");
    return f(fd, length);
}

int ftruncate64(int fd, off_t length)
{
    record_fd("ftruncate", fd);
    int (*f)(int, off_t) = real("ftruncate64");
    return f(fd, length);
}

int rename(const char *from, const char *to)
{
    int (*f)(const char *, const char *) = real("rename");
    int rc = f(from, to);
    if (rc == 0) record("rename", to);
    return rc;
}

int unlink(const char *path)
{
    int (*f)(const char *) = real("unlink");
    int rc = f(path);
    if (rc == 0) record("unlink", path);
    return rc;
}
