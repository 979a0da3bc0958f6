/**
 * The gateway's Linux I/O through the Foreign Function & Memory API (no JNI): {@code tun} (TUN devices),
 * {@code socket} (UDP and raw ESP sockets with recvmmsg/sendmmsg batches), {@code route} (routes tagged with
 * Petrel's routing protocol number), over a small binding of libc ({@code linux}) and rtnetlink ({@code netlink}).
 *
 * <p>Namespaces: a device or socket belongs to the network namespace of the thread that opened it, and so does
 * everything done through it later, from any thread.
 *
 * <p>Shutdown: descriptors are non-blocking; a call that must wait does so in poll(2) on its descriptor and on an
 * eventfd that {@code close()} signals, so {@code close()} from any thread makes blocked calls throw
 * {@link java.nio.channels.AsynchronousCloseException}. A thread interrupt does not wake poll(2): use close(), or the
 * variants with a timeout. Use platform threads for these calls (a downcall pins a virtual thread's carrier).
 *
 * <p>Errors: a failing system call is an {@link dev.petrel.gateway.os.linux.ErrnoException} naming the call and the
 * errno. The JVM needs {@code --enable-native-access=ALL-UNNAMED}.
 */
package dev.petrel.gateway.os;
