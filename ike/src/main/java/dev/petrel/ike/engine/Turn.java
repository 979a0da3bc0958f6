package dev.petrel.ike.engine;

import dev.petrel.ike.event.IkeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One call into the engine: the time it happens at and the actions it produces, in order. */
final class Turn {
    final Instant now;
    private final List<Action> actions = new ArrayList<>();

    Turn(Instant now) {
        this.now = now;
    }

    void emit(Action action) {
        actions.add(action);
    }

    void event(IkeEvent event) {
        actions.add(new Event(event));
    }

    List<Action> actions() {
        return List.copyOf(actions);
    }
}
