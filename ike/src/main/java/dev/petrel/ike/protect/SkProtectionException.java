package dev.petrel.ike.protect;

/** An SK payload that fails to open: too short, wrong ICV, or bad padding. The message says which, nothing more. */
public final class SkProtectionException extends Exception {
    public SkProtectionException(String message) {
        super(message);
    }
}
