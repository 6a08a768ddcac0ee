// Linux's anonymous inodes (eventfd, timerfd, signalfd): one device for all of them, and an inode
// number of their own for each object, so that (st_dev, st_ino) tells two objects apart.
import { nextDeviceId } from './stat.js';

export const ANON_DEV = nextDeviceId();
let nextIno = 1n;

/** A fresh inode number on the anonymous device. */
export function nextAnonIno(): bigint {
  return nextIno++;
}
