package dev.petrel.crypto.registry;

import java.util.Objects;

/**
 * The requirement level an RFC gives one transform (at one key length) in one protocol.
 *
 * @param grade the level for general use
 * @param iotGrade the level for interoperability with IoT devices; equal to {@code grade} unless the RFC marks the
 *     row "(IoT)" and its text sets a different level outside IoT (AES-XCBC: SHOULD for IoT, MAY otherwise)
 * @param reference the RFC section that says so, e.g. {@code RFC 8247 §2.2}
 * @param note the qualifier the RFC attaches (key lengths, IoT, AEAD-only), or why the transform is not graded;
 *     empty when there is none
 */
public record Grading(Grade grade, Grade iotGrade, String reference, String note) {
    public Grading {
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(iotGrade, "iotGrade");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(note, "note");
    }

    static Grading of(Grade grade, String reference) {
        return new Grading(grade, grade, reference, "");
    }

    static Grading of(Grade grade, String reference, String note) {
        return new Grading(grade, grade, reference, note);
    }

    static Grading unspecified(String reference, String note) {
        return of(Grade.UNSPECIFIED, reference, note);
    }
}
