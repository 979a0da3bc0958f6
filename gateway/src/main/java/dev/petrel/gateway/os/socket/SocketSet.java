package dev.petrel.gateway.os.socket;

import dev.petrel.gateway.os.linux.Libc;
import dev.petrel.gateway.os.linux.WakeableFd;
import java.io.IOException;
import java.util.List;

/**
 * Sockets one thread serves: one poll(2) tells which of them have datagrams waiting, so that the thread receives only
 * from those instead of trying each. Closing any of them wakes the wait with
 * {@link java.nio.channels.AsynchronousCloseException}. Confined to one thread.
 */
public final class SocketSet {
    private final BatchSocket[] sockets;
    private final WakeableFd[] fds;

    public SocketSet(List<? extends BatchSocket> sockets) {
        this.sockets = sockets.toArray(BatchSocket[]::new);
        this.fds = new WakeableFd[this.sockets.length];
        if (this.sockets.length > WakeableFd.MAX_WAIT_SET) {
            throw new IllegalArgumentException("at most " + WakeableFd.MAX_WAIT_SET + " sockets, got " + this.sockets.length);
        }
    }

    public int size() {
        return sockets.length;
    }

    public BatchSocket get(int i) {
        return sockets[i];
    }

    /**
     * Waits at most {@code timeoutMillis} (0: not at all) until some sockets have datagrams waiting, marks them in
     * {@code ready} (indexed as the sockets), and returns how many.
     */
    public int poll(int timeoutMillis, boolean[] ready) throws IOException {
        int entered = 0;
        try {
            for (; entered < sockets.length; entered++) {
                fds[entered] = sockets[entered].descriptor();
                fds[entered].enter();
            }
            return WakeableFd.awaitAny(fds, Libc.POLLIN, timeoutMillis, ready);
        } finally {
            for (int i = 0; i < entered; i++) {
                fds[i].exit();
            }
        }
    }
}
