package dev.petrel.testkit.sim;

/**
 * What a {@link SimulatedNetwork} did so far. {@code sent} counts {@link SimulatedNetwork#send} calls; each is either
 * {@code dropped} or scheduled once, plus once more when {@code duplicated}. A scheduled copy is {@code delivered}, or
 * {@code undeliverable} when no host is attached at its destination.
 */
public record Counters(long sent, long delivered, long dropped, long duplicated, long undeliverable) {}
