// Descriptors and the terminal through tests/posix/fixtures/fd.c: pipe, pipe2, dup, dup2, dup3,
// fcntl, ioctl, isatty, tcgetattr/tcsetattr. Standard input is never a terminal here; /dev/tty,
// the machine console, is.
import { beforeAll, describe, expect, it } from 'vitest';
import { build, lines, run } from './run.js';

let fd: string;
beforeAll(async () => { fd = await build('tests/posix/fixtures/fd.c'); }, 120_000);

describe('descriptors', () => {
  it('pipe: bytes in order, EOF after the last writer, EPIPE without readers, EFAULT, EMFILE', async () => {
    const r = await run(fd, ['pipe']);
    expect(r.stdout).toBe(lines(
      'pipe: ok', 'lowest free descriptors: ok', 'write: ok', "read: 16 'through the pipe'",
      'read end is not writable: EBADF', 'write end is not readable: EBADF', 'lseek on a pipe: ESPIPE',
      'close write end: ok', 'read after the writer closed: 0', 'write without readers: EPIPE',
      'pipe bad address: EFAULT', 'pipes until the table is full: EMFILE'));
  });

  it('pipe2: O_NONBLOCK on the descriptions, O_CLOEXEC on the descriptors, EINVAL for other flags', async () => {
    const r = await run(fd, ['pipe2']);
    expect(r.stdout).toBe(lines(
      'pipe2 O_NONBLOCK: ok', 'read empty nonblocking pipe: EAGAIN', 'O_NONBLOCK on both ends: ok', 'no FD_CLOEXEC: ok',
      'nonblocking write into 64 KiB: 65536', 'write to a full nonblocking pipe: EAGAIN', 'pipe2 O_CLOEXEC: ok',
      'FD_CLOEXEC on both: ok', 'blocking: ok', 'pipe2 unknown flag: EINVAL'));
  });

  it('dup: the lowest free descriptor, sharing the file, without FD_CLOEXEC; EBADF', async () => {
    const r = await run(fd, ['dup']);
    expect(r.stdout).toBe(lines(
      'dup: ok', 'lowest free descriptor: ok', "read: 'via dup'", 'EOF once every copy is closed: ok',
      'dup clears FD_CLOEXEC: ok', 'dup bad fd: EBADF', 'dup -1: EBADF'));
  });

  it('dup2: redirects stdout into a pipe; onto itself; EBADF for bad descriptors and targets', async () => {
    const r = await run(fd, ['dup2']);
    expect(r.stdout).toBe(lines(
      'dup2 onto stdout: ok', "read back from the pipe: 29 'this line goes into the pipe'",
      'dup2 onto itself: ok', 'returns the descriptor: ok', 'dup2 bad fd onto itself: EBADF', 'dup2 bad source: EBADF',
      'dup2 negative target: EBADF', 'dup2 target beyond RLIMIT_NOFILE: EBADF', 'dup2 to a high descriptor: ok',
      'dup2 clears FD_CLOEXEC: ok'));
  });

  it('dup3: O_CLOEXEC; EINVAL onto itself or for other flags; EBADF', async () => {
    const r = await run(fd, ['dup3']);
    expect(r.stdout).toBe(lines(
      'dup3 O_CLOEXEC: ok', 'FD_CLOEXEC set: ok', 'dup3 no flags: ok', 'FD_CLOEXEC clear: ok', 'dup3 onto itself: EINVAL',
      'dup3 unknown flag: EINVAL', 'dup3 bad fd: EBADF'));
  });

  it('fcntl: F_DUPFD(_CLOEXEC), F_GETFD/F_SETFD, F_GETFL/F_SETFL with O_NONBLOCK and O_APPEND', async () => {
    const r = await run(fd, ['fcntl']);
    expect(r.stdout).toBe(lines(
      'F_DUPFD: ok', 'lowest free >= 10: ok', 'F_DUPFD next: ok', 'F_DUPFD_CLOEXEC: ok', 'with FD_CLOEXEC: ok',
      'F_DUPFD negative: EINVAL', 'F_DUPFD beyond RLIMIT_NOFILE: EINVAL', 'F_GETFD: 0', 'F_SETFD FD_CLOEXEC: ok',
      'F_GETFD after: 1', 'close-on-exec is per descriptor: ok', 'F_SETFL O_NONBLOCK: ok', 'F_GETFL O_NONBLOCK: ok',
      'status flags are shared by dup: ok', 'read would block: EAGAIN', 'F_GETFL access mode of the read end: ok',
      'F_GETFL access mode of the write end: ok', 'F_SETFL O_APPEND: ok', 'append wrote at the end: abcd',
      'F_SETFL ignores the access mode: ok', 'still read-write: ok', 'open with O_CLOEXEC: ok', 'F_GETPIPE_SZ: 65536', 'F_GETFD bad fd: EBADF',
      'F_GETFL bad fd: EBADF', 'unknown command: EINVAL'));
  });

  it('ioctl: FIONREAD, FIONBIO, FIOCLEX; TIOCGWINSZ only on terminals (ENOTTY elsewhere)', async () => {
    const r = await run(fd, ['ioctl']);
    expect(r.stdout).toBe(lines(
      'FIONREAD empty pipe: ok', 'FIONREAD: 0', 'FIONREAD after 5 bytes: 5', 'FIONREAD file at offset 4 of 10: 6',
      'FIONREAD bad address: EFAULT', 'FIONBIO: ok', 'sets O_NONBLOCK: ok', 'FIOCLEX: ok', 'sets FD_CLOEXEC: ok',
      'FIONCLEX: ok', 'TIOCGWINSZ on a pipe: ENOTTY', 'TIOCGWINSZ on a file: ENOTTY',
      'TIOCGWINSZ on stdin (not a terminal): ENOTTY', 'TIOCGWINSZ on /dev/tty: ok', 'window: 24 rows, 80 columns',
      'TIOCSWINSZ: ok', 'window now: 50 rows, 132 columns', 'unknown request: ENOTTY', 'bad fd: EBADF'));
  });
});

