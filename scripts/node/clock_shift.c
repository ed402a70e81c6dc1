/*
 * clock_shift: an LD_PRELOAD shim that moves a development node's wall clock
 * forward, so that a local chain can reach deadlines days away (a tender's
 * bidding window is at least 7 days) without waiting for them.
 *
 * Only CLOCK_REALTIME (and gettimeofday) is shifted: the node stamps each
 * block with the wall clock, so blocks sealed after a shift carry later
 * timestamps. Monotonic clocks, which timers and the networking rely on, are
 * left alone. The shift is a number of milliseconds read from the file named
 * by CLOCK_SHIFT_FILE (absent or unreadable file: no shift), re-read at most
 * every 200 ms of monotonic time. The file may only grow: a chain refuses
 * timestamps that go back.
 *
 * No libc call that may allocate or take locks is used here: the shim talks
 * to the kernel with raw system calls, so it is safe to run inside any
 * allocator or thread of the host process.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile long long shift_ms;
static volatile long long checked_at_ns = -1;

static long raw_clock(clockid_t id, struct timespec *ts) {
    return syscall(SYS_clock_gettime, id, ts);
}

/* Parses the decimal number at the start of the file; 0 on any error. */
static long long read_shift(void) {
    const char *path = getenv("CLOCK_SHIFT_FILE");
    if (path == NULL) return 0;
    int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    char buf[32];
    long n = syscall(SYS_read, fd, buf, sizeof buf - 1);
    syscall(SYS_close, fd);
    if (n <= 0) return 0;
    long long value = 0;
    for (long i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; i++) {
        value = value * 10 + (buf[i] - '0');
    }
    return value;
}

static long long current_shift_ms(void) {
    struct timespec mono;
    if (raw_clock(CLOCK_MONOTONIC, &mono) != 0) return shift_ms;
    long long now = (long long)mono.tv_sec * 1000000000LL + mono.tv_nsec;
    if (checked_at_ns < 0 || now - checked_at_ns > 200000000LL) {
        shift_ms = read_shift();
        checked_at_ns = now;
    }
    return shift_ms;
}

int clock_gettime(clockid_t id, struct timespec *ts) {
    long rc = raw_clock(id, ts);
    if (rc != 0) return (int)rc;
    if (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE) {
        long long shift = current_shift_ms();
        ts->tv_sec += shift / 1000;
        ts->tv_nsec += (shift % 1000) * 1000000L;
        if (ts->tv_nsec >= 1000000000L) {
            ts->tv_sec += 1;
            ts->tv_nsec -= 1000000000L;
        }
    }
    return 0;
}

int gettimeofday(struct timeval *tv, void *tz) {
    (void)tz;
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0) return -1;
    if (tv != NULL) {
        tv->tv_sec = ts.tv_sec;
        tv->tv_usec = ts.tv_nsec / 1000;
    }
    return 0;
}
