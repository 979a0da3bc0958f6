package dev.petrel.testkit.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads Project Wycheproof vector files from {@code ../shared/vectors/wycheproof}. */
public final class Wycheproof {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Wycheproof() {}

    /** One test with the group it belongs to (groups carry shared parameters such as key and tag sizes). */
    public record Case(String file, JsonNode group, JsonNode test) {
        public int id() {
            return test.get("tcId").asInt();
        }

        /** {@code valid}, {@code invalid} or {@code acceptable}. */
        public String result() {
            return test.get("result").asText();
        }

        public boolean isValid() {
            return "valid".equals(result());
        }

        public boolean isInvalid() {
            return "invalid".equals(result());
        }

        public List<String> flags() {
            List<String> flags = new ArrayList<>();
            test.path("flags").forEach(f -> flags.add(f.asText()));
            return flags;
        }

        /** A hex field of the test, else of the group. */
        public byte[] bytes(String field) {
            JsonNode n = test.has(field) ? test.get(field) : group.get(field);
            if (n == null) {
                throw new IllegalArgumentException(file + " #" + id() + " has no field " + field);
            }
            return Hex.decode(n.asText());
        }

        /**
         * The test's key followed by the first 4 octets of its 12-octet IV: the keying material of an ESP/IKEv2 AEAD
         * (RFC 4106 §8.1, RFC 7634 §2), whose nonce is that salt and the 8-octet explicit IV.
         */
        public byte[] keyWithSalt() {
            byte[] key = bytes("key");
            byte[] keyMaterial = Arrays.copyOf(key, key.length + 4);
            System.arraycopy(bytes("iv"), 0, keyMaterial, key.length, 4);
            return keyMaterial;
        }

        /** An integer field of the group, e.g. {@code keySize} or {@code tagSize}. */
        public int groupInt(String field) {
            return group.get(field).asInt();
        }

        @Override
        public String toString() {
            return file + " #" + id() + " (" + result() + ") " + test.path("comment").asText();
        }
    }

    public static Path dir() {
        return ProjectPaths.shared().resolve("vectors").resolve("wycheproof");
    }

    /** Every test of every group in {@code file}, e.g. {@code aes_gcm_test.json}. */
    public static List<Case> cases(String file) {
        try {
            JsonNode root = JSON.readTree(Files.readString(dir().resolve(file)));
            List<Case> out = new ArrayList<>();
            for (JsonNode group : root.get("testGroups")) {
                for (JsonNode test : group.get("tests")) {
                    out.add(new Case(file, group, test));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Wycheproof file " + file, e);
        }
    }
}
