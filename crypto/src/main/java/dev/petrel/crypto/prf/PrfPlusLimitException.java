package dev.petrel.crypto.prf;

import dev.petrel.crypto.TransformException;

/** More key material was asked of prf+ than its 255 iterations can give (RFC 7296 §2.13). */
public final class PrfPlusLimitException extends TransformException {
    public PrfPlusLimitException(int requested, int available) {
        super("prf+ can produce " + available + " more octets (255 iterations at most), " + requested + " were asked");
    }
}
