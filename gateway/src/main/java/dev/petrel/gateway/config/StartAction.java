package dev.petrel.gateway.config;

/** What the gateway does with a child when the configuration is loaded (swanctl's {@code start_action}). */
public enum StartAction {
    /** Nothing: the child comes when the peer asks or an operator initiates it ({@code none}, {@code clear}). */
    NONE,
    /** A trap policy: the first packet that matches negotiates the child ({@code trap}, {@code route}). */
    TRAP,
    /** Initiate the connection with this child at once ({@code start}, {@code restart}). */
    START
}
