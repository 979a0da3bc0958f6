package dev.petrel.ike.engine;

/** What the engine asks its I/O shell to do. */
public sealed interface Action permits SendDatagram, InstallChildSa, ActivateChildSa, RemoveChildSa,
        TrapChild, Event {}
