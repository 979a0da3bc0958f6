package dev.petrel.ike.engine;

import dev.petrel.ike.event.IkeEvent;

/** Report an event: the gateway logs, counts or shows it. */
public record Event(IkeEvent event) implements Action {}