describe('terminal', () => {
  it('isatty: 1 for /dev/tty; 0 with ENOTTY for pipes, files, /dev/null; EBADF', async () => {
    const r = await run(fd, ['isatty']);
    expect(r.stdout).toBe(lines(
      'isatty /dev/tty: 1', 'isatty stdin (not a terminal): 0 ENOTTY', 'isatty pipe: 0 ENOTTY', 'isatty file: 0 ENOTTY',
      'isatty /dev/null: 0 ENOTTY', 'isatty bad fd: 0 EBADF'));
  });

  it('tcgetattr/tcsetattr: raw mode and back; ENOTTY, EBADF, EINVAL, EFAULT', async () => {
    const r = await run(fd, ['termios']);
    expect(r.stdout).toBe(lines(
      'tcgetattr: ok', 'canonical: yes, echo: yes, VMIN 1, speed B38400: yes', 'tcsetattr raw: ok',
      'raw: canonical no, echo no, isig no, opost no', 'tcsetattr TCSAFLUSH restores: ok', 'restored: ok', 'TCGETS: ok',
      'tcsetattr TCSADRAIN: ok', 'tcsetattr bad action: EINVAL', 'tcgetattr on stdin (not a terminal): ENOTTY',
      'tcsetattr on a file: ENOTTY', 'tcgetattr bad fd: EBADF', 'tcgetattr bad address: EFAULT', 'tcflush: ok',
      'tcflush bad queue: EINVAL', 'tcdrain: ok', 'tcdrain on stdin (not a terminal): ENOTTY', 'cfsetospeed B9600: ok',
      'speed B9600: ok', 'cfsetospeed bad speed: EINVAL'));
  });
});
