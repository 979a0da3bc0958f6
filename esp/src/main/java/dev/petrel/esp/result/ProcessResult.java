package dev.petrel.esp.result;

import dev.petrel.esp.lifetime.LifetimeEvent;

/**
 * The outcome of processing one packet: where the result lies in the caller's buffer, or why it was dropped, and
 * any lifetime event the packet raised (a dropped packet can raise one too). A mutable object the caller reuses
 * per packet, so that processing allocates nothing; not thread-safe.
 */
public final class ProcessResult {
    private int offset;
    private int length;
    private DropReason dropReason;
    private LifetimeEvent lifetimeEvent;

    /** Clears the previous outcome; processing calls this first. */
    public void reset() {
        offset = 0;
        length = 0;
        dropReason = null;
        lifetimeEvent = null;
    }

    /** The packet was processed: the result is {@code buf[offset, offset+length)}. */
    public void accept(int offset, int length) {
        this.offset = offset;
        this.length = length;
    }

    /** Records a drop and returns false, so that callers can {@code return result.drop(...)}. */
    public boolean drop(DropReason reason) {
        dropReason = reason;
        return false;
    }

    /** Records a lifetime event; a hard event outranks a soft one raised by the same packet. */
    public void raise(LifetimeEvent event) {
        if (event != null && (lifetimeEvent == null || event instanceof LifetimeEvent.Hard)) {
            lifetimeEvent = event;
        }
    }

    /** True when the packet was processed and {@link #offset()}/{@link #length()} locate the result. */
    public boolean ok() {
        return dropReason == null;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** Why the packet was dropped; null when {@link #ok()}. */
    public DropReason dropReason() {
        return dropReason;
    }

    /** The lifetime event this packet raised, or null. */
    public LifetimeEvent lifetimeEvent() {
        return lifetimeEvent;
    }

    @Override
    public String toString() {
        return (ok() ? "ok[" + offset + "+" + length + "]" : "drop[" + dropReason + "]") + (lifetimeEvent == null ? "" : " " + lifetimeEvent);
    }
}
