import type { L4posixContext } from './l4posix.js';
export declare const descriptorCalls: {
    /**
     * pipe2(fds, flags): a new pipe's read and write ends at the two lowest free descriptors.
     * Flags: O_NONBLOCK (on both descriptions), O_CLOEXEC (on both descriptors); others -EINVAL.
     * -EFAULT for a bad array, -EMFILE when the table is full.
     */
    pipe(c: L4posixContext, fdsPtr: number, flags: number): number;
    /** dup: the lowest free descriptor, sharing the description (close-on-exec clear); -EBADF, -EMFILE. */
    dup(c: L4posixContext, fd: number): number;
    /**
     * dup3(old, new, flags): `new` becomes a copy of `old`, closing what it was. -EINVAL for flags
     * other than O_CLOEXEC or old == new (dup2 answers that case itself), -EBADF for a bad `old` or a
     * `new` beyond RLIMIT_NOFILE.
     */
    dup3(c: L4posixContext, oldFd: number, newFd: number, flags: number): number;
    /**
     * fcntl: F_DUPFD/F_DUPFD_CLOEXEC (lowest free >= arg; -EINVAL beyond RLIMIT_NOFILE),
     * F_GETFD/F_SETFD (FD_CLOEXEC), F_GETFL/F_SETFL (O_APPEND, O_NONBLOCK), F_GETPIPE_SZ,
     * F_GETLK/F_SETLK/F_SETLKW (record locks, `arg` points to a struct flock). -EBADF for
     * a descriptor that is not open, -EINVAL for other commands.
     */
    fcntl(c: L4posixContext, fd: number, cmd: number, arg: number): number;
    /**
     * ioctl: FIONREAD (bytes readable now), FIONBIO, FIOCLEX/FIONCLEX; on terminals TIOCGWINSZ,
     * TIOCSWINSZ and TCGETS/TCSETS*. -EBADF, -EFAULT, -ENOTTY for terminal requests on other files
     * and for requests l4wasm does not know.
     */
    ioctl(c: L4posixContext, fd: number, req: number, arg: number): number;
    /** isatty: 1 for a terminal, -ENOTTY for another file, -EBADF. */
    isatty(c: L4posixContext, fd: number): number;
    /** tcgetattr: the process's terminal settings; -EBADF, -ENOTTY, -EFAULT. */
    tcgetattr(c: L4posixContext, fd: number, ptr: number): number;
    /**
     * tcsetattr(fd, TCSANOW | TCSADRAIN | TCSAFLUSH, termios): records the settings (output never
     * waits, so DRAIN is NOW; FLUSH discards unread input). -EINVAL for another action.
     */
    tcsetattr(c: L4posixContext, fd: number, action: number, ptr: number): number;
    /** tcflush(fd, TCIFLUSH | TCOFLUSH | TCIOFLUSH): unread input is discarded (output is never queued). */
    tcflush(c: L4posixContext, fd: number, queue: number): number;
};
