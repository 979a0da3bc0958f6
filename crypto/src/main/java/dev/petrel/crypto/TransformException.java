package dev.petrel.crypto;

/**
 * A transform could not be created or used: an unsupported algorithm, a key of the wrong length, or a JCA
 * provider failure. Messages name the algorithm and the lengths involved, never key bytes.
 */
public class TransformException extends RuntimeException {
    public TransformException(String message) {
        super(message);
    }

    public TransformException(String message, Throwable cause) {
        super(message, cause);
    }
}
